"""The few statements that differ between SQLite and PostgreSQL, in one place.

Services and the merge engine call these; nothing else in core writes dialect-specific SQL.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from .models import Meta


def insert_or_replace(con: Connection, table: Table, rows: list[dict], key: list[str]) -> None:
    """Insert rows, replacing the row with the same ``key`` where one exists."""
    if not rows:
        return
    con.execute(_upsert(table, tuple(key), con.dialect.name), rows)


@lru_cache(maxsize=64)
def _upsert(table: Table, key: tuple[str, ...], dialect: str):
    """The INSERT … ON CONFLICT DO UPDATE of :func:`insert_or_replace`, built once per table
    (every edit refreshes a search document through it)."""
    stmt: postgresql.Insert | sqlite.Insert = (postgresql if dialect == "postgresql" else sqlite).insert(table)
    update = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in key}
    return stmt.on_conflict_do_update(index_elements=list(key), set_=update)


def sqlite_connection(con: Connection) -> sqlite3.Connection:
    """The pysqlite connection under a SQLite store's SQLAlchemy connection, for SQLite's own
    API (backup, quick_check) and for the few hot read-only statements that go straight to the
    driver. SQLAlchemy types it as any DB-API connection, or none once the connection is closed."""
    raw = con.connection.dbapi_connection
    if not isinstance(raw, sqlite3.Connection):
        raise TypeError(f"not an open SQLite connection: {raw!r}")
    return raw


#: the page cache of :func:`large_page_cache`, in KiB (bench/ loads its raw baseline with it too)
BULK_CACHE_KIB = 256 * 1024


@contextmanager
def large_page_cache(con: Connection, kib: int = BULK_CACHE_KIB) -> Iterator[None]:
    """SQLite: a page cache of ``kib`` while one transaction writes many rows.

    Rows keyed by random UUIDs land all over the table's and indexes' B-trees; once those
    outgrow the default cache (2 MB) every insert re-reads pages, and a large import slows
    down more than in proportion to its size. Put back afterwards (the connection is pooled).
    PostgreSQL sizes its buffers server-wide: nothing to do.
    """
    if con.dialect.name != "sqlite":
        yield
        return
    before = con.exec_driver_sql("PRAGMA cache_size").scalar_one()
    con.exec_driver_sql(f"PRAGMA cache_size={-int(kib)}")
    try:
        yield
    finally:
        con.exec_driver_sql(f"PRAGMA cache_size={int(before)}")


def upsert_meta(con: Connection, key: str, value: str) -> None:
    insert_or_replace(con, Meta.__table__, [{"key": key, "value": value}], ["key"])


def after_migrations(con: Connection) -> None:
    """Make PostgreSQL compare and sort text byte by byte, as SQLite does.

    A server's default collation (ICU or libc ``ja_JP``) orders text linguistically, and
    differently from SQLite: lists would page in another order, the canonical dump would not
    match, and clock stamps compared in SQL would not sort as they do in Python. Every text
    column of the store gets the ``C`` collation; run after each migration, so columns added by
    later migrations get it too (and nothing is altered when all have it).
    """
    if con.dialect.name != "postgresql":
        return
    rows = con.exec_driver_sql(
        "SELECT c.table_name, c.column_name, c.data_type, c.character_maximum_length "
        "FROM information_schema.columns c JOIN information_schema.tables t "
        "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
        "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
        "AND c.data_type IN ('character varying', 'text') "
        "AND c.collation_name IS DISTINCT FROM 'C' ORDER BY 1, 2"
    ).all()
    for table, column, data_type, length in rows:
        kind = "text" if data_type == "text" else f"varchar({length})" if length else "varchar"
        con.exec_driver_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE {kind} COLLATE "C"')


#: the advisory lock held while a server store is migrated or its reference data loaded
SCHEMA_LOCK = 0x4D4A4B59


def lock_schema(con: Connection) -> None:
    """Wait for, then hold until the transaction ends, the store's schema lock (PostgreSQL)."""
    if con.dialect.name == "postgresql":
        con.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK})")


def reset_sequences(con: Connection, tables: list[Table]) -> None:
    """After rows were inserted with their own integer ids, make new ids come after them.

    SQLite takes the next id from the table itself; PostgreSQL from a sequence that explicit
    ids do not move.
    """
    if con.dialect.name != "postgresql":
        return
    for table in tables:
        column = table.autoincrement_column
        if column is None:
            continue
        con.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
            f'coalesce(max("{column.name}"), 0) + 1, false) FROM "{table.name}"'
        )


#: PostgreSQL indexes search answers from (trigrams; characters and character pairs of 1–2
#: character queries)
SERVER_INDEXES = ("ix_search_doc_body_trgm", "ix_search_doc_char_codes", "ix_search_doc_pair_codes")


def server_index_problems(con: Connection) -> list[str]:
    """PostgreSQL: each index in SERVER_INDEXES exists and is valid (a failed build leaves
    an invalid one behind)."""
    problems = []
    for name in SERVER_INDEXES:
        valid = con.exec_driver_sql(
            "SELECT i.indisvalid AND i.indisready FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE c.relname = %(name)s AND c.relnamespace = current_schema()::regnamespace",
            {"name": name},
        ).scalar()
        if valid is None:
            problems.append(f"索引 {name} がありません")
        elif not valid:
            problems.append(f"索引 {name} が使えない状態です（REINDEX INDEX {name} で作り直せます）")
    return problems


def advisory_lock(con: Connection, key: int) -> None:
    """PostgreSQL: wait for, then hold until unlocked or disconnected, a session-level lock."""
    con.exec_driver_sql(f"SELECT pg_advisory_lock({int(key)})")


def advisory_unlock(con: Connection, key: int) -> None:
    con.exec_driver_sql(f"SELECT pg_advisory_unlock({int(key)})")
