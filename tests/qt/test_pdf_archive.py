"""PDF/A-1b for the archive: Qt writes the PDF/A parts (version 1.4, XMP with pdfaid part 1
conformance B, an sRGB output intent, fonts embedded), and the text-map repair that follows
keeps the file whole: every cross-reference entry points at its object, every stream's
/Length is its length, the trailer keeps its /ID.

veraPDF is not installed here, so this checks the structure and the PDF/A markers, not every
clause of ISO 19005-1."""

import re
import shutil
import subprocess
import sys
import zlib

import pytest
from meeting_sample import build_sample

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.exchange.minutes import build_minutes
from meguro_jukyo.core.services import Services
from meguro_jukyo.qt.meeting.minutes_pdf import write_minutes_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")


def structure_problems(data: bytes) -> list[str]:
    problems = []
    start = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    if not data[start:].startswith(b"xref"):
        problems.append("startxref does not point at the xref table")
    count = int(re.match(rb"xref\s+0 (\d+)", data[start:]).group(1))
    entries = re.findall(rb"(\d{10}) (\d{5}) ([nf])", data[start:])[:count]
    for number, (offset, _gen, kind) in enumerate(entries):
        if kind == b"n" and not data[int(offset):].startswith(b"%d 0 obj" % number):
            problems.append(f"xref entry {number} points at {data[int(offset):int(offset) + 12]!r}")
    streams = list(re.finditer(rb"/Length (\d+)( 0 R)?[^>]*>>\s*stream\r?\n", data))
    if len(streams) != data.count(b"endstream"):
        problems.append("a stream without a /Length this check can read")
    for match in streams:
        length = int(match.group(1))
        if match.group(2):
            ref = re.search(rb"\n%d 0 obj\s*(\d+)" % length, data)
            length = int(ref.group(1))
        end = match.end() + length
        if not re.match(rb"\r?\n?endstream", data[end:end + 12]):
            problems.append(f"a stream's /Length {length} does not end at endstream")
        if b"/FlateDecode" in data[match.start() - 200:match.end()]:
            try:
                zlib.decompress(data[match.end():end])
            except zlib.error:
                problems.append("a compressed stream does not inflate")
    trailer = data[data.rindex(b"trailer"):]
    if b"/ID [" not in trailer:
        problems.append("no /ID in the trailer")
    if not data.rstrip().endswith(b"%%EOF"):
        problems.append("data after %%EOF")
    return problems


def test_archive_minutes_are_pdfa_1b_and_stay_whole_after_the_text_repair(qapp, services, tmp_path):
    minutes = build_minutes(services, build_sample(services).meeting_id)
    path = write_minutes_pdf(minutes, tmp_path / "議事録.pdf", archive=True)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-1.4\n%") and all(b > 127 for b in data[10:14])  # binary marker
    assert structure_problems(data) == []
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert not info.stderr and "PDF version:     1.4" in info.stdout
    meta = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True).stdout
    assert 'pdfaid:part="1"' in meta and 'pdfaid:conformance="B"' in meta
    assert b"/OutputIntents" in data and b"/S/GTS_PDFA1" in data
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)  # every font embedded
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    assert not text.stderr and "議長" in text.stdout and "⻑" not in text.stdout  # repaired, as itself


def test_an_ordinary_pdf_is_not_marked_pdfa(qapp, services, tmp_path):
    minutes = build_minutes(services, build_sample(services).meeting_id)
    path = write_minutes_pdf(minutes, tmp_path / "議事録.pdf")
    assert structure_problems(path.read_bytes()) == []
    meta = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True).stdout
    assert "pdfaid:part" not in meta


def test_cli_archive_option(tmp_path):
    path = tmp_path / "cli.sqlite3"
    with Store.open(path, create=True) as store:
        meeting_id = build_sample(Services(store)).meeting_id
    for command in ("minutes", "circular"):
        out = tmp_path / f"{command}.pdf"
        result = subprocess.run([sys.executable, "-m", "meguro_jukyo", "--db", str(path), command, meeting_id,
                                 str(out), "--pdfa"], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        meta = subprocess.run(["pdfinfo", "-meta", str(out)], capture_output=True, text=True, check=True).stdout
        assert 'pdfaid:part="1"' in meta
        assert structure_problems(out.read_bytes()) == []


def test_meeting_mode_saves_the_minutes_as_pdfa_when_asked(qtbot, services, tasks, display, tmp_path):
    """Where a clerk saves the minutes (meeting mode's Minutes button and its folder): the
    archive box, reached with Alt+B, makes the PDF a PDF/A-1b; left alone, an ordinary PDF."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from test_meeting_mode import Keys, modal_named, open_mode

    window = open_mode(qtbot, services, tasks, display, build_sample(services).meeting_id)
    keys = Keys(qtbot, tasks, window)
    assert not window.pdfa_box.isChecked()
    written = {}
    for name, tick in (("plain", False), ("archive", True)):
        if tick:
            keys.press(Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
            qtbot.waitUntil(window.pdfa_box.isChecked)  # a mnemonic clicks as a button does, a moment later
        folder = tmp_path / name
        folder.mkdir()
        keys.press(Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
        modal_named(qtbot, "minutes_folder_dialog")
        keys.type(str(folder))
        with qtbot.waitSignal(window.minutes_written, timeout=30000) as done:
            keys.press(Qt.Key.Key_Return)
        keys.settle()
        written[name] = done.args[0][0]
        offer = modal_named(qtbot, "offer_open")  # "open the file?": not now
        with qtbot.waitSignal(offer.finished):
            keys.press(Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.close()
    for name, marked in (("plain", False), ("archive", True)):
        path = written[name]
        assert path.parent == tmp_path / name and path.suffix == ".pdf"
        meta = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True).stdout
        assert ('pdfaid:part="1"' in meta) is marked, name
        assert structure_problems(path.read_bytes()) == []
