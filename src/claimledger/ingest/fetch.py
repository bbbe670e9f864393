"""Fetching pages politely and reproducibly: retries, a per-host delay and an on-disk cache.

Why a cache: ingest must be resumable and re-runnable (a newer pipeline over the same pages)
without hitting outlets again, and a page that changed since is a different document. Why
retries only on 429, 5xx and timeouts: a 404 or 403 will not heal in two seconds, a busy or
rate-limiting server often does, and says when in `Retry-After`, which is honoured up to a
cap. Every failure is a one-line `FetchError` naming the URL, so ingest reports it and goes on.

Why a loop of our own rather than a retry library: the retry covers the whole request, body
included, under our size bound (httpx-retries' transport sees only headers, so a timeout
while reading the body would not be retried), and nothing but the one-line error reaches
stderr (stamina and httpx-retries log retries and bad headers through `logging`).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from claimledger.errors import FetchError
from claimledger.ingest.html import decode_html
from claimledger.ingest.text import max_bytes as default_max_bytes

#: sent with every request, so outlets can tell who is calling
USER_AGENT = "claimledger/{version} (+https://github.com/claimledger/claimledger)"


def user_agent() -> str:
    """The User-Agent header with the installed claimledger version."""
    from claimledger import __version__

    return USER_AGENT.format(version=__version__)


@dataclass(frozen=True)
class Page:
    """A fetched page: the final URL after redirects, and the raw body."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    fetched_at: float
    from_cache: bool = False

    def text(self) -> str:
        """The body as HTML text: BOM, HTTP charset, UTF-8, `<meta>` charset, then a guess."""
        return decode_html(self.body, self.content_type)


def retry_after(value: str | None) -> float | None:
    """The seconds a `Retry-After` header asks for (delta-seconds or an HTTP-date), or None.

    A date in the past is 0; a header that is neither form is ignored rather than trusted.
    """
    value = (value or "").strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000": UTC by RFC 5322
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _host(url: str) -> str:
    """The host of `url`, which must be encodable: a `FetchError` for one that is not a URL.

    The cache key, httpx and the ledger all encode the URL as UTF-8, so a lone surrogate (an
    argument that is not UTF-8) or a broken `[` host is refused here, as one line.
    """
    try:
        url.encode("utf-8")
        return urlsplit(url).netloc.lower()
    except ValueError:  # UnicodeEncodeError is one
        raise FetchError(f"{url}: invalid URL") from None


class PageCache:
    """Pages on disk keyed by the sha256 of the URL: `<dir>/ab/abcdef….json` + `….body`.

    Writes go to a temporary file then `os.replace`, so a killed process never leaves a
    half-written entry that a later run would trust.
    """

    def __init__(self, directory: str | Path, max_age: float | None = None) -> None:
        self.dir = Path(directory)
        self.max_age = max_age

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        base = self.dir / key[:2] / key
        return base.with_suffix(".json"), base.with_suffix(".body")

    def get(self, url: str) -> Page | None:
        """The cached page, or None when absent, unreadable or older than `max_age` seconds."""
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if self.max_age is not None and time.time() - meta["fetched_at"] > self.max_age:
            return None
        return Page(
            url=url,
            final_url=meta["final_url"],
            status=meta["status"],
            content_type=meta["content_type"],
            body=body,
            fetched_at=meta["fetched_at"],
            from_cache=True,
        )

    def put(self, page: Page) -> None:
        """Store a page (body first, then the metadata that makes it visible)."""
        meta_path, body_path = self._paths(page.url)
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        meta = {
            "url": page.url,
            "final_url": page.final_url,
            "status": page.status,
            "content_type": page.content_type,
            "fetched_at": page.fetched_at,
        }
        for path, data in ((body_path, page.body), (meta_path, json.dumps(meta).encode())):
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise


