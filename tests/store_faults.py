"""Real faults put under a store for the fault tests (core and GUI): a read-only file, a
read-only file system, a full disk, a store another connection is writing, a damaged file.

Read-only media and full disks are made as the kernel makes them: a read-only bind mount and a
tiny tmpfs (where this process may mount, as root in CI's container); without that, a
read-only file is a file without write permission (for a user who is not root, who could write
it anyway) and the other cases are skipped.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.exchange.dump import write_dump

#: the fault kinds under test, and a word of the message each must give
SQLITE_FAULTS = {
    "read_only_file": "読み取り専用",
    "read_only_fs": "読み取り専用",
    "full_disk": "ディスクの空き",
    "locked": "書き込み中",
    "corrupt": "壊れています",
}


def copy_store(store: Path, folder: Path) -> Path:
    """A copy of a closed store and its device key (if it has made one) in ``folder``."""
    folder.mkdir(exist_ok=True)
    copy = folder / store.name
    for suffix in ("", ".key"):
        if Path(str(store) + suffix).exists():
            shutil.copy2(str(store) + suffix, str(copy) + suffix)
    return copy


@functools.cache
def can_mount() -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    with tempfile.TemporaryDirectory() as d:
        ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", d], capture_output=True).returncode == 0
        if ok:
            subprocess.run(["umount", d], check=True)
        return ok


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


def _umount(target: Path) -> None:
    """Unmount; a file left open on it (a test failing half-way) must not leave the mount behind."""
    if subprocess.run(["umount", str(target)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(target)], check=True, capture_output=True)
        raise AssertionError(f"a file was left open on {target}")


@contextmanager
def read_only(target: Path):
    """``target`` (a file or a folder) cannot be written, even by root."""
    if can_mount():
        _mount("--bind", str(target), str(target))
        try:
            _mount("-o", "remount,ro,bind", str(target))
            yield
        finally:
            _umount(target)
    elif os.geteuid() != 0:
        mode = target.stat().st_mode
        target.chmod(0o555 if target.is_dir() else 0o444)
        try:
            yield
        finally:
            target.chmod(mode)
    else:
        pytest.skip("root without mount: nothing here can be made read-only")


@contextmanager
def tiny_disk(folder: Path, store: Path, *, full: bool = True):
    """A tmpfs at ``folder`` holding a copy of ``store`` (and its key), filled to the last byte
    (or, without ``full``, left for :func:`filled` to fill); yields the copy's path. The copy's
    lock file is there already, as beside any store that has been used: the lock is taken, and
    the database's own writes meet the full disk."""
    if not can_mount():
        pytest.skip("a full disk needs a tmpfs, and this process may not mount one")
    folder.mkdir()
    size = store.stat().st_size + 2 * 1024 * 1024
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        copy = copy_store(store, folder)
        Path(str(copy) + ".lock").write_bytes(b"\0")
        if full:
            _fill(folder / "filler")
        yield copy
    finally:
        _umount(folder)


def _fill(filler: Path) -> None:
    with open(filler, "wb", buffering=0) as fh:
        chunk = 1 << 20
        while chunk:
            try:
                fh.write(b"\0" * chunk)
            except OSError:
                chunk //= 2


@contextmanager
def filled(folder: Path):
    """The disk at ``folder`` (a :func:`tiny_disk`) full while the block runs."""
    _fill(folder / "filler")
    try:
        yield
    finally:
        (folder / "filler").unlink()


@contextmanager
def held_by_another_writer(store: Path):
    """Another program in the middle of writing the store (a write transaction left open)."""
    con = sqlite3.connect(store, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    con.execute("UPDATE meta SET value = value WHERE key = 'device_id'")
    try:
        yield
    finally:
        con.execute("ROLLBACK")
        con.close()


def damage(store: Path) -> None:
    """Cut the file short, as a copy interrupted half-way or a failing stick leaves it."""
    with open(store, "r+b") as fh:
        fh.truncate(store.stat().st_size // 2)


def canonical(store: Path | str) -> str:
    """The store's canonical dump, read without writing (empty for a store that cannot be read)."""
    try:
        with Store.open(store, write=False) as s:
            buf = io.StringIO()
            write_dump(s, buf)
            return buf.getvalue()
    except Exception:  # noqa: BLE001 - a damaged store has no dump; its bytes are compared too
        return ""


def file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
