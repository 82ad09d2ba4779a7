"""The desktop app at ward size: start-up, list fill, filter keystrokes, memory.

(a) Start-up, each in a fresh process, time from launch to the window on screen (median of 3):
    a bare PySide6 window (QMainWindow with a QTableView: the baseline, same run) against the
    app's main window on the ward store (store opened as app.run opens it, translations,
    services, framework, every page built, the issue list filled).
(b) Issue list filled: from setting the query to count + first page shown.
(c) A filter keystroke: from the text box's debounce firing to the list showing the new rows
    (2- and 4-character text, a category, a 年度, a 視点) — the 150 ms debounce itself excluded.
(d) Resident memory (VmRSS) of a fresh app process after browsing every page, scrolling the
    issue list, filtering it and searching (its own process: the bench's may have built the
    ward store and kept SQLite's bulk-load cache).

Targets (issue 3): (a) ≤ 2× the bare window; (b) ≤ 1 s; (c) ≤ 100 ms; (d) ≤ 400 MB.
Run alone with ``python -m bench.gui``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import OUT, fmt_seconds, log, median, ratio, verdict, ward_store

STARTS = 3
REPEATS = 5

_BARE = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication([])
w = QMainWindow()
w.setCentralWidget(QTableView())
w.resize(1200, 760)
w.show()
app.processEvents()
print(time.time())
"""

_OURS = r"""
import sys, time
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.policy import load_framework
from meguro_jukyo.core.services import Services
from meguro_jukyo.qt import i18n
from meguro_jukyo.qt.mainwindow import MainWindow
from meguro_jukyo.qt.settings import Settings
from meguro_jukyo.qt.tasks import TaskManager
app = QApplication([])
i18n.install(app, "ja")
store = Store.open(sys.argv[1], holder="bench", quick_check=False)
settings = Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
tasks = TaskManager()
w = MainWindow(Services(store), tasks, settings, load_framework())
w.show()
while not (w.pages_ready and w.pages["issue"].model.rowCount()):
    tasks.wait()
    app.processEvents()
print(time.time())
tasks.wait()
store.close()
"""


_MEMORY = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.policy import load_framework
from meguro_jukyo.core.services import Services
from meguro_jukyo.qt import i18n
from meguro_jukyo.qt.mainwindow import MainWindow
from meguro_jukyo.qt.settings import Settings
from meguro_jukyo.qt.tasks import TaskManager
app = QApplication([])
i18n.install(app, "ja")
store = Store.open(sys.argv[1], holder="bench", quick_check=False)
tasks = TaskManager()
w = MainWindow(Services(store), tasks, Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat)), load_framework())
w.show()
def settle():
    for _ in range(5):
        tasks.wait()
        app.processEvents()
settle()
for key in ("issue", "organization", "meeting", "note", "action_item", "policy"):
    w.show_page(key)
    settle()
issues = w.pages["issue"]
for _ in range(5):
    issues.model.fetchMore()
    settle()
issues.filters.widgets["text"].setText("防災")
time.sleep(0.3)
settle()
w.open_search().query.setText("公園")
time.sleep(0.3)
settle()
for line in Path("/proc/self/status").read_text().splitlines():
    if line.startswith("VmRSS:"):
        print(int(line.split()[1]) / 1024)
