"""The timex stage on real sentences: the seed article, the dev gold clusters, TempEval-3 train.

Each case names the expression, the publication date it resolves against, and the TIMEX3
type/value (and calendar anchor) it must get; negative cases name text that must not be
tagged at all (figures, ordinals, ages, "May" the name or the modal).
"""

from __future__ import annotations

from datetime import date

import pytest

from claimledger.nlp.timex.calendar import month_day_year, month_year, weekday_near
from pipeline_support import make_doc


def _rows(nlp, text: str, published: str | None) -> dict[str, list[dict]]:
    doc = make_doc(nlp, text, published)
    found: dict[str, list[dict]] = {}
    for row in doc._.times:
        found.setdefault(text[row["start"] : row["end"]], []).append(row)
    return found


@pytest.fixture(scope="module")
def seed_times(nlp, shared):
    text = (shared / "gold" / "dev" / "seed.txt").read_text(encoding="utf-8")
    return _rows(nlp, text, "2022-05-20")


@pytest.mark.parametrize(
    "expr, type_, value, mod, anchor, precision",
    [
        ("Earlier this week", "DATE", "2022-W20", "START", "2022-05-16", "week"),
        ("last week", "DATE", "2022-W19", None, "2022-05-09", "week"),
        ("Friday, May 20", "DATE", "2022-05-20", None, "2022-05-20", "day"),
        ("Thursday", "DATE", "2022-05-19", None, "2022-05-19", "day"),
        ("months-long", "DURATION", "PXM", None, None, None),
    ],
)
def test_timex_resolves_seed_expressions_against_publication(
    seed_times, expr, type_, value, mod, anchor, precision
):
    assert expr in seed_times, f"{expr!r} not found; got {sorted(seed_times)}"
    for row in seed_times[expr]:
        assert (row["type"], row["value"], row["mod"]) == (type_, value, mod)
        assert (row["date"], row["precision"]) == (anchor, precision)


def test_timex_tags_both_seed_thursdays_and_no_figure(seed_times):
    assert len(seed_times["Thursday"]) == 2
    tagged = " ".join(seed_times)
    for figure in ("1,908", "2000", "1,730", "177", "1.37"):
        assert figure not in tagged


@pytest.mark.parametrize(
    "text, published, expr, type_, value, anchor",
    [
        # dev gold: Olenivka, Kramatorsk
        ("Russia’s defence ministry said 40 prisoners were killed and 75 wounded in Thursday’s "
         "attack on the prison, in the front-line town of Olenivka.",
         "2022-07-29", "Thursday", "DATE", "2022-07-28", "2022-07-28"),
        ("As of the morning of July 30, 50 Ukrainians were killed as a result of the missile "
         "attack,” Konashenkov said in a daily briefing.",
         "2022-07-30", "the morning of July 30", "TIME", "2022-07-30TMO", "2022-07-30"),
        ("The detention center in Olenivka was shelled on Friday morning.",
         "2022-07-30", "Friday morning", "TIME", "2022-07-29TMO", "2022-07-29"),
        ("30 people were killed and over 100 were injured in a Russian rocket strike on a "
         "railway station in east Ukraine today.",
         "2022-04-08", "today", "DATE", "2022-04-08", "2022-04-08"),
        ("A missile of a similar type hit the city of Donetsk on March 14, the ministry pointed out.",
         "2022-04-08", "March 14", "DATE", "2022-03-14", "2022-03-14"),
        ("The death toll climbed to 57 on Sunday from an alleged Russian rocket attack Friday on a "
         "crowded train station.",
         "2022-04-10", "Sunday", "DATE", "2022-04-10", "2022-04-10"),
        ("The death toll climbed to 57 on Sunday from an alleged Russian rocket attack Friday on a "
         "crowded train station.",
         "2022-04-10", "Friday", "DATE", "2022-04-08", "2022-04-08"),
        ("Background: On 8 April 2022, the Russian invaders attacked a railway station in Kramatorsk.",
         "2023-04-08", "8 April 2022", "DATE", "2022-04-08", "2022-04-08"),
        ("According to law enforcement officers, 61 people, including 7 children, were killed in a "
         "Russian missile strike a year ago.",
         "2023-04-08", "a year ago", "DATE", "2022", "2022-01-01"),
        ("According to the investigation, the explosions occurred after lights out between 23:00 "
         "on July 28 and 01:00 on July 29, 2022.",
         "2024-07-29", "July 28", "DATE", "2022-07-28", "2022-07-28"),
        ("According to the investigation, the explosions occurred after lights out between 23:00 "
         "on July 28 and 01:00 on July 29, 2022.",
         "2024-07-29", "23:00", "TIME", "2022-07-28T23:00", "2022-07-28"),
        # TempEval-3 train (TimeBank, AQUAINT) with their gold values
        ("For the past two months, Elian's father has demanded that the boy be returned to him.",
         "2000-01-28", "the past two months", "DURATION", "P2M", None),
        ("The White House yesterday disclosed that Kuwait's ousted government has formally asked.",
         "1990-08-13", "yesterday", "DATE", "1990-08-12", "1990-08-12"),
        ("A man whose house was allegedly a bomb factory was arrested in connection with last "
         "year's deadly U.S.",
         "1999-10-08", "last year", "DATE", "1998", "1998-01-01"),
        ("She took the stand for more than four hours Friday in a Tel Aviv magistrate's court.",
         "1998-02-27", "more than four hours", "DURATION", "PT4H", None),
        ("She took the stand for more than four hours Friday in a Tel Aviv magistrate's court.",
         "1998-02-27", "Friday", "DATE", "1998-02-27", "1998-02-27"),
        ("Schwarzkopf secretly picked Saturday night as the optimal time to start the offensive.",
         "1991-02-25", "Saturday night", "TIME", "1991-02-23TNI", "1991-02-23"),
        ("The company said it expects to release third-quarter results in mid-November.",
         "1989-10-27", "mid-November", "DATE", "1989-11", "1989-11-01"),
        ("it said two new flights would leave Bombay from March 30, with the third departing each "
         "Thursday from August 6.",
         "1998-02-13", "each Thursday", "SET", "XXXX-WXX-4", None),
    ],
)
def test_timex_value_and_anchor_on_real_sentences(nlp, text, published, expr, type_, value, anchor):
    found = _rows(nlp, text, published)
    assert expr in found, f"{expr!r} not found; got {sorted(found)}"
    row = found[expr][0]
    assert (row["type"], row["value"], row["date"]) == (type_, value, anchor)


