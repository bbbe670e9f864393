"""`make run` extracts an example report shipped in the package, with the date its index gives."""

from __future__ import annotations

import re
from pathlib import Path

from claimledger.demo import example_reports

ROOT = Path(__file__).resolve().parents[1]


def _make_variable(name: str) -> str:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{name}\s*:?=\s*(\S+)\s*$", makefile, re.MULTILINE)
    assert match, f"Makefile has no {name}"
    return match.group(1)


def test_make_run_extracts_the_main_example_with_its_published_date():
    import json

    example = ROOT / _make_variable("EXAMPLE")
    index = json.loads((example.parent / "index.json").read_text(encoding="utf-8"))
    (main,) = [r for r in example_reports() if r.id == index["main"]]
    assert example.resolve() == main.path.resolve()
    assert _make_variable("EXAMPLE_PUBLISHED") == main.published


def test_make_run_needs_nothing_outside_the_checkout():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "shared" not in run and ".." not in run
