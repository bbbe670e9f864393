"""`claimledger demo`: a small ledger from the packaged example reports, and how to look at it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimledger.errors import InputError


def demo_command(
    db: Annotated[Path, typer.Option(help="the new ledger to build (refused if it holds documents)")] = Path("demo.db"),
    workers: Annotated[int, typer.Option(help="extraction processes")] = 1,
) -> None:
    """Build a small ledger from the packaged example reports, then say how to look at it."""
    from claimledger.demo import build_demo

    if workers < 1:
        raise InputError("--workers must be at least 1")
    for line in build_demo(db, workers=workers).lines():
        typer.echo(line)
