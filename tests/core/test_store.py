"""Opening a store: pragmas, checks that leave bad files untouched, lock, backups, restore."""

import hashlib
import signal
import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from meguro_jukyo.cli import main
from meguro_jukyo.core import db
from meguro_jukyo.core.db import APPLICATION_ID, SCHEMA_VERSION, Store, list_backups
from meguro_jukyo.core.errors import StoreError, StoreLocked
from meguro_jukyo.core.services import Services


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_store_has_our_ids_pragmas_and_reference_data(tmp_path):
    path = tmp_path / "s.sqlite3"
    with Store.open(path, create=True, device_name="集会所PC") as store:
        with store.engine.connect() as con:
            pragma = lambda name: con.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2  # FULL
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == db.BUSY_TIMEOUT_MS
            assert pragma("application_id") == APPLICATION_ID
            assert pragma("user_version") == SCHEMA_VERSION
        assert store.device_name == "集会所PC"
        assert len(store.device_id) == 36
        councils = Services(store).organizations.list()
        assert len(councils) == 22
        assert {o.district_code for o in councils} == {"north", "east", "central", "south", "west"}


def test_alembic_head_is_the_schema_version_we_stamp():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(db.MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(cfg).get_current_head() == db.SCHEMA_REVISIONS[SCHEMA_VERSION]


def test_missing_store_is_refused_and_not_created(tmp_path):
    path = tmp_path / "nope.sqlite3"
    with pytest.raises(StoreError, match="ありません"):
        Store.open(path)
    assert not path.exists()


def test_non_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes("会議メモ\n".encode() * 100)
    before = sha(path)
    with pytest.raises(StoreError, match="SQLite ファイルではない"):
        Store.open(path)
    assert sha(path) == before


def test_foreign_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t(x)")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    con.close()
    before = sha(path)
    with pytest.raises(StoreError, match="別のアプリ"):
        Store.open(path)
    assert sha(path) == before
    assert not (tmp_path / "other.sqlite3-wal").exists()


def test_newer_store_is_refused_untouched(tmp_path):
    path = tmp_path / "s.sqlite3"
    Store.open(path, create=True).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = sha(path)
    with pytest.raises(StoreError, match="新しい版"):
        Store.open(path)
    assert sha(path) == before


def _smashed_store(path):
    """A store whose b-tree pages are damaged all over its second half (the schema, at the
    start, still reads: only a check of the whole file sees the damage)."""
    with Store.open(path, create=True) as store:
        services = Services(store)
        org = services.organizations.list()[0]
        for i in range(200):
            services.issues.create({"organization_id": org.id, "title": f"課題{i}", "description": "あ" * 500})
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(len(data) // page // 2 * page, len(data), page * 2):  # smash many b-tree headers
        data[offset : offset + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))


def _die_holding(path):
    """A writer that opens the store and is killed with it open (a laptop that lost power)."""
    code = ("import os, signal, sys; from meguro_jukyo.core.db import Store; "
            "s = Store.open(sys.argv[1]); os.kill(os.getpid(), signal.SIGKILL)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], timeout=120)
    assert done.returncode == -signal.SIGKILL


@pytest.fixture
def statements(monkeypatch):
    """Every SQL statement run on any connection to a store, the file checks included."""
    seen: list[str] = []
    real = db._ro_connect

    def traced(path):
        con = real(path)
        con.set_trace_callback(seen.append)
        return con

    def listen(conn, cursor, statement, *args):
        seen.append(statement)

    monkeypatch.setattr(db, "_ro_connect", traced)
    event.listen(Engine, "before_cursor_execute", listen)
    yield seen
    event.remove(Engine, "before_cursor_execute", listen)


def _checks(seen):
    return [s for s in seen if "quick_check" in s or "integrity_check" in s]


def test_opening_costs_no_whole_file_check(tmp_path, statements):
    path = tmp_path / "s.sqlite3"
    Store.open(path, create=True).close()
    statements.clear()
    Store.open(path).close()
    Store.open(path, write=False).close()
    assert statements and _checks(statements) == []


def test_after_a_writer_died_with_the_store_open_the_next_open_checks_the_file(tmp_path, statements):
    path = tmp_path / "s.sqlite3"
    Store.open(path, create=True).close()
    _die_holding(path)
    statements.clear()
    Store.open(path, write=False).close()  # a reader sees the dead holder's name in the lock
    assert _checks(statements) == ["PRAGMA quick_check"]
    Store.open(path).close()  # a writer too, and clears it on close
    assert _checks(statements) == ["PRAGMA quick_check"] * 2
    Store.open(path).close()
    assert len(_checks(statements)) == 2


def test_corrupt_store_is_refused_untouched_after_a_crash_and_by_check(tmp_path, capsys):
    path = tmp_path / "s.sqlite3"
    _smashed_store(path)
    Store.open(path, write=False).close()  # the damage does not show on opening
    _die_holding(path)
    before = sha(path)
    for write in (False, True):
        with pytest.raises(StoreError, match="壊れています"):
            Store.open(path, write=write)
    assert sha(path) == before
    assert main(["--db", str(path), "check"]) == 1
    err = capsys.readouterr().err
    assert "壊れています" in err and len(err.strip().splitlines()) == 1
    assert sha(path) == before


def test_the_daily_backup_is_not_made_of_a_corrupt_store(tmp_path):
    path = tmp_path / "s.sqlite3"
    _smashed_store(path)
    before = sha(path)
    with Store.open(path) as store, pytest.raises(StoreError, match="壊れています"):
        store.backup_if_due()
    assert list_backups(path) == [] and sha(path) == before


def test_truncated_header_is_refused(tmp_path):
    path = tmp_path / "s.sqlite3"
    path.write_bytes(db.SQLITE_HEADER + b"\0" * 10)
    with pytest.raises(StoreError, match="途中で切れて"):
        Store.open(path)


def test_second_writer_is_told_who_holds_the_store(tmp_path):
    path = tmp_path / "s.sqlite3"
    with Store.open(path, create=True, holder="会議モード"):
        with pytest.raises(StoreLocked, match="会議モード") as exc:
            Store.open(path)
        assert "PID" in exc.value.ja
        # readers are not writers: a read-only open still works
        with Store.open(path, write=False) as reader:
            assert len(Services(reader).organizations.list()) == 22
    Store.open(path).close()  # released on close


def test_backup_is_a_sound_copy_and_old_ones_are_pruned(tmp_path):
    path = tmp_path / "s.sqlite3"
    with Store.open(path, create=True) as store:
        services = Services(store)
        org = services.organizations.list()[0]
        services.issues.create({"organization_id": org.id, "title": "掲示板の老朽化"})
        made = [store.backup(reason=f"test{i}") for i in range(db.KEEP_BACKUPS + 3)]
    kept = list_backups(path)
    assert len(kept) == db.KEEP_BACKUPS
    assert made[-1] in kept and made[0] not in kept
    con = sqlite3.connect(made[-1])
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT title FROM issue").fetchone()[0] == "掲示板の老朽化"
    con.close()
    assert not list(path.parent.glob("**/*.part"))


def test_daily_backup_only_when_due(tmp_path):
    with Store.open(tmp_path / "s.sqlite3", create=True) as store:
        first = store.backup_if_due()
        assert first is not None
        assert store.backup_if_due() is None


def test_restore_brings_back_the_backup_and_keeps_a_safety_copy(tmp_path):
    path = tmp_path / "s.sqlite3"
    with Store.open(path, create=True) as store:
        services = Services(store)
        org = services.organizations.list()[0]
        services.issues.create({"organization_id": org.id, "title": "残す課題"})
        snapshot = store.backup(reason="snap")
        services.issues.create({"organization_id": org.id, "title": "あとで消える課題"})
        safety = store.restore(snapshot)
        titles = {i.title for i in Services(store).issues.list()}
        assert titles == {"残す課題"}
    con = sqlite3.connect(safety)
    assert {r[0] for r in con.execute("SELECT title FROM issue")} == {"残す課題", "あとで消える課題"}
    con.close()


def test_restore_refuses_a_foreign_file_and_changes_nothing(tmp_path):
    path = tmp_path / "s.sqlite3"
    foreign = tmp_path / "x.sqlite3"
    sqlite3.connect(foreign).execute("CREATE TABLE t(x)").connection.close()
    with Store.open(path, create=True) as store:
        services = Services(store)
        org = services.organizations.list()[0]
        services.issues.create({"organization_id": org.id, "title": "そのまま"})
        with pytest.raises(StoreError):
            store.restore(foreign)
        assert [i.title for i in services.issues.list()] == ["そのまま"]


def test_older_store_is_migrated_after_a_backup(tmp_path):
    """A store stamped with an older user_version is backed up, then upgraded on open."""
    path = tmp_path / "s.sqlite3"
    Store.open(path, create=True).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version=0")
    con.commit()
    con.close()
    with Store.open(path) as store:
        with store.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
    assert any("before-migration-v0" in p.name for p in list_backups(path))


def test_environment_variable_chooses_the_store(tmp_path, monkeypatch):
    path = tmp_path / "env.sqlite3"
    monkeypatch.setenv(db.ENV_DB, str(path))
    assert db.resolve_location(None) == str(path)
    assert db.resolve_location(str(tmp_path / "flag.sqlite3")) == str(tmp_path / "flag.sqlite3")
