"""Services: validation, references, sync metadata, history, undo/redo, listing in SQL."""

import datetime as dt
import json

import pytest
from sqlalchemy import func, select, text

from meguro_jukyo.core import models as m
from meguro_jukyo.core.errors import NotFound, UserError, ValidationError
from meguro_jukyo.core.services import ListQuery, quorum
from meguro_jukyo.core.services.history import entity_history
from meguro_jukyo.core.sync.clock import Stamp


@pytest.fixture
def org(services):
    return services.organizations.create(
        {"kind": "association", "name": "駒場町会", "yomi": "コマバチョウカイ", "jukyo_code": "komaba"}
    )


@pytest.fixture
def meeting(services, org):
    return services.meetings.create({
        "organization_id": org.id, "meeting_type": "general_regular", "title": "令和7年度 定期総会",
        "starts_at": dt.datetime(2025, 5, 18, 10, 0), "members_total": 120, "present": 48, "proxies": 20,
    })


def test_create_fills_sync_metadata_and_derived_fields(services, store, org):
    assert org.district_code == "north"  # from the 住区
    assert org.yomi == "こまばちょうかい"  # よみ folded for sorting
    assert org.rev == 1 and org.device_id == store.device_id and not org.deleted
    Stamp.parse(org.hlc)


def test_update_bumps_revision_and_records_each_field(services, store, org):
    updated = services.organizations.update(org.id, {"name": "駒場一丁目町会"})
    assert (updated.rev, updated.name) == (2, "駒場一丁目町会")
    assert updated.hlc > org.hlc
    with store.engine.connect() as con:
        base_rev = con.execute(select(m.Organization.base_rev).where(m.Organization.id == org.id)).scalar()
    assert base_rev == 1
    rows = [(h.field, h.old, h.new) for h in entity_history(store, "organization", org.id)]
    assert ("name", '"駒場町会"', '"駒場一丁目町会"') in rows


def test_an_issues_history_holds_its_links_to_viewpoints_in_order(services, store, org):
    issue = services.issues.create({"organization_id": org.id, "title": "街灯"})
    other = services.issues.create({"organization_id": org.id, "title": "公園"})
    link = services.links.create({"issue_id": issue.id, "viewpoint_id": "2-1-1", "reason": "安全"})
    services.links.create({"issue_id": other.id, "viewpoint_id": "1-1-1"})
    services.issues.update(issue.id, {"title": "駅前の街灯"})
    services.links.delete(link.id)
    got = [(e.entity, e.field, e.old, e.new, e.viewpoint_id) for e in entity_history(store, "issue", issue.id)]
    links = [g for g in got if g[0] == "policy_link"]
    assert links == [("policy_link", "viewpoint_id", None, '"2-1-1"', "2-1-1"),
                     ("policy_link", "reason", None, '"安全"', "2-1-1"),
                     ("policy_link", "deleted", "true", "false", "2-1-1"),
                     ("policy_link", "deleted", "false", "true", "2-1-1")]  # not the other issue's link
    assert got.index(("issue", "title", '"街灯"', '"駅前の街灯"', None)) == len(got) - 2  # in the order made
    assert all(e.entity == "organization" for e in entity_history(store, "organization", org.id))


def test_update_with_nothing_changed_writes_nothing(services, org):
    assert services.organizations.update(org.id, {"name": "駒場町会"}).rev == 1


def test_validation_errors_name_the_field_in_japanese(services, org):
    with pytest.raises(ValidationError) as exc:
        services.issues.create({"organization_id": org.id, "title": "   "})
    assert exc.value.field == "title" and "入力してください" in exc.value.ja
    with pytest.raises(ValidationError) as exc:
        services.issues.create({"organization_id": org.id, "title": "街灯", "category": "宇宙"})
    assert exc.value.field == "category"
    with pytest.raises(ValidationError) as exc:
        services.issues.create({"organization_id": "no-such-org", "title": "街灯"})
    assert exc.value.field == "organization_id"
    with pytest.raises(ValidationError) as exc:
        services.issues.create({"organization_id": org.id, "title": "街灯", "priority": 9})
    assert exc.value.field == "priority"
    assert services.issues.count() == 0  # nothing half-written


