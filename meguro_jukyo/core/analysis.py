"""Japanese words and readings, by the Sudachi morphological analyser (SudachiPy, Apache-2.0).

The dictionary is ``sudachidict_small`` (Apache-2.0): the smallest of the three Sudachi
dictionaries (about 110 MB installed against roughly twice that for core and three times for
full). It holds the whole everyday vocabulary the 視点 suggestions and よみ need (遊具, 欄干,
回覧板, 子ども食堂 → 子供食堂, いじめ → 苛め, ぼうさい → 防災); what core and full add is mostly
proper nouns from the web, and the ward's own place names, which no dictionary reads the way
the ward does (碑 いしぶみ, 田道 でんどう), come from ``resources/place_readings.json`` and
``resources/areas.json`` and take precedence anyway.

Nothing here is imported at app start: the analyser is loaded on first use (about 50 ms and
45 MB, the dictionary is memory-mapped), and :func:`warm_up` lets a caller do that on a worker
thread before anyone types.

    words(text)     content words of a text as matching keys (lemmas, compounds)
    reading(text)   the reading of a name in hiragana (ward place names first)
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

from .japanese import normalize
from .resources import load_json

__all__ = ["Morph", "is_compound_part", "morphs", "reading", "term_key", "warm_up", "word_readings", "words", "words_of"]

#: parts of speech that say what a text is about; 非自立 verbs (する, いる, ある) and numbers do not
_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞"})
_SKIP_SUBPOS = frozenset({"数詞", "非自立可能"})
#: parts of speech that continue a compound noun (歩道+橋, 老朽+化, 回覧+板)
_COMPOUND_POS = frozenset({"名詞", "接尾辞", "接頭辞"})
#: longest compound made of consecutive nouns that is offered as one word
MAX_COMPOUND = 4

_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Morph:
    surface: str
    key: str  # normalised form, folded by japanese.normalize (いじめ, 苛め → 苛め; 子ども → 子供)
    reading: str  # hiragana
    pos: str
    subpos: str


@cache
def _tokenizer():
    from sudachipy import Dictionary, SplitMode  # start-up: Sudachi loads on first use (test_suggest checks)

    return Dictionary(dict="small").tokenizer(SplitMode.C)


def warm_up() -> None:
    """Load the analyser now (from a worker thread), so the first suggestion does not wait."""
    morphs("目黒")


def morphs(text: str) -> list[Morph]:
    """The morphemes of ``text`` (NFKC first, so full-width digits and ﾊﾝｶｸ are read as usual)."""
    text = unicodedata.normalize("NFKC", text or "")
    if not text.strip():
        return []
    with _lock:  # a Sudachi tokenizer is not to be shared by two threads at once
        found = _tokenizer().tokenize(text)
        out = []
        for m in found:
            pos = m.part_of_speech()
            out.append(Morph(m.surface(), normalize(m.normalized_form()),
                             normalize(m.reading_form()), pos[0], pos[1]))
    return out


def words(text: str) -> list[str]:
    """:func:`words_of` the morphemes of ``text``."""
    return words_of(morphs(text))


def words_of(found: list[Morph]) -> list[str]:
    """Content words of the morphemes ``found`` as matching keys, in order, repeats kept.

    Each content morpheme gives its normalised form; each run of consecutive nouns (with their
    prefixes and suffixes) also gives every sub-run of 2 to :data:`MAX_COMPOUND` morphemes, so
    歩道橋 gives 歩道, 歩道橋 and 公園遊具 gives 公園, 遊具, 公園遊具 — a vocabulary entry
    written as one word matches however the analyser splits it.
    """
    out: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        for n in range(2, min(MAX_COMPOUND, len(run)) + 1):
            out.extend("".join(run[i:i + n]) for i in range(len(run) - n + 1))
        run.clear()

    for m in found:
        if is_compound_part(m):
            run.append(m.key)
        else:
            close_run()
        if m.pos in _CONTENT_POS and m.subpos not in _SKIP_SUBPOS and len(m.key) > 0:
            out.append(m.key)
    close_run()
    return out


def is_compound_part(m: Morph) -> bool:
    """Whether ``m`` continues a run of nouns that :func:`words_of` joins into compounds."""
    return m.pos in _COMPOUND_POS and m.subpos != "数詞" and bool(m.key.strip())


def term_key(term: str) -> str:
    """The key :func:`words` gives for ``term`` written as one word (a vocabulary entry)."""
    return "".join(m.key for m in morphs(term))


def word_readings(run: str) -> list[tuple[str, str]]:
    """(word, reading) for a run of kanji (with its okurigana) and for each of its morphemes
    that holds kanji: ``"防災訓練"`` → 防災訓練 ぼうさいくんれん, 防災 ぼうさい, 訓練 くんれん;
    ``"見守り"`` → 見守り みまもり. Of the whole run, the compound noun it begins with; words the
    analyser cannot read (no kana in the reading) are left out."""
    found = morphs(run)
    out = []
    compound = []
    for m in found:  # the compound noun the run begins with
        if m.pos not in _COMPOUND_POS:
            break
        compound.append(m)
    whole = "".join(m.reading for m in compound)
    if len(compound) > 1 and _is_kana(whole):
        out.append(("".join(m.surface for m in compound), whole))
    for m in found:
        if m.surface != m.reading and _is_kana(m.reading) and not _is_kana(m.surface):
            out.append((m.surface, m.reading))
    return out


def _is_kana(text: str) -> bool:
    return bool(text) and all("\u3041" <= c <= "\u309f" or c == "ー" for c in text)


@cache
def _place_readings() -> tuple[tuple[str, str], ...]:
    """(name, よみ) of the ward's place names, longest name first."""
    pairs: dict[str, str] = {}
    for district in load_json("areas.json")["districts"]:
        pairs[district["name"]] = district["yomi"]  # 南部 is なんぶ, not 南 + 部
        for jukyo in district["jukyo"]:
            pairs[jukyo["name"] + "住区"] = jukyo["yomi"] + "じゅうく"
            if len(jukyo["name"]) > 1:  # 碑 alone is also ひ (記念碑): only 碑住区 is いしぶみ
                pairs[jukyo["name"]] = jukyo["yomi"]
    for entry in load_json("place_readings.json")["names"]:
        pairs[entry["name"]] = entry["yomi"]
    return tuple(sorted(pairs.items(), key=lambda p: (-len(p[0]), p[0])))


def reading(text: str) -> str:
    """The reading of a name in hiragana: ``"碑住区住民会議"`` → ``"いしぶみじゅうくじゅうみんかいぎ"``.

    The ward's place names (``areas.json``, ``place_readings.json``) are read as the ward reads
    them wherever they occur, the longest first; the rest is Sudachi's reading. Spaces are
    dropped; characters with no reading (Latin letters, symbols) are kept as they are.
    """
    name = normalize(text).replace(" ", "")
    if not name:
        return ""
    places = _place_readings()
    out: list[str] = []
    rest_start = i = 0
    while i < len(name):
        hit = next((p for p in places if name.startswith(p[0], i)), None)
        if hit is None:
            i += 1
            continue
        out.append(_sudachi_reading(name[rest_start:i]))
        out.append(hit[1])
        i = rest_start = i + len(hit[0])
    out.append(_sudachi_reading(name[rest_start:]))
    return "".join(out)


def _sudachi_reading(text: str) -> str:
    # Sudachi reads symbols and Latin letters as "キゴウ" and the like; keep those as written
    return "".join(m.reading if m.pos != "補助記号" and m.reading and not m.surface.isascii()
                   else m.surface for m in morphs(text))
