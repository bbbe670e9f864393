"""The `timex` suite: time expressions on TempEval-3 (platinum test; TimeBank+AQUAINT train).

Scoring follows TempEval-3: a system timex matches a gold one when their spans overlap
(relaxed) or are identical (strict), one to one, largest overlap first. Type and value
accuracy are over the relaxed matches; **value F1** counts a system timex as correct only
when it matches AND carries the gold value, with precision over all system timexes and
recall over all gold ones -- the figure TempEval-3 ranks normalisation by.

The peer is `dateparser.search.search_dates` with the document date as `RELATIVE_BASE`:
its substrings are located in the text in order, typed DATE (TIME when it shows a clock
time), and valued as the day it returns. Only the platinum file is scored with the peer;
the train files are reported for reference, never tuned to the test set.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from claimledger.eval.base import PRF, Metric, SuiteResult, overlap, read_jsonl
from claimledger.extract import Extractor

PLATINUM = "timex/tempeval3_platinum.jsonl"
TRAIN = ("timex/tempeval3_timebank.jsonl", "timex/tempeval3_aquaint.jsonl")
STAGES_UP_TO = "claimledger_timex"

ANCHORS = {
    "relaxed F1": "HeidelTime 90.3; SUTime 90.3",
    "strict F1": "HeidelTime 81.3",
    "value F1": "HeidelTime 77.6; SUTime 67.4",
}


@dataclass
class TimexScore:
    """Counts over a corpus; see the module docstring for what each one means."""

    relaxed: PRF = field(default_factory=PRF)
    strict: PRF = field(default_factory=PRF)
    value: PRF = field(default_factory=PRF)
    matched: int = 0
    type_ok: int = 0
    value_ok: int = 0
    gold: int = 0

    def add(self, gold: list[dict], system: list[dict]) -> None:
        """Score one document: `gold`/`system` rows with start, end, type, value."""
        self.gold += len(gold)
        pairs = match(gold, system)
        exact = sum(
            1 for g, s in pairs if (gold[g]["start"], gold[g]["end"]) == (system[s]["start"], system[s]["end"])
        )
        good_value = sum(1 for g, s in pairs if gold[g]["value"] == system[s]["value"])
        self.relaxed.tp += len(pairs)
        self.relaxed.fp += len(system) - len(pairs)
        self.relaxed.fn += len(gold) - len(pairs)
        self.strict.tp += exact
        self.strict.fp += len(system) - exact
        self.strict.fn += len(gold) - exact
        self.value.tp += good_value
        self.value.fp += len(system) - good_value
        self.value.fn += len(gold) - good_value
        self.matched += len(pairs)
        self.type_ok += sum(1 for g, s in pairs if gold[g]["type"] == system[s]["type"])
        self.value_ok += good_value

    def metrics(self) -> dict[str, float]:
        """Metric name -> value; accuracies are over relaxed matches (0 when none)."""
        m = max(self.matched, 1)
        return {
            "relaxed P": self.relaxed.precision,
            "relaxed R": self.relaxed.recall,
            "relaxed F1": self.relaxed.f1,
            "strict F1": self.strict.f1,
            "type accuracy": self.type_ok / m if self.matched else 0.0,
            "value accuracy": self.value_ok / m if self.matched else 0.0,
            "value F1": self.value.f1,
        }


def match(gold: list[dict], system: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs of overlapping spans, largest overlap first."""
    cands = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            ov = overlap((g["start"], g["end"]), (s["start"], s["end"]))
            if ov > 0:
                cands.append((-ov, gi, si))
    cands.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, gi, si in cands:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        pairs.append((gi, si))
    return pairs


def ours(extractor: Extractor, records: list[dict]) -> Iterator[list[dict]]:
    """Our timex rows per record, running only the stages the timex stage needs."""
    nlp = extractor.nlp
    names = nlp.pipe_names
    keep = names[: names.index(STAGES_UP_TO) + 1] if STAGES_UP_TO in names else names

    def docs() -> Iterator:
        for rec in records:
            doc = nlp.make_doc(rec["text"])
            doc._.published = rec.get("dct") or None
            yield doc

    with nlp.select_pipes(enable=keep):
        for doc in nlp.pipe(docs(), batch_size=8):
            yield list(doc._.times or [])


