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


def _imports() -> dict[str, set[str]]:
    """Module → the modules of meguro_jukyo it imports anywhere in its body, function-local
    imports included (they hide a cycle from Python, not from the next reader)."""
    import ast

    files = {}
    for file in ROOT.rglob("*.py"):
        parts = ("meguro_jukyo", *file.relative_to(ROOT).with_suffix("").parts)
        files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = file
    graph: dict[str, set[str]] = {}
    for name, file in files.items():
        package = name.split(".") if file.name == "__init__.py" else name.split(".")[:-1]
        found = set()
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = package[:len(package) - node.level + 1] if node.level else []
                target = ".".join(base + (node.module.split(".") if node.module else []))
                found.update(f"{target}.{a.name}" if f"{target}.{a.name}" in files else target
                             for a in node.names)
        graph[name] = {m for m in found if m in files and m != name}
    return graph


def test_no_module_of_the_app_takes_part_in_an_import_cycle():
    graph = _imports()
    assert len(graph) > 50 and "meguro_jukyo.core.services" in graph["meguro_jukyo.core.meeting"]  # it reads imports

    def reaches(start: str) -> set[str]:
        seen, todo = set(), list(graph[start])
        while todo:
            m = todo.pop()
            if m not in seen:
                seen.add(m)
                todo.extend(graph[m])
        return seen

    in_cycles = sorted(m for m in graph if m in reaches(m))
    assert in_cycles == []
