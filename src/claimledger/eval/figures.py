"""Figures on NewsQuant (CQE, EMNLP 2023): value F1 and value+unit F1, beside quantulum3.

Matching follows CQE's evaluation: each record is one sentence; a predicted quantity matches
a gold quantity of the same sentence when their values are equal (each gold and each
prediction is used once, greedily in text order). Values are compared as:

* a gold point value (``value`` set): the prediction's point value equals it (relative
  tolerance 1e-6, so 1.37 million == 1370000);
* a gold range (``value`` null, ``low``/``high`` set, not vague): low and high both equal;
* a gold vague amount ("dozens", "tens of thousands": CQE writes 12/120, 10000/100000 where
  our FORMAT.md writes 24/99, 20000/99999): the prediction is vague and its span overlaps.
  The conventions differ, the meaning does not; this is 8 items.

For value+unit, the units must match too, after normalising both sides the same way:
lower-cased, the head word of the phrase (the last word before "per"/"of"/"a") singularised,
compared with the head of the gold `unit` and of its `normalized_unit`, or with any word of
the gold `unit` ("degrees" for "degrees Celsius"); symbols are mapped by the figures lexicon
("$" -> dollars, "%" -> percent). A gold unit "-" (no unit) matches a prediction with no
unit.

NewsQuant counts things our figures exclude by design (FORMAT.md): durations ("three
months"), ages ("a 50 year-old"), and the partitive "one of the ...". The suite reports both
views: ``all`` (every gold item; durations we do not emit count as misses) and ``figures``
(those gold items removed, with any prediction overlapping them). The floors apply to the
``figures`` view, whose definition is our contract; ``all`` is the CQE-comparable line.
Records whose gold the corpus marks incomplete are skipped (their unannotated quantities
would count as false positives).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from claimledger.data import load_lexicon
from claimledger.eval.base import PRF, Metric, SuiteResult, overlap, read_jsonl
from claimledger.extract import Extractor

CORPUS = "quantities/newsquant.jsonl"
PEER = "quantulum3"

#: gold normalized units that are durations or ages (excluded from our figures by design)
_TIME_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "year of age",
               "decade", "century", "millisecond", "nanosecond"}
_SPLIT = re.compile(r"[^a-z%$€£¥]+")
_HEAD_STOP = {"per", "of", "a", "an"}


@dataclass
class Quantity:
    """One quantity, gold or predicted, reduced to what the metrics compare."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    vague: bool
    unit: str | None
    alt_unit: str | None = None  # gold normalized_unit


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def values_match(gold: Quantity, pred: Quantity) -> bool:
    """CQE's value criterion, as described in the module docstring."""
    if gold.vague:
        return pred.vague and overlap((gold.start, gold.end), (pred.start, pred.end)) > 0
    if gold.value is not None:
        return _close(gold.value, pred.value)
    return _close(gold.low, pred.low) and _close(gold.high, pred.high)


class UnitNormaliser:
    """Reduce a unit phrase to a comparable head word."""

    def __init__(self) -> None:
        lex = load_lexicon("figures")["units"]
        self.symbols = {k.lower(): v.lower() for k, v in lex["currency_symbols"].items()}
        self.symbols.update({p.lower(): "percent" for p in lex["percent"]["words"]})

    def head(self, unit: str | None) -> str | None:
        if unit is None:
            return None
        low = unit.strip().lower()
        if low in ("", "-"):
            return None
        if low in self.symbols:
            low = self.symbols[low]
        words = [w for w in _SPLIT.split(low) if w]
        words = [self.symbols.get(w, w) for w in words]
        words = " ".join(words).split()
        if not words:
            return None
        cut = words
        for k, w in enumerate(words):
            if w in _HEAD_STOP and k > 0:
                cut = words[:k]
                break
        return _singular(cut[-1])

    def words(self, unit: str | None) -> set[str]:
        if not unit:
            return set()
        return {_singular(self.symbols.get(w, w)) for w in _SPLIT.split(unit.lower()) if w}

    def match(self, gold: Quantity, pred: Quantity) -> bool:
        g = {self.head(gold.unit), self.head(gold.alt_unit)}
        p = self.head(pred.unit)
        if p is None:
            return None in g and (gold.unit in (None, "-") or gold.alt_unit in (None, "-"))
        # the head word, or a word of the gold unit ("degrees" in "degrees Celsius")
        return p in g or p in self.words(gold.unit) or (pred.unit or "").lower() == (gold.unit or "").lower()


def _singular(w: str) -> str:
    if w in ("percent", "people", "news", "series", "species"):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 2:
        return w[:-1]
    return w


def gold_category(record: dict, q: dict) -> str:
    """'figure', or why our contract leaves it out: 'duration', 'age', 'partitive'."""
    norm = (q.get("normalized_unit") or "").lower()
    if norm == "year of age":
        return "age"
    if norm in _TIME_UNITS:
        return "duration"
    text = record["text"]
    after = text[q["value_end"] : q["value_end"] + 4].lower()
    if (q.get("value_text") or "").lower() == "one" and after.startswith(" of"):
        return "partitive"
    return "figure"


def gold_quantities(record: dict) -> list[tuple[Quantity, str]]:
    out = []
    for q in record["quantities"]:
        vague = q.get("span_source") == "aligned:vague"
        out.append(
            (
                Quantity(
                    start=q["start"],
                    end=q["end"],
                    value=q.get("value"),
                    low=q.get("low"),
                    high=q.get("high"),
                    vague=vague,
                    unit=q.get("unit"),
                    alt_unit=q.get("normalized_unit"),
                ),
                gold_category(record, q),
            )
        )
    return out


