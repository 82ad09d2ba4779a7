"""The 集計 page's maintained counts, and what a 要望 is to the ward desk.

Counting issues by 視点 × 地区 at ward size joins ~100k issues with ~117k links: most of a
second even by hand in SQL. The page reads instead two small tables of counts (models.DeskCount,
models.DeskViewpointCount) keyed by what it filters and groups on — organization (whence 地区
and 住区), category, status, 年度 and 要望 state. They are kept current in the same transaction
as every write that changes an issue or a 視点 link (:func:`refresh`, called as the transaction
collects what it committed: services, Excel and sync imports, undo alike), rebuilt from the rows
by the migration and by bulk loads (:func:`rebuild`), and checked against the rows by
:func:`check` (``meguro-jukyo check``; ``check --repair`` rebuilds them when they differ).

Old keys come from models.DeskIssue / DeskLink, one row per live issue and per 視点 it is
linked to: a changed issue's contribution is taken out by recounting the keys it had and has.

:func:`answered`, :func:`request_state`, :func:`waiting` and :func:`age_group` are the one
definition of "answered / waiting / how old" that the counts, the inbox, the age chart, the new
answers, the report per 視点 and the handover read: where the ward's answers are stored is
decided here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import and_, case, delete, func, insert, not_, select, tuple_
from sqlalchemy.engine import Connection

from . import models as m
from .japanese import nendo
from .bulk import chunks, insert_many

#: a 要望 no longer waits for an answer once it is withdrawn
NOT_WAITING = ("withdrawn",)
#: the 要望 states of the counts
NOT_A_REQUEST, ANSWERED, WAITING = -1, -2, 0
#: more changed issues than this in one transaction (an import) rebuild the counts whole
REBUILD_OVER = 5_000
#: keys per statement (5 columns each: well under either driver's parameter limit)
KEY_CHUNK = 400

_ISSUE_KEY = ("organization_id", "category", "status", "nendo", "request")
_VIEWPOINT_KEY = ("organization_id", "viewpoint_id", "category", "status", "nendo")


def answered(i=None):
    """The ward has answered this 要望 (its answer is written), as a condition on the issue table."""
    i = m.Issue.__table__ if i is None else i
    return i.c.ward_answer != ""


def request_state(i=None):
    """An issue's 要望 state as SQL: not a 要望, answered, or waiting for the ward's answer."""
    i = m.Issue.__table__ if i is None else i
    return case((i.c.is_request.is_not(True), NOT_A_REQUEST), (answered(i), ANSWERED),
                (i.c.status.in_(NOT_WAITING), NOT_A_REQUEST), else_=WAITING)


def waiting(i=None):
    """A 要望 still waiting for the ward's answer, as a condition on the issue table."""
    i = m.Issue.__table__ if i is None else i
    return and_(i.c.is_request.is_(True), not_(answered(i)), i.c.status.not_in(NOT_WAITING))


def age_group(raised_on, today: dt.date, bounds: tuple[int, ...]):
    """The age chart's group of a waiting 要望 (0: under bounds[0] days since raised, …)."""
    return case(*[(raised_on > today - dt.timedelta(days=days), n) for n, days in enumerate(bounds)],
                else_=len(bounds))


# --------------------------------------------------------------------------- the per-issue rows


def _rows(con: Connection, ids: list[str] | None) -> tuple[list[dict], list[dict]]:
    """The DeskIssue and DeskLink rows of the live issues among ``ids`` (None: every issue)."""
    i, link = m.Issue.__table__, m.PolicyLink.__table__
    issues: list[dict] = []
    links: list[dict] = []
    for chunk in ([None] if ids is None else chunks(ids)):
        stmt = select(i.c.id, i.c.organization_id, i.c.category, i.c.status, i.c.raised_on,
                      request_state(i)).where(i.c.deleted.is_(False))
        linked = (select(link.c.issue_id, link.c.viewpoint_id).distinct()
                  .select_from(link.join(i, i.c.id == link.c.issue_id))
                  .where(link.c.deleted.is_(False), i.c.deleted.is_(False)))
        if chunk is not None:
            stmt, linked = stmt.where(i.c.id.in_(chunk)), linked.where(link.c.issue_id.in_(chunk))
        for id_, org, category, status, raised_on, state in con.execute(stmt):
            issues.append({"issue_id": id_, "organization_id": org, "category": category, "status": status,
                           "nendo": nendo(raised_on), "request": state, "raised_on": raised_on})
        links.extend({"issue_id": id_, "viewpoint_id": vp} for id_, vp in con.execute(linked))
    return issues, links


def _counts(issues: list[dict], links: list[dict]) -> tuple[Counter, Counter]:
    """The two tables' counts over these rows, keyed as the tables are."""
    by_id = {r["issue_id"]: r for r in issues}
    per_issue = Counter(tuple(r[k] for k in _ISSUE_KEY) for r in issues)
    per_viewpoint = Counter(tuple({**by_id[r["issue_id"]], **r}[k] for k in _VIEWPOINT_KEY)
                            for r in links if r["issue_id"] in by_id)
    return per_issue, per_viewpoint


