"""What a list shows, as one query object every entity service answers in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select

from .. import models as m


@dataclass
class ListQuery:
    """What a list shows: filters, text, order and page — all applied in SQL."""

    equals: dict[str, Any] = field(default_factory=dict)  # field -> value or list of values
    organization_id: str | None = None  # rows of one organization (notes: through their meeting)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    district_code: str | None = None
    jukyo_code: str | None = None
    viewpoint_id: str | None = None
    text: str = ""
    include_deleted: bool = False
    order_by: list[tuple[str, bool]] = field(default_factory=list)  # (column, descending)
    limit: int | None = None
    offset: int = 0


def loosened_queries(q: ListQuery) -> list[tuple[str, ListQuery]]:
    """``q`` with one of its filters left out, for each filter it sets."""
    out = []
    for name, attrs in (("organization", {"organization_id": None}), ("district", {"district_code": None}),
                        ("jukyo", {"jukyo_code": None}), ("dates", {"date_from": None, "date_to": None}),
                        ("viewpoint", {"viewpoint_id": None}), ("text", {"text": ""})):
        if any(getattr(q, attr).strip() if attr == "text" else getattr(q, attr) for attr in attrs):
            out.append((name, replace(q, **attrs)))
    for key in q.equals:
        out.append((key, replace(q, equals={k: v for k, v in q.equals.items() if k != key})))
    return out


def organizations_in_area(q: ListQuery):
    """A SELECT of the ids of the organizations in ``q``'s 地区 and 住区 (for ``IN``), or None
    when ``q`` names neither."""
    if not (q.district_code or q.jukyo_code):
        return None
    org = m.Organization.__table__
    orgs = select(org.c.id)
    if q.district_code:
        orgs = orgs.where(org.c.district_code == q.district_code)
    if q.jukyo_code:
        orgs = orgs.where(org.c.jukyo_code == q.jukyo_code)
    return orgs
