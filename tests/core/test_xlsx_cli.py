"""The Excel commands: export xlsx, template, import xlsx, opendata — exit codes and reports."""

import openpyxl
import pytest
from xlsx_helpers import fill

from meguro_jukyo.cli import main
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.services import Services


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.sqlite3"
    with Store.open(path, create=True) as store:
        fill(Services(store))
    return path


def test_export_then_import_unchanged(db, tmp_path, capsys):
    out = tmp_path / "book.xlsx"
    assert main(["--db", str(db), "export", "xlsx", str(out), "--district", "north", "--nendo", "2025",
                 "--status", "提起", "--seireki"]) == 0
    assert "地域課題 9行" in capsys.readouterr().out
    assert main(["--db", str(db), "import", "xlsx", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "地域課題: 追加 0件、更新 0件、変更なし 9件" in printed and "変更はありませんでした。" in printed


def test_an_invalid_import_exits_1_with_the_count_and_writes_nothing(db, tmp_path, capsys):
    template = tmp_path / "template.xlsx"
    assert main(["--db", str(db), "template", str(template)]) == 0
    wb = openpyxl.load_workbook(template)
    ws = wb["地域課題"]
    ws["A2"], ws["B2"], ws["D2"] = "街灯", "駒場町会", "完了済"
    ws["A3"], ws["B3"] = "ごみ", "駒場町会"
    wb.save(template)
    capsys.readouterr()
    assert main(["--db", str(db), "import", "xlsx", str(template), "--dry-run"]) == 1
    captured = capsys.readouterr()
    assert "2行目 D列（状況）: 「完了済」は選択肢にありません" in captured.out
    assert "1 件の問題があるため、何も取り込んでいません。" in captured.err
    assert "地域課題: 追加できる行 1件" in captured.out and "追加 1件" not in captured.out  # nothing was written
    assert main(["--db", str(db), "import", "xlsx", str(template)]) == 1  # not a check: still nothing written
    captured = capsys.readouterr()
    assert "追加できる行 1件" in captured.out and "追加 1件" not in captured.out
    assert main(["--db", str(db), "import", "xlsx", str(template), "--valid-only"]) == 0
    assert "地域課題: 追加 1件" in capsys.readouterr().out


def test_personal_export_and_opendata(db, tmp_path, capsys):
    assert main(["--db", str(db), "export", "xlsx", str(tmp_path / "p.xlsx"), "--personal"]) == 0
    assert "個人情報を含みます" in capsys.readouterr().out
    assert main(["--db", str(db), "opendata", str(tmp_path / "open")]) == 0
    assert "131105_chiiki_kadai.csv: 10行" in capsys.readouterr().out


def test_export_by_category(db, tmp_path, capsys):
    out = tmp_path / "crime.xlsx"
    assert main(["--db", str(db), "export", "xlsx", str(out), "--category", "防犯", "--category", "other"]) == 0
    assert "地域課題 5行" in capsys.readouterr().out
    categories = {r[4] for r in openpyxl.load_workbook(out)["地域課題"].iter_rows(min_row=2, values_only=True)}
    assert categories == {"防犯", "その他"}


def test_bad_arguments_get_one_line(db, tmp_path, capsys):
    assert main(["--db", str(db), "export", "xlsx", str(tmp_path / "y.xlsx"), "--category", "宇宙"]) == 1
    assert capsys.readouterr().err.strip() == "meguro-jukyo: 地域課題の分野にない値です: 宇宙"
    assert main(["--db", str(db), "export", "xlsx", str(tmp_path / "x.xlsx"), "--status", "完了済"]) == 1
    assert main(["--db", str(db), "export", "xlsx", str(tmp_path / "x.xlsx"), "--from", "きのう"]) == 1
    assert main(["--db", str(db), "import", "xlsx", str(tmp_path / "missing.xlsx")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("meguro-jukyo: ") for line in err)
