"""CLI commands of the ledger: `ingest`, `claims`, `export`, `reextract`.

Thin by design: each command parses its options and calls one library function in
`claimledger.ledger`; errors are `ClaimledgerError`s that the CLI prints as one line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from claimledger.errors import InputError

CLAIM_FORMATS = ("table", "json", "csv")

DbOption = Annotated[Path, typer.Option("--db", help="the ledger database (SQLite file)")]


def ingest_command(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT", help="files (.txt .html .json .jsonl .parquet), directories, files of URLs, RSS/Atom feeds (file or URL), or URLs")],
    db: DbOption = Path("ledger.db"),
    workers: Annotated[int, typer.Option(help="extraction processes (one writer always)")] = 1,
    cache_dir: Annotated[Path | None, typer.Option(help="fetched-page cache (default: .claimledger-cache next to the db)")] = None,
    max_age: Annotated[float, typer.Option(help="re-fetch cached pages older than this many hours")] = 24 * 7,
    timeout: Annotated[float, typer.Option(help="HTTP timeout in seconds")] = 20.0,
    retries: Annotated[int, typer.Option(help="extra attempts after a timeout, a 5xx or a 429 (Retry-After honoured)")] = 2,
    delay: Annotated[float, typer.Option(help="seconds between two requests to the same host")] = 1.0,
    commit_every: Annotated[int, typer.Option(help="commit after this many new documents")] = 50,
    copies: Annotated[bool, typer.Option("--copies/--no-copies", help="link republished copies to their original")] = True,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="progress bar (default: when stderr is a terminal)")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to load (default en_core_web_sm)")] = None,
    engine: Annotated[str, typer.Option(help="local (this machine's processes, --workers) or ray (Ray Data; pip install 'claimledger[ray]')")] = "local",
    address: Annotated[str | None, typer.Option(help="with --engine ray: auto (this machine's cluster) or ray://HOST:PORT; default: a local Ray on this machine's cores")] = None,
    parquet_out: Annotated[Path | None, typer.Option(help="with --engine ray: also write Parquet shards of documents, claims, figures and sources here")] = None,
) -> None:
    """Add articles to the ledger: extract and store every claim, figure and source.

    Idempotent and resumable: documents already stored (same text, same canonical URL) are
    skipped, a killed run loses nothing committed, and a re-run picks up where it stopped.
    Bad items are reported one line each and skipped; the exit code is 1 if any failed.
    """
    from claimledger.ingest.fetch import Fetcher
    from claimledger.ledger.ingest import ingest

    if workers < 1:
        raise InputError("--workers must be at least 1")
    make_engine = None
    if engine == "ray":
        from claimledger.ledger.ray_engine import RayEngine, require

        require()

        def make_engine() -> RayEngine:
            return RayEngine(address=address, model=model, parquet_out=parquet_out)
    elif engine != "local":
        raise InputError(f"--engine must be local or ray, not {engine!r}")
    elif address is not None or parquet_out is not None:
        raise InputError("--address and --parquet-out need --engine ray")
    cache = cache_dir or db.resolve().parent / ".claimledger-cache"
    show = sys.stderr.isatty() if progress is None else progress
    with Fetcher(cache_dir=cache, max_age=max_age * 3600, timeout=timeout, retries=retries, delay=delay) as fetcher:
        report = ingest(
            inputs, db, workers=workers, commit_every=commit_every, fetcher=fetcher,
            model=model, detect_copies=copies, progress=show, engine=make_engine,
            on_error=None if show else lambda line: print(f"error: {line}", file=sys.stderr),
        )
    print(report.summary())
    if report.failed:
        print(f"error: {report.failed} item(s) failed", file=sys.stderr)
        raise typer.Exit(1)


def claims_command(
    db: DbOption = Path("ledger.db"),
    source: Annotated[str | None, typer.Option(help="source name (substring) or source id")] = None,
    search: Annotated[str | None, typer.Option(help="words that must occur in the claim")] = None,
    kind: Annotated[str | None, typer.Option(help="direct_quote | indirect | according_to | headline | narrative")] = None,
    document: Annotated[str | None, typer.Option(help="only this document id")] = None,
    since: Annotated[str | None, typer.Option(help="stated on or after (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="stated on or before (YYYY-MM-DD)")] = None,
    copies: Annotated[bool, typer.Option("--copies/--no-copies", help="include claims of republished copies")] = True,
    limit: Annotated[int, typer.Option(help="at most this many claims")] = 200,
    format: Annotated[str, typer.Option("--format", "-f", help="table | json | csv")] = "table",
) -> None:
    """List the claims in the ledger, with who made them, where and when."""
    from claimledger.ledger.store import Store
    from claimledger.output import write_claims

    if format not in CLAIM_FORMATS:
        raise InputError(f"unknown --format {format!r}; choose one of {', '.join(CLAIM_FORMATS)}")
    with Store(db, readonly=True) as store:
        rows = store.claims(
            document_id=document, source=source, search=search, kind=kind, since=since,
            until=until, include_copies=copies, limit=limit,
        )
    write_claims(rows, format)


def export_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="file to write")],
    db: DbOption = Path("ledger.db"),
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv | parquet | acled")] = "jsonl",
    table: Annotated[str, typer.Option(help="for csv/parquet: figures | claims | sources | documents")] = "figures",
) -> None:
    """Export the ledger: extractions (jsonl), a flat table (csv, parquet), or ACLED-style rows."""
    from claimledger.ledger.export import export
    from claimledger.ledger.store import Store

    with Store(db, readonly=True) as store:
        n = export(store, format, out, table=table)
    print(f"wrote {n} row(s) to {out}")


def reextract_command(
    db: DbOption = Path("ledger.db"),
    workers: Annotated[int, typer.Option(help="extraction processes")] = 1,
    everything: Annotated[bool, typer.Option("--all", help="redo every document, not only those of another pipeline version")] = False,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to load")] = None,
) -> None:
    """Re-run the current pipeline over stored texts extracted by another pipeline version
    (the version hashes the lexicons, weights, actor registry, stage configs and spaCy model)."""
    from claimledger.ledger.ingest import reextract

    if workers < 1:
        raise InputError("--workers must be at least 1")
    report = reextract(
        db, everything=everything, workers=workers, model=model,
        on_error=lambda line: print(f"error: {line}", file=sys.stderr),
    )
    print(report.summary())
    if report.failed:
        raise typer.Exit(1)
