"""The main window driven as a person would: real widgets, a real store, checked through services."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from meguro_jukyo.core.services import ListQuery
from meguro_jukyo.qt import children, editors, mainwindow
from meguro_jukyo.qt.history import HistoryDialog
from meguro_jukyo.qt.mainwindow import MainWindow
from meguro_jukyo.qt.picker import PickerDialog
from meguro_jukyo.qt.policy import NODE_ROLE, LinkDialog
from meguro_jukyo.qt.search import HIT_ROLE

WAIT = 5000


@pytest.fixture(autouse=True)
def questions(monkeypatch):
    """Questions asked of the user (answered Yes): a modal box would stall the test."""
    asked = []

    def yes(_parent, title, text):
        asked.append((title, text))
        return True

    for module in (mainwindow, editors, children):
        monkeypatch.setattr(module, "confirm", yes)
    return asked


def wait_idle(qtbot, tasks):
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)


def new_editor(qtbot, window, kind):
    page = window.show_page(kind)
    before = list(window._editors)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in window._editors if d not in before)
    wait_idle(qtbot, window.tasks)
    return dialog


def press_ctrl_s(qtbot, dialog):
    """Shortcuts go to the active window; offscreen, a new dialog is not always made active."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def save(qtbot, dialog):
    with qtbot.waitSignal(dialog.saved, timeout=WAIT, raising=False) as blocker:
        press_ctrl_s(qtbot, dialog)
    shown = {name: label.text() for name, label in dialog.errors.items() if label.text()}
    assert blocker.signal_triggered, (shown, dialog.general_error.text())
    return blocker.args[0]


def ime(widget, text):
    """Type Japanese the way an input method delivers it: one committed string.
    (QTest's key clicks only know Latin-1 characters.)"""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_into(qtbot, widget, text):
    widget.clear()
    widget.setFocus()
    ime(widget, text)


def pick(qtbot, window, ref_field, text):
    """Choose a referenced row through the picker dialog, by typing part of its title."""
    qtbot.mouseClick(ref_field.choose, Qt.MouseButton.LeftButton)
    picker = ref_field.findChild(PickerDialog)
    with qtbot.waitSignal(picker.model.loaded, timeout=WAIT):
        ime(picker.search, text)
    assert picker.model.rowCount() >= 1
    picker.view.selectRow(0)
    with qtbot.waitSignal(picker.picked, timeout=WAIT):
        picker.accept()


