"""Series grouping, flags and reconciliation on small rows of real reported figures.

The figures are those of the dev stories: the Russian Defence Ministry's Azovstal surrender
count (959 on 18 May, 1,730 on 19 May, 1,908 on 20 May 2022, "almost 2000", Western
intelligence's "hundreds"), Olenivka's death toll (Russia 40, the separatists 53), and
Kramatorsk's (Ukrainian officials "more than 30", "at least 52").
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from claimledger.ledger.reviews import apply_reviews
from claimledger.ledger.series.build import build_series
from claimledger.ledger.series.estimate import reconcile
from claimledger.ledger.series.intervals import interval
from claimledger.ledger.series.keys import claimant_key, place_key, unit_class
from claimledger.ledger.series.rows import FigureRow

sys.path.insert(0, str(Path(__file__).parent))

MOD = {"source_name": "Russian Defence Ministry", "source_affiliation": "Russia"}
SHOIGU = {"source_name": "Sergei Shoigu", "source_affiliation": "Russia"}
DPR = {"source_name": "spokesman for the separatists", "source_affiliation": "Donetsk People's Republic"}
UKRAINE = {"source_name": "Pavlo Kyrylenko", "source_affiliation": "Ukraine"}

_n = 0


def row(value, as_of, *, qualifier="exact", low=None, high=None, event="surrender",
        unit="Ukrainian soldiers", location="Azovstal", doc=None, copy_of=None, text=None,
        who=MOD, cumulative=True, outlet="Reuters") -> FigureRow:
    global _n
    _n += 1
    if qualifier == "exact":
        low = high = value
    doc = doc or f"doc-{_n}"
    return FigureRow(
        document_id=doc, figure_id=f"{doc}:f{_n}", claim_id=f"{doc}:c{_n}", value=value,
        low=low, high=high, qualifier=qualifier, event=event, unit=unit, location=location,
        as_of=as_of, cumulative=cumulative, text=text or (str(value) if value else None),
        outlet=outlet, published=as_of, copy_of=copy_of,
        source_aliases=(who["source_name"],), **who,
    )


def kinds(series) -> list[str]:
    return sorted({f["kind"] for f in series.flags})


def only(series):
    assert len(series) == 1, [(s.event, s.unit, s.location, s.side) for s in series]
    return series[0]


# -- grouping -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unit,expected",
    [
        ("Ukrainian soldiers", "combatants"),
        ("Ukrainian servicemen", "combatants"),
        ("Ukrainian prisoners of war", "combatants"),
        ("defenders", "combatants"),
        ("civilians", "civilians"),
        ("children", "children"),
        ("prison staff", "staff"),
        ("people", "people"),
        (None, "people"),
        ("Ukrainians", "people"),
        ("rockets", "rockets"),
    ],
)
def test_unit_class_groups_unit_heads_by_lexicon(unit, expected):
    assert unit_class(unit).name == expected


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("Azovstal plant", "the Azovstal works", True),
        ("Azovstal plant", "Azovstal", False),  # a facility and a bare name: one in an incident
        ("Azovstal steel plant", "the Azovstal steelworks", True),
        # a facility and its town are two scopes; inside one incident they fold together
        ("Kramatorsk railway station", "Kramatorsk", False),
        ("Kiev", "Kyiv", True),
        ("Kherson region", "Kherson Oblast", True),
        ("Kherson region", "Kherson", False),
        ("Olenivka", "Mariupol", False),
        ("Donetsk", "Kramatorsk railway station", False),
    ],
)
def test_place_key_drops_kind_of_place_words(a, b, same):
    assert (place_key(a) == place_key(b)) is same


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("Russia\u2019s defence ministry", "Russian Defense Ministry", True),
        ("The Russian Defence Ministry", "Russia's Defense Ministry", True),
        ("Ukrainian officials", "Ukraine", True),
        ("Ministry of Defense of Russia", "Russian Ministry of Defense", True),
        ("A spokesman for the separatists", "separatists", True),
        ("Russian Defence Ministry", "Ukrainian Defence Ministry", False),
        ("Donetsk People's Republic", "Russia", False),
        ("Moscow", "Russia", True),
        ("Kyiv", "Ukrainian", True),
    ],
)
def test_claimant_key_normalises_spelling_and_nationality(a, b, same):
    assert (claimant_key(a) == claimant_key(b)) is same


def test_series_one_side_groups_minister_and_ministry():
    rows = [row(959, "2022-05-18"), row(1730, "2022-05-19"),
            row(1908, "2022-05-20", unit="people", who=SHOIGU, location="Azovstal plant")]
    s = only(build_series(rows))
    assert (s.event, s.unit, s.cumulative) == ("surrender", "combatants", True)
    assert s.claimant["affiliation"] == "Russia"
    assert {"Russian Defence Ministry", "Sergei Shoigu"} <= set(s.claimant["aliases"])
    assert [p.value for p in s.points] == [959, 1730, 1908]


@pytest.mark.parametrize(
    "other,apart",
    [
        ({"unit": "children", "event": "killed"}, True),   # a subgroup is its own quantity
        ({"unit": "people", "event": "killed"}, False),    # a generic toll joins civilians
        ({"location": "Mariupol", "event": "killed"}, True),
        ({"cumulative": False, "event": "killed"}, True),
    ],
)
def test_series_keeps_different_quantities_apart(other, apart):
    base = row(50, "2022-04-08", event="killed", unit="civilians", location="Kramatorsk", who=UKRAINE)
    kwargs = {"event": "killed", "unit": "civilians", "location": "Kramatorsk", "who": UKRAINE, **other}
    series = build_series([base, row(57, "2022-04-10", **kwargs)])
    assert (len(series) == 2) is apart


def test_series_unplaced_figure_joins_the_only_place_of_its_quantity():
    rows = [row(1730, "2022-05-19"), row(1908, "2022-05-20", location=None)]
    s = only(build_series(rows))
    assert s.location == "Azovstal"


def test_series_id_is_stable_whatever_the_row_order():
    rows = [row(959, "2022-05-18"), row(1730, "2022-05-19"), row(40, "2022-07-29", event="killed",
            unit="prisoners", location="Olenivka"), row(53, "2022-07-29", event="killed",
            unit=None, location="Olenivka", who=DPR)]
    first = [s.to_dict() for s in build_series(rows)]
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    assert json.dumps([s.to_dict() for s in build_series(shuffled)]) == json.dumps(first)


# -- copies -------------------------------------------------------------------------------


def test_series_ten_copies_of_one_wire_story_are_one_report():
    rows = [row(1908, "2022-05-20", doc="wire")]
    rows += [row(1908, "2022-05-20", doc=f"copy-{i}", copy_of="wire", outlet=f"Outlet {i}")
             for i in range(10)]
    rows.append(row(1908, "2022-05-20", doc="own-report", outlet="CNN"))
    p = only(build_series(rows)).points[0]
    assert len(p.reports) == 12
    assert p.independent_reports == 2


def test_series_copy_with_changed_figure_counts_as_independent_and_is_flagged():
    rows = [row(40, "2022-07-29", doc="wire", event="killed", unit="prisoners", location="Olenivka"),
            row(45, "2022-07-29", doc="edited", copy_of="wire", event="killed", unit="prisoners",
                location="Olenivka")]
    s = only(build_series(rows))
    assert [(p.value, p.independent_reports) for p in s.points] == [(40, 1), (45, 1)]
    assert "changed_copy" in kinds(s)


# -- flags within one side ----------------------------------------------------------------


def test_series_running_total_growing_is_update():
    s = only(build_series([row(959, "2022-05-18"), row(1730, "2022-05-19"), row(1908, "2022-05-20")]))
    assert kinds(s) == ["update"]
    assert [f["detail"] for f in s.flags] == [
        "959 (2022-05-18) → 1,730 (2022-05-19)", "1,730 (2022-05-19) → 1,908 (2022-05-20)"]


@pytest.mark.parametrize("cumulative,expected", [(True, ["regression"]), (False, [])])
def test_series_running_total_shrinking_is_regression(cumulative, expected):
    rows = [row(1908, "2022-05-19", cumulative=cumulative), row(1730, "2022-05-20", cumulative=cumulative)]
    assert kinds(only(build_series(rows))) == expected


@pytest.mark.parametrize(
    "rough,expected",
    [
        (dict(value=2000, qualifier="nearly", high=2000, text="almost 2000"), ["rounding"]),
        (dict(value=2000, qualifier="approximately", text="about 2,000"), ["rounding"]),
        (dict(value=1500, qualifier="approximately", text="about 1,500"), ["inconsistent"]),
    ],
)
def test_series_rounded_figure_consistent_with_exact_is_rounding(rough, expected):
    value = rough.pop("value")
    rows = [row(1908, "2022-05-20"), row(value, "2022-05-20", **rough)]
    assert kinds(only(build_series(rows))) == expected


def test_series_vague_figure_beside_exact_is_vague():
    rows = [row(1908, "2022-05-20"),
            row(None, "2022-05-20", qualifier="vague", low=200, high=999, text="hundreds")]
    s = only(build_series(rows))
    assert kinds(s) == ["vague"]
    assert "hundreds" in s.flags[0]["detail"] and "not consistent" in s.flags[0]["detail"]


def test_series_one_side_two_values_same_day_is_inconsistent():
    rows = [row(40, "2022-07-29", event="killed", unit="prisoners", location="Olenivka"),
            row(53, "2022-07-29", event="killed", unit="prisoners", location="Olenivka")]
    s = only(build_series(rows))
    assert kinds(s) == ["inconsistent"]


# -- across sides -------------------------------------------------------------------------


def test_reconcile_russia_and_separatists_are_two_sides_in_discrepancy():
    rows = [row(40, "2022-07-29", event="killed", unit="prisoners", location="Olenivka"),
            row(53, "2022-07-29", event="killed", unit=None, location="Olenivka", who=DPR)]
    series = build_series(rows)
    assert len(series) == 2
    assert all("inconsistent" not in kinds(s) for s in series)
    estimates = reconcile(series)
    assert all(kinds(s) == ["discrepancy"] for s in series)
    (est,) = estimates[series[0].quantity]
    assert (est["as_of"], est["value"], est["disputed"]) == ("2022-07-29", 40, True)
    assert "53" in est["note"]


@pytest.mark.parametrize(
    "ukraine,russia,disputed",
    [
        (dict(value=30, qualifier="more_than", low=30, text="more than 30"), dict(value=52, qualifier="at_least", low=52), False),
        (dict(value=39, qualifier="at_least", low=39), dict(value=30), True),
        (dict(value=100, qualifier="approximately"), dict(value=98), False),
    ],
)
def test_reconcile_discrepancy_uses_bounds_and_qualifiers(ukraine, russia, disputed):
    kw = {"event": "killed", "unit": "people", "location": "Kramatorsk"}
    series = build_series([row(ukraine.pop("value"), "2022-04-08", who=UKRAINE, **kw, **ukraine),
                           row(russia.pop("value"), "2022-04-08", who=MOD, **kw, **russia)])
    reconcile(series)
    assert all(("discrepancy" in kinds(s)) is disputed for s in series)


@pytest.mark.parametrize(
    "figures,expected",
    [
        ([dict(value=None, qualifier="vague", low=24, high=99, text="dozens")], 12),
        ([dict(value=None, qualifier="vague", low=24, high=99, text="dozens"), dict(value=40)], 40),
        ([dict(value=30, qualifier="more_than", low=30, text="more than 30"), dict(value=52, qualifier="at_least", low=52)], 30),
    ],
)
def test_reconcile_estimate_is_lowest_credible_figure(figures, expected):
    rows = [row(f.pop("value"), "2022-07-29", event="killed", unit="prisoners", location="Olenivka", **f)
            for f in figures]
    (est,) = reconcile(build_series(rows)).popitem()[1]
    assert est["value"] == expected


@pytest.mark.parametrize(
    "value,qualifier,low,high,expected",
    [
        (1908, "exact", 1908, 1908, (1908, 1908)),
        (2000, "nearly", None, 2000, (1800, 2000)),
        (30, "more_than", 30, None, (31, float("inf"))),
        (None, "vague", 200, 999, (200, 999)),
    ],
)
def test_interval_reads_qualifiers(value, qualifier, low, high, expected):
    assert interval(value, low, high, qualifier) == pytest.approx(expected)


# -- reviews ------------------------------------------------------------------------------


def _review(id, target, verdict, changes=None, undone=None, kind="figure"):
    return {"id": id, "target_type": kind, "target_id": target, "verdict": verdict,
            "changes_json": json.dumps(changes) if changes else None, "undone_at": undone}


def test_reviews_reject_drops_and_correct_replaces():
    a, b, c = row(959, "2022-05-18"), row(1730, "2022-05-19"), row(1700, "2022-05-20")
    reviews = [
        _review(1, a.figure_id, "reject"),
        _review(2, c.figure_id, "correct", {"value": 1908, "low": 1908, "high": 1908}),
        _review(3, b.claim_id, "reject", undone="2026-01-01T00:00:00", kind="claim"),
    ]
    s = only(build_series(apply_reviews([a, b, c], reviews)))
    assert [p.value for p in s.points] == [1730, 1908]
    assert kinds(s) == ["update"]


def test_reviews_corrected_source_moves_figure_to_that_side():
    a = row(53, "2022-07-29", event="killed", unit="prisoners", location="Olenivka")
    fixed = apply_reviews([a], [_review(1, a.claim_id, "correct",
                                        {"source_id": "doc-x:s2",
                                         "source_name": "spokesman for the separatists",
                                         "source_affiliation": "Donetsk People's Republic"},
                                        kind="claim")])
    s = only(build_series(fixed))
    assert s.claimant["affiliation"] == "Donetsk People's Republic"


def test_series_source_without_affiliation_takes_the_one_other_articles_give():
    bare = {"source_name": "Kyrylenko", "source_affiliation": None}
    rows = [row(30, "2022-04-08", event="killed", unit="people", location="Kramatorsk",
                who={"source_name": "Kyrylenko", "source_affiliation": "Ukraine"}),
            row(50, "2022-04-09", event="killed", unit="people", location="Kramatorsk", who=bare)]
    s = only(build_series(rows))
    assert s.claimant["affiliation"] == "Ukraine"
    # a name never given an affiliation stays its own side
    other = row(17, "2022-04-08", event="killed", unit="people", location="Kramatorsk",
                who={"source_name": "Putin administration", "source_affiliation": None})
    assert len(build_series([*rows, other])) == 2


@pytest.mark.parametrize(
    "location,expected",
    # the article names Kramatorsk twice and Ukraine twice: the specific place wins
    [(None, "Kramatorsk railway station"), ("Ukraine", "Ukraine"), ("Donetsk", "Donetsk")],
)
def test_series_unplaced_figure_takes_its_articles_place(location, expected):
    rows = [row(50, "2022-04-08", event="killed", unit="civilians", who=UKRAINE, doc="cbs",
                location="Kramatorsk railway station"),
            row(2, "2022-04-08", event="attack", unit="missiles", who=UKRAINE, doc="cbs",
                location="Ukraine"),
            row(3, "2022-04-08", event="attack", unit="rockets", who=UKRAINE, doc="cbs",
                location="eastern Ukraine"),
            row(4, "2022-04-08", event="killed", unit="children", who=UKRAINE, doc="cbs",
                location="Kramatorsk railway station"),
            row(30, "2022-04-08", event="wounded", unit="people", who=UKRAINE, doc="cbs",
                location=location)]
    wounded = [s for s in build_series(rows) if s.event == "wounded"]
    assert only(wounded).location == expected


@pytest.mark.parametrize(
    "other,expected",
    [(2000, ["rounding"]), (1900, ["rounding"]), (1500, ["inconsistent"]), (1910, ["inconsistent"])],
)
def test_series_round_exact_number_reads_as_rounding(other, expected):
    rows = [row(1908, "2022-05-20"), row(other, "2022-05-20", outlet="CNN")]
    assert kinds(only(build_series(rows))) == expected


@pytest.mark.parametrize(
    "who,unit,joins",
    [
        (MOD, "Ukrainian soldiers", True),     # "the previous figure given by the ministry"
        ({"source_name": "Western intelligence", "source_affiliation": "West"}, "soldiers", False),
        (MOD, "civilians", False),              # another kind of thing counted
    ],
)
def test_series_figure_without_event_takes_its_articles_event_for_that_side(who, unit, joins):
    rows = [row(1908, "2022-05-20", doc="seed", unit="people", who=SHOIGU),
            row(2000, "2022-05-20", doc="seed", qualifier="nearly", high=2000),
            row(1730, "2022-05-19", doc="seed", event=None, unit=unit, who=who)]
    series = build_series(rows)
    surrender = only([s for s in series if s.event == "surrender"])
    assert (1730 in [p.value for p in surrender.points]) is joins
    if joins:
        (p,) = [p for p in surrender.points if p.value == 1730]
        assert p.reports[0]["event_inferred"] is True
        assert "update" in kinds(surrender)


def test_series_unplaced_generic_count_joins_the_sides_population_and_place():
    # Konashenkov's "73 people wounded" (no place) continues the ministry's 75 POWs wounded
    rows = [row(75, "2022-07-29", event="wounded", unit="prisoners of war", location="Olenivka"),
            row(73, "2022-07-30", event="wounded", unit="people", location=None,
                who={"source_name": "Igor Konashenkov", "source_affiliation": "Russia"})]
    s = only(build_series(rows))
    assert (s.unit, s.location) == ("combatants", "Olenivka")
    assert kinds(s) == ["regression"]


@pytest.mark.parametrize(
    "name,others,carried",
    [
        ("Kyrylenko", ["Ukraine", "Ukraine", "Donetsk oblast"], True),   # a proper name: majority
        ("the ministry", ["Ukraine"], True),                             # never anyone else's
        ("the ministry", ["Ukraine", "Russia"], False),                  # two ministries
    ],
)
def test_series_affiliation_carries_across_articles_only_when_unambiguous(name, others, carried):
    rows = [row(30 + i, "2022-04-08", event="killed", unit="people", location="Kramatorsk",
                doc=f"a{i}", who={"source_name": name, "source_affiliation": aff})
            for i, aff in enumerate(others)]
    bare = row(50, "2022-04-09", event="killed", unit="people", location="Kramatorsk", doc="b",
               who={"source_name": name, "source_affiliation": None})
    series = build_series([*rows, bare])
    (mine,) = [s for s in series if any(p.value == 50 for p in s.points)]
    # not carried: "the ministry" is a bare role, no claimant of its own (the outlet's figure)
    assert (mine.side in {claimant_key(a) for a in others}) is carried


def test_series_institution_without_country_joins_the_only_country_that_has_one():
    # "Interior Ministry" alone is Ukraine's when the ledger knows only Ukraine's interior
    # ministry; with Russia's too it could be either, and stays apart
    ua = row(14, "2023-06-17", event="killed", unit="people", location="Kherson", doc="a",
             who={"source_name": "Ukraine's interior ministry", "source_affiliation": "Ukraine"})
    bare = row(16, "2023-06-18", event="killed", unit="people", location="Kherson", doc="b",
               who={"source_name": "Interior Ministry", "source_affiliation": None})
    ru = row(5, "2023-06-18", event="killed", unit="people", location="Kherson", doc="c",
             who={"source_name": "Russia's interior ministry", "source_affiliation": "Russia"})
    (mine,) = [s for s in build_series([ua, bare]) if any(p.value == 16 for p in s.points)]
    assert mine.side == "ukraine"
    (mine,) = [s for s in build_series([ua, bare, ru]) if any(p.value == 16 for p in s.points)]
    assert mine.side not in ("ukraine", "russia")


def test_a_vague_wording_beside_figures_is_no_point_but_is_still_flagged_and_estimated():
    # Western intelligence's "hundreds" beside the ministry's 1,908: a comment on the figure
    s = only(build_series([
        row(1908, "2022-05-20"),
        row(None, "2022-05-20", qualifier="vague", low=200, high=999, text="hundreds")]))
    assert [p.value for p in s.points] == [1908]
    assert [p.label() for p in s.vague] == ["hundreds"] and kinds(s) == ["vague"]
    assert s.to_dict()["vague"][0]["qualifier"] == "vague"


def test_a_side_that_only_speaks_vaguely_keeps_its_wordings_as_points():
    s = only(build_series([row(None, "2022-05-20", qualifier="vague", low=200, high=999,
                               text="hundreds")]))
    assert [p.label() for p in s.points] == ["hundreds"] and s.vague == []


def test_a_days_only_vague_wording_still_gives_that_sides_estimate():
    mod = row(1908, "2022-05-19")
    said = row(None, "2022-05-20", qualifier="vague", low=24, high=99, text="dozens")
    other = row(40, "2022-05-20", who=UKRAINE)
    series = build_series([mod, said, other])
    reconcile(series)
    day = next(e for s in series for e in s.estimates if e["as_of"] == "2022-05-20")
    assert "2 figure(s)" in day["note"]  # the ministry's "dozens" and Ukraine's 40


def test_a_share_gives_no_inferred_event_to_the_whole_it_is_a_share_of():
    """ "a quarter of Halvek's 2.3 million residents face starvation" (the example reports'
    world): the whole the events stage left without an event is not filed under the share's
    event, while a count of the article gives its event to another count as before."""
    un = {"source_name": "UN", "source_affiliation": "United Nations"}
    share = row(0.25, "2024-09-18", event="other", unit="2.3 million residents", doc="d", who=un,
                text="a quarter", location="Halvek")
    whole = row(2_300_000, "2024-09-18", event=None, unit="residents", doc="d", who=un,
                text="2.3 million", location="Halvek")
    assert [(s.event, [p.value for p in s.points]) for s in build_series([share, whole])] == [
        ("other", [0.25])]
    count = row(40, "2024-09-18", event="other", unit="residents", doc="e", who=un,
                location="Halvek")
    other = row(12, "2024-09-18", event=None, unit="residents", doc="e", who=un,
                location="Halvek")
    assert sorted(p.value for s in build_series([count, other]) for p in s.points) == [12, 40]
