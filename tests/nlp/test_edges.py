"""Span edges as PolNeAR draws them (nlp/attribution/edges.py), on sentences of PolNeAR train."""

from __future__ import annotations

import pytest

from claimledger.data import load_lexicon
from claimledger.nlp.attribution.edges import Edges, split_around_cue
from pipeline_support import make_doc

EDGES = Edges.from_lexicon(load_lexicon("attribution"))


def _span(text: str, part: str) -> list[int]:
    start = text.index(part)
    return [start, start + len(part)]


@pytest.mark.parametrize(
    "text,source,expected",
    [
        ("Clinton, a Democrat, said she would not back the deal.", "Clinton, a Democrat", "Clinton, a Democrat,"),
        ("Sen. Bernie Sanders (I-Vt.) said the bill failed.", "Sen. Bernie Sanders (I-Vt", "Sen. Bernie Sanders (I-Vt.)"),
        # no comma inside: the comma after it is the sentence's, not the source's
        ("Trump, however, said he was ''the perfect messenger because I fully understand life", "Trump", "Trump"),
    ],
)
def test_source_keeps_the_comma_closing_its_apposition_and_its_parenthesis(text, source, expected):
    s, e = EDGES.source(text, _span(text, source))
    assert text[s:e] == expected


def test_cue_keeps_the_colon_before_its_content_only():
    text = "Tester added: “That’s where your problem is.”"
    cue, content = _span(text, "added"), _span(text, "That’s where your problem is.")
    s, e = EDGES.cue(text, cue, content)
    assert text[s:e] == "added:"
    # a content before the cue ('“…”: he said' never has its colon in the cue)
    assert EDGES.cue(text, cue, [0, 5]) == cue


def test_the_finder_draws_polnear_edges_on_every_row(nlp):
    text = (
        "Larry David, playing the 74-year-old Sanders on NBC's Saturday Night Live, explained: \"The "
        "young people love me ... because I'm like them. I got a lot of big plans and absolutely no "
        "idea how to achieve them.\""
    )
    doc = make_doc(nlp, text)
    row = next(c for c in doc._.claims if c["kind"] == "direct_quote")
    assert (text[slice(*row["source_mention"])], text[slice(*row["cue"])]) == (
        "Larry David, playing the 74-year-old Sanders on NBC's Saturday Night Live,", "explained:")


@pytest.mark.parametrize(
    "text,pieces",
    [  # PolNeAR train: the cue set off inside the reported clause
        ("This campaign, he says, is different.", ["This campaign", "is different"]),
        ("In the three years since the Sandy Hook shootings, Barden says, far too many lives have "
         "been lost to gun tragedies.",
         ["In the three years since the Sandy Hook shootings", "far too many lives have been lost to gun tragedies"]),
    ],
)
def test_a_content_around_its_own_cue_is_two_rows_of_that_cue(nlp, text, pieces):
    doc = make_doc(nlp, text)
    rows = [c for c in doc._.claims if c["cue"] and text[slice(*c["cue"])] == "says"]
    assert [text[slice(*r["content"])] for r in rows] == pieces
    assert len({(tuple(r["cue"]), tuple(r["source_mention"])) for r in rows}) == 1


def test_split_around_cue_leaves_a_content_after_its_cue_alone():
    text = "Barden says far too many lives have been lost to gun tragedies."
    row = {"kind": "indirect", "content": _span(text, "far too many lives have been lost to gun tragedies"),
           "cue": _span(text, "says"), "source_mention": _span(text, "Barden")}
    assert split_around_cue(text, [row], EDGES.cue_joiners) == [row]


def test_the_cue_after_a_quote_leaves_out_when_and_where_it_was_said(nlp):
    # PolNeAR train; its gold cue is "said"
    text = ("“This is a worldwide fight and America must lead it, our strategy should have three "
            "main elements,” Clinton said on Thursday during a speech at the Council of Foreign "
            "Relations in New York City.")
    doc = make_doc(nlp, text)
    row = next(c for c in doc._.claims if c["kind"] == "direct_quote")
    assert (text[slice(*row["source_mention"])], text[slice(*row["cue"])]) == ("Clinton", "said")
