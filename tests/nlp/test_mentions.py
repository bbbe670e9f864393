"""Claimant mentions on hand-built parses (`parse_support`): what the mention finder reads
off a name and its context, without the parser."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from claimledger.data import load_lexicon
from claimledger.nlp.sources.actors import NameKeys, Registry, load_actors
from claimledger.nlp.sources.context import DocContext, Vocabulary
from claimledger.nlp.sources.mentions import MentionFinder
from parse_support import APPOSITION_SAID, SAID_THAT


@pytest.fixture(scope="module")
def keys() -> NameKeys:
    return NameKeys(load_lexicon("sources"))


@pytest.fixture(scope="module")
def finder(keys) -> MentionFinder:
    registry = Registry(load_actors(None), keys, str.split)
    return MentionFinder(Vocabulary(load_lexicon("sources")), keys, registry)


@pytest.mark.parametrize(
    "parse,subject,name,title_word,linked",
    [(APPOSITION_SAID, (0, 8), "Igor Konashenkov", "spokesperson", {3})],
)
def test_mentions_appositive_title_and_name_make_one_person(
    en_vocab, keys, finder, parse, subject, name, title_word, linked
):
    """"The ministry's spokesperson, Gen. Igor Konashenkov, said": the person is the name,
    the apposition gives the title and links its head noun to the name for coreference."""
    doc = Doc(en_vocab, **parse)
    mention = finder.from_span(DocContext(doc, keys), doc[subject[0] : subject[1]], is_claim=True)
    assert (mention.form, mention.person, mention.kind, mention.name) == ("name", True, "person", name)
    assert title_word in mention.title and mention.links == linked
    assert mention.subject and mention.is_claim


@pytest.mark.parametrize("parse,number", [(SAID_THAT, (3, 4))])
def test_mentions_a_number_is_never_a_claimant(en_vocab, keys, finder, parse, number):
    doc = Doc(en_vocab, **parse)
    assert finder.from_span(DocContext(doc, keys), doc[number[0] : number[1]], is_claim=True) is None
