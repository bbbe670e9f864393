"""Human-readable rendering of an extraction: one rich table, source | kind | claim | figures | date."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table

from claimledger.model import Extraction


def _figure_text(fig) -> str:
    bits = [fig.span.text]
    if fig.unit:
        bits.append(fig.unit)
    extra = []
    if fig.event:
        extra.append(fig.event)
    if fig.qualifier != "exact":
        extra.append(fig.qualifier)
    return " ".join(bits) + (f" ({', '.join(extra)})" if extra else "")


def extraction_table(result: Extraction) -> Table:
    """The table `extract --format table` prints."""
    sources = {s.id: s for s in result.sources}
    figures = {f.id: f for f in result.figures}
    title = result.document.title or result.document.id
    table = Table(title=title, show_lines=True, expand=True)
    table.add_column("source", ratio=2, min_width=12)
    table.add_column("kind", no_wrap=True, min_width=12)
    table.add_column("claim", ratio=6, min_width=24)
    table.add_column("figures", ratio=3, min_width=14)
    table.add_column("date", no_wrap=True, min_width=10)
    for claim in result.claims:
        src = sources.get(claim.source_id) if claim.source_id else None
        who = "(outlet)" if src is None else src.name
        if src is not None and src.affiliation:
            who += f" [{src.affiliation}]"
        content = claim.content.text
        if len(content) > 240:
            content = content[:237] + "…"
        figs = "\n".join(_figure_text(figures[f]) for f in claim.figure_ids if f in figures)
        table.add_row(
            who,
            claim.kind,
            content,
            figs,
            claim.stated_on.date if claim.stated_on else "",
        )
    return table


def print_table(result: Extraction, console: Console | None = None) -> None:
    """Print the table to stdout (or the given console)."""
    if console is None:
        console = Console()
        if not console.is_terminal:  # piped: no terminal width to respect, keep columns readable
            console.width = max(console.width, 120)
    console.print(extraction_table(result))


def write_extraction(result: Extraction, format: str) -> None:
    """One extraction on stdout: `table`, `jsonl` (one line) or `json` (indented)."""
    if format == "table":
        print_table(result)
    else:
        sys.stdout.write(result.to_json(indent=None if format == "jsonl" else 2) + "\n")
