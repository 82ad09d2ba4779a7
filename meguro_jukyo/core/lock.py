"""One writer per store file: an OS lock on ``<store>.lock`` that says who holds it.

The lock is released by the OS when the process dies, so a crash never leaves a store locked.
The file's text names the holder so a second window can tell the user what is going on.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
from pathlib import Path

from .errors import StoreLocked

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


# The holder's description starts after byte 0, the byte Windows locks.
_INFO_OFFSET = 1


class WriterLock:
    def __init__(self, store_path: Path, holder: str):
        self.path = Path(str(store_path) + ".lock")
        self.holder = holder
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            os.close(fd)
            raise StoreLocked(*self._locked_message())
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
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, _INFO_OFFSET)
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def _locked_message(self) -> tuple[str, str]:
        try:
            raw = self.path.read_bytes()[_INFO_OFFSET:]
            info = json.loads(raw.decode()) if raw else {}
        except (OSError, ValueError):
            info = {}
        who = info.get("holder", "?")
        where = f"PID {info.get('pid', '?')} @ {info.get('host', '?')}"
        since = info.get("since", "?")
        return (
            f"このデータは別のウィンドウで使用中です（{who}、{where}、{since} から）。"
            "そちらを閉じてから開き直してください。",
            f"This store is in use by another window ({who}, {where}, since {since}). "
            "Close it, then open the store again.",
        )
