"""What the app says about itself: its version, licence and where it keeps its files."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version as installed_version
from pathlib import Path

from platformdirs import user_data_path

from .. import __version__

DISTRIBUTION = "meguro-jukyo"
LICENCE = "MIT"


def version() -> str:
    """The installed distribution's version; the package's own when there is no installed
    metadata (run from a plain copy of the source, or frozen without it)."""
    try:
        return installed_version(DISTRIBUTION)
    except PackageNotFoundError:
        return __version__


def data_folder() -> Path:
    """The per-user folder for the default store, the device key and the workstation file."""
    return user_data_path("meguro_jukyo", appauthor=False)
