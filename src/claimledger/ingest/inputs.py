"""Expanding `claimledger ingest INPUT...` arguments into a stream of items to analyse.

An input is a file (.txt .html .json .jsonl .parquet, a feed .xml/.rss/.atom, or a file of URLs),
a directory (searched recursively, in sorted order so runs are reproducible), a URL of a
page or of an RSS/Atom feed. Each item comes out as a document, as "already in the ledger"
(checked by URL *before* fetching, so a re-run costs no network), or as an error naming the
file, line or URL: one bad item never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claimledger.documents import DocumentInput, lone_surrogate
from claimledger.errors import ClaimledgerError, InputError
from claimledger.ingest.feeds import FeedEntry, looks_like_feed, parse_feed
from claimledger.ingest.fetch import Fetcher
from claimledger.ingest.files import (
    HTML_SUFFIXES,
    article,
    is_html,
    json_documents,
    jsonl_documents,
    parquet_documents,
    unicode_problem,
)
from claimledger.ingest.html import from_html, looks_like_html
from claimledger.ingest.text import (
    decode_bytes,
    max_bytes,
    normalise_newlines,
    read_text,
)
from claimledger.ingest.urls import is_url

#: file types picked up when a directory is searched
DIRECTORY_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".parquet", ".xml", ".rss", ".atom", ".urls")
FEED_SUFFIXES = (".xml", ".rss", ".atom")


@dataclass(frozen=True)
class Item:
    """One unit of ingest: a document to analyse, a known URL to skip, or an error."""

    name: str
    doc: DocumentInput | None = None
    known_url: str | None = None
    error: str | None = None


def _error(name: str, exc: BaseException | str) -> Item:
    return Item(name=name, error=str(exc))


def _outlet(page_outlet: str | None, entry: FeedEntry | None) -> str | None:
    """The page's site name, unless it is only a host name and the feed names the outlet."""
    feed_outlet = entry.outlet if entry else None
    if page_outlet and not (feed_outlet and " " not in page_outlet and any(c in page_outlet for c in ".:")):
        return page_outlet
    return feed_outlet or page_outlet


def url_lines(text: str) -> list[str] | None:
    """The URLs of a "file of URLs" (one per line, `#` comments), or None if it is not one."""
    urls = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line) or " " in line:
            return None
        urls.append(line)
    return urls or None


class InputExpander:
    """Turns INPUT arguments into `Item`s, fetching pages and feeds through one `Fetcher`.

    `is_known_url(url)` lets the ledger say "already stored" before a page is fetched.
    """

    def __init__(
        self,
        fetcher: Fetcher | None = None,
        is_known_url: Callable[[str], bool] | None = None,
        limit: int | None = None,
    ) -> None:
        self.fetcher = fetcher
        self.is_known_url = is_known_url or (lambda url: False)
        self.limit = max_bytes() if limit is None else limit

    def expand(self, inputs: Iterable[str]) -> Iterator[Item]:
        """Every item of every input, lazily and in order."""
        for arg in inputs:
            if is_url(arg):
                yield from self._url(arg, probe_feed=True)
                continue
            path = Path(arg)
            if path.is_dir():
                files = sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in DIRECTORY_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
                for file in files:
                    yield from self._file(file)
            elif path.exists():
                yield from self._file(path)
            else:
                yield _error(arg, InputError(f"{arg}: no such file, directory or URL"))

    # -- files -----------------------------------------------------------------------------

    def _file(self, path: Path) -> Iterator[Item]:
        name = str(path)
        suffix = path.suffix.lower()
        try:
            if suffix == ".jsonl":
                yield from self._jsonl(path)
                return
            if suffix == ".parquet":
                for label, got in parquet_documents(path):
                    yield self._checked(got, label)
                return
            text = read_text(path, self.limit)
            page = is_html(text, suffix)
            if suffix == ".json":
                for label, got in json_documents(text, name):
                    yield self._checked(got, label)
            elif suffix in FEED_SUFFIXES or (suffix not in HTML_SUFFIXES and looks_like_feed(text)):
                yield from self._feed_entries(parse_feed(text, name=name))
            elif not page and suffix == ".urls":
                yield from self._url_file(text, name)
            elif not page and (urls := url_lines(text)) is not None:
                for url in urls:
                    yield from self._url(url, probe_feed=True)
            else:
                yield Item(name=name, doc=article(text, name, suffix))
        except ClaimledgerError as exc:
            yield _error(name, exc)

    def _url_file(self, text: str, name: str) -> Iterator[Item]:
        """A `.urls` file is always a list of URLs: a line that is not one is an error."""
        for lineno, line in enumerate(text.splitlines(), 1):
            line = line.split(" #", 1)[0].strip()
            if not line or line.startswith("#"):
                continue
            if is_url(line) and " " not in line:
                yield from self._url(line, probe_feed=True)
            else:
                yield _error(f"{name}:{lineno}", InputError(f"{name}:{lineno}: not an http(s) URL: {line[:60]!r}"))

    def _jsonl(self, path: Path) -> Iterator[Item]:
        for label, got in jsonl_documents(path, self.limit):
            yield self._checked(got, label)

    def _checked(self, got: DocumentInput | ClaimledgerError, name: str) -> Item:
        if isinstance(got, ClaimledgerError):
            return _error(name, got)
        if problem := unicode_problem(got):
            return _error(name, InputError(f"{name}: {problem}"))
        if len(got.text.encode("utf-8")) > self.limit:
            return _error(name, InputError(f"{name}: text is over the size limit of {self.limit:,} bytes"))
        if not got.text.strip():
            return _error(name, InputError(f"{name}: empty text"))
        return Item(name=name, doc=got)

    # -- the web ---------------------------------------------------------------------------

    def _feed_entries(self, entries: list[FeedEntry]) -> Iterator[Item]:
        for entry in entries:
            yield from self._url(entry.url, entry=entry)

    def _url(self, url: str, probe_feed: bool = False, entry: FeedEntry | None = None) -> Iterator[Item]:
        if problem := lone_surrogate({"url": url}):  # an argument that is not UTF-8
            yield _error(url, InputError(f"{url}: {problem}"))
            return
        if self.is_known_url(url):
            yield Item(name=url, known_url=url)
            return
        if self.fetcher is None:
            yield _error(url, InputError(f"{url}: fetching is disabled"))
            return
        try:
            page = self.fetcher.fetch(url)
            if probe_feed and looks_like_feed(page.body, page.content_type):
                entries = parse_feed(page.body, base_url=page.final_url, name=url)
                yield from self._feed_entries(entries)
                return
            if page.final_url != url and self.is_known_url(page.final_url):
                yield Item(name=url, known_url=page.final_url)
                return
            text = decode_bytes(page.body, url, self.limit) if not page.content_type.startswith(
                "text/html"
            ) else page.text()
            if "html" in page.content_type.lower() or looks_like_html(text):
                doc = from_html(text, url=page.final_url, name=url)
                doc = DocumentInput(
                    text=doc.text,
                    published=doc.published or (entry.published if entry else None),
                    url=page.final_url,
                    title=doc.title or (entry.title if entry else None),
                    outlet=_outlet(doc.outlet, entry),
                )
            else:
                doc = DocumentInput(
                    text=normalise_newlines(text),
                    published=entry.published if entry else None,
                    url=page.final_url,
                    title=entry.title if entry else None,
                    outlet=entry.outlet if entry else None,
                )
            yield self._checked(doc, url)
        except ClaimledgerError as exc:
            yield _error(url, exc)
