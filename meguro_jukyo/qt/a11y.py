"""Accessible names: what a screen reader says for each control, taken from the label beside it.

Qt finds a control's name from a label only when the label is its sibling and its buddy; a
field that sits in a wrapper (an error line under it, a date beside a time, a button beside a
line) has neither, and a combo box is "named" by its current value. These helpers put the
label's words on the real inputs, and set the buddy to the input that takes the focus, so the
label's mnemonic (Alt+letter) reaches it too.

A composite field marks its parts with :func:`mark_part` ("from", "to", "time"): they are named
"Dates (from)", "Dates (to)" when the composite is labelled.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QComboBox, QFormLayout, QLabel, QLayout, QScrollArea, QToolButton, QWidget

from .i18n import tr_args

translate = QCoreApplication.translate

_PART = "a11y_part"


def plain(text: str) -> str:
    """A label's text as it is read: no mnemonic ampersand, no trailing colon."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.strip().rstrip(":：").strip()


def focusable(widget: QWidget) -> bool:
    """A control the Tab key can reach (whether or not it is shown just now)."""
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def focus_target(widget: QWidget) -> QWidget:
    """The widget that takes the focus for ``widget``: its focus proxy, followed to the end."""
    while (proxy := widget.focusProxy()) is not None and proxy is not widget:
        widget = proxy
    return widget


def mark_part(widget: QWidget, part: str) -> QWidget:
    """``widget`` is one part of a composite field; its name will be "label (part)"."""
    widget.setProperty(_PART, part)
    return widget


def name(widget: QWidget, text: str) -> QWidget:
    """Name ``widget`` (a table, a search box, a field without a label beside it)."""
    widget.setAccessibleName(plain(text))
    return widget


def inputs(widget: QWidget) -> list[QWidget]:
    """The focusable controls of a field: the widget itself, or those inside it, in order.
    Buttons with their own text (Choose…, Clear) keep the name their text gives them."""
    found = [w for w in (widget, *widget.findChildren(QWidget)) if focusable(w)]
    return [w for w in found if not (isinstance(w, QAbstractButton) and w.text())] or found[:1]


def name_field(widget: QWidget, text: str) -> None:
    """Every input of the field ``widget`` named after ``text`` (parts as "text (part)")."""
    label = plain(text)
    if not label:
        return
    widget.setAccessibleName(label)
    for w in inputs(widget):
        part = w.property(_PART)
        w.setAccessibleName(tr_args("A11y", "%1 (%2)", label, part) if part else label)


def labelled(label: QLabel, widget: QWidget, text: str | None = None) -> QLabel:
    """``label`` names ``widget``: its buddy is the input that takes the focus (a wrapper's focus
    proxy, or the wrapper's first input) and the field's inputs carry the label's words."""
    found = inputs(widget)
    target = focus_target(widget)
    label.setBuddy(target if target is not widget or not found else found[0])
    name_field(widget, text if text is not None else label.text())
    return label


def _item_widget(layout: QFormLayout, row: int, role: QFormLayout.ItemRole) -> QWidget | QLayout | None:
    item = layout.itemAt(row, role)
    if item is None:
        return None
    return item.widget() or item.layout()


def name_form(form: QFormLayout) -> None:
    """Every row of ``form`` whose label is text: the field (a widget, or a layout of widgets)
    named by it and the label's buddy set on the real input."""
    for row in range(form.rowCount()):
        label = _item_widget(form, row, QFormLayout.ItemRole.LabelRole)
        field = _item_widget(form, row, QFormLayout.ItemRole.FieldRole)
        if not isinstance(label, QLabel) or not plain(label.text()) or field is None:
            continue
        if isinstance(field, QLayout):
            _name_row(label, field)
        else:
            labelled(label, field)


def _name_row(label: QLabel, row: QLayout) -> None:
    """A form row of several widgets: each named by the label before it (the row's label, or a
    label inside the row such as "Answer planned by:"); buttons keep their own text."""
    current, first = label, True
    for i in range(row.count()):
        item = row.itemAt(i)
        w = item.widget() if item is not None else None
        if w is None or (isinstance(w, QAbstractButton) and w.text()):
            continue
        if isinstance(w, QLabel):
            current = w if plain(w.text()) else current
            continue
        if first or current is not label:
            labelled(current, w)
        else:
            name_field(w, label.text())
        first = False


def layout_order(root: QWidget) -> list[QWidget]:
    """The focusable controls of ``root`` in the order its layouts place them: rows top to
    bottom, and within a row left to right (a scroll area's contents where it stands)."""
    found: list[QWidget] = []

    def visit(w: QWidget) -> None:
        if w.isWindow() and w is not root:
            return
        if focusable(w) and not isinstance(w, QScrollArea):
            found.append(w)
        elif isinstance(w, QScrollArea) and (content := w.widget()) is not None:
            visit(content)
        elif (layout := w.layout()) is not None:
            walk(layout)

    def walk(layout: QLayout) -> None:
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item is None:
                continue
            if (widget := item.widget()) is not None:
                visit(widget)
            elif (inner := item.layout()) is not None:
                walk(inner)

    visit(root)
    return found


def tab_order_follows_layout(root: QWidget) -> None:
    """Tab visits ``root``'s controls in :func:`layout_order` (a table added below the fields
    after Save was made comes before Save, not after it)."""
    chain = layout_order(root)
    for a, b in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(a, b)


def unnamed(root: QWidget) -> list[QWidget]:
    """The controls shown in ``root`` that Tab reaches and a screen reader has no name for
    (the accessibility test's check; also handy when building a new dialog)."""
    out = []
    for w in (root, *root.findChildren(QWidget)):
        if not focusable(w) or not w.isVisibleTo(root) or (w is root and w.isWindow()):
            continue
        iface = QAccessible.queryAccessibleInterface(w)
        text = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not text.strip() or (_names_by_value(w) and not w.accessibleName()):
            out.append(w)
    return out


def _names_by_value(widget: QWidget) -> bool:
    """Controls whose default name is what they show just now (a combo box's current choice,
    a drop-down button's ticked choices), not what they are for."""
    return isinstance(widget, QComboBox) or (isinstance(widget, QToolButton) and widget.menu() is not None)
