"""Since the last meeting on real widgets: the issue's round trip ending in meeting mode (the
council's next meeting opens with both of the ward's answers and the done action listed, the
keyboard left in the capture box), the page of its own in the main window, Enter making an entry
an agenda item, and the 次第 printed with 前回からの経過 as its first page."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from council_year import (
    ASSIGNEE,
    FINAL,
    PROGRESS,
    bundle_back,
    december,
    hold_october,
    laptop_and_ward,
    send_to_the_ward,
)
from paper_helpers import page_texts
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from meguro_jukyo.core.exchange.papers import build_agenda, build_since_page
from meguro_jukyo.core.meeting import MeetingFlow
from meguro_jukyo.core.services import Services
from meguro_jukyo.qt.display import Display
from meguro_jukyo.qt.inbox import InboxPage
from meguro_jukyo.qt.meeting.window import MeetingModeWindow
from meguro_jukyo.qt.paper import write_pdf
from meguro_jukyo.qt.papers import agenda_paper

WAIT = 20_000


def shot(widget, tmp_path, name: str) -> None:
    """With MEGURO_JUKYO_SHOTS set, a picture to look at: in that folder if it names one."""
    folder = Path(os.environ["MEGURO_JUKYO_SHOTS"])
    widget.grab().save(str((folder if folder.is_dir() else tmp_path) / name))


def display_of(services) -> Display:
    d = Display(services.vocab)
    d.org_names = {o.id: o.name for o in services.organizations.list()}
    return d


def answer_in_the_inbox(qtbot, tasks, ward, bench: str) -> None:
    """At the ward's desk, on its 要望 page: route the 要望, then a 進捗回答 and a 最終回答."""
    page = InboxPage(Services(ward), tasks, display_of(Services(ward)))
    qtbot.addWidget(page)
    tasks.changed.connect(lambda changed, _initiator: page.data_changed(changed))
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.reload()
    assert page.select(bench)
    page.department_box.set_value(PROGRESS[2])
    page.received_edit.set_value(dt.date(2026, 10, 10))
    page.due_edit.set_value(dt.date(2027, 3, 31))
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        qtbot.mouseClick(page.route_button, Qt.MouseButton.LeftButton)
    for kind, on, _department, text in (PROGRESS, FINAL):
        assert page.select(bench)
        page.answer_edit.setPlainText(text)
        page.kind_box.set_value(kind)
        page.date_edit.set_value(on)
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    page.close()


def test_the_next_meeting_opens_with_both_answers_and_the_done_action_listed(qtbot, japanese, tasks, tmp_path):
    with laptop_and_ward(tmp_path) as (laptop, ward):
        mine = Services(laptop)
        october = hold_october(mine)  # the council's meeting is held
        send_to_the_ward(laptop, ward, tmp_path)  # its 要望 goes to the ward in a package
        answer_in_the_inbox(qtbot, tasks, ward, october.bench)  # routed, answered twice
        bundle_back(laptop, ward, tmp_path)  # the ward's bundle
        nxt = december(mine)
        MeetingFlow(mine).open_meeting(nxt)

        w = MeetingModeWindow(mine, tasks, display_of(mine), nxt)
        qtbot.addWidget(w)
        with qtbot.waitSignal(w.loaded, timeout=WAIT):
            w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is w.capture, timeout=WAIT)
        assert w.since_box.isVisible()
        assert "10月定例会" in w.since_label.text()
        entries = w.since_list.entries()
        answers = [e for e in entries if "みどり土木政策課" in e]
        assert len(answers) == 2
        assert "進捗回答" in answers[0] and PROGRESS[3] in answers[0]
        assert "最終回答" in answers[1] and FINAL[3] in answers[1]
        assert any(e.startswith("回覧板でお知らせ") and "完了" in e for e in entries)  # the done action
        assert any(e.startswith("現地を見る") and ASSIGNEE in e for e in entries)  # the open one
        assert QApplication.focusWidget() is w.capture  # the list did not take the keyboard
        if os.environ.get("MEGURO_JUKYO_SHOTS"):
            w.resize(1366, 768)
            qtbot.wait(50)
            shot(w, tmp_path, "meeting-mode-since.png")

        # one key away from an agenda item: Tab to the list, choose the final answer, Enter
        row = next(w.since_list.topLevelItem(g).child(r) for g in range(w.since_list.topLevelItemCount())
                   for r in range(w.since_list.topLevelItem(g).childCount())
                   if FINAL[3] in w.since_list.topLevelItem(g).child(r).text(0))
        w.since_list.setFocus()
        w.since_list.setCurrentItem(row)
        with qtbot.waitSignal(w.loaded, timeout=WAIT):
            qtbot.keyClick(w.since_list, Qt.Key.Key_Return)
        assert [(i.title, i.issue_id) for i in w.agenda] == [("ベンチを増やして", october.bench)]
        assert any(FINAL[3] in e and "議題にしました" in e for e in w.since_list.entries())
        assert QApplication.focusWidget() is w.capture  # and typing goes on where it went
        w.close()


