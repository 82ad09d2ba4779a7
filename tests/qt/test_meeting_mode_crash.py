"""Pulling the plug in the middle of capturing: nothing entered is lost, the draft comes back.

A child process runs meeting mode on a store (offscreen) and types notes into the capture box
through the real window — half a note, pause (the draft is saved), the rest, Enter — printing
a line after each draft save and each committed note. The test kills it with SIGKILL halfway
through a note, starts meeting mode again on the same store without naming the meeting, and
checks that it came back on the same meeting and item with the half-typed text in the box,
that every note reported committed is there, and that the store passes integrity_check.
"""

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.meeting import MeetingFlow
from meguro_jukyo.core.services import Services

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

NOTES = [f"メモ{i:02d}：集会所の避難経路と備蓄品の確認その{i}" for i in range(40)]
KILL_AFTER_DRAFT = 4

DRIVER = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.services import Services
    from meguro_jukyo.qt.display import Display
    from meguro_jukyo.qt.meeting.launch import start
    from meguro_jukyo.qt.tasks import TaskManager

    path, mode = sys.argv[1], sys.argv[2]
    meeting_id = sys.argv[3] if len(sys.argv) > 3 else None
    stop_at = int(sys.argv[4]) if len(sys.argv) > 4 else -1  # the note left half-typed
    notes = json.loads(sys.stdin.readline()) if mode == "capture" else []
    app = QApplication([])
    store = Store.open(path, holder="crash test")
    services = Services(store)
    tasks = TaskManager()
    window = start(services, tasks, Display(services.vocab), meeting_id)

    def say(*words):
        print(*words, flush=True)

    def type_text(text):
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(window.capture, event)

    if mode == "report":
        def report():
            item = window.current_item()
            say(json.dumps({"meeting": window.meeting_id, "item": item.title if item else None,
                            "text": window.capture.text(), "kind": window.kind}, ensure_ascii=False))
            app.quit()
        window.loaded.connect(report)
    else:
        state = {"i": 0, "phase": "first half"}

        def next_note():
            i = state["i"]
            text = notes[i]
            state["phase"] = "first half"
            type_text(text[: len(text) // 2])   # then the draft timer saves it

        def draft_saved(text):
            i = state["i"]
            if state["phase"] != "first half":
                return
            state["phase"] = "second half"
            say("DRAFT", i, text)
            if i == stop_at:
                return  # still typing this one when the plug is pulled
            type_text(notes[i][len(notes[i]) // 2:])
            QTest.keyClick(window.capture, Qt.Key.Key_Return)

        def captured(note):
            say("NOTE", state["i"], note.body)
            state["i"] += 1
            next_note()

        def begin():
            window.loaded.disconnect(begin)
            window.activateWindow()
            window.capture.setFocus()
            QTest.keyClick(window.capture, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
            QTest.keyClick(window.capture, Qt.Key.Key_F2)  # 論点
            QTimer.singleShot(0, next_note)

        window.draft_saved.connect(draft_saved)
        window.note_captured.connect(captured)
        window.loaded.connect(begin)
    app.exec()
    tasks.wait()
    store.close()
""")


def run_driver(tmp_path, *args, stdin=""):
    script = tmp_path / "driver.py"
    script.write_text(DRIVER, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, str(script), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def test_killed_while_capturing_loses_nothing_and_comes_back_where_it_was(tmp_path):
    path = tmp_path / "store.sqlite3"
    with Store.open(path, create=True) as store:
        services = Services(store)
        flow = MeetingFlow(services)
        org = services.organizations.create({"name": "中町町会"})
        meeting = services.meetings.create({"organization_id": org.id, "title": "6月定例会",
                                            "starts_at": dt.datetime(2025, 6, 7, 19)})
        flow.add_item(meeting.id, "会計報告", 5)
        flow.add_item(meeting.id, "防災訓練", 20)
        flow.open_meeting(meeting.id)

    child = run_driver(tmp_path, str(path), "capture", meeting.id, str(KILL_AFTER_DRAFT))
    child.stdin.write(json.dumps(NOTES, ensure_ascii=False) + "\n")
    child.stdin.flush()
    committed, drafts = [], {}
    try:
        for line in child.stdout:
            word, index, text = line.rstrip("\n").split(" ", 2)
            if word == "NOTE":
                committed.append(text)
            else:
                drafts[int(index)] = text
                if int(index) == KILL_AFTER_DRAFT:
                    child.send_signal(signal.SIGKILL)  # halfway through a note
                    break
        else:
            pytest.fail("the child stopped before the draft it was to be killed at")
    finally:
        child.kill()
        child.communicate(timeout=30)  # reaps it and closes the pipes
    assert child.returncode == -signal.SIGKILL
    assert committed == NOTES[:KILL_AFTER_DRAFT]

    # the store is sound and holds every note reported, in order, and nothing half-made
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    with Store.open(path, write=False) as store:
        flow = MeetingFlow(Services(store))
        assert [n.body for n in flow.notes(meeting.id)] == committed
        assert all(n.kind == "point" for n in flow.notes(meeting.id))
        draft = flow.draft(meeting.id)
        assert (draft.kind, draft.text) == ("point", drafts[KILL_AFTER_DRAFT])
        assert NOTES[KILL_AFTER_DRAFT].startswith(draft.text)

    # started again without naming the meeting: it comes back on the same item with the text
    again = run_driver(tmp_path, str(path), "report")
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    state = json.loads(out.strip().splitlines()[-1])
    assert (state["meeting"], state["item"]) == (meeting.id, "防災訓練")
    assert (state["text"], state["kind"]) == (draft.text, "point")
