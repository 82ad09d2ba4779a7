"""One writer per store file: an OS lock on ``<store>.lock`` that says who holds it.

The lock is released by the OS when the process dies, so a crash never leaves a store locked.
The file's text names the holder so a second window can tell the user what is going on; a
holder that closes the store clears the text, so text left in a lock no one holds says the
last writer died with the store open (:attr:`WriterLock.after_crash`, :func:`left_by_a_crash`)
— the one time the store's file is checked on open (see db.Store.open).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
from pathlib import Path

from .errors import StoreLocked
from .faults import os_fault

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


# The holder's description starts after byte 0, the byte locked. A lock on Windows is
# mandatory: another process reading byte 0 is refused, so readers start at _INFO_OFFSET.
_INFO_OFFSET = 1


class WriterLock:
    def __init__(self, store_path: Path, holder: str):
        self.path = Path(str(store_path) + ".lock")
        self.holder = holder
        self._fd: int | None = None
        #: whether the previous holder died holding the lock (it left its description behind)
        self.after_crash = False

    def acquire(self) -> None:
        """Take the lock, or raise StoreLocked naming the holder. A lock file that cannot be
        made or written (a read-only medium, a full disk) is a StoreFault, and one this call
        made is removed again."""
        made = not self.path.exists()
        try:  # O_BINARY: Windows would otherwise open the file in text mode
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        except OSError as exc:
            raise _fault(exc, self.path) from exc
        if not _try_lock(fd):
            os.close(fd)
            raise StoreLocked(*self._locked_message())
        try:
            after_crash = os.fstat(fd).st_size > _INFO_OFFSET
            info = json.dumps(
                {
                    "holder": self.holder,
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    "since": dt.datetime.now().isoformat(timespec="seconds"),
                },
                ensure_ascii=False,
            ).encode()
            os.ftruncate(fd, _INFO_OFFSET)
            os.lseek(fd, _INFO_OFFSET, os.SEEK_SET)
            os.write(fd, info)
        except OSError as exc:
            _unlock(fd)
            os.close(fd)
            if made:  # after closing: Windows deletes no file that is open
                self.path.unlink(missing_ok=True)
            raise _fault(exc, self.path) from exc
        self.after_crash = after_crash
        self._fd = fd

    def release(self, *, remove: bool = False) -> None:
        """Let the lock go; ``remove`` also deletes the file (a store that was never made)."""
        if self._fd is None:
            return
        try:
            if not remove:
                os.ftruncate(self._fd, _INFO_OFFSET)
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None
        if remove:  # after closing: Windows deletes no file that is open
            self.path.unlink(missing_ok=True)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def _locked_message(self) -> tuple[str, str]:
        info = _holder(self.path)
        who = info.get("holder", "?")
        where = f"PID {info.get('pid', '?')} @ {info.get('host', '?')}"
        since = info.get("since", "?")
        return (
            f"このデータは別のウィンドウで使用中です（{who}、{where}、{since} から）。"
            "そちらを閉じてから開き直してください。",
            f"This store is in use by another window ({who}, {where}, since {since}). "
            "Close it, then open the store again.",
        )


def _fault(exc: OSError, path: Path):
    return os_fault(exc, str(path)) or exc


def _holder(lock_path: Path) -> dict:
    try:
        with lock_path.open("rb") as fh:
            fh.seek(_INFO_OFFSET)
            raw = fh.read()
        return json.loads(raw.decode()) if raw else {}
    except (OSError, ValueError):
        return {}


def left_by_a_crash(store_path: Path) -> bool:
    """For a reader, which takes no lock: whether the store's lock names a writer on this
    machine that is no longer running. Only looks (a reader must not disturb a writer's lock);
    a writer on another machine, or on Windows, where no process can be probed harmlessly, is
    taken to be alive."""
    info = _holder(Path(str(store_path) + ".lock"))
    pid = info.get("pid")
    if not isinstance(pid, int) or info.get("host") != socket.gethostname() or sys.platform == "win32":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, someone else's
        return False
    return False
