"""HTTP ingest against a real server on 127.0.0.1: retries, timeouts, redirects, cache, feeds.

No mocks of the HTTP layer: a threaded `http.server` serves pages made at test time from the
Kramatorsk dev-gold articles, an RSS feed linking them, and misbehaving routes.
"""

from __future__ import annotations

import html
import json
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claimledger.errors import FetchError
from claimledger.ingest.fetch import Fetcher, retry_after, user_agent
from claimledger.ingest.inputs import InputExpander
from claimledger.ledger.ingest import ingest
from claimledger.ledger.store import Store


def _page(article: dict, dated: bool) -> bytes:
    blocks = article["text"].split("\n\n")
    if article["title"] and blocks[0] == article["title"]:
        blocks = blocks[1:]
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in blocks)
    meta = (
        f'<meta property="article:published_time" content="{article["published"]}T09:00:00Z">'
        if dated
        else ""
    )
    title = html.escape(article["title"] or "Kramatorsk station strike")
    return (
        f"<!doctype html><html><head><title>{title}</title>{meta}</head><body>"
        f"<header><nav><a href='/'>Home</a></nav></header>"
        f"<article><h1>{title}</h1>{paras}</article><footer>© test</footer></body></html>"
    ).encode()


#: how a windows-1252 page may say so when its server does not (Content-Type: text/html only)
DECLARATIONS = {
    "meta": '<meta charset="windows-1252">',
    "http-equiv": '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
}


def _cp1252_page(article: dict, declaration: str) -> bytes:
    """The article's page in windows-1252, its curly quotes the bytes 0x92-0x94."""
    return _page(article, dated=True).decode("utf-8").replace("<head>", "<head>" + declaration, 1).encode("cp1252")


class _Site:
    """Routes and request counters of the test server."""

    def __init__(self, articles: list[dict]) -> None:
        self.articles = articles
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, str] = {}
        self.base = ""

    def feed(self, paths: list[str]) -> bytes:
        items = []
        for path in paths:
            a = self.articles[int(path.split("/")[2].split(".")[0]) if path.startswith("/article/") else 0]
            day = datetime.fromisoformat(a["published"]).replace(hour=8, tzinfo=UTC)
            items.append(
                f"<item><title>{html.escape(a['title'] or 'Kramatorsk')}</title><link>{self.base}{path}</link>"
                f"<pubDate>{format_datetime(day)}</pubDate></item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Test Wire</title><link>{self.base}/</link><description>t</description>"
            + "".join(items)
            + "</channel></rss>"
        ).encode()


@pytest.fixture(scope="module")
def site(shared):
    articles = json.loads((shared / "gold" / "dev" / "kramatorsk.json").read_text())["articles"]
    state = _Site(articles)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def _send(self, code: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            path = self.path
            state.hits[path] += 1
            state.headers = dict(self.headers)
            if path.startswith("/article/"):
                n = int(path.split("/")[2].split(".")[0])
                self._send(200, _page(articles[n], dated=n % 2 == 0))
            elif path == "/slow":
                time.sleep(1.5)
                self._send(200, _page(articles[0], True))
            elif path.startswith("/cp1252/"):
                self._send(200, _cp1252_page(articles[0], DECLARATIONS[path.split("/")[2]]), "text/html")
            elif path == "/missing":
                self._send(404, b"not here")
            elif path == "/broken":
                self._send(500, b"oops")
            elif path.startswith("/flaky"):
                code = 503 if state.hits[path] <= 1 else 200
                self._send(code, _page(articles[1], True) if code == 200 else b"busy")
            elif path == "/rate-limited-once":
                if state.hits[path] <= 1:
                    self._send(429, b"slow down", "text/plain", **{"Retry-After": "1"})
                else:
                    self._send(200, _page(articles[2], True))
            elif path == "/rate-limited":
                in_an_hour = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
                self._send(429, b"slow down", "text/plain", **{"Retry-After": in_an_hour})
            elif path == "/moved":
                self._send(301, b"", Location="/article/2.html")
            elif path == "/loop":
                self._send(302, b"", Location="/loop")
            elif path == "/feed.xml":
                paths = ["/article/0.html", "/article/1.html", "/article/3.html", "/missing"]
                self._send(200, state.feed(paths), "application/rss+xml")
            else:
                self._send(404, b"no route")

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client that timed out closed the socket: expected in these tests

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def _fetcher(tmp_path, **kw) -> Fetcher:
    kw.setdefault("delay", 0.0)
    kw.setdefault("backoff", 0.01)
    kw.setdefault("timeout", 5.0)
    return Fetcher(cache_dir=tmp_path / "cache", **kw)


def test_fetch_sends_a_claimledger_user_agent(site, tmp_path):
    with _fetcher(tmp_path) as f:
        page = f.fetch(site.base + "/article/0.html")
    assert page.status == 200 and b"Kramatorsk" in page.body
    assert site.headers.get("User-Agent") == user_agent()
    assert user_agent().startswith("claimledger/")


@pytest.mark.parametrize(("path", "message", "attempts"), [
    ("/missing", "HTTP 404", 1),  # 4xx: no retry
    ("/broken", "HTTP 500", 3),   # 5xx: retried, then a clear failure
])
def test_fetch_retries_5xx_but_not_4xx(site, tmp_path, path, message, attempts):
    before = site.hits[path]
    with _fetcher(tmp_path, retries=2) as f, pytest.raises(FetchError, match=message) as err:
        f.fetch(site.base + path)
    assert site.hits[path] - before == attempts
    assert path in str(err.value) and "\n" not in str(err.value)


def test_fetch_503_then_200_succeeds_after_backoff(site, tmp_path):
    with _fetcher(tmp_path, retries=2) as f:
        page = f.fetch(site.base + "/flaky-a")
    assert page.status == 200 and site.hits["/flaky-a"] == 2


def test_fetch_429_waits_as_retry_after_asks_then_succeeds(site, tmp_path):
    start = time.monotonic()
    with _fetcher(tmp_path, retries=2) as f:
        page = f.fetch(site.base + "/rate-limited-once")
    assert page.status == 200 and site.hits["/rate-limited-once"] == 2
    assert time.monotonic() - start >= 1.0  # the server's Retry-After: 1, not the 0.01 s backoff


def test_fetch_429_forever_is_one_failure_after_the_retries_with_the_wait_capped(site, tmp_path):
    with _fetcher(tmp_path, retries=2, max_wait=0.05) as f, pytest.raises(FetchError) as err:
        f.fetch(site.base + "/rate-limited")  # asks for an hour each time
    assert site.hits["/rate-limited"] == 3
    assert str(err.value).startswith(f"{site.base}/rate-limited: HTTP 429 Too Many Requests after 3 attempts")


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("7", 7.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("soon", None), ("", None), ("9" * 5000, float("inf"))],
)
def test_retry_after_reads_seconds_or_an_http_date(header, seconds):
    assert retry_after(header) == seconds


