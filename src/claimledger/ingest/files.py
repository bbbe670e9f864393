"""One reader for files: an article (plain text or HTML), a JSON file of articles, a JSONL batch.

`claimledger extract PATH` / `extract --input` and `claimledger ingest` read files through here,
so a file means the same to both: the decoding policy and size limit of `text.py`, HTML
cleaned by `html.py`, and one date rule: an explicit `published` wins; otherwise the page's
own date applies (HTML), or the record's (JSON, JSONL).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path

from claimledger.documents import DocumentInput, lone_surrogate, parse_published
from claimledger.errors import ClaimledgerError, InputError, JsonlError
from claimledger.ingest.html import from_html, looks_like_html
from claimledger.ingest.jsonl import FIELDS, document_from_record, iter_jsonl, line_limit, load_json
from claimledger.ingest.text import (
    STDIN,
    display_name,
    max_bytes,
    normalise_newlines,
    open_input,
    read_text,
)

HTML_SUFFIXES = (".html", ".htm")


def is_html(text: str, suffix: str = "") -> bool:
    """An HTML page: by its file suffix, or by its first markup."""
    return suffix in HTML_SUFFIXES or looks_like_html(text)


def article(text: str, name: str, suffix: str = "", published: str | None = None) -> DocumentInput:
    """The one article in a file's text: HTML is cleaned, anything else is plain text.

    An explicit `published` wins over the page's own date; plain text has no date but that.
    """
    if is_html(text, suffix):
        doc = from_html(text, name=name)
        return replace(doc, published=parse_published(published) if published else doc.published)
    return DocumentInput(text=normalise_newlines(text), published=parse_published(published))


def unicode_problem(doc: DocumentInput) -> str | None:
    """Why a field of `doc` is not Unicode text (a lone surrogate), or None.

    Decoded bytes never hold one; a JSON escape, a feed's metadata or a command-line argument
    that is not UTF-8 can, and nothing downstream can store or print it.
    """
    return lone_surrogate({key: value for key, value in asdict(doc).items() if isinstance(value, str)})


def checked_text(doc: DocumentInput, name: str) -> DocumentInput:
    """`doc` itself, or an `InputError` naming `name` when a field is not Unicode text."""
    if problem := unicode_problem(doc):
        raise InputError(f"{name}: {problem}")
    return doc


def read_document(path: str | Path, limit: int | None = None, published: str | None = None) -> DocumentInput:
    """A file, or stdin ('-'), holding one article (.txt, .html or sniffed HTML)."""
    name = display_name(path)
    suffix = "" if str(path) == STDIN else Path(path).suffix.lower()
    return checked_text(article(read_text(path, limit), name, suffix, published), name)


def json_documents(text: str, name: str) -> Iterator[tuple[str, DocumentInput | ClaimledgerError]]:
    """A JSON file's documents: one object, a list, `{"articles": [...]}` or an extraction.

    Yields `(label, document or error)`; the label names the record when there are several.
    """
    try:
        data = load_json(text, name, InputError)
    except InputError as exc:
        yield name, exc
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        records = data["articles"]
    elif isinstance(data, dict) and isinstance(data.get("document"), dict):
        records = [data["document"]]
    elif isinstance(data, list):
        records = data
    else:
        records = [data]
    for i, record in enumerate(records, 1):
        label = f"{name}#{i}" if len(records) > 1 else name
        try:
            got: DocumentInput | ClaimledgerError = document_from_record(record, label)
        except ClaimledgerError as exc:
            got = exc
        yield label, got


def jsonl_documents(
    path: str | Path, limit: int | None = None
) -> Iterator[tuple[str, DocumentInput | JsonlError]]:
    """A JSONL file, or stdin ('-'), line by line: `(path:line, document or error)`.

    A bad line (not UTF-8, not JSON, too long for `limit`) is yielded as its error, so the
    caller chooses between stopping and skipping; a file that cannot be opened raises
    `InputError`, since no line of it is usable.
    """
    max_line = line_limit(max_bytes() if limit is None else limit)
    with open_input(path) as stream:
        for lineno, got in iter_jsonl(stream, str(path), max_line):
            yield f"{path}:{lineno}", got


def parquet_documents(path: str | Path) -> Iterator[tuple[str, DocumentInput | ClaimledgerError]]:
    """A Parquet file of records (columns "text" and optionally "id", "published", "url",
    "title", "outlet"), row by row: `(path:row, document or error)`, as for JSONL.

    Why: backfills come as Parquet from data warehouses and crawls (Common Crawl news
    extracts, GDELT joins); read in record batches so a large file never sits in memory.
    """
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"{path}: reading Parquet needs pyarrow: pip install 'claimledger[parquet]'") from None
    try:
        file = pq.ParquetFile(path)
    except Exception as exc:
        raise InputError(f"{path}: not a readable Parquet file ({type(exc).__name__})") from None
    names = set(file.schema_arrow.names)
    if "text" not in names:
        raise InputError(f"{path}: Parquet file has no \"text\" column")
    columns = [c for c in ("text", *FIELDS) if c in names]
    row = 0
    try:
        for batch in file.iter_batches(batch_size=256, columns=columns):
            for record in batch.to_pylist():
                row += 1
                label = f"{path}:{row}"
                try:
                    got: DocumentInput | ClaimledgerError = document_from_record(
                        {k: _plain(v) for k, v in record.items()}, label)
                except ClaimledgerError as exc:
                    got = exc
                yield label, got
    except ClaimledgerError:
        raise
    except Exception as exc:
        raise InputError(f"{path}:{row + 1}: Parquet file could not be read further ({type(exc).__name__})") from None


def _plain(value: object) -> object:
    """A Parquet date/timestamp cell as its ISO day (what "published" expects); the rest as is."""
    iso = getattr(value, "isoformat", None)
    return iso()[:10] if iso is not None and not isinstance(value, str) else value


def read_batch(
    path: str | Path, limit: int | None = None, published: str | None = None
) -> Iterator[DocumentInput | JsonlError]:
    """`extract --input`: each line's document, or the error naming the line.

    A text over the size limit is an error of its line; a document without a date of its own
    gets `published`.
    """
    limit = limit or max_bytes()
    for label, got in jsonl_documents(path, limit):
        if isinstance(got, DocumentInput) and len(got.text.encode()) > limit:
            got = JsonlError(f"{label}: text is over the size limit of {limit:,} bytes")
        if isinstance(got, DocumentInput) and got.published is None and published:
            got = replace(got, published=published)
        yield got
