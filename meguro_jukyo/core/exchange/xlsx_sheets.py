"""What the sheets people edit look like: their columns, the labels in their cells, their lists.

The workbook export, the template and the import share these definitions, so an exported
workbook's 地域課題 and アクション sheets can be edited and imported back exactly like a
filled-in template. Cells show labels people read (「協議中」, an organization's name,
「1-1-1 平和の尊さの継承と国際交流」); :class:`Labels` turns them back into codes and ids.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from itertools import zip_longest

from sqlalchemy import select

from ... import __version__
from .. import models as m
from ..fields import field_def, is_personal
from ..policy import load_framework
from .xlsx_writer import text_value

ISSUE_SHEET = "地域課題"
ACTION_SHEET = "アクション"
META_SHEET = "_meta"
LISTS_SHEET = "_lists"
FORMAT = "meguro-jukyo-workbook"
FORMAT_VERSION = 1

YES, NO = "はい", "いいえ"


@dataclass(frozen=True)
class Field:
    """A column of an importable sheet."""

    header: str
    field: str | None  # the model field it edits; None: shown only, never imported
    kind: str  # text | long | date | bool | vocab | org | viewpoints | ref | id | rev | stamp | derived | link
    vocab: str | None = None
    required: bool = False  # must be filled in when a row creates a record
    personal: bool = False
    max_width: int = 40
    hidden: bool = False
    aliases: tuple[str, ...] = ()  # headers of earlier versions, still read on import

    @property
    def editable(self) -> bool:
        return self.field is not None and self.kind not in ("id", "rev", "stamp")


ID = Field("ID", "id", "id", max_width=38, hidden=True)
REV = Field("版", "rev", "rev", hidden=True)
STAMP = Field("更新印", "hlc", "stamp", max_width=30, hidden=True)

# the kind of a sheet's cell for each kind of field (core/fields.py)
_SHEET_KIND = {"text": "text", "multiline": "long", "date": "date", "optdate": "date", "bool": "bool",
               "vocab": "vocab", "org": "org", "ref": "ref"}


def described(entity: str, name: str, **sheet) -> Field:
    """The column of a described field (core/fields.py): its header, kind, vocabulary and
    whether it is personal data come from the description; ``sheet``: the rest (width, …)."""
    f = field_def(entity, name)
    if f is None or f.header is None:
        raise KeyError(f"{entity}.{name} has no Excel header in core/fields.py")
    kind = _SHEET_KIND[f.kind]
    return Field(f.header, name, kind, f.vocab if kind == "vocab" else None,
                 personal=is_personal(entity, name), **sheet)


# The columns of the two importable sheets, in the order people's workbooks have them (a
# published format: templates filled in and workbooks of earlier versions are imported by
# these headers). A described field's header and kind come from core/fields.py; the computed
# columns (住区, 地区, the titles of what a row points to, links, 施策視点, ids) are the sheet's.
ISSUE_FIELDS: tuple[Field, ...] = (
    described("issue", "title", required=True),
    described("issue", "organization_id", required=True, max_width=30),
    Field("住区", None, "derived", max_width=14),
    Field("地区", None, "derived", max_width=8),
    described("issue", "category", max_width=16, aliases=("分類",)),
    described("issue", "status", max_width=12, aliases=("状態",)),
    described("issue", "priority", max_width=8),
    described("issue", "place", max_width=24),
    described("issue", "raised_on"),
    described("issue", "description", max_width=60),
    described("issue", "is_request", max_width=12),
    described("issue", "ward_answer", max_width=40),
    described("issue", "answered_on"),
    Field("施策視点", "viewpoints", "viewpoints", max_width=50),
    Field("提起した会議", None, "derived", max_width=30),
    Field("会議へ", None, "link"),
    ID, REV, STAMP,
)

ACTION_FIELDS: tuple[Field, ...] = (
    described("action_item", "title", required=True),
    described("action_item", "organization_id", required=True, max_width=30),
    described("action_item", "assignee", max_width=16),
    described("action_item", "due_on"),
    described("action_item", "status", max_width=10, aliases=("状態",)),
    described("action_item", "done_on"),
    Field("地域課題", None, "derived", max_width=30),
    Field("会議", None, "derived", max_width=30),
    # not printed (xlsx_writer.Col.printed), so after the printed columns
    Field("会議へ", None, "link"),
    described("action_item", "issue_id", max_width=38),
    ID, REV, STAMP,
)

#: sheet name -> (service attribute, fields)
IMPORTABLE = {
    ISSUE_SHEET: ("issues", ISSUE_FIELDS),
    ACTION_SHEET: ("actions", ACTION_FIELDS),
}

_VIEWPOINT_ID = re.compile(r"^\s*(?:視点)?\s*([0-9]+-[0-9]+-[0-9]+)")
_LIST_SPLIT = re.compile(r"[、,，;\n]+")


def template_fields(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """The columns of a template: what can be filled in, and the hidden round-trip ones."""
    return tuple(f for f in fields if f.field is not None)


class Labels:
    """Codes and ids as the labels people read in cells, and back."""

    def __init__(self, services):
        self.vocab = services.vocab
        self._vocab_ja: dict[str, dict] = {}
        self._joined: dict[str, str] = {}
        framework = load_framework()
        self.plan_id = framework.plan_id
        self.viewpoints = {n.id: f"{n.id} {n.title}" for n in framework.viewpoints()}
        self.items = {n.id: n.text for n in framework.items()}
        with services.store.engine.connect() as con:
            j, d = m.Jukyo.__table__, m.District.__table__
            self.jukyo = {r.code: r.name for r in con.execute(select(j.c.code, j.c.name).order_by(j.c.ord))}
            self.districts = {r.code: r.name for r in con.execute(select(d.c.code, d.c.name).order_by(d.c.ord))}
            o = m.Organization.__table__
            orgs = con.execute(
                select(o.c.id, o.c.name, o.c.jukyo_code, o.c.district_code)
                .where(o.c.deleted.is_(False)).order_by(o.c.yomi, o.c.name, o.c.id)
            ).all()
        self.org_rows = {r.id: r for r in orgs}
        counts: dict[str, int] = {}
        for r in orgs:
            counts[r.name] = counts.get(r.name, 0) + 1
        self.orgs: dict[str, str] = {}
        for r in orgs:
            label = r.name
            if counts[r.name] > 1:  # the same name twice: tell them apart by 住区, then by id
                label = f"{r.name}（{self.jukyo.get(r.jukyo_code, '住区なし')}）"
                if label in self.orgs.values():
                    label = f"{r.name}（{r.id[:8]}）"
            self.orgs[r.id] = label
        self._org_ids = {label: oid for oid, label in self.orgs.items()}

    # -- to cells ---------------------------------------------------------------------

    def vocab_label(self, kind: str, code) -> str:
        try:
            return self._vocab_ja[kind].get(code if code is None or isinstance(code, str) else str(code),
                                            code or "")
        except KeyError:  # first use of this vocabulary: one dict instead of a scan per cell
            self._vocab_ja[kind] = {e["code"]: e["ja"] for e in self.vocab.entries(kind)}
            return self.vocab_label(kind, code)

    def vocab_labels(self, kind: str) -> list[str]:
        return [e["ja"] for e in self.vocab.entries(kind)]

    def org_label(self, org_id: str | None) -> str:
        return self.orgs.get(org_id, org_id) if org_id is not None else ""

    def org_place(self, org_id: str | None) -> tuple[str, str]:
        """(住区, 地区) names of an organization."""
        row = self.org_rows.get(org_id)
        if row is None:
            return "", ""
        return self.jukyo.get(row.jukyo_code, ""), self.districts.get(row.district_code, "")

    def viewpoints_label(self, ids) -> str:
        return "、".join(self.viewpoints.get(i, i) for i in sorted(ids))

    def viewpoints_cell(self, joined: str | None) -> str:
        """The label of ids joined by commas (as SQL aggregates them), remembered per combination."""
        if not joined:
            return ""
        label = self._joined.get(joined)
        if label is None:
            label = self._joined[joined] = self.viewpoints_label(joined.split(","))
        return label

    # -- from cells -------------------------------------------------------------------

    def vocab_code(self, kind: str, text: str) -> str | None:
        for e in self.vocab.entries(kind):
            if text in (e["ja"], e["code"], e["en"]):
                return e["code"]
        return None

    def org_id(self, text: str) -> str | None:
        if text in self.org_rows:
            return text
        return self._org_ids.get(text)

    def viewpoint_ids(self, text: str) -> tuple[set[str], list[str]]:
        """The 視点 named in a cell, and the parts that name none."""
        ids, bad = set(), []
        for part in _LIST_SPLIT.split(text):
            part = part.strip()
            if not part:
                continue
            m = _VIEWPOINT_ID.match(part)
            if m and m.group(1) in self.viewpoints:
                ids.add(m.group(1))
            else:
                bad.append(part)
        return ids, bad


def lists_columns(labels: Labels) -> list[tuple[str, list[str]]]:
    """The choice lists the data validations point at, in the hidden sheet's column order."""
    return [
        ("分野", labels.vocab_labels("issue_category")),
        ("状況", labels.vocab_labels("issue_status")),
        ("優先度", labels.vocab_labels("priority")),
        ("組織", list(labels.orgs.values())),
        ("施策視点", list(labels.viewpoints.values())),
        ("はい・いいえ", [YES, NO]),
        ("アクションの状況", labels.vocab_labels("action_status")),
    ]


