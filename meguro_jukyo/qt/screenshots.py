"""Render the main views with the small sample data: ``python -m meguro_jukyo.qt.screenshots DIR``.

Runs offscreen in Japanese on a throwaway store, so the images show what a new user sees after
loading the sample data. The README shows the results (docs/screenshots/).
MEGURO_JUKYO_SCREENSHOT_LANGUAGE=en renders the English interface instead, to look it over.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from ..core.db import Store
from ..core.demo import load_demo
from ..core.policy import load_framework
from ..core.services import ListQuery, Services
from ..core.sync import identity, importer, package
from . import i18n
from .excel import ExcelPage
from .lists import ListPage
from .mainwindow import MainWindow
from .policy import PolicyPage
from .settings import Settings
from .tasks import TaskManager

SIZE = (1280, 800)

PageType = TypeVar("PageType", bound=QWidget)


def _settle(app, tasks, rounds: int = 40) -> None:
    """Let queued work finish and its results arrive."""
    for _ in range(rounds):
        tasks.wait()
        app.processEvents()


def _page(window: MainWindow, key: str, kind: type[PageType]) -> PageType:
    """The page under ``key``, shown: a ``kind`` (the window's pages are plain widgets to it)."""
    page = window.show_page(key)
    if not isinstance(page, kind):
        raise TypeError(f"the {key} page is a {type(page).__name__}, not a {kind.__name__}")
    return page


def _sync_views(window, store, services, tmp: Path, shoot) -> None:
    """The 同期 page after the ward's package came in with a conflict on an issue's title."""
    ward = Store.open(tmp / "ward.sqlite3", create=True, holder="screenshots", device_name="区役所 地域振興課")
    try:
        identity.trust_card(ward, identity.device_card(store))
        identity.trust_card(store, identity.device_card(ward))
        package.export_package(store, tmp / "laptop.mjsync", scope="all")
        importer.import_package(ward, tmp / "laptop.mjsync")
        issue = services.issues.list(ListQuery(equals={"category": "crime"}, limit=1))[0]
        services.issues.update(issue.id, {"title": issue.title + "（駒場一丁目）"})
        Services(ward).issues.update(issue.id, {"title": "夜間の防犯灯の照度不足", "status": "requested"})
        package.export_package(ward, tmp / "ward.mjsync")
    finally:
        ward.close()
    page = window.show_page("sync")
    page.import_paths([tmp / "ward.mjsync"])
    shoot(window, "sync")
    page.tabs.setCurrentWidget(page.conflicts)
    shoot(window, "sync_conflicts")


def _desk_views(window, settings, shoot) -> None:
    """The 集計 page, whole (in the default and the large text size), and the 要望 inbox."""
    window.show_page("dashboard")
    window.resize(SIZE[0], 1900)
    shoot(window, "dashboard")
    settings.text_size = "large"
    window.apply_settings()
    window.resize(SIZE[0], 2800)  # the larger text makes the page longer: all of it in the picture
    shoot(window, "dashboard_large")
    settings.text_size = "normal"
    window.apply_settings()
    window.resize(*SIZE)
    window.show_page("inbox")
    shoot(window, "inbox")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m meguro_jukyo.qt.screenshots OUTPUT_DIR", file=sys.stderr)
        return 2
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    app = QApplication.instance() or QApplication([])
    translators = i18n.install(app, os.environ.get("MEGURO_JUKYO_SCREENSHOT_LANGUAGE", "ja"))
    framework = load_framework()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        settings = Settings(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
        tasks = TaskManager()

        def shoot(widget, name: str) -> None:
            _settle(app, tasks)
            widget.grab().save(str(out / f"{name}.png"))
            print(out / f"{name}.png")

        # first run: the welcome page on an empty store
        fresh = Store.open(tmp / "fresh.sqlite3", create=True, holder="screenshots")
        welcome = MainWindow(Services(fresh), tasks, settings, framework)
        welcome.resize(*SIZE)
        welcome.show()
        _settle(app, tasks)
        shoot(welcome, "welcome")
        welcome.close()
        fresh.close()

        store = Store.open(tmp / "demo.sqlite3", create=True, holder="screenshots", device_name="駒場 事務局PC")
        load_demo(store, size="small", seed=2022)
        services = Services(store)
        window = MainWindow(services, tasks, settings, framework)
        window.resize(*SIZE)
        window.show()
        _settle(app, tasks)

        page = _page(window, "issue", ListPage)
        page.filters.menus["issue_category"].set_values(["disaster"])
        _settle(app, tasks)
        shoot(window, "issues")

        issue = services.issues.list(ListQuery(equals={"category": "disaster"}, limit=1))[0]
        editor = window.open_item("issue", issue)
        editor.resize(760, 900)
        shoot(editor, "issue_editor")
        services.issues.update(issue.id, {"status": "discussing", "priority": 1})
        history = editor.show_history()
        history.resize(900, 420)
        shoot(history, "history")
        history.reject()
        editor.accept()

        linked = services.links.list(ListQuery(limit=1))
        policy = _page(window, "policy", PolicyPage)
        policy.select(linked[0].viewpoint_id if linked else framework.viewpoints()[0].id)
        shoot(window, "policy")

        link_dialog = window.open_link_dialog("issue", issue)
        _settle(app, tasks)  # the suggestions are computed on the database lane
        link_dialog.accept_suggestion()
        shoot(link_dialog, "link_suggestions")
        link_dialog.reject()

        search = window.open_search()
        search.query.setText("防災")
        search.run()
        shoot(search, "search")
        search.close()

        settings_dialog = window.open_settings()
        shoot(settings_dialog, "settings")
        settings_dialog.reject()

        window.show_page("meeting")
        _settle(app, tasks)
        shoot(window, "meetings")

        excel = _page(window, "excel", ExcelPage)  # issues of two statuses: the preview counts them
        excel.status_filter.set_values(["raised", "discussing"])
        excel.schedule_preview()
        for _ in range(20):
            _settle(app, tasks)
            QTest.qWait(50)  # the preview waits for the filters to stop changing
        shoot(window, "excel_export")

        _desk_views(window, settings, shoot)

        _sync_views(window, store, services, tmp, shoot)

        window.close()
        tasks.wait()
        store.close()
    i18n.uninstall(app, translators)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
