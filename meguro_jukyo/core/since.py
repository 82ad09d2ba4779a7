"""Since the last meeting: what an organization's next meeting should hear about.

For a meeting being prepared (or held), the organization's previous held meeting is the mark:
its open action items and those done since, its issues whose status changed since, the ward's
answers (回答, 進捗回答, 最終回答) dated since — from the bundles the laptop imported — and the
継続審議 not yet taken up. Each is a :class:`meeting.Candidate`, one ``MeetingFlow.add_candidate``
away from an agenda item of the meeting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, select

from . import models as m
from .meeting import Candidate, MeetingFlow, short_title
from .services.values import from_json

HELD = ("closed", "finalized")
DONE_ACTION = ("done",)


@dataclass(frozen=True)
class StatusChange:
    candidate: Candidate
    old: str | None
    new: str
    changed_at: dt.datetime  # UTC


@dataclass(frozen=True)
class AnswerCame:
    candidate: Candidate
    kind: str  # vocab answer_kind
    answered_on: dt.date
    department: str | None


@dataclass(frozen=True)
class DoneAction:
    candidate: Candidate
    done_on: dt.date | None


@dataclass(frozen=True)
class SinceLastMeeting:
    meeting: m.MeetingRead
    last: m.MeetingRead | None  # None: the organization's first meeting (everything is listed)
    open_actions: list[Candidate]
    done_actions: list[DoneAction]
    status_changes: list[StatusChange]
    answers: list[AnswerCame]
    continued: list[Candidate]
    #: ids of what is already an agenda item of the meeting (its ``carried_from``)
    on_agenda: frozenset[str] = frozenset()

    def candidates(self) -> list[Candidate]:
        """Every entry, in the order the page and the 次第 list them."""
        return [*self.open_actions, *(d.candidate for d in self.done_actions),
                *(s.candidate for s in self.status_changes), *(a.candidate for a in self.answers),
                *self.continued]

    @property
    def empty(self) -> bool:
        return not self.candidates()


def meetings_to_prepare(services, organization_id: str) -> list[m.MeetingRead]:
    """The organization's meetings not yet held (予定, 開催中), the soonest first."""
    mt = m.Meeting.__table__
    with services.store.engine.connect() as con:
        rows = con.execute(select(mt).where(
            mt.c.organization_id == organization_id, mt.c.deleted.is_(False),
            mt.c.status.in_(("planned", "in_session"))).order_by(mt.c.starts_at, mt.c.id)).mappings().all()
    return [services.meetings._read(r) for r in rows]


def next_meeting(meetings: list[m.MeetingRead], today: dt.date) -> m.MeetingRead | None:
    """Of :func:`meetings_to_prepare`, the one to prepare: the first from today on, else the last."""
    return next((mt for mt in meetings if mt.starts_at.date() >= today), meetings[-1] if meetings else None)


def since_last_meeting(services, meeting_id: str) -> SinceLastMeeting:
    """What happened since the organization's last held meeting before ``meeting_id``."""
    flow = MeetingFlow(services)
    meeting = services.meetings.get(meeting_id)
    mt, at, it, ra = m.Meeting.__table__, m.ActionItem.__table__, m.Issue.__table__, m.RequestAnswer.__table__
    ag = m.AgendaItem.__table__
    h, c = m.History.__table__, m.Change.__table__
    org = meeting.organization_id
    with services.store.engine.connect() as con:
        last_row = con.execute(select(mt).where(
            mt.c.organization_id == org, mt.c.deleted.is_(False), mt.c.id != meeting_id, mt.c.status.in_(HELD),
            mt.c.starts_at < meeting.starts_at).order_by(mt.c.starts_at.desc()).limit(1)).mappings().first()
        last = services.meetings._read(last_row) if last_row else None
        day = last.starts_at.date() if last else dt.date.min
        # history times are UTC, to the second; the meeting's are local wall-clock times, to the
        # minute: a change in the first second of the minute the meeting closed in is after it
        mark = ((last.closed_at or last.ends_at or last.starts_at).astimezone(dt.UTC)
                if last else dt.datetime.min.replace(tzinfo=dt.UTC))
        done = con.execute(select(at).where(
            at.c.organization_id == org, at.c.deleted.is_(False), at.c.status.in_(DONE_ACTION),
            func.coalesce(at.c.done_on, day) >= day).order_by(at.c.done_on, at.c.title)).mappings().all()
        changes = con.execute(
            select(h.c.entity_id, h.c.old, h.c.new, c.c.wall_time, it.c.title)
            .select_from(h.join(c, c.c.id == h.c.change_id).join(it, it.c.id == h.c.entity_id))
            .where(h.c.entity == "issue", h.c.field == "status", c.c.state == "done", c.c.wall_time >= mark,
                   it.c.organization_id == org, it.c.deleted.is_(False))
            .order_by(c.c.id)).all()
        answers = con.execute(
            select(ra, it.c.title).select_from(ra.join(it, and_(it.c.id == ra.c.issue_id, it.c.deleted.is_(False))))
            .where(it.c.organization_id == org, ra.c.deleted.is_(False), ra.c.answered_on >= day)
            .order_by(ra.c.answered_on, ra.c.hlc)).mappings().all()
        on_agenda = frozenset(con.execute(select(ag.c.carried_from).where(
            ag.c.meeting_id == meeting_id, ag.c.deleted.is_(False), ag.c.carried_from.is_not(None))).scalars())
    offered = flow.carry_over_candidates(meeting_id)
    latest: dict[str, StatusChange] = {}  # an issue changed twice shows where it went, from where it was
    for issue_id, old, new, when, title in changes:
        first = latest.get(issue_id)
        latest[issue_id] = StatusChange(Candidate("issue", issue_id, short_title(title), issue_id, "", None, title),
                                        first.old if first else from_json(it, "status", old),
                                        from_json(it, "status", new), when)
    return SinceLastMeeting(
        meeting, last,
        [c for c in offered if c.source == "action"],
        [DoneAction(Candidate("done", a["id"], short_title(a["title"]), a["issue_id"], "", None, a["title"],
                              a["assignee"], a["due_on"]), a["done_on"]) for a in done],
        [s for s in latest.values() if s.old != s.new],
        [AnswerCame(Candidate("answer", a["id"], short_title(a["title"]), a["issue_id"], "", None, a["body"]),
                    a["kind"], a["answered_on"], a["department"]) for a in answers],
        [c for c in offered if c.source == "continued"],
        on_agenda)
