"""`claimledger demo`: the packaged example reports make a ledger that shows what the ledger does.

These tests need no ../shared: the example reports ship in the package.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.demo import build_demo, example_reports, examples_dir
from claimledger.errors import InputError
from claimledger.ledger.series import series_from_store
from claimledger.ledger.store import Store


@pytest.fixture(scope="module")
def demo(tmp_path_factory, extractor):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    summary = build_demo(db, extractor=extractor)
    with Store(db, readonly=True) as store:
        documents = {d["id"]: d for d in store.documents()}
        series = series_from_store(store)
    return summary, documents, series


def _halvek_deaths(series) -> dict[str, object]:
    """The side (the claimant's affiliation) -> series of the people killed in Halvek."""
    return {
        s.claimant["affiliation"]: s for s in series
        if (s.event, s.unit, s.location) == ("killed", "people", "Halvek")
    }


def test_demo_examples_are_invented_and_each_listed_file_exists():
    import json

    index = json.loads((examples_dir() / "index.json").read_text(encoding="utf-8"))
    assert index["note"].startswith("Invented for claimledger")
    reports = example_reports()
    assert 4 <= len(reports) <= 6
    assert index["main"] in {r.id for r in reports}
    for report in reports:
        words = len(report.path.read_text(encoding="utf-8").split())
        assert 120 <= words <= 350, (report.id, words)
        assert report.url.split("/")[2].endswith(".example"), report.url


def test_demo_stores_every_example_with_one_copy_linked(demo):
    summary, documents, _ = demo
    assert summary.documents == len(example_reports()) == len(documents)
    assert summary.copies == 1
    (copy,) = [d for d in documents.values() if d["copy_of"]]
    original = documents[copy["copy_of"]]
    assert (copy["outlet"], original["outlet"]) == ("The Riverside Courier", "Northbridge Wire")
    assert copy["title"] != original["title"]


def test_demo_two_sides_count_the_same_dead_differently(demo):
    _, _, series = demo
    deaths = _halvek_deaths(series)
    assert {"Drevnia", "Morvania"} <= set(deaths)
    drevnia, morvania = deaths["Drevnia"], deaths["Morvania"]
    assert drevnia.quantity == morvania.quantity
    assert any(f["kind"] == "discrepancy" and "Morvania says fewer than 12" in f["detail"]
               for f in drevnia.flags)
    assert [(p.as_of, p.label()) for p in morvania.points] == [
        ("2024-09-18", "fewer than 12"), ("2024-09-18", "11")]


def test_demo_drevnia_raises_its_toll_on_a_later_day(demo):
    _, _, series = demo
    flags = _halvek_deaths(series)["Drevnia"].flags
    assert {"kind": "update", "detail": "40 (2024-09-18) → 52 (2024-09-19)"} in flags
    assert not [f for f in flags if f["kind"] in ("regression", "inconsistent")]


def test_demo_copy_is_counted_once_in_a_point(demo):
    summary, _, series = demo
    point = next(p for p in _halvek_deaths(series)["Drevnia"].points
                 if (p.as_of, p.label()) == ("2024-09-18", "40"))
    outlets = sorted(r["outlet"] for r in point.reports)
    assert outlets == ["Northbridge Wire", "The Riverside Courier"]
    assert point.independent_reports == 1
    assert summary.updates >= 1 and summary.discrepancies >= 2


def test_demo_refuses_a_ledger_that_already_holds_documents(demo, tmp_path, extractor):
    db = tmp_path / "demo.db"
    build_demo(db, extractor=extractor)
    size = db.stat().st_size
    with pytest.raises(InputError, match="already holds 4 documents"):
        build_demo(db, extractor=extractor)
    assert db.stat().st_size == size


def test_demo_command_prints_a_summary_and_the_serve_command(tmp_path: Path):
    db = tmp_path / "mine.db"
    result = CliRunner().invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert re.search(r"4 example reports, 1 of them a republished copy \(counted once\)", result.output)
    assert result.output.rstrip().splitlines()[-1] == f"look at it:  claimledger serve --db {db}"
    again = CliRunner().invoke(app, ["demo", "--db", str(db)])
    assert again.exit_code != 0
    assert "already holds" in str(again.exception)
