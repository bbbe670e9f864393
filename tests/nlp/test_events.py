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


# --- FORMAT.md "Conventions settled while annotating" (issue 9): sentences from the train
# splits of ../shared/data (TempEval-3 AQUAINT/TimeBank, ConfliBERT, PolNeAR, re3d)
AQUAINT_MISSING = (
    "Dozens of people were still missing, however, and the death toll was expected to rise, "
    "they said."
)
CONFLIBERT_KILLED_AND_INJURED = (
    "The Taliban claimed responsibility for the attack, which killed and injured dozens of "
    "people in Kabul, Afghanistan."
)
AQUAINT_NUMBER_INJURED = "The bombs killed at least 110 people, and the number injured topped 2,200."
AQUAINT_INCLUDING = (
    "White heads a team that is investigating and prosecuting the bombings which killed 224 "
    "people, including 12 Americans, on Aug."
)
AQUAINT_TWO_COUNTS = "The bombs at the embassy in Nairobi killed 253 people and injured 5,000 others."
POLNEAR_FLOODED_HOMES = (
    "By comparison, Clinton had said she would visit at some later time, and to date has only "
    "issued a tweet about the state, where thousands of people remain homeless due to flooding "
    "that damaged an estimated 40,000 homes."
)
CONFLIBERT_NEEDING = (
    "This month, the United Nations launched an international appeal for $234 million in "
    "emergency aid for Zimbabwe, where drought is expected to affect a third of the country's "
    "crop and leave 5.3 million people needing assistance."
)
POLNEAR_CROWD = (
    "Trump is taking questions in an Elks Lodge in Salem, New Hampshire in front of a crowd of "
    "about 230 people."
)
POLNEAR_POLL = (
    "The AP-GfK Poll of 1,033 adults, including 389 Democratic or Democratic-leaning registered "
    "voters, was conducted online Feb."
)


@pytest.mark.parametrize(
    "text,span,event",
    [
        # trapped / unaccounted for -> missing, also when the tagger reads "missing" as a verb
        (AQUAINT_MISSING, "Dozens", "missing"),
        # the dead and the hurt counted together are casualties: other
        (CONFLIBERT_KILLED_AND_INJURED, "dozens", "other"),
        # ... but a conjunct with a count of its own is a count of its own
        (AQUAINT_TWO_COUNTS, "253", "killed"),
        (AQUAINT_TWO_COUNTS, "5,000", "wounded"),
        # a tally noun names the event whatever verb reaches the figure ("topped")
        (AQUAINT_NUMBER_INJURED, "2,200", "wounded"),
        # a subset counts what its whole counts
        (AQUAINT_INCLUDING, "12", "killed"),
        # damage (houses flooded or damaged) -> other
        (POLNEAR_FLOODED_HOMES, "an estimated 40,000", "other"),
        ("The Israelis suffered a record 39 deaths in southern Lebanon last year.", "39", "killed"),
    ],
)
def test_events_follow_the_gold_conventions(nlp, text, span, event):
    assert figure(nlp, text, span)["event"] == event


@pytest.mark.parametrize(
    "text,span",
    [
        # a crowd at a rally is not an aid crowd: no aid or evacuation word in its sentence
        (POLNEAR_CROWD, "230"),
        # a subset of a poll's sample is as event-less as the sample
        (POLNEAR_POLL, "389"),
        (POLNEAR_POLL, "1,033"),
    ],
)
def test_events_crowds_and_samples_without_a_conflict_word_stay_null(nlp, text, span):
    assert figure_with(nlp, text, span)["event"] is None


def test_events_people_needing_help_count_aid(nlp):
    # people needing help -> aid: the object of the light verb on the counted noun names it
    assert figure_with(nlp, CONFLIBERT_NEEDING, "5.3 million")["event"] == "aid"


def figure_with(nlp, text: str, number: str) -> dict:
    """The first figure whose text holds `number` (the span's own qualifier words may vary)."""
    doc = make_doc(nlp, text, "2022-05-20")
    rows = [r for r in doc._.figures if number in text[r["start"] : r["end"]]]
    assert rows, f"no figure with {number!r}"
    return rows[0]


CONFLIBERT_STRIKES_THAT_KILLED = (
    "On Friday, Palestinian gunmen killed an Israeli soldier and the Israeli military launched "
    "dozens of strikes that killed four Palestinians, including three Hamas fighters."
)
AQUAINT_SCORES_AND_OTHERS = (
    "South Africa deplored Friday the bomb blasts which killed scores of people and injured more "
    "than 1,000 others outside embassies of the United States in Kenya and Tanzania earlier in "
    "the day."
)


