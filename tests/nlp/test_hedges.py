"""The hedges stage: verification status, hedge words and editorial insertions of claims."""

from __future__ import annotations

import json

import pytest

from pipeline_support import make_doc


@pytest.fixture(scope="module")
def seed_doc(nlp, shared):
    return make_doc(nlp, (shared / "gold" / "dev" / "seed.txt").read_text(encoding="utf-8"), "2022-05-20")


def _text(doc, pair):
    return doc.text[pair[0] : pair[1]] if pair else None


def _claim_with(doc, content_start: str) -> dict:
    found = [c for c in doc._.claims if _text(doc, c["content"]).startswith(content_start)]
    assert found, content_start
    return found[0]


def _kramatorsk(shared, article: str, needle: str, before: int = 1) -> str:
    """The paragraph holding `needle` of a kramatorsk dev article (and `before` - 1 earlier)."""
    data = json.loads((shared / "gold" / "dev" / "kramatorsk.json").read_text(encoding="utf-8"))
    paras = next(a["text"] for a in data["articles"] if a["id"] == article).split("\n\n")
    k = next(i for i, p in enumerate(paras) if needle in p)
    return "\n\n".join(paras[k - before + 1 : k + 1])


@pytest.mark.parametrize(
    "content,hedge",
    [
        ("177 civilians had been evacuated from the plant", "appears to"),
        ("there are still hundreds of soldiers at Azovstal", "it’s unclear whether"),
    ],
)
def test_hedges_distancing_words_in_the_claims_sentence(seed_doc, content, hedge):
    claim = _claim_with(seed_doc, content)
    assert [_text(seed_doc, h) for h in claim["hedges"]] == [hedge]


@pytest.mark.parametrize("content", ["almost 2000 Ukranian soldiers have surrendered", "Everyone was provided"])
def test_hedges_none_where_the_sentence_has_none(seed_doc, content):
    assert _claim_with(seed_doc, content)["hedges"] == []


def test_hedges_bracketed_insertions_inside_a_quote(seed_doc):
    claim = _claim_with(seed_doc, "I vouch that the Russian armed forces")
    assert [_text(seed_doc, i) for i in claim["insertions"]] == [
        "[Moscow’s euphemism for its war in Ukraine]",
        "[the pro-Russian self-declared separatist regions]",
    ]


@pytest.mark.parametrize("content", ["Everyone was provided", "almost 2000 Ukranian soldiers"])
def test_hedges_no_insertions_without_brackets(seed_doc, content):
    assert _claim_with(seed_doc, content)["insertions"] == []


def test_hedges_denial_in_next_sentence_marks_the_accusation_denied(nlp, shared):
    text = _kramatorsk(shared, "kr-leaders-2022-04-08", "Russia, however, denied any involvement")
    doc = make_doc(nlp, text, "2022-04-08")
    claim = _claim_with(doc, "it took place as civilians were at the station")
    assert claim["verification"]["status"] == "denied"
    assert _text(doc, claim["verification"]["evidence"]) == "denied"
    # the denial itself is Russia's claim, not a denied one
    denial = _claim_with(doc, "any involvement")
    assert denial["verification"] is None


@pytest.mark.parametrize(
    "needle", ["Ukraine’s armed forces denied responsibility, saying"]
)
def test_hedges_own_denial_is_not_evidence_against_own_claim(nlp, shared, needle):
    data = json.loads((shared / "gold" / "dev" / "olenivka.json").read_text(encoding="utf-8"))
    text = next(a["text"] for a in data["articles"] if a["id"] == "ol-straitstimes-2022-07-29")
    para = next(p for p in text.split("\n\n") if needle in p)
    doc = make_doc(nlp, para, "2022-07-29")
    claim = _claim_with(doc, "Russian artillery had targeted the prison")
    assert claim["verification"] is None


@pytest.mark.parametrize(
    "sentence,status,evidence",
    [
        ("CNN could not independently verify the figures.", "unverified", "could not independently verify"),
        ("The figure could not be confirmed.", "unverified", "could not be confirmed"),
        ("Ukraine disputed the figure.", "disputed", "disputed"),
        ("The number was confirmed by the UN human rights office.", "confirmed", "was confirmed"),
    ],
)
def test_hedges_verification_phrase_after_the_claim(nlp, shared, sentence, status, evidence):
    # the seed's Shoigu figure, followed by each kind of verification sentence
    text = "Shoigu also said that 177 civilians had been evacuated from the plant. " + sentence
    doc = make_doc(nlp, text, "2022-05-20")
    claim = _claim_with(doc, "177 civilians had been evacuated")
    assert claim["verification"]["status"] == status
    assert _text(doc, claim["verification"]["evidence"]) == evidence


@pytest.mark.parametrize(
    "later", ["Azovstal was the last holdout in Russian-occupied Mariupol. CNN could not independently verify the figures."]
)
def test_hedges_verification_two_sentences_away_does_not_attach(nlp, later):
    text = "Shoigu also said that 177 civilians had been evacuated from the plant. " + later
    doc = make_doc(nlp, text, "2022-05-20")
    assert _claim_with(doc, "177 civilians had been evacuated")["verification"] is None
