"""Translations: the .ts files in meguro_jukyo/resources/i18n, the .qm files built from them, and loading.

Source strings are English; every visible string goes through ``QCoreApplication.translate``
with an explicit context (``self.tr`` on Python classes picks the context from the runtime
class, so a string written in a base class would not be found for a subclass).

A string with values goes through :func:`tr_args` (``%1``, ``%2``… filled in one pass, so a
value holding ``%2`` is not filled again); a count through :func:`tr_n`, whose ``%n`` (``%Ln``
with the locale's digit grouping) picks the plural form: the English file says "1 issue" and
"2 issues" for the source ``%n issue(s)``. pyside6-lupdate's Python reader sees neither (and
marks no ``translate(…, n)`` with a variable ``n`` as a plural), so :func:`lupdate` reads their
literal strings with ``ast`` and hands them to lupdate as a C++ stub of ``QT_TRANSLATE_NOOP`` /
``QT_TRANSLATE_N_NOOP`` lines; :data:`QT_GAPS`, Qt's own strings that qtbase_ja.qm lacks, go
the same way.

``python -m meguro_jukyo.qt.i18n update`` re-extracts the strings with pyside6-lupdate (keeping
the translations already made), writes the English file's translations from the source text
(every time, so a hand edit that went wrong there — once, twelve translations held a run of
pasted ``.ts`` XML — is put right), refuses to compile a translation that holds markup or
loses a placeholder, and compiles every .ts to .qm with pyside6-lrelease. The .qm files are
committed, so a fresh clone shows Japanese without a build step; a test checks they match their
.ts.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tempfile
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
    """Every Python file that can show text: the qt package, app.py, and the field registry
    (core/fields.py: the labels of fields and list columns, marked for the GUI to translate)."""
    return sorted((PACKAGE_DIR / "qt").rglob("*.py")) + [PACKAGE_DIR / "app.py", PACKAGE_DIR / "core" / "fields.py"]


# --------------------------------------------------------------------------- strings with values

_PLACEHOLDER = re.compile(r"%(\d{1,2})")


def fill(text: str, *args: object) -> str:
    """``text`` with ``%1``, ``%2``… replaced by ``args`` in one pass (Qt's ``QString.arg``).

    A placeholder without a value stays as it is; a value is never searched for placeholders."""

    def value(match: re.Match) -> str:
        index = int(match.group(1)) - 1
        return str(args[index]) if 0 <= index < len(args) else match.group(0)

    return _PLACEHOLDER.sub(value, text) if args else text


def tr_args(context: str, text: str, *args: object) -> str:
    """``text`` translated in ``context``, its ``%1``, ``%2``… filled with ``args``.

    ``context`` and ``text`` must be literal strings: :func:`lupdate` reads them from the code."""
    return fill(QCoreApplication.translate(context, text), *args)


def tr_n(context: str, text: str, n: int, *args: object) -> str:
    """``text`` translated in the plural form for ``n``: ``%n`` is ``n`` (``%Ln`` grouped as the
    locale groups digits), then ``%1``, ``%2``… are filled with ``args``.

    Where no translator knows ``text`` (tests, or a missing .qm) its English forms are shown,
    "1 issue" and "2 issues", not the source's "issue(s)"."""
    if QCoreApplication.translate(context, text) == text:
        form = english_forms(text)[0 if n == 1 else 1]
        return fill(form.replace("%Ln", f"{n:,}").replace("%n", str(n)), *args)
    return fill(QCoreApplication.translate(context, text, None, n), *args)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """``text``, marked for translation in ``context`` and translated where it is shown: Qt's
    marker of that name (lupdate finds the calls by it), typed — PySide6's stub says it returns
    ``object``, so a table of marked strings would not be a table of ``str``."""
    return text


# Qt's own strings that qtbase's Japanese catalogue lacks: the file dialog's labels gained a
# mnemonic ("&Look in:"; the catalogue has "Look in:"), its Type column moved to
# QAbstractFileIconProvider (the catalogue has them under QFileDialog), and the print dialog
# (the preview's Print button) gained page sets and duplex. Translated in our .ts,
# under Qt's context, so Qt finds them through our translator. (Not "#:" comments here:
# lupdate would take them for a translator's note.)
QT_GAPS = (
    ("QFileDialog", "&Look in:"),
    ("QFileDialog", "Files of &type:"),
    ("QAbstractFileIconProvider", "Folder"),
    ("QAbstractFileIconProvider", "File Folder"),
    ("QAbstractFileIconProvider", "File"),
    ("QAbstractFileIconProvider", "%1 File"),
    ("QAbstractFileIconProvider", "Drive"),
    ("QAbstractFileIconProvider", "Shortcut"),
    ("QAbstractFileIconProvider", "Alias"),
    ("QPrintSettingsOutput", "Pages"),
    ("QPrintSettingsOutput", "Page &Set:"),
    ("QPrintSettingsOutput", "Double Sided Printing"),
    ("QPrintSettingsOutput", "Off"),
    ("QPrintSettingsOutput", "Long side binding"),
    ("QPrintSettingsOutput", "Short side binding"),
    ("QPrintSettingsOutput", "Specify pages or ranges separated by commas. Ranges are specified by two numbers separated "
                             "by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9."),
)

_HELPERS = {"tr_args": False, "tr_n": True}  # name -> plural


def helper_strings(files: list[Path] | None = None) -> list[tuple[str, str, bool]]:
    """(context, text, plural) of every :func:`tr_args` / :func:`tr_n` call in the code.

    Raises ValueError naming the place of a call whose context or text is not a literal string
    (lupdate could not know it, so it would never be translated)."""
    found = []
    for path in sources() if files is None else files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name not in _HELPERS:
                continue
            literal = [a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if len(literal) < 2:
                raise ValueError(f"{path}:{node.lineno}: {name}() needs a literal context and text")
            found.append((literal[0], literal[1], _HELPERS[name]))
    return found


def _c_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def _stub(folder: Path) -> Path:
    """A C++ file for lupdate holding the strings its Python reader cannot see."""
    lines = [f"QT_TRANSLATE_{'N_' if plural else ''}NOOP({_c_string(c)}, {_c_string(t)});"
             for c, t, plural in helper_strings()]
    lines += [f"QT_TRANSLATE_NOOP({_c_string(c)}, {_c_string(t)});" for c, t in QT_GAPS]
    stub = folder / "helper_strings.cpp"
    stub.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return stub


# --------------------------------------------------------------------------- tools


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
    with tempfile.TemporaryDirectory() as folder:
        stub = _stub(Path(folder))
        for ts in ts_files:
            language = ts.stem.rsplit("_", 1)[-1]
            subprocess.run(
                [_tool("pyside6-lupdate"), *map(str, sources()), str(stub), "-locations", "none",
                 "-no-obsolete", "-source-language", "en", "-target-language", language, "-ts", str(ts)],
                check=True, capture_output=True,
            )


def lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts``; an unfinished entry (perhaps lupdate's guess from a similar string) is
    left out, so the app shows its English source rather than a wrong translation."""
    subprocess.run([_tool("pyside6-lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)],
                   check=True, capture_output=True)


_PLURAL = re.compile(r"\((s|es|[a-z]+\|[a-z]+)\)")


def english_forms(source: str) -> list[str]:
    """The English singular and plural of a ``%n`` source: ``%n issue(s)`` gives ``%n issue``
    and ``%n issues``; ``(a|b)`` gives ``a`` and ``b`` (``%n entr(y|ies)``)."""

    def form(index: int):
        def pick(match: re.Match) -> str:
            parts = match.group(1).split("|")
            return (parts if len(parts) == 2 else ["", parts[0]])[index]
        return pick

    return [_PLURAL.sub(form(i), source) for i in (0, 1)]


def fill_source_language(ts: Path) -> int:
    """In the English file every translation is its source (a plural's forms: english_forms);
    returns how many were (re)written.

    Every entry is written, not only the unfinished ones: a translation that drifted from its
    source (once, a whole run of ``.ts`` XML pasted into twelve of them) is put right."""
    tree = ET.parse(ts)
    filled = 0
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("obsolete", "vanished"):
            continue
        source = message.findtext("source") or ""
        if message.get("numerus") == "yes":
            forms = translation.findall("numerusform")
            wanted = english_forms(source)
            wanted = (wanted + [wanted[-1]] * len(forms))[:len(forms)]
        else:
            forms, wanted = [translation], [source]
        if translation.get("type") is None and [f.text for f in forms] == wanted:
            continue
        for form, text in zip(forms, wanted, strict=True):
            form.text = text
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


# What a translation never holds: markup or XML (a run of a .ts pasted in), or the text of a
# source file around a string (a call, a "#:" note, a file's place).
_NOISE = re.compile(r"</?[A-Za-z][\w-]*[\s/>]|&(lt|gt|amp|quot|apos);|\btranslate\(|\btr\(|\.py\b|(^|\s)#:")
_PLACEHOLDERS = re.compile(r"%L?n|%\d{1,2}")


def damage(source: str, text: str) -> str | None:
    """What is wrong with ``text`` as a translation of ``source``, or None.

    Markup or source-file noise that the source does not hold itself, or a placeholder of the
    source (``%1``… and ``%n``) that the translation lost."""
    noise = _NOISE.search(text)
    if noise and not _NOISE.search(source):
        return f"holds {noise.group(0).strip()!r}, which is not text"
    lost = sorted(set(_PLACEHOLDERS.findall(source)) - set(_PLACEHOLDERS.findall(text)))
    if lost:
        return f"lost {', '.join(lost)}"
    return None


def entries(ts: Path):
    """(context, source, numerus, kind, [translated texts]) of every entry of a .ts, live or not."""
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = message.get("numerus") == "yes"
            if translation is None:
                yield name, message.findtext("source") or "", numerus, "missing", []
                continue
            forms = translation.findall("numerusform") if numerus else [translation]
            yield (name, message.findtext("source") or "", numerus, translation.get("type") or "done",
                   [f.text or "" for f in forms])


def problems(ts: Path) -> list[str]:
    """Entries of a .ts that are missing, unfinished, empty, obsolete or vanished, and
    translations that hold markup or lost a placeholder."""
    out = []
    for name, source, numerus, kind, texts in entries(ts):
        if kind != "done":
            out.append(f"{name}: {source!r}: {kind}")
        elif not texts or not all(t.strip() for t in texts):
            out.append(f"{name}: {source!r}: empty" + (" plural form" if numerus else ""))
        else:
            out += [f"{name}: {source!r}: {wrong}" for wrong in map(lambda t: damage(source, t), texts) if wrong]
    return out


def damaged(ts: Path) -> list[str]:
    """The translations of a .ts that must not be compiled: markup, noise, a lost placeholder."""
    return [f"{name}: {source[:60]!r}: {wrong}" for name, source, _n, kind, texts in entries(ts)
            if kind in ("done", "unfinished") for wrong in (damage(source, t) for t in texts if t) if wrong]


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
    wrong = [f"{ts_path(lang).name}: {line}" for lang in LANGUAGES for line in damaged(ts_path(lang))]
    if wrong:
        raise SystemExit("not compiled: these translations are not plain text:\n" + "\n".join(wrong))
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
