"""`claimledger eval`: score the extractor on the shared corpora beside peer tools."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def eval_command(
    suites: Annotated[list[str] | None, typer.Argument(help="gold, attribution, figures, timex, events, or all")] = None,
    limit: Annotated[int | None, typer.Option(help="first N records of each corpus")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="print JSON instead of the table")] = False,
    out: Annotated[Path, typer.Option(help="where the JSON report is written")] = Path("eval-report.json"),
    peers: Annotated[bool, typer.Option(help="run the peer tools too")] = True,
    gate: Annotated[bool, typer.Option(help="also run the fast slices of the quality gate and fail if a metric falls below its committed floor")] = False,
) -> None:
    """Score claimledger on annotated corpora, side by side with peer tools."""
    import json

    from claimledger.eval.runner import (
        print_results,
        resolve_suites,
        run_gate,
        run_suite,
        write_json,
    )
    from claimledger.extract import Extractor

    names = resolve_suites(suites or ["all"])
    extractor = Extractor()
    results = [run_suite(n, extractor, limit=limit, peers=peers) for n in names]
    write_json(results, out)
    if json_out:
        typer.echo(json.dumps([r.to_dict() for r in results], indent=2, ensure_ascii=False))
    else:
        print_results(results)
    failures = run_gate(names, extractor) if gate else []
    for f in failures:
        typer.echo(f"below floor: {f}", err=True)
    if failures:
        raise typer.Exit(1)
