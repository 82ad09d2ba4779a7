"""The generator behind both sizes of sample data: a calendar of meetings walked in time order.

Each meeting gets an agenda, the issues raised at it, what was said (notes of every kind,
decisions with votes and the minority opinions that dissent from them, matters carried over),
action items and links to the ward plan's 施策立案の視点. Text is put together from the phrase
pools (:mod:`.phrases`), and a ``random.Random(seed)`` picks from them, so the same seed always
gives the same rows. The calendar is fixed (:data:`DEMO_TODAY`), never today's date.

One file over 500 lines: :class:`Generator` is one walk of the calendar whose steps (an
organization's year, a meeting, an agenda item, what is said about it) share its random
stream and its running state; split, each part would reach into the others' state.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from .. import models as m
from ..japanese import nendo, nendo_label, wareki
from .phrases import (
    ASSOCIATION_ROLES, ASSOCIATION_SUFFIXES, COUNCIL_ROLES, GENERAL_ITEMS, GENERAL_MINORITY, GENERAL_OPINIONS,
    GENERAL_QUESTIONS, GIVEN_NAMES, OPENING, OTHER_BUSINESS, OTHER_OPINIONS, OUTCOME_CONTINUED, OUTCOME_REPORTED,
    PLACES, SECTIONS, SURNAMES, TOPICS, TOWNS, TYPE_TITLES, Topic,
)

# --------------------------------------------------------------------------- calendar

#: "Today" of the sample data: meetings before it were held, later ones are planned.
DEMO_TODAY = dt.date(2026, 10, 1)
#: Offset of the demo calendar's wall times (they are Japan time) from UTC, for clock stamps.
JST = dt.timezone(dt.timedelta(hours=9))


# the kinds of ordinary meeting an organization holds, and how often: (type, share)
_MEETING_TYPES_COUNCIL = (("regular", 0.62), ("board", 0.18), ("section", 0.12), ("standing", 0.08))
_MEETING_TYPES_ASSOCIATION = (("board", 0.72), ("section", 0.2), ("extra", 0.04), ("general_extra", 0.04))


# --------------------------------------------------------------------------- sizes


@dataclass(frozen=True)
class Profile:
    """How much sample data to make."""

    years: int  # 年度 covered, the last being DEMO_TODAY's
    associations: int  # 町会・自治会 made (the 22 councils always exist)
    meetings: int
    issues: int  # raised at meetings (plus a few elsewhere when quiet_issues)
    planned: float  # share of meetings still to come after DEMO_TODAY
    active_councils: tuple[str, ...] | None  # 住区 whose councils meet; None: every one
    active_associations: int | None  # how many associations meet; None: every one
    topic_items: float  # agenda items about an issue, per ordinary meeting
    extra_opinions: float  # opinions per discussed item beyond the first
    attendee_lists: float  # share of small meetings whose attendance is recorded by name
    quiet_issues: bool  # organizations without meetings still raise an issue or two

    def scaled(self, scale: float) -> "Profile":
        return replace(self, meetings=max(1, round(self.meetings * scale)),
                       issues=max(1, round(self.issues * scale)))


SMALL = Profile(years=2, associations=12, meetings=40, issues=52, planned=0.075,
                active_councils=("komaba", "ishibumi", "jiyugaoka"), active_associations=4,
                topic_items=2.0, extra_opinions=0.8, attendee_lists=1.0, quiet_issues=True)
#: DESIGN.md §6: the whole ward over ten years.
WARD = Profile(years=10, associations=82, meetings=15000, issues=100000, planned=0.006,
               active_councils=None, active_associations=None,
               topic_items=3.0, extra_opinions=4.8, attendee_lists=0.3, quiet_issues=False)


# --------------------------------------------------------------------------- rows

#: What the generator fills, per table: the id first, then these (sync metadata is the writer's).
FIELDS: dict[str, tuple[str, ...]] = {
    "organization": ("kind", "name", "yomi", "jukyo_code", "district_code"),
    "meeting": ("organization_id", "meeting_type", "title", "starts_at", "ends_at", "place",
                "facilitator", "recorder", "signers", "members_total", "present", "proxies",
                "status", "next_meeting"),
    "issue": ("organization_id", "title", "description", "category", "place", "priority",
              "status", "raised_on", "raised_meeting_id", "is_request", "ward_answer", "answered_on"),
    "agenda_item": ("meeting_id", "position", "title", "planned_minutes", "actual_minutes",
                    "issue_id", "outcome"),
    "note": ("meeting_id", "agenda_item_id", "issue_id", "kind", "body", "speaker", "position",
             "recorded_at", "decision_method", "votes_for", "votes_against", "votes_abstain",
             "decision_id"),
    "action_item": ("title", "assignee", "due_on", "status", "done_on", "issue_id", "meeting_id",
                    "organization_id"),
    "policy_link": ("issue_id", "note_id", "plan_id", "viewpoint_id", "item_id", "reason"),
    "attendee": ("meeting_id", "name", "yomi", "role", "attendance"),
    # the small demo records an issue's answer with the issue (_issue_ops), under the same id
    "request_answer": ("issue_id", "kind", "answered_on", "department", "body"),
    "officer": ("organization_id", "nendo", "role", "name", "yomi"),
}
#: the roster's titles as the officer_role vocabulary has them (the first few of each roster)
_OFFICER_ROLES = {"会長": "chair", "副会長": "vice_chair", "事務局長": "secretary", "書記": "secretary",
                  "会計": "treasurer"}
OFFICERS_LISTED = 6
PLAN_ID = "meguro-basic-plan-2022"

_UUID_CLEAR = ~((0xC000 << 48) | (0xF000 << 64)) & ((1 << 128) - 1)
_UUID_SET = (0x8000 << 48) | (0x4 << 76)
_NO_VOTES = (None, None, None)


def first_day(profile: Profile) -> int:
    """The first day (ordinal) of the first 年度 the sample data covers."""
    return dt.date(nendo(DEMO_TODAY) - (profile.years - 1), 4, 1).toordinal()


def _date(ordinal: int) -> str:
    """A date as SQLAlchemy stores it on SQLite (and as pydantic reads it)."""
    return dt.date.fromordinal(ordinal).isoformat()


def _datetime(ordinal: int, minute_of_day: int) -> str:
    """A date and time as SQLAlchemy stores it on SQLite (and as pydantic reads it)."""
    h, m = divmod(minute_of_day, 60)
    return f"{dt.date.fromordinal(ordinal).isoformat()} {h:02d}:{m:02d}:00.000000"


#: an issue as the generator carries it: (id, title, topic, place)
_Issue = tuple[str, str, Topic, str]


class _Org:
    """An organization while the generator runs: its people and the issues still open."""

    __slots__ = ("id", "kind", "name", "jukyo", "district", "roster", "members",
                 "households", "board", "hall", "open_issues", "counters", "meets")
    # set by Generator.people() once the organization exists
    roster: list[tuple[str, str, str, str]]  # (name, yomi, role, surname)
    members: int
    households: int
    board: int
    hall: str

    def __init__(self, id_: str, kind: str, name: str, jukyo: str, district: str):
        self.id, self.kind, self.name, self.jukyo, self.district = id_, kind, name, jukyo, district
        self.open_issues: list[_Issue] = []
        self.counters: dict[tuple[int, str], int] = {}
        self.meets = False


# What an agenda item is about, one kind per kind of item (Generator.discussion tells them apart):
@dataclass(frozen=True)
class _Opening:
    reports: tuple[str, ...]  # the reports one of which is given


@dataclass(frozen=True)
class _Resolution:
    decided: str  # a 総会 item: what it decides


@dataclass(frozen=True)
class _Discussed:
    issue: _Issue  # an issue taken up


@dataclass(frozen=True)
class _OtherBusiness:
    issues: list[_Issue]  # その他: the issues raised at the meeting and not taken up


_Subject = _Opening | _Resolution | _Discussed | _OtherBusiness


class Generator:
    """Walks the demo calendar and hands every row to ``emit(table, row)``.

    Rows are tuples: the id, then the values of ``FIELDS[table]`` as stored (dates and times as
    text, flags as bool). Parents always come before the rows that refer to them; within a
    meeting: the meeting, the issues raised at it (with their 視点 links), its agenda, what was
    said, action items, links of decisions, attendees.
    """

    def __init__(self, rng: random.Random, profile: Profile, jukyo: list[tuple[str, str, str]], emit):
        self.rng = rng
        self.p = profile
        self.jukyo = jukyo  # (code, name, district code), in ward order
        self.jukyo_names = {code: name for code, name, _ in jukyo}
        self.emit = emit
        self.today = DEMO_TODAY.toordinal()
        self.start = first_day(profile)
        self.issue_rate = 0.0
        getrandbits = rng.getrandbits

        def new_id() -> str:
            # uuid4 from the seeded generator: random-looking like real ids, yet reproducible
            h = "%032x" % ((getrandbits(128) & _UUID_CLEAR) | _UUID_SET)
            return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

        self.new_id = new_id

    # -- helpers -----------------------------------------------------------------------

    def pick(self, seq):
        return seq[int(self.rng.random() * len(seq))]

    def count(self, mean: float) -> int:
        """A whole number averaging ``mean``."""
        whole = int(mean)
        return whole + (self.rng.random() < mean - whole)

    def text(self, template: str, place: str) -> str:
        if "{" not in template:
            return template
        r = self.rng.random
        return template.format(place=place, month=1 + int(r() * 12), n=10 + int(r() * 9) * 5)

    # -- organizations -----------------------------------------------------------------

    def organizations(self, council_id) -> list[_Org]:
        orgs = [_Org(council_id(code), "council", f"{name}住区住民会議", code, district)
                for code, name, district in self.jukyo]
        # 町会・自治会 go round the 住区 in a shuffled order, so a dozen already spans the ward
        candidates = {}
        for code, _name, _district in self.jukyo:
            names = [(town + suffix, yomi + suffix_yomi)
                     for suffix, suffix_yomi in ASSOCIATION_SUFFIXES for town, yomi in TOWNS[code]]
            self.rng.shuffle(names)
            candidates[code] = names
        order = list(self.jukyo)
        self.rng.shuffle(order)
        used: set[str] = set()
        i = 0
        while len(orgs) - len(self.jukyo) < self.p.associations:
            code, _name, district = order[i % len(order)]
            i += 1
            name, yomi = next(((n, y) for n, y in candidates[code] if n not in used), (None, None))
            if name is None:
                continue
            used.add(name)
            org = _Org(self.new_id(), "association", name, code, district)
            self.emit("organization", (org.id, "association", name, yomi, code, None))
            orgs.append(org)
        for org in orgs:
            self.people(org)
        for n, org in enumerate(orgs[len(self.jukyo):]):
            org.meets = self.p.active_associations is None or n < self.p.active_associations
        for org in orgs[:len(self.jukyo)]:
            org.meets = self.p.active_councils is None or org.jukyo in self.p.active_councils
        return orgs

    def people(self, org: _Org) -> None:
        roles = COUNCIL_ROLES if org.kind == "council" else ASSOCIATION_ROLES
        roster, names = [], set()
        for role in roles:
            while True:
                (s, sy), (g, gy) = self.pick(SURNAMES), self.pick(GIVEN_NAMES)
                if s + g not in names:
                    break
            names.add(s + g)
            roster.append((f"{s} {g}", f"{sy} {gy}", role, s))
        org.roster = roster
        r = self.rng.random
        org.members = 30 + int(r() * 30)
        org.households = 120 + int(r() * 530)
        org.board = min(len(roster), 10 + int(r() * 9))
        center = f"{self.jukyo_names[org.jukyo]}住区センター"
        org.hall = f"{org.name}会館" if org.kind == "association" and r() < 0.6 else center

    # -- calendar ----------------------------------------------------------------------

    def calendar(self, orgs: list[_Org]) -> list[tuple[int, int, _Org, str]]:
        """(day, minute of day, organization, meeting type) of every meeting, in time order."""
        active = [o for o in orgs if o.meets]
        weights = [1.25 if o.kind == "council" else 1.0 for o in active]
        total = sum(weights)
        span = (self.today - self.start) / (1 - self.p.planned)
        first_year = dt.date.fromordinal(self.start).year
        shares = [self.p.meetings * w / total for w in weights]
        counts = [int(x) for x in shares]
        for i in sorted(range(len(active)), key=lambda i: counts[i] - shares[i])[:self.p.meetings - sum(counts)]:
            counts[i] += 1
        out = []
        for org, n in zip(active, counts):
            if not n:
                continue
            gap = span / n
            days = [self.start + int((i + 0.2 + 0.6 * self.rng.random()) * gap) for i in range(n)]
            generals = set()
            for year in range(first_year, first_year + self.p.years + 1):
                may = dt.date(year, 5, 20).toordinal()
                best = min(range(n), key=lambda i: abs(days[i] - may))
                if abs(days[best] - may) < 45:
                    generals.add(best)
            types = _MEETING_TYPES_COUNCIL if org.kind == "council" else _MEETING_TYPES_ASSOCIATION
            for i, day in enumerate(days):
                kind = "general_regular" if i in generals else self.weighted(types)
                out.append((*self.when(day, kind), org, kind))
        out.sort(key=lambda m: (m[0], m[1], m[2].name))
        return out

    def weighted(self, choices: tuple[tuple[str, float], ...]) -> str:
        r = self.rng.random()
        for code, share in choices:
            if r < share:
                return code
            r -= share
        return choices[-1][0]

    @staticmethod
    def when(day: int, kind: str) -> tuple[int, int]:
        """Move a meeting to a day and hour such meetings are held: 総会 on Sunday afternoons,
        部会 on Saturday mornings, the others on weekday evenings; none over the New Year."""
        date = dt.date.fromordinal(day)
        if (date.month, date.day) >= (12, 26) or (date.month, date.day) <= (1, 5):
            day = dt.date(date.year + (date.month == 12), 1, 8).toordinal()
        weekday = dt.date.fromordinal(day).weekday()
        if kind.startswith("general"):
            return day + (6 - weekday), (14 if kind == "general_regular" else 10) * 60
        if kind == "section":
            return day + (5 - weekday) % 7, 10 * 60
        if weekday >= 5:
            day += 7 - weekday
        return day, 19 * 60

    # -- meetings ----------------------------------------------------------------------

    def run(self, council_id) -> None:
        orgs = self.organizations(council_id)
        meetings = self.calendar(orgs)
        held = sum(1 for m in meetings if m[0] <= self.today)
        self.issue_rate = self.p.issues / max(held, 1)
        following: dict[int, tuple[int, int]] = {}
        last_of: dict[str, int] = {}
        for i, (day, minute, org, _kind) in enumerate(meetings):
            if org.id in last_of:
                following[last_of[org.id]] = (day, minute)
            last_of[org.id] = i
        for i, (day, minute, org, kind) in enumerate(meetings):
            self.meeting(org, day, minute, kind, following.get(i))
        if self.p.quiet_issues:
            for org in orgs:
                if not org.meets:
                    for _ in range(1 + (self.rng.random() < 0.4)):
                        day = self.today - 30 - int(self.rng.random() * 500)
                        self.issue(org, None, day, self.pick(TOPICS))
        self.officers(orgs)

    def officers(self, orgs: list[_Org]) -> None:
        """This 年度's officers: the first of each roster, under the vocabulary's roles (部長 and
        部会長 as 部長). Last and with ids made from their place: no random draw is moved."""
        year = nendo(dt.date.fromordinal(self.today))
        for org in orgs:
            for n, (name, yomi, title, _surname) in enumerate(org.roster[:OFFICERS_LISTED]):
                role = _OFFICER_ROLES.get(title, "section_head" if title.endswith("長") else "officer")
                self.emit("officer", (m.natural_id("officer", org.id, str(year), str(n)), org.id, year, role,
                                      name, yomi))

    def meeting(self, org: _Org, day: int, minute: int, kind: str, following) -> None:
        rng = self.rng
        r = rng.random
        held = day <= self.today
        year = nendo(dt.date.fromordinal(day))
        label = nendo_label(year)
        section = self.pick(SECTIONS) if kind == "section" else ""
        key = (year, section or kind)
        org.counters[key] = number = org.counters.get(key, 0) + 1
        if kind.startswith("general"):
            title = f"{label} {TYPE_TITLES[kind]}"
        elif kind == "section":
            title = f"{section}（{label} 第{number}回）"
        else:
            title = f"{label} 第{number}回 {TYPE_TITLES[kind]}"
        length = {"general_regular": 120, "general_extra": 90, "regular": 120}.get(kind, 90)
        plenary = kind.startswith("general") or kind == "extra"

        attendees: list[tuple[str, str, str, str]] = []
        if kind in ("board", "section", "standing"):
            first = 0 if kind != "section" else 4
            size = org.board if kind != "section" else 5 + int(r() * 6)
            people = org.roster[first:first + size]
            members = len(people)
            for name, yomi, role, _surname in people:
                x = r()
                attendees.append((name, yomi, role, "present" if x < 0.82 else ("proxy" if x < 0.9 else "absent")))
            present = sum(a[3] == "present" for a in attendees)
            proxies = sum(a[3] == "proxy" for a in attendees)
        elif plenary and org.kind == "association":
            members = org.households
            present = int(members * (0.12 + 0.1 * r()))
            proxies = int(members * (0.38 + 0.15 * r()))
        else:
            members = org.members
            present = int(members * (0.45 + 0.4 * r()))
            proxies = int((members - present) * 0.5 * r()) if plenary else 0
        if not held:
            present = proxies = 0
            attendees = []
        chair = org.roster[0 if r() < 0.7 else 1][0]
        recorder = org.roster[3][0]
        signers = f"{org.roster[4][0]}、{org.roster[5][0]}" if held else ""
        status = "planned" if not held else ("closed" if day > self.today - 10 else "finalized")
        place = org.hall if org.hall.endswith("会館") else (
            org.hall + (" レクリエーションホール" if plenary else " 会議室"))
        next_text = ""
        if following:
            next_text = f"{wareki(dt.date.fromordinal(following[0]), with_weekday=True)}{following[1] // 60}時から"
        mid = self.new_id()
        self.emit("meeting", (mid, org.id, kind, title, _datetime(day, minute), _datetime(day, minute + length),
                              place, chair, recorder, signers, members, present, proxies, status, next_text))

        new = [self.issue(org, mid, day, self.pick(TOPICS)) for _ in range(self.count(self.issue_rate))] if held else []
        # the agenda: (title, minutes, what the item is about)
        items: list[tuple[str, int, _Subject]] = []
        if kind == "general_regular":
            prev = nendo_label(year - 1)
            for pattern, minutes, decided in GENERAL_ITEMS:
                items.append((pattern.format(prev=prev, this=label), minutes,
                              _Resolution(decided.format(prev=prev, this=label))))
            slots = int(r() < 0.3)
        else:
            opening = OPENING[1] if r() < 0.7 else OPENING[0]
            items.append((opening[0], opening[1], _Opening(opening[2])))
            slots = self.count(self.p.topic_items)
        topics: list[tuple[str, _Issue]] = []
        if org.open_issues and (not new or r() < 0.5):
            carried = org.open_issues.pop(int(r() * len(org.open_issues)))
            topics.append(("（継続）" + carried[1], carried))
        topics += [(issue[1], issue) for issue in new]
        for title_, issue in topics[:slots]:
            items.append((title_, 15 + int(r() * 4) * 5, _Discussed(issue)))
        discussed = {subject.issue[0] for _, _, subject in items if isinstance(subject, _Discussed)}
        items.append((OTHER_BUSINESS[0], OTHER_BUSINESS[1],
                      _OtherBusiness([i for i in new if i[0] not in discussed])))

        notes: list[tuple] = []
        actions: list[tuple] = []
        links: list[tuple] = []
        clock = minute
        voters = present + proxies
        for order, (item_title, planned, subject) in enumerate(items):
            aid = self.new_id()
            actual = planned + int(r() * 11) - 5 if held else None
            said, outcome = self.discussion(org, subject, voters) if held else ([], "")
            taken_up = subject.issue if isinstance(subject, _Discussed) else None
            self.emit("agenda_item", (aid, mid, order, item_title, planned, actual,
                                      taken_up[0] if taken_up is not None else None, outcome))
            span = actual or planned
            base = len(notes)
            for k, (kind_, body, speaker, method, votes, issue_id, dissents_from) in enumerate(said):
                nid = self.new_id()
                decision_id = notes[base + dissents_from][0] if dissents_from is not None else None
                notes.append((nid, mid, aid, issue_id, kind_, body, speaker, len(notes),
                              _datetime(day, clock + (k + 1) * span // (len(said) + 1)), method,
                              *votes, decision_id))
                if taken_up is None or kind_ not in ("decision", "consensus") or method == "continued":
                    continue
                issue_id_, _t, topic, where = taken_up
                if r() < 0.75:
                    for _ in range(1 + (r() < 0.25)):
                        actions.append(self.action(org, mid, day, issue_id_, topic, where))
                if kind_ == "decision" and r() < 0.2:
                    vp, item, reason = self.pick(topic.links)
                    links.append((self.new_id(), None, nid, PLAN_ID, vp, item, reason))
            clock += span
        for table, rows in (("note", notes), ("action_item", actions), ("policy_link", links)):
            for row in rows:
                self.emit(table, row)
        if attendees and r() < self.p.attendee_lists:
            for a in attendees:
                self.emit("attendee", (self.new_id(), mid, *a))

    def discussion(self, org: _Org, subject: _Subject, voters: int) -> tuple[list[tuple], str]:
        """What was said on one agenda item, and the item's outcome.

        A note here is (kind, body, speaker, method, (for, against, abstain), issue id, index
        among these notes of the decision it dissents from).
        """
        r = self.rng.random
        roster = org.roster
        pick, text = self.pick, self.text
        out: list[tuple] = []

        def speaker() -> str:
            return roster[int(r() * len(roster))][3]

        if isinstance(subject, _Opening):
            for _ in range(1 + (r() < 0.6) + (r() < 0.3)):
                out.append(("report", text(pick(subject.reports), ""), speaker(), None, _NO_VOTES, None, None))
            return out, OUTCOME_REPORTED
        if isinstance(subject, _OtherBusiness):
            for issue_id, title, topic, place in subject.issues:
                out.append(("opinion", f"「{title}」について提起があった。{text(pick(topic.opinion), place)}",
                            speaker(), None, _NO_VOTES, issue_id, None))
                if r() < 0.4:
                    out.append(("question", text(pick(topic.question), place), speaker(), None, _NO_VOTES,
                                issue_id, None))
            if r() < 0.4:
                out.append(("opinion", pick(OTHER_OPINIONS), speaker(), None, _NO_VOTES, None, None))
            return out, ""
        if isinstance(subject, _Resolution):
            decided = subject.decided
            if r() < 0.4:
                out.append(("question", pick(GENERAL_QUESTIONS), speaker(), None, _NO_VOTES, None, None))
            if r() < 0.4:
                out.append(("opinion", pick(GENERAL_OPINIONS), speaker(), None, _NO_VOTES, None, None))
            if r() < 0.6:
                against, abstain = 1 + int(r() * 4), int(r() * 3)
                votes = (max(voters - against - abstain, against + 1), against, abstain)
                out.append(("decision", "賛成多数で" + decided, "", "majority", votes, None, None))
                if r() < 0.4:
                    out.append(("minority", pick(GENERAL_MINORITY), speaker(), None, _NO_VOTES, None,
                                len(out) - 1))
            else:
                out.append(("decision", "全会一致で" + decided, "", "unanimous", (voters, 0, 0), None, None))
            return out, decided

        issue_id, _title, topic, place = subject.issue
        if r() < 0.5:
            out.append(("report", text(pick(topic.report), place), speaker(), None, _NO_VOTES, issue_id, None))
        for _ in range(1 + self.count(self.p.extra_opinions)):
            out.append(("opinion", text(pick(topic.opinion), place), speaker(), None, _NO_VOTES, issue_id, None))
        if r() < 0.5:
            out.insert(len(out) // 2 + 1, ("question", text(pick(topic.question), place), speaker(), None,
                                           _NO_VOTES, issue_id, None))
        if r() < 0.5:
            out.append(("point", text(pick(topic.point), place), "", None, _NO_VOTES, issue_id, None))
        x = r()
        if x < 0.28:
            body = text(pick(topic.consensus), place)
            out.append(("consensus", body, "", None, _NO_VOTES, issue_id, None))
            return out, body
        if x < 0.48:
            body = text(pick(topic.decision), place)
            out.append(("decision", body, "", "unanimous", (voters, 0, 0), issue_id, None))
            return out, "全会一致で決定: " + body
        if x < 0.72:
            body = text(pick(topic.decision), place)
            against, abstain = 1 + int(r() * max(1, voters // 4)), int(r() * 3)
            votes = (max(voters - against - abstain, against + 1), against, abstain)
            out.append(("decision", body, "", "majority", votes, issue_id, None))
            if r() < 0.85:
                out.append(("minority", text(pick(topic.minority), place), speaker(), None, _NO_VOTES,
                            issue_id, len(out) - 1))
            return out, f"賛成{votes[0]}・反対{votes[1]}で決定: {body}"
        body = text(pick(topic.continued), place)
        if x < 0.9:
            out.append(("continued", body, "", None, _NO_VOTES, issue_id, None))
        else:
            out.append(("decision", body, "", "continued", _NO_VOTES, issue_id, None))
        return out, OUTCOME_CONTINUED

    # -- issues and actions ------------------------------------------------------------

    def issue(self, org: _Org, meeting_id: str | None, day: int, topic: Topic) -> tuple[str, str, Topic, str]:
        """Raise an issue (with its 視点 links); returns (id, title, topic, place)."""
        r = self.rng.random
        pick, text = self.pick, self.text
        open_titles = {o[1] for o in org.open_issues}
        for _attempt in range(3):  # an organization does not raise an issue it is still discussing
            place = pick(PLACES[org.district][pick(topic.places)])
            kind = pick(topic.issues)
            title = text(kind.title, place)
            if title not in open_titles:
                break
        is_request = r() < 0.3
        description = text(kind.detail, place)
        if is_request:
            description += text(kind.request, place)
        age = self.today - day
        x = r()
        if age < 45:
            status = "raised" if x < 0.4 else "discussing"
        elif age < 365:
            status = ("discussing", "agreed", "requested", "in_progress", "on_hold", "resolved")[int(x * 6)]
        else:
            status = (("resolved",) * 6 + ("withdrawn", "on_hold", "in_progress", "agreed"))[int(x * 10)]
        if status == "requested" and not is_request:
            status = "agreed"
        if is_request and status in ("raised", "discussing", "agreed") and age >= 45:
            status = "requested"
        answer, answered_on = "", None
        if is_request and (status in ("in_progress", "resolved") or (status == "requested" and age > 90 and r() < 0.4)):
            answer = text(pick(kind.answers), place)
            answered_on = _date(min(day + 20 + int(r() * 100), self.today - 1))
        iid = self.new_id()
        priority = 1 + (r() < 0.6) + (r() < 0.3)
        self.emit("issue", (iid, org.id, title, description, topic.category, place, priority, status,
                            _date(day), meeting_id, is_request, answer, answered_on))
        if answer:
            self.emit("request_answer", (m.natural_id("request_answer", iid, "demo"), iid, "answer", answered_on, None, answer))
        chosen = [pick(topic.links)]
        if len(topic.links) > 1 and r() < 0.3:
            other = pick(topic.links)
            if other is not chosen[0]:
                chosen.append(other)
        for vp, item, reason in chosen:
            self.emit("policy_link", (self.new_id(), iid, None, PLAN_ID, vp, item if r() < 0.8 else None, reason))
        issue = (iid, title, topic, place)
        if status in ("raised", "discussing", "agreed", "on_hold", "requested"):
            org.open_issues.append(issue)
            if len(org.open_issues) > 12:
                org.open_issues.pop(0)
        return issue

    def action(self, org: _Org, meeting_id: str, day: int, issue_id: str, topic: Topic, place: str) -> tuple:
        r = self.rng.random
        due = day + 14 + int(r() * 47)
        x = r()
        if due < self.today - 20:
            status = "done" if x < 0.85 else ("cancelled" if x < 0.9 else "doing")
        elif due <= self.today + 10:
            status = "doing" if x < 0.5 else ("todo" if x < 0.8 else "done")
        else:
            status = "todo"
        done_on = _date(min(due - 10 + int(r() * 17), self.today)) if status == "done" else None
        who = org.roster[int(r() * len(org.roster))][0]
        return (self.new_id(), self.text(self.pick(topic.actions), place), who, _date(due), status,
                done_on, issue_id, meeting_id, org.id)

