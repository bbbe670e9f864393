"""A point's date is when the claimant made the claim: a date years from its report's day
stands only on words naming that year, and a copy republished days later states its
original's claim, on its original's day (the invented example reports as the texts)."""

from __future__ import annotations

import pytest

from claimledger.data import data_path
from claimledger.eval.series import oracle_extraction, store_extractions
from claimledger.ledger.series.rows import (
    claim_date,
    point_date,
    rows_from_extraction,
    rows_from_store,
)
from claimledger.ledger.store import Store

WIRE = (data_path("examples") / "halvek-market-strike.txt").read_text(encoding="utf-8")
FORTY = {"text": "At least 40", "value": 40, "low": 40, "high": None, "qualifier": "at_least",
         "unit": "people", "event": "killed", "source": ["Drevnia's health ministry"]}
WOUNDED = {"text": "more than 70", "value": 70, "low": 70, "high": None,
           "qualifier": "more_than", "unit": "people", "event": "wounded",
           "source": ["Tomas Brenner"]}


def _article(doc_id: str, published: str, text: str = WIRE, figures: tuple = (FORTY,),
             outlet: str = "Northbridge Wire", stated_on: str | None = None) -> dict:
    return {"id": doc_id, "published": published, "text": text, "outlet": outlet,
            "url": None, "title": None,
            "figures": [{**f, "stated_on": stated_on} for f in figures]}


@pytest.mark.parametrize("as_of,words,expected", [
    ("2008-01-01", None, "2024-09-18"),           # a year from nowhere: the report's day
    ("2021-09-16", "on Thursday", "2024-09-18"),  # a weekday resolved years away
    ("2022-04-08", "on 8 April 2022", "2022-04-08"),  # the words name the year
    ("2024-03-02", "in March", "2024-03-02"),     # months away, not years: kept
    (None, None, "2024-09-18"),
])
def test_point_date_keeps_a_far_date_only_on_words_naming_its_year(as_of, words, expected):
    assert point_date(as_of, words, "2024-09-18") == expected


def test_a_figure_dated_years_away_without_words_is_dated_by_its_report(tmp_path):
    ex = oracle_extraction(_article("wire", "2024-09-18", stated_on="2008-01-01"))
    assert [r.as_of for r in rows_from_extraction(ex)] == ["2024-09-18"]
    with Store(tmp_path / "ledger.db") as store:
        store_extractions(store, [ex])
        assert store.figures()[0]["as_of"] == "2008-01-01"  # stored as extracted
        assert [r.as_of for r in rows_from_store(store)] == ["2024-09-18"]


def _copy_rows(tmp_path, copy_published: str) -> dict[str, str]:
    copy_text = "Dozens killed in Halvek market shelling\n\n" + WIRE.split("\n\n", 1)[1]
    with Store(tmp_path / "ledger.db") as store:
        store_extractions(store, [
            oracle_extraction(_article("wire", "2024-09-18")),
            oracle_extraction(_article("copy", copy_published, copy_text, (FORTY, WOUNDED),
                                       outlet="The Riverside Courier")),
        ])
        assert store.copy_of("copy") == "wire"
        return {r.figure_id: r.as_of for r in rows_from_store(store)}


def test_a_copy_republished_a_week_later_states_its_originals_claim_on_its_day(tmp_path):
    dates = _copy_rows(tmp_path, "2024-09-25")
    assert dates["copy:f1"] == "2024-09-18"
    # the original does not state this one: it is the copy's own, on the copy's day
    assert dates["copy:f2"] == "2024-09-25"


def test_a_copy_of_the_next_day_keeps_its_own_day(tmp_path):
    assert _copy_rows(tmp_path, "2024-09-19")["copy:f1"] == "2024-09-19"


def test_a_point_shows_its_reports_and_how_many_are_independent(tmp_path):
    from claimledger.ledger.series.build import series_from_store

    copy_text = "Dozens killed in Halvek market shelling\n\n" + WIRE.split("\n\n", 1)[1]
    depot = (data_path("examples") / "morvania-depot-strike.txt").read_text(encoding="utf-8")
    with Store(tmp_path / "ledger.db") as store:
        store_extractions(store, [
            oracle_extraction(_article("wire", "2024-09-18")),
            oracle_extraction(_article("copy", "2024-09-18", copy_text, outlet="Courier")),
            oracle_extraction(_article("depot", "2024-09-18", depot, ({**FORTY, "text": "at least 40"},),
                                       outlet="Eastgate Post")),
        ])
        series = series_from_store(store)
    (point,) = [p for s in series for p in s.points if p.value == 40]
    assert (point.report_count, point.independent_reports) == (3, 2)
    assert point.reports_label() == "3 reports, 2 independent"


def _incident_dated(ex, stated_on: str | None = "2024-09-18"):
    """The extraction with its figure dated by an incident day in its phrase ("killed on
    Monday") and its claim stated on `stated_on`, as the pipeline gives them."""
    from claimledger.model import When

    fig = ex.figures[0].model_copy(update={"as_of": When(date="2024-09-16", precision="day",
                                                        text="on Monday")})
    stated = When(date=stated_on, precision="day") if stated_on else None
    claim = ex.claims[0].model_copy(update={"stated_on": stated})
    return ex.model_copy(update={"figures": [fig], "claims": [claim]})


@pytest.mark.parametrize("stated_on", ["2024-09-18", None])
def test_an_attributed_figure_is_a_point_of_when_it_was_claimed_not_of_its_incident(
        tmp_path, stated_on):
    """"said 120 were killed in the February 29 incident" in a March 8 report is a point of
    March 8 (issue 10); a saying the text does not date is one of the report's day."""
    ex = _incident_dated(oracle_extraction(_article("wire", "2024-09-18")), stated_on)
    assert [r.as_of for r in rows_from_extraction(ex)] == ["2024-09-18"]
    with Store(tmp_path / "ledger.db") as store:
        store_extractions(store, [ex])
        assert [r.as_of for r in rows_from_store(store)] == ["2024-09-18"]


def test_an_outlets_own_figure_keeps_the_date_its_phrase_gives(tmp_path):
    article = _article("wire", "2024-09-18", figures=({**FORTY, "source": None},))
    ex = _incident_dated(oracle_extraction(article))
    assert [r.as_of for r in rows_from_extraction(ex)] == ["2024-09-16"]
    with Store(tmp_path / "ledger.db") as store:
        store_extractions(store, [ex])
        assert [r.as_of for r in rows_from_store(store)] == ["2024-09-16"]


@pytest.mark.parametrize("as_of,stated_on,attributed,expected", [
    ("2024-02-29", "2024-03-08", True, "2024-03-08"),
    ("2024-02-29", None, True, None),          # point_date then gives the report's day
    ("2024-02-29", "2024-03-08", False, "2024-02-29"),
])
def test_claim_date_prefers_the_claims_day_for_a_claimant(as_of, stated_on, attributed, expected):
    assert claim_date(as_of, stated_on, attributed) == expected
