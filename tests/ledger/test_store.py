"""The ledger store: schema, idempotent writes, global ids, offsets, full-text search."""

from __future__ import annotations

import sqlite3

import pytest
from ledger_articles import extract_story

from claimledger.documents import PIPELINE_VERSION
from claimledger.errors import StoreError
from claimledger.ingest.urls import canonical_url
from claimledger.ledger.schema import FIGURE_COLUMNS
from claimledger.ledger.store import Store, fts_query
from claimledger.model import Extraction, Figure


@pytest.fixture(scope="module")
def olenivka(extractor, shared) -> tuple[Extraction, ...]:
    return extract_story(extractor, shared, "olenivka")


@pytest.fixture()
def store(tmp_path, olenivka) -> Store:
    s = Store(tmp_path / "ledger.db")
    with s.batch():
        for e in olenivka:
            s.add_extraction(e, PIPELINE_VERSION)
    yield s
    s.close()


def _with_text(e: Extraction, text: str, url: str | None = None, id: str | None = None) -> Extraction:
    data = e.model_dump()
    data["document"].update(text=text, url=url, id=id or e.document.id + "-x")
    data.update(claims=[], figures=[], sources=[], times=[])
    return Extraction.model_validate(data)


def test_store_opens_wal_with_foreign_keys(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_store_counts_every_document_once(store, olenivka):
    counts = store.counts()
    assert counts["documents"] == len(olenivka)
    assert counts["claims"] == sum(len(e.claims) for e in olenivka)
    assert counts["figures"] == sum(len(e.figures) for e in olenivka)
    assert counts["sources"] == sum(len(e.sources) for e in olenivka)


def test_store_same_document_twice_is_stored_once(store, olenivka):
    doc_id, is_new = store.add_extraction(olenivka[0], PIPELINE_VERSION)
    assert (doc_id, is_new) == (olenivka[0].document.id, False)
    assert store.counts()["documents"] == len(olenivka)


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace(". ", ".  "),  # doubled spaces after full stops
        lambda t: t.replace("\n\n", "\n") + "\n",  # paragraph breaks and a trailing newline
    ],
)
def test_store_whitespace_variant_is_known_by_text_hash(store, olenivka, change):
    first = olenivka[1]
    variant = _with_text(first, change(first.document.text))
    assert variant.document.text != first.document.text
    assert store.add_extraction(variant, PIPELINE_VERSION) == (first.document.id, False)


def test_store_different_text_is_new(store, olenivka):
    first = olenivka[1]
    edited = _with_text(first, first.document.text.replace("40", "53", 1))
    doc_id, is_new = store.add_extraction(edited, PIPELINE_VERSION)
    assert is_new and doc_id == edited.document.id


@pytest.mark.parametrize(
    "variant",
    [
        "https://straitstimes.com/world/europe/40-ukrainian-pows-killed-by-ukrainian-missile-strike-on-donetsk-prison-russia-says",
        "http://www.straitstimes.com/world/europe/40-ukrainian-pows-killed-by-ukrainian-missile-strike-on-donetsk-prison-russia-says/",
        "https://www.straitstimes.com/world/europe/40-ukrainian-pows-killed-by-ukrainian-missile-strike-on-donetsk-prison-russia-says?utm_source=twitter&utm_medium=social#comments",
    ],
)
def test_store_same_canonical_url_is_known(store, olenivka, variant):
    st = next(e for e in olenivka if "straitstimes" in (e.document.url or ""))
    assert store.known(url=variant) == st.document.id
    retold = _with_text(st, "A different text under the same address.", url=variant)
    assert store.add_extraction(retold, PIPELINE_VERSION) == (st.document.id, False)


