"""Records unique by what they mean converge to one: the same 視点 linked to the same issue on
two laptops is one link at every store after sync, whatever the order the packages arrive in."""

from __future__ import annotations

import datetime as dt
import io
from itertools import permutations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from meguro_jukyo.core import models as m
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.exchange.dump import write_dump
from meguro_jukyo.core.reference import council_id
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.sync import identity, importer, package

ORG = council_id("komaba")


def _trust(*stores) -> None:
    for a in stores:
        for b in stores:
            if a is not b:
                identity.trust_card(a, identity.device_card(b))


def _send(src, dst, path) -> None:
    package.export_package(src, path)
    result = importer.import_package(dst, path)
    assert result.status in (importer.IMPORTED, importer.DUPLICATE), result.reason


def _exchange(a, b, ward, tmp_path, order) -> None:
    """Each laptop's changes to the ward (in ``order``) and to the other laptop."""
    packages = {"a": tmp_path / "from_a.mjsync", "b": tmp_path / "from_b.mjsync"}
    package.export_package(a, packages["a"])
    package.export_package(b, packages["b"])
    for name in order:
        assert importer.import_package(ward, packages[name]).status == importer.IMPORTED
    assert importer.import_package(a, packages["b"]).status == importer.IMPORTED
    assert importer.import_package(b, packages["a"]).status == importer.IMPORTED


def _meeting(services):
    return services.meetings.create({"organization_id": ORG, "title": "役員会", "starts_at": dt.datetime(2025, 5, 18, 10)})


def _live_links(store) -> list[tuple[str, str]]:
    t = m.PolicyLink.__table__
    with store.engine.connect() as con:
        return sorted(con.execute(select(t.c.issue_id, t.c.viewpoint_id).where(t.c.deleted.is_(False))).all())


def _dump(store) -> str:
    buf = io.StringIO()
    write_dump(store, buf)
    return buf.getvalue()


@pytest.fixture
def laptops(tmp_path):
    a = Store.open(tmp_path / "a.sqlite3", create=True, device_name="駒場ノートPC")
    b = Store.open(tmp_path / "b.sqlite3", create=True, device_name="駒場 会長のPC")
    yield a, b
    a.close()
    b.close()


@pytest.mark.parametrize("order", list(permutations("ab")))
def test_the_same_viewpoint_linked_on_two_laptops_is_one_link_at_every_store(laptops, store, tmp_path, order):
    a, b = laptops
    ward = store
    _trust(a, b, ward)
    sa, sb = Services(a), Services(b)
    issues = [sa.issues.create({"organization_id": ORG, "title": f"課題{i}"}) for i in range(3)]
    _send(a, b, tmp_path / "issues.mjsync")
    for services, reason in ((sa, "Aの理由"), (sb, "Bの理由")):
        for made in issues:
            services.links.create({"issue_id": made.id, "viewpoint_id": "1-1-1", "reason": reason})
    sb.links.create({"issue_id": issues[0].id, "viewpoint_id": "2-1-1"})  # only on one laptop
    _exchange(a, b, ward, tmp_path, order)
    expected = sorted([(i.id, "1-1-1") for i in issues] + [(issues[0].id, "2-1-1")])
    for each in (a, b, ward):
        assert _live_links(each) == expected
    assert _dump(a) == _dump(b)
    # the two reasons for one link are the same field written on two laptops: one wins
    # everywhere, and the other is kept as a conflict
    reasons = {Services(each).links.get(_live_link_id(each, issues[0].id)).reason for each in (a, b, ward)}
    assert len(reasons) == 1 and reasons <= {"Aの理由", "Bの理由"}


def _live_link_id(store, issue_id: str) -> str:
    t = m.PolicyLink.__table__
    with store.engine.connect() as con:
        return con.execute(select(t.c.id).where(t.c.issue_id == issue_id, t.c.viewpoint_id == "1-1-1",
                                                t.c.deleted.is_(False))).scalar_one()


def test_a_link_made_again_after_unlinking_is_a_new_live_link(laptops):
    a, _b = laptops
    s = Services(a)
    made = s.issues.create({"organization_id": ORG, "title": "掲示板の多言語化"})
    first = s.links.create({"issue_id": made.id, "viewpoint_id": "1-1-1"})
    s.links.delete(first.id)
    again = s.links.create({"issue_id": made.id, "viewpoint_id": "1-1-1", "reason": "もう一度"})
    assert again.id != first.id and _live_links(a) == [(made.id, "1-1-1")]
    t = m.PolicyLink.__table__
    with a.engine.connect() as con:
        assert con.execute(select(func.count()).select_from(t)).scalar_one() == 2


# --------------------------------------------------------------------------- folding doubles


