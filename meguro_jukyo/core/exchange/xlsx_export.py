"""The coordinators' workbook (DESIGN.md §7): one sheet per subject, print-ready, importable.

Sheets: 概要 (counts with charts), 地域課題, 会議, 議事・合意, アクション, 施策視点対応,
視点別集計 (13 視点 × 地区 and × 住区 with a colour scale), 出席者 (only with personal data),
and two hidden ones: ``_lists`` (the choices behind the drop-downs) and ``_meta`` (format,
app version, filters, time, export id). Every data sheet is an Excel table with a frozen
header and filters, A4 landscape fitted to the page width with the header on every page.

Rows stream from one read transaction (a consistent snapshot) through openpyxl's write-only
mode into a temporary file that replaces ``dest`` only when complete; a cancel stops it and
leaves no file. Personal data (columns marked so in the model, and the attendee list) is
written only with ``personal=True``, and each such export is recorded in the history.

One file over 500 lines on purpose: its sections (selections, columns, the export, the data
sheets, the counts of 概要 and 視点別集計) are the steps of :func:`export_workbook` over one
snapshot, and share its selection (:class:`_Selection`) and its progress (:class:`_Run`).
The sheets' fields are :mod:`.xlsx_sheets` and the writing of cells :mod:`.xlsx_writer`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path
from typing import Iterator
from typing import Callable, Mapping

from sqlalchemy import Select, and_, func, or_, select

from .. import models as m
from ..fields import field_def, is_personal
from ..files import atomic_path
from ..japanese import format_date, nendo_label, nendo_range
from ..progress import Progress, step
from ..services import ListQuery, quorum
from ..services.unit_of_work import run
from .xlsx_sheets import (
    ACTION_FIELDS, ACTION_SHEET, ISSUE_FIELDS, ISSUE_SHEET, META_SHEET, NO, YES, Field, Labels,
    validations, write_lists_sheet, write_meta,
)
from .xlsx_writer import (
    FONT_NAME,
    Col,
    SheetWriter,
    add_table,
    link_formula,
    setup_print,
    setup_workbook_font,
    text_value,
)

SUMMARY_SHEET = "概要"
MEETING_SHEET = "会議"
NOTE_SHEET = "議事・合意"
LINK_SHEET = "施策視点対応"
MATRIX_SHEET = "視点別集計"
ATTENDEE_SHEET = "出席者"

@dataclass(frozen=True)
class ExportFilters:
    """Which records a workbook holds. Empty means everything."""

    organization_ids: tuple[str, ...] = ()
    district_code: str | None = None
    nendo: int | None = None  # 年度 (April–March); overrides the date range
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    statuses: tuple[str, ...] = ()  # issue statuses
    categories: tuple[str, ...] = ()  # issue 分野

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        if self.nendo is not None:
            return nendo_range(self.nendo)
        return self.date_from, self.date_to

    def query(self, *, dated: bool = True, issues: bool = False) -> ListQuery:
        """The rows these filters choose; ``issues``: also by the issues' own fields."""
        q = ListQuery(district_code=self.district_code)
        if self.organization_ids:
            q.equals["organization_id"] = list(self.organization_ids)
        if dated:
            q.date_from, q.date_to = self.date_range()
        if issues and self.statuses:
            q.equals["status"] = list(self.statuses)
        if issues and self.categories:
            q.equals["category"] = list(self.categories)
        return q

    def narrows_issues(self) -> bool:
        """Issue-only filters are set: notes and action items follow the issues chosen."""
        return bool(self.statuses or self.categories)

    def without_each(self) -> list[tuple[str, "ExportFilters"]]:
        """These filters with one left out, for each one set (to say why nothing matches)."""
        out = []
        for name, attrs in (("organization", {"organization_ids": ()}), ("district", {"district_code": None}),
                            ("dates", {"nendo": None, "date_from": None, "date_to": None}),
                            ("statuses", {"statuses": ()}), ("categories", {"categories": ()})):
            if any(getattr(self, attr) not in (None, ()) for attr in attrs):
                out.append((name, replace(self, **attrs)))
        return out

    def is_dated(self) -> bool:
        return any(self.date_range())

    def describe(self, labels: Labels, era: bool = True) -> str:
        parts = []
        if self.organization_ids:
            parts.append("組織: " + "、".join(labels.org_label(o) for o in self.organization_ids))
        if self.district_code:
            parts.append("地区: " + labels.districts.get(self.district_code, self.district_code))
        if self.nendo is not None:
            parts.append("年度: " + nendo_label(self.nendo, era))
        elif self.date_from or self.date_to:
            start = format_date(self.date_from, era) if self.date_from else ""
            end = format_date(self.date_to, era) if self.date_to else ""
            parts.append(f"期間: {start}〜{end}")
        if self.statuses:
            parts.append("状況: " + "、".join(labels.vocab_label("issue_status", s) for s in self.statuses))
        if self.categories:
            parts.append("分野: " + "、".join(labels.vocab_label("issue_category", c) for c in self.categories))
        return "／".join(parts) or "すべて"

    def to_json(self) -> dict:
        return {
            "organization_ids": list(self.organization_ids), "district_code": self.district_code,
            "nendo": self.nendo,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "statuses": list(self.statuses),
            "categories": list(self.categories),
        }


