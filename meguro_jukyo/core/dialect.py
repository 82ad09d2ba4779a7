"""The few statements that differ between SQLite and PostgreSQL, in one place.

Services and the merge engine call these; nothing else in core writes dialect-specific SQL.
"""

from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.engine import Connection


def insert_or_replace(con: Connection, table: Table, rows: list[dict], key: list[str]) -> None:
    """Insert rows, replacing the row with the same ``key`` where one exists."""
    if not rows:
        return
    if con.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(table)
    update = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in key}
    con.execute(stmt.on_conflict_do_update(index_elements=key, set_=update), rows)


def upsert_meta(con: Connection, key: str, value: str) -> None:
    from .models import Meta

    insert_or_replace(con, Meta.__table__, [{"key": key, "value": value}], ["key"])