@pytest.mark.parametrize(
    "text, expr, mod",
    [
        ("Israel-Syrian talks have been cut off for nearly two years.", "nearly two years", "LESS_THAN"),
        ("the Olenivka detention centre was attacked in late July, the Russian Defense Ministry said.",
         "late July", "END"),
        ("Salt Lake City-based First Security said it hopes to complete the transaction early next year.",
         "early next year", "START"),
        ("Israel-Syrian talks have been cut off for two years.", "two years", None),
    ],
)
def test_timex_mod_from_qualifier_words(nlp, text, expr, mod):
    found = _rows(nlp, text, "1998-03-01")
    assert expr in found, f"{expr!r} not found; got {sorted(found)}"
    assert found[expr][0]["mod"] == mod


@pytest.mark.parametrize(
    "text, expr",
    [
        ("Since May 16, 1,908 people laid down their arms at Azovstal.", "May 16"),
        ("There has been no evidence of more people leaving the plant since Thursday.", "Thursday"),
        ("The car had been in the long-term lot for about two weeks, a spokesman said.", "two weeks"),
    ],
)
def test_timex_span_leaves_prepositions_outside(nlp, text, expr):
    found = _rows(nlp, text, "2022-05-20")
    assert list(found) == [expr]


@pytest.mark.parametrize(
    "text, not_tagged",
    [
        ("Russia’s Defense Ministry has said that almost 2000 Ukranian soldiers have surrendered.", "2000"),
        ("2000 soldiers left the plant on buses.", "2000"),
        ("At the moment, 1,908 people laid down their arms.", "1,908"),
        ("And this is the 44th day of our reality,” he added.", "44th"),
        ("Among the dead was a 6-year-old girl and a 52-year-old man.", "year"),
        ("The victims, aged 12 and 52 years old, were taken to hospital.", "years"),
        ("Theresa May said the talks may resume.", "May"),
        ("Nationalists are actively surrendering, Shoigu said, the third such report.", "third"),
        ("Hundreds of soldiers are still at Azovstal, a few hours before the attack.", "before"),
    ],
)
def test_timex_leaves_figures_ordinals_ages_and_names_alone(nlp, text, not_tagged):
    found = _rows(nlp, text, "2022-05-20")
    assert not any(not_tagged in expr for expr in found), found


@pytest.mark.parametrize(
    "text, expr, value",
    [
        ("In remarks carried by Russian state media Friday, May 20, Shoigu said.", "Friday, May 20", "XXXX-05-20"),
        ("The previous figure given by the Russian Defense Ministry Thursday was 1,730.", "Thursday", "XXXX-WXX-4"),
        ("Kuwait's ousted government yesterday formally asked for help.", "yesterday", None),
        ("Background: On 8 April 2022, the Russian invaders attacked a railway station.", "8 April 2022", "2022-04-08"),
    ],
)
def test_timex_without_publication_date_resolves_only_absolute_dates(nlp, text, expr, value):
    found = _rows(nlp, text, None)
    row = found[expr][0]
    assert row["value"] == value
    assert (row["date"] is not None) == (value is not None and not value.startswith("X"))


