"""The policy framework: verbatim extraction from the ward plan, loader, suggester."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED_NAME = "000_e7c1e07bc2d6349d.txt"
SEED = REPO / ".." / "shared" / "seeds" / SEED_NAME
JSON_PATH = REPO / "meguro_jukyo" / "resources" / "policy" / "meguro-basic-plan-2022.json"
BUILDER = REPO / "tools" / "build_policy.py"

try:
    from meguro_jukyo.core import policy
except ModuleNotFoundError:  # package not installed: run from the checkout
    sys.path.insert(0, str(REPO))
    from meguro_jukyo.core import policy

from meguro_jukyo.core.policy import (  # noqa: E402
    PolicyFramework,
    PolicyNode,
    Suggester,
    Suggestion,
    load_framework,
)

ITEM_COUNTS = {
    "1-1-1": 3,
    "1-2-1": 5,
    "1-2-2": 3,
    "2-1-1": 4,
    "2-2-1": 3,
    "2-2-2": 4,
    "3-1-1": 5,
    "3-1-2": 4,
    "3-2-1": 5,
    "3-2-2": 4,
    "3-2-3": 2,
    "3-3-1": 3,
    "3-3-2": 4,
}


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def fw() -> PolicyFramework:
    return load_framework()


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"seed file {SEED} not available")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def suggester(fw: PolicyFramework) -> Suggester:
    return Suggester(fw)


# -- structure -------------------------------------------------------------


def test_header(fw: PolicyFramework) -> None:
    assert fw.plan_id == "meguro-basic-plan-2022"
    assert fw.title == "目黒区基本計画 第２部 区政運営方針"
    assert fw.source["document"] == "目黒区基本計画 第２部「区政運営方針」"
    assert fw.source["file"] == SEED_NAME
    assert len(fw.source["sha256"]) == 64
    assert len(fw.intro) == 2
    assert fw.intro[0].startswith("目黒区基本構想は、おおよそ２０年先の令和２２（２０４０）年")
    assert fw.intro[1].endswith("ＳＤＧｓが目的とする「誰一人取り残さない」包括的な社会の実現に繋げていきます。")


def test_counts(fw: PolicyFramework) -> None:
    levels = Counter(n.level for n in fw.nodes)
    assert levels == {"policy": 3, "approach": 7, "viewpoint": 13, "item": 49}
    assert [n.id for n in fw.policies()] == ["1", "2", "3"]
    assert [n.id for n in fw.approaches()] == ["1-1", "1-2", "2-1", "2-2", "3-1", "3-2", "3-3"]
    assert [n.id for n in fw.viewpoints()] == list(ITEM_COUNTS)
    assert {vp.id: len(fw.items(vp.id)) for vp in fw.viewpoints()} == ITEM_COUNTS
    for vp_id, count in ITEM_COUNTS.items():
        assert [it.id for it in fw.items(vp_id)] == [f"{vp_id}.{k}" for k in range(1, count + 1)]


def test_ids_unique_and_parents_exist(fw: PolicyFramework) -> None:
    ids = [n.id for n in fw.nodes]
    assert len(ids) == len(set(ids))
    seen: dict[str, PolicyNode] = {}
    expected_parent_level = {"approach": "policy", "viewpoint": "approach", "item": "viewpoint"}
    for n in fw.nodes:
        if n.level == "policy":
            assert n.parent is None
        else:
            assert n.parent in seen, f"{n.id}: parent {n.parent} must come earlier"
            assert seen[n.parent].level == expected_parent_level[n.level]
            sep = "." if n.level == "item" else "-"
            assert n.id.startswith(n.parent + sep)
        seen[n.id] = n


def test_document_order(fw: PolicyFramework) -> None:
    """Policy, its approaches, each approach's viewpoints, each viewpoint's items."""

    def walk(node_id: str | None) -> list[str]:
        out: list[str] = []
        for child in fw.children(node_id):
            out.append(child.id)
            out.extend(walk(child.id))
        return out

    assert walk(None) == [n.id for n in fw.nodes]


def test_labels_and_titles(fw: PolicyFramework) -> None:
    n = fw.node("1")
    assert (n.level, n.parent, n.label, n.title) == ("policy", None, "方針１", "平和と人権・多様性の尊重")
    n = fw.node("1-1")
    assert (n.label, n.title) == ("区政運営の考え方１－１", "平和への貢献")
    n = fw.node("1-1-1")
    assert (n.label, n.title, n.paragraphs) == ("施策立案の視点１", "平和の尊さの継承と国際交流", ())
    assert fw.node("1-2-2").title == "多様性の尊重（ダイバーシティ＆インクルージョン）"
    assert fw.node("3-2").title == "「人財」の育成・活用と組織の活性化"
    assert fw.node("3-2-3").label == "施策立案の視点３"
    assert fw.node("3-3-2").title == "時代に即した資産経営・施設サービスの実現"
    for it in fw.items():
        assert (it.label, it.title, len(it.paragraphs)) == ("○", "", 1)


# -- verbatim text ---------------------------------------------------------


def all_paragraphs(fw: PolicyFramework) -> list[str]:
    return [*fw.intro, *(p for n in fw.nodes for p in n.paragraphs)]


def test_text_hygiene(fw: PolicyFramework) -> None:
    texts = all_paragraphs(fw) + [n.title for n in fw.nodes] + [n.label for n in fw.nodes]
    for t in texts:
        assert "\n" not in t
        assert t == t.strip()
        # every space in the seed is layout: none may survive inside a text
        assert squeeze(t) == t, repr(t)
    for p in all_paragraphs(fw):
        assert p, "empty paragraph"
        assert "○" not in p, p
        assert p.endswith("。"), p
    for n in fw.nodes:
        assert "○" not in n.title
        if n.level != "item":
            assert n.label != "○" and n.title


def test_not_normalised(fw: PolicyFramework) -> None:
    """Full-width digits, letters and punctuation are kept (no NFKC)."""
    text = "".join(all_paragraphs(fw))
    for s in ("令和２２（２０４０）年", "ＳＤＧｓ", "ＰＤＣＡ", "ＩＣＴツール", "ＤＸ（デジタル・トランスフォーメーション）"):
        assert s in text
    assert "2040" not in text and "SDGs" not in text


def test_paragraph_splitting(fw: PolicyFramework) -> None:
    assert [len(fw.node(i).paragraphs) for i in ("1", "2", "3")] == [8, 9, 6]
    assert {a.id: len(a.paragraphs) for a in fw.approaches()} == {
        "1-1": 1, "1-2": 1, "2-1": 1, "2-2": 1, "3-1": 2, "3-2": 3, "3-3": 1,
    }
    p2 = fw.node("2").paragraphs
    # continues across a page break (" 限られた行財政資源の中で…" in the seed)
    assert p2[-1].startswith("限られた行財政資源の中で、効果的・効率的な区政運営")
    assert p2[-1].endswith("時代に即した取組が求められています。")
    p1 = fw.node("1").paragraphs
    # a paragraph whose last line is a full line ending with 。
    assert p1[6].endswith("より一層人権・多様性の尊重に向けた取組を進めていく必要があります。")
    assert p1[7].startswith("こうした状況の中、区はこれまで、")
    assert fw.node("2").paragraphs[1].startswith("また、伝統的な地縁組織である町会・自治会は")
    p3 = fw.node("3").paragraphs
    assert p3[0].startswith("目黒区は、平成１２（２０００）年に策定した基本構想において")
    assert p3[1].startswith("そうした中で、区が、ポストコロナを見据え")
    a31 = fw.node("3-1").paragraphs
    assert a31[0].endswith("提供する行政サービスを最適化していきます。")
    assert a31[1].startswith("事業実施においては、常に実施目的を意識した")
    a32 = fw.node("3-2").paragraphs
    assert a32[1].startswith("事務事業のビルド・アンド・スクラップ、")
    assert a32[2].startswith("限りある行財政資源の中で、区の目指すビジョンの実現には")


def test_exact_items(fw: PolicyFramework) -> None:
    assert fw.node("1-1-1.1").text == (
        "区民が戦争の悲惨さを忘れることなく、戦争や核兵器のない世界を願い、平和の尊さをあらため"
        "て考えることができるよう、学び・考える機会の創出や周知・啓発に努めます。"
    )
    assert fw.node("2-1-1.2").text == (
        "地域の誰もが参加でき、意見交換・協議による合意形成等、「地域課題を解決する場」「住民参"
        "加・協議の場」としての住区住民会議の役割を明確化し、機能の充実や活性化を図っていきます。"
    )
    assert fw.node("2-2-1.3").text == (
        "効果的・効率的な行財政運営の観点から、民間活力の活用を推進していくことを基本とします。"
        "行政経営の視点で、業務の効率化と区民サービスの向上に向けて取り組んでいくとともに、社会"
        "経済状況や区政を取り巻く環境の変化等も踏まえて絶えず見直しを行っていきます。"
    )
    assert fw.node("3-2-3.2").text == (
        "複雑・多様化する行政課題に対して、各部局が主体的に連携・調整し、課題解決に向けて効果"
        "的・効率的な事務事業を実施できるよう、組織力の強化を図り、部局横断的な検討・事業実施の"
        "体制整備を進めていきます。"
    )
    assert fw.node("3-3-1.3").text == (
        "区民や事業者等の権利・利益などが害されることのないよう対策を徹底した上で、オープンデー"
        "タ化を推進することで、区政の透明性及び信頼の向上を図り、公民連携の一層の推進による行政"
        "課題の解決や新規事業の創出、区民サービスの更なる向上を実現します。"
    )
    assert fw.node("3-3-2.4").text == (
        "公園、道路、橋りょう等インフラ施設についても、長期的視点に立った老朽化対策を推進する"
        "視点を持ち、適切な維持管理を実施します。"
    )


def test_texts_appear_in_seed(fw: PolicyFramework, seed_text: str) -> None:
    flat = squeeze(seed_text)
    for n in fw.nodes:
        if n.level != "item":
            assert n.label + n.title in flat
            assert n.title in flat
        for p in n.paragraphs:
            assert p in flat, p
    for p in fw.intro:
        assert p in flat


def test_texts_are_in_order_subsequence_of_seed(fw: PolicyFramework, seed_text: str) -> None:
    flat = squeeze(seed_text)
    pieces = list(fw.intro)
    for n in fw.nodes:
        pieces.append(n.label + n.title)
        pieces.extend(n.paragraphs)
    pos = 0
    for piece in pieces:
        found = flat.find(piece, pos)
        assert found >= 0, f"not found in order: {piece[:30]}…"
        pos = found + len(piece)


def test_seed_is_fully_accounted_for(fw: PolicyFramework, seed_text: str) -> None:
    """Part heading + intro + 【方針の体系】 + the headings + the body rebuild the seed
    exactly (whitespace aside): nothing dropped, added or reworded."""
    headings = "".join(n.label + n.title for n in fw.nodes if n.level != "item")
    body = "".join(n.label + n.title + "".join(n.paragraphs) for n in fw.nodes)
    rebuilt = "第２部区政運営方針" + "".join(fw.intro) + "【方針の体系】" + headings + body
    assert rebuilt == squeeze(seed_text)


def test_every_seed_item_maps_to_one_item(fw: PolicyFramework, seed_text: str) -> None:
    flat = squeeze(seed_text)
    marks = [i for i, c in enumerate(flat) if c == "○"]
    assert seed_text.count("○") == len(marks) == 49
    positions = []
    for it in fw.items():
        needle = "○" + it.text
        first = flat.find(needle)
        assert first >= 0 and flat.find(needle, first + 1) < 0, it.id
        positions.append(first)
    assert positions == marks


def test_source_hash(fw: PolicyFramework, seed_text: str) -> None:
    assert fw.source["sha256"] == hashlib.sha256(SEED.read_bytes()).hexdigest()


def test_json_is_builder_output(tmp_path: Path, seed_text: str) -> None:
    out = tmp_path / "policy.json"
    proc = subprocess.run(
        [sys.executable, str(BUILDER), str(SEED), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == JSON_PATH.read_bytes()


def test_json_layout() -> None:
    raw = JSON_PATH.read_text(encoding="utf-8")
    assert raw.endswith("}\n") and "\\u" not in raw
    data = json.loads(raw)
    assert list(data) == ["plan_id", "title", "source", "intro", "nodes"]
    assert list(data["source"]) == ["document", "file", "sha256"]
    for node in data["nodes"]:
        assert list(node) == ["id", "level", "parent", "label", "title", "paragraphs"]


# -- loader API ------------------------------------------------------------


def test_load_default_and_explicit_path(fw: PolicyFramework) -> None:
    again = load_framework(JSON_PATH)
    assert again == fw
    assert again is not fw  # nothing cached
    assert load_framework(str(JSON_PATH)).to_json_dict() == fw.to_json_dict()


def test_to_json_dict_matches_file(fw: PolicyFramework) -> None:
    data = fw.to_json_dict()
    assert data == json.loads(JSON_PATH.read_text(encoding="utf-8"))
    json.dumps(data, ensure_ascii=False)  # plain JSON types
    assert PolicyFramework.from_json_dict(data) == fw


def test_node_lookup(fw: PolicyFramework) -> None:
    assert "2-1-1" in fw and "9-9" not in fw
    with pytest.raises(KeyError):
        fw.node("9-9")
    assert fw.get("9-9") is None
    with pytest.raises(KeyError):
        fw.children("9-9")
    with pytest.raises(ValueError):
        fw.items("2-1")


def test_children_path_text(fw: PolicyFramework) -> None:
    assert [n.id for n in fw.children(None)] == ["1", "2", "3"]
    assert [n.id for n in fw.children("3")] == ["3-1", "3-2", "3-3"]
    assert [n.id for n in fw.children("3-2")] == ["3-2-1", "3-2-2", "3-2-3"]
    assert fw.children("3-2-3.1") == ()
    assert [n.id for n in fw.path("3-2-3.1")] == ["3", "3-2", "3-2-3", "3-2-3.1"]
    assert [n.id for n in fw.path("1")] == ["1"]
    assert fw.viewpoint_of("3-2-3.1").id == "3-2-3"
    assert fw.viewpoint_of("3-2") is None
    a32 = fw.node("3-2")
    assert a32.text == "\n".join(a32.paragraphs) and a32.text.count("\n") == 2
    assert fw.node("3-2-3").text == ""
    assert fw.node("3-2-3").heading == "施策立案の視点３ 組織マネジメントの強化"


def test_frozen(fw: PolicyFramework) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        fw.node("1").title = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        fw.plan_id = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        fw.source["file"] = "x"  # type: ignore[index]


def test_invalid_frameworks_rejected() -> None:
    p = PolicyNode("1", "policy", None, "方針１", "t", ())
    with pytest.raises(ValueError):
        PolicyFramework("x", "x", {}, (), (p, p))
    with pytest.raises(ValueError):
        PolicyFramework("x", "x", {}, (), (PolicyNode("1-1", "approach", "9", "a", "t"),))
    with pytest.raises(ValueError):
        PolicyFramework("x", "x", {}, (), (p, PolicyNode("1-1", "viewpoint", "1", "v", "t")))


# -- suggester -------------------------------------------------------------

SANITY = [
    ("町会の加入者が減り、地域のつながりが弱くなっている", {"2-1-1"}),
    ("区の情報がホームページで見つけにくい、広報を工夫してほしい", {"2-2-2"}),
    ("個人情報の管理とオープンデータ", {"3-3-1"}),
    ("公園や道路の老朽化", {"3-3-2"}),
    ("外国人住民との交流", {"1-1-1", "1-2-2"}),
]


@pytest.mark.parametrize(("text", "expected"), SANITY)
def test_suggest_sanity(suggester: Suggester, text: str, expected: set[str]) -> None:
    got = suggester.suggest(text)
    assert got, text
    assert got[0].viewpoint_id in expected, got


def test_suggest_shape(fw: PolicyFramework, suggester: Suggester) -> None:
    for text, _ in SANITY:
        got = suggester.suggest(text, limit=5)
        assert 1 <= len(got) <= 5
        assert all(isinstance(s, Suggestion) for s in got)
        scores = [s.score for s in got]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 < s <= 1.0 for s in scores)
        assert len({s.viewpoint_id for s in got}) == len(got)
        for s in got:
            assert fw.node(s.viewpoint_id).level == "viewpoint"
            if s.item_id is not None:
                assert fw.node(s.item_id).parent == s.viewpoint_id
    top = suggester.suggest("個人情報の管理とオープンデータ")[0]
    assert top.item_id == "3-3-1.3"
    assert suggester.suggest("公園や道路の老朽化")[0].item_id == "3-3-2.4"
    assert len(suggester.suggest("職員の働き方", limit=1)) == 1
    assert suggester.suggest("職員の働き方", limit=0) == []


def test_suggestions_leave_out_the_viewpoints_already_linked(suggester):
    text = "公園や道路の老朽化"
    first, *rest = suggester.suggest(text, limit=4)
    without = suggester.suggest(text, limit=3, exclude={first.viewpoint_id})
    assert first.viewpoint_id not in {s.viewpoint_id for s in without}
    assert [s.viewpoint_id for s in without] == [s.viewpoint_id for s in rest][:3]  # the next best move up


DISASTER_DRILL = ("防災訓練の内容の見直し\n例年の防災訓練が消火器の使い方の説明だけになっている。田道広場公園で"
                  "避難所の開設から炊き出しまでを実際に行う訓練にしたいという声がある。")


@pytest.mark.parametrize("text", ["防災訓練の内容の見直し", DISASTER_DRILL, "イベントの内容を見直す"])
def test_a_word_the_framework_uses_everywhere_carries_no_suggestion(suggester: Suggester, text: str) -> None:
    """「見直し」 is in 3-1-1's title (事務事業の抜本的な見直し) and in most 視点; a 防災 issue shares
    nothing else with the framework, so nothing is suggested rather than 3-1-1."""
    assert "3-1-1" in {s.viewpoint_id for s in suggester.scores(text)[:1]}  # what plain similarity picks
    assert suggester.suggest(text) == []


def test_suggestions_rest_on_words_specific_to_the_viewpoint(suggester: Suggester) -> None:
    got = suggester.suggest("防災倉庫の備蓄品点検\n震災に備えて防災倉庫の備蓄品を点検し、町会の加入者を増やして"
                            "地域のつながりを強めたい。")
    assert [s.viewpoint_id for s in got] == ["2-1-1"]
    assert all(s.evidence >= Suggester.MIN_EVIDENCE for text, _ in SANITY for s in suggester.suggest(text))


@pytest.mark.parametrize("text", ["", " ", "　\n", "あ", "。、", "今日はいい天気ですね", "xyz qqq"])
def test_suggest_nothing_for_empty_or_unrelated(suggester: Suggester, text: str) -> None:
    assert suggester.suggest(text) == []


def test_suggest_deterministic(fw: PolicyFramework, suggester: Suggester) -> None:
    other = Suggester(load_framework())
    for text, _ in SANITY + [("職員の働き方", set()), ("集会所が使いにくい", set())]:
        first = suggester.suggest(text, limit=13)
        assert suggester.suggest(text, limit=13) == first
        assert other.suggest(text, limit=13) == first


def test_suggest_folds_width_and_kana(suggester: Suggester) -> None:
    full = suggester.suggest("コミュニティ形成の支援")
    assert suggester.suggest("ｺﾐｭﾆﾃｨ形成の支援") == full
    assert full[0].viewpoint_id == "2-1-1"
    assert suggester.suggest("こみゅにてぃ形成の支援")[0].viewpoint_id == "2-1-1"
    assert suggester.suggest("ＤＸの推進")[0].viewpoint_id == suggester.suggest("DXの推進")[0].viewpoint_id


def test_suggest_ties_broken_by_document_order() -> None:
    item_text = "公園の清掃活動を地域で進めます。"
    nodes = [PolicyNode("1", "policy", None, "方針１", "方針")]
    for a in ("1-1", "1-2"):
        nodes += [
            PolicyNode(a, "approach", "1", "考え方", "同じ考え方"),
            PolicyNode(f"{a}-1", "viewpoint", a, "視点", "同じ視点"),
            PolicyNode(f"{a}-1.1", "item", f"{a}-1", "○", "", (item_text,)),
            PolicyNode(f"{a}-1.2", "item", f"{a}-1", "○", "", (item_text,)),
        ]
    s = Suggester(PolicyFramework("t", "t", {}, (), tuple(nodes)))
    got = s.suggest("公園の清掃")
    assert [g.viewpoint_id for g in got] == ["1-1-1", "1-2-1"]
    assert got[0].score == got[1].score
    assert [g.item_id for g in got] == ["1-1-1.1", "1-2-1.1"]


def test_module_has_no_qt_or_db_imports() -> None:
    src = Path(policy.__file__).read_text(encoding="utf-8")
    for name in ("PySide6", "sqlmodel", "sqlalchemy"):
        assert name not in src
