"""Hostile workbooks at full size: time and peak memory of each refusal (or import).

The test suite (tests/core/test_xlsx_hostile.py) checks that each kind of hostile workbook is
refused with a message and leaves the store as it was; most of its cases are small or lower the
limits. Here every case is built at the size that would hurt, against the real limits, and
``import_workbook`` runs on it in a fresh process (so that its peak resident memory, VmHWM, is
the import's own). The raw baseline for each file is a fresh process that only reads every
member of the zip to its end with zipfile — what any reader must pay at least.

Goal (issue 17): the worst case under 10× its file size and under 256 MB.
Run alone with ``python -m bench.hostile``; ``python -m bench.hostile --tree DIR`` runs the
imports with the code of another checkout (the one before a change), for a comparison.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

from . import log

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "core"))
from xlsx_helpers import header_row, inline, write_raw_xlsx  # the raw writer of the tests

_CHILD = """
import json, sys, time, zipfile
from pathlib import Path
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
if sys.argv[1] == "raw":
    started = time.perf_counter()
    with zipfile.ZipFile(sys.argv[2]) as z:
        for name in z.namelist():
            with z.open(name) as fh:
                while fh.read(1 << 20):
                    pass
    print(json.dumps({"seconds": time.perf_counter() - started, "peak": peak(), "outcome": "read"}))
    sys.exit()
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.errors import UserError
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.exchange.xlsx_import import import_workbook
services = Services(Store.open(Path(sys.argv[3]), create=True))
services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})
before = peak()
started = time.perf_counter()
try:
    report = import_workbook(services, Path(sys.argv[2]), max_seconds=float(sys.argv[4]))
    outcome = f"read: {sum(report.created.values())} added, {len(report.errors)} problems"
except UserError as exc:
    outcome = "refused: " + exc.ja[:48]