def score(
    pairs: Iterable[tuple[list[Quantity], list[Quantity]]],
    unit_match: Callable[[Quantity, Quantity], bool],
) -> tuple[PRF, PRF]:
    """(value PRF, value+unit PRF) over (gold, predicted) lists of sentences."""
    value, both = PRF(), PRF()
    for gold, pred in pairs:
        for prf, need_unit in ((value, False), (both, True)):
            used: set[int] = set()
            tp = 0
            for g in gold:
                for k, p in enumerate(pred):
                    if k in used or not values_match(g, p):
                        continue
                    if need_unit and not unit_match(g, p):
                        continue
                    used.add(k)
                    tp += 1
                    break
            prf.tp += tp
            prf.fp += len(pred) - tp
            prf.fn += len(gold) - tp
    return value, both


def _ours(extractor: Extractor, texts: list[str]) -> list[list[Quantity]]:
    out = []
    for doc in extractor.nlp.pipe(texts, batch_size=64):
        out.append(
            [
                Quantity(
                    start=r["start"],
                    end=r["end"],
                    value=r["value"],
                    low=r["low"],
                    high=r["high"],
                    vague=r["qualifier"] == "vague",
                    unit=r["unit"],
                )
                for r in doc._.figures or []
            ]
        )
    return out


def _quantulum(texts: list[str], notes: list[str]) -> list[list[Quantity]] | None:
    try:
        from quantulum3 import classifier as q3clf
        from quantulum3 import parser as q3
    except ImportError:
        notes.append("quantulum3 not installed: peer skipped (pip install -e '.[dev]')")
        return None
    out: list[list[Quantity]] = []
    for text in texts:
        try:
            found = q3.parse(text)
        except Exception:  # noqa: BLE001 - the pickled classifier breaks on newer scikit-learn
            if q3clf.USE_CLF:
                q3clf.USE_CLF = False
                notes.append(
                    "quantulum3's unit classifier failed to load (scikit-learn version); "
                    "peer run with USE_CLF=False (its dictionary disambiguation)"
                )
            try:
                found = q3.parse(text)
            except Exception:  # noqa: BLE001
                found = []
        row = []
        for q in found:
            name = q.unit.name if q.unit is not None else None
            unit = None if name in (None, "dimensionless") else name
            row.append(Quantity(q.span[0], q.span[1], q.value, q.value, q.value, False, unit))
        out.append(row)
    return out


def _views(
    golds: list[list[tuple[Quantity, str]]], preds: list[list[Quantity]]
) -> tuple[list[tuple[list[Quantity], list[Quantity]]], list[tuple[list[Quantity], list[Quantity]]]]:
    """(all, figures-only) pairs of (gold, predicted) per sentence."""
    everything, figures = [], []
    for gold, pred in zip(golds, preds, strict=True):
        everything.append(([g for g, _ in gold], pred))
        dropped = [g for g, cat in gold if cat != "figure"]
        kept = [g for g, cat in gold if cat == "figure"]
        pred_kept = [
            p for p in pred
            if not any(overlap((p.start, p.end), (d.start, d.end)) > 0 for d in dropped)
        ]
        figures.append((kept, pred_kept))
    return everything, figures


def run(extractor: Extractor, limit: int | None = None, peers: bool = True) -> SuiteResult:
    """Score the figures stage (and quantulum3) on NewsQuant."""
    records = [r for r in read_jsonl(CORPUS, limit)]
    complete = [r for r in records if r.get("complete", True)]
    texts = [r["text"] for r in complete]
    golds = [gold_quantities(r) for r in complete]
    result = SuiteResult(suite="figures", corpus=CORPUS, peer_name=PEER if peers else None,
                         records=len(complete))
    norm = UnitNormaliser()
    ours_all, ours_fig = _views(golds, _ours(extractor, texts))
    v_all, vu_all = score(ours_all, norm.match)
    v_fig, vu_fig = score(ours_fig, norm.match)
    peer_scores: tuple[PRF, PRF, PRF, PRF] | None = None
    if peers:
        theirs = _quantulum(texts, result.notes)
        if theirs is not None:
            p_all, p_fig = _views(golds, theirs)
            peer_scores = (*score(p_all, norm.match), *score(p_fig, norm.match))
    n_all = sum(len(g) for g in golds)
    n_fig = sum(1 for g in golds for _, c in g if c == "figure")

    def peer(k: int) -> float | None:
        return peer_scores[k].f1 if peer_scores else None

    result.metrics = [
        Metric("value_f1", v_fig.f1, peer(2), None, n_fig),
        Metric("value_unit_f1", vu_fig.f1, peer(3), None, n_fig),
        Metric("value_precision", v_fig.precision, peer_scores[2].precision if peer_scores else None, None, n_fig),
        Metric("value_recall", v_fig.recall, peer_scores[2].recall if peer_scores else None, None, n_fig),
        Metric("value_f1_all", v_all.f1, peer(0), "CQE 92.0, quantulum3 73.0", n_all),
        Metric("value_unit_f1_all", vu_all.f1, peer(1), "CQE 85.6, quantulum3 47.2", n_all),
    ]
    cats: dict[str, int] = {}
    for g in golds:
        for _, c in g:
            cats[c] = cats.get(c, 0) + 1
    result.notes.append(
        "gold items by category: " + ", ".join(f"{k} {v}" for k, v in sorted(cats.items()))
        + "; value_f1/value_unit_f1 leave out durations, ages and 'one of' (not figures by "
        "FORMAT.md); the *_all lines keep them, comparable to the published anchors"
    )
    skipped = len(records) - len(complete)
    if skipped:
        result.notes.append(f"{skipped} record(s) with incomplete gold skipped")
    return result
