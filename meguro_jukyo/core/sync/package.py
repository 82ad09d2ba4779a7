"""The sync package (``.mjsync``): writing one, and reading one without trusting it.

A package is a zip holding

- ``records/<table>.jsonl``: the rows, one JSON object a line, by id, every column (the
  merge state in ``sync_state`` included), tombstones too;
- ``manifest.json``: format and version, schema and app version, the device (id, name,
  organization, public key, fingerprint), the created clock stamp, what it holds (scope,
  counts per table), and the SHA-256 and size of every records member;
- ``manifest.sig``: the device's Ed25519 signature over the exact manifest bytes;

and, as the zip comment at the very end of the file, a *seal*: the same key's signature over
the SHA-256 of every byte before it. The manifest signature makes the records authentic;
the seal makes the container itself tamper-evident, so that a changed byte anywhere — a
timestamp in a zip header, padding bits of a compressed stream — is refused too, not only
one that happens to change a record.

Reading (:func:`read_package`) checks, before anything is parsed for the store: the file and
member sizes, the member count and names (a fixed whitelist, so no absolute or ``..``
paths, no duplicates), the compression ratio, the format and schema versions, both
signatures, every member hash, and every row's shape, types and merge state. Any failure is
a :class:`Rejected` carrying a reason a person can act on.

One file over 500 lines on purpose: writing and reading are the two sides of one format (the
members, the manifest, the signature and the seal), kept side by side so that a change to the
format is made, and checked, in one place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import String, or_, select

from ... import __version__
from .. import models as m
from ..db import SCHEMA_VERSION
from ..errors import UserError
from ..files import atomic_path
from . import identity, state
from .clock import MAX_AHEAD_MS

FORMAT = "meguro-jukyo-sync"
FORMAT_VERSION = 1
SUFFIX = ".mjsync"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SEAL_MARK = b"MJSYNC-SEAL1"
SEAL_LENGTH = len(SEAL_MARK) + 64
_SEAL_DOMAIN = b"meguro-jukyo-sync seal v1\n"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so a package's bytes depend only on its contents

TABLES = {t.__table__.name: t.__table__ for t in m.USER_TABLES}
RECORD_MEMBERS = {f"records/{name}.jsonl": name for name in TABLES}
ALLOWED_MEMBERS = frozenset({MANIFEST, SIGNATURE, *RECORD_MEMBERS})
SCOPES = ("changes", "all", "bundle")

#: Laptops are upgraded one by one over weeks, so a package from a store one schema version
#: older or newer than this one is read too (further apart: refused, asking for the update).
#: Older: the columns a schema version added are missing from its predecessor's rows, and get
#: the value the migration gave existing rows. Newer: a row carrying a column this version does
#: not know, or a table it does not know, is refused with the reason (never dropped unread);
#: rows this version fully understands import. {version: {table: {column: value for older rows}}}
#: — a test checks it against the migrations.
COLUMNS_ADDED: dict[int, dict[str, dict[str, Any]]] = {
    6: {"meeting": {"opened_at": None, "closed_at": None}, "note": {"without_quorum": False},
        "action_item": {"agenda_item_id": None}, "agenda_item": {"carried_from": None}},
    7: {"meeting": {"chair": "", "written_votes": 0},
        "issue": {"department": None, "received_on": None, "answer_due": None}},
}
SCHEMA_SPAN = 1


@dataclass(frozen=True)
class Limits:
    """Bounds on untrusted input; generous for a ward-wide bundle, fatal to a zip bomb."""

    max_file: int = 2 << 30
    max_members: int = 16
    max_member: int = 1 << 30
    max_total: int = 2 << 30
    max_manifest: int = 1 << 20
    max_ratio: int = 200  # uncompressed / compressed, for members larger than ratio_floor
    ratio_floor: int = 1 << 20
    max_ahead_ms: int = MAX_AHEAD_MS  # how far a stamp may be ahead of this device's wall clock


class Rejected(UserError):
    """A package refused before anything was written; the message says why."""


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class ExportResult:
    path: Path
    counts: dict[str, int]
    scope: str
    created: str


def _plain_row(c: state.Codec, row) -> dict:
    return {k: c.plain(k, v) for k, v in row.items()}


def _line(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode()


def _selection(store, table, scope: str):
    stmt = select(table).order_by(table.c.id)
    if scope == "changes":
        # every row this device ever wrote: its id is in the row's stamp, or in the row's
        # context if another device wrote it since, so no edit of ours is ever left out
        me = store.device_id
        stmt = stmt.where(or_(table.c.device_id == me, table.c.sync_state.contains(me, autoescape=True)))
    return stmt


def export_package(store, out: str | os.PathLike, *, scope: str = "changes") -> ExportResult:
    """Write a signed package of this store's rows; ``out`` appears whole or not at all.

    ``changes``: every row this device created or changed (tombstones included);
    ``all``: the whole store; ``bundle``: the whole store, as the ward's bundle for laptops.
    """
    if scope not in SCOPES:
        raise ValueError(scope)
    if scope == "bundle" and not identity.is_ward_office(store):
        raise UserError("区の配布用ファイルは区の端末だけが書き出せます（区の端末なら「区の端末」と設定してください）。",
                        "Only the ward office's store exports the ward bundle (mark it as the ward's first).")
    key = identity.device_key(store)
    card = identity.device_card(store)
    out = Path(out)
    counts: dict[str, int] = {}
    members: dict[str, dict[str, Any]] = {}
    created = store.clock.tick()
    with atomic_path(out) as tmp:
        with zipfile.ZipFile(tmp, "w") as zf, store.engine.connect() as con:
            for member, name in RECORD_MEMBERS.items():
                table = TABLES[name]
                c = state.codec(table)
                digest, size, n = hashlib.sha256(), 0, 0
                info = _zipinfo(member)
                with zf.open(info, "w", force_zip64=True) as fh:
                    rows = con.execution_options(yield_per=2000).execute(_selection(store, table, scope))
                    for row in rows.mappings():
                        data = _line(_plain_row(c, row))
                        digest.update(data)
                        size += len(data)
                        n += 1
                        fh.write(data)
                counts[name] = n
                members[member] = {"sha256": digest.hexdigest(), "size": size}
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION,
                "schema_version": SCHEMA_VERSION, "app_version": __version__,
                "device": {"id": card.device_id, "name": card.name, "organization": card.organization,
                           "public_key": card.public_key, "fingerprint": card.fingerprint},
                "created": created, "scope": scope, "counts": counts, "members": members,
            }
            manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
            zf.writestr(_zipinfo(MANIFEST), manifest_bytes)
            zf.writestr(_zipinfo(SIGNATURE), key.sign(manifest_bytes))
            zf.comment = SEAL_MARK + bytes(64)
        _seal(tmp, key)
    return ExportResult(out, counts, scope, created)


def _zipinfo(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, _ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _prefix_digest(fh, length: int) -> tuple[bytes, str]:
    """SHA-256 of the first ``length`` bytes, and of the whole file, in one pass."""
    prefix, whole = hashlib.sha256(), hashlib.sha256()
    fh.seek(0)
    left = length
    while chunk := fh.read(1 << 20):
        whole.update(chunk)
        if left > 0:
            prefix.update(chunk[:left])
            left -= len(chunk)
    return prefix.digest(), whole.hexdigest()


def _seal(path: Path, key) -> None:
    with path.open("r+b") as fh:
        size = fh.seek(0, os.SEEK_END)
        digest, _ = _prefix_digest(fh, size - 64)
        fh.seek(size - 64)
        fh.write(key.sign(_SEAL_DOMAIN + digest))


# --------------------------------------------------------------------------- reading


@dataclass
class Package:
    """A package whose bytes, signatures and rows have all been checked."""

    path: Path
    sha256: str
    manifest: dict
    device_id: str
    device_name: str
    organization: str
    public_key: str
    fingerprint: str
    trusted: bool
    rows: dict[str, list[dict]] = field(default_factory=dict)  # table -> typed rows (trusted only)
    #: the name it arrived under, when ``path`` is a held copy named by its hash
    file_name: str = ""

    @property
    def name(self) -> str:
        return self.file_name or self.path.name

    @property
    def newest_stamp(self) -> str:
        stamps = [self.manifest["created"]]
        stamps.extend(max(r["hlc"] for r in rows) for rows in self.rows.values() if rows)
        return max(stamps)


#: what the zip and zlib modules raise on malformed input (a damaged file, not a bug)
_BROKEN = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError, OSError,
           ValueError, NotImplementedError)


def _reject(ja: str, en: str) -> Rejected:
    return Rejected(ja, en)


def package_sha256(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_package(path: str | os.PathLike, trusted_key, *, limits: Limits = Limits(),
                 parse_rows: bool = True) -> Package:
    """Check a package without trusting anything in it; raise Rejected with the reason.

    ``trusted_key(device_id)`` returns (base64 public key, trusted?) for a device this store
    knows, or None. A device that is unknown or untrusted is checked against the key in its
    own manifest (so a damaged file is still told apart) and comes back ``trusted=False``
    without its rows.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        fh = path.open("rb")
    except OSError as exc:
        raise _reject(f"ファイルを読めません（{exc.strerror}）。", f"Cannot read the file ({exc.strerror}).") from None
    with fh:
        if size > limits.max_file:
            raise _reject("パッケージが大きすぎます。", "The package is too large.")
        if size < SEAL_LENGTH + 22:
            raise _reject("同期ファイルではないか、途中までしか書かれていません（短すぎます）。",
                          "Not a sync package, or only partly written (too short).")
        prefix_digest, sha = _prefix_digest(fh, size - 64)
        fh.seek(0)
        try:
            zf = zipfile.ZipFile(fh)
        except _BROKEN:
            raise _reject("同期ファイルではないか、途中までしか書かれていません（zip として読めません）。"
                          "同期が終わってからもう一度取り込んでください。",
                          "Not a sync package, or only partly written (not a readable zip); "
                          "import it again once syncing has finished.") from None
        with zf:
            infos = _check_members(zf, limits)
            fh.seek(size - SEAL_LENGTH)
            tail = fh.read(SEAL_LENGTH)
            if zf.comment != tail or not tail.startswith(SEAL_MARK):
                raise _reject("パッケージの封印がありません（壊れているか、アプリ以外で作り直されています）。",
                              "The package's seal is missing (damaged, or rebuilt by something else).")
            manifest_bytes = _read_member(zf, infos[MANIFEST], limits.max_manifest)
            signature = _read_member(zf, infos[SIGNATURE], 64)
            manifest = _parse_manifest(manifest_bytes)
            dev = manifest["device"]
            known = trusted_key(dev["id"])
            trusted = bool(known and known[1])
            if trusted and known[0] != dev["public_key"]:
                raise _reject(
                    f"信頼している鍵と違う鍵で署名されています（端末 {dev['name'] or dev['id']}）。"
                    "端末カードを確かめてください。",
                    f"Signed with a different key than the one trusted for {dev['name'] or dev['id']}; "
                    "check the device card.")
            public = identity.load_public(known[0] if trusted else dev["public_key"])
            if identity.fingerprint(identity.public_raw(public)) != dev["fingerprint"]:
                raise _reject("マニフェストの指紋が鍵と合いません（改ざんされています）。",
                              "The manifest's fingerprint does not match its key (tampered).")
            _verify(public, signature, manifest_bytes)
            _verify(public, tail[len(SEAL_MARK):], _SEAL_DOMAIN + prefix_digest)
            declared = manifest["members"]
            present = set(infos) - {MANIFEST, SIGNATURE}
            if set(declared) - present:
                raise _reject(f"パッケージに必要なファイルが欠けています: {', '.join(sorted(set(declared) - present))}",
                              f"Members missing from the package: {', '.join(sorted(set(declared) - present))}")
            if present - set(declared):
                raise _reject(f"マニフェストにないファイルが入っています: {', '.join(sorted(present - set(declared)))}",
                              f"Members not in the manifest: {', '.join(sorted(present - set(declared)))}")
            pkg = Package(path, sha, manifest, dev["id"], dev["name"], dev["organization"],
                          dev["public_key"], dev["fingerprint"], trusted)
            for member in sorted(declared):
                data = _read_member(zf, infos[member], declared[member]["size"])
                if len(data) != declared[member]["size"] or hashlib.sha256(data).hexdigest() != declared[member]["sha256"]:
                    raise _reject(f"{member} の内容がマニフェストと合いません（改ざんされているか壊れています）。",
                                  f"{member} does not match the manifest (tampered or damaged).")
                if trusted and parse_rows:
                    name = RECORD_MEMBERS[member]
                    pkg.rows[name] = _parse_rows(name, data, manifest["counts"].get(name),
                                                 manifest["schema_version"])
    return pkg


