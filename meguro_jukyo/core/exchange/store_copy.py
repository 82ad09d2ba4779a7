"""Copy a whole store to another place — SQLite to PostgreSQL or back (``migrate-to``).

Everything is copied as it is: user data with tombstones and sync metadata, the sync tables
(trusted devices, import ledger, quarantine), history with its changes, the search documents
(the target's own indexes — FTS5 or pg_trgm — are built from them) and ``meta`` (device id,
names, clocks). Reference data is not copied: both stores hold this version's already.

The target must be empty (a new file, an empty database, or a store with nothing but what
every new store has), and is filled in one transaction, which commits only if the canonical
dumps of source and target — read from the source's snapshot and the target's uncommitted
transaction — are the same bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlalchemy import Table, func, select
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from .. import models as m
from ..dialect import reset_sequences
from ..errors import UserError
from ..progress import Progress, step
from ..reference import REFERENCE_DEVICE
from .dump import dump_connection

BATCH = 2000
_NOT_COPIED = {t.__table__.name for t in m.REFERENCE_TABLES} | {"meta"}
#: meta keys the target keeps its own value of
_META_KEPT = frozenset({"reference_hash"})


def copied_tables() -> list[Table]:
    """Every table copied, parents before children."""
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in _NOT_COPIED]


@dataclass
class CopyResult:
    rows: dict[str, int] = field(default_factory=dict)
    source_sha256: str = ""
    target_sha256: str = ""


class _Hasher:
    """A text sink that keeps only the SHA-256 of what is written to it."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()

    def write(self, text: str) -> int:
        self._sha.update(text.encode("utf-8"))
        return len(text)

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


def dump_sha256(con: Connection) -> str:
    sink = _Hasher()
    dump_connection(con, sink)
    return sink.hexdigest()


def is_empty(con: Connection) -> bool:
    """Nothing beyond what every new store holds (reference data and the 22 councils)."""
    user = {t.__table__.name for t in m.USER_TABLES}
    for table in copied_tables():
        if table.name in ("search_doc", "search_word"):  # derived from the rows
            continue
        stmt = select(func.count()).select_from(table)
        if table.name in user:
            stmt = stmt.where(table.c.device_id != REFERENCE_DEVICE)
        if con.execute(stmt).scalar_one():
            return False
    return True


def copy_store(source, target, progress: Progress | None = None) -> CopyResult:
    """Copy ``source`` into the empty store ``target``, verified by equal canonical dumps.
    ``progress`` hears each table as it is copied ("table: rows 件"); a cancel raises
    :class:`~..progress.Cancelled` and leaves the target as it was (one transaction)."""
    result = CopyResult()
    meta = m.Meta.__table__
    with source.engine.connect() as src, target.engine.begin() as dst:
        if not is_empty(dst):
            raise UserError(
                "写し先にはすでにデータがあります。まだない SQLite ファイルか、空のデータベースを指定してください。",
                "The target already holds data. Name a new SQLite file or an empty database.",
            )
        tables = copied_tables()
        for table in reversed(tables):
            dst.execute(table.delete())
        dst.execute(meta.delete().where(meta.c.key.not_in(_META_KEPT)))
        for i, table in enumerate(tables, 1):
            result.rows[table.name] = _copy_rows(src, dst, table)
            step(progress, i, len(tables), f"{table.name}: {result.rows[table.name]} 件")
        dst.execute(meta.insert(), [dict(r) for r in src.execute(
            select(meta).where(meta.c.key.not_in(_META_KEPT))).mappings()])
        reset_sequences(dst, tables)
        result.source_sha256 = dump_sha256(src)
        result.target_sha256 = dump_sha256(dst)
        if result.source_sha256 != result.target_sha256:
            raise UserError(
                "写した結果が元のデータと一致しなかったため、取り消しました（写し先は変わっていません）。",
                "The copy did not match the source, so it was rolled back (the target is unchanged).",
            )
    target.load_identity()  # the target is now the source's store: its id, names and clocks
    return result


def _copy_rows(src: Connection, dst: Connection, table: Table) -> int:
    count = 0
    batch: list[dict] = []
    order = list(table.primary_key.columns)
    for row in src.execute(select(table).order_by(*order).execution_options(yield_per=BATCH)).mappings():
        batch.append(dict(row))
        if len(batch) >= BATCH:
            dst.execute(table.insert(), batch)
            count += len(batch)
            batch = []
    if batch:
        dst.execute(table.insert(), batch)
        count += len(batch)
    return count
