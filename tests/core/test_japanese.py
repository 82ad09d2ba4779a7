"""Tests for meguro_jukyo.core.japanese (no display needed)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meguro_jukyo.core.japanese import (
    ERAS,
    era_of,
    format_date,
    nendo,
    nendo_label,
    nendo_range,
    normalize,
    parse_date,
    search_chars,
    seireki,
    wareki,
    wareki_year,
    yomi_key,
)

dates = st.dates(min_value=date(1873, 1, 1), max_value=date(2100, 12, 31))


# --------------------------------------------------------------------------
# normalize
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ボウサイ", "ぼうさい"),
        ("ﾎﾞｳｻｲ", "ぼうさい"),
        ("ぼうさい", "ぼうさい"),
        ("ＡＢＣ１２３", "abc123"),
        ("ABC123", "abc123"),
        ("ｱｲｳ", "あいう"),
        ("ヴァイオリン", "ゔぁいおりん"),
        ("ヵヶ", "ゕゖ"),
        ("ラーメン", "らーめん"),  # ー kept
        ("ｰ", "ー"),  # half-width long vowel mark -> ー
        ("Straße", "strasse"),
        ("ＳＴＲＡＳＳＥ", "strasse"),
        ("  防災\u3000\u3000訓練\t\n 2025 ", "防災 訓練 2025"),
        ("a   b", "a b"),
        ("目黒区　住区", "目黒区 住区"),
        ("①", "1"),
        ("", ""),
        ("   \u3000 ", ""),
        (None, ""),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_normalize_variants_agree():
    variants = ["ボウサイ", "ﾎﾞｳｻｲ", "ぼうさい", " ボウサイ\u3000"]
    assert {normalize(v) for v in variants} == {"ぼうさい"}
    # combining dakuten composes after NFKC
    assert normalize("ホ\u3099ウサイ") == "ぼうさい"


@given(st.text())
def test_normalize_idempotent(text):
    n = normalize(text)
    assert normalize(n) == n


@given(st.text())
def test_normalize_shape(text):
    n = normalize(text)
    assert n == n.strip()
    assert "  " not in n
    assert not any(c.isspace() and c != " " for c in n)
    assert not any("\u30a1" <= c <= "\u30f6" for c in n)


# --------------------------------------------------------------------------
# search_chars
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("防災 訓練", "防 災 訓 練"),
        ("防災訓練", "防 災 訓 練"),
        ("ぼうさい", "ぼ う さ い"),
        ("abc 12", "a b c 1 2"),
        ("a", "a"),
        ("", ""),
        ("   ", ""),
        ("a-b", "a - b"),
    ],
)
def test_search_chars(text, expected):
    assert search_chars(text) == expected


def test_search_chars_query_pipeline_matches_stored_text():
    stored = search_chars(normalize("第３回　防災訓練（ボウサイクンレン）"))
    query = search_chars(normalize("ﾎﾞｳｻｲ"))
    assert query in stored


@given(st.text())
def test_search_chars_shape(text):
    s = search_chars(normalize(text))
    assert s == s.strip()
    assert "  " not in s
    assert s.replace(" ", "") == normalize(text).replace(" ", "")
    if s:
        assert all(len(tok) == 1 for tok in s.split(" "))


# --------------------------------------------------------------------------
# yomi_key
# --------------------------------------------------------------------------


def test_yomi_key_basic():
    assert yomi_key("サトウ") == "さとう"
    assert yomi_key("ｻﾄｳ", "佐藤") == "さとう"
    assert yomi_key(None, "佐藤") == "佐藤"
    assert yomi_key("", "佐藤") == "佐藤"
    assert yomi_key(" \u3000", "佐藤") == "佐藤"
    assert yomi_key(None) == ""
    assert yomi_key(None, None) == ""


def test_yomi_key_sort_order():
    people = [
        ("鈴木", "スズキ"),
        ("佐藤", "さとう"),
        ("阿部", "ｱﾍﾞ"),
        ("渡辺", None),  # no reading: falls back to the name, sorts after kana
        ("伊藤", "イトウ"),
        ("加藤", "かとう"),
        ("後藤", "ごとう"),
        ("斎藤", "サイトウ"),
        ("今野", "こんの"),
        ("喜屋武", "きゃん"),
        ("木山", "きやま"),
        ("大野", "オオノ"),
    ]
    ordered = [name for name, yomi in sorted(people, key=lambda p: yomi_key(p[1], p[0]))]
    assert ordered == [
        "阿部",  # あべ
        "伊藤",  # いとう
        "大野",  # おおの
        "加藤",  # かとう
        "喜屋武",  # きゃん (small ゃ just before や)
        "木山",  # きやま
        # code-point order: voicing is a primary difference (こ < ご), so こんの
        # sorts before ごとう — unlike a dictionary's 五十音 collation.
        "今野",  # こんの
        "後藤",  # ごとう
        "斎藤",  # さいとう
        "佐藤",  # さとう
        "鈴木",  # すずき
        "渡辺",  # fallback kanji after all kana
    ]


# --------------------------------------------------------------------------
# 和暦
# --------------------------------------------------------------------------


def test_eras_table():
    assert [(e.name, e.letter, e.start) for e in ERAS] == [
        ("明治", "M", date(1868, 10, 23)),
        ("大正", "T", date(1912, 7, 30)),
        ("昭和", "S", date(1926, 12, 25)),
        ("平成", "H", date(1989, 1, 8)),
        ("令和", "R", date(2019, 5, 1)),
    ]


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(1868, 10, 22), "1868年10月22日"),
        (date(1868, 10, 23), "明治元年10月23日"),
        (date(1869, 1, 1), "明治2年1月1日"),
        (date(1912, 7, 29), "明治45年7月29日"),
        (date(1912, 7, 30), "大正元年7月30日"),
        (date(1926, 12, 24), "大正15年12月24日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1927, 1, 1), "昭和2年1月1日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2020, 1, 1), "令和2年1月1日"),
        (date(2025, 4, 1), "令和7年4月1日"),
        (date(1867, 1, 1), "1867年1月1日"),
    ],
)
def test_wareki_boundaries(d, expected):
    assert wareki(d) == expected
    assert parse_date(expected) == d


def test_wareki_weekday_and_datetime():
    assert wareki(date(2025, 4, 1), with_weekday=True) == "令和7年4月1日（火）"
    assert wareki(datetime(2025, 4, 1, 23, 59)) == "令和7年4月1日"
    assert seireki(date(2025, 4, 1)) == "2025年4月1日"
    assert seireki(datetime(2025, 4, 1, 9), with_weekday=True) == "2025年4月1日（火）"
    assert wareki(date(1867, 1, 1), with_weekday=True) == "1867年1月1日（火）"


def test_wareki_year():
    assert wareki_year(date(2025, 4, 1)) == "令和7年"
    assert wareki_year(date(2019, 5, 1)) == "令和元年"
    assert wareki_year(date(2019, 4, 30)) == "平成31年"
    assert wareki_year(date(1989, 1, 7)) == "昭和64年"
    assert wareki_year(date(1867, 6, 1)) == "1867年"


def test_format_date():
    d = date(2025, 4, 1)
    assert format_date(d, True) == "令和7年4月1日"
    assert format_date(d, False) == "2025年4月1日"
    assert format_date(d, era=True, with_weekday=True) == "令和7年4月1日（火）"


def test_era_of():
    assert era_of(date(1868, 10, 22)) is None
    assert era_of(date(2019, 5, 1)).name == "令和"
    assert era_of(date(2019, 4, 30)).name == "平成"


# --------------------------------------------------------------------------
# 年度
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2025, 3, 31), 2024),
        (date(2025, 4, 1), 2025),
        (date(2025, 12, 31), 2025),
        (date(2026, 1, 1), 2025),
        (datetime(2025, 3, 31, 23, 59), 2024),
    ],
)
def test_nendo(d, expected):
    assert nendo(d) == expected


def test_nendo_range():
    assert nendo_range(2025) == (date(2025, 4, 1), date(2026, 3, 31))
    assert nendo_range(2023) == (date(2023, 4, 1), date(2024, 3, 31))


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2025, "令和7年度"),
        (2020, "令和2年度"),
        (2019, "令和元年度"),  # era changed 2019-05-01, inside the FY
        (2018, "平成30年度"),
        (1989, "平成元年度"),  # 平成 began 1989-01-08, before the FY began
        (1988, "昭和63年度"),  # FY ends in 平成, but is still 昭和63年度
        (1990, "平成2年度"),
        (1926, "昭和元年度"),
        (1925, "大正14年度"),
        (1912, "大正元年度"),
        (1868, "明治元年度"),
        (1867, "1867年度"),
    ],
)
def test_nendo_label(year, expected):
    assert nendo_label(year) == expected
    assert nendo_label(year, era=True) == expected


def test_nendo_label_seireki():
    assert nendo_label(2025, era=False) == "2025年度"
    assert nendo_label(2019, era=False) == "2019年度"


@given(dates)
def test_nendo_properties(d):
    y = nendo(d)
    assert y in {d.year, d.year - 1}
    start, end = nendo_range(y)
    assert start <= d <= end
    assert (end - start).days in (364, 365)
    assert nendo(start) == nendo(end) == y
    assert nendo(start - timedelta(days=1)) == y - 1
    assert nendo(end + timedelta(days=1)) == y + 1


# --------------------------------------------------------------------------
# parse_date
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-04-01", date(2025, 4, 1)),
        ("2025/4/1", date(2025, 4, 1)),
        ("2025.4.1", date(2025, 4, 1)),
        ("2025年4月1日", date(2025, 4, 1)),
        ("令和7年4月1日", date(2025, 4, 1)),
        ("令和７年４月１日", date(2025, 4, 1)),
        ("R7.4.1", date(2025, 4, 1)),
        ("r07/04/01", date(2025, 4, 1)),
        ("Ｒ７．４．１", date(2025, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("令和1年5月1日", date(2019, 5, 1)),
        ("㋿7年4月1日", date(2025, 4, 1)),
        ("H31.4.30", date(2019, 4, 30)),
        ("平成元年1月8日", date(1989, 1, 8)),
        ("S64.1.7", date(1989, 1, 7)),
        ("T15.12.24", date(1926, 12, 24)),
        ("M45.7.29", date(1912, 7, 29)),
        ("２０２５－０４－０１", date(2025, 4, 1)),
        ("2025\u221204\u221201", date(2025, 4, 1)),
        ("  2025年 4月 1日 ", date(2025, 4, 1)),
        ("令和7年4月1日（火）", date(2025, 4, 1)),
        ("2025/4/1(火曜日)", date(2025, 4, 1)),
        ("1867年1月1日", date(1867, 1, 1)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "2025",
        "2025-04",
        "25/4/1",
        "2025/4-1",
        "2025年4月1",
        "2025年4/1",
        "2025-04-01日",
        "元年4月1日",
        "X7.4.1",
        "令和0年5月1日",
        "令和7年",
        "2025-04-01T10:00",
        "2025年4月1日（水）",  # wrong weekday
        "2025-02-30",
        "2025年13月1日",
        "令和1年4月1日",  # before 令和 began
        "令和元年4月30日",
        "平成31年5月1日",  # after 平成 ended
        "昭和64年1月8日",
        "S65.1.1",
        "大正15年12月25日",
        "明治元年10月22日",
        "M1.1.1",
    ],
)
def test_parse_date_rejects(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_parse_date_messages_are_japanese():
    with pytest.raises(ValueError, match="日付として読めません"):
        parse_date("あした")
    with pytest.raises(ValueError, match="令和の期間外"):
        parse_date("令和1年4月1日")
    with pytest.raises(ValueError, match="存在しない日付"):
        parse_date("2025-02-30")


def test_parse_date_type_error():
    with pytest.raises(TypeError):
        parse_date(None)  # type: ignore[arg-type]


@given(dates, st.booleans())
def test_parse_wareki_round_trip(d, with_weekday):
    assert parse_date(wareki(d, with_weekday=with_weekday)) == d


@given(dates, st.booleans())
def test_parse_seireki_round_trip(d, with_weekday):
    assert parse_date(seireki(d, with_weekday=with_weekday)) == d


@given(dates)
def test_parse_other_forms_round_trip(d):
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{d.year}/{d.month}/{d.day}") == d
    e = era_of(d)
    n = d.year - e.start.year + 1
    assert parse_date(f"{e.letter}{n}.{d.month}.{d.day}") == d
