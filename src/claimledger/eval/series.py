"""Scoring series against gold clusters (../shared/gold/*/, FORMAT.md `series`).

Each cluster's articles are stored in a fresh ledger (copies linked as ingest links them),
series are built, and the cluster's gold series are looked up in them. Two runs per cluster:

- *pipeline*: the articles extracted by the real pipeline: what a user gets;
- *oracle*: the gold figures themselves stored as the extraction (the source of each figure
  given its gold series' side as affiliation): the series machinery alone.

The measure is recall-oriented (the gold lists the points the articles state, not every
figure): a gold point is *found* when a series of the same event, whose claimant (name,
affiliation or alias) is one of the gold claimant aliases, has a point of the same value and
date; *values* ignores the date; *claimants* counts gold series with such a series at all;
*grouped* counts gold points held by the single best series of their gold series, so a
quantity split over several series scores low.

*foreign* is the precision side: of the points of the system series that best matches each
gold series (the one holding most of its gold points), the share that no gold point of that
series supports, i.e. no gold point of the same value on any date, nor one within 10% on the
same date. A ledger that files another side's figures, or another quantity's, under a
claimant scores high here while its recall metrics stay fine. It is pooled over the points
of those best series (`n` is their number), lower is better.

`run(extractor, limit, peers)` is the `series` suite of `claimledger eval`.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from claimledger.documents import PIPELINE_VERSION, DocumentInput, anchor_date
from claimledger.eval import copies as copies_eval
from claimledger.eval.base import Metric, SuiteResult
from claimledger.eval.gold import article_input, cluster_paths, locate
from claimledger.extract import Extractor
from claimledger.ledger.copies import CopyDetector, publisher_key, record_link
from claimledger.ledger.series.build import series_from_store
from claimledger.ledger.series.keys import claimant_key
from claimledger.ledger.store import Store
from claimledger.model import Claim, Document, Extraction, Figure, Source, Span, When

METRICS = ("points", "values", "claimants", "grouped")
#: lower is better; pooled over the points of the best-matching series, not gold points
FOREIGN = "foreign"
#: a system point within this share of a gold point's value on its date is supported
NEAR = 0.10


def document_inputs(cluster: dict) -> list[DocumentInput]:
    """A cluster's articles as extractor input, with their gold ids."""
    return [article_input(a) for a in cluster["articles"]]


def side_names(cluster: dict) -> dict[str, str]:
    """alias -> the first claimant name of the gold series listing it (the side a perfect
    sources stage would give as the source's affiliation)."""
    out: dict[str, str] = {}
    for s in cluster.get("series", []):
        for alias in s["claimant"]:
            out.setdefault(alias, s["claimant"][0])
    return out


def oracle_extraction(article: dict, sides: dict[str, str] | None = None) -> Extraction:
    """The gold figures of an article as an extraction: one claim per figure.

    Gold figures carry no location, so neither does the oracle; their source is the gold
    source's first alias, with the gold side as affiliation.
    """
    text = article["text"]
    sides = sides or {}
    sources: dict[str, Source] = {}
    claims: list[Claim] = []
    figures: list[Figure] = []
    for i, g in enumerate(article["figures"], 1):
        found = locate(text, g["text"], g.get("occurrence", 1))
        if found is None:
            raise ValueError(f"{g['text']!r} not found {g.get('occurrence', 1)} time(s)")
        start = found[0]
        end = start + len(g["text"])
        src_id = None
        if g.get("source"):
            name = g["source"][0]
            if name not in sources:
                side = next((sides[a] for a in g["source"] if a in sides), None)
                sources[name] = Source(id=f"s{len(sources) + 1}", name=name, kind="unknown",
                                       affiliation=side)
            src_id = sources[name].id
        when = When(date=g.get("stated_on") or anchor_date(article["published"]), precision="day")
        claims.append(Claim(id=f"c{i}", kind="indirect" if src_id else "narrative",
                            content=Span.of(text, start, end), source_id=src_id,
                            stated_on=when, figure_ids=[f"f{i}"]))
        figures.append(Figure(
            id=f"f{i}", claim_id=f"c{i}", span=Span.of(text, start, end), value=g["value"],
            low=g["low"], high=g["high"], qualifier=g["qualifier"], unit=g.get("unit"),
            event=g.get("event"), as_of=when, cumulative=g.get("cumulative"),
        ))
    doc = Document(id=article["id"], url=article.get("url"), title=article.get("title"),
                   outlet=article.get("outlet"), published=article["published"], text=text)
    return Extraction(document=doc, sources=list(sources.values()), claims=claims,
                      figures=figures)


def store_extractions(store, extractions: Iterable[Extraction]) -> None:
    """Store extractions with copy links, as the ingest writer does (check, add, relink)."""
    detector = CopyDetector()
    for ex in extractions:
        doc = ex.document
        publisher = publisher_key(doc.outlet, doc.url)
        match = detector.check(doc.id, doc.text, doc.published, publisher)
        store.add_extraction(ex, PIPELINE_VERSION)
        if match is not None:
            record_link(store, doc.id, match)
        for other, link in detector.add(doc.id, doc.text, doc.published, publisher):
            record_link(store, other, link)


def _held(s, gold_points: list[dict]) -> tuple[int, int]:
    """How many gold points a system series holds: (same value and date, same value)."""
    return (sum(any(p.value == gp["value"] and p.as_of == gp["as_of"] for p in s.points)
                for gp in gold_points),
            sum(any(p.value == gp["value"] for p in s.points) for gp in gold_points))