def test_a_deleted_record_cannot_be_referred_to(services, org, meeting):
    services.meetings.delete(meeting.id)
    with pytest.raises(ValidationError):
        services.notes.create({"meeting_id": meeting.id, "body": "意見"})
    with pytest.raises(NotFound):
        services.meetings.get(meeting.id)


def test_decisions_votes_and_minority_opinions(services, meeting):
    with pytest.raises(ValidationError, match="決定の方法"):
        services.notes.create({"meeting_id": meeting.id, "kind": "decision", "body": "会費を据え置く"})
    with pytest.raises(ValidationError, match="賛成が反対より多い"):
        services.notes.create({"meeting_id": meeting.id, "kind": "decision", "body": "会費を据え置く",
                               "decision_method": "majority", "votes_for": 10, "votes_against": 30})
    decision = services.notes.create({
        "meeting_id": meeting.id, "kind": "decision", "body": "会費を据え置く",
        "decision_method": "majority", "votes_for": 50, "votes_against": 10, "votes_abstain": 8})
    minority = services.notes.create({"meeting_id": meeting.id, "kind": "minority",
                                      "body": "値上げして防災備蓄を増やすべき", "decision_id": decision.id})
    assert minority.decision_id == decision.id
    with pytest.raises(ValidationError, match="少数意見"):
        services.notes.create({"meeting_id": meeting.id, "kind": "minority", "body": "x",
                               "decision_id": minority.id})
    with pytest.raises(ValidationError, match="決定"):
        services.notes.create({"meeting_id": meeting.id, "kind": "opinion", "body": "x", "votes_for": 3})


def test_quorum_rules():
    general = {"num": 1, "den": 2, "strict": True, "proxies": True}
    assert quorum(general, 120, 48, 20).reached  # 68 > 60
    assert not quorum(general, 120, 40, 20).reached  # 60 is not more than half
    assert quorum(general, 120, 40, 20).required == 61
    board = {"num": 1, "den": 2, "strict": True, "proxies": False}
    assert not quorum(board, 10, 5, 3).reached
    section = {"num": 1, "den": 3, "strict": False, "proxies": False}
    assert quorum(section, 9, 3, 0).reached and not quorum(section, 9, 2, 0).reached
    assert quorum({"num": 0, "den": 1}, 0, 0, 0).reached


def test_meeting_quorum_uses_its_type(services, meeting):
    q = services.meetings.quorum(meeting)
    assert (q.attending, q.required, q.reached) == (68, 61, True)


def test_policy_links_validate_against_the_framework(services, org):
    issue = services.issues.create({"organization_id": org.id, "title": "町会加入者の減少"})
    link = services.links.create({"issue_id": issue.id, "viewpoint_id": "2-1-1", "item_id": "2-1-1.1",
                                  "reason": "町会の活性化"})
    assert link.plan_id == "meguro-basic-plan-2022"
    with pytest.raises(ValidationError, match="すでに"):
        services.links.create({"issue_id": issue.id, "viewpoint_id": "2-1-1"})
    with pytest.raises(ValidationError, match="視点が見つかりません"):
        services.links.create({"issue_id": issue.id, "viewpoint_id": "2-1"})
    with pytest.raises(ValidationError, match="その視点のもの"):
        services.links.create({"issue_id": issue.id, "viewpoint_id": "3-3-1", "item_id": "2-1-1.1"})
    assert [i.id for i in services.issues.list(ListQuery(viewpoint_id="2-1-1"))] == [issue.id]
    assert services.issues.list(ListQuery(viewpoint_id="3-3-1")) == []


