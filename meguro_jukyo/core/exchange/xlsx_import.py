"""Taking a filled-in template, or an edited export, back into the store.

The workbook is untrusted: :mod:`.untrusted` checks it and measures its sheets before any
reader sees it. :mod:`.xlsx_reader` then streams each sheet a row at a time (defusedxml, no
entities), and the rows go to the checks and the store a batch at a time, so memory follows
a batch of rows, not the sheet. Error cells (#N/A …) and formulas with no cached value come
from the reader as such, and are reported instead of read as empty.

Every row is read and checked — headers, types, choices, references and the services' own
rules — inside ONE transaction: a row with an ``ID`` updates that record, a row without one
creates a record. If any row is wrong nothing is written (unless the caller asked for the
valid rows only), and the report names each problem by row, column and reason in Japanese.
The import is one change in the history, so one Undo takes it back.

Importing the same file twice changes nothing the second time: rows whose values equal the
store's are skipped, and a new row gets an id derived from the file and its content, so it
is recognised when it comes again. A row whose record changed in the store since the export
(its hidden 版 column is older than the store's revision) is not applied over that change: it
is reported, so no one's edit is silently lost.

One file of about 600 lines: the header reading, the per-cell parsing and the batched checks
and writes all work on one importer's state (its fields, batch and report), and the sheet
reading itself lives apart, in :mod:`.xlsx_reader`.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import select

from .. import models as m
from ..errors import ValidationError
from ..japanese import parse_date
from ..progress import Progress, step
from ..services.unit_of_work import run
from ..bulk import chunks
from .untrusted import MAX_ROWS, MAX_SECONDS, BadWorkbook, Deadline, scan_workbook
from .xlsx_reader import NO_VALUE, CellError, WorkbookReader, open_workbook
from .xlsx_sheets import IMPORTABLE, ISSUE_SHEET, META_SHEET, NO, YES, Field, Labels
from .xlsx_writer import CELL_MAX_CHARS, truncated

_ID_NAMESPACE = uuid.UUID("0b9a9a52-5b8f-4f0e-9d53-3c7f0d2a8e41")
MAX_COLUMNS = 100
#: new rows written together (memory stays bounded; each batch is a few statements)
WRITE_BATCH = 2000
_TRUE = {YES, "true", "○", "◯", "1", "有", "あり", "要望"}
_FALSE = {NO, "false", "×", "0", "無", "なし", ""}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with (or worth knowing about) a row."""

    sheet: str
    row: int | None
    column: str | None  # the letter, e.g. "C"
    header: str | None
    message: str

    def text(self) -> str:
        where = f"{self.sheet} "
        if self.row is not None:
            where += f"{self.row}行目"
        if self.column:
            where += f" {self.column}列"
            if self.header:
                where += f"（{self.header}）"
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    path: Path
    dry_run: bool
    valid_only: bool
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)  # invalid rows left out (valid_only)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    changed: dict[str, set[str]] = field(default_factory=dict)  # entity -> ids written
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        """The report as a person reads it."""
        out = []
        sheets = list(dict.fromkeys([*self.created, *self.updated, *self.unchanged, *self.skipped]))
        # what was written is said as done; rows left unwritten (a check, or a problem elsewhere)
        # are what could be written, never "added"
        pending = not self.written and (self.dry_run or bool(self.errors))
        add, update = ("追加できる行", "更新できる行") if pending else ("追加", "更新")
        for sheet in sheets:
            parts = [f"{add} {self.created.get(sheet, 0)}件", f"{update} {self.updated.get(sheet, 0)}件",
                     f"変更なし {self.unchanged.get(sheet, 0)}件"]
            if self.skipped.get(sheet):
                parts.append(f"取り込まなかった行 {self.skipped[sheet]}件")
            out.append(f"{sheet}: " + "、".join(parts))
        if self.errors:
            out.append(f"問題 {len(self.errors)}件:")
            out.extend("  " + p.text() for p in self.errors)
        if self.warnings:
            out.append(f"注意 {len(self.warnings)}件:")
            out.extend("  " + p.text() for p in self.warnings)
        if self.dry_run:
            out.append("確認のみ: 何も書き込んでいません。")
        elif self.written:
            out.append("取り込みました。")
        elif self.errors:
            out.append("問題があるため、何も取り込んでいません。")
        else:
            out.append("変更はありませんでした。")
        return out


