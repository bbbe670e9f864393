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

from claimledger.ledger.series.build import series_from_store
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
#: (olenivka points 0.79 values 0.86 claimants 0.78 grouped 0.71; kramatorsk 0.90 0.90
#: 1.00 0.62); floors only rise
PIPELINE_FLOORS = {
    "olenivka": {"points": 0.65, "values": 0.7, "claimants": 0.7, "grouped": 0.55},
    "kramatorsk": {"points": 0.8, "values": 0.8, "claimants": 0.9, "grouped": 0.5},
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


# -- the commands ---------------------------------------------------------------------------


@pytest.fixture()
def olenivka_db(shared, tmp_path) -> Path:
    cluster = _cluster(shared, "olenivka")
    sides = side_names(cluster)
    db = tmp_path / "ledger.db"
    with Store(db) as store:
        store_extractions(store, [oracle_extraction(a, sides) for a in cluster["articles"]])
    return db


def _run(*args: str):
    from typer.testing import CliRunner

    from claimledger.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


SERIES_KEYS = {"id", "event", "unit", "location", "cumulative", "claimant", "points", "flags"}
REPORT_KEYS = {"document_id", "claim_id", "figure_id", "outlet", "url", "published"}


@pytest.mark.parametrize(
    "options,check",
    [
        (["--event", "killed"], lambda s: s["event"] == "killed"),
        (["--source", "Konashenkov"], lambda s: "Igor Konashenkov" in s["claimant"]["aliases"]),
        # the ministry is a registry actor: its canonical name, the party it speaks for
        (["--source", "Russia's defence ministry", "--event", "wounded"],
         lambda s: (s["claimant"]["name"], s["claimant"]["affiliation"])
         == ("Russian Defence Ministry", "Russia")),
    ],
)
def test_series_command_json_has_contract_shape_and_filters(olenivka_db, options, check):
    out = json.loads(_run("series", "--db", olenivka_db, "--format", "json", *options))
    assert out and all(check(s) for s in out)
    for s in out:
        assert SERIES_KEYS <= set(s) and {"name", "affiliation", "aliases"} <= set(s["claimant"])
        for p in s["points"]:
            assert {"as_of", "value", "low", "high", "qualifier", "independent_reports"} <= set(p)
            assert all(REPORT_KEYS <= set(r) for r in p["reports"])


def test_series_command_place_filter_excludes_other_places(olenivka_db):
    assert json.loads(_run("series", "--db", olenivka_db, "--format", "json", "--place", "Mariupol")) == []


def test_series_command_is_deterministic_and_csv_has_one_row_per_point(olenivka_db):
    first = _run("series", "--db", olenivka_db, "--format", "json")
    assert _run("series", "--db", olenivka_db, "--format", "json") == first
    points = sum(len(s["points"]) for s in json.loads(first))
    lines = _run("series", "--db", olenivka_db, "--format", "csv").splitlines()
    assert lines[0].startswith("series,event,unit") and len(lines) == points + 1
    assert "discrepancy" in _run("series", "--db", olenivka_db, "--event", "killed")


def test_series_command_applies_rejections_unless_ignored(olenivka_db):
    def forty() -> list:
        args = ["series", "--db", olenivka_db, "--format", "json", "--event", "killed",
                "--source", "Russian Defence Ministry"]
        return [r for s in json.loads(_run(*args)) for p in s["points"] if p["value"] == 40
                for r in p["reports"]]

    reports = forty()
    assert reports
    with Store(olenivka_db) as store, store.batch():
        store.conn.execute(
            "INSERT INTO reviews (target_type, target_id, verdict, created_at)"
            " VALUES ('figure', ?, 'reject', '2026-01-01T00:00:00+00:00')",
            (reports[0]["figure_id"],),
        )
    assert len(forty()) == len(reports) - 1
    args = ["series", "--db", olenivka_db, "--format", "json", "--ignore-reviews"]
    assert sum(len(p["reports"]) for s in json.loads(_run(*args)) for p in s["points"]
               if p["value"] == 40 and s["event"] == "killed") >= len(reports)


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_plot_command_draws_a_deterministic_chart(olenivka_db, tmp_path, suffix):
    out = json.loads(_run("series", "--db", olenivka_db, "--format", "json", "--event", "killed",
                          "--source", "Russian Defence Ministry"))
    chart = tmp_path / f"chart{suffix}"
    _run("plot", "--db", olenivka_db, "--series", out[0]["id"], "-o", chart)
    first = chart.read_bytes()
    assert len(first) > 1000
    _run("plot", "--db", olenivka_db, "--series", out[0]["id"], "-o", chart)
    assert chart.read_bytes() == first
    if suffix == ".svg":
        assert b"Reuters" in first  # points are labelled with their outlets


def test_plot_command_refuses_an_unknown_series(olenivka_db, tmp_path):
    from typer.testing import CliRunner

    from claimledger.cli import app

    result = CliRunner().invoke(app, ["plot", "--db", str(olenivka_db), "--series", "ser-nope",
                                      "-o", str(tmp_path / "x.png")])
    assert result.exit_code != 0


def test_gold_series_seed_article_gives_russias_running_surrender_total(seed_gold, extractor):
    """The founding example: Shoigu's 1,908 and the ministry's earlier 1,730 are one series."""
    from claimledger.ledger.series.build import build_series
    from claimledger.ledger.series.estimate import reconcile
    from claimledger.ledger.series.rows import rows_from_extraction

    ex = extractor.extract(seed_gold["text"], published=seed_gold["published"], id=seed_gold["id"])
    series = build_series(rows_from_extraction(ex))
    reconcile(series)
    surrender = [s for s in series if s.event == "surrender" and 1908 in [p.value for p in s.points]]
    assert len(surrender) == 1
    s = surrender[0]
    print(f"\nseed: {[(p.as_of, p.label()) for p in s.points]} {[f['kind'] for f in s.flags]}")
    assert "Shoigu" in " ".join(s.claimant["aliases"])
    assert all(p.as_of and p.as_of <= "2022-05-20" for p in s.points)
    if 1730 in [p.value for p in s.points]:
        assert "update" in {f["kind"] for f in s.flags}
    assert "inconsistent" not in {f["kind"] for f in s.flags}


def test_series_eval_suite_reports_pipeline_and_oracle_recall(extractor):
    from claimledger.eval.series import run

    result = run(extractor, limit=1)
    names = {m.name for m in result.metrics}
    assert {"pipeline points", "oracle points", "oracle grouped"} <= names
    assert result.metric("oracle points").claimledger >= ORACLE_FLOORS["points"]
    recall = [m for m in result.metrics if not m.name.startswith("copy ")]
    assert all(0.0 <= m.claimledger <= 1.0 and m.n > 0 for m in recall)
    assert len([n for n in result.notes if not n.startswith("copies:")]) == 2
    # the copy rows of eval/copies.py: the first cluster (flour) holds two gold pairs
    assert result.metric("copy pairs linked").n == 2
    assert result.metric("copy false links").claimledger == 0


@pytest.mark.parametrize(
    "args,message",
    [(["--event", "surender"], "unknown --event"), (["--format", "xml"], "unknown --format"),
     (["--db", "missing.db"], "no such ledger")],
)
def test_series_command_refuses_bad_options_with_an_input_error(olenivka_db, args, message):
    from typer.testing import CliRunner

    from claimledger.cli import app
    from claimledger.errors import InputError

    result = CliRunner().invoke(app, ["series", "--db", str(olenivka_db), *args])
    assert result.exit_code != 0
    assert isinstance(result.exception, InputError) and message in str(result.exception)
