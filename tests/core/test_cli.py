"""The command line: exit codes, one-line reasons, canonical dumps, the policy text."""

import hashlib
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from meguro_jukyo.cli import main
from meguro_jukyo.core.db import SCHEMA_VERSION, Store
from meguro_jukyo.core.policy import load_framework
from meguro_jukyo.core.services import Services

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_e7c1e07bc2d6349d.txt"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "meguro_jukyo", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.sqlite3"
    assert main(["--db", str(path), "init", "--device-name", "テスト"]) == 0
    return path


def test_policy_json_holds_every_heading_and_item_verbatim(capsys):
    assert main(["policy", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    fw = load_framework()
    nodes = printed["nodes"]
    assert len([n for n in nodes if n["level"] == "item"]) == 49
    assert len([n for n in nodes if n["level"] == "viewpoint"]) == 13
    assert [n["id"] for n in nodes] == [n.id for n in fw.nodes]
    if not SEED.exists():
        pytest.skip("the seed text is not beside this checkout")
    seed = "".join(SEED.read_text(encoding="utf-8").split())
    for n in nodes:
        assert n["title"] in seed
        for paragraph in n["paragraphs"]:
            assert "".join(paragraph.split()) in seed
    assert "地域の誰もが参加でき、意見交換・協議による合意形成等、「地域課題を解決する場」「住民参加・協議の場」" \
           "としての住区住民会議の役割を明確化し、機能の充実や活性化を図っていきます。" in [
               n["paragraphs"][0] for n in nodes if n["level"] == "item"]


def test_policy_text_lists_the_tree(capsys):
    assert main(["policy"]) == 0
    out = capsys.readouterr().out
    assert "2-1-1 施策立案の視点１ コミュニティ形成の推進" in out
    assert out.count("○") == 49


def test_two_dumps_of_the_same_store_are_byte_identical(db, tmp_path):
    with Store.open(db) as store:
        s = Services(store)
        org = s.organizations.list()[0]
        issue = s.issues.create({"organization_id": org.id, "title": "防災倉庫の点検", "description": "年2回"})
        s.issues.update(issue.id, {"status": "discussing"})
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["--db", str(db), "dump", "--json", "--out", str(a)]) == 0
    assert main(["--db", str(db), "dump", "--json", "--out", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    data = json.loads(a.read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA_VERSION
    assert [r["title"] for r in data["tables"]["issue"]] == ["防災倉庫の点検"]
    assert "history" not in data["tables"] and "meta" not in data["tables"]


def test_dump_is_the_same_for_two_stores_with_the_same_records(tmp_path):
    dumps = []
    for name in ("one", "two"):
        path = tmp_path / f"{name}.sqlite3"
        Store.open(path, create=True).close()
        out = tmp_path / f"{name}.json"
        assert main(["--db", str(path), "dump", "--json", "--out", str(out)]) == 0
        dumps.append(out.read_bytes())
    assert dumps[0] == dumps[1]  # reference data and the 22 councils are identical everywhere


@pytest.mark.parametrize("kind", ["corrupt", "foreign", "newer"])
def test_bad_stores_exit_1_with_a_reason_and_keep_their_bytes(tmp_path, kind):
    path = tmp_path / "bad.sqlite3"
    if kind == "corrupt":
        Store.open(path, create=True).close()
        data = bytearray(path.read_bytes())
        data[100:4096] = b"\x00\xff" * ((4096 - 100) // 2)  # the schema page
        path.write_bytes(bytes(data))
    elif kind == "foreign":
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE recipes(name)")
        con.commit()
        con.close()
    else:
        Store.open(path, create=True).close()
        con = sqlite3.connect(path)
        con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
        con.commit()
        con.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    for command in (["check"], ["dump", "--json"], ["search", "防災"], ["backup"]):
        result = run_cli("--db", str(path), *command)
        assert result.returncode == 1, (command, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("meguro-jukyo: ")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not Path(str(path) + "-wal").exists()


def test_usage_errors_exit_2():
    assert run_cli("no-such-command").returncode == 2
    assert run_cli("search").returncode == 2


def test_missing_store_exits_1(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "none.sqlite3"), "check"]) == 1
    assert "meguro-jukyo init" in capsys.readouterr().err


def test_search_prints_matches_for_short_and_long_queries(db, capsys):
    with Store.open(db) as store:
        s = Services(store)
        org = s.organizations.list()[0]
        s.issues.create({"organization_id": org.id, "title": "防災訓練の日程"})
    capsys.readouterr()
    assert main(["--db", str(db), "search", "防災"]) == 0
    assert "防災訓練の日程" in capsys.readouterr().out
    assert main(["--db", str(db), "search", "防災訓練", "--kind", "issue"]) == 0
    assert "防災訓練の日程" in capsys.readouterr().out


def test_check_backup_restore_round_trip(db, tmp_path, capsys):
    assert main(["--db", str(db), "check"]) == 0
    target = tmp_path / "copy.sqlite3"
    assert main(["--db", str(db), "backup", "--to", str(target)]) == 0
    with Store.open(db) as store:
        s = Services(store)
        s.issues.create({"organization_id": s.organizations.list()[0].id, "title": "あとで消える"})
    assert main(["--db", str(db), "restore", str(target)]) == 0
    with Store.open(db, write=False) as store:
        assert Services(store).issues.count() == 0


def test_check_repairs_a_search_index_that_drifted(db, capsys):
    with Store.open(db) as store:
        with store.engine.begin() as con:
            con.exec_driver_sql("DELETE FROM search_doc WHERE kind='organization'")
    assert main(["--db", str(db), "check"]) == 1
    assert "検索索引" in capsys.readouterr().out
    assert main(["--db", str(db), "check", "--repair"]) == 0


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, db):
    """Where an initialised store lives, given to ``--db``: the SQLite file, or the database on
    the throwaway PostgreSQL server."""
    return str(db) if request.param == "sqlite" else request.getfixturevalue("pg_url")


@pytest.mark.parametrize("drift", [
    "UPDATE desk_count SET n = n + 2",
    "DELETE FROM desk_viewpoint_count",
    "DELETE FROM desk_issue",
    "UPDATE desk_link SET viewpoint_id = '2-1-1'",
])
def test_check_repair_counts_the_desk_again_when_its_counts_drifted(store_location, drift, capsys):
    with Store.open(store_location) as store:
        s = Services(store)
        org = s.organizations.list()[0]
        for title in ("防災倉庫の点検", "公園の街灯"):
            issue = s.issues.create({"organization_id": org.id, "title": title, "is_request": True})
            s.links.create({"issue_id": issue.id, "viewpoint_id": "1-1-1"})
        with store.engine.begin() as con:
            con.exec_driver_sql(drift)
    assert main(["--db", store_location, "check"]) == 1
    assert "集計ページの件数が記録と合っていません" in capsys.readouterr().out
    assert main(["--db", store_location, "check", "--repair"]) == 0
    assert "集計ページの件数を記録から数え直しました" in capsys.readouterr().out
    assert main(["--db", store_location, "check"]) == 0
    assert capsys.readouterr().out.strip() == "問題はありません。"
    with Store.open(store_location) as store:  # the counts the page reads are the rows' again
        s = Services(store)
        s.issues.create({"organization_id": org.id, "title": "三つ目", "is_request": True})
    assert main(["--db", store_location, "check"]) == 0


def test_init_on_an_existing_store_keeps_it(db, capsys):
    assert main(["--db", str(db), "init"]) == 0
    assert "開きました" in capsys.readouterr().out


def test_version_prints_the_installed_version():
    from importlib.metadata import version

    done = run_cli("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"meguro-jukyo {version('meguro-jukyo')}"


def test_the_version_falls_back_to_the_package_without_installed_metadata(monkeypatch):
    import importlib.metadata

    import meguro_jukyo
    from meguro_jukyo.core import about

    def missing(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    assert about.version() == meguro_jukyo.__version__


@pytest.mark.parametrize("command", [("check",), ("dump", "--json"), ("conflicts", "--json"),
                                     ("policy",), ("search", "街灯")])
def test_read_only_commands_leave_the_store_file_as_it_was(db, command):
    """No clock written on close, no write lock taken: the store's bytes, its mtime and its
    lock file stay as they were (the tests run as root, where a 0444 file is still writable,
    so the file itself is watched)."""
    with Store.open(db) as store:
        services = Services(store)
        services.issues.create({"organization_id": services.organizations.list()[0].id, "title": "街灯が暗い"})
    lock = Path(str(db) + ".lock")
    lock.unlink()
    db.chmod(0o444)
    before = (hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns)
    done = run_cli("--db", str(db), *command)
    assert done.returncode == 0, done.stderr
    assert (hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns) == before
    assert not lock.exists()


@pytest.mark.parametrize("command", [("check",), ("dump", "--json"), ("conflicts", "--json"), ("search", "街灯")])
def test_read_only_commands_write_nothing_not_even_the_clock(db, command, capsys):
    seen: list[str] = []

    def listen(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", listen)
    try:
        assert main(["--db", str(db), *command]) == 0
    finally:
        event.remove(Engine, "before_cursor_execute", listen)
    assert seen and [s for s in seen if re.match(r"\s*(INSERT|UPDATE|DELETE|REPLACE)", s, re.IGNORECASE)] == []


@pytest.fixture
def read_only_medium(tmp_path):
    """A small tmpfs mounted read-only (the tests run as root; skipped where mounting is not allowed)."""
    mount = tmp_path / "medium"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


@pytest.mark.parametrize("command", [("check",), ("dump", "--json"), ("conflicts", "--json"), ("search", "街灯")])
def test_read_only_commands_work_on_a_read_only_medium(db, read_only_medium, command):
    shutil.copyfile(db, read_only_medium / "s.sqlite3")
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_medium)], check=True)
    done = run_cli("--db", str(read_only_medium / "s.sqlite3"), *command)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in read_only_medium.iterdir()) == ["s.sqlite3"]