def test_updating_many_rows_at_once_writes_what_updating_them_one_by_one_writes(tmp_path):
    """update_many_in (an edited workbook's batch) against update_in: the same rows, sync
    metadata, history, search documents and undo, and the same errors for bad changes."""
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.reference import council_id
    from meguro_jukyo.core.search import search
    from meguro_jukyo.core.search_index import BULK_ROWS
    from meguro_jukyo.core.services import Services
    from meguro_jukyo.core.services.unit_of_work import transaction

    org = council_id("komaba")
    n = BULK_ROWS + 5
    ids = [m.new_id() for _ in range(n)]
    edits = [{"title": f"公園の街灯が暗い {i}", "status": "discussing"} if i % 3 else {"place": "駅前広場"}
             for i in range(n)]
    bad = {"status": "宇宙"}
    results = []
    for way in ("one by one", "at once"):
        store = Store.open(tmp_path / f"{way}.sqlite3", create=True, device_name="テスト端末")
        services = Services(store)
        with transaction(store, "追加") as tx:
            services.issues.create_many_in(tx, services.issues.check_many_new_in(
                tx, [{"id": id_, "organization_id": org, "title": f"街灯が暗い {i}"} for i, id_ in enumerate(ids)]))
        with transaction(store, "取り込み") as tx:
            if way == "one by one":
                for id_, edit in zip(ids, edits):
                    services.issues.update_in(tx, id_, edit)
                with pytest.raises(ValidationError) as exc:
                    services.issues.update_in(tx, ids[0], bad)
                error = exc.value
            else:
                current = services.issues.fetch_many_in(tx, ids)
                checked = services.issues.check_updates_in(tx, [(current[i], e) for i, e in zip(ids, edits)]
                                                           + [(current[ids[0]], bad)])
                error = checked.pop()
                services.issues.update_many_in(tx, [(current[i], c) for i, c in zip(ids, checked)])
        t = m.Issue.__table__
        with store.engine.connect() as con:
            stored = [dict(r) for r in con.execute(select(t).order_by(t.c.id)).mappings()]
            hits = {h.ref_id for h in search(con, "公園の", limit=1000)}
            for fts in ("fts_tri", "fts_uni"):  # raises if an index disagrees with search_doc
                con.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
        history = sorted(((id_, e.field, e.old, e.new, e.label) for id_ in ids
                          for e in entity_history(store, "issue", id_)), key=repr)
        for r in stored:
            assert r.pop("hlc") and r.pop("device_id") == store.device_id
            state = json.loads(r.pop("sync_state"))  # clock stamps differ: which fields were stamped
            r["stamped"] = sorted(state["fields"])
        results.append((stored, hits, history, (error.field, error.ja)))
        assert services.undo().label == "取り込み"  # one change, one undo
        assert {i.title for i in services.issues.list()} == {f"街灯が暗い {i}" for i in range(n)}
        store.close()
    assert results[0] == results[1]
    assert results[0][1] == {id_ for i, id_ in enumerate(ids) if i % 3}
    assert all(r["rev"] == 2 and r["stamped"] for r in results[1][0])
    assert results[0][3][0] == "status"


def test_checking_many_new_rows_gives_each_row_what_checking_it_alone_gives(services, store, org):
    """check_many_new_in (an import's batch) against check_new_in row by row: the same values
    for good rows and the same error for bad ones; rows of one batch may not share an id."""
    from meguro_jukyo.core.services.unit_of_work import transaction

    gone = services.organizations.create({"kind": "association", "name": "解散した会", "jukyo_code": "komaba"})
    services.organizations.delete(gone.id)
    taken = services.issues.create({"organization_id": org.id, "title": "既にある課題"})
    twin = m.new_id()
    rows = [
        {"organization_id": org.id, "title": "街灯が暗い", "category": "crime"},
        {"organization_id": org.id, "title": "   "},
        {"organization_id": org.id, "title": "宇宙の課題", "category": "宇宙"},
        {"organization_id": gone.id, "title": "解散した会の課題"},
        {"organization_id": "no-such-org", "title": "どこの課題"},
        {"id": taken.id, "organization_id": org.id, "title": "同じ ID"},
        {"organization_id": org.id, "title": "回答日だけ", "answered_on": dt.date(2025, 5, 1)},
        {"id": twin, "organization_id": org.id, "title": "一つ目"},
        {"id": twin, "organization_id": org.id, "title": "二つ目"},
    ]
    with transaction(store, "確認") as tx:
        together = services.issues.check_many_new_in(tx, rows)
        alone = []
        for row in rows[:-1]:  # the last one alone would pass: its twin is not written
            try:
                alone.append(services.issues.check_new_in(tx, row))
            except ValidationError as exc:
                alone.append(exc)
    def shape(result):
        if isinstance(result, ValidationError):
            return ("error", result.field, result.ja)
        return ("ok", {k: v for k, v in result.items() if k != "id"})
    assert [shape(r) for r in together[:-1]] == [shape(r) for r in alone]
    assert [r[0] for r in map(shape, together)] == ["ok", "error", "error", "error", "error", "error", "error",
                                                    "ok", "error"]
    assert together[-1].field == "id" and "同じ ID" in together[-1].ja


