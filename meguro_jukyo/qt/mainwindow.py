"""The main window: navigation between pages, menus, status bar, undo/redo, recent items.

Pages are added with :meth:`MainWindow.add_page` and menu actions with :meth:`MainWindow.menu`,
so later features (meeting mode, Excel, sync) plug in without editing this file's body.
Every edit, undo or redo ends in :meth:`MainWindow.on_changed` with what changed (entity kind →
ids); pages refresh just that, and ``changed`` is emitted for anything else listening.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from ..core.policy import PolicyFramework, Suggester
from .display import Display
from .editors import editor_for, kind_name, row_title
from .lists import ListPage
from .settings import RecentItem, Settings
from .tasks import TaskManager, error_text
from .widgets import confirm, show_error

translate = QCoreApplication.translate

LIST_KINDS = ("organization", "meeting", "issue", "note", "action_item")


class MainWindow(QMainWindow):
    #: entity kind -> ids changed by an edit, undo or redo (after the pages refreshed)
    changed = Signal(dict)
    #: undo/redo labels were refreshed
    history_changed = Signal()
    #: the pages exist (they are built once organization names have loaded)
    pages_built = Signal()

    def __init__(self, services, tasks: TaskManager, settings: Settings, framework: PolicyFramework,
                 parent=None):
        super().__init__(parent)
        self.services, self.tasks, self.settings, self.framework = services, tasks, settings, framework
        self.store = services.store
        self.suggester = Suggester(framework)
        self.display = Display(services.vocab, settings.language, settings.era)
        self.display.viewpoint_titles = {vp.id: vp.title for vp in framework.viewpoints()}
        self.tasks.set_error_handler(self.show_error)
        self.setObjectName("main_window")
        self.setWindowTitle(translate("MainWindow", "Meguro Jukyo — local issues and meetings"))
        self._menus: dict[str, QMenu] = {}
        self.pages: dict[str, QWidget] = {}
        self._editors: list = []
        self.pages_ready = False
        self.undo_text: str | None = None
        self.redo_text: str | None = None

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setMaximumWidth(240)
        self.nav.setMinimumWidth(120)
        self.stack = QStackedWidget()
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setSizes([170, 1030])
        self.setCentralWidget(splitter)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        self._build_menus()
        self._build_status()
        from .meeting_mode import install as install_meeting_mode

        install_meeting_mode(self)
        self._viewpoints = [(vp.id, f"{vp.id} {vp.title}") for vp in framework.viewpoints()]
        self.load_organizations(then=self._build_pages)
        self.resize(1200, 760)

    # -- extension points ------------------------------------------------------------

    def menu(self, key: str) -> QMenu:
        """The menu named ``key`` (file, edit, go, tools, help)."""
        return self._menus[key]

    def add_page(self, key: str, title: str, widget: QWidget) -> None:
        widget.setObjectName(widget.objectName() or f"page_{key}")
        self.pages[key] = widget
        self.stack.addWidget(widget)
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setSizeHint(QSize(0, self.fontMetrics().height() + 18))
        self.nav.addItem(item)

    def remove_page(self, key: str) -> None:
        widget = self.pages.pop(key)
        index = self.stack.indexOf(widget)
        self.nav.takeItem(index)
        self.stack.removeWidget(widget)
        widget.deleteLater()

    def _welcome_done(self) -> None:
        self.show_page("issue")
        self.remove_page("welcome")

    def show_page(self, key: str) -> QWidget:
        widget = self.pages[key]
        self.nav.setCurrentRow(self.stack.indexOf(widget))
        return widget

    def current_page(self) -> str | None:
        widget = self.stack.currentWidget()
        for key, w in self.pages.items():
            if w is widget:
                return key
        return None

    # -- building --------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        for key, title in (("file", translate("MainWindow", "&File")), ("edit", translate("MainWindow", "&Edit")),
                           ("go", translate("MainWindow", "&Go")), ("tools", translate("MainWindow", "&Tools")),
                           ("help", translate("MainWindow", "&Help"))):
            self._menus[key] = bar.addMenu(title)

        self.new_action = QAction(translate("MainWindow", "&New item"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_in_current_page)
        self.settings_action = QAction(translate("MainWindow", "&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.open_settings)
        quit_action = QAction(translate("MainWindow", "&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu = self.menu("file")
        file_menu.addAction(self.new_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        self.undo_action = QAction(translate("MainWindow", "&Undo"), self)
        self.undo_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Z))
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(translate("MainWindow", "&Redo"), self)
        self.redo_action.setShortcuts([QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_Z),
                                       QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Y)])
        self.redo_action.triggered.connect(self.redo)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.menu("edit").addAction(self.undo_action)
        self.menu("edit").addAction(self.redo_action)

        self.search_action = QAction(translate("MainWindow", "&Search everything…"), self)
        self.search_action.setShortcut(QKeySequence.StandardKey.Find)
        self.search_action.triggered.connect(self.open_search)
        self.menu("go").addAction(self.search_action)
        self.recent_menu = self.menu("go").addMenu(translate("MainWindow", "&Recently opened"))
        self.recent_menu.setObjectName("recent_menu")
        self.menu("go").addSeparator()
        self._refresh_recent_menu()

        about = QAction(translate("MainWindow", "&About"), self)
        about.triggered.connect(self.about)
        self.menu("help").addAction(about)

    def _build_status(self) -> None:
        self.store_label = QLabel()
        self.store_label.setObjectName("store_label")
        self.device_label = QLabel()
        self.device_label.setObjectName("device_label")
        self.busy_label = QLabel()
        self.statusBar().addWidget(self.store_label, 1)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.device_label)
        self.tasks.busy_changed.connect(
            lambda busy: self.busy_label.setText(translate("MainWindow", "Working…") if busy else ""))
        self.update_status()

    def update_status(self) -> None:
        self.store_label.setText(translate("MainWindow", "Data: %1").replace("%1", self.store.location))
        self.store_label.setToolTip(self.store.location)
        name = self.store.device_name or translate("MainWindow", "(unnamed)")
        self.device_label.setText(translate("MainWindow", "This device: %1").replace("%1", name))

    def load_organizations(self, then=None) -> None:
        """Organization names for lists and choices (a few hundred at most), on the lane."""
        from ..core.services import ListQuery

        service = self.services.organizations

        def done(orgs):
            self.display.org_names = {o.id: o.name for o in orgs}
            for page in self.pages.values():
                if isinstance(page, ListPage):
                    page.filters.set_organizations(list(self.display.org_names.items()))
            if then is not None:
                then()

        self.tasks.run_in_background(lambda: service.list(ListQuery()), done)

    def _build_pages(self) -> None:
        from .policy import PolicyPage

        titles = {
            "organization": translate("MainWindow", "Organizations"),
            "meeting": translate("MainWindow", "Meetings"),
            "issue": translate("MainWindow", "Local issues"),
            "note": translate("MainWindow", "Meeting notes"),
            "action_item": translate("MainWindow", "Action items"),
        }
        if not self.store.device_name:
            from .welcome import WelcomePage

            welcome = WelcomePage(self)
            welcome.finished.connect(self._welcome_done)
            self.add_page("welcome", translate("MainWindow", "Welcome"), welcome)
        for kind in LIST_KINDS:
            page = ListPage(kind, self.services, self.tasks, self.display, self.settings, self._viewpoints)
            page.open_requested.connect(self.open_item)
            page.new_requested.connect(self.new_item)
            page.delete_requested.connect(self.delete_item)
            page.link_requested.connect(self.open_link_dialog)
            self.add_page(kind, titles[kind], page)
        policy = PolicyPage(self)
        self.add_page("policy", translate("MainWindow", "Policy viewpoints"), policy)
        self.show_page("welcome" if "welcome" in self.pages else "issue")
        self.refresh_history()
        self.pages_ready = True
        self.pages_built.emit()

    # -- items -----------------------------------------------------------------------

    def new_in_current_page(self) -> None:
        key = self.current_page()
        if key in LIST_KINDS:
            self.new_item(key)

    def new_item(self, kind: str, defaults: dict | None = None):
        defaults = dict(defaults or {})
        page = self.pages.get(kind)
        if isinstance(page, ListPage) and "organization_id" not in defaults:
            chosen = page.filters.widgets.get("organization")
            home = self.store_home_org()
            org = (chosen.value() if chosen is not None else None) or home
            if org and kind in ("meeting", "issue", "action_item"):
                defaults["organization_id"] = org
        return self._open_editor(kind, None, defaults)

    def store_home_org(self) -> str | None:
        value = self.settings.q.value(self._home_key())
        return str(value) if value else None

    def set_home_org(self, org_id: str | None) -> None:
        self.settings.q.setValue(self._home_key(), org_id or "")

    def _home_key(self) -> str:
        import hashlib

        return "home_org/" + hashlib.sha1(self.store.location.encode()).hexdigest()[:16]

    def open_item(self, kind: str, row_or_id):
        """Open the editor of an item, given its row or (from search, recent) its id."""
        if isinstance(row_or_id, str):
            service = self.services.by_kind(kind)
            ref_id = row_or_id

            def gone(exc):
                self.settings.forget_recent(self.store.location, kind, ref_id)
                self._refresh_recent_menu()
                self.show_error(exc)

            self.tasks.run_in_background(lambda: service.get(ref_id), lambda row: self.open_item(kind, row), gone)
            return None
        return self._open_editor(kind, row_or_id, None)

    def _open_editor(self, kind: str, row, defaults):
        dialog = editor_for(kind, self.services, self.tasks, self.display, row=row, defaults=defaults, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda r, k=kind: self._edited(k, r))
        dialog.deleted.connect(lambda r, k=kind: self.on_changed({k: {r.id}}))
        if hasattr(dialog, "link_requested"):
            dialog.link_requested.connect(self.open_link_dialog)
        if row is not None:
            self._remember(kind, row)
        self._editors.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._editors.remove(d) if d in self._editors else None)
        dialog.open()
        return dialog

    def _edited(self, kind: str, row) -> None:
        self._remember(kind, row)
        self.on_changed({kind: {row.id}})

    def delete_item(self, kind: str, row) -> None:
        if not confirm(self, translate("MainWindow", "Delete"),
                       translate("MainWindow", "Delete “%1”? You can undo this with Ctrl+Z.").replace(
                           "%1", row_title(row))):
            return
        service = self.services.by_kind(kind)
        self.tasks.run_in_background(lambda: service.delete(row.id), lambda r: self.on_changed({kind: {r.id}}))

    def open_link_dialog(self, kind: str, row):
        from .policy import LinkDialog

        dialog = LinkDialog(self, kind, row)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.linked.connect(lambda link: self.on_changed({"policy_link": {link.id}}))
        dialog.open()
        return dialog

    # -- recent ----------------------------------------------------------------------

    def _remember(self, kind: str, row) -> None:
        self.settings.add_recent(self.store.location, RecentItem(kind, row.id, row_title(row)))
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        items = self.settings.recent(self.store.location)
        for item in items:
            action = self.recent_menu.addAction(f"{kind_name(item.kind)}: {item.title}")
            action.triggered.connect(lambda _c=False, i=item: self.open_item(i.kind, i.ref_id))
        self.recent_menu.setEnabled(bool(items))

    # -- changes, undo, redo -----------------------------------------------------------

    def on_changed(self, changed: dict) -> None:
        """Refresh what an edit, undo or redo changed."""
        changed = {k: set(v) for k, v in changed.items()}
        if "organization" in changed:
            self.load_organizations()
        for kind, ids in changed.items():
            page = self.pages.get(kind)
            if isinstance(page, ListPage):
                page.refresh(ids)
        if "policy_link" in changed:
            for kind in ("issue", "note"):
                page = self.pages.get(kind)
                if isinstance(page, ListPage) and page.filters.query().viewpoint_id:
                    page.refresh()
            policy = self.pages.get("policy")
            if policy is not None:
                policy.refresh_links()
        self.refresh_history()
        self.changed.emit(changed)

    def refresh_history(self) -> None:
        services = self.services
        self.tasks.run_in_background(lambda: (services.undo_label(), services.redo_label()), self._show_history)

    def _show_history(self, labels) -> None:
        self.undo_text, self.redo_text = labels
        self.undo_action.setEnabled(self.undo_text is not None)
        self.redo_action.setEnabled(self.redo_text is not None)
        self.undo_action.setText(translate("MainWindow", "&Undo: %1").replace("%1", self.undo_text)
                                 if self.undo_text else translate("MainWindow", "&Undo"))
        self.redo_action.setText(translate("MainWindow", "&Redo: %1").replace("%1", self.redo_text)
                                 if self.redo_text else translate("MainWindow", "&Redo"))
        self.history_changed.emit()

    def undo(self) -> None:
        services = self.services
        self.tasks.run_in_background(services.undo, self._replayed)

    def redo(self) -> None:
        services = self.services
        self.tasks.run_in_background(services.redo, self._replayed)

    def _replayed(self, result) -> None:
        if result is None:
            self.refresh_history()
            return
        self.statusBar().showMessage(result.label, 4000)
        self.on_changed(dict(result.changed))

    # -- dialogs ---------------------------------------------------------------------

    def open_search(self):
        from .search import SearchDialog

        dialog = getattr(self, "_search", None)
        if dialog is None:
            dialog = self._search = SearchDialog(self)
            dialog.open_requested.connect(self.open_item)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.focus_query()
        return dialog

    def open_settings(self):
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.store.location, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(self.apply_settings)
        dialog.open()
        return dialog

    def apply_settings(self) -> None:
        """Era and text size apply now; language and store location on restart."""
        self.display.era = self.settings.era
        from .app_style import apply_font_scale

        apply_font_scale(self.settings.font_scale)
        for page in self.pages.values():
            if hasattr(page, "redisplay"):
                page.redisplay()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, translate("MainWindow", "About"),
                          translate("MainWindow", "Meguro Jukyo: local issues, meetings and the ward plan's "
                                    "policy viewpoints, for Meguro's residents' councils and neighbourhood "
                                    "associations."))

    def show_error(self, exc: BaseException) -> None:
        show_error(self, error_text(exc, self.display.language))
        if not hasattr(exc, "ja"):
            raise exc

    def closeEvent(self, event) -> None:
        for dialog in list(self._editors):
            if dialog.is_modified():
                self.show_page(self.current_page() or "issue")
                dialog.raise_()
                if not confirm(self, translate("MainWindow", "Quit"),
                               translate("MainWindow", "An editor has unsaved changes. Quit anyway?")):
                    event.ignore()
                    return
                break
        self.tasks.wait()
        super().closeEvent(event)
