"""An environment for running an installed copy of the app as a new user would, away from the
checkout: no PYTHONPATH (so the checkout is not imported), a fresh home and data folders."""

from __future__ import annotations

import os
from pathlib import Path


def user_env(home: Path) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MEGURO_JUKYO_DB", "PYTHONHOME")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
    return env
