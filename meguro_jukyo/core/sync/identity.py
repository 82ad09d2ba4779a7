"""Device identity: the Ed25519 key pair, the device card handed to the ward, trust.

The private key lives beside the store file (``<store>.key``, owner-only) — for a server
store, in the user's data folder under the device id — and is made on first use. The device
id is the store's. A card carries what the other side needs to check this device's packages:
id, name, organization, public key, and a fingerprint short enough to read aloud over the
phone and compare (the first 128 bits of the key's SHA-256, in groups of four).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import os
import re
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from platformdirs import user_data_path
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col

from ..dialect import insert_or_replace
from ..errors import UserError
from ..faults import StoreFault
from ..files import atomic_binary, atomic_text
from ..workstation import Workstation
from .models import SyncDevice

CARD_FORMAT = "meguro-jukyo-device-card"
CARD_VERSION = 1
MAX_CARD_BYTES = 16 * 1024
_ORG_KEY = "device_organization"
_WARD_KEY = "ward_office"


def key_path(store) -> Path:
    if store.path is not None:
        return Path(str(store.path) + ".key")
    return user_data_path("meguro_jukyo", appauthor=False) / "keys" / f"{store.device_id}.key"


def _key_meta(store) -> str:
    """The ``meta`` key recording the fingerprint of the key this device id signs with."""
    return f"device_key:{store.device_id}"


def _remember_key(store, key: Ed25519PrivateKey) -> None:
    try:
        with store.engine.begin() as con:
            store.set_meta(con, _key_meta(store), fingerprint(public_raw(key)))
    except (SQLAlchemyError, StoreFault):  # a store opened read-only: it signs nothing either
        pass


def key_recorded(store) -> bool:
    """This device's key exists and the store knows its fingerprint: using it writes nothing."""
    return key_path(store).exists() and _key_meta(store) in store._read_meta()


def device_key(store) -> Ed25519PrivateKey:
    """This device's private key, made (owner-only) the first time it is needed.

    Once a device id has a key, the store records the key's fingerprint, and no other key is
    made or taken under that id: a store copied to another computer without its key file would
    otherwise sign with a new key under the old id, and every device that trusts the old one
    would reject it. The user then either copies the key file too or asks for a new device.
    """
    path = key_path(store)
    recorded = store._read_meta().get(_key_meta(store))
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError) as exc:
            raise UserError(f"端末の鍵ファイルが壊れています: {path}",
                            f"The device key file is damaged: {path}") from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise UserError(f"端末の鍵ファイルが Ed25519 の鍵ではありません: {path}",
                            f"The device key file does not hold an Ed25519 key: {path}")
        if recorded is None:
            _remember_key(store, key)
        elif recorded != fingerprint(public_raw(key)):
            raise UserError(
                f"鍵ファイル {path} はこの端末（指紋 {recorded}）の鍵ではありません。"
                "正しい鍵ファイルを戻すか、新しい端末として使うなら「同期」画面の「新しい端末にする…」"
                "（コマンドでは device new）を使ってください。",
                f"The key file {path} is not this device's key (fingerprint {recorded}); put the right "
                "one back, or use “Make this a new device…” on the Sync page (`device new`) to use this "
                "store as a new device.")
        return key
    if recorded is not None:
        raise UserError(
            f"この端末の鍵ファイル（{path}）がありません。データを別の PC にコピーしたときは、"
            f"元の PC から鍵ファイルも同じ場所にコピーしてください。新しい端末として使うなら"
            "「同期」画面の「新しい端末にする…」（コマンドでは device new）を使ってください"
            "（端末 ID が変わり、区で改めて信頼してもらいます）。",
            f"This device's key file ({path}) is missing. Copy it from the original computer, or "
            "use “Make this a new device…” on the Sync page (`device new`) to use this store as a new "
            "device (a new device id, to be trusted anew).")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    with atomic_binary(path, private=True) as fh:  # owner-only before a byte is written
        fh.write(pem)
    _remember_key(store, key)
    return key


def new_device(store) -> DeviceCard:
    """Make this store (on a server: this workstation) a new device: a new id and a new key.

    For a store whose key is lost or was not copied with it. Rows already written keep the old
    id (that device wrote them); other devices must trust the new card before they take this
    device's packages.
    """
    new_id = str(uuid.uuid4())
    if store.workstation is not None:
        store.workstation = Workstation(store.workstation.path, new_id, store.workstation.name).save()
    else:
        with store.engine.begin() as con:
            store.set_meta(con, "device_id", new_id)
        key_path(store).unlink(missing_ok=True)  # the file beside the store belongs to the old id
    store.load_identity()
    return device_card(store)


