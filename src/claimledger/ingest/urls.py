"""Canonical URLs: the key that makes "the same article, linked twice" one ledger row.

Tracking parameters (named in the `url_tracking` lexicon), fragments, a leading `www.`,
default ports and a trailing slash say nothing about which article a page is, so they are
dropped; the remaining query parameters are sorted so their order does not matter. Scheme
is folded to https: outlets serve the same article on both.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from claimledger.data import load_lexicon


@cache
def _tracking() -> tuple[tuple[str, ...], frozenset[str]]:
    lex = load_lexicon("url_tracking")
    return tuple(p.lower() for p in lex["prefixes"]), frozenset(n.lower() for n in lex["names"])


def is_url(value: str) -> bool:
    """True for an absolute http(s) URL."""
    return value[:8].lower().startswith(("http://", "https://")) and len(value) > 8


def canonical_url(url: str | None) -> str | None:
    """The canonical form of `url`, or None for no URL / not an http(s) URL."""
    if not url:
        return None
    url = url.strip()
    if not is_url(url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if not host:
        return None
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    prefixes, names = _tracking()
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in names and not k.lower().startswith(prefixes)
    ]
    path = parts.path or "/"
    while len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    if path == "/":
        path = ""
    return urlunsplit(("https", host, path, urlencode(sorted(query)), ""))
