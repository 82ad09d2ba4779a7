"""The yearly handover (引き継ぎ): one file the outgoing officers give the incoming ones.

Officers change every 年度, and a council's records too often stay on the old officer's
laptop. A handover file carries everything the new laptop needs to continue where the old one
stopped: the whole store as a signed sync package (every record with its history stamps, so
later packages from other laptops and the ward's bundles merge as before), the device cards
the old laptop trusted (the ward office's among them), and a summary of the 年度 it hands over.

Trust. The file is handed over in person (USB stick, the council's shared folder); the new
laptop trusts the old one only when the person importing gives the old laptop's fingerprint,
read off its screen (`device show`) or off the handover's summary page. The cards inside are
trusted because the old laptop trusted them; a card that contradicts one the new laptop
already trusts is left out and reported, never replaced.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from .. import models as m
from ..errors import UserError
from ..files import atomic_path
from ..japanese import nendo_range
from ..progress import Progress, step
from ..summary import answered
from . import identity, importer
from .package import Rejected, export_package, read_package

FORMAT = "meguro-jukyo-handover"
VERSION = 1
SUFFIX = ".mjhandover"
SUMMARY = "handover.json"
SENDER = "sender.json"
PACKAGE = "records.mjsync"
CARDS = "cards/"
MAX_CARDS = 1000
MAX_SUMMARY = 1 << 20
CLOSED_ISSUE = ("resolved", "withdrawn")
CLOSED_ACTION = ("done", "cancelled")


@dataclass(frozen=True)
class Handover:
    """What a handover file says of itself."""

    organization_id: str
    organization_name: str
    nendo: int
    created: str  # ISO 8601, UTC
    counts: dict[str, int]
    sender: identity.DeviceCard
    cards: tuple[identity.DeviceCard, ...]


@dataclass
class HandoverImport:
    handover: Handover
    result: importer.FileResult
    trusted: list[identity.DeviceCard] = field(default_factory=list)
    left_out: list[tuple[identity.DeviceCard, str]] = field(default_factory=list)  # card, why


def year_counts(store, organization_id: str, nendo: int) -> dict[str, int]:
    """The figures of the summary: what is open now, and what the 年度 decided and asked."""
    start, end = nendo_range(nendo)
    issue, action, note, meeting = m.Issue.__table__, m.ActionItem.__table__, m.Note.__table__, m.Meeting.__table__
    live_issue = (issue.c.organization_id == organization_id) & issue.c.deleted.is_(False)
    year_meeting = ((meeting.c.organization_id == organization_id) & meeting.c.deleted.is_(False)
                    & (func.date(meeting.c.starts_at) >= start) & (func.date(meeting.c.starts_at) <= end))
    queries = {
        "open_issues": select(func.count()).where(live_issue, issue.c.status.notin_(CLOSED_ISSUE)),
        "open_actions": select(func.count()).where(action.c.organization_id == organization_id,
                                                   action.c.deleted.is_(False), action.c.status.notin_(CLOSED_ACTION)),
        "meetings": select(func.count()).where(year_meeting),
        "decisions": select(func.count()).select_from(note.join(meeting, note.c.meeting_id == meeting.c.id))
        .where(year_meeting, note.c.deleted.is_(False), note.c.kind == "decision"),
        "requests": select(func.count()).where(live_issue, issue.c.is_request.is_(True)),
        "answered": select(func.count()).where(live_issue, issue.c.is_request.is_(True),
                                               answered(issue)),
    }
    with store.engine.connect() as con:
        return {name: int(con.execute(q).scalar_one()) for name, q in queries.items()}


def _organization(store, organization_id: str) -> str:
    t = m.Organization.__table__
    with store.engine.connect() as con:
        name = con.execute(select(t.c.name).where(t.c.id == organization_id, t.c.deleted.is_(False))).scalar()
    if name is None:
        raise UserError("その組織はこのデータにありません。", "No such organization in this store.")
    return name


def write_handover(store, out: str | os.PathLike, *, organization_id: str, nendo: int,
                   progress: Progress | None = None) -> Handover:
    """Write the handover file for ``organization_id`` and ``nendo`` (whole or not at all).
    ``progress`` hears its three steps; a cancel raises :class:`~..progress.Cancelled` and
    leaves no file."""
    step(progress, 0, 3)
    name = _organization(store, organization_id)
    handover = Handover(
        organization_id=organization_id, organization_name=name, nendo=nendo,
        created=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        counts=year_counts(store, organization_id, nendo), sender=identity.device_card(store),
        cards=tuple(identity.trusted_devices(store)))
    summary = {"format": FORMAT, "version": VERSION, "organization_id": organization_id,
               "organization_name": name, "nendo": nendo, "created": handover.created, "counts": handover.counts}
    with atomic_path(out, private=True) as tmp, tempfile.TemporaryDirectory() as work:
        package = Path(work) / PACKAGE
        step(progress, 1, 3)
        export_package(store, package, scope="all")
        step(progress, 2, 3)
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(SUMMARY, json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=True))
            zf.writestr(SENDER, handover.sender.to_json())
            for i, card in enumerate(handover.cards):
                zf.writestr(f"{CARDS}{i:04d}.json", card.to_json())
            zf.write(package, PACKAGE, compress_type=zipfile.ZIP_STORED)  # a zip already
        step(progress, 3, 3)  # the last point to stop at: the file is not in place yet
    return handover


def _bad(detail: str) -> UserError:
    return UserError(f"引き継ぎファイルとして読めません（{detail}）。", f"Not a readable handover file ({detail}).")


def _small(zf: zipfile.ZipFile, name: str, limit: int) -> str:
    info = zf.getinfo(name)
    if info.file_size > limit:
        raise _bad(f"{name} が大きすぎます")
    try:
        return zf.read(name).decode("utf-8")
    except UnicodeDecodeError:
        raise _bad(f"{name} が UTF-8 ではありません") from None


def read_handover(path: str | os.PathLike, package_to: Path | None = None) -> Handover:
    """Check the file's parts and read its summary; with ``package_to``, the sync package is
    copied there (it is checked, signature and all, when it is imported)."""
    path = Path(path)
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise _bad(getattr(exc, "strerror", None) or "zip ではありません") from None
    with zf:
        names = zf.namelist()
        cards = [n for n in names if n.startswith(CARDS)]
        if {SUMMARY, SENDER, PACKAGE} - set(names) or len(cards) > MAX_CARDS \
                or set(names) - {SUMMARY, SENDER, PACKAGE, *cards}:
            raise _bad("中身の組み立てが違います")
        try:
            summary = json.loads(_small(zf, SUMMARY, MAX_SUMMARY))
        except ValueError:
            raise _bad("要約が JSON ではありません") from None
        if not isinstance(summary, dict) or summary.get("format") != FORMAT:
            raise _bad("目黒住区アプリの引き継ぎファイルではありません")
        if summary.get("version") != VERSION:
            raise UserError("新しい版のアプリで作られた引き継ぎファイルです。アプリを更新してください。",
                            "The handover file was made by a newer version of the app; update the app.")
        sender = identity.DeviceCard.from_json(_small(zf, SENDER, identity.MAX_CARD_BYTES))
        others = tuple(identity.DeviceCard.from_json(_small(zf, n, identity.MAX_CARD_BYTES)) for n in sorted(cards))
        if package_to is not None:
            with zf.open(PACKAGE) as src, package_to.open("wb") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
    try:
        return Handover(
            organization_id=str(summary["organization_id"]), organization_name=str(summary["organization_name"]),
            nendo=int(summary["nendo"]), created=str(summary["created"]),
            counts={str(k): int(v) for k, v in dict(summary["counts"]).items()}, sender=sender, cards=others)
    except (KeyError, TypeError, ValueError):
        raise _bad("要約の項目が足りないか壊れています") from None


def _same_fingerprint(given: str, card: identity.DeviceCard) -> bool:
    def plain(text: str) -> str:
        return "".join(text.split()).upper()

    return bool(given.strip()) and plain(given) == plain(card.fingerprint)


def _check_signed_by(package: Path, sender: identity.DeviceCard) -> None:
    """The records must be the sender's, signature intact, before anyone is trusted."""
    try:
        pkg = read_package(package, lambda device_id: (sender.public_key, True) if device_id == sender.device_id
                           else None, parse_rows=False)
    except Rejected as exc:
        raise UserError(f"引き継ぎファイルの記録が壊れています: {exc.ja}",
                        f"The records in the handover file are damaged: {exc.en}") from None
    if pkg.device_id != sender.device_id or pkg.public_key != sender.public_key:
        raise _bad("記録を書いた端末と送り主が違います")


