"""The 要望 inbox over the ward's cycle on real widgets: grouped by 担当課, what is past its
回答予定 marked, routing and answers of each kind written through the one GUI write path."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from PySide6.QtCore import Qt

from meguro_jukyo.core.reference import council_id
from meguro_jukyo.qt.mainwindow import MainWindow

WAIT = 20_000


@pytest.fixture
def inbox(qtbot, store, services, tasks, settings, framework):
    raised = (dt.date(2026, 4, 20), dt.date(2026, 5, 1), dt.date(2026, 6, 1))
    ids = [services.issues.create({"organization_id": council_id("komaba"), "title": title, "is_request": True,
                                   "status": "requested", "raised_on": on}).id
           for title, on in zip(("ベンチを増やして", "街灯を明るく", "歩道の段差"), raised)]
    services.issues.route(ids[1], "doboku", dt.date(2026, 5, 10), dt.date(2026, 6, 30))  # long past
    window = MainWindow(services, tasks, settings, framework)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.pages_built, timeout=WAIT):
        pass
    window.show()
    page = window.show_page("inbox")
    qtbot.waitUntil(lambda: len(page.requests) == 3 and tasks.pending == 0, timeout=WAIT)
    return window, page, ids


def _groups(page) -> list[tuple[str, list[str]]]:
    model = page.model
    return [(model.item(g, 0).text(), [model.item(g, 0).child(r, 6).text() for r in range(model.item(g, 0).rowCount())])
            for g in range(model.rowCount())]


def test_the_inbox_groups_requests_by_department_and_marks_the_overdue(qtbot, inbox, tmp_path):
    window, page, ids = inbox
    assert _groups(page) == [("Not yet routed (2 waiting)", ["ベンチを増やして", "歩道の段差"]),
                             ("都市整備部 道路管理課 (1 waiting) 1 past the planned date", ["街灯を明るく"])]
    routed = page.model.item(1, 0).child(0, 3)
    assert routed.text().endswith("(overdue)") and routed.foreground().color().name() == "#b00020"
    assert page.current().id == ids[0]  # the oldest first
    if os.environ.get("MEGURO_JUKYO_SHOTS"):
        window.resize(1280, 760)
        window.grab().save(str(tmp_path / "inbox.png"))


def test_routing_and_a_progress_answer_keep_a_request_and_a_final_answer_takes_it_out(qtbot, inbox, services):
    window, page, ids = inbox
    assert page.select(ids[0])
    page.department_box.set_value("kotsu")
    page.received_edit.set_value(dt.date(2026, 5, 1))
    page.due_edit.set_value(dt.date(2027, 3, 31))
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        qtbot.mouseClick(page.route_button, Qt.MouseButton.LeftButton)
    issue = services.issues.get(ids[0])
    assert (issue.department, issue.received_on, issue.answer_due) == ("kotsu", dt.date(2026, 5, 1), dt.date(2027, 3, 31))
    assert [title for _g, titles in _groups(page) for title in titles].count("ベンチを増やして") == 1
    assert page.select(ids[0]) and page.current().stage == "due"

    page.answer_edit.setPlainText("設置場所を調べています。")
    page.kind_box.set_value("progress")
    page.date_edit.set_value(dt.date(2026, 10, 1))
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.select(ids[0]) and page.current().stage == "progress"
    assert "設置場所を調べています。" in page.answers_view.toPlainText()

    page.answer_edit.setPlainText("来年度に2基設置します。")
    page.kind_box.set_value("final")
    page.date_edit.set_value(dt.date(2026, 12, 1))
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert ids[0] not in [r.id for r in page.requests]
    assert [(a.kind, a.department, a.body) for a in services.answers.of(ids[0])] == [
        ("progress", "kotsu", "設置場所を調べています。"), ("final", "kotsu", "来年度に2基設置します。")]
    qtbot.waitUntil(lambda: window.undo_text == "要望に回答", timeout=WAIT)


def test_a_planned_date_before_the_date_received_is_refused_beside_the_form(qtbot, inbox, services):
    _window, page, ids = inbox
    assert page.select(ids[0])
    page.received_edit.set_value(dt.date(2026, 6, 1))
    page.due_edit.set_value(dt.date(2026, 5, 1))
    qtbot.mouseClick(page.route_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error_label.text() != "", timeout=WAIT)
    assert services.issues.get(ids[0]).received_on is None
