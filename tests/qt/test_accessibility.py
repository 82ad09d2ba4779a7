"""Every control a person can Tab to has a name a screen reader says (QAccessible), on every page
of the main window, in every editor and dialog it opens, and in meeting mode; the editor's Tab
order follows its layout.

Dialogs are opened without ``exec()`` (shown, walked, closed): a modal loop would stall the test.
"""

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QWidget,
)

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.meeting import MeetingFlow
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.sync import identity
from meguro_jukyo.qt import a11y, app_style
from meguro_jukyo.qt.editors import editor_for
from meguro_jukyo.qt.fields import FIELDS
from meguro_jukyo.qt.handover import HandoverDialog
from meguro_jukyo.qt.mainwindow import MainWindow
from meguro_jukyo.qt.meeting import dialogs as meeting_dialogs
from meguro_jukyo.qt.meeting.officers import OfficersDialog
from meguro_jukyo.qt.meeting.projector import ProjectorWindow
from meguro_jukyo.qt.meeting.window import MeetingModeWindow
from meguro_jukyo.qt.picker import PickerDialog
from meguro_jukyo.qt.policy import ReasonDialog
from meguro_jukyo.qt.printing import offer_open
from meguro_jukyo.qt.sync_page import DeviceDialog
from meguro_jukyo.qt.trust import TrustDialog
from meguro_jukyo.qt.widgets import show_error

WAIT = 10_000


def describe(w: QWidget) -> str:
    return f"{type(w).__name__} {w.objectName() or '(no object name)'} in {w.window().objectName()}"


def unnamed_in(qtbot, tasks, root: QWidget, *, settled: bool = True) -> list[str]:
    """The unnamed controls of ``root``, once the background work has ended (``settled``: a
    progress dialog is walked while its work still runs)."""
    if settled:
        qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
    QApplication.processEvents()
    return [describe(w) for w in a11y.unnamed(root)]


def walk_dialog(qtbot, tasks, dialog: QWidget, found: list[str]) -> None:
    """Show ``dialog`` (not modally), note its unnamed controls, close it."""
    dialog.show()
    qtbot.waitExposed(dialog)
    found += unnamed_in(qtbot, tasks, dialog)
    if isinstance(dialog, QDialog):
        dialog.done(0)  # not reject(): an editor would ask about typed text
    dialog.close()


@pytest.fixture
def rows(services, framework):
    """One saved row of each kind, so editors show their sub-tables and links."""
    org = services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})
    meeting = services.meetings.create({"organization_id": org.id, "meeting_type": "board", "title": "5月役員会",
                                        "starts_at": dt.datetime(2025, 5, 10, 19), "members_total": 15})
    flow = MeetingFlow(services)
    item = flow.add_item(meeting.id, "防災訓練")
    flow.open_meeting(meeting.id)
    note = flow.capture(meeting.id, item.id, "continued", "避難所の鍵の管理")
    issue = services.issues.create({"organization_id": org.id, "title": "防犯灯が暗い", "category": "crime",
                                    "raised_on": dt.date(2025, 5, 1)})
    link = services.links.create({"issue_id": issue.id, "viewpoint_id": framework.viewpoints()[0].id, "reason": "防犯"})
    action = services.actions.create({"organization_id": org.id, "title": "区に相談", "assignee": "防災部長"})
    attendee = services.attendees.create({"meeting_id": meeting.id, "name": "山田", "attendance": "present"})
    return {"organization": org, "meeting": meeting, "agenda_item": item, "issue": issue, "note": note,
            "action_item": action, "attendee": attendee, "policy_link": link}


def test_every_page_of_the_main_window_names_every_control(qtbot, tasks, window, rows):
    found = []
    for key in list(window.pages):
        page = window.show_page(key)
        found += unnamed_in(qtbot, tasks, page)
        for tabs in page.findChildren(QTabWidget):  # every tab, not only the one shown first
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                found += unnamed_in(qtbot, tasks, page)
    found += unnamed_in(qtbot, tasks, window.nav)
    assert not found, "\n".join(found)


def test_the_welcome_page_names_every_control(qtbot, tasks, settings, framework, tmp_path):
    fresh = Store.open(tmp_path / "fresh.sqlite3", create=True, holder="pytest")
    try:
        w = MainWindow(Services(fresh), tasks, settings, framework)
        qtbot.addWidget(w)
        with qtbot.waitSignal(w.pages_built, timeout=WAIT):
            pass
        w.show()
        assert "welcome" in w.pages
        assert not unnamed_in(qtbot, tasks, w.pages["welcome"]), unnamed_in(qtbot, tasks, w.pages["welcome"])
        w.close()
        tasks.wait()
    finally:
        fresh.close()


def test_every_editor_new_and_saved_names_every_control(qtbot, tasks, window, services, rows):
    found = []
    for kind in FIELDS:
        if kind == "request_answer":
            continue  # answered in the 要望 inbox's own form
        for row in (None, rows.get(kind)):
            dialog = editor_for(kind, services, tasks, window.display, row=row, parent=window)
            walk_dialog(qtbot, tasks, dialog, found)
    assert not found, "\n".join(found)


