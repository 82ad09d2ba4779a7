"""Who is writing to a server store: this computer's own device id and name.

An SQLite store is one device: its ``meta`` holds the device id that stamps every edit. A
PostgreSQL ward store is shared by several staff at once, so its ``meta`` device id is the
ward store's own identity, and each workstation writes under an id of its own, kept in the
user's data folder (``workstation.json``, made on first use). Clock stamps embed that id, so
two workstations never make the same stamp; history records it, so each member of staff
undoes their own edits and nobody else's.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

from .errors import StoreError
from .files import atomic_text

#: overrides where the identity file lives (several identities on one account, tests)
ENV_WORKSTATION = "MEGURO_JUKYO_WORKSTATION"


def workstation_path() -> Path:
    if os.environ.get(ENV_WORKSTATION):
        return Path(os.environ[ENV_WORKSTATION])
    return user_data_path("meguro_jukyo", appauthor=False) / "workstation.json"


@dataclass(frozen=True)
class Workstation:
    path: Path
    device_id: str
    name: str

    @classmethod
    def load(cls, path: Path | None = None) -> "Workstation":
        """This workstation's identity, made the first time it is asked for."""
        path = Path(path) if path is not None else workstation_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path, str(uuid.uuid4()), "").save()
        except (OSError, ValueError) as exc:
            raise StoreError(f"この端末の識別ファイルを読めません: {path}（{exc}）",
                             f"Cannot read this workstation's identity file {path}: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("device_id"), str) or not data["device_id"]:
            raise StoreError(f"この端末の識別ファイルが壊れています: {path}",
                             f"This workstation's identity file is damaged: {path}")
        return cls(path, data["device_id"], str(data.get("name") or ""))

    def save(self) -> "Workstation":
        with atomic_text(self.path) as fh:
            json.dump({"device_id": self.device_id, "name": self.name}, fh, ensure_ascii=False)
        return self

    def renamed(self, name: str) -> "Workstation":
        return Workstation(self.path, self.device_id, name.strip()).save()
