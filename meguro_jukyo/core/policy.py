"""The ward plan's policy framework (目黒区基本計画 第２部「区政運営方針」).

Pure Python: no Qt, no database.  The framework is read from the JSON written
by ``tools/build_policy.py`` (``meguro_jukyo/resources/policy/meguro-basic-plan-2022.json``);
its texts are verbatim from the plan and must not be edited by hand.

Node ids::

    "1"         方針１                       level "policy"
    "1-2"       区政運営の考え方１－２        level "approach"
    "1-2-2"     施策立案の視点２ (of 1-2)     level "viewpoint"
    "1-2-2.3"   third ○ item of 1-2-2        level "item"

:class:`Suggester` proposes 施策立案の視点 for a free text (an issue, an agenda
item) offline, by character n-gram TF-IDF cosine similarity.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .resources import resource_path

__all__ = [
    "DEFAULT_PATH",
    "LEVELS",
    "PolicyFramework",
    "PolicyNode",
    "Suggester",
    "Suggestion",
    "load_framework",
    "normalize_for_matching",
]

LEVELS = ("policy", "approach", "viewpoint", "item")
_PARENT_LEVEL = {"policy": None, "approach": "policy", "viewpoint": "approach", "item": "viewpoint"}
_NODE_KEYS = ("id", "level", "parent", "label", "title", "paragraphs")


def default_path() -> Path:
    return resource_path("policy", "meguro-basic-plan-2022.json")


DEFAULT_PATH = default_path()


@dataclass(frozen=True, slots=True)
class PolicyNode:
    id: str
    level: str
    parent: str | None
    label: str
    title: str
    paragraphs: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The node's own paragraphs, joined by newlines ("" for a 視点)."""
        return "\n".join(self.paragraphs)

    @property
    def heading(self) -> str:
        """``"施策立案の視点１ 平和の尊さの継承と国際交流"``; ``"○"`` for an item."""
        return f"{self.label} {self.title}" if self.title else self.label

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "level": self.level,
            "parent": self.parent,
            "label": self.label,
            "title": self.title,
            "paragraphs": list(self.paragraphs),
        }


