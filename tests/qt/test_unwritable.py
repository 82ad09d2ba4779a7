"""An export onto a destination that cannot be written, from the window as a person would:
one message in Japanese naming the file and the reason, and nothing written.

A folder of the same name is in the way (the case that holds as root, which ignores
read-only bits), or the disk fills up (fsync says ENOSPC, where a full disk says so).
"""

from __future__ import annotations

import errno
import os

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from meguro_jukyo.core import files
from meguro_jukyo.core.sync import identity

WAIT = 10_000

#: what each export is started with, as its page's menu entry or button starts it after the
#: file dialog: (page, how to start it on a path)
EXPORTS = {
    "workbook": ("excel", lambda page, path: page.export_to(path)),
    "template": ("excel", lambda page, path: page.save_template(path)),
    "sync package": ("sync", lambda page, path: page.export_to(path, "all")),
    "device card": ("sync", lambda page, path: page.save_card(path)),
}
NAMES = {"workbook": "地域課題.xlsx", "template": "ひな形.xlsx", "sync package": "全件.mjsync",
         "device card": "端末.mjcard"}


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def _one_message(qtbot, tasks) -> str:
    qtbot.waitUntil(lambda: len(_boxes()) > 0, timeout=WAIT)
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
    qtbot.wait(50)  # a second message (a status handler and the default one both) would show by now
    boxes = _boxes()
    assert len(boxes) == 1, [b.text() for b in boxes]
    text = boxes[0].text()
    boxes[0].close()
    return text


def _start(qtbot, window, kind, path):
    page_key, start = EXPORTS[kind]
    page = window.show_page(page_key)
    qtbot.wait(1)
    start(page, path)


@pytest.mark.parametrize("kind", EXPORTS)
def test_a_folder_of_the_same_name_is_one_japanese_message_and_nothing_is_written(
        qtbot, window, tasks, tmp_path, japanese, kind):
    out = tmp_path / "USB"
    out.mkdir()
    path = out / NAMES[kind]
    path.mkdir()
    _start(qtbot, window, kind, path)
    assert _one_message(qtbot, tasks) == f"書き出せませんでした: {path}（同じ名前のフォルダーがあります）"
    assert path.is_dir() and not any(path.iterdir())
    assert sorted(p.name for p in out.iterdir()) == [path.name]  # no half-written file beside it


@pytest.mark.parametrize("kind", EXPORTS)
def test_a_full_disk_is_one_japanese_message_and_the_earlier_file_stays(
        qtbot, window, store, tasks, tmp_path, japanese, monkeypatch, kind):
    identity.device_key(store)  # made on the first run, before the disk filled up
    out = tmp_path / "USB"
    out.mkdir()
    path = out / NAMES[kind]
    path.write_bytes(b"the earlier export")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full)
    _start(qtbot, window, kind, path)
    assert _one_message(qtbot, tasks) == f"書き出せませんでした: {path}（ディスクの空きがありません）"
    assert path.read_bytes() == b"the earlier export"
    assert sorted(p.name for p in out.iterdir()) == [path.name]
