"""Records unique by what they mean converge to one: the same 視点 linked to the same issue on
two laptops is one link at every store after sync, whatever the order the packages arrive in."""

from __future__ import annotations

import io
from itertools import permutations

import pytest
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
    packages = {"a": tmp_path / "from_a.mjsync", "b": tmp_path / "from_b.mjsync"}
    package.export_package(a, packages["a"])
    package.export_package(b, packages["b"])
    for name in order:
        assert importer.import_package(ward, packages[name]).status == importer.IMPORTED
    assert importer.import_package(a, packages["b"]).status == importer.IMPORTED
    assert importer.import_package(b, packages["a"]).status == importer.IMPORTED
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
