"""The 同期 page driven as a person would: real widgets, real stores, checked through services."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.reference import council_id
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.sync import conflicts, identity, importer, package
from meguro_jukyo.qt.display import Display
from meguro_jukyo.qt.sync_page import SyncPage, fingerprint_text

WAIT = 10_000
ORG = council_id("komaba")


@pytest.fixture
def stores(tmp_path):
    laptop = Store.open(tmp_path / "laptop.sqlite3", create=True, device_name="駒場ノートPC")
    ward = Store.open(tmp_path / "ward.sqlite3", create=True, device_name="区役所")
    identity.trust_card(ward, identity.device_card(laptop))
    identity.trust_card(laptop, identity.device_card(ward))
    yield laptop, ward
    laptop.close()
    ward.close()


def make_page(qtbot, store, tasks) -> SyncPage:
    services = Services(store)
    display = Display(services.vocab)
    page = SyncPage(store, tasks, display)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.overview_loaded, timeout=WAIT):
        page.show()
    return page


def import_through(qtbot, page: SyncPage, paths) -> importer.ImportReport:
    with qtbot.waitSignal(page.imported, timeout=WAIT) as blocker:
        page.import_paths(paths)
    return blocker.args[0]


def test_export_from_one_store_and_import_into_another_through_the_page(qtbot, qtmodeltester, japanese, stores, tasks,
                                                                        tmp_path):
    laptop, ward = stores
    made = Services(laptop).issues.create({"organization_id": ORG, "title": "街灯が暗い"})
    Services(laptop).issues.create({"organization_id": ORG, "title": "公園のベンチ"})
    out = make_page(qtbot, laptop, tasks)
    assert out.fingerprint.text() == fingerprint_text(identity.device_card(laptop).fingerprint)
    with qtbot.waitSignal(out.exported, timeout=WAIT):
        out.export_to(tmp_path / "komaba.mjsync", "changes")
    assert "2" in out.status.text() and (tmp_path / "komaba.mjsync").exists()

    folder = tmp_path / "cloud"
    folder.mkdir()
    (folder / "komaba.mjsync").write_bytes((tmp_path / "komaba.mjsync").read_bytes())
    (folder / "komaba (1).mjsync").write_bytes((tmp_path / "komaba.mjsync").read_bytes())  # a cloud copy
    (folder / "broken.mjsync").write_bytes((tmp_path / "komaba.mjsync").read_bytes()[:300])  # half-written
    page = make_page(qtbot, ward, tasks)
    import_through(qtbot, page, [folder])
    # file, result, new, updated, unchanged, parallel, conflicts, reason
    qtmodeltester.check(page.report)
    rows = sorted(page.report.row_texts(r) for r in range(page.report.rowCount()))
    broken, copy_a, copy_b = rows
    assert broken[0] == "broken.mjsync" and broken[1] == "拒否" and "途中まで" in broken[7]
    first, second = (copy_a, copy_b) if copy_a[1] == "取り込み" else (copy_b, copy_a)
    assert first[1:7] == ["取り込み", "2", "0", "0", "0", "0"]
    assert second[1:7] == ["重複", "0", "0", "0", "0", "0"] and f"{first[0]} と同じ内容です" in second[7]
    assert page.status.text().startswith("ファイル 3 件: 取り込み 1、重複 1、保留 0、拒否 1。記録: 新規 2、")
    assert Services(ward).issues.get(made.id).title == "街灯が暗い"

    import_through(qtbot, page, [tmp_path / "komaba.mjsync"])  # once more: nothing changes
    assert page.report.row_texts(0)[1] == "重複" and page.report.row_texts(0)[7] == "取り込み済みです。"


def _conflict_on_title(laptop, ward, tmp_path):
    """Both edit the same issue's title (and the laptop its place) before they exchange."""
    sl, sw = Services(laptop), Services(ward)
    made = sl.issues.create({"organization_id": ORG, "title": "街灯が暗い", "place": "駅前"})
    package.export_package(laptop, tmp_path / "l0.mjsync")
    importer.import_package(ward, tmp_path / "l0.mjsync")
    sl.issues.update(made.id, {"title": "街灯が暗い（駒場一丁目）", "place": "駒場一丁目"})
    sw.issues.update(made.id, {"title": "街灯の照度不足"})
    package.export_package(laptop, tmp_path / "l1.mjsync")
    package.export_package(ward, tmp_path / "w1.mjsync")
    importer.import_package(laptop, tmp_path / "w1.mjsync")
    return made


