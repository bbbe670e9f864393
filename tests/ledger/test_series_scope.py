"""A figure's scope from its sentence: a war- or campaign-wide total and a part of another
figure are keyed apart from an incident's own count, so they never share its series.

The sentences are PolNeAR train sentences (2015-16 US news); the series rows use the
figures of the dev stories as `test_series.py` does.
"""

from __future__ import annotations

import json

from claimledger.ledger.series.build import build_series
from claimledger.ledger.series.rows import FigureRow
from claimledger.ledger.series.scope import CAMPAIGN, PART, REMAINDER, figure_scopes, sentences


def _spans(text: str, *figures: tuple[str, str | None]) -> list[tuple[str, int, int, str | None]]:
    """(id, start, end, event) of each figure's words, found in order in the text."""
    out, at = [], 0
    for i, (words, event) in enumerate(figures, 1):
        start = text.index(words, at)
        out.append((f"f{i}", start, start + len(words), event))
        at = start + len(words)
    return out


def test_a_count_over_the_wars_is_a_campaign_total():
    text = ("During the peak of the wars in Iraq and Afghanistan, nearly 13,000 Special "
            "Operations forces were deployed on missions across the globe, but a large majority "
            "was assigned to those two countries.")
    got = figure_scopes(text, _spans(text, ("nearly 13,000", None), ("two", None)), "2015-12-29")
    assert got["f1"].scope == CAMPAIGN
    assert "f2" not in got  # the phrase qualifies the figure nearest it, not every figure


def test_since_the_start_of_a_campaign_scopes_the_nearest_figure_only():
    text = ("Democrat Hillary Clinton has been leasing two entire floors in a Brooklyn office "
            "building totaling 80,000 square feet since the start of her campaign.")
    got = figure_scopes(text, _spans(text, ("two", None), ("80,000", None)), "2016-08-23")
    assert got == {"f2": got["f2"]} and got["f2"].scope == CAMPAIGN


def test_since_a_day_is_read_with_its_year_for_the_incidents_to_judge():
    text = ("Bloomberg's super PAC, Independence USA, have spent more than $10 million since "
            "June 1 attacking Ayotte.")
    got = figure_scopes(text, _spans(text, ("more than $10 million", None)), "2016-10-05")
    assert got["f1"].scope is None and got["f1"].since == "2016-06-01"


def test_a_figure_of_the_figure_before_it_is_a_part():
    text = ("Twenty-three of the 53 wounded remained hospitalized, six in critical condition, "
            "according to Orlando Regional Medical Center.")
    got = figure_scopes(text, _spans(text, ("Twenty-three", "wounded"), ("53", "wounded")),
                        "2016-06-16")
    assert got["f1"].scope == PART
    assert "f2" not in got  # the total itself keeps the incident's scope


def test_the_rest_of_a_whole_is_a_remainder_not_the_part_it_completes():
    text = ("In the end, 12 members of Cruz's official slate prevailed, and the remaining two "
            "delegates separately pledged to support the senator, according to Buchanan.")
    got = figure_scopes(text, _spans(text, ("12", None), ("two", None)), "2016-04-10")
    assert got["f2"].scope == REMAINDER
    assert "f1" not in got


def test_a_part_and_the_remainder_of_one_whole_key_apart():
    # "176 wounded, of whom 142 had gunshot wounds; the other 34 ... a stampede": the two
    # parts are different quantities, neither a restatement of the other
    rows = [_row(1, 176, "2022-07-30"), _row(2, 142, "2022-07-30", scope=PART),
            _row(3, 34, "2022-07-30", scope=REMAINDER), _row(4, 142, "2022-07-31", scope=PART)]
    got = sorted((s.scope or "", [p.value for p in s.points]) for s in build_series(rows))
    assert got == [("", [176]), (PART, [142, 142]), (REMAINDER, [34])]


def test_a_bare_count_followed_by_a_place_is_that_places_count(shared):
    data = json.loads((shared / "gold" / "dev" / "kakhovka.json").read_text(encoding="utf-8"))
    text = next(a["text"] for a in data["articles"] if a["id"] == "kh-pravda-2023-06-12")
    start = text.index("8 Ukrainians died in Kherson Oblast")
    spans = [("f1", start, start + 1, "killed")]
    two = text.index("2 in Mykolaiv Oblast", start)
    spans.append(("f2", two, two + 1, "killed"))
    got = figure_scopes(text, spans, "2023-06-12")
    assert got["f2"].place == "Mykolaiv Oblast"
    assert "f1" not in got  # "8 Ukrainians died in ...": its noun and verb come first


