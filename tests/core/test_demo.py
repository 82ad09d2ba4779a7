"""Sample data: `init --demo` (small, through the services) and `init --demo ward` (bulk)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from progress_helpers import CancelAt
from sqlalchemy import func, select, text

from meguro_jukyo.cli import main as cli_main
from meguro_jukyo.core import models as m
from meguro_jukyo.core import search, search_index, summary
from meguro_jukyo.core.check import check_store
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.progress import Cancelled
from meguro_jukyo.core.demo import DEMO_TODAY, WARD, demo_device_id, load_demo
from meguro_jukyo.core.errors import UserError
from meguro_jukyo.core.exchange.dump import write_dump
from meguro_jukyo.core.japanese import normalize
from meguro_jukyo.core.policy import load_framework
from meguro_jukyo.core.reference import REFERENCE_DEVICE
from meguro_jukyo.core.services import ListQuery, Services
from meguro_jukyo.core.sync.clock import Stamp

WARD_SCALE = 0.01


def _dump(store) -> bytes:
    out = io.StringIO()
    write_dump(store, out)
    return out.getvalue().encode()


def _rows(store, table) -> list[dict]:
    with store.engine.connect() as con:
        return [dict(r) for r in con.execute(select(table.__table__)).mappings()]


def _vocab(store, kind: str) -> set[str]:
    return {e["code"] for e in Services(store).vocab.entries(kind)}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("small") / "demo.sqlite3", create=True)
    counts = load_demo(store)
    yield store, counts
    store.close()


@pytest.fixture(scope="module")
def ward(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("ward") / "ward.sqlite3", create=True)
    with store.engine.connect() as con:
        triggers = con.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                       "ORDER BY name").all()
    counts = load_demo(store, "ward", scale=WARD_SCALE)
    yield store, counts, triggers
    store.close()


# --------------------------------------------------------------------------- small


def test_small_demo_fills_every_table_and_every_jukyo(small):
    store, counts = small
    services = Services(store)
    for service in services.all():
        assert counts[service.label_ja] == service.count() > 0, service.kind
    orgs = _rows(store, m.Organization)
    associations = [o for o in orgs if o["kind"] == "association"]
    assert len(associations) == 12
    assert all(o["yomi"] and o["jukyo_code"] and o["district_code"] for o in associations)
    issues = _rows(store, m.Issue)
    org_jukyo = {o["id"]: o["jukyo_code"] for o in orgs}
    assert {org_jukyo[i["organization_id"]] for i in issues} == {j.code for j in _jukyo(store)}
    meetings = services.meetings.count()
    assert 30 <= meetings <= 50


def _jukyo(store):
    with store.engine.connect() as con:
        return con.execute(select(m.Jukyo)).all()


def test_small_demo_covers_every_note_kind_category_and_status(small):
    store, _ = small
    notes, issues = _rows(store, m.Note), _rows(store, m.Issue)
    assert {n["kind"] for n in notes} == _vocab(store, "note_kind")
    assert {i["category"] for i in issues} == _vocab(store, "issue_category")
    assert {i["status"] for i in issues} == _vocab(store, "issue_status")
    assert {n["decision_method"] for n in notes if n["kind"] == "decision"} == _vocab(store, "decision_method")
    meeting_types = {r["meeting_type"] for r in _rows(store, m.Meeting)}
    assert {"general_regular", "board", "regular"} <= meeting_types
    assert {r["status"] for r in _rows(store, m.ActionItem)} == _vocab(store, "action_status")
    requests = [i for i in issues if i["is_request"]]
    answered = [i for i in requests if i["ward_answer"]]
    assert answered and all(i["answered_on"] for i in answered)
    assert all(not i["ward_answer"] for i in issues if not i["is_request"])


def test_decisions_carry_votes_and_minority_opinions_point_at_them(small):
    store, _ = small
    notes = {n["id"]: n for n in _rows(store, m.Note)}
    majority = [n for n in notes.values() if n["decision_method"] == "majority"]
    assert majority and all(n["votes_for"] > n["votes_against"] > 0 for n in majority)
    minorities = [n for n in notes.values() if n["kind"] == "minority"]
    assert minorities
    for n in minorities:
        decision = notes[n["decision_id"]]
        assert decision["kind"] == "decision"
        assert decision["meeting_id"] == n["meeting_id"]
        assert decision["recorded_at"] <= n["recorded_at"]
    assert all(n["decision_id"] is None for n in notes.values() if n["kind"] != "minority")


def test_attendance_and_quorum_figures_are_consistent(small):
    store, _ = small
    services = Services(store)
    attendees = _rows(store, m.Attendee)
    by_meeting: dict[str, list[str]] = {}
    for a in attendees:
        by_meeting.setdefault(a["meeting_id"], []).append(a["attendance"])
    for meeting in services.meetings.list():
        if meeting.id in by_meeting:
            marks = by_meeting[meeting.id]
            assert (meeting.members_total, meeting.present, meeting.proxies) == (
                len(marks), marks.count("present"), marks.count("proxy"))
        if meeting.status == "planned":
            assert meeting.starts_at.date() > DEMO_TODAY and meeting.present == 0
        else:
            assert meeting.starts_at.date() <= DEMO_TODAY and meeting.present > 0
    generals = services.meetings.list(ListQuery(equals={"meeting_type": "general_regular",
                                                        "status": "finalized"}))
    assert generals and all(services.meetings.quorum(g).reached for g in generals)


def test_viewpoint_links_are_valid_and_every_issue_has_one(small):
    store, _ = small
    framework = load_framework()
    links = _rows(store, m.PolicyLink)
    for link in links:
        assert link["plan_id"] == framework.plan_id
        assert framework.node(link["viewpoint_id"]).level == "viewpoint"
        if link["item_id"]:
            assert framework.viewpoint_of(link["item_id"]).id == link["viewpoint_id"]
        assert link["reason"]
    assert {link["issue_id"] for link in links if link["issue_id"]} == {i["id"] for i in _rows(store, m.Issue)}
    assert any(link["note_id"] for link in links)
    assert any(link["item_id"] is None for link in links)


def test_small_demo_passes_check(small):
    store, _ = small
    assert check_store(store) == []


@pytest.mark.parametrize("word", ["防災", "街灯", "自転車", "防災訓練", "見守り", "ぼらんてぃあ", "ﾎﾞﾗﾝﾃｨｱ"])
def test_search_finds_japanese_words_of_any_length(small, word):
    store, _ = small
    with store.engine.connect() as con:
        hits = search.search(con, word, limit=500)
        assert hits
        key = normalize(word)
        for hit in hits:
            body = con.execute(text("SELECT body FROM search_doc WHERE kind = :k AND ref_id = :r"),
                               {"k": hit.kind, "r": hit.ref_id}).scalar_one()
            assert key in body


def test_small_demo_history_is_that_of_real_use(small):
    store, _ = small
    from meguro_jukyo.core.services.history import entity_history

    services = Services(store)
    meeting = services.meetings.list(ListQuery(equals={"status": "finalized"}, limit=1))[0]
    entries = [h for h in entity_history(store, "meeting", meeting.id) if h.field == "status"]
    assert [h.new for h in entries] == ['"planned"', '"closed"', '"finalized"']
    assert {h.device_id for h in entries} == {demo_device_id(2022)}
    # the sample device's edits are not on this device's undo stack: Undo starts with the user's own
    assert services.undo_label() is None
    tombstones = [a for a in _rows(store, m.ActionItem) if a["deleted"]]
    assert len(tombstones) == 1


def test_small_demo_records_are_the_sample_devices_on_the_demo_calendar(small):
    store, _ = small
    device = demo_device_id(2022)
    for table in m.USER_TABLES:
        for row in _rows(store, table):
            if row["device_id"] == REFERENCE_DEVICE:
                continue
            assert row["device_id"] == device
            stamp = Stamp.parse(row["hlc"])
            assert dt.datetime.fromtimestamp(stamp.ms / 1000).date() <= DEMO_TODAY + dt.timedelta(days=1)
    for note in _rows(store, m.Note):
        assert note["recorded_at"].date() <= DEMO_TODAY
    assert max(i["raised_on"] for i in _rows(store, m.Issue)) <= DEMO_TODAY


def test_small_demo_requests_waited_as_long_as_their_story_says(small):
    """要望からの日数 on the desk is counted from when the demo's story sent each 要望 to the
    ward (the change's date), not from the day the demo was made."""
    store, _ = small
    services = Services(store)
    waiting = services.stats.open_requests(today=DEMO_TODAY, limit=None)
    assert waiting
    assert all(r.requested_on is not None and r.raised_on <= r.requested_on <= DEMO_TODAY for r in waiting)
    days = {r.days_since_request for r in waiting}
    assert min(days) >= 0 and max(days) > 30 and len(days) > 1
    assert any(r.days_since_request < r.days_open for r in waiting)  # sent weeks after being raised
    with store.engine.connect() as con:  # the desk's counts kept through every replayed edit
        assert summary.check(con) == []


@pytest.mark.slow
def test_same_seed_same_dump_and_the_users_edits_sort_after(small, tmp_path):
    store, _ = small
    other = Store.open(tmp_path / "again.sqlite3", create=True)
    try:
        load_demo(other, "small", seed=2022)
        assert _dump(other) == _dump(store)
        newest = max(r["hlc"] for t in m.USER_TABLES for r in _rows(other, t))
        issue = Services(other).issues.create({
            "organization_id": _rows(other, m.Organization)[0]["id"], "title": "ユーザーの記録"})
        assert Stamp.parse(issue.hlc) > Stamp.parse(newest)
        assert issue.device_id == other.device_id
    finally:
        other.close()
    third = Store.open(tmp_path / "seed7.sqlite3", create=True)
    try:
        load_demo(third, "small", seed=7)
        assert _dump(third) != _dump(store)
    finally:
        third.close()


def test_a_cancelled_small_load_leaves_the_store_as_it_was(tmp_path):
    store = Store.open(tmp_path / "cancel.sqlite3", create=True)
    try:
        before = _dump(store)
        progress = CancelAt(20)
        with pytest.raises(Cancelled):
            load_demo(store, progress=progress)
        assert len(progress.seen) == 20 and progress.seen[-1][0] > 0
        assert _dump(store) == before
        progress = CancelAt()
        counts = load_demo(store, progress=progress)
        assert counts["地域課題"] > 0  # the same store loads afterwards, whole
        dones = [d for d, _, _ in progress.seen]
        assert dones == sorted(dones) and progress.seen[-1][0] == progress.seen[-1][1] == progress.seen[0][1]
    finally:
        store.close()


def test_demo_is_refused_for_a_store_with_records(small, tmp_path):
    store, _ = small
    before = _dump(store)
    with pytest.raises(UserError) as err:
        load_demo(store)
    assert "--db" in err.value.ja
    assert _dump(store) == before

    fresh = Store.open(tmp_path / "one.sqlite3", create=True)
    try:
        Services(fresh).meetings.create({
            "organization_id": _rows(fresh, m.Organization)[0]["id"], "title": "第1回 定例会",
            "starts_at": "2026-04-10 19:00"})
        before = _dump(fresh)
        with pytest.raises(UserError):
            load_demo(fresh, "ward", scale=WARD_SCALE)
        assert _dump(fresh) == before
        with pytest.raises(UserError):
            load_demo(fresh, "medium")
    finally:
        fresh.close()


@pytest.mark.slow
def test_cli_init_demo_fills_a_new_store_and_refuses_a_second_time(tmp_path, capsys):
    path = tmp_path / "cli.sqlite3"
    assert cli_main(["--db", str(path), "init", "--demo"]) == 0
    out = capsys.readouterr().out
    assert "サンプルデータを入れました" in out and "議事メモ" in out
    assert cli_main(["--db", str(path), "init", "--demo", "small"]) == 1
    assert "--db" in capsys.readouterr().err
    assert cli_main(["--db", str(path), "check"]) == 0


# --------------------------------------------------------------------------- ward


def test_ward_demo_loads_the_desk_counts(ward):
    store, _counts, _triggers = ward
    with store.engine.connect() as con:
        assert summary.check(con) == []
        assert con.execute(select(func.count()).select_from(m.DeskCount.__table__)).scalar_one() > 0


def test_ward_demo_has_the_design_proportions(ward):
    store, counts, _ = ward
    services = Services(store)
    assert services.organizations.count() == 22 + WARD.associations
    for service, full in ((services.meetings, 15_000), (services.issues, 100_000), (services.notes, 500_000)):
        assert abs(service.count() - full * WARD_SCALE) <= full * WARD_SCALE * 0.15, service.kind
    assert counts == {s.label_ja: s.count() for s in services.all()}
    assert all(counts.values())


def test_ward_rows_carry_the_metadata_services_give_and_no_history(ward):
    store, _, _ = ward
    stamps = []
    for table in m.USER_TABLES:
        for row in _rows(store, table):
            if row["device_id"] == REFERENCE_DEVICE:
                continue
            assert (row["rev"], row["base_rev"], row["deleted"]) == (1, 0, False)
            assert row["device_id"] == store.device_id
            stamps.append(Stamp.parse(row["hlc"]))
    assert len(set(stamps)) == len(stamps)
    assert all(s.device_id == store.device_id for s in stamps)
    assert Stamp.parse(store.clock.tick()) > max(stamps)
    with store.engine.connect() as con:
        assert con.execute(select(func.count()).select_from(m.Change)).scalar_one() == 0
        assert con.execute(select(func.count()).select_from(m.History)).scalar_one() == 0


def test_ward_rows_are_valid_as_services_would_write_them(ward):
    store, _, _ = ward
    services = Services(store)
    for service in services.all():
        vocab_fields = service.vocab_fields
        for row in _rows(store, service.table_model):
            service.create_schema.model_validate(row)
            for name, kind in vocab_fields.items():
                if row[name] is not None:
                    assert services.vocab.has(kind, row[name]), (service.kind, name, row[name])
    # dates and times are stored in the very text format the services write
    made = Services(store).meetings.create({
        "organization_id": _rows(store, m.Organization)[0]["id"], "title": "形式の確認",
        "starts_at": "2026-04-10 19:00", "ends_at": "2026-04-10 21:00"})
    with store.engine.connect() as con:
        formats = {re.sub(r"\d", "9", v) for (v,) in con.exec_driver_sql("SELECT starts_at FROM meeting")}
        assert len(formats) == 1
        formats = {re.sub(r"\d", "9", v) for (v,) in con.exec_driver_sql(
            "SELECT raised_on FROM issue UNION SELECT due_on FROM action_item WHERE due_on IS NOT NULL")}
        assert formats == {"9999-99-99"}
    Services(store).meetings.delete(made.id)


def _bulk_and_rebuilt_documents(store) -> tuple[set, set]:
    """The search documents of ``store``, and those a rebuild from its rows makes (rolled back)."""

    def docs(con):
        return set(con.execute(text("SELECT kind, ref_id, org_id, title, body, grams FROM search_doc")).all())

    with store.engine.connect() as con:
        bulk = docs(con)
    with store.engine.connect() as con:
        tx = con.begin()
        search_index.rebuild(con)
        rebuilt = docs(con)
        tx.rollback()
    return bulk, rebuilt


def test_ward_search_documents_are_those_the_services_would_build(ward):
    store, _, triggers = ward
    bulk, rebuilt = _bulk_and_rebuilt_documents(store)
    assert bulk == rebuilt
    with store.engine.connect() as con:
        assert con.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                   "ORDER BY name").all() == triggers
        for fts in ("fts_tri", "fts_uni"):
            con.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")