def _double(store, table, row_id: str, **changes) -> str:
    """A second live copy of a row under a random id, as the previous schema let sync make."""
    with store.engine.begin() as con:
        row = dict(con.execute(select(table).where(table.c.id == row_id)).mappings().one())
        row.update(id=m.new_id(), hlc=store.clock.tick(), sync_state="", **changes)
        con.execute(table.insert().values(**row))
    return row["id"]


def _live(store, table, **where) -> list[dict]:
    with store.engine.connect() as con:
        return [dict(r) for r in con.execute(select(table).where(
            table.c.deleted.is_(False), *(table.c[k] == v for k, v in where.items()))).mappings()]


def _downgrade_to_schema_6(store) -> None:
    from alembic import command

    from meguro_jukyo.core.db import _alembic_config

    with store.engine.begin() as con:
        command.downgrade(_alembic_config(con), "0008")
        if store.dialect == "sqlite":
            con.exec_driver_sql("PRAGMA user_version=6")


def test_the_upgrade_folds_doubled_links_and_attendees_written_by_schema_6(store, tmp_path):
    from meguro_jukyo.core.services.history import undo_label

    services = Services(store)
    issue = services.issues.create({"organization_id": ORG, "title": "掲示板の多言語化"})
    link = services.links.create({"issue_id": issue.id, "viewpoint_id": "1-1-1"})
    meeting = _meeting(services)
    person = services.attendees.create({"meeting_id": meeting.id, "name": "田中 一郎"})
    links, attendees = m.PolicyLink.__table__, m.Attendee.__table__
    _downgrade_to_schema_6(store)
    # the same link made on another laptop, with the reason this one lacks; a third copy
    doubles = [_double(store, links, link.id, reason="駅前の掲示板"), _double(store, links, link.id)]
    other_person = _double(store, attendees, person.id, name="田中　一郎", role="会長")
    location = store.location
    store.close()
    with Store.open(location) as upgraded:
        kept = _live(upgraded, links, issue_id=issue.id)
        assert [(r["id"], r["reason"]) for r in kept] == [(link.id, "駅前の掲示板")]  # the natural id stays
        [attendee] = _live(upgraded, attendees, meeting_id=meeting.id)
        assert attendee["id"] == min(person.id, other_person) and attendee["role"] == "会長"
        with upgraded.engine.connect() as con:
            for gone in (*doubles, person.id, other_person):
                if gone not in (attendee["id"],):
                    table = links if gone in doubles else attendees
                    assert con.execute(select(table.c.deleted).where(table.c.id == gone)).scalar_one() is True
            change = con.execute(select(m.Change).where(m.Change.kind == "migration")).mappings().one()
            folded = set(con.execute(select(m.History.entity_id).where(
                m.History.change_id == change["id"], m.History.field == "deleted")).scalars())
        assert folded == set(doubles) | {person.id, other_person} - {attendee["id"]}
        assert "整理" not in (undo_label(upgraded) or "")  # undoing it would bring the doubles back
        # the fold is an ordinary write: it syncs, and a laptop that had the doubles converges
        laptop = Store.open(tmp_path / "laptop.sqlite3", create=True, device_name="駒場ノートPC")
        _trust(upgraded, laptop)
        _send(upgraded, laptop, tmp_path / "folded.mjsync")
        assert [r["id"] for r in _live(laptop, links, issue_id=issue.id)] == [link.id]
        assert len(_live(laptop, attendees, meeting_id=meeting.id)) == 1
        laptop.close()
    with Store.open(location) as again:  # nothing left to fold: opening again writes nothing
        assert len(_live(again, links, issue_id=issue.id)) == 1


@pytest.mark.parametrize("order", list(permutations("ab")))
def test_the_same_attendee_added_on_two_laptops_is_one_attendee_at_every_store(laptops, store, tmp_path, order):
    a, b = laptops
    ward = store
    _trust(a, b, ward)
    sa, sb = Services(a), Services(b)
    meeting = _meeting(sa)
    _send(a, b, tmp_path / "meeting.mjsync")
    sa.attendees.create({"meeting_id": meeting.id, "name": "田中一郎", "role": "会長"})
    sb.attendees.create({"meeting_id": meeting.id, "name": "田中 一郎", "yomi": "たなかいちろう"})
    sb.attendees.create({"meeting_id": meeting.id, "name": "鈴木花子"})  # only on one laptop
    _exchange(a, b, ward, tmp_path, order)
    # each store folded what it met; their folds travel on to the others
    for src, dst in ((a, b), (b, a), (a, ward), (b, ward), (ward, a), (ward, b)):
        _send(src, dst, tmp_path / f"{id(src)}-{id(dst)}.mjsync")
    table = m.Attendee.__table__
    for each in (a, b, ward):
        people = sorted((m.attendee_name_key(r["name"]), r["role"], r["yomi"]) for r in _live(each, table))
        assert people == [("田中一郎", "会長", "たなかいちろう"), ("鈴木花子", "", "")]
    assert _dump(a) == _dump(b) == _dump(ward)


