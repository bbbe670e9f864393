"""The `claimledger` command: a thin typer layer over the library.

Commands parse arguments and call library functions; no extraction logic lives here. Every
`ClaimledgerError` becomes one line on stderr and its exit code; nothing prints a traceback
unless CLAIMLEDGER_DEBUG is set.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from claimledger import settings
from claimledger.errors import ClaimledgerError, InputError

app = typer.Typer(
    name="claimledger",
    help="Turn news reports into a source-attributed ledger of claims and figures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

FORMATS = ("json", "jsonl", "table")


@app.callback()
def _root() -> None:
    """Turn news reports into a source-attributed ledger of claims and figures."""


def _read_input(path: str, max_bytes: int | None, published: str | None):
    """A file or stdin ('-') as a `DocumentInput`; HTML is recognised and cleaned."""
    from claimledger.documents import DocumentInput, parse_published
    from claimledger.ingest.html import from_html, looks_like_html
    from claimledger.ingest.text import decode_bytes, normalise_newlines, read_text

    if path == "-":
        text = decode_bytes(sys.stdin.buffer.read(), "stdin", max_bytes)
        name = "stdin"
    else:
        text = read_text(path, max_bytes)
        name = path
    if Path(path).suffix.lower() in (".html", ".htm") or looks_like_html(text):
        doc = from_html(text, name=name)
        return DocumentInput(
            text=doc.text,
            published=parse_published(published) if published else parse_published(doc.published),
            url=doc.url,
            title=doc.title,
            outlet=doc.outlet,
        )
    return DocumentInput(text=normalise_newlines(text), published=parse_published(published))


@app.command()
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
) -> None:
    """Extract every attributed claim, figure and time expression of articles."""
    from claimledger.documents import DocumentInput, parse_published
    from claimledger.extract import Extractor
    from claimledger.output import print_table

    if format not in FORMATS:
        raise InputError(f"unknown --format {format!r}; choose one of {', '.join(FORMATS)}")
    if (path is None) == (input is None):
        raise InputError("give exactly one of PATH (or -) and --input FILE.jsonl")
    if published is not None:
        parse_published(published)

    if input is not None:
        _extract_batch(input, format, skip_errors, max_bytes, published)
        return

    item = _read_input(path, max_bytes, published)  # type: ignore[arg-type]
    item = DocumentInput(
        text=item.text,
        published=item.published,
        url=url or item.url,
        title=title or item.title,
        outlet=outlet or item.outlet,
    )
    result = next(Extractor().extract_many([item]))
    if format == "table":
        print_table(result)
    elif format == "jsonl":
        sys.stdout.write(result.to_json(indent=None) + "\n")
    else:
        sys.stdout.write(result.to_json() + "\n")


def _extract_batch(
    path: Path, format: str, skip_errors: bool, max_bytes: int | None, published: str | None
) -> None:
    from claimledger.documents import DocumentInput
    from claimledger.errors import JsonlError
    from claimledger.extract import Extractor
    from claimledger.ingest.jsonl import iter_jsonl
    from claimledger.ingest.text import max_bytes as default_max
    from claimledger.output import print_table

    limit = max_bytes or default_max()
    if str(path) != "-" and not path.exists():
        raise InputError(f"{path}: no such file")
    stream = sys.stdin if str(path) == "-" else path.open(encoding="utf-8", errors="strict")
    failed = 0

    def items():
        nonlocal failed
        try:
            for lineno, item in iter_jsonl(stream, str(path)):
                if isinstance(item, DocumentInput) and len(item.text.encode()) > limit:
                    item = JsonlError(f"{path}:{lineno}: text is over the size limit of {limit:,} bytes")
                if isinstance(item, JsonlError):
                    if not skip_errors:
                        raise item
                    failed += 1
                    print(f"error: {item}", file=sys.stderr)
                    continue
                if item.published is None and published:
                    item = DocumentInput(**{**item.__dict__, "published": published})
                yield item
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not valid UTF-8 at byte {exc.start}") from None

    extractor = Extractor()
    for result in extractor.extract_many(items()):
        if format == "table":
            print_table(result)
        else:
            sys.stdout.write(result.to_json(indent=None if format == "jsonl" else 2) + "\n")
        sys.stdout.flush()
    if failed:
        print(f"error: {failed} line(s) skipped", file=sys.stderr)
        raise typer.Exit(1)


@app.command()
def demo(
    db: Annotated[Path, typer.Option(help="the new ledger to build (refused if it holds documents)")] = Path("demo.db"),
    workers: Annotated[int, typer.Option(help="extraction processes")] = 1,
) -> None:
    """Build a small ledger from the packaged example reports, then say how to look at it."""
    from claimledger.demo import build_demo

    if workers < 1:
        raise InputError("--workers must be at least 1")
    for line in build_demo(db, workers=workers).lines():
        print(line)


def _register_subcommands() -> None:
    """Commands owned by other packages (eval, ledger, web) register themselves here."""
    from claimledger.eval import commands as eval_commands
    from claimledger.ledger import commands as ledger_commands
    from claimledger.ledger import series_commands
    from claimledger.web import commands as web_commands

    for module in (eval_commands, ledger_commands, series_commands, web_commands):
        module.register(app)


_register_subcommands()


def main() -> None:
    """Console entry point: one-line errors, never a traceback."""
    try:
        app()
    except ClaimledgerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # last resort: still one line
        if settings.debug():
            raise
        print(f"error: internal error: {type(exc).__name__}: {exc} (set CLAIMLEDGER_DEBUG=1 for details)", file=sys.stderr)
        sys.exit(70)


if __name__ == "__main__":
    main()