@dataclass
class ExportReport:
    path: Path
    export_id: str
    counts: dict[str, int]  # sheet -> data rows
    personal: bool
    era: bool
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- selections


class _Selection:
    """The SELECTs behind each sheet, shared by the export and its preview."""

    def __init__(self, services, filters: ExportFilters):
        self.s = services
        self.f = filters
        self.issue_ids = services.issues.select_ids(filters.query(issues=True))
        self.meeting_ids = services.meetings.select_ids(filters.query())

    def meetings(self):
        t = m.Meeting.__table__
        return select(t).where(t.c.id.in_(self.meeting_ids)).order_by(t.c.starts_at, t.c.id)

    def issues(self):
        t, mt, lk = m.Issue.__table__, m.Meeting.__table__, m.PolicyLink.__table__
        viewpoints = (
            select(func.aggregate_strings(lk.c.viewpoint_id, ","))
            .where(lk.c.issue_id == t.c.id, lk.c.deleted.is_(False))
            .scalar_subquery()
        )
        return (
            select(t, mt.c.title.label("meeting_title"), viewpoints.label("viewpoints"))
            .select_from(t.outerjoin(mt, mt.c.id == t.c.raised_meeting_id))
            .where(t.c.id.in_(self.issue_ids))
            .order_by(t.c.raised_on, t.c.id)
        )

    def _notes_where(self):
        t = m.Note.__table__
        conds = [t.c.deleted.is_(False)]
        if self.f.organization_ids or self.f.district_code or self.f.is_dated() or self.f.narrows_issues():
            conds.append(or_(t.c.meeting_id.in_(self.meeting_ids), t.c.issue_id.in_(self.issue_ids)))
        return and_(*conds)

    def notes(self):
        t, mt, it = m.Note.__table__, m.Meeting.__table__, m.Issue.__table__
        return (
            select(t, mt.c.title.label("meeting_title"), mt.c.starts_at.label("meeting_starts_at"),
                   it.c.title.label("issue_title"))
            .select_from(t.outerjoin(mt, mt.c.id == t.c.meeting_id).outerjoin(it, it.c.id == t.c.issue_id))
            .where(self._notes_where())
            .order_by(mt.c.starts_at, t.c.meeting_id, t.c.position, t.c.recorded_at, t.c.id)
        )

    def _actions_where(self):
        t = m.ActionItem.__table__
        conds = self.s.actions._where(self.f.query(dated=False))
        start, end = self.f.date_range()
        if start or end:
            due = [t.c.due_on.is_not(None)]
            if start:
                due.append(t.c.due_on >= start)
            if end:
                due.append(t.c.due_on <= end)
            conds.append(or_(and_(*due), t.c.issue_id.in_(self.issue_ids), t.c.meeting_id.in_(self.meeting_ids)))
        elif self.f.narrows_issues():
            conds.append(t.c.issue_id.in_(self.issue_ids))
        return and_(*conds)

    def actions(self):
        t, mt, it = m.ActionItem.__table__, m.Meeting.__table__, m.Issue.__table__
        return (
            select(t, mt.c.title.label("meeting_title"), it.c.title.label("issue_title"))
            .select_from(t.outerjoin(mt, mt.c.id == t.c.meeting_id).outerjoin(it, it.c.id == t.c.issue_id))
            .where(self._actions_where())
            .order_by(t.c.due_on, t.c.id)
        )

    def links(self):
        t, it = m.PolicyLink.__table__, m.Issue.__table__
        return (
            select(t, it.c.title.label("issue_title"))
            .select_from(t.join(it, it.c.id == t.c.issue_id))
            .where(t.c.deleted.is_(False), t.c.issue_id.in_(self.issue_ids))
            .order_by(t.c.viewpoint_id, it.c.raised_on, t.c.id)
        )

    def attendees(self):
        t = m.Attendee.__table__
        mt = m.Meeting.__table__
        return (
            select(t, mt.c.title.label("meeting_title"), mt.c.starts_at.label("meeting_starts_at"))
            .select_from(t.join(mt, mt.c.id == t.c.meeting_id))
            .where(t.c.deleted.is_(False), t.c.meeting_id.in_(self.meeting_ids))
            .order_by(mt.c.starts_at, t.c.meeting_id, t.c.yomi, t.c.id)
        )

    def sheets(self, personal: bool) -> dict[str, Select]:
        out = {ISSUE_SHEET: self.issues(), MEETING_SHEET: self.meetings(), NOTE_SHEET: self.notes(),
               ACTION_SHEET: self.actions(), LINK_SHEET: self.links()}
        if personal:
            out[ATTENDEE_SHEET] = self.attendees()
        return out


