"""The timex scanner without a parser: hand-built Docs and plain class strings.

`classify` reads only the lexicon and the token attributes a Doc is built with (tags,
dependencies, entities), so each case states exactly the annotation it depends on;
`choose_spans` settles overlapping pattern matches on the class string alone.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from claimledger.data import load_lexicon
from claimledger.nlp.timex.scan import choose_spans, classify
from claimledger.nlp.timex.vocab import TimexVocab


@pytest.fixture(scope="module")
def vocab() -> TimexVocab:
    return TimexVocab.from_lexicon(load_lexicon("timex"))


def _classes(blank, vocab: TimexVocab, words: list[str], **annotations) -> str:
    return classify(Doc(blank.vocab, words=words, **annotations), vocab)[0]


@pytest.mark.parametrize(
    "words, classes",
    [
        (["on", "Thursday"], "xW"),
        (["earlier", "this", "week"], "ETU"),
        (["last", "month"], "LU"),
        (["May", "16"], "MD"),
        (["16", "May"], "DM"),
        (["Friday", ",", "May", "20"], "WcMD"),
        (["in", "the", "past", "24", "hours"], "xhLDU"),
        (["three", "days", "ago"], "NUA"),
        (["at", "5", "p.m."], "xDm"),
    ],
)
def test_timex_scan_classes_news_phrases_from_the_lexicon(blank, vocab, words, classes):
    assert _classes(blank, vocab, words) == classes


@pytest.mark.parametrize(
    "words, annotations, is_month",
    [
        (["May", "16"], {}, True),
        (["16", "May"], {}, True),
        (["Prices", "may", "rise"], {}, False),  # the modal
        (["May", "was", "warm"], {}, False),  # no day, year or cue beside it
        (["Theresa", "May", "said"], {"ents": ["B-PERSON", "I-PERSON", "O"]}, False),
    ],
)
def test_timex_scan_may_is_a_month_only_in_a_date_context(blank, vocab, words, annotations, is_month):
    assert ("M" in _classes(blank, vocab, words, **annotations)) is is_month


@pytest.mark.parametrize(
    "words, tags, heads, deps, classes",
    [
        # "the 2022 elections": a determiner before the number, so it dates the noun
        (["the", "2022", "elections"], ["DT", "CD", "NNS"], [2, 2, 2], ["det", "nummod", "ROOT"], "hYx"),
        # "almost 2000 soldiers": the number counts the noun
        (["almost", "2000", "soldiers"], ["RB", "CD", "NNS"], [1, 2, 2], ["advmod", "nummod", "ROOT"], "xNx"),
    ],
)
def test_timex_scan_four_digits_counting_a_plural_noun_are_no_year(blank, vocab, words, tags, heads, deps, classes):
    assert _classes(blank, vocab, words, tags=tags, heads=heads, deps=deps) == classes


@pytest.mark.parametrize(
    "words",
    [
        ["2,439", "Mariupol", "defenders"],
        ["almost", "2,000", "troops"],
        ["1,908", "people"],
    ],
)
def test_timex_scan_leaves_bare_counts_untagged(blank, vocab, words):
    assert choose_spans(_classes(blank, vocab, words)) == []


@pytest.mark.parametrize(
    "classes, spans",
    [
        ("xW", [(1, 2, "weekday")]),  # "on Thursday": the preposition stays outside
        ("WcMD", [(0, 4, "date")]),  # "Friday, May 20": one date, not a weekday and a date
        ("ETU", [(0, 3, "shift")]),  # "earlier this week"
        ("xhLDU", [(1, 5, "duration")]),  # "in the past 24 hours"
        ("NUA", [(0, 3, "ago")]),  # "three days ago"
        # "On May 16, 264 soldiers left Azovstal. The next day, 694 more followed."
        ("xMDcNxxxxhXUcNxxx", [(1, 3, "date"), (9, 12, "duration")]),
    ],
)
def test_timex_scan_longest_match_wins_and_spans_never_overlap(classes, spans):
    assert choose_spans(classes) == spans
