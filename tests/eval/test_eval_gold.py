"""The gold suite's claim scoring: overlap matching as FORMAT.md says, and how much is covered."""

from __future__ import annotations

import pytest

from claimledger.eval.gold import GoldScore, score_article
from claimledger.model import Claim, Document, Extraction, Span

# from the seed article (../shared/gold/dev/seed.txt)
TEXT = (
    "Russia’s Defense Ministry has said that almost 2000 Ukranian soldiers have surrendered. "
    "Shoigu also said that 177 civilians had been evacuated from the plant."
)
GOLD_CONTENT = "almost 2000 Ukranian soldiers have surrendered"


def _span(phrase: str) -> Span:
    start = TEXT.index(phrase)
    return Span.of(TEXT, start, start + len(phrase))


def _score(predicted_content: str) -> GoldScore:
    article = {
        "id": "seed-part",
        "text": TEXT,
        "indirect": [{"content": GOLD_CONTENT, "occurrence": 1, "source": None, "cue": "has said"}],
    }
    claim = Claim(id="c1", kind="indirect", content=_span(predicted_content), source_id=None)
    extraction = Extraction(document=Document(id="d", text=TEXT), claims=[claim])
    score = GoldScore()
    score_article(article, extraction, score)
    return score


@pytest.mark.parametrize(
    "predicted,recalled,half_covered",
    [
        (GOLD_CONTENT, True, True),
        ("2000 Ukranian soldiers have surrendered", True, True),  # most of it
        ("almost 2000", True, False),  # any overlap is a match, but covers a fifth of the clause
        ("177 civilians had been evacuated", False, False),  # another clause
    ],
)
def test_eval_gold_indirect_recall_counts_any_overlap_and_reports_coverage(predicted, recalled, half_covered):
    score = _score(predicted)
    assert score.indirect_recall.value == float(recalled)
    assert score.indirect_half.value == float(half_covered)
    names = [m.name for m in score.metrics()]
    assert names.index("indirect recall (half covered)") == names.index("indirect recall") + 1