def preview_export(services, filters: ExportFilters | None = None, *, personal: bool = False) -> dict[str, int]:
    """How many rows each data sheet would get: for the export dialog, before writing."""
    sel = _Selection(services, filters or ExportFilters())
    with services.store.engine.connect() as con:
        return {name: con.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()
                for name, stmt in sel.sheets(personal).items()}


def rows_without_each_filter(services, filters: ExportFilters, *, personal: bool = False) -> dict[str, int]:
    """Why an export would be empty: each filter set (``organization``, ``district``, ``dates``,
    ``statuses``, ``categories``), with the rows the workbook would get without it alone."""
    return {name: sum(preview_export(services, loosened, personal=personal).values())
            for name, loosened in filters.without_each()}


# --------------------------------------------------------------------------- columns


def _cols(fields: tuple[Field, ...], personal: bool) -> list[Field]:
    return [f for f in fields if personal or not f.personal]


def _as_col(f: Field) -> Col:
    kind = {"long": "long", "date": "date", "link": "link"}.get(f.kind, "text")
    if f.kind in ("rev",):
        kind = "int"
    return Col(f.header, f.field or f.header, kind, f.max_width, f.hidden,
               paper=f.kind not in ("ref", "id", "rev", "stamp", "link"))


# the kind of a written cell for each kind of field (core/fields.py)
_COL_KIND = {"int": "int", "optint": "int", "datetime": "datetime", "optdatetime": "datetime",
             "date": "date", "optdate": "date", "multiline": "long"}


def _described(entity: str, name: str, **col) -> tuple[Col, bool]:
    """(the column, whether it is personal data) of a described field (core/fields.py): header,
    kind and personal data from the description; ``col``: the sheet's own (width, …)."""
    f = field_def(entity, name)
    if f is None or f.header is None:
        raise KeyError(f"{entity}.{name} has no Excel header in core/fields.py")
    return Col(f.header, name, _COL_KIND.get(f.kind, "text"), **col), is_personal(entity, name)


