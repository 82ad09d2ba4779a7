"""日本語テキストと日付の扱い（検索キー・読み・和暦・年度）。

Pure standard library, no Qt.  This module is imported on hot paths (model
code, search, table sorting), so it only imports ``re``, ``unicodedata`` and
``datetime`` and does all table / pattern preparation once at import time.

Text
    normalize(text)            width/kana/case-folded text (names, よみ)
    search_key(text)           normalize + 異体字 folded: search documents *and* queries
    search_chars(normalized)   per-character text for an FTS5 unicode61 index
    yomi_key(yomi, fallback)   sort key for names (読み仮名)

Dates
    ERAS, Era, era_of(d)
    wareki(d) / wareki_year(d) / seireki(d) / format_date(d, era)
    nendo(d) / nendo_range(year) / nendo_label(year, era)
    parse_date(text)
"""

from __future__ import annotations

import re
import unicodedata
from collections import namedtuple
from datetime import date, datetime

from .resources import load_json

__all__ = [
    "ERAS",
    "Era",
    "era_of",
    "format_date",
    "nendo",
    "nendo_label",
    "nendo_range",
    "normalize",
    "parse_date",
    "search_chars",
    "search_key",
    "seireki",
    "wareki",
    "wareki_year",
    "yomi_key",
]

_nfkc = unicodedata.normalize

# --------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------

# Katakana ァ (U+30A1) .. ヶ (U+30F6) -> hiragana ぁ (U+3041) .. ゖ (U+3096),
# which includes ヴ->ゔ, ヵ->ゕ, ヶ->ゖ.  The katakana iteration marks ヽヾ map
# to their hiragana counterparts ゝゞ as well.  ー (U+30FC) is deliberately
# left alone: it is shared by both scripts.  ヷヸヹヺ have no single hiragana
# code point and stay as they are.
_KATA_TO_HIRA = str.maketrans(
    "".join(map(chr, range(0x30A1, 0x30F7))) + "ヽヾ",
    "".join(map(chr, range(0x3041, 0x3097))) + "ゝゞ",
)


def normalize(text: str | None) -> str:
    """Return the search key of *text*; ``None`` gives ``""``.

    Steps, in order:

    1. NFKC — full-width ASCII (``ＡＢＣ１２３``) and half-width katakana
       (``ﾎﾞｳｻｲ``) become their ordinary forms, compatibility characters
       (``①``, ``㍻``, ``ﬁ``) are decomposed, ``\\u3000`` becomes a space.
    2. katakana -> hiragana (see ``_KATA_TO_HIRA``; ー is kept).
    3. ``str.casefold()``.  Casefolding can produce text that is not in NFKC
       (e.g. ``ß`` + combining acute), so NFKC is applied once more when
       casefolding changed anything; this keeps ``normalize`` idempotent.
    4. every run of whitespace (``str.split()`` semantics) becomes one ASCII
       space; leading/trailing whitespace is removed.

    The same function must be used for stored text and for queries, so that
    ``"ボウサイ"``, ``"ﾎﾞｳｻｲ"`` and ``"ぼうさい"`` all give ``"ぼうさい"``.
    """
    if not text:
        return ""
    if text.isascii():  # NFKC and the kana table are no-ops on ASCII
        return " ".join(text.lower().split())
    s = _nfkc("NFKC", text).translate(_KATA_TO_HIRA)
    folded = s.casefold()
    if folded != s:
        folded = _nfkc("NFKC", folded)
    return " ".join(folded.split())


_variants: dict[int, int] | None = None


def variant_table() -> dict[int, int]:
    """``resources/itaiji.json`` as a ``str.translate`` table (variant → standard code point),
    read on first use: most
    importers of this module never search, and the table is not needed to start the app."""
    global _variants
    if _variants is None:
        _variants = {ord(p["variant"]): ord(p["standard"]) for p in load_json("itaiji.json")["pairs"]}
    return _variants


def search_key(text: str | None) -> str:
    """:func:`normalize`, then every 異体字 of ``resources/itaiji.json`` replaced by its
    standard form (櫻→桜, 邊/邉→辺, 髙→高), so ``"周邊"`` finds what ``"周辺"`` finds.

    One character for one character, so a term keeps its length (and its search path).
    Stored names keep what was typed: only the search index and the queries are folded.
    """
    key = normalize(text)
    if key.isascii():
        return key
    return key.translate(variant_table())


def search_chars(normalized: str) -> str:
    """Spread already-normalized text into one token per character.

    ``"防災 訓練"`` -> ``"防 災 訓 練"``.  Whitespace in the input is dropped
    (so a match may span a word boundary of the original text) and every
    remaining character is separated by a single ASCII space.  The result is
    meant for a column of an FTS5 table using the ``unicode61`` tokenizer,
    which then sees each character as its own token: this gives substring
    search over Japanese text without a morphological analyser.

    Characters that unicode61 treats as separators (punctuation, symbols) are
    kept here; the tokenizer simply discards them.  **Queries must go through
    the same pipeline** — ``search_chars(normalize(query))`` — and be passed to
    FTS5 as a quoted phrase (``'"' + s.replace('"', '""') + '"'``) so that the
    characters must appear consecutively.  Punctuation in a query is then
    discarded exactly as it was in the indexed text.  A query that consists
    only of separators yields no tokens; callers should treat that as "no
    filter" rather than sending an empty phrase.
    """
    return " ".join("".join(normalized.split()))


