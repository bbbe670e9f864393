"""What the CLI prints: an extraction, the ledger's claims, its series.

An extraction's table is source | kind | claim | figures | date; claims and series are also
written as JSON or CSV, so the commands only choose a format.
"""

from __future__ import annotations

import csv
import json
import sys

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from claimledger.documents import anchor_date
from claimledger.model import Extraction

CLAIM_COLUMNS = (
    "id", "document_id", "kind", "source_name", "source_kind", "content_text", "cue_text",
    "stated_on", "verification_status", "outlet", "published", "url", "copy_of",
)


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
    table = Table(title=escape(title), show_lines=True, expand=True)
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
            escape(who),
            claim.kind,
            escape(content),
            escape(figs),
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


def explain_rows(result: Extraction, explained: list[dict]) -> list[dict]:
    """The source choices of `extract --explain`, each tied to its claim's id.

    Why a separate list and not a field of each claim: the contract's claims stay exactly
    what the default output prints; a reviewer reads here which mentions were candidates,
    their features and scores, and why the chosen one won.
    """
    text = result.document.text
    by_content: dict[tuple[int, int], list] = {}
    for claim in result.claims:
        by_content.setdefault((claim.content.start, claim.content.end), []).append(claim)
    rows = []
    for item in explained:
        start, end = item["content"]
        claims = by_content.get((start, end), [])
        chosen = item["chosen"]
        match = next((c for c in claims if (c.source_mention is None and chosen is None) or (
            c.source_mention is not None and chosen is not None
            and [c.source_mention.start, c.source_mention.end] == chosen)), claims[0] if claims else None)
        rows.append({
            "claim_id": match.id if match is not None else None,
            "content": text[start:end],
            "rule": _span_text(text, item["rule"]),
            "chosen": _span_text(text, chosen),
            "why": item["why"],
            "candidates": item["candidates"],
        })
    return rows


def _span_text(text: str, span: list[int] | None) -> dict | None:
    return None if span is None else {"start": span[0], "end": span[1], "text": text[span[0] : span[1]]}


def write_explained(result: Extraction, explained: list[dict], format: str) -> None:
    """An extraction with its source choices (`extract --explain`): the JSON gains a top-level
    `explain` list (the schema allows added fields); the table is followed by one table of
    candidates per claim."""
    rows = explain_rows(result, explained)
    if format == "table":
        print_table(result)
        console = Console()
        if not console.is_terminal:
            console.width = max(console.width, 120)
        for row in rows:
            table = Table(title=escape(f"{row['claim_id']}: why this source — {row['why']}"),
                          show_lines=False, expand=True)
            table.add_column("candidate", ratio=3)
            table.add_column("origin", no_wrap=True)
            table.add_column("score", justify="right", no_wrap=True)
            table.add_column("strongest features", ratio=5)
            for cand in row["candidates"]:
                mark = "→ " if row["chosen"] and cand["span"] == [row["chosen"]["start"], row["chosen"]["end"]] \
                    or row["chosen"] is None and cand["span"] is None else ""
                top = sorted(cand["features"].items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:4]
                table.add_row(
                    escape(mark + (cand["text"] if cand["text"] is not None else "(no source)")),
                    cand["origin"],
                    f"{cand['score']:.2f}",
                    escape(", ".join(f"{k} {v:+.2f}" for k, v in top)),
                )
            console.print(table)
        return
    payload = result.model_dump(mode="json")
    payload["explain"] = rows
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=None if format == "jsonl" else 2,
                                allow_nan=False) + "\n")


def write_claims(rows: list[dict], format: str) -> None:
    """The ledger's claim rows on stdout: `json`, `csv` (the columns above) or `table`."""
    if format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(CLAIM_COLUMNS), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        _claims_table(rows)


def _claims_table(rows: list[dict]) -> None:
    table = Table(show_lines=True, expand=True)
    for name, ratio in (("date", 1), ("outlet", 2), ("source", 2), ("kind", 1), ("claim", 7), ("id", 2)):
        table.add_column(name, ratio=ratio, overflow="fold")
    for r in rows:
        content = r["content_text"]
        if len(content) > 300:
            content = content[:297] + "…"
        table.add_row(
            anchor_date(r["stated_on"] or r["published"]) or "",
            escape(r["outlet"] or ""),
            escape(r["source_name"] or "(outlet)"),
            r["kind"],
            escape(content),
            r["id"],
        )
    Console().print(table)
    print(f"{len(rows)} claim(s)")


def write_series(series: list, format: str) -> None:
    """Series on stdout: `json`, `csv` (one row a point) or `table` (one table a series)."""
    if format == "json":
        sys.stdout.write(json.dumps([s.to_dict() for s in series], ensure_ascii=False, indent=2) + "\n")
    elif format == "csv":
        _series_csv(series)
    else:
        _series_table(series)


def _series_csv(series: list) -> None:
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["series", "event", "unit", "location", "cumulative", "claimant", "affiliation",
                "as_of", "value", "low", "high", "qualifier", "independent_reports", "reports",
                "outlets", "flags"])
    for s in series:
        kinds = ";".join(sorted({f["kind"] for f in s.flags}))
        for p in s.points:
            outlets = ";".join(sorted({r["outlet"] or "" for r in p.reports} - {""}))
            w.writerow([s.id, s.event, s.unit, s.location or "", s.cumulative,
                        s.claimant["name"], s.claimant["affiliation"] or "", p.as_of or "",
                        p.value, p.low, p.high, p.qualifier, p.independent_reports,
                        len(p.reports), outlets, kinds])


def _series_table(series: list) -> None:
    console = Console()
    if not series:
        console.print("no series")
        return
    for s in series:
        title = (f"{s.id}  {s.event} · {s.unit} · {s.location or 'unplaced'} · "
                 f"{'cumulative' if s.cumulative else 'per period'} — {s.claimant['name']}"
                 + (f" ({s.claimant['affiliation']})" if s.claimant["affiliation"] else ""))
        table = Table(title=escape(title), expand=True)
        table.add_column("as of")
        table.add_column("figure", justify="right")
        table.add_column("reports", justify="right")
        table.add_column("outlets", ratio=2)
        for p in s.points:
            outlets = ", ".join(sorted({r["outlet"] or r["document_id"] for r in p.reports}))
            table.add_row(p.as_of or "?", escape(p.label()),
                          f"{p.independent_reports} ({len(p.reports)})", escape(outlets))
        console.print(table)
        for f in s.flags:
            console.print(f"  [bold]{f['kind']}[/bold]: {escape(f['detail'])}", highlight=False)
        dates = {p.as_of for p in s.points}
        for e in s.estimates:  # the quantity's estimates on this side's dates
            if e["value"] is not None and e["as_of"] in dates:
                console.print(f"  estimate {e['as_of']}: {e['value']:,} — {escape(e['note'])}",
                              highlight=False)