# The other sheets' columns, in the order people's workbooks have them; a described field's
# header and kind come from core/fields.py. Not derived: the computed columns (a meeting's
# 定足数 and 成立, the titles and times of what a row points to, links, the texts of ○項目) and
# the ids, which no description holds.
MEETING_COLUMNS: tuple[tuple[Col, bool], ...] = (  # (column, personal)
    _described("meeting", "title"),
    _described("meeting", "organization_id", max_width=30),
    _described("meeting", "meeting_type", max_width=14),
    _described("meeting", "starts_at"),
    _described("meeting", "ends_at"),
    _described("meeting", "place", max_width=24),
    _described("meeting", "facilitator", max_width=16),
    _described("meeting", "recorder", max_width=16),
    _described("meeting", "signers", max_width=24),
    _described("meeting", "members_total"),
    _described("meeting", "present"),
    _described("meeting", "proxies"),
    (Col("定足数", "quorum_required", "int"), False),
    (Col("成立", "quorum_reached", max_width=8), False),
    _described("meeting", "status", max_width=10),
    _described("meeting", "next_meeting", max_width=30),
    (Col("ID", "id", max_width=38, hidden=True), False),
    (Col("版", "rev", "int", hidden=True), False),
    (Col("更新印", "hlc", max_width=30, hidden=True), False),
)

NOTE_COLUMNS: tuple[tuple[Col, bool], ...] = (
    (Col("会議日時", "meeting_starts_at", "datetime"), False),
    (Col("会議", "meeting_title", max_width=30), False),
    _described("note", "kind", max_width=10),
    _described("note", "body", max_width=60),
    _described("note", "speaker", max_width=16),
    _described("note", "decision_method", max_width=10),
    _described("note", "votes_for"),
    _described("note", "votes_against"),
    _described("note", "votes_abstain"),
    (Col("地域課題", "issue_title", max_width=30), False),
    _described("note", "recorded_at"),
    # ids and links are not printed, so they come after the printed columns
    (Col("会議へ", "link", "link"), False),
    (Col("少数意見の対象", "decision_id", max_width=38, paper=False), False),
    (Col("ID", "id", max_width=38, hidden=True), False),
    (Col("版", "rev", "int", hidden=True), False),
    (Col("更新印", "hlc", max_width=30, hidden=True), False),
)

LINK_COLUMNS: tuple[Col, ...] = (
    Col("地域課題", "issue_title", max_width=30),
    _described("policy_link", "viewpoint_id", max_width=36)[0],
    _described("policy_link", "item_id", max_width=10)[0],
    Col("○項目の文", "item_text", "long", max_width=60),
    _described("policy_link", "reason", max_width=40)[0],
    Col("地域課題ID", "issue_id", max_width=38, paper=False),
    Col("ID", "id", max_width=38, hidden=True),
    Col("版", "rev", "int", hidden=True),
    Col("更新印", "hlc", max_width=30, hidden=True),
)

ATTENDEE_COLUMNS: tuple[Col, ...] = (  # the whole sheet is personal data: written only when asked
    Col("会議日時", "meeting_starts_at", "datetime"),
    Col("会議", "meeting_title", max_width=30),
    _described("attendee", "name", max_width=16)[0],
    _described("attendee", "yomi", max_width=16)[0],
    _described("attendee", "role", max_width=16)[0],
    _described("attendee", "attendance", max_width=8)[0],
    Col("ID", "id", max_width=38, hidden=True),
)


def _pick(columns, personal: bool) -> list[Col]:
    return [c for c, is_personal in columns if personal or not is_personal]


# --------------------------------------------------------------------------- export


class _Run:
    """One export in progress: counts rows, reports progress, honours cancel."""

    def __init__(self, total: int, progress: Progress | None):
        self.total, self.done = total, 0
        self.progress = progress

    def tick(self, stage: str) -> None:
        self.done += 1
        if self.done % 500 == 0:
            self.check(stage)

    def check(self, stage: str) -> None:
        step(self.progress, self.done, self.total, stage)