def test_links_checked_together_find_duplicates_in_the_store_and_in_the_batch(services, store, org):
    from meguro_jukyo.core.services.unit_of_work import transaction

    issue = services.issues.create({"organization_id": org.id, "title": "町会加入者の減少"})
    other = services.issues.create({"organization_id": org.id, "title": "防犯灯"})
    services.links.create({"issue_id": issue.id, "viewpoint_id": "2-1-1"})
    rows = [{"issue_id": issue.id, "viewpoint_id": "2-1-1"},  # stored already
            {"issue_id": issue.id, "viewpoint_id": "2-1"},  # a 施策, not a 視点
            {"issue_id": issue.id, "viewpoint_id": "3-3-1", "item_id": "2-1-1.1"},  # another 視点's item
            {"issue_id": other.id, "viewpoint_id": "2-1-1", "item_id": "2-1-1.1"},
            {"issue_id": other.id, "viewpoint_id": "2-1-1"}]  # the row before joins the same pair
    with transaction(store, "確認") as tx:
        results = services.links.check_many_new_in(tx, rows)
    messages = [r.ja if isinstance(r, ValidationError) else None for r in results]
    assert ["すでに" in (messages[0] or ""), "視点が見つかりません" in (messages[1] or ""),
            "その視点のもの" in (messages[2] or ""), messages[3] is None, "すでに" in (messages[4] or "")] == [True] * 5


def test_undo_and_redo_walk_the_history(services, org):
    issue = services.issues.create({"organization_id": org.id, "title": "街灯が暗い"})
    services.issues.update(issue.id, {"status": "discussing"})
    services.issues.update(issue.id, {"title": "公園の街灯が暗い"})
    assert services.undo_label() == "地域課題を変更"

    assert services.undo().changed == {"issue": frozenset({issue.id})}
    assert services.issues.get(issue.id).title == "街灯が暗い"
    services.undo()
    assert services.issues.get(issue.id).status == "raised"
    services.undo()  # the creation
    assert services.issues.count() == 0
    services.redo()
    assert services.issues.get(issue.id).title == "街灯が暗い"
    services.redo()
    services.redo()
    after = services.issues.get(issue.id)
    assert (after.title, after.status) == ("公園の街灯が暗い", "discussing")
    assert services.redo() is None


def test_a_new_edit_ends_the_redo_stack(services, org):
    issue = services.issues.create({"organization_id": org.id, "title": "ごみ集積所"})
    services.issues.update(issue.id, {"status": "agreed"})
    services.undo()
    services.issues.update(issue.id, {"priority": 1})
    assert services.redo_label() is None
    assert services.redo() is None


def test_undo_of_delete_brings_the_record_back_in_search(services, org):
    issue = services.issues.create({"organization_id": org.id, "title": "自転車の放置"})
    services.issues.delete(issue.id)
    assert services.search("放置") == []
    services.undo()
    assert [h.ref_id for h in services.search("放置")] == [issue.id]


def test_undo_refuses_to_overwrite_a_later_change_made_elsewhere(services, store, org):
    issue = services.issues.create({"organization_id": org.id, "title": "夏祭りの準備"})
    services.issues.update(issue.id, {"status": "discussing"})
    with store.engine.begin() as con:  # a change that did not come through this device's edits
        con.execute(text("UPDATE issue SET status='agreed' WHERE id=:id"), {"id": issue.id})
    with pytest.raises(UserError, match="元に戻せません"):
        services.undo()
    assert services.issues.get(issue.id).status == "agreed"


def test_undo_survives_reopening_the_store(tmp_path):
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.services import Services

    path = tmp_path / "s.sqlite3"
    with Store.open(path, create=True) as store:
        s = Services(store)
        org = s.organizations.list()[0]
        s.issues.create({"organization_id": org.id, "title": "防犯カメラ"})
    with Store.open(path) as store:
        s = Services(store)
        assert s.undo_label() == "地域課題を追加"
        s.undo()
        assert s.issues.count() == 0


