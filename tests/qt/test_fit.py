"""Every window and dialog is usable on a 1366×768 laptop, in both text sizes and both languages:
its minimum size and its starting size fit the screen's room (less the taskbar and the window
frame), and none of its buttons lies outside it.

The test screen is offscreen; the laptop's room is put in its place (``available_area``).
"""

import datetime as dt

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget

from meguro_jukyo.core.meeting import MeetingFlow
from meguro_jukyo.qt import i18n, widgets
from meguro_jukyo.qt.app_style import apply_font_scale
from meguro_jukyo.qt.editors import editor_for
from meguro_jukyo.qt.mainwindow import MainWindow
from meguro_jukyo.qt.meeting import dialogs as meeting_dialogs
from meguro_jukyo.qt.meeting.window import MeetingModeWindow
from meguro_jukyo.qt.settings import TEXT_SIZES

WAIT = 10_000
#: a 1366×768 screen less a 40-pixel taskbar, less the window's frame
LAPTOP = QSize(1366, 728) - widgets.WINDOW_FRAME


@pytest.fixture(params=[("ja", "normal"), ("ja", "large"), ("en", "normal"), ("en", "large")],
                ids=lambda p: "-".join(p))
def look(request, qapp, monkeypatch, settings, display):
    """The language and text size, and the laptop's screen, for the windows the test opens (the
    settings' and the display's language too: the windows show the vocabulary's labels in it,
    and English ones run longer)."""
    language, size = request.param
    settings.language = display.language = language
    monkeypatch.setattr(widgets, "available_area", lambda _widget: QSize(LAPTOP))
    translators = i18n.install(qapp, language) if language == "ja" else []
    apply_font_scale(TEXT_SIZES[size])
    yield request.param
    apply_font_scale(1.0)
    i18n.uninstall(qapp, translators)


def off_screen(window: QWidget) -> list[str]:
    """What keeps ``window`` from being usable on the laptop: a minimum or a size larger than
    its room, or a button outside the window (one in a scroll area can be scrolled to)."""
    problems = []
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    if least.width() > LAPTOP.width() or least.height() > LAPTOP.height():
        problems.append(f"{window.objectName()}: minimum {least.toTuple()} > {LAPTOP.toTuple()}")
    if window.width() > LAPTOP.width() or window.height() > LAPTOP.height():
        problems.append(f"{window.objectName()}: size {window.size().toTuple()} > {LAPTOP.toTuple()}")
    room = QRect(0, 0, min(window.width(), LAPTOP.width()), min(window.height(), LAPTOP.height()))
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or _in_scroll_area(button, window):
            continue
        where = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
        if not room.contains(where):
            problems.append(f"{window.objectName()}: button {button.text()!r} at {where.getRect()} outside {room.getRect()}")
    return problems


def _in_scroll_area(w: QWidget, window: QWidget) -> bool:
    while w is not None and w is not window:
        if isinstance(w, QScrollArea):
            return True
        w = w.parentWidget()
    return False


def settle(qtbot, tasks, w: QWidget) -> None:
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
    QApplication.processEvents()
    w.layout() is not None and w.layout().activate()


def main_window(qtbot, services, tasks, settings, framework) -> MainWindow:
    window = MainWindow(services, tasks, settings, framework)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.pages_built, timeout=WAIT):
        pass
    return window


def test_the_main_window_fits_a_laptop_on_every_page(qtbot, look, services, tasks, settings, framework):
    services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})
    window = main_window(qtbot, services, tasks, settings, framework)
    window.show()
    found = []
    for key in list(window.pages):
        window.show_page(key)
        settle(qtbot, tasks, window)
        found += [f"page {key}: {p}" for p in off_screen(window)]
    assert not found, "\n".join(found)
    window.close()


@pytest.fixture
def meeting(services):
    org = services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})
    meeting = services.meetings.create({"organization_id": org.id, "meeting_type": "general_regular",
                                        "title": "令和7年度 駒場町会 定期総会", "starts_at": dt.datetime(2025, 5, 18, 10),
                                        "members_total": 120, "place": "駒場住区センター 第1会議室"})
    flow = MeetingFlow(services)
    for title in ("令和7年度 予算案", "防災訓練の実施", "その他"):
        flow.add_item(meeting.id, title, 15)
    return meeting


