"""The report per 施策立案の視点 as PDF from the command line: A4, Japanese text and font embedded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.demo import load_demo
from meguro_jukyo.core.policy import load_framework

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                reason="poppler-utils not installed")


def test_cli_writes_the_viewpoint_report_as_an_a4_pdf_without_a_display(tmp_path):
    db = tmp_path / "demo.sqlite3"
    with Store.open(db, create=True) as store:
        load_demo(store, "small")
    out = tmp_path / "視点別報告.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, "-m", "meguro_jukyo", "--db", str(db), "report", "viewpoints",
                             "--nendo", "2025", str(out)], capture_output=True, text=True, timeout=180, env=env, check=False)
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert "施策立案の視点別地域課題の報告（令和7年度）" in flat
    for vp in load_framework().viewpoints():
        assert "".join(vp.heading.split()) in flat, vp.heading
    assert "令和7年4月1日〜令和8年3月31日" in flat
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert any("CJK" in line and " yes " in line for line in fonts.splitlines())  # embedded
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == ["視点別報告.pdf"]
