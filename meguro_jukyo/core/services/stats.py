"""The ward desk's figures: the 集計 page's aggregates, the 要望 inbox and the answers that came in.

Every aggregate is one GROUP BY query in the database (SQLite and PostgreSQL alike), never a
count in Python over rows. The issue filters are the issue list's own conditions
(:meth:`EntityService._where` over a :class:`ListQuery`), so a number on the page and the list
it opens onto are the same rows by construction: a heat-map cell is ``q`` plus its 視点 and
地区 (or 住区), and the list shows ``count(q + those)`` issues.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.engine import Connection

from .. import models as m
from .. import summary
from ..dialect import upsert_meta
from ..japanese import nendo
from .listing import ListQuery, organizations_in_area
from ..bulk import chunks

#: the days an open 要望 has waited, as the age chart groups them: under 30, 30–89, …, a year or more
AGE_BOUNDS: tuple[int, ...] = (30, 90, 180, 365)
#: action items still to do
OPEN_ACTION = ("todo", "doing")
#: the change id up to which this store's user has seen the answers that came in by import
ANSWERS_SEEN_KEY = "answers_seen_change"
AREAS = ("district", "jukyo")
#: the filters the maintained counts answer (with whole 年度 as dates); others count the rows
SUMMARIZED_EQUALS = frozenset({"category", "status"})


@dataclass(frozen=True)
class Cell:
    viewpoint_id: str
    area: str | None  # 地区 or 住区 code; None: the organization has none (or is unknown)
    count: int


@dataclass(frozen=True)
class Count:
    key: str | None
    count: int


@dataclass(frozen=True)
class NendoCount:
    nendo: int
    status: str
    count: int


@dataclass(frozen=True)
class RequestTotals:
    open: int
    answered: int
    #: open 要望 per age group (AGE_BOUNDS, then the rest), days since raised
    ages: tuple[int, ...]


@dataclass(frozen=True)
class Request:
    """A 要望 as the inbox and the age table show it."""

    id: str
    title: str
    description: str
    organization_id: str
    organization: str
    raised_on: dt.date
    #: when this store first recorded it as a 要望 (on the ward store: when it arrived)
    requested_on: dt.date | None
    viewpoints: tuple[str, ...]
    days_open: int
    days_since_request: int | None
    department: str | None = None  # 担当課
    received_on: dt.date | None = None  # 受付
    answer_due: dt.date | None = None  # 回答予定
    #: submitted, received, due or progress (cycle_stage)
    stage: str = "submitted"
    #: the 回答予定 has passed with no answer
    overdue: bool = False
    #: the newest 進捗回答, if any (date, text)
    progress: tuple[dt.date, str] | None = None


@dataclass(frozen=True)
class Overdue:
    organization_id: str
    organization: str
    count: int
    oldest_due: dt.date


@dataclass(frozen=True)
class NewAnswer:
    id: str
    title: str
    organization: str
    ward_answer: str
    answered_on: dt.date | None
    change_id: int
    kind: str = "answer"  # vocab answer_kind
    department: str | None = None


@dataclass(frozen=True)
class Facts:
    total: int
    by_category: list[Count]
    by_status: list[Count]
    by_nendo: list[NendoCount]
    requests: RequestTotals


@dataclass(frozen=True)
class Dashboard:
    """Everything the 集計 page shows for one filter."""

    query: ListQuery
    total: int
    by_district: list[Cell]
    by_jukyo: list[Cell]
    by_category: list[Count]
    by_status: list[Count]
    by_nendo: list[NendoCount]
    requests: RequestTotals
    slowest: list[Request]
    overdue: list[Overdue]


def unordered(column):
    """``column`` as an expression SQLite cannot walk an index for. Grouping by a bare column,
    SQLite (which has no statistics) walks that column's index to save a sort, reading every
    issue row for its deleted flag (a few hundred ms at ward size); grouping by this it scans
    ix_issue_desk, which holds every column the counts read. Joining on it makes the issues the
    outer loop (their covering index, then each one's live 視点 from ix_policy_link_issue)
    instead of a lookup of each link's issue row. PostgreSQL plans as before."""
    return column.concat(literal(""))


def summarized(q: ListQuery) -> bool:
    """Whether the maintained counts (core/summary.py) answer ``q``: its filters are among their
    keys and its dates are whole 年度 (the 年度 filter; any other range counts the rows)."""
    if q.text.strip() or q.viewpoint_id or q.include_deleted or set(q.equals) - SUMMARIZED_EQUALS:
        return False
    return ((q.date_from is None or (q.date_from.month, q.date_from.day) == (4, 1))
            and (q.date_to is None or (q.date_to.month, q.date_to.day) == (3, 31)))


def _tally(rows) -> tuple[Counter[str], Counter[str], Counter[tuple[int, str]], Counter[int]]:
    """Rows of (category, status, 年度, 要望 state or age group, count) summed per chart."""
    by_category: Counter[str] = Counter()
    by_status: Counter[str] = Counter()
    by_nendo: Counter[tuple[int, str]] = Counter()  # (年度, status)
    by_state: Counter[int] = Counter()  # 要望 state (negative) or age group
    for cat, st, y, r, n in rows:
        by_category[cat] += n
        by_status[st] += n
        by_nendo[(int(y), st)] += n
        by_state[r] += n
    return by_category, by_status, by_nendo, by_state


def cycle_stage(received_on: dt.date | None, answer_due: dt.date | None, progress: bool) -> str:
    """Where a waiting 要望 stands in the ward's 年度 cycle: 提出 → 受付 → 回答予定 (→ 回答,
    when it leaves the inbox); a 進捗回答 received keeps it at 回答予定 with progress."""
    if progress:
        return "progress"
    if answer_due is not None:
        return "due"
    return "received" if received_on is not None else "submitted"


class StatsService:
    """Read-only aggregates over the issue list's conditions, plus the seen mark of answers."""

    def __init__(self, store, issues):
        self.store = store
        self.issues = issues

    # -- building blocks ---------------------------------------------------------------

    def _where(self, q: ListQuery) -> list:
        return self.issues._where(q)

    def _summary_where(self, table, q: ListQuery) -> list:
        """The conditions of ``q`` (see :func:`summarized`) on a table of maintained counts."""
        conds = []
        for name, value in q.equals.items():
            col = table.c[name]
            if isinstance(value, (list, tuple, set, frozenset)):
                conds.append(col.in_(list(value)))
            else:
                conds.append(col.is_(None) if value is None else col == value)
        if q.date_from:
            conds.append(table.c.nendo >= nendo(q.date_from))
        if q.date_to:
            conds.append(table.c.nendo <= nendo(q.date_to))
        if q.organization_id:
            conds.append(table.c.organization_id == q.organization_id)
        area = organizations_in_area(q)
        if area is not None:
            conds.append(table.c.organization_id.in_(area))
        return conds

    def _matrices(self, con: Connection, q: ListQuery, plain: bool) -> dict[str, list[Cell]]:
        """視点 × 地区 and 視点 × 住区: one count per 視点 and organization in SQL (the whole
        ward is ~13 × 100 of them), summed into the organization's 地区 and 住区 (an issue
        belongs to one organization, so the sums count each issue once). From the maintained
        counts unless ``plain`` or ``q`` is not among their keys, else from the rows."""
        i, link, org, v = (m.Issue.__table__, m.PolicyLink.__table__, m.Organization.__table__,
                           m.DeskViewpointCount.__table__)
        if plain or not summarized(q):
            stmt = (select(link.c.viewpoint_id, i.c.organization_id, func.count(i.c.id.distinct()))
                    .select_from(i.join(link, and_(link.c.issue_id == unordered(i.c.id), link.c.deleted.is_(False))))
                    .where(*self._where(q))
                    .group_by(link.c.viewpoint_id, i.c.organization_id))
        else:
            stmt = (select(v.c.viewpoint_id, v.c.organization_id, func.sum(v.c.n)).where(*self._summary_where(v, q))
                    .group_by(v.c.viewpoint_id, v.c.organization_id))
        areas = {id_: (district, jukyo) for id_, district, jukyo in
                 con.execute(select(org.c.id, org.c.district_code, org.c.jukyo_code))}
        sums: dict[str, Counter] = {by: Counter() for by in AREAS}
        for vp, org_id, n in con.execute(stmt):
            for by, code in zip(AREAS, areas.get(org_id, (None, None))):
                sums[by][(vp, code)] += int(n)
        return {by: sorted((Cell(vp, code, n) for (vp, code), n in counts.items()),
                           key=lambda c: (c.viewpoint_id, c.area or "")) for by, counts in sums.items()}

    def _facts(self, con: Connection, q: ListQuery, today: dt.date, plain: bool) -> Facts:
        """Every per-issue chart from one GROUP BY: issues counted by category, status, 年度 and
        要望 state (not a 要望 / answered / waiting), a few hundred groups, then summed per chart;
        the ages of waiting 要望 from the days since each was raised. From the maintained counts
        unless ``plain`` or ``q`` is not among their keys; else one scan of the issue index."""
        if plain or not summarized(q):
            return self._plain_facts(con, q, today)
        c, d = m.DeskCount.__table__, m.DeskIssue.__table__
        keys = (c.c.category, c.c.status, c.c.nendo, c.c.request)
        rows = con.execute(select(*keys, func.sum(c.c.n)).where(*self._summary_where(c, q)).group_by(*keys))
        by_category, by_status, by_nendo, by_state = _tally((cat, st, y, r, int(n)) for cat, st, y, r, n in rows)
        age = summary.age_group(d.c.raised_on, today, AGE_BOUNDS)
        ages: dict[int, int] = dict(con.execute(select(age, func.count()).where(
            d.c.request == summary.WAITING, *self._summary_where(d, q)).group_by(age)).all())
        return self._totals(by_category, by_status, by_nendo, by_state[summary.ANSWERED], ages)

    @staticmethod
    def _totals(by_category: Counter, by_status: Counter, by_nendo: Counter, answered: int, ages: dict) -> Facts:
        waiting = tuple(ages.get(n, 0) for n in range(len(AGE_BOUNDS) + 1))
        return Facts(sum(by_category.values()),
                     [Count(k, n) for k, n in sorted(by_category.items())],
                     [Count(k, n) for k, n in sorted(by_status.items())],
                     [NendoCount(y, st, n) for (y, st), n in sorted(by_nendo.items())],
                     RequestTotals(sum(waiting), answered, waiting))

    def _plain_facts(self, con: Connection, q: ListQuery, today: dt.date) -> Facts:
        """:meth:`_facts` counted over the issue rows (their covering index ix_issue_desk)."""
        i = m.Issue.__table__
        first, last = con.execute(select(func.min(i.c.raised_on), func.max(i.c.raised_on))).one()
        if first is None:
            return self._totals(Counter(), Counter(), Counter(), 0, {})
        if not isinstance(first, dt.date):  # SQLite hands back min() of a date column as text
            first, last = dt.date.fromisoformat(str(first)), dt.date.fromisoformat(str(last))
        # the 年度 as date comparisons, newest first: the same on both dialects, and cheap
        year = case(*[(i.c.raised_on >= dt.date(y, 4, 1), y) for y in range(nendo(last), nendo(first) - 1, -1)],
                    else_=nendo(first))
        # waiting 要望 by their age group (0…), the others by their 要望 state (negative)
        state = case((summary.waiting(i), summary.age_group(i.c.raised_on, today, AGE_BOUNDS)),
                     else_=summary.request_state(i))
        category, status = unordered(i.c.category), unordered(i.c.status)
        stmt = (select(category, status, year, state, func.count()).where(*self._where(q))
                .group_by(category, status, year, state))
        by_category, by_status, by_nendo, by_state = _tally(con.execute(stmt))
        return self._totals(by_category, by_status, by_nendo, by_state[summary.ANSWERED],
                            {n: k for n, k in by_state.items() if n >= 0})

    def _requests(self, con: Connection, q: ListQuery, today: dt.date, limit: int | None, offset: int = 0) -> list[Request]:
        """Open 要望, the longest waiting first (then by id, for stable pages)."""
        i, org = m.Issue.__table__, m.Organization.__table__
        stmt = (select(i.c.id, i.c.title, i.c.description, i.c.organization_id, org.c.name, i.c.raised_on,
                       i.c.department, i.c.received_on, i.c.answer_due)
                .select_from(i.outerjoin(org, org.c.id == i.c.organization_id))
                .where(*self._where(q), summary.waiting(i))
                .order_by(i.c.raised_on, i.c.id).offset(offset))
        if limit is not None:
            stmt = stmt.limit(limit)
        rows = con.execute(stmt).all()
        ids = [r[0] for r in rows]
        viewpoints = self._viewpoints_of(con, ids)
        requested = self._requested_on(con, ids)
        progress = self._progress_of(con, ids)
        out = []
        for id_, title, description, org_id, org_name, raised_on, department, received_on, answer_due in rows:
            since = requested.get(id_)
            out.append(Request(id_, title, description, org_id, org_name or "", raised_on, since,
                               viewpoints.get(id_, ()), (today - raised_on).days,
                               (today - since).days if since else None, department, received_on, answer_due,
                               cycle_stage(received_on, answer_due, id_ in progress),
                               answer_due is not None and answer_due < today, progress.get(id_)))
        return out

    @staticmethod
    def _progress_of(con: Connection, ids: list[str]) -> dict[str, tuple[dt.date, str]]:
        """The newest 進捗回答 of each waiting 要望 that has one."""
        a = m.RequestAnswer.__table__
        out: dict[str, tuple[dt.date, str]] = {}
        for chunk in chunks(ids):
            for issue_id, on, body in con.execute(select(a.c.issue_id, a.c.answered_on, a.c.body).where(
                    a.c.issue_id.in_(chunk), a.c.deleted.is_(False), a.c.kind == "progress")
                    .order_by(a.c.answered_on, a.c.hlc)):
                out[issue_id] = (on, body)
        return out

    @staticmethod
    def _viewpoints_of(con: Connection, ids: list[str]) -> dict[str, tuple[str, ...]]:
        link = m.PolicyLink.__table__
        out: dict[str, list[str]] = {}
        for chunk in chunks(ids):
            for issue_id, vp in con.execute(select(link.c.issue_id, link.c.viewpoint_id).distinct().where(
                    link.c.issue_id.in_(chunk), link.c.deleted.is_(False)).order_by(link.c.viewpoint_id)):
                out.setdefault(issue_id, []).append(vp)
        return {k: tuple(v) for k, v in out.items()}

    @staticmethod
    def _requested_on(con: Connection, ids: list[str]) -> dict[str, dt.date]:
        """When each issue became a 要望 in this store's history: the first edit making it one
        (status 区へ要望 or the 要望 flag), else its first arrival (an import brings new rows
        whole, recording only that they now exist)."""
        h, c = m.History.__table__, m.Change.__table__
        made = or_(and_(h.c.field == "status", h.c.new == '"requested"'),
                   and_(h.c.field == "is_request", h.c.new == "true"))
        out: dict[str, dt.date] = {}
        for chunk in chunks(ids):
            stmt = (select(h.c.entity_id, func.min(case((made, c.c.wall_time))), func.min(c.c.wall_time))
                    .select_from(h.join(c, c.c.id == h.c.change_id))
                    .where(h.c.entity == "issue", h.c.entity_id.in_(chunk))
                    .group_by(h.c.entity_id))
            for id_, first_made, first_seen in con.execute(stmt):
                when = first_made or first_seen
                if when is not None:
                    out[id_] = (when if isinstance(when, dt.datetime) else dt.datetime.fromisoformat(str(when))).date()
        return out

    def _overdue(self, con: Connection, q: ListQuery, today: dt.date) -> list[Overdue]:
        """Open action items past their due date, per organization, the most first. Of ``q``
        only the organization, 地区 and 住区 apply (an action item has no category or 年度 of
        its own)."""
        a, org = m.ActionItem.__table__, m.Organization.__table__
        conds = [a.c.deleted.is_(False), a.c.status.in_(OPEN_ACTION), a.c.due_on < today]
        if q.organization_id:
            conds.append(a.c.organization_id == q.organization_id)
        if q.district_code:
            conds.append(org.c.district_code == q.district_code)
        if q.jukyo_code:
            conds.append(org.c.jukyo_code == q.jukyo_code)
        n = func.count()
        stmt = (select(a.c.organization_id, org.c.name, n, func.min(a.c.due_on))
                .select_from(a.outerjoin(org, org.c.id == a.c.organization_id))
                .where(*conds).group_by(a.c.organization_id, org.c.name)
                .order_by(n.desc(), a.c.organization_id))
        return [Overdue(org_id, name or "", count, oldest) for org_id, name, count, oldest in con.execute(stmt)]

    # -- what the pages call -------------------------------------------------------------

    def dashboard(self, q: ListQuery | None = None, *, today: dt.date | None = None, slowest: int = 50,
                  plain: bool = False) -> Dashboard:
        """The whole 集計 page for one filter, on one connection. ``plain``: counted over the
        rows rather than read from the maintained counts (the two must agree)."""
        q = q or ListQuery()
        today = today or dt.date.today()
        with self.store.engine.connect() as con:
            matrices, facts = self._matrices(con, q, plain), self._facts(con, q, today, plain)
            return Dashboard(q, facts.total, matrices["district"], matrices["jukyo"], facts.by_category,
                             facts.by_status, facts.by_nendo, facts.requests, self._requests(con, q, today, slowest),
                             self._overdue(con, q, today))

    def matrix(self, q: ListQuery | None = None, by: str = "district") -> list[Cell]:
        if by not in AREAS:
            raise ValueError(by)
        with self.store.engine.connect() as con:
            return self._matrices(con, q or ListQuery(), False)[by]

    def cell_query(self, q: ListQuery, viewpoint_id: str, by: str, area: str) -> ListQuery:
        """The issue list's query for one heat-map cell: exactly the issues counted in it."""
        if by == "district":
            return replace(q, viewpoint_id=viewpoint_id, district_code=area)
        if by == "jukyo":
            return replace(q, viewpoint_id=viewpoint_id, jukyo_code=area)
        raise ValueError(by)

    def open_requests(self, q: ListQuery | None = None, *, limit: int | None = 200, offset: int = 0,
                      today: dt.date | None = None) -> list[Request]:
        """The inbox: 要望 still waiting for the ward's answer, the oldest first."""
        with self.store.engine.connect() as con:
            return self._requests(con, q or ListQuery(), today or dt.date.today(), limit, offset)

    def waiting_count(self, q: ListQuery | None = None) -> int:
        """How many 要望 wait for an answer (the inbox lists the oldest of them)."""
        with self.store.engine.connect() as con:
            return con.execute(select(func.count()).where(*self._where(q or ListQuery()), summary.waiting())).scalar_one()

    def new_answers(self) -> list[NewAnswer]:
        """The ward's answers (回答, 進捗回答, 最終回答) that came in by an import (the ward's
        bundle) since the user last marked the answers seen: answers written in this store are
        its user's own, not news. A bundle from a ward still at the previous schema carries only
        the 要望's answer text: that counts too, unless an answer record that came with it says
        the same."""
        h, c, i, a, org, meta = (m.History.__table__, m.Change.__table__, m.Issue.__table__,
                                 m.RequestAnswer.__table__, m.Organization.__table__, m.Meta.__table__)
        with self.store.engine.connect() as con:
            seen = int(con.execute(select(meta.c.value).where(meta.c.key == ANSWERS_SEEN_KEY)).scalar() or 0)

            def arrived(entity: str, field: str):
                return (select(h.c.entity_id.label("ref_id"), func.max(c.c.id).label("change_id"))
                        .select_from(h.join(c, c.c.id == h.c.change_id))
                        .where(c.c.kind == "import", c.c.id > seen, h.c.entity == entity,
                               or_(h.c.field == field, and_(h.c.field == "deleted", h.c.new == "false")))
                        .group_by(h.c.entity_id).subquery())

            came = arrived("request_answer", "body")
            stmt = (select(i.c.id, i.c.title, org.c.name, a.c.body, a.c.answered_on, came.c.change_id, a.c.kind,
                           a.c.department)
                    .select_from(came.join(a, a.c.id == came.c.ref_id).join(i, i.c.id == a.c.issue_id)
                                 .outerjoin(org, org.c.id == i.c.organization_id))
                    .where(a.c.deleted.is_(False), i.c.deleted.is_(False)))
            news = [NewAnswer(*row) for row in con.execute(stmt)]
            told = {(n.id, n.ward_answer) for n in news}
            old = arrived("issue", "ward_answer")
            later = (select(h.c.id).select_from(h.join(c, c.c.id == h.c.change_id))
                     .where(h.c.entity == "issue", h.c.field == "ward_answer", c.c.kind != "import",
                            h.c.entity_id == old.c.ref_id, c.c.id > old.c.change_id).exists())
            stmt = (select(i.c.id, i.c.title, org.c.name, i.c.ward_answer, i.c.answered_on, old.c.change_id)
                    .select_from(old.join(i, i.c.id == old.c.ref_id).outerjoin(org, org.c.id == i.c.organization_id))
                    .where(i.c.deleted.is_(False), i.c.is_request.is_(True), summary.answered(i), ~later))
            news += [NewAnswer(*row) for row in con.execute(stmt) if (row[0], row[3]) not in told]
        news.sort(key=lambda n: (-n.change_id, -(n.answered_on or dt.date.min).toordinal(), n.id))
        return news

    def mark_answers_seen(self, up_to: int | None = None) -> int:
        """The user has read the new answers (those arrived up to change ``up_to``, default
        every one so far): a store-local mark, not a synced record. Returns the mark."""
        c = m.Change.__table__
        with self.store.engine.begin() as con:
            if up_to is None:
                up_to = int(con.execute(select(func.max(c.c.id))).scalar() or 0)
            upsert_meta(con, ANSWERS_SEEN_KEY, str(up_to))
        return up_to
