"""Start the desktop app: translations, the main window, then the store, background maintenance.

The window is on screen before the core is imported (SQLAlchemy, SQLModel and the models take
about a second): app.run shows the Qt-only shell, and the core is imported and the store opened
on the database lane right after (MainWindow.open_store). A store that cannot be opened
(locked by another window, corrupt, from a newer version) is explained in a message box — the
window is taken away first — and the app exits with status 1, never a traceback.

Imports inside functions: everything beyond Qt's shell is imported inside the function that
needs it, after the window is up (see above); the core on the database lane.
"""

from __future__ import annotations

import os
import sys
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .core.errors import StoreError, StoreLocked
from .qt.i18n import tr_args

translate = QCoreApplication.translate


def app_icon() -> QIcon:
    """The app's icon for every window (the frozen executable and the installer carry the same
    drawing as installer/icon/meguro_jukyo.ico)."""
    from .core.resources import resource_path

    return QIcon(str(resource_path("icons", "meguro_jukyo.svg")))


def holder_name() -> str:
    """How this window is named to a second one that finds the store locked."""
    import getpass

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return f"meguro-jukyo desktop ({user})"


def store_location(db: str | None, saved: str) -> str:
    """--db, then the environment variable, then the location chosen in Settings, then the default."""
    from .core.db import ENV_DB, resolve_location

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
    """The daily backup (with SQLite's quick_check of the store first), on the second lane once
    the window shows, so that the pages fill meanwhile; on a server, the check of its indexes.

    Not SQLite's full integrity_check on every start: on a ward-size store (1.1 GB) it reads the
    whole file for ~10 s, and the daily quick_check already refuses to back up a damaged store
    (Tools ▸ Check the data runs the full check when asked)."""
    store = window.store

    def work():
        backup = store.backup_if_due()
        return backup, store.integrity_check() if store.dialect != "sqlite" else []

    def done(result):
        backup, problems = result
        if backup is not None:
            window.statusBar().showMessage(tr_args("App", "Backup made: %1", backup.name), 5000)
        if problems:
            QMessageBox.warning(window, translate("App", "Meguro Jukyo"), tr_args(
                "App", "The data file has problems:\n%1\n\nClose the app and restore a backup with "
                "`meguro-jukyo restore`.", "\n".join(problems[:5])))

    window.tasks.run_aside(work, done)


def _excepthook(exc_type, exc, tb) -> None:
    """A bug: print it for the report, tell the person their data is safe, keep running."""
    traceback.print_exception(exc_type, exc, tb)
    app = QApplication.instance()
    if isinstance(app, QApplication):  # a message box needs the widgets' application
        from .qt.tasks import error_text

        QMessageBox.critical(app.activeWindow(), translate("App", "Meguro Jukyo"), error_text(exc, "ja"))


def open_store(db: str | None, saved_location: str, opened: list):
    """On the database lane: import the core, open the store (appended to ``opened``, for
    closing), and read what the window needs; returns (services, framework)."""
    from .core.db import Store
    from .core.policy import load_framework
    from .core.services import Services

    # quick_check (2 s at ward size) runs here only after a crash (see Store.open), and before
    # the daily backup, beside the lane once the window has its pages (start_maintenance)
    store = Store.open(store_location(db, saved_location), create=True, holder=holder_name())
    opened.append(store)
    try:
        services = Services(store)
        framework = load_framework()
        # the page modules, imported here rather than on the GUI thread when the pages are built
        from .qt import editors, lists, policy  # noqa: F401
    except BaseException:
        opened.remove(store)
        store.close()
        raise
    return services, framework


def show_main_window(db: str | None, settings, tasks, opened: list, *, maintenance: bool = True):
    """The shell on screen at once, then the store opened behind it (see the module doc); the
    store goes into ``opened`` for the caller to close.

    If the store cannot be opened the window goes away, the reason is shown, and the event
    loop ends with status 1.
    """
    from .qt.mainwindow import MainWindow

    window = MainWindow(None, tasks, settings)
    window.show()

    def failed(exc: BaseException) -> None:
        window.hide()
        QApplication.setQuitOnLastWindowClosed(False)  # the message box closing must not end with status 0
        if isinstance(exc, StoreError):
            show_store_error(exc, settings.language)
        else:
            from .qt.tasks import error_text

            traceback.print_exception(type(exc), exc, exc.__traceback__)
            QMessageBox.critical(None, translate("App", "Meguro Jukyo"), error_text(exc, settings.language))
        QApplication.exit(1)

    saved = settings.store_location
    window.open_store(lambda: open_store(db, saved, opened), failed)
    if maintenance:
        def maintain() -> None:
            window.pages_built.disconnect(maintain)
            start_maintenance(window)

        window.pages_built.connect(maintain)
    return window


def run(db: str | None = None, argv: list[str] | None = None, settings=None) -> int:
    from .qt import i18n
    from .qt.app_style import apply_font_scale
    from .qt.settings import Settings
    from .qt.tasks import TaskManager

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("meguro_jukyo")
    app.setOrganizationName("meguro_jukyo")
    from .core.about import version

    app.setApplicationVersion(version())
    QApplication.setWindowIcon(app_icon())
    settings = settings if settings is not None else Settings()
    translators = i18n.install(app, settings.language)
    QApplication.setApplicationDisplayName(translate("App", "Meguro Jukyo"))
    apply_font_scale(settings.font_scale)
    previous_hook = sys.excepthook
    sys.excepthook = _excepthook
    quit_on_close = QApplication.quitOnLastWindowClosed()
    tasks = TaskManager()
    opened: list = []
    try:
        show_main_window(db, settings, tasks, opened)
        code = app.exec()
    finally:
        tasks.wait()
        for store in opened:
            store.close()
        QApplication.setQuitOnLastWindowClosed(quit_on_close)
        sys.excepthook = previous_hook
        i18n.uninstall(app, translators)
    return code
