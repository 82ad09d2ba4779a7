"""How kinds of records and single records are named on screen (menus, titles, messages).

Kept apart from the editors so that the main window can name recent items before the core
(and the editors that need it) has been imported.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from .i18n import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate

KIND_NAMES = {
    "organization": QT_TRANSLATE_NOOP("Kind", "Organization"),
    "meeting": QT_TRANSLATE_NOOP("Kind", "Meeting"),
    "agenda_item": QT_TRANSLATE_NOOP("Kind", "Agenda item"),
    "issue": QT_TRANSLATE_NOOP("Kind", "Issue"),
    "note": QT_TRANSLATE_NOOP("Kind", "Note"),
    "action_item": QT_TRANSLATE_NOOP("Kind", "Action item"),
    "attendee": QT_TRANSLATE_NOOP("Kind", "Attendee"),
    "officer": QT_TRANSLATE_NOOP("Kind", "Officer"),
    "request_answer": QT_TRANSLATE_NOOP("Kind", "Ward's answer"),
    "policy_link": QT_TRANSLATE_NOOP("Kind", "Viewpoint link"),
}


def kind_name(kind: str) -> str:
    return translate("Kind", KIND_NAMES.get(kind, kind))


def row_title(row) -> str:
    for name in ("title", "name", "body"):
        value = getattr(row, name, None)
        if value:
            text = " ".join(str(value).split())
            return text if len(text) <= 60 else text[:59] + "…"
    return row.id
