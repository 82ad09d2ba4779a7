"""The main window: navigation between pages, menus, status bar, undo/redo, recent items.

Pages are added with :meth:`MainWindow.add_page` and menu actions with :meth:`MainWindow.menu`,
so later features (meeting mode, Excel, sync) plug in without editing this file's body.
Every write from any screen runs through ``TaskManager.change`` (the one operation path); its
broadcast ends in :meth:`MainWindow.on_changed` with what changed (entity kind → ids): pages
refresh just that, the Undo label is read again, and ``changed`` is emitted for anything else
listening. No screen tells the window of a change by hand.

Start-up comes in two steps so the window is on screen before the core is even imported:
``MainWindow(None, tasks, settings)`` builds the shell (navigation, pages that say 読み込み中…,
menus, status bar) from Qt alone; :meth:`MainWindow.open_store` then imports the core and opens
the store on the database lane and :meth:`MainWindow.attach` builds the real pages when it is
done. Tests and tools that already hold the services pass them in and get both steps at once.

Why one file of ~650 lines: one class, the shell every page plugs into; its start-up imports are
local on purpose (see below), and features add themselves through install() hooks elsewhere.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from . import a11y
from .app_style import apply_font_scale, install_focus_outline
from .names import kind_name, row_title
from . import settings as app_settings
from .settings import RecentItem, Settings
from .tasks import TaskManager, error_text
from .widgets import confirm, show_error
from .i18n import QT_TRANSLATE_NOOP, tr_args, tr_n
from .widgets import fit_to_screen

if TYPE_CHECKING:  # for the annotations only: the core is imported once the shell is on screen
    from ..core.db import Store
    from ..core.policy import PolicyFramework
    from ..core.services import Services, SuggestionService
    from .display import Display

translate = QCoreApplication.translate

LIST_KINDS = ("organization", "meeting", "issue", "note", "action_item")
FIRST_PAINT_WAIT_MS = 300

PAGE_TITLES = {
    "organization": QT_TRANSLATE_NOOP("MainWindow", "Organizations"),
    "meeting": QT_TRANSLATE_NOOP("MainWindow", "Meetings"),
    "issue": QT_TRANSLATE_NOOP("MainWindow", "Local issues"),
    "note": QT_TRANSLATE_NOOP("MainWindow", "Meeting notes"),
    "action_item": QT_TRANSLATE_NOOP("MainWindow", "Action items"),
    "policy": QT_TRANSLATE_NOOP("MainWindow", "Policy viewpoints"),
}


def loading_page(key: str) -> QWidget:
    """What a page shows until the store is open: 読み込み中…"""
    # centred by stretches: the first use of the Qt namespace costs ~50 ms, which the window
    # can spend on screen instead (it is touched right after the first paint anyway)
    page = QWidget()
    page.setObjectName(f"page_{key}_loading")
    label = QLabel(translate("MainWindow", "Loading…"))
    label.setEnabled(False)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(label)
    row.addStretch(1)
    column = QVBoxLayout(page)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(2)
    return page


class MainWindow(QMainWindow):
    #: entity kind -> ids changed by an edit, undo or redo (after the pages refreshed)
    changed = Signal(dict)
    #: undo/redo labels were refreshed
    history_changed = Signal()
    #: the pages exist (they are built once organization names have loaded)
    pages_built = Signal()

    def __init__(self, services, tasks: TaskManager, settings: Settings, framework=None, parent=None):
        """``services`` None: the shell only, until :meth:`open_store` or :meth:`attach`."""
        super().__init__(parent)
        self.tasks, self.settings = tasks, settings
        # None in the shell, until attach()
        self.services: Services | None = None
        self.store: Store | None = None
        self.framework: PolicyFramework | None = None
        self.suggester: SuggestionService | None = None
        self.display: Display | None = None
        self.tasks.set_error_handler(self.show_error)
        self.tasks.changed.connect(self.on_changed)
        self.setObjectName("main_window")
        self.setWindowTitle(translate("MainWindow", "Meguro Jukyo — local issues and meetings"))
        self._menus: dict[str, QMenu] = {}
        self.pages: dict[str, QWidget] = {}
        self._editors: list = []
        self.pages_ready = False
        self._painted = False
        self._after_paint: list[Callable[[], None]] = []
        self._opening = False
        self._page_actions: list[QAction] = []
        install_focus_outline()
        self.undo_text: str | None = None
        self.redo_text: str | None = None

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        a11y.name(self.nav, translate("MainWindow", "Pages"))
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
        for key, title in PAGE_TITLES.items():
            self.add_page(key, translate("MainWindow", title), loading_page(key))
        self.show_page("issue")

        self._build_menus()
        self._build_status()
        self._refresh_page_actions()
        fit_to_screen(self, 1200, 760)
        app_settings.install(settings)
        geometry = settings.window_geometry("main")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if services is not None:
            self.attach(services, framework)

    def open_store(self, opener: Callable[[], tuple], on_failure: Callable[[BaseException], None]) -> None:
        """Run ``opener`` on the database lane — it imports the core, opens the store and returns
        (services, framework) — then :meth:`attach` them; ``on_failure(exc)`` if it raises.

        It starts once the window has painted itself: the lane's imports would otherwise take
        turns with the first paint (one interpreter lock); a window never painted (started
        minimised) starts it after FIRST_PAINT_WAIT_MS.
        """
        def start() -> None:
            if self._opening:
                self._opening = False
                self.tasks.run_in_background(opener, lambda opened: self.attach(*opened), on_failure)

        self._opening = True
        if self._painted:
            QTimer.singleShot(0, start)
        else:
            self._after_paint.append(start)
            QTimer.singleShot(FIRST_PAINT_WAIT_MS, start)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            for callback in self._after_paint:
                QTimer.singleShot(0, callback)
            self._after_paint.clear()

    def attach(self, services, framework) -> None:
        """The store is open: everything that needs the core, then the pages (once organization
        names have loaded)."""
        # not at the top: start-up (see the module docstring)
        from ..core.services import SuggestionService
        from .display import Display

        self.services, self.framework = services, framework
        self.store = services.store
        self.suggester = SuggestionService(services.store, framework)
        display = self.display = Display(services.vocab, self.settings.language, self.settings.era)
        display.viewpoint_titles = {vp.id: vp.title for vp in framework.viewpoints()}
        self._viewpoints = [(vp.id, f"{vp.id} {vp.title}") for vp in framework.viewpoints()]
        for action in self._store_actions:
            action.setEnabled(True)
        self.update_status()
        self._refresh_recent_menu()
        # not at the top: start-up (see the module docstring)
        from .meeting.launch import install as install_meeting_mode

        install_meeting_mode(self)
        # not at the top: start-up (see the module docstring)
        from .printing import install as install_printing

        install_printing(self)
        self.load_organizations(then=self._build_pages)

    # What runs only once attach() has opened the store (its actions are off, its pages are
    # placeholders until then) reaches the store's objects through these.

    def _services(self) -> Services:
        if self.services is None:
            raise RuntimeError("the store is not open yet")
        return self.services

    def _store(self) -> Store:
        if self.store is None:
            raise RuntimeError("the store is not open yet")
        return self.store

    def _display(self) -> Display:
        if self.display is None:
            raise RuntimeError("the store is not open yet")
        return self.display

    # -- extension points ------------------------------------------------------------

    def menu(self, key: str) -> QMenu:
        """The menu named ``key`` (file, edit, go, tools, help)."""
        return self._menus[key]

    def add_page(self, key: str, title: str, widget: QWidget, position: int | None = None) -> None:
        """A page and its navigation entry, at the end or at ``position``; a page already under
        ``key`` (the placeholder shown while the store opens) is replaced in its place."""
        widget.setObjectName(widget.objectName() or f"page_{key}")
        old = self.pages.get(key)
        if old is not None:
            index = self.stack.indexOf(old)
            current = self.stack.currentWidget() is old
            self.stack.insertWidget(index, widget)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.pages[key] = widget
            self.nav.item(index).setText(title)
            if current:
                self.stack.setCurrentWidget(widget)
            self._refresh_page_actions()
            return
        self.pages[key] = widget
        index = self.stack.insertWidget(-1 if position is None else position, widget)
        item = QListWidgetItem(title)
        item.setSizeHint(QSize(0, self.fontMetrics().height() + 18))
        self.nav.insertItem(index, item)
        self._refresh_page_actions()

    def remove_page(self, key: str) -> None:
        widget = self.pages.pop(key)
        index = self.stack.indexOf(widget)
        self.nav.takeItem(index)
        self.stack.removeWidget(widget)
        widget.deleteLater()
        self._refresh_page_actions()

    def _refresh_page_actions(self) -> None:
        """Go ▸ one entry per page, the first nine on Ctrl+1…Ctrl+9 in the order of the
        navigation list (the keys follow the list when a page comes or goes)."""
        if "go" not in self._menus:
            return  # the menus are built after the first pages
        go = self.menu("go")
        for action in self._page_actions:
            go.removeAction(action)
            action.deleteLater()
        self._page_actions = []
        for index in range(self.nav.count()):
            action = QAction(self.nav.item(index).text(), self)
            action.setObjectName(f"page_action_{index + 1}")
            if index < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            widget = self.stack.widget(index)
            action.triggered.connect(lambda _c=False, w=widget: self.nav.setCurrentRow(self.stack.indexOf(w)))
            go.insertAction(self._pages_end, action)
            self._page_actions.append(action)

    def _welcome_done(self) -> None:
        home = self.store_home_org()
        if home:  # open on the organization chosen on the welcome page (names read afresh: sample data)
            self.load_organizations(then=lambda: self.filter_lists_by_organization(home))
        self.show_page("issue")
        self.remove_page("welcome")

    def filter_lists_by_organization(self, org_id: str) -> None:
        """Show one organization's meetings, issues and action items."""
        # not at the top: start-up (see the module docstring)
        from .lists import ListPage

        for kind in ("meeting", "issue", "action_item"):
            page = self.pages[kind]
            chosen = page.filters.choices.get("organization") if isinstance(page, ListPage) else None
            if chosen is not None:
                chosen.set_value(org_id)

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
        self.new_action.setEnabled(False)
        self.settings_action = QAction(translate("MainWindow", "&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = quit_action = QAction(translate("MainWindow", "&Quit"), self)
        # the platform's Quit keys, and Ctrl+Q where it has none (Windows, some desktops)
        quit_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")])
        quit_action.triggered.connect(self.close)
        file_menu = self.menu("file")
        file_menu.addAction(self.new_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        self.undo_action = QAction(translate("MainWindow", "&Undo"), self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(translate("MainWindow", "&Redo"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.menu("edit").addAction(self.undo_action)
        self.menu("edit").addAction(self.redo_action)

        self.search_action = QAction(translate("MainWindow", "&Search everything…"), self)
        self.search_action.setShortcut(QKeySequence.StandardKey.Find)
        self.search_action.triggered.connect(self.open_search)
        self.search_action.setEnabled(False)
        self.menu("go").addAction(self.search_action)
        self.recent_menu = self.menu("go").addMenu(translate("MainWindow", "&Recently opened"))
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.setEnabled(False)
        self.menu("go").addSeparator()
        self._pages_end = self.menu("go").addSeparator()  # the pages (Ctrl+1…9) come before it

        self.check_action = QAction(translate("MainWindow", "&Check the data…"), self)
        self.check_action.setObjectName("check_action")
        self.check_action.triggered.connect(self.check_data)
        self.backup_action = QAction(translate("MainWindow", "Make a &backup"), self)
        self.backup_action.setObjectName("backup_action")
        self.backup_action.triggered.connect(self.make_backup)
        tools = self.menu("tools")
        tools.addAction(self.check_action)
        tools.addAction(self.backup_action)
        tools.addSeparator()
        #: actions that need the open store (enabled by attach)
        self._store_actions = [self.new_action, self.search_action, self.check_action, self.backup_action]
        for action in self._store_actions:
            action.setEnabled(False)

        self.guide_action = QAction(translate("MainWindow", "&How to use…"), self)
        self.guide_action.setObjectName("guide_action")
        self.guide_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents)
                                       or [QKeySequence("F1")])
        self.guide_action.triggered.connect(self.show_help)
        self.menu("help").addAction(self.guide_action)
        about = QAction(translate("MainWindow", "&About"), self)
        about.setObjectName("about_action")
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
        self.tasks.busy_changed.connect(self._show_busy)  # a method: let go when the window is

    def _show_busy(self, busy: bool) -> None:
        self.busy_label.setText(translate("MainWindow", "Working…") if busy else "")

    def update_status(self) -> None:
        store = self._store()
        self.store_label.setText(tr_args("MainWindow", "Data: %1", store.location))
        self.store_label.setToolTip(store.location)
        name = store.device_name or translate("MainWindow", "(unnamed)")
        self.device_label.setText(tr_args("MainWindow", "This device: %1", name))

    def load_organizations(self, then=None) -> None:
        """Organization names for lists and choices (a few hundred at most), on the lane."""
        # not at the top: start-up (see the module docstring)
        from ..core.services import ListQuery

        service = self._services().organizations

        def done(orgs):
            # not at the top: start-up (see the module docstring)
            from .lists import ListPage

            self.display.org_names = {o.id: o.name for o in orgs}
            for page in self.pages.values():
                if isinstance(page, ListPage):
                    page.filters.set_organizations(list(self.display.org_names.items()))
            if then is not None:
                then()

        self.tasks.run_in_background(lambda: service.list(ListQuery()), done)

    def _build_pages(self) -> None:
        # not at the top: start-up (see the module docstring)
        from .lists import ListPage
        from .policy import PolicyPage

        if not self._store().device_name:
            # not at the top: start-up (see the module docstring)
            from .welcome import WelcomePage

            welcome = WelcomePage(self)
            welcome.finished.connect(self._welcome_done)
            self.add_page("welcome", translate("MainWindow", "Welcome"), welcome, position=0)
        for kind in LIST_KINDS:
            page = ListPage(kind, self._services(), self.tasks, self._display(), self.settings, self._viewpoints)
            page.open_requested.connect(self.open_item)
            page.new_requested.connect(self.new_item)
            page.delete_requested.connect(self.delete_item)
            page.link_requested.connect(self.open_link_dialog)
            self.add_page(kind, translate("MainWindow", PAGE_TITLES[kind]), page)
        self.add_page("policy", translate("MainWindow", PAGE_TITLES["policy"]), PolicyPage(self))
        # not at the top: start-up (see the module docstring)
        from .sync_page import install as install_sync

        install_sync(self)
        # not at the top: start-up (see the module docstring)
        from .excel import install as install_excel

        install_excel(self)
        # not at the top: start-up (see the module docstring)
        from .dashboard import install as install_dashboard
        from .inbox import install as install_inbox
        from .since import install as install_since

        install_dashboard(self)
        install_inbox(self)
        install_since(self)
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
        # not at the top: start-up (see the module docstring)
        from .lists import ListPage

        defaults = dict(defaults or {})
        page = self.pages.get(kind)
        if isinstance(page, ListPage) and "organization_id" not in defaults:
            chosen = page.filters.choices.get("organization")
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
        return "home_org/" + hashlib.sha1(self._store().location.encode()).hexdigest()[:16]

    def open_item(self, kind: str, row_or_id):
        """Open the editor of an item, given its row or (from search, recent) its id."""
        if isinstance(row_or_id, str):
            service = self._services().by_kind(kind)
            ref_id = row_or_id

            def gone(exc):
                self.settings.forget_recent(self.store.location, kind, ref_id)
                self._refresh_recent_menu()
                self.show_error(exc)

            self.tasks.run_in_background(lambda: service.get(ref_id), lambda row: self.open_item(kind, row), gone)
            return None
        return self._open_editor(kind, row_or_id, None)

    def _open_editor(self, kind: str, row, defaults):
        # not at the top: start-up (see the module docstring)
        from .editors import editor_for

        dialog = editor_for(kind, self.services, self.tasks, self.display, row=row, defaults=defaults, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda saved, k=kind: self._remember(k, saved) if k in LIST_KINDS else None)
        if hasattr(dialog, "link_requested"):
            dialog.link_requested.connect(self.open_link_dialog)
        if row is not None:
            self._remember(kind, row)
        self._editors.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._editors.remove(d) if d in self._editors else None)
        dialog.open()
        return dialog

    def delete_item(self, kind: str, row) -> None:
        if not confirm(self, translate("MainWindow", "Delete"),
                       tr_args("MainWindow", "Delete “%1”? You can undo this with Ctrl+Z.", row_title(row))):
            return
        service = self._services().by_kind(kind)
        self.tasks.change(lambda: service.delete(row.id))

    def open_link_dialog(self, kind: str, row):
        # not at the top: start-up (see the module docstring)
        from .policy import LinkDialog

        dialog = LinkDialog(self, kind, row)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- recent ----------------------------------------------------------------------

    def _remember(self, kind: str, row) -> None:
        self.settings.add_recent(self._store().location, RecentItem(kind, row.id, row_title(row)))
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        if self.store is None:
            return
        self.recent_menu.clear()
        items = self.settings.recent(self.store.location)
        for item in items:
            action = self.recent_menu.addAction(f"{kind_name(item.kind)}: {item.title}")
            action.triggered.connect(lambda _c=False, i=item: self.open_item(i.kind, i.ref_id))
        self.recent_menu.setEnabled(bool(items))

    # -- changes, undo, redo -----------------------------------------------------------

    def on_changed(self, changed: dict, _initiator=None) -> None:
        """Refresh what a write (an edit, import, undo or redo, from any screen) changed."""
        # not at the top: start-up (see the module docstring)
        from .lists import ListPage
        from .policy import PolicyPage

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
            if isinstance(policy, PolicyPage):
                policy.refresh_links()
        self.refresh_history()
        self.changed.emit(changed)

    def refresh_history(self) -> None:
        services = self._services()
        self.tasks.run_in_background(lambda: (services.undo_label(), services.redo_label()), self._show_history)

    def _show_history(self, labels) -> None:
        self.undo_text, self.redo_text = labels
        self.undo_action.setEnabled(self.undo_text is not None)
        self.redo_action.setEnabled(self.redo_text is not None)
        self.undo_action.setText(tr_args("MainWindow", "&Undo: %1", self.undo_text)
                                 if self.undo_text else translate("MainWindow", "&Undo"))
        self.redo_action.setText(tr_args("MainWindow", "&Redo: %1", self.redo_text)
                                 if self.redo_text else translate("MainWindow", "&Redo"))
        self.history_changed.emit()

    def undo(self) -> None:
        services = self._services()
        self.tasks.change(services.undo, self._replayed)

    def redo(self) -> None:
        services = self._services()
        self.tasks.change(services.redo, self._replayed)

    def _replayed(self, result) -> None:
        """The broadcast has refreshed what the undo or redo changed; say what it was."""
        if result is None:
            self.refresh_history()
            return
        self.statusBar().showMessage(result.label, 4000)

    # -- dialogs ---------------------------------------------------------------------

    def open_search(self):
        # not at the top: start-up (see the module docstring)
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
        # not at the top: start-up (see the module docstring)
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.store.location, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(self.apply_settings)
        dialog.open()
        return dialog

    def apply_settings(self) -> None:
        """Era and text size apply now; language and store location on restart."""
        if self.display is not None:
            self.display.era = self.settings.era
        apply_font_scale(self.settings.font_scale)
        for page in self.pages.values():
            if hasattr(page, "redisplay"):
                page.redisplay()

    # -- tools -----------------------------------------------------------------------

    def check_data(self):
        """Tools ▸ Check the data: the core's whole check (integrity, references, search index)
        in the background, then a report."""
        # not at the top: start-up (see the module docstring)
        from ..core.check import check_store

        store = self.store
        return self.tasks.with_progress(self, translate("MainWindow", "Checking the data…"),
                                        lambda _progress: check_store(store), self._show_check_report,
                                        cancellable=False)

    def _show_check_report(self, problems) -> None:
        if not problems:
            text = translate("MainWindow", "No problems were found.")
            icon = QMessageBox.Icon.Information
        else:
            lines = [f"・{p.what}" + (f"（{p.detail}）" if p.detail else "") for p in problems]
            text = tr_n("MainWindow", "%Ln problem(s) (was|were) found:", len(problems)) \
                + "\n\n" + "\n".join(lines)
            icon = QMessageBox.Icon.Warning
        box = QMessageBox(icon, translate("MainWindow", "Check the data"), text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("check_report")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.check_report = box

    def make_backup(self) -> None:
        """Tools ▸ Make a backup: a copy beside the data file (SQLite's backup API, on the lane)."""
        store = self._store()

        def done(path) -> None:
            self.last_backup = path
            self.statusBar().showMessage(tr_args("MainWindow", "Backup made: %1", str(path)), 10000)

        self.tasks.run_in_background(lambda: store.backup(reason="manual"), done)

    def show_help(self):
        """Help ▸ How to use (F1): the guide to the three jobs and this window's keys."""
        # not at the top: start-up (see the module docstring)
        from .help import shortcut_rows, show_help

        return show_help(self, self.settings.language, shortcut_rows(self))

    def about_dialog(self):
        # not at the top: start-up (see the module docstring)
        from ..core.about import LICENCE, data_folder, version
        from .about import AboutDialog

        return AboutDialog(version(), LICENCE, str(data_folder()),
                           self.store.location if self.store is not None else None, self)

    def about(self) -> None:
        self.about_dialog().exec()

    def show_error(self, exc: BaseException) -> None:
        show_error(self, error_text(exc, self.settings.language))
        if not hasattr(exc, "ja"):
            raise exc

    def closeEvent(self, event) -> None:
        # not at the top: start-up (see the module docstring)
        from .meeting.launch import close_all, open_titles

        asked = False
        for dialog in list(self._editors):
            if dialog.is_modified():
                self.show_page(self.current_page() or "issue")
                dialog.raise_()
                if not confirm(self, translate("MainWindow", "Quit"),
                               translate("MainWindow", "An editor has unsaved changes. Quit anyway?")):
                    event.ignore()
                    return
                asked = True
                break
        # quitting closes meeting mode too (its own windows would keep the app and the store
        # lock alive), asking once: not again if the question above was already answered
        titles = open_titles(self)
        if titles and not asked and not confirm(
                self, translate("MainWindow", "Quit"),
                tr_args("MainWindow", "Meeting mode is open (%1). Quit and close it? A note being typed there "
                        "is kept.", "、".join(t for t in titles if t))):
            event.ignore()
            return
        close_all(self)
        self.settings.keep_window_geometry("main", self.saveGeometry())
        self.tasks.wait()
        super().closeEvent(event)
