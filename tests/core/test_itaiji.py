"""Search folds 異体字 (resources/itaiji.json) in documents and queries, on SQLite and PostgreSQL."""

from __future__ import annotations

import unicodedata

import pytest
from alembic import command
from sqlalchemy import text

from meguro_jukyo.core import search_index
from meguro_jukyo.core.db import SCHEMA_REVISIONS, SCHEMA_VERSION, Store, _alembic_config
from meguro_jukyo.core.japanese import normalize, search_key
from meguro_jukyo.core.resources import load_json
from meguro_jukyo.core.services import Services

TABLE = load_json("itaiji.json")
PAIRS = [(p["variant"], p["standard"]) for p in TABLE["pairs"]]


@pytest.fixture
def org(services):
    return services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})


def test_every_pair_names_its_source_and_folds_one_character_to_another():
    variants = [v for v, _ in PAIRS]
    assert len(variants) == len(set(variants))
    assert not set(variants) & {s for _, s in PAIRS}  # no chains: folding once is enough
    for pair in TABLE["pairs"]:
        assert pair["source"] in TABLE["sources"], pair
        v, s = pair["variant"], pair["standard"]
        assert len(v) == len(s) == 1 and v != s
        assert unicodedata.normalize("NFKC", v) == v, v  # normalize() alone would not fold it
        assert normalize(v) == v and search_key(v) == s
    joined = "".join(variants)
    assert search_key(search_key(joined)) == search_key(joined)


def test_names_keep_what_was_typed_only_the_search_key_folds():
    assert normalize("髙橋 渡邉") == "髙橋 渡邉"
    assert search_key("髙橋 渡邉") == "高橋 渡辺"
    assert search_key("ｺﾞﾐ") == "ごみ"  # the width/kana folding still applies


def test_the_reported_queries_find_what_their_standard_forms_find(services, org):
    for title in ("桜の植樹", "広報紙の配布", "国の補助金", "駅の周辺の清掃", "一斉清掃の日"):
        services.issues.create({"organization_id": org.id, "title": title})
    services.issues.create({"organization_id": org.id, "title": "周邊道路の一齊點檢", "description": "櫻坂"})
    for variant, standard in (("櫻", "桜"), ("廣報", "広報"), ("國", "国"), ("周邊", "周辺"), ("一齊", "一斉")):
        found = [h.ref_id for h in services.search(variant)]
        assert found and found == [h.ref_id for h in services.search(standard)], variant
    assert {h.title for h in services.search("周辺道路")} == {"周邊道路の一齊點檢"}  # 3+ characters
    assert {h.title for h in services.search("一斉")} == {"一斉清掃の日", "周邊道路の一齊點檢"}
    assert {h.title for h in services.search("櫻")} == {"桜の植樹", "周邊道路の一齊點檢"}


def test_every_pair_on_every_search_path(services, org):
    """Each pair: a record written with the variant and one with the standard form are found by
    1, 2 (SQLite: fts_uni) and 3+ character (fts_tri) queries holding either form."""
    titles = {}
    for variant, standard in PAIRS:
        for ch in (variant, standard):
            titles[services.issues.create({"organization_id": org.id, "title": f"{ch}地点の記録"}).id] = ch
    for variant, standard in PAIRS:
        written = {i for i, ch in titles.items() if search_key(ch) == standard}
        assert len(written) >= 2
        for suffix in ("", "地", "地点"):
            by_variant = {h.ref_id for h in services.search(variant + suffix, limit=1000)}
            by_standard = {h.ref_id for h in services.search(standard + suffix, limit=1000)}
            assert by_variant == by_standard, (variant, suffix)
            assert written <= by_variant, (variant, suffix)
            if suffix:
                assert by_variant == written, (variant, suffix)


def _docs(con) -> list[tuple]:
    return con.execute(text("SELECT kind, ref_id, body, grams FROM search_doc ORDER BY kind, ref_id")).all()


def test_migration_folds_the_documents_a_previous_version_wrote(store, org, monkeypatch):
    services = Services(store)
    old = services.issues.create({"organization_id": org.id, "title": "櫻並木の周邊", "place": "髙橋邸前"})
    services.issues.create({"organization_id": org.id, "title": "公園の清掃"})
    # the store as schema 0004 wrote it: documents normalised but not folded
    with monkeypatch.context() as patched, store.engine.begin() as con:
        patched.setattr(search_index, "search_key", normalize)
        search_index.rebuild(con)
        command.downgrade(_alembic_config(con), "0004")
        if store.dialect == "sqlite":
            con.exec_driver_sql("PRAGMA user_version=4")
        assert "櫻並木の周邊 髙橋邸前" in {body for _, _, body, _ in _docs(con)}
    location = store.location
    store.close()
    with Store.open(location) as reopened:
        with reopened.engine.connect() as con:
            assert con.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_REVISIONS[SCHEMA_VERSION]
            migrated = _docs(con)
        found = Services(reopened).search
        for query in ("櫻", "桜", "周辺", "周邊", "高橋邸", "髙"):
            assert [h.ref_id for h in found(query)] == [old.id], query
        with reopened.engine.begin() as con:  # exactly what a full rebuild writes
            search_index.rebuild(con)
            assert _docs(con) == migrated
            if reopened.dialect == "sqlite":
                for fts in ("fts_tri", "fts_uni"):  # raises if an index disagrees with search_doc
                    con.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
