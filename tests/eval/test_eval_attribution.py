"""The attribution eval suite: raw and mapped views, fragments, one mapping for every system."""

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


def _at(text: str, words: str, after: int = 0) -> list[int]:
    s = text.index(words, after)
    return [s, s + len(words)]


def _row(kind: str, text: str, content: str, cue: str, source: str) -> dict:
    return {"kind": kind, "content": _at(text, content), "cue": _at(text, cue), "source_mention": _at(text, source)}


def _gold_span(text: str, words: str, after: int = 0) -> dict:
    s, e = _at(text, words, after)
    return {"text": words, "start": s, "end": e}


# PolNeAR train: one direct attribution whose content is two fragments around its frame
JUDGE = "“Everything that you have said and everything that I have said,” the judge exclaimed, “has totally overlapped.”"
FIRST = "“Everything that you have said and everything that I have said,”"
SECOND = "“has totally overlapped.”"


def _judge_record() -> dict:
    content = _gold_span(JUDGE, JUDGE)
    content["fragments"] = [_gold_span(JUDGE, FIRST), _gold_span(JUDGE, SECOND)]
    attribution = {
        "type": "direct",
        "source": _gold_span(JUDGE, "the judge"),
        "cue": _gold_span(JUDGE, "exclaimed"),
        "content": content,
    }
    return {"id": "judge", "text": JUDGE, "attributions": [attribution]}


def _judge_rows(contents: list[str]) -> list[dict]:
    return [_row("direct_quote", JUDGE, c, "exclaimed", "the judge") for c in contents]


def _score(record: dict, rows: list[dict], norm, raw: bool) -> suite.Scorer:
    text = record["text"]
    gold, pred = suite.raw_gold(record), suite.raw_claims(rows)
    if not raw:
        gold, pred = suite.mapped(text, gold, norm, system=False), suite.mapped(text, pred, norm)
    return suite._score_all([(text, gold, pred)], split=raw)


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


