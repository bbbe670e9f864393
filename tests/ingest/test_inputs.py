"""Expanding ingest INPUT arguments: files, directories, JSON shapes, URL lists, feeds; errors per item."""

from __future__ import annotations

import json

import pytest

from claimledger.ingest.feeds import looks_like_feed, parse_feed
from claimledger.ingest.inputs import InputExpander, url_lines


@pytest.fixture(scope="module")
def kramatorsk(shared) -> list[dict]:
    return json.loads((shared / "gold" / "dev" / "kramatorsk.json").read_text())["articles"]


def _names_and_errors(items):
    return [(i.name, i.error is not None) for i in items]


def test_inputs_gold_cluster_json_gives_one_item_per_article(shared):
    items = list(InputExpander().expand([str(shared / "gold" / "dev" / "olenivka.json")]))
    assert len(items) == 9 and all(i.doc is not None for i in items)
    assert items[0].doc.published == "2022-07-29" and items[0].doc.outlet == "Malaysia Chronicle"


@pytest.mark.parametrize("shape", ["object", "list", "extraction"])
def test_inputs_json_shapes(tmp_path, kramatorsk, shape):
    a = kramatorsk[2]
    rec = {"text": a["text"], "published": a["published"], "outlet": a["outlet"]}
    data = {"object": rec, "list": [rec, rec], "extraction": {"schema_version": "1", "document": {**rec, "id": "d1"}}}[shape]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data))
    items = list(InputExpander().expand([str(path)]))
    assert all(i.doc is not None and i.doc.text == a["text"] for i in items)
    assert len(items) == (2 if shape == "list" else 1)


def test_inputs_directory_is_recursive_sorted_and_skips_hidden(tmp_path, kramatorsk):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text(kramatorsk[1]["text"])
    (tmp_path / "1.txt").write_text(kramatorsk[0]["text"])
    (tmp_path / ".git" / "x.txt").write_text("hidden")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    items = list(InputExpander().expand([str(tmp_path)]))
    assert [i.name for i in items] == [str(tmp_path / "1.txt"), str(tmp_path / "b" / "2.txt")]
    assert items[1].doc.text == kramatorsk[1]["text"]


@pytest.mark.parametrize(
    ("content", "urls"),
    [
        ("# Kramatorsk\nhttps://www.rt.com/russia/553516-russia-denies-striking-train-station-ukraine/\n\n"
         "https://www.globaltimes.cn/page/202204/1258849.shtml  # Global Times\n",
         ["https://www.rt.com/russia/553516-russia-denies-striking-train-station-ukraine/",
          "https://www.globaltimes.cn/page/202204/1258849.shtml"]),
        ("At least 39 people were killed.\nhttps://leaders.ng/2022/04/08/\n", None),  # prose
        ("# only comments\n", None),
    ],
)
def test_inputs_url_file_detection(content, urls):
    assert url_lines(content) == urls


def test_inputs_bad_items_are_reported_and_the_rest_kept(tmp_path, kramatorsk):
    good = tmp_path / "good.txt"
    good.write_text(kramatorsk[3]["text"])
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Kramatorsk: 39 morts à la gare".encode("latin-1"))
    items = list(InputExpander().expand([str(binary), str(tmp_path / "absent.html"), str(latin), str(good)]))
    assert _names_and_errors(items) == [
        (str(binary), True), (str(tmp_path / "absent.html"), True), (str(latin), True), (str(good), False),
    ]
    assert "binary" in items[0].error and "no such file" in items[1].error and "UTF-8" in items[2].error


def test_inputs_urls_without_a_fetcher_fail_per_item():
    items = list(InputExpander(fetcher=None).expand(["https://www.cbsnews.com/news/x/"]))
    assert items[0].error and "fetching is disabled" in items[0].error


def test_inputs_known_urls_are_skipped_before_fetching():
    seen: list[str] = []
    exp = InputExpander(fetcher=None, is_known_url=lambda u: seen.append(u) or True)
    items = list(exp.expand(["https://abcnews.go.com/International/live-updates/russia-ukraine/?id=1"]))
    assert items[0].known_url and not items[0].error and len(seen) == 1


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Kramatorsk station hit</title><link>/a/1</link><pubDate>Fri, 08 Apr 2022 10:00:00 GMT</pubDate></item>
<item><title>No link</title></item>
<item><title>Death toll rises</title><link>https://example.org/a/2</link></item>
</channel></rss>"""


def test_feeds_entries_with_links_and_dates():
    entries = parse_feed(RSS, base_url="https://example.org/feed.xml")
    assert [e.url for e in entries] == ["https://example.org/a/1", "https://example.org/a/2"]
    assert entries[0].published == "2022-04-08T10:00:00+00:00" and entries[1].published is None
    assert entries[0].outlet == "Wire"


@pytest.mark.parametrize(
    ("body", "ctype", "feed"),
    [(RSS, "", True), ("<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "", True),
     ("<!doctype html><html><body>x</body></html>", "text/html", False),
     ("{}", "application/rss+xml", True), ("Kramatorsk, 8 April.", "text/plain", False)],
)
def test_feeds_sniffing(body, ctype, feed):
    assert looks_like_feed(body, ctype) is feed


def test_inputs_urls_file_reports_lines_that_are_not_urls(tmp_path):
    path = tmp_path / "kramatorsk.urls"
    path.write_text("# wire\nhttps://www.cbsnews.com/news/ukraine-russia-kramatorsk-train-station-donetsk-strike/\n"
                    "cbsnews.com/news/no-scheme\n")
    seen: list[str] = []
    exp = InputExpander(fetcher=None, is_known_url=lambda u: seen.append(u) or True)
    items = list(exp.expand([str(path)]))
    assert [(i.name, bool(i.known_url), bool(i.error)) for i in items] == [
        ("https://www.cbsnews.com/news/ukraine-russia-kramatorsk-train-station-donetsk-strike/", True, False),
        (f"{path}:3", False, True),
    ]
    assert "not an http(s) URL" in items[1].error
