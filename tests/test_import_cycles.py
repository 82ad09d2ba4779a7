"""No import cycle among meguro_jukyo's modules.

The graph is read from the source (ast), not from what a run happens to import: every
``import`` and ``from … import`` anywhere in a module — at the top, and inside functions and
methods too, so a cycle hidden behind a function-local import counts as a cycle. An edge goes
from a module to the module it names (``from .x import y`` → ``x``, and → ``x.y`` when ``y`` is
a module of package ``x``). The implicit import of a parent package's ``__init__`` is not an
edge (every module would otherwise "import" its own package), and ``if TYPE_CHECKING:`` imports
count like any other.
"""

import ast
from pathlib import Path

import meguro_jukyo

PACKAGE = Path(meguro_jukyo.__file__).parent


def module_name(path: Path) -> str:
    parts = ("meguro_jukyo", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The meguro_jukyo modules ``name`` (at ``path``) imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = ".".join(base[:len(base) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module
            found.add(target)
            found |= {f"{target}.{alias.name}" for alias in node.names}
    return {t for t in found if t in known and t != name}


def import_graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_the_cycle_finder_sees_a_cycle_through_a_function_local_import(tmp_path):
    a = tmp_path / "a.py"
    a.write_text("from . import b\n")
    b = tmp_path / "b.py"
    b.write_text("def f():\n    from .a import x\n")
    known = {"meguro_jukyo.qt.a", "meguro_jukyo.qt.b"}
    graph = {"meguro_jukyo.qt.a": imports("meguro_jukyo.qt.a", a, known),
             "meguro_jukyo.qt.b": imports("meguro_jukyo.qt.b", b, known)}
    assert cycles(graph) == [sorted(known)]


def test_no_module_of_meguro_jukyo_is_part_of_an_import_cycle():
    graph = import_graph()
    assert len(graph) > 100  # the whole package was read
    assert cycles(graph) == []
