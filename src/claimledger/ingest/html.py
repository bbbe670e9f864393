"""HTML pages: main text, title, date and outlet via trafilatura.

The analysed text is the headline on its own line, a blank line, then the article body with
paragraphs separated by blank lines (the layout of the gold corpus), so offsets in the
output point into exactly that text.
"""

from __future__ import annotations

import re

from claimledger.documents import DocumentInput, parse_published
from claimledger.errors import ClaimledgerError, InputError

_HTML_SNIFF = re.compile(r"<\s*(!doctype\s+html|html|head|body|article|p|div)\b", re.I)


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
