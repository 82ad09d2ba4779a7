"""No heading is left alone at a page foot: it goes to the next page with the text it heads.

The minutes and the 次第 are written with a growing first section, so that each later
heading passes the foot of a page somewhere in the sweep; each page's text (pdftotext -f/-l)
must not end with a heading. The same sweep with the keeping turned off shows the check
would see a heading left at the foot."""

import shutil

import pytest
from paper_helpers import last_lines, page_texts

from meguro_jukyo.core.exchange.minutes import Action, Attendance, Entry, Item, Minutes
from meguro_jukyo.core.exchange.papers import Agenda, AgendaLine, Header
from meguro_jukyo.qt import paper
from meguro_jukyo.qt.meeting.minutes_pdf import write_minutes_pdf
from meguro_jukyo.qt.papers import agenda_paper

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

SWEEP = range(30, 62, 3)


def minutes(opinions: int) -> Minutes:
    entries = tuple(Entry("opinion", "意見", f"意見その{n}" + "。説明" * (n % 3) * 12) for n in range(opinions))
    return Minutes(
        organization="駒場町会", title="定期総会", meeting_type="総会", date="令和7年5月18日", place="住区センター",
        attendance=Attendance(120, 48, 20, 61, 68, True, "過半数"), chair="", recorder="",
        items=(Item(1, "予算", 20, None, "承認", entries),),
        minority=(Entry("minority", "少数意見", "据え置くべき"),), continued=(("", "鍵の管理"),),
        actions=(Action("資材を相談する", "", ""),), next_meeting="6月15日", signers=("", ""), finalized=True)


def minutes_headings(m: Minutes) -> set[str]:
    return {title for title, _rows in m.sections()}


def agenda(items: int) -> Agenda:
    return Agenda(Header("駒場町会", "定期総会", "総会", "令和7年5月18日", "住区センター"),
                  tuple(AgendaLine(n, f"議題その{n}" + "と報告" * (n % 4) * 9, 10) for n in range(1, items + 1)),
                  ("決算書", "予算案"))


def headings_at_the_foot(tmp_path) -> list[str]:
    """Each heading that ends a page, and "" for each blank page (a heading pushed too far)."""
    found = []
    for n in SWEEP:
        m = minutes(n)
        path = write_minutes_pdf(m, tmp_path / f"議事録{n}.pdf")
        found += [line for line in last_lines(path)[:-1] if line in minutes_headings(m) | {""}]
        path = paper.write_pdf(agenda_paper(agenda(n)), tmp_path / f"次第{n}.pdf")
        found += [line for line in last_lines(path)[:-1] if line in ("議題", "持参する資料", "")]
    return found


def test_no_heading_ends_a_page(qapp, tmp_path):
    assert headings_at_the_foot(tmp_path) == []


def test_without_keeping_a_heading_would_end_a_page(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(paper, "keep_headings_with_next", lambda doc, *_rules: None)
    assert headings_at_the_foot(tmp_path)


def test_the_signature_block_is_never_split(qapp, tmp_path):
    for n in SWEEP:
        pages = page_texts(write_minutes_pdf(minutes(n), tmp_path / f"署名{n}.pdf"))
        [page] = [p for p in pages if "上記の議事の経過" in p]
        # 議長 and both 署名人 on the attestation's page
        assert len([line for line in page.splitlines() if line.rstrip().endswith(" 印")]) == 3