def test_a_conflict_from_two_stores_is_shown_side_by_side_and_resolved_from_the_page(
        qtbot, qtmodeltester, japanese, stores, tasks, tmp_path):
    laptop, ward = stores
    made = _conflict_on_title(laptop, ward, tmp_path)
    page = make_page(qtbot, ward, tasks)
    report = import_through(qtbot, page, [tmp_path / "l1.mjsync"])
    assert report.totals()["conflicts"] == 1
    assert page.report.row_texts(0)[1] == "取り込み" and page.report.row_texts(0)[6] == "1"
    view = page.conflicts
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT)
    qtmodeltester.check(view.model)
    assert page.tabs.tabText(2) == "競合 (1)"
    page.tabs.setCurrentWidget(view)
    record, field, devices, _when = (view.model.item(0, c).text() for c in range(4))
    assert "街灯" in record and field == "件名" and "区役所（この端末）" in devices and "駒場ノートPC" in devices
    cards = view.value_cards()
    assert [c.title() for c in cards] == ["有効な値", "競合する値"]
    by_value = {c.value_label.text(): c for c in cards}
    assert set(by_value) == {"街灯が暗い（駒場一丁目）", "街灯の照度不足"}
    assert "区役所（この端末）" in by_value["街灯の照度不足"].device_label.text()
    assert "駒場ノートPC" in by_value["街灯が暗い（駒場一丁目）"].device_label.text()
    # the laptop's other field merged without a conflict
    assert Services(ward).issues.get(made.id).place == "駒場一丁目"

    # the same pair of labels as the cards, whichever device wrote which value
    assert (view.keep_current_button.text(), view.keep_other_button.text()) == ("有効な値を残す", "競合する値を残す")
    competing = cards[1].value_label.text()
    with qtbot.waitSignal(view.resolved, timeout=WAIT):
        qtbot.mouseClick(view.keep_other_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=WAIT)
    assert Services(ward).issues.get(made.id).title == competing == "街灯が暗い（駒場一丁目）"
    assert conflicts.list_conflicts(ward) == []
    assert page.tabs.tabText(2) == "競合"
    assert "競合を解決" in Services(ward).undo_label()  # an ordinary, undoable change

    # the resolution syncs onward: the laptop ends with the same value and no conflict
    package.export_package(ward, tmp_path / "w2.mjsync")
    importer.import_package(laptop, tmp_path / "w2.mjsync")
    assert Services(laptop).issues.get(made.id).title == "街灯が暗い（駒場一丁目）"
    assert conflicts.list_conflicts(laptop) == []


def test_a_merged_value_typed_in_the_page_settles_the_conflict(qtbot, japanese, stores, tasks, tmp_path):
    laptop, ward = stores
    made = _conflict_on_title(laptop, ward, tmp_path)
    page = make_page(qtbot, ward, tasks)
    import_through(qtbot, page, [tmp_path / "l1.mjsync"])
    view = page.conflicts
    qtbot.waitUntil(lambda: view.current is not None, timeout=WAIT)
    dialog = view.open_merge_dialog()
    in_effect = view.current.current.value
    assert dialog.editor.text() == in_effect  # a one-line title: one value, not both joined
    starts = [b for b in dialog.findChildren(QPushButton) if b.objectName() == "start_from"]
    assert sorted(b.text() for b in starts) == sorted(["街灯の照度不足", "街灯が暗い（駒場一丁目）"])
    other = next(b for b in starts if b.text() != in_effect)
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)
    assert dialog.editor.text() == other.text()
    dialog.editor.setText("街灯の照度不足（駒場一丁目）")
    with qtbot.waitSignal(view.resolved, timeout=WAIT):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=WAIT)
    assert Services(ward).issues.get(made.id).title == "街灯の照度不足（駒場一丁目）"
    assert conflicts.list_conflicts(ward) == []


