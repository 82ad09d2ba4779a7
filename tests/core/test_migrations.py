"""The Alembic migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from meguro_jukyo.core import models  # noqa: F401 - registers every table
from meguro_jukyo.core.db import Store


def _is_search_index(diff) -> bool:
    # the FTS5 virtual tables and their shadow tables are made by hand-written SQL
    return isinstance(diff, tuple) and diff[0] == "remove_table" and diff[1].name.startswith("fts_")


def test_migrated_store_matches_the_models(tmp_path):
    with Store.open(tmp_path / "s.sqlite3", create=True) as store, store.engine.connect() as con:
        diff = compare_metadata(MigrationContext.configure(con), SQLModel.metadata)
    assert [d for d in diff if not _is_search_index(d)] == []


def test_every_migration_downgrades_and_upgrades_again(tmp_path):
    from alembic import command

    from meguro_jukyo.core.db import _alembic_config

    with Store.open(tmp_path / "s.sqlite3", create=True) as store:
        with store.engine.begin() as con:
            command.downgrade(_alembic_config(con), "0001")
            command.upgrade(_alembic_config(con), "head")
        with store.engine.connect() as con:
            diff = compare_metadata(MigrationContext.configure(con), SQLModel.metadata)
        assert [d for d in diff if not _is_search_index(d)] == []
