"""Open data: national-standard headers, UTF-8 with BOM and CRLF, no personal data, small counts hidden."""

import csv
import io

import pytest
from xlsx_helpers import ASSIGNEE, ATTENDEE, PERSON, fill

from meguro_jukyo.core.exchange.opendata import (
    COUNTS_FILE,
    DECISIONS_FILE,
    ISSUES_FILE,
    README_FILE,
    export_opendata,
    suppress,
)


@pytest.fixture
def published(services, tmp_path):
    data = fill(services)
    services.issues.update(data["issues"][0].id, {"description": "山本さん宅の前", "place": "駒場1-2-3"})
    report = export_opendata(services, tmp_path / "open")
    return data, report, tmp_path / "open"


def _read(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def test_files_use_the_standard_headers_and_encoding(published):
    data, report, outdir = published
    issues = _read(outdir / ISSUES_FILE)
    assert issues[0][:4] == ["全国地方公共団体コード", "ID", "都道府県名", "市区町村名"]
    assert {tuple(r[:1] + r[2:4]) for r in issues[1:]} == {("131105", "東京都", "目黒区")}
    assert len(issues) - 1 == report.files[ISSUES_FILE] == 10
    first = next(r for r in issues if r[1] == data["issues"][0].id)
    row = dict(zip(issues[0], first))
    assert row["名称"] == "'" + data["issues"][0].title  # =HYPERLINK(…) must not run in Excel
    assert row["提起年月日"] == "2025-04-01"
    plain = dict(zip(issues[0], next(r for r in issues if r[1] == data["issues"][6].id)))
    assert plain["名称"] == "街灯が暗い"
    # both of its 視点 are single issues in 駒場, so they are hidden here as in the counts file
    assert row["施策立案の視点"] == "" and row["地区"] == "北部" and row["住区"] == "駒場"
    assert (outdir / README_FILE).read_text(encoding="utf-8-sig").count("*") >= 1


def test_no_personal_data_and_no_free_text_beyond_titles_and_decisions(published):
    _, _, outdir = published
    everything = "".join(p.read_text(encoding="utf-8-sig") for p in outdir.glob("*.csv"))
    for text in (PERSON, ASSIGNEE, ATTENDEE, "山本さん宅の前", "駒場1-2-3", "反対の理由"):
        assert text not in everything


def test_small_counts_are_suppressed(published):
    _, report, outdir = published
    decisions = _read(outdir / DECISIONS_FILE)
    row = dict(zip(decisions[0], decisions[1]))
    assert row["内容"] == "'=見回りを増やす" and row["賛成"] == "15" and row["反対"] == "3"
    counts = _read(outdir / COUNTS_FILE)
    assert len(counts) - 1 == 13 * 22
    komaba = next(r for r in counts[1:] if r[3] == "2-1-1" and r[6] == "駒場")
    assert komaba[-1] == "*"  # one issue: hidden
    assert [suppress(n) for n in (0, 1, 2, 3, None)] == ["0", "*", "*", "3", ""]


def _cells_counted_from_rows(outdir) -> dict[tuple[str, str], int]:
    """How many rows of the published files place an issue in each (視点, 住区) cell: the
    issues file directly, any other file through its 地域課題ID."""
    issues = _read(outdir / ISSUES_FILE)
    cell_of = {}
    for r in issues[1:]:
        row = dict(zip(issues[0], r))
        cell_of[row["ID"]] = {(vp, row["住区"]) for vp in row["施策立案の視点"].split(";") if vp}
    counted: dict[tuple[str, str], set] = {}
    for path in outdir.glob("*.csv"):
        table = _read(path)
        for r in table[1:]:
            row = dict(zip(table[0], r))
            issue_id = row["ID"] if path.name == ISSUES_FILE else row.get("地域課題ID")
            for cell in cell_of.get(issue_id, ()):
                counted.setdefault(cell, set()).add(issue_id)
    return {cell: len(ids) for cell, ids in counted.items()}


def test_suppression_holds_across_every_file_of_one_publication(services, tmp_path):
    data = fill(services)
    org = data["org"]
    single = {}
    for vp in ("1-2-2", "2-2-2", "3-3-2"):  # one 駒場 issue each: "*" in the counts file
        single[vp] = services.issues.create({"organization_id": org.id, "title": f"{vp} の課題"})
        services.links.create({"issue_id": single[vp].id, "viewpoint_id": vp})
    three = [services.issues.create({"organization_id": org.id, "title": f"公園 {i}"}) for i in range(3)]
    for issue in three:
        services.links.create({"issue_id": issue.id, "viewpoint_id": "1-2-1"})
    services.links.create({"issue_id": three[0].id, "viewpoint_id": "1-2-2"})  # 1-2-2 now 2 in 駒場: still "*"
    meeting = data["meeting"]
    services.notes.create({"meeting_id": meeting.id, "kind": "decision", "body": "調べる", "decision_method": "unanimous",
                           "issue_id": single["2-2-2"].id})
    export_opendata(services, tmp_path / "open")
    outdir = tmp_path / "open"

    counts = _read(outdir / COUNTS_FILE)
    published = {(r[3], r[6]): r[-1] for r in counts[1:]}
    suppressed = [cell for cell, value in published.items() if value == "*"]
    assert {("1-2-2", "駒場"), ("2-2-2", "駒場"), ("3-3-2", "駒場"), ("1-1-1", "駒場")} <= set(suppressed)
    counted = _cells_counted_from_rows(outdir)
    for cell in suppressed:
        assert counted.get(cell, 0) == 0, f"{cell} is * but {counted[cell]} rows show it"
    for cell, value in published.items():  # what is shown agrees with the rows
        if value != "*":
            assert counted.get(cell, 0) == int(value), cell
    assert published[("1-2-1", "駒場")] == "3"
    issues = _read(outdir / ISSUES_FILE)
    first = dict(zip(issues[0], next(r for r in issues if r[1] == three[0].id)))
    assert first["施策立案の視点"] == "1-2-1"  # the shown 視点 stays beside the hidden one
    assert "施策立案の視点 × 住区" in (outdir / README_FILE).read_text(encoding="utf-8-sig")