def test_an_untrusted_devices_package_is_held_and_imports_after_its_card_is_trusted(
        qtbot, qtmodeltester, japanese, stores, tasks, tmp_path):
    _, ward = stores
    stranger = Store.open(tmp_path / "new.sqlite3", create=True, device_name="新しいノートPC")
    identity.set_organization(stranger, "東山住区住民会議")
    made = Services(stranger).issues.create({"organization_id": ORG, "title": "防犯カメラ"})
    package.export_package(stranger, tmp_path / "new.mjsync")
    identity.write_card(stranger, tmp_path / "new.mjcard")
    fingerprint = identity.device_card(stranger).fingerprint
    stranger.close()

    page = make_page(qtbot, ward, tasks)
    with qtbot.waitSignal(page.overview_loaded, timeout=WAIT):  # the held list reloads after the report
        import_through(qtbot, page, [tmp_path / "new.mjsync"])
    row = page.report.row_texts(0)
    assert row[1] == "保留（未信頼の端末）" and fingerprint in row[7]
    assert Services(ward).issues.count() == 0
    assert page.held.rowCount() == 1 and page.held.item(0, 4).text() == "まだ"
    assert not page.import_held_button.isEnabled()

    with qtbot.waitSignal(page.card_read, timeout=WAIT) as blocker:
        page.trust_card_file(tmp_path / "new.mjcard")
    dialog = blocker.args[0]
    assert dialog.fingerprint.text() == fingerprint_text(fingerprint)
    assert fingerprint.split()[0] in dialog.fingerprint.text() and "東山住区住民会議" in \
        [w.text() for w in dialog.findChildren(type(dialog.fingerprint))]
    assert not dialog.trust_button.isEnabled()  # not before the fingerprint was compared
    dialog.confirmed.setChecked(True)
    with qtbot.waitSignal(page.trusted, timeout=WAIT):
        qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    assert page.held.item(0, 4).text() == "はい（取り込めます）" and page.import_held_button.isEnabled()
    assert fingerprint in [page.devices.item(r, 2).text() for r in range(page.devices.rowCount())]
    qtmodeltester.check(page.held)
    qtmodeltester.check(page.devices)

    with qtbot.waitSignal(page.imported, timeout=WAIT):
        qtbot.mouseClick(page.import_held_button, Qt.MouseButton.LeftButton)
    assert page.report.row_texts(0)[:3] == ["new.mjsync", "取り込み", "1"]  # by its name, not the held copy's hash
    assert importer.ledger(ward)[-1]["file_name"] == "new.mjsync"
    from sqlalchemy import select

    from meguro_jukyo.core import models as m

    with ward.engine.connect() as con:
        labels = con.execute(select(m.Change.label).where(m.Change.kind == "import")).scalars().all()
    assert any("new.mjsync" in label for label in labels)  # the history names it so too
    assert Services(ward).issues.get(made.id).title == "防犯カメラ"
    qtbot.waitUntil(lambda: page.held.rowCount() == 0, timeout=WAIT)
    assert importer.list_quarantine(ward) == []


def test_a_device_card_is_only_trusted_after_confirming_and_cancel_trusts_nothing(qtbot, stores, tasks, tmp_path):
    laptop, ward = stores
    other = Store.open(tmp_path / "other.sqlite3", create=True, device_name="other")
    identity.write_card(other, tmp_path / "other.mjcard")
    other.close()
    page = make_page(qtbot, ward, tasks)
    with qtbot.waitSignal(page.card_read, timeout=WAIT) as blocker:
        page.trust_card_file(tmp_path / "other.mjcard")
    blocker.args[0].reject()
    qtbot.wait(50)
    tasks.wait()
    assert [c.name for c in identity.trusted_devices(ward)] == ["駒場ノートPC"]


