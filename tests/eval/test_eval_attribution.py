"""The attribution eval suite: normalisation, span scoring, the fast slice and the peer."""

from __future__ import annotations

import pytest

from claimledger.eval import attribution as suite
from claimledger.eval.base import read_jsonl


@pytest.fixture(scope="module")
def norm():
    return suite._Normaliser()


@pytest.fixture(scope="module")
def train_record() -> dict:
    return next(read_jsonl("attribution/polnear_train.jsonl", limit=1))


@pytest.mark.parametrize(
    "text,span,expected",
    [
        ("she said, “Unlike Hillary Clinton, I know.”", (10, 43), "Unlike Hillary Clinton, I know"),
        ("He thinks that reducing the deficit is more important.", (10, 54), "reducing the deficit is more important"),
        ("the voters said thatcher won", (16, 28), "thatcher won"),
    ],
)
def test_eval_attribution_normaliser_drops_marks_and_complementiser(norm, text, span, expected):
    s, e = norm(text, span)
    assert text[s:e] == expected


def test_eval_attribution_gold_against_itself_scores_one(norm, train_record):
    gold = suite.gold_attributions(train_record, norm)
    sc = suite._score_all([(train_record["text"], gold, gold)])
    for comp in suite.COMPONENTS:
        assert sc.f1(comp, exact=True) == pytest.approx(1.0)
        assert sc.f1(comp, exact=False) == pytest.approx(1.0)


def test_eval_attribution_empty_prediction_scores_zero(norm, train_record):
    gold = suite.gold_attributions(train_record, norm)
    sc = suite._score_all([(train_record["text"], gold, [])])
    assert sc.f1("content", exact=True) == 0.0
    assert sc.f1("content", exact=False) == 0.0


