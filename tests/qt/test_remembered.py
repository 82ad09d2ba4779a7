"""Window geometry and the last folder of each kind of file are remembered between runs."""

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QFileDialog
from test_meeting_mode import board_meeting, open_mode

from meguro_jukyo.qt import file_dialogs
from meguro_jukyo.qt.mainwindow import MainWindow
from meguro_jukyo.qt.meeting.window import MeetingModeWindow


def test_a_save_dialog_opens_where_that_kind_of_file_was_saved_last(qtbot, monkeypatch, tmp_path, settings):
    excel_folder, sync_folder = tmp_path / "Excel", tmp_path / "同期"
    excel_folder.mkdir()
    sync_folder.mkdir()
    asked = []

    def save_as(_parent, _title, start, _filters, **_kw):
        asked.append(start)
        folder = excel_folder if "xlsx" in start else sync_folder
        return str(folder / Path(start).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    file_dialogs.save_path(None, "excel", "t", "地域課題.xlsx", "*.xlsx")
    file_dialogs.save_path(None, "sync", "t", "端末.mjsync", "*.mjsync")
    assert Path(asked[0]).parent != excel_folder  # the first time: Documents (or home)
    file_dialogs.save_path(None, "excel", "t", "地域課題.xlsx", "*.xlsx")
    file_dialogs.save_path(None, "sync", "t", "端末.mjsync", "*.mjsync")
    assert Path(asked[2]) == excel_folder / "地域課題.xlsx"
    assert Path(asked[3]) == sync_folder / "端末.mjsync"
    assert settings.last_folder("excel") == str(excel_folder)


def test_a_cancelled_dialog_or_a_folder_since_removed_changes_nothing(qtbot, monkeypatch, tmp_path, settings):
    gone = tmp_path / "USB"
    gone.mkdir()
    settings.remember_folder("sync", str(gone))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([], ""))
    assert file_dialogs.open_paths(None, "sync", "t", "*.mjsync") == []
    assert settings.last_folder("sync") == str(gone)  # cancelling forgets nothing
    gone.rmdir()  # the stick was pulled out
    assert file_dialogs.start_folder("sync") != str(gone)


def test_the_main_window_opens_where_it_was_closed(qtbot, services, tasks, settings, framework):
    first = MainWindow(services, tasks, settings, framework)
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(QRect(40, 30, 720, 520))
    qtbot.waitUntil(lambda: first.width() == 720)
    first.close()
    second = MainWindow(services, tasks, settings, framework)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (720, 520)
    second.close()


def test_meeting_mode_opens_with_the_geometry_it_was_closed_with(qtbot, services, tasks, display, settings, monkeypatch):
    # the offscreen screen (800×800) is smaller than meeting mode's minimum size, so Qt would
    # move and clamp a restored size here: the test checks the saved geometry is what the next
    # window restores, as Qt's saveGeometry wrote it
    meeting = board_meeting(services)
    mode = open_mode(qtbot, services, tasks, display, meeting.id)
    assert settings.window_geometry("meeting") is None
    mode.close()
    saved = settings.window_geometry("meeting")
    assert saved is not None
    restored = []
    monkeypatch.setattr(MeetingModeWindow, "restoreGeometry", lambda self, g: restored.append(bytes(g)) or True)
    again = open_mode(qtbot, services, tasks, display, meeting.id)
    assert restored == [bytes(saved)]
    again.close()


def test_the_minutes_folder_is_remembered_for_the_next_meeting(qtbot, services, tasks, display, tmp_path, settings):
    folder = tmp_path / "議事録"
    folder.mkdir()
    settings.remember_folder("minutes", str(folder))
    meeting = board_meeting(services)
    mode = open_mode(qtbot, services, tasks, display, meeting.id)
    dialog = mode.choose_minutes_folder()
    assert Path(dialog.directory().absolutePath()) == folder
    dialog.reject()
    mode.close()
