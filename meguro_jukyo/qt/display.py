"""How values look on screen: dates in 和暦 or 西暦, vocabulary labels, organization and area names.

One Display is shared by every view of a window; it holds no Qt objects, only what the views
need to turn raw values into text. Organization names are loaded on the database lane and
refreshed when organizations change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.japanese import format_date, nendo_label
from ..core.resources import load_json

if TYPE_CHECKING:  # for the annotation only (the services are not loaded with this module)
    from ..core.services.vocab import VocabCache


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    yomi: str
    name_en: str = ""
    district_code: str = ""


def load_areas() -> tuple[list[Area], list[Area]]:
    """(districts, 住区) from the reference data shipped in meguro_jukyo/resources/."""
    data = load_json("areas.json")
    districts, jukyo = [], []
    for d in data["districts"]:
        districts.append(Area(d["code"], d["name"], d["yomi"], d["name_en"]))
        for j in d["jukyo"]:
            jukyo.append(Area(j["code"], j["name"], j["yomi"], "", d["code"]))
    return districts, jukyo


@dataclass
class Display:
    vocab: VocabCache
    language: str = "ja"
    era: bool = True
    org_names: dict[str, str] = field(default_factory=dict)
    viewpoint_titles: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.districts, self.jukyo = load_areas()
        self._district = {d.code: d for d in self.districts}
        self._jukyo = {j.code: j for j in self.jukyo}

    def date(self, value: dt.date | dt.datetime | None) -> str:
        if value is None:
            return ""
        return format_date(value, self.era)

    def datetime(self, value: dt.datetime | None) -> str:
        if value is None:
            return ""
        return f"{format_date(value, self.era)} {value:%H:%M}"

    def nendo(self, year: int) -> str:
        label = nendo_label(year, self.era)
        if self.language == "en":
            return f"FY{year}"
        return label

    def label(self, kind: str, code: str | None) -> str:
        return self.vocab.label(kind, code, self.language) if code is not None else ""

    def entries(self, kind: str) -> list[tuple[str, str]]:
        """(code, label) of a vocabulary, in its order."""
        key = "en" if self.language == "en" else "ja"
        return [(e["code"], e[key]) for e in self.vocab.entries(kind)]

    def org(self, org_id: str | None) -> str:
        if not org_id:
            return ""
        return self.org_names.get(org_id, "")

    def viewpoint(self, viewpoint_id: str | None) -> str:
        if not viewpoint_id:
            return ""
        return f"{viewpoint_id} {self.viewpoint_titles.get(viewpoint_id, '')}".strip()

    def district(self, code: str | None) -> str:
        d = self._district.get(code or "")
        if d is None:
            return ""
        return d.name_en if self.language == "en" else d.name

    def jukyo_name(self, code: str | None) -> str:
        j = self._jukyo.get(code or "")
        return j.name if j else ""
