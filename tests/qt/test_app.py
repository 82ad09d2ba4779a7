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


def test_the_window_shows_before_the_core_is_imported(tmp_path):
    """The shell is Qt alone; SQLAlchemy, SQLModel and the models load after the first paint."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from meguro_jukyo import app\n"
        "from meguro_jukyo.qt.mainwindow import MainWindow\n"
        "from meguro_jukyo.qt.settings import Settings\n"
        "from meguro_jukyo.qt.tasks import TaskManager\n"
        "qt = QApplication([])\n"
        f"settings = Settings(QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat))\n"
        "window = MainWindow(None, TaskManager(), settings)\n"
        "window.show()\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'pydantic')\n"
        "               or m.startswith(('meguro_jukyo.core.models', 'meguro_jukyo.core.db')))\n"
        "print(heavy, window.pages['issue'].objectName())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.split() == ["[]", "page_issue_loading"]


def test_run_opens_the_store_behind_the_window_and_closes_it_at_the_end(qapp, qtbot, tmp_path):
    from PySide6.QtCore import QTimer

    from meguro_jukyo.qt.mainwindow import MainWindow

    path = tmp_path / "new.sqlite3"
    seen = {}

    def look():
        window = next((w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
        if window is None or not window.pages_ready:
            if window is not None and window.store is None:
                seen["shell"] = window.pages["issue"].objectName()
            QTimer.singleShot(10, look)
            return
        seen["pages"] = sorted(window.pages, key=lambda key: window.stack.indexOf(window.pages[key]))
        seen["current"] = window.current_page()
        seen["store"] = window.store.location
        window.close()

    QTimer.singleShot(0, look)
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert app.run(db=str(path), argv=[], settings=settings) == 0
    assert seen["pages"][0] == seen["current"] == "welcome"  # a new store: the welcome page comes first
    assert {"issue", "note", "policy"} <= set(seen["pages"])
    assert seen["store"] == str(path)
    assert seen.get("shell", "page_issue_loading") == "page_issue_loading"
    Store.open(path, holder="after").close()  # the app let go of the store
