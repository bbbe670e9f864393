"""The `gold` suite: hand-annotated story clusters in ../shared/gold/*/ (FORMAT.md).

Matching, as FORMAT.md prescribes: each gold `text`/`content` is located at its
`occurrence`; predictions match gold by character overlap, one to one, largest overlap first.

Figures: span P/R/F1; of matched figures, accuracy of value, low, high, qualifier, event,
source and stated_on; and a strict **attributed-figure** F1 where a true positive needs the
span, value/low/high and the source right at once.
Direct quotes: P/R/F1 of `direct_quote` claims against gold quotes, and speaker accuracy of
matched quotes. Indirect claims: recall of gold indirect attributions by any non-quote,
non-narrative claim, and source accuracy of the matched ones.

Any overlap is a match (FORMAT.md): gold quotes give only the first words of a quote, so
nothing stricter is fair there. A gold indirect content is the whole reported clause, and a
claim that shares a few of its characters still recalls it; so beside `indirect recall` the
suite reports `indirect recall (half covered)`, where the matched claim must cover at least
half of the gold content's characters. The same rules hold for any system scored here; the
alias matching of sources (gold_sources.py) keeps its own frozen pronoun list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claimledger.documents import DocumentInput
from claimledger.eval.base import PRF, Metric, SuiteResult, overlap
from claimledger.eval.gold_sources import source_matches
from claimledger.extract import Extractor
from claimledger.model import Extraction
from claimledger.paths import shared_dir


def locate(text: str, needle: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Offsets of the `occurrence`-th (1-based) exact occurrence of `needle` in `text`."""
    start = -1
    for _ in range(max(occurrence, 1)):
        start = text.find(needle, start + 1)
        if start < 0:
            return None
    return start, start + len(needle)


def cluster_paths(split: str = "dev") -> list[Path]:
    """Gold cluster files of a split (`dev`, or any other folder under gold/), sorted."""
    folder = shared_dir() / "gold" / split
    return sorted(folder.glob("*.json"))


def load_articles(paths: Iterable[Path]) -> Iterator[dict]:
    for path in paths:
        cluster = json.loads(path.read_text(encoding="utf-8"))
        for article in cluster["articles"]:
            yield {**article, "cluster": path.stem}


def article_input(article: dict) -> DocumentInput:
    """The gold article as extractor input (its text is analysed exactly as annotated)."""
    return DocumentInput(
        text=article["text"],
        published=article.get("published"),
        url=article.get("url"),
        title=article.get("title"),
        outlet=article.get("outlet"),
        id=article["id"],
    )