def test_every_dialog_the_main_window_opens_names_every_control(qtbot, tasks, window, services, store, rows):
    found = []
    issue = rows["issue"]
    editor = editor_for("issue", services, tasks, window.display, row=issue, parent=window)
    editor.show()
    walk_dialog(qtbot, tasks, editor.show_history(), found)
    walk_dialog(qtbot, tasks, PickerDialog("meeting", services, tasks, window.display, editor), found)
    walk_dialog(qtbot, tasks, ReasonDialog(rows["policy_link"], window.display, editor), found)
    editor.done(0)
    walk_dialog(qtbot, tasks, window.open_link_dialog("issue", issue), found)
    walk_dialog(qtbot, tasks, window.open_search(), found)
    walk_dialog(qtbot, tasks, window.open_settings(), found)
    walk_dialog(qtbot, tasks, window.about_dialog(), found)
    orgs = [(rows["organization"].id, rows["organization"].name)]
    walk_dialog(qtbot, tasks, HandoverDialog(orgs, dt.date(2025, 5, 1), window), found)
    card = identity.device_card(store)
    walk_dialog(qtbot, tasks, TrustDialog(card, window), found)
    walk_dialog(qtbot, tasks, DeviceDialog(card, False, window), found)
    assert not found, "\n".join(found)


def test_meeting_mode_and_its_dialogs_name_every_control(qtbot, tasks, display, services, rows):
    mode = MeetingModeWindow(services, tasks, display, rows["meeting"].id)
    qtbot.addWidget(mode)
    with qtbot.waitSignal(mode.loaded, timeout=WAIT):
        mode.show()
    found = unnamed_in(qtbot, tasks, mode)
    note = rows["note"]
    dialogs = [
        meeting_dialogs.DecisionDialog(display, "会費を据え置く", 15, mode, lambda _v: []),
        meeting_dialogs.ActionDialog(display.era, mode),
        meeting_dialogs.NoteDialog(display, note, mode),
        meeting_dialogs.AgendaItemDialog(mode),
        meeting_dialogs.CarryOverDialog(MeetingFlow(services).carry_over_candidates(rows["meeting"].id), display, mode),
        OfficersDialog(mode),
    ]
    for dialog in dialogs:
        walk_dialog(qtbot, tasks, dialog, found)
    mode.close()
    assert not found, "\n".join(found)


def test_a_combo_box_is_named_by_its_label_not_its_value(qtbot, tasks, window, services, rows):
    dialog = editor_for("issue", services, tasks, window.display, row=rows["issue"], parent=window)
    dialog.show()
    category = dialog.widgets["category"]
    assert isinstance(category, QComboBox)
    # the name Windows' screen readers hear (on Linux Qt reports a combo box's value as its
    # name and leaves the label to the "labelled by" relation)
    assert category.accessibleName() == "Category" != category.currentText()
    title = dialog.widgets["title"]
    assert QAccessible.queryAccessibleInterface(title).text(QAccessible.Text.Name) == "Title"
    # a field in a wrapper (date and time, an error line under it) is named, its label's buddy the real input
    label = dialog.form.labelForField(dialog.widgets["raised_on"].parentWidget())
    assert label.buddy() is dialog.widgets["raised_on"]
    dialog.done(0)


def focus_chain(dialog: QWidget) -> list[QWidget]:
    """The widgets Tab visits in ``dialog``, from its first, once round."""
    chain, w = [], dialog.nextInFocusChain()
    while w is not dialog and w not in chain:
        if a11y.focusable(w) and w.isVisibleTo(dialog) and w.isEnabled() and w.window() is dialog:
            chain.append(w)
        w = w.nextInFocusChain()
    return chain


def test_the_editors_tab_order_follows_its_layout(qtbot, tasks, window, services, rows):
    """Fields top to bottom, then the linked table and its buttons, then Save: never Save
    before the table above it."""
    dialog = editor_for("issue", services, tasks, window.display, row=rows["issue"], parent=window)
    dialog.show()
    qtbot.waitExposed(dialog)
    chain = focus_chain(dialog)

    def top(w):
        return w.mapTo(dialog, w.rect().topLeft()).y()

    fields = [a11y.inputs(dialog.widgets[s.name])[0] for s in FIELDS["issue"]]
    at = [chain.index(f) for f in fields]
    assert at == sorted(at), [f.objectName() for f in fields]
    table, save = dialog.links.view, dialog.save_button
    assert at[-1] < chain.index(table) < chain.index(save)
    # and on screen the same way: each stop is not above the one before (within a row)
    tops = [top(w) for w in chain if w.window() is dialog and w.parentWidget() is not dialog.buttons]
    assert all(b >= a - 2 or b >= top(table) for a, b in zip(tops, tops[1:], strict=False)), tops
    dialog.done(0)


