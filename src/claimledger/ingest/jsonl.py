"""JSONL batches: one `{"id","text","published","url","title","outlet"}` object a line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from claimledger.documents import DocumentInput, parse_published
from claimledger.errors import ClaimledgerError, JsonlError


def parse_line(line: str, lineno: int, name: str = "input") -> DocumentInput:
    """Parse one JSONL line; every error names the line."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise JsonlError(f"{name}:{lineno}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise JsonlError(f"{name}:{lineno}: expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise JsonlError(f"{name}:{lineno}: missing \"text\" string")
    for key in ("id", "published", "url", "title", "outlet"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise JsonlError(f"{name}:{lineno}: \"{key}\" must be a string or null")
    try:
        published = parse_published(obj.get("published"))
    except ClaimledgerError as exc:
        raise JsonlError(f"{name}:{lineno}: {exc.args[0]}") from None
    return DocumentInput(
        text=text.replace("\r\n", "\n"),
        published=published,
        url=obj.get("url"),
        title=obj.get("title"),
        outlet=obj.get("outlet"),
        id=obj.get("id"),
    )


def iter_jsonl(
    stream: IO[str], name: str = "input"
) -> Iterator[tuple[int, DocumentInput | JsonlError]]:
    """Yield `(line number, document or error)`; blank lines are skipped.

    Errors are yielded, not raised, so the caller decides between stopping and skipping.
    """
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            yield lineno, parse_line(line, lineno, name)
        except JsonlError as exc:
            yield lineno, exc
