"""One file reader for `extract` and `ingest`: the same file gives the same document, dated alike."""

from __future__ import annotations

import json

import pytest

from claimledger.documents import DocumentInput
from claimledger.errors import JsonlError
from claimledger.ingest.files import read_batch, read_document
from claimledger.ingest.inputs import InputExpander

from .test_text_and_html import _page


@pytest.fixture(scope="module")
def kramatorsk(shared) -> list[dict]:
    return json.loads((shared / "gold" / "dev" / "kramatorsk.json").read_text(encoding="utf-8"))["articles"]


@pytest.fixture(scope="module")
def article(kramatorsk) -> dict:
    return next(a for a in kramatorsk if a["title"] and a["outlet"])


def test_extract_and_ingest_read_a_page_to_the_same_document(tmp_path, article):
    path = tmp_path / "page.html"
    path.write_text(_page(article), encoding="utf-8")
    doc = read_document(path)
    [item] = InputExpander().expand([str(path)])
    assert item.doc == doc
    assert doc.published.startswith(article["published"]) and doc.title == article["title"]


def test_explicit_published_wins_over_the_pages_date(tmp_path, article):
    path = tmp_path / "page.html"
    path.write_text(_page(article), encoding="utf-8")
    assert read_document(path, published="2022-04-09").published == "2022-04-09"


def test_plain_text_is_dated_only_by_the_explicit_date(tmp_path, article):
    path = tmp_path / "report.txt"
    path.write_bytes(article["text"].replace("\n", "\r\n").encode("utf-8"))
    assert read_document(path) == DocumentInput(text=article["text"])
    assert read_document(path, published="2022-04-08").published == "2022-04-08"


def test_batch_dates_undated_lines_and_names_lines_over_the_limit(tmp_path, kramatorsk):
    short, undated = sorted(kramatorsk[:3], key=lambda a: len(a["text"]))[:2]
    too_long = max(kramatorsk, key=lambda a: len(a["text"]))
    limit = len(undated["text"].encode("utf-8"))
    lines = [
        {"id": "a", "text": short["text"], "published": "2022-04-07"},
        {"id": "b", "text": undated["text"]},
        {"id": "c", "text": too_long["text"]},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    a, b, c = read_batch(path, limit=limit, published="2022-04-08")
    assert (a.id, a.published) == ("a", "2022-04-07") and (b.id, b.published) == ("b", "2022-04-08")
    assert isinstance(c, JsonlError) and f"{path}:3: text is over the size limit" in str(c)