class _SecondHalf:
    """The records' (done, total) as the second half of the handover import's progress."""

    def __init__(self, progress: Progress):
        self._progress = progress

    def report(self, done: int, total: int, message: str = "") -> None:
        self._progress.report(total + done, 2 * total, message)

    @property
    def cancelled(self) -> bool:
        return self._progress.cancelled


def import_handover(store, path: str | os.PathLike, *, fingerprint: str,
                    progress: Progress | None = None) -> HandoverImport:
    """Continue the handed-over records on this store. ``fingerprint`` is the old laptop's, as
    the person importing read it there; nothing is trusted or written unless it matches.
    ``progress`` hears its steps, then the records a chunk at a time; a cancel raises
    :class:`~..progress.Cancelled` and changes nothing: the devices are trusted in the one
    transaction that imports the records, and it rolls back whole."""
    with tempfile.TemporaryDirectory() as work:
        package = Path(work) / PACKAGE
        step(progress, 0, 2)
        handover = read_handover(path, package)
        sender = handover.sender
        if sender.device_id == store.device_id:
            raise UserError("この端末が書いた引き継ぎファイルです。新しい端末で取り込んでください。",
                            "This device wrote the handover file; import it on the new laptop.")
        if not _same_fingerprint(fingerprint, sender):
            raise UserError(
                f"指紋が一致しません。前の端末（{sender.name or sender.device_id}）の画面で指紋を確かめてください。"
                "ファイルが途中ですり替えられた可能性もあります。",
                f"The fingerprint does not match the old laptop's ({sender.name or sender.device_id}); "
                "check it on that laptop. The file may have been tampered with.")
        _check_signed_by(package, sender)
        step(progress, 1, 2)
        outcome = HandoverImport(handover, importer.FileResult(Path(path), importer.REJECTED), [sender])
        with store.engine.connect() as con:  # the cards this store cannot take are left out, and said
            for card in handover.cards:
                if card.device_id in (store.device_id, sender.device_id):
                    continue
                refusal = identity.trust_refusal(con, card)
                if refusal is not None:
                    outcome.left_out.append((card, refusal.ja))
                else:
                    outcome.trusted.append(card)
            refusal = identity.trust_refusal(con, sender)
        if refusal is not None:
            raise refusal
        outcome.result = importer.import_package(store, package, trusting=outcome.trusted,
                                                 progress=None if progress is None else _SecondHalf(progress))
    if outcome.result.status not in (importer.IMPORTED, importer.DUPLICATE):
        raise UserError(f"記録を取り込めませんでした: {outcome.result.reason}",
                        f"The records could not be imported: {outcome.result.reason_en}")
    if not identity.organization(store):
        identity.set_organization(store, handover.organization_name)
    if progress is not None:
        progress.report(2, 2)
    return outcome
