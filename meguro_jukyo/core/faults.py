"""Faults of the disk and the database, as a person meets them: one place for every command.

A store lives on a medium that fills up, turns read-only (a write-protected stick, a share
mounted read-only), is written by another program, or is damaged; a server store loses its
connection or is switched to read-only. Each such fault becomes one :class:`StoreFault` — what
happened and what to do, in Japanese and English — where the engine raises it
(:func:`install`, SQLAlchemy's ``handle_error`` hook), so no command or screen needs its own
handling and the CLI and the GUI say the same thing. Raising it inside a transaction rolls the
transaction back: nothing half-written is kept.

Errors that mean something else are left alone: a collision between server writers is retried
(concurrency.py), a constraint violation is the caller's to explain.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url

from .errors import StoreError

# Every message ends saying nothing was changed: the failing transaction is rolled back.
_UNCHANGED = ("途中までの変更は取り消しました。", "Nothing half-done was kept.")


class StoreFault(StoreError):
    """The disk or the database refused: full, read-only, busy, damaged, disconnected."""

    def __init__(self, ja: str, en: str, *, kind: str):
        super().__init__(f"{ja}{_UNCHANGED[0]}", f"{en} {_UNCHANGED[1]}")
        #: busy, read_only, full, io, corrupt, disconnected
        self.kind = kind


#: kind → (Japanese, English) of what happened and what to do; {where} names the store
_MESSAGES = {
    "busy": ("ほかのプログラムがデータに書き込み中のため、操作を完了できませんでした（{where}）。"
             "しばらく待ってから、もう一度操作してください。",
             "Another program is writing the store ({where}), so this could not be done. "
             "Wait a moment and try again."),
    "read_only": ("データが読み取り専用の場所にあるため、書き込めませんでした（{where}）。"
                  "ファイルや USB メモリーの書き込み禁止を外すか、書き込める場所に写してから開いてください。",
                  "The store is read-only ({where}), so nothing could be written. Remove the write "
                  "protection of the file or stick, or copy the store somewhere writable and open it there."),
    "server_read_only": ("データベースが読み取り専用になっているため、書き込めませんでした（{where}）。"
                         "サーバーの管理者に確かめてください。",
                         "The database ({where}) is read-only, so nothing could be written. "
                         "Ask the server's administrator."),
    "full": ("ディスクの空きがないため、書き込めませんでした（{where}）。"
             "いらないファイルを消して空きを作ってから、もう一度操作してください。",
             "The disk is full ({where}), so nothing could be written. Free some space, then try again."),
    "io": ("データを読み書きできませんでした（{where}、{detail}）。"
           "ディスクや USB メモリーがつながっているか確かめて、もう一度操作してください。",
           "The store could not be read or written ({where}: {detail}). "
           "Check that the disk or stick is connected, then try again."),
    "corrupt": ("データファイルが壊れています（{where}、{detail}）。`meguro-jukyo restore` でバックアップから戻せます。",
                "The store is corrupt ({where}: {detail}). Restore a backup with `meguro-jukyo restore`."),
    "disconnected": ("データベースとの接続が切れたため、操作を完了できませんでした（{where}）。"
                     "ネットワークとサーバーを確かめて、もう一度操作してください。",
                     "The connection to the database ({where}) was lost, so this could not be done. "
                     "Check the network and the server, then try again."),
}


def _fault(kind: str, where: str, exc: BaseException | None = None) -> StoreFault:
    ja, en = _MESSAGES[kind]
    detail = _first_line(exc) if exc is not None else ""
    return StoreFault(ja.format(where=where, detail=detail), en.format(where=where, detail=detail),
                      kind="read_only" if kind == "server_read_only" else kind)


def _first_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


#: SQLite primary result code → the fault it means
_SQLITE = {
    sqlite3.SQLITE_BUSY: "busy",
    sqlite3.SQLITE_LOCKED: "busy",
    sqlite3.SQLITE_READONLY: "read_only",
    sqlite3.SQLITE_PERM: "read_only",
    sqlite3.SQLITE_FULL: "full",
    sqlite3.SQLITE_IOERR: "io",
    sqlite3.SQLITE_CANTOPEN: "io",
    sqlite3.SQLITE_CORRUPT: "corrupt",
    sqlite3.SQLITE_NOTADB: "corrupt",
}

#: PostgreSQL SQLSTATE → the fault it means (40001/40P01, collisions, are retried elsewhere)
_SQLSTATE = {
    "25006": "server_read_only",  # read_only_sql_transaction
    "53100": "full",  # disk_full
    "57P01": "disconnected",  # admin_shutdown (pg_terminate_backend)
    "57P02": "disconnected",  # crash_shutdown
    "57P03": "disconnected",  # cannot_connect_now
    "58030": "io",  # io_error
    "XX001": "corrupt",  # data_corrupted
    "XX002": "corrupt",  # index_corrupted
}

#: errno of an OS call on the store's own files (its lock, its backups) → the fault it means
_ERRNO = {
    errno.ENOSPC: "full",
    errno.EDQUOT: "full",
    errno.EROFS: "read_only",
    errno.EACCES: "read_only",
    errno.EPERM: "read_only",
    errno.EIO: "io",
}


def db_fault(exc: BaseException, where: str, *, disconnected: bool = False) -> StoreFault | None:
    """The fault a DBAPI error (sqlite3 or psycopg) stands for, or None if it is not one."""
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        kind = _SQLITE.get(code & 0xFF) if isinstance(code, int) else None
        # SQLite reports a -shm or -wal it could not make or grow as I/O or as "cannot open"
        if kind == "io" and _out_of_space(where):
            kind = "full"
        elif kind == "io" and _read_only_medium(where):
            kind = "read_only"
    else:
        sqlstate = getattr(exc, "sqlstate", None) or ""
        kind = _SQLSTATE.get(sqlstate)
        if kind is None and (disconnected or sqlstate.startswith("08")):
            kind = "disconnected"
    return _fault(kind, where, exc) if kind else None


def os_fault(exc: OSError, where: str) -> StoreFault | None:
    """The fault an OSError met on the store's own files stands for, or None."""
    kind = _ERRNO.get(exc.errno) if exc.errno is not None else None
    return _fault(kind, where, exc) if kind else None


#: free space below which a failed write is taken for a full disk
_NEARLY_FULL = 1 << 20


def _out_of_space(where: str) -> bool:
    folder = Path(where).parent
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL
    except OSError:
        return False


def _read_only_medium(where: str) -> bool:
    try:
        return bool(os.statvfs(Path(where).parent).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # Windows has no statvfs
        return False


def install(engine: Engine, where: str) -> None:
    """Turn the engine's faults into :class:`StoreFault` where they are raised; ``where`` names
    the store in the message (a path, or a URL without its password)."""

    @event.listens_for(engine, "handle_error", retval=True)
    def _translate(context):
        fault = db_fault(context.original_exception, where, disconnected=context.is_disconnect)
        if fault is None:
            return None
        fault.__cause__ = context.original_exception
        return fault


def shown_location(location: str) -> str:
    """A store's location fit for a message: a URL's password is masked."""
    if "://" in location:
        return make_url(location).render_as_string(hide_password=True)
    return location
