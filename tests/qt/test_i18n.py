"""Every visible string is translated, the .ts files follow the code, and the app speaks Japanese."""

import re
import shutil

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QDialogButtonBox

from meguro_jukyo.qt import i18n
from meguro_jukyo.qt.settings import Settings


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_no_translation_is_missing_or_unfinished(language):
    assert i18n.problems(i18n.ts_path(language)) == []


def _entries(language):
    """(context, source, [translated texts]) of every live entry of a .ts."""
    import xml.etree.ElementTree as ET

    for context in ET.parse(i18n.ts_path(language)).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("obsolete", "vanished"):
                continue
            forms = translation.findall("numerusform") if message.get("numerus") == "yes" else [translation]
            yield context.findtext("name"), message.findtext("source") or "", [f.text or "" for f in forms]


def test_every_english_translation_is_its_source_in_plain_text():
    wrong = [(ctx, src[:40]) for ctx, src, texts in _entries("en") if any(t != src for t in texts)]
    assert wrong == []
    marked_up = [(ctx, src[:40]) for ctx, src, _t in _entries("en") if re.search(r"</?[a-z]+[ >]", src)]
    assert marked_up == [], "a source string holds markup (a misread .ts?)"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_placeholder_of_the_source_is_in_each_translation(language):
    missing = []
    for ctx, src, texts in _entries(language):
        wanted = sorted(set(re.findall(r"%(?:\d+|n)", src)))
        for text in texts:
            lost = [w for w in wanted if w not in text]
            if lost:
                missing.append((ctx, src[:40], lost))
    assert missing == []


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
