"""Who claims it: the classes of attribution error of issue 9 (headlines, datelines, things
that cannot speak, documents, quotes inside reported speech, continued statements).

Fixtures are the invented example reports' style of wire copy (Drevnia, Morvania, Halvek are
fictional) or PolNeAR train sentences; each test names the behaviour it pins.
"""

from __future__ import annotations

from claimledger.nlp.factories import PARAGRAPHS
from claimledger.nlp.paragraphs import ParagraphBreaks
from pipeline_support import make_doc

HEADLINE_THEN_LEAD = (
    "Drevnia's health ministry raises Halvek market toll to 52\n\n"
    "The ministry said on Thursday that 52 people had died in Halvek."
)


def test_a_line_break_starts_a_sentence_before_the_parser_runs(blank):
    doc = blank.make_doc(HEADLINE_THEN_LEAD)
    ParagraphBreaks(blank, PARAGRAPHS)(doc)
    starts = [t.text for t in doc[1:] if t.is_sent_start]
    assert starts == ["The"]  # the first word after the break, and no other


def test_the_pipeline_sets_paragraph_breaks_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index(PARAGRAPHS) < names.index("parser")


def test_a_headline_without_full_stop_is_not_the_next_paragraphs_subject(nlp):
    doc = make_doc(nlp, HEADLINE_THEN_LEAD, "2024-09-19")
    said = [c for c in doc._.claims if doc.text[c["cue"][0] : c["cue"][1]].startswith("said")]
    assert said and doc.text[slice(*said[0]["source_mention"])] == "The ministry"


def _rows(nlp, text: str, kind: str | None = None) -> tuple[object, list[dict]]:
    doc = make_doc(nlp, text, "2024-09-19")
    return doc, [c for c in doc._.claims if kind is None or c["kind"] == kind]


def _said(doc, pair) -> str | None:
    return doc.text[pair[0] : pair[1]] if pair else None


def test_a_speaker_after_the_verb_that_follows_a_quote_is_its_subject(nlp):
    # the parser takes "the statement" for the object of "read"
    doc, rows = _rows(nlp, '"Troops did not fire at the convoy," read the statement.')
    quote = next(r for r in rows if r["kind"] == "direct_quote")
    assert _said(doc, quote["source_mention"]) == "the statement"
    assert not [r for r in rows if r["kind"] != "direct_quote" and _said(doc, r["content"]) == "the statement"]


def test_a_verb_that_only_follows_a_quote_still_gives_its_speaker(nlp):
    doc, rows = _rows(nlp, '"The evidence is in the market hall for anyone who wants to see it," Marsh began.')
    quote = next(r for r in rows if r["kind"] == "direct_quote")
    assert _said(doc, quote["source_mention"]) == "Marsh"


def test_an_event_is_never_a_source(nlp):
    doc, rows = _rows(
        nlp,
        "The Halvek shooting adds to a death toll from the war which the health ministry "
        "earlier on Thursday said had topped 50.",
    )
    # one claim, the ministry's: the event subject ("The Halvek shooting") claims nothing
    # (the mention takes "earlier" with it: a span slip of the parse, not asserted here)
    [(source, content)] = [(_said(doc, r["source_mention"]), _said(doc, r["content"])) for r in rows]
    assert content == "had topped 50"
    assert source is not None and source.startswith("the health ministry")


def test_a_quote_inside_reported_speech_is_the_reporters_source(nlp):
    doc, rows = _rows(
        nlp,
        "Drevnia's health ministry initially said the strike on the market had claimed "
        '"between 40 and 50 lives" in the covered hall.',
    )
    quote = next(r for r in rows if r["kind"] == "direct_quote")
    assert _said(doc, quote["source_mention"]) == "Drevnia's health ministry"


def test_a_relative_pronoun_fronted_before_the_cue_is_not_in_the_content(nlp):
    doc, rows = _rows(
        nlp,
        "The market strike adds to a death toll from the war which the health ministry "
        "earlier Thursday said had topped 50.",
    )
    said = [r for r in rows if _said(doc, r["cue"]) == "said"]
    assert [(_said(doc, r["content"]), _said(doc, r["source_mention"])) for r in said] == [
        ("had topped 50", "the health ministry")
    ]