def export_workbook(services, dest, filters: ExportFilters | None = None, *, personal: bool = False,
                    era: bool = True, progress: Progress | None = None) -> ExportReport:
    """Write the workbook to ``dest`` (whole or not at all); see the module docstring.
    ``progress`` hears (rows written, rows in all, sheet); a cancel raises
    :class:`~..progress.Cancelled` and leaves no file."""
    from openpyxl import Workbook  # start-up: openpyxl loads on first use

    filters = filters or ExportFilters()
    dest = Path(dest)
    labels = Labels(services)
    sel = _Selection(services, filters)
    # the total is only for the progress bar: counting every sheet first is skipped without one
    total = sum(preview_export(services, filters, personal=personal).values()) if progress else 0
    run = _Run(total, progress)
    run.check("準備")
    export_id = str(uuid.uuid4())
    now = dt.datetime.now().replace(microsecond=0)

    wb = Workbook(write_only=True)
    setup_workbook_font(wb)
    summary_ws = wb.create_sheet(SUMMARY_SHEET)
    issue_cols = _cols(ISSUE_FIELDS, personal)
    action_cols = _cols(ACTION_FIELDS, personal)
    w_issue = SheetWriter(wb, ISSUE_SHEET, [_as_col(f) for f in issue_cols], table_name="T_issues", era=era)
    w_meeting = SheetWriter(wb, MEETING_SHEET, _pick(MEETING_COLUMNS, personal), table_name="T_meetings", era=era)
    w_note = SheetWriter(wb, NOTE_SHEET, _pick(NOTE_COLUMNS, personal), table_name="T_notes", era=era)
    w_action = SheetWriter(wb, ACTION_SHEET, [_as_col(f) for f in action_cols], table_name="T_actions", era=era)
    w_link = SheetWriter(wb, LINK_SHEET, list(LINK_COLUMNS), table_name="T_viewpoint_links", era=era)
    matrix_ws = wb.create_sheet(MATRIX_SHEET)
    w_attendee = (SheetWriter(wb, ATTENDEE_SHEET, list(ATTENDEE_COLUMNS), table_name="T_attendees", era=era)
                  if personal else None)
    ranges = write_lists_sheet(wb, labels)
    meta_ws = wb.create_sheet(META_SHEET)
    meta_ws.sheet_state = "hidden"

    counts: dict[str, int] = {}
    with services.store.engine.connect() as con:  # one snapshot for every sheet
        def rows(stmt) -> Iterator:
            return con.execution_options(stream_results=True, yield_per=1000).execute(stmt).mappings()

        meeting_rows = _write_meetings(w_meeting, rows(sel.meetings()), labels, run)
        counts[MEETING_SHEET] = w_meeting.rows
        _write_rows(w_issue, cell_getters(issue_cols, labels, meeting_rows, "raised_meeting_id"),
                    rows(sel.issues()), run, ISSUE_SHEET)
        w_issue.validations = validations(issue_cols, ranges, w_issue.rows + 501)
        counts[ISSUE_SHEET] = w_issue.rows
        _write_notes(w_note, rows(sel.notes()), labels, meeting_rows, run)
        counts[NOTE_SHEET] = w_note.rows
        _write_rows(w_action, cell_getters(action_cols, labels, meeting_rows, "meeting_id"),
                    rows(sel.actions()), run, ACTION_SHEET)
        w_action.validations = validations(action_cols, ranges, w_action.rows + 501)
        counts[ACTION_SHEET] = w_action.rows
        _write_links(w_link, rows(sel.links()), labels, run)
        counts[LINK_SHEET] = w_link.rows
        if w_attendee is not None:
            for r in rows(sel.attendees()):
                w_attendee.add([r["meeting_starts_at"], r["meeting_title"], r["name"], r["yomi"], r["role"],
                                labels.vocab_label("attendance", r["attendance"]), r["id"]])
                run.tick(ATTENDEE_SHEET)
            counts[ATTENDEE_SHEET] = w_attendee.rows
        stats = _stats(con, sel)
    _write_matrix(matrix_ws, stats, labels)
    _write_summary(summary_ws, stats, counts, labels, filters, personal, era, now)
    for w in (w_issue, w_meeting, w_note, w_action, w_link, w_attendee):
        if w is not None:
            w.close()

    warnings = []
    truncated = sum(w.truncated_cells for w in (w_issue, w_meeting, w_note, w_action, w_link))
    if truncated:
        warnings.append(f"{truncated} 個のセルが Excel の上限（32,767文字）を超えたため、途中までにしました。")
    write_meta(meta_ws, kind="export", export_id=export_id, now=now,
                store=services.store, filters=filters, personal=personal, era=era, counts=counts)
    run.check("保存")
    with atomic_path(dest) as tmp:
        wb.save(tmp)
        run.check("保存")
        if personal:
            _record_personal_export(services.store, dest, export_id, filters, counts)
    if progress is not None:  # written: no longer a point to stop at
        progress.report(run.total, run.total, "完了")
    return ExportReport(dest, export_id, counts, personal, era, warnings)


