"""HTML pages: main text, title, date and outlet via trafilatura.

The analysed text is the headline on its own line, a blank line, then the article body with
paragraphs separated by blank lines (the layout of the gold corpus), so offsets in the
output point into exactly that text.
"""

from __future__ import annotations

import codecs
import re

from claimledger.documents import DocumentInput, parse_published
from claimledger.errors import ClaimledgerError, InputError

_HTML_SNIFF = re.compile(r"<\s*(!doctype\s+html|html|head|body|article|p|div)\b", re.I)

#: `<meta charset="…">` or `<meta http-equiv="Content-Type" content="text/html; charset=…">`
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)

#: how far into a page its `<meta>` declaration is looked for (browsers look at 1024 bytes)
_META_SCAN = 4096

#: labels that browsers decode as windows-1252 (WHATWG Encoding Standard): pages labelled
#: ISO-8859-1 use its curly quotes at 0x91-0x94, which Latin-1 would make control characters
_WINDOWS_1252 = frozenset({"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1",
                           "us-ascii", "ascii", "cp819", "ibm819", "windows-1252", "cp1252", "x-cp1252"})

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _codec(label: str | None) -> str | None:
    """Python's codec for a charset label, or None for none or an unknown one."""
    label = (label or "").strip().strip("\"'").lower()
    if not label:
        return None
    if label in _WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def header_charset(content_type: str) -> str | None:
    """The codec an HTTP Content-Type header declares (`text/html; charset=…`), if any."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset":
            return _codec(value)
    return None


def decode_html(body: bytes, content_type: str = "") -> str:
    """A page's bytes as text, decoded the way a browser would.

    A byte-order mark wins, then the HTTP header's charset, then valid UTF-8 (a wrong
    `<meta>` label on a UTF-8 page is common, UTF-8 by accident all but impossible), then the
    page's `<meta>` declaration, and only then a guess (trafilatura's decoder, built on
    charset-normalizer). Decoding by hand as UTF-8 turned a windows-1252 page's ” and ’ into
    U+FFFD, which blinds the quote finder.
    """
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace")
    if codec := header_charset(content_type):
        return body.decode(codec, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(body[:_META_SCAN])
    if codec := _codec(declared.group(1).decode("ascii", "replace") if declared else None):
        return body.decode(codec, errors="replace")
    from trafilatura.utils import decode_file

    return decode_file(body)


def looks_like_html(text: str) -> bool:
    """True when the start of a text is markup rather than prose."""
    return bool(_HTML_SNIFF.search(text[:2048]))


def _page_date(value: str | None) -> str | None:
    """The page's date in ISO form, or None when it is not ISO 8601.

    A page's date is its metadata, not the user's input: one that cannot be read leaves the
    document undated rather than refusing it.
    """
    try:
        return parse_published(value)
    except ClaimledgerError:
        return None


def from_html(html: str, url: str | None = None, name: str = "page") -> DocumentInput:
    """Extract the article from a page; a page with no article text is an `InputError`.

    `published` is the page's own date (ISO form), or None when it has none we can read.
    """
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises a variety of parser errors on broken pages
        raise InputError(f"{name}: cannot parse HTML ({type(exc).__name__})") from None
    if result is None:
        raise InputError(f"{name}: no article text found in the HTML")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    body = (data.get("text") or "").strip()
    if not body:
        raise InputError(f"{name}: no article text found in the HTML")
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    title = (data.get("title") or "").strip() or None
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    text = "\n\n".join(([title] if title else []) + paragraphs)
    published = _page_date(data.get("date") or None)
    outlet = (data.get("sitename") or "").strip() or None
    return DocumentInput(
        text=text,
        published=published,
        url=url or data.get("url"),
        title=title,
        outlet=outlet,
    )