def test_clock_never_goes_backwards_across_restarts(tmp_path):
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.services import Services

    path = tmp_path / "s.sqlite3"
    with Store.open(path, create=True) as store:
        s = Services(store)
        org = s.organizations.list()[0]
        first = s.issues.create({"organization_id": org.id, "title": "一"})
    with Store.open(path) as store:
        store.clock._now_ms = lambda: 0  # the laptop's clock was set back to 1970
        s = Services(store)
        second = s.issues.create({"organization_id": org.id, "title": "二"})
    assert second.hlc > first.hlc


def test_lists_filter_and_sort_in_sql(services, org):
    other = services.organizations.list(ListQuery(equals={"jukyo_code": "jiyugaoka"}))[0]
    rows = [
        (org.id, "防災訓練の参加者が少ない", "disaster", dt.date(2024, 4, 1)),
        (org.id, "街灯の球切れ", "crime", dt.date(2025, 3, 31)),
        (other.id, "駅前の自転車放置", "traffic", dt.date(2025, 4, 1)),
    ]
    for oid, title, cat, day in rows:
        services.issues.create({"organization_id": oid, "title": title, "category": cat, "raised_on": day})
    titles = lambda q: [i.title for i in services.issues.list(q)]  # noqa: E731
    assert titles(ListQuery(district_code="west")) == ["駅前の自転車放置"]
    assert titles(ListQuery(date_from=dt.date(2024, 4, 1), date_to=dt.date(2025, 3, 31))) == [
        "街灯の球切れ", "防災訓練の参加者が少ない"]
    assert titles(ListQuery(equals={"category": ["crime", "traffic"]}, order_by=[("raised_on", False)])) == [
        "街灯の球切れ", "駅前の自転車放置"]
    assert titles(ListQuery(text="放置")) == ["駅前の自転車放置"]
    assert titles(ListQuery(text="ボウサイ")) == ["防災訓練の参加者が少ない"]  # by its reading (search_word)
    assert titles(ListQuery(text="ボウハン")) == []  # no word of these issues reads so
    assert titles(ListQuery(order_by=[("title", False)], limit=1, offset=1)) == ["防災訓練の参加者が少ない"]
    assert services.issues.count(ListQuery(district_code="north")) == 2
    with pytest.raises(ValidationError):
        services.issues.list(ListQuery(order_by=[("nonsense", False)]))


def test_lists_filter_by_organization_notes_through_their_meeting(services, org, meeting):
    other = services.organizations.list(ListQuery(equals={"jukyo_code": "jiyugaoka"}))[0]
    theirs = services.meetings.create({"organization_id": other.id, "meeting_type": "board", "title": "役員会",
                                       "starts_at": dt.datetime(2025, 6, 1, 19, 0)})
    for m_id, body in ((meeting.id, "ここの意見"), (theirs.id, "よその意見"), (theirs.id, "よその報告")):
        services.notes.create({"meeting_id": m_id, "kind": "opinion", "body": body})
    services.issues.create({"organization_id": other.id, "title": "よその課題"})
    bodies = lambda q: sorted(n.body for n in services.notes.list(q))  # noqa: E731
    assert bodies(ListQuery(organization_id=org.id)) == ["ここの意見"]
    assert bodies(ListQuery(organization_id=other.id)) == ["よその報告", "よその意見"]
    assert services.notes.count(ListQuery(organization_id=other.id, text="報告")) == 1
    assert [i.title for i in services.issues.list(ListQuery(organization_id=other.id))] == ["よその課題"]
    assert services.issues.count(ListQuery(organization_id=org.id)) == 0
    with pytest.raises(ValidationError):
        services.agenda.list(ListQuery(organization_id=org.id))