def test_a_person_is_added_to_a_meeting_once(laptops):
    from meguro_jukyo.core.errors import ValidationError

    a, _b = laptops
    s = Services(a)
    meeting = _meeting(s)
    s.attendees.create({"meeting_id": meeting.id, "name": "田中一郎"})
    with pytest.raises(ValidationError, match="すでに"):
        s.attendees.create({"meeting_id": meeting.id, "name": "田中　一郎"})


@pytest.mark.parametrize("order", list(permutations("ab")))
def test_a_link_unlinked_on_one_laptop_and_made_again_on_both_is_one_link(laptops, store, tmp_path, order):
    a, b = laptops
    ward = store
    _trust(a, b, ward)
    sa, sb = Services(a), Services(b)
    issue = sa.issues.create({"organization_id": ORG, "title": "掲示板の多言語化"})
    first = sa.links.create({"issue_id": issue.id, "viewpoint_id": "1-1-1"})
    _send(a, b, tmp_path / "linked.mjsync")
    sa.links.delete(first.id)
    _send(a, b, tmp_path / "unlinked.mjsync")
    # both laptops saw the unlink; each links the pair again, not knowing of the other
    again_b = sb.links.create({"issue_id": issue.id, "viewpoint_id": "1-1-1", "reason": "Bの理由"})
    again_a = sa.links.create({"issue_id": issue.id, "viewpoint_id": "1-1-1", "reason": "Aの理由"})
    assert again_a.id == again_b.id != first.id  # one record, merged field by field
    _exchange(a, b, ward, tmp_path, order)
    for each in (a, b, ward):
        assert _live_links(each) == [(issue.id, "1-1-1")]
    assert _dump(a) == _dump(b)
    assert len({Services(each).links.get(again_a.id).reason for each in (a, b, ward)}) == 1


_PAIRS = [("1-1-1", ""), ("1-1-1", "理由あり"), ("2-1-1", "")]
_NAMES = ["田中一郎", "田中　一郎", "鈴木花子"]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_random_devices_making_the_same_records_converge_to_one_per_key(tmp_path_factory, data):
    """Devices link the same 視点 (some unlinking and linking again) and add the same people to
    one meeting, packages arrive in random orders: every store ends with one live record per
    key, and all stores hold the same bytes."""
    root = tmp_path_factory.mktemp("devices")
    count = data.draw(st.integers(2, 3), label="devices")
    stores = [Store.open(root / f"{i}.sqlite3", create=True, device_name=f"端末{i}") for i in range(count)]
    try:
        _trust(*stores)
        first = Services(stores[0])
        issue = first.issues.create({"organization_id": ORG, "title": "掲示板の多言語化"})
        meeting = _meeting(first)
        for other in stores[1:]:
            _send(stores[0], other, root / f"seed-{id(other)}.mjsync")
        for store in stores:
            s = Services(store)
            for viewpoint, reason in data.draw(st.lists(st.sampled_from(_PAIRS), max_size=3, unique=True)):
                if any(ln.viewpoint_id == viewpoint for ln in s.links.list()):
                    continue
                link = s.links.create({"issue_id": issue.id, "viewpoint_id": viewpoint, "reason": reason})
                if data.draw(st.booleans(), label="unlink and link again"):
                    s.links.delete(link.id)
                    s.links.create({"issue_id": issue.id, "viewpoint_id": viewpoint, "reason": reason})
            for name in data.draw(st.lists(st.sampled_from(_NAMES), max_size=3, unique=True)):
                if m.attendee_name_key(name) not in {m.attendee_name_key(a.name) for a in s.attendees.list()}:
                    s.attendees.create({"meeting_id": meeting.id, "name": name})
        for scope in ("changes", "all"):  # then once more, so that what each store folded travels
            paths = []
            for i, store in enumerate(stores):
                paths.append(root / f"{scope}-{i}.mjsync")
                package.export_package(store, paths[-1], scope=scope)
            for i, store in enumerate(stores):
                for path in data.draw(st.permutations([p for j, p in enumerate(paths) if j != i])):
                    assert importer.import_package(store, path).status in (importer.IMPORTED, importer.DUPLICATE)
        keys = set()
        for store in stores:
            links = _live(store, m.PolicyLink.__table__)
            people = _live(store, m.Attendee.__table__)
            assert len(links) == len({r["viewpoint_id"] for r in links})
            assert len(people) == len({m.attendee_name_key(r["name"]) for r in people})
            keys.add((frozenset(r["id"] for r in links), frozenset(r["id"] for r in people)))
        assert len(keys) == 1
        assert len({_dump(store) for store in stores}) == 1
    finally:
        for store in stores:
            store.close()
