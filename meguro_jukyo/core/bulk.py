"""Inserting many rows at once, straight through the driver's executemany.

SQLAlchemy's executemany builds and processes a parameter set per row from the compiled
statement, which costs more than SQLite's own insert of a small row; a sync import writes
three rows per record (the record, its search document, its history). Here the INSERT is
compiled once per table and dialect by SQLAlchemy (so it is the same SQL, in the driver's
parameter style, on SQLite and PostgreSQL), every value goes through its column type's own
bind processor (so it is stored exactly as SQLAlchemy would store it), and the rows go to the
driver as plain tuples or dicts. Errors come wrapped as SQLAlchemy's, as from any statement.
"""

from __future__ import annotations

from functools import lru_cache
from operator import itemgetter
from typing import Iterator

from sqlalchemy import Table
from sqlalchemy.engine import Connection, Dialect


@lru_cache(maxsize=64)
def _compiled(table: Table, columns: tuple[str, ...], dialect: Dialect):
    """(SQL, parameter names in order or None for named parameters, bind processors)."""
    compiled = table.insert().compile(dialect=dialect, column_keys=list(columns))
    names = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup is not None else columns
    processors = tuple((i, p) for i, name in enumerate(names)
                       if (p := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None)
    return compiled.string, names, compiled.positional, processors


def insert_many(con: Connection, table: Table, rows: list[dict], columns: tuple[str, ...] | None = None) -> None:
    """INSERT ``rows`` (dicts holding at least ``columns``, default every column) into ``table``."""
    if not rows:
        return
    columns = columns or tuple(c.name for c in table.columns)
    sql, names, positional, processors = _compiled(table, columns, con.dialect)
    get = itemgetter(*names)
    params: list = []
    for row in rows:
        values = get(row)
        if processors:
            values = list(values)
            for i, process in processors:
                if values[i] is not None:
                    values[i] = process(values[i])
        params.append(tuple(values) if positional else dict(zip(names, values)))
    con.exec_driver_sql(sql, params)


#: ids per IN (…) list: well under SQLite's limit on parameters, and a plan either dialect caches
IN_CHUNK = 500


def chunks(items: list, size: int = IN_CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
