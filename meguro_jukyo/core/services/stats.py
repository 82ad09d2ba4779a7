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
from ..dialect import upsert_meta
from ..japanese import nendo
from .base import ListQuery, chunks

#: the days an open 要望 has waited, as the age chart groups them: under 30, 30–89, …, a year or more
AGE_BOUNDS: tuple[int, ...] = (30, 90, 180, 365)
#: a 要望 no longer waits for an answer once it is withdrawn
NOT_WAITING = ("withdrawn",)
#: action items still to do
OPEN_ACTION = ("todo", "doing")
#: the change id up to which this store's user has seen the answers that came in by import
ANSWERS_SEEN_KEY = "answers_seen_change"
AREAS = ("district", "jukyo")
#: 要望 states in the one GROUP BY of the per-issue charts (0… are the ages of waiting ones)
NOT_A_REQUEST, ANSWERED = -1, -2


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


def _waiting():
    """A 要望 still waiting for the ward's answer (a 進捗回答 does not end the wait)."""
    i = m.Issue.__table__
    return and_(i.c.ward_answer == "", i.c.status.not_in(NOT_WAITING))


def request_state(today: dt.date):
    """THE reading of a 要望's state, in SQL, for every figure that counts 要望 (the 集計 page,
    the inbox, the age table): NOT_A_REQUEST, ANSWERED, or — waiting — the index of its age
    group in AGE_BOUNDS (days since raised). Answered means a 回答 or 最終回答 has come
    (``ward_answer``, written by IssueService.answer); a withdrawn 要望 no longer counts."""
    i = m.Issue.__table__
    return case((i.c.is_request.is_not(True), NOT_A_REQUEST), (i.c.ward_answer != "", ANSWERED),
                (i.c.status.in_(NOT_WAITING), NOT_A_REQUEST),
                *[(i.c.raised_on > today - dt.timedelta(days=days), n) for n, days in enumerate(AGE_BOUNDS)],
                else_=len(AGE_BOUNDS))


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

    def _matrices(self, con: Connection, q: ListQuery) -> dict[str, list[Cell]]:
        """視点 × 地区 and 視点 × 住区: one count per 視点 and organization in SQL (the whole
        ward is ~13 × 100 of them), summed into the organization's 地区 and 住区 (an issue
        belongs to one organization, so the sums count each issue once)."""
        i, link, org = m.Issue.__table__, m.PolicyLink.__table__, m.Organization.__table__
        stmt = (select(link.c.viewpoint_id, i.c.organization_id, func.count(i.c.id.distinct()))
                .select_from(i.join(link, and_(link.c.issue_id == unordered(i.c.id), link.c.deleted.is_(False))))
                .where(*self._where(q))
                .group_by(link.c.viewpoint_id, i.c.organization_id))
        areas = {id_: (district, jukyo) for id_, district, jukyo in
                 con.execute(select(org.c.id, org.c.district_code, org.c.jukyo_code))}
        sums: dict[str, Counter] = {by: Counter() for by in AREAS}
        for vp, org_id, n in con.execute(stmt):
            for by, code in zip(AREAS, areas.get(org_id, (None, None))):
                sums[by][(vp, code)] += n
        return {by: sorted((Cell(vp, code, n) for (vp, code), n in counts.items()),
                           key=lambda c: (c.viewpoint_id, c.area or "")) for by, counts in sums.items()}

    def _requests_of(self, q: ListQuery) -> list:
        return [*self._where(q), m.Issue.__table__.c.is_request.is_(True)]

    def _facts(self, con: Connection, q: ListQuery, today: dt.date) -> Facts:
        """Every per-issue chart from one GROUP BY: issues counted by category, status, 年度 and
        要望 state (not a 要望 / answered / waiting, by age), a few hundred groups at ward size,
        then summed per chart — one scan of the index instead of one per chart."""
        i = m.Issue.__table__
        first, last = con.execute(select(func.min(i.c.raised_on), func.max(i.c.raised_on))).one()
        if first is None:
            return Facts(0, [], [], [], RequestTotals(0, 0, (0,) * (len(AGE_BOUNDS) + 1)))
        if not isinstance(first, dt.date):  # SQLite hands back min() of a date column as text
            first, last = dt.date.fromisoformat(str(first)), dt.date.fromisoformat(str(last))
        # the 年度 as date comparisons, newest first: the same on both dialects, and cheap
        year = case(*[(i.c.raised_on >= dt.date(y, 4, 1), y) for y in range(nendo(last), nendo(first) - 1, -1)],
                    else_=nendo(first))
        state = request_state(today)
        category, status = unordered(i.c.category), unordered(i.c.status)
        stmt = (select(category, status, year, state, func.count()).where(*self._where(q))
                .group_by(category, status, year, state))
        by_category, by_status, by_nendo, by_state = Counter(), Counter(), Counter(), Counter()
        for cat, st, y, r, n in con.execute(stmt):
            by_category[cat] += n
            by_status[st] += n
            by_nendo[(int(y), st)] += n
            by_state[r] += n
        ages = tuple(by_state[n] for n in range(len(AGE_BOUNDS) + 1))
        return Facts(sum(by_category.values()),
                     [Count(k, n) for k, n in sorted(by_category.items())],
                     [Count(k, n) for k, n in sorted(by_status.items())],
                     [NendoCount(y, st, n) for (y, st), n in sorted(by_nendo.items())],
                     RequestTotals(sum(ages), by_state[ANSWERED], ages))

    def _requests(self, con: Connection, q: ListQuery, today: dt.date, limit: int | None, offset: int = 0) -> list[Request]:
        """Open 要望, the longest waiting first (then by id, for stable pages)."""
        i, org = m.Issue.__table__, m.Organization.__table__
        stmt = (select(i.c.id, i.c.title, i.c.description, i.c.organization_id, org.c.name, i.c.raised_on,
                       i.c.department, i.c.received_on, i.c.answer_due)
                .select_from(i.outerjoin(org, org.c.id == i.c.organization_id))
                .where(*self._requests_of(q), _waiting())
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

    def dashboard(self, q: ListQuery | None = None, *, today: dt.date | None = None, slowest: int = 50) -> Dashboard:
        """The whole 集計 page for one filter, on one connection."""
        q = q or ListQuery()
        today = today or dt.date.today()
        with self.store.engine.connect() as con:
            matrices, facts = self._matrices(con, q), self._facts(con, q, today)
            return Dashboard(q, facts.total, matrices["district"], matrices["jukyo"], facts.by_category,
                             facts.by_status, facts.by_nendo, facts.requests, self._requests(con, q, today, slowest),
                             self._overdue(con, q, today))

    def matrix(self, q: ListQuery | None = None, by: str = "district") -> list[Cell]:
        if by not in AREAS:
            raise ValueError(by)
        with self.store.engine.connect() as con:
            return self._matrices(con, q or ListQuery())[by]

    def cell_query(self, q: ListQuery, viewpoint_id: str, by: str, area: str) -> ListQuery:
        """The issue list's query for one heat-map cell: exactly the issues counted in it."""
        return replace(q, viewpoint_id=viewpoint_id, **{f"{by}_code": area})

    def open_requests(self, q: ListQuery | None = None, *, limit: int | None = 200, offset: int = 0,
                      today: dt.date | None = None) -> list[Request]:
        """The inbox: 要望 still waiting for the ward's answer, the oldest first."""
        with self.store.engine.connect() as con:
            return self._requests(con, q or ListQuery(), today or dt.date.today(), limit, offset)

    def waiting_count(self, q: ListQuery | None = None) -> int:
        """How many 要望 wait for an answer (the inbox lists the oldest of them)."""
        with self.store.engine.connect() as con:
            return con.execute(select(func.count()).where(*self._requests_of(q or ListQuery()), _waiting())).scalar_one()

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
                    .where(i.c.deleted.is_(False), i.c.is_request.is_(True), i.c.ward_answer != "", ~later))
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
