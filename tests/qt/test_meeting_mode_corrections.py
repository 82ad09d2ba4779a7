"""Taking back and correcting what was captured in meeting mode: undo, edit, delete."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from test_meeting_mode import Keys, board_meeting, commit, modal_named, open_mode

from meguro_jukyo.core.meeting import MeetingFlow


@pytest.fixture
def meeting(services):
    return board_meeting(services, ("夏祭り",), present=12)


@pytest.fixture
def window(qtbot, services, tasks, display, meeting):
    w = open_mode(qtbot, services, tasks, display, meeting.id)
    yield w
    w.close()


def capture(qtbot, window, text):
    window.capture.setFocus()
    commit(window.capture, text)
    with qtbot.waitSignal(window.note_captured):
        qtbot.keyClick(window.capture, Qt.Key.Key_Return)


def shown(window):
    return [window.notes_list.item(i).text() for i in range(window.notes_list.count())]


def bodies(services, meeting):
    return [n.body for n in MeetingFlow(services).notes(meeting.id)]


def test_ctrl_z_takes_back_the_captured_note_and_enter_does_not_bring_it_back(
        qtbot, window, services, tasks, meeting):
    keys = Keys(qtbot, tasks, window)
    capture(qtbot, window, "屋台は5店")
    capture(qtbot, window, "雨天なら中止")
    assert window.capture.hasFocus() and window.capture.text() == ""
    with qtbot.waitSignal(window.loaded):
        keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert bodies(services, meeting) == ["屋台は5店"]
    assert shown(window) == ["【意見】屋台は5店"]
    assert window.capture.text() == ""  # the note's text does not come back into the box
    keys.press(Qt.Key.Key_Return)
    keys.settle()
    assert bodies(services, meeting) == ["屋台は5店"]
    assert "意見を記録" in window.statusBar().currentMessage()

    # the same from the attendance box and from the agenda
    for widget in (window.present_box, window.agenda_list):
        capture(qtbot, window, "ごみの分別")
        widget.setFocus()
        with qtbot.waitSignal(window.loaded):
            keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert bodies(services, meeting) == ["屋台は5店"]
    # and redo puts the last one back
    with qtbot.waitSignal(window.loaded):
        keys.press(Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert bodies(services, meeting) == ["屋台は5店", "ごみの分別"]


def test_ctrl_z_while_typing_undoes_the_typing_only(qtbot, window, services, tasks, meeting):
    capture(qtbot, window, "屋台は5店")
    qtbot.keyClicks(window.capture, "abc")
    qtbot.keyClick(window.capture, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    tasks.wait()
    assert window.capture.text() == "" and bodies(services, meeting) == ["屋台は5店"]


def test_up_in_the_empty_box_corrects_the_last_note_as_an_undoable_change(
        qtbot, window, services, tasks, meeting):
    keys = Keys(qtbot, tasks, window)
    capture(qtbot, window, "屋台は5店")
    capture(qtbot, window, "雨天なら中目")
    keys.press(Qt.Key.Key_Up)
    dialog = modal_named(qtbot, "note_dialog")
    assert dialog.body.text() == "雨天なら中目"
    dialog.body.setText("雨天なら中止")
    dialog.kind.setCurrentIndex(dialog.kind.findData("point"))
    with qtbot.waitSignal(window.loaded):
        keys.press(Qt.Key.Key_Return)
    assert shown(window) == ["【意見】屋台は5店", "【論点】雨天なら中止"]
    [edited] = [n for n in MeetingFlow(services).notes(meeting.id) if n.body == "雨天なら中止"]
    assert edited.kind == "point"
    assert window.capture.hasFocus()
    with qtbot.waitSignal(window.loaded):
        keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert bodies(services, meeting) == ["屋台は5店", "雨天なら中目"]


def test_a_note_in_the_list_is_edited_by_double_click_and_deleted_by_menu_or_delete_key(
        qtbot, window, services, tasks, meeting):
    keys = Keys(qtbot, tasks, window)
    capture(qtbot, window, "屋台は5店")
    capture(qtbot, window, "雨天なら中止")
    capture(qtbot, window, "ごみの分別")

    # double-click opens the note
    first = window.notes_list.item(0)
    rect = window.notes_list.visualItemRect(first)
    # a person's double-click: a click, then the second press Qt reports as the double-click
    qtbot.mouseClick(window.notes_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.notes_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = modal_named(qtbot, "note_dialog")
    assert dialog.body.text() == "屋台は5店"
    dialog.body.setText("屋台は6店")
    with qtbot.waitSignal(window.loaded):
        keys.press(Qt.Key.Key_Return)
    assert bodies(services, meeting)[0] == "屋台は6店"

    # the context menu offers edit and delete; delete it
    rect = window.notes_list.visualItemRect(window.notes_list.item(1))
    window.notes_list.customContextMenuRequested.emit(rect.center())
    menu = window.notes_menu
    assert isinstance(menu, QMenu) and menu.isVisible()
    labels = [a.text() for a in menu.actions()]
    assert labels == ["&Edit…", "&Delete"]
    with qtbot.waitSignal(window.loaded):
        menu.actions()[1].trigger()
    assert bodies(services, meeting) == ["屋台は6店", "ごみの分別"]
    menu.close()

    # the Delete key in the list deletes the selected note; Ctrl+Z brings it back
    window.notes_list.setFocus()
    window.notes_list.setCurrentRow(1)
    with qtbot.waitSignal(window.loaded):
        keys.press(Qt.Key.Key_Delete)
    assert bodies(services, meeting) == ["屋台は6店"]
    with qtbot.waitSignal(window.loaded):
        keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert bodies(services, meeting) == ["屋台は6店", "ごみの分別"]
    assert QApplication.activeModalWidget() is None
