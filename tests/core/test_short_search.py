"""1–2 character searches find exactly what LIKE finds, on both engines (issue 13: on PostgreSQL
they are answered through the per-character and the character-pair indexes)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from meguro_jukyo.core import search as search_module
from meguro_jukyo.core.japanese import search_key
from meguro_jukyo.core.search import CodeFrequencies, _terms, newest_reads, pair_code, query_variants, search

TEXTS = (
    "えきまえの清掃", "駅前の清掃", "ごみ集積所のカラス", "ごみの出し方", "みごとな桜", "櫻坂の街灯",
    "公園の遊具", "園の公開", "防災訓練", "ぼうさいマップ", "災害と防犯", "ゴミ拾い", "ｺﾞﾐ置き場",
    "えいき", "きえる", "防災 公園 ごみ", "a%b_c", "100%達成", "桜", "え",
)
QUERIES = (
    "えき", "ごみ", "公園", "防災", "桜", "櫻", "え", "園", "ぼうさい", "ゴミ", "ｺﾞﾐ", "みご", "災",
    "公園 ごみ", "防災 え", "b_", "0%", "a%b", "清掃 えき", "ない", "訓練",
    # a short term beside a 3+ character one: the trigrams narrow, LIKE checks the short one
    "防災訓練 え", "集積所 ごみ", "ぼうさいマップ 災", "100% 達",
)


@pytest.fixture
def org(services):
    return services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})


@pytest.fixture
def written(services, org):
    return {services.issues.create({"organization_id": org.id, "title": title}).id: title for title in TEXTS}


def _like(con, query: str) -> set[str]:
    """What LIKE '%term%' of every term finds, for each way of writing the query, in Python."""
    docs = con.execute(text("SELECT ref_id, body FROM search_doc WHERE kind = 'issue'")).all()
    found = set()
    for variant in query_variants(con, query):
        terms = _terms(variant)
        found |= {ref_id for ref_id, body in docs if all(t in body for t in terms)}
    return found


@pytest.mark.parametrize("reads", [None, 10**9, 2], ids=["index", "walk", "walk-then-index"])
@pytest.mark.parametrize("query", QUERIES)
def test_a_short_query_finds_exactly_what_like_finds(services, written, query, reads, monkeypatch):
    """Each way PostgreSQL may answer: through the index; reading the newest documents
    (:func:`newest_reads`, which the statistics of a store this small never choose); reading
    only the newest two and asking the index for the rest."""
    monkeypatch.setattr(search_module, "newest_reads", lambda *_args: reads)
    with services.store.engine.connect() as con:
        expected = _like(con, query)
        hits = search(con, query, kinds=("issue",), limit=1000)
        assert [h.ref_id for h in search(con, query, kinds=("issue",), limit=3, offset=1)] == \
            [h.ref_id for h in hits][1:4]
    assert {h.ref_id for h in hits} == expected
    assert len(hits) == len(expected)  # each once


def test_the_newest_documents_are_read_for_common_terms_only():
    """Reading ``wanted / share`` documents against fetching ``share × documents`` of them."""
    freqs = CodeFrequencies({ord("え"): 0.17, pair_code("ごみ"): 0.04, pair_code("えき"): 0.002,
                             ord("鍵"): 0.003}, documents=600_000)

    def walks(terms, wanted=50, filtered=1.0):
        return newest_reads(terms, freqs, wanted, filtered) is not None

    assert walks(("え",)) and walks(("ごみ",))
    assert not walks(("えき",))  # both characters common, the pair rare
    assert not walks(("鍵",)) and not walks(("猫",))  # unlisted: rarer than any listed
    assert not walks(("ごみ",), wanted=5000)  # a list filter's 5,000 ids: every match anyway
    assert not walks(("え", "えき"))  # the rarest term decides
    assert not walks(("ごみ", "集積所"))  # trigrams serve the long term
    assert newest_reads(("え",), CodeFrequencies({}, documents=0), 50) is None  # no statistics yet
    # a filter keeping a share of the documents: the walk reads that much further
    assert walks(("え",), filtered=0.16) and walks(("ごみ",), filtered=0.5)
    assert not walks(("ごみ",), filtered=0.01)  # one organization of a hundred
    # a few times what it is expected to read, then the index
    assert newest_reads(("ごみ",), freqs, 50, 0.5) == 4 * 2500 and newest_reads(("え",), freqs, 50) == 4 * 295
    assert newest_reads(("え",), freqs, 10) == 1000  # never fewer


def test_queries_that_must_find_something_do(services, written):
    """The comparison above is not vacuous: the kinds of query it covers each find rows."""
    titles = {q: {written[h.ref_id] for h in services.search(q, kinds=("issue",), limit=1000)}
              for q in ("えき", "ごみ", "公園", "桜", "ぼうさい")}
    assert titles["えき"] >= {"えきまえの清掃", "駅前の清掃"}  # as written and as read (駅)
    assert titles["ごみ"] >= {"ごみ集積所のカラス", "ゴミ拾い", "ｺﾞﾐ置き場"}  # folded kana and width
    assert "みごとな桜" not in titles["ごみ"]  # both characters, not in that order
    assert titles["公園"] >= {"公園の遊具", "防災 公園 ごみ"} and "園の公開" not in titles["公園"]
    assert titles["桜"] >= {"みごとな桜", "櫻坂の街灯", "桜"}  # 異体字 folded
    assert titles["ぼうさい"] >= {"防災訓練", "ぼうさいマップ"}


def test_pages_are_the_newest_matches_in_order(services, org, written):
    """A common pair walked newest first gives the same pages as all its matches sorted."""
    for i in range(30):
        services.issues.create({"organization_id": org.id, "title": f"ごみの日 {i}"})
    every = [h.ref_id for h in services.search("ごみ", limit=1000)]
    pages = [h.ref_id for start in range(0, len(every), 7) for h in services.search("ごみ", limit=7, offset=start)]
    assert pages == every and len(every) >= 33


def test_the_pair_code_is_the_servers(services, org, written):
    """PostgreSQL: the index holds each document's adjacent pairs under the code the query asks
    for, and no pair across the space between words, which LIKE does not match either. (SQLite's
    fts_uni drops the spaces and does match one: a difference older than this index.)"""
    if services.store.engine.dialect.name != "postgresql":
        pytest.skip("the pair index is PostgreSQL's")
    services.issues.create({"organization_id": org.id, "title": "公 園"})
    with services.store.engine.connect() as con:
        codes = set(con.execute(text("SELECT search_pair_codes(:t)"), {"t": search_key("公 園の𠮷野")}).scalar())
        assert codes == {pair_code(p) for p in ("園の", "の𠮷", "𠮷野")}
        assert con.execute(text("SELECT search_pair_codes('桜')")).scalar() is None
        assert "公 園" not in {written.get(h.ref_id) for h in search(con, "公園", limit=1000)}
        # LIKE's wildcards are characters to look for (SQLite's tokenizer drops them: no query)
        for query in ("%", "_", "%達", "_c"):
            assert {h.ref_id for h in search(con, query, limit=1000)} == _like(con, query), query
        assert {written[h.ref_id] for h in search(con, "%", limit=1000)} == {"a%b_c", "100%達成"}
