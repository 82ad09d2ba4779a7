"""The ward desk's aggregates: each equals a plain count over the rows (random stores), a heat-map
cell opens onto exactly the issues it counts, the inbox and the answers that came in."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from meguro_jukyo.core import models as m
from meguro_jukyo.core import summary
from meguro_jukyo.core.japanese import nendo, nendo_range
from meguro_jukyo.core.reference import council_id
from meguro_jukyo.core.services import ListQuery, Services
from meguro_jukyo.core.services.stats import AGE_BOUNDS, Cell

TODAY = dt.date(2026, 12, 3)
JUKYO = ("komaba", "higashiyama", "yakumo")
CATEGORIES = ("disaster", "crime", "traffic", "other")
STATUSES = ("raised", "requested", "in_progress", "resolved", "withdrawn")
VIEWPOINTS = ("1-1-1", "2-1-1", "3-3-2")
ACTION_STATUSES = ("todo", "doing", "done", "cancelled")
NS = uuid.UUID("6a3c0f9e-1b2d-4c5e-8f70-9a1b2c3d4e5f")

issue_rows = st.lists(st.fixed_dictionaries({
    "org": st.sampled_from([*JUKYO, "assoc", "nowhere", "missing"]),
    "category": st.sampled_from(CATEGORIES),
    "status": st.sampled_from(STATUSES),
    "raised_on": st.dates(dt.date(2023, 1, 1), TODAY),
    "is_request": st.booleans(),
    "answered": st.booleans(),
    "deleted": st.integers(0, 5).map(lambda n: n == 0),
    "links": st.lists(st.tuples(st.sampled_from(VIEWPOINTS), st.booleans()), max_size=3),
}), max_size=30)
action_rows = st.lists(st.fixed_dictionaries({
    "org": st.sampled_from([*JUKYO, "assoc"]),
    "status": st.sampled_from(ACTION_STATUSES),
    "due_on": st.none() | st.dates(dt.date(2026, 6, 1), dt.date(2027, 3, 1)),
    "deleted": st.integers(0, 5).map(lambda n: n == 0),
}), max_size=12)
queries = st.fixed_dictionaries({
    "nendo": st.none() | st.sampled_from([2023, 2025, 2026]),
    "district_code": st.none() | st.sampled_from(["north", "west", "central"]),
    "jukyo_code": st.none() | st.sampled_from(JUKYO),
    "organization": st.none() | st.sampled_from(JUKYO),
    "category": st.none() | st.sampled_from(CATEGORIES),
    "status": st.none() | st.sampled_from(STATUSES),
})


def _org_ids(con) -> dict[str, dict]:
    """The stores' organizations the test uses: three councils, an association in 駒場, one
    with no 住区, and an id nothing is stored under."""
    o = m.Organization.__table__
    out = {j: dict(con.execute(select(o).where(o.c.id == council_id(j))).mappings().one()) for j in JUKYO}
    out["assoc"] = {"id": str(uuid.uuid5(NS, "assoc")), "jukyo_code": "komaba",
                    "district_code": out["komaba"]["district_code"], "name": "駒場町会"}
    out["nowhere"] = {"id": str(uuid.uuid5(NS, "nowhere")), "jukyo_code": None, "district_code": None,
                      "name": "どこでもない会"}
    out["missing"] = {"id": str(uuid.uuid5(NS, "missing")), "jukyo_code": None, "district_code": None, "name": ""}
    return out


def _fill(store, issues: list[dict], actions: list[dict]) -> tuple[list[dict], list[dict], list[dict], dict]:
    """Replace the store's issues, links and action items by these rows (written as sync would
    write them, straight into the tables); returns the rows as stored and the organizations."""
    i, link, a, o = (m.Issue.__table__, m.PolicyLink.__table__, m.ActionItem.__table__,
                     m.Organization.__table__)
    with store.engine.begin() as con:
        for table in (link, a, i):
            con.execute(delete(table))
        orgs = _org_ids(con)
        con.execute(delete(o).where(o.c.id.in_([orgs["assoc"]["id"], orgs["nowhere"]["id"]])))
        for key in ("assoc", "nowhere"):
            con.execute(o.insert().values(id=orgs[key]["id"], kind="association", name=orgs[key]["name"],
                                          yomi="", jukyo_code=orgs[key]["jukyo_code"],
                                          district_code=orgs[key]["district_code"]))
        stored_issues, stored_links, stored_actions = [], [], []
        for n, r in enumerate(issues):
            row = {"id": f"i{n:03}", "organization_id": orgs[r["org"]]["id"], "title": f"課題{n}",
                   "category": r["category"], "status": r["status"], "raised_on": r["raised_on"],
                   "is_request": r["is_request"], "deleted": r["deleted"],
                   "ward_answer": "回答します" if r["answered"] else "",
                   "answered_on": r["raised_on"] if r["answered"] else None}
            stored_issues.append(row)
            for k, (vp, dead) in enumerate(r["links"]):
                # two live links to one 視点 can arrive from two devices: the issue counts once
                stored_links.append({"id": f"l{n:03}-{k}", "issue_id": row["id"], "viewpoint_id": vp,
                                     "deleted": dead})
        for n, r in enumerate(actions):
            stored_actions.append({"id": f"a{n:03}", "title": f"作業{n}", "organization_id": orgs[r["org"]]["id"],
                                   "status": r["status"], "due_on": r["due_on"], "deleted": r["deleted"]})
        for table, rows in ((i, stored_issues), (link, stored_links), (a, stored_actions)):
            if rows:
                con.execute(table.insert(), rows)
        summary.rebuild(con)  # rows written past the services: the counts made again, as a bulk load does
    return stored_issues, stored_links, stored_actions, orgs


def _query(d: dict, orgs: dict) -> ListQuery:
    q = ListQuery()
    if d["nendo"]:
        q.date_from, q.date_to = nendo_range(d["nendo"])
    q.district_code, q.jukyo_code = d["district_code"], d["jukyo_code"]
    if d["organization"]:
        q.organization_id = orgs[d["organization"]]["id"]
    q.equals = {k: d[k] for k in ("category", "status") if d[k]}
    return q


def _plain_filter(rows: list[dict], by_id: dict, d: dict, orgs: dict) -> list[dict]:
    """The issue filter written out row by row, independently of the SQL."""
    out = []
    for r in rows:
        org = by_id.get(r["organization_id"], {})
        if r["deleted"]:
            continue
        if d["nendo"] and nendo(r["raised_on"]) != d["nendo"]:
            continue
        if d["district_code"] and org.get("district_code") != d["district_code"]:
            continue
        if d["jukyo_code"] and org.get("jukyo_code") != d["jukyo_code"]:
            continue
        if d["organization"] and r["organization_id"] != orgs[d["organization"]]["id"]:
            continue
        if any(d[k] and r[k] != d[k] for k in ("category", "status")):
            continue
        out.append(r)
    return out


def test_every_aggregate_equals_a_plain_count_over_the_rows(store):
    services = Services(store)

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(issue_rows, action_rows, queries)
    def check(issues, actions, d):
        rows, links, acts, orgs = _fill(store, issues, actions)
        by_id = {o["id"]: o for key, o in orgs.items() if key != "missing"}
        q = _query(d, orgs)
        got = services.stats.dashboard(q, today=TODAY)
        assert got == services.stats.dashboard(q, today=TODAY, plain=True)  # maintained counts = the rows'
        shown = _plain_filter(rows, by_id, d, orgs)
        assert got.total == len(shown) == services.issues.count(q)
        assert {(c.key, c.count) for c in got.by_category} == set(Counter(r["category"] for r in shown).items())
        assert {(c.key, c.count) for c in got.by_status} == set(Counter(r["status"] for r in shown).items())
        assert {(c.nendo, c.status, c.count) for c in got.by_nendo} == {
            (y, s, n) for (y, s), n in Counter((nendo(r["raised_on"]), r["status"]) for r in shown).items()}
        live = {}
        for link in links:
            if not link["deleted"]:
                live.setdefault(link["issue_id"], set()).add(link["viewpoint_id"])
        for by, cells in (("district", got.by_district), ("jukyo", got.by_jukyo)):
            expected = Counter((vp, by_id.get(r["organization_id"], {}).get(f"{by}_code"))
                               for r in shown for vp in live.get(r["id"], ()))
            assert {(c.viewpoint_id, c.area): c.count for c in cells} == dict(expected)
            for c in cells:
                if c.area is not None:  # the list opens onto exactly the issues counted
                    assert services.issues.count(services.stats.cell_query(q, c.viewpoint_id, by, c.area)) == c.count
        requests = [r for r in shown if r["is_request"]]
        waiting = [r for r in requests if not r["ward_answer"] and r["status"] != "withdrawn"]
        assert got.requests.answered == sum(1 for r in requests if r["ward_answer"])
        assert got.requests.open == len(waiting) == services.stats.waiting_count(q)
        ages = Counter(next((n for n, days in enumerate(AGE_BOUNDS) if (TODAY - r["raised_on"]).days < days),
                            len(AGE_BOUNDS)) for r in waiting)
        assert got.requests.ages == tuple(ages.get(n, 0) for n in range(len(AGE_BOUNDS) + 1))
        assert [r.id for r in got.slowest] == [r["id"] for r in sorted(waiting, key=lambda r: (r["raised_on"], r["id"]))]
        assert all(r.days_open == (TODAY - r.raised_on).days for r in got.slowest)
        assert all(r.viewpoints == tuple(sorted(live.get(r.id, ()))) for r in got.slowest)
        overdue = Counter(a["organization_id"] for a in acts
                          if not a["deleted"] and a["status"] in ("todo", "doing") and a["due_on"]
                          and a["due_on"] < TODAY
                          and (not d["organization"] or a["organization_id"] == orgs[d["organization"]]["id"])
                          and all(not d[f"{k}_code"] or by_id[a["organization_id"]][f"{k}_code"] == d[f"{k}_code"]
                                  for k in ("district", "jukyo")))
        assert {(o.organization_id, o.count) for o in got.overdue} == set(overdue.items())
        assert [o.count for o in got.overdue] == sorted((o.count for o in got.overdue), reverse=True)

    check()


def test_a_request_leaves_the_inbox_when_answered_and_the_laptop_sees_the_answer_as_new(tmp_path):
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.sync import identity, importer, package

    laptop = Store.open(tmp_path / "laptop.sqlite3", create=True, device_name="駒場PC")
    ward = Store.open(tmp_path / "ward.sqlite3", create=True, device_name="地域振興課")
    try:
        identity.trust_card(ward, identity.device_card(laptop))
        identity.trust_card(laptop, identity.device_card(ward))
        mine = Services(laptop)
        old = mine.issues.create({"organization_id": council_id("komaba"), "title": "ベンチを増やして",
                                  "is_request": True, "status": "requested", "raised_on": dt.date(2026, 5, 1)})
        new = mine.issues.create({"organization_id": council_id("komaba"), "title": "街灯を明るく",
                                  "is_request": True, "raised_on": dt.date(2026, 9, 1)})
        mine.issues.create({"organization_id": council_id("komaba"), "title": "要望ではない", "raised_on": dt.date(2026, 4, 1)})
        package.export_package(laptop, tmp_path / "laptop.mjsync")
        assert importer.import_package(ward, tmp_path / "laptop.mjsync").status == importer.IMPORTED
        desk = Services(ward)
        inbox = desk.stats.open_requests(today=TODAY)
        assert [r.id for r in inbox] == [old.id, new.id]  # oldest first
        assert inbox[0].organization == "駒場住区住民会議" and inbox[0].days_open == (TODAY - dt.date(2026, 5, 1)).days
        assert inbox[0].requested_on is not None  # when it reached the ward
        desk.issues.update(old.id, {"ward_answer": "来年度に2基設置します。", "answered_on": dt.date(2026, 11, 30)})
        assert [r.id for r in desk.stats.open_requests(today=TODAY)] == [new.id]
        assert desk.stats.new_answers() == []  # written here: not news to the ward
        assert mine.stats.new_answers() == []
        identity.set_ward_office(ward, True)  # only the ward office's store writes the bundle
        package.export_package(ward, tmp_path / "bundle.mjsync", scope="bundle")
        assert importer.import_package(laptop, tmp_path / "bundle.mjsync").status == importer.IMPORTED
        news = mine.stats.new_answers()
        assert [(a.id, a.ward_answer, a.answered_on) for a in news] == [
            (old.id, "来年度に2基設置します。", dt.date(2026, 11, 30))]
        assert [r.id for r in mine.stats.open_requests(today=TODAY)] == [new.id]
        mine.stats.mark_answers_seen()
        assert mine.stats.new_answers() == []
        # re-importing the same bundle brings nothing new
        importer.import_package(laptop, tmp_path / "bundle.mjsync")
        assert mine.stats.new_answers() == []
    finally:
        laptop.close()
        ward.close()


def test_a_cell_of_the_heat_map_opens_onto_the_issues_it_counts(services):
    org = council_id("komaba")
    a = services.issues.create({"organization_id": org, "title": "防災倉庫", "raised_on": dt.date(2026, 5, 1)})
    b = services.issues.create({"organization_id": org, "title": "避難所", "raised_on": dt.date(2026, 6, 1)})
    services.issues.create({"organization_id": org, "title": "古い", "raised_on": dt.date(2024, 6, 1)})
    for issue in (a, b):
        services.links.create({"issue_id": issue.id, "viewpoint_id": "1-1-1"})
    q = ListQuery()
    q.date_from, q.date_to = nendo_range(2026)
    cells = services.stats.matrix(q, "jukyo")
    assert [(c.viewpoint_id, c.area, c.count) for c in cells] == [("1-1-1", "komaba", 2)]
    listed = services.issues.list(services.stats.cell_query(q, "1-1-1", "jukyo", "komaba"))
    assert {r.id for r in listed} == {a.id, b.id}
    with pytest.raises(ValueError):
        services.stats.matrix(q, "town")


def test_a_store_written_by_schema_5_gets_the_desk_indexes_counts_and_the_same_figures(tmp_path):
    from alembic import command
    from sqlalchemy import inspect

    from meguro_jukyo.core.db import Store, _alembic_config

    def indexes(store) -> set[str]:
        with store.engine.connect() as con:
            found = inspect(con)
            return {ix["name"] for table in ("issue", "policy_link") for ix in found.get_indexes(table)}

    path = tmp_path / "old.sqlite3"
    with Store.open(path, create=True) as store:
        services = Services(store)
        issue = services.issues.create({"organization_id": council_id("komaba"), "title": "防災倉庫",
                                        "raised_on": dt.date(2026, 5, 1)})
        services.links.create({"issue_id": issue.id, "viewpoint_id": "1-1-1"})
        before = services.stats.dashboard(today=TODAY)
        with store.engine.begin() as con:
            command.downgrade(_alembic_config(con), "0005")
            con.exec_driver_sql("PRAGMA user_version=5")
        assert not {"ix_issue_desk", "ix_issue_desk_dates", "ix_policy_link_issue"} & indexes(store)
    with Store.open(path) as store:
        assert {"ix_issue_desk", "ix_issue_desk_dates", "ix_policy_link_issue"} <= indexes(store)
        after = Services(store).stats.dashboard(today=TODAY)
        with store.engine.connect() as con:  # migration 0011 counted the issues already there
            assert summary.check(con) == []
            assert con.execute(select(m.DeskViewpointCount.n)).scalars().all() == [1]
    assert after == before and after.by_district == [Cell("1-1-1", "north", 1)]


def _agrees(services, store) -> None:
    """The maintained counts equal counts over the rows, and the page reads the same either way."""
    with store.engine.connect() as con:
        assert summary.check(con) == []
    year = ListQuery()
    year.date_from, year.date_to = nendo_range(2026)
    for q in (ListQuery(), year, ListQuery(district_code="north"), ListQuery(equals={"status": ["requested", "raised"]})):
        got = services.stats.dashboard(q, today=TODAY)
        assert got == services.stats.dashboard(q, today=TODAY, plain=True)


def test_the_counts_stay_current_through_edits_deletes_undo_and_a_sync_import(store, tmp_path):
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.services import history
    from meguro_jukyo.core.sync import identity, importer, package

    services = Services(store)
    komaba, yakumo = council_id("komaba"), council_id("yakumo")
    a = services.issues.create({"organization_id": komaba, "title": "防災倉庫", "raised_on": dt.date(2026, 5, 1),
                                "is_request": True, "status": "requested"})
    b = services.issues.create({"organization_id": komaba, "title": "街灯", "raised_on": dt.date(2025, 5, 1)})
    link = services.links.create({"issue_id": a.id, "viewpoint_id": "1-1-1"})
    services.links.create({"issue_id": b.id, "viewpoint_id": "1-1-1"})
    services.links.create({"issue_id": b.id, "viewpoint_id": "2-1-1"})
    _agrees(services, store)
    assert services.stats.dashboard(today=TODAY).requests.open == 1
    services.issues.update(a.id, {"organization_id": yakumo, "category": "disaster", "raised_on": dt.date(2025, 4, 1)})
    services.issues.update(a.id, {"ward_answer": "設置します。", "answered_on": dt.date(2026, 11, 1)})
    _agrees(services, store)
    assert services.stats.dashboard(today=TODAY).requests.answered == 1
    services.links.delete(link.id)
    services.issues.delete(b.id)
    _agrees(services, store)
    assert services.stats.dashboard(today=TODAY).by_district == []
    while history.undo(store) is not None:  # every step taken back, one by one
        _agrees(services, store)
    assert services.stats.dashboard(today=TODAY).total == 0
    while history.redo(store) is not None:
        _agrees(services, store)
    assert services.stats.dashboard(today=TODAY).total == 1

    # a laptop's package taken in: the counts of the store it arrives in include its issues
    laptop = Store.open(tmp_path / "laptop.sqlite3", create=True, device_name="駒場PC")
    try:
        identity.trust_card(store, identity.device_card(laptop))
        mine = Services(laptop)
        sent = mine.issues.create({"organization_id": komaba, "title": "ベンチ", "raised_on": dt.date(2026, 6, 1),
                                   "is_request": True})
        mine.links.create({"issue_id": sent.id, "viewpoint_id": "3-3-2"})
        package.export_package(laptop, tmp_path / "laptop.mjsync")
    finally:
        laptop.close()
    assert importer.import_package(store, tmp_path / "laptop.mjsync").status == importer.IMPORTED
    _agrees(services, store)
    got = services.stats.dashboard(today=TODAY)
    assert got.total == 2 and got.requests.open == 1
    assert Cell("3-3-2", "north", 1) in got.by_district


def test_a_large_change_rebuilds_the_counts_whole(services, store, monkeypatch):
    monkeypatch.setattr(summary, "REBUILD_OVER", 0)  # every change is "large": rebuilt whole
    first = services.issues.create({"organization_id": council_id("komaba"), "title": "一", "raised_on": dt.date(2026, 5, 1)})
    services.links.create({"issue_id": first.id, "viewpoint_id": "1-1-1"})
    services.issues.create({"organization_id": council_id("yakumo"), "title": "二", "raised_on": dt.date(2024, 5, 1),
                            "is_request": True})
    _agrees(services, store)
    services.issues.delete(first.id)
    _agrees(services, store)
    assert services.stats.dashboard(today=TODAY).total == 1
