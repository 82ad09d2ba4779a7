"""The start-up maintenance (the daily backup) runs beside the database lane: the pages fill while
a ward-size store is being copied, and no whole-file integrity_check is read on every start."""

import threading
from pathlib import Path

from meguro_jukyo.app import start_maintenance

WAIT = 10_000


def test_the_daily_backup_does_not_hold_up_the_pages_queries(qtbot, window, tasks, monkeypatch):
    store = window.store
    release, started, checked = threading.Event(), threading.Event(), []

    def slow_backup():  # a gigabyte being copied
        started.set()
        assert release.wait(20)
        return Path(store.location).with_name("store-daily.sqlite3")

    monkeypatch.setattr(store, "backup_if_due", slow_backup)
    monkeypatch.setattr(store, "integrity_check", lambda: checked.append(1) or [])
    start_maintenance(window)
    assert started.wait(5)
    answered = []
    tasks.run_in_background(lambda: store.engine.connect().close() or "page", answered.append)
    qtbot.waitUntil(lambda: answered == ["page"], timeout=WAIT)  # while the backup still runs
    release.set()
    qtbot.waitUntil(lambda: "store-daily.sqlite3" in window.statusBar().currentMessage(), timeout=WAIT)
    assert checked == []  # a SQLite store: the daily quick_check, not integrity_check at every start


def test_a_real_daily_backup_is_made_once_a_day(qtbot, window, tasks):
    store = window.store
    start_maintenance(window)
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
    backups = sorted((Path(store.location).parent / (Path(store.location).stem + "-backups")).glob("*daily*"))
    assert len(backups) == 1
    start_maintenance(window)  # the same day again: none more
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
    tasks.wait()
    assert sorted(backups[0].parent.glob("*daily*")) == backups