def test_fetch_slow_server_times_out_with_a_clear_message(site, tmp_path):
    with _fetcher(tmp_path, timeout=0.3, retries=1) as f, pytest.raises(FetchError, match="timed out after 2 attempts"):
        f.fetch(site.base + "/slow")


@pytest.mark.parametrize("declaration", sorted(DECLARATIONS))
def test_fetched_windows_1252_page_keeps_its_curly_quotes(site, tmp_path, declaration):
    with _fetcher(tmp_path) as f:
        [item] = InputExpander(fetcher=f).expand([f"{site.base}/cp1252/{declaration}"])
    quoted = next(p for p in site.articles[0]["text"].split("\n\n") if "”" in p and "’" in p)
    assert item.doc is not None and "\ufffd" not in item.doc.text
    assert quoted in item.doc.text


@pytest.mark.parametrize(("path", "outcome"), [("/moved", "/article/2.html"), ("/loop", "too many redirects")])
def test_fetch_follows_redirects_within_a_bound(site, tmp_path, path, outcome):
    with _fetcher(tmp_path, max_redirects=3) as f:
        if outcome.startswith("/"):
            assert f.fetch(site.base + path).final_url == site.base + outcome
        else:
            with pytest.raises(FetchError, match=outcome):
                f.fetch(site.base + path)


def test_fetch_cache_serves_repeats_and_honours_max_age(site, tmp_path):
    url = site.base + "/article/4.html"
    with _fetcher(tmp_path) as f:
        first = f.fetch(url)
        again = f.fetch(url)
    assert not first.from_cache and again.from_cache and again.body == first.body
    assert site.hits["/article/4.html"] == 1
    with _fetcher(tmp_path, max_age=0) as f:
        assert not f.fetch(url).from_cache
    assert site.hits["/article/4.html"] == 2


def test_fetch_waits_between_requests_to_one_host(site, tmp_path):
    with Fetcher(cache_dir=None, delay=0.4) as f:
        start = time.monotonic()
        f.fetch(site.base + "/article/5.html")
        f.fetch(site.base + "/article/6.html")
    assert time.monotonic() - start >= 0.4


def test_ingest_feed_fetches_entries_uses_feed_dates_and_reports_bad_links(site, tmp_path, extractor):
    db = tmp_path / "ledger.db"
    errors: list[str] = []
    with _fetcher(tmp_path) as f:
        report = ingest([site.base + "/feed.xml"], db, fetcher=f, extractor=extractor, on_error=errors.append)
    assert (report.new, report.failed) == (3, 1)
    assert len(errors) == 1 and "/missing" in errors[0] and "HTTP 404" in errors[0]
    with Store(db, readonly=True) as store:
        docs = {d["url"]: d for d in store.documents(limit=None)}
    undated = docs[site.base + "/article/1.html"]  # the page has no date: the feed's is used
    assert undated["published"].startswith(site.articles[1]["published"])
    assert undated["outlet"] == "Test Wire"  # nor an outlet: the feed title is used
    hits = sum(site.hits.values())
    with _fetcher(tmp_path, max_age=0) as f:  # a re-run: known URLs are not fetched again
        again = ingest([site.base + "/feed.xml"], db, fetcher=f, extractor=extractor, on_error=errors.append)
    assert (again.new, again.known) == (0, 3)
    assert sum(site.hits.values()) - hits == 2  # the feed itself and the still-missing page


def test_ingest_url_file_skips_bad_lines_and_keeps_the_rest(site, tmp_path, extractor):
    urls = tmp_path / "urls.txt"
    urls.write_text(
        "# Kramatorsk coverage\n"
        f"{site.base}/article/7.html\n"
        f"{site.base}/broken   # returns 500\n\n"
        f"{site.base}/moved\n"
    )
    db = tmp_path / "ledger.db"
    errors: list[str] = []
    with _fetcher(tmp_path, retries=1) as f:
        report = ingest([str(urls)], db, fetcher=f, extractor=extractor, on_error=errors.append)
    assert (report.new, report.failed) == (2, 1)
    assert "/broken" in errors[0] and "HTTP 500" in errors[0]
    with Store(db, readonly=True) as store:
        assert {d["url"] for d in store.documents(limit=None)} == {
            site.base + "/article/7.html", site.base + "/article/2.html"
        }
