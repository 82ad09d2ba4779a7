"""Meeting mode over a meeting's course: the quorum at opening, the times it was held, the items
it never took up, and what it shows again after a restart."""

import datetime as dt
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from test_meeting_mode import Keys, board_meeting, commit, modal_named, open_mode

from meguro_jukyo.core.exchange.minutes import build_minutes
from meguro_jukyo.core.meeting import MeetingFlow


def make_meeting(services, present):
    return board_meeting(services, ("会計報告", "夏祭り", "防犯パトロール"), opened=False, present=present,
                         ends_at=dt.datetime(2025, 5, 10, 21))


def open_window(qtbot, services, tasks, display, meeting):
    return open_mode(qtbot, services, tasks, display, meeting.id)


def overview(services, meeting):
    return dict(dict(build_minutes(services, meeting.id).sections())["会議の概要"])


def test_opening_without_a_quorum_asks_first_and_each_decision_in_it_is_warned_and_marked(
        qtbot, services, tasks, display):
    meeting = make_meeting(services, present=6)  # 8 of 15 needed
    w = open_window(qtbot, services, tasks, display, meeting)
    keys = Keys(qtbot, tasks, w)
    keys.press(Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    box = modal_named(qtbot, "confirm_open_no_quorum")
    assert "定足数に達していません: 出席6名、必要8名" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    keys.press(Qt.Key.Key_Return)  # Enter says No
    keys.settle()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)  # the keyboard is back in meeting mode
    assert services.meetings.get(meeting.id).status == "planned"
    keys.press(Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    modal_named(qtbot, "confirm_open_no_quorum")
    with qtbot.waitSignal(w.status_changed):
        keys.press(Qt.Key.Key_Y)
    keys.settle()
    assert services.meetings.get(meeting.id).status == "in_session"

    w.capture.setFocus()
    keys.press(Qt.Key.Key_F6)
    dialog = modal_named(qtbot, "decision_dialog")
    commit(dialog.body, "会費を据え置く")
    assert "定足数に達していません" in dialog.error.text()  # before anything is chosen
    dialog.method.setCurrentIndex(dialog.method.findData("continued"))
    keys.press(Qt.Key.Key_Return)
    assert dialog.isVisible()  # the warning is confirmed by a second press
    with qtbot.waitSignal(w.note_captured) as saved:
        keys.press(Qt.Key.Key_Return)
    assert saved.args[0].without_quorum
    rows = dict(build_minutes(services, meeting.id).sections())["議事と決定事項"]
    assert ("決定", "会費を据え置く［継続］　※定足数に達しないまま決定") in rows
    w.close()


def test_open_and_close_times_are_recorded_and_items_never_taken_up_are_named_and_marked(
        qtbot, services, tasks, display):
    meeting = make_meeting(services, present=9)
    w = open_window(qtbot, services, tasks, display, meeting)
    keys = Keys(qtbot, tasks, w)
    assert overview(services, meeting)["日時"] == "令和7年5月10日（土） 19:00〜21:00"  # the plan, until it opens
    before = dt.datetime.now().replace(second=0, microsecond=0)
    with qtbot.waitSignal(w.status_changed):
        keys.press(Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # quorum reached: no question
    keys.settle()
    opened = services.meetings.get(meeting.id).opened_at
    assert before <= opened <= dt.datetime.now()
    assert f"{opened:%H:%M}〜" in w.status_label.text()
    keys.press(Qt.Key.Key_F1)
    commit(w.capture, "黒字だった")
    with qtbot.waitSignal(w.note_captured):
        keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # 夏祭り: timed, nothing said
    keys.settle()
    qtbot.waitUntil(lambda: w.session.seconds(w.current_item().id, time.time()) > 0)

    keys.press(Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    box = modal_named(qtbot, "confirm_close")
    assert "3. 防犯パトロール" in box.text() and "夏祭り" not in box.text() and "会計報告" not in box.text()
    with qtbot.waitSignal(w.status_changed):
        keys.press(Qt.Key.Key_Y)
    keys.settle()
    stored = services.meetings.get(meeting.id)
    assert stored.closed_at is not None and stored.ends_at == dt.datetime(2025, 5, 10, 21)
    date = overview(services, meeting)["日時"]  # today, when the test runs
    assert f" {opened:%H:%M}〜" in date and date.endswith(f"{stored.closed_at:%H:%M}") and "5月10日" not in date
    assert [i.outcome for i in MeetingFlow(services).agenda(meeting.id)] == ["", "", "審議せず"]
    sections = dict(build_minutes(services, meeting.id).sections())
    assert ("議題3", "防犯パトロール（審議せず）") in sections["議題"]
    w.close()


def test_action_items_are_shown_again_under_their_item_after_a_restart(qtbot, services, tasks, display):
    meeting = make_meeting(services, present=9)
    flow = MeetingFlow(services)
    flow.open_meeting(meeting.id)
    w = open_window(qtbot, services, tasks, display, meeting)
    keys = Keys(qtbot, tasks, w)
    keys.press(Qt.Key.Key_F9)
    modal_named(qtbot, "action_dialog")
    keys.type("決算書を回覧する")
    with qtbot.waitSignal(w.action_added):
        keys.press(Qt.Key.Key_Return)
    w.deleteLater()  # the process dies

    again = open_window(qtbot, services, tasks, display, meeting)
    shown = [again.notes_list.item(i).text() for i in range(again.notes_list.count())]
    assert shown == ["【Action】決算書を回覧する"]
    keys = Keys(qtbot, tasks, again)  # and not under the other items
    keys.press(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    keys.settle()
    assert again.current_item().title == "夏祭り" and again.notes_list.count() == 0
    again.close()


def test_carry_over_shows_dates_as_set_flags_overdue_actions_and_offers_a_short_title(
        qtbot, services, tasks, display):
    flow = MeetingFlow(services)
    meeting = make_meeting(services, present=9)
    april = services.meetings.create({"organization_id": meeting.organization_id, "meeting_type": "board",
                                      "title": "4月役員会", "starts_at": dt.datetime(2025, 4, 12, 19)})
    item = flow.add_item(april.id, "防犯")
    flow.open_meeting(april.id)
    flow.capture(april.id, item.id, "continued",
                 "パトロールの担当表を作る。町会ごとに2名ずつ出して、月に一度は顔合わせの会を開く")
    flow.add_action(april.id, item.id, "防犯灯の切れている場所を調べる", "山田", dt.date(2025, 4, 30))
    display.era = False  # the 西暦 setting
    w = open_window(qtbot, services, tasks, display, meeting)
    keys = Keys(qtbot, tasks, w)
    keys.press(Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    dialog = modal_named(qtbot, "carry_over_dialog")
    table = dialog.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [
        "パトロールの担当表を作る", "防犯灯の切れている場所を調べる"]
    continued, action = table.item(0, 1).text(), table.item(1, 1).text()
    assert "町会ごとに2名ずつ" in continued and "2025年4月12日" in continued
    assert "Due: 2025年4月30日" in action and "Overdue" in action and "令和" not in continued + action
    assert "2025-" not in action
    assert "Overdue" not in continued
    keys.press(Qt.Key.Key_Space)
    keys.press(Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    commit(editor, "担当表づくり")
    keys.press(Qt.Key.Key_Return)  # ends the edit (the view takes the text a moment later)
    qtbot.waitUntil(lambda: table.item(0, 0).text() == "担当表づくり")
    assert dialog.isVisible()
    with qtbot.waitSignal(w.loaded):
        keys.press(Qt.Key.Key_Return)
    assert [i.title for i in flow.agenda(meeting.id)][-1] == "担当表づくり"
    w.close()


def test_escape_and_ctrl_w_close_meeting_mode_asking_only_if_a_note_is_half_typed(
        qtbot, services, tasks, display):
    meeting = make_meeting(services, present=9)
    flow = MeetingFlow(services)
    flow.open_meeting(meeting.id)
    w = open_window(qtbot, services, tasks, display, meeting)
    keys = Keys(qtbot, tasks, w)
    w.capture.setFocus()
    commit(w.capture, "屋台の数は")
    keys.press(Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    box = modal_named(qtbot, "confirm_close_window")
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    keys.press(Qt.Key.Key_Return)  # No: stays open, the text in the box
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    assert w.isVisible() and w.capture.text() == "屋台の数は"
    keys.press(Qt.Key.Key_Escape)
    modal_named(qtbot, "confirm_close_window")
    keys.press(Qt.Key.Key_Y)
    qtbot.waitUntil(lambda: not w.isVisible())
    tasks.wait()
    assert flow.draft(meeting.id).text == "屋台の数は" and flow.active() is None

    again = open_window(qtbot, services, tasks, display, meeting)
    assert again.capture.text() == "屋台の数は"
    again.capture.setText("")
    Keys(qtbot, tasks, again).press(Qt.Key.Key_Escape)  # nothing typed: closes at once
    qtbot.waitUntil(lambda: not again.isVisible())


def test_quitting_the_app_with_meeting_mode_open_asks_once_closes_everything_and_lets_go_of_the_store(
        qapp, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtTest import QTest

    from meguro_jukyo import app
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.services import Services
    from meguro_jukyo.qt import mainwindow
    from meguro_jukyo.qt.mainwindow import MainWindow
    from meguro_jukyo.qt.meeting.launch import open_meeting_mode
    from meguro_jukyo.qt.settings import Settings

    path = tmp_path / "store.sqlite3"
    with Store.open(path, create=True, holder="setup") as store:
        meeting = make_meeting(Services(store), present=9)
        MeetingFlow(Services(store)).open_meeting(meeting.id)
    asked = []
    monkeypatch.setattr(mainwindow, "confirm", lambda _parent, _title, text: asked.append(text) or True)
    seen = {}

    def look():
        window = next((w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
        if window is None or not window.pages_ready or window.tasks.pending:
            QTimer.singleShot(10, look)
            return
        mode = window.meeting_modes.get(meeting.id) or open_meeting_mode(window, meeting.id)
        if mode.meeting is None or window.tasks.pending:
            QTimer.singleShot(10, look)
            return
        commit(mode.capture, "途中まで")
        window.activateWindow()
        seen["mode"] = mode.objectName()
        QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(0, look)
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert app.run(db=str(path), argv=[], settings=settings) == 0  # the event loop ended
    assert seen == {"mode": "meeting_mode"}
    assert len(asked) == 1 and "5月役員会" in asked[0]
    assert not [w for w in qapp.topLevelWidgets() if w.isVisible()]
    with Store.open(path, holder="after") as store:  # the app let go of the store
        flow = MeetingFlow(Services(store))
        assert flow.draft(meeting.id).text == "途中まで" and flow.active() is None
