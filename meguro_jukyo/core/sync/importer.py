"""Importing packages: one engine for laptop → ward and ward → laptop.

A package is checked whole (package.py) before the store is touched, then applied in one
transaction: the ledger entry first (so the same package taken in by two workstations of one
server store applies once: the second waits on the key and finds it), then every row merged
(state.py), history written, the search index refreshed, and the clock told about the newest
stamp it saw (so this device's next edit sorts after everything it has imported).

A folder is imported file by file; a bad file is reported with its reason and the rest go on.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from platformdirs import user_data_path
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import col

from ..concurrency import IMPORT_LOCK, StoreBusy
from ..bulk import insert_many
from ..dialect import insert_or_replace, large_page_cache
from ..files import atomic_path
from ..progress import Progress, step
from ..search_index import BulkIndex
from ..services.unit_of_work import Tx, run
from ..services.values import to_json
from . import identity, state
from .clock import Stamp
from .fold import FOLDED, fold, owners
from .models import SyncDevice, SyncLedger, SyncQuarantine
from .package import SUFFIX, TABLES, Limits, Package, Rejected, package_sha256, read_package

IMPORTED, DUPLICATE, QUARANTINED, REJECTED = "imported", "duplicate", "quarantined", "rejected"
OUTCOMES = (state.NEW, state.UPDATED, state.UNCHANGED, state.PARALLEL, state.CONFLICT)
_CHUNK = 500


@dataclass
class FileResult:
    """What became of one file."""

    path: Path
    status: str  # imported | duplicate | quarantined | rejected
    counts: Counter = field(default_factory=Counter)  # outcome -> rows
    reason: str = ""  # for rejected (Japanese), or what a duplicate duplicates
    reason_en: str = ""
    device_id: str = ""
    device_name: str = ""
    fingerprint: str = ""  # for quarantined: to compare with the device's card
    sha256: str = ""
    file_name: str = ""  # the name it arrived under, when ``path`` is a held copy named by its hash

    @property
    def name(self) -> str:
        """The file's name as the person who sent or imported it knows it."""
        return self.file_name or self.path.name


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    def totals(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for f in self.files:
            total.update(f.counts)
            total[f.status] += 1
        return total

    def summary(self) -> str:
        t = self.totals()
        parts = [f"{len(self.files)} 件のファイル: 取り込み {t[IMPORTED]}", f"重複 {t[DUPLICATE]}",
                 f"保留 {t[QUARANTINED]}", f"拒否 {t[REJECTED]}"]
        rows = [f"新規 {t[state.NEW]}", f"更新 {t[state.UPDATED]}", f"変化なし {t[state.UNCHANGED]}",
                f"並行更新 {t[state.PARALLEL]}", f"競合 {t[state.CONFLICT]}"]
        text = "、".join(parts) + "。記録: " + "、".join(rows) + "。"
        return text + ("（中断しました）" if self.cancelled else "")


# --------------------------------------------------------------------------- entry points


def import_paths(store, paths: Iterable[str | os.PathLike], *, progress: Progress | None = None,
                 limits: Limits = Limits()) -> ImportReport:
    """Import files and the ``*.mjsync`` files of folders; report on each.

    ``progress`` hears (done, total, file name) before each file and once at the end. A cancel
    is looked at between files (a file is never half-applied): the files imported by then
    stay, and :class:`~..progress.Cancelled` carries their report (``cancelled`` set).
    """
    files = collect(paths)
    report = ImportReport()
    seen: dict[str, Path] = {}
    for i, path in enumerate(files):
        _step(progress, i, len(files), path.name, report)
        try:
            sha = package_sha256(path)
        except OSError as exc:
            report.files.append(FileResult(path, REJECTED, reason=f"ファイルを読めません（{exc.strerror}）。",
                                           reason_en=f"Cannot read the file ({exc.strerror})."))
            continue
        if sha in seen:  # cloud folders keep copies: "name (1).mjsync" with the same bytes
            report.files.append(FileResult(path, DUPLICATE, sha256=sha, reason=f"{seen[sha].name} と同じ内容です。",
                                           reason_en=f"Same contents as {seen[sha].name}."))
            continue
        seen[sha] = path
        report.files.append(import_package(store, path, limits=limits))
    if progress is not None:  # all done: no longer a point to stop at
        progress.report(len(report.files), len(files))
    return report


def _step(progress: Progress | None, done: int, total: int, name: str, report: ImportReport) -> None:
    """Before a file: stop here if cancelled, the report so far marked as cancelled."""
    if progress is not None and progress.cancelled:
        report.cancelled = True
    step(progress, done, total, name, partial=report)


#: what cloud folders and file managers append to a copy's name: "A1 (1)", "A1 (conflicted copy
#: 2026-01-05)", "A1 - Copy", "A1 - コピー (2)"
_COPY_MARK = re.compile(r"\s*(?:\((?:\d+|[^()]*conflicted copy[^()]*)\)|-\s*(?:copy|コピー)(?:\s*\(\d+\))?)$",
                        re.IGNORECASE)


def _originals_first(path: Path) -> tuple[str, bool, str]:
    """Sort key: a copy right after its original, so the original is the file imported and
    recorded in the ledger and the copy is the duplicate (plain sorting puts "A1 (1)" first)."""
    original = _COPY_MARK.sub("", path.stem)
    return original, original != path.stem, path.name


def collect(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The files to import: those named, and the packages in folders named (sorted, originals
    before their copies)."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted((q for q in p.iterdir() if q.suffix == SUFFIX and q.is_file()
                               and not q.name.startswith(".")), key=_originals_first))
        else:
            out.append(p)
    return out