def _record_personal_export(store, dest: Path, export_id: str, filters: ExportFilters, counts: dict) -> None:
    """Personal data leaving the store is logged (DESIGN.md §8); not an edit, so not undoable."""
    personal = {t.__table__.name: sorted(m.personal_columns(t)) for t in m.USER_TABLES if m.personal_columns(t)}
    run(store, f"個人情報を含むExcelを書き出し: {dest.name}", lambda tx: tx.record("export", export_id, {
        "file": (None, str(dest.resolve())),
        "personal_columns": (None, personal),
        "rows": (None, counts),
        "filters": (None, filters.to_json()),
    }), kind="export")


# --------------------------------------------------------------------------- sheets


def _write_meetings(w: SheetWriter, rows, labels: Labels, run: _Run) -> dict[str, int]:
    """Write 会議; return meeting id -> its row, for links from the other sheets."""
    keys = [c.key for c in w.columns]
    where: dict[str, int] = {}
    for r in rows:
        rule = labels.vocab.extra("meeting_type", r["meeting_type"]).get("quorum", {})
        q = quorum(rule, r["members_total"], r["present"], r["proxies"], r["written_votes"])
        values = {
            **r,
            "organization_id": labels.org_label(r["organization_id"]),
            "meeting_type": labels.vocab_label("meeting_type", r["meeting_type"]),
            "status": labels.vocab_label("meeting_status", r["status"]),
            "quorum_required": q.required or None,
            "quorum_reached": ("成立" if q.reached else "不成立") if r["members_total"] else "",
        }
        w.add([values[k] for k in keys])
        where[r["id"]] = w.rows + 1
        run.tick(MEETING_SHEET)
    return where


def _meeting_link(meeting_rows: dict[str, int], meeting_id: str | None) -> str | None:
    row = meeting_rows.get(meeting_id) if meeting_id else None
    return link_formula(MEETING_SHEET, row, "会議へ") if row else None


def cell_getters(fields, labels: Labels, meeting_rows: dict[str, int], meeting_field: str) -> list[Callable[[Mapping], object]]:
    """For each column of an importable sheet, how its cell is made from a row (decided once)."""
    getters: list[Callable[[Mapping], object]] = []
    for f in fields:
        if f.kind == "org":
            getters.append(lambda r: labels.org_label(r["organization_id"]))
        elif f.header == "住区":
            getters.append(lambda r: labels.org_place(r["organization_id"])[0])
        elif f.header == "地区":
            getters.append(lambda r: labels.org_place(r["organization_id"])[1])
        elif f.kind == "vocab":
            getters.append(_vocab_cell(labels, f.vocab, f.field))
        elif f.kind == "bool":
            getters.append(_yes_no_cell(f.field))
        elif f.kind == "viewpoints":
            getters.append(lambda r: labels.viewpoints_cell(r["viewpoints"]))
        elif f.header in ("提起した会議", "会議"):
            getters.append(lambda r: r["meeting_title"])
        elif f.header == "地域課題":
            getters.append(lambda r: r["issue_title"])
        elif f.kind == "link":
            getters.append(lambda r: _meeting_link(meeting_rows, r[meeting_field]))
        else:
            getters.append(itemgetter(f.field))
    return getters


def _vocab_cell(labels: Labels, kind: str, name: str) -> Callable[[Mapping], object]:
    return lambda r: labels.vocab_label(kind, r[name])


