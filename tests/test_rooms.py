"""Rooms a newcomer can find: a module of meguro_jukyo over ~500 lines says at its top why it is
one file (the migrations, generated and frozen, aside)."""

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "meguro_jukyo"
LIMIT = 500


def test_every_module_over_500_lines_says_why_it_is_one_file():
    unexplained = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if text.count("\n") <= LIMIT:
            continue
        docstring = ast.get_docstring(ast.parse(text)) or ""
        if not re.search(r"\bone\s+file\b", docstring, re.IGNORECASE):
            unexplained.append(f"{path.relative_to(PACKAGE.parent)} ({text.count(chr(10))} lines)")
    assert unexplained == [], "say at the top why each is one file, or split it: " + ", ".join(unexplained)
