"""Every import inside a function says why it is not at the top of its module.

Issue 18's rule: function-local imports only where start-up time (or a real need) asks for
them, and the reason written where it happens. A run of consecutive imports is one place: a
comment on the line before its first import, or at the end of one of its lines, gives the
reason. A module whose every local import has the same reason may say it once instead, in its
docstring, in a paragraph that starts "Imports inside functions". The migrations are frozen
generated files and are left out.
"""

import ast
from pathlib import Path

import meguro_jukyo

PACKAGE = Path(meguro_jukyo.__file__).parent
MODULE_REASON = "Imports inside functions"


def unexplained(path: Path) -> list[int]:
    """Line numbers of local imports in ``path`` with no reason said."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    doc = ast.get_docstring(tree) or ""
    if MODULE_REASON in doc:
        return []
    lines = source.splitlines()
    local: list[ast.stmt] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            local += [n for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom))]
    found = []
    for node in sorted(set(local), key=lambda n: n.lineno):
        start = node.lineno
        # walk back over the run of imports (and blank-free continuation) this one belongs to
        while start > 1 and lines[start - 2].strip().startswith(("from ", "import ")):
            start -= 1
        run_end = node.end_lineno or node.lineno
        while run_end < len(lines) and lines[run_end].strip().startswith(("from ", "import ")):
            run_end += 1
        said = lines[start - 2].strip().startswith("#") if start > 1 else False
        said = said or any("#" in lines[i - 1] for i in range(start, run_end + 1))
        if not said:
            found.append(node.lineno)
    return found


def test_every_function_local_import_says_why():
    missing = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.relative_to(PACKAGE).parts:
            continue
        lines = unexplained(path)
        if lines:
            missing[str(path.relative_to(PACKAGE))] = lines
    assert not missing, (
        "function-local imports with no reason (a comment before the run of imports, or a "
        f"docstring paragraph starting {MODULE_REASON!r}): {missing}")


def test_the_check_sees_an_unexplained_import(tmp_path):
    bare = tmp_path / "bare.py"
    bare.write_text('"""A module."""\n\ndef f():\n    import json\n    return json\n', encoding="utf-8")
    said = tmp_path / "said.py"
    said.write_text('"""A module."""\n\ndef f():\n    # json only when asked: start-up\n    import json\n'
                    "    return json\n", encoding="utf-8")
    assert unexplained(bare) == [4]
    assert unexplained(said) == []
