"""``meguro-jukyo suggest TEXT [--json] [--limit N]``."""

import json

import pytest

from meguro_jukyo.cli import main
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.services import Services


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.sqlite3"
    assert main(["--db", str(path), "init", "--device-name", "テスト"]) == 0
    return path


def test_suggest_prints_viewpoints_scores_and_reasons(db, capsys):
    capsys.readouterr()
    assert main(["--db", str(db), "suggest", "公園の遊具が老朽化して危ない"]) == 0
    first = capsys.readouterr().out.splitlines()[0].split("\t")
    assert first[0] == "3-3-2"
    assert first[1].startswith("時代に即した資産経営・施設サービスの実現")
    assert 0 < float(first[2]) <= 1
    assert "語: 公園・遊具・老朽化" in first[3]


def test_suggest_json_and_limit(db, capsys):
    capsys.readouterr()
    assert main(["--db", str(db), "suggest", "回覧板と掲示板と集会所と町会の行事", "--json", "--limit", "2"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert 1 <= len(out) <= 2
    assert {"viewpoint_id", "title", "item_id", "score", "reasons"} <= set(out[0])
    assert out[0]["reasons"][0]["kind"] in ("words", "plan", "similar")
    assert [r["score"] for r in out] == sorted((r["score"] for r in out), reverse=True)


def test_suggest_learns_from_the_store_it_is_given(db, capsys):
    store = Store.open(db)
    with store:
        services = Services(store)
        org = services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})
        for title in ("高射砲陣地の跡の説明板", "陣地の跡地に説明板を"):
            issue = services.issues.create({"organization_id": org.id, "title": title})
            services.links.create({"issue_id": issue.id, "viewpoint_id": "3-3-2"})
    capsys.readouterr()
    assert main(["--db", str(db), "suggest", "高射砲陣地の跡に説明板を立てたい", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out[0]["viewpoint_id"] == "3-3-2"
    assert any(r["kind"] == "similar" for r in out[0]["reasons"])


@pytest.mark.parametrize("args, message", [
    (["suggest", "  "], "文が空です"),
    (["suggest", "公園", "--limit", "0"], "--limit は 1 から 13"),
    (["suggest", "公園", "--limit", "14"], "--limit は 1 から 13"),
])
def test_bad_input_is_one_line_and_exit_1(db, capsys, args, message):
    capsys.readouterr()
    assert main(["--db", str(db), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_a_missing_store_is_one_line_and_creates_nothing(tmp_path, capsys):
    missing = tmp_path / "none.sqlite3"
    assert main(["--db", str(missing), "suggest", "公園"]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert not missing.exists()


def test_nothing_fits_says_so_and_exits_0(db, capsys):
    capsys.readouterr()
    assert main(["--db", str(db), "suggest", "よろしく"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "見つかりませんでした" in captured.err
