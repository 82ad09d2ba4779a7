"""The ward desk on real widgets: the 集計 page and its click-through, the 要望 inbox, and the
新しい回答 a laptop sees after importing the ward's bundle."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.demo import load_demo
from meguro_jukyo.core.reference import council_id
from meguro_jukyo.core.services import ListQuery, Services
from meguro_jukyo.core.sync import identity, importer, package
from meguro_jukyo.qt.mainwindow import MainWindow

WAIT = 20_000


@pytest.fixture
def demo_window(qtbot, store, services, tasks, settings, framework):
    load_demo(store, "small")
    w = MainWindow(Services(store), tasks, settings, framework)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.pages_built, timeout=WAIT):
        pass
    w.show()
    return w


def open_dashboard(qtbot, window):
    page = window.pages["dashboard"]
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        window.show_page("dashboard")
    return page


def open_inbox(qtbot, window):
    """The 要望 page, as loaded when the window opened (it loads then, for its badge)."""
    page = window.show_page("inbox")
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=WAIT)
    return page


def busiest_cell(page):
    model = page.heat_model
    cells = [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())]
    return max(cells, key=lambda i: i.data(Qt.ItemDataRole.UserRole))


def test_a_heat_map_cell_opens_the_issue_list_on_the_same_count_after_a_filter_change(qtbot, demo_window, services):
    page = open_dashboard(qtbot, demo_window)
    everything = page.data.total
    assert everything == services.issues.count(ListQuery()) > 0
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.filters.widgets["district"].set_value("north")
    assert page.data.query.district_code == "north"
    assert 0 < page.data.total < everything
    assert [page.heat_model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "北部", "東部", "中央", "南部", "西部"]
    cell = busiest_cell(page)
    count = cell.data(Qt.ItemDataRole.UserRole)
    vp, area, _n = page.heat_model.cell(cell)
    assert area == "north" and count > 0
    issues = demo_window.pages["issue"]
    rect = page.heat_view.visualRect(cell)
    qtbot.mouseClick(page.heat_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert demo_window.current_page() == "issue"
    qtbot.waitUntil(lambda: issues.count_label.text() == f"{count:,} rows", timeout=WAIT)
    shown = issues.filters.query()
    assert (shown.viewpoint_id, shown.district_code) == (vp, "north")
    assert services.issues.count(shown) == count

    # by 住区: the cell opens onto its 住区 (a filter the list now has too)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        demo_window.show_page("dashboard")
        page.filters.widgets["district"].set_value(None)
    page.by_jukyo.setChecked(True)
    assert page.heat_model.columnCount() == 22
    cell = busiest_cell(page)
    count = cell.data(Qt.ItemDataRole.UserRole)
    page.open_cell(cell)
    qtbot.waitUntil(lambda: issues.count_label.text() == f"{count:,} rows", timeout=WAIT)
    assert issues.filters.query().jukyo_code == page.heat_model.cell(cell)[1]


def test_the_charts_show_the_counts_and_save_as_png(qtbot, demo_window, services, tmp_path):
    page = open_dashboard(qtbot, demo_window)
    bars = page.category_view.chart().series()[0].barSets()[0]
    assert int(sum(bars.at(i) for i in range(bars.count()))) == page.data.total
    stacked = page.nendo_view.chart().series()[0].barSets()
    assert int(sum(s.at(i) for s in stacked for i in range(s.count()))) == page.data.total
    assert page.slowest_model.rowCount() == len(page.data.slowest) > 0
    out = tmp_path / "figure.png"
    assert page.boxes["nendo"].save_png(str(out))
    image = QImage(str(out))
    assert image.width() > 100 and image.height() > 100
    assert not list(tmp_path.glob(".*part"))


def test_an_unwritable_png_says_why_and_leaves_nothing(qtbot, demo_window, tmp_path, monkeypatch):
    page = open_dashboard(qtbot, demo_window)
    shown = []
    monkeypatch.setattr("meguro_jukyo.qt.dashboard.show_error", lambda _parent, text: shown.append(text))
    blocked = tmp_path / "file"
    blocked.write_text("x")
    assert not page.boxes["status"].save_png(str(blocked / "figure.png"))
    assert len(shown) == 1 and "figure.png" in shown[0]
    assert blocked.read_text() == "x"


def test_answering_a_request_in_the_inbox_is_an_undoable_change_and_it_leaves(qtbot, demo_window, services):
    page = open_inbox(qtbot, demo_window)
    waiting = services.stats.open_requests(limit=None)
    assert [r.id for r in page.requests] == [r.id for r in waiting][:len(page.requests)]
    first = page.current()
    assert first.id == waiting[0].id and page.title_label.text() == first.title
    page.answer_edit.setPlainText("来年度の予算で対応します。")
    page.date_edit.set_value(dt.date(2026, 11, 30))
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    answered = services.issues.get(first.id)
    assert (answered.ward_answer, answered.answered_on) == ("来年度の予算で対応します。", dt.date(2026, 11, 30))
    assert first.id not in [r.id for r in page.requests]
    qtbot.waitUntil(lambda: demo_window.undo_text == "要望に回答", timeout=WAIT)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        demo_window.undo()
    assert page.requests[0].id == first.id  # back in the inbox


def test_an_empty_answer_is_refused_beside_the_form_and_changes_nothing(qtbot, demo_window, services):
    page = open_inbox(qtbot, demo_window)
    first = page.current()
    page.answer_edit.setPlainText("   ")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error_label.text() != "", timeout=WAIT)
    assert services.issues.get(first.id).ward_answer == ""


def test_a_laptop_importing_the_ward_bundle_shows_the_new_answer(qtbot, store, services, tasks, settings, framework,
                                                                 tmp_path):
    ward = Store.open(tmp_path / "ward.sqlite3", create=True, device_name="地域振興課")
    try:
        identity.trust_card(ward, identity.device_card(store))
        identity.trust_card(store, identity.device_card(ward))
        request = services.issues.create({"organization_id": council_id("komaba"), "title": "ベンチを増やして",
                                          "is_request": True, "status": "requested"})
        package.export_package(store, tmp_path / "laptop.mjsync")
        importer.import_package(ward, tmp_path / "laptop.mjsync")
        Services(ward).issues.answer(request.id, "来年度に2基設置します。", dt.date(2026, 11, 30))
        identity.set_ward_office(ward, True)  # only the ward office's store writes the bundle
        package.export_package(ward, tmp_path / "bundle.mjsync", scope="bundle")
    finally:
        ward.close()
    window = MainWindow(services, tasks, settings, framework)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.pages_built, timeout=WAIT):
        pass
    window.show()
    inbox = window.pages["inbox"]
    nav = window.nav.item(window.stack.indexOf(inbox))
    qtbot.waitUntil(lambda: bool(inbox.requests) and inbox.requests[0].id == request.id, timeout=WAIT)
    assert nav.text() == "Requests" and inbox.news_box.isHidden()
    with qtbot.waitSignal(inbox.loaded, timeout=WAIT):
        window.pages["sync"].import_paths([tmp_path / "bundle.mjsync"])
    qtbot.waitUntil(lambda: nav.text() == "Requests (1 new answer)", timeout=WAIT)
    assert [a.id for a in inbox.answers] == [request.id]
    assert inbox.news_model.item(0, 2).text() == "来年度に2基設置します。"
    assert request.id not in [r.id for r in inbox.requests]
    window.show_page("inbox")
    assert inbox.news_box.isVisible()
    with qtbot.waitSignal(inbox.loaded, timeout=WAIT):
        qtbot.mouseClick(inbox.seen_button, Qt.MouseButton.LeftButton)
    assert nav.text() == "Requests" and inbox.news_box.isHidden()
    assert services.stats.new_answers() == []


def test_the_report_per_viewpoint_is_written_for_the_chosen_year(qtbot, demo_window, tmp_path):
    from meguro_jukyo.core.exchange.minutes_xlsx import read_minutes_xlsx
    from meguro_jukyo.core.exchange.viewpoint_report import SHEET_TITLE

    page = open_dashboard(qtbot, demo_window)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.filters.widgets["nendo"].set_value(2025)
    assert page.report_nendo() == 2025
    out = tmp_path / "視点別.xlsx"
    with qtbot.waitSignal(page.report_written, timeout=WAIT) as written:
        page.export_report(out, page.report_nendo())
    assert written.args == [out] and page.report_label.text() == "Written: 視点別.xlsx"
    heading, sections = read_minutes_xlsx(out, sheet_title=SHEET_TITLE)
    assert heading == "施策立案の視点別 地域課題の報告（令和7年度）" and len(sections) == 14


def test_the_charts_follow_the_large_text_setting(qtbot, demo_window, settings):
    from PySide6.QtWidgets import QApplication

    page = open_dashboard(qtbot, demo_window)
    normal = QApplication.font().pointSizeF()
    settings.text_size = "large"
    try:
        demo_window.apply_settings()
        large = QApplication.font().pointSizeF()
        assert large > normal
        for view in (page.category_view, page.status_view, page.nendo_view, page.age_view):
            assert {axis.labelsFont().pointSizeF() for axis in view.chart().axes()} == {large}
    finally:
        settings.text_size = "normal"
        demo_window.apply_settings()
    assert QApplication.font().pointSizeF() == normal


@pytest.mark.parametrize("size", ["normal", "large"])
def test_the_page_shows_every_viewpoint_title_and_request_title_whole(qtbot, japanese, demo_window, settings, size):
    """In Japanese, by 地区, the heat map's rows carry each 視点's whole title, and the slowest
    要望 fit their table's width (no sideways scrolling, no title cut) at the screenshots' size."""
    demo_window.resize(1280, 1900)
    page = open_dashboard(qtbot, demo_window)
    settings.text_size = size  # changed with the page on screen, as a user does
    try:
        demo_window.apply_settings()
        qtbot.wait(100)  # the deferred sizing
        header = page.heat_view.verticalHeader()
        metrics = header.fontMetrics()
        for row in range(page.heat_model.rowCount()):
            text = page.heat_model.headerData(row, Qt.Orientation.Vertical)
            assert metrics.horizontalAdvance(text) < header.width(), text
        view = page.slowest_view
        assert page.data.slowest and view.horizontalScrollBar().maximum() == 0
        last = page.slowest_model.columnCount() - 1
        for row in range(page.slowest_model.rowCount()):
            item = page.slowest_model.item(row, last)
            assert view.fontMetrics().horizontalAdvance(item.text()) < view.columnWidth(last), item.text()
            assert item.toolTip() == item.text()
    finally:
        settings.text_size = "normal"
        demo_window.apply_settings()