class Fetcher:
    """An HTTP client for ingest: bounded redirects, retries with backoff, politeness, cache.

    - `timeout`: seconds for connect and for each read.
    - `retries`: extra attempts after a timeout, connection error, 429 or 5xx, waiting
      `backoff * 2**attempt` seconds between them, or what `Retry-After` asks for if that is
      longer (at most `max_wait` seconds); other 4xx fail at once.
    - `delay`: the least time between two requests to the same host.
    - `cache_dir` / `max_age`: on-disk cache (None: no cache); entries older than `max_age`
      seconds are fetched again.
    """

    def __init__(
        self,
        cache_dir: str | Path | None = None,
        max_age: float | None = 7 * 24 * 3600,
        timeout: float = 20.0,
        retries: int = 2,
        backoff: float = 0.5,
        delay: float = 1.0,
        max_redirects: int = 5,
        max_bytes: int | None = None,
        max_wait: float = 60.0,
    ) -> None:
        self.cache = PageCache(cache_dir, max_age) if cache_dir is not None else None
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.delay = delay
        self.max_bytes = default_max_bytes() if max_bytes is None else max_bytes
        self._last: dict[str, float] = {}
        self.client = httpx.Client(
            follow_redirects=True,
            max_redirects=max_redirects,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": user_agent(), "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,*/*;q=0.5"},
        )

    def close(self) -> None:
        """Release the connection pool."""
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_for_host(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.delay - (time.monotonic() - last)
            if wait > 0:
                time.sleep(wait)
        self._last[host] = time.monotonic()

    def fetch(self, url: str) -> Page:
        """The page at `url` (from the cache when fresh); a `FetchError` says why not."""
        host = _host(url)
        if self.cache is not None:
            page = self.cache.get(url)
            if page is not None:
                return page
        attempt = 0
        while True:
            self._wait_for_host(host)
            try:
                page = self._get(url)
            except _Retryable as exc:
                if attempt >= self.retries:
                    tries = f" after {attempt + 1} attempts" if attempt else ""
                    raise FetchError(f"{url}: {exc}{tries}") from None
                time.sleep(self._wait(attempt, exc.wait))
                attempt += 1
                continue
            if self.cache is not None:
                self.cache.put(page)
            return page

    def _wait(self, attempt: int, asked: float | None) -> float:
        """Seconds before the next attempt: the backoff, or the server's wish up to `max_wait`."""
        backoff = self.backoff * 2**attempt
        return backoff if asked is None else max(backoff, min(asked, self.max_wait))

    def _get(self, url: str) -> Page:
        try:
            with self.client.stream("GET", url) as resp:
                if resp.status_code >= 500 or resp.status_code == 429:
                    raise _Retryable(
                        f"HTTP {resp.status_code} {resp.reason_phrase}".strip(),
                        retry_after(resp.headers.get("retry-after")),
                    )
                if resp.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {resp.status_code} {resp.reason_phrase}".strip())
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(f"{url}: {int(declared):,} bytes is over the size limit of {self.max_bytes:,} bytes")
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"{url}: page is over the size limit of {self.max_bytes:,} bytes")
                    chunks.append(chunk)
                return Page(
                    url=url,
                    final_url=str(resp.url),
                    status=resp.status_code,
                    content_type=resp.headers.get("content-type", ""),
                    body=b"".join(chunks),
                    fetched_at=time.time(),
                )
        except httpx.TooManyRedirects:
            raise FetchError(f"{url}: too many redirects") from None
        except httpx.UnsupportedProtocol:
            raise FetchError(f"{url}: unsupported protocol (http and https only)") from None
        except httpx.TimeoutException:
            raise _Retryable("timed out") from None
        except httpx.TransportError as exc:
            raise _Retryable(f"connection failed ({type(exc).__name__})") from None
        except httpx.InvalidURL:
            raise FetchError(f"{url}: invalid URL") from None


class _Retryable(Exception):
    """A failure worth another attempt (timeout, connection error, 429, 5xx).

    `wait` is what the server's `Retry-After` asked for, in seconds, if it said.
    """

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.wait = wait
