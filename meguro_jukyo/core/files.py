"""Files the app writes appear whole or not at all: temp file, fsync, rename.

A destination that cannot be written (disk full, read-only stick, a file open in Excel, a
folder in the way) becomes one :class:`UserError` naming the file and the reason.
"""

from __future__ import annotations

import errno
import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from .errors import UserError

#: errno → (Japanese, English) reason a destination cannot be written
WRITE_REASONS = {
    errno.ENOSPC: ("ディスクの空きがありません", "the disk is full"),
    errno.EDQUOT: ("ディスクの使用量の上限に達しています", "the disk quota is used up"),
    errno.EROFS: ("読み取り専用の場所です（USB メモリーの書き込み禁止など）",
                  "the place is read-only (a write-protected USB stick?)"),
    errno.EACCES: ("書き込む権限がないか、ほかのアプリ（Excel など）で開かれています",
                   "no permission to write there, or the file is open in another app (Excel?)"),
    errno.EPERM: ("書き込む権限がないか、ほかのアプリ（Excel など）で開かれています",
                  "no permission to write there, or the file is open in another app (Excel?)"),
    errno.EBUSY: ("ほかのアプリで使用中です", "the file is in use by another app"),
    errno.EISDIR: ("同じ名前のフォルダーがあります", "a folder of that name is in the way"),
    errno.ENOTDIR: ("途中にフォルダーではなくファイルがあります", "a file is in the way of a folder on the path"),
    errno.EEXIST: ("途中にフォルダーではなくファイルがあります", "a file is in the way of a folder on the path"),
    errno.ENAMETOOLONG: ("ファイル名が長すぎます", "the file name is too long"),
}


def write_error(exc: OSError, dest: Path) -> UserError | None:
    """The person's version of an OSError met writing ``dest``; None for one we cannot explain."""
    reason = WRITE_REASONS.get(exc.errno) if exc.errno is not None else None
    if reason is None:
        return None
    ja, en = reason
    return UserError(f"書き出せませんでした: {dest}（{ja}）", f"Could not write {dest}: {en}.")


def fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be fsynced on Windows
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _create_beside(dest: Path, private: bool) -> Path:
    """A new empty file next to ``dest``: owner-only if ``private``, else what the umask gives
    (as the file would get from any other program: people open exports elsewhere)."""
    mode = 0o600 if private else 0o666
    while True:
        tmp = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.part")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:  # pragma: no cover - 32 random bits collided
            continue
        os.close(fd)
        return tmp


def _missing_folders(folder: Path) -> list[Path]:
    """The folders on the way to ``folder`` that do not exist yet, deepest first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _remove_folders(folders: list[Path]) -> None:
    """Remove folders a failed write made (deepest first), leaving any that hold something."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


@contextmanager
def atomic_path(dest: str | os.PathLike, *, private: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``dest``; on success it replaces ``dest`` durably.

    If the block raises, the temporary file is removed and ``dest`` is untouched. ``private``
    files (keys, backups, quarantined packages) are owner-only from the first byte.
    """
    dest = Path(dest)
    made = _missing_folders(dest.parent)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = _create_beside(dest, private)
    except OSError as exc:
        _remove_folders(made)
        raise write_error(exc, dest) or exc from exc
    try:
        yield tmp
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        _remove_folders(made)
        if isinstance(exc, OSError) and (error := write_error(exc, dest)) is not None:
            raise error from exc
        raise


@contextmanager
def atomic_text(dest: str | os.PathLike, encoding: str = "utf-8", newline: str | None = None,
                *, private: bool = False) -> Iterator[IO[str]]:
    with atomic_path(dest, private=private) as tmp, tmp.open("w", encoding=encoding, newline=newline) as fh:
        yield fh


@contextmanager
def atomic_binary(dest: str | os.PathLike, *, private: bool = False) -> Iterator[IO[bytes]]:
    with atomic_path(dest, private=private) as tmp, tmp.open("wb") as fh:
        yield fh
