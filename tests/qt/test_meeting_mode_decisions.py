"""Recording a decision in meeting mode: the method is chosen, votes add up, the quorum is minded."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_meeting_mode import Keys, board_meeting, commit, modal_named, open_mode

from meguro_jukyo.core.meeting import MeetingFlow


def open_window(qtbot, services, tasks, display, meeting):
    w = open_mode(qtbot, services, tasks, display, meeting.id)
    w.capture.setFocus()
    return w


@pytest.fixture
def meeting(services):
    return board_meeting(services, present=12)


@pytest.fixture
def window(qtbot, services, tasks, display, meeting):
    w = open_window(qtbot, services, tasks, display, meeting)
    yield w
    w.close()


def decision_dialog(qtbot, keys, text):
    keys.press(Qt.Key.Key_F6)
    dialog = modal_named(qtbot, "decision_dialog")
    commit(dialog.body, text)
    return dialog


def votes(dialog, method, for_=0, against=0, abstain=0):
    dialog.method.setCurrentIndex(dialog.method.findData(method))
    for key, value in (("for", for_), ("against", against), ("abstain", abstain)):
        dialog.votes[key].setValue(value)


def decisions(services, meeting):
    return [n for n in MeetingFlow(services).notes(meeting.id) if n.kind == "decision"]


def test_enter_does_not_save_a_decision_until_its_method_is_chosen(qtbot, window, services, tasks, meeting):
    keys = Keys(qtbot, tasks, window)
    dialog = decision_dialog(qtbot, keys, "会費を据え置く")
    assert dialog.method.currentIndex() == -1 and dialog.method.currentText() == ""
    keys.press(Qt.Key.Key_Return)
    assert dialog.isVisible() and decisions(services, meeting) == []
    assert "決め方（全会一致・多数決・継続）を選んでください" in dialog.error.text()
    assert dialog.method.hasFocus()
    keys.press(Qt.Key.Key_Down)  # 全会一致, chosen on purpose
    with qtbot.waitSignal(window.note_captured) as saved:
        keys.press(Qt.Key.Key_Return)
    assert saved.args[0].decision_method == "unanimous"


def test_unanimous_with_a_minority_opinion_on_the_item_is_warned_and_saved_only_on_a_second_press(
        qtbot, window, services, tasks, meeting):
    keys = Keys(qtbot, tasks, window)
    keys.press(Qt.Key.Key_F8)
    commit(window.capture, "値上げには反対")
    with qtbot.waitSignal(window.note_captured):
        keys.press(Qt.Key.Key_Return)
    dialog = decision_dialog(qtbot, keys, "会費を年1,500円とする")
    dialog.method.setFocus()
    keys.press(Qt.Key.Key_Down)  # 全会一致
    assert "全会一致としていますが、少数意見「値上げには反対」があります" in dialog.error.text()
    keys.press(Qt.Key.Key_Return)
    assert dialog.isVisible() and decisions(services, meeting) == []
    assert dialog.save_button.text().replace("&", "") == "Save anyway"
    with qtbot.waitSignal(window.note_captured):
        keys.press(Qt.Key.Key_Return)
    assert [d.decision_method for d in decisions(services, meeting)] == ["unanimous"]


def test_unanimous_with_votes_against_is_warned(qtbot, window, services, tasks, meeting):
    keys = Keys(qtbot, tasks, window)
    dialog = decision_dialog(qtbot, keys, "会費を年1,500円とする")
    votes(dialog, "unanimous", 10, 2)
    assert "全会一致としていますが、反対が2票あります" in dialog.error.text()
    dialog.save_button.click()
    assert dialog.isVisible()


def test_votes_that_outnumber_those_present_are_refused_saying_by_how_many(
        qtbot, window, services, tasks, meeting):
    keys = Keys(qtbot, tasks, window)
    dialog = decision_dialog(qtbot, keys, "会費を年1,500円とする")
    votes(dialog, "majority", 10, 3, 1)
    assert "賛成10＋反対3＋棄権1＝14票ですが、出席12名＋委任状0名＝12名です（2票多すぎます）" in dialog.error.text()
    for _ in range(2):  # not even a second press saves it
        dialog.save_button.click()
    assert dialog.isVisible() and decisions(services, meeting) == []
    dialog.votes["for"].setValue(8)
    assert dialog.error.isHidden()
    with qtbot.waitSignal(window.note_captured):
        dialog.save_button.click()
    assert [(d.votes_for, d.votes_against, d.votes_abstain) for d in decisions(services, meeting)] == [(8, 3, 1)]


def test_votes_short_of_attendance_are_said_and_can_be_saved_anyway(qtbot, window, services, tasks, meeting):
    keys = Keys(qtbot, tasks, window)
    dialog = decision_dialog(qtbot, keys, "会費を年1,500円とする")
    votes(dialog, "majority", 7, 3)
    assert "2票足りません" in dialog.error.text()
    dialog.save_button.click()
    assert dialog.isVisible()
    with qtbot.waitSignal(window.note_captured):
        dialog.save_button.click()


def test_vote_check_counts_proxies_and_speaks_japanese(qtbot, japanese, services, tasks, display):
    meeting = board_meeting(services, present=10, proxies=2, members_total=20, meeting_type="general_regular")
    w = open_window(qtbot, services, tasks, display, meeting)
    keys = Keys(qtbot, tasks, w)
    dialog = decision_dialog(qtbot, keys, "規約を改める")
    votes(dialog, "majority", 10, 2, 1)
    assert "賛成10＋反対2＋棄権1＝13票ですが、出席10名＋委任状2名＝12名です（1票多すぎます）" in dialog.error.text()
    dialog.votes["abstain"].setValue(0)
    assert dialog.error.isHidden()
    with qtbot.waitSignal(w.note_captured):
        dialog.save_button.click()
    assert QApplication.activeModalWidget() is None
    w.close()
