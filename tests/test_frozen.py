"""The frozen one-folder app (installer/meguro-jukyo.spec) works with no Python beside it.

It runs from a copy outside the checkout, with PYTHONPATH unset and a fresh home, as on a
ward laptop. The build takes a minute or two, so it is made once (``make dist``; `.ci/run`
builds it before its ``make test``, ``make dist-check`` does both for one file) and handed in
as MEGURO_JUKYO_FROZEN; without it these tests are skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from away import user_env

import meguro_jukyo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "installer"))
import bundle  # noqa: E402
import headless  # noqa: E402

BUILD = os.environ.get("MEGURO_JUKYO_FROZEN")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not BUILD, reason="no frozen build given: `make dist-check` builds one and runs these")]

#: the app's name in Japanese: the main window's title when the Japanese translation is loaded
JAPANESE_NAME = "目黒住区アプリ"
SECONDS_UP = 3


@pytest.fixture(scope="module")
def frozen(tmp_path_factory):
    base = tmp_path_factory.mktemp("frozen")
    app = base / "app"
    shutil.copytree(BUILD, app, symlinks=True)
    assert not app.resolve().is_relative_to(ROOT)
    exe = app / (bundle.NAME + (".exe" if os.name == "nt" else ""))
    cwd = base / "elsewhere"
    cwd.mkdir()
    return {"exe": exe, "env": user_env(base / "home"), "cwd": cwd, "home": base / "home"}


def _run(frozen, *args, timeout=300) -> subprocess.CompletedProcess:
    done = subprocess.run([str(frozen["exe"]), *args], cwd=frozen["cwd"], env=frozen["env"],
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return done


def test_there_is_no_python_to_lean_on(frozen):
    assert not (frozen["exe"].parent / "python3").exists()
    assert "PYTHONPATH" not in frozen["env"]
    # Alembic reads the migrations as files: they came along, and the .ts sources did not
    internal = frozen["exe"].parent / "_internal" / "meguro_jukyo"
    assert sorted(p.name for p in (internal / "core" / "migrations" / "versions").glob("*.py")) == sorted(
        p.name for p in (ROOT / "meguro_jukyo" / "core" / "migrations" / "versions").glob("*.py"))
    assert (internal / "resources" / "i18n" / "meguro_jukyo_ja.qm").is_file()
    # Qt's own Japanese (standard buttons, the file dialog), which i18n.install loads from
    # QLibraryInfo's translations folder: PyInstaller's PySide6 hook brings it, bundle.keep keeps it
    assert [p.name for p in (frozen["exe"].parent / "_internal").rglob("qtbase_ja.qm")] == ["qtbase_ja.qm"]
    assert not list(internal.rglob("*.ts"))


def test_version(frozen):
    assert _run(frozen, "--version").stdout.split() == [bundle.NAME, meguro_jukyo.__version__]


def test_init_policy_and_minutes_with_the_japanese_font(frozen):
    # without --db the store goes to the user's data folder: a frozen app is never a checkout
    _run(frozen, "init", "--demo")
    store = frozen["home"] / "data" / "meguro_jukyo" / "meguro_jukyo.sqlite3"
    assert store.is_file()

    policy = json.loads(_run(frozen, "policy", "--json").stdout)
    assert len([n for n in policy["nodes"] if n["level"] == "item"]) == 49

    meetings = json.loads(_run(frozen, "dump", "--json").stdout)["tables"]["meeting"]
    pdf = frozen["cwd"] / "議事録.pdf"
    _run(frozen, "minutes", meetings[0]["id"], str(pdf))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("yes" == row[-5] for row in rows), fonts  # emb column: every font embedded
    assert any("CJK" in row[0] or "JP" in row[0] for row in rows), fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "議事録" in text


def test_suggestions_read_residents_words_with_the_bundled_dictionary(frozen):
    """Sudachi's dictionary is data beside a compiled module: it must have come along."""
    store = frozen["cwd"] / "suggest.sqlite3"
    _run(frozen, "--db", str(store), "init")
    out = _run(frozen, "--db", str(store), "suggest", "公園の遊具が壊れていて子どもが危ない").stdout
    assert "遊具" in out and "3-3-2" in out


def test_the_gui_stays_up_offscreen_and_opens_its_store(frozen):
    store = frozen["cwd"] / "offscreen.sqlite3"
    app = subprocess.Popen([str(frozen["exe"]), "--db", str(store)], cwd=frozen["cwd"], env=frozen["env"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not store.exists() and app.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(SECONDS_UP)
        assert app.poll() is None, app.communicate()[1]
    finally:
        app.terminate()
        _, err = app.communicate(timeout=60)
    assert store.is_file()  # the store was made and migrated behind the window
    assert "Traceback" not in err, err


@pytest.mark.skipif(not all(shutil.which(tool) for tool in ("Xvfb", "xwininfo", "xprop")),
                    reason="needs Xvfb, xwininfo and xprop (xvfb, x11-utils)")
def test_the_window_shows_in_japanese_with_its_icon_on_a_real_x_server(frozen):
    with headless.xvfb() as display:
        env = {**frozen["env"], "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        app = subprocess.Popen([str(frozen["exe"]), "--db", "x.sqlite3"], cwd=frozen["cwd"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            window, title = headless.wait_for_window(display, JAPANESE_NAME, app)
            icon = headless.icon_sizes(display, window)
            time.sleep(SECONDS_UP)
            assert app.poll() is None, app.communicate()[1]
        finally:
            app.terminate()
            _, err = app.communicate(timeout=60)
    assert "Meguro Jukyo" not in title  # the English source would show without the .qm
    assert (32, 32) in icon, f"the window's icon: {icon} (the SVG or Qt's SVG icon engine was left out?)"
    assert "Traceback" not in err, err