def yomi_key(yomi: str | None, fallback: str | None = None) -> str:
    """Sort key for a name: ``normalize(yomi)``, or ``normalize(fallback)``.

    *fallback* (typically the name itself) is used when *yomi* is ``None`` or
    contains nothing but whitespace.  Since kana in any width/script normalise
    to hiragana, ``"サトウ"``, ``"ｻﾄｳ"`` and ``"さとう"`` sort together, and
    names without a reading (kanji fallback, U+4E00 and up) sort after all
    names that have one.

    Decisions (plain code-point order of the normalised text, deliberately
    not JIS X 4061 multi-level collation):

    * small kana stay distinct from large kana (``きゃ`` != ``きや``); the
      small form's code point is one below the large one, so ``きゃ`` sorts
      immediately before ``きや`` — stable and predictable;
    * voiced/semi-voiced kana are likewise adjacent to and after the plain
      kana (``か`` < ``が`` < ``き``);
    * the long-vowel mark ー is kept as is (it is not expanded to the vowel);
      its code point (U+30FC) sorts after every hiragana.
    """
    key = normalize(yomi)
    if key:
        return key
    return normalize(fallback)


# --------------------------------------------------------------------------
# 和暦
# --------------------------------------------------------------------------


class Era(namedtuple("Era", "name letter start")):
    """An era: ``name`` ("令和"), ``letter`` ("R"), ``start`` (first day,
    inclusive).  A plain ``collections.namedtuple`` to avoid importing
    ``typing`` on this hot import path."""

    __slots__ = ()
    name: str
    letter: str
    start: date


# Start dates as used by the Japanese government's date conversion.  Dates of
# 明治 before 1873-01-01 (the switch to the Gregorian calendar) are handled
# as proleptic Gregorian dates, like everything else in ``datetime``.
ERAS: tuple[Era, ...] = (
    Era("明治", "M", date(1868, 10, 23)),
    Era("大正", "T", date(1912, 7, 30)),
    Era("昭和", "S", date(1926, 12, 25)),
    Era("平成", "H", date(1989, 1, 8)),
    Era("令和", "R", date(2019, 5, 1)),
)
_ERAS_NEWEST_FIRST = ERAS[::-1]
# Last day of each era (None for the current one).
_ERA_END: dict[str, date | None] = {
    e.name: (date.fromordinal(n.start.toordinal() - 1) if n else None)
    for e, n in zip(ERAS, (*ERAS[1:], None))
}

_WEEKDAYS = "月火水木金土日"


def _as_date(d: date | datetime) -> date:
    return d.date() if isinstance(d, datetime) else d


def era_of(d: date | datetime) -> Era | None:
    """The era in force on *d*, or ``None`` before 明治."""
    d = _as_date(d)
    for e in _ERAS_NEWEST_FIRST:
        if d >= e.start:
            return e
    return None


def _era_year(e: Era, year: int) -> str:
    n = year - e.start.year + 1
    return "元" if n == 1 else str(n)


def _weekday(d: date) -> str:
    return f"（{_WEEKDAYS[d.weekday()]}）"


def wareki(d: date | datetime, *, with_weekday: bool = False) -> str:
    """``"令和7年4月1日"``; year 1 is written 元年 (``"令和元年5月1日"``).

    ASCII digits.  Dates before 明治 (1868-10-23) fall back to :func:`seireki`.
    ``with_weekday=True`` appends ``"（火）"``.
    """
    d = _as_date(d)
    e = era_of(d)
    if e is None:
        return seireki(d, with_weekday=with_weekday)
    s = f"{e.name}{_era_year(e, d.year)}年{d.month}月{d.day}日"
    return s + _weekday(d) if with_weekday else s


def wareki_year(d: date | datetime) -> str:
    """``"令和7年"`` (``"令和元年"`` in year 1; ``"1867年"`` before 明治)."""
    d = _as_date(d)
    e = era_of(d)
    if e is None:
        return f"{d.year}年"
    return f"{e.name}{_era_year(e, d.year)}年"


def seireki(d: date | datetime, *, with_weekday: bool = False) -> str:
    """``"2025年4月1日"`` (``"2025年4月1日（火）"`` with the weekday)."""
    d = _as_date(d)
    s = f"{d.year}年{d.month}月{d.day}日"
    return s + _weekday(d) if with_weekday else s


def format_date(d: date | datetime, era: bool, *, with_weekday: bool = False) -> str:
    """:func:`wareki` if *era* else :func:`seireki`."""
    if era:
        return wareki(d, with_weekday=with_weekday)
    return seireki(d, with_weekday=with_weekday)


# --------------------------------------------------------------------------
# 年度 (April - March)
# --------------------------------------------------------------------------