@pytest.mark.parametrize("raw", [True, False])
def test_eval_attribution_gold_against_itself_scores_one(norm, train_record, raw):
    text = train_record["text"]
    gold = suite.raw_gold(train_record)
    if not raw:
        gold = suite.mapped(text, gold, norm, system=False)
    sc = suite._score_all([(text, gold, gold)], split=raw)
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
    gold = [a for a in suite.gold_attributions(train_record, norm) if len(a.content) == 1][:1]
    (s, e), = gold[0].content
    half = suite.Attribution(gold[0].type, gold[0].source, gold[0].cue, ((s, s + (e - s) // 2),))
    sc = suite._score_all([(text, gold, [half])])
    assert sc.f1("content", exact=True) == 0.0
    assert 0.0 < sc.f1("content", exact=False) < 1.0
    assert sc.f1("cue", exact=True) == pytest.approx(1.0)


def test_eval_attribution_raw_view_needs_the_exact_offsets(norm):
    # our contract leaves the quotation marks out; PolNeAR keeps them: raw exact says so
    record = _judge_record()
    rows = _judge_rows(["Everything that you have said and everything that I have said", "has totally overlapped"])
    raw, mapped = _score(record, rows, norm, raw=True), _score(record, rows, norm, raw=False)
    assert raw.f1("content", exact=True) == 0.0
    assert raw.f1("content", exact=False) == pytest.approx(1.0)  # the same words
    assert mapped.f1("content", exact=True) == pytest.approx(1.0)
    # two rows, one gold cue: a tag sequence holds the cue once, so raw finds it once and
    # counts nothing spurious (PolNeAR is univocal; the anchors are tag-sequence scores)
    assert raw.exact["cue"].tp == 1 and raw.exact["cue"].fp == 0
    assert mapped.exact["cue"].tp == 1 and mapped.exact["cue"].fp == 0


def test_eval_attribution_raw_view_counts_a_wrong_span_once_however_many_rows_repeat_it(norm):
    record = _judge_record()
    rows = _judge_rows([FIRST, SECOND])
    for row in rows:  # both rows give the same cue, one word too long
        row["cue"] = [row["cue"][0], row["cue"][1] + 4]
    sc = _score(record, rows, norm, raw=True)
    assert sc.exact["cue"].tp == 0 and sc.exact["cue"].fp == 1 and sc.exact["cue"].fn == 1


def test_eval_attribution_raw_view_scores_each_gold_fragment(norm):
    record = _judge_record()
    rows = _judge_rows([FIRST, SECOND])  # the fragments exactly, marks included
    sc = _score(record, rows, norm, raw=True)
    assert sc.gold_n["content"] == 2
    assert sc.f1("content", exact=True) == pytest.approx(1.0)
    # one fragment right, one missing: half the recall
    sc = _score(record, _judge_rows([FIRST]), norm, raw=True)
    assert sc.exact["content"].tp == 1 and sc.exact["content"].fn == 1


def test_eval_attribution_discontinuous_gold_is_not_matched_by_its_hull(norm):
    # a content that runs over its own frame is not the two fragments PolNeAR annotates
    record = _judge_record()
    hull = [_row("indirect", JUDGE, JUDGE, "exclaimed", "the judge")]
    for raw in (True, False):
        sc = _score(record, hull, norm, raw=raw)
        assert sc.f1("content", exact=True) == 0.0
        assert 0.0 < sc.f1("content", exact=False) < 1.0  # "the judge exclaimed" costs precision


def test_eval_attribution_rows_are_one_attribution_only_with_the_same_cue_and_source(norm):
    rows = _judge_rows([FIRST, SECOND])
    assert len(suite.per_cue(suite.raw_claims(rows))) == 1
    rows[1]["source_mention"] = _at(JUDGE, "judge")
    assert len(suite.per_cue(suite.raw_claims(rows))) == 2


def test_eval_attribution_scorer_repairs_no_parse(norm):
    # PolNeAR dev shape: the quote after "but" belongs to the reported clause, but the parse
    # ended the clause before it; the old scorer joined them, the honest one does not
    text = (
        "He is claiming voting fraud is “a big, big problem in this country” but “nobody has "
        "the guts to talk about it.”"
    )
    rows = [
        _row("indirect", text, "voting fraud is “a big, big problem in this country", "claiming", "He"),
        _row("direct_quote", text, "nobody has the guts to talk about it.", "claiming", "He"),
    ]
    (attribution,) = suite.mapped(text, suite.raw_claims(rows), norm)
    assert [text[s:e] for s, e in attribution.content] == [
        "voting fraud is “a big, big problem in this country",
        "nobody has the guts to talk about it",
    ]


def test_eval_attribution_quote_inside_its_reported_clause_is_part_of_it(norm):
    # PolNeAR train: the quoted words end the reported clause (a "mixed" attribution)
    text = "Spokeswoman Haley Morris says the candidate has “always run a lean campaign,” and more."
    reported = _row("indirect", text, "the candidate has “always run a lean campaign", "says", "Spokeswoman Haley Morris")
    quote = _row("direct_quote", text, "always run a lean campaign,", "says", "Spokeswoman Haley Morris")
    (attribution,) = suite.mapped(text, suite.raw_claims([reported, quote]), norm)
    assert attribution.type == "indirect"
    assert [text[s:e] for s, e in attribution.content] == ["the candidate has “always run a lean campaign"]


class _Doc:
    """Just what the suite reads from a parsed Doc: the text and the claim rows."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._ = type("Ext", (), {"claims": [], "published": None})()


class _Extractor:
    """Stands in for the pipeline: every document gets the claim rows `rows` gives its text."""

    def __init__(self, rows) -> None:
        self.nlp = self
        self.rows = rows

    def make_doc(self, text: str) -> _Doc:
        return _Doc(text)

    def pipe(self, docs, batch_size: int = 8):
        for doc in docs:
            doc._.claims = self.rows(doc.text)
            yield doc


def test_eval_attribution_peer_goes_through_the_same_mapping(monkeypatch, train_record):
    """A peer that writes exactly our rows gets exactly our score, in every row and view."""
    judge = _judge_record()

    def rows(text: str) -> list[dict]:
        if text == JUDGE:
            return _judge_rows(["Everything that you have said", "has totally overlapped"])
        # the train record's gold, one row per fragment, marks left in: rows to group and trim
        return [
            {
                "kind": "direct_quote" if a["type"] == "direct" else "indirect",
                "content": [f["start"], f["end"]],
                "cue": [a["cue"]["start"], a["cue"]["end"]] if a.get("cue") else None,
                "source_mention": [a["source"]["start"], a["source"]["end"]] if a.get("source") else None,
            }
            for a in train_record["attributions"]
            for f in a["content"].get("fragments") or [a["content"]]
        ]

    monkeypatch.setattr(suite, "_load_peer", lambda result: lambda doc: suite.raw_claims(doc._.claims))
    result = suite.evaluate(_Extractor(rows), [train_record, judge], peers=True)
    assert result.metrics, "no rows"
    for m in result.metrics:
        assert m.peer == m.claimledger, m.name
    assert result.metric("content_exact_f1").claimledger < 1.0  # the judge's first fragment is cut short
    # the mapped view trims the train record's cue marks; the raw view keeps them
    assert result.metric("content_exact_f1_raw").claimledger < result.metric("content_exact_f1").claimledger


def test_eval_attribution_fast_slice(extractor):
    result = suite.run(extractor, limit=3, peers=False)
    assert result.records == 3
    names = {m.name for m in result.metrics}
    assert {"source_exact_f1", "cue_exact_f1", "content_overlap_f1", "content_exact_f1/direct"} <= names
    assert {f"{c}_{k}_f1_raw" for c in suite.COMPONENTS for k in ("exact", "overlap")} <= names
    for m in result.metrics:
        assert 0.0 <= m.claimledger <= 1.0
    # far above the published rule baseline (10.7 / 22.8 / 5.6 exact F1)
    assert result.metric("source_exact_f1_raw").claimledger > 0.3
    assert result.metric("cue_exact_f1_raw").claimledger > 0.3


def test_eval_attribution_textacy_peer_counts_failures(extractor):
    pytest.importorskip("textacy")
    result = suite.run(extractor, limit=2, peers=True)
    assert result.peer_name == "textacy"
    assert any("textacy: " in note and "raised on" in note for note in result.notes)
    assert result.metric("content_overlap_f1").peer is not None
    assert result.metric("content_overlap_f1_raw").peer is not None


def test_eval_attribution_dev_meets_the_issue_floors(extractor):
    """The whole PolNeAR dev split (84 documents, ~30 s): the floors of issues 3 and 9."""
    result = suite.run(extractor, peers=False)
    for name, floor in suite.FLOORS.items():
        assert result.metric(name).claimledger >= floor, name