def test_every_editor_fits_a_laptop_and_its_text_boxes_grow_with_the_text(qtbot, look, services, tasks, display,
                                                                           meeting):
    issue = services.issues.create({"organization_id": meeting.organization_id, "title": "防犯灯が暗い",
                                    "description": "駅からの道が暗い。\n" * 12, "category": "crime",
                                    "raised_on": dt.date(2025, 5, 1)})
    host = QWidget()  # their parent, as the main window is in the app
    qtbot.addWidget(host)
    found = []
    for kind, row in (("meeting", meeting), ("meeting", None), ("issue", issue), ("issue", None), ("note", None),
                      ("action_item", None), ("organization", None), ("agenda_item", None), ("attendee", None)):
        dialog = editor_for(kind, services, tasks, display, row=row, parent=host)
        dialog.show()
        settle(qtbot, tasks, dialog)
        found += [f"{kind} ({'saved' if row else 'new'}): {p}" for p in off_screen(dialog)]
        if kind == "issue":  # 内容 shows several lines, in large text too
            box = dialog.widgets["description"]
            assert box.height() >= 4 * box.fontMetrics().lineSpacing(), (box.height(), look)
        dialog.done(0)
    assert not found, "\n".join(found)


def test_the_dialogs_fit_a_laptop(qtbot, look, services, tasks, settings, framework, meeting):
    window = main_window(qtbot, services, tasks, settings, framework)
    issue = services.issues.create({"organization_id": meeting.organization_id, "title": "防犯灯が暗い",
                                    "category": "crime", "raised_on": dt.date(2025, 5, 1)})
    editor = window.open_item("issue", issue)
    found = []
    for dialog in (editor.show_history(), window.open_link_dialog("issue", issue), window.open_search(),
                   window.open_settings(), window.about_dialog()):
        dialog.show()
        settle(qtbot, tasks, dialog)
        found += off_screen(dialog)
        dialog.close()
    editor.done(0)
    window.close()
    assert not found, "\n".join(found)


def test_meeting_mode_and_its_dialogs_fit_a_laptop(qtbot, look, services, tasks, display, meeting):
    mode = MeetingModeWindow(services, tasks, display, meeting.id)
    qtbot.addWidget(mode)
    with qtbot.waitSignal(mode.loaded, timeout=WAIT):
        mode.show()
    settle(qtbot, tasks, mode)
    found = off_screen(mode)
    for dialog in (meeting_dialogs.DecisionDialog(display, "年会費を1,500円とする", 120, mode, lambda _v: []),
                   meeting_dialogs.ActionDialog(display.era, mode), meeting_dialogs.AgendaItemDialog(mode)):
        dialog.show()
        settle(qtbot, tasks, dialog)
        found += off_screen(dialog)
        dialog.done(0)
    mode.close()
    assert not found, "\n".join(found)


def test_list_dates_are_not_cut_when_large_text_is_switched_on(qtbot, services, tasks, settings, framework):
    org = services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})
    services.issues.create({"organization_id": org.id, "title": "防犯灯が暗い", "category": "crime",
                            "raised_on": dt.date(2026, 12, 28)})
    window = main_window(qtbot, services, tasks, settings, framework)
    window.show()
    page = window.show_page("issue")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    column = next(i for i, c in enumerate(page.model.columns) if c.key == "raised_on")
    try:
        for scale in (1.0, 1.4):
            apply_font_scale(scale)
            settings.text_size = "large" if scale > 1 else "normal"
            window.apply_settings()
            shown = page.model.index(0, column).data()
            header = page.view.horizontalHeader()

            def wide_enough():
                return header.sectionSize(column) > page.view.fontMetrics().horizontalAdvance(shown) + 8

            qtbot.waitUntil(wide_enough, timeout=WAIT)
    finally:
        apply_font_scale(1.0)
    window.close()
