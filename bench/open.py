"""Opening costs the same whatever the store's size (issue 15): a whole-process
``meguro-jukyo search 防災訓練`` on the ward store against the same on the demo store, a raw
``sqlite3`` process as the floor, and the GUI from launch to the issue list filled on each.

Target: search on the ward store ≤ 1.2× the demo store, in the same run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import OUT, fmt_seconds, log, median, ratio, verdict, ward_store
from .gui import _OURS, _launch

RUNS = 5
QUERY = "防災訓練"
_RAW = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(c.execute('SELECT count(*) FROM issue').fetchone())"


def _process(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    return time.perf_counter() - started


def run(workdir: Path = OUT) -> list[str]:
    ward = ward_store(workdir)
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo.sqlite3"
        subprocess.run([sys.executable, "-m", "meguro_jukyo", "--db", str(demo), "init", "--demo"],
                       check=True, capture_output=True)
        log(f"whole-process search {QUERY}: demo vs ward, {RUNS} runs interleaved")
        times: dict[str, list[float]] = {"raw": [], "demo": [], "ward": []}
        for _ in range(RUNS):
            times["raw"].append(_process([sys.executable, "-c", _RAW, str(ward)]))
            for name, path in (("demo", demo), ("ward", ward)):
                times[name].append(_process([sys.executable, "-m", "meguro_jukyo", "--db", str(path),
                                             "search", QUERY]))
        raw, on_demo, on_ward = (median(times[k]) for k in ("raw", "demo", "ward"))
        lines = ["## open — search and start-up at ward size against the demo store", "",
                 f"(a) whole-process `search {QUERY}` (median of {RUNS}): demo store {fmt_seconds(on_demo)}, "
                 f"ward store {fmt_seconds(on_ward)} = {ratio(on_ward, on_demo)} of the demo "
                 f"(target ≤ 1.2×: {verdict(on_ward <= 1.2 * on_demo)}); raw python+sqlite3 process on the "
                 f"ward store {fmt_seconds(raw)}"]
        ini = str(Path(tmp) / "settings.ini")
        filled = {"demo": [], "ward": []}
        for _ in range(3):
            for name, path in (("demo", demo), ("ward", ward)):
                filled[name].append(_launch(_OURS, str(path), ini)[1])
        lines.append(f"(b) GUI from launch to the issue list filled (median of 3): demo store "
                     f"{fmt_seconds(median(filled['demo']))}, ward store {fmt_seconds(median(filled['ward']))} "
                     f"= {ratio(median(filled['ward']), median(filled['demo']))}")
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
