"""The workbook and the template stay the files they were: every sheet's headers, their order,
widths, hidden columns, drop-downs and every cell's value, against a copy taken from a small
store (tests/core/data/xlsx_format.json).

The sheets' columns are derived from the field registry (core/fields.py); this is what says a
change there changed no file a person already has. The copy was taken before the sheets were
derived. To take it again after a change to the format that is meant:
``PYTHONPATH=. python tests/core/test_xlsx_format.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import openpyxl
import pytest

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.exchange.xlsx_export import export_workbook
from meguro_jukyo.core.exchange.xlsx_template import export_template
from meguro_jukyo.core.japanese import format_date
from meguro_jukyo.core.services import Services

sys.path.insert(0, str(Path(__file__).parent))
from xlsx_helpers import fill  # noqa: E402

GOLDEN = Path(__file__).parent / "data" / "xlsx_format.json"
_STAMP = re.compile(r"[0-9]{13}\.[0-9]+\..+")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _cell(value, ids: dict[str, str], today: dt.date, written: set[str]):
    """A cell as JSON, without what changes from run to run: ids, stamps, today's times."""
    if isinstance(value, dt.datetime):
        return "<now>" if value.date() == today else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        if _STAMP.fullmatch(value) or value in written:
            return "<stamp>"  # a hybrid clock stamp, the time of the export
        return _UUID.sub(lambda m: ids.setdefault(m.group(0), f"<id {len(ids) + 1}>"), value)
    return value


def _workbook(path: Path, today: dt.date) -> dict:
    wb = openpyxl.load_workbook(path)
    ids: dict[str, str] = {}
    now = dt.datetime.now()  # the 概要 sheet says when it was written, to the minute
    written = {format_date(t, era) + t.strftime(" %H:%M") for t in (now - dt.timedelta(minutes=n) for n in range(3))
               for era in (True, False)}
    out = {}
    for ws in wb.worksheets:
        if ws.title == "_meta":  # export id, time, version, device: all per run
            out[ws.title] = {"keys": [r[0].value for r in ws.iter_rows()]}
            continue
        out[ws.title] = {
            "state": ws.sheet_state,
            "rows": [[_cell(c.value, ids, today, written) for c in row] for row in ws.iter_rows()],
            "columns": {k: [d.width, bool(d.hidden)] for k, d in sorted(ws.column_dimensions.items())},
            "validations": sorted([str(dv.sqref), dv.formula1, dv.errorStyle, dv.error, dv.prompt]
                                  for dv in ws.data_validations.dataValidation),
            "tables": {t.name: [t.ref, [c.name for c in t.tableColumns]] for t in ws.tables.values()},
        }
    return out


def _books(folder: Path) -> dict:
    store = Store.open(folder / "store.sqlite3", create=True, device_name="テスト端末")
    try:
        services = Services(store)
        fill(services)
        for i, note in enumerate(sorted(services.notes.list(), key=lambda n: n.body)):  # one order, every run
            services.notes.update(note.id, {"recorded_at": dt.datetime(2025, 5, 18, 11, i)})
        today = dt.date.today()
        books = {}
        for name, personal in (("export", False), ("export_personal", True)):
            export_workbook(services, folder / f"{name}.xlsx", personal=personal, era=True)
            books[name] = _workbook(folder / f"{name}.xlsx", today)
        export_template(folder / "template.xlsx", services)
        books["template"] = _workbook(folder / "template.xlsx", today)
        return books
    finally:
        store.close()


@pytest.mark.parametrize("book", ["export", "export_personal", "template"])
def test_the_workbooks_are_cell_for_cell_the_format_people_have(tmp_path, book):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    made = json.loads(json.dumps(_books(tmp_path)[book], ensure_ascii=False))
    assert list(made) == list(golden[book])  # the sheets, in their order
    for sheet, expected in golden[book].items():
        got = made[sheet]
        if "rows" in expected:
            assert got["rows"][:1] == expected["rows"][:1], f"{book} {sheet}: headers"
        assert got == expected, f"{book} {sheet}"


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        GOLDEN.write_text(json.dumps(_books(Path(folder)), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")
