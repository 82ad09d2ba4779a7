"""The store's vocabularies, read once per Services."""

from __future__ import annotations

import json

from sqlalchemy import select

from .. import models as m


class VocabCache:
    """The store's vocabularies, read once (they only change with the app version)."""

    def __init__(self, store):
        with store.engine.connect() as con:
            rows = con.execute(select(m.Vocab).order_by(m.Vocab.kind, m.Vocab.ord)).mappings().all()
        self._by_kind: dict[str, list[dict]] = {}
        for r in rows:
            entry = dict(r)
            entry["extra"] = json.loads(entry["extra"]) if entry["extra"] else {}
            self._by_kind.setdefault(r["kind"], []).append(entry)
        self._codes = {k: {e["code"] for e in v} for k, v in self._by_kind.items()}

    def has(self, kind: str, code: str) -> bool:
        return code in self._codes.get(kind, ())

    def entries(self, kind: str) -> list[dict]:
        return list(self._by_kind.get(kind, []))

    def label(self, kind: str, code: str | None, language: str = "ja") -> str:
        for e in self._by_kind.get(kind, []):
            if e["code"] == code:
                return e["en"] if language == "en" else e["ja"]
        return code or ""

    def extra(self, kind: str, code: str) -> dict:
        for e in self._by_kind.get(kind, []):
            if e["code"] == code:
                return e["extra"]
        return {}
