"""Tables the sync subsystem keeps beside the user data (schema version 2).

None of them is part of the canonical dump: they are local to one installation (which devices
it trusts, which files it has taken in, which it holds back). The merge state that must be
the same everywhere lives on the rows themselves, in ``sync_state`` (see state.py).
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel


class SyncDevice(SQLModel, table=True):
    """A device whose packages this store accepts (or has seen and holds back, untrusted)."""

    __tablename__ = "sync_device"
    device_id: str = Field(primary_key=True)
    name: str = ""
    organization: str = ""
    public_key: str  # base64 of the raw 32-byte Ed25519 public key
    fingerprint: str
    trusted: bool = False
    added_at: dt.datetime


class SyncLedger(SQLModel, table=True):
    """Every package imported here, by the SHA-256 of its bytes: re-importing is a no-op."""

    __tablename__ = "sync_ledger"
    package_sha256: str = Field(primary_key=True, max_length=64)
    device_id: str = Field(index=True)
    created: str  # the package's clock stamp
    file_name: str = ""
    imported_at: dt.datetime
    counts: str = ""  # JSON: the import's outcome counts


class SyncQuarantine(SQLModel, table=True):
    """A package from a device not (yet) trusted, copied aside until someone trusts it."""

    __tablename__ = "sync_quarantine"
    package_sha256: str = Field(primary_key=True, max_length=64)
    device_id: str = Field(index=True)
    device_name: str = ""
    organization: str = ""
    fingerprint: str
    path: str  # the copy beside the store
    file_name: str = ""
    received_at: dt.datetime
