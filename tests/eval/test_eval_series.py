"""The series suite's precision side: foreign points in the best-matching series.

Built on hand-made series (the metric, not the pipeline, is under test): the values and
dates are those of the Olenivka prison strike as the Russian Defence Ministry gave them.
"""

from __future__ import annotations

from claimledger.eval.series import best_series, compare_with_gold, supported
from claimledger.ledger.series.points import Point, Series

GOLD = [{
    "event": "killed",
    "claimant": ["Russian Defence Ministry", "Russia's defence ministry"],
    "points": [{"value": 40, "as_of": "2022-07-29"}, {"value": 50, "as_of": "2022-07-29"},
               {"value": 53, "as_of": "2022-07-30"}],
}]


def _series(sid: str, values: list[tuple[str, int | None]], name="Russian Defence Ministry",
            event="killed", affiliation="Russia") -> Series:
    points = [Point(as_of, value, value, value, "exact") for as_of, value in values]
    return Series(id=sid, quantity="q", event=event, unit="people", location="Olenivka",
                  cumulative=True, side="defense ministry russia",
                  claimant={"name": name, "affiliation": affiliation, "aliases": [name]},
                  points=points)


def test_point_supported_by_same_value_any_date_or_within_ten_percent_same_day():
    gold = GOLD[0]["points"]
    assert supported(Point("2022-08-02", 53, 53, 53, "exact"), gold)       # value, other day
    assert supported(Point("2022-07-30", 57, 57, 57, "exact"), gold)       # 53 + 7.5%, same day
    assert not supported(Point("2022-07-31", 57, 57, 57, "exact"), gold)   # near, wrong day
    assert not supported(Point("2022-07-30", 75, 75, 75, "exact"), gold)   # far
    assert not supported(Point("2022-07-30", None, 200, 999, "vague"), gold)


def test_foreign_counts_unsupported_points_of_the_best_series_only():
    best = _series("a", [("2022-07-29", 40), ("2022-07-30", 53), ("2022-07-30", 130)])
    other = _series("b", [("2022-07-29", 40), ("2022-08-01", 9000), ("2022-08-02", 7)])
    scores = compare_with_gold([other, best], GOLD)
    # "a" holds two gold points by value and date, "b" one: "a" is the match, 130 is foreign
    assert best_series([other, best], GOLD[0]["points"]) is best
    assert (scores["foreign_points"], scores["system_points"]) == (1, 3)
    assert abs(scores["foreign"] - 1 / 3) < 1e-9


def test_foreign_ignores_series_of_other_claimants_and_events():
    mine = _series("a", [("2022-07-29", 40), ("2022-07-29", 50), ("2022-07-30", 53)])
    ukraine = _series("u", [("2022-07-29", 40), ("2022-07-30", 999)], name="Ukrainian Armed Forces",
                      affiliation="Ukraine")
    wounded = _series("w", [("2022-07-29", 40), ("2022-07-30", 75)], event="wounded")
    scores = compare_with_gold([mine, ukraine, wounded], GOLD)
    assert scores["foreign"] == 0.0 and scores["system_points"] == 3
    assert scores["points"] == 1.0


def test_no_matching_series_gives_no_foreign_points():
    scores = compare_with_gold([_series("x", [("2022-07-29", 12)])], GOLD)
    assert scores["system_points"] == 0 and scores["foreign"] == 0.0
