"""The 次第, 出席簿 and 回覧板 as PDF: what they say (pdftotext), one A4 page for the 回覧板,
names only on the 出席簿 and only when asked, and the command line without a display."""

import datetime as dt
import os
import shutil
import subprocess
import sys

import pytest
from meeting_sample import TITLE, build_sample
from paper_helpers import page_count, page_texts, smallest_text

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.exchange.papers import build_agenda, build_circular, build_sign_in
from meguro_jukyo.core.meeting import MeetingFlow
from meguro_jukyo.core.services import Services
from meguro_jukyo.qt.paper import write_pdf
from meguro_jukyo.qt.papers import agenda_paper, circular_paper, sign_in_paper

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

PEOPLE = ("山田太郎", "佐藤花子", "鈴木一郎", "高橋次郎", "防災部長")


def flat(path) -> str:
    """The text with the layout's spaces and line breaks taken out (cells wrap and pad)."""
    return "".join("".join(page_texts(path, layout=False)).split())


@pytest.fixture
def sample(services):
    sample = build_sample(services)
    for name, role in (("山田太郎", "会長"), ("佐藤花子", "副会長")):
        services.attendees.create({"meeting_id": sample.meeting_id, "name": name, "role": role})
    MeetingFlow(services).add_action(sample.meeting_id, None, "防災訓練への参加", "各世帯", dt.date(2025, 9, 7))
    return sample


def test_agenda_pdf_lists_the_items_times_and_documents_and_no_names(qapp, services, sample, tmp_path):
    path = write_pdf(agenda_paper(build_agenda(services, sample.meeting_id, ("前年度決算書",))),
                     tmp_path / "次第.pdf")
    text = flat(path)
    for expected in (TITLE.replace(" ", "") + "次第", "令和7年5月18日（日）10:00", "駒場住区センター第1会議室",
                     "1令和7年度予算案20分", "2防災訓練の実施15分", "予定時間計35分", "持参する資料", "前年度決算書"):
        assert expected in text, expected
    assert not [p for p in PEOPLE if p in text]
    assert page_count(path) == 1


def test_sign_in_pdf_has_a_numbered_row_per_member_with_a_seal_column(qapp, services, sample, tmp_path):
    path = write_pdf(sign_in_paper(build_sign_in(services, sample.meeting_id)), tmp_path / "出席簿.pdf")
    pages = page_texts(path)
    assert len(pages) > 1
    for page in pages:  # the column headings are repeated on every page
        assert all(h in page for h in ("番号", "氏名", "印")), page
    numbers = [int(line.split()[0]) for page in pages for line in page.splitlines()
               if line.split() and line.split()[0].isdigit()]
    assert numbers == list(range(1, 121))
    text = flat(path)
    assert "会長" in text and not [p for p in PEOPLE if p in text]
    named = flat(write_pdf(sign_in_paper(build_sign_in(services, sample.meeting_id, names=True)),
                           tmp_path / "記名.pdf"))
    assert "山田太郎" in named and "佐藤花子" in named


def test_circular_is_one_a4_page_in_large_type_with_no_personal_data(qapp, services, sample, tmp_path):
    path = write_pdf(circular_paper(build_circular(services, sample.meeting_id)), tmp_path / "回覧板.pdf")
    assert page_count(path) == 1
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info
    text = flat(path)
    for expected in ("回覧", "駒場町会からのお知らせ", "決まったこと", "年会費を1,500円とする",
                     "皆さまへのお願い", "防災訓練への参加（令和7年9月7日まで）", "次回の会議",
                     "令和7年6月15日10時同会場"):
        assert expected in text, expected
    assert not [p for p in PEOPLE if p in text]
    assert smallest_text(path)[0] >= 11.9  # 12 pt, rounded to the 300 dpi pixel


def test_a_long_circular_shrinks_to_stay_on_one_page(qapp, services, sample, tmp_path):
    flow = MeetingFlow(services)
    meeting = services.meetings.create({"organization_id": sample.org_id, "title": "臨時総会",
                                        "starts_at": dt.datetime(2025, 6, 1, 10)})
    flow.open_meeting(meeting.id)
    for n in range(8):
        flow.decide(meeting.id, None, f"決定{n} " + "長い説明の文章が続きます。" * 12, "unanimous")
    path = write_pdf(circular_paper(build_circular(services, meeting.id)), tmp_path / "回覧板.pdf")
    assert page_count(path) == 1
    assert "ほか" in flat(path)
    assert smallest_text(path)[0] >= 11.9  # 12 pt, rounded to the 300 dpi pixel


def test_cli_writes_each_paper_without_a_display_and_refuses_other_formats(tmp_path):
    path = tmp_path / "cli.sqlite3"
    with Store.open(path, create=True) as store:
        meeting_id = build_sample(Services(store)).meeting_id
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "meguro_jukyo", "--db", str(path), *args],
                              capture_output=True, text=True, timeout=120, env=env)

    result = run("agenda", meeting_id, str(tmp_path / "次第.pdf"), "--bring", "会則")
    assert result.returncode == 0, result.stderr
    assert "会則" in flat(tmp_path / "次第.pdf")
    for command in ("signin", "circular"):
        result = run(command, meeting_id, str(tmp_path / f"{command}.pdf"))
        assert result.returncode == 0, result.stderr
        assert TITLE.split()[0] in flat(tmp_path / f"{command}.pdf")
    refused = run("circular", meeting_id, str(tmp_path / "回覧板.docx"))
    assert refused.returncode == 1
    assert len(refused.stderr.strip().splitlines()) == 1 and ".pdf" in refused.stderr
    assert not (tmp_path / "回覧板.docx").exists()