def test_create_link_search_undo_redo_through_the_window(qtbot, qtmodeltester, window, services, tasks):
    # an organization
    org_dialog = new_editor(qtbot, window, "organization")
    type_into(qtbot, org_dialog.widgets["name"], "駒場テスト町会")
    type_into(qtbot, org_dialog.widgets["yomi"], "コマバテストチョウカイ")
    org_dialog.widgets["jukyo_code"].set_value("komaba")
    org = save(qtbot, org_dialog)
    wait_idle(qtbot, tasks)
    assert org.yomi == "こまばてすとちょうかい"  # folded for sorting
    assert window.display.org_names[org.id] == "駒場テスト町会"

    # a meeting of it
    meeting_dialog = new_editor(qtbot, window, "meeting")
    meeting_dialog.widgets["organization_id"].set_value(org.id)
    type_into(qtbot, meeting_dialog.widgets["title"], "四月定例会")
    type_into(qtbot, meeting_dialog.widgets["starts_at"].date, "R7.4.10")
    meeting_dialog.widgets["members_total"].setValue(20)
    meeting_dialog.widgets["present"].setValue(9)
    meeting_dialog.widgets["proxies"].setValue(3)
    meeting = save(qtbot, meeting_dialog)
    assert meeting.starts_at.date().isoformat() == "2025-04-10"
    meeting_dialog.accept()

    # an issue raised there
    issue_dialog = new_editor(qtbot, window, "issue")
    issue_dialog.widgets["organization_id"].set_value(org.id)
    type_into(qtbot, issue_dialog.widgets["title"], "防災倉庫の備蓄品点検")
    ime(issue_dialog.widgets["description"],
        "震災に備えて防災倉庫の備蓄品を点検し、町会の加入者を増やして地域のつながりを強めたい。")
    issue_dialog.widgets["category"].set_value("disaster")
    pick(qtbot, window, issue_dialog.widgets["raised_meeting_id"], "四月")
    issue = save(qtbot, issue_dialog)
    assert issue.raised_meeting_id == meeting.id

    # link it to a 視点 by accepting a suggestion
    qtbot.mouseClick(issue_dialog.link_button, Qt.MouseButton.LeftButton)
    link_dialog = window.findChild(LinkDialog)
    qtbot.waitUntil(lambda: bool(link_dialog.suggested), timeout=WAIT)  # "the issue text should bring suggestions"
    assert services.links.count(ListQuery(equals={"issue_id": issue.id})) == 0  # never applied silently
    suggestion = link_dialog.suggested[0]
    qtbot.mouseClick(link_dialog.accept_suggestion_button, Qt.MouseButton.LeftButton)
    assert link_dialog.viewpoint_id == suggestion.viewpoint_id
    ime(link_dialog.reason, "防災の備え")
    with qtbot.waitSignal(link_dialog.linked, timeout=WAIT):
        qtbot.mouseClick(link_dialog.link_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    issue_dialog.accept()

    # a note of the meeting, linked by hand to a 視点 chosen in the tree
    note_dialog = new_editor(qtbot, window, "note")
    ime(note_dialog.widgets["body"], "防災訓練は秋に行うことで合意した。")
    note_dialog.widgets["kind"].set_value("consensus")
    pick(qtbot, window, note_dialog.widgets["meeting_id"], "四月")
    note = save(qtbot, note_dialog)
    qtbot.mouseClick(note_dialog.link_button, Qt.MouseButton.LeftButton)
    link_dialog = [d for d in window.findChildren(LinkDialog) if d.kind == "note"][0]
    other = next(vp for vp in window.framework.viewpoints() if vp.id != suggestion.viewpoint_id)
    link_dialog.tree.setCurrentIndex(link_dialog.model.index_of(other.id))
    assert link_dialog.tree.currentIndex().data(NODE_ROLE) == other.id
    with qtbot.waitSignal(link_dialog.linked, timeout=WAIT):
        qtbot.mouseClick(link_dialog.link_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    note_dialog.accept()

    # the store holds what was typed
    assert services.organizations.get(org.id).jukyo_code == "komaba"
    assert services.organizations.get(org.id).district_code == "north"
    assert services.meetings.get(meeting.id).organization_id == org.id
    assert services.issues.get(issue.id).category == "disaster"
    assert services.notes.get(note.id).meeting_id == meeting.id
    issue_links = services.links.list(ListQuery(equals={"issue_id": issue.id}))
    assert [(lk.viewpoint_id, lk.reason) for lk in issue_links] == [(suggestion.viewpoint_id, "防災の備え")]
    assert [lk.viewpoint_id for lk in services.links.list(ListQuery(equals={"note_id": note.id}))] == [other.id]

    # search in Japanese, 2 and 4 characters
    search = window.open_search()
    for query in ("防災", "備蓄品点"):
        with qtbot.waitSignal(search.results_shown, timeout=WAIT):
            type_into(qtbot, search.query, query)
        hits = [search.model.item(g).child(i).data(HIT_ROLE)
                for g in range(search.model.rowCount()) for i in range(search.model.item(g).rowCount())]
        assert issue.id in {h.ref_id for h in hits if h.kind == "issue"}, query
    with qtbot.waitSignal(search.results_shown, timeout=WAIT):
        type_into(qtbot, search.query, "防災")
    groups = [search.model.item(g) for g in range(search.model.rowCount())]
    assert [{g.child(i).data(HIT_ROLE).kind for i in range(g.rowCount())} for g in groups] == [{"issue"}, {"note"}]
    qtmodeltester.check(search.model)
    search.activateWindow()
    search.view.setFocus()
    qtbot.waitUntil(search.view.hasFocus, timeout=WAIT)
    with qtbot.waitSignal(search.open_requested, timeout=WAIT) as opened:
        qtbot.keyClick(search.view, Qt.Key.Key_Return)
    assert opened.args == ["issue", issue.id]
    search.close()
    wait_idle(qtbot, tasks)

    # undo the note's link, then redo it
    qtbot.waitUntil(lambda: window.undo_action.isEnabled(), timeout=WAIT)
    assert "施策視点" in window.undo_action.text()
    with qtbot.waitSignal(window.changed, timeout=WAIT):
        window.undo_action.trigger()
    wait_idle(qtbot, tasks)
    assert services.links.count(ListQuery(equals={"note_id": note.id})) == 0
    assert window.redo_action.isEnabled()
    with qtbot.waitSignal(window.changed, timeout=WAIT):
        window.redo_action.trigger()
    wait_idle(qtbot, tasks)
    assert services.links.count(ListQuery(equals={"note_id": note.id})) == 1

    # recently opened: the items edited are offered again
    titles = [a.text() for a in window.recent_menu.actions()]
    assert any("防災倉庫の備蓄品点検" in t for t in titles)


def test_validation_message_appears_beside_its_field(qtbot, window, services):
    dialog = new_editor(qtbot, window, "issue")
    dialog.widgets["organization_id"].setCurrentIndex(0)
    type_into(qtbot, dialog.widgets["raised_on"], "令和7年2月30日")
    press_ctrl_s(qtbot, dialog)
    assert dialog.errors["raised_on"].isVisible()
    assert "存在しない日付" in dialog.errors["raised_on"].text()
    type_into(qtbot, dialog.widgets["raised_on"], "令和7年2月3日")
    press_ctrl_s(qtbot, dialog)  # title is still empty
    qtbot.waitUntil(lambda: dialog.errors["title"].isVisible(), timeout=WAIT)
    assert not dialog.errors["raised_on"].isVisible()
    assert dialog.errors["title"].text()
    assert services.issues.count() == 0


def test_status_is_multi_choice_and_an_empty_list_says_why(qtbot, window, services, tasks):
    from meguro_jukyo.core.reference import council_id

    komaba = council_id("komaba")  # 北部
    for title, status in (("公園の清掃", "raised"), ("防災訓練", "discussing"), ("防犯パトロール", "resolved")):
        services.issues.create({"organization_id": komaba, "title": title, "status": status})
    page = window.show_page("issue")
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT):
        page.apply_filters()
    status = page.filters.widgets["issue_status"]
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT):
        status.box("raised").setChecked(True)
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT):
        status.box("discussing").setChecked(True)
    shown = sorted(page.model.row(i).title for i in range(page.model.rowCount()))
    assert shown == ["公園の清掃", "防災訓練"] and status.values() == ("raised", "discussing")
    label = window.display.label
    assert status.text() == f"{label('issue_status', 'raised')}、{label('issue_status', 'discussing')}"
    assert page.empty_hint.isHidden()

    with qtbot.waitSignal(page.model.loaded, timeout=WAIT):
        page.filters.widgets["organization"].set_value(komaba)
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT):
        page.filters.widgets["district"].set_value("south")
    assert page.model.total == 0
    qtbot.waitUntil(page.empty_hint.isVisible, timeout=WAIT)
    hint = page.empty_hint.text()
    assert "“District”: 2 rows." in hint and "“Organization”" not in hint  # no 南部 issue of these statuses
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT):
        page.filters.clear()
    assert page.model.total == 3 and status.values() == () and page.empty_hint.isHidden()