def nendo(d: date | datetime) -> int:
    """Fiscal year containing *d*: 2025-03-31 -> 2024, 2025-04-01 -> 2025."""
    return d.year if d.month >= 4 else d.year - 1


def nendo_range(year: int) -> tuple[date, date]:
    """``(date(year, 4, 1), date(year + 1, 3, 31))``, both inclusive."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def nendo_label(year: int, era: bool = True) -> str:
    """``"令和7年度"`` for 2025 (``"2025年度"`` with ``era=False``).

    Naming rule: a fiscal year is named by the era in force on its first day
    (April 1 of *year*), **except** when a new era begins later in that same
    calendar year (April 2 - December 31 of *year*); the fiscal year is then
    named by the new era as 元年度.  An era beginning in January - March of
    *year + 1* does not rename the fiscal year.  Equivalently: the era in
    force on December 31 of *year*, counted by calendar year.

    This gives the names in official use:

    * FY2019 (era change 2019-05-01)  -> 令和元年度
    * FY1989 (平成 began 1989-01-08, before the FY) -> 平成元年度
    * FY1988 (ends 1989-03-31, already 平成)        -> 昭和63年度
    * FY2025 -> 令和7年度

    Mechanically it also gives 昭和元年度 for FY1926 and 大正元年度 for
    FY1912.  Fiscal years before 明治 fall back to ``"1867年度"``.
    """
    if era:
        e = era_of(date(year, 12, 31))
        if e is not None:
            return f"{e.name}{_era_year(e, year)}年度"
    return f"{year}年度"


# --------------------------------------------------------------------------
# parse_date
# --------------------------------------------------------------------------

_ERA_BY_TOKEN: dict[str, Era] = {}
for _e in ERAS:
    _ERA_BY_TOKEN[_e.name] = _e
    _ERA_BY_TOKEN[_e.letter.lower()] = _e
del _e

# Dash look-alikes that NFKC leaves alone (full-width － is handled by NFKC).
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63"})

# Applied after NFKC, dash folding, removing all whitespace and lower-casing.
_DATE_RE = re.compile(
    r"(?P<era>明治|大正|昭和|平成|令和|[mtshr])?"
    r"(?P<y>元|[0-9]{1,4})(?P<s1>年|[-/.])"
    r"(?P<m>[0-9]{1,2})(?P<s2>月|[-/.])"
    r"(?P<d>[0-9]{1,2})(?P<s3>日?)"
    r"(?:\((?P<wd>[月火水木金土日])(?:曜日?)?\))?"
)


def parse_date(text: str) -> date:
    """Parse a date typed by a user.

    Accepted (full-width digits/letters and surrounding or embedded
    whitespace are fine, an optional weekday suffix such as ``（火）`` or
    ``(火曜日)`` is accepted and must then be correct)::

        2025-04-01   2025/4/1   2025.4.1   2025年4月1日
        令和7年4月1日   令和元年5月1日   R7.4.1   r07/04/01   ㋿7年4月1日

    The separator form needs a 4-digit Western year and the same separator
    twice.  Era years must fall inside the era: ``令和1年4月1日`` (before
    2019-05-01) and ``昭和64年1月8日`` (after 1989-01-07) are errors.

    Raises ``ValueError`` with a Japanese message on anything else.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_date() には文字列を渡してください: {type(text).__name__}")
    s = "".join(_nfkc("NFKC", text).translate(_DASHES).split()).lower()
    m = _DATE_RE.fullmatch(s)
    if m is None:
        raise ValueError(f"日付として読めません: 「{text}」")
    era_tok, y, s1, s2, s3 = m.group("era", "y", "s1", "s2", "s3")
    if s1 == "年":
        if s2 != "月" or s3 != "日":
            raise ValueError(f"日付として読めません: 「{text}」")
    elif s1 != s2 or s3:
        raise ValueError(f"日付として読めません: 「{text}」")

    if era_tok is None:
        if y == "元" or (s1 != "年" and len(y) != 4):
            raise ValueError(f"日付として読めません: 「{text}」")
        year = int(y)
        era = None
    else:
        era = _ERA_BY_TOKEN[era_tok]
        n = 1 if y == "元" else int(y)
        if n < 1:
            raise ValueError(f"日付として読めません: 「{text}」")
        year = era.start.year + n - 1

    try:
        result = date(year, int(m.group("m")), int(m.group("d")))
    except ValueError:
        raise ValueError(f"存在しない日付です: 「{text}」") from None

    if era is not None:
        end = _ERA_END[era.name]
        if result < era.start:
            raise ValueError(
                f"{era.name}の期間外の日付です: 「{text}」"
                f"（{era.name}は{seireki(era.start)}から）"
            )
        if end is not None and result > end:
            raise ValueError(
                f"{era.name}の期間外の日付です: 「{text}」"
                f"（{era.name}は{seireki(end)}まで）"
            )

    wd = m.group("wd")
    if wd is not None and wd != _WEEKDAYS[result.weekday()]:
        raise ValueError(
            f"曜日が合いません: 「{text}」（{seireki(result)}は{_WEEKDAYS[result.weekday()]}曜日）"
        )
    return result
