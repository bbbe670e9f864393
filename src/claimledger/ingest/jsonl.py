"""JSONL batches: one `{"id","text","published","url","title","outlet"}` object a line.

Every line is judged on its own, and each way a line can be bad is an error naming it, so
`--skip-errors` and ingest go on to the next line: bytes that are not UTF-8, JSON nested
deeper than the parser's recursion limit, an integer literal over Python's 4,300-digit
limit, a lone surrogate in a string, a line over the line limit. A line is read at most
`line_limit` bytes at a time, so one endless line cannot fill memory.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import BinaryIO

from claimledger.documents import DocumentInput, lone_surrogate, parse_published
from claimledger.errors import ClaimledgerError, InputError, JsonlError
from claimledger.ingest.text import max_bytes

#: the optional string fields of a record, besides its "text"
FIELDS = ("id", "published", "url", "title", "outlet")


def line_limit(limit: int) -> int:
    """The longest line read for a text size limit.

    JSON escapes take up to six bytes for one byte of text (`\\u0001`); the other fields
    get 64 KiB more.
    """
    return 6 * limit + 64 * 1024


def load_json(text: str, label: str, error: type[InputError] = JsonlError) -> object:
    """`json.loads`, every failure one `error` naming `label` (no parser text echoed)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"column {exc.colno}" if exc.lineno == 1 else f"line {exc.lineno}"
        raise error(f"{label}: not valid JSON ({exc.msg} at {where})") from None
    except RecursionError:
        raise error(f"{label}: not valid JSON (nested too deeply)") from None
    except ValueError:  # an integer literal over sys.get_int_max_str_digits() digits
        raise error(f"{label}: not valid JSON (a number too long to read)") from None


def document_from_record(obj: object, label: str) -> DocumentInput:
    """One record (a JSONL line, an article of a JSON file) as a document; errors name `label`."""
    if not isinstance(obj, dict):
        raise JsonlError(f"{label}: expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise JsonlError(f"{label}: missing \"text\" string")
    for key in FIELDS:
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise JsonlError(f"{label}: \"{key}\" must be a string or null")
    if problem := lone_surrogate({"text": text} | {key: obj.get(key) for key in FIELDS}):
        raise JsonlError(f"{label}: {problem}")
    try:
        published = parse_published(obj.get("published"))
    except ClaimledgerError as exc:
        raise JsonlError(f"{label}: {exc.args[0]}") from None
    return DocumentInput(
        text=text.replace("\r\n", "\n"),
        published=published,
        url=obj.get("url"),
        title=obj.get("title"),
        outlet=obj.get("outlet"),
        id=obj.get("id"),
    )


def parse_line(line: str, lineno: int, name: str = "input") -> DocumentInput:
    """Parse one JSONL line; every error names the line."""
    label = f"{name}:{lineno}"
    return document_from_record(load_json(line, label), label)


def _raw_lines(stream: BinaryIO, max_line: int) -> Iterator[bytes | None]:
    """Each `\\n`-ended chunk of a byte stream, or None for one over `max_line` bytes.

    A line over the limit is skipped to its end without being kept.
    """
    while raw := stream.readline(max_line + 1):
        if len(raw) > max_line and not raw.endswith(b"\n"):
            while (rest := stream.readline(max_line)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield raw


def _decoded(raw: bytes | None, label: str, max_line: int) -> str:
    """A line's text, or the `JsonlError` of a line too long or not UTF-8."""
    if raw is None:
        raise JsonlError(f"{label}: line is over the size limit of {max_line:,} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonlError(
            f"{label}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
        ) from None


def iter_jsonl(
    stream: BinaryIO, name: str = "input", max_line: int | None = None
) -> Iterator[tuple[int, DocumentInput | JsonlError]]:
    """Yield `(line number, document or error)`; blank lines are skipped.

    Lines end at LF, CRLF or CR, numbered as a text-mode read numbers them; a UTF-8 BOM
    at the start is dropped. Errors are yielded, not raised, so the caller decides between
    stopping and skipping.
    """
    max_line = line_limit(max_bytes()) if max_line is None else max_line
    lineno = 0
    for raw in _raw_lines(stream, max_line):
        if lineno == 0 and raw is not None:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        for piece in [None] if raw is None else raw.splitlines() or [b""]:
            lineno += 1
            try:
                line = _decoded(piece, f"{name}:{lineno}", max_line)
                if line.strip():
                    yield lineno, parse_line(line, lineno, name)
            except JsonlError as exc:
                yield lineno, exc