def import_package(store, path: str | os.PathLike, *, limits: Limits = Limits(), file_name: str = "",
                   trusting: Sequence[identity.DeviceCard] = (), progress: Progress | None = None) -> FileResult:
    """Check and apply one package; the store is untouched unless it is applied whole.
    ``file_name``: the name it arrived under (a held copy is named by its hash).
    ``trusting``: cards trusted in the transaction that applies the records (the handover's),
    the package read as if they were trusted already; they are trusted too if it is a duplicate.
    ``progress`` hears (rows applied, rows in all) a chunk at a time; a cancel there raises
    :class:`~..progress.Cancelled` and the one transaction, trust and all, rolls back."""
    path = Path(path)
    keys = {card.device_id: (card.public_key, True) for card in trusting}
    try:
        pkg = read_package(path, lambda device_id: keys.get(device_id) or _known_key(store, device_id), limits=limits)
    except Rejected as exc:
        return FileResult(path, REJECTED, reason=exc.ja, reason_en=exc.en, file_name=file_name)
    pkg.file_name = file_name
    result = FileResult(path, IMPORTED, device_id=pkg.device_id, device_name=pkg.device_name,
                        fingerprint=pkg.fingerprint, sha256=pkg.sha256, file_name=file_name)
    with store.engine.connect() as con:
        if con.execute(select(col(SyncLedger.package_sha256)).where(col(SyncLedger.package_sha256) == pkg.sha256)).first():
            result.status, result.reason = DUPLICATE, "取り込み済みです。"
            result.reason_en = "Already imported."
    if result.status == DUPLICATE:
        return _duplicate(store, result, trusting)
    if (ahead := store.clock.ahead_ms(pkg.newest_stamp)) > limits.max_ahead_ms:
        return _clock_ahead(result, pkg, ahead)
    if not pkg.trusted:
        _quarantine(store, pkg)
        result.status = QUARANTINED
        result.reason = (f"信頼していない端末（{pkg.device_name or pkg.device_id}、指紋 {pkg.fingerprint}）"
                         "からのファイルなので保留しました。端末カードを確かめて信頼すると取り込めます。")
        result.reason_en = (f"Held: the device ({pkg.device_name or pkg.device_id}, fingerprint "
                            f"{pkg.fingerprint}) is not trusted. Trust its card to import it.")
        return result
    try:
        result.counts = apply(store, pkg, trusting=trusting, progress=progress)
    except StoreBusy as exc:  # a server store whose other writers kept colliding with this
        result.status, result.reason, result.reason_en = REJECTED, exc.ja, exc.en
        return result
    except IntegrityError as exc:
        if _in_ledger(store, pkg.sha256):  # another workstation took it in meanwhile
            result.status, result.reason, result.reason_en = DUPLICATE, "取り込み済みです。", "Already imported."
            return _duplicate(store, result, trusting)
        return _db_rejection(result, exc)
    except DBAPIError as exc:
        return _db_rejection(result, exc)
    return result


