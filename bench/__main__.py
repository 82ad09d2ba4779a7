"""Run the benchmarks: ``python -m bench [NAME ...] [--workdir DIR]`` (default: all of them)."""

from __future__ import annotations

import argparse
import importlib
import platform
import sqlite3
import sys
import time
from pathlib import Path

from . import OUT

#: Bench modules, run in this order. Each exposes ``run(workdir: Path) -> list[str]``.
BENCHES = (
    "bench.store",
    "bench.sync",
    "bench.gui",
    "bench.pg",
    "bench.pgshort",
    "bench.filters",
    "bench.excel",
    "bench.hostile",
    "bench.frozen",
    "bench.desk",
    "bench.suggest",
    "bench.open",
)


def _module(name: str) -> str:
    full = name if name.startswith("bench.") else f"bench.{name}"
    if full not in BENCHES:
        raise SystemExit(f"unknown bench {name!r}; known: {', '.join(b.removeprefix('bench.') for b in BENCHES)}")
    return full


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help="benches to run (default: all): "
                        + ", ".join(b.removeprefix("bench.") for b in BENCHES))
    parser.add_argument("--workdir", type=Path, default=OUT, help=f"cache and scratch folder (default {OUT})")
    args = parser.parse_args(argv)
    modules = [_module(n) for n in args.names] or list(BENCHES)
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"# {time.strftime('%Y-%m-%d %H:%M')}  Python {platform.python_version()}  "
          f"SQLite {sqlite3.sqlite_version}  {platform.machine()}", flush=True)
    for name in modules:
        lines = importlib.import_module(name).run(args.workdir)
        print("\n".join(lines), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