class _Rollback(Exception):
    """Leaves the unit of work without committing (a check, or problems): carries its report."""

    def __init__(self, report: ImportReport):
        super().__init__()
        self.report = report


def import_workbook(services, path, *, dry_run: bool = False, valid_only: bool = False,
                    max_rows: int = MAX_ROWS, max_seconds: float | None = None,
                    progress: Progress | None = None) -> ImportReport:
    """Check every row of ``path`` and, if all are valid (or ``valid_only``), write them.
    ``progress`` hears (rows done, rows in all) a batch at a time; a cancel raises
    :class:`~..progress.Cancelled` and writes nothing (the one transaction rolls back)."""
    path = Path(path)
    deadline = Deadline(max_seconds or MAX_SECONDS)
    scan = scan_workbook(path, sheets_to_count=(*IMPORTABLE, META_SHEET), max_rows=max_rows, deadline=deadline)
    present = [name for name in IMPORTABLE if name in scan.sheets]
    if not present:
        raise BadWorkbook(
            "取り込めるシート（「地域課題」か「アクション」）がありません。"
            "アプリで作ったひな形か書き出したブックを使ってください。",
            "No sheet named 地域課題 or アクション.",
        )
    with open_workbook(scan, deadline) as book:
        workbook_key = _workbook_key(book) if META_SHEET in scan.sheets else ""
        read_report = ImportReport(path, dry_run, valid_only)  # problems of reading the headers
        sheets = [(name, _read_header(book, name, read_report)) for name in present]
        labels = Labels(services)
        label = f"Excelから取り込み: {path.name}"

        # the progress's total: the data rows the scan counted (each sheet's header row aside)
        total = sum(max(scan.sheets[name].rows - 1, 0) for name, fields in sheets if fields is not None)

        def work(tx) -> ImportReport:
            # a fresh report per attempt: a collision's retry finds every problem again, once; and
            # the rows are read again from the file, which holds them (memory holds a batch)
            report = copy.deepcopy(read_report)
            done = 0
            for name, fields in sheets:
                if fields is None:
                    continue

                def at_batch(n: int, before: int = done) -> None:  # the rows of sheets before, bound now
                    step(progress, before + n, total)

                done += _Importer(services, tx, labels, name, fields, workbook_key, report, deadline).run(
                    _data_rows(book, name, fields), at_batch)
            if dry_run or (report.errors and not valid_only):
                raise _Rollback(report)
            report.changed = {k: set(v) for k, v in tx.changed.items()}
            report.written = bool(tx.changed)
            return report

        try:
            report = run(services.store, label, work)
        except _Rollback as rolled_back:
            rolled_back.report.changed = {}
            report = rolled_back.report
    if progress is not None:  # done: no longer a point to stop at
        progress.report(total, total)
    return report


def _workbook_key(book: WorkbookReader) -> str:
    """The export id of a workbook this app wrote ("" for others): namespaces new rows' ids."""
    for number, row in book.rows(META_SHEET, max_columns=2):
        if number > 40:
            break
        if len(row) >= 2 and row[0] == "書き出しID" and isinstance(row[1], str):
            return row[1][:64]
    return ""


# --------------------------------------------------------------------------- reading


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter  # start-up: openpyxl loads on first use

    return get_column_letter(index + 1)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_header(book: WorkbookReader, name: str, report: ImportReport) -> dict[int, Field] | None:
    """The fields of one sheet by column index, from its first row; None if its headers are wrong."""
    _, defs = IMPORTABLE[name]
    by_header = {header: f for f in defs for header in (f.header, *f.aliases)}
    header_row = []
    for number, row in book.rows(name, max_columns=MAX_COLUMNS):
        if number == 1:
            header_row = row
        break  # the header is the first row, row 1: a sheet starting lower has none
    fields: dict[int, Field] = {}
    seen: dict[str, int] = {}
    fatal = False
    for i, value in enumerate(header_row):
        if _blank(value):
            continue
        header = _as_text(value)
        f = by_header.get(header)
        if f is None:
            report.warnings.append(Problem(name, 1, _column_letter(i), header, "この列は取り込みません。"))
            continue
        if f.header in seen:  # also a column under its old header beside the new one
            report.errors.append(Problem(name, 1, _column_letter(i), header,
                                         f"同じ見出しの列が {_column_letter(seen[f.header])}列にもあります。"))
            fatal = True
            continue
        seen[f.header] = i
        if f.field is not None:
            fields[i] = f
    for f in defs:
        if f.required and f.header not in seen:
            report.errors.append(Problem(name, 1, None, None,
                                         f"必要な列「{f.header}」がありません（見出しは1行目に置いてください）。"))
            fatal = True
    return None if fatal else fields


