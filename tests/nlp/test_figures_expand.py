"""Figure finding without the parser: blank-tokenised text and hand-built Docs.

How far a figure reaches and what its value allows -- qualifier, range, vague amount,
currency, sign, score -- is decided from the tokens (`figures.expand`); the few rules that
read the parse ("over two raids", "rose from 50 to 57") get a Doc built with the
dependencies they read.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from claimledger.nlp.figures import FigureFinder
from claimledger.nlp.figures.numbers import read_number


@pytest.fixture(scope="module")
def finder(blank) -> FigureFinder:
    return FigureFinder(blank, "claimledger_figures")


def _figures(finder: FigureFinder, doc: Doc) -> list[tuple]:
    return [
        (doc[c.start : c.end].text, c.value, c.low, c.high, c.qualifier) for c in finder.find(doc)
    ]


@pytest.mark.parametrize(
    "text, span, value, low, high, qualifier",
    [
        ("2,439 Mariupol defenders surrendered.", "2,439", 2439, 2439, 2439, "exact"),
        ("almost 2,000 troops", "almost 2,000", 2000, None, 2000, "nearly"),
        ("more than 1,700 fighters", "more than 1,700", 1700, 1700, None, "more_than"),
        ("about 300 civilians", "about 300", 300, None, None, "approximately"),
        ("50 or more", "50 or more", 50, 50, None, "at_least"),
        ("a 1,000-plus crowd", "1,000-plus", 1000, 1000, None, "at_least"),
        ("temperatures of minus 5", "minus 5", -5, -5, -5, "exact"),
    ],
)
def test_figures_expand_qualifier_joins_the_span_and_bounds_the_value(
    blank, finder, text, span, value, low, high, qualifier
):
    assert _figures(finder, blank(text)) == [(span, value, low, high, qualifier)]


@pytest.mark.parametrize(
    "text, span, low, high, qualifier",
    [
        ("between 40 and 50 prisoners", "between 40 and 50", 40, 50, "range"),
        ("from 40 to 50 prisoners", "40 to 50", 40, 50, "range"),
        ("5 to 7 per cent", "5 to 7", 5, 7, "range"),
        ("hundreds of soldiers", "hundreds", 200, 999, "vague"),
        ("tens of thousands of people", "tens of thousands", 20000, 99999, "vague"),
    ],
)
def test_figures_expand_ranges_and_vague_amounts_have_bounds_but_no_value(
    blank, finder, text, span, low, high, qualifier
):
    assert _figures(finder, blank(text)) == [(span, None, low, high, qualifier)]


@pytest.mark.parametrize(
    "text, figures",
    [
        ("$1.37 billion in aid", [("$1.37 billion", "dollars", None)]),
        ("US$5m", [("US$5m", "US dollars", None)]),
        ("rates of 12% or higher", [("12% or higher", None, "%")]),
        # a change, then a level: two figures, not one range
        ("rose by $43.6 billion to $419.2 billion", [("$43.6 billion", "dollars", None), ("$419.2 billion", "dollars", None)]),
    ],
)
def test_figures_expand_currency_and_percent_join_the_figure(blank, finder, text, figures):
    doc = blank(text)
    found = [
        (doc[c.start : c.end].text, c.currency, doc[c.percent[0] : c.percent[1]].text if c.percent else None)
        for c in finder.find(doc)
    ]
    assert found == figures


@pytest.mark.parametrize(
    "words, heads, deps, figures",
    [
        # "over" governs the counted noun: a preposition, not "more than"
        (
            ["They", "complained", "over", "two", "raids"],
            [1, 1, 1, 4, 2],
            ["nsubj", "ROOT", "prep", "nummod", "pobj"],
            [("two", 2, 2, 2, "exact")],
        ),
        (
            ["over", "70", "people", "were", "killed"],
            [1, 2, 4, 4, 4],
            ["quantmod", "nummod", "nsubjpass", "auxpass", "ROOT"],
            [("over 70", 70, 70, None, "more_than")],
        ),
    ],
)
def test_figures_expand_preposition_over_a_noun_is_not_a_qualifier(blank, finder, words, heads, deps, figures):
    assert _figures(finder, Doc(blank.vocab, words=words, heads=heads, deps=deps)) == figures


def test_figures_expand_change_verb_makes_from_to_two_readings(blank, finder):
    doc = Doc(
        blank.vocab,
        words=["The", "death", "toll", "rose", "from", "50", "to", "57"],
        lemmas=["the", "death", "toll", "rise", "from", "50", "to", "57"],
        heads=[2, 2, 3, 3, 3, 4, 3, 6],
        deps=["det", "compound", "nsubj", "ROOT", "prep", "pobj", "prep", "pobj"],
    )
    assert _figures(finder, doc) == [("50", 50, 50, 50, "exact"), ("57", 57, 57, 57, "exact")]


@pytest.mark.parametrize("words, number_at", [(["the", "score", "was", "2", "-", "0"], 3)])
def test_figures_expand_glued_digit_pair_is_a_score_not_a_range(blank, finder, words, number_at):
    doc = Doc(blank.vocab, words=words, spaces=[True] * number_at + [False] * (len(words) - number_at),
              sent_starts=[True] + [False] * (len(words) - 1))
    m = read_number(doc, number_at, len(doc), finder.vocab)
    cand = finder.expander.expand(doc, m, len(doc), [False] * len(doc))
    assert (doc[cand.start : cand.end].text, cand.qualifier) == ("2-0", "score")
    assert finder.find(doc) == []
