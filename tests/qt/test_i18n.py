"""Every visible string is translated, the .ts files follow the code, and the app speaks Japanese."""

import ast
import re
import shutil

import pytest
from PySide6.QtCore import QCoreApplication, QFileInfo, QSettings, QTranslator
from PySide6.QtGui import QAbstractFileIconProvider
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QPushButton

from meguro_jukyo.qt import i18n
from meguro_jukyo.qt.settings import Settings


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_no_translation_is_missing_or_unfinished(language):
    assert i18n.problems(i18n.ts_path(language)) == []


def _loaded(language):
    """Every entry of the .ts and what the .qm the app loads says for it: (context, source,
    kind, [(n, shown)]) — a plural at 1, 2 and 1000, anything else once."""
    translator = QTranslator()
    assert translator.load(str(i18n.qm_path(language)))
    for context, source, numerus, kind, _texts in i18n.entries(i18n.ts_path(language)):
        counts = (1, 2, 1000) if numerus else (-1,)
        yield context, source, kind, [(n, translator.translate(context, source, None, n)) for n in counts]


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_loaded_translation_is_plain_text_with_the_placeholders_of_its_source(language):
    wrong = []
    for context, source, kind, shown in _loaded(language):
        if kind != "done":
            assert all(text == "" for _n, text in shown), f"{context}: {source!r} is {kind} yet still shows"
            continue
        for n, text in shown:
            if not text:
                wrong.append((context, source[:40], n, "not in the .qm"))
            elif why := i18n.damage(source, text):
                wrong.append((context, source[:40], n, why))
    assert wrong == []


def test_english_shows_each_source_and_counts_in_their_plural():
    wrong = []
    for context, source, _kind, shown in _loaded("en"):
        if "%n" not in source and "%Ln" not in source:
            wrong += [(context, source[:40]) for _n, text in shown if text != source]
            continue
        singular, plural = i18n.english_forms(source)
        wrong += [(context, source[:40], n) for n, text in shown if text != (singular if n == 1 else plural)]
    assert wrong == []


def test_a_translation_holding_ts_xml_is_found_and_update_will_not_compile_it(tmp_path):
    ts = tmp_path / "meguro_jukyo_ja.ts"
    ts.write_text('''<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>IssueEditor</name>
    <message>
        <source>Edit reason…</source>
        <translation>Delete…&lt;/source&gt;
        &lt;translation&gt;Delete…&lt;/translation&gt;
    &lt;/message&gt;</translation>
    </message>
    <message>
        <source>%1 open conflicts</source>
        <translation>未解決の競合</translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="vanished">閉じる</translation>
    </message>
</context>
</TS>
''', encoding="utf-8")
    found = i18n.problems(ts)
    assert any("Edit reason" in line and "not text" in line for line in found)
    assert any("%1 open conflicts" in line and "lost %1" in line for line in found)
    assert any("'Close'" in line and "vanished" in line for line in found)
    assert len(i18n.damaged(ts)) == 2


def test_source_file_noise_and_markup_are_not_text():
    for bad in ("<b>Save</b>", "保存</source>", "&lt;message&gt;", "#: a note", 'translate("Ctx", "x")'):
        assert i18n.damage("Save", bad), bad
    assert i18n.damage("Save", "保存") is None
    assert i18n.damage("&Undo: %1", "元に戻す(&U): %1") is None
    assert i18n.damage("%Ln issue(s)", "%Ln 件") is None


def test_arguments_are_filled_once_each_and_counts_pick_the_english_plural(qapp):
    assert i18n.fill("%1 and %2", "50%2", "b") == "50%2 and b"
    assert i18n.fill("%2 before %1", "a", "b") == "b before a"
    assert i18n.fill("100%") == "100%"
    assert i18n.english_forms("%n issue(s) in %1") == ["%n issue in %1", "%n issues in %1"]
    assert i18n.english_forms("%n entr(y|ies)") == ["%n entry", "%n entries"]
    translators = i18n.install(qapp, "en")
    try:
        assert i18n.tr_n("History", "%Ln change(s)", 1) == "1 change"
        assert i18n.tr_n("History", "%Ln change(s)", 1234) == "1,234 changes"
    finally:
        i18n.uninstall(qapp, translators)


def test_helpers_need_literal_strings_for_lupdate(tmp_path):
    code = tmp_path / "page.py"
    code.write_text('tr_args("Page", "New %1", name)\ntr_n("Page", "%n row(s)", n)\n', encoding="utf-8")
    assert i18n.helper_strings([code]) == [("Page", "New %1", False), ("Page", "%n row(s)", True)]
    code.write_text("tr_args(CONTEXT, text, name)\n", encoding="utf-8")
    with pytest.raises(ValueError, match="page.py:1"):
        i18n.helper_strings([code])


