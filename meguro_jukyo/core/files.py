"""Files the app writes appear whole or not at all: temp file, fsync, rename."""

from __future__ import annotations

import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator


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


@contextmanager
def atomic_path(dest: str | os.PathLike, *, private: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``dest``; on success it replaces ``dest`` durably.

    If the block raises, the temporary file is removed and ``dest`` is untouched. ``private``
    files (keys, backups, quarantined packages) are owner-only from the first byte.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = _create_beside(dest, private)
    try:
        yield tmp
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
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
