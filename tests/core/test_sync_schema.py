"""Sync packages across one schema version (README, "Upgrades across the ward").

``data/schema4.mjsync`` (with its device card ``data/schema4.card``) was written by the app at
schema 4, the commit before migration 0005 (242f045), with ``git archive 242f045``, then
``init --demo`` and ``sync export --all``: a real package from the previous schema.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import inspect, select
from test_sync import _rebuild, dump, file_hash, issue, open_store, trust_both

from meguro_jukyo.core import models as m
from meguro_jukyo.core.db import SCHEMA_REVISIONS, SCHEMA_VERSION, Store
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.sync import identity, importer, package

DATA = Path(__file__).parent / "data"
OLD_PACKAGE, OLD_CARD = DATA / "schema4.mjsync", DATA / "schema4.card"


def _records(path: Path, table: str) -> list[dict]:
    with zipfile.ZipFile(path) as zf:
        return [json.loads(line) for line in zf.read(f"records/{table}.jsonl").splitlines()]


def _schema(path: Path) -> int:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("manifest.json"))["schema_version"]


def test_columns_added_says_what_each_migration_added(tmp_path):
    """The registry the rule reads is the migrations' truth: the previous schema's tables lack
    exactly the columns listed for this version, and no column was taken away."""
    from alembic import command

    from meguro_jukyo.core.db import _alembic_config

    with Store.open(tmp_path / "s.sqlite3", create=True) as store:
        with store.engine.begin() as con:
            command.downgrade(_alembic_config(con), SCHEMA_REVISIONS[SCHEMA_VERSION - 1])
        with store.engine.connect() as con:
            # a table the previous schema lacks has no older rows: its packages simply lack the member
            previous = {t: {c["name"] for c in inspect(con).get_columns(t)} for t in package.TABLES
                        if inspect(con).has_table(t)}
        with store.engine.begin() as con:
            command.upgrade(_alembic_config(con), "head")
    added = package.COLUMNS_ADDED.get(SCHEMA_VERSION, {})
    for name, table in package.TABLES.items():
        if name not in previous:
            assert name not in added, f"{name} is new: no older row lacks its columns"
            continue
        current = set(table.columns.keys())
        assert previous[name] - current == set(), f"{name}: a column was removed; say how older packages read"
        assert current - previous[name] == set(added.get(name, {})), name


@pytest.fixture
def receiver(store):
    identity.trust_card(store, OLD_CARD)
    return store


def test_a_package_written_by_the_previous_schema_imports_whole(receiver):
    old = _schema(OLD_PACKAGE)
    result = importer.import_package(receiver, OLD_PACKAGE)
    if SCHEMA_VERSION - old > package.SCHEMA_SPAN:  # once two schema versions have passed
        assert result.status == importer.REJECTED and "古い版" in result.reason
        return
    assert result.status == importer.IMPORTED, result.reason
    sent = {r["id"]: r for r in _records(OLD_PACKAGE, "issue")}
    with receiver.engine.connect() as con:
        got = {r.id: r for r in con.execute(select(m.Issue.__table__))}
    assert got.keys() == sent.keys()
    for key, row in sent.items():
        assert (got[key].title, got[key].status, got[key].priority) == (row["title"], row["status"], row["priority"])
    notes = _records(OLD_PACKAGE, "note")
    with receiver.engine.connect() as con:
        assert sorted(con.execute(select(m.Note.__table__.c.body)).scalars()) == sorted(n["body"] for n in notes)


@pytest.fixture
def laptops(tmp_path):
    """(sender, receiver, a package of two issues and a note, the sender's key)."""
    a = open_store(tmp_path / "a.sqlite3", "端末A")
    b = open_store(tmp_path / "b.sqlite3", "端末B")
    trust_both(a, b)
    sa = Services(a)
    made = issue(sa, "街灯が暗い")
    issue(sa, "公園の遊具", priority=1)
    sa.notes.create({"issue_id": made.id, "kind": "opinion", "body": "意見です"})
    good = tmp_path / "good.mjsync"
    package.export_package(a, good)
    yield a, b, good, identity.device_key(a)
    a.close()
    b.close()


def _as_schema(version: int):
    return lambda manifest: manifest.update(schema_version=version)


def _rows_edited(member: str, edit):
    def members(contents):
        rows = [json.loads(line) for line in contents[member].splitlines()]
        for row in rows:
            edit(row)
        return {**contents, member: b"".join(package._line(r) for r in rows)}
    return members


def _issues(store) -> dict[str, tuple[str, int]]:
    with store.engine.connect() as con:
        return {r.title: r.priority for r in con.execute(select(m.Issue.__table__))}


def test_a_package_from_one_schema_newer_imports_when_every_field_is_known(laptops, tmp_path):
    a, b, good, key = laptops
    newer = _rebuild(good, tmp_path / "newer.mjsync", key, manifest_edit=_as_schema(SCHEMA_VERSION + 1))
    assert importer.import_package(b, newer).status == importer.IMPORTED
    assert _issues(b) == {"街灯が暗い": 2, "公園の遊具": 1}


def test_a_field_this_version_does_not_know_is_refused_with_its_name_not_dropped(laptops, tmp_path):
    a, b, good, key = laptops
    newer = _rebuild(good, tmp_path / "newer.mjsync", key, manifest_edit=_as_schema(SCHEMA_VERSION + 1),
                     members=_rows_edited("records/issue.jsonl", lambda row: row.update(budget_yen=120000)))
    before, dumped = file_hash(b), dump(b)
    result = importer.import_package(b, newer)
    assert result.status == importer.REJECTED
    assert "知らない項目" in result.reason and "issue.budget_yen" in result.reason and "更新" in result.reason
    assert "issue.budget_yen" in result.reason_en
    assert file_hash(b) == before and dump(b) == dumped


def test_a_table_this_version_does_not_know_is_refused_with_its_name(laptops, tmp_path):
    a, b, good, key = laptops
    extra = package._line({"id": "x1", "title": "予算"})

    def add_table(contents):
        return {**contents, "records/budget.jsonl": extra}
    newer = _rebuild(good, tmp_path / "newer.mjsync", key, manifest_edit=_as_schema(SCHEMA_VERSION + 1),
                     members=add_table)
    before = file_hash(b)
    result = importer.import_package(b, newer)
    assert result.status == importer.REJECTED
    assert "知らない種類の記録" in result.reason and "records/budget.jsonl" in result.reason
    assert file_hash(b) == before


@pytest.mark.parametrize(("version", "reason"), [(SCHEMA_VERSION + 2, "新しい版"), (SCHEMA_VERSION - 2, "古い版")])
def test_two_schema_versions_apart_is_refused_asking_for_the_update(laptops, tmp_path, version, reason):
    a, b, good, key = laptops
    far = _rebuild(good, tmp_path / "far.mjsync", key, manifest_edit=_as_schema(version))
    result = importer.import_package(b, far)
    assert result.status == importer.REJECTED and reason in result.reason and "更新" in result.reason


def test_a_column_the_newer_schema_added_gets_its_value_in_an_older_package(laptops, tmp_path, monkeypatch):
    """As if this schema had added issue.priority (to 3 for rows from before): a package of the
    previous schema lacks the column, and its rows come in with that value."""
    a, b, good, key = laptops
    monkeypatch.setattr(package, "COLUMNS_ADDED", {SCHEMA_VERSION: {"issue": {"priority": 3}}})
    without = _rows_edited("records/issue.jsonl", lambda row: row.pop("priority"))
    older = _rebuild(good, tmp_path / "older.mjsync", key, manifest_edit=_as_schema(SCHEMA_VERSION - 1),
                     members=without)
    same = _rebuild(good, tmp_path / "same.mjsync", key, members=without)
    result = importer.import_package(b, same)  # this schema's own rows must have the column
    assert result.status == importer.REJECTED and "列が合いません" in result.reason
    assert importer.import_package(b, older).status == importer.IMPORTED
    assert _issues(b) == {"街灯が暗い": 3, "公園の遊具": 3}


def test_a_version_6_package_without_answer_records_imports_and_its_answer_is_news(laptops, tmp_path):
    """Schema 7 added the 要望 cycle (issue.department, received_on, answer_due) and the
    request_answer table: a schema-6 sender's rows lack those columns and the member, and its
    answer, carried only on the issue, still arrives and is listed as 新しい回答."""
    a, b, good, key = laptops
    added = package.COLUMNS_ADDED[7]["issue"]

    def as_schema_6(row):
        for column in added:
            row.pop(column)
        row.update(is_request=True, ward_answer="来年度に対応します。", answered_on="2026-11-30")
    edited = _rows_edited("records/issue.jsonl", as_schema_6)

    def members(contents):
        return {n: d for n, d in edited(contents).items() if n != "records/request_answer.jsonl"}
    older = _rebuild(good, tmp_path / "v6.mjsync", key, manifest_edit=_as_schema(6), members=members)
    with zipfile.ZipFile(older) as zf:
        assert "records/request_answer.jsonl" not in zf.namelist()
    assert importer.import_package(b, older).status == importer.IMPORTED
    services = Services(b)
    got = {i.title: (i.department, i.received_on, i.answer_due, i.ward_answer) for i in services.issues.list()}
    assert got["街灯が暗い"] == (None, None, None, "来年度に対応します。")
    assert {n.ward_answer for n in services.stats.new_answers()} == {"来年度に対応します。"}