def tab_from(qtbot, window, services, tasks, row, kind: str, field: str):
    """An editor of ``row``, active, with Tab pressed in its field ``field``: (dialog, that field)."""
    dialog = editor_for(kind, services, tasks, window.display, row=row, parent=window)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)
    first = a11y.inputs(dialog.widgets[field])[0]
    first.setFocus()
    qtbot.waitUntil(first.hasFocus, timeout=WAIT)
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    return dialog, first


def test_tab_moves_through_the_editor_in_that_order(qtbot, tasks, window, services, rows):
    dialog, _first = tab_from(qtbot, window, services, tasks, rows["note"], "note", "kind")
    assert QApplication.focusWidget() is dialog.widgets["body"]
    dialog.done(0)


def test_lists_name_their_search_field_dates_and_table(qtbot, tasks, window):
    page = window.show_page("issue")
    names = {key: page.filters.widgets[key].accessibleName() for key in ("text", "date_from", "date_to", "organization")}
    assert all(names.values()), names
    assert names["date_from"] != names["date_to"]
    assert page.view.accessibleName()



def test_ctrl_and_a_number_switches_pages_as_the_go_menu_shows(qtbot, tasks, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    go = {a.text(): a.shortcut().toString() for a in window.menu("go").actions()}
    count = min(window.nav.count(), 9)
    assert count >= 6
    for i in reversed(range(count)):
        title = window.nav.item(i).text()
        assert go.get(title) == f"Ctrl+{i + 1}", (title, go)
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{i + 1}"), Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentIndex() == i, title
    # a page added later (the welcome page goes first) moves the keys with the list
    window.remove_page("policy")
    assert {a.text() for a in window.menu("go").actions()} >= {window.nav.item(i).text() for i in range(count - 1)}
    assert "Policy viewpoints" not in {a.text() for a in window.menu("go").actions()}


def test_after_tab_the_focused_control_has_a_visible_outline(qtbot, tasks, window, services, rows):
    dialog, first = tab_from(qtbot, window, services, tasks, rows["issue"], "issue", "organization_id")
    focused = QApplication.focusWidget()
    assert focused is dialog.widgets["title"]
    assert app_style.focus_outline() is not None
    # drawn around the control, in the outline colour
    picture = dialog.grab().toImage()
    ratio = picture.devicePixelRatio()
    corner = focused.mapTo(dialog, focused.rect().topLeft())  # on the control's own edge
    edge = picture.pixelColor(int((corner.x() + 1) * ratio), int((corner.y() + focused.height() // 2) * ratio))
    wanted = app_style.OUTLINE_COLOR
    assert abs(edge.red() - wanted.red()) + abs(edge.green() - wanted.green()) + abs(edge.blue() - wanted.blue()) < 90, \
        edge.name()
    # and only there: the field before it has none now
    before = first.grab().toImage()
    edge = before.pixelColor(int(1 * before.devicePixelRatio()), int(first.height() // 2 * before.devicePixelRatio()))
    assert abs(edge.red() - wanted.red()) + abs(edge.green() - wanted.green()) + abs(edge.blue() - wanted.blue()) > 90
    dialog.done(0)


def test_the_projector_progress_dialogs_and_message_boxes_name_every_control(
        qtbot, tasks, window, display, services, rows, tmp_path):
    """The windows the other walks do not reach: the hall's projector, the progress dialog of
    long work (its Cancel), and the message boxes — an error, the after-export offer, and a
    meeting-mode question."""
    found: list[str] = []
    mode = MeetingModeWindow(services, tasks, display, rows["meeting"].id)
    qtbot.addWidget(mode)
    with qtbot.waitSignal(mode.loaded, timeout=WAIT):
        mode.show()
    projector = ProjectorWindow(mode)
    projector.show_state(mode.projector_state())
    assert projector.windowTitle().strip()  # what a screen reader says for the window itself
    walk_dialog(qtbot, tasks, projector, found)
    walk_dialog(qtbot, tasks, mode._ask("end_meeting", "会議", "終了しますか", lambda: None), found)
    mode.close()

    release = threading.Event()
    progress = tasks.with_progress(window, "書き出しています…", lambda _report: release.wait(WAIT / 1000))
    assert isinstance(progress, QProgressDialog)
    progress.show()
    qtbot.waitExposed(progress)
    found += unnamed_in(qtbot, tasks, progress, settled=False)
    assert any(b.isVisible() for b in progress.findChildren(QPushButton))  # Cancel is there to reach
    release.set()
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)

    show_error(window, "ファイルに書き込めません")
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes
    boxes.append(offer_open(window, tmp_path / "課題.xlsx"))
    for box in boxes:
        box.show()
        assert [w for w in box.findChildren(QPushButton) if a11y.focusable(w)]  # the walk has work to do
        walk_dialog(qtbot, tasks, box, found)
    assert not found, "\n".join(found)

