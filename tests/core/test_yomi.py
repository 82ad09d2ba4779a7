"""よみ suggested from a name (Sudachi readings, the ward's own place names first), and blank よみ sorting last."""

import pytest

from meguro_jukyo.core import analysis
from meguro_jukyo.core.demo.phrases import ASSOCIATION_SUFFIXES, TOWNS
from meguro_jukyo.core.resources import load_json
from meguro_jukyo.core.services import ListQuery

JUKYO = [(j["name"], j["yomi"]) for d in load_json("areas.json")["districts"] for j in d["jukyo"]]


def test_the_22_jukyo_read_as_the_ward_reads_them():
    assert len(JUKYO) == 22
    for name, yomi in JUKYO:
        assert analysis.reading(f"{name}住区住民会議") == f"{yomi}じゅうくじゅうみんかいぎ", name
        assert analysis.reading(f"{name}住区") == f"{yomi}じゅうく", name
    # where a dictionary reads otherwise
    assert analysis.reading("碑住区") == "いしぶみじゅうく"
    assert analysis.reading("田道") == "でんどう"
    assert analysis.reading("向原") == "むこうはら"
    assert analysis.reading("油面住区") == "ゆめんじゅうく"


def test_a_place_name_inside_a_word_does_not_take_over_an_ordinary_word():
    assert analysis.reading("記念碑") == "きねんひ"  # 碑 alone is not the 住区
    assert analysis.reading("南部") == "なんぶ"  # the district, not 南 + 部


@pytest.mark.parametrize("town, town_yomi", sorted({t for towns in TOWNS.values() for t in towns}))
def test_common_association_names(town, town_yomi):
    for suffix, suffix_yomi in ASSOCIATION_SUFFIXES:
        assert analysis.reading(town + suffix) == town_yomi + suffix_yomi


def test_readings_are_hiragana_and_keep_what_has_none():
    assert analysis.reading("佐藤 花子") == "さとうはなこ"
    assert analysis.reading("ボランティアの会") == "ぼらんてぃあのかい"
    assert analysis.reading("ＮＰＯ法人めぐろ") == "npoほうじんめぐろ"
    assert analysis.reading("") == analysis.reading("   ") == ""


def test_a_blank_yomi_sorts_after_every_other(services):
    names = {"無名会": "", "わかば会": "わかばかい", "あおい会": "あおいかい", "空白会": "  "}
    for name, yomi in names.items():
        services.organizations.create({"kind": "association", "name": name, "yomi": yomi, "jukyo_code": "komaba"})

    def listed(q=None):
        return [o.name for o in services.organizations.list(q) if o.name in names]

    ascending, descending = listed(), listed(ListQuery(order_by=[("yomi", True)]))
    assert ascending[:2] == ["あおい会", "わかば会"] and set(ascending[2:]) == {"無名会", "空白会"}
    assert descending[:2] == ["わかば会", "あおい会"] and set(descending[2:]) == {"無名会", "空白会"}
