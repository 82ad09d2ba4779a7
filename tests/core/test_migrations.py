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


def test_meeting_actuals_migration_keeps_what_schema_5_wrote(store):
    """0006 on a store written before it: meetings, decisions and actions read as before, with
    no actual times, no quorum mark and no agenda item; meeting mode can then record them."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import text

    from meguro_jukyo.core.db import _alembic_config
    from meguro_jukyo.core.meeting import MeetingFlow
    from meguro_jukyo.core.services import Services

    services = Services(store)
    org = services.organizations.create({"name": "駒場町会"})
    meeting = services.meetings.create({"organization_id": org.id, "title": "総会", "starts_at": dt.datetime(2025, 5, 18, 10)})
    flow = MeetingFlow(services)
    item = flow.add_item(meeting.id, "予算")
    flow.open_meeting(meeting.id)
    decision = flow.decide(meeting.id, item.id, "原案どおり", "unanimous")
    with store.engine.begin() as con:
        command.downgrade(_alembic_config(con), "0005")
        if store.dialect == "sqlite":
            con.exec_driver_sql("PRAGMA user_version=5")
        assert "opened_at" not in con.execute(text("SELECT * FROM meeting")).keys()
        con.execute(text("UPDATE meeting SET status = 'in_session'"))
    location = store.location
    store.close()
    with Store.open(location) as reopened:
        services = Services(reopened)
        assert services.notes.get(decision.id).without_quorum is False
        m = services.meetings.get(meeting.id)
        assert (m.opened_at, m.closed_at, m.status) == (None, None, "in_session")
        action = MeetingFlow(services).add_action(meeting.id, item.id, "会計に伝える")
        assert action.agenda_item_id == item.id


def test_meeting_officers_migration_keeps_what_schema_6_wrote(store):
    """0009 on a store written before it: a meeting reads with no 議長 chosen and no 書面表決
    (its minutes name the facilitator, as before), and the officers can then be chosen."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import text

    from meguro_jukyo.core.db import _alembic_config
    from meguro_jukyo.core.exchange.minutes import build_minutes
    from meguro_jukyo.core.services import Services

    services = Services(store)
    org = services.organizations.create({"name": "駒場町会"})
    meeting = services.meetings.create({"organization_id": org.id, "title": "役員会", "meeting_type": "board",
                                        "starts_at": dt.datetime(2025, 5, 18, 19), "facilitator": "山田太郎"})
    with store.engine.begin() as con:
        command.downgrade(_alembic_config(con), "0008")
        if store.dialect == "sqlite":
            con.exec_driver_sql("PRAGMA user_version=6")
        assert "chair" not in con.execute(text("SELECT * FROM meeting")).keys()
    location = store.location
    store.close()
    with Store.open(location) as reopened:
        services = Services(reopened)
        m = services.meetings.get(meeting.id)
        assert (m.chair, m.written_votes, m.signers) == ("", 0, "")
        assert build_minutes(services, meeting.id).chair == "山田太郎"
        services.meetings.choose_officers(meeting.id, "田中正", ["鈴木一郎", "高橋次郎"])
        assert build_minutes(services, meeting.id).signers == ("鈴木一郎", "高橋次郎")


def test_desk_covering_indexes_migration_keeps_the_figures(store):
    """0013 on a store written at 0012 (schema 7 before it): opening it for writing adds the 集計
    page's covering indexes, and the page's figures are the same as before."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import inspect

    from meguro_jukyo.core.db import SCHEMA_REVISIONS, SCHEMA_VERSION, _alembic_config
    from meguro_jukyo.core.reference import council_id
    from meguro_jukyo.core.services import Services

    added = {"desk_count": "ix_desk_count_charts", "desk_viewpoint_count": "ix_desk_viewpoint_count_cells",
             "action_item": "ix_action_item_overdue"}

    def indexes(con) -> dict[str, set[str]]:
        found = inspect(con)
        return {table: {i["name"] for i in found.get_indexes(table)} for table in added}

    services = Services(store)
    org = council_id("komaba")
    issue = services.issues.create({"organization_id": org, "title": "防災倉庫", "is_request": True})
    services.links.create({"issue_id": issue.id, "viewpoint_id": "1-1-1"})
    services.actions.create({"organization_id": org, "title": "点検", "due_on": dt.date(2025, 1, 1)})
    today = dt.date(2026, 12, 1)
    before = services.stats.dashboard(today=today)
    with store.engine.begin() as con:
        command.downgrade(_alembic_config(con), "0012")
        assert all(name not in indexes(con)[table] for table, name in added.items())
    location = store.location
    store.close()
    with Store.open(location) as reopened:
        with reopened.engine.connect() as con:
            assert all(name in indexes(con)[table] for table, name in added.items())
            revision = con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            assert revision == SCHEMA_REVISIONS[SCHEMA_VERSION] == "0015"
        after = Services(reopened).stats.dashboard(today=today)
    assert (after.total, after.by_district, after.by_category, after.requests, after.overdue) == (
        before.total, before.by_district, before.by_category, before.requests, before.overdue)
    assert after.overdue[0].count == 1


def test_a_server_store_past_every_known_revision_is_refused_as_newer(pg_url):
    """Any revision of this app's migrations opens (0013 above, between schema versions' last
    revisions); one past all of them is a newer app's, refused with what to do."""
    import pytest

    from meguro_jukyo.core.errors import StoreError

    with Store.open(pg_url) as store, store.engine.begin() as con:
        con.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(StoreError, match="新しい版のアプリ"):
        Store.open(pg_url)
