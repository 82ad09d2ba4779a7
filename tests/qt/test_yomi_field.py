"""The よみ field of a name is filled from the name as it is typed, and kept once corrected."""

from test_window import ime, new_editor, save, type_into, wait_idle

WAIT = 5000


def test_typing_a_name_suggests_its_yomi_and_a_correction_is_kept(qtbot, window, services, tasks):
    dialog = new_editor(qtbot, window, "organization")
    name, yomi = dialog.widgets["name"], dialog.widgets["yomi"]
    type_into(qtbot, name, "碑文谷二丁目町会")
    qtbot.waitUntil(lambda: yomi.text() == "ひもんやにちょうめちょうかい", timeout=WAIT)

    # a name typed on: the suggestion follows while the user has not touched the よみ
    ime(name, "北")
    qtbot.waitUntil(lambda: yomi.text() == "ひもんやにちょうめちょうかいきた", timeout=WAIT)

    # the user corrects the よみ; more typing in the name no longer changes it
    type_into(qtbot, yomi, "ひもんやにちょうめきたちょうかい")
    type_into(qtbot, name, "碑文谷二丁目北町会")
    qtbot.wait(2 * dialog.yomi_suggestion.DELAY_MS)
    wait_idle(qtbot, tasks)
    assert yomi.text() == "ひもんやにちょうめきたちょうかい"

    dialog.widgets["jukyo_code"].set_value("ishibumi")
    org = save(qtbot, dialog)
    assert (org.name, org.yomi) == ("碑文谷二丁目北町会", "ひもんやにちょうめきたちょうかい")


def test_an_existing_yomi_is_never_replaced(qtbot, window, services, tasks):
    org = services.organizations.create({"kind": "association", "name": "駒場町会", "yomi": "こまばちょうかい",
                                         "jukyo_code": "komaba"})
    from meguro_jukyo.qt.editors import editor_for

    dialog = editor_for("organization", services, tasks, window.display, row=org, parent=window)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.widgets["name"], "駒場東町会")
    qtbot.wait(2 * dialog.yomi_suggestion.DELAY_MS)
    wait_idle(qtbot, tasks)
    assert dialog.widgets["yomi"].text() == "こまばちょうかい"


def test_attendee_names_get_a_yomi_too(qtbot, window, services, tasks):
    from meguro_jukyo.qt.editors import editor_for

    dialog = editor_for("attendee", services, tasks, window.display, parent=window)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.widgets["name"], "佐藤 花子")
    qtbot.waitUntil(lambda: dialog.widgets["yomi"].text() == "さとうはなこ", timeout=WAIT)