def _recount(con: Connection, issue_keys: set | None, viewpoint_keys: set | None) -> None:
    """Count ``issue_keys`` and ``viewpoint_keys`` again from the per-issue rows (None: every key)."""
    d, dl = m.DeskIssue.__table__, m.DeskLink.__table__
    jobs = ((m.DeskCount.__table__, _ISSUE_KEY, d, [d.c[k] for k in _ISSUE_KEY], issue_keys),
            (m.DeskViewpointCount.__table__, _VIEWPOINT_KEY, d.join(dl, dl.c.issue_id == d.c.issue_id),
             [dl.c.viewpoint_id if k == "viewpoint_id" else d.c[k] for k in _VIEWPOINT_KEY], viewpoint_keys))
    for table, names, source, columns, keys in jobs:
        counted = select(*columns, func.count()).select_from(source).group_by(*columns)
        if keys is None:
            con.execute(delete(table))
            con.execute(insert(table).from_select([*names, "n"], counted))
            continue
        for chunk in chunks(sorted(keys), KEY_CHUNK):
            con.execute(delete(table).where(tuple_(*[table.c[k] for k in names]).in_(chunk)))
            con.execute(insert(table).from_select([*names, "n"], counted.where(tuple_(*columns).in_(chunk))))


def rebuild(con: Connection) -> None:
    """Every count from the rows (the migration, bulk loads, large imports)."""
    issues, links = _rows(con, None)
    for table in (m.DeskLink.__table__, m.DeskIssue.__table__):
        con.execute(delete(table))
    _insert(con, issues, links)
    _recount(con, None, None)


def _insert(con: Connection, issues: list[dict], links: list[dict]) -> None:
    insert_many(con, m.DeskIssue.__table__, issues)
    insert_many(con, m.DeskLink.__table__, links)


def refresh(con: Connection, changed: dict[str, set[str]]) -> None:
    """Bring the counts up to date with what this transaction changed (entity → ids)."""
    ids = set(changed.get("issue", ()))
    link_ids = sorted(changed.get("policy_link", ()))
    link = m.PolicyLink.__table__
    for chunk in chunks(link_ids):
        ids.update(id_ for (id_,) in con.execute(
            select(link.c.issue_id).where(link.c.id.in_(chunk), link.c.issue_id.is_not(None))))
    if not ids:
        return
    if len(ids) > REBUILD_OVER:
        rebuild(con)
        return
    ids_ = sorted(ids)
    d, dl = m.DeskIssue.__table__, m.DeskLink.__table__
    old_issues: list[dict] = []
    old_links: list[dict] = []
    for chunk in chunks(ids_):
        old_issues.extend(dict(r) for r in con.execute(select(d).where(d.c.issue_id.in_(chunk))).mappings())
        old_links.extend(dict(r) for r in con.execute(select(dl).where(dl.c.issue_id.in_(chunk))).mappings())
        con.execute(delete(dl).where(dl.c.issue_id.in_(chunk)))
        con.execute(delete(d).where(d.c.issue_id.in_(chunk)))
    new_issues, new_links = _rows(con, ids_)
    _insert(con, new_issues, new_links)
    old, new = _counts(old_issues, old_links), _counts(new_issues, new_links)
    _recount(con, set(old[0]) | set(new[0]), set(old[1]) | set(new[1]))


def check(con: Connection) -> list[str]:
    """How the stored counts and per-issue rows differ from the rows (empty: they agree)."""
    issues, links = _rows(con, None)
    expected = _counts(issues, links)
    d, dl = m.DeskIssue.__table__, m.DeskLink.__table__
    issue_columns = ("issue_id", *_ISSUE_KEY, "raised_on")
    out = []
    for table, names, want in (
            (m.DeskCount.__table__, _ISSUE_KEY, expected[0]),
            (m.DeskViewpointCount.__table__, _VIEWPOINT_KEY, expected[1]),
            (d, issue_columns, Counter(tuple(r[k] for k in issue_columns) for r in issues)),
            (dl, ("issue_id", "viewpoint_id"), Counter((r["issue_id"], r["viewpoint_id"]) for r in links))):
        n = table.c.n if "n" in table.c else func.count()
        query = select(*[table.c[k] for k in names], n)
        if "n" not in table.c:
            query = query.group_by(*[table.c[k] for k in names])
        stored = {tuple(r[:-1]): r[-1] for r in con.execute(query)}
        for key in sorted(set(stored) | set(want), key=str):
            if stored.get(key, 0) != want.get(key, 0):
                out.append(f"{table.name} {key}: {stored.get(key, 0)} stored, {want.get(key, 0)} counted")
    return out
