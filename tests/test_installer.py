"""What the frozen app is built from (installer/bundle.py, read by the PyInstaller spec),
checked without building it: tests/test_frozen.py runs the build itself."""

from __future__ import annotations

import ast
import importlib.util
import re
import struct
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from meguro_jukyo.cli import COMMAND_MODULES

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "installer"))
sys.path.insert(0, str(ROOT / "tools"))
import bundle  # noqa: E402
import make_icon  # noqa: E402


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


# --- the Windows parts, which cannot be built here: checked for what can be seen from Linux ---

ISS = ROOT / "installer" / "meguro-jukyo.iss"
SPEC = ROOT / "installer" / "meguro-jukyo.spec"


def _iss() -> tuple[dict[str, str], dict[str, dict[str, str]], dict[str, list[dict[str, str]]]]:
    """(#defines, [Setup] keys, entries of the other sections), defines substituted."""
    text = ISS.read_bytes().decode("utf-8-sig")
    # a define relative to the script's folder is kept relative (AddBackslash(SourcePath) + "…")
    defines = dict(re.findall(r'^#define (\w+) (?:AddBackslash\(SourcePath\) \+ )?"([^"]*)"', text, re.MULTILINE))
    section, setup, entries = "", {}, {}
    for line in text.splitlines():
        line = re.sub(r"\{#(\w+)\}", lambda m: defines.get(m[1], m[0]), line.strip())
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "Setup":
            key, _, value = line.partition("=")
            setup[key] = value
        else:
            pairs = re.findall(r'(\w+): ("[^"]*"|[^;]*)', line)
            entries.setdefault(section, []).append({k: v.strip().strip('"') for k, v in pairs})
    return defines, setup, entries


def test_the_installer_script_is_read_as_windows_text():
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Inno Setup takes a file as UTF-8 only with its BOM
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")


def test_the_installer_is_per_user_and_needs_no_admin():
    _, setup, _ = _iss()
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{autopf}\\")  # %LOCALAPPDATA%\Programs when not admin
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])


def test_the_installer_takes_the_folder_and_the_executables_the_spec_builds():
    defines, setup, entries = _iss()
    folder = (ISS.parent / PureWindowsPath(defines["AppFolder"]).as_posix()).resolve()
    assert folder == (ROOT / "dist" / bundle.NAME).resolve()  # where `pyinstaller installer\…spec` puts it
    assert defines["AppExe"] == f"{bundle.NAME}.exe" and defines["GuiExe"] == f"{bundle.GUI_NAME}.exe"
    assert "GetStringFileInfo" in ISS.read_text(encoding="utf-8-sig")  # the version from the .exe
    assert any(e["Source"] == defines["AppFolder"] + "\\*" and "recursesubdirs" in e["Flags"]
               for e in entries["Files"])
    start_menu = [e for e in entries["Icons"] if e["Name"].startswith("{autoprograms}\\")]
    assert [e["Filename"] for e in start_menu] == [f"{{app}}\\{bundle.GUI_NAME}.exe"]


def test_the_installer_the_executable_and_the_window_share_one_icon():
    _, setup, _ = _iss()
    ico = ISS.parent / PureWindowsPath(setup["SetupIconFile"]).as_posix()
    assert ico.resolve() == Path(bundle.icon("win32")).resolve() == make_icon.ICO
    assert make_icon.SVG == ROOT / "meguro_jukyo" / "resources" / "icons" / "meguro_jukyo.svg"


def test_the_ico_holds_every_size_rendered_from_the_svg(qapp):
    from PySide6.QtGui import QImage, QImageReader

    data = make_icon.ICO.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(make_icon.SIZES))
    reader = QImageReader(str(make_icon.ICO))  # Qt's own ICO reader, independent of the writer
    assert reader.imageCount() == len(make_icon.SIZES)
    for index, size in enumerate(make_icon.SIZES):
        reader.jumpToImage(index)
        image = reader.read().convertToFormat(QImage.Format.Format_ARGB32)
        assert (image.width(), image.height()) == (size, size)
        fresh = make_icon.render(size)
        # the .ico is up to date with the SVG: the same picture (antialiasing may differ a little)
        diff = sum(abs(image.pixelColor(x, y).red() - fresh.pixelColor(x, y).red())
                   for x in range(0, size, max(1, size // 16)) for y in range(0, size, max(1, size // 16)))
        assert diff / (min(size, 16) ** 2) < 8, size


class _Recorded:
    """Stands in for PyInstaller's build steps (Analysis, PYZ, EXE, COLLECT): the spec's own
    logic is what is under test, on a platform where PyInstaller cannot build for Windows."""

    made: list = []

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.pure, self.scripts = [], []
        self.binaries = [("PySide6\\Qt6Widgets.dll", "C:\\x\\Qt6Widgets.dll", "BINARY"),
                         ("PySide6\\Qt6WebEngineCore.dll", "C:\\x\\Qt6WebEngineCore.dll", "BINARY"),
                         ("PySide6\\plugins\\imageformats\\qpdf.dll", "C:\\x\\qpdf.dll", "BINARY")]
        self.datas = [("PySide6\\translations\\qtbase_ja.qm", "C:\\x\\qtbase_ja.qm", "DATA"),
                      ("PySide6\\translations\\qtbase_fr.qm", "C:\\x\\qtbase_fr.qm", "DATA")]
        _Recorded.made.append((type(self).__name__, self))


def _run_spec(monkeypatch, workpath: Path, platform: str) -> dict[str, list[_Recorded]]:
    """Execute the spec as PyInstaller would on ``platform``; the build steps it made, by kind."""
    steps = {name: type(name, (_Recorded,), {}) for name in ("Analysis", "PYZ", "EXE", "COLLECT")}
    _Recorded.made = []
    monkeypatch.setattr(sys, "platform", platform)
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"),
         {"SPECPATH": str(SPEC.parent), "workpath": str(workpath), **steps})
    made: dict[str, list[_Recorded]] = {}
    for name, step in _Recorded.made:
        made.setdefault(name, []).append(step)
    return made


def test_the_spec_on_windows_builds_the_command_and_a_windowed_twin_with_icon_and_version(monkeypatch, tmp_path):
    made = _run_spec(monkeypatch, tmp_path, "win32")
    (analysis,) = made["Analysis"]
    assert [Path(p) for p in analysis.args[0]] == [ROOT / "main.py"]
    assert [d for d, *_ in analysis.binaries] == ["PySide6\\Qt6Widgets.dll"]
    assert [d for d, *_ in analysis.datas] == ["PySide6\\translations\\qtbase_ja.qm"]
    exes = {exe.kwargs["name"]: exe.kwargs for exe in made["EXE"]}
    assert {name: kw["console"] for name, kw in exes.items()} == {bundle.NAME: True, bundle.GUI_NAME: False}
    for kw in exes.values():
        assert Path(kw["icon"]) == make_icon.ICO and make_icon.ICO.is_file()
        version_file = Path(kw["version"])
        assert version_file.parent == tmp_path
        assert f"StringStruct('ProductVersion', '{bundle.package_version()}')" in version_file.read_text(
            encoding="utf-8")
    (collect,) = made["COLLECT"]
    assert collect.kwargs["name"] == bundle.NAME and len(collect.args) == len(exes) + 2


def test_the_spec_on_linux_builds_one_executable_without_windows_resources(monkeypatch, tmp_path):
    exes = [step.kwargs for step in _run_spec(monkeypatch, tmp_path, "linux")["EXE"]]
    assert [(kw["name"], kw["icon"], kw["version"]) for kw in exes] == [(bundle.NAME, None, None)]
    assert not list(tmp_path.iterdir())
