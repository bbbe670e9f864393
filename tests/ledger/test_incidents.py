"""Places and incidents: spellings of one place are one key, scopes stay apart, and reports
of one incident cluster while another incident at another place or time stays apart.
Places and wording come from the invented example reports and the series tests' rows."""

from __future__ import annotations

from claimledger.ledger.incidents import find_incidents
from claimledger.ledger.places import resolve
from claimledger.ledger.series.build import build_series
from claimledger.ledger.series.rows import FigureRow


def _row(doc: str, n: int, value: int, published: str, location: str | None,
         event: str = "killed") -> FigureRow:
    return FigureRow(document_id=doc, figure_id=f"{doc}:f{n}", claim_id=f"{doc}:c{n}",
                     value=value, low=value, high=value, qualifier="exact", event=event,
                     unit="people", location=location, as_of=published, published=published,
                     source_name="Ukrainian officials", source_affiliation="Ukraine")


def test_place_spellings_of_one_town_are_one_key_and_region_is_another_scope():
    assert resolve("Kiev").key == resolve("Kyiv").key
    assert resolve("Kherson region").key == resolve("Kherson Oblast").key
    assert resolve("Kherson region").key != resolve("Kherson").key
    assert resolve("Kramatorsk railway station").parent.key == resolve("Kramatorsk").key
    assert resolve("104") is None and resolve("UN") is None


def test_facility_spellings_fold_articles_and_transliteration():
    assert resolve("al-Shifa hospital").key == resolve("Shifa Hospital").key


def test_reports_of_one_strike_are_one_incident_and_a_far_town_is_another():
    rows = [_row("a", 1, 30, "2022-04-08", "Kramatorsk railway station"),
            _row("b", 1, 50, "2022-04-09", "Kramatorsk"),
            _row("b", 2, 17, "2022-04-09", "Odesa"),
            _row("c", 1, 5, "2022-09-01", "Kramatorsk")]
    found = find_incidents(rows)
    inc = found.incident_of
    assert inc["a:f1"] == inc["b:f1"]
    assert inc["b:f2"] != inc["b:f1"]  # one report, two incidents
    assert inc["c:f1"] != inc["a:f1"]  # the same town months later: another incident


def test_series_of_one_incident_do_not_split_by_place_spelling():
    rows = [_row("a", 1, 30, "2022-04-08", "Kramatorsk railway station"),
            _row("b", 1, 50, "2022-04-09", "Kramatorsk"),
            _row("c", 1, 52, "2022-04-09", None)]
    series = build_series(rows)
    assert len(series) == 1 and [p.value for p in series[0].points] == [30, 50, 52]
    assert series[0].incident


def test_figure_with_inferred_event_is_neither_judged_nor_the_estimate():
    from dataclasses import replace

    from claimledger.ledger.series.estimate import reconcile

    surrendered = replace(_row("a", 1, 1730, "2022-05-19", "Azovstal", event="surrender"),
                          unit="Ukrainian soldiers")
    # the events stage gave the article's count of wounded no event: the series infers
    # "surrender" from the article's other figures of that side and unit
    wounded = replace(_row("a", 2, 80, "2022-05-19", "Azovstal", event=None),
                      unit="Ukrainian soldiers")
    series = build_series([surrendered, wounded])
    assert len(series) == 1 and len(series[0].points) == 2
    assert "inconsistent" not in {f["kind"] for f in series[0].flags}
    reconcile(series)
    assert series[0].estimates[0]["value"] == 1730


def test_report_a_year_later_that_names_the_incidents_day_joins_it():
    rows = [_row("a", 1, 50, "2022-04-08", "Kramatorsk railway station"),
            _row("b", 1, 61, "2023-04-08", "Kramatorsk"),
            _row("c", 1, 3, "2023-04-09", "Kramatorsk")]
    leads = {"b": "the attack on Kramatorsk that happened on 8 April 2022"}
    inc = find_incidents(rows, leads).incident_of
    assert inc["b:f1"] == inc["a:f1"]
    assert inc["c:f1"] == inc["b:f1"]  # within the window of b
    assert find_incidents(rows).incident_of["b:f1"] != inc["a:f1"]  # without the recall
