"""Docs are tested: every CLI command is named in the README, the quick start is two commands,
and the glossary defines the words that mean more than one thing."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from claimledger.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_every_cli_command_is_documented_in_the_readme():
    missing = [name for name in _commands() if not re.search(rf"(claimledger {name}\b|`{name}`)", README)]
    assert not missing, f"commands missing from README.md: {missing}"


def test_quick_start_is_exactly_two_commands():
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip()]
    assert len(commands) == 2
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    test_command = commands[1].split("#")[0].strip()
    assert test_command in ci, ".ci/run must call the README's test command"


GLOSSARY_TERMS = ("source", "claimant", "side", "claim", "figure", "series", "copy", "input", "model")


def test_glossary_defines_every_overloaded_word():
    glossary = README.split("## Glossary", 1)[1].split("\n## ", 1)[0]
    defined = re.findall(r"^- \*\*(\w+)\*\*", glossary, flags=re.M)
    assert sorted(defined) == sorted(GLOSSARY_TERMS)
    model = next(line for line in glossary.split("\n- ") if line.startswith("**model**"))
    assert all(where in model for where in ("model.py", "CLAIMLEDGER_MODEL", "data/weights/"))
