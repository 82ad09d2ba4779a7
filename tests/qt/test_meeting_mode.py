"""Meeting mode, driven by the keyboard alone on the real window against a real store."""

import datetime as dt
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from meguro_jukyo.core.exchange.minutes import build_minutes
from meguro_jukyo.core.exchange.minutes_xlsx import read_minutes_xlsx
from meguro_jukyo.core.meeting import MeetingFlow
from meguro_jukyo.core.services import ListQuery
from meguro_jukyo.qt.meeting.projector import clock_text
from meguro_jukyo.qt.meeting.window import MeetingModeWindow

KINDS = ("opinion", "point", "question", "report", "consensus", "decision", "continued", "minority")


@pytest.fixture
def org(services):
    return services.organizations.create({"kind": "association", "name": "青葉台町会", "jukyo_code": "higashiyama"})


@pytest.fixture
def meeting(services, org):
    # an earlier meeting left something to continue
    flow = MeetingFlow(services)
    april = services.meetings.create({"organization_id": org.id, "meeting_type": "board", "title": "4月役員会",
                                      "starts_at": dt.datetime(2025, 4, 12, 19)})
    item = flow.add_item(april.id, "防犯パトロール")
    flow.open_meeting(april.id)
    flow.capture(april.id, item.id, "continued", "パトロールの担当表を作る")
    return services.meetings.create({
        "organization_id": org.id, "meeting_type": "board", "title": "5月役員会",
        "starts_at": dt.datetime(2025, 5, 10, 19), "place": "青葉台住区センター",
        "facilitator": "田中", "recorder": "伊藤", "members_total": 15})


def board_meeting(services, items=("会費",), opened=True, **values):
    """青葉台町会's 5月役員会 (15 members, 8 needed) with the given agenda, opened or not."""
    org = services.organizations.create({"kind": "association", "name": "青葉台町会", "jukyo_code": "higashiyama"})
    meeting = services.meetings.create({
        "organization_id": org.id, "meeting_type": "board", "title": "5月役員会",
        "starts_at": dt.datetime(2025, 5, 10, 19), "members_total": 15, **values})
    flow = MeetingFlow(services)
    for title in items:
        flow.add_item(meeting.id, title)
    if opened:
        flow.open_meeting(meeting.id)
    return meeting


def open_mode(qtbot, services, tasks, display, meeting_id):
    """Meeting mode on a meeting, loaded, on screen and the active window."""
    w = MeetingModeWindow(services, tasks, display, meeting_id)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.loaded):
        w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


@pytest.fixture
def window(qtbot, services, tasks, display, meeting):
    w = open_mode(qtbot, services, tasks, display, meeting.id)
    yield w
    w.close()


def commit(widget, text):
    """What an input method sends when a person confirms a conversion: the committed text."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


class Keys:
    """Types where a person's keystrokes go: the focused widget of the active window."""

    def __init__(self, qtbot, tasks, window):
        self.qtbot, self.tasks, self.window = qtbot, tasks, window

    def target(self):
        modal = QApplication.activeModalWidget()
        if modal is not None:
            return modal.focusWidget() or modal
        return QApplication.focusWidget() or self.window.focusWidget() or self.window

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier):
        self.qtbot.keyClick(self.target(), key, modifier)

    def type(self, text):
        """ASCII as key presses; Japanese as an input method commits it (かな漢字変換 then Enter)."""
        if text.isascii():
            self.qtbot.keyClicks(self.target(), text)
            return
        commit(self.target(), text)

    def settle(self):
        self.qtbot.waitUntil(lambda: self.tasks.pending == 0)


