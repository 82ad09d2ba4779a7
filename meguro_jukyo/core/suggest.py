"""施策立案の視点 suggested for a text from three signals, each one saying why it spoke.

- **words**: the text's content words (Sudachi lemmas and compounds, :mod:`.analysis`) looked
  up in ``resources/viewpoint_terms.json``, the curated vocabulary that maps residents' words
  (遊具, 欄干, 回覧板, いじめ …) to the 視点 they concern, each entry with its reason;
- **plan**: the plan-text similarity of :class:`.policy.Suggester` (character n-grams of the
  plan's own text), which still carries texts that use the plan's wording. It is asked about
  what the text is about, not what modifies it: in 「区の施設の予約」 the issue is the 予約, and
  施設 (a word the plan's 資産経営 items use on every line) would otherwise pull the text to the
  施設 視点 twice, once through the vocabulary and once through the plan;
- **frame**: words that say how an issue was raised, not what it is about (意見交換, 要望, 提案,
  聞く …; ``frame_terms`` of the vocabulary) count for little beside a word that says what it
  is about, and are not asked of the plan text: in 「学校の建て替えに図書室も入れてほしいと意見交換」
  the issue is the 建て替え, and 意見交換 would otherwise carry it to the 住区住民会議 視点;
- **similar**: the store's own decisions (:class:`Example`): the linked issues whose words are
  closest to the text vote for the 視点 they were linked to, and a link that was made and then
  removed votes against it.

Pure and deterministic: the same text, framework and examples give the same ranking.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from . import analysis
from .policy import PolicyFramework, Suggester
from .resources import load_json

__all__ = ["Example", "Ranked", "Reason", "ViewpointSuggester"]


@dataclass(frozen=True, slots=True)
class Example:
    """One decision of the store: an issue's text linked to a 視点 (or unlinked from it)."""

    words: tuple[str, ...]  # analysis.words of the text
    viewpoint_id: str
    item_id: str | None
    title: str
    accepted: bool  # False: the link was removed


@dataclass(frozen=True, slots=True)
class Reason:
    kind: str  # "words" | "plan" | "similar"
    detail: str  # the words, the ○ item's id, or the similar issue's title

    def ja(self) -> str:
        label = {"words": "語", "plan": "計画の本文", "similar": "似た課題"}[self.kind]
        return f"{label}: {self.detail}"


@dataclass(frozen=True, slots=True)
class Ranked:
    viewpoint_id: str
    item_id: str | None
    score: float  # 0..1
    reasons: tuple[Reason, ...]


