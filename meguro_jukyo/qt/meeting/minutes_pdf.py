"""The minutes as a PDF: :meth:`Minutes.sections` — the same rows the Excel sheet prints —
as an HTML table on the shared A4 paper (qt/paper.py)."""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import Protocol

from ...core.exchange.minutes import SIGNATURES, Report
from ..paper import Paper, gui_app, write_pdf

_CSS = "td.sign { border-bottom: 1px solid #000000; }"



class Printed(Report, Protocol):
    """What these papers print: the minutes, and any report of their shape that names its
    organization under the heading (the handover report)."""

    @property
    def organization(self) -> str: ...

def minutes_html(minutes: Printed) -> str:
    parts = [f"<h1>{escape(minutes.heading)}</h1>",
             f"<p class='org'>{escape(minutes.organization)}</p>"]
    for title, rows in minutes.sections():
        parts.append(f"<h2>{escape(title)}</h2>")
        parts.append("<table width='100%' cellspacing='0'>")
        for label, text in rows:
            body = escape(text).replace("\n", "<br>")
            if title == SIGNATURES and label:  # a line to sign on, 印 at its end
                parts.append(
                    f"<tr><td class='label' width='18%'><br><br>{escape(label)}</td>"
                    f"<td width='30%' class='sign'><br><br>{body}</td>"
                    f"<td width='52%' class='sign' align='right'><br><br>印</td></tr>")
            else:
                parts.append(f"<tr><td class='label' width='18%'>{escape(label)}</td>"
                             f"<td width='82%' colspan='2' class='text'>{body}</td></tr>")
        parts.append("</table>")
    return "".join(parts)


def minutes_paper(minutes: Printed) -> Paper:
    return Paper(minutes.heading, minutes_html(minutes), _CSS, whole=(SIGNATURES,))


def write_minutes_pdf(minutes: Printed, dest: str | os.PathLike, *, archive: bool = False) -> Path:
    """Write the PDF (whole or not at all). Needs a QGuiApplication."""
    return write_pdf(minutes_paper(minutes), dest, archive=archive)


def write_minutes_pdf_headless(minutes: Printed, dest: str | os.PathLike, *, archive: bool = False) -> Path:
    """For the command line, where there is no QGuiApplication yet."""
    app = gui_app()  # noqa: F841 — held while the PDF is painted
    return write_minutes_pdf(minutes, dest, archive=archive)
