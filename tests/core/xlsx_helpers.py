"""Shared by the Excel tests: a small store with every kind of record, and workbook helpers."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from meguro_jukyo.core.exchange.dump import write_dump

FORMULA_TITLES = ('=HYPERLINK("http://x","y")', "+81-3-1234", "@SUM(A1)", "-1", "=1+1", "＝全角")
PERSON = "山田太郎"
ASSIGNEE = "鈴木花子"
ATTENDEE = "田中一郎"


def fill(services) -> dict:
    """Two organizations in two 地区, a meeting, issues (some titled like formulas), links,
    notes, an action item and an attendee; returns the records by name."""
    org = services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})
    south = services.organizations.create({"kind": "association", "name": "碑文谷町会",
                                           "jukyo_code": next(iter(_jukyo_in(services, "south")))})
    meeting = services.meetings.create({
        "organization_id": org.id, "title": "令和7年度 定期総会", "meeting_type": "general_regular",
        "starts_at": dt.datetime(2025, 5, 18, 10, 0), "members_total": 40, "present": 18, "proxies": 5,
        "facilitator": PERSON,
    })
    issues = []
    for i, title in enumerate(FORMULA_TITLES + ("街灯が暗い", "X\tTAB", "Y\r\nX")):
        issues.append(services.issues.create({
            "organization_id": org.id, "title": title, "description": f"説明 {i}\n二行目",
            "category": "crime" if i % 2 else "disaster", "raised_on": dt.date(2025, 4, 1) + dt.timedelta(days=i),
            "raised_meeting_id": meeting.id if i % 3 == 0 else None,
        }))
    old = services.issues.create({"organization_id": south.id, "title": "昨年度の課題", "status": "resolved",
                                  "raised_on": dt.date(2024, 6, 1)})
    services.links.create({"issue_id": issues[0].id, "viewpoint_id": "2-1-1", "item_id": None, "reason": "地域のつながり"})
    services.links.create({"issue_id": issues[0].id, "viewpoint_id": "1-1-1"})
    services.links.create({"issue_id": old.id, "viewpoint_id": "2-1-1"})
    decision = services.notes.create({"meeting_id": meeting.id, "kind": "decision", "body": "=見回りを増やす",
                                      "decision_method": "majority", "votes_for": 15, "votes_against": 3,
                                      "speaker": PERSON})
    services.notes.create({"meeting_id": meeting.id, "kind": "minority", "body": "反対の理由",
                           "decision_id": decision.id})
    action = services.actions.create({"organization_id": org.id, "title": "夜間の見回り", "assignee": ASSIGNEE,
                                      "due_on": dt.date(2025, 6, 30), "meeting_id": meeting.id,
                                      "issue_id": issues[6].id})
    services.attendees.create({"meeting_id": meeting.id, "name": ATTENDEE, "yomi": "たなかいちろう"})
    return {"org": org, "south": south, "meeting": meeting, "issues": issues, "old": old, "action": action}


def _jukyo_in(services, district: str):
    from sqlalchemy import select

    from meguro_jukyo.core import models as m

    with services.store.engine.connect() as con:
        return list(con.execute(select(m.Jukyo.code).where(m.Jukyo.district_code == district)).scalars())


def dump(store) -> str:
    out = io.StringIO()
    write_dump(store, out)
    return out.getvalue()


def sheet_xml(path, sheet: str) -> str:
    """The XML of a sheet, found by name through the workbook's relationships."""
    import re

    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*r:id="(rId\d+)"', book)
        if rid is None:
            rid = re.search(rf'<sheet [^>]*r:id="(rId\d+)"[^>]*name="{re.escape(sheet)}"', book)
        target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
        name = target.group(1) or target.group(2)
        name = name.lstrip("/") if name.startswith("/") else "xl/" + name
        return z.read(name).decode()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?>{doctype}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>'
SHEET_TAIL = "</sheetData></worksheet>"


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row(headers=("課題名", "組織")) -> str:
    cols = "ABCDEFGHIJ"
    return '<row r="1">' + "".join(inline(f"{cols[i]}1", h) for i, h in enumerate(headers)) + "</row>"


def write_raw_xlsx(path, rows, *, sheet="地域課題", doctype="", dimension="", extra=None) -> None:
    """A minimal .xlsx written straight from XML text; ``rows`` is an iterable of row XML;
    ``extra`` maps more member names to their contents."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (extra or {}).items():
            z.writestr(name, data)
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK.format(name=sheet))
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(SHEET_HEAD.format(doctype=doctype, dimension=dimension).encode())
            batch = []
            for row in rows:
                batch.append(row)
                if len(batch) >= 5000:
                    fh.write("".join(batch).encode())
                    batch = []
            fh.write("".join(batch).encode())
            fh.write(SHEET_TAIL.encode())