def peer_rows(text: str, dct: str | None) -> list[dict]:
    """dateparser's dates in `text`, located in order, as timex rows."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime.fromisoformat(dct[:10])} if dct else {}
    try:
        found = search_dates(text, languages=["en"], settings=settings) or []
    except Exception:  # the peer fails on some inputs; score it as finding nothing there
        return []
    rows, pos = [], 0
    for sub, when in found:
        at = text.find(sub, pos)
        if at < 0:
            at = text.find(sub)
            if at < 0:
                continue
        else:
            pos = at + len(sub)
        clock = ":" in sub or any(w in sub.lower() for w in ("a.m", "p.m", " am", " pm"))
        rows.append(
            {
                "start": at,
                "end": at + len(sub),
                "type": "TIME" if clock else "DATE",
                "value": when.date().isoformat(),
            }
        )
    return rows


def _gold(rec: dict) -> list[dict]:
    return [
        {"start": t["start"], "end": t["end"], "type": t["type"], "value": t.get("value")}
        for t in rec.get("timexes", [])
    ]


def score(extractor: Extractor, records: Iterable[dict]) -> tuple[TimexScore, list[dict]]:
    """Our counts over `records`, and the records themselves (the peer scores the same ones)."""
    recs = list(records)
    result = TimexScore()
    for rec, rows in zip(recs, ours(extractor, recs), strict=True):
        result.add(_gold(rec), rows)
    return result, recs


def run(extractor: Extractor, limit: int | None = None, peers: bool = True) -> SuiteResult:
    """Score the timex stage on TempEval-3 platinum (peer: dateparser) and on the train files."""
    test, recs = score(extractor, read_jsonl(PLATINUM, limit))
    res = SuiteResult(
        suite="timex",
        corpus="TempEval-3 platinum (test)",
        peer_name="dateparser.search_dates" if peers else None,
        records=len(recs),
    )
    peer_m: dict[str, float] | None = None
    if peers:
        try:
            import dateparser.search  # noqa: F401
        except ImportError:
            res.notes.append("dateparser not installed: peer skipped")
        else:
            peer = TimexScore()
            for rec in recs:
                peer.add(_gold(rec), peer_rows(rec["text"], rec.get("dct")))
            peer_m = peer.metrics()
    for name, value in test.metrics().items():
        res.metrics.append(
            Metric(
                name=name,
                claimledger=round(value, 4),
                peer=round(peer_m[name], 4) if peer_m else None,
                anchor=ANCHORS.get(name),
                n=test.gold,
            )
        )
    train = TimexScore()
    for relpath in TRAIN:
        part, _ = score(extractor, read_jsonl(relpath, limit))
        for attr in ("relaxed", "strict", "value"):
            mine, theirs = getattr(train, attr), getattr(part, attr)
            mine.tp, mine.fp, mine.fn = mine.tp + theirs.tp, mine.fp + theirs.fp, mine.fn + theirs.fn
        train.matched += part.matched
        train.type_ok += part.type_ok
        train.value_ok += part.value_ok
        train.gold += part.gold
    for name in ("relaxed F1", "strict F1", "value F1"):
        res.metrics.append(
            Metric(
                name=f"{name} (TimeBank+AQUAINT, train, for reference)",
                claimledger=round(train.metrics()[name], 4),
                n=train.gold,
            )
        )
    res.notes.append(
        "value F1 = TempEval-3's: relaxed match AND equal value, P over system, R over gold"
    )
    if peer_m is not None:
        res.notes.append(
            "peer values are the days dateparser returns (YYYY-MM-DD): it can only score on "
            "day-precision gold, not on weeks, months, years, durations or sets"
        )
    return res
