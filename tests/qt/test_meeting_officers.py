"""議長選出 and 署名人選任 in meeting mode, and the minutes as they are signed (pdftotext)."""

import dataclasses
import datetime as dt
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from test_meeting_mode import Keys, commit, modal_named, open_mode

from meguro_jukyo.core.meeting import MeetingFlow

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

ATTESTATION = "上記の議事の経過及びその結果を明確にするため、議長及び議事録署名人は次に署名押印する。"


def _meeting(services, meeting_type, title, attendance, items):
    org = services.organizations.create({"kind": "association", "name": "青葉台町会", "jukyo_code": "higashiyama"})
    meeting = services.meetings.create({"organization_id": org.id, "meeting_type": meeting_type, "title": title,
                                        "starts_at": dt.datetime(2025, 5, 10, 19), "facilitator": "進行 花子",
                                        **attendance})
    for name, how in (("鈴木一郎", "present"), ("青木斉", "present"), ("西長民", "proxy")):
        services.attendees.create({"meeting_id": meeting.id, "name": name, "attendance": how})
    flow = MeetingFlow(services)
    for item in items:
        flow.add_item(meeting.id, item)
    return meeting


def _run(qtbot, services, tasks, display, meeting, tmp_path, written=0):
    """Through meeting mode: choose the officers (a refused choice first), 書面表決, 開会, and
    after a decision per item, 閉会 and 確定, the minutes; returns the PDF's text."""
    window = open_mode(qtbot, services, tasks, display, meeting.id)
    keys = Keys(qtbot, tasks, window)
    members = window.members_label.text()  # the attendance box names what the quorum counts over
    # 書面表決 is asked for where the type counts it (総会), as the minutes show it
    assert window.officers.written.isVisibleTo(window) == bool(written)
    assert window.officers.summary.styleSheet() == "color: #b00020;"  # nobody chosen yet, in red
    qtbot.mouseClick(window.officers.button, Qt.MouseButton.LeftButton)
    dialog = modal_named(qtbot, "officers_dialog")
    assert dialog.chair.text() == "進行 花子"  # the facilitator is offered
    dialog.chair.clear()
    commit(dialog.chair, "田中正")
    commit(dialog.signers[0], "田中正")
    dialog.signers[1].setText("")
    keys.press(Qt.Key.Key_Return)
    keys.settle()
    assert dialog.isVisible() and "兼ねられません" in dialog.error.text()
    dialog.signers[0].clear()
    commit(dialog.signers[0], "伊藤花子")
    commit(dialog.signers[1], "渡辺一")
    with qtbot.waitSignal(dialog.finished):
        keys.press(Qt.Key.Key_Return)
    keys.settle()
    stored = services.meetings.get(meeting.id)
    assert (stored.chair, stored.signers) == ("田中正", "伊藤花子、渡辺一")
    assert "田中正" in window.officers.summary.text() and "伊藤花子、渡辺一" in window.officers.summary.text()
    if written:
        window.officers.written.setValue(written)
        qtbot.waitUntil(lambda: services.meetings.get(meeting.id).written_votes == written)

    with qtbot.waitSignal(window.status_changed):
        qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    # a decision on each item through the decision dialog (F6), the keys a clerk presses. F6 at
    # once after 開会, as a clerk would: the reload that follows must not take the dialog's keyboard
    for n, item in enumerate(window.agenda):
        if n:
            keys.press(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
            keys.settle()
        assert window.current_item().id == item.id
        keys.press(Qt.Key.Key_F6)
        modal_named(qtbot, "decision_dialog")
        keys.type(f"{item.title}を原案どおり決める")
        keys.press(Qt.Key.Key_Tab)
        keys.press(Qt.Key.Key_Down)  # nothing chosen → 全会一致
        with qtbot.waitSignal(window.note_captured):
            keys.press(Qt.Key.Key_Return)
        keys.settle()
    # 閉会 and 確定, each confirmed with Y
    for key, box, status in ((Qt.Key.Key_E, "confirm_close", "closed"), (Qt.Key.Key_F, "confirm_finalize", "finalized")):
        keys.press(key, Qt.KeyboardModifier.AltModifier)
        modal_named(qtbot, box)
        with qtbot.waitSignal(window.status_changed) as changed:
            keys.press(Qt.Key.Key_Y)
        assert changed.args == [status]
        keys.settle()
    decisions = [n for n in MeetingFlow(services).notes(meeting.id) if n.kind == "decision"]
    assert {n.agenda_item_id: (n.body, n.decision_method) for n in decisions} == {
        i.id: (f"{i.title}を原案どおり決める", "unanimous") for i in window.agenda}
    folder = tmp_path / meeting.meeting_type
    folder.mkdir()
    with qtbot.waitSignal(window.minutes_written, timeout=30000) as done:
        window.write_minutes(str(folder))
    keys.settle()
    window.close()
    pdf = done.args[0][0]
    return members, subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _flat(text):
    return "".join(text.split())


def test_a_general_meeting_signed_by_the_chosen_chair_and_signers(qtbot, services, tasks, display, tmp_path):
    meeting = _meeting(services, "general_regular", "令和7年度 定期総会",
                       {"members_total": 120, "present": 40, "proxies": 15}, ["令和6年度 事業報告", "令和7年度 予算案"])
    members, text = _run(qtbot, services, tasks, display, meeting, tmp_path, written=8)
    text = _flat(text)
    assert "役員総数" not in members
    assert _flat(ATTESTATION) in text
    for line in ("議長田中正", "議事録署名人伊藤花子", "議事録署名人渡辺一", "印"):
        assert line in text, line
    for line in ("全会員数120名", "出席40名", "委任状15名", "書面表決8名", "成立（定足数に数える出席63名）"):
        assert line in text, line
    assert "第1号議案令和6年度事業報告" in text and "第2号議案令和7年度予算案" in text
    assert "結果可決" in text
    assert "出席者" not in text and "鈴木一郎" not in text  # a 総会 names nobody unless asked


def test_a_board_meeting_counts_its_officers_and_names_who_attended(qtbot, services, tasks, display, tmp_path):
    meeting = _meeting(services, "board", "5月 役員会", {"members_total": 15, "present": 9, "proxies": 2},
                       ["夏祭りの役割分担"])
    members, text = _run(qtbot, services, tasks, display, meeting, tmp_path)
    text = _flat(text)
    assert members.startswith("役員総数") and members.endswith(":")  # as the minutes say, not 全会員数
    assert _flat(ATTESTATION) in text and "議長田中正" in text and "議事録署名人渡辺一" in text
    for line in ("役員総数15名", "出席9名", "委任状2名", "成立（定足数に数える出席9名）", "出席者鈴木一郎、青木斉"):
        assert line in text, line
    assert "全会員数" not in text and "書面表決" not in text and "号議案" not in text
    assert "議題1夏祭りの役割分担" in text


def test_the_attendance_box_names_the_body_in_english_too(qtbot, services, tasks, display):
    meeting = _meeting(services, "standing", "常任委員会", {"members_total": 12}, [])
    english = dataclasses.replace(display, language="en")
    window = open_mode(qtbot, services, tasks, english, meeting.id)
    assert window.members_label.text() == "Committee membe&rs:"
    assert window.members_label.buddy() is window.members_box  # Alt+R still reaches the box
    window.close()
