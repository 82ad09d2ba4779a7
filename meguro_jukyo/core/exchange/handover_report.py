"""The handover's reading copy (引き継ぎ書): what the new officers take over, in sections.

Built from the store alone (no Qt); the desktop lays it out on A4 like the minutes. Every open
issue and every open action item is listed, whatever its 年度; the decisions, the 要望 and the
meetings are those of the 年度 handed over; the officers those of that 年度 and, if already
recorded, of the next. Names of people (assignees, officers) only with ``personal``: without
it the officers' roles are listed and their names left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from .. import models as m
from ..japanese import nendo_label, nendo_range, wareki
from ..services import Services
from ..bulk import chunks
from ..sync.handover import CLOSED_ACTION, CLOSED_ISSUE
from .minutes import Decision

Rows = list[tuple[str, str]]


@dataclass(frozen=True)
class HandoverReport:
    organization: str
    nendo: int
    fingerprint: str  # of the laptop that wrote the handover file, to be compared on import
    open_issues: Rows
    open_actions: Rows
    decisions: Rows
    requests: Rows
    meetings: Rows
    officers: Rows = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{nendo_label(self.nendo)} 引き継ぎ書"

    def sections(self) -> list[tuple[str, Rows]]:
        none = [("", "なし")]
        return [
            ("この引き継ぎについて", [
                ("組織", self.organization), ("年度", nendo_label(self.nendo)),
                ("前の端末の指紋", self.fingerprint),
                ("取り込み方", "新しい端末で「引き継ぎファイルを取り込む」を選び、上の指紋と同じか確かめてください。"),
            ]),
            ("役員", list(self.officers) or [("", "記録なし")]),
            ("未解決の課題", self.open_issues or none),
            ("未完了のアクション", self.open_actions or none),
            ("この年度の決定事項", self.decisions or none),
            ("区への要望と回答", self.requests or none),
            ("この年度の会議", self.meetings or none),
        ]


def _date(value) -> str:
    return wareki(value) if value else "—"


def build_handover_report(services: Services, organization_id: str, nendo: int, *, fingerprint: str,
                          personal: bool = False) -> HandoverReport:
    vocab = services.vocab
    start, end = nendo_range(nendo)
    issue, action, note, meeting = m.Issue.__table__, m.ActionItem.__table__, m.Note.__table__, m.Meeting.__table__
    org = m.Organization.__table__
    in_year = (func.date(meeting.c.starts_at) >= start) & (func.date(meeting.c.starts_at) <= end)
    with services.store.engine.connect() as con:
        name = con.execute(select(org.c.name).where(org.c.id == organization_id)).scalar_one()
        issues = con.execute(select(issue).where(
            issue.c.organization_id == organization_id, issue.c.deleted.is_(False),
            issue.c.status.notin_(CLOSED_ISSUE)).order_by(issue.c.raised_on, issue.c.title)).mappings().all()
        actions = con.execute(select(action).where(
            action.c.organization_id == organization_id, action.c.deleted.is_(False),
            action.c.status.notin_(CLOSED_ACTION)).order_by(action.c.due_on.is_(None), action.c.due_on,
                                                            action.c.title)).mappings().all()
        meetings = con.execute(select(meeting).where(
            meeting.c.organization_id == organization_id, meeting.c.deleted.is_(False), in_year)
            .order_by(meeting.c.starts_at)).mappings().all()
        ids = [r["id"] for r in meetings]
        notes = con.execute(select(note).where(note.c.meeting_id.in_(ids), note.c.deleted.is_(False),
                                               note.c.kind.in_(("decision", "minority")))
                            .order_by(note.c.recorded_at, note.c.position)).mappings().all() if ids else []
        requests = con.execute(select(issue).where(
            issue.c.organization_id == organization_id, issue.c.deleted.is_(False), issue.c.is_request.is_(True),
            (issue.c.raised_on >= start) | (issue.c.answered_on >= start) | (issue.c.status.notin_(CLOSED_ISSUE)))
            .order_by(issue.c.raised_on, issue.c.title)).mappings().all()
        answer = m.RequestAnswer.__table__
        answers: dict[str, list] = {}
        for chunk in chunks([r["id"] for r in requests]):
            for a in con.execute(select(answer).where(answer.c.issue_id.in_(chunk), answer.c.deleted.is_(False))
                                 .order_by(answer.c.answered_on, answer.c.hlc)).mappings():
                answers.setdefault(a["issue_id"], []).append(a)

    # a short label (state, date) beside each item, its title leading the text: the label
    # column of the printed table is narrow
    open_issues = [(vocab.label("issue_status", r["status"]),
                    f"{r['title']}（{vocab.label('issue_category', r['category'])}・提起 {_date(r['raised_on'])}"
                    + (f"・場所 {r['place']}" if r["place"] else "") + "）"
                    + (f"\n{r['description']}" if r["description"] else "")) for r in issues]
    open_actions = [(vocab.label("action_status", r["status"]),
                     f"{r['title']}（期限 {_date(r['due_on'])}"
                     + (f"・担当 {r['assignee']}" if personal and r["assignee"] else "") + "）") for r in actions]
    by_meeting = {r["id"]: r for r in meetings}
    minority: dict[str, list[str]] = {}
    for n in notes:
        if n["kind"] == "minority" and n["decision_id"]:
            minority.setdefault(n["decision_id"], []).append(n["body"])
    decisions = []
    for n in notes:
        if n["kind"] != "decision":
            continue
        held = by_meeting[n["meeting_id"]]
        how = Decision(n["body"], vocab.label("decision_method", n["decision_method"]) if n["decision_method"] else "—",
                       n["votes_for"], n["votes_against"], n["votes_abstain"]).how
        reasons = "".join(f"\n少数意見: {text}" for text in minority.get(n["id"], ()))
        decisions.append((_date(held["starts_at"]), f"{held['title']}: {n['body']}\n決め方: {how}{reasons}"))
    def answered(a) -> str:  # every answer over time, with its kind, date and 担当課
        where = f"・{vocab.label('ward_department', a['department'])}" if a["department"] else ""
        return f"\n{vocab.label('answer_kind', a['kind'])}（{_date(a['answered_on'])}{where}）: {a['body']}"

    def answers_of(r) -> str:  # an answer edited on the 要望 itself (or from a schema-6 ward) has no records
        if r["id"] in answers:
            return "".join(answered(a) for a in answers[r["id"]])
        return f"\n回答（{_date(r['answered_on'])}）: {r['ward_answer']}" if r["ward_answer"] else ""

    request_rows = [("回答あり" if r["ward_answer"] else "回答待ち",
                     f"{r['title']}（提起 {_date(r['raised_on'])}）{answers_of(r)}") for r in requests]
    meeting_rows = [(_date(r["starts_at"]), f"{r['title']}（{vocab.label('meeting_status', r['status'])}）")
                    for r in meetings]
    return HandoverReport(name, nendo, fingerprint, open_issues, open_actions, decisions, request_rows, meeting_rows,
                          officer_rows(services, organization_id, nendo, personal=personal))


def officer_rows(services: Services, organization_id: str, nendo: int, *, personal: bool) -> Rows:
    """Each officer of the 年度 and of the next, as (年度, 役職 氏名); the names only with
    ``personal`` (otherwise 「氏名は省略（個人情報）」)."""
    rows = []
    for year in (nendo, nendo + 1):
        for o in services.officers.of_year(organization_id, year):
            who = o.name if personal else "氏名は省略（個人情報）"
            rows.append((nendo_label(year), f"{services.vocab.label('officer_role', o.role)}　{who}"))
    return rows