def test_filter_text_and_delete_with_undo(qtbot, window, services, tasks, questions):
    org = next(iter(window.display.org_names))
    for title in ("公園の清掃", "防災訓練", "防犯パトロール"):
        services.issues.create({"organization_id": org, "title": title})
    page = window.show_page("issue")
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT):
        page.apply_filters()
    assert page.model.total == 3
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT):
        ime(page.filters.widgets["text"], "防")
    assert sorted(page.model.row(i).title for i in range(page.model.rowCount())) == sorted(["防犯パトロール", "防災訓練"])
    assert page.count_label.text().startswith("2")

    page.view.setCurrentIndex(page.model.index(0, 0))
    doomed = page.current()
    window.activateWindow()
    page.view.setFocus()
    qtbot.waitUntil(page.view.hasFocus, timeout=WAIT)
    with qtbot.waitSignal(window.changed, timeout=WAIT):
        qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    wait_idle(qtbot, tasks)
    assert len(questions) == 1 and doomed.title in questions[0][1]
    assert page.model.total == 1
    with pytest.raises(Exception):
        services.issues.get(doomed.id)
    with qtbot.waitSignal(window.changed, timeout=WAIT):
        window.undo()
    wait_idle(qtbot, tasks)
    assert services.issues.get(doomed.id).title == doomed.title
    assert page.model.total == 2


