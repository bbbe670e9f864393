"""Copies as outlets make them, on the invented example reports: a republication under its
own headline, an excerpt, an edited copy and a mix of two wires are linked with their kind;
a report sharing only quotations, or an outlet reusing its own paragraphs, is not; a rewrite
needs its quotations, figures, some wording and days to agree. The evidence of a link is
exact offsets in both texts, and the stages a batch engine runs apart give the same links."""

from __future__ import annotations

import json
import pickle
import re

import pytest

from claimledger.data import data_path
from claimledger.ledger.copies import (
    COPY_CONTAINMENT,
    CopyDetector,
    candidate_pairs,
    link,
    normalise_text,
    publisher_key,
    quotation_spans,
    record_link,
    shared_passages,
    signature,
    verify,
)

EXAMPLES = data_path("examples")


def _text(name: str) -> str:
    return (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")


WIRE = _text("halvek-market-strike")
COURIER = _text("halvek-market-strike-courier")
DEPOT = _text("morvania-depot-strike")
TOLL = _text("halvek-toll-rises")
W, D, T = WIRE.split("\n\n"), DEPOT.split("\n\n"), TOLL.split("\n\n")
QUOTES = re.findall(r'"([^"]+)"', TOLL) + re.findall(r'"([^"]+)"', DEPOT)


def _verify(copy: str, original: str, copy_day: str = "2024-09-19",
            original_day: str = "2024-09-18", publishers: tuple = (None, None)):
    return verify(signature(copy, copy_day, publishers[0]),
                  signature(original, original_day, publishers[1]))


def test_a_republication_under_its_own_headline_and_credit_line_is_a_copy():
    match = _verify(COURIER, WIRE, "2024-09-18")
    assert match is not None and match.kind == "copy" and match.similarity > 0.9


def test_an_excerpt_of_the_first_paragraphs_is_a_copy():
    match = _verify("\n\n".join(W[:3]), WIRE)
    assert match is not None and match.kind == "copy" and match.similarity == 1.0


def test_an_edited_copy_with_words_changed_throughout_is_edited():
    edits = {"were killed": "died", "shoppers": "people", "rounds": "shells",
             "wounded": "injured", "searching": "combing", "deadliest": "worst",
             "heavy guns": "artillery", "covered": "indoor", "border town": "frontier town",
             "foreign minister": "foreign secretary", "ceasefire": "truce",
             "fuel depot": "fuel store", "rescue teams": "rescuers"}
    edited = WIRE
    for old, new in edits.items():
        edited = edited.replace(old, new)
    match = _verify(edited, WIRE)
    assert match is not None and match.kind == "edited"


def test_paragraphs_of_two_wires_are_a_mix_linked_to_either():
    mix = "\n\n".join(["Fighting flares at Halvek", *W[1:4], *D[1:4]])
    for original in (WIRE, DEPOT):
        match = _verify(mix, original)
        assert match is not None and match.kind == "mix"


def test_a_report_sharing_only_quotations_word_for_word_is_not_a_copy():
    # two wires at one news conference quote the same people; their own sentences differ
    quoting = "\n\n".join([*D[:2], f'"{QUOTES[0]}" Kovel said.', f'"{QUOTES[1]}" Marsh said.',
                           *D[2:]])
    assert _verify(quoting, TOLL, "2024-09-19", "2024-09-19") is None


def test_an_outlet_reusing_its_own_paragraphs_is_not_a_copy_but_another_outlet_is():
    recap = "\n\n".join([*T, *W[2:4]])  # a follow-up repeating yesterday's background
    wire = publisher_key("Northbridge Wire", None)
    assert _verify(recap, WIRE, publishers=(wire, wire)) is None
    other = publisher_key("The Riverside Courier (Northbridge Wire)", None)
    assert _verify(recap, WIRE, publishers=(other, wire)) is not None


def test_the_same_text_of_one_publisher_under_two_addresses_is_still_a_copy():
    site = publisher_key(None, "https://www.northbridge-wire.example/a")
    assert site == publisher_key(None, "https://northbridge-wire.example/amp/a")
    match = _verify(WIRE + "\n\nRead more.", WIRE, publishers=(site, site))
    assert match is not None and match.kind == "copy"


@pytest.mark.parametrize("outlet,expected", [
    ("The Times of Example (liveblog)", "times of example"),
    ("Example Post, via Aggregator", "example post"),
    ("  ", None),
])
def test_publisher_key_drops_notes_tails_and_articles(outlet, expected):
    assert publisher_key(outlet, None) == expected


def _rewrite() -> tuple[str, str]:
    """An original with three quotations, and a text that keeps them, three of its figures
    and one of its sentences, in sentences of its own (from another report)."""
    original = TOLL + "\n\n" + D[2]
    kept = T[3].split(". ")[0] + ". Doctors were treating about 30 of the injured."
    rewrite = "\n\n".join([W[0], W[2], f'"{QUOTES[0]}" Kovel said.',
                           f'"{QUOTES[1]}" Marsh said.', f'"{QUOTES[2]}" Velt said.', kept, W[5]])
    return rewrite, original


def test_a_rewrite_keeping_quotations_figures_and_some_wording_within_days_is_linked():
    rewrite, original = _rewrite()
    match = _verify(rewrite, original, "2024-09-20", "2024-09-19")
    assert match is not None and match.kind == "rewrite"
    assert match.similarity < COPY_CONTAINMENT  # the wording alone would not link it


def test_a_rewrite_a_week_later_is_not_linked():
    rewrite, original = _rewrite()
    assert _verify(rewrite, original, "2024-09-26", "2024-09-19") is None


def test_quotations_in_curly_single_and_mixed_marks_are_found_apostrophes_are_not():
    text = "“Unfortunately the toll has risen to 41,\" he said. Russia’s ‘special operation’ goes on."
    spans = [text[a:b] for a, b in quotation_spans(text)]
    assert spans == ["“Unfortunately the toll has risen to 41,\"", "‘special operation’"]


def test_shared_passages_are_exact_offsets_in_both_texts():
    mix = "\n\n".join(["Fighting flares at Halvek", *W[1:4], *D[1:4]])
    passages = shared_passages(mix, WIRE)
    assert passages
    for p in passages:
        assert normalise_text(mix[p.start:p.end]) == normalise_text(WIRE[p.other_start:p.other_end])
    # the three paragraphs taken in a row are one passage, however their breaks fall
    assert mix[passages[0].start:passages[0].end] == "\n\n".join(W[1:4]).rstrip(".")


def test_signature_candidates_and_link_give_the_detectors_links():
    rows = [("wire", WIRE, "2024-09-18", "northbridge wire"),
            ("courier", COURIER, "2024-09-18", "riverside courier"),
            ("depot", DEPOT, "2024-09-18", "eastgate post"),
            ("toll", TOLL, "2024-09-19", "northbridge wire")]
    signed = {r[0]: pickle.loads(pickle.dumps(signature(r[1], r[2], r[3]))) for r in rows}
    assert ("courier", "wire") in set(candidate_pairs(signed))
    assert link(signed, [r[0] for r in rows]) == CopyDetector.rebuild(rows).links()
    assert {k: v.original_id for k, v in link(signed, [r[0] for r in rows]).items()} == {
        "courier": "wire"}


def test_record_link_stores_kind_and_evidence_and_clears_them(tmp_path):
    from claimledger.documents import PIPELINE_VERSION
    from claimledger.ledger.store import Store
    from claimledger.model import Document, Extraction

    def stored(doc_id: str, text: str) -> Extraction:
        return Extraction(document=Document(id=doc_id, text=text, published="2024-09-18"))

    with Store(tmp_path / "ledger.db") as store:
        store.add_extraction(stored("wire", WIRE), PIPELINE_VERSION)
        store.add_extraction(stored("courier", COURIER), PIPELINE_VERSION)
        det = CopyDetector()
        det.add("wire", WIRE, "2024-09-18")
        record_link(store, "courier", det.check("courier", COURIER, "2024-09-18"))
        row = store.conn.execute("SELECT * FROM copy_links").fetchone()
        assert store.copy_of("courier") == "wire"
        assert (row["document_id"], row["original_id"], row["kind"]) == ("courier", "wire", "copy")
        for a, b, c, d in json.loads(row["passages_json"]):
            assert normalise_text(COURIER[a:b]) == normalise_text(WIRE[c:d])
        record_link(store, "courier", None)
        assert store.copy_of("courier") is None
        assert store.conn.execute("SELECT count(*) FROM copy_links").fetchone()[0] == 0


def test_a_statement_in_full_republished_is_a_copy_though_all_quotation():
    statement = "\n\n".join(f'"{q}"' for q in QUOTES)
    assert not signature(statement).narrative  # no words of a reporter's own to compare
    match = _verify(statement + "\n\nSource: ministry.", statement)
    assert match is not None and match.kind == "copy"
