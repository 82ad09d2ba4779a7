"""The Excel page: the coordinators' workbook, the template and its import, open data (DESIGN.md §7).

Everything is done by the core (core/exchange) on the database lane; this page only gathers
what the person chose and shows what came back. The workbook export previews its rows per
sheet, recounted on the lane a moment after a filter changes, and writes with progress and
Cancel (a cancelled export leaves no file). An import is first run as a dry run: the page
shows what would be added or updated and every problem by row and column, and writes only
when asked, all rows or only the valid ones, as one change that one Undo takes back.

Why one file of ~800 lines: the page's three panes (workbook, template import, open data) share one
progress/preview/problems flow and its models; split, each pane would import the others' models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import UserError
from ..core.exchange import opendata, xlsx_export
from ..core.exchange.xlsx_export import (
    ExportFilters,
    export_workbook,
    preview_export,
    rows_without_each_filter,
)
from ..core.exchange.xlsx_import import ImportReport, import_workbook
from ..core.exchange.xlsx_sheets import ACTION_SHEET, ISSUE_SHEET
from ..core.exchange.xlsx_template import export_template
from ..core.japanese import nendo
from . import file_dialogs
from . import a11y
from ..core.progress import Cancelled, Relabelled
from .display import Display
from .settings import Settings
from .tasks import TaskManager, error_text
from .widgets import ChoiceBox, ChoiceChecks, ChoiceMenu, DateEdit, empty_hint_text, report_cell, report_table, show_error
from .i18n import QT_TRANSLATE_NOOP, fill, tr_args, tr_n

translate = QCoreApplication.translate
#: the filters ``rows_without_each_filter`` names, as this page labels them
FILTER_LABELS = {"organization": QT_TRANSLATE_NOOP("Excel", "Organization"),
                 "district": QT_TRANSLATE_NOOP("Excel", "District"),
                 "dates": QT_TRANSLATE_NOOP("Excel", "Fiscal year / dates"),
                 "statuses": QT_TRANSLATE_NOOP("Excel", "Issue status"),
                 "categories": QT_TRANSLATE_NOOP("Excel", "Issue category")}
PREVIEW_DEBOUNCE_MS = 250
NENDO_YEARS = 12
ERROR_STYLE = "color: #b00020;"
HINT_STYLE = "color: #555;"

#: what each data sheet of the workbook holds (the sheet names are the workbook's own, in Japanese)
SHEET_CONTENTS = {
    ISSUE_SHEET: QT_TRANSLATE_NOOP("Excel", "Local issues, with their policy viewpoints (can be edited and imported back)"),
    xlsx_export.MEETING_SHEET: QT_TRANSLATE_NOOP("Excel", "Meetings, with attendance and quorum"),
    xlsx_export.NOTE_SHEET: QT_TRANSLATE_NOOP("Excel", "Notes, decisions and agreements of the meetings"),
    ACTION_SHEET: QT_TRANSLATE_NOOP("Excel", "Action items (can be edited and imported back)"),
    xlsx_export.LINK_SHEET: QT_TRANSLATE_NOOP("Excel", "Which issue is linked to which policy viewpoint"),
    xlsx_export.ATTENDEE_SHEET: QT_TRANSLATE_NOOP("Excel", "Attendees of each meeting (personal data)"),
}
CONTACT_KEY = "opendata/contact"  # in the app's settings: who the README names as contact

OPENDATA_CONTENTS = {
    opendata.ISSUES_FILE: QT_TRANSLATE_NOOP("Excel", "Local issues: title, category, status, area, dates, viewpoints"),
    opendata.DECISIONS_FILE: QT_TRANSLATE_NOOP("Excel", "Decisions and agreements: wording and how they were decided"),
    opendata.COUNTS_FILE: QT_TRANSLATE_NOOP("Excel", "Issues per policy viewpoint and 住区"),
}


def _label(text: str = "", *, style: str | None = None, name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    if name:
        label.setObjectName(name)
    return label


def _sized(view: QTableView, *samples: str) -> None:
    """Start each column as wide as its usual content or its title (the last one stretches)."""
    metrics = view.fontMetrics()
    model = view.model()
    for column, sample in enumerate(samples):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        view.horizontalHeader().resizeSection(
            column, max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + 24)


def _fit(view: QTableView) -> None:
    """As tall as its rows (a short table with no empty space below it)."""
    view.resizeRowsToContents()
    height = view.horizontalHeader().height() + view.verticalHeader().length() + 2 * view.frameWidth()
    view.setFixedHeight(max(height, view.horizontalHeader().height() * 2 + 2 * view.frameWidth()))


# --------------------------------------------------------------------------- models


class PreviewModel(QStandardItemModel):
    """Rows per data sheet of the workbook, as preview_export counted them."""

    def __init__(self, parent=None):
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([translate("Excel", "Sheet"), translate("Excel", "Rows"),
                                        translate("Excel", "Contents")])
        self.counts: dict[str, int] = {}

    def show(self, counts: dict[str, int]) -> None:
        self.counts = dict(counts)
        self.removeRows(0, self.rowCount())
        for sheet, n in counts.items():
            contents = SHEET_CONTENTS.get(sheet)
            self.appendRow([report_cell(sheet), report_cell(f"{n:,}", number=True),
                            report_cell(translate("Excel", contents) if contents else "")])
        self.appendRow([report_cell(translate("Excel", "Total"), bold=True),
                        report_cell(f"{sum(counts.values()):,}", number=True, bold=True), report_cell("")])

    def rows(self) -> dict[str, int]:
        """Sheet -> rows as shown (the total row left out)."""
        return {self.item(r, 0).text(): int(self.item(r, 1).text().replace(",", ""))
                for r in range(self.rowCount() - 1)}


class ImportCountsModel(QStandardItemModel):
    """Per sheet: rows to add, to update, unchanged, and with problems (left out)."""

    def __init__(self, parent=None):
        super().__init__(0, 5, parent)
        self._headers(pending=True)

    def _headers(self, pending: bool) -> None:
        if pending:
            names = (translate("Excel", "To add"), translate("Excel", "To update"),
                     translate("Excel", "Unchanged"), translate("Excel", "Rows with problems"))
        else:
            names = (translate("Excel", "Added"), translate("Excel", "Updated"),
                     translate("Excel", "Unchanged"), translate("Excel", "Left out"))
        self.setHorizontalHeaderLabels([translate("Excel", "Sheet"), *names])

    def show(self, report: ImportReport | None) -> None:
        self.removeRows(0, self.rowCount())
        if report is None:
            return
        self._headers(not report.written)  # "added" only for what was written
        sheets = list(dict.fromkeys([*report.created, *report.updated, *report.unchanged, *report.skipped]))
        for sheet in sheets:
            self.appendRow([report_cell(sheet)] + [
                report_cell(f"{counter.get(sheet, 0):,}", number=True)
                for counter in (report.created, report.updated, report.unchanged, report.skipped)])

    def row_texts(self, row: int) -> list[str]:
        return [self.item(row, c).text() for c in range(self.columnCount())]


class ProblemsModel(QStandardItemModel):
    """Every problem of an import (then every note), by sheet, row and column."""

    def __init__(self, parent=None):
        super().__init__(0, 5, parent)
        self.setHorizontalHeaderLabels([translate("Excel", "Kind"), translate("Excel", "Sheet"),
                                        translate("Excel", "Row"), translate("Excel", "Column"),
                                        translate("Excel", "What is wrong")])

    def show(self, report: ImportReport | None) -> None:
        self.removeRows(0, self.rowCount())
        if report is None:
            return
        for kind, problems in ((translate("Excel", "Problem"), report.errors),
                               (translate("Excel", "Note"), report.warnings)):
            for p in problems:
                column = p.column or ""
                if p.column and p.header:
                    column += f"（{p.header}）"
                first = report_cell(kind)
                if problems is report.errors:
                    first.setForeground(Qt.GlobalColor.darkRed)
                message = report_cell(p.message)
                message.setToolTip(p.message)
                self.appendRow([first, report_cell(p.sheet), report_cell(str(p.row) if p.row is not None else "", number=True),
                                report_cell(column), message])

    def row_texts(self, row: int) -> list[str]:
        return [self.item(row, c).text() for c in range(self.columnCount())]


class FilesModel(QStandardItemModel):
    """The open-data files written, with their rows."""

    def __init__(self, parent=None):
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([translate("Excel", "File"), translate("Excel", "Rows"),
                                        translate("Excel", "Contents")])

    def show(self, report: opendata.OpenDataReport) -> None:
        self.removeRows(0, self.rowCount())
        for name, n in report.files.items():
            contents = OPENDATA_CONTENTS.get(name)
            self.appendRow([report_cell(name), report_cell(f"{n:,}", number=True),
                            report_cell(translate("Excel", contents) if contents else "")])
        self.appendRow([report_cell(opendata.SCHEMA_FILE), report_cell(""),
                        report_cell(translate("Excel", "The columns of each file: type, required, allowed values"))])
        self.appendRow([report_cell(opendata.README_FILE), report_cell(""),
                        report_cell(translate("Excel", "Licence (CC BY 4.0), date, contact; what is published and how "
                                                       "personal data is kept out"))])


# --------------------------------------------------------------------------- the page


class ExcelPage(QWidget):
    """Workbook export with a preview, the template and its import, and open data."""

    #: the rows per sheet of the export were recounted and are shown (sheet -> rows)
    preview_ready = Signal(dict)
    #: an export ended: its core ExportReport, or None when it was cancelled (no file)
    exported = Signal(object)
    #: the template was written (its Path)
    template_saved = Signal(object)
    #: a dry run of an import is shown (core ImportReport)
    checked = Signal(object)
    #: an import ran and its report is shown (core ImportReport)
    imported = Signal(object)
    #: a workbook could not be read at all; the message shown
    import_failed = Signal(str)
    #: a check or an import was cancelled (nothing was written); the message shown
    import_cancelled = Signal(str)
    #: open data was written (core OpenDataReport)
    opendata_written = Signal(object)

    def __init__(self, services, tasks: TaskManager, display: Display, settings: Settings, parent=None):
        super().__init__(parent)
        self.services, self.tasks, self.display, self.settings = services, tasks, display, settings
        self.setObjectName("page_excel")
        self.checked_report: ImportReport | None = None
        self._generation = 0
        self._preview_stale = True
        self.menu_actions: list[QAction] = []  # File ▸ Excel items, added by install()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("excel_tabs")
        self.tabs.addTab(self._export_tab(), translate("Excel", "Export workbook"))
        self.tabs.addTab(self._import_tab(), translate("Excel", "Template and import"))
        self.tabs.addTab(self._opendata_tab(), translate("Excel", "Open data"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DEBOUNCE_MS)
        self._timer.timeout.connect(self._count)

    # -- building ------------------------------------------------------------------------

    def _export_tab(self) -> QWidget:
        tab = QWidget()
        any_ = translate("Excel", "All")
        self.organization = ChoiceBox(list(self.display.org_names.items()), empty=any_)
        self.district = ChoiceBox([(d.code, self.display.district(d.code)) for d in self.display.districts],
                                  empty=any_)
        self.nendo = ChoiceBox(self._nendo_choices(), empty=any_)
        self.date_from = DateEdit(self.settings.era)
        self.date_to = DateEdit(self.settings.era)
        self.status_filter = ChoiceChecks(self.display.entries("issue_status"), columns=4)
        self.status_filter.setToolTip(translate("Excel", "Tick the statuses to include; none ticked includes every issue."))
        self.category_filter = ChoiceMenu(self.display.entries("issue_category"), any_)
        for name, widget in (("export_organization", self.organization), ("export_district", self.district),
                             ("export_nendo", self.nendo), ("export_date_from", self.date_from),
                             ("export_date_to", self.date_to), ("export_status", self.status_filter),
                             ("export_category", self.category_filter)):
            widget.setObjectName(name)
        for choice in (self.organization, self.district, self.nendo):
            choice.currentIndexChanged.connect(lambda _i: self.schedule_preview())
        self.status_filter.changed.connect(self.schedule_preview)
        self.category_filter.changed.connect(self.schedule_preview)
        self.nendo.currentIndexChanged.connect(lambda _i: self._dates_follow_nendo())
        for edit in (self.date_from, self.date_to):
            edit.setPlaceholderText(translate("Excel", "e.g. R7.4.1"))
            edit.editingFinished.connect(self.schedule_preview)
            edit.textChanged.connect(self._date_text_changed)
        self.organization.setMinimumContentsLength(12)
        self.organization.setSizeAdjustPolicy(ChoiceBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        a11y.mark_part(self.date_from, translate("A11y", "from"))
        a11y.mark_part(self.date_to, translate("A11y", "to"))
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date_from, 1)
        row.addWidget(QLabel("〜"))
        row.addWidget(self.date_to, 1)
        self.filter_error = _label(style=ERROR_STYLE, name="export_filter_error")
        self.filter_error.hide()

        filters = QGroupBox(translate("Excel", "What goes into the workbook"))
        grid = QGridLayout(filters)
        for i, (text, field) in enumerate((
                (translate("Excel", "Organization"), self.organization),
                (translate("Excel", "District"), self.district),
                (translate("Excel", "Fiscal year"), self.nendo),
                (translate("Excel", "Or dates"), dates),
                (translate("Excel", "Issue status"), self.status_filter),
                (translate("Excel", "Issue category"), self.category_filter))):
            grid.addWidget(a11y.labelled(QLabel(text), field), i, 0, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(field, i, 1)
        grid.addWidget(_label(translate("Excel", "Meetings and issues are chosen by their date; action items by "
                                        "their due date or the issue or meeting they belong to."),
                              style=HINT_STYLE), 6, 0, 1, 2)
        grid.addWidget(self.filter_error, 7, 0, 1, 2)
        grid.setColumnStretch(1, 1)

        self.personal = QCheckBox(translate("Excel", "Include personal data (names)"))
        self.personal.setObjectName("export_personal")
        self.personal.toggled.connect(self._personal_toggled)
        self.personal_warning = _label(name="export_personal_warning")
        self.wareki = QRadioButton(translate("Excel", "Japanese era (令和7年4月1日)"))
        self.wareki.setObjectName("export_wareki")
        self.seireki = QRadioButton(translate("Excel", "Western years (2025年4月1日)"))
        self.seireki.setObjectName("export_seireki")
        self._era_group = QButtonGroup(self)
        self._era_group.addButton(self.wareki)
        self._era_group.addButton(self.seireki)
        (self.wareki if self.settings.era else self.seireki).setChecked(True)
        options = QGroupBox(translate("Excel", "Options"))
        box = QVBoxLayout(options)
        box.addWidget(self.personal)
        box.addWidget(self.personal_warning)
        era_row = QHBoxLayout()
        era_row.addWidget(QLabel(translate("Excel", "Dates in the workbook:")))
        era_row.addWidget(self.wareki)
        era_row.addWidget(self.seireki)
        era_row.addStretch(1)
        box.addLayout(era_row)
        self._show_personal_warning(False)

        self.preview = PreviewModel(self)
        self.preview_view = report_table("export_preview", self.preview)
        self.preview_view.setWordWrap(True)
        self.preview_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        _sized(self.preview_view, "施策視点対応", "000,000")
        _fit(self.preview_view)
        self.preview_label = _label(name="export_preview_label")
        preview_box = QGroupBox(translate("Excel", "Preview: rows per sheet"))
        box = QVBoxLayout(preview_box)
        box.addWidget(self.preview_view)
        box.addWidget(self.preview_label)
        box.addWidget(_label(translate("Excel", "The workbook also has a summary sheet (概要) with charts and the "
                                       "counts per policy viewpoint and area (視点別集計)."), style=HINT_STYLE))

        self.export_button = QPushButton(translate("Excel", "Export workbook…"))
        self.export_button.setObjectName("export_workbook")
        self.export_button.clicked.connect(self._ask_export_path)
        self.export_status = _label(name="export_status")
        self.export_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QVBoxLayout()
        left.addWidget(filters)
        left.addWidget(options)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(preview_box)
        button_row = QHBoxLayout()
        button_row.addWidget(self.export_button)
        button_row.addStretch(1)
        right.addLayout(button_row)
        right.addWidget(self.export_status)
        right.addStretch(1)
        layout = QHBoxLayout(tab)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        return tab

    def _import_tab(self) -> QWidget:
        tab = QWidget()
        template = QGroupBox(translate("Excel", "Template"))
        template_box = QHBoxLayout(template)
        template_box.addWidget(_label(translate(
            "Excel", "A workbook with 地域課題 and アクション sheets and drop-down lists, for members to fill in "
            "and send back. An exported workbook can be edited and imported the same way."), style=HINT_STYLE), 1)
        self.template_button = QPushButton(translate("Excel", "Save template…"))
        self.template_button.setObjectName("save_template")
        self.template_button.clicked.connect(self._ask_template_path)
        template_box.addWidget(self.template_button, 0, Qt.AlignmentFlag.AlignTop)

        workbook = QGroupBox(translate("Excel", "Import a workbook"))
        box = QVBoxLayout(workbook)
        line = QHBoxLayout()
        self.choose_button = QPushButton(translate("Excel", "Choose a workbook…"))
        self.choose_button.setObjectName("choose_workbook")
        self.choose_button.clicked.connect(self._ask_import_path)
        line.addWidget(self.choose_button)
        line.addWidget(_label(translate(
            "Excel", "Every row is checked first; nothing is written until you press Import."), style=HINT_STYLE), 1)
        box.addLayout(line)
        self.import_status = _label(name="import_status")
        self.import_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.import_status)
        self.import_counts = ImportCountsModel(self)
        self.counts_view = report_table("import_counts", self.import_counts)
        self.counts_view.horizontalHeader().setStretchLastSection(False)
        self.counts_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        _sized(self.counts_view, "アクション", "000,000", "000,000", "000,000", "000,000")
        _fit(self.counts_view)
        box.addWidget(self.counts_view, 0, Qt.AlignmentFlag.AlignLeft)
        self.problems = ProblemsModel(self)
        self.problems_view = report_table("import_problems", self.problems)
        self.problems_view.setWordWrap(True)
        _sized(self.problems_view, "Problem", "アクション", "10000", "AA（区への要望）")
        box.addWidget(self.problems_view, 1)
        buttons = QHBoxLayout()
        self.import_button = QPushButton(translate("Excel", "Import"))
        self.import_button.setObjectName("import_all")
        self.import_button.clicked.connect(lambda: self.import_checked(valid_only=False))
        self.import_valid_button = QPushButton(translate("Excel", "Import only the valid rows"))
        self.import_valid_button.setObjectName("import_valid_only")
        self.import_valid_button.setToolTip(translate(
            "Excel", "Rows with problems are left out; fix them in the workbook and import it again later."))
        self.import_valid_button.clicked.connect(lambda: self.import_checked(valid_only=True))
        for button in (self.import_button, self.import_valid_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        box.addLayout(buttons)

        layout = QVBoxLayout(tab)
        layout.addWidget(template)
        layout.addWidget(workbook, 1)
        return tab

    def _opendata_tab(self) -> QWidget:
        tab = QWidget()
        intro = _label(translate(
            "Excel", "CSV files for the ward's open-data site, in the style of the national standard datasets "
            "(UTF-8, dates in western years), with a README (licence CC BY 4.0, date, contact) and the schema "
            "each file is checked against. No names of people are written: only issue titles and the wording "
            "of decisions are published, and counts of 1 or 2 are left blank with the reason beside them."))
        self.contact = QLineEdit(str(self.settings.q.value(CONTACT_KEY, "") or ""))
        self.contact.setObjectName("opendata_contact")
        self.contact.setPlaceholderText(opendata.CONTACT)
        contact_label = QLabel(translate("Excel", "Co&ntact named in the README:"))
        contact_label.setBuddy(self.contact)
        self.opendata_button = QPushButton(translate("Excel", "Export open data…"))
        self.opendata_button.setObjectName("export_opendata")
        self.opendata_button.clicked.connect(self._ask_opendata_folder)
        self.opendata_status = _label(name="opendata_status")
        self.opendata_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.files = FilesModel(self)
        self.files_view = report_table("opendata_files", self.files)
        self.files_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        _sized(self.files_view, opendata.COUNTS_FILE, "000,000")
        self.files_view.hide()
        line = QHBoxLayout()
        line.addWidget(self.opendata_button)
        line.addWidget(self.opendata_status, 1)
        contact_line = QHBoxLayout()
        contact_line.addWidget(contact_label)
        contact_line.addWidget(self.contact, 1)
        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        layout.addLayout(contact_line)
        layout.addLayout(line)
        layout.addWidget(self.files_view)
        layout.addStretch(1)
        return tab

    def _nendo_choices(self) -> list[tuple[int, str]]:
        this_year = nendo(dt.date.today())
        return [(y, self.display.nendo(y)) for y in range(this_year, this_year - NENDO_YEARS, -1)]

    # -- showing -------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.organization.set_choices(list(self.display.org_names.items()))
        if self._preview_stale:
            self.schedule_preview()

    def data_changed(self, _changed: dict) -> None:
        """Records changed somewhere: the preview counts again (now if it is on screen)."""
        self._preview_stale = True
        if self.isVisible():
            self.organization.set_choices(list(self.display.org_names.items()))
            self.schedule_preview()

    def redisplay(self) -> None:
        """The settings changed how dates look."""
        era = self.settings.era
        for edit in (self.date_from, self.date_to):
            try:
                value = edit.value()
            except ValueError:
                value = None
            edit.era = era
            if value is not None:
                edit.set_value(value)
        self.nendo.set_choices(self._nendo_choices())
        (self.wareki if era else self.seireki).setChecked(True)

    # -- export --------------------------------------------------------------------------

    def filters(self) -> ExportFilters | None:
        """The filters as chosen, or None while the dates cannot be used (the reason is shown)."""
        problems = []
        dates = []
        year = self.nendo.value()
        for edit in (self.date_from, self.date_to):
            try:
                dates.append(None if year is not None else edit.value())
            except ValueError as exc:
                dates.append(None)
                problems.append(str(exc))
        start, end = dates
        if start and end and start > end:
            problems.append(translate("Excel", "The first date is after the last one."))
        self.filter_error.setText(" ".join(problems))
        self.filter_error.setVisible(bool(problems))
        self.export_button.setEnabled(not problems)
        if problems:
            return None
        org = self.organization.value()
        return ExportFilters(organization_ids=(org,) if org else (), district_code=self.district.value(),
                             nendo=year, date_from=start, date_to=end, statuses=self.status_filter.values(),
                             categories=self.category_filter.values())

    def _date_text_changed(self, text: str) -> None:
        if not text:  # a date emptied: the export no longer filters by it
            self.schedule_preview()

    def schedule_preview(self) -> None:
        """Count again once the filters have stopped changing; results of older counts are dropped."""
        self._generation += 1
        self._preview_stale = True
        self.preview_view.setEnabled(False)
        self.preview_label.setText(translate("Excel", "Counting…"))
        self._timer.start()

    def _count(self) -> None:
        filters = self.filters()
        if filters is None:
            self.preview_label.setText(translate("Excel", "Correct the dates to see the preview."))
            return
        generation = self._generation
        services, personal = self.services, self.personal.isChecked()
        self.tasks.run_in_background(lambda: preview_export(services, filters, personal=personal),
                                     lambda counts: self._show_preview(generation, counts), owner=self)

    def _show_preview(self, generation: int, counts: dict[str, int]) -> None:
        if generation != self._generation:
            return  # the filters changed meanwhile; a newer count is on its way
        self._preview_stale = False
        self.preview.show(counts)
        _fit(self.preview_view)
        self.preview_view.setEnabled(True)
        total = sum(counts.values())
        self.preview_label.setText(
            tr_n("Excel", "%Ln row(s) will be written.", total) if total
            else translate("Excel", "Nothing matches these filters: the sheets would be empty."))
        filters = self.filters()
        if not total and filters is not None and filters.without_each():
            services, personal = self.services, self.personal.isChecked()
            self.tasks.run_in_background(lambda: rows_without_each_filter(services, filters, personal=personal),
                                         lambda why: self._show_why_empty(generation, why), owner=self)
        else:
            self.preview_ready.emit(counts)

    def _show_why_empty(self, generation: int, why: dict[str, int]) -> None:
        """Which filters exclude everything, under the empty preview."""
        if generation != self._generation:
            return
        self.preview_label.setText(translate("Excel", "Nothing matches these filters: the sheets would be empty.")
                                   + "\n" + empty_hint_text(why, lambda name: translate("Excel", FILTER_LABELS[name])))
        self.preview_ready.emit(self.preview.counts)

    def _personal_toggled(self, on: bool) -> None:
        self._show_personal_warning(on)
        self.schedule_preview()

    def _show_personal_warning(self, on: bool) -> None:
        if on:
            self.personal_warning.setText(translate(
                "Excel", "The workbook will hold the names of attendees, facilitators, recorders, signers, "
                "speakers and assignees. This export is recorded in the history; keep the file safe and delete "
                "it when it is no longer needed."))
            self.personal_warning.setStyleSheet(ERROR_STYLE)
        else:
            self.personal_warning.setText(translate(
                "Excel", "Without personal data: no names of people are written."))
            self.personal_warning.setStyleSheet(HINT_STYLE)

    def _dates_follow_nendo(self) -> None:
        """A fiscal year chosen sets the period: the dates are not used meanwhile."""
        free = self.nendo.value() is None
        self.date_from.setEnabled(free)
        self.date_to.setEnabled(free)

    def _ask_export_path(self) -> None:
        if self.filters() is None:
            return
        name = tr_args("Excel", "Local issues and meetings %1.xlsx", dt.date.today().isoformat())
        path, _ = file_dialogs.save_path(self, "excel", translate("Excel", "Export workbook"), name,
                                          translate("Excel", "Excel workbooks (*.xlsx)"))
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.export_to(path)

    def export_to(self, path: str | Path):
        """Write the workbook in the background, with progress and Cancel (Cancel leaves no file)."""
        filters = self.filters()
        if filters is None:
            return None
        services, path = self.services, Path(path)
        personal, era = self.personal.isChecked(), self.wareki.isChecked()
        stage_text = translate("Excel", "Writing the workbook: %1…")

        def work(progress):
            # the export stops at a cancel before the file appears
            return export_workbook(services, path, filters, personal=personal, era=era, progress=Relabelled(
                progress, lambda _done, _total, stage: fill(stage_text, stage)))

        self.export_status.setText(tr_args("Excel", "Writing %1…", str(path)))
        return self.tasks.with_progress(self, translate("Excel", "Writing the workbook…"), work,
                                        self._exported, lambda exc: self._failed(exc, self.export_status, path),
                                        on_cancelled=self._export_cancelled)

    def _export_cancelled(self, _exc: Cancelled) -> None:
        self.export_status.setText(translate("Excel", "Export cancelled: no file was written."))
        self.exported.emit(None)

    def _exported(self, report: xlsx_export.ExportReport) -> None:
        order = list(SHEET_CONTENTS)  # as the preview lists them
        counts = sorted(report.counts.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
        sheets = translate("Excel", ", ").join(
            tr_n("Excel", "%1 %Ln row(s)", n, name) for name, n in counts)
        text = tr_args("Excel", "Wrote %1 (%2).", str(report.path), sheets)
        if report.personal:
            text += translate("Excel", " It holds personal data: handle it with care. This export was "
                              "recorded in the history.")
        for warning in report.warnings:
            text += "\n" + warning
        self.export_status.setText(text)
        self.exported.emit(report)

    def _failed(self, exc: BaseException, status: QLabel, path: Path | None = None, *, reading: bool = False) -> None:
        """A file could not be written or read: say so on the page and in a message."""
        if isinstance(exc, UserError):
            text = error_text(exc, self.settings.language)
        elif isinstance(exc, OSError) and path is not None:
            text = (translate("Excel", "Could not read %1: %2") if reading
                    else translate("Excel", "Could not write %1: %2"))
            text = fill(text, str(path), exc.strerror or str(exc))
        else:
            self.tasks.report_error(exc)
            return
        status.setText(text)
        show_error(self, text)

    # -- template ------------------------------------------------------------------------

    def _ask_template_path(self) -> None:
        name = translate("Excel", "Template for local issues.xlsx")
        path, _ = file_dialogs.save_path(self, "excel", translate("Excel", "Save template"), name,
                                          translate("Excel", "Excel workbooks (*.xlsx)"))
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.save_template(path)

    def save_template(self, path: str | Path) -> None:
        services, path = self.services, Path(path)

        def done(written: Path) -> None:
            self.import_status.setText(tr_args(
                "Excel", "Saved the template to %1. When it comes back filled in, choose it with "
                "“Choose a workbook…”.", str(written)))
            self.template_saved.emit(written)

        self.tasks.run_in_background(lambda: export_template(path, services), done,
                                     lambda exc: self._failed(exc, self.import_status, path), owner=self)

    # -- import --------------------------------------------------------------------------

    def _ask_import_path(self) -> None:
        path = file_dialogs.open_path(self, "excel", translate("Excel", "Import a workbook"),
                                      translate("Excel", "Excel workbooks (*.xlsx)"))
        if path:
            self.check_import(path)

    def check_import(self, path: str | Path):
        """A dry run of the import on the lane, then its preview: nothing is written."""
        services, path = self.services, Path(path)
        self.checked_report = None
        self._show_import(None)
        self.import_status.setText(tr_args("Excel", "Checking %1…", path.name))
        return self.tasks.with_progress(
            self, translate("Excel", "Checking every row of the workbook…"),
            lambda p: import_workbook(services, path, dry_run=True, progress=p), self._show_check,
            lambda exc: self._import_failed(exc, path), on_cancelled=self._check_cancelled)

    def _check_cancelled(self, _exc: Cancelled) -> None:
        self._show_import(None)
        self._say_cancelled(translate("Excel", "Check cancelled: nothing was imported. Choose the workbook "
                                      "again to check it."))

    def _show_check(self, report: ImportReport) -> None:
        self.checked_report = report
        self._show_import(report)
        writes = self._offer_import(report)
        added, updated = sum(report.created.values()), sum(report.updated.values())
        name, problems = report.path.name, len(report.errors)
        if report.ok and writes:
            text = tr_args("Excel", "%1 is ready: %2 to add, %3 to update. Nothing has been written yet; press "
                           "Import to write it.", name, f"{added:,}", f"{updated:,}")
        elif report.ok:
            text = tr_args("Excel", "%1 holds nothing new: every row is the same as in the data.", name)
        elif writes:
            text = tr_n("Excel", "%1 has %Ln problem(s), listed below. Nothing has been written. Correct (it|them) "
                        "in the workbook and choose it again, or import only the valid rows (%2 to add, %3 to "
                        "update).", problems, name, f"{added:,}", f"{updated:,}")
        else:
            text = tr_n("Excel", "%1 has %Ln problem(s), listed below, and no row that can be imported. "
                        "Nothing has been written.", problems, name)
        self.import_status.setText(text)
        self.checked.emit(report)

    def _offer_import(self, report: ImportReport) -> int:
        """Enable the button that imports the checked ``report``; returns the rows it would write."""
        writes = _writes(report)
        self.import_button.setEnabled(report.ok and writes > 0)
        self.import_valid_button.setEnabled(not report.ok and writes > 0)
        return writes

    def import_checked(self, valid_only: bool = False):
        """Import the workbook the dry run was shown for: every row, or only the valid ones."""
        report = self.checked_report
        if report is None:
            return None
        services, path = self.services, report.path
        self.import_button.setEnabled(False)
        self.import_valid_button.setEnabled(False)
        return self.tasks.with_progress(
            self, translate("Excel", "Importing the workbook…"),
            lambda p: import_workbook(services, path, valid_only=valid_only, progress=p), self._show_imported,
            lambda exc: self._import_failed(exc, path), change=True, on_cancelled=self._import_cancelled)

    def _import_cancelled(self, _exc: Cancelled) -> None:
        """The one transaction rolled back: the check still holds, and Import can be pressed again."""
        if self.checked_report is not None:
            self._offer_import(self.checked_report)
        self._say_cancelled(translate("Excel", "Import cancelled: nothing was imported, the data is as it "
                                      "was. The import can be started again."))

    def _say_cancelled(self, text: str) -> None:
        self.import_status.setText(text)
        self.import_cancelled.emit(text)

    def _show_imported(self, report: ImportReport) -> None:
        self.checked_report = None
        self._show_import(report)
        added, updated = sum(report.created.values()), sum(report.updated.values())
        left_out = sum(report.skipped.values())
        name = report.path.name
        if report.written:
            text = tr_args("Excel", "Imported %1: %2 added, %3 updated. One Undo (Ctrl+Z) takes the whole "
                           "import back.", name, f"{added:,}", f"{updated:,}")
            if left_out:
                text += tr_n("Excel", " %Ln row(s) with problems (was|were) left out.", left_out)
        elif report.errors:
            text = tr_n("Excel", "Nothing was imported from %1: it has %Ln problem(s) (was it changed after "
                        "it was checked?).", len(report.errors), name)
        else:
            text = tr_args("Excel", "Nothing was changed: every row of %1 is the same as in the data.", name)
        self.import_status.setText(text)
        self.imported.emit(report)

    def _show_import(self, report: ImportReport | None) -> None:
        self.import_counts.show(report)
        self.counts_view.resizeColumnsToContents()
        self.counts_view.setFixedWidth(self.counts_view.horizontalHeader().length() + 2 * self.counts_view.frameWidth())
        _fit(self.counts_view)
        self.problems.show(report)
        for column in range(self.problems.columnCount() - 1):
            self.problems_view.resizeColumnToContents(column)
        self.problems_view.resizeRowsToContents()
        if report is None:
            self.import_button.setEnabled(False)
            self.import_valid_button.setEnabled(False)

    def _import_failed(self, exc: BaseException, path: Path) -> None:
        self.checked_report = None
        self._show_import(None)
        self._failed(exc, self.import_status, path, reading=True)
        if isinstance(exc, (UserError, OSError)):
            self.import_failed.emit(self.import_status.text())

    # -- open data -----------------------------------------------------------------------

    def _ask_opendata_folder(self) -> None:
        folder = file_dialogs.folder_path(self, "opendata", translate("Excel", "Folder for the open-data files"))
        if folder:
            self.export_opendata_to(folder)

    def export_opendata_to(self, folder: str | Path):
        services, folder = self.services, Path(folder)
        contact = self.contact.text().strip()
        self.settings.q.setValue(CONTACT_KEY, contact)  # the ward's contact, kept for the next export
        return self.tasks.with_progress(
            self, translate("Excel", "Writing the open-data files…"), lambda _p: opendata.export_opendata(
                services, folder, contact=contact or opendata.CONTACT), self._opendata_done,
            lambda exc: self._failed(exc, self.opendata_status, folder), cancellable=False)

    def _opendata_done(self, report: opendata.OpenDataReport) -> None:
        self.files.show(report)
        self.files_view.show()
        _fit(self.files_view)
        text = tr_args("Excel", "Wrote %1 files to %2 (no personal data).", str(len(report.files) + 2), str(report.outdir))
        if report.problems:
            text += "\n" + tr_n("Excel", "%Ln value(s) do not keep the schema, for example: %1",
                                 len(report.problems), report.problems[0])
        self.opendata_status.setText(text)
        self.opendata_written.emit(report)


def _writes(report: ImportReport) -> int:
    """Rows an import would add or update."""
    return sum(report.created.values()) + sum(report.updated.values())


def _open_tab(window, page: ExcelPage, tab: int, then: Callable[[], None]) -> None:
    """A File ▸ Excel item: the page, on its tab, then what the item does there."""
    window.show_page("excel")
    page.tabs.setCurrentIndex(tab)
    then()


def install(window) -> ExcelPage:
    """Add the Excel page to the main window, and its actions to the File and Go menus."""
    page = ExcelPage(window.services, window.tasks, window.display, window.settings)
    window.changed.connect(page.data_changed)
    window.add_page("excel", translate("MainWindow", "Excel"), page)
    show = QAction(translate("MainWindow", "E&xcel…"), window)
    show.triggered.connect(lambda: window.show_page("excel"))
    window.menu("go").addAction(show)
    file_menu = window.menu("file")
    for name, text, tab, slot in (
            ("export", translate("MainWindow", "Export Excel workbook…"), 0, page._ask_export_path),
            ("template", translate("MainWindow", "Save Excel template…"), 1, page._ask_template_path),
            ("import", translate("MainWindow", "Import Excel workbook…"), 1, page._ask_import_path),
            ("opendata", translate("MainWindow", "Export open data…"), 2, page._ask_opendata_folder)):
        action = QAction(text, window)
        action.setObjectName(f"excel_{name}_action")
        action.triggered.connect(lambda _c=False, t=tab, s=slot: _open_tab(window, page, t, s))
        file_menu.insertAction(window.new_action, action)
        page.menu_actions.append(action)
    file_menu.insertSeparator(window.new_action)
    window.excel_page = page
    return page
