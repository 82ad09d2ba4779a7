"""Help ▸ 使い方: F1 in the main window, Ctrl+F1 in meeting mode (whose F-keys choose note kinds);
the guide to the three jobs in the UI's language and a table of the keys that really work."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_meeting_mode import board_meeting, open_mode

from meguro_jukyo.qt.help import HelpDialog, menu_label


def test_menu_labels_lose_their_mnemonics_and_ellipsis():
    assert menu_label("&Search everything…") == "Search everything"
    assert menu_label("すべてを検索(&S)…") == "すべてを検索"
    assert menu_label("Save && close") == "Save & close"


def test_f1_opens_the_japanese_guide_with_the_main_windows_keys(qtbot, japanese, window):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(HelpDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.text()
    for job in ("会議を進める", "まとめて書き出す・取り込む", "区全体をまとめる"):
        assert job in text
    # the table is read from the live actions: Undo's key and its Japanese label are there
    assert "Ctrl+Z" in text and "元に戻す" in text
    assert "F1" in text and "使い方" in text
    qtbot.keyClick(window, Qt.Key.Key_F1)  # a second F1 raises the same dialog
    assert len(window.findChildren(HelpDialog)) == 1
    dialog.close()


def test_the_guide_follows_the_english_ui(qtbot, window, settings):
    settings.language = "en"
    dialog = window.show_help()
    assert "Running a meeting" in dialog.text() and "会議を進める" not in dialog.text()
    dialog.close()


def test_the_help_menu_offers_the_guide(window):
    texts = [a.text() for a in window.menu("help").actions()]
    assert window.guide_action.text() in texts
    assert "F1" in window.guide_action.shortcut().toString()


def test_meeting_mode_opens_the_guide_on_ctrl_f1_and_keeps_f1_for_a_note_kind(qtbot, japanese, services, tasks, display):
    meeting = board_meeting(services)
    mode = open_mode(qtbot, services, tasks, display, meeting.id)
    mode.capture.setFocus()
    first_kind = mode.kind
    qtbot.keyClick(mode.capture, Qt.Key.Key_F2)
    qtbot.keyClick(mode.capture, Qt.Key.Key_F1)
    assert mode.findChild(HelpDialog) is None  # F1 chose a kind, it did not open help
    assert mode.kind == first_kind
    qtbot.keyClick(mode.capture, Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier)
    dialog = mode.findChild(HelpDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.text()
    assert "F9" in text and "F10" in text and "Ctrl+F1" in text
    assert "会議モードを閉じる" in text or "閉じる" in text
    dialog.close()
    QApplication.processEvents()
    mode.close()
