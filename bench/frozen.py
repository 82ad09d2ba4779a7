"""The frozen one-folder app (``make dist``): its size and how long it takes to start.

(a) Size of dist/meguro-jukyo/ (every file; the folder an installer copies) and of it zipped
    (deflate), beside a bare PySide6 window frozen by PyInstaller with its defaults in the
    same run (the least any frozen Qt Widgets app weighs).
(b) Start of the command, ``--version``: the frozen executable against the same command run by
    the venv's Python (``python main.py --version``), median of 5 warm starts; and the first
    start of the frozen app after its files were evicted from the page cache.
(c) Start of the GUI: launch to the main window mapped on an Xvfb display (its title read by
    xwininfo; the app shows its window before it imports the core), frozen app against the
    bare frozen window; median of 3 warm starts, and the first start after eviction.

"Cold" here cannot mean rebooted: dropping the kernel's caches needs root on the host. Each
file of the copied folder is fsynced and dropped with posix_fadvise(POSIX_FADV_DONTNEED) just
before the cold run, so the app's own files are read from disk; the system libraries, fonts
and the X server it shares with everything else stay cached (as on a laptop that is running).

Run with ``python -m bench.frozen`` after ``make dist`` (or MEGURO_JUKYO_FROZEN=FOLDER).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import _REPO, OUT, fmt_seconds, log, median, ratio

sys.path.insert(0, str(_REPO / "installer"))
import bundle  # noqa: E402
import headless  # noqa: E402

WARM_CLI = 5
WARM_GUI = 3
BARE_TITLE = "bare-window"
_BARE = f"""
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle({BARE_TITLE!r})
window.resize(1200, 760)
window.show()
sys.exit(app.exec())
"""


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def _evict(folder: Path) -> None:
    os.sync()
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def _build_bare(workdir: Path) -> Path:
    workdir.mkdir(parents=True)
    script = workdir / "bare.py"
    script.write_text(_BARE, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--onedir",
                    "--distpath", str(workdir / "dist"), "--workpath", str(workdir / "build"),
                    "--specpath", str(workdir), str(script)], check=True, capture_output=True)
    return workdir / "dist" / "bare"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MEGURO_JUKYO_DB")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    return env


def _time_cli(argv: list[str], env: dict, cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def _time_window(argv: list[str], env: dict, cwd: Path, display: str, title: str) -> float:
    env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    start = time.perf_counter()
    app = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        headless.wait_for_window(display, title, app, poll=0.01)
        return time.perf_counter() - start
    finally:
        app.terminate()
        app.wait(timeout=60)


def run(workdir: Path) -> list[str]:
    built = Path(os.environ.get("MEGURO_JUKYO_FROZEN") or _REPO / "dist" / bundle.NAME)
    if not (built / bundle.NAME).exists():
        return [f"## bench.frozen — not run: no frozen app in {built} (`make dist` builds it)"]
    work = workdir / "frozen"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    log("freezing a bare PySide6 window for the baseline")
    bare = _build_bare(work / "bare")
    app = work / "app"
    shutil.copytree(built, app, symlinks=True)
    exe, bare_exe = app / bundle.NAME, bare / "bare"
    env, cwd = _env(work / "home"), work
    lines = ["## bench.frozen — the one-folder app (make dist)", ""]

    sizes = {}
    for name, folder in (("app", app), ("bare", bare)):
        total, count = _size(folder)
        zipped = Path(shutil.make_archive(str(work / f"{name}-zip"), "zip", folder)).stat().st_size
        sizes[name] = (total, count, zipped)
    mib = 1024 * 1024
    lines += ["| measure | frozen app | bare PySide6 window, frozen | ratio |", "|---|---|---|---|",
              f"| (a) folder, every file | {sizes['app'][0] / mib:.0f} MiB ({sizes['app'][1]} files) "
              f"| {sizes['bare'][0] / mib:.0f} MiB ({sizes['bare'][1]} files) "
              f"| {ratio(sizes['app'][0], sizes['bare'][0])} |",
              f"| (a) zipped (deflate) | {sizes['app'][2] / mib:.0f} MiB | {sizes['bare'][2] / mib:.0f} MiB "
              f"| {ratio(sizes['app'][2], sizes['bare'][2])} |"]

    log("command start")
    subprocess.run([str(exe), "--db", "bench.sqlite3", "init"], env=env, cwd=cwd, check=True, capture_output=True)
    _evict(app)
    cli_cold = _time_cli([str(exe), "--version"], env, cwd)
    cli_warm = median([_time_cli([str(exe), "--version"], env, cwd) for _ in range(WARM_CLI)])
    venv_env = {**env, "PYTHONPATH": str(_REPO)}
    venv_warm = median([_time_cli([sys.executable, str(_REPO / "main.py"), "--version"], venv_env, cwd)
                        for _ in range(WARM_CLI)])
    lines += ["", "| measure | frozen app | same command from the venv (python main.py) | ratio |", "|---|---|---|---|",
              f"| (b) `--version`, warm, median of {WARM_CLI} | {fmt_seconds(cli_warm)} | {fmt_seconds(venv_warm)} "
              f"| {ratio(cli_warm, venv_warm)} |",
              f"| (b) `--version`, first start after eviction | {fmt_seconds(cli_cold)} | | |"]

    log("GUI start on Xvfb")
    with headless.xvfb() as display:
        argv = [str(exe), "--db", "bench.sqlite3"]
        _evict(app)
        _evict(bare)
        gui_cold = _time_window(argv, env, cwd, display, "目黒住区アプリ")
        bare_cold = _time_window([str(bare_exe)], env, cwd, display, BARE_TITLE)
        gui_warm = median([_time_window(argv, env, cwd, display, "目黒住区アプリ") for _ in range(WARM_GUI)])
        bare_warm = median([_time_window([str(bare_exe)], env, cwd, display, BARE_TITLE) for _ in range(WARM_GUI)])
    lines += ["", "| measure | frozen app | bare PySide6 window, frozen | ratio |", "|---|---|---|---|",
              f"| (c) launch → main window mapped, warm, median of {WARM_GUI} | {fmt_seconds(gui_warm)} "
              f"| {fmt_seconds(bare_warm)} | {ratio(gui_warm, bare_warm)} |",
              f"| (c) the same, first start after eviction | {fmt_seconds(gui_cold)} | {fmt_seconds(bare_cold)} "
              f"| {ratio(gui_cold, bare_cold)} |"]
    shutil.rmtree(work, ignore_errors=True)
    return lines


if __name__ == "__main__":
    print("\n".join(run(OUT)))