def test_timex_output_is_deterministic(nlp, shared):
    text = (shared / "gold" / "dev" / "seed.txt").read_text(encoding="utf-8")
    first = make_doc(nlp, text, "2022-05-20")._.times
    second = make_doc(nlp, text, "2022-05-20")._.times
    assert first == second and first


@pytest.mark.parametrize(
    "pub, weekday, future, want",
    [
        (date(2022, 5, 20), 4, False, date(2022, 5, 19)),  # Thursday in a Friday article
        (date(2022, 5, 20), 5, False, date(2022, 5, 20)),  # Friday on a Friday
        (date(2022, 5, 20), 6, False, date(2022, 5, 14)),
        (date(2022, 5, 20), 1, True, date(2022, 5, 23)),  # "will resume on Monday"
    ],
)
def test_timex_bare_weekday_is_latest_on_or_before_publication(pub, weekday, future, want):
    assert weekday_near(pub, weekday, future) == want


@pytest.mark.parametrize(
    "pub, month, day, weekday, want",
    [
        (date(2023, 1, 10), 5, 20, 5, date(2022, 5, 20)),  # Friday, May 20 -> 2022
        (date(2022, 5, 20), 7, 29, None, date(2022, 7, 29)),
        (date(2023, 1, 5), 12, 28, None, date(2022, 12, 28)),  # nearest, across new year
    ],
)
def test_timex_day_month_year_agrees_with_weekday_else_nearest(pub, month, day, weekday, want):
    assert month_day_year(pub, month, day, weekday, 0) == want


@pytest.mark.parametrize(
    "pub, month, tense, want",
    [
        (date(1998, 2, 6), 12, 0, 1997),  # "December" in February: the one just past
        (date(1998, 12, 5), 4, 0, 1999),
        (date(2022, 5, 20), 7, -1, 2021),  # "in July, Russia attacked" in May: last July
        (date(2022, 5, 20), 3, 0, 2022),
    ],
)
def test_timex_bare_month_takes_nearest_year_bent_by_tense(pub, month, tense, want):
    assert month_year(pub, month, tense) == want


@pytest.mark.parametrize(
    "text, expr, value",
    [
        ("Details: A moment of silence will be announced in Ukraine on 08.04.2023, at 10:30.", "08.04.2023", "2023-04-08"),
        ("The report, dated 2022-05-19, gives 1,730 Ukrainian soldiers.", "2022-05-19", "2022-05-19"),
        ("The strike on 4/8/2022 hit the railway station.", "4/8/2022", "2022-04-08"),
        ("Russia launched 40 drones on Christmas Day, the air force said.", "Christmas Day", "2021-12-25"),
    ],
)
def test_timex_numeric_dates_and_holidays(nlp, text, expr, value):
    found = _rows(nlp, text, "2022-05-20")
    assert expr in found, f"{expr!r} not found; got {sorted(found)}"
    assert found[expr][0]["value"] == value


@pytest.mark.parametrize(
    "text, expr, value",
    [
        ("The talks will resume on Monday, Peskov said.", "Monday", "2022-05-23"),
        ("The talks resumed on Monday, Peskov said.", "Monday", "2022-05-16"),
        ("In July, Russian forces attacked the city again.", "July", "2021-07"),
        ("In July, Russian forces will attack the city again.", "July", "2022-07"),
    ],
)
def test_timex_tense_of_the_governing_verb_picks_direction(nlp, text, expr, value):
    found = _rows(nlp, text, "2022-05-20")
    assert found[expr][0]["value"] == value


@pytest.mark.parametrize(
    "text, expr, type_, value, mod",
    [
        ("My father died 22 years ago of brain cancer.", "22 years ago", "DATE", "2000", None),
        ("When it signed on to NAFTA more than 20 years ago, the United States pledged.",
         "more than 20 years ago", "DATE", "2002", "BEFORE"),
        ("Six months later, rail services to Kramatorsk resumed.", "Six months", "DURATION", "P6M", None),
        ("In recent months, the fighting has moved east.", "recent months", "DATE", "PAST_REF", None),
        ("The fighting will go on over the coming days.", "the coming days", "DATE", "FUTURE_REF", None),
        ("By the end of the week, 1,908 soldiers had left.", "the end of the week", "DATE", "2022-W20", "END"),
        ("The previous day, 1,730 soldiers had surrendered.", "The previous day", "DATE", None, None),
    ],
)
def test_timex_counted_back_periods_and_vague_references(nlp, text, expr, type_, value, mod):
    found = _rows(nlp, text, "2022-05-20")
    assert expr in found, f"{expr!r} not found; got {sorted(found)}"
    row = found[expr][0]
    assert (row["type"], row["value"], row["mod"]) == (type_, value, mod)


