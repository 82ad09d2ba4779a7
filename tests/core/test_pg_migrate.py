"""``migrate-to``: a store copied SQLite → PostgreSQL → SQLite, whole and verified."""

from __future__ import annotations

import hashlib
import io
import re
import shutil

import pytest
from sqlalchemy import func, select, text

from meguro_jukyo.cli import main
from meguro_jukyo.core import models as m
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.exchange import store_copy
from meguro_jukyo.core.exchange.dump import write_dump
from meguro_jukyo.core.services import Services


def dump_sha(location) -> str:
    buf = io.StringIO()
    with Store.open(location, write=False) as store:
        write_dump(store, buf)
    return hashlib.sha256(buf.getvalue().encode()).hexdigest()


def table_rows(location) -> dict[str, list]:
    """Every copied table's rows (and meta without the reference hash), for exact comparison."""
    out = {}
    with Store.open(location, write=False) as store, store.engine.connect() as con:
        for table in store_copy.copied_tables():
            order = list(table.primary_key.columns)
            out[table.name] = [tuple(r) for r in con.execute(select(table).order_by(*order))]
        # the workstation that opened a server store to look saved its clock (hlc:<id>)
        out["meta"] = con.execute(text("SELECT key, value FROM meta WHERE key <> 'reference_hash' "
                                       "AND key NOT LIKE 'hlc:%' ORDER BY key")).all()
    return out


@pytest.fixture(scope="module")
def laptop_original(tmp_path_factory):
    """A laptop store with sample data, an edit, a tombstone and an undone change."""
    path = tmp_path_factory.mktemp("laptop") / "laptop.sqlite3"
    assert main(["--db", str(path), "init", "--demo", "--device-name", "集会所PC"]) == 0
    with Store.open(path) as store:
        s = Services(store)
        issue = s.issues.list()[0]
        s.issues.update(issue.id, {"place": "駅前広場"})
        s.issues.delete(s.issues.list()[1].id)
        s.issues.update(issue.id, {"priority": 1})
        s.undo()
    return path


@pytest.fixture
def laptop(laptop_original, tmp_path):
    """A copy of the laptop store for one test (the store is closed: no -wal to copy)."""
    path = tmp_path / "laptop.sqlite3"
    shutil.copyfile(laptop_original, path)
    return path


def test_sqlite_to_postgresql_and_back_copies_everything(laptop, pg_empty_url, tmp_path, capsys):
    capsys.readouterr()
    assert main(["--db", str(laptop), "migrate-to", pg_empty_url]) == 0
    out = capsys.readouterr().out
    hashes = re.findall(r"sha256 ([0-9a-f]{64})", out)
    assert len(hashes) == 2 and hashes[0] == hashes[1] == dump_sha(laptop) == dump_sha(pg_empty_url)
    assert "一致しました" in out
    assert table_rows(pg_empty_url) == table_rows(laptop)

    back = tmp_path / "back.sqlite3"
    assert main(["--db", pg_empty_url, "migrate-to", str(back)]) == 0
    assert table_rows(back) == table_rows(laptop)
    assert dump_sha(back) == dump_sha(laptop)


def test_the_copy_is_a_working_store(laptop, pg_empty_url, capsys):
    assert main(["--db", str(laptop), "migrate-to", pg_empty_url]) == 0
    with Store.open(laptop, write=False) as store, store.engine.connect() as con:
        last_change = con.execute(select(func.max(m.Change.id))).scalar()
    with Store.open(pg_empty_url) as store:
        assert store.store_id == Store.open(laptop, write=False).store_id
        s = Services(store)
        made = s.issues.create({"organization_id": s.organizations.list()[0].id, "title": "写した後の課題"})
        assert [h.ref_id for h in s.search("写した後")] == [made.id]
        assert s.search("駅")  # a 1-character query finds the copied rows too
        with store.engine.connect() as con:
            assert con.execute(select(func.max(m.Change.id))).scalar() == last_change + 1
    capsys.readouterr()
    assert main(["--db", pg_empty_url, "check"]) == 0
    assert "問題はありません" in capsys.readouterr().out


def test_a_target_with_data_is_refused_and_left_alone(laptop, pg_url, capsys):
    with Store.open(pg_url) as store:
        s = Services(store)
        s.issues.create({"organization_id": s.organizations.list()[0].id, "title": "区の課題"})
    before = dump_sha(pg_url)
    assert main(["--db", str(laptop), "migrate-to", pg_url]) == 1
    assert "すでにデータがあります" in capsys.readouterr().err
    assert dump_sha(pg_url) == before


def test_a_copy_that_does_not_verify_is_rolled_back(laptop, pg_empty_url, tmp_path, monkeypatch, capsys):
    real = store_copy.dump_sha256
    seen = []

    def second_differs(con):
        seen.append(con)
        return real(con) + ("" if len(seen) == 1 else "x")

    monkeypatch.setattr(store_copy, "dump_sha256", second_differs)
    assert main(["--db", str(laptop), "migrate-to", pg_empty_url]) == 1
    assert "取り消しました" in capsys.readouterr().err
    with Store.open(pg_empty_url, write=False) as store, store.engine.connect() as con:
        assert store_copy.is_empty(con)
    new_file = tmp_path / "never.sqlite3"
    seen.clear()
    assert main(["--db", str(laptop), "migrate-to", str(new_file)]) == 1
    assert not new_file.exists()  # a file the command made is removed again


def test_migrating_to_itself_is_refused(tmp_path, capsys):
    path = tmp_path / "s.sqlite3"
    Store.open(path, create=True).close()
    assert main(["--db", str(path), "migrate-to", str(path)]) == 1
    assert "同じ" in capsys.readouterr().err
