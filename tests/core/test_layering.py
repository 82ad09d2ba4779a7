"""Layering is law: the core and the CLI run without Qt."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import meguro_jukyo

ROOT = Path(meguro_jukyo.__file__).resolve().parent


def _modules(package: str) -> list[str]:
    path = ROOT / package.replace("meguro_jukyo.", "").replace(".", "/")
    names = [package]
    for info in pkgutil.walk_packages([str(path)], prefix=package + "."):
        if ".migrations" not in info.name:
            names.append(info.name)
    return names


def test_core_and_cli_import_no_qt():
    modules = _modules("meguro_jukyo.core") + _modules("meguro_jukyo.commands") + ["meguro_jukyo.cli"]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "import meguro_jukyo.cli as cli\n"
        "cli.build_parser()\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt imported by core/CLI: {result.stdout}"
    assert len(modules) > 10  # the walk found the modules


def test_core_sources_never_mention_qt():
    offenders = []
    for path in (ROOT / "core").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "import PySide6" in text or "from PySide6" in text or "shiboken6" in text:
            offenders.append(str(path))
    assert offenders == []
