"""Editors for every entity: one dialog class driven by a list of fields per entity.

The dialog saves through the entity's service on the database lane. A ValidationError names
the field it is about; its message appears under that field, and the field gets the focus.
Nothing is saved until Save (Ctrl+S); Esc asks before throwing typed text away.

Why one file of ~590 lines: one dialog class and its three specialisations (organizations and
their officers, meetings, linked records);
the field registry they are driven by is already its own module (fields.py).
"""

from __future__ import annotations

import datetime as dt

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import UserError, ValidationError
from ..core.services import quorum
from . import a11y
from .children import ChildTable
from .display import Display
from .fields import FIELDS, FieldSpec
from .history import HistoryDialog
from .names import kind_name, row_title
from .picker import PickerDialog
from .policy import ReasonDialog
from .tasks import TaskManager
from .widgets import ChoiceBox, confirm, DateEdit, fit_to_screen, text_lines_height
from .yomi import YomiSuggestion
from .i18n import tr_args

translate = QCoreApplication.translate


class _DateTimeEdit(QWidget):
    """A date (typed freely) and a time of day."""

    def __init__(self, era: bool, optional: bool, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.date = DateEdit(era)
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        a11y.mark_part(self.time, translate("A11y", "time"))
        self.optional = optional
        layout.addWidget(self.date, 3)
        layout.addWidget(self.time, 1)
        self.setFocusProxy(self.date)

    def value(self) -> dt.datetime | None:
        day = self.date.value()
        if day is None:
            if self.optional:
                return None
            raise ValueError(translate("Dialogs", "Enter a date."))
        t = self.time.time()
        return dt.datetime.combine(day, dt.time(t.hour(), t.minute()))

    def set_value(self, value: dt.datetime | None) -> None:
        self.date.set_value(value.date() if value else None)
        self.time.setTime(QTime(value.hour, value.minute) if value else QTime(19, 0))


class RefField(QWidget):
    """A reference to a meeting or an issue: its title, and a button to choose another."""

    changed = Signal()

    def __init__(self, kind: str, services, tasks: TaskManager, display: Display, parent=None):
        super().__init__(parent)
        self.kind, self.services, self.tasks, self.display = kind, services, tasks, display
        self._id: str | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLineEdit()
        self.label.setReadOnly(True)
        self.label.setPlaceholderText(translate("Dialogs", "(none)"))
        self.choose = QPushButton(translate("Dialogs", "Choose…"))
        self.clear = QPushButton(translate("Dialogs", "Clear"))
        layout.addWidget(self.label, 1)
        layout.addWidget(self.choose)
        layout.addWidget(self.clear)
        self.setFocusProxy(self.choose)
        self.choose.clicked.connect(self._pick)
        self.clear.clicked.connect(lambda: self.set_value(None))

    def value(self) -> str | None:
        return self._id

    def set_value(self, ref_id: str | None, title: str | None = None) -> None:
        changed = ref_id != self._id
        self._id = ref_id
        if ref_id is None:
            self.label.clear()
        elif title is not None:
            self.label.setText(title)
        else:
            service = self.services.by_kind(self.kind)
            self.tasks.run_in_background(lambda: service.get(ref_id), self._show_title,
                                         lambda exc: self.label.setText(ref_id), owner=self)
        if changed:
            self.changed.emit()

    def _show_title(self, row) -> None:
        if self._id == row.id:  # not chosen another meanwhile
            self.label.setText(row_title(row))

    def _pick(self) -> None:
        dialog = PickerDialog(self.kind, self.services, self.tasks, self.display, self)
        dialog.picked.connect(lambda row: self.set_value(row.id, row_title(row)))
        dialog.open()


# what an editor makes for each kind of field (see EditorDialog._make_widget)
FieldWidget = QLineEdit | QPlainTextEdit | QSpinBox | QCheckBox | DateEdit | _DateTimeEdit | ChoiceBox | RefField
# those of them that read and show a value with value() / set_value()
_VALUED = (DateEdit, _DateTimeEdit, ChoiceBox, RefField)


class EditorDialog(QDialog):
    """Create or edit one row of ``kind``. Emits ``saved(row)`` after a successful save.

    Saves and deletes run through the one operation path (``TaskManager.change``): every
    screen hears of them from its broadcast, also when the editor was closed while its save
    ran (the dialog's own signals are not delivered once it is gone).
    """

    saved = Signal(object)
    deleted = Signal(object)

    def __init__(self, kind: str, services, tasks: TaskManager, display: Display, row=None,
                 defaults: dict | None = None, parent=None):
        super().__init__(parent)
        self.kind, self.services, self.tasks, self.display = kind, services, tasks, display
        self.service = services.by_kind(kind)
        self.row = row
        self.defaults = dict(defaults or {})
        self.widgets: dict[str, FieldWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._saving = False
        self.setObjectName(f"editor_{kind}")
        self.setWindowTitle(
            tr_args("Dialogs", "New %1", kind_name(kind)) if row is None
            else tr_args("Dialogs", "%1: %2", kind_name(kind), row_title(row)))
        self.setSizeGripEnabled(True)

        outer = QVBoxLayout(self)
        self.general_error = QLabel()
        self.general_error.setObjectName("general_error")
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet("color: #b00020;")
        self.general_error.hide()
        outer.addWidget(self.general_error)

        form_host = QWidget()
        self.form = QFormLayout(form_host)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for spec in FIELDS[kind]:
            self._add_field(spec)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop: its fields are
        scroll.setWidget(form_host)
        outer.addWidget(scroll, 1)

        self.extra = QVBoxLayout()
        outer.addLayout(self.extra)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(translate("Dialogs", "Save (Ctrl+S)"))
        self.delete_button = None
        self.history_button = self.buttons.addButton(translate("Dialogs", "History…"),
                                                     QDialogButtonBox.ButtonRole.ActionRole)
        self.history_button.setObjectName("history_button")
        self.history_button.setToolTip(translate("Dialogs", "When this record was changed, where, and how"))
        self.history_button.clicked.connect(self.show_history)
        self.history_button.setVisible(row is not None)
        if row is not None:
            self.delete_button = self.buttons.addButton(translate("Dialogs", "Delete…"),
                                                        QDialogButtonBox.ButtonRole.DestructiveRole)
            self.delete_button.clicked.connect(self.delete)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        self._fill(row)
        name, yomi = self.widgets.get("name"), self.widgets.get("yomi")
        if isinstance(name, QLineEdit) and isinstance(yomi, QLineEdit):
            self.yomi_suggestion = YomiSuggestion(name, yomi, tasks, self)
        self._initial = self._snapshot()
        a11y.tab_order_follows_layout(self)
        fit_to_screen(self, 560, min(140 + 44 * len(FIELDS[kind]), 760))

    # -- building --------------------------------------------------------------------

    def _make_widget(self, spec: FieldSpec) -> FieldWidget:
        d = self.display
        if spec.kind == "text":
            return QLineEdit()
        if spec.kind == "multiline":
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setMinimumHeight(text_lines_height(text, 4))  # four lines, in large text too
            return text
        if spec.kind == "int":
            number = QSpinBox()
            number.setRange(0, 100000)
            return number
        if spec.kind == "optint":
            optional = QLineEdit()
            optional.setPlaceholderText(translate("Dialogs", "(none)"))
            return optional
        if spec.kind == "bool":
            return QCheckBox()
        if spec.kind in ("date", "optdate"):
            return DateEdit(d.era)
        if spec.kind in ("datetime", "optdatetime"):
            return _DateTimeEdit(d.era, spec.kind == "optdatetime")
        if spec.kind == "vocab" and spec.vocab is not None:
            return ChoiceBox(d.entries(spec.vocab), empty=translate("Dialogs", "(none)") if spec.optional else None)
        if spec.kind == "org":
            return ChoiceBox(sorted_orgs(d))
        if spec.kind == "jukyo":
            return ChoiceBox([(j.code, j.name) for j in d.jukyo], empty=translate("Dialogs", "(none)"))
        if spec.kind == "district":
            return ChoiceBox([(x.code, d.district(x.code)) for x in d.districts], empty=translate("Dialogs", "(none)"))
        if spec.kind == "ref" and spec.vocab is not None:
            return RefField(spec.vocab, self.services, self.tasks, d)
        raise ValueError(spec.kind)

    def _add_field(self, spec: FieldSpec) -> None:
        widget = self._make_widget(spec)
        widget.setObjectName(f"field_{spec.name}")
        error = QLabel()
        error.setObjectName(f"error_{spec.name}")
        error.setWordWrap(True)
        error.setStyleSheet("color: #b00020;")
        error.hide()
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        label = a11y.labelled(QLabel(translate("Field", spec.label)), widget)
        self.form.addRow(label, cell)
        self.widgets[spec.name] = widget
        self.errors[spec.name] = error

    # -- values ----------------------------------------------------------------------

    def _spec(self, name: str) -> FieldSpec:
        return next(s for s in FIELDS[self.kind] if s.name == name)

    def _set(self, spec: FieldSpec, value) -> None:
        w = self.widgets[spec.name]
        if spec.to_widget is not None:
            value = spec.to_widget(value)
        if spec.kind == "text" and isinstance(w, QLineEdit):
            w.setText(value or "")
        elif spec.kind == "multiline" and isinstance(w, QPlainTextEdit):
            w.setPlainText(value or "")
        elif spec.kind == "int" and isinstance(w, QSpinBox):
            w.setValue(int(value or 0))
        elif spec.kind == "optint" and isinstance(w, QLineEdit):
            w.setText("" if value is None else str(value))
        elif spec.kind == "bool" and isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, _VALUED):
            w.set_value(value)
        else:
            raise TypeError(f"{spec.name}: a {type(w).__name__} for a {spec.kind} field")

    def _get(self, spec: FieldSpec):
        w = self.widgets[spec.name]
        value: object  # what the field holds: text, a number, a date, a code…
        if spec.kind == "text" and isinstance(w, QLineEdit):
            value = w.text()
        elif spec.kind == "multiline" and isinstance(w, QPlainTextEdit):
            value = w.toPlainText()
        elif spec.kind == "int" and isinstance(w, QSpinBox):
            value = w.value()
        elif spec.kind == "optint" and isinstance(w, QLineEdit):
            text = w.text().strip()
            if not text:
                value = None
            else:
                try:
                    value = int(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
                except ValueError:
                    raise ValueError(translate("Dialogs", "Enter a whole number.")) from None
        elif spec.kind == "bool" and isinstance(w, QCheckBox):
            value = w.isChecked()
        elif isinstance(w, _VALUED):
            value = w.value()
        else:
            raise TypeError(f"{spec.name}: a {type(w).__name__} for a {spec.kind} field")
        if spec.to_value is not None:
            value = spec.to_value(value)
        return value

    def _fill(self, row) -> None:
        base = self.service.create_schema.model_fields
        for spec in FIELDS[self.kind]:
            if row is not None:
                value = getattr(row, spec.name)
            elif spec.name in self.defaults:
                value = self.defaults[spec.name]
            else:
                field = base[spec.name]
                value = None if field.is_required() else field.get_default(call_default_factory=True)
            self._set(spec, value)

    def _snapshot(self) -> dict:
        out = {}
        for spec in FIELDS[self.kind]:
            try:
                out[spec.name] = self._get(spec)
            except ValueError:
                out[spec.name] = object()
        return out

    def values(self) -> dict:
        """Field values from the widgets; a ValidationError names a field that cannot be read."""
        out = {}
        for spec in FIELDS[self.kind]:
            try:
                out[spec.name] = self._get(spec)
            except ValueError as exc:
                raise ValidationError(str(exc), str(exc), field=spec.name) from None
        return out

    def is_modified(self) -> bool:
        return self._snapshot() != self._initial

    # -- saving ----------------------------------------------------------------------

    def clear_errors(self) -> None:
        self.general_error.hide()
        for name, label in self.errors.items():
            label.clear()
            label.hide()
            for w in a11y.inputs(self.widgets[name]):
                w.setAccessibleDescription("")

    def show_error(self, exc: BaseException) -> None:
        text = exc.message(self.display.language) if isinstance(exc, UserError) else str(exc)
        name = getattr(exc, "field", None)
        name = name.split(".")[0] if name else None
        if name in self.errors:
            self.errors[name].setText(text)
            self.errors[name].show()
            for w in a11y.inputs(self.widgets[name]):
                w.setAccessibleDescription(text)  # read out with the field it is about
            self.widgets[name].setFocus()
        else:
            self.general_error.setText(text)
            self.general_error.show()

    def save(self) -> None:
        if self._saving:
            return
        self.clear_errors()
        try:
            values = self.values()
        except ValidationError as exc:
            self.show_error(exc)
            return
        service = self.service
        if self.row is None:
            data = {**{k: v for k, v in self.defaults.items() if k not in values}, **values}
            work = lambda: service.create(data)  # noqa: E731
        else:
            changes = {k: v for k, v in values.items() if getattr(self.row, k) != v}
            row_id = self.row.id
            work = lambda: service.update(row_id, changes)  # noqa: E731
        self._saving = True
        self.save_button.setEnabled(False)
        self._run_change(work, self._saved)

    def _run_change(self, work, then) -> None:
        """``work`` (a save or delete) on the lane; the window hears of the change even if this
        editor has been closed by then, ``then`` only while it is still open."""
        tasks = self.tasks

        def done(row):
            if shiboken6.isValid(self):
                then(row)

        def failed(exc):
            if shiboken6.isValid(self):
                self._save_failed(exc)
            else:
                tasks.report_error(exc)

        tasks.change(work, done, failed)

    def show_history(self):
        """履歴: every recorded change of this record."""
        if self.row is None:
            return None
        dialog = HistoryDialog(self.kind, self.row, self.services, self.tasks, self.display, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _saved(self, row) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.history_button.setVisible(True)
        self.row = row
        self._initial = self._snapshot()
        self.saved.emit(row)
        self.after_save(row)

    def after_save(self, row) -> None:
        """Simple editors close once saved; editors with sub-lists stay open."""
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.show_error(exc)
        else:
            self.tasks.report_error(exc)

    def delete(self) -> None:
        if self.row is None:
            return
        if not confirm(self, translate("Dialogs", "Delete"),
                       tr_args("Dialogs", "Delete “%1”? You can undo this with Ctrl+Z.", row_title(self.row))):
            return
        service, row_id = self.service, self.row.id
        self._run_change(lambda: service.delete(row_id), self._deleted)

    def _deleted(self, row) -> None:
        self.deleted.emit(row)
        self._initial = self._snapshot()
        self.accept()

    def reject(self) -> None:
        if self.is_modified() and not confirm(
                self, translate("Dialogs", "Discard changes"),
                translate("Dialogs", "Close without saving what you typed?")):
            return
        super().reject()


def sorted_orgs(display: Display) -> list[tuple[str, str]]:
    return list(display.org_names.items())


class MeetingEditor(EditorDialog):
    """A meeting, its quorum, and (once saved) its agenda and attendees."""

    def __init__(self, services, tasks, display, row=None, defaults=None, parent=None):
        super().__init__("meeting", services, tasks, display, row, defaults, parent)
        self.quorum_label = QLabel()
        self.quorum_label.setObjectName("quorum")
        self.form.insertRow(self.form.rowCount() - 3, translate("Field", "Quorum"), self.quorum_label)
        for name in ("meeting_type", "members_total", "present", "proxies", "written_votes"):
            w = self.widgets[name]
            (w.currentIndexChanged if isinstance(w, ChoiceBox) else w.valueChanged).connect(self._update_quorum)
        self._update_quorum()
        self.children_panel = None
        if row is not None:
            self._add_children(row)

    def _update_quorum(self, *_):
        code = self.widgets["meeting_type"].value()
        rule = self.services.vocab.extra("meeting_type", code).get("quorum", {}) if code else {}
        q = quorum(rule, self.widgets["members_total"].value(), self.widgets["present"].value(),
                   self.widgets["proxies"].value(), self.widgets["written_votes"].value())
        if q.required == 0:
            text = translate("Dialogs", "No quorum rule")
        else:
            verdict = translate("Dialogs", "reached") if q.reached else translate("Dialogs", "not reached")
            text = tr_args("Dialogs", "%1 of %2 needed: %3", str(q.attending), str(q.required), verdict)
        self.quorum_label.setText(text)

    def _add_children(self, row) -> None:
        self.agenda = ChildTable("agenda_item", {"meeting_id": row.id}, self.services, self.tasks, self.display,
                                 translate("Dialogs", "Agenda"), editor_for, self)
        self.attendees = ChildTable("attendee", {"meeting_id": row.id}, self.services, self.tasks, self.display,
                                    translate("Dialogs", "Attendees (personal data)"), editor_for, self)
        box = QHBoxLayout()
        box.addWidget(self.agenda)
        box.addWidget(self.attendees)
        self.extra.addLayout(box)
        a11y.tab_order_follows_layout(self)
        fit_to_screen(self, 920, 960)

    def after_save(self, row) -> None:
        if self.children_panel is None and not hasattr(self, "agenda"):
            self._add_children(row)
            self.setWindowTitle(tr_args("Dialogs", "%1: %2", kind_name("meeting"), row_title(row)))
            return
        self.accept()


class LinkedEditor(EditorDialog):
    """Issues and notes: also the 視点 they are linked to, and the way to link more."""

    link_requested = Signal(str, object)  # kind, row

    def __init__(self, kind, services, tasks, display, row=None, defaults=None, parent=None):
        super().__init__(kind, services, tasks, display, row, defaults, parent)
        self.links = None
        self.link_button = QPushButton(translate("Dialogs", "Link to a viewpoint…"))
        self.link_button.setObjectName("link_button")
        self.link_button.clicked.connect(self._request_link)
        if row is not None:
            self._add_links(row)
        else:
            hint = QLabel(translate("Dialogs", "Save first, then link it to the ward plan's viewpoints."))
            hint.setWordWrap(True)
            self._hint = hint
            self.extra.addWidget(hint)

    def _add_links(self, row) -> None:
        target = "issue_id" if self.kind == "issue" else "note_id"
        self.links = ChildTable("policy_link", {target: row.id}, self.services, self.tasks, self.display,
                                translate("Dialogs", "Linked viewpoints"), editor_for, self, can_add=False,
                                remove_text=translate("Dialogs", "Unlink…"))
        self.links.buttons_layout.insertWidget(0, self.link_button)
        self.reason_button = QPushButton(translate("Dialogs", "Edit reason…"))
        self.reason_button.setObjectName("reason_button")
        self.reason_button.clicked.connect(self.edit_reason)
        self.links.buttons_layout.insertWidget(1, self.reason_button)
        self.links.view.doubleClicked.connect(lambda _i: self.edit_reason())
        # a few links at most: the fields above keep the height (in large text on a laptop too)
        self.links.view.setMaximumHeight(self.links.view.fontMetrics().lineSpacing() * 8)
        self.extra.addWidget(self.links)
        a11y.tab_order_follows_layout(self)

    def edit_reason(self):
        """Change the reason of the selected 視点 link."""
        link = self.links.current() if self.links is not None else None
        if link is None:
            return None
        dialog = ReasonDialog(link, self.display, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        service = self.services.links

        def save(reason: str) -> None:
            self.tasks.change(lambda: service.update(link.id, {"reason": reason}))

        dialog.reason_chosen.connect(save)
        dialog.open()
        return dialog

    def _request_link(self) -> None:
        if self.row is not None:
            self.link_requested.emit(self.kind, self.row)

    def after_save(self, row) -> None:
        if self.links is None:
            if hasattr(self, "_hint"):
                self._hint.hide()
            self._add_links(row)
            self.setWindowTitle(tr_args("Dialogs", "%1: %2", kind_name(self.kind), row_title(row)))
            return
        self.accept()


class OrganizationEditor(EditorDialog):
    """An organization and, when it is opened again after it was made, its officers per 年度."""

    def __init__(self, services, tasks, display, row=None, defaults=None, parent=None):
        super().__init__("organization", services, tasks, display, row, defaults, parent)
        self.officers = None
        if row is not None:
            self._add_officers(row)

    def _add_officers(self, row) -> None:
        self.officers = ChildTable("officer", {"organization_id": row.id}, self.services, self.tasks, self.display,
                                   translate("Dialogs", "Officers by fiscal year (personal data)"), editor_for, self)
        self.extra.addWidget(self.officers)


def editor_for(kind: str, services, tasks, display, row=None, defaults=None, parent=None) -> EditorDialog:
    if kind == "organization":
        return OrganizationEditor(services, tasks, display, row, defaults, parent)
    if kind == "meeting":
        return MeetingEditor(services, tasks, display, row, defaults, parent)
    if kind in ("issue", "note"):
        return LinkedEditor(kind, services, tasks, display, row, defaults, parent)
    return EditorDialog(kind, services, tasks, display, row, defaults, parent)

