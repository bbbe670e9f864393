"""Acceptance: the dev gold clusters, ingested into a ledger, give back their gold series.

Two measures per cluster. The *oracle* run stores the gold figures themselves as the
extraction, so it measures the series machinery alone (grouping, dates, claimant sides,
copies); its floors are high. The *pipeline* run extracts the articles with the real
pipeline, whose stages are still being written by others: its floors are what the pipeline
reaches today and only rise. Both print their numbers (`pytest -s`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from claimledger.ledger.series import series_from_store
from claimledger.ledger.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from gold_oracle import (  # noqa: E402
    compare_with_gold,
    load_cluster,
    oracle_extraction,
    side_names,
    store_extractions,
)

CLUSTERS = ["olenivka", "kramatorsk"]

#: oracle floors (measured on both clusters: points, values, claimants, grouped all 1.00)
ORACLE_FLOORS = {"points": 0.95, "values": 0.95, "claimants": 1.0, "grouped": 0.95}
#: pipeline floors per cluster: a little under what the in-progress pipeline reaches now
#: (olenivka 0.43/0.50/0.67/0.36, kramatorsk 0.76/0.81/1.00/0.57); floors only rise
PIPELINE_FLOORS = {
    "olenivka": {"points": 0.35, "values": 0.4, "claimants": 0.6, "grouped": 0.3},
    "kramatorsk": {"points": 0.6, "values": 0.7, "claimants": 0.8, "grouped": 0.45},
}


def _cluster(shared: Path, name: str) -> dict:
    return load_cluster(shared / "gold" / "dev" / f"{name}.json")


@pytest.mark.parametrize("name", CLUSTERS)
def test_gold_series_oracle_extraction_recovers_gold_points(shared, tmp_path, name):
    cluster = _cluster(shared, name)
    sides = side_names(cluster)
    with Store(tmp_path / "ledger.db") as store:
        store_extractions(store, [oracle_extraction(a, sides) for a in cluster["articles"]])
        series = series_from_store(store)
    scores = compare_with_gold(series, cluster["series"])
    print(f"\n{name} oracle: {json.dumps(scores)}")
    for key, floor in ORACLE_FLOORS.items():
        assert scores[key] >= floor, (key, scores)


@pytest.mark.parametrize("name", CLUSTERS)
def test_gold_series_pipeline_extraction_scores_at_least_floor(shared, tmp_path, extractor, name):
    from gold_oracle import document_inputs

    cluster = _cluster(shared, name)
    with Store(tmp_path / "ledger.db") as store:
        store_extractions(store, list(extractor.extract_many(document_inputs(cluster))))
        assert store.counts()["documents"] == len(cluster["articles"])
        series = series_from_store(store)
    stored_ids = {a["id"] for a in cluster["articles"]}
    for s in series:
        for p in s.points:
            assert p.reports and {r["document_id"] for r in p.reports} <= stored_ids
            assert 1 <= p.independent_reports <= len(p.reports)
    scores = compare_with_gold(series, cluster["series"])
    print(f"\n{name} pipeline: {len(series)} series; {json.dumps(scores)}")
    for key, floor in PIPELINE_FLOORS[name].items():
        assert scores[key] >= floor, (key, scores)


def _edited_copy(article: dict, suffix: str) -> dict:
    """A republication: the same text with changed spacing and a boilerplate line added."""
    text = article["text"].replace("\n\n", "\n\n ") + "\n\nRead more: subscribe to our daily newsletter."
    url = f"https://aggregator.example/{article['id']}{suffix}"
    return {**article, "id": article["id"] + suffix, "outlet": "Aggregator", "text": text, "url": url,
            "published": article["published"][:8] + str(int(article["published"][8:10]) + 1).zfill(2)}


def _changed_figure_copy(article: dict, old: str, new: str, value: int) -> dict:
    """A near-duplicate whose one figure was edited (and its gold figure with it)."""
    copy = _edited_copy(article, "-edited")
    copy["text"] = copy["text"].replace(f" {old} ", f" {new} ", 1)
    figures = []
    for f in article["figures"]:
        if f["text"] == old and f.get("occurrence", 1) == 1:
            f = {**f, "text": new, "value": value, "low": value, "high": value}
        figures.append(f)
    copy["figures"] = figures
    return copy


def test_gold_series_copy_pair_is_linked_and_counted_once(shared, tmp_path):
    cluster = _cluster(shared, "olenivka")
    original = next(a for a in cluster["articles"] if a["id"] == "ol-straitstimes-2022-07-29")
    copy = _edited_copy(original, "-copy")
    sides = side_names(cluster)
    with Store(tmp_path / "ledger.db") as store:
        # the copy arrives first: the original must still win (earliest published)
        store_extractions(store, [oracle_extraction(copy, sides), oracle_extraction(original, sides)])
        assert store.document(copy["id"])["copy_of"] == original["id"]
        assert store.document(original["id"])["copy_of"] is None
        series = series_from_store(store)
    forty = [p for s in series if s.event == "killed" for p in s.points
             if p.value == 40 and any(r["document_id"] == copy["id"] for r in p.reports)]
    assert forty
    for p in forty:
        assert len(p.reports) == 2
        assert p.independent_reports == 1


def test_gold_series_near_duplicate_with_changed_figure_is_flagged(shared, tmp_path):
    cluster = _cluster(shared, "olenivka")
    original = next(a for a in cluster["articles"] if a["id"] == "ol-straitstimes-2022-07-29")
    edited = _changed_figure_copy(original, "40", "45", 45)
    assert " 45 " in edited["text"]
    sides = side_names(cluster)
    with Store(tmp_path / "ledger.db") as store:
        store_extractions(store, [oracle_extraction(original, sides), oracle_extraction(edited, sides)])
        assert store.document(edited["id"])["copy_of"] == original["id"]
        series = series_from_store(store)
    killed = [s for s in series if s.event == "killed" and any(p.value == 45 for p in s.points)]
    assert len(killed) == 1
    flags = [f for f in killed[0].flags if f["kind"] == "changed_copy"]
    assert flags and "45" in flags[0]["detail"]
    p45 = next(p for p in killed[0].points if p.value == 45)
    assert p45.independent_reports == 1 and p45.reports[0]["document_id"] == edited["id"]
    # the unchanged 75 wounded of the copy is still one report with its original
    p75 = [p for s in series if s.event == "wounded" for p in s.points
           if p.value == 75 and any(r["document_id"] == edited["id"] for r in p.reports)]
    assert p75 and all(p.independent_reports == 1 for p in p75)
