"""The Excel import before and after a change, on the same template in the same run (issue 17).

``python -m bench.excel_import BASE`` imports one template of 10k new issues (the one
bench.excel's (c) uses) into a fresh store in a fresh process, alternating between this
checkout and the checkout at ``BASE`` (e.g. ``git worktree add --detach /tmp/base main``),
three times each, and prints wall time, CPU time and peak memory (VmHWM) of every run and the
best of each side. The processes run one at a time, so both sides see the same machine; the
load average is printed before and after. The raw baseline for the read alone: openpyxl's
read-only reader iterating the same rows, in this process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from . import OUT, fmt_seconds, log, timed

_REPO = Path(__file__).resolve().parents[1]

_CHILD = """
import json, sys, time
from pathlib import Path
import meguro_jukyo
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.exchange.xlsx_import import import_workbook
store = Store.open(Path(sys.argv[2]), create=True, device_name="bench")
services = Services(store)
hwm = lambda: next(int(l.split()[1]) * 1024 for l in open("/proc/self/status") if l.startswith("VmHWM:"))
before = hwm()
started, cpu = time.perf_counter(), time.process_time()
report = import_workbook(services, Path(sys.argv[1]))
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
store.close()
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak": hwm(), "before": before, "created": sum(report.created.values()),
                  "ok": report.ok, "code": str(Path(meguro_jukyo.__file__).parent)}))
"""


def import_in_child(tree: Path, template: Path, store: Path) -> dict:
    """``import_workbook`` of ``template`` into a new store at ``store``, with the code of ``tree``."""
    for leftover in store.parent.glob(store.name + "*"):
        leftover.unlink()
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", _CHILD, str(template), str(store)], capture_output=True, text=True,
                         check=True, cwd=tree, env=env)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert Path(got["code"]).resolve().parent == tree.resolve(), got["code"]  # the code under test, not the venv's
    assert got["ok"] and got["created"] == 10_000, got
    return got


def _template(workdir: Path) -> Path:
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.services import Services

    from .excel import _template_with

    template = workdir / "excel-template-10k.xlsx"
    if not template.exists():
        scratch = workdir / "excel-import-orgs.sqlite3"
        for leftover in workdir.glob(scratch.name + "*"):
            leftover.unlink()
        store = Store.open(scratch, create=True, device_name="bench")
        try:
            _template_with(template, 10_000, [o.name for o in Services(store).organizations.list()])
        finally:
            store.close()
    return template


def _openpyxl_read(template: Path) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(template, read_only=True, data_only=True)
    n = sum(1 for _ in wb["地域課題"].iter_rows(values_only=True))
    wb.close()
    return n


def _reader_read(template: Path) -> int:
    from meguro_jukyo.core.exchange.untrusted import Deadline, scan_workbook
    from meguro_jukyo.core.exchange.xlsx_reader import open_workbook

    scan = scan_workbook(template, sheets_to_count=("地域課題",))
    with open_workbook(scan, Deadline(600)) as book:
        return sum(1 for _ in book.rows("地域課題", max_columns=100))


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def run(workdir: Path = OUT, base: Path | None = None, rounds: int = 3) -> list[str]:
    if base is None:
        raise SystemExit("usage: python -m bench.excel_import BASE_CHECKOUT")
    workdir.mkdir(parents=True, exist_ok=True)
    template = _template(workdir)
    store = workdir / "excel-import-compare.sqlite3"
    load_before = os.getloadavg()
    runs: dict[str, list[dict]] = {"after": [], "before": []}
    for i in range(rounds):
        for side, tree in (("after", _REPO), ("before", base)) if i % 2 == 0 else (("before", base), ("after", _REPO)):
            log(f"round {i + 1}: {side}")
            runs[side].append(import_in_child(tree, template, store))
    scan_read, _ = timed(_reader_read, template)
    openpyxl_read, _ = timed(_openpyxl_read, template)
    load_after = os.getloadavg()
    lines = [f"## Excel import before/after (bench/excel_import.py), {time.strftime('%Y-%m-%d %H:%M')}",
             f"template: 10,000 new issues ({template.stat().st_size / 2**20:.1f} MB); before = {base}; "
             f"load average (1/5/15 min) before {'/'.join(f'{x:.2f}' for x in load_before)}, "
             f"after {'/'.join(f'{x:.2f}' for x in load_after)}"]
    best = {}
    for side in ("before", "after"):
        got = runs[side]
        best[side] = min(got, key=lambda r: r["seconds"])
        lines.append(f"{side:<6}: wall {', '.join(fmt_seconds(r['seconds']) for r in got)}; "
                     f"CPU {', '.join(fmt_seconds(r['cpu']) for r in got)}; "
                     f"peak {', '.join(_mb(r['peak']) for r in got)} "
                     f"(growth {', '.join(_mb(r['peak'] - r['before']) for r in got)})")
    b, a = best["before"], best["after"]
    cpu_b, cpu_a = min(r["cpu"] for r in runs["before"]), min(r["cpu"] for r in runs["after"])
    lines.append(f"best wall: before {fmt_seconds(b['seconds'])}, after {fmt_seconds(a['seconds'])} "
                 f"→ after/before {a['seconds'] / b['seconds']:.2f}×; best CPU {fmt_seconds(cpu_b)} → "
                 f"{fmt_seconds(cpu_a)} ({cpu_a / cpu_b:.2f}×)")
    lines.append(f"reading the rows alone (this process): the streaming reader (scan included) "
                 f"{fmt_seconds(scan_read)}, openpyxl read-only {fmt_seconds(openpyxl_read)}")
    return lines


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m bench.excel_import BASE_CHECKOUT")
    print("\n".join(run(OUT, Path(sys.argv[1]))))
