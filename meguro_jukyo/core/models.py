"""Tables and their schemas.

Times of meetings and notes are local wall-clock times (``NaiveDatetime``): a meeting at
19:00 in 目黒 is at 19:00 whatever the laptop's zone. Audit times (``Change.wall_time``) are UTC.

Every entity follows one shape (STYLE.md): ``XBase`` holds the fields a user edits,
``X(XBase, SyncMeta, table=True)`` is the table, ``XCreate``/``XUpdate``/``XRead`` are what
services take and return. Only data models are inherited from, never table models.

References between user-data rows are indexed columns, not database foreign keys: sync
packages (DESIGN.md §5) may arrive in any order, so a note can legitimately land before the
meeting it belongs to. Services check references on every write and ``check`` reports
dangling ones. References to reference data (住区, 地区) are real foreign keys.

Personal data (DESIGN.md §2) is marked on the column: ``column.info["personal"] is True``.
Exports consult :func:`personal_columns` and leave those columns out unless asked.

One file over 500 lines on purpose: it is the schema. Alembic and the store read every table
from one ``SQLModel.metadata``, services and sync walk ``USER_TABLES`` in dependency order, and
the whole code base reads it as one namespace (``models as m``: ``m.Issue``, ``m.NoteRead``).
Each entity is one section below, in the same shape, so a newcomer finds a table by its name.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import ClassVar, Protocol

from pydantic import NaiveDatetime
from sqlalchemy import CheckConstraint, Index, Table, UniqueConstraint, false
from sqlmodel import Field, SQLModel

from .japanese import normalize


def new_id() -> str:
    return str(uuid.uuid4())


#: the namespace of ids made from what a record means (uuid5, the same on every device)
NATURAL_IDS = uuid.uuid5(uuid.NAMESPACE_URL, "meguro_jukyo:natural-id")


def natural_id(kind: str, *key: str | None) -> str:
    return str(uuid.uuid5(NATURAL_IDS, "\x1f".join((kind, *(k or "" for k in key)))))


def attendee_name_key(name: str | None) -> str:
    """What makes two attendees of a meeting one person: the name, whatever its spacing and
    character widths (see sync/fold.py)."""
    return "".join(normalize(name).split())


def _personal(**kwargs):
    """A field holding personal data: left out of exports unless the user asks."""
    return Field(sa_column_kwargs={"info": {"personal": True}}, **kwargs)


# --------------------------------------------------------------------------- reference


class District(SQLModel, table=True):
    code: str = Field(primary_key=True)
    name: str
    yomi: str
    name_en: str
    ord: int


class Jukyo(SQLModel, table=True):
    """住区: one of the 22 residents' areas, each in one 地区."""

    code: str = Field(primary_key=True)
    district_code: str = Field(foreign_key="district.code", index=True)
    name: str
    yomi: str
    ord: int


class PolicyNode(SQLModel, table=True):
    """A node of the ward plan's policy framework: 方針, 考え方, 視点 or ○ item."""

    __tablename__ = "policy_node"
    plan_id: str = Field(primary_key=True)
    id: str = Field(primary_key=True)
    level: str
    parent_id: str | None = None
    label: str
    title: str
    body: str
    ord: int


class Vocab(SQLModel, table=True):
    """Controlled vocabularies (categories, statuses, meeting types, ...)."""

    kind: str = Field(primary_key=True)
    code: str = Field(primary_key=True)
    ja: str
    en: str
    ord: int
    extra: str | None = None  # JSON, e.g. a meeting type's quorum rule


class Meta(SQLModel, table=True):
    """Store-local settings: device id and name, the clock, reference data versions."""

    key: str = Field(primary_key=True)
    value: str


# --------------------------------------------------------------------------- history


class Change(SQLModel, table=True):
    """One service call's worth of edits: the unit of undo and redo."""

    id: int | None = Field(default=None, primary_key=True)
    label: str
    kind: str = "edit"  # edit | undo | redo | import
    state: str = Field(default="done", index=True)  # done | undone | discarded (edits only)
    target_id: int | None = None  # for undo/redo: the change they act on
    device_id: str
    hlc: str
    wall_time: dt.datetime