def test_a_count_in_a_month_names_no_place():
    # PolNeAR train
    text = ("The campaign’s number of paid employees and consultants went from 166 in May, to "
            "139 in June, to 172 in July.")
    spans = _spans(text, ("166", None), ("139", None), ("172", None))
    assert figure_scopes(text, spans, "2015-10-16") == {}


def test_more_of_another_event_is_that_events_total_not_a_part():
    text = ("Protests have recently spread to the Amhara region, as well; in August, security "
            "forces shot dead roughly 100 demonstrators and injured hundreds more.")
    spans = _spans(text, ("roughly 100", "killed"), ("hundreds", "wounded"))
    assert figure_scopes(text, spans, "2016-09-03") == {}
    # the same words after a figure of the same event add to it: a part
    same = [spans[0], (*spans[1][:3], "killed")]
    assert figure_scopes(text, same, "2016-09-03")["f2"].scope == PART


def test_sentences_do_not_end_at_a_title():
    text = "Dr. Jones said 12 died. Another 4 were hurt."
    assert [text[s:e].strip() for s, e in sentences(text)] == [
        "Dr. Jones said 12 died.", "Another 4 were hurt."]


def _row(n: int, value: int, as_of: str, **kw) -> FigureRow:
    base = dict(document_id=f"doc-{n}", figure_id=f"doc-{n}:f1", claim_id=f"doc-{n}:c1",
                value=value, low=value, high=value, qualifier="exact", event="killed",
                unit="Ukrainian prisoners of war", location="Olenivka", as_of=as_of,
                cumulative=True, source_name="Russian Defence Ministry",
                source_affiliation="Russia", source_aliases=("Russian Defence Ministry",),
                outlet="Reuters", published=as_of)
    return FigureRow(**{**base, **kw})


def test_a_campaign_total_and_a_part_never_share_the_incidents_series():
    rows = [_row(1, 40, "2022-07-29"), _row(2, 50, "2022-07-30"),
            _row(3, 5000, "2022-07-30", scope=CAMPAIGN), _row(4, 9, "2022-07-30", scope=PART)]
    series = build_series(rows)
    assert sorted((s.scope or "", [p.value for p in s.points]) for s in series) == [
        ("", [40, 50]), (CAMPAIGN, [5000]), (PART, [9])]
    incident = next(s for s in series if s.scope is None)
    assert {s.quantity for s in series if s is not incident}.isdisjoint({incident.quantity})


def test_a_count_since_a_day_before_its_incident_began_is_a_campaign_total():
    rows = [_row(1, 40, "2022-07-29"), _row(2, 50, "2022-07-30"),
            _row(3, 5000, "2022-07-30", since="2022-02-24"),
            _row(4, 53, "2022-07-30", since="2022-07-29")]
    by_scope = {s.scope: [p.value for p in s.points] for s in build_series(rows)}
    assert by_scope == {None: [40, 50, 53], CAMPAIGN: [5000]}


def test_a_part_of_a_subgroup_stays_in_the_subgroups_series():
    # "including four children": the children class already keeps it apart from the total
    rows = [_row(1, 4, "2022-04-08", unit="children", scope=PART),
            _row(2, 5, "2022-04-08", unit="children")]
    series = build_series(rows)
    assert [(s.scope, [p.value for p in s.points]) for s in series] == [(None, [4, 5])]


def test_an_added_count_naming_its_own_place_is_that_places_count():
    text = ("Trump, who in 2012 added to his portfolio of 14 courses by purchasing two more in "
            "Florida, the Ritz Carlton Golf Club and Spa in Jupiter and the Doral Golf Resort "
            "and Spa near Miami.")
    spans = _spans(text, ("14", "other"), ("two", "other"))
    got = figure_scopes(text, spans, "2015-11-26")
    assert got == {"f2": got["f2"]}
    assert (got["f2"].scope, got["f2"].place) == (None, "Florida")  # not a part: a place's


def test_the_named_place_corrects_a_carried_over_place_but_adds_none():
    from claimledger.ledger.series.rows import _located

    assert _located("Kherson Oblast", "Mykolaiv Oblast") == "Mykolaiv Oblast"
    assert _located(None, "Mykolaiv Oblast") is None
    assert _located("Kherson Oblast", None) == "Kherson Oblast"