def test_a_first_meeting_opens_without_the_panel(qtbot, tasks, services, display):
    org = services.organizations.list()[0].id
    first = services.meetings.create({"organization_id": org, "title": "初回", "starts_at": dt.datetime(2026, 12, 1, 19)})
    w = MeetingModeWindow(services, tasks, display, first.id)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.loaded, timeout=WAIT):
        w.show()
    assert not w.since_box.isVisible()
    w.close()


def test_the_page_lists_the_next_meeting_and_enter_adds_to_its_agenda(qtbot, japanese, window, services, tmp_path):
    october = hold_october(services)
    nxt = december(services)
    page = window.pages["since"]
    page.organization.set_value(services.meetings.get(october.held).organization_id)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        window.show_page("since")
    qtbot.waitUntil(lambda: page.meeting_id() == nxt and page.list.since is not None, timeout=WAIT)
    entries = page.list.entries()
    assert any(e.startswith("回覧板でお知らせ") for e in entries)
    assert any("提起" in e or "区へ要望" in e for e in entries)  # the status change
    if os.environ.get("MEGURO_JUKYO_SHOTS"):
        window.resize(1280, 760)
        qtbot.wait(50)
        shot(window, tmp_path, "since-page.png")
    page.add_button.click()  # on the first heading: says what to do
    assert page.status.text() == "見出しの下の項目を選んでください。"
    row = page.list.topLevelItem(1).child(0)  # 前回から済んだ宿題
    page.list.setFocus()
    page.list.setCurrentItem(row)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        qtbot.keyClick(page.list, Qt.Key.Key_Return)
    assert [i.title for i in MeetingFlow(services).agenda(nxt)] == ["回覧板でお知らせ"]
    assert page.list.topLevelItem(1).child(0).text(0).endswith("議題にしました")
    assert "回覧板でお知らせ" in page.status.text()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_agenda_prints_after_what_happened_since_naming_nobody(qapp, services, tmp_path):
    october = hold_october(services)
    nxt = december(services)
    MeetingFlow(services).add_item(nxt, "予算")
    paper = agenda_paper(build_agenda(services, nxt), build_since_page(services, nxt))
    path = write_pdf(paper, tmp_path / "次第.pdf")
    if os.environ.get("MEGURO_JUKYO_SHOTS") and Path(os.environ["MEGURO_JUKYO_SHOTS"]).is_dir():
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(path),
                        str(Path(os.environ["MEGURO_JUKYO_SHOTS"]) / "agenda-since-pdf")], check=True)
    pages = ["".join(p.split()) for p in page_texts(path, layout=False)]
    assert len(pages) == 2
    assert "12月定例会前回からの経過" in pages[0] and "前回10月定例会" in pages[0]
    for line in ("現地を見る", "回覧板でお知らせ", "ベンチを増やして", "設置場所は次回に決める"):
        assert line in pages[0], line
    assert "12月定例会次第" in pages[1] and "予算" in pages[1] and "前回からの経過" not in pages[1]
    assert ASSIGNEE not in "".join(pages)
    assert services.meetings.get(october.held).status == "closed"
