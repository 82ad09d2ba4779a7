"""Officers per 年度 in the organization's editor: listed by 年度 and office, added through the
one write path (undoable), this 年度 offered for a new one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from meguro_jukyo.core.japanese import nendo
from meguro_jukyo.qt.editors import EditorDialog

WAIT = 10_000


def test_an_officer_is_added_in_the_organization_editor_for_this_year(qtbot, japanese, window, services, tasks):
    org = services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})
    services.officers.create({"organization_id": org.id, "nendo": 2024, "role": "chair", "name": "田中正"})
    editor = window.open_item("organization", org)
    table = editor.officers
    qtbot.waitUntil(lambda: table.model.rowCount() == 1, timeout=WAIT)
    before = set(table.findChildren(EditorDialog))
    qtbot.mouseClick(table.findChild(QPushButton, "add"), Qt.MouseButton.LeftButton)
    [dialog] = set(table.findChildren(EditorDialog)) - before
    assert dialog.widgets["nendo"].value() == nendo(dt.date.today())
    dialog.widgets["role"].set_value("treasurer")
    dialog.widgets["name"].setText("佐藤花子")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save()
    qtbot.waitUntil(lambda: table.model.rowCount() == 2, timeout=WAIT)
    shown = {table.model.index(r, 1).data(): table.model.index(r, 2).data() for r in range(2)}
    assert shown == {"会長": "田中正", "会計": "佐藤花子"}
    assert [o.name for o in services.officers.of_year(org.id, nendo(dt.date.today()))] == ["佐藤花子"]
    qtbot.waitUntil(lambda: "役員を追加" in window.undo_action.text(), timeout=WAIT)
    editor.accept()
