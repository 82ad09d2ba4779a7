"""What the frozen app carries and what it leaves out; read by meguro-jukyo.spec.

Kept apart from the spec (which PyInstaller executes with names of its own in scope) so the
choices can be tested without building: tests/test_installer.py.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "meguro_jukyo"
NAME = "meguro-jukyo"
#: the windowed twin on Windows, which the Start-menu entry starts (no console window behind it)
GUI_NAME = "meguro-jukyo-app"
ICON_DIR = ROOT / "installer" / "icon"

#: Qt modules the app never imports; listed so that nothing pulls them in by the side door
#: (a hook, a plugin): each is megabytes (QtWebEngine alone is ~200 MB).
QT_UNUSED = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtDataVisualization", "QtDesigner", "QtGraphs", "QtGraphsWidgets", "QtHelp",
    "QtHttpServer", "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc",
    "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtQml", "QtQuick", "QtQuick3D",
    "QtQuickControls2", "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml",
    "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine",
    "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel", "QtWebEngineCore",
    "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets", "QtWebView",
)
#: Qt modules used only if installed: QtCharts comes with PySide6-Addons, which the app may
#: depend on for charts; when it is there the frozen app carries it.
QT_OPTIONAL = ("QtCharts",)
#: Python packages of the development tools, never imported by the app at run time, and the
#: app's own modules that are such tools (the screenshot maker drives widgets with QtTest)
DEV_ONLY = ("tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "PyInstaller", "IPython",
            "meguro_jukyo.qt.screenshots")
#: Qt's own translations shipped: the app's languages (i18n.LANGUAGES) and nothing else
LANGUAGES = ("ja", "en")

# Shared libraries and plugins that belong to the unused modules (matched on the file name:
# libQt6Quick.so.6 on Linux, Qt6Quick.dll on Windows), and the PDF image-format plugin, which
# would bring QtPdf back for a file type the app never reads as an image.
_UNUSED_LIBRARY = re.compile(
    r"Qt6(3D|Quick|Qml|Pdf|WebEngine|WebChannel|WebSockets|Multimedia|Location|Positioning|"
    r"VirtualKeyboard|ShaderTools|Sql|Designer|Help|Test)[A-Za-z]*\b"
    r"|qpdf\.(dll|so)$|qtvirtualkeyboard",
    re.IGNORECASE)
_QT_TRANSLATION = re.compile(r"[\\/]translations[\\/][a-z_]+?_([a-z]{2})(_[A-Za-z]{2})?\.qm$", re.IGNORECASE)


def data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs: the package data and the migrations.

    Alembic reads the migration scripts (and env.py) as files from the migrations folder, so
    they are copied as source beside the frozen modules; the .ts translation sources stay
    behind, as in the wheel. Destinations are relative and written with ``/``, which
    PyInstaller accepts on every platform.
    """
    package = root / PACKAGE
    chosen = [p for p in (package / "resources").rglob("*") if p.is_file() and p.suffix != ".ts"]
    migrations = package / "core" / "migrations"
    chosen += [p for p in migrations.rglob("*") if p.is_file() and p.suffix in (".py", ".mako")
               and "__pycache__" not in p.parts]
    return [(str(p), p.parent.relative_to(root).as_posix()) for p in sorted(chosen)]


def migration_imports(root: Path = ROOT) -> list[str]:
    """Modules the migration scripts import: Alembic loads them at run time, so the analysis
    of the app's own imports never sees them."""
    found: set[str] = set()
    for script in (root / PACKAGE / "core" / "migrations").rglob("*.py"):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module)
                # `from alembic import op` imports a module, which must be named on its own
                found.update(f"{node.module}.{a.name}" for a in node.names if _is_module(f"{node.module}.{a.name}"))
    return sorted(found)


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a name inside a module, not a submodule
        return False


def package_modules(root: Path = ROOT) -> list[str]:
    """Every module of the app but the migrations (files, above): some are imported by name
    (the CLI's command modules, cli.COMMAND_MODULES), which the analysis cannot follow."""
    package = root / PACKAGE
    migrations = package / "core" / "migrations"
    names = []
    for path in sorted(package.rglob("*.py")):
        if path.is_relative_to(migrations) or "__pycache__" in path.parts:
            continue
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name not in DEV_ONLY:
            names.append(name)
    return names


def hidden_imports(root: Path = ROOT) -> list[str]:
    optional = [f"PySide6.{m}" for m in QT_OPTIONAL if _is_module(f"PySide6.{m}")]
    return sorted(set(package_modules(root) + migration_imports(root) + optional))


def excludes() -> list[str]:
    return [f"PySide6.{m}" for m in QT_UNUSED] + list(DEV_ONLY)


def keep(dest: str) -> bool:
    """Whether a binary or data file the analysis collected goes into the app."""
    name = dest.replace("\\", "/").rsplit("/", 1)[-1]
    if _UNUSED_LIBRARY.search(name):
        return False
    translation = _QT_TRANSLATION.search(dest)
    return translation is None or translation.group(1).lower() in LANGUAGES


def icon(platform: str) -> str | None:
    """The executable's icon: the .ico on Windows (the only platform whose executables carry one)."""
    return str(ICON_DIR / "meguro_jukyo.ico") if platform == "win32" else None


def version_tuple(version: str) -> tuple[int, int, int, int]:
    numbers = [int(part) for part in re.findall(r"\d+", version)[:4]]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def version_text(version: str) -> str:
    """The version resource Windows shows in the file's properties (詳細 tab), in the text form
    PyInstaller reads from a file (``EXE(version=FILE)``; the classes that build it directly
    exist only on Windows)."""
    numbers = version_tuple(version)
    strings = {
        "CompanyName": "meguro_jukyo",
        "FileDescription": "目黒住区アプリ (meguro_jukyo)",
        "FileVersion": version,
        "InternalName": NAME,
        "LegalCopyright": "MIT License",
        "OriginalFilename": f"{NAME}.exe",
        "ProductName": "目黒住区アプリ",
        "ProductVersion": version,
    }
    table = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    # 0411: Japanese; 04B0 = 1200: UTF-16
    return (
        "VSVersionInfo(\n"
        f"  ffi=FixedFileInfo(filevers={numbers!r}, prodvers={numbers!r}),\n"
        "  kids=[\n"
        f"    StringFileInfo([StringTable('041104B0', [\n          {table}])]),\n"
        "    VarFileInfo([VarStruct('Translation', [0x0411, 1200])]),\n"
        "  ],\n"
        ")\n"
    )


def package_version(root: Path = ROOT) -> str:
    """The version in meguro_jukyo/__init__.py (what ``meguro-jukyo --version`` prints when frozen)."""
    text = (root / PACKAGE / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE).group(1)
