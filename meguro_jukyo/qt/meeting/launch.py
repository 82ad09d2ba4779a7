"""Meeting mode from outside: the main window's menu entry, reopening after a crash, ``python -m meguro_jukyo.qt.meeting``."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from ...core.db import Store
from ...core.meeting import (
    MeetingFlow,
)
from ...core.services import Services
from .. import i18n
from ..display import Display
from ..settings import Settings
from .. import settings as app_settings
from ..tasks import TaskManager
from .window import MeetingModeWindow

translate = QCoreApplication.translate


def start(services, tasks: TaskManager, display: Display, meeting_id: str | None = None
          ) -> MeetingModeWindow | None:
    """Meeting mode on ``meeting_id``, or on the meeting it was open on when the app stopped
    (after a crash it comes back on the same item with the draft in the box); None if neither."""
    meeting_id = meeting_id or MeetingFlow(services).active()
    if meeting_id is None:
        return None
    window = MeetingModeWindow(services, tasks, display, meeting_id)
    window.show()
    return window


def install(window) -> QAction:
    """Meeting mode in the main window: Tools ▸ Meeting mode (Ctrl+Shift+M) on the meeting
    selected in the meetings list, and — once the pages exist — meeting mode reopened on the
    meeting it was open on when the app stopped (a crash, a pulled battery)."""
    action = QAction(translate("MeetingMode", "&Meeting mode…"), window)
    action.setObjectName("meeting_mode_action")
    action.setShortcut(QKeySequence("Ctrl+Shift+M"))
    window.menu("tools").addAction(action)
    window.meeting_modes = {}

    def open_selected() -> None:
        page = window.pages.get("meeting")
        row = page.current() if page is not None else None
        if row is None:
            window.show_page("meeting")
            window.statusBar().showMessage(translate("MeetingMode", "Choose a meeting in the list first."), 5000)
            return
        open_meeting_mode(window, row.id)

    def resume() -> None:
        flow = MeetingFlow(window.services)
        window.tasks.run_in_background(flow.active, lambda meeting_id: meeting_id and open_meeting_mode(
            window, meeting_id))

    action.triggered.connect(open_selected)
    window.pages_built.connect(resume)
    return action


def open_meeting_mode(window, meeting_id: str) -> MeetingModeWindow:
    """One meeting-mode window per meeting; its edits reach the main window through the
    operation path's broadcast, like every other write."""
    mode = window.meeting_modes.get(meeting_id)
    if mode is None:
        mode = MeetingModeWindow(window.services, window.tasks, window.display, meeting_id)
        window.meeting_modes[meeting_id] = mode
        mode.destroyed.connect(lambda _o=None: window.meeting_modes.pop(meeting_id, None))
        mode.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        # Ctrl+Q there quits the app as in the main window (which asks, and closes meeting mode)
        quit_key = QShortcut(mode)
        quit_key.setKeys(window.quit_action.shortcuts())
        quit_key.activated.connect(window.close)
    mode.show()
    mode.raise_()
    mode.activateWindow()
    return mode


def open_titles(window) -> list[str]:
    """The meetings meeting mode is open on in ``window`` (asked about before quitting)."""
    return [mode.meeting.title if mode.meeting else "" for mode in getattr(window, "meeting_modes", {}).values()]


def close_all(window) -> None:
    """Close every meeting-mode window of ``window`` (drafts kept), as quitting the app does."""
    for mode in list(getattr(window, "meeting_modes", {}).values()):
        mode.close()


def main(argv: list[str] | None = None) -> int:
    """``python -m meguro_jukyo.qt.meeting [--db PATH] [MEETING_ID]``: meeting mode alone."""
    parser = argparse.ArgumentParser(prog="python -m meguro_jukyo.qt.meeting")
    parser.add_argument("--db")
    parser.add_argument("meeting_id", nargs="?")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = Settings()
    app_settings.install(settings)
    translators = i18n.install(app, settings.language)
    store = Store.open(args.db, holder="meguro-jukyo meeting mode")
    tasks = TaskManager()
    try:
        services = Services(store)
        window = start(services, tasks, Display(services.vocab, settings.language, settings.era), args.meeting_id)
        if window is None:
            print("meeting mode: no meeting given and none was open", file=sys.stderr)
            return 1
        return app.exec()
    finally:
        tasks.wait()
        store.close()
        i18n.uninstall(app, translators)


