"""Benchmarks: figures printed beside a raw baseline measured in the same run, never asserts.

``python -m bench`` runs every module in ``bench.__main__.BENCHES``; ``python -m bench store``
(or ``python -m bench.store``) runs one. A bench module exposes ``run(workdir: Path) ->
list[str]``: it does its measuring (progress may go to stderr) and returns the lines of its
report, which the runner prints.

Ward-size data (DESIGN.md §6) takes most of a minute to build, so it is built once into
``bench/out/`` (ignored by git) and reused while the code that shapes it is unchanged:
:func:`ward_store` hands out its path. Treat that store as read-only; :func:`ward_copy` gives
a private copy to a bench that writes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
SEED = 2022
_REPO = Path(__file__).resolve().parents[1]
#: Files whose contents decide what a ward store holds; a change to any rebuilds the cache.
_SHAPING = (
    "meguro_jukyo/core/demo",
    "meguro_jukyo/core/search_index.py",
    "meguro_jukyo/core/japanese.py",
    "meguro_jukyo/core/models.py",
    "meguro_jukyo/core/reference.py",
    "meguro_jukyo/core/migrations/versions",
    "meguro_jukyo/resources/areas.json",
    "meguro_jukyo/resources/demo_phrases.json",
    "meguro_jukyo/resources/itaiji.json",
    "meguro_jukyo/resources/vocab.json",
    "meguro_jukyo/resources/policy",
)


def log(message: str) -> None:
    """Progress for the person waiting (stderr, so reports stay clean)."""
    print(f"  … {message}", file=sys.stderr, flush=True)


def ward_key(seed: int = SEED) -> str:
    """What the cached ward store must have been built from: the seed and the shaping code."""
    from meguro_jukyo.core.db import SCHEMA_VERSION

    digest = hashlib.sha256(f"seed={seed};schema={SCHEMA_VERSION}".encode())
    for name in _SHAPING:
        path = _REPO / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(_REPO)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _paths(workdir: Path, seed: int) -> tuple[Path, Path]:
    return workdir / f"ward-{seed}.sqlite3", workdir / f"ward-{seed}.json"


def _remove_store(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def cached_ward(workdir: Path, seed: int = SEED) -> dict | None:
    """The cache's record ({key, counts, built, load_seconds}) if it is current, else None."""
    path, meta = _paths(workdir, seed)
    if not (path.exists() and meta.exists()):
        return None
    info = json.loads(meta.read_text(encoding="utf-8"))
    return info if info.get("key") == ward_key(seed) else None


def adopt_ward(workdir: Path, built: Path, counts: dict, load_seconds: float, seed: int = SEED) -> Path:
    """Make a freshly built (and closed) ward store the cache for ``seed``."""
    path, meta = _paths(workdir, seed)
    _remove_store(path)
    meta.unlink(missing_ok=True)
    built.replace(path)
    _remove_store(built)
    info = {"key": ward_key(seed), "seed": seed, "counts": counts, "load_seconds": round(load_seconds, 2),
            "built": time.strftime("%Y-%m-%d %H:%M:%S")}
    meta.write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def build_ward(path: Path, seed: int = SEED, timings: dict | None = None) -> tuple[dict, float]:
    """Build a ward store at ``path`` (replacing what is there); (counts, seconds of load_demo)."""
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.demo import load_demo

    _remove_store(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store.open(path, create=True, device_name="bench")
    try:
        started = time.perf_counter()
        counts = load_demo(store, "ward", seed=seed, timings=timings)
        seconds = time.perf_counter() - started
    finally:
        store.close()
    return counts, seconds


def ward_store(workdir: Path = OUT, seed: int = SEED) -> Path:
    """Path of a ward-size store for ``seed``, built now only if the cached one is missing or stale."""
    workdir.mkdir(parents=True, exist_ok=True)
    if cached_ward(workdir, seed) is None:
        log(f"building the ward-size store (seed {seed}) into {workdir} — most of a minute")
        building = workdir / f"ward-{seed}.building.sqlite3"
        counts, seconds = build_ward(building, seed)
        adopt_ward(workdir, building, counts, seconds, seed)
    return _paths(workdir, seed)[0]


def ward_copy(workdir: Path, dest: Path, seed: int = SEED) -> Path:
    """A private, writable copy of the ward store (the cache itself stays untouched)."""
    source = ward_store(workdir, seed)
    _remove_store(dest)
    shutil.copyfile(source, dest)
    return dest


# --------------------------------------------------------------------------- reporting


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def median(values) -> float:
    return statistics.median(values)


def fmt_seconds(s: float) -> str:
    if s >= 1:
        return f"{s:.1f} s"
    return f"{s * 1000:.2f} ms" if s < 0.01 else f"{s * 1000:.1f} ms"


def ratio(ours: float, raw: float) -> str:
    return f"{ours / raw:.2f}×" if raw > 0 else "n/a"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"
