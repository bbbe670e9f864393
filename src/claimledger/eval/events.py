"""Events on CASE 2021 task 2: document-level ACLED sub-event types from our event types.

Each snippet gets one event: the most frequent `event` of its figures, else the first event
trigger among its verbs and nouns (`EventTyper.doc_event`); when that event has no ACLED
sub-event type (killed, wounded, aid...), the first trigger of the snippet that has one. That event is mapped to ACLED
sub-event types with the `[acled]` table of the events lexicon (../shared/data/README.md);
when an event maps to several (attack -> artillery/missile or air strike), the words of
`[acled_refine]` in the snippet pick one; a label that has cue words is predicted only when
one occurs, a label without them is the default. Our taxonomy counts
figures of conflict events, so most CASE classes (protests, riots, natural disasters,
chemical weapons, ...) have no counterpart: those are listed in the notes and scored only
in the overall accuracy. No floor: the point is to see which classes our events cover.
"""

from __future__ import annotations

from collections import Counter

from claimledger.data import load_lexicon
from claimledger.eval.base import PRF, Metric, SuiteResult, read_jsonl
from claimledger.extract import Extractor

CORPUS = "events/case2021_task2_test.jsonl"


class AcledMapper:
    """Our event type (plus the snippet's words) -> one CASE/ACLED label, or None."""

    def __init__(self) -> None:
        lex = load_lexicon("events")
        self.table: dict[str, list[str]] = {k: list(v) for k, v in lex["acled"].items()}
        self.refine: dict[str, set[str]] = {
            label: {w.lower() for w in group["words"]} for label, group in lex["acled_refine"].items()
        }

    @property
    def reachable(self) -> set[str]:
        return {label for labels in self.table.values() for label in labels}

    def label(self, event: str | None, words: set[str]) -> str | None:
        if event is None or event not in self.table:
            return None
        labels = self.table[event]
        for label in labels:
            if label in self.refine and self.refine[label] & words:
                return label
        # a label with its own cue words is only predicted when they occur
        return next((label for label in labels if label not in self.refine), None)


def run(extractor: Extractor, limit: int | None = None, peers: bool = True) -> SuiteResult:
    """Score document-level event labels on CASE 2021 task 2 (no peer tool)."""
    records = list(read_jsonl(CORPUS, limit))
    result = SuiteResult(suite="events", corpus=CORPUS, peer_name=None, records=len(records))
    typer = extractor.nlp.get_pipe("claimledger_events")
    mapper = AcledMapper()
    reachable = mapper.reachable
    per_class: dict[str, PRF] = {label: PRF() for label in sorted(reachable)}
    unmapped = Counter()
    correct = 0
    correct_mappable = 0
    mappable = 0
    predicted_any = 0
    texts = [r["text"] for r in records]
    for rec, doc in zip(records, extractor.nlp.pipe(texts, batch_size=32), strict=True):
        gold = rec["label"]
        words = {t.lower_ for t in doc} | {t.lemma_.lower() for t in doc}
        # the figures' event first; when it has no ACLED type (killed, wounded, ...), the
        # first trigger of the snippet that has one
        pred = mapper.label(typer.doc_event(doc), words)
        if pred is None:
            pred = next(
                (lab for e in typer.trigger_events(doc) if (lab := mapper.label(e, words))), None
            )
        if pred is not None:
            predicted_any += 1
        if gold in reachable:
            mappable += 1
            correct_mappable += pred == gold
        else:
            unmapped[gold] += 1
        correct += pred == gold
        for label, prf in per_class.items():
            if pred == label and gold == label:
                prf.tp += 1
            elif pred == label:
                prf.fp += 1
            elif gold == label:
                prf.fn += 1
    n = len(records)
    macro = [prf.f1 for prf in per_class.values() if prf.tp + prf.fn > 0]
    result.metrics = [
        Metric("accuracy_mappable", correct_mappable / mappable if mappable else None, None,
               None, mappable),
        Metric("macro_f1_mappable", sum(macro) / len(macro) if macro else None, None, None, len(macro)),
        Metric("accuracy_all", correct / n if n else None, None, None, n),
        Metric("coverage", predicted_any / n if n else None, None, None, n),
    ]
    for label, prf in per_class.items():
        support = int(prf.tp + prf.fn)
        result.metrics.append(Metric(f"{label}_precision", prf.precision, None, None, support))
        result.metrics.append(Metric(f"{label}_recall", prf.recall, None, None, support))
    if unmapped:
        result.notes.append(
            "CASE labels our events do not map to (counted as misses in accuracy_all): "
            + ", ".join(f"{k} {v}" for k, v in sorted(unmapped.items()))
        )
    result.notes.append(
        "not comparable to the published CASE 2021 task 2 scores (best F1 0.74 on the 25 seen "
        "classes, 0.52 unseen): we classify only the classes our conflict events map to"
    )
    result.notes.append(
        "killed/wounded/evacuation/displacement/aid have no ACLED sub-event type (ACLED "
        "counts fatalities on the event); those predictions count as no label"
    )
    return result