@pytest.mark.parametrize(
    "other",
    [
        "https://www.straitstimes.com/world/europe/another-article",
        "https://www.malaysia-chronicle.com/?p=218907",  # the query names the article
    ],
)
def test_store_other_urls_are_not_known(store, other):
    assert store.known(url=other) is None


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://www.malaysia-chronicle.com/?p=218906", "https://malaysia-chronicle.com?p=218906"),
        ("https://www.eurasiantimes.com/himars-havoc-russia-says-50-killed-73-injured-after-ukraine/?amp",
         "https://eurasiantimes.com/himars-havoc-russia-says-50-killed-73-injured-after-ukraine"),
        ("HTTPS://Kyivindependent.com/news-feed/x/?fbclid=abc&gclid=1", "https://kyivindependent.com/news-feed/x"),
        ("https://abcnews.go.com/International/live-updates/russia-ukraine/?id=83931446&entryId=83998846",
         "https://abcnews.go.com/International/live-updates/russia-ukraine?entryId=83998846&id=83931446"),
        ("not a url", None),
        ("ftp://example.org/file", None),
    ],
)
def test_canonical_url_strips_tracking_www_fragment_slash(url, canonical):
    assert canonical_url(url) == canonical


def test_store_ids_are_global_and_rows_point_into_the_text(store, olenivka):
    for e in olenivka:
        doc_id = e.document.id
        text = store.document(doc_id)["text"]
        assert text == e.document.text
        claims = store.claims(document_id=doc_id, limit=None)
        assert {c["id"] for c in claims} == {f"{doc_id}:{c.id}" for c in e.claims}
        for c in claims:
            assert text[c["content_start"] : c["content_end"]] == c["content_text"]
            if c["cue_start"] is not None:
                assert text[c["cue_start"] : c["cue_end"]] == c["cue_text"]
            if c["source_id"] is not None:
                assert c["source_id"].startswith(doc_id + ":s")
        claim_ids = {c["id"] for c in claims}
        for f in store.figures(document_id=doc_id, limit=None):
            assert text[f["span_start"] : f["span_end"]] == f["span_text"]
            assert f["claim_id"] is None or f["claim_id"] in claim_ids


#: contract fields the figures table flattens into several columns
_FLATTENED = {"span": ("span_text", "span_start", "span_end"), "as_of": ("as_of", "as_of_precision")}


def test_figure_columns_store_every_contract_figure_field_and_its_requiredness(store):
    columns = {c.name: c for c in FIGURE_COLUMNS}
    for name, field in Figure.model_fields.items():
        for column in _FLATTENED.get(name, (name,)):
            assert column in columns, f"model.Figure.{name} has no column {column}"
            if name not in _FLATTENED:
                assert columns[column].required == field.is_required(), column
    stored = [r[1] for r in store.conn.execute("PRAGMA table_xinfo(figures)")]
    assert stored == [*columns, "claim_local"]  # the local id claim_id is computed from


def test_store_extraction_round_trips(store, olenivka):
    for e in olenivka:
        assert store.extraction(e.document.id) == e
    assert store.extraction("doc-nope") is None


@pytest.mark.parametrize(
    ("query", "word"),
    [("prisoners", "prisoners"), ("Olenivka", "olenivka"), ("prison*", "prison")],
)
def test_store_claims_search_finds_words_in_content(store, query, word):
    found = store.claims(search=query, limit=None)
    assert found
    assert all(word in c["content_text"].lower() for c in found)


@pytest.mark.parametrize("query", ["zzyzzx", '"AND (OR', "NEAR(", "-", "*", "\x00", "Kramatorsk\x00", "a\x1fb"])
def test_store_claims_search_odd_input_finds_nothing_without_error(store, query):
    assert store.claims(search=query + " zzyzzx", limit=None) == []


def test_fts_query_quotes_every_token_of_every_word():
    """Quotes and operators never reach FTS5; a word of several tokens asks for each (the
    indexes keep no positions since schema 6, so no phrase); a prefix stays on the last."""
    assert fts_query('Shoigu "said" surrend*') == '"Shoigu" "said" "surrend"*'
    assert fts_query("pro-Russian Mariupol-based*") == '"pro" "Russian" "Mariupol" "based"*'


