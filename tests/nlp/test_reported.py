"""Reported-speech frames on hand-built parses (`parse_support`): the rules, not the parser,
under test."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from claimledger.data import load_lexicon
from claimledger.nlp.attribution.according import find_according
from claimledger.nlp.attribution.complements import clause_content
from claimledger.nlp.attribution.frames import CueLexicon
from claimledger.nlp.attribution.reported import find_verb_frames
from parse_support import (
    ACCORDING_TO,
    APPOSITION_SAID,
    ARE_BELIEVED,
    IN_WHICH_AFTER_NOUN,
    IN_WHICH_SAID,
    OF_WHOM_ON_CUE,
    OF_WHOM_SAID,
    SAID_THAT,
    SAYING,
    SPLIT_CLAUSE_SAID,
)


@pytest.fixture(scope="module")
def cues() -> CueLexicon:
    return CueLexicon.from_lexicon(load_lexicon("attribution"))


def _text(doc: Doc, rng: tuple[int, int] | None) -> str | None:
    return None if rng is None else doc[rng[0] : rng[1]].text


def _parts(doc: Doc, frame) -> tuple[str | None, str | None, str | None]:
    return _text(doc, frame.cue), _text(doc, frame.source), _text(doc, frame.content)


@pytest.mark.parametrize(
    "parse,expected",
    [
        (SAID_THAT, ("said", "Shoigu", "2,439 soldiers had surrendered")),
        (APPOSITION_SAID,
         ("said", "The ministry's spokesperson, Gen. Igor Konashenkov", "the strikes hit fuel depots")),
        # a participle without a subject of its own borrows its head verb's
        (SAYING, ("saying", "Kuleba", "the city would be rebuilt")),
    ],
)
def test_reported_said_frame_is_subject_cue_and_clausal_complement(en_vocab, cues, parse, expected):
    doc = Doc(en_vocab, **parse)
    (frame,) = find_verb_frames(doc, cues, [False] * len(doc))
    assert (frame.kind, _parts(doc, frame)) == ("indirect", expected)


@pytest.mark.parametrize(
    "parse,verb,content",
    [
        (SAID_THAT, 1, "2,439 soldiers had surrendered"),
        # two abutting complements of one cue are one content, with the figure in it
        (SPLIT_CLAUSE_SAID, 1, "crews arriving at the dam found 12 survivors"),
    ],
)
def test_complements_clause_content_is_the_whole_reported_clause_without_complementiser(en_vocab, cues, parse, verb, content):
    doc = Doc(en_vocab, **parse)
    head, rng = clause_content(doc[verb], cues)
    assert head.dep_ == "ccomp" and _text(doc, rng) == content


@pytest.mark.parametrize("parse", [SAID_THAT])
def test_reported_verb_inside_a_quote_heads_no_frame(en_vocab, cues, parse):
    doc = Doc(en_vocab, **parse)
    assert find_verb_frames(doc, cues, [True] * len(doc)) == []


@pytest.mark.parametrize(
    "parse,expected",
    [(ARE_BELIEVED, ("are believed", None, "At least 40 people are believed to have died"))],
)
def test_reported_passive_raising_verb_keeps_its_subject_in_the_content(en_vocab, cues, parse, expected):
    """"are believed to": the raised subject is part of what is believed, there is no source;
    the verb is a weak cue, so the frame is a candidate that the cue model decides."""
    doc = Doc(en_vocab, **parse)
    assert find_verb_frames(doc, cues, [False] * len(doc)) == []  # the lexicon alone: no frame
    (frame,) = find_verb_frames(doc, cues, [False] * len(doc), lambda tok, frame, how: True)
    assert _parts(doc, frame) == expected


@pytest.mark.parametrize(
    "parse,expected",
    [(ACCORDING_TO, ("According to", "the ministry", "30 civilians were killed"))],
)
def test_according_to_phrase_sources_the_rest_of_its_clause(en_vocab, cues, parse, expected):
    doc = Doc(en_vocab, **parse)
    (frame,) = find_according(doc, cues, [False] * len(doc))
    assert (frame.kind, _parts(doc, frame)) == ("according_to", expected)
    assert find_verb_frames(doc, cues, [False] * len(doc)) == []  # "According" is no verb frame


@pytest.mark.parametrize(
    "parse,expected",
    [
        (OF_WHOM_SAID, [("said", "officials", "120 of whom"), ("said", "officials", "were children")]),
        # the parser's other attachment of the same partitive: "of" on the cue
        (OF_WHOM_ON_CUE, [("says", "the UN", "a third of whom"), ("says", "the UN", "are children")]),
    ],
)
def test_relative_clause_cue_gives_its_fronted_phrase_as_a_content_fragment(en_vocab, cues, parse, expected):
    """"300 people, [120 of whom] officials said were children": the partitive is the claim's
    own words, so it is a fragment of the content beside "were children" and its figure
    belongs to the officials."""
    doc = Doc(en_vocab, **parse)
    frames = find_verb_frames(doc, cues, [False] * len(doc))
    assert sorted(_parts(doc, f) for f in frames) == expected


@pytest.mark.parametrize(
    "parse,expected",
    [
        (IN_WHICH_SAID, ("said", "he", "the city would be rebuilt")),
        # right after the noun, but not a partitive
        (IN_WHICH_AFTER_NOUN, ("has said", "Trump", "the wall will be built")),
    ],
)
def test_relative_phrase_on_the_cue_itself_is_the_setting_not_content(en_vocab, cues, parse, expected):
    """"an interview, in which he said …", "a campaign in which Trump has said …": where it
    was said, not what."""
    doc = Doc(en_vocab, **parse)
    frames = find_verb_frames(doc, cues, [False] * len(doc))
    assert [_parts(doc, f) for f in frames] == [expected]