@pytest.mark.parametrize("few", [0, 10_000], ids=["walk", "lookup"])
def test_pages_and_counts_agree_with_text_and_viewpoint_filters(services, org, monkeypatch, few):
    """A page walks the order's index and checks the text / 視点 match on the way, or, when the
    text matches few rows, looks them up by id; either way it must list exactly the rows the
    count counts, in the same order as without that plan."""
    monkeypatch.setattr(type(services.issues), "FEW_MATCHES", few)
    issues = [services.issues.create({"organization_id": org.id, "title": f"防災の課題 {i:02d}" if i % 2 else f"公園 {i:02d}",
                                      "raised_on": dt.date(2024, 1, 1) + dt.timedelta(days=i)}) for i in range(12)]
    services.issues.delete(services.issues.create({"organization_id": org.id, "title": "防災の課題 消した"}).id)
    for issue in issues[::3]:
        services.links.create({"issue_id": issue.id, "viewpoint_id": "1-1-1", "reason": ""})
    for q in (ListQuery(text="防災"), ListQuery(viewpoint_id="1-1-1"), ListQuery(text="防災", viewpoint_id="1-1-1")):
        listed = services.issues.list(q)
        expected = sorted((i for i in issues if (not q.text or "防災" in i.title)
                           and (not q.viewpoint_id or i in issues[::3])), key=lambda i: i.raised_on, reverse=True)
        assert [i.id for i in listed] == [i.id for i in expected]
        assert services.issues.count(q) == len(expected)
        assert [i.id for i in services.issues.list(ListQuery(text=q.text, viewpoint_id=q.viewpoint_id, limit=2,
                                                             offset=1))] == [i.id for i in expected[1:3]]


def test_a_page_of_text_few_rows_match_looks_them_up_instead_of_walking_the_table(services, store, org):
    """SQLite: a word that few rows have is looked up by id (the primary key's index), not found
    by walking every row in date order (鍵 among the ward's 488,000 notes: 6 ms instead of
    150-400 ms); a word that many rows have keeps the walk. The count always looks up."""
    if store.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL plans from its own statistics")
    for i in range(6):
        services.issues.create({"organization_id": org.id, "title": f"公園の鍵 {i}" if i < 2 else f"公園 {i}"})

    def plan(stmt) -> str:
        compiled = stmt.compile(store.engine)
        with store.engine.connect() as con:
            rows = con.exec_driver_sql("EXPLAIN QUERY PLAN " + compiled.string,
                                       tuple(compiled.params[k] for k in compiled.positiontup or ()))
            return " / ".join(r[3] for r in rows)

    service = services.issues
    service.FEW_MATCHES = 3  # 鍵: 2 issues, 公園: 6
    few, many = ListQuery(text="鍵", limit=200), ListQuery(text="公園", limit=200)
    assert "sqlite_autoindex_issue_1 (id=?)" in plan(service._page(few))
    assert "sqlite_autoindex_issue_1 (id=?)" not in plan(service._page(many))
    count = select(func.count()).select_from(service.table).where(*service._where(many))
    assert "sqlite_autoindex_issue_1 (id=?)" in plan(count)
    assert sorted(i.title for i in service.list(few)) == ["公園の鍵 0", "公園の鍵 1"]
    assert service.count(many) == 6 and len(service.list(many)) == 6


def test_a_links_reason_can_be_changed_and_the_change_undone(services, store, org):
    issue = services.issues.create({"organization_id": org.id, "title": "防災倉庫"})
    link = services.links.create({"issue_id": issue.id, "viewpoint_id": "1-1-1", "reason": "備え"})
    services.links.update(link.id, {"reason": "地域の防災力"})
    assert services.links.get(link.id).reason == "地域の防災力"
    assert [(h.field, h.old, h.new) for h in entity_history(store, "policy_link", link.id)][-1] == (
        "reason", '"備え"', '"地域の防災力"')
    services.undo()
    assert services.links.get(link.id).reason == "備え"


def test_history_names_the_devices_it_knows(store):
    from meguro_jukyo.core.services.history import device_names

    assert device_names(store)[store.device_id] == store.device_name


def test_search_matches_width_and_kana_variants(services, org):
    services.issues.create({"organization_id": org.id, "title": "ゴミ出しルールの周知",
                            "description": "ＡＥＤの設置場所も掲示する"})
    services.issues.create({"organization_id": org.id, "title": "公園の清掃"})
    assert [h.title for h in services.search("ごみ")] == ["ゴミ出しルールの周知"]  # 2 chars, kana folded
    assert [h.title for h in services.search("ｺﾞﾐ出し")] == ["ゴミ出しルールの周知"]  # half-width katakana
    assert [h.title for h in services.search("aed")] == ["ゴミ出しルールの周知"]  # full-width, case
    assert [h.title for h in services.search("公")] == ["公園の清掃"]  # 1 char
    assert [h.title for h in services.search("公園 清掃")] == ["公園の清掃"]  # every term must match
    assert services.search("公園 ゴミ") == []
    assert services.search("   ") == []
    assert services.search('"') == []  # punctuation alone looks for nothing, and does not crash


