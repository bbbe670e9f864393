"""Reading inputs: the decoding policy, size limits, HTML clean-up and JSONL lines."""

from __future__ import annotations

import codecs
import html
import json

import pytest

from claimledger.errors import InputError, JsonlError
from claimledger.ingest.html import decode_html, from_html, looks_like_html
from claimledger.ingest.jsonl import parse_line
from claimledger.ingest.text import decode_bytes


def _page(article: dict) -> str:
    paragraphs = [p for p in article["text"].split("\n\n")[1:] if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<!doctype html><html><head>"
        f"<title>{html.escape(article['title'])}</title>"
        f'<meta property="og:site_name" content="{html.escape(article["outlet"])}">'
        f'<meta property="article:published_time" content="{article["published"]}T10:00:00Z">'
        "</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(article['title'])}</h1>{body}</article>"
        "<footer>Back to top · Related Articles</footer></body></html>"
    )


@pytest.fixture(scope="module")
def kramatorsk_article(shared):
    cluster = json.loads((shared / "gold" / "dev" / "kramatorsk.json").read_text(encoding="utf-8"))
    return next(a for a in cluster["articles"] if a["title"] and a["outlet"])


def test_html_page_gives_title_date_outlet_and_main_text(kramatorsk_article):
    doc = from_html(_page(kramatorsk_article), name="page.html")
    assert doc.title == kramatorsk_article["title"]
    assert doc.published and doc.published.startswith(kramatorsk_article["published"])
    assert doc.outlet == kramatorsk_article["outlet"]
    assert doc.text.startswith(doc.title + "\n\n")
    assert "Back to top" not in doc.text and "Home" not in doc.text.split("\n")[0]
    second_paragraph = kramatorsk_article["text"].split("\n\n")[1]
    assert second_paragraph[:60] in doc.text


@pytest.mark.parametrize("broken", ["<html><body><div><p>", "<<<>>>", "<html></html>"])
def test_broken_or_empty_html_is_a_one_line_input_error(broken):
    with pytest.raises(InputError) as err:
        from_html(broken, name="x.html")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    "text,expected",
    [("<!DOCTYPE html><html>", True), ("<p>Shoigu said</p>", True), ("Shoigu said 1,908 <people>", False)],
)
def test_html_sniffing(text, expected):
    assert looks_like_html(text) is expected


@pytest.mark.parametrize(
    "data,expected",
    [
        ("Shoigu said “1,908”.".encode(), "Shoigu said “1,908”."),
        (codecs.BOM_UTF8 + "Шойгу".encode(), "Шойгу"),
        ("Kyiv – Київ".encode("utf-16"), "Kyiv – Київ"),
    ],
)
def test_decoding_policy_accepts_utf8_bom_and_utf16(data, expected):
    assert decode_bytes(data, "x") == expected


@pytest.mark.parametrize(
    "data,message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Kramatorsk caf\xe9".encode("latin-1"), "not valid UTF-8"),
        (b"x" * 101, "size limit"),
        ("Kyiv".encode("utf-32"), "UTF-32 text is not supported"),  # its BOM starts like UTF-16's
    ],
)
def test_decoding_policy_refuses_binary_legacy_and_oversize(data, message):
    with pytest.raises(InputError, match=message):
        decode_bytes(data, "x", limit=100)


@pytest.mark.parametrize(
    "line,message",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"id": "a"}', 'missing "text"'),
        ('{"text": "x", "published": "yesterday"}', "ISO 8601"),
        ('{"text": "x", "url": 5}', '"url" must be a string'),
    ],
)
def test_jsonl_errors_name_the_line(line, message):
    with pytest.raises(JsonlError, match=message) as err:
        parse_line(line, 7, "batch.jsonl")
    assert "batch.jsonl:7:" in str(err.value)


QUOTE = "The governor said: “They knew it was a civilian station.” It wasn’t the first strike."


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (f'<html><head><meta charset="windows-1252"></head><p>{QUOTE}</p>'.encode("cp1252"), "text/html"),
        (f"<html><head><meta charset='ISO-8859-1'></head><p>{QUOTE}</p>".encode("cp1252"), ""),
        (f'<html><head><meta charset="utf-8"></head><p>{QUOTE}</p>'.encode("cp1252"), "text/html; charset=cp1252"),
        (f'<html><head><meta charset="iso-8859-1"></head><p>{QUOTE}</p>'.encode(), "text/html"),
        (codecs.BOM_UTF8 + f"<html><p>{QUOTE}</p>".encode(), "text/html; charset=iso-8859-1"),
        ((f"<html><head><title>Kramatorsk</title></head><body>{f'<p>{QUOTE}</p>' * 20}</body></html>").encode("cp1252"), ""),
    ],
    ids=["meta", "latin1-label", "header-wins-over-meta", "utf8-wins-over-wrong-meta", "bom-wins", "undeclared"],
)
def test_html_bytes_decode_by_bom_header_utf8_meta_then_guess(body, content_type):
    assert QUOTE in decode_html(body, content_type)
