"""First run: name this device, say which organization it belongs to, optionally load sample data."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core.japanese import search_key
from .i18n import tr_args
from . import a11y

translate = QCoreApplication.translate
ORG_ROLE = Qt.ItemDataRole.UserRole + 30
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 31


class OrgChooser(QWidget):
    """The organization this device works for, among a few hundred: grouped by 地区 in the
    ward's order and by よみ within (core ``by_area``); typing part of a name or its よみ
    (kana or kanji, full- or half-width) narrows the list. Nothing chosen means "later"."""

    changed = Signal()

    def __init__(self, display, parent=None):
        super().__init__(parent)
        self.display = display
        self.search = QLineEdit()
        self.search.setObjectName("organization_search")
        self.search.setPlaceholderText(translate("Welcome", "Type part of the name or its reading (e.g. ゆめん)"))
        self.search.setClearButtonEnabled(True)
        a11y.name(self.search, translate("Welcome", "Type part of the name or its reading (e.g. ゆめん)"))
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setRecursiveFilteringEnabled(True)  # a 地区 stays while one of its organizations matches
        self.proxy.setAutoAcceptChildRows(True)  # typing a 地区's name shows all of it
        self.view = QTreeView()
        self.view.setObjectName("organization_tree")
        a11y.name(self.view, translate("Field", "Organization"))
        self.view.setModel(self.proxy)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setMinimumHeight(self.fontMetrics().height() * 10)
        self.view.selectionModel().currentChanged.connect(lambda *_a: self.changed.emit())
        self.search.textChanged.connect(self._narrow)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)

    def set_groups(self, groups) -> None:
        """``groups``: [(地区 code or None, [OrganizationRead])] from ``organizations.by_area``."""
        chosen = self.value()
        self.model.clear()
        for code, orgs in groups:
            name = self.display.district(code) if code else translate("Welcome", "No 地区")
            group = QStandardItem(name)
            group.setSelectable(False)
            group.setData(search_key(name), SEARCH_ROLE)
            councils: dict[str, QStandardItem] = {}  # 住区 -> its council, which holds its associations
            for org in orgs:
                item = QStandardItem(org.name)
                item.setData(org.id, ORG_ROLE)
                item.setData(search_key(f"{org.name} {org.yomi} {self.display.jukyo_name(org.jukyo_code)}"),
                             SEARCH_ROLE)
                parent = group
                if org.kind == "council" and org.jukyo_code:
                    councils[org.jukyo_code] = item
                else:
                    parent = councils.get(org.jukyo_code, group)
                parent.appendRow(item)
            self.model.appendRow(group)
        self.view.expandAll()
        self.set_value(chosen)

    def _narrow(self, text: str) -> None:
        self.proxy.setFilterFixedString(search_key(text))
        self.view.expandAll()
        key = search_key(text)
        matches = [i for i in _indexes(self.proxy) if key in (i.data(SEARCH_ROLE) or "") and i.data(ORG_ROLE)]
        if len(matches) == 1:  # the one left is the one meant
            self.view.setCurrentIndex(matches[0])

    def value(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(ORG_ROLE) if index.isValid() else None

    def set_value(self, org_id: str | None) -> None:
        found = next((i for i in _indexes(self.model) if org_id and i.data(ORG_ROLE) == org_id), None)
        self.view.setCurrentIndex(self.proxy.mapFromSource(found) if found is not None else QModelIndex())

def _indexes(model, parent: QModelIndex | None = None):
    """Every index of a tree model's first column, depth first."""
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from _indexes(model, index)


def demo_loader():
    """core.demo.load_demo, or None when this build has no sample data."""
    try:
        # not at the top: a build may come without the sample data
        from ..core.demo import load_demo
    except ImportError:
        return None
    return load_demo


