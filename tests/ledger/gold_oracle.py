"""Gold clusters as ledger input: documents, and an oracle extraction from the gold figures.

The oracle lets the series machinery be measured apart from extraction quality: each gold
figure becomes a Figure on a claim whose source is the gold source's first alias (no
affiliation: the gold figures do not give one, and no location either).
"""

from __future__ import annotations

import json
from pathlib import Path

from claimledger.extract import DocumentInput
from claimledger.model import Claim, Document, Extraction, Figure, Source, Span, When


def load_cluster(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def locate(text: str, needle: str, occurrence: int = 1) -> int:
    """Start offset of the `occurrence`-th `needle` in `text` (gold convention)."""
    start = -1
    for _ in range(occurrence):
        start = text.find(needle, start + 1)
        if start < 0:
            raise ValueError(f"{needle!r} not found {occurrence} time(s)")
    return start


def document_inputs(cluster: dict) -> list[DocumentInput]:
    return [
        DocumentInput(text=a["text"], published=a["published"], url=a.get("url"),
                      title=a.get("title"), outlet=a.get("outlet"), id=a["id"])
        for a in cluster["articles"]
    ]


def side_names(cluster: dict) -> dict[str, str]:
    """alias -> the first claimant name of the gold series that lists it (a perfect
    sources stage would give that side as the source's affiliation)."""
    out: dict[str, str] = {}
    for s in cluster.get("series", []):
        for alias in s["claimant"]:
            out.setdefault(alias, s["claimant"][0])
    return out


def oracle_extraction(article: dict, sides: dict[str, str] | None = None) -> Extraction:
    text = article["text"]
    sides = sides or {}
    sources: dict[str, Source] = {}
    claims: list[Claim] = []
    figures: list[Figure] = []
    for i, g in enumerate(article["figures"], 1):
        start = locate(text, g["text"], g.get("occurrence", 1))
        end = start + len(g["text"])
        src_id = None
        if g.get("source"):
            name = g["source"][0]
            if name not in sources:
                side = next((sides[a] for a in g["source"] if a in sides), None)
                sources[name] = Source(id=f"s{len(sources) + 1}", name=name, kind="unknown",
                                       affiliation=side)
            src_id = sources[name].id
        when = g.get("stated_on") or article["published"]
        claims.append(Claim(id=f"c{i}", kind="indirect" if src_id else "narrative",
                            content=Span.of(text, start, end), source_id=src_id,
                            stated_on=When(date=when, precision="day"), figure_ids=[f"f{i}"]))
        figures.append(Figure(
            id=f"f{i}", claim_id=f"c{i}", span=Span.of(text, start, end), value=g["value"],
            low=g["low"], high=g["high"], qualifier=g["qualifier"], unit=g.get("unit"),
            event=g.get("event"), as_of=When(date=when, precision="day"),
            cumulative=g.get("cumulative"),
        ))
    doc = Document(id=article["id"], url=article.get("url"), title=article.get("title"),
                   outlet=article.get("outlet"), published=article["published"], text=text)
    return Extraction(document=doc, sources=list(sources.values()), claims=claims,
                      figures=figures)


def store_extractions(store, extractions) -> None:
    """Store extractions with copy links, as the ingest writer does (check, add, relink)."""
    from claimledger.extract import PIPELINE_VERSION
    from claimledger.ledger.dedup import CopyDetector

    detector = CopyDetector()
    for ex in extractions:
        doc = ex.document
        match = detector.check(doc.id, doc.text, doc.published)
        store.add_extraction(ex, PIPELINE_VERSION, copy_of=match[0] if match else None,
                             copy_similarity=match[1] if match else None)
        for other, link in detector.add(doc.id, doc.text, doc.published):
            store.set_copy(other, link[0], link[1])


def compare_with_gold(series: list, gold_series: list[dict]) -> dict[str, float]:
    """Tolerant agreement of system series with a cluster's gold series.

    A gold point is found when some system series of the same event whose claimant (name,
    affiliation or an alias) is one of the gold claimant aliases has a point with the same
    value and as_of date. `values` ignores the date; `claimants` counts gold series with at
    least one such system series; `grouped` counts gold points held by the one best system
    series of their gold series (a split series scores low). Location is not required (the gold figures carry none).
    """
    from claimledger.ledger.quantities import claimant_key

    points = found_points = found_values = found_claimants = grouped = 0
    for g in gold_series:
        aliases = {claimant_key(a) for a in g["claimant"]}
        mine = [
            s for s in series
            if s.event == g["event"]
            and aliases & {claimant_key(n) for n in (s.claimant["name"], s.claimant["affiliation"],
                                                      *s.claimant["aliases"]) if n}
        ]
        found_claimants += bool(mine)
        # how many of the gold points the single best system series holds (no splitting)
        grouped += max(
            (sum(any(p.value == gp["value"] and p.as_of == gp["as_of"] for p in s.points)
                 for gp in g["points"]) for s in mine),
            default=0,
        )
        for gp in g["points"]:
            points += 1
            pts = [p for s in mine for p in s.points]
            same_value = [p for p in pts if p.value == gp["value"]]
            found_values += bool(same_value)
            found_points += any(p.as_of == gp["as_of"] for p in same_value)
    return {
        "gold_series": len(gold_series),
        "gold_points": points,
        "points": found_points / points if points else 0.0,
        "values": found_values / points if points else 0.0,
        "claimants": found_claimants / len(gold_series) if gold_series else 0.0,
        "grouped": grouped / points if points else 0.0,
    }