def _clock_ahead(result: FileResult, pkg: Package, ahead_ms: int) -> FileResult:
    """Refused whole, before anything is written, and this device's clock is not moved."""
    when = dt.datetime.fromtimestamp(Stamp.parse(pkg.newest_stamp).ms / 1000, dt.timezone.utc)
    days = ahead_ms / 86_400_000
    sender = pkg.device_name or pkg.device_id
    result.status = REJECTED
    result.reason = (f"送った端末（{sender}）の時計が進みすぎています（記録の時刻 {when:%Y-%m-%d %H:%M} UTC、"
                     f"この端末の時計より {days:.1f} 日先）。何も取り込んでいません。"
                     "その端末の日付と時刻を直してから、もう一度書き出してもらってください。")
    result.reason_en = (f"The sending device ({sender}) has a clock that is ahead: a stamp of {when:%Y-%m-%d %H:%M} UTC, "
                        f"{days:.1f} days ahead of this computer's clock. Nothing was imported; "
                        "have its date and time corrected and the package exported again.")
    return result


def _db_rejection(result: FileResult, exc: DBAPIError) -> FileResult:
    detail = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
    result.status = REJECTED
    result.counts = Counter()
    result.reason = f"記録をデータに書き込めませんでした（{detail}）。何も取り込んでいません。"
    result.reason_en = f"The records could not be written ({detail}); nothing was imported."
    return result


def _in_ledger(store, sha: str) -> bool:
    with store.engine.connect() as con:
        return con.execute(select(col(SyncLedger.package_sha256)).where(col(SyncLedger.package_sha256) == sha)).first() is not None


def _known_key(store, device_id: str) -> tuple[str, bool] | None:
    if device_id == store.device_id:
        return identity.device_card(store).public_key, True
    with store.engine.connect() as con:
        known = identity.known_device(con, device_id)
    return (known["public_key"], bool(known["trusted"])) if known else None


# --------------------------------------------------------------------------- applying


def apply(store, pkg: Package, *, trusting: Sequence[identity.DeviceCard] = (),
          progress: Progress | None = None) -> Counter:
    """Merge a checked, trusted package's rows into the store in one unit of work; imports
    from several workstations take turns (see concurrency.one_import_at_a_time).
    ``trusting`` and ``progress`` as for :func:`import_package`."""
    label = f"同期の取り込み: {pkg.name}（{pkg.device_name or pkg.device_id}）"
    return run(store, label, lambda tx: _apply_in(tx, pkg, trusting, progress), kind="import", turn=IMPORT_LOCK)


def _trust(con, cards: Sequence[identity.DeviceCard]) -> None:
    for card in cards:
        identity.trust_card_in(con, card)


def _duplicate(store, result: FileResult, trusting: Sequence[identity.DeviceCard]) -> FileResult:
    """A package taken in already: nothing to apply, but the cards it came with are trusted
    (a handover imported twice still trusts its laptops)."""
    if trusting:
        with store.engine.begin() as con:
            _trust(con, trusting)
    return result


def _apply_in(tx: Tx, pkg: Package, trusting: Sequence[identity.DeviceCard] = (),
              progress: Progress | None = None) -> Counter:
    store = tx.store
    counts: Counter = Counter()  # per attempt: a collision's retry counts afresh
    con = tx.con
    _trust(con, trusting)
    total, done = sum(len(pkg.rows.get(name, [])) for name in TABLES), 0
    con.execute(SyncLedger.__table__.insert().values(
        package_sha256=pkg.sha256, device_id=pkg.device_id, created=pkg.manifest["created"],
        file_name=pkg.name, imported_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0), counts=""))
    history: list[dict] = []
    with large_page_cache(con), BulkIndex(con) as index:
        for name, table in TABLES.items():
            rows = pkg.rows.get(name, [])
            c = state.codec(table)
            for start in range(0, len(rows), _CHUNK):
                step(progress, done, total)  # a cancel rolls the whole package back
                done += len(rows[start:start + _CHUNK])
                apply_chunk(con, c, name, rows[start:start + _CHUNK], counts, history, index)
    tx.record_many(history)
    store.clock.observe(pkg.newest_stamp)
    for name in FOLDED:  # after the clock has seen the package: a fold is the newest write
        folded = fold(tx, name, owners(name, pkg.rows.get(name, [])))
        if folded:
            counts["folded"] += folded
    con.execute(SyncLedger.__table__.update().where(col(SyncLedger.package_sha256) == pkg.sha256)
                .values(counts=json.dumps(dict(counts), sort_keys=True)))
    return counts


