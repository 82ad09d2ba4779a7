"""What the frozen app is built from (installer/bundle.py, read by the PyInstaller spec),
checked without building it: tests/test_frozen.py runs the build itself."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path, PurePosixPath

import pytest

from meguro_jukyo.cli import COMMAND_MODULES

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "installer"))
import bundle  # noqa: E402


def test_the_package_data_and_the_migrations_are_carried_and_the_ts_sources_are_not():
    carried = {Path(src).relative_to(ROOT) for src, _ in bundle.data_files()}
    resources = ROOT / "meguro_jukyo" / "resources"
    for path in resources.rglob("*"):
        if path.is_file():
            assert (path.relative_to(ROOT) in carried) == (path.suffix != ".ts"), path
    for path in (ROOT / "meguro_jukyo" / "core" / "migrations").rglob("*.py"):
        if "__pycache__" not in path.parts:
            assert path.relative_to(ROOT) in carried
    assert Path("meguro_jukyo/core/migrations/script.py.mako") in carried


def test_every_file_lands_in_its_own_folder_under_a_relative_posix_destination():
    for src, dest in bundle.data_files():
        assert "\\" not in dest and not PurePosixPath(dest).is_absolute() and ".." not in dest
        assert Path(src).parent.relative_to(ROOT).as_posix() == dest


def test_the_modules_imported_by_name_are_carried():
    hidden = bundle.hidden_imports()
    assert set(COMMAND_MODULES) <= set(hidden)
    assert {"alembic.op", "meguro_jukyo.core.japanese"} <= set(hidden)  # what the migrations import
    assert not any(name.startswith("meguro_jukyo.core.migrations") for name in hidden)
    charts = importlib.util.find_spec("PySide6.QtCharts") is not None
    assert ("PySide6.QtCharts" in hidden) == charts


def _qt_modules_imported(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
        found.update(n.split(".")[1] for n in names if n.startswith("PySide6."))
    return found


def test_no_qt_module_the_app_imports_is_left_out():
    shipped = set(bundle.package_modules())
    for path in (ROOT / "meguro_jukyo").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if module in shipped:
            assert not _qt_modules_imported(path) & set(bundle.QT_UNUSED), path
    assert set(bundle.QT_OPTIONAL).isdisjoint(bundle.QT_UNUSED)


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("PySide6/Qt/lib/libQt6Charts.so.6", True),
    ("PySide6\\Qt6Charts.dll", True),
    ("PySide6\\Qt6Gui.dll", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6/Qt/translations/qtbase_ja.qm", True),
    ("PySide6\\translations\\qtbase_en.qm", True),
    ("meguro_jukyo/resources/i18n/meguro_jukyo_ja.qm", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", False),
    ("PySide6/Qt/lib/libQt6Qml.so.6", False),
    ("PySide6\\Qt6WebEngineCore.dll", False),
    ("PySide6\\Qt63DRender.dll", False),
    ("PySide6\\Qt6Pdf.dll", False),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6\\plugins\\imageformats\\qpdf.dll", False),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6\\translations\\qt_zh_TW.qm", False),
])
def test_what_is_kept_on_linux_and_windows(dest, kept):
    assert bundle.keep(dest) is kept


def test_the_version_resource_carries_the_package_version():
    import meguro_jukyo

    version = bundle.package_version()
    assert version == meguro_jukyo.__version__
    text = bundle.version_text(version)
    tree = ast.parse(text, mode="eval").body  # PyInstaller eval()s this text on Windows
    assert isinstance(tree, ast.Call) and tree.func.id == "VSVersionInfo"
    ffi = next(k.value for k in tree.keywords if k.arg == "ffi")
    filevers = next(k.value for k in ffi.keywords if k.arg == "filevers")
    assert ast.literal_eval(filevers) == bundle.version_tuple(version)
    assert f"StringStruct('ProductVersion', '{version}')" in text


@pytest.mark.parametrize(("version", "numbers"), [("0.1.0", (0, 1, 0, 0)), ("2.0", (2, 0, 0, 0)),
                                                  ("1.2.3.4.5", (1, 2, 3, 4)), ("1.0.0rc1", (1, 0, 0, 1))])
def test_windows_wants_four_numbers(version, numbers):
    assert bundle.version_tuple(version) == numbers
