"""`claimledger extract`: one article (file or stdin) or a JSONL batch to extractions on stdout."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from claimledger.errors import InputError

FORMATS = ("json", "jsonl", "table")


def extract(
    path: Annotated[str | None, typer.Argument(help="article file (.txt or .html), or - for stdin")] = None,
    published: Annotated[str | None, typer.Option(help="publication date, ISO 8601 (anchors relative dates)")] = None,
    input: Annotated[Path | None, typer.Option("--input", help="JSONL batch: one {id,text,published,url,title,outlet} a line")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | table")] = "json",
    skip_errors: Annotated[bool, typer.Option(help="in a batch, report bad lines and go on")] = False,
    max_bytes: Annotated[int | None, typer.Option(help="size limit per input (default 5 MB)")] = None,
    url: Annotated[str | None, typer.Option(help="the article's URL")] = None,
    title: Annotated[str | None, typer.Option(help="the article's headline")] = None,
    outlet: Annotated[str | None, typer.Option(help="the publisher")] = None,
    explain: Annotated[bool, typer.Option(help="also show, per claim, the candidate sources and why the chosen one won")] = False,
) -> None:
    """Extract every attributed claim, figure and time expression of articles."""
    from claimledger.documents import parse_published
    from claimledger.extract import Extractor
    from claimledger.ingest.files import checked_text, read_document
    from claimledger.output import write_extraction

    if format not in FORMATS:
        raise InputError(f"unknown --format {format!r}; choose one of {', '.join(FORMATS)}")
    if (path is None) == (input is None):
        raise InputError("give exactly one of PATH (or -) and --input FILE.jsonl")
    if published is not None:
        parse_published(published)
    if explain and input is not None:
        raise InputError("--explain takes one document (PATH or -), not an --input batch")

    if input is not None:
        _extract_batch(input, format, skip_errors, max_bytes, published)
        return

    item = read_document(path, max_bytes, published)  # type: ignore[arg-type]
    item = replace(item, url=url or item.url, title=title or item.title, outlet=outlet or item.outlet)
    item = checked_text(item, "--url/--title/--outlet")  # an argument that is not UTF-8 arrives as surrogates
    if explain:
        _extract_explained(item, format)
        return
    write_extraction(next(Extractor().extract_many([item])), format)


def _extract_explained(item, format: str) -> None:
    """One document with the source stage's choices kept (see `output.write_explained`)."""
    from claimledger.extract import Extractor, assemble
    from claimledger.nlp.sources.resolver import EXPLAIN_KEY
    from claimledger.output import write_explained

    ex = Extractor()
    ex.nlp.get_pipe("claimledger_sources").explain = True
    doc = ex.nlp(ex._make_doc(item))
    write_explained(assemble(doc, item), doc.user_data.get(EXPLAIN_KEY, []), format)


def _extract_batch(
    path: Path, format: str, skip_errors: bool, max_bytes: int | None, published: str | None
) -> None:
    from claimledger.errors import JsonlError, failure_line
    from claimledger.extract import Extractor
    from claimledger.ingest.files import read_batch
    from claimledger.output import write_extraction

    failed = 0

    def skip(error: Exception) -> None:
        """A bad line or document: stop on it, or (with --skip-errors) report it and go on."""
        nonlocal failed
        if not skip_errors:
            raise error
        failed += 1
        print(f"error: {failure_line(error)}", file=sys.stderr)

    def items():
        for item in read_batch(path, max_bytes, published):
            if isinstance(item, JsonlError):
                skip(item)
            else:
                yield item

    for result in Extractor().extract_each(items()):
        if isinstance(result, Exception):
            skip(result)
        else:
            write_extraction(result, format)
            sys.stdout.flush()
    if failed:
        print(f"error: {failed} line(s) skipped", file=sys.stderr)
        raise typer.Exit(1)
