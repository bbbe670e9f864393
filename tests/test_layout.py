"""The package's import graph: no circles anywhere, and no nlp stage package importing another.

The graph is read from the source with `ast` (every import counts, also those inside a
function or under TYPE_CHECKING: a circle hidden from the interpreter is still one concern
cut in two), so the rules hold for every module added later without naming any file.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import claimledger

PACKAGE = Path(claimledger.__file__).parent
NLP = "claimledger.nlp"

def modules(root: Path = PACKAGE) -> dict[str, tuple[Path, bool]]:
    """Dotted name -> (file, is a package) for every module of the package."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def import_graph(mods: dict[str, tuple[Path, bool]]) -> dict[str, set[str]]:
    """Module -> the package modules it imports (`from pkg import sub` counts as `pkg.sub`)."""
    graph: dict[str, set[str]] = {}
    for name, (path, is_package) in mods.items():
        here = name if is_package else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names if a.name in mods}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join(parts + ([node.module] if node.module else []))
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    if full in mods:
                        targets.add(full)
                    elif base in mods:
                        targets.add(base)
        graph[name] = targets - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.add(frozenset(component))
    return found


def stage_of(module: str, stages: set[str]) -> str | None:
    """The nlp stage package a module belongs to, if any."""
    return next((s for s in stages if module == s or module.startswith(s + ".")), None)


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(modules())


@pytest.mark.parametrize(
    "graph_, expected",
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, {frozenset({"a", "b", "c"})}),
        ({"a": {"b"}, "b": set(), "c": {"a", "b"}}, set()),
    ],
)
def test_layout_cycles_finds_exactly_the_circles(graph_, expected):
    assert cycles(graph_) == expected


def test_layout_the_package_has_no_import_circles(graph):
    found = sorted(sorted(c) for c in cycles(graph))
    assert not found, f"import circles: {found}"


def test_layout_no_nlp_stage_package_imports_another(graph):
    stages = {name for name, (_p, is_package) in modules().items()
              if is_package and name.rpartition(".")[0] == NLP}
    assert {
        "claimledger.nlp.attribution", "claimledger.nlp.sources", "claimledger.nlp.timex",
        "claimledger.nlp.figures", "claimledger.nlp.events",
    } <= stages
    crossings = sorted(
        (name, target)
        for name, targets in graph.items()
        if (own := stage_of(name, stages)) is not None
        for target in targets
        if stage_of(target, stages) not in (None, own)
    )
    assert crossings == []