def test_columns_chosen_are_remembered(qtbot, window, settings, services, tasks, framework):
    page = window.show_page("issue")
    page.set_column_visible("place", False)
    place = [c.key for c in page.model.columns].index("place")
    assert page.view.isColumnHidden(place)
    again = MainWindow(services, tasks, settings, framework)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.pages_ready, timeout=WAIT)
    assert again.pages["issue"].view.isColumnHidden(place)


def test_policy_page_lists_the_issues_linked_to_a_viewpoint(qtbot, qtmodeltester, window, services, tasks):
    org = next(iter(window.display.org_names))
    issue = services.issues.create({"organization_id": org, "title": "多文化共生の交流会"})
    vp = window.framework.viewpoints()[2]
    services.links.create({"issue_id": issue.id, "viewpoint_id": vp.id, "reason": "交流"})
    page = window.show_page("policy")
    with qtbot.waitSignal(page.linked.loaded, timeout=WAIT):
        page.select(vp.id)
    assert page.linked.rowCount() == 1 and page.linked.row(0).id == issue.id
    qtmodeltester.check(page.model)  # the whole framework tree
    assert vp.title in page.reader.toPlainText()
    assert window.framework.items(vp.id)[0].text[:20] in page.reader.toPlainText()


def test_welcome_names_the_device_and_remembers_the_organization(qtbot, tmp_path, tasks, settings, framework):
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.reference import council_id
    from meguro_jukyo.core.services import Services

    store = Store.open(tmp_path / "fresh.sqlite3", create=True, holder="pytest")
    try:
        w = MainWindow(Services(store), tasks, settings, framework)
        qtbot.addWidget(w)
        qtbot.waitUntil(lambda: w.pages_ready, timeout=WAIT)
        assert w.current_page() == "welcome"
        welcome = w.pages["welcome"]
        qtbot.mouseClick(welcome.start_button, Qt.MouseButton.LeftButton)
        assert welcome.device_error.text()  # a name is needed
        ime(welcome.device_name, "駒場町会 事務局PC")
        chooser = welcome.organization
        qtbot.waitUntil(lambda: chooser.model.rowCount() > 0, timeout=WAIT)
        groups = [chooser.model.item(g).text() for g in range(chooser.model.rowCount())]
        assert groups == ["北部", "東部", "中央", "南部", "西部"]  # the ward's order, not one flat list
        central = chooser.model.item(2)
        assert [central.child(r).text() for r in range(central.rowCount())][-1] == "油面住区住民会議"
        west = chooser.model.item(4)
        assert west.child(west.rowCount() - 1).text() != "油面住区住民会議"  # last in 中央, not in the ward
        ime(chooser.search, "ゆめん")  # by its reading
        assert chooser.value() == council_id("yumen")  # the one match is chosen
        chooser.search.clear()
        ime(chooser.search, "ｺﾏﾊﾞ")  # half-width katakana finds 駒場 too
        assert chooser.value() == council_id("komaba")
        org = chooser.value()
        with qtbot.waitSignal(welcome.finished, timeout=WAIT):
            qtbot.mouseClick(welcome.start_button, Qt.MouseButton.LeftButton)
        assert store.device_name == "駒場町会 事務局PC"
        assert w.store_home_org() == org
        assert "welcome" not in w.pages and w.current_page() == "issue"
        assert "駒場町会 事務局PC" in w.device_label.text()
        issues = w.pages["issue"]  # opens on the organization chosen
        qtbot.waitUntil(lambda: issues.filters.widgets["organization"].value() == org, timeout=WAIT)
        assert issues.filters.query().organization_id == org
        tasks.wait()
    finally:
        store.close()


