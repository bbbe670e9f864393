"""Gold source matching: aliases fold fairly, pronouns alone never match."""

from __future__ import annotations

import pytest

from claimledger.eval.gold_sources import normalise_alias, source_matches
from claimledger.model import Claim, Document, Extraction, Figure, Source, Span

# from the seed article (../shared/gold/dev/seed.txt)
TEXT = (
    "Russia’s Defense Ministry has said that almost 2000 Ukranian soldiers have surrendered. "
    "Shoigu also said that 177 civilians had been evacuated from the plant but he appears to "
    "have been talking about the total. He added that the troops have left the plant."
)


def _span(phrase: str, occurrence: int = 1) -> Span:
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(phrase, start + 1)
    return Span.of(TEXT, start, start + len(phrase))


def _extraction(sources: list[Source], mention: str | None, occurrence: int = 1) -> Extraction:
    claim = Claim(
        id="c1",
        kind="indirect",
        content=_span("the troops have left the plant"),
        source_id=sources[0].id if sources else None,
        source_mention=_span(mention, occurrence) if mention else None,
    )
    figure = Figure(
        id="f1", claim_id="c1", span=_span("2000"), value=2000, low=None, high=2000, qualifier="nearly"
    )
    return Extraction(
        document=Document(id="d", text=TEXT), sources=sources, claims=[claim], figures=[figure]
    )


MINISTRY = Source(
    id="s1", name="Russia’s Defense Ministry", kind="government", affiliation="Russia",
    mentions=[_span("Russia’s Defense Ministry")],
)
SHOIGU_UNNAMED = Source(id="s1", name="Shoigu", kind="person", title=None, affiliation=None,
                        mentions=[_span("Shoigu"), _span("he", 2)])
PRONOUN_ONLY = Source(id="s1", name="He", kind="unknown", mentions=[_span("He")])


@pytest.mark.parametrize(
    "raw, folded",
    [
        ("the Russian Defence Ministry", "russian defense ministry"),
        ("Russia’s Defense Ministry", "russia's defense ministry"),
        ("  The  Kremlin ", "kremlin"),
    ],
)
def test_gold_sources_normalise_folds_case_apostrophes_the_and_defence(raw, folded):
    assert normalise_alias(raw) == folded


@pytest.mark.parametrize(
    "aliases, expected",
    [
        (["Russia's Defence Ministry"], True),  # straight apostrophe, British spelling
        (["Russian Defense Ministry", "Russia"], True),  # affiliation listed by the gold
        (["Russia"], True),
        (["Sergei Shoigu", "Shoigu"], False),
        (["Ukraine"], False),
    ],
)
def test_gold_sources_match_by_name_mention_or_listed_affiliation(aliases, expected):
    ex = _extraction([MINISTRY], "Russia’s Defense Ministry")
    assert source_matches(ex, ex.claims[0], aliases) is expected


def test_gold_sources_figure_is_judged_by_its_claim():
    ex = _extraction([MINISTRY], "Russia’s Defense Ministry")
    assert source_matches(ex, ex.figures[0], ["Russian Defence Ministry", "Russia’s Defense Ministry"])


@pytest.mark.parametrize("aliases", [["he"], ["He", "Sergei Shoigu"]])
def test_gold_sources_pronoun_mention_alone_never_matches(aliases):
    ex = _extraction([PRONOUN_ONLY], "He")
    assert source_matches(ex, ex.claims[0], aliases) is False


def test_gold_sources_resolved_pronoun_matches_through_its_source_name():
    ex = _extraction([SHOIGU_UNNAMED], "he", 2)
    assert source_matches(ex, ex.claims[0], ["Sergei Shoigu", "Shoigu"])


@pytest.mark.parametrize("sources, mention, expected", [([], None, True), ([MINISTRY], "Russia’s Defense Ministry", False)])
def test_gold_sources_null_gold_source_wants_no_source(sources, mention, expected):
    ex = _extraction(sources, mention)
    assert source_matches(ex, ex.claims[0], None) is expected
