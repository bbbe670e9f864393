"""RSS and Atom feeds (via feedparser): each entry becomes a link to fetch, with a fallback date.

Why keep the entry's date and title: many article pages carry no machine-readable date, and
a claim without a publication day cannot anchor "Thursday" or "last week". The page's own
metadata wins when present; the feed's fills the gaps.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

from claimledger.errors import InputError

_FEED_SNIFF = ("<rss", "<feed", "<rdf:rdf", "<?xml")


@dataclass(frozen=True)
class FeedEntry:
    """One linked article of a feed."""

    url: str
    title: str | None
    published: str | None
    outlet: str | None


def looks_like_feed(body: str | bytes, content_type: str = "") -> bool:
    """True when a response is an RSS/Atom document rather than an HTML page."""
    ctype = content_type.lower()
    if any(k in ctype for k in ("rss", "atom", "rdf")):
        return True
    head = body[:1024].decode("utf-8", "replace") if isinstance(body, bytes) else body[:1024]
    head = head.lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<?xml"):
        return any(tag in head for tag in ("<rss", "<feed", "<rdf:rdf")) or "html" not in head
    return head.startswith(_FEED_SNIFF)


def _iso(struct: time.struct_time | None) -> str | None:
    if not struct:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", struct)


def parse_feed(body: str | bytes, base_url: str | None = None, name: str = "feed") -> list[FeedEntry]:
    """The entries of an RSS/Atom document that have a link, in feed order.

    A document feedparser cannot read, or one with no entries, is an `InputError`.
    """
    import feedparser

    try:
        parsed = feedparser.parse(body)
    except Exception as exc:  # feedparser's loose parser raises on some hostile markup (`&#xd800;`)
        raise InputError(f"{name}: not a readable RSS/Atom feed ({type(exc).__name__})") from None
    if parsed.bozo and not parsed.entries:
        reason = type(parsed.get("bozo_exception")).__name__
        raise InputError(f"{name}: not a readable RSS/Atom feed ({reason})")
    if not parsed.entries:
        raise InputError(f"{name}: feed has no entries")
    outlet = (parsed.feed.get("title") or "").strip() or None
    entries = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            continue
        if base_url:
            link = urljoin(base_url, link)
        published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        title = (entry.get("title") or "").strip() or None
        entries.append(FeedEntry(url=link, title=title, published=published, outlet=outlet))
    return entries