class ViewpointSuggester:
    """Ranks the 13 視点 for a text (see the module docstring).

    score = (WORDS·w + PLAN·p + SIMILAR·s) / (WORDS + PLAN + SIMILAR), each signal in 0..1:
    w saturates with the weight of the vocabulary hits, p is the plan similarity (full at
    PLAN_FULL), s is the similarity-weighted vote of the nearest examples.
    """

    WORDS = 1.0
    PLAN = 0.45
    SIMILAR = 1.0
    #: a vocabulary hit of weight 1 gives w = 1 - exp(-WORD_SATURATION)
    WORD_SATURATION = 1.0
    #: plan similarity that counts as a full signal (cosine of character n-grams: a text in the
    #: plan's own words reaches 0.3, a resident's text rarely 0.1)
    PLAN_FULL = 0.3
    #: the plan signal alone suggests a 視点 only from this strength (a shared everyday word
    #: such as 願い in よろしくお願いします is not enough)
    PLAN_ALONE = 0.5
    NEIGHBOURS = 5
    MIN_SIMILARITY = 0.5
    MIN_SCORE = 0.05
    #: words shown in a reason
    REASON_WORDS = 4
    #: a frame word's weight beside a word that says what the text is about (module docstring)
    FRAME = 0.2

    def __init__(self, framework: PolicyFramework, plan: Suggester | None = None) -> None:
        self.framework = framework
        self.plan = plan if plan is not None else Suggester(framework)
        self._order = {vp.id: i for i, vp in enumerate(framework.viewpoints())}

    @cached_property
    def vocabulary(self) -> dict[str, tuple[tuple[str, str | None, float, str], ...]]:
        """Word key → ((視点, ○ item, weight, the term as written), …); built on first use
        (it needs the analyser).

        A key has at most one hit per 視点, the heaviest: spellings that the analyser folds to
        one key (嫌がらせ, いやがらせ; 車いす, 車椅子) are one word, and a word written in two
        entries of one 視点 must not count twice."""
        found: dict[str, dict[str, tuple[str, str | None, float, str]]] = defaultdict(dict)
        for entry in load_json("viewpoint_terms.json")["entries"]:
            weight = float(entry.get("weight", 1.0))
            for term in entry["terms"]:
                key = analysis.term_key(term)
                held = found[key].get(entry["viewpoint"]) if key else None
                if key and (held is None or weight > held[2]):
                    found[key][entry["viewpoint"]] = (entry["viewpoint"], entry.get("item"), weight, term)
        return {k: tuple(v.values()) for k, v in found.items()}

    @cached_property
    def frame(self) -> frozenset[str]:
        """Keys of the vocabulary's frame words: how an issue was raised and where (the module
        docstring)."""
        vocabulary = load_json("viewpoint_terms.json")
        terms = [*vocabulary.get("frame_terms", ()), *vocabulary.get("setting_terms", ())]
        return frozenset(filter(None, map(analysis.term_key, terms)))

    @cached_property
    def _phrases(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Vocabulary terms that :func:`analysis.words` cannot give as one word (やさしい日本語:
        an adjective and a noun; 手が回らない), as their morphemes' keys, by the first one. They
        are looked for as a run of whole morphemes of the text: matched as characters of the
        text's joined keys, パート was found in スーパーと and 1つ in 1つ目.

        Which terms are phrases is asked of the term as written, not of its key: a key is folded
        to hiragana (アプリ → あぷり), and hiragana read alone splits where the katakana word
        does not."""
        found: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for entry in load_json("viewpoint_terms.json")["entries"]:
            for term in entry["terms"]:
                morphs = analysis.morphs(term)
                key = "".join(m.key for m in morphs)
                if len(morphs) > 1 and key not in analysis.words_of(morphs):
                    found[morphs[0].key].add(tuple(m.key for m in morphs))
        return {first: tuple(sorted(runs)) for first, runs in found.items()}

    # -- signals --------------------------------------------------------------
    def _words(self, words: Sequence[str], found: Sequence[analysis.Morph]
               ) -> tuple[dict[str, float], dict[str, list[str]], dict[str, dict[str, float]]]:
        """Per 視点: weight of the vocabulary hits in ``words`` (:func:`analysis.words_of`
        ``found``) and in the runs of ``found`` that are phrases, the terms hit, the ○ items
        they name.

        Each word counts once; a word inside a longer one that is in the vocabulary counts with
        it, not again (社会福祉協議会 is not also 協議, 住区センター not also 住区).
        """
        weight: dict[str, float] = defaultdict(float)
        terms: dict[str, list[str]] = defaultdict(list)
        items: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        vocabulary = self.vocabulary
        keys = [k for k in dict.fromkeys(words) if k in vocabulary]
        seq = [m.key for m in found]
        for i, first in enumerate(seq):
            for run in self._phrases.get(first, ()):
                key = "".join(run)
                if tuple(seq[i:i + len(run)]) == run and key not in keys:
                    keys.append(key)
        taken: list[str] = []
        for key in sorted(keys, key=len, reverse=True):
            if not any(key in longer for longer in taken):
                taken.append(key)
        used = [k for k in keys if k in taken]
        framed = any(k not in self.frame for k in used)  # a word says what the text is about
        for key in used:  # in text order, for the reason shown
            hits = vocabulary[key]
            spread = len({vp for vp, *_ in hits})  # a word of many 視点 says less of each
            scale = self.FRAME if framed and key in self.frame else 1.0
            for vp, item, w, term in hits:
                weight[vp] += w * scale / spread
                if term not in terms[vp]:
                    terms[vp].append(term)
                if item:
                    items[vp][item] += w
        return weight, terms, items

    def _similar(self, words: Sequence[str], examples: Sequence[Example]) -> tuple[dict[str, float], dict[str, list[Example]]]:
        """Per 視点: the vote of the nearest examples (TF-IDF cosine over words) and who voted."""
        if not examples or not words:
            return {}, {}
        df: Counter = Counter()
        for ex in examples:
            df.update(set(ex.words))
        n = len(examples)

        def vector(ws: Sequence[str]) -> dict[str, float]:
            counts = Counter(ws)
            vec = {w: c * (math.log((1 + n) / (1 + df[w])) + 1.0) for w, c in counts.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            return {w: v / norm for w, v in vec.items()}

        q = vector(words)
        scored = []
        for i, ex in enumerate(examples):
            v = vector(ex.words)
            sim = sum(w * v.get(k, 0.0) for k, w in q.items())
            if sim >= self.MIN_SIMILARITY:
                scored.append((-round(sim, 9), i, ex))
        scored.sort(key=lambda t: (t[0], t[1]))
        vote: dict[str, float] = defaultdict(float)
        voters: dict[str, list[Example]] = defaultdict(list)
        for neg_sim, _i, ex in scored[: self.NEIGHBOURS]:
            vote[ex.viewpoint_id] += -neg_sim if ex.accepted else neg_sim
            if ex.accepted:
                voters[ex.viewpoint_id].append(ex)
        return vote, voters

    # -- ranking --------------------------------------------------------------
    def rank(self, text: str, examples: Sequence[Example] = (), limit: int = 3) -> list[Ranked]:
        """Up to ``limit`` 視点 for ``text``, best first; none when nothing speaks for any."""
        if limit <= 0:
            return []
        found = analysis.morphs(text)
        words = analysis.words_of(found)
        plan = {s.viewpoint_id: s for s in self.plan.scores(_heads(found, self.frame) if found else text)}
        word_weight, word_terms, word_items = self._words(words, found)
        vote, voters = self._similar(words, examples)
        total = self.WORDS + self.PLAN + self.SIMILAR
        out: list[Ranked] = []
        for vp_id in self._order:
            reasons: list[Reason] = []
            w = 1.0 - math.exp(-self.WORD_SATURATION * word_weight.get(vp_id, 0.0))
            if w > 0:
                reasons.append(Reason("words", "・".join(word_terms[vp_id][: self.REASON_WORDS])))
            p = 0.0
            ps = plan.get(vp_id)
            if ps is not None and ps.score >= self.plan.MIN_SCORE and ps.evidence >= self.plan.MIN_EVIDENCE:
                p = min(1.0, ps.score / self.PLAN_FULL)
                if ps.item_id:
                    reasons.append(Reason("plan", ps.item_id))
            s = max(-1.0, min(1.0, vote.get(vp_id, 0.0)))
            if voters.get(vp_id):
                reasons.append(Reason("similar", voters[vp_id][0].title))
            score = (self.WORDS * w + self.PLAN * p + self.SIMILAR * s) / total
            if score < self.MIN_SCORE or not reasons or (w == 0 and s <= 0 and p < self.PLAN_ALONE):
                continue
            out.append(Ranked(vp_id, self._item(vp_id, ps, word_items.get(vp_id), voters.get(vp_id)),
                              round(min(1.0, score), 6), tuple(reasons)))
        out.sort(key=lambda r: (-r.score, self._order[r.viewpoint_id]))
        return out[:limit]

    def _item(self, vp_id: str, plan, word_items: dict[str, float] | None, voters: list[Example] | None) -> str | None:
        """The ○ item to offer: the plan text's closest, else the vocabulary's, else a neighbour's."""
        if plan is not None and plan.item_id:
            return plan.item_id
        if word_items:
            return max(sorted(word_items), key=lambda it: word_items[it])
        for ex in voters or ():
            if ex.item_id:
                return ex.item_id
        return None


def _heads(found: Sequence[analysis.Morph], frame: frozenset[str] = frozenset()) -> str:
    """The text of ``found`` without the nouns that only modify a noun after them: a run of
    nouns followed by a case-marking の and another noun (区 and 施設 in 区の施設の予約), the の
    with it; and without the morphemes whose key is in ``frame`` (意見交換 is two: 意見 and 交換,
    each dropped alone). ``"道路の苦情を言ったら公園の課へ"`` → ``"苦情を言ったら課へ"``."""
    out: list[str] = []
    i = 0
    while i < len(found):
        if found[i].key in frame or "".join(m.key for m in found[i:i + 2]) in frame:
            i += 1 if found[i].key in frame else 2
            continue
        j = i
        while j < len(found) and analysis.is_compound_part(found[j]):
            j += 1
        if j == i:
            out.append(found[i].surface)
            i += 1
            continue
        if (j + 1 < len(found) and found[j].surface == "の" and found[j].pos == "助詞"
                and found[j].subpos == "格助詞" and analysis.is_compound_part(found[j + 1])):
            i = j + 1  # the modifier and its の
        else:
            out.extend(m.surface for m in found[i:j])
            i = j
    return "".join(out)

