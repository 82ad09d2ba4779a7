"""Start the desktop app: translations, the store, the main window, background maintenance.

A store that cannot be opened (locked by another window, corrupt, from a newer version) is
explained in a message box and the app exits with status 1 — never a traceback.
"""

from __future__ import annotations

import getpass
import os
import sys
import traceback

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from .core.db import ENV_DB, Store, resolve_location
from .core.errors import StoreError, StoreLocked

translate = QCoreApplication.translate


def holder_name() -> str:
    """How this window is named to a second one that finds the store locked."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return f"meguro-jukyo desktop ({user})"


def store_location(db: str | None, saved: str) -> str:
    """--db, then the environment variable, then the location chosen in Settings, then the default."""
    if db is None and not os.environ.get(ENV_DB) and saved:
        db = saved
    return resolve_location(db)


def store_error_text(exc: StoreError, language: str) -> str:
    """The message box text for a store that cannot be opened."""
    if isinstance(exc, StoreLocked):
        lead = translate("App", "The data is already open in another window.")
    else:
        lead = translate("App", "The data could not be opened.")
    return f"{lead}\n\n{exc.message(language)}"


def show_store_error(exc: StoreError, language: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, translate("App", "Meguro Jukyo"), store_error_text(exc, language),
                      QMessageBox.StandardButton.Ok)
    box.exec()


def start_maintenance(window) -> None:
    """Daily backup and an integrity check, on the database lane once the window shows."""
    store = window.store

    def work():
        backup = store.backup_if_due()
        return backup, store.integrity_check()

    def done(result):
        backup, problems = result
        if backup is not None:
            window.statusBar().showMessage(translate("App", "Backup made: %1").replace("%1", backup.name), 5000)
        if problems:
            QMessageBox.warning(window, translate("App", "Meguro Jukyo"), translate(
                "App", "The data file has problems:\n%1\n\nClose the app and restore a backup with "
                "`meguro-jukyo restore`.").replace("%1", "\n".join(problems[:5])))

    window.tasks.run_in_background(work, done)


def _excepthook(exc_type, exc, tb) -> None:
    """A bug: print it for the report, tell the person their data is safe, keep running."""
    traceback.print_exception(exc_type, exc, tb)
    app = QApplication.instance()
    if app is not None:
        from .qt.tasks import error_text

        QMessageBox.critical(app.activeWindow(), translate("App", "Meguro Jukyo"), error_text(exc, "ja"))


def run(db: str | None = None, argv: list[str] | None = None, settings=None) -> int:
    from .core.policy import load_framework
    from .core.services import Services
    from .qt import i18n
    from .qt.app_style import apply_font_scale
    from .qt.mainwindow import MainWindow
    from .qt.settings import Settings
    from .qt.tasks import TaskManager

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("meguro_jukyo")
    app.setOrganizationName("meguro_jukyo")
    settings = settings if settings is not None else Settings()
    translators = i18n.install(app, settings.language)
    app.setApplicationDisplayName(translate("App", "Meguro Jukyo"))
    apply_font_scale(settings.font_scale)
    try:
        # quick_check reads the whole file (2 s at ward size) before the window could show;
        # the full integrity check runs on the lane right after the window shows instead.
        store = Store.open(store_location(db, settings.store_location), create=True, holder=holder_name(),
                           quick_check=False)
    except StoreError as exc:
        show_store_error(exc, settings.language)
        i18n.uninstall(app, translators)
        return 1
    previous_hook = sys.excepthook
    sys.excepthook = _excepthook
    tasks = TaskManager()
    try:
        window = MainWindow(Services(store), tasks, settings, load_framework())
        window.show()
        QTimer.singleShot(0, lambda: start_maintenance(window))
        code = app.exec()
    finally:
        tasks.wait()
        store.close()
        sys.excepthook = previous_hook
        i18n.uninstall(app, translators)
    return code