def test_an_editor_closed_while_saving_still_refreshes_the_lists(qtbot, window, services, tasks):
    import threading

    page = window.show_page("issue")
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT):
        page.apply_filters()
    dialog = new_editor(qtbot, window, "issue")
    dialog.widgets["organization_id"].setCurrentIndex(0)
    type_into(qtbot, dialog.widgets["title"], "閉じた後に保存される課題")
    gate = threading.Event()
    tasks.run_in_background(lambda: gate.wait(WAIT / 1000))  # the lane is busy: the save waits
    press_ctrl_s(qtbot, dialog)
    dialog.reject()  # asked "discard?" (answered yes): the editor goes while its save is queued
    qtbot.waitUntil(lambda: dialog not in window._editors, timeout=WAIT)
    with qtbot.waitSignal(window.changed, timeout=WAIT):
        gate.set()
    wait_idle(qtbot, tasks)
    [saved] = services.issues.list(ListQuery(text="閉じた後"))
    assert saved.id in {page.model.row(i).id for i in range(page.model.rowCount())}


def test_tools_check_the_data_and_make_a_backup(qtbot, window, tasks, services):
    assert window.check_action in window.menu("tools").actions()
    window.check_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "check_report", None) is not None, timeout=WAIT)
    assert "No problems were found." in window.check_report.text()
    window.check_report.close()
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "last_backup", None) is not None, timeout=WAIT)
    assert window.last_backup.exists() and window.last_backup.stat().st_size > 0
    assert window.last_backup.name in window.statusBar().currentMessage()


def test_the_history_shows_who_changed_what_in_words(qtbot, qtmodeltester, window, services, tasks):
    org = next(iter(window.display.org_names))
    issue = services.issues.create({"organization_id": org, "title": "街灯の球切れ", "category": "crime"})
    issue = services.issues.update(issue.id, {"category": "traffic", "title": "街灯の球切れ（駅前）"})
    editor = window.open_item("issue", issue)
    assert editor.history_button.isVisible()
    qtbot.mouseClick(editor.history_button, Qt.MouseButton.LeftButton)
    [dialog] = editor.findChildren(HistoryDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=WAIT)
    qtmodeltester.check(dialog.model)
    rows = [[dialog.model.item(r, c).text() for c in range(dialog.model.columnCount())]
            for r in range(dialog.model.rowCount())]
    changes = {(r[3], r[4], r[5]) for r in rows}
    assert ("Category", "防犯", "交通安全") in changes  # field label and vocabulary labels, not codes
    assert ("Title", "街灯の球切れ", "街灯の球切れ（駅前）") in changes
    assert any(r[3] == "Created" for r in rows)  # the creation, as one line
    assert all(r[1] == "テスト端末" for r in rows)  # this device, by name
    assert rows[0][2] == "地域課題を変更"  # newest first
    assert all(r[0].startswith("令和") for r in rows)  # when, in 和暦 like the lists (the default)
    editor.accept()


