"""The events stage: event type and predicate of figures in real sentences from ../shared."""

from __future__ import annotations

import pytest

from claimledger.data import load_lexicon
from claimledger.model import EventType
from pipeline_support import make_doc

SEED_ARMS = "“The blocking of the Azovstal plant continues … At the moment, 1,908 people laid down their arms.”"
SEED_SURRENDER = (
    "Russia’s Defense Ministry has said that almost 2000 Ukranian soldiers have surrendered at "
    "Azovstal, the last stronghold of Ukranian forces in the Mariupol region."
)
SEED_EVACUATED = (
    "Shoigu also said that 177 civilians had been evacuated from the plant but he appears to "
    "have been talking about the total that emerged last week."
)
SEED_HUNDREDS = (
    "Western intelligence believe there are still hundreds of soldiers at Azovstal but it’s "
    "unclear whether or when they will leave the plant."
)
OLENIVKA_REUTERS = "Russia’s defence ministry said 40 prisoners were killed and 75 wounded in Thursday’s attack on the prison."
OLENIVKA_HROMADSKE = "The self-proclaimed \"DPR\" reported 53 dead Ukrainians and 75 wounded."
OLENIVKA_DETAINEES = "Kremlin was quoted as saying there were no foreigners among the 193 detainees."
KRAMATORSK_ROCKETS = "“Two rockets hit the Kramatorsk railway station."
KRAMATORSK_DISPLACED = (
    "Eastern Ukraine has seen some of the heaviest fighting ever since Russia started its "
    "special military operation in Ukraine, leading to the displacement of millions of civilians."
)
CASE_ARREST = (
    "Over 110 people, mostly BNP leaders and activists, were arrested in five districts in the "
    "last 24 hours till 6."
)
MALAYSIA_LEAVING = (
    "Ukraine struck the prison with US-made HIMARS rockets, killing 40 Ukrainian prisoners of war "
    "and leaving 75 wounded, Russian news agencies reported."
)
ABC_TOLL = (
    "The death toll climbed to 57 on Sunday from an alleged Russian rocket attack Friday on a "
    "crowded train station in the eastern Ukrainian city of Kramatorsk, Ukrainian officials said."
)
INTERFAX_INJURIES = (
    "About 150 Ukrainian servicemen received injuries of varying severity."
)
NEWSQUANT_TICKETS = (
    "GameTime Tickets however lists a pair of tickets in Section 427 Row 21 which runs parallel "
    "to the 40 yard line in the upper deck of the visitors bench for $6 each."
)
NEWSQUANT_POPULATION = "The current population is about 8 billion people."


def figure(nlp, text: str, span: str) -> dict:
    doc = make_doc(nlp, text, "2022-05-20")
    rows = [r for r in doc._.figures if text[r["start"] : r["end"]] == span]
    assert rows, f"no figure {span!r}"
    return rows[0]


@pytest.mark.parametrize(
    "text,span,event,predicate",
    [
        (SEED_ARMS, "1,908", "surrender", "laid down their arms"),
        (SEED_SURRENDER, "almost 2000", "surrender", "have surrendered"),
        (SEED_EVACUATED, "177", "evacuation", "had been evacuated"),
        (OLENIVKA_REUTERS, "40", "killed", "were killed"),
        (OLENIVKA_REUTERS, "75", "wounded", "wounded"),
        (OLENIVKA_HROMADSKE, "53", "killed", "dead"),
        (CASE_ARREST, "Over 110", "detention", "were arrested"),
        ("Afghan rebels have kidnapped up to 16 Russian civilian advisers from a town.",
         "up to 16", "detention", "have kidnapped"),
    ],
)
def test_events_type_and_predicate_from_the_governing_trigger(nlp, text, span, event, predicate):
    row = figure(nlp, text, span)
    assert (row["event"], row["predicate"]) == (event, predicate)


@pytest.mark.parametrize(
    "text,span,event",
    [
        (OLENIVKA_DETAINEES, "193", "detention"),
        (MALAYSIA_LEAVING, "75", "wounded"),
        (ABC_TOLL, "57", "killed"),
        (INTERFAX_INJURIES, "About 150", "wounded"),
        ("A Ukrainian intelligence official said four children were among those killed.",
         "four", "killed"),
        ("The UNITA militarist wing refused to allow United Nations planes to land and evacuate "
         "15 of its observers who were taken hostage, the United Nations Observer Mission in "
         "Angola (MONUA) said.", "15", "evacuation"),
        (KRAMATORSK_ROCKETS, "Two", "attack"),
        (KRAMATORSK_DISPLACED, "millions", "displacement"),
        ("Taliban suicide bombers killed 48 people in two separate attacks in Afghanistan on "
         "Tuesday, the deadliest taking place near an election rally.", "two", "attack"),
    ],
)
def test_events_counted_noun_or_noun_trigger_names_the_event(nlp, text, span, event):
    assert figure(nlp, text, span)["event"] == event


@pytest.mark.parametrize(
    "text,span",
    [
        (SEED_HUNDREDS, "hundreds"),
        (NEWSQUANT_TICKETS, "$6"),
        (NEWSQUANT_POPULATION, "about 8 billion"),
        ("In late March, rebels loyal to former vice president Riek Machar freed prisoners from a "
         "jail in another border town of Kajo-Keji around 100 km (60 miles) south of the capital "
         "Juba.", "around 100"),
    ],
)
def test_events_null_when_the_clause_names_no_conflict_event(nlp, text, span):
    assert figure(nlp, text, span)["event"] is None


@pytest.mark.parametrize(
    "text,span,unit",
    [
        ("A spokesman for the separatists put the death toll at 53 and accused Kyiv of targeting "
         "the prison with US-made Himars rockets.", "53", "people"),
        (ABC_TOLL, "57", "people"),
        (SEED_ARMS, "1,908", "people"),
    ],
)
def test_events_casualty_count_without_noun_counts_people(nlp, text, span, unit):
    row = figure(nlp, text, span)
    assert row["unit"] == unit


@pytest.mark.parametrize(
    "text,span,event",
    [
        (SEED_ARMS + "\n\nThe previous figure given by the Russian Defense Ministry Thursday was "
         "1,730 Ukrainian soldiers.", "1,730", "surrender"),
        ("The previous figure given by the Russian Defense Ministry Thursday was 1,730 Ukrainian "
         "soldiers.", "1,730", None),
    ],
)
def test_events_restated_figure_takes_the_event_before_it(nlp, text, span, event):
    assert figure(nlp, text, span)["event"] == event


@pytest.mark.parametrize(
    "text,span,cumulative",
    [
        (OLENIVKA_REUTERS, "40", True),
        (MALAYSIA_LEAVING, "75", True),
        (SEED_EVACUATED, "177", None),
        (CASE_ARREST, "Over 110", False),
    ],
)
def test_events_casualty_counts_are_running_totals_unless_per_period(nlp, text, span, cumulative):
    assert figure(nlp, text, span)["cumulative"] is cumulative


@pytest.mark.parametrize("group", ["verbs", "nouns", "adjectives", "phrases", "units"])
def test_events_lexicon_names_only_schema_event_types(group):
    allowed = set(EventType.__args__)
    assert set(load_lexicon("events")["triggers"][group]) <= allowed


@pytest.mark.parametrize("text", [SEED_ARMS, OLENIVKA_REUTERS])
def test_events_keep_every_figure_row_in_order(nlp, text):
    doc = make_doc(nlp, text, "2022-05-20")
    starts = [r["start"] for r in doc._.figures]
    assert starts == sorted(starts) and all("event" in r and "predicate" in r for r in doc._.figures)