def test_an_event_parsed_as_subject_gives_way_to_the_noun_the_verb_hangs_on(nlp):
    doc, rows = _rows(
        nlp,
        "A Red Cross team that visited Halvek's main hospital the day after the shelling "
        'reported seeing "a large number of shrapnel wounds" among dozens of patients.',
    )
    quote = next(r for r in rows if r["kind"] == "direct_quote")
    assert _said(doc, quote["source_mention"]).startswith("A Red Cross team")


def test_a_dateline_is_never_part_of_a_source(nlp):
    doc, rows = _rows(
        nlp,
        "HALVEK, Drevnia (AP) — The head of the town's main hospital said on Friday that "
        "more than 80% of the wounded had been struck by shrapnel.",
    )
    said = next(r for r in rows if _said(doc, r["cue"]).startswith("said"))
    assert _said(doc, said["source_mention"]) == "The head of the town's main hospital"


def test_a_dateline_with_a_region_and_a_dash_is_cut_where_the_parser_began_the_subject(nlp):
    doc, rows = _rows(
        nlp,
        "HALVEK, Eastern Drevnia - Health authorities in Halvek said on Thursday that shelling "
        "had killed 52 people and wounded 280.",
    )
    said = next(r for r in rows if _said(doc, r["cue"]).startswith("said"))
    assert _said(doc, said["source_mention"]) == "Health authorities in Halvek"


def test_datelines_and_wire_credits_are_recognised_but_names_are_left_whole():
    from claimledger.data import load_lexicon
    from claimledger.nlp.attribution.datelines import Datelines

    table = load_lexicon("attribution")["dateline"]
    lines = Datelines(table["separators"], table["max_words"])
    cut = {
        "WASHINGTON (Reuters) – The Pentagon said": "The Pentagon said",
        "MOSCOW: Russia's defence ministry said": "Russia's defence ministry said",
        "(Halvek Courier / Wire - 18th September, 2024) Drevnia's army said": "Drevnia's army said",
        "Drevnia's foreign minister, Lena Marsh, said": "Drevnia's foreign minister, Lena Marsh, said",
        "Morvania's military said on Wednesday": "Morvania's military said on Wednesday",
    }
    assert {t: t[lines.length(t, 0):] for t in cut} == cut


STORY = "\n\nRescue teams finished clearing the rubble of the market's east hall in the afternoon."


def _headline(nlp, line: str) -> tuple[str | None, str | None]:
    doc = make_doc(nlp, line + STORY, "2024-09-19")
    rows = [c for c in doc._.claims if c["content"][0] < len(line)]
    figure = line.index("52")
    owners = [r for r in rows if r["content"][0] <= figure < r["content"][1]]
    if not owners:
        return None, None
    r = min(owners, key=lambda r: r["content"][1] - r["content"][0])
    return _said(doc, r["source_mention"]), _said(doc, r["content"])


def test_a_headline_that_names_its_source_at_the_end_gives_it_the_claim(nlp):
    line = "At least 52 killed in Halvek market strike, Drevnian health ministry says"
    assert _headline(nlp, line) == ("Drevnian health ministry", "At least 52 killed in Halvek market strike")


def test_a_headline_that_names_its_source_before_a_colon_gives_it_the_claim(nlp):
    assert _headline(nlp, "Drevnian army: 52 dead in Halvek market strike")[0] == "Drevnian army"
    assert _headline(nlp, "UN: 52 dead in Halvek market strike")[0] == "UN"


def test_a_label_or_a_place_before_a_colon_is_not_a_source(nlp):
    for line in (
        "Live updates: 52 dead in Halvek market strike",
        "Halvek: 52 dead in market strike",
        "Halvek market strike: death toll rises to 52",
    ):
        assert _headline(nlp, line)[0] is None, line


KOVEL = "\n\nRegional governor Irena Kovel said rescuers had found more bodies in the market hall."


def test_a_surname_before_a_colon_is_the_source_when_the_story_names_that_person(nlp):
    assert _headline(nlp, "Kovel: 52 dead in Halvek market strike" + KOVEL)[0] == "Kovel"


def test_a_single_word_before_a_colon_that_the_story_never_names_is_no_source(nlp):
    assert _headline(nlp, "Kovel: 52 dead in Halvek market strike")[0] is None


def test_a_title_with_a_final_full_stop_still_names_its_source_before_the_colon(nlp):
    source, content = _headline(nlp, "Drevnian army: 52 dead in Halvek market strike.")
    assert (source, content) == ("Drevnian army", "52 dead in Halvek market strike")


