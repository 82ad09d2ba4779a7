"""The minutes (議事録) of one meeting, built once from the store and rendered by each writer.

:func:`build_minutes` reads the meeting, its agenda, notes and action items through the
services and returns :class:`Minutes`: plain data, and :meth:`Minutes.sections` lays it out as
titled sections of (label, text) rows — the one shape the PDF and Excel writers both print, so
the two files say the same thing.

The minutes are the council's own record and name its 議長, 記録者 and 署名人 (議長 and 署名人 sign and seal it);
who said what (a note's speaker) is left out, as is usual for 住区・町会 minutes. Until the
meeting is 確定 (finalised) the minutes are marked 案 (draft).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from ..japanese import format_date
from ..meeting import NOT_TAKEN_UP, Amendment, MeetingFlow
from ..services import ListQuery, Services
from ..services.entities import SIGNER_SPLIT

ATTESTATION = "上記の議事の経過及びその結果を明確にするため、議長及び議事録署名人は次に署名押印する。"
#: The last section: the attestation, the signing date, then one row per person who signs
#: (a labelled row is a signature line with room for 印).
SIGNATURES = "署名"
SIGNER = "議事録署名人"


@dataclass(frozen=True)
class Decision:
    body: str
    method: str  # 全会一致 / 多数決 / 継続
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None
    minority: tuple[str, ...] = ()
    without_quorum: bool = False  # recorded while attendance was short of the quorum

    @property
    def how(self) -> str:
        """「多数決（賛成12・反対3・棄権2）」"""
        if self.votes_for is None:
            return self.method
        votes = f"賛成{self.votes_for}・反対{self.votes_against or 0}・棄権{self.votes_abstain or 0}"
        return f"{self.method}（{votes}）"


@dataclass(frozen=True)
class Entry:
    """One thing said or decided on an item, in the order it was recorded."""

    kind: str  # note kind code
    label: str  # 意見, 論点, …
    body: str
    decision: Decision | None = None
    dissents_from: str = ""  # for a minority opinion: the decision's text


@dataclass(frozen=True)
class Item:
    number: int
    title: str
    planned_minutes: int
    actual_minutes: int | None
    outcome: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Action:
    title: str
    assignee: str
    due: str


@dataclass(frozen=True)
class Attendance:
    """Attendance as the meeting type counts it (its rule in vocab.json ``quorum``)."""

    members_total: int
    present: int
    proxies: int
    required: int
    attending: int
    reached: bool
    rule: str
    written: int = 0  # 書面表決
    members_label: str = "全会員数"  # 役員総数 for a 役員会: the body the quorum is counted over
    counts_written: bool = False  # the type takes 書面表決 (総会)
    names: tuple[str, ...] | None = None  # 出席者, where the rule lists them (or asked)

    def rows(self) -> list[tuple[str, str]]:
        quorum = "定足数なし" if self.required == 0 else f"{self.required}名以上（{self.rule}）"
        rows = [(self.members_label, f"{self.members_total}名"), ("出席", f"{self.present}名"),
                ("委任状", f"{self.proxies}名")]
        if self.counts_written or self.written:
            rows.append(("書面表決", f"{self.written}名"))
        rows += [("定足数", quorum),
                 ("成立", ("成立" if self.reached else "不成立") + f"（定足数に数える出席{self.attending}名）")]
        if self.names is not None:
            rows.append(("出席者", "、".join(self.names) or "記録なし"))
        return rows


class Report(Protocol):
    """What the writers of the minutes' sheet print: :class:`Minutes`, and any report of the same
    shape (the handover report, the 視点 report)."""

    @property
    def heading(self) -> str: ...

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]: ...


@dataclass(frozen=True)
class Minutes:
    organization: str
    title: str
    meeting_type: str
    date: str  # 日時 the meeting was held (or, before it opened, planned for), e.g. 令和7年5月18日（日）10:00〜12:00
    place: str
    attendance: Attendance
    chair: str
    recorder: str
    items: tuple[Item, ...]
    minority: tuple[Entry, ...]
    continued: tuple[tuple[str, str], ...]  # (議題n「title」 or "", text)
    actions: tuple[Action, ...]
    next_meeting: str
    signers: tuple[str, ...]
    finalized: bool
    amendments: tuple[Amendment, ...] = field(default=())
    era: bool = True
    bills: bool = False  # 総会: items are 第n号議案, each with its result

    def item_label(self, item: Item) -> str:
        return item_label(item.number, self.bills and item.title != "その他")

    @property
    def heading(self) -> str:
        return f"{self.title} 議事録" + ("" if self.finalized else "（案）")

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The minutes as (section title, [(label, text), …]) in print order."""
        out: list[tuple[str, list[tuple[str, str]]]] = [
            ("会議の概要", [
                ("団体", self.organization),
                ("会議", f"{self.title}（{self.meeting_type}）"),
                ("日時", self.date),
                ("場所", self.place or "—"),
                ("議長", self.chair or "—"),
                ("記録者", self.recorder or "—"),
            ]),
            ("出席", self.attendance.rows()),
            ("議題", [(self.item_label(i), i.title + ("（審議せず）" if i.outcome == NOT_TAKEN_UP else ""))
                      for i in self.items] or [("議題", "なし")]),
        ]
        rows: list[tuple[str, str]] = []
        for item in self.items:
            time_text = f"予定{item.planned_minutes}分"
            if item.actual_minutes is not None:
                time_text += f"・実際{item.actual_minutes}分"
            rows.append((self.item_label(item), f"{item.title}（{time_text}）"))
            for e in item.entries:
                if e.decision is not None:
                    mark = "　※定足数に達しないまま決定" if e.decision.without_quorum else ""
                    rows.append((e.label, f"{e.body}［{e.decision.how}］{mark}"))
                elif e.kind == "minority" and e.dissents_from:
                    rows.append((e.label, f"{e.body}（決定「{e.dissents_from}」に対して）"))
                else:
                    rows.append((e.label, e.body))
            result = item.outcome or (bill_result(item) if self.bills else "")
            if result:
                rows.append(("結果", result))
        out.append(("議事と決定事項", rows or [("議事", "記録なし")]))
        out.append(("少数意見", [
            ("少数意見", f"{e.body}（決定「{e.dissents_from}」に対して）" if e.dissents_from else e.body)
            for e in self.minority] or [("少数意見", "なし")]))
        out.append(("継続審議", [("継続審議", f"{text}（{title}）" if title else text)
                                 for title, text in self.continued] or [("継続審議", "なし")]))
        out.append(("アクション", [
            ("アクション", "／".join(x for x in (
                a.title, f"担当: {a.assignee}" if a.assignee else "担当: 未定",
                f"期限: {a.due}" if a.due else "期限: なし") if x))
            for a in self.actions] or [("アクション", "なし")]))
        out.append(("次回予定", [("次回", self.next_meeting or "未定")]))
        # the date is written by hand when the minutes are signed, after the meeting
        signed_on = "令和　　年　　月　　日" if self.era else "　　　　年　　月　　日"
        out.append((SIGNATURES, [("", ATTESTATION), ("", signed_on), ("議長", self.chair)]
                    + [(SIGNER, name) for name in self.signers]))
        if self.amendments:
            out.append(("確定後の修正", [
                (_value(x.when, self.era), _amendment_text(x, self.era))
                for x in self.amendments]))
        return out


