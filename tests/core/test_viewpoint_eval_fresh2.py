"""The blind evaluation set tests/data/viewpoint_eval_fresh2.json (issue 13) is well formed.

It is data for judging the 施策立案の視点 suggester, so what must hold is its shape: 104 resident
texts, 8 per 視点 of the plan as main label, every label a 視点 the app's own framework knows, no
text or id twice.  How well the suggester does on it is not asserted here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from meguro_jukyo.core.policy import load_framework

PATH = Path(__file__).resolve().parents[1] / "data" / "viewpoint_eval_fresh2.json"
VIEWPOINT_IDS = {vp.id for vp in load_framework().viewpoints()}
PER_VIEWPOINT = 8


@pytest.fixture(scope="module")
def data():
    with PATH.open(encoding="utf-8") as f:
        return json.load(f)


def test_header(data):
    assert set(data) == {"version", "about", "items"}
    assert data["version"] == 1
    assert "blind" in data["about"]


def test_the_framework_has_thirteen_viewpoints():
    assert len(VIEWPOINT_IDS) == 13


def test_item_count_and_ids(data):
    items = data["items"]
    assert len(items) == PER_VIEWPOINT * len(VIEWPOINT_IDS) == 104
    ids = [item["id"] for item in items]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"f2-\d{3}", i) for i in ids)
    for item in items:
        assert set(item) == {"id", "text", "viewpoints"}, item["id"]


def test_labels_are_the_apps_viewpoints(data):
    for item in data["items"]:
        vps = item["viewpoints"]
        assert 1 <= len(vps) <= 2, item["id"]
        assert len(set(vps)) == len(vps), item["id"]
        assert set(vps) <= VIEWPOINT_IDS, item["id"]


def test_each_viewpoint_is_main_label_eight_times(data):
    mains = Counter(item["viewpoints"][0] for item in data["items"])
    assert mains == {vp: PER_VIEWPOINT for vp in VIEWPOINT_IDS}


def test_texts_are_non_empty_unique_short(data):
    texts = [item["text"] for item in data["items"]]
    assert all(t == t.strip() and t for t in texts)
    assert len(set(texts)) == len(texts)
    for item in data["items"]:
        sentences = re.findall(r"[^。？！?!]+[。？！?!]", item["text"])
        assert "".join(sentences) == item["text"], item["id"]  # every sentence ends as a sentence
        assert 1 <= len(sentences) <= 3, item["id"]
