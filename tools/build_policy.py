#!/usr/bin/env python3
"""Build the policy framework JSON from the ward plan text (stdlib only).

Input : the text extracted from the PDF of 目黒区基本計画 第２部「区政運営方針」
        (default: <repo>/../shared/seeds/000_e7c1e07bc2d6349d.txt)
Output: meguro_jukyo/resources/policy/meguro-basic-plan-2022.json

    python tools/build_policy.py [SEED] [--out PATH]

Text is kept verbatim: PDF line breaks are joined, the whitespace that the
extraction added at line ends/starts (trailing spaces, page-break leading
spaces, lost-indent spaces) is dropped, nothing else is changed (no NFKC).

Layout of the extracted text
----------------------------
* Every printed line is followed by an empty line, except at a page break,
  where the next page's first line follows directly and starts with a space.
* Lines that contain only a space are vertical gaps between blocks.
* Headings: ``方針Ｎ 題``, ``区政運営の考え方Ｎ－Ｍ 題``, ``施策立案の視点Ｋ 題``.
  They occur twice: in the 【方針の体系】 list and in the body.  The list is
  parsed too and must equal the body headings.
* ``○`` starts an item of the current 視点.

Paragraph rule
--------------
Paragraphs are not separated by blank lines, so they are found from content.
A line ends a paragraph when its text ends with ``。`` and either

* it is noticeably shorter than a full line (at least 3 characters shorter
  than the document's full width, which is the most common line length), or
* the extraction ended it with a space: in this document every line that
  ends a paragraph carries a trailing space, while lines that continue a
  paragraph don't (except the 考え方１－２ introduction, whose lines all have
  one; none of them ends with 。 mid-paragraph).

A heading, an ``○``, a gap line and the 【方針の体系】 marker also end the
current paragraph.  The builder checks its result: a paragraph that does not
end with ``。`` or a line that is indented (starts with a space, not at a page
break) but would continue a paragraph are reported as errors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_NAME = "000_e7c1e07bc2d6349d.txt"
DEFAULT_SEED = REPO.parent / "shared" / "seeds" / SEED_NAME
DEFAULT_OUT = REPO / "meguro_jukyo" / "resources" / "policy" / "meguro-basic-plan-2022.json"

PLAN_ID = "meguro-basic-plan-2022"
TITLE = "目黒区基本計画 第２部 区政運営方針"
DOCUMENT = "目黒区基本計画 第２部「区政運営方針」"
PART_HEADING = "第２部 区政運営方針"
TOC_MARKER = "【方針の体系】"

_FW_DIGITS = "０１２３４５６７８９"
_DIGIT = "[０-９]+"
RE_POLICY = re.compile(rf"^(方針({_DIGIT}))[ \u3000]+(\S.*)$")
RE_APPROACH = re.compile(rf"^(区政運営の考え方({_DIGIT})－({_DIGIT}))[ \u3000]+(\S.*)$")
RE_VIEWPOINT = re.compile(rf"^(施策立案の視点({_DIGIT}))[ \u3000]+(\S.*)$")
ITEM_MARK = "○"


class BuildError(Exception):
    pass


def _num(fw: str) -> int:
    return int(fw.translate(str.maketrans(_FW_DIGITS, "0123456789")))


class _Line:
    __slots__ = ("no", "raw", "text", "page_start")

    def __init__(self, no: int, raw: str, page_start: bool) -> None:
        self.no = no
        self.raw = raw
        self.text = raw.strip()  # str.strip(): ASCII and full-width spaces
        self.page_start = page_start

    @property
    def indented(self) -> bool:
        return self.raw[:1].isspace()

    @property
    def marked_end(self) -> bool:
        return self.raw[-1:].isspace()


def _lines(seed_text: str) -> list[_Line]:
    """Printed lines (not the empty separators), with page-break flags."""
    out: list[_Line] = []
    prev_empty = True
    for no, raw in enumerate(seed_text.split("\n"), 1):
        if raw == "":
            prev_empty = True
            continue
        # a line not preceded by the empty separator starts a new page
        out.append(_Line(no, raw, page_start=not prev_empty))
        prev_empty = False
    return out


def _heading(text: str):
    m = RE_POLICY.match(text)
    if m:
        return ("policy", m.group(1), m.group(3), (_num(m.group(2)),))
    m = RE_APPROACH.match(text)
    if m:
        return ("approach", m.group(1), m.group(4), (_num(m.group(2)), _num(m.group(3))))
    m = RE_VIEWPOINT.match(text)
    if m:
        return ("viewpoint", m.group(1), m.group(3), (_num(m.group(2)),))
    return None


class _Paragraphs:
    """Accumulates lines of one block into paragraphs."""

    def __init__(self, full_width: int, errors: list[str]) -> None:
        self.full_width = full_width
        self.errors = errors
        self.done: list[str] = []
        self.cur: list[str] = []
        self.cur_start = 0

    def add(self, line: _Line, text: str | None = None) -> None:
        text = line.text if text is None else text
        if self.cur and line.indented and not line.page_start:
            self.errors.append(
                f"line {line.no}: indented line inside a paragraph: {text[:20]}…"
            )
        if not self.cur:
            self.cur_start = line.no
        self.cur.append(text)
        if text.endswith("。") and (
            len(line.text) <= self.full_width - 3 or line.marked_end
        ):
            self.close()

    def close(self) -> None:
        if not self.cur:
            return
        para = "".join(self.cur)
        if not para.endswith("。"):
            self.errors.append(
                f"line {self.cur_start}: paragraph does not end with 。: …{para[-20:]}"
            )
        self.done.append(para)
        self.cur = []

    def take(self) -> list[str]:
        self.close()
        out, self.done = self.done, []
        return out


def build(seed_path: Path) -> dict:
    data = seed_path.read_bytes()
    text = data.decode("utf-8")
    lines = _lines(text)
    errors: list[str] = []

    lengths = Counter(len(ln.text) for ln in lines if ln.text)
    full_width = lengths.most_common(1)[0][0]

    i = 0
    # part heading
    while i < len(lines) and not lines[i].text:
        i += 1
    if i >= len(lines) or lines[i].text != PART_HEADING:
        raise BuildError(f"expected part heading {PART_HEADING!r} first")
    i += 1

    # introduction up to 【方針の体系】
    intro = _Paragraphs(full_width, errors)
    while i < len(lines) and lines[i].text != TOC_MARKER:
        if lines[i].text:
            intro.add(lines[i])
        else:
            intro.close()
        i += 1
    if i >= len(lines):
        raise BuildError(f"{TOC_MARKER} not found")
    intro_paras = intro.take()
    i += 1

    # 【方針の体系】: headings until a 方針 number repeats
    toc: list[tuple[str, str, str, tuple[int, ...]]] = []
    seen_policies: set[int] = set()
    while i < len(lines):
        t = lines[i].text
        if t:
            h = _heading(t)
            if h is None:
                raise BuildError(f"line {lines[i].no}: unexpected text in {TOC_MARKER}: {t}")
            if h[0] == "policy" and h[3][0] in seen_policies:
                break
            if h[0] == "policy":
                seen_policies.add(h[3][0])
            toc.append(h)
        i += 1

    # body
    nodes: list[dict] = []
    body_headings: list[tuple[str, str, str, tuple[int, ...]]] = []
    paras = _Paragraphs(full_width, errors)
    current: dict | None = None
    policy_id = approach_id = viewpoint_id = None
    item_count = 0

    def flush() -> None:
        got = paras.take()
        if current is not None:
            current["paragraphs"].extend(got)
        elif got:
            errors.append("text before the first heading of the body")

    def new_node(nid: str, level: str, parent: str | None, label: str, title: str) -> dict:
        node = {
            "id": nid,
            "level": level,
            "parent": parent,
            "label": label,
            "title": title,
            "paragraphs": [],
        }
        nodes.append(node)
        return node

    for ln in lines[i:]:
        t = ln.text
        if not t:
            paras.close()
            continue
        h = _heading(t)
        if h is not None:
            flush()
            level, label, title, nums = h
            body_headings.append(h)
            if level == "policy":
                policy_id = str(nums[0])
                approach_id = viewpoint_id = None
                current = new_node(policy_id, "policy", None, label, title)
            elif level == "approach":
                if policy_id is None or str(nums[0]) != policy_id:
                    raise BuildError(f"line {ln.no}: {label} outside 方針{policy_id}")
                approach_id = f"{nums[0]}-{nums[1]}"
                viewpoint_id = None
                current = new_node(approach_id, "approach", policy_id, label, title)
            else:
                if approach_id is None:
                    raise BuildError(f"line {ln.no}: {label} outside a 考え方")
                viewpoint_id = f"{approach_id}-{nums[0]}"
                item_count = 0
                current = new_node(viewpoint_id, "viewpoint", approach_id, label, title)
            continue
        if t.startswith(ITEM_MARK):
            flush()
            if viewpoint_id is None:
                raise BuildError(f"line {ln.no}: ○ outside a 視点")
            item_count += 1
            current = new_node(
                f"{viewpoint_id}.{item_count}", "item", viewpoint_id, ITEM_MARK, ""
            )
            paras.add(ln, t[len(ITEM_MARK):].lstrip())
            continue
        paras.add(ln)
    flush()

    if toc != body_headings:
        errors.append("【方針の体系】 headings differ from the body headings")
    for n in nodes:
        for p in n["paragraphs"]:
            if ITEM_MARK in p:
                errors.append(f"{n['id']}: stray ○ in text")
    ids = [n["id"] for n in nodes]
    if len(ids) != len(set(ids)):
        errors.append("duplicate node ids")
    if errors:
        raise BuildError("\n".join(errors))

    return {
        "plan_id": PLAN_ID,
        "title": TITLE,
        "source": {
            "document": DOCUMENT,
            "file": seed_path.name,
            "sha256": hashlib.sha256(data).hexdigest(),
        },
        "intro": intro_paras,
        "nodes": nodes,
    }


def render(framework: dict) -> str:
    return json.dumps(framework, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    try:
        framework = build(args.seed)
    except BuildError as exc:
        print(f"build_policy: {exc}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(render(framework).encode("utf-8"))
    counts = Counter(n["level"] for n in framework["nodes"])
    print(
        f"wrote {args.out}: "
        + ", ".join(f"{counts[k]} {k}" for k in ("policy", "approach", "viewpoint", "item"))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
