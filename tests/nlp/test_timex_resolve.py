"""Timex resolution on plain data: the class letters and payloads the scanner hands over.

The resolver never sees a Doc, so each case is the scanner's output for a news phrase
(written out, as the contract between `scan` and `resolve`) and the TIMEX3 row it must
give against a publication day: Friday 20 May 2022, the seed article's.
"""

from __future__ import annotations

from datetime import date

import pytest

from claimledger.data import load_lexicon
from claimledger.nlp.timex.resolve import build_frame, number_value, resolve
from claimledger.nlp.timex.vocab import TimexVocab

PUBLISHED = date(2022, 5, 20)
PAST, UNKNOWN, FUTURE = -1, 0, 1


@pytest.fixture(scope="module")
def vocab() -> TimexVocab:
    return TimexVocab.from_lexicon(load_lexicon("timex"))


def _resolve(vocab: TimexVocab, classes: str, payload: list, lowers: list[str], pub=PUBLISHED, tense=UNKNOWN):
    return resolve(build_frame(classes, payload, lowers, vocab), pub, tense, vocab)


@pytest.mark.parametrize(
    "phrase, classes, payload, tense, type_, value, mod, anchor, precision",
    [
        ("Thursday", "W", [4], UNKNOWN, "DATE", "2022-05-19", None, "2022-05-19", "day"),
        ("earlier this week", "ETU", ["START", 0, ("W", 1)], UNKNOWN, "DATE", "2022-W20", "START", "2022-05-16", "week"),
        ("last week", "LU", [-1, ("W", 1)], PAST, "DATE", "2022-W19", None, "2022-05-09", "week"),
        ("last month", "LU", [-1, ("M", 1)], PAST, "DATE", "2022-04", None, "2022-04-01", "month"),
        ("May 16", "MD", [5, 16], PAST, "DATE", "2022-05-16", None, "2022-05-16", "day"),
        ("Friday, May 20", "WcMD", [5, None, 5, 20], UNKNOWN, "DATE", "2022-05-20", None, "2022-05-20", "day"),
        ("three days ago", "NUA", ["three", ("D", 1), -1], PAST, "DATE", "2022-05-17", None, "2022-05-17", "day"),
        ("the past 24 hours", "hLDU", [None, -1, 24, ("H", 1)], PAST, "DURATION", "PT24H", None, None, None),
        ("5 p.m.", "Dm", [5, 12], UNKNOWN, "TIME", "2022-05-20T17:00", None, "2022-05-20", "day"),
    ],
)
def test_timex_resolve_news_phrases_against_the_publication_day(
    vocab, phrase, classes, payload, tense, type_, value, mod, anchor, precision
):
    res = _resolve(vocab, classes, payload, phrase.lower().replace(",", " ,").split(), tense=tense)
    assert res is not None
    assert (res.type, res.value, res.mod, res.date, res.precision) == (type_, value, mod, anchor, precision)


@pytest.mark.parametrize(
    "tense, value",
    [
        (PAST, "2022-05-19"),  # "attacked on Thursday": the day before publication
        (UNKNOWN, "2022-05-19"),
        (FUTURE, "2022-05-26"),  # "talks will resume on Thursday": the week after
    ],
)
def test_timex_resolve_bare_weekday_direction_follows_the_tense(vocab, tense, value):
    assert _resolve(vocab, "W", [4], ["thursday"], tense=tense).value == value


@pytest.mark.parametrize(
    "phrase, classes, payload, value",
    [
        ("May 16", "MD", [5, 16], "XXXX-05-16"),
        ("Thursday", "W", [4], "XXXX-WXX-4"),
        ("last month", "LU", [-1, ("M", 1)], None),
    ],
)
def test_timex_resolve_without_publication_day_leaves_the_year_open(vocab, phrase, classes, payload, value):
    res = _resolve(vocab, classes, payload, phrase.lower().split(), pub=None)
    assert (res.value, res.date) == (value, None)


@pytest.mark.parametrize(
    "phrase, classes, payload, steps",
    [
        ("the next day", "hXU", [None, 1, ("D", 1)], 1),
        ("the previous day", "hLU", [None, -1, ("D", 1)], -1),
    ],
)
def test_timex_resolve_next_day_is_left_to_the_last_day_named(vocab, phrase, classes, payload, steps):
    res = _resolve(vocab, classes, payload, phrase.split())
    assert (res.type, res.value, res.anaphor) == ("DATE", None, steps)


@pytest.mark.parametrize("phrase, classes, payload", [("year", "U", [("Y", 1)]), ("day", "U", [("D", 1)])])
def test_timex_resolve_drops_a_bare_unit(vocab, phrase, classes, payload):
    assert _resolve(vocab, classes, payload, [phrase]) is None


@pytest.mark.parametrize(
    "parts, value",
    [(["twenty", "four"], 24), (["two", "hundred"], 200), ([24], 24), ([], None)],
)
def test_timex_resolve_number_words_add_up(vocab, parts, value):
    assert number_value(parts, vocab) == value