def _data_rows(book: WorkbookReader, name: str, fields: dict[int, Field]):
    """(row number, values up to the last field's column) of each row below the header that
    holds something, streamed from the file."""
    width = max(fields) + 1 if fields else 0
    for number, row in book.rows(name, max_columns=width):
        if number < 2:
            continue
        if not all(_blank(v) for v in row):
            yield number, row


# --------------------------------------------------------------------------- rows


class _Importer:
    def __init__(self, services, tx, labels: Labels, sheet: str, fields: dict[int, Field],
                 workbook_key: str, report: ImportReport, deadline: Deadline):
        attr, _ = IMPORTABLE[sheet]
        self.services = services
        self.service = getattr(services, attr)
        self.tx = tx
        self.labels = labels
        self.sheet = sheet
        self.fields = fields
        self.columns = {f.field: i for i, f in fields.items()}
        self.workbook_key = workbook_key
        self.report = report
        self.deadline = deadline
        self.seen_new: dict[str, int] = {}
        #: the batch's records by id and their 視点 ids, read together (see prefetch)
        self.known: dict[str, dict | None] = {}
        self.known_links: dict[str, set[str]] = {}
        #: new rows waiting to be checked and written with their batch: (row, values, 視点 ids)
        self.pending: list[tuple[int, dict, frozenset]] = []
        #: updates waiting likewise: (row, stored record, changes), and those records' ids
        self.pending_updates: list[tuple[int, dict, dict]] = []
        self.pending_ids: set[str] = set()
        for counter in (report.created, report.updated, report.unchanged):
            counter.setdefault(sheet, 0)

    # -- reporting --------------------------------------------------------------------

    def problem(self, row: int, field_name: str | None, message: str) -> Problem:
        index = self.columns.get(field_name) if field_name else None
        f = self.fields.get(index) if index is not None else None
        return Problem(self.sheet, row, _column_letter(index) if index is not None else None,
                       f.header if f else None, message)

    # -- parsing ----------------------------------------------------------------------

    def parse(self, row: int, values) -> tuple[dict, dict, list[Problem]]:
        """(model values, round-trip values: id/rev/hlc, problems) of one row."""
        data, meta, problems = {}, {}, []
        for index, f in self.fields.items():
            raw = values[index] if index < len(values) else None
            if isinstance(raw, CellError):
                problems.append(self.problem(row, f.field, "エラー（#N/A など）になっています。値を入れ直してください。"))
                continue
            if raw is NO_VALUE:
                problems.append(self.problem(row, f.field, "数式が入っていて、値が保存されていません。"
                                                           "数式ではなく値を入れてください。"))
                continue
            try:
                value = self.cell(f, raw)
            except ValueError as exc:
                problems.append(self.problem(row, f.field, str(exc)))
                continue
            if f.kind in ("id", "rev", "stamp"):
                meta[f.field] = value
            else:
                data[f.field] = value
        return data, meta, problems

    def cell(self, f: Field, raw):
        kind = f.kind
        if kind in ("text", "long", "ref", "id", "stamp"):
            text = _as_text(raw)
            if kind == "id" and text and not _is_uuid(text):
                raise ValueError(f"「{text}」は ID の形ではありません（この列は変えないでください）。")
            if kind == "ref" and not text:
                return None  # no reference: an action item need not belong to an issue
            return text
        if kind == "rev":
            if raw is None or raw == "":
                return None
            try:
                return int(raw)
            except (TypeError, ValueError):
                return None  # only used to warn about stale rows; a damaged cell is no error
        if kind == "date":
            return _as_date(raw)
        if kind == "bool":
            text = _as_text(raw).lower() if not isinstance(raw, bool) else ("true" if raw else "false")
            if isinstance(raw, (int, float)) and not isinstance(raw, bool):
                text = "1" if raw else "0"
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise ValueError(f"「{_as_text(raw)}」は「{YES}」か「{NO}」で書いてください。")
        if kind == "vocab":
            text = _as_text(raw)
            if not text:
                return None
            assert f.vocab is not None  # a vocab column is made from a registry field naming its vocabulary
            code = self.labels.vocab_code(f.vocab, text)
            if code is None:
                raise ValueError(f"「{text}」は選択肢にありません（{'・'.join(self.labels.vocab_labels(f.vocab))}）。")
            return int(code) if f.field == "priority" else code
        if kind == "org":
            text = _as_text(raw)
            if not text:
                return None
            org = self.labels.org_id(text)
            if org is None:
                raise ValueError(f"組織「{text}」が見つかりません。一覧から選んでください。")
            return org
        if kind == "viewpoints":
            ids, bad = self.labels.viewpoint_ids(_as_text(raw))
            if bad:
                raise ValueError("「" + "」「".join(bad) + "」は施策立案の視点にありません（例: 2-1-1）。")
            return frozenset(ids)
        raise AssertionError(kind)

    # -- applying ---------------------------------------------------------------------

    def run(self, rows, at_batch: Callable[[int], None] = lambda _done: None) -> int:
        """Apply ``rows`` (an iterable: the sheet as it streams in) a batch at a time: the
        batch's records and 視点 links are read with a few queries, its new rows checked and
        written together. ``at_batch(rows done)`` is called before each batch (where a cancel
        stops it). Returns how many rows there were."""
        first_error, first_warning = len(self.report.errors), len(self.report.warnings)
        rows = iter(rows)
        done = 0
        at_batch(done)
        while batch := list(itertools.islice(rows, WRITE_BATCH)):
            done += len(batch)
            parsed = []
            for number, values in batch:
                if number % 500 == 0:
                    self.deadline.check()
                data, meta, problems = self.parse(number, values)
                if problems:
                    self.fail(problems)
                else:
                    parsed.append((number, data, meta))
            self.prefetch(parsed)
            for number, data, meta in parsed:
                problems = self.apply(number, data, meta)
                if problems:
                    self.fail(problems)
            self.flush()
            at_batch(done)
        # new rows' problems are found when their batch is checked: report in row order
        by_row = lambda p: p.row or 0  # noqa: E731
        self.report.errors[first_error:] = sorted(self.report.errors[first_error:], key=by_row)
        self.report.warnings[first_warning:] = sorted(self.report.warnings[first_warning:], key=by_row)
        return done

    def fail(self, problems: list[Problem]) -> None:
        self.report.errors.extend(problems)
        self.report.skipped[self.sheet] = self.report.skipped.get(self.sheet, 0) + 1

    def prefetch(self, parsed) -> None:
        """Read the records a batch of rows names (by ID, or by the id a new row would get) and
        their 視点 links, together. A row uses its prefetched record once: a second row for
        the same record reads it again, as the first may have changed it."""
        for _, data, meta in parsed:
            if not meta.get("id"):
                meta["derived"] = self._derived_id(data, data.get("viewpoints"))
        ids = {meta.get("id") or meta["derived"] for _, _, meta in parsed}
        found = self.service.fetch_many_in(self.tx, ids)
        self.known = {id_: found.get(id_) for id_ in ids}
        self.known_links = {}
        if self.sheet == ISSUE_SHEET and "viewpoints" in self.columns:
            self.known_links = {id_: set() for id_ in found}
            t = m.PolicyLink.__table__
            for chunk in chunks(sorted(found)):
                for issue_id, viewpoint_id in self.tx.con.execute(select(t.c.issue_id, t.c.viewpoint_id).where(
                        t.c.issue_id.in_(chunk), t.c.deleted.is_(False), t.c.plan_id == self.labels.plan_id)):
                    self.known_links[issue_id].add(viewpoint_id)

    def _current(self, record_id: str) -> dict | None:
        if record_id in self.pending_ids:  # a second row for a record: after the first's update
            self.flush()
        if record_id in self.known:
            return self.known.pop(record_id)
        return self.service.fetch_in(self.tx, record_id)

    def apply(self, number: int, data: dict, meta: dict) -> list[Problem]:
        viewpoints = data.pop("viewpoints", None)
        record_id = meta.get("id") or ""
        current = None
        if record_id:
            current = self._current(record_id)
            if current is None or current["deleted"]:
                what = "削除されています" if current else "このデータにありません"
                return [self.problem(number, "id", f"ID「{record_id}」の{self.service.label_ja}は{what}。"
                                                  "ID の列を空にすると新しく追加します。")]
        else:
            record_id = meta["derived"]
            if record_id in self.seen_new:
                self.report.warnings.append(self.problem(
                    number, None, f"{self.seen_new[record_id]}行目と同じ内容です（1件として取り込みます）。"))
                return []
            self.seen_new[record_id] = number
            current = self._current(record_id)
            if current is not None:  # the same row came in an earlier import of this file
                self.report.unchanged[self.sheet] += 1
                return []
        if current is None:
            return self._create(number, record_id, data, viewpoints)
        return self._update(number, current, meta, data, viewpoints)

    def _derived_id(self, data: dict, viewpoints) -> str:
        content = json.dumps({k: _jsonable(v) for k, v in sorted(data.items()) if k != "viewpoints"},
                             ensure_ascii=False, sort_keys=True)
        key = f"{self.sheet}\n{self.workbook_key}\n{content}\n{sorted(viewpoints or ())}"
        return str(uuid.uuid5(_ID_NAMESPACE, key))

    def _create(self, number: int, record_id: str, data: dict, viewpoints) -> list[Problem]:
        missing = [f for f in self.fields.values() if f.required and data.get(f.field) in (None, "")]
        if missing:
            return [self.problem(number, f.field, "入力してください。") for f in missing]
        values = {k: v for k, v in data.items() if v is not None}
        values["id"] = record_id
        self.pending.append((number, values, frozenset(viewpoints or ())))
        return []

    def flush(self) -> None:
        """Check the batch's updates together and write those that pass; the same for its new
        rows, then their 視点 links.

        A new row's links can only be checked once the row exists; they cannot fail then (the
        視点 were checked when the cell was read, and a new record has no links yet).
        """
        if self.pending_updates:
            updates, self.pending_updates, self.pending_ids = self.pending_updates, [], set()
            results = self.service.check_updates_in(self.tx, [(current, changes) for _, current, changes in updates])
            passed = [(current, result) for (_, current, _), result in self._valid(updates, results)]
            self.service.update_many_in(self.tx, passed)
            self.report.updated[self.sheet] += len(passed)
        if not self.pending:
            return
        # prefetch() found no record with these ids
        pending, self.pending = self.pending, []
        results = self.service.check_many_new_in(self.tx, [values for _, values, _ in pending], known_new=True)
        written = [(result, viewpoints) for (_, _, viewpoints), result in self._valid(pending, results)]
        self.service.create_many_in(self.tx, [values for values, _ in written])
        self.report.created[self.sheet] += len(written)
        links = self.services.links
        plan = self.labels.plan_id
        results = links.check_many_new_in(self.tx, [
            {"issue_id": values["id"], "viewpoint_id": vp, "plan_id": plan}
            for values, viewpoints in written for vp in sorted(viewpoints)], known_new=True)  # ids drawn fresh
        for result in results:
            if isinstance(result, ValidationError):
                raise result
        links.create_many_in(self.tx, results)

    def _valid(self, pending: list[tuple], results: list) -> list[tuple[tuple, dict]]:
        """The (pending entry, checked values) whose check passed; the others are reported by the
        row number that starts their entry."""
        valid = []
        for entry, result in zip(pending, results):
            if isinstance(result, ValidationError):
                self.fail([self._validation_problem(entry[0], result)])
            else:
                valid.append((entry, result))
        return valid

    def _update(self, number: int, current: dict, meta: dict, data: dict, viewpoints) -> list[Problem]:
        changes = {}
        columns = self.service.table.c
        for name, value in data.items():
            old = current.get(name)
            if isinstance(value, str) and isinstance(old, str) and len(old) > CELL_MAX_CHARS \
                    and value == truncated(old).strip():
                continue  # a cell cut to Excel's limit on export: not an edit
            if value is None or value == "":
                if old in (None, ""):
                    continue
                if isinstance(old, str):
                    value = ""  # the service says whether it may be empty
                elif not columns[name].nullable:
                    return [self.problem(number, name, "空にはできません。入力してください。")]
            if value != old:
                changes[name] = value
        if viewpoints is None:
            linked = set()
        elif current["id"] in self.known_links:
            linked = self.known_links.pop(current["id"])
        else:
            linked = self._links(current["id"])
        link_change = viewpoints is not None and set(viewpoints) != linked
        if not changes and not link_change:
            self.report.unchanged[self.sheet] += 1
            return []
        exported_rev = meta.get("rev")
        if exported_rev is not None and exported_rev != current["rev"]:
            return [self.problem(number, None, (
                f"書き出した後にアプリで変更されています（版 {exported_rev} → {current['rev']}）。"
                "上書きすると、その変更が失われます。最新の内容を書き出し直してから編集してください。"))]
        if not link_change:  # checked and written with the batch's other updates
            self.pending_updates.append((number, current, changes))
            self.pending_ids.add(current["id"])
            return []
        try:
            with self._row():
                if changes:
                    self.service.update_in(self.tx, current["id"], changes)
                self._link(number, current["id"], linked, set(viewpoints))
        except ValidationError as exc:
            return [self._validation_problem(number, exc)]
        self.report.updated[self.sheet] += 1
        return []

    @contextmanager
    def _row(self):
        """A savepoint for a row that writes several records (its fields and its 視点 links):
        one failing half-way leaves no trace. Rows writing one record go with the batch: the
        services check everything before writing."""
        before = {k: set(v) for k, v in self.tx.changed.items()}
        try:
            with self.tx.con.begin_nested():
                yield
        except BaseException:
            self.tx.changed.clear()
            self.tx.changed.update(before)
            raise

    def _links(self, issue_id: str) -> set[str]:
        if self.sheet != ISSUE_SHEET:
            return set()
        t = m.PolicyLink.__table__
        return set(self.tx.con.execute(select(t.c.viewpoint_id).where(
            t.c.issue_id == issue_id, t.c.deleted.is_(False), t.c.plan_id == self.labels.plan_id)).scalars())

    def _link(self, number: int, issue_id: str, old: set[str], new: set[str]) -> None:
        links = self.services.links
        t = m.PolicyLink.__table__
        for vp in sorted(old - new):
            for link_id in self.tx.con.execute(select(t.c.id).where(
                    t.c.issue_id == issue_id, t.c.viewpoint_id == vp, t.c.deleted.is_(False),
                    t.c.plan_id == self.labels.plan_id)).scalars().all():
                links.delete_in(self.tx, link_id)
        for vp in sorted(new - old):
            links.create_in(self.tx, {"issue_id": issue_id, "viewpoint_id": vp, "plan_id": self.labels.plan_id})

    def _validation_problem(self, number: int, exc: ValidationError) -> Problem:
        name = exc.field if exc.field in self.columns else None
        message = exc.ja
        if exc.field and message.startswith(f"{exc.field}: "):
            message = message[len(exc.field) + 2:]
        if name is None and exc.field in ("viewpoint_id", "item_id"):
            name = "viewpoints"
        return self.problem(number, name, message)


# --------------------------------------------------------------------------- values


def _as_text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return YES if raw else NO
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.isoformat(sep=" ") if raw.time() != dt.time() else raw.date().isoformat()
    if isinstance(raw, (dt.date, dt.time)):
        return raw.isoformat()
    return str(raw).strip()


def _as_date(raw) -> dt.date | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            return parse_date(raw)
        except ValueError:
            pass
    raise ValueError(f"「{_as_text(raw)}」は日付として読めません（例: 令和7年4月1日、2025/4/1）。")


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _jsonable(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(value)
    return value
