"""Hostile and malformed input to the readers: every bad item is one error of its own.

The audit's poison pills (a field nested 100,000 deep, an integer literal of 5,000 digits, a
lone surrogate escaped in JSON, bytes that are not UTF-8 on one line) used to escape the
readers as RecursionError, ValueError or UnicodeEncodeError and stop a whole batch; reads of
stdin and devices were unbounded. Each case here is surrounded by real report sentences, which
must still come through.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.documents import DocumentInput
from claimledger.errors import FetchError, InputError, JsonlError
from claimledger.ingest.feeds import parse_feed
from claimledger.ingest.fetch import Fetcher
from claimledger.ingest.files import read_batch, read_document
from claimledger.ingest.inputs import InputExpander
from claimledger.ingest.jsonl import iter_jsonl
from claimledger.ingest.text import read_limited, read_text

AZOVSTAL = "Russia's Defense Ministry said 1,908 Ukrainian soldiers had surrendered at Azovstal."
KRAMATORSK = "At least 39 people were killed when a missile hit the railway station, the governor said."

#: the poison pills of one JSONL line each, with what the error must say
POISON = [
    ('{"text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ('{"text": "x", "count": 1' + "0" * 5_000 + "}", "number too long"),
    ('{"text": "The ministry said \\ud800 nothing."}', '"text" holds a lone surrogate (U+D800)'),
    ('{"text": "' + AZOVSTAL + '", "id": "azovstal-\\udfff"}', '"id" holds a lone surrogate (U+DFFF)'),
    ('{"text": "' + AZOVSTAL + '", "title": "\\ud800 Azovstal"}', '"title" holds a lone surrogate'),
]


def _batch(tmp_path: Path) -> Path:
    """A JSONL batch: a good report, each poison pill, a line in Latin-1, a good report."""
    good = [json.dumps({"id": "azovstal", "text": AZOVSTAL}), json.dumps({"id": "kramatorsk", "text": KRAMATORSK})]
    latin1 = json.dumps({"text": "Kramatorsk: 39 morts à la gare"}, ensure_ascii=False).encode("latin-1")
    path = tmp_path / "batch.jsonl"
    path.write_bytes(
        b"\n".join([good[0].encode(), *(line.encode() for line, _ in POISON), latin1, good[1].encode()]) + b"\n"
    )
    return path


def test_jsonl_poison_pills_are_errors_of_their_lines_and_the_rest_is_read(tmp_path):
    path = _batch(tmp_path)
    got = list(read_batch(path))
    assert [g.id for g in (got[0], got[-1])] == ["azovstal", "kramatorsk"]
    errors = got[1:-1]
    assert all(isinstance(e, JsonlError) for e in errors)
    for lineno, (error, (_, message)) in enumerate(zip(errors, POISON, strict=False), 2):
        assert str(error).startswith(f"{path}:{lineno}: ") and message in str(error)
    assert str(errors[-1]).startswith(f"{path}:7: not valid UTF-8 (byte 0xe0 at column")
    assert all("\n" not in str(e) for e in errors)


def test_ingest_stores_the_good_lines_of_a_poisoned_batch(tmp_path, extractor):
    from claimledger.ledger.ingest import ingest

    errors: list[str] = []
    report = ingest([str(_batch(tmp_path))], tmp_path / "ledger.db", extractor=extractor, on_error=errors.append)
    assert (report.new, report.failed) == (2, len(POISON) + 1)
    assert len(errors) == len(POISON) + 1 and all("\n" not in e for e in errors)


def test_json_file_nested_too_deeply_is_one_item_error(tmp_path):
    path = tmp_path / "articles.json"
    path.write_text('{"articles": ' + "[" * 50_000 + "]" * 50_000 + "}", encoding="utf-8")
    [item] = InputExpander().expand([str(path)])
    assert item.error and "nested too deeply" in item.error


def test_jsonl_line_over_the_line_limit_is_skipped_without_keeping_it(tmp_path):
    stream = io.BytesIO(b'{"text": "' + b"x" * 5_000 + b'"}\n' + json.dumps({"text": AZOVSTAL}).encode() + b"\n")
    (n1, long), (n2, doc) = iter_jsonl(stream, "batch.jsonl", max_line=1_000)
    assert (n1, n2) == (1, 2) and doc == DocumentInput(text=AZOVSTAL)
    assert isinstance(long, JsonlError) and "batch.jsonl:1: line is over the size limit" in str(long)


def test_jsonl_lines_end_at_crlf_or_cr_as_a_text_read_numbers_them():
    stream = io.BytesIO(
        b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": AZOVSTAL}).encode() + b"\r\n\r"
        + json.dumps({"id": "b", "text": KRAMATORSK}).encode()
    )
    assert [(n, d.id) for n, d in iter_jsonl(stream, "batch.jsonl")] == [(1, "a"), (3, "b")]


def test_reads_stop_one_byte_past_the_limit():
    stream = io.BytesIO(AZOVSTAL.encode() * 100_000)
    with pytest.raises(InputError, match="stdin: is over the size limit of 1,000 bytes"):
        read_limited(stream, 1_000, "stdin")
    assert stream.tell() == 1_001


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_character_device_is_read_only_up_to_the_limit():
    with pytest.raises(InputError, match="/dev/zero: is over the size limit of 1,000,000 bytes"):
        read_text("/dev/zero", limit=1_000_000)


def test_directory_and_symlink_loop_are_one_line_input_errors(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "other.txt")
    (tmp_path / "other.txt").symlink_to(loop)
    with pytest.raises(InputError, match="is a directory, not a file"):
        read_document(tmp_path)
    with pytest.raises(InputError, match="cannot read") as err:
        read_document(loop)
    assert "\n" not in str(err.value)
    with pytest.raises(InputError, match="is a directory"):
        list(read_batch(tmp_path))


def test_feed_with_a_surrogate_character_reference_is_one_error():
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Kramatorsk &#xd800; station</title><link>https://example.org/a/1</link></item>"
        "</channel></rss>"
    )
    with pytest.raises(InputError, match="not a readable RSS/Atom feed"):
        parse_feed(rss, name="wire.xml")


@pytest.mark.parametrize(
    ("url", "message"),
    [("https://www.rt.com/russia/\udcff-station/", "lone surrogate"), ("https://[::1/kramatorsk", "invalid URL")],
)
def test_url_not_utf8_or_unparseable_is_one_item_error_before_any_request(tmp_path, url, message):
    with Fetcher(cache_dir=tmp_path, retries=0, delay=0.0) as fetcher:
        # the ledger's lookup encodes the URL, as SQLite does: a surrogate must not reach it
        [item] = InputExpander(fetcher=fetcher, is_known_url=lambda u: u.encode() and False).expand([url])
        with pytest.raises(FetchError, match="invalid URL"):
            fetcher.fetch(url)
    assert item.error and message in item.error and "\n" not in item.error


#: one JSONL line of hostile content: a record, a poison pill, or bytes
_records = st.fixed_dictionaries(
    {"text": st.text(max_size=80)},
    optional={key: st.one_of(st.none(), st.text(max_size=12), st.integers()) for key in ("id", "title", "published")},
).map(lambda r: json.dumps(r).encode())
_lines = st.one_of(
    _records,
    st.sampled_from([line.encode() for line, _ in POISON]),
    st.binary(max_size=60),
    st.integers(1, 30).map(lambda n: b'{"text": "' + b"\\ud800" * n + b'"}'),
    st.integers(0, 3_000).map(lambda n: b'{"text": "x", "n": ' + b"[" * n + b"]" * n + b"}"),
    st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_lines, max_size=8))
def test_jsonl_reader_fuzz_gives_a_document_or_a_line_error_for_every_line(lines):
    out = list(iter_jsonl(io.BytesIO(b"\n".join(lines)), "fuzz.jsonl", max_line=20_000))
    for lineno, got in out:
        assert isinstance(got, DocumentInput | JsonlError)
        if isinstance(got, JsonlError):
            assert str(got).startswith(f"fuzz.jsonl:{lineno}: ") and "\n" not in str(got)
        else:
            got.text.encode("utf-8")  # storable and printable: no lone surrogate got through
            for value in (got.id, got.title, got.published):
                assert value is None or value.encode("utf-8")
    assert [n for n, _ in out] == sorted({n for n, _ in out})