class History(SQLModel, table=True):
    """Who changed what and when: one row per field changed."""

    id: int | None = Field(default=None, primary_key=True)
    change_id: int = Field(foreign_key="change.id", index=True)
    entity: str
    entity_id: str
    field: str
    old: str | None = None  # JSON
    new: str | None = None  # JSON

    __table_args__ = (Index("ix_history_entity", "entity", "entity_id"),)


# --------------------------------------------------------------------------- search


class SearchDoc(SQLModel, table=True):
    """Normalised text of every searchable row; the FTS5 tables index it (see search.py)."""

    __tablename__ = "search_doc"
    rowid: int | None = Field(default=None, primary_key=True)
    kind: str
    ref_id: str
    org_id: str | None = Field(default=None, index=True)
    title: str
    body: str  # japanese.search_key() of every searchable field
    grams: str | None = None  # japanese.search_chars(body), for 1–2 character queries

    __table_args__ = (UniqueConstraint("kind", "ref_id"),)


class SearchWord(SQLModel, table=True):
    """The reading of every kanji word in the search documents (the reading index, search.py):
    a hiragana query is also looked for as the words read that way (ぼうさい → 防災)."""

    __tablename__ = "search_word"
    word: str = Field(primary_key=True)  # as in search_doc.body (search_key-folded)
    reading: str = Field(index=True)  # hiragana


# --------------------------------------------------------------------------- sync meta