def test_eval_attribution_overlap_gives_partial_credit(norm, train_record):
    text = train_record["text"]
    gold = suite.gold_attributions(train_record, norm)[:1]
    s, e = gold[0]["content"]
    half = dict(gold[0], content=(s, s + (e - s) // 2))
    sc = suite._score_all([(text, gold, [half])])
    assert sc.f1("content", exact=True) == 0.0
    assert 0.0 < sc.f1("content", exact=False) < 1.0
    assert sc.f1("cue", exact=True) == pytest.approx(1.0)


def test_eval_attribution_fast_slice(extractor):
    result = suite.run(extractor, limit=3, peers=False)
    assert result.records == 3
    names = {m.name for m in result.metrics}
    assert {"source_exact_f1", "cue_exact_f1", "content_overlap_f1", "content_exact_f1/direct"} <= names
    for m in result.metrics:
        assert 0.0 <= m.claimledger <= 1.0
    # far above the published rule baseline (10.7 / 22.8 / 5.6 exact F1)
    assert result.metric("source_exact_f1").claimledger > 0.3
    assert result.metric("cue_exact_f1").claimledger > 0.3


def test_eval_attribution_textacy_peer_counts_failures(extractor):
    pytest.importorskip("textacy")
    result = suite.run(extractor, limit=2, peers=True)
    assert result.peer_name == "textacy"
    assert any("textacy raised on" in note for note in result.notes)
    assert result.metric("content_overlap_f1").peer is not None


def test_eval_attribution_dev_meets_the_issue_floors(extractor):
    """The whole PolNeAR dev split (84 documents, ~30 s): the floors of issue 3."""
    result = suite.run(extractor, peers=False)
    for name, floor in suite.FLOORS.items():
        assert result.metric(name).claimledger >= floor, name


class _Doc:
    """Just what `predicted_attributions` reads: the text and the claim rows."""

    def __init__(self, text: str, claims: list[dict]) -> None:
        self.text = text
        self._ = type("Ext", (), {"claims": claims})()


def _row(kind: str, text: str, content: str, cue: str, source: str) -> dict:
    def at(words: str) -> list[int]:
        s = text.index(words)
        return [s, s + len(words)]

    return {"kind": kind, "content": at(content), "cue": at(cue), "source_mention": at(source)}


# PolNeAR train: two paragraphs of one speaker, the attribution closing the first
CARSON = (
    "“Cyber security remains one of the biggest challenges facing our country today,” Carson "
    "continued.\n\n“Even under the best cases, our classified information is under constant attack.”"
)


def test_eval_attribution_quote_paragraphs_split_only_by_their_attribution_are_one(norm):
    first = _row("direct_quote", CARSON, "Cyber security remains", "continued", "Carson")
    first["content"][1] = CARSON.index("today") + len("today")
    second = _row("direct_quote", CARSON, "Even under the best cases", "continued", "Carson")
    second["content"][1] = CARSON.index("attack.") + len("attack.")
    pred = suite.predicted_attributions(_Doc(CARSON, [first, second]), norm)
    assert len(pred) == 1
    s, e = pred[0]["content"]
    assert CARSON[s:e].startswith("Cyber security") and CARSON[s:e].endswith("constant attack")


def test_eval_attribution_quote_paragraphs_with_other_words_between_stay_apart(norm):
    text = CARSON.replace("continued.", "continued. He paused.")
    first = _row("direct_quote", text, "Cyber security remains one of the biggest", "continued", "Carson")
    second = _row("direct_quote", text, "Even under the best cases", "continued", "Carson")
    assert len(suite.predicted_attributions(_Doc(text, [first, second]), norm)) == 2


def test_eval_attribution_quote_ending_a_reported_clause_is_part_of_it(norm):
    # PolNeAR train: the quoted words end the reported clause; marks and comma differ
    text = "Spokeswoman Haley Morris says the candidate has “always run a lean campaign,” and more."
    reported = _row("indirect", text, "the candidate has “always run a lean campaign", "says", "Spokeswoman Haley Morris")
    quote = _row("direct_quote", text, "always run a lean campaign,", "says", "Spokeswoman Haley Morris")
    pred = suite.predicted_attributions(_Doc(text, [reported, quote]), norm)
    assert [a["type"] for a in pred] == ["indirect"]


# PolNeAR dev shape: the parse ends the reported clause inside the quote
SUBSIDIARIES = (
    "The report says the company ''reports having 987 subsidiaries in offshore tax havens, "
    "537 of which are in the Cayman Islands.''"
)


@pytest.mark.parametrize("quote_cue,expected", [("says", 1), ("The report", 2)])
def test_eval_attribution_quote_running_past_a_reported_clause_joins_it_only_in_one_frame(
    norm, quote_cue, expected
):
    text = SUBSIDIARIES
    reported = _row("indirect", text, "the company ''reports having 987 subsidiaries", "says", "The report")
    quote = _row("direct_quote", text, "reports having 987 subsidiaries in offshore tax havens, 537", quote_cue, "The report")
    quote["content"][1] = text.index("Islands") + len("Islands")
    pred = suite.predicted_attributions(_Doc(text, [reported, quote]), norm)
    assert len(pred) == expected
    if expected == 1:
        s, e = pred[0]["content"]
        assert text[s:e].startswith("the company") and text[s:e].endswith("Cayman Islands")


@pytest.mark.parametrize(
    "text,reported,quotes,cue,source,ending",
    [
        (  # PolNeAR train shape: "Mr. Amar said if …, a bargain might be possible: ''…''"
            "Mr. Amar said if viewed through the lens of negotiating strategy, some kind of grand "
            "bargain might be possible: ''They could trade the wall for a path to citizenship.''",
            "if viewed through the lens of negotiating strategy, some kind of grand bargain might be possible",
            ["They could trade the wall for a path to citizenship."],
            "said",
            "Mr. Amar",
            "path to citizenship",
        ),
        (  # PolNeAR dev shape: two quoted stretches of one reported clause
            "He is claiming voting fraud is “a big, big problem in this country” but “nobody has "
            "the guts to talk about it.”",
            "voting fraud is “a big, big problem in this country",
            ["a big, big problem in this country", "nobody has the guts to talk about it."],
            "claiming",
            "He",
            "talk about it",
        ),
    ],
)
def test_eval_attribution_quote_after_a_colon_or_conjunction_of_the_same_frame_is_part_of_it(
    norm, text, reported, quotes, cue, source, ending
):
    rows = [_row("indirect", text, reported, cue, source)]
    rows += [_row("direct_quote", text, q, cue, source) for q in quotes]
    pred = suite.predicted_attributions(_Doc(text, rows), norm)
    assert len(pred) == 1 and text[slice(*pred[0]["content"])].endswith(ending)
