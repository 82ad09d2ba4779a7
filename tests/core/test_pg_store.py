"""A PostgreSQL store: created by `init`, the command line on it, the same dump as SQLite."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from sqlalchemy import text

from meguro_jukyo.cli import main
from meguro_jukyo.core import models as m
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.errors import StoreError
from meguro_jukyo.core.exchange.dump import write_dump
from meguro_jukyo.core.reference import council_id

#: Keys whose byte order differs from a linguistic (ICU, libc ja_JP) order.
KEYS = ("B", "a", "Z", "_x", "-1", "10", "9", "é", "e\u0301", "あ", "ア", "ｱ", "Ａ", "一", "丁", "〇", "𠮷")


def same_records(store) -> None:
    """The same rows, written straight into a store (types: text, int, bool, date, naive
    datetime with and without microseconds, NULLs; tombstones)."""
    org = council_id("komaba")
    with store.engine.begin() as con:
        for i, key in enumerate(KEYS):
            base = {"rev": 1 + i % 3, "base_rev": i % 3, "hlc": f"{1_750_000_000_000 + i:013d}.00000{i % 10}.dev",
                    "device_id": "dev", "deleted": i % 4 == 0, "sync_state": ""}
            con.execute(m.Issue.__table__.insert().values(
                id=f"issue-{key}", organization_id=org, title=f"題 {key}", description="説明\n改行",
                category="other", place="", priority=1 + i % 3, status="raised",
                raised_on=dt.date(2025, 1, 1) + dt.timedelta(days=i), raised_meeting_id=None,
                is_request=i % 2 == 0, ward_answer="", answered_on=dt.date(2025, 12, 31) if i % 3 else None,
                **base))
            con.execute(m.Meeting.__table__.insert().values(
                id=f"meeting-{key}", organization_id=org, meeting_type="regular", title=key,
                starts_at=dt.datetime(2025, 5, 18, 19, 0, 0, 123456 if i % 2 else 0),
                ends_at=None if i % 2 else dt.datetime(2025, 5, 18, 21, 30), place="", facilitator="",
                recorder="", signers="", members_total=i, present=0, proxies=0, status="planned",
                next_meeting="", **base))


def dump_text(store) -> str:
    buf = io.StringIO()
    write_dump(store, buf)
    return buf.getvalue()


def test_the_same_records_dump_to_the_same_bytes_on_sqlite_and_postgresql(pg_url, tmp_path):
    with Store.open(tmp_path / "s.sqlite3", create=True) as lite, Store.open(pg_url) as server:
        same_records(lite)
        same_records(server)
        a, b = dump_text(lite), dump_text(server)
    assert a == b
    issues = json.loads(a)["tables"]["issue"]
    assert [r["id"] for r in issues] == sorted(f"issue-{k}" for k in KEYS)  # code point order
    assert {type(r["is_request"]) for r in issues} == {bool}
    meetings = {r["id"]: r for r in json.loads(a)["tables"]["meeting"]}
    assert meetings["meeting-a"]["starts_at"] == "2025-05-18 19:00:00.123456"
    assert meetings["meeting-B"]["ends_at"] == "2025-05-18 21:30:00"


def test_the_servers_linguistic_collation_does_not_reach_the_store(pg_url):
    """The test server's default collation is ICU Japanese; the store's text is byte-ordered."""
    with Store.open(pg_url) as store, store.engine.connect() as con:
        collations = con.execute(text(
            "SELECT DISTINCT collation_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND data_type IN ('character varying', 'text')"
        )).scalars().all()
        assert collations == ["C"]


def test_init_creates_the_store_in_an_empty_database_and_the_commands_work(pg_empty_url, capsys):
    assert main(["--db", pg_empty_url, "init", "--device-name", "区役所 窓口1"]) == 0
    assert "作成しました" in capsys.readouterr().out
    assert main(["--db", pg_empty_url, "init"]) == 0
    assert "開きました" in capsys.readouterr().out
    with Store.open(pg_empty_url) as store:
        from meguro_jukyo.core.services import Services

        s = Services(store)
        s.issues.create({"organization_id": council_id("komaba"), "title": "公園の清掃"})
        assert store.device_name == "区役所 窓口1"  # the workstation's name
    assert main(["--db", pg_empty_url, "search", "公"]) == 0
    assert "公園の清掃" in capsys.readouterr().out
    assert main(["--db", pg_empty_url, "check"]) == 0
    assert "問題はありません" in capsys.readouterr().out
    assert main(["--db", pg_empty_url, "dump", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["tables"]["issue"][0]["title"] == "公園の清掃"
    assert main(["--db", pg_empty_url, "backup"]) == 1
    assert "pg_dump" in capsys.readouterr().err


def test_a_database_without_a_store_is_refused_with_the_way_to_make_one(pg_empty_url):
    with pytest.raises(StoreError, match="init"):
        Store.open(pg_empty_url)


def test_an_unreachable_server_is_a_problem_to_act_on(pg_cluster, capsys):
    url = pg_cluster.url("no_such_database")
    assert main(["--db", url, "search", "公園"]) == 1
    assert "no_such_database" in capsys.readouterr().err


def test_check_finds_a_missing_search_index(pg_url, capsys):
    with Store.open(pg_url) as store, store.engine.begin() as con:
        con.execute(text("DROP INDEX ix_search_doc_body_trgm"))
    assert main(["--db", pg_url, "check"]) == 1
    assert "ix_search_doc_body_trgm" in capsys.readouterr().out


def test_every_migration_downgrades_and_upgrades_again_on_postgresql(pg_url):
    from alembic import command

    from meguro_jukyo.core.db import _alembic_config
    from meguro_jukyo.core.services import Services

    with Store.open(pg_url) as store:
        Services(store).issues.create({"organization_id": council_id("komaba"), "title": "噴水の修理"})
        with store.engine.begin() as con:
            command.downgrade(_alembic_config(con), "0001")
            command.upgrade(_alembic_config(con), "head")
    with Store.open(pg_url) as store:  # opening puts back the byte-wise collation of new columns
        assert [h.title for h in Services(store).search("噴")] == ["噴水の修理"]
        assert store.integrity_check() == []
        with store.engine.connect() as con:
            assert con.execute(text(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND data_type IN ('character varying', 'text') AND collation_name IS DISTINCT FROM 'C'"
            )).scalar() == 0


def test_store_connections_plan_each_statement_for_its_own_parameters(pg_url):
    """psycopg prepares a statement after a few runs and PostgreSQL would then reuse one generic
    plan: a one-character search has the same SQL for every character, and the plan that suits
    a common one scanned the whole table for a rare one (0.7-3.9 s at ward size, bench/RESULTS.md).
    Generic plans give the same rows, only slowly, so the setting itself is what is checked."""
    with Store.open(pg_url, device_name="区役所") as store:
        for _ in range(2):  # a new connection and a pooled one
            with store.engine.connect() as con:
                assert con.exec_driver_sql("SHOW plan_cache_mode").scalar() == "force_custom_plan"


def test_a_two_character_search_asks_the_pair_index_for_its_pair(pg_url):
    """Asking the per-character index for both characters of a common pair made the planner
    multiply their frequencies and sort tens of thousands of matches; asking it for the rarer
    one read a tenth of the ward for two common kana (えき, issue 13). The pair index (0015) is
    asked for the pair itself."""
    from meguro_jukyo.core.search import _match, code_frequencies, pair_code, search
    from meguro_jukyo.core.services import Services

    with Store.open(pg_url, device_name="区役所") as store:
        services = Services(store)
        org = council_id("komaba")
        for i in range(30):
            services.issues.create({"organization_id": org, "title": f"要望の整理 {i}"})
        rare = services.issues.create({"organization_id": org, "title": "要猫の件 望要"})
        with store.engine.begin() as con:
            con.exec_driver_sql("ANALYZE search_doc")
        with store.engine.connect() as con:
            freqs = code_frequencies(con)
            assert freqs.shares.get(pair_code("要望"), 0) > 0.5 and freqs.shares.get(ord("要"), 0) > 0.5
            assert freqs.shares.get(pair_code("要猫"), 0) < 0.1 and freqs.documents > 30
            assert 0.3 < freqs.share_of("kind", ("issue",)) < 0.9  # beside the reference organizations
            assert freqs.share_of("org_id", (org,)) > 0.3 and freqs.share_of("org_id", ("nowhere",)) < 0.1
            where, params = _match("postgresql", "要猫")
            assert "search_pair_codes(d.body) @>" in where and "search_char_codes" not in where
            assert [v for k, v in params.items() if k.startswith("mc")] == [pair_code("要猫")]
            assert [h.ref_id for h in search(con, "要猫")] == [rare.id]
            assert [h.ref_id for h in search(con, "望要")] == [rare.id]
            assert len(search(con, "要望", limit=100)) == 30


def test_short_searches_read_the_code_statistics_once_a_minute(pg_url, monkeypatch):
    from sqlalchemy import event

    from meguro_jukyo.core import search as search_module
    from meguro_jukyo.core.search import search

    with Store.open(pg_url, device_name="区役所") as store:
        reads = []
        event.listen(store.engine, "before_cursor_execute",
                     lambda _c, _cur, statement, *_a: reads.append(1) if "most_common_elems" in statement else None)
        with store.engine.connect() as con:
            for query in ("防災", "公園", "要"):
                search(con, query)
            assert len(reads) == 1
            monkeypatch.setattr(search_module, "FREQUENCIES_SECONDS", -1.0)  # a minute later
            search(con, "防災")
            assert len(reads) == 2
            search(con, "防災訓練")  # 3+ characters: no statistics needed
            assert len(reads) == 2