def write_lists_sheet(wb, labels: Labels) -> dict[str, str]:
    """The hidden sheet of choice lists; returns list name -> range for validations."""
    from openpyxl.utils import get_column_letter  # start-up: openpyxl loads on first use

    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    columns = lists_columns(labels)
    ws.append([name for name, _ in columns])
    for row in zip_longest(*(values for _, values in columns)):
        ws.append([None if v is None else text_value(ws, v) for v in row])
    ranges = {}
    for i, (name, values) in enumerate(columns, 1):
        col = get_column_letter(i)
        ranges[name] = f"'{LISTS_SHEET}'!${col}$2:${col}${max(len(values), 1) + 1}"
    return ranges


_LIST_FOR = {
    ("vocab", "issue_category"): "分野",
    ("vocab", "issue_status"): "状況",
    ("vocab", "priority"): "優先度",
    ("vocab", "action_status"): "アクションの状況",
    ("org", None): "組織",
    ("viewpoints", None): "施策視点",
    ("bool", None): "はい・いいえ",
}


def validations(fields, ranges: dict[str, str], last_row: int) -> list:
    """Drop-down lists for the columns that take a choice."""
    from openpyxl.utils import get_column_letter  # start-up: openpyxl loads on first use
    from openpyxl.worksheet.datavalidation import DataValidation

    out = []
    for i, f in enumerate(fields, 1):
        name = _LIST_FOR.get((f.kind, f.vocab))
        if name is None:
            continue
        col = get_column_letter(i)
        several = f.kind == "viewpoints"  # a cell may name several 視点: the list only helps
        dv = DataValidation(
            type="list", formula1=ranges[name], allow_blank=True, showDropDown=False,
            showErrorMessage=True, errorStyle="warning" if several else "stop",
            errorTitle=f"{f.header}の入力",
            error=("一覧から選んでください（複数は「、」で区切ります）。" if several
                   else f"{f.header}は一覧から選んでください。"),
            promptTitle=f.header, prompt="一覧から選んでください。", showInputMessage=True,
        )
        dv.add(f"{col}2:{col}{last_row}")
        out.append(dv)
    return out


def write_meta(ws, *, kind: str, export_id: str, now: dt.datetime, store,
               filters, personal: bool, era: bool, counts: dict[str, int]) -> None:
    """The hidden sheet saying what wrote this workbook, when, and from what."""
    rows = [
        ("形式", FORMAT), ("形式の版", FORMAT_VERSION), ("種類", kind),
        ("アプリ", "meguro-jukyo"), ("バージョン", __version__),
        ("書き出しID", export_id), ("書き出し日時", now.isoformat(sep=" ")),
        ("端末ID", store.device_id),
        # device names are often people's ("田中さんのPC"): personal data, like the attendees
        *([("端末名", store.device_name)] if personal else []),
        ("個人情報", "含む" if personal else "含まない"), ("和暦", "はい" if era else "いいえ"),
        ("絞り込み", json.dumps(filters.to_json() if filters else {}, ensure_ascii=False, sort_keys=True)),
        *[(f"行数:{name}", n) for name, n in counts.items()],
    ]
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 60
    for key, value in rows:
        ws.append([key, text_value(ws, value) if isinstance(value, str) else value])