class SyncMeta(SQLModel):
    """Carried by every user-data row (DESIGN.md §5)."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    rev: int = 1
    base_rev: int = 0  # the revision this one was edited from
    hlc: str = Field(default="", index=True)  # hybrid logical clock stamp, see sync/clock.py
    device_id: str = ""
    deleted: bool = False
    # per-field clock stamps, the row's causal context and concurrent values (sync/state.py);
    # "" means every field was written by the stamp in ``hlc``
    sync_state: str = Field(default="", sa_column_kwargs={"server_default": ""})


SYNC_FIELDS = frozenset(SyncMeta.model_fields)


class ReadMeta(SQLModel):
    id: str
    rev: int
    hlc: str
    device_id: str
    deleted: bool


# --------------------------------------------------------------------------- organization


class OrganizationBase(SQLModel):
    kind: str = "association"  # vocab organization_kind
    name: str = Field(min_length=1, max_length=200)
    yomi: str = Field(default="", max_length=200)
    jukyo_code: str | None = Field(default=None, foreign_key="jukyo.code", index=True)
    district_code: str | None = Field(default=None, foreign_key="district.code", index=True)


class Organization(OrganizationBase, SyncMeta, table=True):
    pass


class OrganizationCreate(OrganizationBase):
    id: str | None = None


class OrganizationUpdate(SQLModel):
    kind: str | None = None
    name: str | None = Field(default=None, min_length=1, max_length=200)
    yomi: str | None = Field(default=None, max_length=200)
    jukyo_code: str | None = None
    district_code: str | None = None


class OrganizationRead(OrganizationBase, ReadMeta):
    pass


# --------------------------------------------------------------------------- meeting


class MeetingBase(SQLModel):
    organization_id: str = Field(index=True)
    meeting_type: str = "regular"  # vocab meeting_type
    title: str = Field(min_length=1, max_length=200)
    starts_at: NaiveDatetime = Field(index=True)
    ends_at: NaiveDatetime | None = None
    place: str = Field(default="", max_length=200)
    facilitator: str = _personal(default="", max_length=100)
    recorder: str = _personal(default="", max_length=100)
    signers: str = _personal(default="", max_length=200)
    # 議長 as the meeting chose them (議長選出); the minutes fall back to the facilitator
    chair: str = _personal(default="", max_length=100)
    members_total: int = Field(default=0, ge=0)
    present: int = Field(default=0, ge=0)
    proxies: int = Field(default=0, ge=0)
    # 書面表決: votes cast in writing, counted apart from 委任状 (which delegate the vote)
    written_votes: int = Field(default=0, ge=0)
    status: str = "planned"  # vocab meeting_status
    next_meeting: str = Field(default="", max_length=200)
    # when 開会 and 閉会 were pressed (starts_at / ends_at are the plan)
    opened_at: NaiveDatetime | None = None
    closed_at: NaiveDatetime | None = None


class Meeting(MeetingBase, SyncMeta, table=True):
    pass


class MeetingCreate(MeetingBase):
    id: str | None = None


class MeetingUpdate(SQLModel):
    organization_id: str | None = None
    meeting_type: str | None = None
    title: str | None = Field(default=None, min_length=1, max_length=200)
    starts_at: NaiveDatetime | None = None
    ends_at: NaiveDatetime | None = None
    place: str | None = Field(default=None, max_length=200)
    facilitator: str | None = Field(default=None, max_length=100)
    recorder: str | None = Field(default=None, max_length=100)
    signers: str | None = Field(default=None, max_length=200)
    chair: str | None = Field(default=None, max_length=100)
    members_total: int | None = Field(default=None, ge=0)
    present: int | None = Field(default=None, ge=0)
    proxies: int | None = Field(default=None, ge=0)
    written_votes: int | None = Field(default=None, ge=0)
    status: str | None = None
    next_meeting: str | None = Field(default=None, max_length=200)
    opened_at: NaiveDatetime | None = None
    closed_at: NaiveDatetime | None = None


class MeetingRead(MeetingBase, ReadMeta):
    pass


# --------------------------------------------------------------------------- agenda


class AgendaItemBase(SQLModel):
    meeting_id: str = Field(index=True)
    position: int = Field(default=0, ge=0)
    title: str = Field(min_length=1, max_length=200)
    planned_minutes: int = Field(default=10, ge=0, le=600)
    actual_minutes: int | None = Field(default=None, ge=0)
    issue_id: str | None = Field(default=None, index=True)
    outcome: str = ""
    # the 継続審議 note or action item it was carried over from
    carried_from: str | None = Field(default=None, index=True)


class AgendaItem(AgendaItemBase, SyncMeta, table=True):
    __tablename__ = "agenda_item"


class AgendaItemCreate(AgendaItemBase):
    id: str | None = None


class AgendaItemUpdate(SQLModel):
    position: int | None = Field(default=None, ge=0)
    title: str | None = Field(default=None, min_length=1, max_length=200)
    planned_minutes: int | None = Field(default=None, ge=0, le=600)
    actual_minutes: int | None = Field(default=None, ge=0)
    issue_id: str | None = None
    outcome: str | None = None
    carried_from: str | None = None


class AgendaItemRead(AgendaItemBase, ReadMeta):
    pass


# --------------------------------------------------------------------------- issue


class IssueBase(SQLModel):
    organization_id: str = Field(index=True)
    title: str = Field(min_length=1, max_length=200)
    description: str = ""
    category: str = "other"  # vocab issue_category
    place: str = Field(default="", max_length=200)
    priority: int = Field(default=2, ge=1, le=3)
    status: str = "raised"  # vocab issue_status
    raised_on: dt.date = Field(default_factory=dt.date.today, index=True)
    raised_meeting_id: str | None = Field(default=None, index=True)
    is_request: bool = False  # 要望: a request to the ward
    # the ward's latest conclusive answer (回答 or 最終回答) and its date; every answer over
    # time, progress answers too, is a RequestAnswer (IssueService.answer writes both)
    ward_answer: str = ""
    answered_on: dt.date | None = None
    # the ward's 年度 cycle of a 要望: 提出 (raised_on) → 受付 → 回答予定 → 回答
    department: str | None = None  # 担当課, vocab ward_department
    received_on: dt.date | None = None  # 受付
    answer_due: dt.date | None = None  # 回答予定


class Issue(IssueBase, SyncMeta, table=True):
    __table_args__ = (
        CheckConstraint("priority BETWEEN 1 AND 3", name="issue_priority"),
        # the list's category and status filters, newest first, without a sort
        Index("ix_issue_category_raised", "category", "raised_on"),
        Index("ix_issue_status_raised", "status", "raised_on"),
        # the 集計 page's counts from an index alone, by organization or by date (migration 0006)
        # no answer text in these: a long answer would pass PostgreSQL's index-row limit (2.7 kB)
        Index("ix_issue_desk", "organization_id", "raised_on", "category", "status", "is_request", "deleted", "id"),
        Index("ix_issue_desk_dates", "raised_on", "organization_id", "category", "status", "is_request", "deleted",
              "id"),
    )


class IssueCreate(IssueBase):
    id: str | None = None


class IssueUpdate(SQLModel):
    organization_id: str | None = None
    title: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = None
    category: str | None = None
    place: str | None = Field(default=None, max_length=200)
    priority: int | None = Field(default=None, ge=1, le=3)
    status: str | None = None
    raised_on: dt.date | None = None
    raised_meeting_id: str | None = None
    is_request: bool | None = None
    ward_answer: str | None = None
    answered_on: dt.date | None = None
    department: str | None = None
    received_on: dt.date | None = None
    answer_due: dt.date | None = None


class IssueRead(IssueBase, ReadMeta):
    pass


# --------------------------------------------------------------------------- the ward's answers


class RequestAnswerBase(SQLModel):
    """One answer of the ward to a 要望: 回答, 進捗回答 or 最終回答, with its date and 担当課."""

    issue_id: str = Field(index=True)
    kind: str = "answer"  # vocab answer_kind
    answered_on: dt.date
    department: str | None = None  # vocab ward_department
    body: str = Field(min_length=1)


class RequestAnswer(RequestAnswerBase, SyncMeta, table=True):
    __tablename__ = "request_answer"


class RequestAnswerCreate(RequestAnswerBase):
    id: str | None = None


class RequestAnswerUpdate(SQLModel):
    kind: str | None = None
    answered_on: dt.date | None = None
    department: str | None = None
    body: str | None = Field(default=None, min_length=1)


class RequestAnswerRead(RequestAnswerBase, ReadMeta):
    pass


# --------------------------------------------------------------------------- note


class NoteBase(SQLModel):
    meeting_id: str | None = Field(default=None, index=True)
    agenda_item_id: str | None = Field(default=None, index=True)
    issue_id: str | None = Field(default=None, index=True)
    kind: str = "opinion"  # vocab note_kind
    body: str = Field(min_length=1)
    speaker: str = _personal(default="", max_length=100)
    position: int = 0
    recorded_at: NaiveDatetime = Field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    # for decisions
    decision_method: str | None = None  # vocab decision_method
    votes_for: int | None = Field(default=None, ge=0)
    votes_against: int | None = Field(default=None, ge=0)
    votes_abstain: int | None = Field(default=None, ge=0)
    # a decision recorded while attendance was short of the meeting's quorum
    without_quorum: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # for minority opinions: the decision they dissent from
    decision_id: str | None = Field(default=None, index=True)


class Note(NoteBase, SyncMeta, table=True):
    # the notes list (live notes, newest first) and its count read this index alone
    __table_args__ = (Index("ix_note_live_recorded", "deleted", "recorded_at", "position"),)


class NoteCreate(NoteBase):
    id: str | None = None


class NoteUpdate(SQLModel):
    meeting_id: str | None = None
    agenda_item_id: str | None = None
    issue_id: str | None = None
    kind: str | None = None
    body: str | None = Field(default=None, min_length=1)
    speaker: str | None = Field(default=None, max_length=100)
    position: int | None = None
    recorded_at: NaiveDatetime | None = None
    decision_method: str | None = None
    votes_for: int | None = Field(default=None, ge=0)
    votes_against: int | None = Field(default=None, ge=0)
    votes_abstain: int | None = Field(default=None, ge=0)
    without_quorum: bool | None = None
    decision_id: str | None = None


class NoteRead(NoteBase, ReadMeta):
    pass


# --------------------------------------------------------------------------- action item


class ActionItemBase(SQLModel):
    title: str = Field(min_length=1, max_length=200)
    assignee: str = _personal(default="", max_length=100)
    due_on: dt.date | None = Field(default=None, index=True)
    status: str = "todo"  # vocab action_status
    done_on: dt.date | None = None
    issue_id: str | None = Field(default=None, index=True)
    meeting_id: str | None = Field(default=None, index=True)
    agenda_item_id: str | None = Field(default=None, index=True)  # the item it came from
    organization_id: str = Field(index=True)


class ActionItem(ActionItemBase, SyncMeta, table=True):
    __tablename__ = "action_item"
    # the 集計 page's overdue action items from the index alone (migration 0013)
    __table_args__ = (Index("ix_action_item_overdue", "deleted", "status", "due_on", "organization_id"),)


class ActionItemCreate(ActionItemBase):
    id: str | None = None


class ActionItemUpdate(SQLModel):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    assignee: str | None = Field(default=None, max_length=100)
    due_on: dt.date | None = None
    status: str | None = None
    done_on: dt.date | None = None
    issue_id: str | None = None
    meeting_id: str | None = None
    agenda_item_id: str | None = None
    organization_id: str | None = None


class ActionItemRead(ActionItemBase, ReadMeta):
    pass


# --------------------------------------------------------------------------- policy link


class PolicyLinkBase(SQLModel):
    issue_id: str | None = Field(default=None, index=True)
    note_id: str | None = Field(default=None, index=True)
    plan_id: str = "meguro-basic-plan-2022"
    viewpoint_id: str = Field(index=True)  # 視点, e.g. "2-1-1"
    item_id: str | None = None  # optional ○ item, e.g. "2-1-1.2"
    reason: str = Field(default="", max_length=500)


class PolicyLink(PolicyLinkBase, SyncMeta, table=True):
    __tablename__ = "policy_link"
    __table_args__ = (
        # "issues (or notes) linked to this 視点" from the index alone
        Index("ix_policy_link_viewpoint", "viewpoint_id", "deleted", "issue_id", "note_id"),
        # "the live 視点 of this issue" from the index alone (the 集計 page's heat map)
        Index("ix_policy_link_issue", "issue_id", "deleted", "viewpoint_id"),
        CheckConstraint(
            "(issue_id IS NULL) <> (note_id IS NULL)", name="policy_link_one_target"
        ),
    )


class PolicyLinkCreate(PolicyLinkBase):
    id: str | None = None


class PolicyLinkUpdate(SQLModel):
    viewpoint_id: str | None = None
    item_id: str | None = None
    reason: str | None = Field(default=None, max_length=500)


class PolicyLinkRead(PolicyLinkBase, ReadMeta):
    pass


# --------------------------------------------------------------------------- attendee


class AttendeeBase(SQLModel):
    meeting_id: str = Field(index=True)
    name: str = _personal(min_length=1, max_length=100)
    yomi: str = _personal(default="", max_length=100)
    role: str = Field(default="", max_length=100)
    attendance: str = "present"  # vocab attendance


class Attendee(AttendeeBase, SyncMeta, table=True):
    pass


class AttendeeCreate(AttendeeBase):
    id: str | None = None


class AttendeeUpdate(SQLModel):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    yomi: str | None = Field(default=None, max_length=100)
    role: str | None = Field(default=None, max_length=100)
    attendance: str | None = None


class AttendeeRead(AttendeeBase, ReadMeta):
    pass


# --------------------------------------------------------------------------- officer


class OfficerBase(SQLModel):
    """Who held an office (会長, 副会長, 書記, 会計 …) in an organization for a 年度."""

    organization_id: str = Field(index=True)
    nendo: int = Field(index=True, ge=1900, le=2999)  # the 年度 (2025 = 令和7年度)
    role: str = "officer"  # vocab officer_role
    name: str = _personal(min_length=1, max_length=100)
    yomi: str = _personal(default="", max_length=100)


class Officer(OfficerBase, SyncMeta, table=True):
    pass


class OfficerCreate(OfficerBase):
    id: str | None = None


class OfficerUpdate(SQLModel):
    nendo: int | None = Field(default=None, ge=1900, le=2999)
    role: str | None = None
    name: str | None = Field(default=None, min_length=1, max_length=100)
    yomi: str | None = Field(default=None, max_length=100)


class OfficerRead(OfficerBase, ReadMeta):
    pass


# --------------------------------------------------------------------------- the desk's counts

# Store-local, derived from the issues and their 視点 links (core/summary.py keeps them current
# in every transaction that changes either, and rebuilds them from the rows): the 集計 page reads
# these few thousand counts instead of joining every issue with its links. Not synced: each
# store counts its own rows.


class DeskIssue(SQLModel, table=True):
    """One live issue as the counts see it (the old key to take out when the issue changes)."""

    __tablename__ = "desk_issue"
    __table_args__ = (
        Index("ix_desk_issue_key", "organization_id", "category", "status", "nendo", "request"),
        Index("ix_desk_issue_waiting", "request", "raised_on", "organization_id", "nendo"),
    )
    issue_id: str = Field(primary_key=True)
    organization_id: str
    category: str
    status: str
    nendo: int
    request: int  # summary.request_state: not a 要望 / answered / waiting
    raised_on: dt.date


class DeskLink(SQLModel, table=True):
    """A 視点 a live issue has at least one live link to."""

    __tablename__ = "desk_link"
    issue_id: str = Field(primary_key=True)
    viewpoint_id: str = Field(primary_key=True)


class DeskCount(SQLModel, table=True):
    """Live issues per organization, category, status, 年度 and 要望 state."""

    __tablename__ = "desk_count"
    # the charts' one GROUP BY in its order, with the count: one pass over the index (migration 0013)
    __table_args__ = (Index("ix_desk_count_charts", "category", "status", "nendo", "request", "n"),)
    organization_id: str = Field(primary_key=True)
    category: str = Field(primary_key=True)
    status: str = Field(primary_key=True)
    nendo: int = Field(primary_key=True)
    request: int = Field(primary_key=True)
    n: int


class DeskViewpointCount(SQLModel, table=True):
    """Live issues linked to a 視点, per organization, category, status and 年度."""

    __tablename__ = "desk_viewpoint_count"
    # the heat map's sum per 視点 and organization from the index alone (migration 0013)
    __table_args__ = (Index("ix_desk_viewpoint_count_cells", "viewpoint_id", "organization_id", "n"),)
    organization_id: str = Field(primary_key=True)
    viewpoint_id: str = Field(primary_key=True)
    category: str = Field(primary_key=True)
    status: str = Field(primary_key=True)
    nendo: int = Field(primary_key=True)
    n: int


# --------------------------------------------------------------------------- registry


class TableClass(Protocol):
    """Any ``table=True`` class above, as a type: what code that takes "a table" may use of it.
    (sqlmodel declares no ``__table__``; tools/mypy_sqlmodel_tables.py tells mypy that table
    classes have one. For the table's name use ``__table__.name``: sqlmodel types
    ``__tablename__`` as possibly a function.)"""

    __table__: ClassVar[Table]


#: user-data tables in dependency order (parents first): the order bulk loads and sync use.
USER_TABLES: tuple[type[TableClass], ...] = (
    Organization,
    Meeting,
    AgendaItem,
    Issue,
    Note,
    ActionItem,
    PolicyLink,
    Attendee,
    RequestAnswer,
    Officer,
)

REFERENCE_TABLES: tuple[type[TableClass], ...] = (District, Jukyo, PolicyNode, Vocab)


def personal_columns(table: type[TableClass]) -> frozenset[str]:
    """Names of the columns of ``table`` that hold personal data."""
    return frozenset(c.name for c in table.__table__.columns if c.info.get("personal"))


# sync's own tables register here so that Alembic and create_all see every table
from .sync.models import SyncDevice, SyncLedger, SyncQuarantine  # noqa: E402,F401