def modal_named(qtbot, name):
    """The dialog that just opened, made the active window as a window manager would."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None
                    and QApplication.activeModalWidget().objectName() == name)
    dialog = QApplication.activeModalWidget()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_a_whole_meeting_with_the_keyboard_alone(qtbot, window, services, tasks, meeting, tmp_path):
    keys = Keys(qtbot, tasks, window)
    flow = MeetingFlow(services)

    # -- agenda: two items typed in, one carried over, then reordered
    for title, minutes in (("夏祭りの準備", "20"), ("会計報告", "5")):
        keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
        modal_named(qtbot, "agenda_dialog")
        keys.type(title)
        keys.press(Qt.Key.Key_Tab)
        keys.type(minutes)
        with qtbot.waitSignal(window.loaded):
            keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    modal_named(qtbot, "carry_over_dialog")
    keys.press(Qt.Key.Key_Space)
    with qtbot.waitSignal(window.loaded):
        keys.press(Qt.Key.Key_Return)
    assert [i.title for i in window.agenda] == ["夏祭りの準備", "会計報告", "パトロールの担当表を作る"]
    # the agenda list's selection is on the first item; move 会計報告 up to the top
    window.agenda_list.setCurrentRow(1)
    keys.press(Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    keys.settle()
    assert [i.title for i in flow.agenda(meeting.id)] == ["会計報告", "夏祭りの準備", "パトロールの担当表を作る"]

    # -- attendance: 9 of 15 board members present (役員会: more than half, proxies not counted)
    keys.press(Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    keys.type("9")
    assert window.quorum_label.text() == "Quorum reached"
    keys.press(Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    keys.type("3")

    # -- open: the first item's clock starts
    with qtbot.waitSignal(window.status_changed) as opened:
        keys.press(Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert opened.args == ["in_session"]
    keys.settle()
    assert window.current_item().title == "会計報告" and window.session.running

    # -- the first item: capture every kind with its key
    window.capture.setFocus()
    for i, kind in enumerate(KINDS):
        key = getattr(Qt.Key, f"Key_F{i + 1}")
        if kind == "decision":
            keys.press(key)
            modal_named(qtbot, "decision_dialog")
            keys.type("会計報告を承認する")
            keys.press(Qt.Key.Key_Tab)
            keys.press(Qt.Key.Key_Down)  # nothing chosen → 全会一致
            keys.press(Qt.Key.Key_Down)  # → 多数決
            keys.press(Qt.Key.Key_Tab)
            keys.type("8")
            keys.press(Qt.Key.Key_Tab)
            keys.type("1")
            keys.press(Qt.Key.Key_Tab)
            keys.type("3")
            keys.press(Qt.Key.Key_Tab)
            keys.type("監査の報告を先に聞くべき")
            assert "会計報告を承認する" in window.projector_state().draft_decision
            with qtbot.waitSignals([window.note_captured, window.note_captured]):
                keys.press(Qt.Key.Key_Return)
            continue
        keys.press(key)
        assert window.kind == kind and window.capture.hasFocus()
        keys.type(f"{kind}のメモ")
        with qtbot.waitSignal(window.note_captured) as captured:
            keys.press(Qt.Key.Key_Return)
        assert captured.args[0].kind == kind
        assert window.capture.text() == ""

    # -- an action item: F9, what, Tab, who, Tab, due in 和暦, Enter
    keys.press(Qt.Key.Key_F9)
    modal_named(qtbot, "action_dialog")
    keys.type("決算書を回覧する")
    keys.press(Qt.Key.Key_Tab)
    keys.type("会計")
    keys.press(Qt.Key.Key_Tab)
    keys.type("R7.5.31")
    with qtbot.waitSignal(window.action_added):
        keys.press(Qt.Key.Key_Return)

    # -- next item, a note there, pause and resume
    keys.press(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    keys.settle()
    assert window.current_item().title == "夏祭りの準備"
    keys.press(Qt.Key.Key_F1)
    keys.type("屋台は5店")
    with qtbot.waitSignal(window.note_captured):
        keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_F10)
    keys.settle()
    assert not window.session.running
    keys.press(Qt.Key.Key_F10)
    keys.settle()
    assert window.session.running

    # -- close and finalise, each confirmed (No is the default: Y says yes)
    keys.press(Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    box = modal_named(qtbot, "confirm_close")
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    with qtbot.waitSignal(window.status_changed) as closed:
        keys.press(Qt.Key.Key_Y)
    assert closed.args == ["closed"]
    keys.press(Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    modal_named(qtbot, "confirm_finalize")
    with qtbot.waitSignal(window.status_changed) as finalized:
        keys.press(Qt.Key.Key_Y)
    assert finalized.args == ["finalized"]
    keys.settle()

    # -- minutes into a folder typed into the folder dialog
    folder = tmp_path / "minutes"
    folder.mkdir()
    keys.press(Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    dialog = modal_named(qtbot, "minutes_folder_dialog")
    assert isinstance(dialog, QFileDialog)
    keys.type(str(folder))
    with qtbot.waitSignal(window.minutes_written, timeout=30000) as written:
        keys.press(Qt.Key.Key_Return)
    keys.settle()

    # -- what the store holds
    notes = flow.notes(meeting.id)
    assert {n.kind for n in notes} == set(KINDS)
    decision = next(n for n in notes if n.kind == "decision")
    assert (decision.body, decision.decision_method, decision.votes_for, decision.votes_against,
            decision.votes_abstain) == ("会計報告を承認する", "majority", 8, 1, 3)
    minority = sorted(n.body for n in notes if n.kind == "minority")
    assert minority == ["minorityのメモ", "監査の報告を先に聞くべき"]
    assert all(n.decision_id == decision.id for n in notes if n.kind == "minority")
    [action] = services.actions.list(ListQuery(equals={"meeting_id": meeting.id}))
    assert (action.title, action.assignee, action.due_on) == ("決算書を回覧する", "会計", dt.date(2025, 5, 31))
    stored = services.meetings.get(meeting.id)
    assert (stored.status, stored.present, stored.proxies) == ("finalized", 9, 3)
    assert [i.actual_minutes is not None for i in flow.agenda(meeting.id)] == [True, True, False]

    # -- and the minutes files say the same as the minutes data
    pdf, xlsx = written.args[0]
    assert pdf.parent == folder and pdf.exists() and xlsx.exists()
    minutes = build_minutes(services, meeting.id)
    heading, sections = read_minutes_xlsx(xlsx)
    assert (heading, sections) == (minutes.heading, minutes.sections())
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "5月役員会" in text and "会計報告を承認する" in text


def test_draft_is_saved_while_typing_and_restored_on_reopening(qtbot, services, tasks, display, meeting):
    flow = MeetingFlow(services)
    item = flow.add_item(meeting.id, "防災訓練")
    flow.open_meeting(meeting.id)
    w = MeetingModeWindow(services, tasks, display, meeting.id)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.loaded):
        w.show()
    w.capture.setFocus()
    qtbot.keyClick(w.capture, Qt.Key.Key_F2)
    with qtbot.waitSignal(w.draft_saved) as saved:
        commit(w.capture, "消火器の点検日")
    assert saved.args == ["消火器の点検日"]
    draft = flow.draft(meeting.id)
    assert (draft.item_id, draft.kind, draft.text) == (item.id, "point", "消火器の点検日")
    assert flow.active() == meeting.id
    w.deleteLater()  # as if the process died: no closeEvent

    again = MeetingModeWindow(services, tasks, display, meeting.id)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.loaded):
        again.show()
    assert again.capture.text() == "消火器の点検日" and again.kind == "point"
    assert again.current_item().id == item.id
    again.close()
    tasks.wait()
    assert flow.active() is None  # closed on purpose: not reopened at the next start
    assert flow.draft(meeting.id).text == "消火器の点検日"


def test_projector_follows_the_facilitator(qtbot, window, services, tasks, meeting):
    flow = MeetingFlow(services)
    flow.add_item(meeting.id, "清掃活動", 1)
    flow.open_meeting(meeting.id)
    with qtbot.waitSignal(window.loaded):
        window.reload()
    projector = window.show_projector()
    qtbot.addWidget(projector)
    assert "清掃活動" in projector.item.text()
    window.capture.setFocus()
    qtbot.keyClick(window.capture, Qt.Key.Key_F2)
    commit(window.capture, "ごみ袋の配布場所")
    with qtbot.waitSignal(window.note_captured):
        qtbot.keyClick(window.capture, Qt.Key.Key_Return)
    assert "【論点】ごみ袋の配布場所" in projector.points.text()
    # no personal data on the hall's screen
    shown = " ".join(lbl.text() for lbl in (projector.meeting, projector.item, projector.points))
    assert "田中" not in shown and "伊藤" not in shown
    # the decision being drafted shows as it is typed
    qtbot.keyClick(window.capture, Qt.Key.Key_F6)
    dialog = modal_named(qtbot, "decision_dialog")
    commit(dialog.body, "第2日曜日に実施")
    assert "第2日曜日に実施" in projector.decision.text() and projector.decision.isVisibleTo(projector)
    qtbot.keyClick(dialog.body, Qt.Key.Key_Escape)
    assert not projector.decision.isVisibleTo(projector)


def test_clock_counts_down_then_shows_overrun():
    assert clock_text(600, 0) == ("10:00", False)
    assert clock_text(600, 599.6) == ("00:00", False)
    assert clock_text(600, 665) == ("+01:05", True)


def test_projector_text_grows_with_the_window(qtbot):
    from meguro_jukyo.qt.meeting.projector import ProjectorWindow

    p = ProjectorWindow()
    qtbot.addWidget(p)
    p.show()
    p.resize(800, 600)
    qtbot.waitUntil(lambda: p.height() == 600)
    small = p.item.font().pixelSize()
    p.resize(1920, 1080)
    qtbot.waitUntil(lambda: p.height() == 1080)
    assert p.item.font().pixelSize() > small >= 30


def test_main_window_opens_meeting_mode_and_reopens_it_after_a_crash(qtbot, services, tasks, settings, meeting):
    from PySide6.QtGui import QAction

    from meguro_jukyo.core.policy import load_framework
    from meguro_jukyo.qt.mainwindow import MainWindow

    framework = load_framework()
    main = MainWindow(services, tasks, settings, framework)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.pages_built):
        pass
    main.show()
    qtbot.waitUntil(lambda: tasks.pending == 0)
    assert main.meeting_modes == {}  # nothing was open
    page = main.show_page("meeting")
    qtbot.waitUntil(lambda: page.select_id(meeting.id))
    main.findChild(QAction, "meeting_mode_action").trigger()
    mode = main.meeting_modes[meeting.id]
    qtbot.waitUntil(lambda: mode.meeting is not None and tasks.pending == 0)
    assert mode.meeting.title == "5月役員会" and MeetingFlow(services).active() == meeting.id

    # the app starts again without meeting mode having been closed: it comes back by itself
    again = MainWindow(services, tasks, settings, framework)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.pages_built):
        pass
    qtbot.waitUntil(lambda: meeting.id in again.meeting_modes)
    reopened = again.meeting_modes[meeting.id]
    qtbot.waitUntil(lambda: reopened.meeting is not None and tasks.pending == 0)
    reopened.close()
    mode.close()
    tasks.wait()
    assert MeetingFlow(services).active() is None
