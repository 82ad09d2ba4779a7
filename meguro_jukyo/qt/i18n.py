"""Translations: the .ts files in meguro_jukyo/resources/i18n, the .qm files built from them, and loading.

Source strings are English; every visible string goes through ``QCoreApplication.translate``
with an explicit context (``self.tr`` on Python classes picks the context from the runtime
class, so a string written in a base class would not be found for a subclass).

``python -m meguro_jukyo.qt.i18n update`` re-extracts the strings with pyside6-lupdate (keeping
the translations already made), fills the English file's translations with the source text,
and compiles every .ts to .qm with pyside6-lrelease. The .qm files are committed, so a fresh
clone shows Japanese without a build step; a test checks they match their .ts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..core.resources import RESOURCES_DIR

I18N_DIR = RESOURCES_DIR / "i18n"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
LANGUAGES = ("ja", "en")
DOMAIN = "meguro_jukyo"


def ts_path(language: str, folder: Path = I18N_DIR) -> Path:
    return folder / f"{DOMAIN}_{language}.ts"


def qm_path(language: str, folder: Path = I18N_DIR) -> Path:
    return folder / f"{DOMAIN}_{language}.qm"


def sources() -> list[Path]:
    """Every Python file that can show text: the qt package and app.py."""
    return sorted((PACKAGE_DIR / "qt").rglob("*.py")) + [PACKAGE_DIR / "app.py"]


# subprocess, shutil and ElementTree are imported where they are used: the app loads this
# module before its window shows, and needs only install() then.


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to this interpreter, else on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found (it comes with PySide6)")
    return found


def lupdate(ts_files: list[Path]) -> None:
    for ts in ts_files:
        language = ts.stem.rsplit("_", 1)[-1]
        subprocess.run(
            [_tool("pyside6-lupdate"), *map(str, sources()), "-locations", "none", "-no-obsolete",
             "-source-language", "en", "-target-language", language, "-ts", str(ts)],
            check=True, capture_output=True,
        )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
                   check=True, capture_output=True)


def fill_source_language(ts: Path) -> int:
    """In the English file every translation is its source; returns how many were (re)written.

    Every entry is written, not only the unfinished ones: a translation that drifted from its
    source (once, a whole run of ``.ts`` XML pasted into twelve of them) is put right."""
    tree = ET.parse(ts)
    filled = 0
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("obsolete", "vanished"):
            continue
        source = message.findtext("source") or ""
        forms = translation.findall("numerusform") if message.get("numerus") == "yes" else [translation]
        if translation.get("type") is None and all(f.text == source for f in forms):
            continue
        for form in forms:
            form.text = source
        translation.attrib.pop("type", None)
        filled += 1
    if filled:
        _write_ts(tree, ts)
    return filled


def _write_ts(tree, ts: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                  encoding="utf-8")


def problems(ts: Path) -> list[str]:
    """Entries of a .ts that are unfinished, empty or obsolete."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if translation is None:
                out.append(f"{name}: {source!r}: no translation")
                continue
            kind = translation.get("type")
            if kind in ("unfinished", "obsolete", "vanished"):
                out.append(f"{name}: {source!r}: {kind}")
            elif message.get("numerus") == "yes":
                if not all((f.text or "").strip() for f in translation.findall("numerusform")):
                    out.append(f"{name}: {source!r}: empty plural form")
            elif not (translation.text or "").strip():
                out.append(f"{name}: {source!r}: empty")
    return out


def messages(ts: Path) -> set[tuple[str, str]]:
    """(context, source) of every live entry."""
    out = set()
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                continue
            out.add((name, message.findtext("source") or ""))
    return out


def update() -> None:
    """Re-extract strings into the .ts files and rebuild the .qm files."""
    I18N_DIR.mkdir(parents=True, exist_ok=True)
    lupdate([ts_path(lang) for lang in LANGUAGES])
    if fill_source_language(ts_path("en")):
        lupdate([ts_path("en")])  # back to lupdate's own layout, so the file's diffs stay small
    for lang in LANGUAGES:
        lrelease(ts_path(lang), qm_path(lang))


# --------------------------------------------------------------------------- loading


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our strings and Qt's own (standard buttons, dialogs) for ``language``.

    Returns the translators; keep them alive as long as the app (Qt does not own them).
    """
    installed = []
    ours = QTranslator(app)
    if ours.load(str(qm_path(language))):
        app.installTranslator(ours)
        installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if qtbase.load(QLocale(language), "qtbase", "_", qt_dir):
        app.installTranslator(qtbase)
        installed.append(qtbase)
    QLocale.setDefault(QLocale(QLocale.Language.Japanese if language == "ja" else QLocale.Language.English))
    return installed


def uninstall(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for t in translators:
        app.removeTranslator(t)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args != ["update"]:
        print("usage: python -m meguro_jukyo.qt.i18n update", file=sys.stderr)
        return 2
    update()
    for lang in LANGUAGES:
        left = problems(ts_path(lang))
        print(f"{ts_path(lang).name}: {len(messages(ts_path(lang)))} strings, {len(left)} to translate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