def test_search_results_tell_equal_titles_apart_by_organization_date_and_text(qtbot, qtmodeltester, window,
                                                                             services, tasks):
    import datetime as dt

    north, south = list(window.display.org_names)[:2]
    made = [services.issues.create({"organization_id": org, "title": "街灯の球切れ", "raised_on": day,
                                    "description": text})
            for org, day, text in ((north, dt.date(2025, 4, 1), "駅前の商店街の街灯"),
                                   (south, dt.date(2025, 9, 9), "公園の入口の街灯"))]
    search = window.open_search()
    with qtbot.waitSignal(search.results_shown, timeout=WAIT):
        type_into(qtbot, search.query, "街灯")
    qtmodeltester.check(search.model)
    group = search.model.item(0)
    rows = {group.child(i).data(HIT_ROLE).ref_id: [group.child(i, c).text() for c in range(4)]
            for i in range(group.rowCount())}
    assert rows[made[0].id] == ["街灯の球切れ", window.display.org_names[north], "令和7年4月1日", "駅前の商店街の街灯"]
    assert rows[made[1].id] == ["街灯の球切れ", window.display.org_names[south], "令和7年9月9日", "公園の入口の街灯"]
    assert search.view.isFirstColumnSpanned(0, search.model.index(0, 0).parent())  # the group's title, whole
    search.close()


def open_link_dialog(qtbot, window, editor):
    before = set(window.findChildren(LinkDialog))
    qtbot.mouseClick(editor.link_button, Qt.MouseButton.LeftButton)
    [dialog] = set(window.findChildren(LinkDialog)) - before
    qtbot.waitUntil(lambda: dialog.already_linked is not None, timeout=WAIT)
    return dialog


def test_linking_from_the_issue_editor_shows_the_link_and_is_not_offered_twice(qtbot, window, services, tasks):
    org = next(iter(window.display.org_names))
    issue = services.issues.create({
        "organization_id": org, "title": "防災倉庫の備蓄品点検",
        "description": "震災に備えて防災倉庫の備蓄品を点検し、町会の加入者を増やして地域のつながりを強めたい。"})
    editor = window.open_item("issue", issue)
    wait_idle(qtbot, tasks)
    assert editor.links.model.rowCount() == 0
    dialog = open_link_dialog(qtbot, window, editor)
    first = dialog.suggested[0].viewpoint_id
    qtbot.mouseClick(dialog.accept_suggestion_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.linked, timeout=WAIT):
        qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    # the editor's own table hears of the link from the broadcast
    qtbot.waitUntil(lambda: editor.links.model.rowCount() == 1, timeout=WAIT)
    assert editor.links.model.row(0).viewpoint_id == first

    again = open_link_dialog(qtbot, window, editor)
    assert again.already_linked == {first}
    assert first not in {s.viewpoint_id for s in again.suggested}  # not suggested a second time
    again.tree.setCurrentIndex(again.model.index_of(first))
    assert again.reason.text() == ""
    assert not again.error.isHidden() and first in again.error.text()  # said before a reason is typed
    assert not again.link_button.isEnabled()
    other = next(vp.id for vp in window.framework.viewpoints() if vp.id != first)
    again.tree.setCurrentIndex(again.model.index_of(other))
    assert again.error.isHidden() and again.link_button.isEnabled()
    again.reject()
    editor.accept()


def test_an_issues_history_shows_its_links_to_viewpoints(qtbot, window, services, tasks):
    org = next(iter(window.display.org_names))
    issue = services.issues.create({"organization_id": org, "title": "多文化共生の交流会"})
    link = services.links.create({"issue_id": issue.id, "viewpoint_id": "1-1-1", "reason": "交流"})
    services.links.update(link.id, {"reason": "外国人住民との交流"})
    services.links.delete(link.id)
    editor = window.open_item("issue", issue)
    qtbot.mouseClick(editor.history_button, Qt.MouseButton.LeftButton)
    [dialog] = editor.findChildren(HistoryDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=WAIT)
    rows = [[dialog.model.item(r, c).text() for c in range(dialog.model.columnCount())]
            for r in range(dialog.model.rowCount())]
    viewpoint = window.display.viewpoint("1-1-1")
    changes = [(r[3], r[4], r[5]) for r in rows]
    assert ("Linked to a viewpoint", "", viewpoint) in changes
    assert ("Viewpoint link: Reason", "交流", "外国人住民との交流") in changes
    assert changes[0] == ("Unlinked from a viewpoint", viewpoint, "")  # newest first
    assert any(r[3] == "Created" for r in rows)  # the issue's own creation is still there
    editor.accept()


