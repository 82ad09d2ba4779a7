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
import re
from dataclasses import dataclass, field

from ..japanese import format_date
from ..meeting import NOT_TAKEN_UP, Amendment, MeetingFlow
from ..services import Services

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
    members_total: int
    present: int
    proxies: int
    required: int
    attending: int
    reached: bool
    rule: str


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

    @property
    def heading(self) -> str:
        return f"{self.title} 議事録" + ("" if self.finalized else "（案）")

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The minutes as (section title, [(label, text), …]) in print order."""
        a = self.attendance
        quorum = "定足数なし" if a.required == 0 else f"{a.required}名以上（{a.rule}）"
        out: list[tuple[str, list[tuple[str, str]]]] = [
            ("会議の概要", [
                ("団体", self.organization),
                ("会議", f"{self.title}（{self.meeting_type}）"),
                ("日時", self.date),
                ("場所", self.place or "—"),
                ("議長", self.chair or "—"),
                ("記録者", self.recorder or "—"),
            ]),
            ("出席", [
                ("全会員数", f"{a.members_total}名"),
                ("出席", f"{a.present}名"),
                ("委任状", f"{a.proxies}名"),
                ("定足数", quorum),
                ("成立", ("成立" if a.reached else "不成立") + f"（出席{a.attending}名）"),
            ]),
            ("議題", [(f"議題{i.number}", i.title + ("（審議せず）" if i.outcome == NOT_TAKEN_UP else ""))
                      for i in self.items] or [("議題", "なし")]),
        ]
        rows: list[tuple[str, str]] = []
        for item in self.items:
            time_text = f"予定{item.planned_minutes}分"
            if item.actual_minutes is not None:
                time_text += f"・実際{item.actual_minutes}分"
            rows.append((f"議題{item.number}", f"{item.title}（{time_text}）"))
            for e in item.entries:
                if e.decision is not None:
                    mark = "　※定足数に達しないまま決定" if e.decision.without_quorum else ""
                    rows.append((e.label, f"{e.body}［{e.decision.how}］{mark}"))
                elif e.kind == "minority" and e.dissents_from:
                    rows.append((e.label, f"{e.body}（決定「{e.dissents_from}」に対して）"))
                else:
                    rows.append((e.label, e.body))
            if item.outcome:
                rows.append(("結果", item.outcome))
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
    "votes_for": "賛成", "votes_against": "反対", "votes_abstain": "棄権", "outcome": "結果",
    "decision_method": "決定の方法", "next_meeting": "次回予定", "kind": "種類",
}


def _amendment_text(x: Amendment, era: bool) -> str:
    if x.field == "deleted":
        return f"{x.what}を{'削除' if x.new else '追加'}"
    name = _FIELD_LABELS.get(x.field, x.field)
    return f"{x.what}の{name}: {_value(x.old, era)} → {_value(x.new, era)}"


SIGNER_SPLIT = re.compile(r"[、,，;；／/\n]+")


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


def build_minutes(services: Services, meeting_id: str, *, era: bool = True) -> Minutes:
    """Read everything the minutes say, in one pass over the meeting's records."""
    flow = MeetingFlow(services)
    meeting = services.meetings.get(meeting_id)  # NotFound (a UserError) for an unknown id
    vocab = services.vocab
    org = services.organizations.get(meeting.organization_id).name if meeting.organization_id else ""
    date = meeting_date(meeting, era, held=True)
    q = services.meetings.quorum(meeting)
    attendance = Attendance(meeting.members_total, meeting.present, meeting.proxies,
                            q.required, q.attending, q.reached, q.rule)

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
    continued = tuple(
        (f"議題{numbers[n.agenda_item_id]}「{titles[n.agenda_item_id]}」" if n.agenda_item_id in titles
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
        chair=meeting.facilitator, recorder=meeting.recorder, items=tuple(items),
        minority=tuple(e for e in everything if e.kind == "minority"),
        continued=continued, actions=actions, next_meeting=meeting.next_meeting,
        signers=signer_names(meeting.signers), finalized=meeting.status == "finalized",
        amendments=tuple(flow.amendments(meeting_id)), era=era,
    )


def _by_meeting(meeting_id: str):
    from ..services import ListQuery

    return ListQuery(equals={"meeting_id": meeting_id})