print(json.dumps({"seconds": time.perf_counter() - started, "peak": peak(), "before": before, "outcome": outcome}))
"""

LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + "]>")
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
_WORDS = ["街灯", "防犯", "見回り", "回覧板", "子ども食堂", "歩道橋", "欄干", "遊具", "避難所", "防災訓練",
          "ごみ集積所", "自転車", "放置", "騒音", "高齢者", "見守り", "町会費", "掲示板", "公園", "清掃"]


def _row(i: int, title: str, description: str = "") -> str:
    text = inline(f"C{i}", description) if description else ""
    return f'<row r="{i}">{inline(f"A{i}", title)}{inline(f"B{i}", "駒場町会")}{text}</row>'


def _phrase(seed: int, words: int) -> str:
    rnd = random.Random(seed)
    return "".join(rnd.choice(_WORDS) for _ in range(words))


def _shared(count: int, length: int, seed: int) -> str:
    items = (_phrase(seed * count + i, length) + str(i) for i in range(count))
    return ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + "".join(f"<si><t>{t}</t></si>" for t in items) + "</sst>")


def _bomb(path: Path) -> None:
    write_raw_xlsx(path, [header_row()])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z, \
            z.open("xl/media/zeros.bin", "w", force_zip64=True) as fh:
        for _ in range(512):
            fh.write(b"\0" * (1 << 20))


def cases(folder: Path) -> dict[str, Path]:
    """Each hostile workbook, written once into ``folder``."""
    made = {}

    def case(name: str, build) -> None:
        path = folder / f"{name}.xlsx"
        if not path.exists():
            log(f"writing {name}")
            build(path)
        made[name] = path

    ref_row = '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>'
    case("shared strings: 29M characters", lambda p: write_raw_xlsx(
        p, [header_row(), ref_row], extra={"xl/sharedStrings.xml": _shared(1_000_000, 8, 1)}))
    case("shared strings: 3.1M strings", lambda p: write_raw_xlsx(
        p, [header_row(), ref_row], extra={"xl/sharedStrings.xml": _shared(3_100_000, 1, 2)}))
    case("shared strings: 17M characters, within bounds", lambda p: write_raw_xlsx(
        p, [header_row(), ref_row], extra={"xl/sharedStrings.xml": _shared(600_000, 8, 3)}))
    case("a million rows", lambda p: write_raw_xlsx(
        p, [header_row(), *(_row(i, f"課題{i * 7919 % 1_000_003}") for i in range(2, 1_000_002))]))
    case("100k issues with 170-character descriptions", lambda p: write_raw_xlsx(
        p, [header_row(("課題名", "組織", "内容")),
            *(_row(i, _phrase(i, 4) + str(i), _phrase(-i, 60)) for i in range(2, 100_002))]))
    case("billion laughs", lambda p: write_raw_xlsx(p, [header_row(), _row(2, "&lol9;")], doctype=LAUGHS))
    case("XXE after a 6 KB comment", lambda p: write_raw_xlsx(
        p, [header_row(), _row(2, "&xxe;")], doctype="<!--" + "x" * 6000 + "-->" + XXE))
    case("zip bomb: 512 MB of zeros", _bomb)
    case("declared dimension A1:XFD1048576", lambda p: write_raw_xlsx(
        p, [header_row()], dimension='<dimension ref="A1:XFD1048576"/>'))
    case("two cells a sheet apart", lambda p: write_raw_xlsx(
        p, [header_row(), f'<row r="1048576">{inline("XFD1048576", "x")}</row>']))
    return made


def _per_file(growth: int, size: int) -> str:
    return f"{growth / size:>5.1f}×" if size > 2**20 else f"{'—':>6}"  # a file of a few KB: no ratio to speak of


def _child(*args: str, tree: Path | None = None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)} if tree else None
    out = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, check=True,
                         env=env, cwd=tree)
    return json.loads(out.stdout.strip().splitlines()[-1])


#: the honest case is given time enough to finish on a loaded machine (the import's own limit
#: is MAX_SECONDS, 120 s): what it shows is memory; every hostile case keeps the real limit
_HONEST = "100k issues with 170-character descriptions"
_HONEST_SECONDS = 900


def run(workdir: Path, tree: Path | None = None, only: str = "") -> list[str]:
    folder = workdir / "hostile"
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["hostile workbooks: import_workbook in a fresh process vs reading every zip member (raw)"
             + (f"; the code of {tree}" if tree else ""), f"load average before: {os.getloadavg()[0]:.2f}",
             "(peak: the process's VmHWM; growth: peak above the process once its modules and store are open)",
             f"{'case':<48} {'file':>8} {'time':>8} {'raw':>7} {'peak':>7} {'raw':>6} {'growth':>7} {'/file':>6}  outcome"]
    worst = honest = None
    from meguro_jukyo.core.exchange.untrusted import MAX_SECONDS

    for name, path in cases(folder).items():
        if only not in name:
            continue
        log(f"importing {name}")
        store = folder / "store.sqlite3"
        for leftover in folder.glob("store.sqlite3*"):
            leftover.unlink()
        seconds = _HONEST_SECONDS if name == _HONEST else MAX_SECONDS
        got = _child("import", str(path), str(store), str(seconds), tree=tree)
        raw = _child("raw", str(path))
        size = path.stat().st_size
        growth = got["peak"] - got["before"]
        if name == _HONEST:
            honest = (got["peak"], got["outcome"])
        elif worst is None or growth > worst[1]:
            worst = (name, growth, got["peak"], growth / size)
        lines.append(f"{name:<48} {size / 2**20:>6.1f}MB {got['seconds']:>7.2f}s {raw['seconds']:>6.2f}s "
                     f"{got['peak'] / 2**20:>5.0f}MB {raw['peak'] / 2**20:>4.0f}MB {growth / 2**20:>5.0f}MB "
                     f"{_per_file(growth, size)}  {got['outcome']}")
    lines.append(f"load average after: {os.getloadavg()[0]:.2f}")
    if worst is not None:
        name, growth, peak, per_file = worst
        met = per_file < 10 and peak < 256 * 2**20
        lines.append(f"worst hostile case: {name}: grew {growth / 2**20:.0f} MB = {per_file:.1f}× its file, "
                     f"peak {peak / 2**20:.0f} MB (goal: < 10× and < 256 MB: {'met' if met else 'NOT met'})")
    if honest is not None:
        peak, outcome = honest
        lines.append(f"{_HONEST} (limit {_HONEST_SECONDS} s here): peak {peak / 2**20:.0f} MB, {outcome} "
                     f"(goal: < 256 MB: {'met' if peak < 256 * 2**20 else 'NOT met'})")
    return lines


if __name__ == "__main__":
    import argparse

    from . import OUT

    parser = argparse.ArgumentParser(prog="python -m bench.hostile")
    parser.add_argument("--tree", type=Path, help="run the imports with the code of this checkout")
    parser.add_argument("--only", default="", help="only the cases whose name holds this")
    args = parser.parse_args()
    print("\n".join(run(OUT, args.tree, args.only)))