def test_a_capitalised_dateline_before_a_full_sentence_is_no_source(nlp):
    line = "HALVEK: Rescuers said 52 people died in the market strike on Wednesday."
    doc = make_doc(nlp, line + STORY, "2024-09-19")
    assert not [c for c in doc._.claims if c["kind"] == "headline"]


def test_a_speaker_and_verb_before_a_colon_introduce_a_quote_not_a_headline(nlp):
    text = 'Marsh added: "The evidence is in the market hall for anyone who wants to see it."'
    doc = make_doc(nlp, text + STORY, "2024-09-19")
    assert not [c for c in doc._.claims if c["kind"] == "headline"]


def test_an_unnamed_official_is_the_named_official_of_the_next_paragraph(nlp):
    text = (
        "The toll from the shelling of the Halvek market has risen to 52, an official said Thursday.\n\n"
        '"Unfortunately the number of dead has risen to 52," said Irena Kovel, a senior official '
        "with the regional administration."
    )
    doc = make_doc(nlp, text, "2024-09-19")
    first = next(c for c in doc._.claims if c["kind"] != "direct_quote")
    assert _said(doc, first["source_mention"]) == "an official"
    assert doc._.sources[first["source"]]["name"] == "Irena Kovel"


def _source_of(nlp, text: str, cue: str) -> str | None:
    doc = make_doc(nlp, text, "2024-09-19")
    row = next(c for c in doc._.claims if c["cue"] and _said(doc, c["cue"]).startswith(cue))
    return doc._.sources[row["source"]]["name"] if row["source"] is not None else None


def test_an_investigation_is_claimed_by_its_author_named_inside_it(nlp):
    text = (
        "According to an initial Drevnian army probe of the shelling, most of the 52 dead "
        "were killed by shrapnel in the market's east hall."
    )
    assert _source_of(nlp, text, "According to") == "Drevnian army"


def test_the_topic_of_a_report_is_not_its_author(nlp):
    text = "According to a report of the shelling, 52 people were killed in the market."
    assert _source_of(nlp, text, "According to") != "shelling"


def test_a_participle_after_the_cue_goes_on_with_the_speakers_statement(nlp):
    text = (
        '"Another 771 militants have surrendered in the past 24 hours," the ministry spokesman, '
        "Gen. Pavel Ostrov, said, bringing to 2,439 the total number of fighters who have laid "
        "down their arms."
    )
    doc = make_doc(nlp, text, "2024-09-19")
    total = text.index("2,439")
    owner = next(c for c in doc._.claims if c["content"][0] <= total < c["content"][1])
    assert _said(doc, owner["source_mention"]) == "the ministry spokesman, Gen. Pavel Ostrov,"


def test_a_participle_after_a_verb_that_is_no_statement_stays_the_outlets(nlp):
    text = (
        "Eastern Drevnia has seen heavy fighting since the spring, leading to the displacement "
        "of thousands of civilians."
    )
    doc = make_doc(nlp, text, "2024-09-19")
    at = text.index("thousands")
    assert not [c for c in doc._.claims if c["content"][0] <= at < c["content"][1] and c["source_mention"]]


PRAVDA_STYLE = (
    "Shelling of Halvek market killed 52 people, Drevnian minister says\n\n"
    "Source: Lena Marsh, Foreign Minister of Drevnia, in an interview with the Halvek Courier\n\n"
    'Quote: "We are aware of 52 people killed so far. 40 died in the market hall."\n\n'
    "Details: Marsh said the government had asked the United Nations to send investigators.\n\n"
    'Quote: "The evidence is in the market hall for anyone who wants to see it."'
)


def test_a_labelled_quote_is_said_by_the_source_line_or_the_previous_paragraphs_speaker(nlp):
    doc = make_doc(nlp, PRAVDA_STYLE, "2024-09-19")
    quotes = [c for c in doc._.claims if c["kind"] == "direct_quote"]
    assert [_said(doc, q["source_mention"]) for q in quotes] == [
        "Lena Marsh, Foreign Minister of Drevnia,",  # an apposition keeps its closing comma
        "Marsh",
    ]


