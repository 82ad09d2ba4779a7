"""Officers per 年度 (会長, 副会長, 書記, 会計 …): recorded per organization and 年度, carried by the
yearly handover to the new laptop, listed in its 引き継ぎ書 by role — the names only when
personal data is asked for — and brought by migration 0014 to a store written before it."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect

from meguro_jukyo.core import models as m
from meguro_jukyo.core.db import Store, _alembic_config
from meguro_jukyo.core.errors import ValidationError
from meguro_jukyo.core.exchange.handover_report import build_handover_report
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.sync import handover


@pytest.fixture
def council(services):
    org = services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})
    for nendo, role, name in ((2025, "treasurer", "佐藤花子"), (2025, "chair", "山田太郎"),
                              (2025, "vice_chair", "鈴木一郎"), (2026, "chair", "高橋次郎"),
                              (2024, "chair", "田中正")):
        services.officers.create({"organization_id": org.id, "nendo": nendo, "role": role, "name": name})
    return org


def test_the_officers_of_a_year_read_in_the_order_of_their_roles(services, council):
    got = [(o.role, o.name) for o in services.officers.of_year(council.id, 2025)]
    assert got == [("chair", "山田太郎"), ("vice_chair", "鈴木一郎"), ("treasurer", "佐藤花子")]
    assert [o.name for o in services.officers.of_year(council.id, 2026)] == ["高橋次郎"]
    assert services.vocab.label("officer_role", "secretary") == "書記"


@pytest.mark.parametrize("values, field", [
    ({"role": "emperor", "name": "誰か"}, "role"),
    ({"role": "chair", "name": ""}, "name"),
    ({"role": "chair", "name": "山田", "nendo": 20250}, "nendo"),
])
def test_a_wrong_officer_is_refused_with_the_field_named(services, council, values, field):
    before = services.officers.of_year(council.id, 2025)
    with pytest.raises(ValidationError) as caught:
        services.officers.create({"organization_id": council.id, "nendo": 2025, **values})
    assert caught.value.field == field
    assert services.officers.of_year(council.id, 2025) == before


def test_officers_are_personal_data():
    assert m.personal_columns(m.Officer) == {"name", "yomi"}


def test_the_handover_carries_the_officers_and_names_them_only_when_asked(services, council, tmp_path):
    path = tmp_path / "引き継ぎ.mjhandover"
    written = handover.write_handover(services.store, path, organization_id=council.id, nendo=2025)
    with Store.open(tmp_path / "new.sqlite3", create=True, device_name="新しい会長のPC") as new:
        handover.import_handover(new, path, fingerprint=written.sender.fingerprint)
        assert [(o.role, o.name) for o in Services(new).officers.of_year(council.id, 2026)] == [("chair", "高橋次郎")]
    report = build_handover_report(services, council.id, 2025, fingerprint="x")
    officers = dict(report.sections())["役員"]
    assert officers[0] == ("令和7年度", "会長　氏名は省略（個人情報）")
    assert [label for label, _ in officers] == ["令和7年度"] * 3 + ["令和8年度"]  # the year and the next
    text = repr(report)
    assert not any(name in text for name in ("山田太郎", "佐藤花子", "鈴木一郎", "高橋次郎"))
    named = dict(build_handover_report(services, council.id, 2025, fingerprint="x", personal=True).sections())["役員"]
    assert named[0] == ("令和7年度", "会長　山田太郎") and named[-1] == ("令和8年度", "会長　高橋次郎")


def test_the_officers_migration_brings_a_store_of_the_previous_schema(store):
    """0014 on a store written before it (schema 6, as a laptop not yet updated holds): the table
    is made and officers can be recorded; the organization written before reads as it did."""
    org = Services(store).organizations.create({"kind": "association", "name": "駒場町会"})
    with store.engine.begin() as con:
        command.downgrade(_alembic_config(con), "0008")
        if store.dialect == "sqlite":
            con.exec_driver_sql("PRAGMA user_version=6")
        assert "officer" not in inspect(con).get_table_names()
    location = store.location
    store.close()
    with Store.open(location) as reopened:
        services = Services(reopened)
        assert services.organizations.get(org.id).name == "駒場町会"
        services.officers.create({"organization_id": org.id, "nendo": 2025, "role": "chair", "name": "山田太郎"})
        assert [o.name for o in services.officers.of_year(org.id, 2025)] == ["山田太郎"]


def test_the_same_officer_recorded_on_two_laptops_is_one_after_they_sync(services, council, tmp_path):
    from meguro_jukyo.core.sync import identity, importer, package

    with pytest.raises(ValidationError) as caught:  # on one laptop: refused
        services.officers.create({"organization_id": council.id, "nendo": 2026, "role": "chair", "name": "高橋　次郎"})
    assert caught.value.field == "name"
    with Store.open(tmp_path / "new.sqlite3", create=True, device_name="新しい会長のPC") as new:
        identity.trust_card(new, identity.device_card(services.store))
        package.export_package(services.store, tmp_path / "first.mjsync", scope="all")
        assert importer.import_package(new, tmp_path / "first.mjsync").status == importer.IMPORTED
        # before they sync again, each laptop records the new 会計 of 2026
        services.officers.create({"organization_id": council.id, "nendo": 2026, "role": "treasurer", "name": "伊藤 恵子"})
        mine = Services(new)
        mine.officers.create({"organization_id": council.id, "nendo": 2026, "role": "treasurer", "name": "伊藤恵子"})
        package.export_package(services.store, tmp_path / "second.mjsync", scope="all")
        assert importer.import_package(new, tmp_path / "second.mjsync").status == importer.IMPORTED
        officers = mine.officers.of_year(council.id, 2026)
        assert [o.role for o in officers] == ["chair", "treasurer"]  # folded: one 会計
        assert "".join(officers[1].name.split()) == "伊藤恵子"
