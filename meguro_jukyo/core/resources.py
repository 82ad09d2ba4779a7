"""Where the shipped reference data lives: ``meguro_jukyo/resources/``, inside the package.

The data sits under the package (not beside it in the repository) so that a wheel, an
editable checkout and the frozen app all find it the same way, through ``importlib.resources``.
The app needs real paths (Alembic, ``QTranslator.load``), so the traversable is turned into a
``Path``: that holds for every layout the app ships in (site-packages, a checkout, PyInstaller's
one-folder build); a zipped install is not one of them.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

RESOURCES_DIR = Path(str(files("meguro_jukyo") / "resources"))


def resource_path(*parts: str) -> Path:
    return RESOURCES_DIR.joinpath(*parts)


def load_json(name: str) -> dict:
    with resource_path(name).open(encoding="utf-8") as fh:
        return json.load(fh)
