"""The field registry: one description of each entity's fields, as people read them.

The editors are built from it, and the history and the conflict queue name fields and show
stored values with it; it lives apart from the editors so that those read it without importing
the dialogs (that import made a cycle: children → editors → history → editors).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from .display import Display
from .i18n import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str  # source text in context "Field"
    kind: str  # text multiline int optint bool date optdate datetime optdatetime vocab org jukyo district ref
    vocab: str | None = None  # vocabulary kind, or the entity kind a "ref" points to
    optional: bool = False
    to_value: Callable[[Any], Any] | None = None  # widget value -> field value
    to_widget: Callable[[Any], Any] | None = None


def _int_code(v: Any) -> int | None:  # a vocabulary whose codes are stored as numbers: the widget's code -> the field
    return None if v is None else int(v)


def _code_text(v: Any) -> str | None:  # and back
    return None if v is None else str(v)


FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "organization": (
        FieldSpec("kind", QT_TRANSLATE_NOOP("Field", "Kind"), "vocab", "organization_kind"),
        FieldSpec("name", QT_TRANSLATE_NOOP("Field", "Name"), "text"),
        FieldSpec("yomi", QT_TRANSLATE_NOOP("Field", "Reading (kana)"), "text"),
        FieldSpec("jukyo_code", QT_TRANSLATE_NOOP("Field", "Jukyo"), "jukyo", optional=True),
        FieldSpec("district_code", QT_TRANSLATE_NOOP("Field", "District"), "district", optional=True),
    ),
    "meeting": (
        FieldSpec("organization_id", QT_TRANSLATE_NOOP("Field", "Organization"), "org"),
        FieldSpec("meeting_type", QT_TRANSLATE_NOOP("Field", "Type"), "vocab", "meeting_type"),
        FieldSpec("title", QT_TRANSLATE_NOOP("Field", "Title"), "text"),
        FieldSpec("starts_at", QT_TRANSLATE_NOOP("Field", "Starts"), "datetime"),
        FieldSpec("ends_at", QT_TRANSLATE_NOOP("Field", "Ends"), "optdatetime", optional=True),
        FieldSpec("place", QT_TRANSLATE_NOOP("Field", "Place"), "text"),
        FieldSpec("facilitator", QT_TRANSLATE_NOOP("Field", "Chair"), "text"),
        FieldSpec("recorder", QT_TRANSLATE_NOOP("Field", "Recorder"), "text"),
        FieldSpec("members_total", QT_TRANSLATE_NOOP("Field", "Members in total"), "int"),
        FieldSpec("present", QT_TRANSLATE_NOOP("Field", "Present"), "int"),
        FieldSpec("proxies", QT_TRANSLATE_NOOP("Field", "Proxies"), "int"),
        FieldSpec("written_votes", QT_TRANSLATE_NOOP("Field", "Written votes"), "int"),
        FieldSpec("status", QT_TRANSLATE_NOOP("Field", "Status"), "vocab", "meeting_status"),
        FieldSpec("signers", QT_TRANSLATE_NOOP("Field", "Signatories"), "text"),
        FieldSpec("next_meeting", QT_TRANSLATE_NOOP("Field", "Next meeting"), "text"),
    ),
    "agenda_item": (
        FieldSpec("title", QT_TRANSLATE_NOOP("Field", "Title"), "text"),
        FieldSpec("position", QT_TRANSLATE_NOOP("Field", "Order"), "int"),
        FieldSpec("planned_minutes", QT_TRANSLATE_NOOP("Field", "Planned minutes"), "int"),
        FieldSpec("actual_minutes", QT_TRANSLATE_NOOP("Field", "Actual minutes"), "optint", optional=True),
        FieldSpec("issue_id", QT_TRANSLATE_NOOP("Field", "Issue"), "ref", "issue", optional=True),
        FieldSpec("outcome", QT_TRANSLATE_NOOP("Field", "Outcome"), "multiline"),
    ),
    "issue": (
        FieldSpec("organization_id", QT_TRANSLATE_NOOP("Field", "Organization"), "org"),
        FieldSpec("title", QT_TRANSLATE_NOOP("Field", "Title"), "text"),
        FieldSpec("description", QT_TRANSLATE_NOOP("Field", "Description"), "multiline"),
        FieldSpec("category", QT_TRANSLATE_NOOP("Field", "Category"), "vocab", "issue_category"),
        FieldSpec("status", QT_TRANSLATE_NOOP("Field", "Status"), "vocab", "issue_status"),
        FieldSpec("priority", QT_TRANSLATE_NOOP("Field", "Priority"), "vocab", "priority",
                  to_value=_int_code, to_widget=_code_text),
        FieldSpec("place", QT_TRANSLATE_NOOP("Field", "Place"), "text"),
        FieldSpec("raised_on", QT_TRANSLATE_NOOP("Field", "Raised on"), "date"),
        FieldSpec("raised_meeting_id", QT_TRANSLATE_NOOP("Field", "Raised at meeting"), "ref", "meeting",
                  optional=True),
        FieldSpec("is_request", QT_TRANSLATE_NOOP("Field", "Request to the ward"), "bool"),
        FieldSpec("ward_answer", QT_TRANSLATE_NOOP("Field", "Ward's answer"), "multiline"),
        FieldSpec("answered_on", QT_TRANSLATE_NOOP("Field", "Answered on"), "optdate", optional=True),
        FieldSpec("department", QT_TRANSLATE_NOOP("Field", "Ward department"), "vocab", "ward_department",
                  optional=True),
        FieldSpec("received_on", QT_TRANSLATE_NOOP("Field", "Received by the ward"), "optdate", optional=True),
        FieldSpec("answer_due", QT_TRANSLATE_NOOP("Field", "Answer planned by"), "optdate", optional=True),
    ),
    "request_answer": (
        FieldSpec("kind", QT_TRANSLATE_NOOP("Field", "Kind"), "vocab", "answer_kind"),
        FieldSpec("answered_on", QT_TRANSLATE_NOOP("Field", "Answered on"), "date"),
        FieldSpec("department", QT_TRANSLATE_NOOP("Field", "Ward department"), "vocab", "ward_department",
                  optional=True),
        FieldSpec("body", QT_TRANSLATE_NOOP("Field", "Ward's answer"), "multiline"),
    ),
    "note": (
        FieldSpec("kind", QT_TRANSLATE_NOOP("Field", "Kind"), "vocab", "note_kind"),
        FieldSpec("body", QT_TRANSLATE_NOOP("Field", "Text"), "multiline"),
        FieldSpec("meeting_id", QT_TRANSLATE_NOOP("Field", "Meeting"), "ref", "meeting", optional=True),
        FieldSpec("issue_id", QT_TRANSLATE_NOOP("Field", "Issue"), "ref", "issue", optional=True),
        FieldSpec("speaker", QT_TRANSLATE_NOOP("Field", "Speaker"), "text"),
        FieldSpec("recorded_at", QT_TRANSLATE_NOOP("Field", "Recorded"), "datetime"),
        FieldSpec("decision_method", QT_TRANSLATE_NOOP("Field", "Decided by"), "vocab", "decision_method",
                  optional=True),
        FieldSpec("votes_for", QT_TRANSLATE_NOOP("Field", "Votes for"), "optint", optional=True),
        FieldSpec("votes_against", QT_TRANSLATE_NOOP("Field", "Votes against"), "optint", optional=True),
        FieldSpec("votes_abstain", QT_TRANSLATE_NOOP("Field", "Abstentions"), "optint", optional=True),
    ),
    "action_item": (
        FieldSpec("organization_id", QT_TRANSLATE_NOOP("Field", "Organization"), "org"),
        FieldSpec("title", QT_TRANSLATE_NOOP("Field", "What"), "text"),
        FieldSpec("assignee", QT_TRANSLATE_NOOP("Field", "Who"), "text"),
        FieldSpec("due_on", QT_TRANSLATE_NOOP("Field", "Due"), "optdate", optional=True),
        FieldSpec("status", QT_TRANSLATE_NOOP("Field", "Status"), "vocab", "action_status"),
        FieldSpec("done_on", QT_TRANSLATE_NOOP("Field", "Done on"), "optdate", optional=True),
        FieldSpec("issue_id", QT_TRANSLATE_NOOP("Field", "Issue"), "ref", "issue", optional=True),
        FieldSpec("meeting_id", QT_TRANSLATE_NOOP("Field", "Meeting"), "ref", "meeting", optional=True),
    ),
    "officer": (
        FieldSpec("nendo", QT_TRANSLATE_NOOP("Field", "Fiscal year"), "int"),
        FieldSpec("role", QT_TRANSLATE_NOOP("Field", "Office"), "vocab", "officer_role"),
        FieldSpec("name", QT_TRANSLATE_NOOP("Field", "Name"), "text"),
        FieldSpec("yomi", QT_TRANSLATE_NOOP("Field", "Reading (kana)"), "text"),
    ),
    "attendee": (
        FieldSpec("name", QT_TRANSLATE_NOOP("Field", "Name"), "text"),
        FieldSpec("yomi", QT_TRANSLATE_NOOP("Field", "Reading (kana)"), "text"),
        FieldSpec("role", QT_TRANSLATE_NOOP("Field", "Role"), "text"),
        FieldSpec("attendance", QT_TRANSLATE_NOOP("Field", "Attendance"), "vocab", "attendance"),
    ),
}


def field_spec(kind: str, name: str) -> FieldSpec | None:
    """The editor's description of a field of ``kind``, if the editor shows that field."""
    return next((s for s in FIELDS.get(kind, ()) if s.name == name), None)


