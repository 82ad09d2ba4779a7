"""The field registry is the one description of each entity's fields: a model field is either
described there or named as shown nowhere (with the reason), and what the registry says holds."""

from __future__ import annotations

import pytest

from meguro_jukyo.core import fields, models as m
from meguro_jukyo.core import search_index

TABLES = {t.__table__.name: t for t in m.USER_TABLES}


def test_every_user_table_is_an_entity_of_the_registry():
    assert set(fields.ENTITIES) == set(TABLES)


@pytest.mark.parametrize("kind", sorted(TABLES))
def test_every_model_field_is_described_or_said_to_be_shown_nowhere(kind):
    """Adding a field to a model without describing it (or saying why nothing shows it) fails here."""
    e = fields.entity(kind)
    model = {c.name for c in TABLES[kind].__table__.columns} - m.SYNC_FIELDS
    described = [f.name for f in e.fields]
    assert len(described) == len(set(described)), "a field described twice"
    assert not set(described) & set(e.not_described), "described and said to be shown nowhere"
    assert set(described) | set(e.not_described) == model, (
        f"{kind}: describe {sorted(model - set(described) - set(e.not_described))} in core/fields.py "
        f"(or name it in not_described with the reason); no such field: "
        f"{sorted((set(described) | set(e.not_described)) - model)}")
    assert all(reason.strip() for reason in e.not_described.values())


@pytest.mark.parametrize("kind", sorted(TABLES))
def test_each_description_is_whole(kind):
    e = fields.entity(kind)
    for f in e.fields:
        assert f.kind in fields.KINDS, f.name
        assert (f.vocab is not None) == (f.kind in ("vocab", "ref")), f.name
        assert f.label.strip(), f.name
    # a list column is a described field with a title, and every titled field is a column
    assert [f.name for f in fields.list_fields(kind)] == list(e.columns)
    assert {f.name for f in e.fields if f.column} == set(e.columns)
    for f in e.fields:
        if f.order_by is not None:
            assert f.order_by in {c.name for c in TABLES[kind].__table__.columns}
    # editors show only fields their create schema can fill
    create = TABLES[kind].__table__.columns
    assert {f.name for f in fields.editor_fields(kind)} <= {c.name for c in create}


def test_personal_data_is_never_searched():
    for kind, e in fields.ENTITIES.items():
        assert not [f.name for f in e.fields if f.searched and fields.is_personal(kind, f.name)], kind


def test_the_search_index_holds_the_fields_the_registry_says_are_searched():
    searched = {kind: fields.searched_fields(kind) for kind in fields.ENTITIES if fields.searched_fields(kind)}
    assert searched == {kind: spec.fields for kind, spec in search_index.SEARCHABLE.items()}