def item_label(number: int, bill: bool) -> str:
    """「第1号議案」 at a 総会, 「議題1」 elsewhere."""
    return f"第{number}号議案" if bill else f"議題{number}"


def bill_result(item: Item) -> str:
    """The result (承認・可決・否決・継続) of a 議案 that has no outcome entered, from its last
    decision: 継続 when it was carried over, else 可決 (a decision states what was carried).
    承認 of a report and 否決 are entered as the item's outcome."""
    decisions = [e.decision for e in item.entries if e.decision is not None]
    if not decisions:
        return ""
    return "継続" if decisions[-1].method == "継続" else "可決"


def _value(value, era: bool) -> str:
    """A field's value as the rest of the minutes writes it (dates in 和暦 or 西暦 alike)."""
    if value is None or value == "":
        return "（なし）"
    if isinstance(value, dt.datetime):
        return format_date(value, era) + value.strftime(" %H:%M")
    if isinstance(value, dt.date):
        return format_date(value, era)
    return str(value)


_FIELD_LABELS = {
    "body": "本文", "title": "題名", "assignee": "担当", "due_on": "期限", "status": "状況",
    "place": "場所", "present": "出席", "proxies": "委任状", "members_total": "全会員数",
    "written_votes": "書面表決", "chair": "議長",
    "votes_for": "賛成", "votes_against": "反対", "votes_abstain": "棄権", "outcome": "結果",
    "decision_method": "決定の方法", "next_meeting": "次回予定", "kind": "種類",
}


def _amendment_text(x: Amendment, era: bool) -> str:
    if x.field == "deleted":
        return f"{x.what}を{'削除' if x.new else '追加'}"
    name = _FIELD_LABELS.get(x.field, x.field)
    return f"{x.what}の{name}: {_value(x.old, era)} → {_value(x.new, era)}"