def test_search_is_kept_current_on_update_and_delete(services, org):
    issue = services.issues.create({"organization_id": org.id, "title": "花壇の手入れ"})
    services.issues.update(issue.id, {"title": "植え込みの手入れ"})
    assert services.search("花壇") == []
    assert [h.ref_id for h in services.search("植え込み")] == [issue.id]
    services.issues.delete(issue.id)
    assert services.search("植え込み") == []


def test_personal_columns_are_marked():
    assert m.personal_columns(m.Attendee) == {"name", "yomi"}
    assert m.personal_columns(m.Issue) == frozenset()
    assert "speaker" in m.personal_columns(m.Note)
    assert "assignee" in m.personal_columns(m.ActionItem)


def test_a_failed_service_call_leaves_no_trace(services, store, org, monkeypatch):
    from meguro_jukyo.core.services import rows

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(rows, "index_rows", boom)
    with pytest.raises(RuntimeError):
        services.issues.create({"organization_id": org.id, "title": "途中で失敗"})
    with store.engine.connect() as con:
        assert con.execute(text("SELECT count(*) FROM issue")).scalar() == 0
        assert con.execute(text("SELECT count(*) FROM history WHERE entity='issue'")).scalar() == 0


def test_creating_many_rows_at_once_writes_what_creating_them_one_by_one_writes(tmp_path):
    """create_many_in (imports) against create_in: the same rows, history, search and undo.

    Enough rows that the search documents of the batch are written with the FTS5 triggers set
    aside (search_index.BULK_ROWS): both FTS5 indexes must still agree with the documents."""
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.reference import council_id
    from meguro_jukyo.core.search import search
    from meguro_jukyo.core.search_index import BULK_ROWS
    from meguro_jukyo.core.services import Services
    from meguro_jukyo.core.services.unit_of_work import transaction

    org = council_id("komaba")
    n = BULK_ROWS + 5
    rows = [{"id": m.new_id(), "organization_id": org, "title": f"街灯が暗い {i}", "category": "crime",
             "raised_on": dt.date(2025, 4, 1) + dt.timedelta(days=i),
             "description": "" if i % 2 else "夜道が暗い"} for i in range(n)]
    results = []
    for way in ("one by one", "at once"):
        store = Store.open(tmp_path / f"{way}.sqlite3", create=True, device_name="テスト端末")
        services = Services(store)
        with transaction(store, "取り込み") as tx:
            if way == "one by one":
                for row in rows:
                    services.issues.create_in(tx, row)
            else:
                services.issues.create_many_in(tx, services.issues.check_many_new_in(tx, rows))
        t = m.Issue.__table__
        with store.engine.connect() as con:
            stored = [dict(r) for r in con.execute(select(t).order_by(t.c.id)).mappings()]
            hits = {h.ref_id for h in search(con, "街灯", limit=1000)}
            hits_long = {h.ref_id for h in search(con, "夜道が", limit=1000)}
            for fts in ("fts_tri", "fts_uni"):  # raises if an index disagrees with search_doc
                con.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
        history = sorted((row["id"], e.field, e.old, e.new, e.label)
                         for row in rows for e in entity_history(store, "issue", row["id"]))
        for r in stored:
            assert r.pop("hlc") and r.pop("device_id") == store.device_id
        results.append((stored, hits, hits_long, history))
        assert services.undo() is not None and services.issues.count() == 0  # one change, one undo
        store.close()
    assert results[0] == results[1]
    assert results[0][1] == {r["id"] for r in rows} and len(results[0][3]) > n * 4
    assert results[0][2] == {r["id"] for r in rows if r["description"]}