class WelcomePage(QWidget):
    finished = Signal()
    demo_loaded = Signal(object)

    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.window_ = window
        self.setObjectName("page_welcome")
        title = QLabel(translate("Welcome", "Welcome"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(translate(
            "Welcome",
            "This app keeps the local issues, meetings and notes of Meguro's residents' councils and "
            "neighbourhood associations, and links them to the ward basic plan's policy viewpoints.\n"
            "Before you start, give this computer a name (it appears on the data it writes, so that "
            "the ward can tell laptops apart) and choose the organization it works for."))
        intro.setWordWrap(True)

        self.device_name = QLineEdit()
        self.device_name.setObjectName("device_name")
        self.device_name.setPlaceholderText(translate("Welcome", "e.g. Komaba council, secretary's laptop"))
        self.device_error = QLabel()
        self.device_error.setStyleSheet("color: #b00020;")
        self.device_error.hide()
        self.organization = OrgChooser(window.display)
        self.organization.setObjectName("home_organization")
        organization_hint = QLabel(translate("Welcome", "Nothing chosen: you can choose it later."))
        organization_hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(translate("Welcome", "Name of this device"), self.device_name)
        form.addRow("", self.device_error)
        form.addRow(translate("Welcome", "Organization"), self.organization)
        form.addRow("", organization_hint)

        self.start_button = QPushButton(translate("Welcome", "Start"))
        self.start_button.setObjectName("start")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)

        self.demo_button = QPushButton(translate("Welcome", "Load sample data…"))
        self.demo_button.setObjectName("load_demo")
        self.demo_button.clicked.connect(self.load_demo)
        demo_text = QLabel(translate(
            "Welcome", "To try the app first, load sample data: a few made-up organizations, meetings, "
            "issues and notes. You can delete them later."))
        demo_text.setWordWrap(True)
        if demo_loader() is None:
            self.demo_button.setEnabled(False)
            self.demo_button.setToolTip(translate("Welcome", "Sample data is not available in this version."))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(20)
        layout.addWidget(demo_text)
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.demo_done = QLabel()
        self.demo_done.setObjectName("demo_done")
        self.demo_done.setWordWrap(True)
        self.demo_done.hide()
        layout.insertWidget(layout.indexOf(self.demo_button) + 1, self.demo_done)
        window.changed.connect(self._orgs_maybe_changed)
        self._read_organizations()

    def _read_organizations(self) -> None:
        service = self.window_.services.organizations
        self.window_.tasks.run_in_background(service.by_area, self.organization.set_groups, owner=self)

    def _orgs_maybe_changed(self, changed: dict) -> None:
        if "organization" in changed:
            self._read_organizations()

    def load_demo(self) -> None:
        load = demo_loader()
        if load is None:
            return
        store = self.window_.store
        self.demo_button.setEnabled(False)

        def work(progress):
            # one transaction: Cancel leaves the store as it was
            return load(store, size="small", seed=2022, progress=progress)

        def done(counts):
            summary = translate("Welcome", ", ").join(f"{kind} {n:,}" for kind, n in counts.items() if n)
            self.demo_done.setText(tr_args("Welcome", "Sample data loaded: %1. Choose the organization to "
                                           "start with, then Start.", summary))
            self.demo_done.show()
            self.window_.statusBar().showMessage(translate("Welcome", "Sample data loaded."), 10_000)
            self.demo_loaded.emit(counts)
            # the sample data is written in bulk, outside the history that the operation path
            # collects from: it says itself that every kind changed (an empty set: reload all)
            everything = {kind: set() for kind in ("organization", "meeting", "issue", "note", "action_item",
                                                   "policy_link")}
            self.window_.tasks.changed.emit(everything, self)

        def failed(exc):
            self.demo_button.setEnabled(True)
            self.window_.show_error(exc)

        self.progress_dialog = self.window_.tasks.with_progress(
            self, translate("Welcome", "Loading sample data…"), work, done, failed)
        self.progress_dialog.canceled.connect(lambda: self.demo_button.setEnabled(True))

    def start(self) -> None:
        name = self.device_name.text().strip()
        if not name:
            self.device_error.setText(translate("Welcome", "Enter a name for this device."))
            self.device_error.show()
            self.device_name.setFocus()
            return
        self.device_error.hide()
        org = self.organization.value()
        store = self.window_.store
        self.start_button.setEnabled(False)

        def done(_result):
            self.window_.set_home_org(org)
            self.window_.update_status()
            self.finished.emit()

        self.window_.tasks.run_in_background(lambda: store.set_device_name(name), done, owner=self)