def signer_names(text: str, at_least: int = 2) -> tuple[str, ...]:
    """The signers written in the meeting (「山田太郎、佐藤花子」), padded with blank lines."""
    names = [n.strip() for n in SIGNER_SPLIT.split(text or "") if n.strip()]
    return tuple(names + [""] * max(0, at_least - len(names)))


def meeting_date(meeting, era: bool, *, held: bool = False) -> str:
    """「令和7年5月18日（日） 10:00〜11:45」, as every paper of the meeting heads it: the plan's
    times, or with ``held`` (the minutes) the times it really opened and closed, once it opened
    — the plan's would misstate a late start or end."""
    start, end = ((meeting.opened_at, meeting.closed_at) if held and meeting.opened_at is not None
                  else (meeting.starts_at, meeting.ends_at))
    date = format_date(start, era, with_weekday=True) + start.strftime(" %H:%M")
    if end is not None:
        if end.date() != start.date():
            date += "〜" + format_date(end, era) + end.strftime(" %H:%M")
        else:
            date += end.strftime("〜%H:%M")
    return date


def build_minutes(services: Services, meeting_id: str, *, era: bool = True,
                  with_attendees: bool = False) -> Minutes:
    """Read everything the minutes say, in one pass over the meeting's records. The attendees'
    names are listed where the meeting type's rule lists them (役員会), or ``with_attendees``."""
    flow = MeetingFlow(services)
    meeting = services.meetings.get(meeting_id)  # NotFound (a UserError) for an unknown id
    vocab = services.vocab
    org = services.organizations.get(meeting.organization_id).name if meeting.organization_id else ""
    date = meeting_date(meeting, era, held=True)
    q = services.meetings.quorum(meeting)
    type_extra = vocab.extra("meeting_type", meeting.meeting_type)
    rule = type_extra.get("quorum", {})
    names = None
    if with_attendees or rule.get("names"):
        names = tuple(a.name for a in services.attendees.list(_by_meeting(meeting_id))
                      if a.attendance == "present")
    attendance = Attendance(meeting.members_total, meeting.present, meeting.proxies,
                            q.required, q.attending, q.reached, q.rule, meeting.written_votes,
                            q.members, bool(rule.get("written")), names)

    agenda = flow.agenda(meeting_id)
    notes = flow.notes(meeting_id)
    by_id = {n.id: n for n in notes}
    titles = {i.id: i.title for i in agenda}

    def entry(n) -> Entry:
        label = vocab.label("note_kind", n.kind)
        decision = None
        if n.kind == "decision":
            minority = tuple(x.body for x in notes if x.kind == "minority" and x.decision_id == n.id)
            decision = Decision(n.body, vocab.label("decision_method", n.decision_method),
                                n.votes_for, n.votes_against, n.votes_abstain, minority, n.without_quorum)
        dissent = by_id[n.decision_id].body if n.decision_id in by_id else ""
        return Entry(n.kind, label, n.body, decision, dissent)

    items = []
    for number, item in enumerate(agenda, start=1):
        entries = tuple(entry(n) for n in notes if n.agenda_item_id == item.id)
        items.append(Item(number, item.title, item.planned_minutes, item.actual_minutes,
                          item.outcome, entries))
    loose = tuple(entry(n) for n in notes if n.agenda_item_id not in titles)
    if loose:
        items.append(Item(len(items) + 1, "その他", 0, None, "", loose))

    everything = [e for i in items for e in i.entries]
    numbers = {i.id: n for n, i in enumerate(agenda, start=1)}
    bills = bool(type_extra.get("bills"))
    continued = tuple(
        (f"{item_label(numbers[n.agenda_item_id], bills)}「{titles[n.agenda_item_id]}」" if n.agenda_item_id in titles
         else "", n.body) for n in notes
        if n.kind == "continued" or (n.kind == "decision" and n.decision_method == "continued"))
    actions = tuple(
        Action(a.title, a.assignee, format_date(a.due_on, era) if a.due_on else "")
        for a in sorted(services.actions.list(_by_meeting(meeting_id)),
                        key=lambda a: (a.due_on or dt.date.max, a.title)))
    return Minutes(
        organization=org, title=meeting.title,
        meeting_type=vocab.label("meeting_type", meeting.meeting_type),
        date=date, place=meeting.place, attendance=attendance,
        chair=meeting.chair or meeting.facilitator, recorder=meeting.recorder, items=tuple(items),
        minority=tuple(e for e in everything if e.kind == "minority"),
        continued=continued, actions=actions, next_meeting=meeting.next_meeting,
        signers=signer_names(meeting.signers), finalized=meeting.status == "finalized",
        amendments=tuple(flow.amendments(meeting_id)), era=era, bills=bills,
    )


def _by_meeting(meeting_id: str):
    return ListQuery(equals={"meeting_id": meeting_id})