def test_fts_query_control_characters_separate_words():
    """A NUL from `claims --search` or the web's search box once left an unterminated phrase."""
    assert fts_query("Kramatorsk\x00station\x1f") == '"Kramatorsk" "station"'


def test_store_documents_search_and_filters(store, olenivka):
    hits = store.documents(search="HIMARS", limit=None)
    assert hits and all("himars" in store.document(d["id"])["text"].lower() for d in hits)
    assert len(hits) < len(olenivka)
    later = store.documents(since="2022-07-30", limit=None)
    assert {d["published"] for d in later} >= {"2022-07-30"}
    assert all(d["published"] >= "2022-07-30" for d in later)


def test_store_replace_extraction_keeps_fts_in_sync(store, olenivka):
    e = olenivka[2]
    before = store.counts()["claims"]
    store.replace_extraction(e, "9.9.9")
    assert store.counts()["claims"] == before
    assert store.document(e.document.id)["pipeline_version"] == "9.9.9"
    store.conn.execute("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')")
    store.conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")


def test_store_id_reused_for_another_text_is_refused_and_rolled_back(store, olenivka):
    taken = olenivka[0].document.id
    clash = _with_text(olenivka[0], "Entirely different words about Olenivka.", id=taken)
    fresh = _with_text(olenivka[0], "Another new text about the prison.", id="fresh-doc")
    with store.batch():
        with pytest.raises(StoreError, match="already used"):
            store.add_extraction(clash, PIPELINE_VERSION)
        assert store.add_extraction(fresh, PIPELINE_VERSION) == ("fresh-doc", True)
    assert store.document("fresh-doc") is not None


def test_store_readonly_refuses_writes(store, tmp_path, olenivka):
    reader = Store(store.path, readonly=True)
    assert reader.counts()["documents"] == len(olenivka)
    with pytest.raises(StoreError):
        with reader.batch():
            pass
    with pytest.raises(sqlite3.OperationalError):
        reader.conn.execute("DELETE FROM documents")
    reader.close()


@pytest.mark.parametrize("name", ["missing.db", "nodir/ledger.db"])
def test_store_readonly_missing_file_is_a_one_line_error(tmp_path, name):
    with pytest.raises(StoreError, match="no such ledger"):
        Store(tmp_path / name, readonly=True)


def test_store_copy_links_are_foreign_keys(store, olenivka):
    a, b = olenivka[0].document.id, olenivka[1].document.id
    store.set_copy(b, a, 0.91)
    assert store.document(b)["copy_of"] == a
    assert [d["id"] for d in store.documents(include_copies=False, limit=None)].count(b) == 0
    with pytest.raises(sqlite3.IntegrityError):
        store.set_copy(b, "doc-does-not-exist", 0.5)


@pytest.mark.parametrize("readonly", [False, True])
def test_store_refuses_a_file_that_is_not_a_ledger(tmp_path, shared, readonly):
    path = tmp_path / "seed.db"
    path.write_bytes((shared / "gold" / "dev" / "seed.txt").read_bytes())
    with pytest.raises(StoreError, match="seed.db"):
        Store(path, readonly=readonly)


def test_store_two_writers_on_one_file_store_each_document_once(tmp_path, olenivka):
    import threading

    path = tmp_path / "shared.db"
    Store(path).close()
    results: list[tuple[str, bool]] = []

    errors: list[BaseException] = []

    def write() -> None:
        try:
            with Store(path) as s:
                for e in olenivka:
                    results.append(s.add_extraction(e, PIPELINE_VERSION))
        except BaseException as exc:  # an IntegrityError here is the bug this test guards
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(results) == 2 * len(olenivka)
    assert sorted(doc_id for doc_id, new in results if new) == sorted(e.document.id for e in olenivka)
    with Store(path, readonly=True) as s:
        assert s.counts()["documents"] == len(olenivka)


