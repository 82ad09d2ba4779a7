"""The app's preferences, kept in QSettings (per user, per machine).

The QSettings object is passed in, so tests use a temporary INI file and never touch the
user's real preferences.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

LANGUAGES = ("ja", "en")
TEXT_SIZES = {"normal": 1.0, "large": 1.4}
RECENT_MAX = 12

_current: Settings | None = None


def install(settings: Settings | None) -> None:
    """Make ``settings`` the app's own (the main window does, with the one it was given), for the
    screens that are not handed one: file dialogs and meeting mode's window geometry."""
    global _current
    _current = settings


def current() -> Settings | None:
    """The settings :func:`install` made the app's own; None before (nothing is remembered)."""
    return _current


@dataclass(frozen=True)
class RecentItem:
    kind: str
    ref_id: str
    title: str


class Settings:
    def __init__(self, qsettings: QSettings | None = None):
        self.q = qsettings if qsettings is not None else QSettings("meguro_jukyo", "meguro_jukyo")

    def _get(self, key: str, default: str) -> str:
        value = self.q.value(key, default)
        return str(value) if value is not None else default

    # -- display ---------------------------------------------------------------------

    @property
    def language(self) -> str:
        value = self._get("ui/language", "ja")
        return value if value in LANGUAGES else "ja"

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("ui/language", value if value in LANGUAGES else "ja")

    @property
    def era(self) -> bool:
        """Dates as 和暦 (True, the default) or 西暦."""
        return self._get("ui/era", "wareki") != "seireki"

    @era.setter
    def era(self, value: bool) -> None:
        self.q.setValue("ui/era", "wareki" if value else "seireki")

    @property
    def text_size(self) -> str:
        value = self._get("ui/text_size", "normal")
        return value if value in TEXT_SIZES else "normal"

    @text_size.setter
    def text_size(self, value: str) -> None:
        self.q.setValue("ui/text_size", value if value in TEXT_SIZES else "normal")

    @property
    def font_scale(self) -> float:
        return TEXT_SIZES[self.text_size]

    # -- store -----------------------------------------------------------------------

    @property
    def store_location(self) -> str:
        """The store to open next time ("" for the default)."""
        return self._get("store/location", "")

    @store_location.setter
    def store_location(self, value: str) -> None:
        self.q.setValue("store/location", value.strip())

    # -- lists -----------------------------------------------------------------------

    def hidden_columns(self, kind: str, default: AbstractSet[str] = frozenset()) -> set[str]:
        raw = self.q.value(f"columns/{kind}/hidden")
        if raw is None:
            return set(default)
        return {c for c in str(raw).split(",") if c}

    def set_hidden_columns(self, kind: str, hidden: set[str]) -> None:
        self.q.setValue(f"columns/{kind}/hidden", ",".join(sorted(hidden)))

    # -- windows and folders ---------------------------------------------------------

    def window_geometry(self, name: str) -> QByteArray | None:
        """The geometry ``name`` (main, meeting) was closed with, as Qt's saveGeometry wrote it."""
        value = self.q.value(f"windows/{name}/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def keep_window_geometry(self, name: str, geometry: QByteArray) -> None:
        self.q.setValue(f"windows/{name}/geometry", geometry)

    def last_folder(self, kind: str) -> str:
        """The folder a file dialog of ``kind`` (excel, sync, minutes …) last chose ("" if none)."""
        return self._get(f"folders/{kind}", "")

    def remember_folder(self, kind: str, folder: str) -> None:
        self.q.setValue(f"folders/{kind}", folder)

    # -- recently opened -------------------------------------------------------------

    @staticmethod
    def _recent_key(location: str) -> str:
        # ids only mean something in their own store
        return "recent/" + hashlib.sha1(location.encode()).hexdigest()[:16]

    def recent(self, location: str) -> list[RecentItem]:
        try:
            raw = json.loads(self._get(self._recent_key(location), "[]"))
            return [RecentItem(str(r["kind"]), str(r["id"]), str(r["title"])) for r in raw]
        except (ValueError, KeyError, TypeError):
            return []

    def add_recent(self, location: str, item: RecentItem) -> list[RecentItem]:
        items = [r for r in self.recent(location) if (r.kind, r.ref_id) != (item.kind, item.ref_id)]
        items.insert(0, item)
        self._set_recent(location, items[:RECENT_MAX])
        return items[:RECENT_MAX]

    def forget_recent(self, location: str, kind: str, ref_id: str) -> None:
        self._set_recent(location, [r for r in self.recent(location) if (r.kind, r.ref_id) != (kind, ref_id)])

    def _set_recent(self, location: str, items: list[RecentItem]) -> None:
        self.q.setValue(self._recent_key(location), json.dumps(
            [{"kind": r.kind, "id": r.ref_id, "title": r.title} for r in items], ensure_ascii=False))

    def sync(self) -> None:
        self.q.sync()