def test_naming_this_device_updates_its_card(qtbot, stores, tasks, tmp_path):
    laptop, _ = stores
    page = make_page(qtbot, laptop, tasks)
    dialog = page.open_device_dialog()
    dialog.name.setText("駒場 事務局ノートPC")
    dialog.organization.setText("駒場住区住民会議")
    with qtbot.waitSignal(page.overview_loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    card = identity.device_card(laptop)
    assert (card.name, card.organization) == ("駒場 事務局ノートPC", "駒場住区住民会議")
    assert page.device_name.text() == card.name and page.device_org.text() == card.organization
    page.save_card(tmp_path / "mine.mjcard")
    qtbot.waitUntil(lambda: (tmp_path / "mine.mjcard").exists(), timeout=WAIT)
    assert identity.read_card(tmp_path / "mine.mjcard") == card


def test_two_laptops_of_one_council_are_told_apart_in_the_held_list(qtbot, stores, tasks, tmp_path):
    _, ward = stores
    names = ("駒場住区住民会議 事務局のノートPC（会長）", "駒場住区住民会議 事務局のノートPC（会計）")
    for i, name in enumerate(names):
        laptop = Store.open(tmp_path / f"l{i}.sqlite3", create=True, device_name=name)
        Services(laptop).issues.create({"organization_id": ORG, "title": f"課題{i}"})
        package.export_package(laptop, tmp_path / f"l{i}.mjsync")
        laptop.close()
    page = make_page(qtbot, ward, tasks)
    with qtbot.waitSignal(page.overview_loaded, timeout=WAIT):
        import_through(qtbot, page, [tmp_path / "l0.mjsync", tmp_path / "l1.mjsync"])
    page.tabs.setCurrentIndex(1)
    shown = sorted(page.held.item(r, 1).text() for r in range(page.held.rowCount()))
    assert shown == sorted(names)
    metrics = page.held_view.fontMetrics()
    assert all(page.held_view.columnWidth(1) >= metrics.horizontalAdvance(n) for n in names)  # not cut


def test_only_the_ward_office_is_offered_the_ward_bundle(qtbot, stores, tasks, tmp_path):
    laptop, ward = stores
    on_laptop = make_page(qtbot, laptop, tasks)
    assert on_laptop.export_buttons["bundle"].isHidden()
    page = make_page(qtbot, ward, tasks)
    assert page.export_buttons["bundle"].isHidden()  # not until it is said to be the ward's
    dialog = page.open_device_dialog()
    assert not dialog.ward.isChecked()
    dialog.ward.setChecked(True)
    with qtbot.waitSignal(page.overview_loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert identity.is_ward_office(ward) and not identity.is_ward_office(laptop)
    assert not page.export_buttons["bundle"].isHidden()
    with qtbot.waitSignal(page.exported, timeout=WAIT):
        page.export_to(tmp_path / "bundle.mjsync", "bundle")
    assert (tmp_path / "bundle.mjsync").exists()


def test_a_store_copied_without_its_key_becomes_a_new_device_from_the_page(qtbot, monkeypatch, stores, tasks, tmp_path):
    import shutil

    from meguro_jukyo.qt import sync_page

    laptop, _ = stores
    (tmp_path / "copy").mkdir()
    laptop.close()
    shutil.copy(tmp_path / "laptop.sqlite3", tmp_path / "copy" / "laptop.sqlite3")  # the key stays behind
    copy = Store.open(tmp_path / "copy" / "laptop.sqlite3")
    try:
        old = copy.device_id
        page = SyncPage(copy, tasks, Display(Services(copy).vocab))
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: "鍵ファイル" in page.status.text() or "key file" in page.status.text(), timeout=WAIT)
        assert "「新しい端末にする…」" in page.status.text()  # the way out, named as the page names it (ja)
        with pytest.raises(Exception):
            package.export_package(copy, tmp_path / "forged.mjsync")  # no signing under the old id
        asked = []
        monkeypatch.setattr(sync_page, "confirm", lambda *a: asked.append(a[2]) or False)
        assert not page.ask_new_device() and copy.device_id == old  # No changes nothing
        monkeypatch.setattr(sync_page, "confirm", lambda *a: asked.append(a[2]) or True)
        with qtbot.waitSignal(page.new_device_made, timeout=WAIT) as blocker:
            qtbot.mouseClick(page.new_device_button, Qt.MouseButton.LeftButton)
        assert "trust" in asked[0] and len(asked) == 2  # what it means is said before
        card = blocker.args[0]
        assert copy.device_id == card.device_id != old
        assert card.device_id[:8] in page.status.text() and page.fingerprint.text()
        package.export_package(copy, tmp_path / "new.mjsync")  # signs under the new id
    finally:
        copy.close()


def test_a_cancelled_import_reports_what_it_took_in_before_the_cancel(qtbot, japanese, stores, tasks, tmp_path):
    laptop, ward = stores
    Services(laptop).issues.create({"organization_id": ORG, "title": "街灯が暗い"})
    package.export_package(laptop, tmp_path / "komaba.mjsync", scope="changes")
    page = make_page(qtbot, ward, tasks)
    go = threading.Event()
    tasks.run_in_background(lambda: go.wait(5))  # the lane is busy: the import waits behind
    dialog = page.import_paths([tmp_path / "komaba.mjsync"])
    dialog.canceled.emit()  # as the Cancel button does, before the first file
    with qtbot.waitSignal(page.imported, timeout=WAIT) as blocker:
        go.set()
    report = blocker.args[0]
    assert report.cancelled and report.files == [] and page.report.rowCount() == 0
    assert "中断" in page.status.text()
    assert Services(ward).issues.count() == 0


def test_the_report_shows_each_count_header_whole_in_english(qtbot, tasks, store):
    """The count columns were sized for 変化なし, so "Unchanged" was cut to "Jnchangec"."""
    page = make_page(qtbot, store, tasks)  # no translator: the English source strings
    header = page.report_view.horizontalHeader()
    for column in range(2, 7):
        title = page.report.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title) + 12, title
