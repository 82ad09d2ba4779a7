"""The canonical dump: the whole store as JSON, byte-identical for the same contents.

Deterministic (tables in a fixed order, rows by primary key, keys sorted, one row a line)
and free of anything volatile or local to one installation: the device's own settings
(``meta``), the audit trail (``change``, ``history``) and derived search documents are left
out. Two stores that hold the same records dump to the same bytes, which is how sync and
migrations are verified. Rows stream out, so a ward-size store needs little memory.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.engine import Connection

from .. import models as m
from ..db import SCHEMA_VERSION

FORMAT = "meguro-jukyo-dump"
DUMP_TABLES = tuple(t.__table__ for t in (*m.REFERENCE_TABLES, *m.USER_TABLES))


def _plain(value):
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _line(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class TextSink(Protocol):
    """Where a dump goes: a text file, or anything else that takes text."""

    def write(self, text: str, /) -> object: ...


def write_dump(store, out: TextSink) -> int:
    """Write the dump to ``out``; return the number of rows written."""
    with store.engine.connect() as con:
        return dump_connection(con, out)


def dump_connection(con: Connection, out: TextSink) -> int:
    """The dump as ``con`` sees the store (in its transaction, so uncommitted rows too).

    On PostgreSQL the transaction is REPEATABLE READ: every table is read from one snapshot
    while others write. Text keys sort byte-wise on both dialects (PostgreSQL's text columns
    have the C collation, see dialect.after_migrations), so rows come in the same order.
    """
    count = 0
    out.write('{"format":' + _line(FORMAT) + ',"schema":' + str(SCHEMA_VERSION) + ',"tables":{\n')
    for ti, table in enumerate(DUMP_TABLES):
        out.write(("," if ti else "") + _line(table.name) + ":[\n")
        order = [c for c in table.primary_key.columns]
        first = True
        rows = con.execute(select(table).order_by(*order).execution_options(yield_per=2000)).mappings()
        for row in rows:
            out.write(("" if first else ",\n") + _line({k: _plain(v) for k, v in row.items()}))
            first = False
            count += 1
        out.write("\n]\n" if not first else "]\n")
    out.write("}}\n")
    return count