def _yes_no_cell(name: str) -> Callable[[Mapping], object]:
    return lambda r: YES if r[name] else NO


def _write_rows(w, getters, rows, run, stage: str) -> None:
    for r in rows:
        w.add([get(r) for get in getters])
        run.tick(stage)


def _write_notes(w: SheetWriter, rows, labels: Labels, meeting_rows, run) -> None:
    keys = [c.key for c in w.columns]
    for r in rows:
        values = {
            **r,
            "link": _meeting_link(meeting_rows, r["meeting_id"]),
            "kind": labels.vocab_label("note_kind", r["kind"]),
            "decision_method": labels.vocab_label("decision_method", r["decision_method"]),
        }
        w.add([values[k] for k in keys])
        run.tick(NOTE_SHEET)


def _write_links(w: SheetWriter, rows, labels: Labels, run) -> None:
    keys = [c.key for c in w.columns]
    for r in rows:
        values = {**r, "viewpoint_id": labels.viewpoints.get(r["viewpoint_id"], r["viewpoint_id"]),
                  "item_text": labels.items.get(r["item_id"], "") if r["item_id"] else ""}
        w.add([values[k] for k in keys])
        run.tick(LINK_SHEET)


# --------------------------------------------------------------------------- counts


@dataclass
class _Stats:
    by_status: dict[str, int]
    by_category: dict[str, int]
    by_viewpoint: dict[str, int]
    by_viewpoint_district: dict[tuple[str, str | None], int]
    by_viewpoint_jukyo: dict[tuple[str, str | None], int]


def _stats(con, sel: _Selection) -> _Stats:
    """The counts of 概要 and 視点別集計, in two queries. An issue has one organization, so one
    住区 and 地区: its count in a (視点, 住区, 地区) group adds up to the 視点 × 地区 and 視点
    totals (distinct issues: two devices may have linked the same pair before they synced)."""
    t, lk, org = m.Issue.__table__, m.PolicyLink.__table__, m.Organization.__table__
    live = t.c.id.in_(sel.issue_ids)
    by_status: Counter = Counter()
    by_category: Counter = Counter()
    for status, category, n in con.execute(
            select(t.c.status, t.c.category, func.count()).where(live).group_by(t.c.status, t.c.category)):
        by_status[status] += n
        by_category[category] += n
    by_viewpoint: Counter = Counter()
    by_district: Counter = Counter()
    by_jukyo: Counter = Counter()
    join = t.join(lk, lk.c.issue_id == t.c.id).outerjoin(org, org.c.id == t.c.organization_id)
    for viewpoint, jukyo, district, n in con.execute(
            select(lk.c.viewpoint_id, org.c.jukyo_code, org.c.district_code, func.count(t.c.id.distinct()))
            .select_from(join).where(live, lk.c.deleted.is_(False))
            .group_by(lk.c.viewpoint_id, org.c.jukyo_code, org.c.district_code)):
        by_viewpoint[viewpoint] += n
        by_district[(viewpoint, district)] += n
        by_jukyo[(viewpoint, jukyo)] += n
    return _Stats(dict(by_status), dict(by_category), dict(by_viewpoint), dict(by_district), dict(by_jukyo))