#: labels of stored fields no editor shows (a 視点 link's, a note's text, the tombstone)
OTHER_FIELD_LABELS = {
    "deleted": QT_TRANSLATE_NOOP("Field", "Record exists"),
    "reason": QT_TRANSLATE_NOOP("Field", "Reason"),
    "viewpoint_id": QT_TRANSLATE_NOOP("Field", "Viewpoint"),
    "item_id": QT_TRANSLATE_NOOP("Field", "Item"),
    "body": QT_TRANSLATE_NOOP("Field", "Text"),
}


def field_label(kind: str, name: str) -> str:
    """A stored field's name as people read it: the editor's label where it has one."""
    spec = field_spec(kind, name)
    if spec is not None:
        return translate("Field", spec.label)
    label = OTHER_FIELD_LABELS.get(name)
    return translate("Field", label) if label else name


def stored_value_text(display: Display, spec: FieldSpec | None, value: Any) -> str | None:
    """A stored value (JSON-shaped: dates as ISO text) as the lists show it, for the field kinds
    that are not plain text (vocabulary labels, 和暦, names); None where the value is text."""
    if spec is None:
        return None
    kind = spec.kind
    if kind == "vocab":
        return display.label(spec.vocab or "", str(value)) or str(value)
    if kind in ("date", "optdate"):
        return display.date(dt.date.fromisoformat(value))
    if kind in ("datetime", "optdatetime"):
        return display.datetime(dt.datetime.fromisoformat(value))
    if kind == "bool":
        return translate("Field", "yes") if value else translate("Field", "no")
    if kind == "org":
        return display.org(value) or value
    if kind == "jukyo":
        return display.jukyo_name(value) or value
    if kind == "district":
        return display.district(value) or value
    return None
