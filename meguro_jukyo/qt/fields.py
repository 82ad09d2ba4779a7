"""The field registry's widget side: the fields each editor shows, and their names and values as
people read them.

The fields themselves are described once in core/fields.py (labels, kinds, vocabularies, which
editor shows them); this adds what only the GUI needs: the editors' conversions between a
widget's value and the field's, and the translated labels and value texts the history and
the conflict queue show. It lives apart from the editors so that those read it without
importing the dialogs (that import made a cycle: children → editors → history → editors).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from ..core.fields import ENTITIES, editor_fields, field_def
from .display import Display
from .i18n import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate


@dataclass(frozen=True)
class FieldSpec:
    """A field as the editor shows it: its description (core/fields.py) and the widget's side."""

    name: str
    label: str  # source text in context "Field"
    kind: str  # core.fields.KINDS: the editor picks its widget by it
    vocab: str | None = None  # vocabulary kind, or the entity kind a "ref" points to
    optional: bool = False
    to_value: Callable[[Any], Any] | None = None  # widget value -> field value
    to_widget: Callable[[Any], Any] | None = None


def _int_code(v: Any) -> int | None:  # a vocabulary whose codes are stored as numbers: the widget's code -> the field
    return None if v is None else int(v)


def _code_text(v: Any) -> str | None:  # and back
    return None if v is None else str(v)


# (entity, field) -> (to_value, to_widget): widgets whose value is not the field's
_CONVERSIONS = {("issue", "priority"): (_int_code, _code_text)}


def _editor_specs(kind: str) -> tuple[FieldSpec, ...]:
    return tuple(FieldSpec(f.name, f.label, f.kind, f.vocab, f.optional, *_CONVERSIONS.get((kind, f.name), (None, None)))
                 for f in editor_fields(kind))


# the fields each editor shows, in its order: the entities' descriptions that have an editor
FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    kind: specs for kind in ENTITIES if (specs := _editor_specs(kind))
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
    """A stored field's name as people read it: its description's label where it has one."""
    described = field_def(kind, name)
    if described is not None:
        return translate("Field", described.label)
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