def test_a_pronoun_after_a_long_quote_still_reaches_its_speaker(nlp):
    text = (
        "Drevnia's foreign minister, Lena Marsh, spoke to reporters in the regional capital on Thursday.\n\n"
        '"Here are the facts," she said. "At 4:40 a.m. the first shell hit the market. The second '
        "hit the east hall. The third hit the car park. Rescue teams arrived within minutes. "
        'They worked through the night."\n\n'
        '"We have asked the United Nations to send investigators," she said as she showed '
        "photographs of the market hall."
    )
    doc = make_doc(nlp, text, "2024-09-19")
    last = [c for c in doc._.claims if c["kind"] == "direct_quote"][-1]
    assert last["source"] is not None and doc._.sources[last["source"]]["name"] == "Lena Marsh"


def test_each_side_of_a_mutual_accusation_keeps_its_own_claim(nlp):
    text = (
        "Drevnia says Morvania shelled the market on purpose, while Morvania accuses Drevnia "
        "of storing ammunition in the east hall."
    )
    doc = make_doc(nlp, text, "2024-09-19")
    pairs = {(_said(doc, c["source_mention"]), _said(doc, c["content"])) for c in doc._.claims}
    assert ("Drevnia", "Morvania shelled the market on purpose") in pairs
    assert ("Morvania", "Drevnia of storing ammunition in the east hall") in pairs


def _figure_owner(nlp, text: str, figure: str) -> str | None:
    """The source mention of the innermost claim whose content holds `figure`."""
    doc = make_doc(nlp, text, "2024-09-19")
    at = text.index(figure)
    holders = [c for c in doc._.claims if c["content"][0] <= at < c["content"][1]]
    if not holders:
        return None
    inner = min(holders, key=lambda c: c["content"][1] - c["content"][0])
    return _said(doc, inner["source_mention"]) if inner["source_mention"] else None


def test_a_toll_relayed_in_a_relative_clause_is_the_inner_speakers(nlp):
    text = (
        "The Morvanian army said on Friday it had not fired on the market in Halvek, which "
        "city officials said had killed at least 12 people."
    )
    assert _figure_owner(nlp, text, "at least 12") == "city officials"


def test_a_toll_credited_to_a_wire_is_still_the_officials_who_gave_it(nlp):
    text = (
        "At least 52 people were killed in the market, Drevnian officials said, according to "
        "the Halvek Courier."
    )
    assert _figure_owner(nlp, text, "At least 52") == "Drevnian officials"


def test_a_nested_frame_without_a_toll_stays_part_of_the_outer_statement(nlp):
    text = (
        "The mayor said the army had left the fuel depot in Halvek, which city officials said "
        "would reopen to traffic next week."
    )
    doc = make_doc(nlp, text, "2024-09-19")
    assert [_said(doc, c["source_mention"]) for c in doc._.claims if c["source_mention"]] == ["The mayor"]


def test_a_trailing_according_to_speaks_for_every_conjunct_before_it(nlp):
    text = (
        "Morvanian shelling hit the Halvek market on Friday, killing at least 12 people and "
        "wounding 40 according to the regional governor."
    )
    assert _figure_owner(nlp, text, "at least 12") == "the regional governor"
    assert _figure_owner(nlp, text, "40") == "the regional governor"


def test_a_count_after_according_to_is_content_not_part_of_the_source(nlp):
    text = (
        "According to local police officers, 31 people, including 5 children, were killed in "
        "a Morvanian rocket attack a month ago."
    )
    doc = make_doc(nlp, text, "2024-09-19")
    row = next(c for c in doc._.claims if c["kind"] == "according_to")
    assert _said(doc, row["source_mention"]) == "local police officers"
    assert _figure_owner(nlp, text, "31") == "local police officers"


def test_a_quote_a_lead_cue_governs_is_not_said_by_a_cue_deeper_in_its_sentence(nlp):
    text = (
        "A Red Cross team visiting a Halvek clinic has reported “a large number of shrapnel "
        "wounds” among dozens of patients hurt on Friday in what Morvania says was an accident "
        "at a depot."
    )
    doc, quotes = _rows(nlp, text, "direct_quote")
    assert quotes and _said(doc, quotes[0]["source_mention"]) == "A Red Cross team visiting a Halvek clinic"


def test_a_review_speaks_for_the_body_that_published_it(nlp):
    text = (
        "The Morvanian army published its findings on the Halvek shelling on Friday. "
        "The review said that “troops did not fire at the market hall at any time”."
    )
    doc, quotes = _rows(nlp, text, "direct_quote")
    assert quotes and doc._.sources[quotes[0]["source"]]["name"] == "Morvanian army"


