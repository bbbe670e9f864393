"""The timex component on blank-tokenised text and hand-built Docs (no parser loaded).

What the tagger decides beyond scan and resolve -- the tense of the governing verb, a day
counted from the last day named, a modifier taken into the span, a rate, an age -- each
read from the annotation the Doc is built with.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from claimledger.nlp.timex import TimexTagger

PUBLISHED = "2022-05-20"  # a Friday


@pytest.fixture(scope="module")
def tagger(blank) -> TimexTagger:
    return TimexTagger(blank, "claimledger_timex")


def _rows(tagger: TimexTagger, doc: Doc) -> list[tuple[str, str, str | None, str | None]]:
    doc._.published = PUBLISHED
    return [(doc.text[r["start"] : r["end"]], r["type"], r["value"], r["mod"]) for r in tagger.find(doc)]


@pytest.mark.parametrize(
    "text, rows",
    [
        (
            "On May 16, 264 soldiers left Azovstal. The next day, 694 more followed.",
            [("May 16", "DATE", "2022-05-16", None), ("The next day", "DATE", "2022-05-17", None)],
        ),
        ("The next day, 694 more soldiers followed them.", [("The next day", "DATE", None, None)]),
    ],
)
def test_timex_tagger_next_day_counts_from_the_last_day_named(blank, tagger, text, rows):
    assert _rows(tagger, blank.make_doc(text)) == rows


@pytest.mark.parametrize(
    "text, rows",
    [
        ("more than 20 years ago", [("more than 20 years ago", "DATE", "2002", "BEFORE")]),
        ("earlier this week", [("earlier this week", "DATE", "2022-W20", "START")]),
        ("the past 24 hours or so", [("the past 24 hours or so", "DURATION", "PT24H", "APPROX")]),
    ],
)
def test_timex_tagger_takes_modifiers_into_the_span(blank, tagger, text, rows):
    assert _rows(tagger, blank.make_doc(text)) == rows


@pytest.mark.parametrize("text", ["a 6-year-old boy", "almost 2,000 troops", "2,439 Mariupol defenders"])
def test_timex_tagger_leaves_ages_and_counts_alone(blank, tagger, text):
    assert _rows(tagger, blank.make_doc(text)) == []


@pytest.mark.parametrize(
    "words, pos, tags, heads, deps, value",
    [
        (
            ["Talks", "will", "resume", "on", "Thursday"],
            ["NOUN", "AUX", "VERB", "ADP", "PROPN"],
            ["NNS", "MD", "VB", "IN", "NNP"],
            [2, 2, 2, 2, 3],
            ["nsubj", "aux", "ROOT", "prep", "pobj"],
            "2022-05-26",
        ),
        (
            ["Azovstal", "fell", "on", "Thursday"],
            ["PROPN", "VERB", "ADP", "PROPN"],
            ["NNP", "VBD", "IN", "NNP"],
            [1, 1, 1, 2],
            ["nsubj", "ROOT", "prep", "pobj"],
            "2022-05-19",
        ),
    ],
)
def test_timex_tagger_weekday_direction_from_the_governing_verb(blank, tagger, words, pos, tags, heads, deps, value):
    doc = Doc(blank.vocab, words=words, pos=pos, tags=tags, heads=heads, deps=deps)
    assert _rows(tagger, doc) == [("Thursday", "DATE", value, None)]


@pytest.mark.parametrize(
    "words, pos, rows",
    [
        (["300", "shells", "a", "day"], ["NUM", "NOUN", "DET", "NOUN"], [("a day", "SET", "P1D", None)]),
        (["for", "a", "day"], ["ADP", "DET", "NOUN"], [("a day", "DURATION", "P1D", None)]),
    ],
)
def test_timex_tagger_a_day_after_a_count_is_a_rate(blank, tagger, words, pos, rows):
    assert _rows(tagger, Doc(blank.vocab, words=words, pos=pos)) == rows