def test_a_links_reason_is_edited_from_the_issue(qtbot, window, services, tasks):
    org = next(iter(window.display.org_names))
    issue = services.issues.create({"organization_id": org, "title": "多文化共生の交流会"})
    link = services.links.create({"issue_id": issue.id, "viewpoint_id": "1-1-1", "reason": "交流"})
    editor = window.open_item("issue", issue)
    qtbot.waitUntil(lambda: editor.links.model.rowCount() == 1, timeout=WAIT)
    editor.links.view.selectRow(0)
    dialog = editor.edit_reason()
    assert dialog.reason.text() == "交流"
    type_into(qtbot, dialog.reason, "外国人住民との交流の場")
    with qtbot.waitSignal(window.changed, timeout=WAIT) as changed:
        dialog.accept()
    assert changed.args[0] == {"policy_link": {link.id}}
    wait_idle(qtbot, tasks)
    assert services.links.get(link.id).reason == "外国人住民との交流の場"
    qtbot.waitUntil(lambda: editor.links.model.rowCount() == 1
                    and editor.links.model.row(0).reason == "外国人住民との交流の場", timeout=WAIT)
    editor.accept()


def test_sample_data_loads_with_progress_and_cancel_leaves_nothing(qtbot, tmp_path, tasks, settings, framework):
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.services import Services

    store = Store.open(tmp_path / "fresh.sqlite3", create=True, holder="pytest")
    try:
        services = Services(store)
        w = MainWindow(services, tasks, settings, framework)
        qtbot.addWidget(w)
        qtbot.waitUntil(lambda: w.pages_ready, timeout=WAIT)
        welcome = w.pages["welcome"]
        welcome.load_demo()
        dialog = welcome.progress_dialog
        qtbot.waitUntil(lambda: dialog.maximum() > 0 and dialog.value() > 0, timeout=WAIT * 4)
        from PySide6.QtWidgets import QPushButton

        [cancel] = dialog.findChildren(QPushButton)
        cancel.click()
        wait_idle(qtbot, tasks)
        assert services.issues.count() == 0 and services.meetings.count() == 0
        assert welcome.demo_button.isEnabled()
        with qtbot.waitSignal(welcome.demo_loaded, timeout=WAIT * 12) as loaded:
            welcome.load_demo()
        wait_idle(qtbot, tasks)
        assert loaded.args[0]["地域課題"] == services.issues.count() > 0
        assert not welcome.demo_done.isHidden() and f"地域課題 {services.issues.count():,}" in welcome.demo_done.text()
        assert "Sample data loaded" in w.statusBar().currentMessage()  # said where it is seen
        from meguro_jukyo.qt.welcome import ORG_ROLE, _indexes

        chooser = welcome.organization
        qtbot.waitUntil(lambda: sum(1 for i in _indexes(chooser.model) if i.data(ORG_ROLE))
                        == services.organizations.count(), timeout=WAIT)  # the sample organizations too
        komaba = next(i for i in _indexes(chooser.model) if i.data() == "駒場住区住民会議")
        associations = [chooser.model.index(r, 0, komaba).data() for r in range(chooser.model.rowCount(komaba))]
        komaba_orgs = services.organizations.list(ListQuery(equals={"jukyo_code": "komaba", "kind": "association"}))
        assert associations == [o.name for o in sorted(komaba_orgs, key=lambda o: o.yomi)]  # under their council
    finally:
        tasks.wait()
        store.close()
