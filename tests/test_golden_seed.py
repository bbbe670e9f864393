"""Golden test on the founding example (../shared/gold/dev/seed.json).

Every gold figure must be found with its value, low, high, qualifier, source and stated_on;
every direct quote with Shoigu as speaker; every indirect claim with its source. Mismatches
are collected and reported together so a failure says everything that is wrong at once.
"""

from __future__ import annotations

import pytest

from claimledger.eval.gold import article_input, locate, match_spans
from claimledger.eval.gold_sources import source_matches


@pytest.fixture(scope="module")
def seed(extractor, seed_gold):
    return seed_gold, next(extractor.extract_many([article_input(seed_gold)]))


def _claim(ex, claim_id):
    return next(c for c in ex.claims if c.id == claim_id)


def test_seed_every_figure_with_value_bounds_qualifier_source_and_date(seed):
    gold, ex = seed
    gold_spans = [locate(gold["text"], g["text"], g["occurrence"]) for g in gold["figures"]]
    matched = match_spans(gold_spans, [(f.span.start, f.span.end) for f in ex.figures])
    problems = []
    for gi, g in enumerate(gold["figures"]):
        if gi not in matched:
            problems.append(f"missing figure {g['text']!r}")
            continue
        f = ex.figures[matched[gi]]
        claim = _claim(ex, f.claim_id)
        got = {
            "text": f.span.text,
            "value": f.value,
            "low": f.low,
            "high": f.high,
            "qualifier": f.qualifier,
            "stated_on": claim.stated_on.date if claim.stated_on else None,
        }
        want = {k: g[k] for k in got}
        if got != want:
            problems.append(f"{g['text']!r}: got {got}, want {want}")
        if not source_matches(ex, claim, g["source"]):
            problems.append(f"{g['text']!r}: source of claim {claim.content.text[:40]!r} is not {g['source'][0]!r}")
    assert not problems, "\n".join(problems)


def test_seed_every_direct_quote_has_shoigu_as_speaker(seed):
    gold, ex = seed
    quotes = [c for c in ex.claims if c.kind == "direct_quote"]
    spans = [locate(gold["text"], q["content"], q["occurrence"]) for q in gold["quotes"]]
    matched = match_spans(spans, [(c.content.start, c.content.end) for c in quotes])
    problems = [f"missing quote {q['content'][:40]!r}" for i, q in enumerate(gold["quotes"]) if i not in matched]
    for gi, pi in matched.items():
        if not source_matches(ex, quotes[pi], gold["quotes"][gi]["speaker"]):
            problems.append(f"quote {gold['quotes'][gi]['content'][:40]!r}: wrong speaker")
    scare = locate(gold["text"], "combat mission")
    if any(c.content.start <= scare[0] < c.content.end and c.content.end - c.content.start < 20 for c in quotes):
        problems.append("the scare quote 'combat mission' was taken as a claim")
    assert not problems, "\n".join(problems)


def test_seed_every_indirect_claim_with_its_source(seed):
    gold, ex = seed
    others = [c for c in ex.claims if c.kind not in ("direct_quote", "narrative")]
    spans = [locate(gold["text"], q["content"], q["occurrence"]) for q in gold["indirect"]]
    matched = match_spans(spans, [(c.content.start, c.content.end) for c in others])
    problems = [f"missing indirect {q['content'][:50]!r}" for i, q in enumerate(gold["indirect"]) if i not in matched]
    for gi, pi in matched.items():
        if not source_matches(ex, others[pi], gold["indirect"][gi]["source"]):
            problems.append(f"indirect {gold['indirect'][gi]['content'][:40]!r}: wrong source")
    assert not problems, "\n".join(problems)


def test_seed_insertions_and_hedge_are_marked(seed):
    gold, ex = seed
    insertions = {s.text for c in ex.claims for s in c.insertions}
    assert "[Moscow’s euphemism for its war in Ukraine]" in insertions
    assert "[the pro-Russian self-declared separatist regions]" in insertions
    hedges = {s.text for c in ex.claims for s in c.hedges}
    assert any("appears to" in h for h in hedges)