def _check_members(zf: zipfile.ZipFile, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise _reject("パッケージのファイル数が多すぎます。", "Too many members in the package.")
    by_name: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ":" in name or ".." in parts or "\x00" in name:
            raise _reject(f"危険なパスが含まれています: {name!r}", f"Unsafe path in the package: {name!r}")
        if name not in ALLOWED_MEMBERS and name.startswith("records/") and name.endswith(".jsonl"):
            raise _reject(f"この版のアプリが知らない種類の記録が入っています（{name}）。新しい版のアプリで"
                          "作られたものなら、この端末のアプリを更新してから取り込んでください。",
                          f"The package holds records this version does not know ({name}); if it was "
                          "made by a newer version, update this app, then import it.")
        if name not in ALLOWED_MEMBERS:
            raise _reject(f"同期パッケージにないはずのファイルがあります: {name!r}",
                          f"Unexpected member in the package: {name!r}")
        if name in by_name:
            raise _reject(f"同じ名前のファイルが二つあります: {name!r}", f"Duplicate member: {name!r}")
        if info.flag_bits & 0x1:
            raise _reject("暗号化された zip は取り込めません。", "Encrypted zips cannot be imported.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _reject("対応していない圧縮形式です。", "Unsupported compression method.")
        if info.file_size > limits.max_member:
            raise _reject(f"{name} が大きすぎます。", f"{name} is too large.")
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise _reject(f"{name} の圧縮率が異常です（zip 爆弾の疑い）。",
                          f"{name} has an abnormal compression ratio (a zip bomb?).")
        total += info.file_size
        by_name[name] = info
    if total > limits.max_total:
        raise _reject("パッケージの中身が大きすぎます。", "The package's contents are too large.")
    for required in (MANIFEST, SIGNATURE):
        if required not in by_name:
            raise _reject(f"{required} がありません（同期パッケージではないか、壊れています）。",
                          f"{required} is missing (not a sync package, or damaged).")
    return by_name


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise _reject(f"{info.filename} が大きすぎます。", f"{info.filename} is too large.")
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except _BROKEN as exc:
        raise _reject(f"{info.filename} が壊れています（{exc}）。", f"{info.filename} is damaged ({exc}).") from None
    if len(data) > limit:
        raise _reject(f"{info.filename} が大きすぎます。", f"{info.filename} is too large.")
    return data


def _verify(public: Ed25519PublicKey, signature: bytes, data: bytes) -> None:
    try:
        public.verify(signature, data)
    except InvalidSignature:
        raise _reject("署名が合いません。パッケージが改ざんされているか壊れています。",
                      "The signature does not match: the package was tampered with or damaged.") from None


def _parse_manifest(data: bytes) -> dict:
    bad = _reject("マニフェストが読めません（同期パッケージではないか、壊れています）。",
                  "The manifest is unreadable (not a sync package, or damaged).")
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise bad from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise bad
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise bad
    if version > FORMAT_VERSION:
        raise _reject(f"新しい版のアプリで作られた同期ファイルです（形式 {version}）。アプリを更新してください。",
                      f"Made by a newer version of the app (format {version}); update the app.")
    schema = manifest.get("schema_version")
    if not isinstance(schema, int):
        raise bad
    if schema > SCHEMA_VERSION + SCHEMA_SPAN:
        raise _reject(f"新しい版のアプリのデータ形式です（形式 {schema}、この版は {SCHEMA_VERSION + SCHEMA_SPAN} "
                      "まで）。アプリを更新してから取り込んでください。",
                      f"The package has a newer schema ({schema}; this version reads up to "
                      f"{SCHEMA_VERSION + SCHEMA_SPAN}). Update the app, then import it.")
    if schema < SCHEMA_VERSION - SCHEMA_SPAN:
        raise _reject(f"古い版のアプリの同期ファイルです（形式 {schema}、この版は {SCHEMA_VERSION - SCHEMA_SPAN} "
                      "から）。送り元のアプリを更新してください。",
                      f"Made by an older version of the app (schema {schema}; this version reads from "
                      f"{SCHEMA_VERSION - SCHEMA_SPAN}); update the sender's app.")
    dev = manifest.get("device")
    if not isinstance(dev, dict) or not all(isinstance(dev.get(k), str) for k in
                                            ("id", "name", "organization", "public_key", "fingerprint")):
        raise bad
    members, counts = manifest.get("members"), manifest.get("counts")
    if not isinstance(members, dict) or not isinstance(counts, dict) or not isinstance(manifest.get("created"), str):
        raise bad
    for name, entry in members.items():
        if name not in RECORD_MEMBERS or not isinstance(entry, dict) \
                or not isinstance(entry.get("sha256"), str) or not isinstance(entry.get("size"), int) \
                or entry["size"] < 0:
            raise bad
    if manifest.get("scope") not in SCOPES:
        raise bad
    return manifest


def _kinds(table) -> dict[str, tuple[type, bool]]:
    out = {}
    for c in table.columns:
        t = c.type.python_type
        if t in (dt.date, dt.datetime) or isinstance(c.type, String) \
                or isinstance(getattr(c.type, "impl", None), String):
            t = str  # AutoString reports ``object``
        out[c.name] = (t, bool(c.nullable))
    return out


_KINDS = {name: _kinds(t) for name, t in TABLES.items()}


def _older_columns(name: str, schema: int) -> dict[str, Any]:
    """The columns added after ``schema``, with the value its rows get for them."""
    filled: dict[str, Any] = {}
    for version in range(schema + 1, SCHEMA_VERSION + 1):
        filled.update(COLUMNS_ADDED.get(version, {}).get(name, {}))
    return filled


def _parse_rows(name: str, data: bytes, count, schema: int = SCHEMA_VERSION) -> list[dict]:
    table = TABLES[name]
    c = state.codec(table)
    kinds = tuple(_KINDS[name].items())
    filled = _older_columns(name, schema)
    columns = frozenset(_KINDS[name]) - filled.keys()
    dates = tuple((col, dt.datetime.fromisoformat if col in c.datetimes else dt.date.fromisoformat)
                  for col in sorted(c.dates | c.datetimes))
    loads, check = json.loads, state.check
    rows, ids = [], set()

    def bad(why: str, line: int) -> Rejected:
        return _reject(f"records/{name}.jsonl の {line} 行目が不正です（{why}）。",
                       f"Line {line} of records/{name}.jsonl is invalid ({why}).")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise bad("UTF-8 ではありません", 1) from None
    for i, line in enumerate(text.splitlines(), 1):
        try:
            row = loads(line)
        except ValueError:
            raise bad("JSON ではありません", i) from None
        if type(row) is not dict:
            raise bad("列が合いません", i)
        if row.keys() != columns:
            unknown = sorted(row.keys() - _KINDS[name].keys())
            if unknown and schema > SCHEMA_VERSION:
                fields = ", ".join(f"{name}.{col}" for col in unknown)
                raise _reject(f"この版のアプリが知らない項目があります（{fields}）。読み捨てずに止めました。"
                              "この端末のアプリを更新してから取り込んでください。",
                              f"The package has fields this version does not know ({fields}); rather than "
                              "drop them, nothing was imported. Update this app, then import it.")
            raise bad("列が合いません", i)
        row.update(filled)
        for col, (kind, nullable) in kinds:
            value = row[col]
            if type(value) is not kind:  # else: the common case, checked in one comparison
                if value is None:
                    if not nullable:
                        raise bad(f"{col} が空です", i)
                elif not (kind is float and type(value) is int):
                    raise bad(f"{col} の型が違います", i)
        try:
            for col, parse in dates:
                if row[col] is not None:
                    row[col] = parse(row[col])
        except ValueError:
            raise bad("日付が読めません", i) from None
        if row["id"] in ids or not row["id"] or len(row["id"]) > 36:
            raise bad("id が不正です", i)
        ids.add(row["id"])
        try:
            check(c, row)
        except state.StateError as exc:
            raise bad(f"同期情報が不正です: {exc}", i) from None
        rows.append(row)
    if count != len(rows):
        raise _reject(f"records/{name}.jsonl の件数がマニフェストと合いません。",
                      f"records/{name}.jsonl does not hold the number of rows the manifest says.")
    return rows
