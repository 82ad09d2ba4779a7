"""The service functions the Excel exchange relies on: many rows in one transaction, streaming."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from meguro_jukyo.core import models as m
from meguro_jukyo.core.errors import ValidationError
from meguro_jukyo.core.services import ListQuery
from meguro_jukyo.core.services.unit_of_work import transaction
from meguro_jukyo.core.services.history import entity_history


@pytest.fixture
def org(services):
    return services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})


def _changes(store) -> int:
    with store.engine.connect() as con:
        return con.execute(select(func.count()).select_from(m.Change)).scalar_one()


def test_many_writes_in_one_transaction_make_one_undoable_change(services, store, org):
    kept = services.issues.create({"organization_id": org.id, "title": "ごみ出し"})
    gone = services.issues.create({"organization_id": org.id, "title": "落書き"})
    before = _changes(store)
    with transaction(store, "まとめて変更") as tx:
        new = services.issues.create_in(tx, {"organization_id": org.id, "title": "街灯"})
        services.issues.update_in(tx, kept.id, {"status": "discussing"})
        services.issues.delete_in(tx, gone.id)
    assert _changes(store) == before + 1
    assert services.issues.get(kept.id).status == "discussing"
    assert {h.field for h in entity_history(store, "issue", new.id)} >= {"title", "deleted"}
    assert services.undo().label == "まとめて変更"
    alive = {i.id: i.status for i in services.issues.list()}
    assert alive == {kept.id: "raised", gone.id: "raised"}


def test_a_rejected_row_writes_nothing_and_the_transaction_goes_on(services, store, org):
    with transaction(store, "まとめて追加") as tx:
        with pytest.raises(ValidationError):
            services.issues.create_in(tx, {"organization_id": org.id, "title": "x", "category": "宇宙"})
        ok = services.issues.create_in(tx, {"organization_id": org.id, "title": "街灯"})
        assert services.issues.fetch_in(tx, ok.id)["title"] == "街灯"
    assert services.issues.count() == 1


def test_stream_yields_what_list_returns_in_the_same_order(services, org):
    for day in range(1, 8):
        services.issues.create({"organization_id": org.id, "title": f"課題{day}",
                                "raised_on": dt.date(2025, 4, day)})
    q = ListQuery(date_from=dt.date(2025, 4, 2), date_to=dt.date(2025, 4, 6))
    streamed = list(services.issues.stream(q, batch=2))
    assert [r["id"] for r in streamed] == [i.id for i in services.issues.list(q)]
    assert len(streamed) == 5
    with services.store.engine.connect() as con:
        ids = set(con.execute(services.issues.select_ids(q)).scalars())
    assert ids == {r["id"] for r in streamed}