tasks.wait()
store.close()
"""


def _launch(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.time()
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1]) - started


def _rss_mb(path: Path, ini: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", _MEMORY, str(path), ini], env=env, check=True,
                         capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def run(workdir: Path = OUT) -> list[str]:
    path = ward_store(workdir)
    lines = ["## gui — the desktop app on the ward store"]
    with tempfile.TemporaryDirectory() as tmp:
        ini = str(Path(tmp) / "settings.ini")
        log("start-up: bare window vs main window, fresh processes")
        bare = median([_launch(_BARE) for _ in range(STARTS)])
        ours = median([_launch(_OURS, str(path), ini) for _ in range(STARTS)])
        lines.append(f"(a) window shown: bare PySide6 {fmt_seconds(bare)}, main window with the issue list "
                     f"{fmt_seconds(ours)} = {ratio(ours, bare)} (target ≤ 2×: {verdict(ours <= 2 * bare)})")
        lines += _in_process(path, ini)
    return lines


def _in_process(path: Path, ini: str) -> list[str]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.policy import load_framework
    from meguro_jukyo.core.services import ListQuery, Services
    from meguro_jukyo.qt.mainwindow import MainWindow
    from meguro_jukyo.qt.settings import Settings
    from meguro_jukyo.qt.tasks import TaskManager

    app = QApplication.instance() or QApplication([])
    store = Store.open(path, write=False)  # read-only: the memory probe's process takes the writer lock
    tasks = TaskManager()
    lines = []
    try:
        services = Services(store)
        window = MainWindow(services, tasks, Settings(QSettings(ini, QSettings.Format.IniFormat)), load_framework())
        window.show()
        while not window.pages_ready:
            tasks.wait()
            app.processEvents()
        page = window.show_page("issue")
        model = page.model

        def until_loaded(action) -> float:
            done = []
            model.loaded.connect(done.append)
            started = time.perf_counter()
            action()
            while not done:
                tasks.wait(5)
                app.processEvents()
            elapsed = time.perf_counter() - started
            model.loaded.disconnect(done.append)
            return elapsed

        total = services.issues.count()
        fills = [until_loaded(lambda: model.set_query(ListQuery())) for _ in range(REPEATS)]
        fill = median(fills)
        lines.append(f"(b) issue list filled ({total:,} issues, count + first {model.page_size} rows): "
                     f"{fmt_seconds(fill)} (target ≤ 1 s: {verdict(fill <= 1)})")

        notes_page = window.pages["note"]
        note_fill = []
        notes_page.model.loaded.connect(note_fill.append)
        started = time.perf_counter()
        notes_page.apply_filters()
        while not note_fill:
            tasks.wait(5)
            app.processEvents()
        note_seconds = time.perf_counter() - started
        lines.append(f"(b) note list filled ({services.notes.count():,} notes, newest first): "
                     f"{fmt_seconds(note_seconds)} (target ≤ 1 s: {verdict(note_seconds <= 1)})")

        f = page.filters.widgets
        vp = window.framework.viewpoints()[4].id
        cases = [
            ("text 2 characters 「防災」", lambda: f["text"].setText("防災")),
            ("text 4 characters 「防災訓練」", lambda: f["text"].setText("防災訓練")),
            ("category 防災", lambda: (f["text"].setText(""), f["issue_category"].set_value("disaster"))),
            ("年度", lambda: (f["issue_category"].set_value(None), f["nendo"].setCurrentIndex(2))),
            (f"視点 {vp}", lambda: (f["nendo"].set_value(None), f["viewpoint"].set_value(vp))),
        ]
        worst = 0.0
        for label, change in cases:
            page.filters.blockSignals(True)
            change()
            page.filters.blockSignals(False)
            query = page.filters.query()
            times = []
            for _ in range(REPEATS):
                times.append(until_loaded(lambda q=query: model.set_query(q)))
            t = median(times)
            worst = max(worst, t)
            lines.append(f"(c) keystroke → list, {label}: {fmt_seconds(t)} ({model.total:,} rows)")
        lines.append(f"(c) slowest filter: {fmt_seconds(worst)} (target ≤ 100 ms: {verdict(worst <= 0.1)})")

        rss = _rss_mb(path, ini)
        lines.append(f"(d) resident memory of a fresh app after browsing every page, 6 pages of issues, "
                     f"a filter and a search: {rss:.0f} MB (target ≤ 400 MB: {verdict(rss <= 400)})")
        window.close()
    finally:
        tasks.wait()
        store.close()
    return lines


if __name__ == "__main__":
    print("\n".join(run(OUT)))