def test_collect_changes_gathers_what_every_committed_transaction_changed(services, org, meeting):
    """The GUI's operation path broadcasts this set: an edit, a meeting capture and an undo all
    report their rows, and a transaction that failed reports nothing."""
    from meguro_jukyo.core.meeting import MeetingFlow
    from meguro_jukyo.core.services.unit_of_work import collect_changes

    flow = MeetingFlow(services)
    with collect_changes() as changed:
        issue = services.issues.create({"organization_id": org.id, "title": "街灯"})
        item = flow.add_item(meeting.id, "街灯の件")
    assert changed == {"issue": {issue.id}, "agenda_item": {item.id}}
    with collect_changes() as changed:
        with pytest.raises(ValidationError):
            services.issues.update(issue.id, {"title": ""})
    assert changed == {}
    with collect_changes() as outer:
        with collect_changes() as inner:
            services.undo()
    assert inner == outer == {"agenda_item": {item.id}}


def test_search_details_tell_hits_with_the_same_title_apart(services, org):
    import datetime as dt

    from meguro_jukyo.core.search import snippet

    meeting = services.meetings.create({"organization_id": org.id, "title": "定例会",
                                        "starts_at": dt.datetime(2025, 7, 3, 19, 0)})
    first = services.issues.create({"organization_id": org.id, "title": "街灯の球切れ", "raised_on": dt.date(2025, 4, 1),
                                    "description": "駅前の商店街で、夜になると街灯が一つ消えている。"})
    second = services.issues.create({"organization_id": org.id, "title": "街灯の球切れ", "raised_on": dt.date(2025, 9, 9),
                                     "description": "公園の入口の街灯。" + "あ" * 80 + "ﾎﾞｳﾊﾝ上も心配"})
    note = services.notes.create({"meeting_id": meeting.id, "kind": "opinion", "body": "街灯の球切れを区に伝える"})
    hits = {h.ref_id: h for h in services.search("街灯", details=True)}
    assert (hits[first.id].when, hits[second.id].when) == (dt.date(2025, 4, 1), dt.date(2025, 9, 9))
    assert hits[first.id].snippet != hits[second.id].snippet
    assert "駅前の商店街" in hits[first.id].snippet and "公園の入口" in hits[second.id].snippet
    assert hits[note.id].when == dt.date(2025, 7, 3) and hits[note.id].org_id == org.id  # the meeting's day
    far = {h.ref_id: h for h in services.search("ぼうはん", details=True)}[second.id]  # found as search folds it
    assert far.snippet.startswith("…") and "ﾎﾞｳﾊﾝ上も心配" in far.snippet and len(far.snippet) <= 50
    assert services.search("街灯")[0].snippet == ""  # details only when asked for
    assert snippet("短い文", ["なし"]) == "短い文"


def test_an_empty_list_says_which_filters_exclude_everything(services, org):
    from meguro_jukyo.core.services import ListQuery

    services.issues.create({"organization_id": org.id, "title": "街灯", "category": "crime"})
    services.issues.create({"organization_id": org.id, "title": "公園", "category": "disaster", "status": "resolved"})
    clash = ListQuery(organization_id=org.id, district_code="south")  # 駒場 is in 北部
    assert services.issues.count(clash) == 0
    assert services.issues.counts_without_each_filter(clash) == {"organization": 0, "district": 2}
    two = ListQuery(equals={"category": "crime", "status": ["resolved", "agreed"]}, text="  ")
    assert services.issues.count(two) == 0
    assert services.issues.counts_without_each_filter(two) == {"category": 1, "status": 1}  # blank text is no filter


def test_organizations_by_area_follow_the_ward_and_the_reading(services):
    from meguro_jukyo.core.reference import council_id

    made = services.organizations.create({"kind": "association", "name": "油面町会", "yomi": "ゆめんちょうかい",
                                          "jukyo_code": "yumen"})
    early = services.organizations.create({"kind": "association", "name": "上目黒一丁目町会",
                                           "yomi": "かみめぐろいっちょうめちょうかい", "jukyo_code": "kamimeguro"})
    loose = services.organizations.create({"kind": "other", "name": "青少年委員会"})
    groups = services.organizations.by_area()
    assert [code for code, _orgs in groups] == ["north", "east", "central", "south", "west", None]
    central = [o.id for o in dict(groups)["central"]]
    assert central.index(council_id("kamimeguro")) + 1 == central.index(early.id)  # its council first
    assert central[-2:] == [council_id("yumen"), made.id]  # ゆめん last in 中央, not in the ward
    assert dict(groups)[None] == [services.organizations.get(loose.id)]
    assert sum(len(orgs) for _c, orgs in groups) == services.organizations.count()