def apply_chunk(con, c: state.Codec, name: str, rows: list[dict], counts: Counter, history: list[dict],
                index: BulkIndex) -> None:
    """Merge up to a few hundred rows of one table: one lookup of which the store has, then
    rows it lacks inserted and rows it holds replaced, each kind in one statement."""
    table = c.table
    ids = [r["id"] for r in rows]
    local = {r["id"]: dict(r) for r in con.execute(select(table).where(table.c.id.in_(ids))).mappings()}
    write, new = [], []
    for incoming in rows:
        mine = local.get(incoming["id"])
        if mine is None:
            merged, outcome = incoming, state.NEW
            if not incoming["deleted"]:
                history.append({"entity": name, "entity_id": incoming["id"], "field": "deleted",
                                "old": "true", "new": "false"})
        else:
            merged, outcome = state.merge(c, mine, incoming)
            if outcome != state.UNCHANGED:
                history.extend({"entity": name, "entity_id": incoming["id"], "field": f,
                                "old": to_json(mine[f]), "new": to_json(merged[f])}
                               for f in c.fields if mine[f] != merged[f])
        counts[outcome] += 1
        if outcome == state.NEW:
            new.append(merged)
        elif outcome != state.UNCHANGED:
            write.append(merged)
    insert_many(con, table, new)
    if write:
        insert_or_replace(con, table, write, ["id"])
    index.add(name, new + write)


# --------------------------------------------------------------------------- quarantine


def quarantine_dir(store) -> Path:
    if store.path is not None:
        return store.path.parent / (store.path.stem + "-quarantine")
    return user_data_path("meguro_jukyo", appauthor=False) / "quarantine" / store.device_id


def _quarantine(store, pkg: Package) -> None:
    dest = quarantine_dir(store) / f"{pkg.sha256}{SUFFIX}"
    if not dest.exists():
        with atomic_path(dest, private=True) as tmp:
            shutil.copyfile(pkg.path, tmp)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    with store.engine.begin() as con:
        if identity.known_device(con, pkg.device_id) is None:
            con.execute(SyncDevice.__table__.insert().values(
                device_id=pkg.device_id, name=pkg.device_name, organization=pkg.organization,
                public_key=pkg.public_key, fingerprint=pkg.fingerprint, trusted=False, added_at=now))
        insert_or_replace(con, SyncQuarantine.__table__, [{
            "package_sha256": pkg.sha256, "device_id": pkg.device_id, "device_name": pkg.device_name,
            "organization": pkg.organization, "fingerprint": pkg.fingerprint, "path": str(dest),
            "file_name": pkg.name, "received_at": now}], ["package_sha256"])


@dataclass(frozen=True)
class Held:
    package_sha256: str
    device_id: str
    device_name: str
    organization: str
    fingerprint: str
    file_name: str
    received_at: dt.datetime
    path: Path


def list_quarantine(store) -> list[Held]:
    q = SyncQuarantine.__table__
    with store.engine.connect() as con:
        return [Held(r["package_sha256"], r["device_id"], r["device_name"], r["organization"],
                     r["fingerprint"], r["file_name"], r["received_at"], Path(r["path"]))
                for r in con.execute(select(q).order_by(q.c.received_at, q.c.package_sha256)).mappings()]


def import_quarantined(store, *, progress: Progress | None = None, limits: Limits = Limits()) -> ImportReport:
    """Import the held packages whose devices are trusted now; release those taken in.
    Progress and cancel as for :func:`import_paths`."""
    held = [h for h in list_quarantine(store) if (_known_key(store, h.device_id) or ("", False))[1]]
    report = ImportReport()
    for i, h in enumerate(held):
        _step(progress, i, len(held), h.file_name, report)
        if not h.path.exists():
            result = FileResult(h.path, REJECTED, reason="保留していたファイルが見つかりません。",
                                reason_en="The held file is gone.", sha256=h.package_sha256, file_name=h.file_name)
        else:
            result = import_package(store, h.path, limits=limits, file_name=h.file_name)
        report.files.append(result)
        if result.status in (IMPORTED, DUPLICATE):
            with store.engine.begin() as con:
                con.execute(SyncQuarantine.__table__.delete().where(
                    col(SyncQuarantine.package_sha256) == h.package_sha256))
            h.path.unlink(missing_ok=True)
    if progress is not None:
        progress.report(len(report.files), len(held))
    return report


def ledger(store) -> list[dict]:
    t = SyncLedger.__table__
    with store.engine.connect() as con:
        return [dict(r) for r in con.execute(select(t).order_by(t.c.imported_at, t.c.package_sha256)).mappings()]

