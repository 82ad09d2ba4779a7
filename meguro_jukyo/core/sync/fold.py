"""Records unique by what they mean, folded to one wherever two of them meet.

A 視点 link (issue or note × 視点 × plan), an attendee (meeting × name) and an officer
(organization × 年度 × office × name) are one record by meaning, but the same one made on two laptops before they synced (or before links had natural
ids, see models.natural_id) is two rows with two ids. Wherever two live rows with one key meet —
in a store being upgraded, or when a package brings the second — the one that ranks first is
kept and the others become tombstones, their values filling the fields the kept one has blank.

The rank is the same on every store (a link's natural id first, then the smallest id), so every
store keeps the same row: a store that has seen only some of the doubles keeps the best of
those, and when the best of all arrives it folds the same way the others did. The tombstones
are ordinary deletes (stamped, synced, in history), so the folded rows keep their values and
nothing is lost. Attendees are keyed by name but not given an id made from it: ids leave the
machine in exports without personal data, and an id hashed from a name would let a list of
names be checked against it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import Table, inspect, select

from .. import models as m
from ..bulk import chunks
from ..services.rows import write_updates
from ..services.unit_of_work import Tx
from .state import codec


def _link_key(row) -> tuple:
    return (row["plan_id"], row["issue_id"] or "", row["note_id"] or "", row["viewpoint_id"])


def _attendee_key(row) -> tuple:
    return (row["meeting_id"], m.attendee_name_key(row["name"]))


def _officer_key(row) -> tuple:
    return (row["organization_id"], row["nendo"], row["role"], m.attendee_name_key(row["name"]))


def _link_rank(row) -> tuple:
    return (row["id"] != m.natural_id("policy_link", *_link_key(row)), row["id"])


def _id_rank(row) -> tuple:
    return (row["id"],)


#: the columns a key is made of
KEY_COLUMNS = {"policy_link": ("plan_id", "issue_id", "note_id", "viewpoint_id"), "attendee": ("meeting_id", "name"),
               "officer": ("organization_id", "nendo", "role", "name")}

#: table -> (what a live row is unique by, which row of a double is kept, the columns naming
#: what the row belongs to: a fold after an import looks only there)
FOLDED: dict[str, tuple[Callable, Callable, tuple[str, ...]]] = {
    "policy_link": (_link_key, _link_rank, ("issue_id", "note_id")),
    "attendee": (_attendee_key, _id_rank, ("meeting_id",)),
    # the new 会長 recorded on the old officer's laptop and on the new one before they synced
    "officer": (_officer_key, _id_rank, ("organization_id",)),
}


def _table(name: str) -> Table:
    return {t.__table__.name: t.__table__ for t in m.USER_TABLES}[name]


def owners(name: str, rows: Iterable[dict]) -> set[str]:
    """The ids of what ``rows`` of table ``name`` belong to (issues, notes, meetings)."""
    if name not in FOLDED:
        return set()
    columns = FOLDED[name][2]
    return {r[c] for r in rows for c in columns if r.get(c)}


def fold(tx: Tx, name: str, under: set[str] | None = None) -> int:
    """Fold the live doubles of table ``name`` (of rows belonging to ``under`` only, when
    given); returns how many rows became tombstones."""
    key_of, rank, columns = FOLDED[name]
    table = _table(name)
    live = table.c.deleted.is_(False)
    # the keys first (a ward store has hundreds of thousands of links), whole rows of doubles only
    keyed = select(table.c.id, *(table.c[c] for c in KEY_COLUMNS[name])).where(live)
    if under is None:
        found = list(tx.con.execute(keyed).mappings())
    else:
        found = []
        for column in columns:
            for chunk in chunks(sorted(under)):
                found.extend(tx.con.execute(keyed.where(table.c[column].in_(chunk))).mappings())
    groups: dict[tuple, set[str]] = {}
    for row in found:
        groups.setdefault(key_of(row), set()).add(row["id"])
    doubled = sorted(i for ids in groups.values() if len(ids) > 1 for i in ids)
    rows: dict[str, dict] = {}
    for chunk in chunks(doubled):
        rows.update((r["id"], dict(r)) for r in tx.con.execute(select(table).where(table.c.id.in_(chunk))).mappings())
    merged = [c for c in codec(table).fields if c not in ("deleted", *columns)]
    items: list[tuple[dict, dict]] = []
    for ids in groups.values():
        if len(ids) < 2:
            continue
        kept, *others = sorted((rows[i] for i in ids), key=rank)
        filled = {}
        for f in merged:
            if kept[f] in (None, ""):
                value = next((o[f] for o in others if o[f] not in (None, "")), None)
                if value is not None:
                    filled[f] = value
        items.append((kept, filled))
        items.extend((o, {"deleted": True}) for o in others)
    write_updates(tx, table, items)
    return sum(1 for _row, values in items if values.get("deleted"))


def fold_all(tx: Tx) -> int:
    """Every folded table the store has: a migration folding doubles (0012) runs before later
    ones make the tables added since (officer, 0014)."""
    present = set(inspect(tx.con).get_table_names())
    return sum(fold(tx, name) for name in FOLDED if name in present)