def test_ward_search_and_edits_work_on_bulk_rows(ward):
    store, _, _ = ward
    services = Services(store)
    with store.engine.connect() as con:
        assert search.search(con, "防災")
        assert search.search(con, "防災訓練")
    issue = services.issues.list(ListQuery(limit=1))[0]
    changed = services.issues.update(issue.id, {"title": "碑文谷公園の噴水の修理"})
    assert changed.rev == 2
    with store.engine.connect() as con:
        assert [h.ref_id for h in search.search(con, "噴水", kinds=("issue",))] == [issue.id]
    services.undo()
    assert services.issues.get(issue.id).title == issue.title
    assert check_store(store) == []


def test_ward_content_depends_only_on_the_seed(tmp_path):
    def content(path):
        store = Store.open(path, create=True)
        try:
            load_demo(store, "ward", scale=WARD_SCALE)
            volatile = m.SYNC_FIELDS - {"id", "rev", "base_rev", "deleted"}
            return {t.__tablename__: sorted(tuple(sorted((k, str(v)) for k, v in r.items() if k not in volatile))
                                            for r in _rows(store, t)) for t in m.USER_TABLES}
        finally:
            store.close()

    assert content(tmp_path / "a.sqlite3") == content(tmp_path / "b.sqlite3")


@pytest.mark.parametrize("query", ["防災", "区", "防災訓練", "目黒 清掃", "ﾎﾞﾗﾝﾃｨｱ"])
def test_ward_search_pages_are_the_newest_matches_in_order(ward, query):
    store, _, _ = ward
    table, expr = search.fts_query(query)
    with store.engine.connect() as con:
        every = con.exec_driver_sql(
            f"SELECT d.rowid, d.kind, d.ref_id FROM {table} f JOIN search_doc d ON d.rowid = f.rowid "
            f"WHERE {table} MATCH ?", (expr,)).all()
        newest = [(kind, ref) for _rowid, kind, ref in sorted(every, reverse=True)]
        assert len(newest) > 10
        page = [(h.kind, h.ref_id) for h in search.search(con, query, limit=10)]
        assert page == newest[:10]
        second = [(h.kind, h.ref_id) for h in search.search(con, query, limit=10, offset=10)]
        assert second == newest[10:20]
        notes = [h.ref_id for h in search.search(con, query, kinds=("note",), limit=5)]
        assert notes == [ref for kind, ref in newest if kind == "note"][:5]


