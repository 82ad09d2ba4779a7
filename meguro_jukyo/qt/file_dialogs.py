"""File dialogs that start where the user last was, per kind of file.

Every save and open dialog of the app goes through here with a *kind* (``excel``, ``opendata``,
``sync``, ``card``, ``handover``, ``report``, ``chart``, ``minutes``): the folder chosen last time
for that kind is where the next dialog of that kind opens, kept in the app's settings; the
first time, it is the user's Documents folder (never the program's working folder, which for
the frozen app is where it was installed).

The settings are the app's own (:func:`meguro_jukyo.qt.settings.install`, called by the main
window with the :class:`~meguro_jukyo.qt.settings.Settings` it was given; tests give a temporary
one); with none installed, dialogs start in Documents and remember nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from . import settings as app_settings


def start_folder(kind: str) -> str:
    """Where a dialog of ``kind`` opens: the last folder chosen for it, if it still exists."""
    settings = app_settings.current()
    last = settings.last_folder(kind) if settings is not None else ""
    if last and Path(last).is_dir():
        return last
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def remember(kind: str, chosen: str) -> None:
    """Keep the folder of ``chosen`` (a file, or a folder itself) for the next dialog of ``kind``."""
    settings = app_settings.current()
    if not chosen or settings is None:
        return
    path = Path(chosen)
    settings.remember_folder(kind, str(path if path.is_dir() else path.parent))


def save_path(parent: QWidget, kind: str, title: str, file_name: str, filters: str) -> tuple[str, str]:
    """A save dialog proposing ``file_name`` in the kind's folder: (path or "", filter chosen)."""
    path, chosen = QFileDialog.getSaveFileName(parent, title, str(Path(start_folder(kind)) / file_name), filters)
    remember(kind, path)
    return path, chosen


def open_path(parent: QWidget, kind: str, title: str, filters: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, start_folder(kind), filters)
    remember(kind, path)
    return path


def open_paths(parent: QWidget, kind: str, title: str, filters: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, start_folder(kind), filters)
    if paths:
        remember(kind, paths[0])
    return paths


def folder_path(parent: QWidget, kind: str, title: str) -> str:
    folder = QFileDialog.getExistingDirectory(parent, title, start_folder(kind))
    remember(kind, folder)
    return folder
