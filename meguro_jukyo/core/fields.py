"""The field registry: one description of each entity's fields, from which the editors, the list
columns, the Excel sheets and the search documents are derived.

For each entity, its fields in the editor's order, each with: the model attribute, the label
people read (English source text, context "Field": the editor's label, the history's and the
conflict queue's name for it), its kind, its vocabulary (or the entity a reference points to),
whether the editor shows it, its list column's title (context "Column"; None: no list column),
the header of its Excel column (Japanese, as the workbook has always had it; None: in no sheet),
and whether the search index holds it. Whether it is personal data is the model's to say
(``models.personal_columns``); :func:`is_personal` asks it.

Orders that differ from the editor's are said once here too (an entity's list columns) or
where they are a published format (each Excel sheet's column order, with its computed columns,
is in core/exchange: the order people's workbooks have). What each consumer adds is only its
own presentation: widgets (qt/fields.py), cell text (qt/models.py), widths (the sheets).

Labels stay translatable: this module marks them with :func:`QT_TRANSLATE_NOOP` (a no-op, named
as Qt's marker so that lupdate, which reads calls by that name, finds them; qt/i18n.sources()
includes this file) and the Qt side translates them where they are shown. Core cannot import
PySide6, and keeping the source strings here rather than keys here and strings in qt keeps one
list, not two that must agree. Titles of list columns have their own context: a short header
may be translated apart from the field's label (「出席」 in the list, 「出席者数」 in the editor).

A model field that no screen, sheet or index shows is named in its entity's ``not_described``
with the reason, so that tests/core/test_fields.py can fail on a model field described nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import models as m

# the kinds of a field's value. text, multiline (long text), int, optint (a number or nothing),
# bool, date, optdate, datetime, optdatetime, vocab (a code of ``vocab``), org (an
# organization's id), jukyo, district (area codes), ref (the id of a ``vocab`` record),
# viewpoint (a 視点's id)
KINDS = frozenset(("text", "multiline", "int", "optint", "bool", "date", "optdate", "datetime", "optdatetime",
                   "vocab", "org", "jukyo", "district", "ref", "viewpoint"))


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (Qt's marker's name: lupdate finds it by it)
    """``text``, marked for translation in ``context`` (translated by the GUI where shown)."""
    return text


@dataclass(frozen=True)
class FieldDef:
    """One field of an entity, as every place that shows it needs it."""

    name: str  # the model attribute
    label: str  # source text in context "Field"
    kind: str  # one of KINDS
    vocab: str | None = None  # vocabulary kind, or the entity kind a "ref" points to
    optional: bool = False  # may be empty (the editor offers "(none)")
    editor: bool = True  # the entity's editor shows it
    column: str | None = None  # the list column's title, source text in context "Column"
    order_by: str | None = None  # the list sorts this column by another (a name by its reading)
    header: str | None = None  # its Excel column's header
    searched: bool = False  # the search document holds it


@dataclass(frozen=True)
class Entity:
    kind: str  # the table's name
    fields: tuple[FieldDef, ...]  # in the editor's order, then the fields no editor shows
    columns: tuple[str, ...] = ()  # the list's columns, in their order
    not_described: dict[str, str] = field(default_factory=dict)  # model field -> why nothing here shows it


def _f(name: str, label: str, kind: str, vocab: str | None = None, **rest) -> FieldDef:
    return FieldDef(name, label, kind, vocab, **rest)


ENTITIES: dict[str, Entity] = {e.kind: e for e in (
    Entity("organization", (
        _f("kind", QT_TRANSLATE_NOOP("Field", "Kind"), "vocab", "organization_kind",
           column=QT_TRANSLATE_NOOP("Column", "Kind")),
        _f("name", QT_TRANSLATE_NOOP("Field", "Name"), "text", column=QT_TRANSLATE_NOOP("Column", "Name"),
           order_by="yomi", searched=True),
        _f("yomi", QT_TRANSLATE_NOOP("Field", "Reading (kana)"), "text",
           column=QT_TRANSLATE_NOOP("Column", "Reading"), searched=True),
        _f("jukyo_code", QT_TRANSLATE_NOOP("Field", "Jukyo"), "jukyo", optional=True,
           column=QT_TRANSLATE_NOOP("Column", "Jukyo")),
        _f("district_code", QT_TRANSLATE_NOOP("Field", "District"), "district", optional=True,
           column=QT_TRANSLATE_NOOP("Column", "District")),
    ), columns=("name", "yomi", "kind", "jukyo_code", "district_code")),
    Entity("meeting", (
        _f("organization_id", QT_TRANSLATE_NOOP("Field", "Organization"), "org",
           column=QT_TRANSLATE_NOOP("Column", "Organization"), header="組織"),
        _f("meeting_type", QT_TRANSLATE_NOOP("Field", "Type"), "vocab", "meeting_type",
           column=QT_TRANSLATE_NOOP("Column", "Type"), header="種別"),
        _f("title", QT_TRANSLATE_NOOP("Field", "Title"), "text", column=QT_TRANSLATE_NOOP("Column", "Title"),
           header="会議名", searched=True),
        _f("starts_at", QT_TRANSLATE_NOOP("Field", "Starts"), "datetime",
           column=QT_TRANSLATE_NOOP("Column", "Date"), header="開始"),
        _f("ends_at", QT_TRANSLATE_NOOP("Field", "Ends"), "optdatetime", optional=True, header="終了"),
        _f("place", QT_TRANSLATE_NOOP("Field", "Place"), "text", column=QT_TRANSLATE_NOOP("Column", "Place"),
           header="場所", searched=True),
        _f("facilitator", QT_TRANSLATE_NOOP("Field", "Chair"), "text", header="進行役"),
        _f("recorder", QT_TRANSLATE_NOOP("Field", "Recorder"), "text", header="記録者"),
        _f("members_total", QT_TRANSLATE_NOOP("Field", "Members in total"), "int", header="会員数"),
        _f("present", QT_TRANSLATE_NOOP("Field", "Present"), "int", column=QT_TRANSLATE_NOOP("Column", "Present"),
           header="出席"),
        _f("proxies", QT_TRANSLATE_NOOP("Field", "Proxies"), "int", header="委任状"),
        _f("written_votes", QT_TRANSLATE_NOOP("Field", "Written votes"), "int"),
        _f("status", QT_TRANSLATE_NOOP("Field", "Status"), "vocab", "meeting_status",
           column=QT_TRANSLATE_NOOP("Column", "Status"), header="状況"),
        _f("signers", QT_TRANSLATE_NOOP("Field", "Signatories"), "text", header="署名人"),
        _f("next_meeting", QT_TRANSLATE_NOOP("Field", "Next meeting"), "text", header="次回予定", searched=True),
    ), columns=("starts_at", "title", "organization_id", "meeting_type", "place", "present", "status"),
        not_described={
            "chair": "the 議長 meeting mode asks for and the minutes print (qt/meeting, core/exchange/minutes)",
            "opened_at": "meeting mode's clock: when the meeting was opened",
            "closed_at": "meeting mode's clock: when the meeting was closed",
        }),
    Entity("agenda_item", (
        _f("title", QT_TRANSLATE_NOOP("Field", "Title"), "text", column=QT_TRANSLATE_NOOP("Column", "Title")),
        _f("position", QT_TRANSLATE_NOOP("Field", "Order"), "int", column=QT_TRANSLATE_NOOP("Column", "No.")),
        _f("planned_minutes", QT_TRANSLATE_NOOP("Field", "Planned minutes"), "int",
           column=QT_TRANSLATE_NOOP("Column", "Planned (min)")),
        _f("actual_minutes", QT_TRANSLATE_NOOP("Field", "Actual minutes"), "optint", optional=True),
        _f("issue_id", QT_TRANSLATE_NOOP("Field", "Issue"), "ref", "issue", optional=True),
        _f("outcome", QT_TRANSLATE_NOOP("Field", "Outcome"), "multiline",
           column=QT_TRANSLATE_NOOP("Column", "Outcome")),
    ), columns=("position", "title", "planned_minutes", "outcome"),
        not_described={
            "meeting_id": "the meeting it belongs to: its editor is opened from that meeting",
            "carried_from": "the item of an earlier meeting it was carried over from (set by meeting mode)",
        }),
    Entity("issue", (
        _f("organization_id", QT_TRANSLATE_NOOP("Field", "Organization"), "org",
           column=QT_TRANSLATE_NOOP("Column", "Organization"), header="組織"),
        _f("title", QT_TRANSLATE_NOOP("Field", "Title"), "text", column=QT_TRANSLATE_NOOP("Column", "Title"),
           header="課題名", searched=True),
        _f("description", QT_TRANSLATE_NOOP("Field", "Description"), "multiline", header="内容", searched=True),
        _f("category", QT_TRANSLATE_NOOP("Field", "Category"), "vocab", "issue_category",
           column=QT_TRANSLATE_NOOP("Column", "Category"), header="分野"),
        _f("status", QT_TRANSLATE_NOOP("Field", "Status"), "vocab", "issue_status",
           column=QT_TRANSLATE_NOOP("Column", "Status"), header="状況"),
        _f("priority", QT_TRANSLATE_NOOP("Field", "Priority"), "vocab", "priority",
           column=QT_TRANSLATE_NOOP("Column", "Priority"), header="優先度"),
        _f("place", QT_TRANSLATE_NOOP("Field", "Place"), "text", column=QT_TRANSLATE_NOOP("Column", "Place"),
           header="場所", searched=True),
        _f("raised_on", QT_TRANSLATE_NOOP("Field", "Raised on"), "date",
           column=QT_TRANSLATE_NOOP("Column", "Raised on"), header="提起日"),
        _f("raised_meeting_id", QT_TRANSLATE_NOOP("Field", "Raised at meeting"), "ref", "meeting", optional=True),
        _f("is_request", QT_TRANSLATE_NOOP("Field", "Request to the ward"), "bool",
           column=QT_TRANSLATE_NOOP("Column", "Request"), header="区への要望"),
        _f("ward_answer", QT_TRANSLATE_NOOP("Field", "Ward's answer"), "multiline", header="区の回答",
           searched=True),
        _f("answered_on", QT_TRANSLATE_NOOP("Field", "Answered on"), "optdate", optional=True,
           column=QT_TRANSLATE_NOOP("Column", "Answered on"), header="回答日"),
        _f("department", QT_TRANSLATE_NOOP("Field", "Ward department"), "vocab", "ward_department",
           optional=True),
        _f("received_on", QT_TRANSLATE_NOOP("Field", "Received by the ward"), "optdate", optional=True),
        _f("answer_due", QT_TRANSLATE_NOOP("Field", "Answer planned by"), "optdate", optional=True),
    ), columns=("raised_on", "title", "organization_id", "category", "status", "priority", "is_request", "place",
                "answered_on")),
    Entity("request_answer", (
        _f("kind", QT_TRANSLATE_NOOP("Field", "Kind"), "vocab", "answer_kind"),
        _f("answered_on", QT_TRANSLATE_NOOP("Field", "Answered on"), "date"),
        _f("department", QT_TRANSLATE_NOOP("Field", "Ward department"), "vocab", "ward_department",
           optional=True),
        _f("body", QT_TRANSLATE_NOOP("Field", "Ward's answer"), "multiline"),
    ), not_described={"issue_id": "the issue answered: its editor is opened from that issue"}),
    Entity("note", (
        _f("kind", QT_TRANSLATE_NOOP("Field", "Kind"), "vocab", "note_kind",
           column=QT_TRANSLATE_NOOP("Column", "Kind"), header="種類"),
        _f("body", QT_TRANSLATE_NOOP("Field", "Text"), "multiline", column=QT_TRANSLATE_NOOP("Column", "Text"),
           header="内容", searched=True),
        _f("meeting_id", QT_TRANSLATE_NOOP("Field", "Meeting"), "ref", "meeting", optional=True),
        _f("issue_id", QT_TRANSLATE_NOOP("Field", "Issue"), "ref", "issue", optional=True),
        _f("speaker", QT_TRANSLATE_NOOP("Field", "Speaker"), "text", header="発言者"),
        _f("recorded_at", QT_TRANSLATE_NOOP("Field", "Recorded"), "datetime",
           column=QT_TRANSLATE_NOOP("Column", "Recorded"), header="記録日時"),
        _f("decision_method", QT_TRANSLATE_NOOP("Field", "Decided by"), "vocab", "decision_method", optional=True,
           column=QT_TRANSLATE_NOOP("Column", "Decided by"), header="決定方法"),
        _f("votes_for", QT_TRANSLATE_NOOP("Field", "Votes for"), "optint", optional=True, header="賛成"),
        _f("votes_against", QT_TRANSLATE_NOOP("Field", "Votes against"), "optint", optional=True, header="反対"),
        _f("votes_abstain", QT_TRANSLATE_NOOP("Field", "Abstentions"), "optint", optional=True, header="棄権"),
    ), columns=("recorded_at", "kind", "body", "decision_method"),
        not_described={
            "agenda_item_id": "the agenda item it was taken under (meeting mode sets it)",
            "position": "its order within the meeting (meeting mode sets it)",
            "without_quorum": "a decision taken without a quorum (meeting mode asks and marks it)",
            "decision_id": "the decision a minority opinion is about (meeting mode sets it; the 議事・合意 "
                           "sheet writes it as an id column, 少数意見の対象)",
        }),
    Entity("action_item", (
        _f("organization_id", QT_TRANSLATE_NOOP("Field", "Organization"), "org",
           column=QT_TRANSLATE_NOOP("Column", "Organization"), header="組織"),
        _f("title", QT_TRANSLATE_NOOP("Field", "What"), "text", column=QT_TRANSLATE_NOOP("Column", "Title"),
           header="内容", searched=True),
        _f("assignee", QT_TRANSLATE_NOOP("Field", "Who"), "text", column=QT_TRANSLATE_NOOP("Column", "Who"),
           header="担当"),
        _f("due_on", QT_TRANSLATE_NOOP("Field", "Due"), "optdate", optional=True,
           column=QT_TRANSLATE_NOOP("Column", "Due"), header="期限"),
        _f("status", QT_TRANSLATE_NOOP("Field", "Status"), "vocab", "action_status",
           column=QT_TRANSLATE_NOOP("Column", "Status"), header="状況"),
        _f("done_on", QT_TRANSLATE_NOOP("Field", "Done on"), "optdate", optional=True,
           column=QT_TRANSLATE_NOOP("Column", "Done on"), header="完了日"),
        _f("issue_id", QT_TRANSLATE_NOOP("Field", "Issue"), "ref", "issue", optional=True, header="地域課題ID"),
        _f("meeting_id", QT_TRANSLATE_NOOP("Field", "Meeting"), "ref", "meeting", optional=True),
    ), columns=("due_on", "title", "assignee", "status", "organization_id", "done_on"),
        not_described={"agenda_item_id": "the agenda item it came from (meeting mode sets it)"}),
    Entity("officer", (
        _f("nendo", QT_TRANSLATE_NOOP("Field", "Fiscal year"), "int",
           column=QT_TRANSLATE_NOOP("Column", "Fiscal year")),
        _f("role", QT_TRANSLATE_NOOP("Field", "Office"), "vocab", "officer_role",
           column=QT_TRANSLATE_NOOP("Column", "Office")),
        _f("name", QT_TRANSLATE_NOOP("Field", "Name"), "text", column=QT_TRANSLATE_NOOP("Column", "Name"),
           order_by="yomi"),
        _f("yomi", QT_TRANSLATE_NOOP("Field", "Reading (kana)"), "text"),
    ), columns=("nendo", "role", "name"),
        not_described={"organization_id": "the organization: its officers are edited from its page"}),
    Entity("attendee", (
        _f("name", QT_TRANSLATE_NOOP("Field", "Name"), "text", column=QT_TRANSLATE_NOOP("Column", "Name"),
           order_by="yomi", header="氏名"),
        _f("yomi", QT_TRANSLATE_NOOP("Field", "Reading (kana)"), "text",
           column=QT_TRANSLATE_NOOP("Column", "Reading"), header="よみ"),
        _f("role", QT_TRANSLATE_NOOP("Field", "Role"), "text", column=QT_TRANSLATE_NOOP("Column", "Role"),
           header="役職"),
        _f("attendance", QT_TRANSLATE_NOOP("Field", "Attendance"), "vocab", "attendance",
           column=QT_TRANSLATE_NOOP("Column", "Attendance"), header="出欠"),
    ), columns=("name", "yomi", "role", "attendance"),
        not_described={"meeting_id": "the meeting: its attendees are edited from that meeting"}),
    Entity("policy_link", (  # a 視点 link has no editor of these fields: the policy page links and unlinks
        _f("viewpoint_id", QT_TRANSLATE_NOOP("Field", "Viewpoint"), "viewpoint", editor=False,
           column=QT_TRANSLATE_NOOP("Column", "Viewpoint"), header="施策立案の視点"),
        _f("item_id", QT_TRANSLATE_NOOP("Field", "Item"), "text", optional=True, editor=False,
           column=QT_TRANSLATE_NOOP("Column", "Item"), header="○項目"),
        _f("reason", QT_TRANSLATE_NOOP("Field", "Reason"), "multiline", editor=False,
           column=QT_TRANSLATE_NOOP("Column", "Reason"), header="理由"),
    ), columns=("viewpoint_id", "item_id", "reason"),
        not_described={
            "issue_id": "the issue linked: the link is shown on that issue's page",
            "note_id": "the note linked: the link is shown with that note",
            "plan_id": "the plan the 視点 belong to (one at a time: the framework's)",
        }),
)}

_TABLES = {t.__table__.name: t for t in m.USER_TABLES}


def entity(kind: str) -> Entity:
    return ENTITIES[kind]


def field_def(kind: str, name: str) -> FieldDef | None:
    """The description of a field of ``kind``, if it has one."""
    e = ENTITIES.get(kind)
    return next((f for f in e.fields if f.name == name), None) if e is not None else None


def editor_fields(kind: str) -> tuple[FieldDef, ...]:
    """The fields the editor of ``kind`` shows, in its order."""
    e = ENTITIES.get(kind)
    return tuple(f for f in e.fields if f.editor) if e is not None else ()


def list_fields(kind: str) -> tuple[FieldDef, ...]:
    """The fields the list of ``kind`` shows as columns, in their order."""
    e = ENTITIES[kind]
    by_name = {f.name: f for f in e.fields}
    return tuple(by_name[name] for name in e.columns)


def searched_fields(kind: str) -> tuple[str, ...]:
    """The fields of ``kind`` the search document holds, in the order its body joins them."""
    e = ENTITIES.get(kind)
    return tuple(f.name for f in e.fields if f.searched) if e is not None else ()


def is_personal(kind: str, name: str) -> bool:
    """The model marks the field as personal data (left out of exports unless asked, never searched)."""
    return name in m.personal_columns(_TABLES[kind])