def test_ward_search_reads_the_page_without_sorting_every_match(ward):
    store, _, _ = ward
    with store.engine.connect() as con:
        driver = con.connection.driver_connection
        statements: list[str] = []
        driver.set_trace_callback(statements.append)
        try:
            search.search(con, "防災訓練")
            search.search(con, "防災", kinds=("issue", "note"))
        finally:
            driver.set_trace_callback(None)
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert len(selects) == 2
        for sql in selects:
            plan = " ".join(row[3] for row in driver.execute("EXPLAIN QUERY PLAN " + sql))
            assert "TEMP B-TREE" not in plan, plan


def test_search_sees_what_the_callers_transaction_wrote(small):
    store, _ = small
    with store.engine.connect() as con:
        tx = con.begin()
        row = {"id": "00000000-0000-4000-8000-000000000001", "organization_id": None, "title": "蛍の観察会",
               "description": "", "place": "", "ward_answer": "", "deleted": False}
        search_index.index_rows(con, "issue", [row])
        assert [h.ref_id for h in search.search(con, "蛍")] == [row["id"]]
        tx.rollback()
        assert search.search(con, "蛍") == []


def test_a_tiny_ward_load_writes_the_search_documents_edits_would_on_either_store(store):
    load_demo(store, "ward", scale=0.001)
    bulk, rebuilt = _bulk_and_rebuilt_documents(store)
    assert bulk == rebuilt and len(bulk) > 22
    with store.engine.connect() as con:
        assert search.search(con, "防災")