def test_store_keeps_each_extraction_compressed_and_apart_from_its_rows(store, olenivka):
    # the compact JSON alone was 2.3x the text: the largest part of a ledger before schema 3;
    # compressed 0.45x (schema 5); without what the rows hold, under a third of even these
    # short texts (schema 6), and the rows with it give back the extraction as it was
    import zlib

    rows = store.conn.execute("SELECT typeof(extraction_json), extraction_json FROM documents")
    blobs = [blob for kind, blob in rows if kind == "blob"]
    assert len(blobs) == len(olenivka)
    assert all(zlib.decompress(b) for b in blobs)
    text = sum(len(e.document.text.encode("utf-8")) for e in olenivka)
    assert sum(map(len, blobs)) < text / 3
    assert [store.extraction(e.document.id) for e in olenivka] == list(olenivka)


def test_prepared_rows_from_a_worker_store_what_the_extraction_stores(tmp_path, olenivka):
    # the rows cross a process boundary pickled: the writer must store them as they were
    import pickle

    from claimledger.ledger.store import prepare

    direct, handed = Store(tmp_path / "direct.db"), Store(tmp_path / "handed.db")
    for e in olenivka:
        direct.add_extraction(e, PIPELINE_VERSION)
        assert handed.add_prepared(pickle.loads(pickle.dumps(prepare(e, PIPELINE_VERSION)))) == (
            e.document.id, True)

    def rows(s: Store) -> list[tuple]:
        out = [tuple(r) for r in s.conn.execute(
            "SELECT id, url, canonical_url, title, outlet, published, text, text_hash, copy_of,"
            " pipeline_version, extraction_json FROM documents ORDER BY id")]
        for table in ("sources", "claims", "figures"):
            out += [tuple(r) for r in s.conn.execute(f"SELECT * FROM {table} ORDER BY id")]
        return out

    assert rows(direct) == rows(handed) and len(rows(direct)) > len(olenivka)
    for e in olenivka:
        assert handed.extraction(e.document.id) == e
    direct.close()
    handed.close()


def test_extraction_items_the_rows_cannot_say_come_back_exactly(tmp_path, olenivka):
    """What a row drops or normalises (a claim's source or a figure's claim that is not in
    the document, an integral float, a nameless time, the document's language) is kept in
    the stored differences: the extraction reads back byte for byte."""
    data = olenivka[0].model_dump(mode="json")
    assert data["claims"] and data["figures"] and data["times"]
    data["document"]["language"] = "uk"
    data["claims"][0]["source_id"] = "s99"
    data["figures"][0].update(claim_id="c99", value=12.0, low=None, high=None)
    data["times"][0]["id"] = None
    odd = Extraction.model_validate(data)
    with Store(tmp_path / "odd.db") as s:
        s.add_extraction(odd, PIPELINE_VERSION)
        claim = s.claims(document_id=odd.document.id, limit=1)[0]
        assert claim["source_id"] is None  # the row says no source...
        back = s.extraction(odd.document.id)
    assert back.model_dump_json() == odd.model_dump_json()  # ...the extraction still does
    assert back.figures[0].value == 12.0 and isinstance(back.figures[0].value, float)


def test_claim_kind_codes_cover_every_contract_kind_in_a_fixed_order(store):
    # a stored kind_code keeps its meaning: the list may only grow at its end
    from typing import get_args

    from claimledger.ledger.schema import CLAIM_KINDS
    from claimledger.model import ClaimKind

    assert set(CLAIM_KINDS) == set(get_args(ClaimKind))
    assert CLAIM_KINDS[:2] == ("direct_quote", "indirect")
    stored = store.conn.execute("SELECT kind, kind_code FROM claims").fetchall()
    assert stored and all(CLAIM_KINDS[code] == kind for kind, code in stored)
