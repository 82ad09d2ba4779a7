"""Reading search: a kana query also finds the words read that way (ぼうさい → 防災), on both engines."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text

from meguro_jukyo.core import search as search_module
from meguro_jukyo.core import search_index
from meguro_jukyo.core.db import SCHEMA_REVISIONS, SCHEMA_VERSION, Store, _alembic_config
from meguro_jukyo.core.services import ListQuery, Services


@pytest.fixture
def org(services):
    return services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})


@pytest.fixture
def issues(services, org):
    made = {}
    for key, title, place in (("drill", "秋の防災訓練", "駒場小学校"), ("light", "街灯が暗い", "駅前"),
                              ("park", "公園の清掃", ""), ("kana", "ぼうさいマップづくり", "")):
        made[key] = services.issues.create({"organization_id": org.id, "title": title, "place": place}).id
    return made


def _found(services, query):
    return {h.ref_id for h in services.search(query, kinds=("issue",))}


@pytest.mark.parametrize("query, keys", [
    ("ぼうさい", {"drill", "kana"}),       # the word 防災 and the text written in kana
    ("ボウサイ", {"drill", "kana"}),       # katakana folds to hiragana first
    ("ﾎﾞｳｻｲ", {"drill", "kana"}),          # half-width too
    ("ぼうさいくんれん", {"drill"}),       # a compound: 防災訓練
    ("くんれん", {"drill"}),
    ("えき", {"light"}),                   # 駅前: a reading begins with it; 2 characters, the per-character path
    ("がいとう", {"light"}),               # 街灯: two characters
    ("こうえん せいそう", {"park"}),        # every term must match, each by its reading
    ("ぼうさい 駒場", {"drill"}),          # kana and kanji terms together
    ("ぼうさい 清掃", set()),
    ("ぼうさい", {"drill", "kana"}),
])
def test_a_kana_query_finds_the_words_read_that_way(services, issues, query, keys):
    assert _found(services, query) == {issues[k] for k in keys}


def test_the_kanji_query_is_unchanged_and_one_kana_character_is_not_read(services, issues):
    assert _found(services, "防災") == {issues["drill"]}
    assert search_module.reading_words(services.store.engine.connect(), "え") == {}


def test_list_filters_find_by_reading(services, issues):
    listed = {i.id for i in services.issues.list(ListQuery(text="ぼうさい"))}
    assert listed == {issues["drill"], issues["kana"]}
    assert services.issues.count(ListQuery(text="がいとう")) == 1


def test_words_written_later_are_read_and_found(services, org, issues):
    assert _found(services, "ぼんおどり") == set()
    new = services.issues.create({"organization_id": org.id, "title": "夏の盆踊り"})
    assert _found(services, "ぼんおどり") == {new.id}
    services.issues.update(issues["light"], {"title": "防犯灯が暗い"})
    assert _found(services, "ぼうはん") == {issues["light"]}
    services.issues.delete(new.id)
    assert _found(services, "ぼんおどり") == set()


def test_the_migration_reads_the_words_of_a_store_written_before_it(store, issues):
    with store.engine.begin() as con:
        command.downgrade(_alembic_config(con), "0005")
        if store.dialect == "sqlite":
            con.exec_driver_sql("PRAGMA user_version=5")
    location = store.location
    store.close()
    with Store.open(location) as reopened:
        with reopened.engine.connect() as con:
            assert con.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_REVISIONS[SCHEMA_VERSION]
            words = dict(con.execute(text("SELECT word, reading FROM search_word")).all())
        assert words["防災"] == "ぼうさい" and words["駅前"] == "えきまえ" and words["防災訓練"] == "ぼうさいくんれん"
        assert {h.ref_id for h in Services(reopened).search("ぼうさい")} == {issues["drill"], issues["kana"]}
        with reopened.engine.begin() as con:  # what a rebuild writes, no more and no less
            search_index.rebuild(con)
            assert dict(con.execute(text("SELECT word, reading FROM search_word")).all()) == words


def test_pages_of_a_kana_query_are_the_newest_matches_of_all_its_writings(services, org, issues):
    for i in range(5):
        services.issues.create({"organization_id": org.id, "title": f"防災倉庫の点検 {i}"})
    services.issues.create({"organization_id": org.id, "title": "ぼうさい手帳"})
    every = [h.ref_id for h in services.search("ぼうさい", limit=100)]
    assert len(every) == 8 == len(set(every))
    assert [h.ref_id for h in services.search("ぼうさい", limit=3, offset=2)] == every[2:5]
    kanji_only = [h.ref_id for h in services.search("防災", limit=100)]
    assert [r for r in every if r in kanji_only] == kanji_only  # the same newest-first order


def test_hits_are_the_dataclass_as_its_own_constructor_makes_it(services, issues):
    """search builds its hits without the frozen __init__ (issue 13's speed): they must be
    indistinguishable from ``Hit(...)`` — equal, hashed alike, frozen, every field set."""
    import dataclasses

    for query in ("防災", "ぼうさい", "駅前"):  # one writing, several writings merged, 3+ characters
        hits = services.search(query)
        assert hits
        for hit in hits:
            made = search_module.Hit(hit.kind, hit.ref_id, hit.title, hit.org_id)
            assert hit == made and hash(hit) == hash(made) and repr(hit) == repr(made)
            assert vars(hit) == vars(made) == dataclasses.asdict(made)
            assert dataclasses.replace(hit, snippet="x").snippet == "x"
            with pytest.raises(dataclasses.FrozenInstanceError):
                hit.title = "changed"  # type: ignore[misc]