@dataclass(frozen=True)
class PolicyFramework:
    plan_id: str
    title: str
    source: Mapping[str, str]
    intro: tuple[str, ...]
    nodes: tuple[PolicyNode, ...]
    _by_id: Mapping[str, PolicyNode] = field(init=False, repr=False, compare=False)
    _children: Mapping[str | None, tuple[PolicyNode, ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", MappingProxyType(dict(self.source)))
        object.__setattr__(self, "intro", tuple(self.intro))
        object.__setattr__(self, "nodes", tuple(self.nodes))
        by_id: dict[str, PolicyNode] = {}
        children: dict[str | None, list[PolicyNode]] = {None: []}
        for n in self.nodes:
            if n.level not in _PARENT_LEVEL:
                raise ValueError(f"node {n.id!r}: unknown level {n.level!r}")
            if n.id in by_id:
                raise ValueError(f"duplicate node id {n.id!r}")
            want = _PARENT_LEVEL[n.level]
            if want is None:
                if n.parent is not None:
                    raise ValueError(f"node {n.id!r}: a policy has no parent")
            else:
                parent = by_id.get(n.parent) if n.parent is not None else None
                if parent is None:
                    raise ValueError(f"node {n.id!r}: parent {n.parent!r} missing or later")
                if parent.level != want:
                    raise ValueError(f"node {n.id!r}: parent {n.parent!r} is not a {want}")
            by_id[n.id] = n
            children[n.id] = []
            children[n.parent].append(n)
        object.__setattr__(self, "_by_id", MappingProxyType(by_id))
        object.__setattr__(
            self,
            "_children",
            MappingProxyType({k: tuple(v) for k, v in children.items()}),
        )

    # -- lookup -------------------------------------------------------------
    def __contains__(self, node_id: object) -> bool:
        return node_id in self._by_id

    def __iter__(self) -> Iterator[PolicyNode]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def node(self, node_id: str) -> PolicyNode:
        try:
            return self._by_id[node_id]
        except KeyError:
            raise KeyError(f"no policy node {node_id!r} in {self.plan_id}") from None

    def get(self, node_id: str) -> PolicyNode | None:
        return self._by_id.get(node_id)

    def children(self, node_id: str | None = None) -> tuple[PolicyNode, ...]:
        """Direct children in document order; ``None`` gives the 方針."""
        if node_id is not None and node_id not in self._by_id:
            self.node(node_id)  # raises KeyError
        return self._children[node_id]

    def level(self, level: str) -> tuple[PolicyNode, ...]:
        if level not in _PARENT_LEVEL:
            raise ValueError(f"unknown level {level!r}")
        return tuple(n for n in self.nodes if n.level == level)

    def policies(self) -> tuple[PolicyNode, ...]:
        return self.level("policy")

    def approaches(self) -> tuple[PolicyNode, ...]:
        return self.level("approach")

    def viewpoints(self) -> tuple[PolicyNode, ...]:
        return self.level("viewpoint")

    def items(self, viewpoint_id: str | None = None) -> tuple[PolicyNode, ...]:
        """The ○ items of one 視点 (all items when ``viewpoint_id`` is None)."""
        if viewpoint_id is None:
            return self.level("item")
        vp = self.node(viewpoint_id)
        if vp.level != "viewpoint":
            raise ValueError(f"{viewpoint_id!r} is a {vp.level}, not a viewpoint")
        return self._children[viewpoint_id]

    def path(self, node_id: str) -> tuple[PolicyNode, ...]:
        """The node's ancestors from its 方針 down, ending with the node itself."""
        out: list[PolicyNode] = []
        n: PolicyNode | None = self.node(node_id)
        while n is not None:
            out.append(n)
            n = self._by_id[n.parent] if n.parent is not None else None
        out.reverse()
        return tuple(out)

    def viewpoint_of(self, node_id: str) -> PolicyNode | None:
        """The 視点 a node belongs to (itself for a 視点, None above that level)."""
        for n in self.path(node_id):
            if n.level == "viewpoint":
                return n
        return None

    # -- serialisation ------------------------------------------------------
    def to_json_dict(self) -> dict[str, Any]:
        """The framework as JSON data, in the same shape as the resource file."""
        return {
            "plan_id": self.plan_id,
            "title": self.title,
            "source": dict(self.source),
            "intro": list(self.intro),
            "nodes": [n.to_json_dict() for n in self.nodes],
        }

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> PolicyFramework:
        nodes = []
        for raw in data["nodes"]:
            missing = [k for k in _NODE_KEYS if k not in raw]
            if missing:
                raise ValueError(f"policy node {raw.get('id')!r} lacks {missing}")
            nodes.append(
                PolicyNode(
                    id=str(raw["id"]),
                    level=str(raw["level"]),
                    parent=None if raw["parent"] is None else str(raw["parent"]),
                    label=str(raw["label"]),
                    title=str(raw["title"]),
                    paragraphs=tuple(str(p) for p in raw["paragraphs"]),
                )
            )
        return cls(
            plan_id=str(data["plan_id"]),
            title=str(data["title"]),
            source=dict(data.get("source", {})),
            intro=tuple(str(p) for p in data.get("intro", ())),
            nodes=tuple(nodes),
        )


def load_framework(path: str | Path | None = None) -> PolicyFramework:
    """Read a framework JSON (default: the bundled 目黒区基本計画).  Not cached."""
    p = default_path() if path is None else Path(path)
    with p.open(encoding="utf-8") as fh:
        return PolicyFramework.from_json_dict(json.load(fh))


# ---------------------------------------------------------------------------
# Offline 視点 suggestion
# ---------------------------------------------------------------------------

_KATAKANA_START, _KATAKANA_END = 0x30A1, 0x30F6  # ァ..ヶ
_KANA_FOLD = {c: c - 0x60 for c in range(_KATAKANA_START, _KATAKANA_END + 1)}
_KANA_FOLD.update({0x30FD: 0x309D, 0x30FE: 0x309E})  # ヽヾ → ゝゞ
_WORD_RUN = re.compile(r"[^\W_]+")
_KANA_ONLY_WEIGHT = 0.3
#: particles: an n-gram holding one joins a word to the next ("の見", "会の", "報を"), which says
#: nothing about what the text is about
_PARTICLES = frozenset("のをがはにでともへや")


def normalize_for_matching(text: str) -> str:
    """NFKC, katakana → hiragana, lower case.  For matching only, never stored."""
    return "".join(_fold_char(c) for c in unicodedata.normalize("NFKC", text))


def _fold_char(c: str) -> str:
    low = c.lower()
    return (low if len(low) == 1 else c).translate(_KANA_FOLD)


def _is_hiragana(c: str) -> bool:
    return "\u3041" <= c <= "\u309f"


def _grams_as_written(text: str) -> Iterator[tuple[str, bool]]:
    """(n-gram folded for matching, whether it is a content n-gram as written) for every
    character bigram and trigram inside runs of letters/digits.

    A content n-gram is not made only of hiragana (particles, inflections: "との", "にく") and
    holds no particle ("の見", "会の"); katakana words, folded to hiragana for matching, are
    content as written.
    """
    nfkc = unicodedata.normalize("NFKC", text)
    folded = "".join(_fold_char(c) for c in nfkc)  # same length as nfkc
    for m in _WORD_RUN.finditer(folded):
        start, run = m.start(), m.group()
        for n in (2, 3):
            for i in range(len(run) - n + 1):
                orig = nfkc[start + i : start + i + n]
                content = not all(map(_is_hiragana, orig)) and not any(c in _PARTICLES for c in orig)
                yield run[i : i + n], content


def _ngrams(text: str) -> dict[str, float]:
    """Weighted character bigrams and trigrams: content n-grams weigh 1, the others little."""
    grams: defaultdict[str, float] = defaultdict(float)
    for gram, content in _grams_as_written(text):
        grams[gram] += 1.0 if content else _KANA_ONLY_WEIGHT
    return dict(grams)


def _summed(a: Mapping[str, float], b: Mapping[str, float]) -> dict[str, float]:
    """The weights of ``a`` and ``b`` added n-gram by n-gram (in the order ``a`` then ``b``)."""
    out = {g: c + b.get(g, 0.0) for g, c in a.items()}
    out.update((g, c) for g, c in b.items() if g not in out)
    return out


def _word_chars(text: str) -> int:
    return sum(len(r) for r in _WORD_RUN.findall(normalize_for_matching(text)))


def _normalised(vec: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    if norm == 0.0:
        return {}
    return {k: v / norm for k, v in vec.items()}


def _cosine(query: Mapping[str, float], doc: Mapping[str, float]) -> float:
    return sum(w * doc.get(g, 0.0) for g, w in query.items())


@dataclass(frozen=True, slots=True)
class Suggestion:
    viewpoint_id: str
    item_id: str | None
    score: float  # 0..1
    #: the part of the similarity owed to n-grams specific to few 視点 (see Suggester)
    evidence: float = 0.0


class Suggester:
    """Suggests 施策立案の視点 (and the closest ○ item) for a free text.

    Each 視点 is represented by its title, its items and, weighted lower, its
    考え方's title and paragraphs; each item by its own text.  Texts and the
    query are turned into character bigram+trigram TF-IDF vectors (after
    NFKC and katakana→hiragana folding) and compared by cosine similarity.
    A 視点's score blends its own similarity with that of its best item.
    Results are deterministic; equal scores are ordered by document order.

    A 視点 is suggested only with evidence: similarity owed to content n-grams
    (see :func:`_grams_as_written`) that occur in at most SPECIFIC_VIEWPOINTS
    of the 13 視点.  Words the framework uses everywhere ("見直し", "推進",
    "職員") and everyday verbs then cannot carry a suggestion alone: an issue
    about 防災訓練 no longer gets 3-1-1 事務事業の抜本的な見直し for sharing
    "見直し" — when nothing in the framework fits, nothing is suggested.
    """

    TITLE_WEIGHT = 2.0
    ITEM_WEIGHT = 1.0
    APPROACH_WEIGHT = 0.3
    VIEWPOINT_SHARE = 0.5  # score = share*viewpoint + (1-share)*best item
    MIN_SCORE = 0.04
    MIN_ITEM_SCORE = 0.08
    MIN_QUERY_CHARS = 2
    SPECIFIC_VIEWPOINTS = 4
    MIN_EVIDENCE = 0.05

    def __init__(self, framework: PolicyFramework) -> None:
        self.framework = framework
        viewpoints = framework.viewpoints()
        # Raw n-gram counts of every unit that is matched or used for IDF.
        title_grams = {vp.id: _ngrams(vp.title) for vp in viewpoints}
        item_grams = {it.id: _ngrams(it.text) for it in framework.items()}
        approach_grams = {
            ap.id: _summed(_ngrams(ap.title), _ngrams(ap.text)) for ap in framework.approaches()
        }
        documents: Iterable[dict[str, float]] = [
            *title_grams.values(),
            *item_grams.values(),
            *approach_grams.values(),
        ]
        df: Counter[str] = Counter()
        n_docs = 0
        for grams in documents:
            n_docs += 1
            df.update(grams.keys())
        self._idf = {g: math.log((1 + n_docs) / (1 + c)) + 1.0 for g, c in df.items()}

        def weigh(counts: Mapping[str, float]) -> dict[str, float]:
            return _normalised({g: c * self._idf[g] for g, c in counts.items()})

        self._order: dict[str, int] = {n.id: i for i, n in enumerate(framework.nodes)}
        self._item_vecs: dict[str, dict[str, float]] = {
            k: weigh(v) for k, v in item_grams.items()
        }
        self._vp_items: dict[str, tuple[str, ...]] = {}
        self._vp_vecs: dict[str, dict[str, float]] = {}
        for vp in viewpoints:
            acc: defaultdict[str, float] = defaultdict(float)
            for g, c in title_grams[vp.id].items():
                acc[g] += self.TITLE_WEIGHT * c
            items = framework.items(vp.id)
            self._vp_items[vp.id] = tuple(it.id for it in items)
            for it in items:
                for g, c in item_grams[it.id].items():
                    acc[g] += self.ITEM_WEIGHT * c
            assert vp.parent is not None  # every 視点 has its 方向性 (checked on load)
            for g, c in approach_grams[vp.parent].items():
                acc[g] += self.APPROACH_WEIGHT * c
            self._vp_vecs[vp.id] = weigh(acc)
        spread: Counter[str] = Counter()
        for vec in self._vp_vecs.values():
            spread.update(vec.keys())
        self._specific = frozenset(g for g, c in spread.items() if c <= self.SPECIFIC_VIEWPOINTS)

    def _query(self, text: str) -> dict[str, float]:
        grams = _ngrams(text)
        return _normalised({g: c * self._idf[g] for g, c in grams.items() if g in self._idf})

    def scores(self, text: str) -> list[Suggestion]:
        """Every 視点 scored, best first (no threshold, no limit)."""
        if _word_chars(text) < self.MIN_QUERY_CHARS:
            return []
        q = self._query(text)
        if not q:
            return []
        content = {g for g, is_content in _grams_as_written(text) if is_content}
        specific = {g: w for g, w in q.items() if g in content and g in self._specific}
        out: list[Suggestion] = []
        for vp_id, vp_vec in self._vp_vecs.items():
            vp_score = _cosine(q, vp_vec)
            evidence = _cosine(specific, vp_vec)
            best_id: str | None = None
            best = 0.0
            for it_id in self._vp_items[vp_id]:
                s = _cosine(q, self._item_vecs[it_id])
                if s > best:  # strict: the earlier item wins a tie
                    best, best_id = s, it_id
            if best_id is not None:
                evidence = max(evidence, _cosine(specific, self._item_vecs[best_id]))
            score = self.VIEWPOINT_SHARE * vp_score + (1 - self.VIEWPOINT_SHARE) * best
            score = round(min(1.0, max(0.0, score)), 6)
            item_id = best_id if best >= self.MIN_ITEM_SCORE else None
            out.append(Suggestion(vp_id, item_id, score, round(evidence, 6)))
        out.sort(key=lambda s: (-s.score, self._order[s.viewpoint_id]))
        return out

    def suggest(self, text: str, limit: int = 3, exclude: Iterable[str] = ()) -> list[Suggestion]:
        """Up to ``limit`` 視点 that fit ``text``, best first (none when nothing fits), leaving
        out the 視点 in ``exclude`` (those already linked)."""
        if limit <= 0:
            return []
        exclude = set(exclude)
        return [s for s in self.scores(text) if s.viewpoint_id not in exclude
                and s.score >= self.MIN_SCORE and s.evidence >= self.MIN_EVIDENCE][:limit]
