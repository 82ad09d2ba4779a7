"""The PDF minutes: Qt's writer, A4, Japanese text extractable, a CJK font embedded."""

import os
import shutil
import subprocess
import sys

import pytest
from meeting_sample import TITLE, build_sample
from paper_helpers import PAGE_NUMBER

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.exchange.minutes import build_minutes
from meguro_jukyo.core.services import Services
from meguro_jukyo.qt.meeting.minutes_pdf import write_minutes_pdf
from meguro_jukyo.qt.paper import font_families

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                reason="poppler-utils not installed")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def embedded_cjk_fonts(path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    fonts = []
    for line in out.splitlines()[2:]:
        cols = line.split()
        # columns: name, type (1-2 words), encoding, emb, sub, uni, object id, generation
        if len(cols) >= 7 and cols[-5] == "yes" and ("CJK" in cols[0] or "Identity" in line):
            fonts.append(cols[0])
    return fonts


def test_pdf_minutes_hold_the_japanese_text_and_embed_the_font(qapp, services, tmp_path):
    sample = build_sample(services)
    minutes = build_minutes(services, sample.meeting_id)
    path = write_minutes_pdf(minutes, tmp_path / "out" / "議事録.pdf")
    text = pdf_text(path)
    # copied text is the characters typed (Noto's shared glyphs map back to ideographs, not radicals)
    assert "意見" in text and "9月の第1日曜日" in text
    for expected in (TITLE, "議事録", "年会費を1,500円とする", "多数決（賛成52・反対10・棄権6）",
                     "据え置いて寄付を募るべき", "避難所の鍵の管理方法", "区の防災課に資材を相談する",
                     "成立", "議事録署名人", "鈴木一郎"):
        assert expected in text, expected
    assert any("NotoSansCJK" in f or "NotoSerifCJK" in f for f in embedded_cjk_fonts(path))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info
    assert [p.name for p in path.parent.iterdir()] == ["議事録.pdf"]  # no temp file left beside it


def test_cli_writes_the_pdf_without_a_display(tmp_path):
    path = tmp_path / "cli.sqlite3"
    with Store.open(path, create=True) as store:
        sample = build_sample(Services(store))
    out = tmp_path / "minutes.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, "-m", "meguro_jukyo", "--db", str(path), "minutes",
                             sample.meeting_id, str(out)], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert TITLE in pdf_text(out) and embedded_cjk_fonts(out)


def test_body_is_set_in_mincho_and_headings_in_gothic(qapp, services, tmp_path):
    sample = build_sample(services)
    path = write_minutes_pdf(build_minutes(services, sample.meeting_id), tmp_path / "議事録.pdf")
    fonts = embedded_cjk_fonts(path)
    assert any("NotoSerifCJK" in f and "Bold" not in f for f in fonts), fonts  # 明朝 body
    assert any("NotoSansCJK" in f and "Bold" in f for f in fonts), fonts  # ゴシック headings


def test_font_choice_falls_back_to_what_is_installed():
    assert font_families({"Yu Mincho", "Yu Gothic", "Arial"}) == ("Yu Mincho", "Yu Gothic")
    assert font_families({"Noto Sans CJK JP"}) == ("Noto Sans CJK JP", "Noto Sans CJK JP")
    assert font_families({"IPAexMincho"}) == ("IPAexMincho", "IPAexMincho")
    assert font_families(set()) == ("Noto Sans CJK JP", "Noto Sans CJK JP")


def signature_block(text: str) -> list[str]:
    lines = [line.split() for line in text.splitlines() if line.strip() and not PAGE_NUMBER.match(line)]
    start = next(i for i, words in enumerate(lines) if words[0].startswith("上記の議事の経過"))
    return [" ".join(words) for words in lines[start:]]


def test_signature_block_names_the_chair_and_signers_with_room_for_the_seal(qapp, services, tmp_path):
    sample = build_sample(services)
    path = write_minutes_pdf(build_minutes(services, sample.meeting_id), tmp_path / "議事録.pdf")
    block = signature_block(pdf_text(path))
    assert "".join(block).startswith(  # wrapped over lines in the PDF
        "上記の議事の経過及びその結果を明確にするため、議長及び議事録署名人は次に署名押印する。令和 年 月 日")
    assert "令和 年 月 日" in block
    assert [line for line in block if line.endswith("印")] == [
        "議長 山田太郎 印", "議事録署名人 鈴木一郎 印", "議事録署名人 高橋次郎 印"]


def test_blank_signature_lines_when_no_chair_or_signers_are_recorded(qapp, services, tmp_path):
    sample = build_sample(services, finalize=False)
    services.meetings.update(sample.meeting_id, {"facilitator": "", "signers": ""})
    path = write_minutes_pdf(build_minutes(services, sample.meeting_id), tmp_path / "議事録.pdf")
    assert [line for line in signature_block(pdf_text(path)) if line.endswith("印")] == [
        "議長 印", "議事録署名人 印", "議事録署名人 印"]
