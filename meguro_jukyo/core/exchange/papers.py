"""The papers of a meeting besides its minutes: 次第 (agenda handout), 出席簿 (sign-in sheet)
and the 回覧板 summary for households.

Each is built once from the store into plain data, as :mod:`.minutes` is, and laid out by the
Qt writer (qt/papers.py). Personal data stays out unless it is asked for: the 次第 and the
回覧板 name nobody (a 回覧板 goes round every household), and the 出席簿 leaves the name column
blank to be written in, unless ``names=True`` fills it from the meeting's attendee list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..japanese import format_date
from ..meeting import MeetingFlow
from ..services import Services
from ..since import since_last_meeting
from .minutes import _by_meeting, meeting_date

#: A sign-in sheet for a meeting whose size is not recorded still has lines to sign on.
BLANK_ROWS = 20
#: The 回覧板 is one page: beyond this many lines a list ends with 「ほかN件」.
CIRCULAR_LINES = 6
#: An action item is asked of the residents when its assignee is all of them, not an officer.
RESIDENTS = ("住民", "会員", "世帯", "全員", "皆様", "皆さま", "みなさま", "皆さん", "みなさん", "各戸", "各家庭")


@dataclass(frozen=True)
class Header:
    """What every paper of a meeting starts with."""

    organization: str
    title: str
    meeting_type: str
    date: str
    place: str


@dataclass(frozen=True)
class AgendaLine:
    number: int
    title: str
    planned_minutes: int


@dataclass(frozen=True)
class Agenda:
    """次第: the numbered items with their planned minutes, and what to bring."""

    header: Header
    items: tuple[AgendaLine, ...]
    documents: tuple[str, ...]

    @property
    def heading(self) -> str:
        return f"{self.header.title} 次第"

    @property
    def total_minutes(self) -> int:
        return sum(i.planned_minutes for i in self.items)


@dataclass(frozen=True)
class SignInRow:
    number: int
    name: str  # blank unless names were asked for
    role: str


@dataclass(frozen=True)
class SignInSheet:
    """出席簿: a row per member, with a column for 印."""

    header: Header
    rows: tuple[SignInRow, ...]
    members_total: int

    @property
    def heading(self) -> str:
        return f"{self.header.title} 出席簿"


@dataclass(frozen=True)
class Circular:
    """回覧板: what was decided, what is asked of the residents, the next meeting."""

    header: Header
    decided: tuple[str, ...]
    asked: tuple[str, ...]
    next_meeting: str

    @property
    def heading(self) -> str:
        return f"{self.header.organization}からのお知らせ"

    def sections(self) -> list[tuple[str, tuple[str, ...]]]:
        return [("決まったこと", _capped(self.decided) or ("ありません",)),
                ("皆さまへのお願い", _capped(self.asked) or ("ありません",)),
                ("次回の会議", (self.next_meeting or "決まり次第お知らせします",))]


@dataclass(frozen=True)
class SincePage:
    """前回からの経過: the first page of a 次第 — what happened since the organization's last
    meeting (open and done action items, issues whose status changed, the ward's answers,
    継続審議). Nobody is named: not an action's assignee, as the 次第 names nobody."""

    header: Header
    last: str  # the last meeting and its date, "" at an organization's first meeting
    sections: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def heading(self) -> str:
        return f"{self.header.title} 前回からの経過"


def _capped(lines: tuple[str, ...]) -> tuple[str, ...]:
    if len(lines) <= CIRCULAR_LINES:
        return lines
    rest = len(lines) - CIRCULAR_LINES + 1
    return lines[:CIRCULAR_LINES - 1] + (f"ほか{rest}件（議事録をご覧ください）",)


def _header(services: Services, meeting, era: bool) -> Header:
    org = services.organizations.get(meeting.organization_id).name if meeting.organization_id else ""
    return Header(org, meeting.title, services.vocab.label("meeting_type", meeting.meeting_type),
                  meeting_date(meeting, era), meeting.place)


def build_agenda(services: Services, meeting_id: str, documents: tuple[str, ...] = (), *,
                 era: bool = True) -> Agenda:
    meeting = services.meetings.get(meeting_id)
    items = tuple(AgendaLine(n, i.title, i.planned_minutes)
                  for n, i in enumerate(MeetingFlow(services).agenda(meeting_id), start=1))
    return Agenda(_header(services, meeting, era), items,
                  tuple(d.strip() for d in documents if d.strip()))


def build_since_page(services: Services, meeting_id: str, *, era: bool = True) -> SincePage:
    meeting = services.meetings.get(meeting_id)
    since, label = since_last_meeting(services, meeting_id), services.vocab.label

    def day(value) -> str:
        return format_date(value, era) if value else ""

    def due(c) -> str:
        return c.title + (f"（{day(c.due_on)}まで）" if c.due_on else "") + ("・期限超過" if c.overdue else "")

    sections = (
        ("まだ済んでいない宿題", tuple(due(c) for c in since.open_actions)),
        ("前回から済んだ宿題", tuple(d.candidate.title + (f"（{day(d.done_on)}完了）" if d.done_on else "")
                              for d in since.done_actions)),
        ("状況が変わった課題", tuple(f"{s.candidate.title}：{label('issue_status', s.old) if s.old else '新規'}"
                              f"→{label('issue_status', s.new)}" for s in since.status_changes)),
        ("区からの回答", tuple(
            f"{a.candidate.title}：{label('answer_kind', a.kind)}（{day(a.answered_on)}"
            + (f"・{services.vocab.label('ward_department', a.department)}" if a.department else "")
            + f"）{a.candidate.text}" for a in since.answers)),
        ("継続審議", tuple(c.title + (f"（{c.from_meeting}）" if c.from_meeting else "") for c in since.continued)),
    )
    last = f"{since.last.title}（{meeting_date(since.last, era)}）" if since.last else ""
    return SincePage(_header(services, meeting, era), last, sections)


def build_sign_in(services: Services, meeting_id: str, *, names: bool = False,
                  era: bool = True) -> SignInSheet:
    """Rows for the attendees recorded for the meeting, or blank rows for every member."""
    meeting = services.meetings.get(meeting_id)
    attendees = services.attendees.list(_by_meeting(meeting_id))
    count = max(len(attendees), meeting.members_total) or BLANK_ROWS
    rows = [SignInRow(n, a.name if names else "", a.role)
            for n, a in enumerate(attendees, start=1)]
    rows += [SignInRow(n, "", "") for n in range(len(rows) + 1, count + 1)]
    return SignInSheet(_header(services, meeting, era), tuple(rows), meeting.members_total)


def _asks_residents(assignee: str) -> bool:
    return any(word in assignee for word in RESIDENTS)


def build_circular(services: Services, meeting_id: str, *, era: bool = True) -> Circular:
    """Decisions (not those put off), the actions assigned to all residents (with their due
    date), and the next meeting. No names: not of the speakers, nor of an officer's task."""
    meeting = services.meetings.get(meeting_id)
    notes = MeetingFlow(services).notes(meeting_id)
    decided = tuple(n.body for n in notes if n.kind == "decision" and n.decision_method != "continued")
    actions = sorted((a for a in services.actions.list(_by_meeting(meeting_id)) if _asks_residents(a.assignee)),
                     key=lambda a: (a.due_on or dt.date.max, a.title))
    asked = tuple(a.title + (f"（{format_date(a.due_on, era)}まで）" if a.due_on else "") for a in actions)
    return Circular(_header(services, meeting, era), decided, asked, meeting.next_meeting)
