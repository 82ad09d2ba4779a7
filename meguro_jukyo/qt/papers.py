"""The 次第 (with, if asked, 前回からの経過 as its first page), the 出席簿 and the 回覧板 as
papers (qt/paper.py) from their core content (core/exchange/papers.py)."""

from __future__ import annotations

from html import escape

from ..core.exchange.papers import Agenda, Circular, Header, SignInSheet, SincePage
from .paper import Paper

_AGENDA_CSS = """
td.no { font-family: '%(gothic)s'; }
td.time { text-align: right; white-space: nowrap; }
p.total { text-align: right; margin-top: 4pt; }
"""

_SIGN_IN_CSS = """
th { border: 1px solid #000000; background-color: #e8eef4; padding: 3pt; font-weight: bold; }
td.cell { border: 1px solid #000000; }
p.count { margin-top: 10pt; font-family: '%(gothic)s'; }
"""

# Large type for households: the body shrinks (not below 12 pt) only to keep it to one page.
_CIRCULAR_CSS = """
h1 { font-size: 24pt; }
p.kairan { font-family: '%(gothic)s'; font-size: 13pt; text-align: center; border: 1px solid #000000; }
p.meeting { text-align: center; font-size: 13pt; }
h2 { font-size: 17pt; margin-top: 16pt; }
li { margin-bottom: 6pt; }
"""


def _header_html(heading: str, header: Header) -> str:
    rows = [("団体", header.organization), ("会議", f"{header.title}（{header.meeting_type}）"),
            ("日時", header.date), ("場所", header.place or "—")]
    return (f"<h1>{escape(heading)}</h1><table width='100%' cellspacing='0'>"
            + "".join(f"<tr><td class='label' width='18%'>{escape(label)}</td>"
                      f"<td width='82%'>{escape(text)}</td></tr>" for label, text in rows)
            + "</table>")


def since_html(since: SincePage) -> str:
    """前回からの経過: each section a list, 「ありません」 where nothing happened."""
    last = (f"<p class='org'>前回　{escape(since.last)}　以降</p>" if since.last
            else "<p class='org'>この団体の最初の会議です（未了のものをすべて載せています）</p>")
    return (f"<h1>{escape(since.heading)}</h1>" + last
            + "".join(f"<h2>{escape(title)}</h2><ul>"
                      + "".join(f"<li>{escape(line)}</li>" for line in (lines or ("ありません",))) + "</ul>"
                      for title, lines in since.sections))


def agenda_paper(agenda: Agenda, since: SincePage | None = None) -> Paper:
    """The 次第; with ``since``, 前回からの経過 on the page(s) before it."""
    items = "".join(
        f"<tr><td class='no' width='10%'>{i.number}</td><td>{escape(i.title)}</td>"
        f"<td class='time' width='15%'>{i.planned_minutes}分</td></tr>" for i in agenda.items
    ) or "<tr><td class='no'>—</td><td>議題は未定です</td><td></td></tr>"
    documents = "".join(f"<li>{escape(d)}</li>" for d in agenda.documents) or "<li>特にありません</li>"
    html = (_header_html(agenda.heading, agenda.header)
            + "<h2>議題</h2><table width='100%' cellspacing='0'>" + items + "</table>"
            + f"<p class='total'>予定時間 計{agenda.total_minutes}分</p>"
            + "<h2>持参する資料</h2><ul>" + documents + "</ul>")
    if since is None:
        return Paper(agenda.heading, html, _AGENDA_CSS)
    return Paper(agenda.heading, since_html(since) + html, _AGENDA_CSS, breaks=(agenda.heading,))


def sign_in_paper(sheet: SignInSheet) -> Paper:
    """Rows two lines high in the 印 column: room for a seal (about 1 cm)."""
    rows = "".join(
        f"<tr><td class='cell' align='right'>{r.number}</td><td class='cell'>{escape(r.name)}</td>"
        f"<td class='cell'>{escape(r.role)}</td><td class='cell'><br></td><td class='cell'></td></tr>"
        for r in sheet.rows)
    members = f"{sheet.members_total}名" if sheet.members_total else "　　名"
    html = (_header_html(sheet.heading, sheet.header)
            + "<h2>出席者（ご署名または押印をお願いします）</h2>"
            + "<table width='100%' cellspacing='0'><thead><tr><th width='8%'>番号</th>"
            + "<th width='40%'>氏名</th><th width='20%'>役職</th><th width='12%'>印</th>"
            + "<th width='20%'>備考</th></tr></thead>" + rows + "</table>"
            + f"<p class='count'>会員数 {members}　出席　　名　委任状　　名　書面表決　　名</p>")
    return Paper(sheet.heading, html, _SIGN_IN_CSS)


def circular_paper(circular: Circular) -> Paper:
    h = circular.header
    parts = ["<p class='kairan'>回覧　ご覧になったら次のお宅へお回しください</p>",
             f"<h1>{escape(circular.heading)}</h1>",
             f"<p class='meeting'>{escape(h.title)}<br>{escape(h.date)}</p>"]
    for title, lines in circular.sections():
        parts.append(f"<h2>{escape(title)}</h2><ul>"
                     + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>")
    return Paper(circular.heading, "".join(parts), _CIRCULAR_CSS, points=16, numbered=False, smallest=12)
