"""The wheel works away from the checkout: build it, install it into a fresh venv, use it.

The fresh venv gets the wheel alone (``--no-deps``); its dependencies come from the running
venv through a .pth line, because ``--system-site-packages`` would only reach the base
interpreter's packages. A .pth line adds the directory but runs none of the .pth files in it,
so the running venv's editable install of the checkout is not picked up: the commands below
import the installed copy, from a temporary folder with PYTHONPATH unset (checked).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from away import user_env

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def _venv_bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / (name + (".exe" if os.name == "nt" else ""))


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("wheel")
    # build from a copy so the checkout gets no build/ or .egg-info
    src = base / "src"
    shutil.copytree(ROOT / "meguro_jukyo", src / "meguro_jukyo",
                    ignore=shutil.ignore_patterns("__pycache__", "*.ts"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    wheels = base / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w", str(wheels)],
                   check=True, capture_output=True, text=True, timeout=600)
    (wheel,) = wheels.glob("meguro_jukyo-*.whl")

    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = _venv_bin(venv, "python")
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "running_venv_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "-q", str(wheel)], check=True, capture_output=True, text=True, timeout=300)

    env = user_env(base / "home")
    cwd = base / "elsewhere"
    cwd.mkdir()
    return {"wheel": wheel, "python": python, "script": _venv_bin(venv, "meguro-jukyo"),
            "purelib": Path(purelib), "env": env, "cwd": cwd}


def _run(installed, *args, timeout=300) -> subprocess.CompletedProcess:
    done = subprocess.run([str(installed["script"]), "--db", "store.sqlite3", *args], cwd=installed["cwd"],
                          env=installed["env"], capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return done


def test_the_wheel_carries_the_resources(installed):
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    # every file of the checkout's resources folder, so that a new kind of resource file that
    # pyproject's package-data does not name fails here rather than in a user's install
    resources = ROOT / "meguro_jukyo" / "resources"
    shipped = sorted(p.relative_to(ROOT).as_posix() for p in resources.rglob("*") if p.is_file() and p.suffix != ".ts")
    assert [n for n in shipped if n not in names] == []
    assert "meguro_jukyo/core/migrations/script.py.mako" in names
    assert any(n.startswith("meguro_jukyo/resources/policy/") and n.endswith(".json") for n in names)
    assert any(n.startswith("meguro_jukyo/core/migrations/versions/") for n in names)
    assert not any(n.startswith(("tests/", "bench/")) for n in names)


def test_the_installed_package_is_the_one_imported(installed):
    done = subprocess.run([str(installed["python"]), "-c", "import meguro_jukyo; print(meguro_jukyo.__file__)"],
                          cwd=installed["cwd"], env=installed["env"], capture_output=True, text=True, check=True)
    imported = Path(done.stdout.strip()).resolve()
    assert imported.is_relative_to(installed["purelib"].resolve())
    assert not imported.is_relative_to(ROOT)


def test_the_commands_work_from_the_installed_wheel(installed):
    cwd = installed["cwd"]
    _run(installed, "init", "--demo")
    assert (cwd / "store.sqlite3").exists()

    policy = json.loads(_run(installed, "policy", "--json").stdout)
    assert len([n for n in policy["nodes"] if n["level"] == "item"]) == 49

    found = _run(installed, "search", "防災").stdout.splitlines()
    assert any(line.startswith("issue\t") and "防災" in line for line in found)

    meetings = json.loads(_run(installed, "dump", "--json").stdout)["tables"]["meeting"]
    _run(installed, "minutes", meetings[0]["id"], "out.pdf")
    assert (cwd / "out.pdf").read_bytes().startswith(b"%PDF")

    _run(installed, "export", "xlsx", "out.xlsx")
    assert zipfile.is_zipfile(cwd / "out.xlsx")


def test_the_gui_starts_offscreen_in_japanese_from_the_installed_wheel(installed):
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication, QSettings, QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from meguro_jukyo import app\n"
        "from meguro_jukyo.qt.mainwindow import MainWindow\n"
        "from meguro_jukyo.qt.settings import Settings\n"
        "qt = QApplication([])\n"
        "seen = {}\n"
        "def look():\n"
        "    w = next((w for w in qt.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)\n"
        "    if w is None or not w.pages_ready:\n"
        "        QTimer.singleShot(20, look)\n"
        "        return\n"
        "    seen['pages'] = len(w.pages)\n"
        "    seen['name'] = QCoreApplication.translate('App', 'Meguro Jukyo')\n"
        "    w.close()\n"
        "QTimer.singleShot(0, look)\n"
        "settings = Settings(QSettings('gui.ini', QSettings.Format.IniFormat))\n"
        "code = app.run(db='gui.sqlite3', argv=[], settings=settings)\n"
        "print(code, seen['pages'], seen['name'])\n"
    )
    done = subprocess.run([str(installed["python"]), "-c", code], cwd=installed["cwd"], env=installed["env"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    status, pages, name = done.stdout.split(maxsplit=2)
    assert status == "0" and int(pages) > 3
    assert name.strip() == "目黒住区アプリ"  # the Japanese .qm from inside the wheel was loaded
