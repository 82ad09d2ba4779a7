"""Reference data shipped in meguro_jukyo/resources/: loaded into every store, refreshed when it changes.

The 22 住区住民会議 are user-data organizations (they sync like any other), but every store
creates them with the same ids and clock stamps, so two stores never disagree about them.
"""

from __future__ import annotations

import hashlib
import json
import uuid

from sqlalchemy import delete, select, text
from sqlalchemy.engine import Connection
from sqlmodel import col

from . import models as m
from .dialect import insert_or_replace, upsert_meta
from .policy import load_framework
from .resources import RESOURCES_DIR, load_json
from .search_index import index_rows

#: the ward's departments (担当課) have a file of their own: the ward edits it as its
#: organisation changes, without touching the app's vocabularies
DEPARTMENTS_FILE = "ward_departments.json"
REFERENCE_FILES = ("areas.json", "vocab.json", DEPARTMENTS_FILE, "policy/meguro-basic-plan-2022.json")
#: Clock stamp and device of rows every store creates identically.
REFERENCE_HLC = "0000000000000.000000.reference"
REFERENCE_DEVICE = "reference"
_COUNCIL_NS = uuid.UUID("6f1c2a52-63d7-4c55-9a8e-2b0d5b3f6a11")


def council_id(jukyo_code: str) -> str:
    """The id of a 住区's 住区住民会議, the same in every store."""
    return str(uuid.uuid5(_COUNCIL_NS, f"council:{jukyo_code}"))


def reference_hash() -> str:
    digest = hashlib.sha256()
    for name in REFERENCE_FILES:
        digest.update(name.encode())
        digest.update((RESOURCES_DIR / name).read_bytes())
    return digest.hexdigest()


def load_if_changed(con: Connection) -> bool:
    current = reference_hash()
    stored = con.execute(text("SELECT value FROM meta WHERE key = 'reference_hash'")).scalar()
    if stored == current:
        return False
    load(con)
    upsert_meta(con, "reference_hash", current)
    return True


def load(con: Connection) -> None:
    areas = load_json("areas.json")
    districts: list[dict] = []
    jukyo: list[dict] = []
    for d in areas["districts"]:
        districts.append({"code": d["code"], "name": d["name"], "yomi": d["yomi"],
                          "name_en": d["name_en"], "ord": d["order"]})
        for j in d["jukyo"]:
            jukyo.append({"code": j["code"], "district_code": d["code"], "name": j["name"],
                          "yomi": j["yomi"], "ord": len(jukyo) + 1})
    insert_or_replace(con, m.District.__table__, districts, ["code"])
    insert_or_replace(con, m.Jukyo.__table__, jukyo, ["code"])

    vocab = {**load_json("vocab.json"), **load_json(DEPARTMENTS_FILE)}
    rows = []
    for kind, entries in vocab.items():
        if kind == "version":
            continue
        for e in entries:
            extra = {k: v for k, v in e.items() if k not in ("code", "ja", "en", "order")}
            rows.append({"kind": kind, "code": e["code"], "ja": e["ja"], "en": e["en"],
                         "ord": e["order"],
                         "extra": json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None})
    con.execute(delete(m.Vocab))
    con.execute(m.Vocab.__table__.insert(), rows)

    framework = load_framework()
    con.execute(delete(m.PolicyNode).where(col(m.PolicyNode.plan_id) == framework.plan_id))
    con.execute(
        m.PolicyNode.__table__.insert(),
        [{"plan_id": framework.plan_id, "id": n.id, "level": n.level, "parent_id": n.parent,
          "label": n.label, "title": n.title, "body": n.text, "ord": i}
         for i, n in enumerate(framework.nodes)],
    )
    _ensure_councils(con, jukyo)


def _ensure_councils(con: Connection, jukyo: list[dict]) -> None:
    existing = set(con.execute(select(col(m.Organization.id))).scalars())
    rows = []
    for j in jukyo:
        oid = council_id(j["code"])
        if oid in existing:
            continue
        rows.append({"id": oid, "rev": 1, "base_rev": 0, "hlc": REFERENCE_HLC,
                     "device_id": REFERENCE_DEVICE, "deleted": False, "kind": "council",
                     "name": f"{j['name']}住区住民会議", "yomi": f"{j['yomi']}じゅうくじゅうみんかいぎ",
                     "jukyo_code": j["code"], "district_code": j["district_code"]})
    if rows:
        con.execute(m.Organization.__table__.insert(), rows)
        index_rows(con, "organization", rows)