def test_a_relative_clause_after_a_speakers_head_is_not_part_of_its_name(nlp):
    text = (
        "The director of a Halvek clinic that treated some of the wounded said on Friday that "
        "more than 60 percent had shrapnel wounds."
    )
    doc = make_doc(nlp, text, "2024-09-19")
    row = next(c for c in doc._.claims if c["kind"] == "indirect")
    assert doc._.sources[row["source"]]["name"] == "director of a Halvek clinic"


def test_the_lead_above_a_source_line_is_that_sources_claim(nlp):
    text = (
        "Morvanian shelling of the Halvek market killed 52 people, 9 of them children.\n\n"
        "Source: Lena Marsh, Foreign Minister of Drevnia, in an interview with the Halvek Courier\n\n"
        'Quote: "We are aware of 52 people killed so far."'
    )
    assert _figure_owner(nlp, text, "52 people") == "Lena Marsh, Foreign Minister of Drevnia"


def test_a_source_line_further_down_credits_a_chart_not_the_paragraph_above(nlp):
    text = (
        "Drevnia reported the shelling on Friday.\n\n"
        "Aid agencies have been asking for a corridor since the spring.\n\n"
        "Only 12 of the 40 aid trucks reached the city last month.\n\n"
        "Source: Halvek Courier."
    )
    assert _figure_owner(nlp, text, "12") is None


def test_a_body_that_puts_the_toll_at_a_figure_states_it(nlp):
    for text in (
        "The regional governor put the death toll at 52 and the number of injured at 80.",
        "Drevnia's emergency service put the number of dead at 52, up from 40 on Wednesday.",
    ):
        assert _figure_owner(nlp, text, "52") is not None, text


def test_a_thing_that_raises_the_toll_states_nothing(nlp):
    text = "The explosion at the depot raised the death toll in Halvek to 52 on Friday."
    assert _figure_owner(nlp, text, "52") is None


BRIEFING = (
    "Drevnian defence ministry briefing on the Halvek market strike\n\n"
    "MS. ORLEN: Good afternoon. The ministry can confirm that 52 people died in Halvek on Thursday.\n\n"
    "QUESTION: Can you say who fired the missiles at the market?\n\n"
    "MS. ORLEN: We are still gathering the evidence, and I will not speculate.\n\n"
    "GENERAL VASK: Our air defence intercepted two of the four missiles over the river."
)


def _turns(doc) -> list[tuple[str, str, str]]:
    return [
        (c["kind"], _said(doc, c["source_mention"]), _said(doc, c["content"]))
        for c in doc._.claims
        if c["cue"] and _said(doc, c["cue"]) == ":"
    ]


def test_each_turn_of_a_transcript_is_its_speakers_verbatim_claim(nlp, extractor):
    doc = make_doc(nlp, BRIEFING, "2024-09-19")
    assert _turns(doc) == [
        ("direct_quote", "MS. ORLEN", "Good afternoon. The ministry can confirm that 52 people died in Halvek on Thursday."),
        ("direct_quote", "MS. ORLEN", "We are still gathering the evidence, and I will not speculate."),
        ("direct_quote", "GENERAL VASK", "Our air defence intercepted two of the four missiles over the river."),
    ]  # the reporter's "QUESTION:" is a label, not a speaker
    # a turn is verbatim speech: "The ministry can confirm that 52 …" forms no frame inside
    # it, so the figure is the speaker's, as it would be inside quotation marks
    extraction = extractor.extract(BRIEFING, published="2024-09-19")
    claims = {c.id: c for c in extraction.claims}
    (figure,) = [f for f in extraction.figures if f.value == 52]
    owner = claims[figure.claim_id]
    assert (owner.kind, BRIEFING[owner.source_mention.start : owner.source_mention.end]) == ("direct_quote", "MS. ORLEN")


def test_capitalised_datelines_of_a_roundup_are_no_transcript(nlp):
    roundup = (
        "HALVEK: Rescuers said 52 people died in the market strike on Wednesday.\n\n"
        "MORVANIA: The army said its forces had intercepted four drones overnight."
    )
    doc = make_doc(nlp, roundup, "2024-09-19")
    assert not [t for t in _turns(doc) if t[0] == "direct_quote"]