@pytest.mark.parametrize(
    "text,span,event",
    [
        # an event noun counted keeps its own event against what it did ("strikes that killed")
        (CONFLIBERT_STRIKES_THAT_KILLED, "dozens", "attack"),
        (CONFLIBERT_STRIKES_THAT_KILLED, "four", "killed"),
        (CONFLIBERT_STRIKES_THAT_KILLED, "three", "killed"),
        # two verbs, each with its own object: two counts, neither is a combined casualty count
        (AQUAINT_SCORES_AND_OTHERS, "scores", "killed"),
        (AQUAINT_SCORES_AND_OTHERS, "more than 1,000", "wounded"),
    ],
)
def test_events_counted_event_noun_and_separate_conjuncts(nlp, text, span, event):
    assert figure(nlp, text, span)["event"] == event


@pytest.mark.parametrize(
    "text,span,predicate",
    [
        ("Around 5,000 people gathering outside the parliament chanted slogans against the "
         "government on Saturday.", "Around 5,000", "chanted"),
        ("Hundreds of residents waiting at the border crossing were turned back by guards, "
         "officials said.", "Hundreds", "were turned"),
    ],
)
def test_events_a_crowd_that_gathers_for_no_aid_goes_on_up_the_parse(nlp, text, span, predicate):
    # a crowd verb with no aid or evacuation word in its sentence is no event of its own: the
    # search goes on to the clause's verb (it used to end at the crowd verb with no answer
    # and fail the document); neither verb names a conflict event
    row = figure(nlp, text, span)
    assert (row["event"], row["predicate"]) == (None, predicate)


# Invented sentences in the world of the example reports (src/claimledger/data/examples):
# each one shows a class of wording the dev clusters showed, never a dev sentence.
@pytest.mark.parametrize(
    "text,span,event",
    [
        # a spaced dash ends the counted noun: the parser's compound across it is no governor
        ("According to the Drevnian army, the convoy held 30 trucks - witnesses put the number "
         "at about 18.", "30", "aid"),
        # a share's verb says what befell the share, not the whole it is a share of
        ("Drevnia says a quarter of Halvek's 2.3 million residents face starvation.",
         "a quarter", "other"),
        # people present at a place are not its victims: the crowd's word, else other
        ("Around 2,000 people, mostly women and children, were at the bus depot at the time of "
         "the strike, the governor said.", "Around 2,000", "other"),
        ("Officials said as many as 3,000 people were at the station waiting for the evacuation "
         "trains.", "as many as 3,000", "evacuation"),
        # who the counted are (held captive) gives way to what befell them (killed)
        ("At least 50 prisoners held in the colony were killed in the blast.", "At least 50",
         "killed"),
        ("At least 20 Morvanian soldiers held captive there were killed, the prosecutor said.",
         "At least 20", "killed"),
    ],
)
def test_events_classes_of_wording_behind_missed_series_points(nlp, text, span, event):
    assert figure(nlp, text, span)["event"] == event


def test_events_the_whole_of_a_share_takes_no_event_from_the_shares_verb(nlp):
    text = "Drevnia says a quarter of Halvek's 2.3 million residents face starvation."
    assert figure(nlp, text, "2.3 million")["event"] is None


def test_events_a_detention_without_another_fate_stays_detention(nlp):
    text = "Morvania says it holds 300 prisoners taken near Halvek."
    assert figure(nlp, text, "300")["event"] == "detention"


def test_events_a_state_word_after_a_bare_number_names_its_event_whatever_its_attachment(blank):
    """ "reported 53 dead Drevnians and 75 wounded" as en_core_web_sm parsed it in a longer
    article: "75" a conjunct of the noun, "wounded" a verb conjoined to "reported" -- nothing
    in the parse governs 75, the word right after it still says what it counts."""
    from spacy.tokens import Doc

    from claimledger.nlp.events.triggers import Triggers

    words = ["Separatists", "reported", "53", "dead", "Drevnians", "and", "75", "wounded", "."]
    doc = Doc(blank.vocab, words=words,
              pos=["NOUN", "VERB", "NUM", "ADJ", "PROPN", "CCONJ", "NUM", "VERB", "PUNCT"],
              lemmas=["separatist", "report", "53", "dead", "Drevnians", "and", "75", "wound", "."],
              heads=[1, 1, 4, 4, 1, 4, 4, 1, 1],
              deps=["nsubj", "ROOT", "nummod", "amod", "dobj", "cc", "conj", "conj", "punct"])
    start = doc[6].idx
    row = {"start": start, "end": start + 2, "unit": None, "unit_span": None}
    assert Triggers(load_lexicon("events")).find(doc, row)[0] == "wounded"
