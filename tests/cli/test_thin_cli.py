"""The CLI is one package: typer is imported nowhere else, and `python -m claimledger.cli` runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import claimledger

PACKAGE = Path(claimledger.__file__).parent


def test_typer_is_imported_only_under_cli():
    outside = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if "cli" not in path.relative_to(PACKAGE).parts[:1]
        and re.search(r"^\s*(import typer|from typer\b)", path.read_text(encoding="utf-8"), re.M)
    ]
    assert outside == []


def test_module_entry_point_runs_the_same_app():
    proc = subprocess.run([sys.executable, "-m", "claimledger.cli", "--help"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    assert all(name in proc.stdout for name in ("extract", "ingest", "claims", "series", "serve"))