def test_qt_own_file_dialog_speaks_japanese(qapp, tmp_path):
    translators = i18n.install(qapp, "ja")
    try:
        dialog = QFileDialog(None, "")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        buttons = [button.text() for button in dialog.findChildren(QPushButton) if button.text()]
        dialog.deleteLater()
        folder_type = QAbstractFileIconProvider().type(QFileInfo(str(tmp_path)))  # its Type column
    finally:
        i18n.uninstall(qapp, translators)
    assert folder_type == "フォルダ"
    english = [t for t in labels + buttons if re.search(r"[A-Za-z]{3}", t.replace("&", ""))]
    assert english == [], "Qt's file dialog shows English in the Japanese UI"
    assert "場所(&L):" in labels and "ファイルの種類(&T):" in labels


def test_the_ts_files_hold_exactly_the_strings_in_the_code(tmp_path):
    fresh = i18n.ts_path("ja", tmp_path)
    i18n.lupdate([fresh])
    in_code = i18n.messages(fresh)
    assert in_code, "lupdate found no strings"
    for language in i18n.LANGUAGES:
        in_ts = i18n.messages(i18n.ts_path(language))
        assert in_code - in_ts == set(), f"not in {language}.ts: run `make translations`"
        assert in_ts - in_code == set(), f"no longer in the code, still in {language}.ts"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_committed_qm_files_are_built_from_the_committed_ts(tmp_path, language):
    ts = tmp_path / i18n.ts_path(language).name
    shutil.copy(i18n.ts_path(language), ts)
    i18n.lrelease(ts, tmp_path / "out.qm")
    assert (tmp_path / "out.qm").read_bytes() == i18n.qm_path(language).read_bytes(), "run `make translations`"


def test_japanese_is_the_default_and_covers_qt_own_buttons(qapp, tmp_path):
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert settings.language == "ja"
    translators = i18n.install(qapp, settings.language)
    try:
        assert len(translators) == 2
        assert QCoreApplication.translate("MainWindow", "Local issues") == "地域課題"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "キャンセル"
    finally:
        i18n.uninstall(qapp, translators)
    assert QCoreApplication.translate("MainWindow", "Local issues") == "Local issues"


class _Unknown(QTranslator):
    """Installed last, so asked first: notes every string none of ``others`` knows, and answers
    with what they would have."""

    def __init__(self, others):
        super().__init__()
        self.others, self.missing = others, set()

    def translate(self, context, source, disambiguation=None, n=-1):
        for other in reversed(self.others):
            if text := other.translate(context, source, disambiguation, n):
                return text
        # Not these: every key's name and every MIME type's description are looked up in bulk,
        # once (the descriptions the file dialog shows come in Japanese from shared-mime-info)
        if re.search(r"[A-Za-z]{3}", source) and context not in ("QShortcut", "QMimeType"):
            self.missing.add((context, source))
        return source

    def isEmpty(self):
        return False


@pytest.mark.parametrize("dialog", ["file", "print"])
def test_qt_own_dialogs_ask_for_no_string_the_japanese_ui_lacks(qapp, dialog):
    translators = i18n.install(qapp, "ja")
    unknown = _Unknown(translators)
    qapp.installTranslator(unknown)
    try:
        if dialog == "file":
            shown = QFileDialog(None, "", "", "Excel (*.xlsx)")
            shown.setOption(QFileDialog.Option.DontUseNativeDialog)
            shown.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        else:  # what a print preview's Print button opens
            printer = QPrinter()
            shown = QPrintDialog(printer)
        shown.show()
        qapp.processEvents()
        shown.close()
        shown.deleteLater()
    finally:
        qapp.removeTranslator(unknown)
        i18n.uninstall(qapp, translators)
    assert unknown.missing == set()


def _calls(name):
    """(file, line, call) of every call of ``name`` (a function or a method) in the translated code."""
    for path in i18n.sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == name:
                yield path, node.lineno, node


def test_every_literal_translate_call_reaches_the_ts():
    """lupdate's Python reader silently skips a call whose later arguments it cannot parse."""
    live = i18n.messages(i18n.ts_path("ja"))
    lost = [(path.name, line) for path, line, call in _calls("translate")
            if len(call.args) >= 2 and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args[:2])
            and (call.args[0].value, call.args[1].value) not in live]
    assert lost == []


def test_placeholders_are_filled_by_the_helpers_not_by_replace():
    chains = [(path.name, line) for path, line, call in _calls("replace") if path.name != "i18n.py"
              and call.args and isinstance(call.args[0], ast.Constant) and re.fullmatch(r"%L?(\d+|n)", str(call.args[0].value))]
    assert chains == [], "use i18n.tr_args / tr_n / fill"
