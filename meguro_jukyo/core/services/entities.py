"""The services for each entity: the rules that go beyond field types."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from sqlalchemy import case, select
from sqlalchemy.engine import Connection
from sqlmodel import col

from .. import models as m
from ..errors import ValidationError
from ..japanese import normalize
from .base import EntityService
from .listing import organizations_in_area
from ..bulk import chunks
from .unit_of_work import run

#: what separates the 議事録署名人 in a meeting's ``signers`` (「山田太郎、佐藤花子」)
SIGNER_SPLIT = re.compile(r"[、,，;；／/\n]+")


def _policy_link_target(kind: str, viewpoint_id: str):
    t = m.PolicyLink.__table__
    column = t.c.issue_id if kind == "issue" else t.c.note_id
    return select(column).where(t.c.viewpoint_id == viewpoint_id, t.c.deleted.is_(False))


class OrganizationService(EntityService[m.OrganizationRead]):
    table_model = m.Organization
    create_schema = m.OrganizationCreate
    update_schema = m.OrganizationUpdate
    read_schema = m.OrganizationRead
    vocab_fields = {"kind": "organization_kind"}
    default_order = [("yomi", False), ("name", False)]
    org_field = "id"
    label_ja = "組織"

    def prepare(self, con: Connection, values: dict) -> dict:
        # よみ is stored folded (hiragana, NFKC) so that SQL sorts it the way people read it.
        values["yomi"] = normalize(values.get("yomi"))
        if values.get("jukyo_code") and not values.get("district_code"):
            values["district_code"] = con.execute(
                select(col(m.Jukyo.district_code)).where(col(m.Jukyo.code) == values["jukyo_code"])
            ).scalar()
        return values

    def by_area(self) -> list[tuple[str | None, list[m.OrganizationRead]]]:
        """Every organization grouped by 地区 in the ward's order (those without one last);
        within a 地区 by the よみ of their 住区, each 住区's council before its associations,
        then by their own よみ: the order a person looks for their own in."""
        o, j, d = self.table, m.Jukyo.__table__, m.District.__table__
        council_first = case((o.c.kind == "council", 0), else_=1)
        stmt = (select(o).outerjoin(j, j.c.code == o.c.jukyo_code).outerjoin(d, d.c.code == o.c.district_code)
                .where(o.c.deleted.is_(False))
                .order_by(d.c.ord.is_(None), d.c.ord, j.c.yomi.is_(None), j.c.yomi, council_first, o.c.yomi,
                          o.c.name, o.c.id))
        groups: dict[str | None, list[m.OrganizationRead]] = {}
        with self.store.engine.connect() as con:
            for row in con.execute(stmt).mappings():
                groups.setdefault(row["district_code"], []).append(self._read(row))
        return list(groups.items())

    def validate(self, con: Connection, values: dict, current: dict | None) -> None:
        if values.get("jukyo_code"):
            district = con.execute(
                select(col(m.Jukyo.district_code)).where(col(m.Jukyo.code) == values["jukyo_code"])
            ).scalar()
            if district is None:
                raise ValidationError("住区が見つかりません。", "Unknown 住区.", field="jukyo_code")
            if values.get("district_code") not in (None, district):
                raise ValidationError("住区と地区が合っていません。", "The 住区 is not in that 地区.",
                                      field="district_code")
        elif values.get("kind") == "council":
            raise ValidationError("住区住民会議には住区を選んでください。",
                                  "Choose the 住区 of a residents' council.", field="jukyo_code")


class MeetingService(EntityService[m.MeetingRead]):
    table_model = m.Meeting
    create_schema = m.MeetingCreate
    update_schema = m.MeetingUpdate
    read_schema = m.MeetingRead
    references = {"organization_id": m.Organization}
    vocab_fields = {"meeting_type": "meeting_type", "status": "meeting_status"}
    date_field = "starts_at"
    default_order = [("starts_at", True)]
    label_ja = "会議"

    def validate(self, con: Connection, values: dict, current: dict | None) -> None:
        if values.get("ends_at") and values["ends_at"] < values["starts_at"]:
            raise ValidationError("終了は開始より後にしてください。", "The end must be after the start.",
                                  field="ends_at")

    def quorum(self, meeting: m.MeetingRead) -> "Quorum":
        return quorum(self.vocab.extra("meeting_type", meeting.meeting_type).get("quorum", {}),
                      meeting.members_total, meeting.present, meeting.proxies, meeting.written_votes)

    def choose_officers(self, id_: str, chair: str, signers: list[str]) -> m.MeetingRead:
        """議長選出 and 署名人選任: the 議長 and the 議事録署名人 the meeting chose, one undoable change.

        The 議長 signs as 議長, so they are not also a 署名人; names are kept as the minutes
        print them, joined by 「、」 (which a name therefore cannot hold)."""
        chair = chair.strip()
        names = [n.strip() for n in signers if n.strip()]
        if not chair:
            raise ValidationError("議長の氏名を入力してください。", "Enter the name of the chair.", field="chair")
        if not names:
            raise ValidationError("議事録署名人を1名以上入力してください。",
                                  "Enter at least one signer of the minutes.", field="signers")
        if any(SIGNER_SPLIT.search(n) for n in [chair, *names]):
            raise ValidationError("氏名には「、」「,」「/」を含めないでください（一人ずつ入力します）。",
                                  "A name cannot contain 、 , or / (enter one person per box).", field="signers")
        if len(set(names)) < len(names):
            raise ValidationError("同じ人が2回入力されています。", "The same person is entered twice.", field="signers")
        if chair in names:
            raise ValidationError("議長は議事録署名人を兼ねられません。別の人を選んでください。",
                                  "The chair cannot also sign as a signer; choose someone else.", field="signers")
        return self.update(id_, {"chair": chair, "signers": "、".join(names)}, label="議長・署名人を選任")


@dataclass(frozen=True)
class Quorum:
    required: int  # attendance needed (0: no quorum)
    attending: int  # present, plus proxies where the rule counts them
    reached: bool
    rule: str  # the rule in words (Japanese, from the vocabulary)
    members: str = "全会員数"  # what it is counted over: 役員総数 for a 役員会 (the rule's "members")
    members_en: str = "members"


def quorum(rule: dict, members_total: int, present: int, proxies: int, written: int = 0) -> Quorum:
    """成立 / 不成立 for a meeting type's rule: e.g. more than half (過半数) incl. proxies, and
    書面表決 where the rule counts them (``written``)."""
    num, den = rule.get("num", 0), rule.get("den", 1)
    attending = present + (proxies if rule.get("proxies") else 0) + (written if rule.get("written") else 0)
    body = {"members": rule.get("members", "全会員数"), "members_en": rule.get("members_en", "members").lower()}
    if num == 0:
        return Quorum(0, attending, True, rule.get("text", ""), **body)
    exact = members_total * num / den
    required = math.floor(exact) + 1 if rule.get("strict") else math.ceil(exact)
    return Quorum(required, attending, members_total > 0 and attending >= required, rule.get("text", ""), **body)


class AgendaItemService(EntityService[m.AgendaItemRead]):
    table_model = m.AgendaItem
    create_schema = m.AgendaItemCreate
    update_schema = m.AgendaItemUpdate
    read_schema = m.AgendaItemRead
    references = {"meeting_id": m.Meeting, "issue_id": m.Issue}
    default_order = [("position", False)]
    org_field = None
    label_ja = "議題"


class IssueService(EntityService[m.IssueRead]):
    table_model = m.Issue
    create_schema = m.IssueCreate
    update_schema = m.IssueUpdate
    read_schema = m.IssueRead
    references = {"organization_id": m.Organization, "raised_meeting_id": m.Meeting}
    vocab_fields = {"category": "issue_category", "status": "issue_status", "department": "ward_department"}
    date_field = "raised_on"
    default_order = [("raised_on", True)]
    label_ja = "地域課題"

    def _viewpoint_targets(self, viewpoint_id: str):
        return _policy_link_target("issue", viewpoint_id)

    def answer(self, id_: str, answer: str, answered_on: dt.date | None, kind: str = "answer",
               department: str | None = None) -> m.RequestAnswerRead:
        """One answer of the ward to a 要望 (回答, 進捗回答 or 最終回答) with its date and 担当課
        (the 要望's own when none is given): one undoable change, which the ward's bundle carries
        to the laptops. A 回答 or 最終回答 also becomes the 要望's answer (``ward_answer``); a
        進捗回答 leaves it waiting. A 要望 not yet routed goes to the answering 担当課."""
        answer = (answer or "").strip()
        if not answer:
            raise ValidationError("回答を入力してください。", "Enter the answer.", field="ward_answer")
        if answered_on is None:
            raise ValidationError("回答日を入力してください。", "Enter the date of the answer.", field="answered_on")

        def work(tx):
            issue = self._fetch_live(tx.con, id_)
            if not issue["is_request"]:
                raise ValidationError("区への要望ではない地域課題には回答できません。",
                                      "Only a request to the ward can be answered.", field="is_request")
            written = self.answers.create_in(tx, {"issue_id": id_, "kind": kind, "answered_on": answered_on,
                                                  "department": department or issue["department"], "body": answer})
            changes: dict = {}
            if kind in CONCLUSIVE:
                changes.update(ward_answer=answer, answered_on=answered_on)
            if written.department and not issue["department"]:
                changes["department"] = written.department
            if changes:
                self.update_in(tx, id_, changes)
            return written

        return run(self.store, "要望に回答", work)

    def route(self, id_: str, department: str | None, received_on: dt.date | None = None,
              answer_due: dt.date | None = None) -> m.IssueRead:
        """The ward takes a 要望 in (受付): its 担当課 and the date the answer is planned for."""

        def work(tx):
            if not self._fetch_live(tx.con, id_)["is_request"]:
                raise ValidationError("区への要望ではない地域課題は担当課に回せません。",
                                      "Only a request to the ward goes to a department.", field="is_request")
            return self.update_in(tx, id_, {"department": department, "received_on": received_on,
                                            "answer_due": answer_due})

        return run(self.store, "要望を受付", work)

    def validate(self, con: Connection, values: dict, current: dict | None) -> None:
        if values.get("answered_on") and not values.get("ward_answer"):
            raise ValidationError("回答日を入れるときは回答も入れてください。",
                                  "Enter the ward's answer with its date.", field="ward_answer")
        if values.get("answer_due") and values.get("received_on") and values["answer_due"] < values["received_on"]:
            raise ValidationError("回答予定日は受付日より後にしてください。",
                                  "The planned answer date must be after the date received.", field="answer_due")


#: answers that answer a 要望 (a 進捗回答 reports progress and leaves it waiting)
CONCLUSIVE = ("answer", "final")


class RequestAnswerService(EntityService[m.RequestAnswerRead]):
    """The ward's answers to 要望 over time; written through :meth:`IssueService.answer`."""

    table_model = m.RequestAnswer
    create_schema = m.RequestAnswerCreate
    update_schema = m.RequestAnswerUpdate
    read_schema = m.RequestAnswerRead
    references = {"issue_id": m.Issue}
    vocab_fields = {"kind": "answer_kind", "department": "ward_department"}
    date_field = "answered_on"
    default_order = [("answered_on", False)]
    org_field = None
    label_ja = "区の回答"

    def _organization_condition(self, organization_id: str):
        issues = m.Issue.__table__
        return self.table.c.issue_id.in_(select(issues.c.id).where(issues.c.organization_id == organization_id))

    def of(self, issue_id: str) -> list[m.RequestAnswerRead]:
        """Every live answer to one 要望, the oldest first."""
        t = self.table
        with self.store.engine.connect() as con:
            return [self._read(r) for r in con.execute(
                select(t).where(t.c.issue_id == issue_id, t.c.deleted.is_(False))
                .order_by(t.c.answered_on, t.c.hlc)).mappings()]


class NoteService(EntityService[m.NoteRead]):
    table_model = m.Note
    create_schema = m.NoteCreate
    update_schema = m.NoteUpdate
    read_schema = m.NoteRead
    references = {"meeting_id": m.Meeting, "agenda_item_id": m.AgendaItem, "issue_id": m.Issue,
                  "decision_id": m.Note}
    vocab_fields = {"kind": "note_kind", "decision_method": "decision_method"}
    date_field = "recorded_at"
    default_order = [("recorded_at", True), ("position", True)]
    org_field = None
    label_ja = "議事メモ"

    def _viewpoint_targets(self, viewpoint_id: str):
        return _policy_link_target("note", viewpoint_id)

    # notes belong to organizations through their meeting

    def _meetings_of(self, orgs):
        meetings = m.Meeting.__table__
        return self.table.c.meeting_id.in_(select(meetings.c.id).where(meetings.c.organization_id.in_(orgs)))

    def _organization_condition(self, organization_id: str):
        return self._meetings_of([organization_id])

    def _where(self, q, **kw):
        conds = super()._where(q, **kw)
        area = organizations_in_area(q)
        if area is not None:
            conds.append(self._meetings_of(area))
        return conds

    def validate(self, con: Connection, values: dict, current: dict | None) -> None:
        if not (values.get("meeting_id") or values.get("issue_id")):
            raise ValidationError("会議か地域課題のどちらかに結びつけてください。",
                                  "Attach the note to a meeting or an issue.", field="meeting_id")
        vote_fields = ("votes_for", "votes_against", "votes_abstain")
        if values["kind"] == "decision":
            if values.get("decision_method") is None:
                raise ValidationError("決定の方法（全会一致・多数決・継続）を選んでください。",
                                      "Choose how the decision was reached.", field="decision_method")
            if values["decision_method"] == "majority" and values.get("votes_for") is None:
                raise ValidationError("多数決のときは賛成の数を入れてください。",
                                      "Enter the votes for a majority decision.", field="votes_for")
            if (values["decision_method"] == "majority" and values.get("votes_for") is not None
                    and values["votes_for"] <= (values.get("votes_against") or 0)):
                raise ValidationError("多数決の決定には賛成が反対より多い必要があります。",
                                      "A majority decision needs more votes for than against.",
                                      field="votes_for")
        else:
            for name in ("decision_method", *vote_fields):
                if values.get(name) is not None:
                    raise ValidationError("決定の方法と票数は「決定」のメモにだけ入れられます。",
                                          "Only decisions carry a method and votes.", field=name)
        if values["kind"] == "minority" and values.get("decision_id"):
            kind = con.execute(select(col(m.Note.kind)).where(col(m.Note.id) == values["decision_id"])).scalar()
            if kind != "decision":
                raise ValidationError("少数意見は「決定」のメモに結びつけてください。",
                                      "A minority opinion belongs to a decision.", field="decision_id")
        elif values.get("decision_id") and values["kind"] != "minority":
            raise ValidationError("決定に結びつけられるのは少数意見だけです。",
                                  "Only minority opinions attach to a decision.", field="decision_id")


class ActionItemService(EntityService[m.ActionItemRead]):
    table_model = m.ActionItem
    create_schema = m.ActionItemCreate
    update_schema = m.ActionItemUpdate
    read_schema = m.ActionItemRead
    references = {"organization_id": m.Organization, "issue_id": m.Issue, "meeting_id": m.Meeting,
                  "agenda_item_id": m.AgendaItem}
    vocab_fields = {"status": "action_status"}
    date_field = "due_on"
    default_order = [("due_on", False)]
    label_ja = "アクション"


class PolicyLinkService(EntityService[m.PolicyLinkRead]):
    table_model = m.PolicyLink
    create_schema = m.PolicyLinkCreate
    update_schema = m.PolicyLinkUpdate
    read_schema = m.PolicyLinkRead
    references = {"issue_id": m.Issue, "note_id": m.Note}
    default_order = [("viewpoint_id", False)]
    org_field = None
    label_ja = "施策視点の結びつけ"

    def natural_id(self, values: dict) -> str | None:
        """A link is one per issue (or note), 視点 and plan: two laptops linking the same pair
        make the same record, which sync merges field by field (see models.natural_id)."""
        return m.natural_id("policy_link", values.get("plan_id"), values.get("issue_id") or "",
                            values.get("note_id") or "", values.get("viewpoint_id"))

    def validate(self, con: Connection, values: dict, current: dict | None) -> None:
        error = self.validate_many(con, [values], [current])[0]
        if error is not None:
            raise error

    def validate_many(self, con: Connection, rows: list[dict], currents: list[dict | None]) -> list[ValidationError | None]:
        """Each link names one issue or note, a 視点 of its plan (and an ○ item of that 視点),
        and no other live link joins the two. The plan and the links already stored are read
        once for all rows; two of ``rows`` joining the same pair are duplicates too."""
        node = m.PolicyNode.__table__
        t = self.table
        viewpoints: set[tuple[str, str]] = set()
        items: dict[tuple[str, str], str] = {}  # (plan, ○ item) -> its 視点
        linked: set[tuple[str, str, str, str]] = set()  # (link, target, 視点, plan)
        wanted_nodes = sorted({r["viewpoint_id"] for r in rows} | {r["item_id"] for r in rows if r.get("item_id")})
        for chunk in chunks(wanted_nodes):
            for plan_id, id_, level, parent_id in con.execute(select(
                    node.c.plan_id, node.c.id, node.c.level, node.c.parent_id).where(node.c.id.in_(chunk))):
                if level == "viewpoint":
                    viewpoints.add((plan_id, id_))
                elif level == "item":
                    items[(plan_id, id_)] = parent_id
        for column in (t.c.issue_id, t.c.note_id):
            targets = sorted({r[column.name] for r in rows if r.get(column.name)})
            for chunk in chunks(targets):
                linked.update(con.execute(select(t.c.id, column, t.c.viewpoint_id, t.c.plan_id).where(
                    column.in_(chunk), t.c.deleted.is_(False))).all())
        stored: dict[tuple[str | None, str, str], set[str]] = {}  # (target, 視点, plan) -> the ids of the live links joining them
        for id_, linked_to, viewpoint_id, plan_id in linked:
            stored.setdefault((linked_to, viewpoint_id, plan_id), set()).add(id_)
        out: list[ValidationError | None] = []
        for values in rows:
            error = None
            target = values.get("issue_id") or values.get("note_id")
            pair = (target, values["viewpoint_id"], values["plan_id"])
            if bool(values.get("issue_id")) == bool(values.get("note_id")):
                error = ValidationError("地域課題か議事メモのどちらか一つに結びつけてください。",
                                        "Link either an issue or a note.", field="issue_id")
            elif (values["plan_id"], values["viewpoint_id"]) not in viewpoints:
                error = ValidationError(f"施策立案の視点が見つかりません: {values['viewpoint_id']}",
                                        f"No such viewpoint: {values['viewpoint_id']}", field="viewpoint_id")
            elif values.get("item_id") and items.get((values["plan_id"], values["item_id"])) != values["viewpoint_id"]:
                error = ValidationError("○の項目がその視点のものではありません。",
                                        "The item does not belong to that viewpoint.", field="item_id")
            elif stored.get(pair, set()) - {values["id"]}:
                error = ValidationError("この視点にはすでに結びつけてあります。",
                                        "Already linked to this viewpoint.", field="viewpoint_id")
            if error is None:
                stored.setdefault(pair, set()).add(values["id"])
            out.append(error)
        return out


class OfficerService(EntityService[m.OfficerRead]):
    """The officers of an organization, per 年度 (personal data: names)."""

    table_model = m.Officer
    create_schema = m.OfficerCreate
    update_schema = m.OfficerUpdate
    read_schema = m.OfficerRead
    references = {"organization_id": m.Organization}
    vocab_fields = {"role": "officer_role"}
    default_order = [("nendo", True), ("role", False), ("yomi", False)]
    label_ja = "役員"

    def prepare(self, con: Connection, values: dict) -> dict:
        values["name"] = " ".join(values["name"].split()) if values.get("name") else values.get("name")
        values["yomi"] = normalize(values.get("yomi"))
        return values

    def validate(self, con: Connection, values: dict, current: dict | None) -> None:
        """One person holds an office of a 年度 once (names compared as sync folds doubles)."""
        t = self.table
        for id_, name in con.execute(select(t.c.id, t.c.name).where(
                t.c.organization_id == values["organization_id"], t.c.nendo == values["nendo"],
                t.c.role == values["role"], t.c.deleted.is_(False), t.c.id != values["id"])):
            if m.attendee_name_key(name) == m.attendee_name_key(values["name"]):
                raise ValidationError(f"{values['name']}さんはこの年度のこの役職にすでに登録されています。",
                                      f"{values['name']} already holds this office for this fiscal year.",
                                      field="name")

    def of_year(self, organization_id: str, nendo: int) -> list[m.OfficerRead]:
        """The officers of one 年度, in the order of the roles (会長 first)."""
        t, v = self.table, m.Vocab.__table__
        order = select(v.c.ord).where(v.c.kind == "officer_role", v.c.code == t.c.role).scalar_subquery()
        with self.store.engine.connect() as con:
            return [self._read(r) for r in con.execute(
                select(t).where(t.c.organization_id == organization_id, t.c.nendo == nendo, t.c.deleted.is_(False))
                .order_by(order, t.c.yomi, t.c.name)).mappings()]


class AttendeeService(EntityService[m.AttendeeRead]):
    table_model = m.Attendee
    create_schema = m.AttendeeCreate
    update_schema = m.AttendeeUpdate
    read_schema = m.AttendeeRead
    references = {"meeting_id": m.Meeting}
    vocab_fields = {"attendance": "attendance"}
    default_order = [("yomi", False), ("name", False)]
    org_field = None
    label_ja = "出席者"

    def prepare(self, con: Connection, values: dict) -> dict:
        values["yomi"] = normalize(values.get("yomi"))
        return values

    def validate(self, con: Connection, values: dict, current: dict | None) -> None:
        error = self.validate_many(con, [values], [current])[0]
        if error is not None:
            raise error

    def validate_many(self, con: Connection, rows: list[dict], currents: list[dict | None]) -> list[ValidationError | None]:
        """A person attends a meeting once: no other live attendee of the meeting has the same
        name (compared as sync folds doubles, see sync/fold.py); two of ``rows`` neither."""
        t = self.table
        taken: dict[tuple, set[str]] = {}
        for chunk in chunks(sorted({r["meeting_id"] for r in rows})):
            for id_, meeting_id, name in con.execute(select(t.c.id, t.c.meeting_id, t.c.name).where(
                    t.c.meeting_id.in_(chunk), t.c.deleted.is_(False))):
                taken.setdefault((meeting_id, m.attendee_name_key(name)), set()).add(id_)
        out: list[ValidationError | None] = []
        for values in rows:
            key = (values["meeting_id"], m.attendee_name_key(values["name"]))
            if taken.get(key, set()) - {values["id"]}:
                out.append(ValidationError(f"この会議の出席者にすでにいます: {values['name']}",
                                           f"Already an attendee of this meeting: {values['name']}", field="name"))
            else:
                taken.setdefault(key, set()).add(values["id"])
                out.append(None)
        return out