def best_series(mine: list, gold_points: list[dict]):
    """The system series that best matches a gold series, or None when none holds a value.

    Most gold points held (value and date), then most values held, then fewest points (the
    tighter quantity), then id: deterministic.
    """
    scored = [(_held(s, gold_points), s) for s in mine]
    scored = [(h, s) for h, s in scored if h[1]]
    if not scored:
        return None
    return min(scored, key=lambda hs: (-hs[0][0], -hs[0][1], len(hs[1].points), hs[1].id))[1]


def supported(point, gold_points: list[dict]) -> bool:
    """A system point some gold point stands for: the same value on any date, or within
    `NEAR` of its value on the same date."""
    v = point.value
    if v is None:
        return False
    for gp in gold_points:
        gv = gp["value"]
        if gv is None:
            continue
        if v == gv:
            return True
        if point.as_of == gp["as_of"] and abs(v - gv) <= NEAR * abs(gv):
            return True
    return False


def compare_with_gold(series: list, gold_series: list[dict]) -> dict[str, float]:
    """Recall of a cluster's gold series in system series, and the foreign share of the
    best-matching series (see the module docstring)."""
    points = found_points = found_values = found_claimants = grouped = 0
    system_points = foreign = 0
    for g in gold_series:
        aliases = {claimant_key(a) for a in g["claimant"]}
        mine = [
            s for s in series
            if s.event == g["event"]
            and aliases & {claimant_key(n) for n in (s.claimant["name"], s.claimant["affiliation"],
                                                      *s.claimant["aliases"]) if n}
        ]
        found_claimants += bool(mine)
        best = best_series(mine, g["points"])
        if best is not None:
            grouped += _held(best, g["points"])[0]
            system_points += len(best.points)
            foreign += sum(not supported(p, g["points"]) for p in best.points)
        for gp in g["points"]:
            points += 1
            same_value = [p for s in mine for p in s.points if p.value == gp["value"]]
            found_values += bool(same_value)
            found_points += any(p.as_of == gp["as_of"] for p in same_value)
    return {
        "gold_series": len(gold_series),
        "gold_points": points,
        "points": found_points / points if points else 0.0,
        "values": found_values / points if points else 0.0,
        "claimants": found_claimants / len(gold_series) if gold_series else 0.0,
        "grouped": grouped / points if points else 0.0,
        "system_points": system_points,
        "foreign_points": foreign,
        FOREIGN: foreign / system_points if system_points else 0.0,
    }


def score_cluster(cluster: dict, extractions: Iterable[Extraction], workdir: Path) -> dict:
    """Store a cluster's extractions in a new ledger under `workdir` and score its series."""
    with Store(workdir / "ledger.db") as store:
        store_extractions(store, extractions)
        series = series_from_store(store)
    return compare_with_gold(series, cluster.get("series", []))


def run(extractor: Extractor, limit: int | None = None, peers: bool = True,
        clusters: Sequence[str] | None = None):
    """The `series` eval suite over ../shared/gold/dev clusters that have gold series.

    `limit` takes the first N clusters, `clusters` names them; there is no peer tool for this task.
    """
    paths = [p for p in cluster_paths("dev") if clusters is None or p.stem in set(clusters)]
    chosen = [(p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in paths]
    chosen = [(n, c) for n, c in chosen if c.get("series")][: limit or None]
    result = SuiteResult(suite="series", corpus="gold/dev", peer_name=None,
                         records=sum(len(c["articles"]) for _, c in chosen))
    totals = {f"{run_}_{m}": 0.0 for run_ in ("pipeline", "oracle") for m in METRICS}
    weight = 0
    # foreign points are pooled over the points of the best-matching series: [foreign, all]
    foreign = {run_: [0, 0] for run_ in ("pipeline", "oracle")}
    with tempfile.TemporaryDirectory() as tmp:
        for name, cluster in chosen:
            sides = side_names(cluster)
            runs = {
                "pipeline": list(extractor.extract_many(document_inputs(cluster))),
                "oracle": [oracle_extraction(a, sides) for a in cluster["articles"]],
            }
            n = sum(len(s["points"]) for s in cluster["series"])
            weight += n
            for run_, extractions in runs.items():
                workdir = Path(tmp) / name / run_
                workdir.mkdir(parents=True)
                scores = score_cluster(cluster, extractions, workdir)
                for m in METRICS:
                    totals[f"{run_}_{m}"] += scores[m] * n
                foreign[run_][0] += scores["foreign_points"]
                foreign[run_][1] += scores["system_points"]
                result.notes.append(f"{name} {run_}: " + ", ".join(
                    f"{m} {scores[m]:.3f}" for m in (*METRICS, FOREIGN))
                    + f" ({scores['foreign_points']}/{scores['system_points']})")
    for key, value in totals.items():
        result.metrics.append(Metric(name=key.replace("_", " "),
                                     claimledger=value / weight if weight else None, n=weight))
    for run_, (bad, total) in foreign.items():
        result.metrics.append(Metric(name=f"{run_} {FOREIGN}",
                                     claimledger=bad / total if total else None, n=total))
    rows, notes = copies_eval.metrics([a for _, c in chosen for a in c["articles"]])
    result.metrics += rows
    result.notes += notes
    return result