def match_spans(
    gold: list[tuple[int, int]], pred: list[tuple[int, int]]
) -> dict[int, int]:
    """One-to-one matching by character overlap, largest overlap first: gold index → pred index."""
    pairs = sorted(
        (
            (-overlap(g, p), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(pred)
            if overlap(g, p) > 0
        )
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: dict[int, int] = {}
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out[gi] = pi
    return out


def _num_eq(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class GoldScore:
    """Counts accumulated over articles; `metrics()` turns them into table rows."""

    fig_span: PRF = field(default_factory=PRF)
    fig_strict: PRF = field(default_factory=PRF)
    acc: dict[str, Accuracy] = field(default_factory=dict)
    quotes: PRF = field(default_factory=PRF)
    indirect_recall: Accuracy = field(default_factory=Accuracy)
    indirect_half: Accuracy = field(default_factory=Accuracy)
    errors: list[str] = field(default_factory=list)
    articles: int = 0

    def a(self, name: str) -> Accuracy:
        return self.acc.setdefault(name, Accuracy())

    def metrics(self) -> list[Metric]:
        rows = [
            Metric("figure span P", self.fig_span.precision, n=int(self.fig_span.tp + self.fig_span.fp)),
            Metric("figure span R", self.fig_span.recall, n=int(self.fig_span.tp + self.fig_span.fn)),
            Metric("figure span F1", self.fig_span.f1),
        ]
        for name in ("value", "low", "high", "qualifier", "event", "source", "stated_on"):
            acc = self.a(f"figure {name}")
            rows.append(Metric(f"figure {name} acc (matched)", acc.value, n=acc.total))
        rows += [
            Metric("attributed-figure strict F1", self.fig_strict.f1, n=int(self.fig_strict.tp + self.fig_strict.fn)),
            Metric("direct-quote P", self.quotes.precision),
            Metric("direct-quote R", self.quotes.recall, n=int(self.quotes.tp + self.quotes.fn)),
            Metric("direct-quote F1", self.quotes.f1),
            Metric("direct-quote speaker acc", self.a("speaker").value, n=self.a("speaker").total),
            Metric("indirect recall", self.indirect_recall.value, n=self.indirect_recall.total),
            Metric("indirect recall (half covered)", self.indirect_half.value, n=self.indirect_half.total),
            Metric("indirect source acc", self.a("indirect source").value, n=self.a("indirect source").total),
        ]
        return rows


def _claim_of(ex: Extraction, claim_id: str | None):
    return next((c for c in ex.claims if c.id == claim_id), None)


def located(
    article: dict, key: str, field: str, errors: list[str]
) -> tuple[list[dict], list[tuple[int, int]]]:
    """Gold items of `article[key]` with the offsets of their `field`; unfound ones are reported."""
    items, spans = [], []
    for item in article.get(key, []):
        span = locate(article["text"], item[field], item.get("occurrence", 1))
        if span is None:
            errors.append(f"{article['id']}: {key} {item[field][:30]!r} not found in text")
            continue
        items.append(item)
        spans.append(span)
    return items, spans


def score_article(article: dict, ex: Extraction, score: GoldScore) -> None:
    """Add one article's comparison to `score`."""
    score.articles += 1

    # figures
    gold_figs, gold_spans = located(article, "figures", "text", score.errors)
    pred_spans = [(f.span.start, f.span.end) for f in ex.figures]
    matched = match_spans(gold_spans, pred_spans)
    score.fig_span.tp += len(matched)
    score.fig_span.fn += len(gold_figs) - len(matched)
    score.fig_span.fp += len(ex.figures) - len(matched)
    strict_tp = 0
    for gi, pi in matched.items():
        g, f = gold_figs[gi], ex.figures[pi]
        claim = _claim_of(ex, f.claim_id)
        value_ok = _num_eq(f.value, g.get("value"))
        low_ok = _num_eq(f.low, g.get("low"))
        high_ok = _num_eq(f.high, g.get("high"))
        src_ok = source_matches(ex, claim, g.get("source"))
        stated = claim.stated_on.date if claim and claim.stated_on else None
        score.a("figure value").add(value_ok)
        score.a("figure low").add(low_ok)
        score.a("figure high").add(high_ok)
        score.a("figure qualifier").add(f.qualifier == g.get("qualifier"))
        score.a("figure event").add(f.event == g.get("event"))
        score.a("figure source").add(src_ok)
        score.a("figure stated_on").add(stated == g.get("stated_on"))
        if value_ok and low_ok and high_ok and src_ok:
            strict_tp += 1
    score.fig_strict.tp += strict_tp
    score.fig_strict.fn += len(gold_figs) - strict_tp
    score.fig_strict.fp += len(ex.figures) - strict_tp

    # direct quotes
    quotes = [c for c in ex.claims if c.kind == "direct_quote"]
    gold_q, gold_q_spans = located(article, "quotes", "content", score.errors)
    qmatch = match_spans(gold_q_spans, [(c.content.start, c.content.end) for c in quotes])
    score.quotes.tp += len(qmatch)
    score.quotes.fn += len(gold_q) - len(qmatch)
    score.quotes.fp += len(quotes) - len(qmatch)
    for gi, pi in qmatch.items():
        score.a("speaker").add(source_matches(ex, quotes[pi], gold_q[gi].get("speaker")))

    # indirect claims (recall-oriented: gold is best effort)
    others = [c for c in ex.claims if c.kind not in ("direct_quote", "narrative")]
    gold_i, gold_i_spans = located(article, "indirect", "content", score.errors)
    imatch = match_spans(gold_i_spans, [(c.content.start, c.content.end) for c in others])
    for gi, (s, e) in enumerate(gold_i_spans):
        score.indirect_recall.add(gi in imatch)
        pred = others[imatch[gi]].content if gi in imatch else None
        score.indirect_half.add(pred is not None and 2 * overlap((s, e), (pred.start, pred.end)) >= e - s)
    for gi, pi in imatch.items():
        score.a("indirect source").add(source_matches(ex, others[pi], gold_i[gi].get("source")))


def score_gold(
    extractor: Extractor,
    split: str = "dev",
    limit: int | None = None,
    clusters: Sequence[str] | None = None,
) -> tuple[GoldScore, dict[str, GoldScore]]:
    """Score every article of a split (or of the named clusters): the total and one score per cluster."""
    paths = cluster_paths(split)
    if clusters is not None:
        paths = [p for p in paths if p.stem in set(clusters)]
    articles = list(load_articles(paths))
    if limit is not None:
        articles = articles[:limit]
    total = GoldScore()
    per_cluster: dict[str, GoldScore] = {}
    results = extractor.extract_many(article_input(a) for a in articles)
    for article, ex in zip(articles, results, strict=True):
        score_article(article, ex, total)
        score_article(article, ex, per_cluster.setdefault(article["cluster"], GoldScore()))
    return total, per_cluster


def run(
    extractor: Extractor,
    limit: int | None = None,
    peers: bool = True,
    clusters: Sequence[str] | None = None,
) -> SuiteResult:
    """The `gold` suite over ../shared/gold/dev (no peer tool does this whole task).

    `clusters` narrows it to some story clusters: the quality gate holds the clusters the
    rules were developed against and the clusters added later, unseen, to floors of their own.
    """
    total, per_cluster = score_gold(extractor, "dev", limit, clusters)
    corpus = "gold/dev" if clusters is None else f"gold/dev ({'+'.join(sorted(clusters))})"
    result = SuiteResult(suite="gold", corpus=corpus, peer_name=None, records=total.articles)
    result.metrics = total.metrics()
    for name, sc in sorted(per_cluster.items()):
        result.notes.append(
            f"{name}: figure span F1 {sc.fig_span.f1:.3f}, strict F1 {sc.fig_strict.f1:.3f}, "
            f"quote F1 {sc.quotes.f1:.3f}, indirect recall {sc.indirect_recall.value or 0:.3f}"
        )
    result.notes += total.errors
    return result
