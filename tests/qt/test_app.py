"""Starting the app: a store held by another window is explained in words, never a traceback."""

from PySide6.QtCore import QSettings

from meguro_jukyo import app
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.errors import StoreLocked
from meguro_jukyo.qt.settings import Settings


def test_a_second_window_is_told_who_holds_the_store(qapp, tmp_path, monkeypatch):
    path = tmp_path / "shared.sqlite3"
    first = Store.open(path, create=True, holder=app.holder_name())
    shown = []
    monkeypatch.setattr(app, "show_store_error", lambda exc, language: shown.append(
        app.store_error_text(exc, language)))
    try:
        settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        assert app.run(db=str(path), argv=[], settings=settings) == 1
    finally:
        first.close()
    [text] = shown
    assert "別のウィンドウで開かれています" in text  # the Japanese lead, from our translations
    assert app.holder_name() in text  # who holds it
    assert "PID" in text


def test_the_lock_message_in_english(tmp_path):
    path = tmp_path / "shared.sqlite3"
    with Store.open(path, create=True, holder="the meeting laptop"):
        try:
            Store.open(path, holder="second")
        except StoreLocked as exc:
            text = app.store_error_text(exc, "en")
        else:
            raise AssertionError("the second open should have been refused")
    assert "the meeting laptop" in text and "in use by another window" in text


def test_store_location_order(monkeypatch, tmp_path):
    monkeypatch.delenv("MEGURO_JUKYO_DB", raising=False)
    assert app.store_location(None, str(tmp_path / "chosen.sqlite3")) == str(tmp_path / "chosen.sqlite3")
    assert app.store_location(str(tmp_path / "cli.sqlite3"), str(tmp_path / "chosen.sqlite3")) == str(
        tmp_path / "cli.sqlite3")
    monkeypatch.setenv("MEGURO_JUKYO_DB", str(tmp_path / "env.sqlite3"))
    assert app.store_location(None, str(tmp_path / "chosen.sqlite3")) == str(tmp_path / "env.sqlite3")