def public_raw(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    if isinstance(key, Ed25519PrivateKey):
        key = key.public_key()
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public_key: bytes) -> str:
    digest = hashlib.sha256(public_key).hexdigest()[:32].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def load_public(b64: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(b64, validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, binascii.Error) as exc:
        raise UserError("公開鍵が正しくありません。", "The public key is not valid.") from exc


@dataclass(frozen=True)
class DeviceCard:
    device_id: str
    name: str
    organization: str
    public_key: str  # base64 of the raw 32 bytes
    fingerprint: str

    def to_json(self) -> str:
        data = {"format": CARD_FORMAT, "version": CARD_VERSION, **asdict(self)}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "DeviceCard":
        bad = UserError("端末カードとして読めません（目黒住区アプリの端末カードではないか、壊れています）。",
                        "Not a readable device card (not one of ours, or damaged).")
        try:
            data = json.loads(text)
        except ValueError:
            raise bad from None
        if not isinstance(data, dict) or data.get("format") != CARD_FORMAT:
            raise bad
        if data.get("version") != CARD_VERSION:
            raise UserError("新しい版のアプリで作られた端末カードです。アプリを更新してください。",
                            "The device card was made by a newer version of the app; update the app.")
        names = ("device_id", "name", "organization", "public_key", "fingerprint")
        fields = {k: v for k in names if isinstance(v := data.get(k), str)}
        if len(fields) != len(names) or not fields["device_id"]:
            raise bad
        if not re.fullmatch(r"[0-9A-Za-z._-]{1,64}", fields["device_id"]):
            raise bad
        card = cls(**fields)
        if fingerprint(public_raw(load_public(card.public_key))) != card.fingerprint:
            raise UserError("端末カードの指紋が公開鍵と合いません（カードが壊れているか、書き換えられています）。",
                            "The card's fingerprint does not match its key (damaged or altered).")
        return card


def set_organization(store, organization: str) -> None:
    with store.engine.begin() as con:
        store.set_meta(con, _ORG_KEY, organization.strip())


def organization(store) -> str:
    return store._read_meta().get(_ORG_KEY, "")


def set_ward_office(store, ward: bool) -> None:
    """Say whether this store is the ward office's (it hands out the bundle to the laptops)."""
    with store.engine.begin() as con:
        store.set_meta(con, _WARD_KEY, "1" if ward else "0")


def is_ward_office(store) -> bool:
    """The ward office's store, which alone exports the ward bundle: as set on it, else a
    server (PostgreSQL) store, which only the ward runs."""
    flag = store._read_meta().get(_WARD_KEY)
    if flag is not None:
        return flag == "1"
    return store.engine.dialect.name == "postgresql"


def device_card(store) -> DeviceCard:
    pub = public_raw(device_key(store))
    return DeviceCard(store.device_id, store.device_name, organization(store),
                      base64.b64encode(pub).decode(), fingerprint(pub))


def write_card(store, out: str | os.PathLike) -> DeviceCard:
    card = device_card(store)
    with atomic_text(out) as fh:
        fh.write(card.to_json())
    return card


def read_card(path: str | os.PathLike) -> DeviceCard:
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_CARD_BYTES + 1)
    except OSError as exc:
        raise UserError(f"端末カードを読めません: {path}（{exc.strerror}）",
                        f"Cannot read the device card {path}: {exc.strerror}") from exc
    if len(data) > MAX_CARD_BYTES:
        raise UserError("端末カードとしては大きすぎます。", "Too large to be a device card.")
    try:
        return DeviceCard.from_json(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise UserError("端末カードとして読めません。", "Not a readable device card.") from None


def known_device(con, device_id: str) -> dict | None:
    row = con.execute(select(SyncDevice.__table__).where(col(SyncDevice.device_id) == device_id)).mappings().first()
    return dict(row) if row else None


def trust_card(store, card: DeviceCard | str | os.PathLike, *, replace: bool = False) -> DeviceCard:
    """Accept packages signed by the card's device from now on.

    A device already trusted under another key is refused unless ``replace`` (a reinstalled
    laptop gets a new key; whoever replaces it should have checked the fingerprint).
    """
    if not isinstance(card, DeviceCard):
        card = read_card(card)
    if card.device_id == store.device_id:
        raise UserError("この端末自身のカードです。", "That is this device's own card.")
    with store.engine.begin() as con:
        trust_card_in(con, card, replace=replace)
    return card


def trust_card_in(con, card: DeviceCard, *, replace: bool = False) -> None:
    """:func:`trust_card` on the connection ``con``, inside its transaction (the handover
    trusts its cards in the one transaction that imports its records)."""
    refusal = None if replace else trust_refusal(con, card)
    if refusal is not None:
        raise refusal
    insert_or_replace(con, SyncDevice.__table__, [{
        "device_id": card.device_id, "name": card.name, "organization": card.organization,
        "public_key": card.public_key, "fingerprint": card.fingerprint, "trusted": True,
        "added_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
    }], ["device_id"])


def trust_refusal(con, card: DeviceCard) -> UserError | None:
    """Why ``card`` cannot be trusted without ``replace`` (its device is trusted already under
    another key), or None."""
    known = known_device(con, card.device_id)
    if known and known["trusted"] and known["public_key"] != card.public_key:
        return UserError(
            f"この端末（{known['name'] or card.device_id}）は別の鍵で信頼済みです。"
            f"指紋 {card.fingerprint} を確かめてから置き換えてください（--replace）。",
            f"This device is already trusted with another key; check fingerprint "
            f"{card.fingerprint} and replace it deliberately (--replace).")
    return None


def trusted_devices(store) -> list[DeviceCard]:
    t = SyncDevice.__table__
    with store.engine.connect() as con:
        rows = con.execute(select(t).where(t.c.trusted.is_(True)).order_by(t.c.name, t.c.device_id)).mappings()
        return [DeviceCard(r["device_id"], r["name"], r["organization"], r["public_key"], r["fingerprint"])
                for r in rows]
