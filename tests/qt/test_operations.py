"""The one operation path: every write from any screen reaches every other screen and the
Undo label through one broadcast, without reopening anything."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from meguro_jukyo.core.meeting import MeetingFlow
from meguro_jukyo.core.services import ListQuery
from meguro_jukyo.qt import children
from meguro_jukyo.qt.children import ChildTable
from meguro_jukyo.qt.editors import EditorDialog
from meguro_jukyo.qt.meeting.launch import open_meeting_mode

WAIT = 5000


@pytest.fixture(autouse=True)
def yes(monkeypatch):
    monkeypatch.setattr(children, "confirm", lambda *_a: True)


@pytest.fixture
def org(window):
    return next(iter(window.display.org_names))


@pytest.fixture
def meeting(services, org):
    return services.meetings.create({"organization_id": org, "meeting_type": "board", "title": "6月役員会",
                                     "starts_at": dt.datetime(2026, 6, 13, 19), "members_total": 12})


def wait_idle(qtbot, tasks):
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)


def undo_says(window, label):
    return window.undo_action.text().replace("&", "") == f"Undo: {label}"


def add_child(qtbot, table: ChildTable, values: dict):
    """The Add… button of a child table, its editor filled and saved with Ctrl+S."""
    before = set(table.findChildren(EditorDialog))
    qtbot.mouseClick(table.findChild(QPushButton, "add"), Qt.MouseButton.LeftButton)
    [dialog] = set(table.findChildren(EditorDialog)) - before
    for name, value in values.items():
        dialog.widgets[name].setText(value)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save()
    return dialog


def test_an_agenda_item_added_inside_a_meeting_editor_reaches_the_undo_label_and_the_editor(
        qtbot, window, services, tasks, meeting):
    editor = window.open_item("meeting", meeting)
    wait_idle(qtbot, tasks)
    add_child(qtbot, editor.agenda, {"title": "防災倉庫の点検"})
    qtbot.waitUntil(lambda: undo_says(window, "議題を追加"), timeout=WAIT)
    qtbot.waitUntil(lambda: editor.agenda.model.rowCount() == 1, timeout=WAIT)
    assert editor.agenda.model.row(0).title == "防災倉庫の点検"
    editor.accept()


def test_an_attendee_added_inside_a_meeting_editor_reaches_the_undo_label(qtbot, window, services, tasks, meeting):
    editor = window.open_item("meeting", meeting)
    wait_idle(qtbot, tasks)
    add_child(qtbot, editor.attendees, {"name": "山田花子"})
    qtbot.waitUntil(lambda: undo_says(window, "出席者を追加"), timeout=WAIT)
    qtbot.waitUntil(lambda: editor.attendees.model.rowCount() == 1, timeout=WAIT)
    editor.accept()


def test_unlinking_a_viewpoint_in_the_editor_refreshes_the_editor_the_lists_and_the_undo_label(
        qtbot, window, services, tasks, org):
    issue = services.issues.create({"organization_id": org, "title": "多言語の掲示板"})
    services.links.create({"issue_id": issue.id, "viewpoint_id": "1-1-1", "reason": "多言語"})
    page = window.show_page("issue")
    page.filters.widgets["viewpoint"].set_value("1-1-1")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    editor = window.open_item("issue", issue)
    qtbot.waitUntil(lambda: editor.links.model.rowCount() == 1, timeout=WAIT)
    editor.links.view.selectRow(0)
    editor.links.remove()
    qtbot.waitUntil(lambda: editor.links.model.rowCount() == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: undo_says(window, "施策視点の結びつけを削除"), timeout=WAIT)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT)  # the 視点 filter no longer matches
    editor.accept()


def test_an_undo_in_meeting_mode_reaches_the_main_window_and_the_main_windows_undo_reaches_meeting_mode(
        qtbot, window, services, tasks, meeting):
    flow = MeetingFlow(services)
    item = flow.add_item(meeting.id, "夏祭り")
    flow.open_meeting(meeting.id)
    notes = window.show_page("note")
    mode = open_meeting_mode(window, meeting.id)
    qtbot.addWidget(mode)
    qtbot.waitUntil(lambda: mode.meeting is not None, timeout=WAIT)
    mode.capture.setText("7月の第3土曜に開く")
    mode.commit()
    qtbot.waitUntil(lambda: undo_says(window, "意見を記録"), timeout=WAIT)
    qtbot.waitUntil(lambda: notes.model.rowCount() == 1, timeout=WAIT)
    mode.undo()  # meeting mode's own Ctrl+Z
    qtbot.waitUntil(lambda: notes.model.rowCount() == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: not undo_says(window, "意見を記録"), timeout=WAIT)
    window.redo()  # the main window's Ctrl+Shift+Z brings it back in meeting mode too
    qtbot.waitUntil(lambda: [n.body for n in mode.notes] == ["7月の第3土曜に開く"], timeout=WAIT)
    qtbot.waitUntil(lambda: mode.notes_list.count() == 1, timeout=WAIT)
    window.undo()
    qtbot.waitUntil(lambda: mode.notes == [] and mode.notes_list.count() == 0, timeout=WAIT)
    assert services.notes.list(ListQuery(equals={"agenda_item_id": item.id})) == []
    mode.close()


def test_an_agenda_item_added_in_the_meeting_editor_reaches_meeting_mode_open_on_that_meeting(
        qtbot, window, services, tasks, meeting):
    mode = open_meeting_mode(window, meeting.id)
    qtbot.addWidget(mode)
    qtbot.waitUntil(lambda: mode.meeting is not None, timeout=WAIT)
    assert mode.agenda_list.count() == 0
    editor = window.open_item("meeting", meeting)
    wait_idle(qtbot, tasks)
    add_child(qtbot, editor.agenda, {"title": "防災倉庫の点検"})
    qtbot.waitUntil(lambda: mode.agenda_list.count() == 1, timeout=WAIT)
    assert "防災倉庫の点検" in mode.agenda_list.item(0).text()
    editor.accept()
    mode.close()


def test_unlinking_a_viewpoint_in_the_editor_refreshes_the_policy_page_showing_that_viewpoint(
        qtbot, window, services, tasks, org):
    issue = services.issues.create({"organization_id": org, "title": "多言語の掲示板"})
    services.links.create({"issue_id": issue.id, "viewpoint_id": "1-1-1", "reason": "多言語"})
    policy = window.show_page("policy")
    policy.select("1-1-1")
    policy.refresh_links()
    qtbot.waitUntil(lambda: policy.linked.rowCount() == 1, timeout=WAIT)
    editor = window.open_item("issue", issue)
    qtbot.waitUntil(lambda: editor.links.model.rowCount() == 1, timeout=WAIT)
    editor.links.view.selectRow(0)
    editor.links.remove()
    qtbot.waitUntil(lambda: policy.linked.rowCount() == 0, timeout=WAIT)
    assert policy.linked_label.text().endswith("0")
    editor.accept()


def test_one_decision_with_a_minority_opinion_is_one_broadcast_and_one_history_refresh(
        qtbot, window, services, tasks, meeting, monkeypatch):
    flow = MeetingFlow(services)
    flow.add_item(meeting.id, "会費")
    flow.open_meeting(meeting.id)
    mode = open_meeting_mode(window, meeting.id)
    qtbot.addWidget(mode)
    qtbot.waitUntil(lambda: mode.meeting is not None and mode.meeting.status == "in_session", timeout=WAIT)
    broadcasts, refreshes = [], []
    tasks.changed.connect(lambda changed, _owner: broadcasts.append(changed))
    original = window.refresh_history
    monkeypatch.setattr(window, "refresh_history", lambda: (refreshes.append(1), original())[1])
    mode.capture.setText("会費を年1,500円とする")
    mode.decide()
    dialog = mode.decision_dialog
    dialog.method.setCurrentIndex(dialog.method.findData("majority"))
    dialog.votes["for"].setValue(8)
    dialog.votes["against"].setValue(2)
    dialog.minority.setText("据え置くべき")
    dialog.accept()
    qtbot.waitUntil(lambda: len(mode.notes) == 2, timeout=WAIT)
    wait_idle(qtbot, tasks)
    qtbot.wait(50)
    assert len(broadcasts) == 1 and len(broadcasts[0]["note"]) == 2
    assert len(refreshes) == 1
    mode.close()