@pytest.mark.parametrize(
    "text, not_tagged",
    [
        ("Myanmar troops seized Point 1607 and Point 1709 after heavy fighting.", "1709"),
        ("He turned Lenox into a $400-million-a-year business.", "a-year"),
        ("At the end of the day, we need to step away from these efforts.", "day"),
        ("In the early hours of Sunday, the city was shelled.", "hours"),
        ("The Sun reported that 40 prisoners were killed.", "Sun"),
    ],
)
def test_timex_leaves_hill_names_rates_and_idioms_alone(nlp, text, not_tagged):
    found = _rows(nlp, text, "2022-05-20")
    assert not any(not_tagged in expr for expr in found), found


@pytest.mark.parametrize(
    "text, expr, value",
    [
        ("Mariupol's defenders began to leave Azovstal on the 16th May.", "16th May", "2022-05-16"),
        ("According to the Ukrainian side, the evacuation began on 16 May.", "16 May", "2022-05-16"),
        ("The first group left on the 1st of May, officials said.", "the 1st of May", "2022-05-01"),
        # past tense: a June 1 after publication is last year's
        ("The last group left on the 1st of June, officials said.", "the 1st of June", "2021-06-01"),
    ],
)
def test_timex_day_before_ambiguous_month_name(nlp, text, expr, value):
    found = _rows(nlp, text, "2022-05-20")
    assert expr in found, f"{expr!r} not found; got {sorted(found)}"
    assert found[expr][0]["value"] == value


@pytest.mark.parametrize(
    "text, expr, type_, value",
    [
        ("it said two new flights would leave Bombay on Monday and Tuesday nights from March 30.",
         "Tuesday nights", "SET", "XXXX-WXX-2TNI"),
        ("Air-raid sirens sounded in Kyiv this past weekend.", "this past weekend", "DATE", "2022-W19-WE"),
        ("Russian forces fire 300 shells a day at Sievierodonetsk.", "a day", "SET", "P1D"),
        ("In the last twenty-four hours, 12 towns were shelled.", "the last twenty-four hours", "DURATION", "PT24H"),
        ("The battle for the bridge lasted a day.", "a day", "DURATION", "P1D"),
        ("Air-raid sirens sounded in Kyiv over the past week.", "the past week", "DURATION", "P1W"),
    ],
)
def test_timex_recurring_nights_and_this_past_week(nlp, text, expr, type_, value):
    found = _rows(nlp, text, "2022-05-20")
    assert expr in found, f"{expr!r} not found; got {sorted(found)}"
    assert (found[expr][0]["type"], found[expr][0]["value"]) == (type_, value)


@pytest.mark.parametrize(
    "text, expr",
    [
        ("Russia's 2014 annexation of Crimea was never recognised.", "2014"),
        ("Paul Keating, who put the republic issue in the spotlight in his unsuccessful 1996 campaign.", "1996"),
    ],
)
def test_timex_year_modifying_a_noun_is_a_year(nlp, text, expr):
    found = _rows(nlp, text, "2022-05-20")
    assert found.get(expr, [{}])[0].get("value") == expr


def test_timex_runs_on_a_pipeline_without_parser_or_ner():
    import spacy

    import claimledger.nlp.factories  # noqa: F401  (registers the stage)

    blank = spacy.blank("en")
    blank.add_pipe("claimledger_timex")
    doc = make_doc(blank, "Between 23:00 on July 28 and 01:00 on July 29, 2022.", "2024-07-29")
    values = [row["value"] for row in doc._.times]
    assert "2022-07-28" in values and "2022-07-29" in values


@pytest.mark.parametrize(
    "text, expr, value",
    [
        ("On May 16, 264 soldiers left Azovstal. The next day, 694 more followed.", "The next day", "2022-05-17"),
        ("On May 18, 1,730 had left. The previous day, the count was 959.", "The previous day", "2022-05-17"),
        ("The next day, 694 more soldiers followed them.", "The next day", None),  # nothing to count from
        ("Talks will resume next week, Peskov said.", "next week", "2022-W21"),
    ],
)
def test_timex_next_day_counts_from_the_last_day_named(nlp, text, expr, value):
    found = _rows(nlp, text, "2022-05-20")
    assert expr in found, f"{expr!r} not found; got {sorted(found)}"
    assert found[expr][0]["value"] == value
