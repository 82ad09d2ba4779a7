"""The yearly handover from the 同期 page: written on the old laptop, imported on a new one."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import time

from progress_dialog import press_cancel
from PySide6.QtCore import Qt
from test_sync_page import WAIT, make_page

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.exchange.dump import write_dump
from meguro_jukyo.core.reference import council_id
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.sync import handover as sync_handover
from meguro_jukyo.core.sync import identity
from meguro_jukyo.qt import handover
from meguro_jukyo.qt.trust import fingerprint_text


def dump(store) -> str:
    out = io.StringIO()
    write_dump(store, out)
    return out.getvalue()


def test_the_old_laptop_writes_it_and_the_new_one_continues_after_comparing_the_fingerprint(
        qtbot, japanese, tasks, tmp_path):
    old = Store.open(tmp_path / "old.sqlite3", create=True, device_name="前の会長のPC")
    new = Store.open(tmp_path / "new.sqlite3", create=True, device_name="新しい会長のPC")
    try:
        Services(old).issues.create({"organization_id": council_id("komaba"), "title": "街灯が暗い"})
        page = make_page(qtbot, old, tasks)
        assert page.handover_write_button.isVisible() and page.handover_import_button.isVisible()
        path = tmp_path / "引き継ぎ.mjhandover"
        with qtbot.waitSignal(page.handover_done, timeout=WAIT):
            handover.write_to(page, path, council_id("komaba"), 2025)
        fingerprint = identity.device_card(old).fingerprint
        assert fingerprint in page.status.text() and path.exists()
        reading = subprocess.run(["pdftotext", str(path.with_suffix(".pdf")), "-"], capture_output=True, text=True,
                                 check=True).stdout
        assert "引き継ぎ書" in reading and "街灯が暗い" in reading

        other = make_page(qtbot, new, tasks)
        with qtbot.waitSignal(other.card_read, timeout=WAIT) as blocker:
            handover.import_from(other, path)
        dialog = blocker.args[0]
        assert dialog.fingerprint.text() == fingerprint_text(fingerprint)
        assert not dialog.trust_button.isEnabled()  # not before the fingerprint was compared
        dialog.confirmed.setChecked(True)
        with qtbot.waitSignal(other.handover_done, timeout=WAIT):
            qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
        assert "引き継ぎ" in other.status.text() and "令和7年度" in other.status.text()
        assert dump(new) == dump(old)
        assert [c.device_id for c in identity.trusted_devices(new)] == [old.device_id]
    finally:
        old.close()
        new.close()


def test_the_reading_copy_names_the_officers_only_when_asked(qtbot, japanese, tasks, tmp_path):
    old = Store.open(tmp_path / "old.sqlite3", create=True, device_name="前の会長のPC")
    try:
        services = Services(old)
        services.officers.create({"organization_id": council_id("komaba"), "nendo": 2025, "role": "chair",
                                  "name": "山田太郎"})
        page = make_page(qtbot, old, tasks)
        for personal, path in ((False, tmp_path / "a.mjhandover"), (True, tmp_path / "b.mjhandover")):
            with qtbot.waitSignal(page.handover_done, timeout=WAIT):
                handover.write_to(page, path, council_id("komaba"), 2025, personal=personal)
            reading = "".join(subprocess.run(["pdftotext", str(path.with_suffix(".pdf")), "-"], capture_output=True,
                                             text=True, check=True).stdout.split())
            assert "会長" in reading
            assert ("山田太郎" in reading) is personal
    finally:
        old.close()


def test_the_handover_dialog_offers_the_year_just_ended_while_officers_change(qtbot, japanese):
    assert handover.default_nendo(dt.date(2026, 5, 10)) == 2025  # handing over in May: last 年度
    assert handover.default_nendo(dt.date(2026, 12, 3)) == 2026
    dialog = handover.HandoverDialog([("a", "駒場町会")], dt.date(2026, 5, 10))
    qtbot.addWidget(dialog)
    assert dialog.year.value() == 2025 and "令和7年度" in dialog.year.suffix()
    assert dialog.organization.currentData() == "a"
    assert not dialog.personal.isChecked()  # no names unless asked


def _held_until_cancelled(real):
    """``real`` (a core handover step taking ``progress``), started only once the person has
    pressed Cancel in the progress dialog: the cancel then meets the real operation's own
    cancel points, however fast this machine would have finished it."""
    def held(*args, progress, **kwargs):
        deadline = time.monotonic() + WAIT / 1000
        while not progress.cancelled and time.monotonic() < deadline:
            time.sleep(0.01)
        return real(*args, progress=progress, **kwargs)
    return held


def test_cancel_while_writing_the_handover_leaves_no_file(qtbot, japanese, tasks, tmp_path, monkeypatch):
    old = Store.open(tmp_path / "old.sqlite3", create=True, device_name="前の会長のPC")
    try:
        Services(old).issues.create({"organization_id": council_id("komaba"), "title": "街灯が暗い"})
        page = make_page(qtbot, old, tasks)
        monkeypatch.setattr(sync_handover, "write_handover", _held_until_cancelled(sync_handover.write_handover))
        path = tmp_path / "引き継ぎ.mjhandover"
        with qtbot.waitSignal(page.handover_cancelled, timeout=WAIT) as blocker:
            handover.write_to(page, path, council_id("komaba"), 2025)
            press_cancel(qtbot, page, lambda _d: True, WAIT)
        assert page.status.text() == blocker.args[0] == "中止しました。引き継ぎファイルは作られていません。"
        assert not path.exists() and not path.with_suffix(".pdf").exists()
        assert [p.name for p in tmp_path.iterdir() if "引き継ぎ" in p.name] == []  # no half-written file either
    finally:
        old.close()


def test_cancel_while_importing_the_handover_imports_and_trusts_nothing(
        qtbot, japanese, tasks, tmp_path, monkeypatch):
    old = Store.open(tmp_path / "old.sqlite3", create=True, device_name="前の会長のPC")
    new = Store.open(tmp_path / "new.sqlite3", create=True, device_name="新しい会長のPC")
    try:
        Services(old).issues.create({"organization_id": council_id("komaba"), "title": "街灯が暗い"})
        path = tmp_path / "引き継ぎ.mjhandover"
        sync_handover.write_handover(old, path, organization_id=council_id("komaba"), nendo=2025)
        before = dump(new)
        page = make_page(qtbot, new, tasks)
        monkeypatch.setattr(sync_handover, "import_handover", _held_until_cancelled(sync_handover.import_handover))
        with qtbot.waitSignal(page.card_read, timeout=WAIT) as blocker:
            handover.import_from(page, path)
        dialog = blocker.args[0]
        dialog.confirmed.setChecked(True)
        with qtbot.waitSignal(page.handover_cancelled, timeout=WAIT) as cancelled:
            qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
            press_cancel(qtbot, page, lambda _d: True, WAIT)
        assert page.status.text() == cancelled.args[0] and "どの端末も信頼していません" in cancelled.args[0]
        assert dump(new) == before
        assert identity.trusted_devices(new) == []
    finally:
        old.close()
        new.close()