def _write_matrix(ws, stats: _Stats, labels: Labels) -> None:
    """視点別集計: issues per 視点 and 地区, then per 視点 and 住区, shaded by a colour scale."""
    from openpyxl.formatting.rule import ColorScaleRule  # start-up: openpyxl loads on first use
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

    districts = list(labels.districts.items())
    jukyo = list(labels.jukyo.items())
    width = max(len(districts), len(jukyo)) + 3
    ws.column_dimensions["A"].width = 40
    for i in range(2, width + 1):
        ws.column_dimensions[get_column_letter(i)].width = 9
    ws.freeze_panes = "B2"
    setup_print(ws, landscape=True, width=40 + 9 * (width - 1))
    vps = list(labels.viewpoints.items())
    tables = []

    def block(first_row: int, title: str, areas: list[tuple[str, str]], counts, name: str) -> int:
        headers = [title, *[a_name for _, a_name in areas], "地区・住区なし", "合計"]
        ws.append(headers)
        for vp_id, vp_label in vps:
            cells = [counts.get((vp_id, code), 0) for code, _ in areas]
            none = counts.get((vp_id, None), 0)
            ws.append([vp_label, *cells, none, stats.by_viewpoint.get(vp_id, 0)])
        last = first_row + len(vps)
        end_col = get_column_letter(len(headers))
        table = Table(displayName=name, ref=f"A{first_row}:{end_col}{last}")
        table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(headers, 1)]
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=False)
        tables.append(table)
        area = f"B{first_row + 1}:{get_column_letter(len(areas) + 1)}{last}"
        ws.conditional_formatting.add(area, ColorScaleRule(
            start_type="min", start_color="FFFFFFFF", mid_type="percentile", mid_value=50,
            mid_color="FFFFE699", end_type="max", end_color="FFF8696B"))
        return last

    last = block(1, "施策立案の視点 × 地区（件数）", districts, stats.by_viewpoint_district, "T_viewpoint_district")
    ws.append([])
    ws.append([])
    block(last + 3, "施策立案の視点 × 住区（件数）", jukyo, stats.by_viewpoint_jukyo, "T_viewpoint_jukyo")
    for t in tables:
        add_table(ws, t)


def _write_summary(ws, stats: _Stats, counts: dict[str, int], labels: Labels, filters: ExportFilters,
                   personal: bool, era: bool, now: dt.datetime) -> None:
    from openpyxl.chart import BarChart, Reference  # start-up: openpyxl loads on first use
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 4
    # landscape: the charts (12 cm, about 58 width units) stand beside the counts
    setup_print(ws, landscape=True, title_rows=False, width=44 + 12 + 4 + 58)

    def bold(text: str, size: int = 11):
        cell = WriteOnlyCell(ws, text)
        cell.font = Font(name=FONT_NAME, family=3, charset=128, bold=True, size=size)
        return cell

    rows: list[list] = [
        [bold("地域課題と会議の記録", 14)],
        ["書き出し日時", format_date(now, era) + now.strftime(" %H:%M")],
        ["絞り込み", filters.describe(labels, era)],
        ["個人情報", "含む（取り扱いに注意してください）" if personal else "含まない"],
        ["日付の表示", "和暦" if era else "西暦"],
        [],
        [bold("シート"), bold("件数")],
        *[[name, n] for name, n in counts.items()],
        [],
    ]
    blocks = []
    for title, values in (
        ("状況", [(e["ja"], stats.by_status.get(e["code"], 0)) for e in labels.vocab.entries("issue_status")]),
        ("分野", [(e["ja"], stats.by_category.get(e["code"], 0)) for e in labels.vocab.entries("issue_category")]),
        ("施策立案の視点", [(lbl, stats.by_viewpoint.get(i, 0)) for i, lbl in labels.viewpoints.items()]),
    ):
        rows.append([bold(f"地域課題の件数（{title}別）"), bold("件数")])
        start = len(rows) + 1
        rows.extend([[label, n] for label, n in values])
        blocks.append((title, start, len(rows)))
        rows.append([])
    for row in rows:
        ws.append([text_value(ws, v) if isinstance(v, str) else v for v in row])
    anchor_row = 1
    for title, start, end in blocks[1:]:  # 分野 and 視点 get charts; 状況 reads well as a list
        chart = BarChart()
        chart.type = "bar"
        chart.title = f"地域課題の件数（{title}別）"
        chart.legend = None
        chart.x_axis.scaling.orientation = "maxMin"  # horizontal bars read top-down, as the list
        chart.add_data(Reference(ws, min_col=2, min_row=start, max_row=end), titles_from_data=False)
        chart.set_categories(Reference(ws, min_col=1, min_row=start, max_row=end))
        chart.height = 7 + 0.45 * (end - start)
        chart.width = 12
        ws.add_chart(chart, f"D{anchor_row}")
        anchor_row += int(chart.height * 2) + 2
