"""Reading the papers back: page by page text (pdftotext -f/-l), page numbers told apart."""

from __future__ import annotations

import re
import subprocess

#: The page number the papers print at each page foot (「2 / 3」), on a line of its own.
PAGE_NUMBER = re.compile(r"^\s*\d+ ?/ ?\d+\s*$", re.MULTILINE)


def page_count(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def page_texts(path, layout: bool = True) -> list[str]:
    """The text of each page, its page number taken out."""
    pages = []
    for n in range(1, page_count(path) + 1):
        args = ["pdftotext", "-f", str(n), "-l", str(n)] + (["-layout"] if layout else []) + [str(path), "-"]
        text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        pages.append(PAGE_NUMBER.sub("", text))
    return pages


def last_lines(path) -> list[str]:
    """The last line of text on each page ("" for a blank page)."""
    return [([line.strip() for line in text.splitlines() if line.strip()] or [""])[-1]
            for text in page_texts(path)]


def smallest_text(path) -> list[float]:
    """The smallest font size, in points, on each page (pdfminer: each character's size as
    the page's text matrix sets it)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    def chars(item):
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from chars(child)

    return [round(min((c.size for c in chars(page) if c.get_text().strip()), default=0), 2)
            for page in extract_pages(str(path))]
