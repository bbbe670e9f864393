"""Each rule of `NotAFigure` alone, on blank-tokenised text (no parser loaded).

A number the rule names is no figure: the rule itself says so, and the finder drops it.
The rules that read the parse or the entities get Docs built with exactly that annotation.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from claimledger.nlp.figures import FigureFinder
from claimledger.nlp.figures.candidate import Candidate
from claimledger.nlp.figures.numbers import NumberMatch, read_number


@pytest.fixture(scope="module")
def finder(blank) -> FigureFinder:
    return FigureFinder(blank, "claimledger_figures")


def _first_number(finder: FigureFinder, doc: Doc) -> tuple[Candidate, NumberMatch]:
    """The first number of the doc grown into a candidate, before any rule is applied."""
    for tok in doc:
        if not finder.vocab.starts_number(tok.lower_, tok.like_num):
            continue
        m = read_number(doc, tok.i, len(doc), finder.vocab)
        if m is not None:
            return finder.expander.expand(doc, m, len(doc), [False] * len(doc)), m
    raise AssertionError(f"no number in {doc.text!r}")


@pytest.mark.parametrize(
    "text, rule",
    [
        ("the 19th", "glued_non_unit"),
        ("within 24 hours", "duration"),
        ("a 27-month sentence", "duration"),
        ("six or seven hours", "duration"),
        ("a boy aged 12", "age"),
        ("at 5 p.m.", "clock_time"),
        ("Brigade 36", "identifier"),
        ("No. 120", "identifier"),
        ("on May 20", "day_or_year"),
        ("20 May", "day_or_year"),
        ("in 2022", "day_or_year"),
        ("fighting since 1990", "day_or_year"),
        ("one of the soldiers", "partitive_one"),
    ],
)
def test_figures_filters_rule_names_what_is_no_figure(blank, finder, text, rule):
    doc = blank(text)
    cand, m = _first_number(finder, doc)
    assert getattr(finder.not_a_figure, rule)(doc, cand, m)
    assert finder.find(doc) == []


@pytest.mark.parametrize("text", ["36 soldiers", "at least one soldier", "2,439 Mariupol defenders"])
def test_figures_filters_let_counts_through(blank, finder, text):
    doc = blank(text)
    cand, m = _first_number(finder, doc)
    assert not finder.not_a_figure(doc, cand, m)


@pytest.mark.parametrize(
    "words, ents",
    [
        (["a", "Boeing", "737", "crashed"], ["O", "B-PRODUCT", "I-PRODUCT", "O"]),
        (["the", "S&P", "500", "fell"], ["O", "B-ORG", "I-ORG", "O"]),
    ],
)
def test_figures_filters_number_inside_a_name_entity_is_no_figure(blank, finder, words, ents):
    doc = Doc(blank.vocab, words=words, ents=ents, sent_starts=[True] + [False] * (len(words) - 1))
    cand, m = _first_number(finder, doc)
    assert finder.not_a_figure.inside_name(doc, cand, m)


@pytest.mark.parametrize(
    "words, pos, ents, is_age",
    [
        (["Maddon", ",", "66", ",", "has", "won"], ["PROPN", "PUNCT", "NUM", "PUNCT", "AUX", "VERB"], ["B-PERSON"] + ["O"] * 5, True),
        (["Mariupol", ",", "66", ",", "has", "fallen"], ["PROPN", "PUNCT", "NUM", "PUNCT", "AUX", "VERB"], ["B-GPE"] + ["O"] * 5, False),
    ],
)
def test_figures_filters_age_in_apposition_follows_a_person_only(blank, finder, words, pos, ents, is_age):
    doc = Doc(blank.vocab, words=words, pos=pos, ents=ents, sent_starts=[True] + [False] * (len(words) - 1))
    cand, m = _first_number(finder, doc)
    assert finder.not_a_figure.age_in_apposition(doc, cand, m) is is_age


@pytest.mark.parametrize(
    "words, spaces, excluded",
    [
        (["COVID", "-", "19", "cases"], [False, False, True, False], True),  # as spaCy splits "COVID-19"
        (["Covid", "-", "19"], [True, True, False], False),  # spaced: nothing is glued to the number
    ],
)
def test_figures_filters_word_glued_by_a_hyphen_makes_a_name(blank, finder, words, spaces, excluded):
    doc = Doc(blank.vocab, words=words, spaces=spaces, sent_starts=[True] + [False] * (len(words) - 1))
    cand, m = _first_number(finder, doc)
    assert finder.not_a_figure.identifier(doc, cand, m) is excluded
