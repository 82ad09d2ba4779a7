"""The evaluation sets written for the 施策立案の視点 suggester (issue 13) are well formed.

They are data for judging and tuning the suggester, so what must hold is their shape: resident
texts, the same number per 視点 of the plan as main label, every label a 視点 the app's own
framework knows, no text or id twice.  How well the suggester does on them is not asserted here.

- tests/data/viewpoint_eval_fresh2.json: the blind held-out set, 104 texts, 8 per 視点;
- tests/data/viewpoint_eval_tuning2.json: the second tuning set, 260 texts from two writers,
  10 per 視点 from each.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from meguro_jukyo.core.policy import load_framework

DATA = Path(__file__).resolve().parents[1] / "data"
VIEWPOINT_IDS = {vp.id for vp in load_framework().viewpoints()}
#: file → (texts per 視点 as main label, the ids' pattern, a word its ``about`` must have)
SETS = {
    "viewpoint_eval_fresh2.json": (8, r"f2-\d{3}", "blind"),
    "viewpoint_eval_tuning2.json": (20, r"t2[ab]-\d{3}", "tuning"),
}


@pytest.fixture(scope="module", params=sorted(SETS))
def named(request):
    with (DATA / request.param).open(encoding="utf-8") as f:
        return request.param, json.load(f)


def test_header(named):
    name, data = named
    assert {"version", "about", "items"} <= set(data)
    assert data["version"] == 1
    assert SETS[name][2] in data["about"]


def test_the_framework_has_thirteen_viewpoints():
    assert len(VIEWPOINT_IDS) == 13


def test_item_count_and_ids(named):
    name, data = named
    per_viewpoint, pattern, _ = SETS[name]
    items = data["items"]
    assert len(items) == per_viewpoint * len(VIEWPOINT_IDS)
    ids = [item["id"] for item in items]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(pattern, i) for i in ids)
    for item in items:
        assert set(item) == {"id", "text", "viewpoints"}, item["id"]


def test_labels_are_the_apps_viewpoints(named):
    for item in named[1]["items"]:
        vps = item["viewpoints"]
        assert 1 <= len(vps) <= 2, item["id"]
        assert len(set(vps)) == len(vps), item["id"]
        assert set(vps) <= VIEWPOINT_IDS, item["id"]


def test_each_viewpoint_is_main_label_as_often(named):
    name, data = named
    mains = Counter(item["viewpoints"][0] for item in data["items"])
    assert mains == {vp: SETS[name][0] for vp in VIEWPOINT_IDS}


def test_texts_are_non_empty_unique_short(named):
    texts = [item["text"] for item in named[1]["items"]]
    assert all(t == t.strip() and t for t in texts)
    assert len(set(texts)) == len(texts)
    for item in named[1]["items"]:
        parts = []
        for line in item["text"].split("\n"):
            if line.startswith("・"):  # a memo's bullet, as an officer writes one
                assert line[1:].strip(), item["id"]
                parts.append(line)
                continue
            sentences = re.findall(r"[^。？！?!]+[。？！?!]", line)
            assert "".join(sentences) == line, item["id"]  # every sentence ends as a sentence
            parts += sentences
        assert 1 <= len(parts) <= 3, item["id"]
