"""The attribution stage on real text: seed.txt, the olenivka/kramatorsk dev gold, PolNeAR train.

Each test names the convention it pins (quote marks, speaker placement, reported clause,
according-to, headline dash, dates); negative cases sit beside the positive ones.
"""

from __future__ import annotations

import json

import pytest

from claimledger.data import load_lexicon
from claimledger.nlp.attribution.finder import nested_rows
from claimledger.nlp.attribution.quotes import QuoteMarks, find_stretches, looks_like_title
from pipeline_support import make_doc

SEED_PUBLISHED = "2022-05-20"


@pytest.fixture(scope="module")
def seed_text(shared) -> str:
    return (shared / "gold" / "dev" / "seed.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_doc(nlp, seed_text):
    return make_doc(nlp, seed_text, SEED_PUBLISHED)


def _text(doc, pair):
    return doc.text[pair[0] : pair[1]] if pair else None


def _claims(doc, kind: str | None = None) -> list[dict]:
    return [c for c in doc._.claims if kind is None or c["kind"] == kind]


def _claim_with(doc, content_start: str, kind: str | None = None) -> dict:
    found = [c for c in _claims(doc, kind) if _text(doc, c["content"]).startswith(content_start)]
    assert found, f"no {kind or ''} claim starting {content_start!r}: " + repr(
        [_text(doc, c["content"])[:50] for c in doc._.claims]
    )
    return found[0]


def _marks() -> QuoteMarks:
    return QuoteMarks.from_lexicon(load_lexicon("attribution")["quote_marks"])


# -- direct quotes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "quote",
    [
        "The blocking of the Azovstal plant continues … Nationalists are actively surrendering "
        "to captivity. At the moment, 1,908 people laid down their arms.",
        "Everyone was provided with qualified medical and psychological assistance",
        "I vouch that the Russian armed forces are doing everything to prevent deaths among the "
        "civilian population.",
    ],
)
def test_attribution_seed_quotes_have_exact_content_and_shoigu(seed_doc, quote):
    claim = _claim_with(seed_doc, quote[:40], "direct_quote")
    start = seed_doc.text.index(quote)
    assert claim["content"][0] == start
    content = _text(seed_doc, claim["content"])
    assert content[0] not in "“”\"" and content[-1] not in "“”\","
    assert "Shoigu" in _text(seed_doc, claim["source_mention"])
    assert _text(seed_doc, claim["cue"]).rstrip(":") == "said"  # "said:" before a quote


@pytest.mark.parametrize("quote", ["Everyone was provided with qualified medical"])
def test_attribution_quote_content_stops_before_comma_and_mark(seed_doc, quote):
    claim = _claim_with(seed_doc, quote, "direct_quote")
    assert _text(seed_doc, claim["content"]).endswith("psychological assistance")


@pytest.mark.parametrize("quote_start", ["The blocking of the Azovstal plant continues"])
def test_attribution_colon_frame_in_previous_paragraph_gives_speaker_and_date(seed_doc, quote_start):
    claim = _claim_with(seed_doc, quote_start, "direct_quote")
    assert _text(seed_doc, claim["source_mention"]) == "Russia’s Defence Minister, Sergei Shoigu"
    assert claim["stated_on"] == {"date": "2022-05-20", "precision": "day", "text": "Friday, May 20"}


@pytest.mark.parametrize("scare", ["combat mission"])
def test_attribution_scare_quote_is_not_a_claim(seed_doc, scare):
    assert not [c for c in _claims(seed_doc, "direct_quote") if scare in _text(seed_doc, c["content"])]
    # ... but the indirect claim around it keeps the words
    claim = _claim_with(seed_doc, "the country’s forces had completed", "indirect")
    assert scare in _text(seed_doc, claim["content"])


@pytest.mark.parametrize(
    "text,quote,speaker",
    [
        (  # PolNeAR train: short quote said on its own, with a speaker after it
            "“What kind of people do I have here?” Trump asked, looking far from displeased.",
            "What kind of people do I have here?",
            "Trump",
        ),
        (  # PolNeAR train: speaker before the quote
            "She had a great line a while back when she said, “Unlike Hillary Clinton, I know "
            "that flying is an activity, not an accomplishment.”",
            "Unlike Hillary Clinton, I know that flying is an activity, not an accomplishment.",
            "she",
        ),
    ],
)
def test_attribution_speaker_before_or_after_quote(nlp, text, quote, speaker):
    doc = make_doc(nlp, text)
    claim = _claim_with(doc, quote[:30], "direct_quote")
    assert _text(doc, claim["content"]) == quote
    assert _text(doc, claim["source_mention"]) == speaker


@pytest.mark.parametrize(
    "text",
    ["Azovstal was the last holdout in Russian-occupied Mariupol and became a symbol of "
     "Ukrainian resistance despite facing relentless Russian military bombardment."],
)
def test_attribution_narration_makes_no_claim(nlp, text):
    assert make_doc(nlp, text)._.claims == []


def test_attribution_paragraph_continuing_a_quote_keeps_the_speaker(nlp, seed_text):
    # the seed's first quote, split the way newspapers split long quotes: the first paragraph
    # leaves the quote open, the next opens again with a mark
    text = seed_text.replace(
        "surrendering to captivity. At the moment",
        "surrendering to captivity.\n\n“At the moment",
    )
    doc = make_doc(nlp, text, SEED_PUBLISHED)
    first = _claim_with(doc, "The blocking of the Azovstal plant", "direct_quote")
    second = _claim_with(doc, "At the moment, 1,908 people", "direct_quote")
    assert first["source_mention"] == second["source_mention"] is not None
    assert _text(doc, first["content"]).endswith("surrendering to captivity.")


@pytest.mark.parametrize(
    "broken,lost",
    [
        # a closing mark dropped: the quote runs to its paragraph end, nothing else is lost
        ("medical and psychological assistance,” Shoigu said.", "medical and psychological assistance, Shoigu said."),
        # an opening mark dropped: its closing mark is a stray and opens nothing
        ("“Everyone was provided", "Everyone was provided"),
    ],
)
def test_attribution_unbalanced_marks_degrade_one_claim_only(nlp, seed_text, broken, lost):
    doc = make_doc(nlp, seed_text.replace(broken, lost), SEED_PUBLISHED)
    # the other quotes of the document keep their speaker
    for start in ("The blocking of the Azovstal plant", "I vouch that the Russian armed forces"):
        claim = _claim_with(doc, start, "direct_quote")
        assert "Shoigu" in _text(doc, claim["source_mention"])
    quotes = [_text(doc, c["content"]) for c in _claims(doc, "direct_quote")]
    assert len(quotes) <= 3


@pytest.mark.parametrize(
    "text,expected",
    [
        ("He said: “one two three four.\n\n“five six seven,” he said.", ["one two three four.", "five six seven,"]),
        ("Russia’s military said “the plant is blocked. ‘Russia’s big thing’ is done.”", ["the plant is blocked. ‘Russia’s big thing’ is done."]),
        ("Kiev’s “no” was loud. And \"one open quote never closes", ["no", "one open quote never closes"]),
    ],
)
def test_quotes_scanner_pairs_marks_and_degrades_locally(text, expected):
    got = [text[s.start : s.end] for s in find_stretches(text, _marks())]
    assert got == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (  # PolNeAR train (NYT feed): ''…'' marks, an apostrophe inside stays a letter
            "''Even if she could convince people she's right today, the situation will have "
            "morphed,'' Mr. O'Hanlon said.",
            ["Even if she could convince people she's right today, the situation will have morphed,"],
        ),
        (  # typeset ``…'' marks
            "``We have to look at ISIS as the leading threat,'' Mrs. Clinton said.",
            ["We have to look at ISIS as the leading threat,"],
        ),
        ("Mr. O'Hanlon's and Mr. O'Neill's views differ.", []),  # single apostrophes: no quote
    ],
)
def test_quotes_scanner_reads_two_character_marks(text, expected):
    got = [text[s.start : s.end] for s in find_stretches(text, _marks())]
    assert got == expected


@pytest.mark.parametrize(
    "text,first,second",
    [
        (  # PolNeAR train: one quotation in two stretches around the speaker
            "''We have to look at ISIS as the leading threat of an international terror network,'' "
            "Mrs. Clinton said. ''It cannot be contained; it must be defeated.''",
            "We have to look at ISIS",
            "It cannot be contained",
        ),
    ],
)
def test_attribution_two_character_marks_make_direct_quotes(nlp, text, first, second):
    doc = make_doc(nlp, text)
    a = _claim_with(doc, first, "direct_quote")
    b = _claim_with(doc, second, "direct_quote")
    assert _text(doc, a["source_mention"]) == _text(doc, b["source_mention"]) == "Mrs. Clinton"
    assert not [c for c in _claims(doc) if c["kind"] != "direct_quote"]


@pytest.mark.parametrize(
    "text,title",
    [  # PolNeAR train: names of shows in quotation marks, in prose paragraphs
        ("“She just made it up,” he said of the claim during a call to ABC’s “This Week.”",
         "This Week"),
        ("Sunday on Fox News channel’s “Sunday Morning Futures,” Rep. Darrell Issa said "
         "Democratic presidential candidate Hillary Clinton’s “judgment” and “honesty” are in "
         "question because of her handling of classified material on a private email server.",
         "Sunday Morning Futures"),
    ],
)
def test_attribution_quoted_show_title_is_no_claim(nlp, text, title):
    doc = make_doc(nlp, text)
    assert not [c for c in _claims(doc, "direct_quote") if _text(doc, c["content"]).startswith(title)]


@pytest.mark.parametrize(
    "words,expected",
    [
        ("13 Hours: The Secret Soldiers of Benghazi", True),
        ("Sunday Morning Futures,", True),
        ("She just made it up,", False),  # a quoted sentence
        ("Really?", False),  # one word, said on its own
        ("Yes, Donald Trump", False),  # an interjection and a name
    ],
)
def test_quotes_title_shape(words, expected):
    assert looks_like_title(words.split(), 0.7, 8) is expected


# -- reported speech -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content,cue,source",
    [
        ("almost 2000 Ukranian soldiers have surrendered at Azovstal", "has said", "Russia’s Defense Ministry"),
        ("there are still hundreds of soldiers at Azovstal", "believe", "Western intelligence"),
        ("177 civilians had been evacuated from the plant", "also said", "Shoigu"),
    ],
)
def test_attribution_reported_clause_excludes_that_and_keeps_auxiliaries(seed_doc, content, cue, source):
    claim = _claim_with(seed_doc, content, "indirect")
    assert _text(seed_doc, claim["cue"]) == cue
    assert _text(seed_doc, claim["source_mention"]) == source
    assert not _text(seed_doc, claim["content"]).startswith("that ")


@pytest.mark.parametrize(
    "text,cue,content",
    [
        (  # PolNeAR train: for-to clause with its own subject
            "Hillary Clinton is calling for the United States to step up military efforts in the "
            "fight against the Islamic State.",
            "is calling for",
            "the United States to step up military efforts in the fight against the Islamic State",
        ),
        (  # PolNeAR train: the infinitive's subject hangs off the preposition
            "Trump called for a special prosecutor to oversee an investigation into the alleged "
            "pay-to-play relationship between the Clinton Foundation and the Department of State.",
            "called for",
            "a special prosecutor to oversee an investigation into the alleged pay-to-play "
            "relationship between the Clinton Foundation and the Department of State",
        ),
    ],
)
def test_attribution_called_for_x_to_act_keeps_x_in_content(nlp, text, cue, content):
    doc = make_doc(nlp, text)
    claim = _claim_with(doc, content[:25])
    assert _text(doc, claim["cue"]) == cue
    assert _text(doc, claim["content"]) == content


@pytest.mark.parametrize(
    "text",
    ["It was just waiting for a recession to knock the hell out of it."],  # PolNeAR train, narration
)
def test_attribution_waiting_for_x_to_act_is_no_claim(nlp, text):
    assert _claims(make_doc(nlp, text)) == []


_KHAN = (  # PolNeAR train: the parser takes the previous paragraph as what Ms. Khan said
    "''All the world, all America, felt my pain. I am a Gold Star mother. Whoever saw me felt "
    "me in their heart,'' Ms. Khan wrote. She continued: ''Donald Trump has children whom he "
    "loves. Does he really need to wonder why I did not speak?''\n\nMs. Khan said Mr. Trump was "
    "''ignorant'' of Islam and criticized him for saying he had sacrificed for his country."
)
_AYOTTE = (  # PolNeAR train
    '"For every person you vote for, essentially you\'re always going to leave open the '
    'opportunity to reevaluate," Ayotte said. "How could I not say that about any situation?"'
    "\n\nThe Republican incumbent said that her position is genuine and that the difference "
    "between voting for Trump and a true endorsement should be obvious."
)


@pytest.mark.parametrize(
    "text,source,content",
    [
        (
            _KHAN,
            "Ms. Khan",
            "Mr. Trump was ''ignorant'' of Islam",  # "and criticized him …" is her second claim
        ),
        (
            _AYOTTE,
            "The Republican incumbent",
            "her position is genuine and that the difference between voting for Trump and a "
            "true endorsement should be obvious",
        ),
    ],
)
def test_attribution_cue_parsed_across_paragraphs_takes_its_own_paragraphs_clause(
    nlp, text, source, content
):
    doc = make_doc(nlp, text)
    claim = _claim_with(doc, content[:25], "indirect")
    assert _text(doc, claim["content"]) == content
    assert _text(doc, claim["source_mention"]) == source


@pytest.mark.parametrize(
    "text",
    [  # PolNeAR train: "he said." ends its paragraph; the next paragraph is the reporter's
        "''It is going to take a lot more than one positive jobs report to seriously dent the "
        "pessimism people feel about where the country is headed,'' he said.\n\nCaution is "
        "warranted: Economic indicators have risen and fallen throughout the 68 months of growth "
        "since the recession and financial collapse that President Obama inherited.",
    ],
)
def test_attribution_cue_ending_its_paragraph_takes_nothing_from_the_next(nlp, text):
    doc = make_doc(nlp, text)
    assert [c["kind"] for c in _claims(doc)] == ["direct_quote"]


@pytest.mark.parametrize(
    "text,content,cue",
    [
        (  # PolNeAR train: a cue at the sentence end keeps the content before it only
            "He should also get a boost from the win Tuesday, Sanders said.",
            "He should also get a boost from the win Tuesday",
            "said",
        ),
    ],
)
def test_attribution_parenthetical_cue_content_is_the_whole_sentence(nlp, text, content, cue):
    doc = make_doc(nlp, text)
    claim = _claim_with(doc, content[:12], "indirect")
    assert _text(doc, claim["content"]) == content
    assert _text(doc, claim["cue"]) == cue


def test_attribution_cue_interrupting_the_sentence_it_reports_gives_its_two_sides(nlp):
    # PolNeAR train; PolNeAR draws the content as the two fragments around "Christie said"
    text = ("In his state, Christie said, nonviolent first-time drug offenders are sent to "
            "mandatory drug treatment.")
    doc = make_doc(nlp, text)
    rows = [c for c in _claims(doc, "indirect") if _text(doc, c["cue"]) == "said"]
    assert [_text(doc, c["content"]) for c in rows] == [
        "In his state", "nonviolent first-time drug offenders are sent to mandatory drug treatment"]
    assert {_text(doc, c["source_mention"]) for c in rows} == {"Christie"}


@pytest.mark.parametrize(
    "text",
    [  # PolNeAR train: light verbs with a noun phrase are deeds
        "Fiorina, the former Hewlett-Packard CEO who dropped her own presidential bid in early "
        "February, made a surprise appearance at Cruz’s rally in Miami Wednesday morning.",
    ],
)
def test_attribution_light_verb_with_noun_phrase_is_no_claim(nlp, text):
    assert _claims(make_doc(nlp, text)) == []


@pytest.mark.parametrize(
    "text,content",
    [  # PolNeAR train: a complementiser makes the "but" clause a second content
        (
            "He says he wishes he could have spent more time in South Carolina, but that he and "
            "his team “did everything we could do.”",
            "he wishes he could have spent more time in South Carolina, but that he and his team "
            "“did everything we could do",
        ),
    ],
)
def test_attribution_but_that_clause_is_content(nlp, text, content):
    doc = make_doc(nlp, text)
    claim = _claim_with(doc, content[:20], "indirect")
    assert _text(doc, claim["content"]) == content


@pytest.mark.parametrize(
    "text,hearer",
    [  # PolNeAR train: the object of "tell" is who heard it
        ("Weaver didn’t seem particularly impressed with Sanders’ comments Tuesday, telling "
         "reporters, “A lot of people said the governor should step down.”", "reporters"),
    ],
)
def test_attribution_hearer_alone_is_not_content(nlp, text, hearer):
    doc = make_doc(nlp, text)
    assert not [c for c in _claims(doc) if _text(doc, c["content"]) == hearer]


@pytest.mark.parametrize(
    "text,content",
    [  # PolNeAR train: hearer and clause
        ("He endorsed Clinton, but told The Huffington Post on Monday that he thought Sanders "
         "would eke out a win.", "he thought Sanders would eke out a win"),
    ],
)
def test_attribution_told_hearer_that_clause_is_content(nlp, text, content):
    doc = make_doc(nlp, text)
    assert _text(doc, _claim_with(doc, content[:20], "indirect")["content"]) == content


_RHODES = (  # PolNeAR train (NYT): narration, then a quote with a long appositive speaker
    "The images from France have not prompted Mr. Obama to abandon his deep reluctance to send "
    "additional American troops to Iraq and Syria.\n\n''We don't believe U.S. troops are the "
    "answer to the problem,'' Benjamin J. Rhodes, Mr. Obama's deputy national security adviser, "
    "said Sunday. ''The further introduction of U.S. troops to fully re-engage in ground combat "
    "in the Middle East is not the way to deal with this challenge.''"
)


def test_attribution_content_stays_in_its_cues_paragraph(nlp):
    doc = make_doc(nlp, _RHODES)
    assert all("\n" not in _text(doc, c["content"]) for c in _claims(doc))


@pytest.mark.parametrize(
    "quote,speaker",
    # the closing comma of the apposition is the source's (PolNeAR's edge, see nlp/attribution/edges)
    [("We don't believe U.S. troops", "Benjamin J. Rhodes, Mr. Obama's deputy national security adviser,")],
)
def test_attribution_speaker_after_long_apposition(nlp, quote, speaker):
    doc = make_doc(nlp, _RHODES)
    assert _text(doc, _claim_with(doc, quote, "direct_quote")["source_mention"]) == speaker


@pytest.mark.parametrize(
    "text,name",
    [  # PolNeAR train: "called" names a group
        ("One proxy army fighting on the Eritrean side, a group of disaffected Ethiopians called "
         "Ginbot 7, was a force that Nega helped create, founding the movement in 2008 with "
         "another Ethiopian exile, Andargachew Tsege, in Washington.", "Ginbot 7"),
    ],
)
def test_attribution_naming_participle_is_no_claim(nlp, text, name):
    doc = make_doc(nlp, text)
    assert not [c for c in _claims(doc) if _text(doc, c["content"]) == name]


@pytest.mark.parametrize(
    "text,content,expected",
    [  # PolNeAR train
        ("A week after Trump spoke to the gathering of Jewish leaders, and in the wake of a "
         "shooting by two Muslim radicals in California that killed 14, Trump proposed barring "
         "all foreign Muslims from entering the United States.",
         "the gathering of Jewish leaders", False),  # the hearers
        ("Meanwhile Rihanna, who was honored with the prestigious Rockstar award, spoke about the "
         "importance of self-love and self-acceptance.",
         "the importance of self-love and self-acceptance", True),  # the topic
    ],
)
def test_attribution_speak_to_hearer_vs_about_topic(nlp, text, content, expected):
    doc = make_doc(nlp, text)
    assert any(_text(doc, c["content"]) == content for c in _claims(doc)) is expected


@pytest.mark.parametrize("content", ["177 civilians had been evacuated from the plant"])
def test_attribution_reporters_but_clause_is_not_content(seed_doc, content):
    claim = _claim_with(seed_doc, content, "indirect")
    assert _text(seed_doc, claim["content"]) == content


@pytest.mark.parametrize("content_start", ["the troops that were defending Azovstal have left the plant"])
def test_attribution_he_added_that(seed_doc, content_start):
    claim = _claim_with(seed_doc, content_start, "indirect")
    assert _text(seed_doc, claim["cue"]) == "added"
    assert _text(seed_doc, claim["source_mention"]) == "He"


@pytest.mark.parametrize("verb", ["defending"])
def test_attribution_deed_verbs_are_not_cues(seed_doc, verb):
    assert not [c for c in seed_doc._.claims if verb in (_text(seed_doc, c["cue"]) or "")]


def test_attribution_according_to_statement_by_names_the_military(seed_doc):
    claim = _claim_with(seed_doc, "the country’s forces had completed", "according_to")
    assert _text(seed_doc, claim["cue"]) == "according to"
    assert _text(seed_doc, claim["source_mention"]) == "the country’s military"
    assert _text(seed_doc, claim["content"]).endswith("in Mariupol")


def test_attribution_headline_dash(seed_doc):
    claim = _claim_with(seed_doc, "Nearly 2,000 Ukrainian soldiers", "headline")
    assert _text(seed_doc, claim["content"]) == "Nearly 2,000 Ukrainian soldiers have surrendered at Azovstal"
    assert _text(seed_doc, claim["cue"]) == "–"
    assert _text(seed_doc, claim["source_mention"]) == "Russia"


@pytest.mark.parametrize(
    "line", ["Azovstal was the last holdout in Russian-occupied Mariupol – and a symbol of 2022."]
)
def test_attribution_dash_in_a_sentence_is_not_a_headline(nlp, line):
    assert not _claims(make_doc(nlp, line), "headline")


def test_attribution_figure_given_by_is_dated_thursday(seed_doc):
    claim = _claim_with(seed_doc, "1,730 Ukrainian soldiers", "according_to")
    assert _text(seed_doc, claim["source_mention"]) == "the Russian Defense Ministry"
    assert claim["stated_on"]["date"] == "2022-05-19"


@pytest.mark.parametrize("content", ["there are still hundreds of soldiers at Azovstal"])
def test_attribution_undated_claim_has_no_stated_on(seed_doc, content):
    assert _claim_with(seed_doc, content)["stated_on"] is None


def _dev_paragraph(shared, cluster: str, article: str, needle: str) -> str:
    data = json.loads((shared / "gold" / "dev" / f"{cluster}.json").read_text(encoding="utf-8"))
    text = next(a["text"] for a in data["articles"] if a["id"] == article)
    k = text.index(needle)
    start = text.rfind("\n", 0, k) + 1
    end = text.find("\n", k)
    return text[start : end if end >= 0 else len(text)]


@pytest.mark.parametrize(
    "cluster,article,needle,content,cue,source",
    [
        ("olenivka", "ol-straitstimes-2022-07-29", "put the death toll at 53",
         "the death toll at 53", "put", "A spokesman for the separatists"),
        ("olenivka", "ol-straitstimes-2022-07-29", "denied responsibility, saying",
         "Russian artillery had targeted the prison", "saying", "Ukraine’s armed forces"),
        ("olenivka", "ol-straitstimes-2022-07-29", "was quoted as saying",
         "there were no foreigners among the 193 detainees", "saying",
         "Russian-backed separatist leader Denis Pushilin"),
        ("olenivka", "ol-devdiscourse-2022-08-03", "Antonio Guterres said on Wednesday",
         "The United Nations is launching a fact-finding mission", "said on Wednesday",
         "Secretary-General Antonio Guterres"),
        ("kramatorsk", "kr-censor-2022-04-08", "According to Ukrzaliznytsia",
         "more than 30 people were killed and more than 100 were injured", "According to",
         "Ukrzaliznytsia"),
    ],
)
def test_attribution_dev_gold_reported_speech(shared, nlp, cluster, article, needle, content, cue, source):
    doc = make_doc(nlp, _dev_paragraph(shared, cluster, article, needle), "2022-07-29")
    claim = _claim_with(doc, content)
    assert _text(doc, claim["cue"]) == cue
    assert _text(doc, claim["source_mention"]) == source


@pytest.mark.parametrize("needle", ["At least 30 civilians were reportedly killed"])
def test_attribution_reportedly_is_an_unnamed_source(shared, nlp, needle):
    doc = make_doc(nlp, _dev_paragraph(shared, "kramatorsk", "kr-rt-2022-04-08", needle), "2022-04-08")
    claim = _claim_with(doc, "At least 30 civilians")
    assert _text(doc, claim["cue"]) == "reportedly"
    assert claim["source_mention"] is None


@pytest.mark.parametrize(
    "text,content,cue,source",
    [  # PolNeAR train sentences
        ("He thinks that reducing the deficit is more important than defending the nation.",
         "reducing the deficit is more important than defending the nation", "thinks", "He"),
        ("Trump called for a ban on Muslims entering the United States.",
         "a ban on Muslims entering the United States", "called for", "Trump"),
    ],
)
def test_attribution_polnear_train_frames(nlp, text, content, cue, source):
    doc = make_doc(nlp, text)
    claim = _claim_with(doc, content)
    assert _text(doc, claim["cue"]) == cue
    assert _text(doc, claim["source_mention"]) == source


def test_attribution_rows_are_plain_and_deterministic(nlp, seed_text):
    first = make_doc(nlp, seed_text, SEED_PUBLISHED)._.claims
    second = make_doc(nlp, seed_text, SEED_PUBLISHED)._.claims
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    for row in first:
        assert {"kind", "content", "cue", "source_mention", "stated_on"} <= set(row)
        assert not any(k.startswith("_") for k in row)


@pytest.mark.parametrize(
    "article,source,cue,content",
    [
        ("ol-eurasiantimes-2022-07-30", "Russia", "Says",
         "50 Killed, 73 Injured After Ukraine Fired US MLRS Rockets On Military Prisoners"),
    ],
)
def test_attribution_title_case_headline(shared, nlp, article, source, cue, content):
    data = json.loads((shared / "gold" / "dev" / "olenivka.json").read_text(encoding="utf-8"))
    text = next(a["text"] for a in data["articles"] if a["id"] == article)
    doc = make_doc(nlp, text.split("\n\n")[0], "2022-07-30")
    claim = _claim_with(doc, content)
    assert (_text(doc, claim["source_mention"]), _text(doc, claim["cue"])) == (source, cue)


@pytest.mark.parametrize("title", ["Russia Attacks Kramatorsk Train Station In Ukraine, 39 People Killed"])
def test_attribution_title_case_line_without_cue_is_no_claim(nlp, title):
    assert make_doc(nlp, title, "2022-04-08")._.claims == []


@pytest.mark.parametrize(
    "text,source,cue,content_start",
    [  # PolNeAR train: a statement pasted without quotation marks after a colon
        ("In the text accompanying the video post, Wallnau wrote:\n\nI think this prophetic "
         "prayer timely, as at this time [late October], Iowa polls are showing a slipping of "
         "support for Mr. Trump among Evangelicals.",
         "Wallnau", "wrote:", "I think this prophetic prayer timely"),  # the colon is the cue's
    ],
)
def test_attribution_colon_then_unquoted_paragraph_is_the_content(nlp, text, source, cue, content_start):
    doc = make_doc(nlp, text)
    claim = _claim_with(doc, content_start, "indirect")
    assert (_text(doc, claim["source_mention"]), _text(doc, claim["cue"])) == (source, cue)
    assert _text(doc, claim["content"]).endswith("among Evangelicals.")


@pytest.mark.parametrize("text", ["The ministry said:\n\n“The blocking continues and will go on,” it added."])
def test_attribution_quote_speaker_in_own_sentence_beats_previous_colon(nlp, text):
    doc = make_doc(nlp, text)
    (claim,) = doc._.claims
    assert claim["kind"] == "direct_quote"
    assert (_text(doc, claim["source_mention"]), _text(doc, claim["cue"])) == ("it", "added")


@pytest.mark.parametrize(
    "needle,source,cue,content",
    [("Allegations by the Ukrainian side", "the Ukrainian side", "Allegations", "Russia carried out the attack")],
)
def test_attribution_speech_noun_with_that_clause(shared, nlp, needle, source, cue, content):
    doc = make_doc(nlp, _dev_paragraph(shared, "kramatorsk", "kr-globaltimes-2022-04-08", needle), "2022-04-08")
    claim = _claim_with(doc, content, "indirect")
    assert _text(doc, claim["content"]) == content
    assert (_text(doc, claim["source_mention"]), _text(doc, claim["cue"])) == (source, cue)


@pytest.mark.parametrize(
    "text,source,content",
    [  # PolNeAR train
        ("Last month, The Huffington Post’s Scott Conroy asked Sanders\xa0whether questions about "
         "his health and age were fair game in the campaign.",
         "The Huffington Post’s Scott Conroy",
         "whether questions about his health and age were fair game in the campaign"),
    ],
)
def test_attribution_asked_whether_clause_is_content(nlp, text, source, content):
    doc = make_doc(nlp, text)
    claim = _claim_with(doc, content)
    assert _text(doc, claim["content"]) == content
    assert _text(doc, claim["source_mention"]) == source


@pytest.mark.parametrize(
    "text,source,cue",
    [  # modelled on PolNeAR train: the speaker of a quote given by an according-to after it
        ("“The new material shows the FBI was misled about the emails,” according to Judicial Watch.",
         "Judicial Watch", "according to"),
    ],
)
def test_attribution_quote_attributed_by_according_to(nlp, text, source, cue):
    doc = make_doc(nlp, text)
    (claim,) = [c for c in doc._.claims if c["kind"] == "direct_quote"]
    assert (_text(doc, claim["source_mention"]), _text(doc, claim["cue"])) == (source, cue)


def test_attribution_quote_speaker_never_reaches_into_previous_paragraph(nlp):
    # modelled on PolNeAR train: a speaker right after a paragraph that ends in a quote
    text = "“Never, never Hillary.”\n\nAnother commenter said, “She is not fit to serve.”"
    doc = make_doc(nlp, text)
    for claim in doc._.claims:
        mention = _text(doc, claim["source_mention"]) or ""
        assert "\n" not in mention and "Hillary" not in mention


@pytest.mark.parametrize(
    "text,speaker",
    [
        (
            "In a Friday night address, the Ukrainian president said more than 50 died in the "
            "assault on Olenivka, calling it “a deliberate Russian war crime, a deliberate mass "
            "murder of Ukrainian prisoners of war”.",
            "the Ukrainian president",
        ),
    ],
)
def test_attribution_participle_quote_never_takes_a_count_as_speaker(nlp, text, speaker):
    doc = make_doc(nlp, text, "2022-07-30")
    quotes = [c for c in doc._.claims if c["kind"] == "direct_quote"]
    assert quotes, "the quote after 'calling it' is a claim"
    s, e = quotes[0]["source_mention"]
    assert doc.text[s:e] == speaker


@pytest.mark.parametrize(
    "text,second,speaker",
    [
        (  # PolNeAR train: the sentence between the two quotes attributes the first one
            "“What kind of people do I have here?” Trump asked, looking far from displeased. "
            "“What do I have?”",
            "What do I have?",
            ("Trump", "asked"),
        ),
        (  # PolNeAR train: a quoted show title inside the attribution sentence
            "“I have always said that I expect to be vetted,” he said on “Meet the Press.” "
            "“But being vetted and what is going on with me, this didn’t exist.”",
            "But being vetted",
            ("he", "said on “Meet the Press"),
        ),
    ],
)
def test_attribution_quote_after_the_previous_quotes_attribution_keeps_its_speaker(
    nlp, text, second, speaker
):
    doc = make_doc(nlp, text)
    claim = _claim_with(doc, second, "direct_quote")
    assert (_text(doc, claim["source_mention"]), _text(doc, claim["cue"])) == speaker


def test_attribution_quote_after_another_sentence_is_not_inherited(nlp):
    text = (
        "“We will not give up the city,” the mayor said. The governor disagreed on Monday. "
        "“The city cannot be held much longer.”"
    )
    doc = make_doc(nlp, text)
    claim = _claim_with(doc, "The city cannot", "direct_quote")
    assert claim["source_mention"] is None or _text(doc, claim["source_mention"]) != "the mayor"


@pytest.mark.parametrize(
    "text,cue,content",
    [
        (  # PolNeAR train: the parser hangs the preposed sentence on the verb as a second clause
            "Sitting down with MSNBC's \"The Rachel Maddow Show\" on Thursday, during which she also "
            "touched on the idea of a female running mate, Clinton remarked that she was \"a little "
            "surprised\" to be debating health care in her race against Sanders.",
            "remarked",
            "she was \"a little surprised\" to be debating health care in her race against Sanders",
        ),
        (  # PolNeAR train: a sentence before the verb parsed as its complement, an object after
            "The real estate magnate was expected to cruise past the 1,237 delegates needed to seal "
            "the deal on the first ballot and, if he follows tradition, Trump will officially accept "
            "the nomination Thursday during his acceptance speech.",
            "accept",
            None,
        ),
    ],
)
def test_attribution_clause_before_the_verb_is_no_content_when_one_follows_it(nlp, text, cue, content):
    doc = make_doc(nlp, text)
    rows = [c for c in doc._.claims if c["cue"] and cue in _text(doc, c["cue"])]
    assert all(not _text(doc, c["content"]).startswith(("Sitting", "The real estate")) for c in rows)
    if content is not None:
        assert [_text(doc, c["content"]) for c in rows] == [content]


def test_attribution_a_date_alone_is_not_what_was_said(nlp):
    # PolNeAR train (Reuters)
    text = (
        "U.S. President Barack Obama sought on Wednesday to ease growing Asian worries about the "
        "raucous election campaign to succeed him."
    )
    doc = make_doc(nlp, text)
    assert all(_text(doc, c["content"]) != "Wednesday" for c in doc._.claims)


def test_attribution_second_speech_verb_of_the_content_is_a_claim_of_its_own(nlp):
    # PolNeAR train: "calls" is the source's second statement, annotated on its own
    text = (
        "He says he respects Clinton and calls her “an extremely intelligent woman with a "
        "wonderful resume and a whole lot of experience.”"
    )
    doc = make_doc(nlp, text)
    says = next(c for c in doc._.claims if c["cue"] and _text(doc, c["cue"]) == "says")
    assert _text(doc, says["content"]) == "he respects Clinton"


def test_attribution_quote_ended_by_a_full_stop_takes_no_cue_from_the_next_sentence(nlp):
    # PolNeAR dev (AP): the next sentence's "said" belongs to its own subject
    text = (
        "Russia's Foreign Ministry urged Pyongyang to “stop its dangerous escapades.” The "
        "International Atomic Energy Agency said North Korea had displayed “complete disregard "
        "of the repeated demands of the international community.”"
    )
    doc = make_doc(nlp, text)
    claim = _claim_with(doc, "stop its dangerous", "direct_quote")
    assert claim["source_mention"] is None or "Atomic" not in _text(doc, claim["source_mention"])


@pytest.mark.parametrize(
    "text",
    [  # PolNeAR train: "as" opens a time clause whose verb has its own object or subject
        "That night, I could barely stop grinning as my colleagues discussed the verdict.",
        "Back at her Brooklyn headquarters, aides cheered as the result was announced on television.",
    ],
)
def test_attribution_as_clause_with_its_own_object_frames_no_sentence(nlp, text):
    doc = make_doc(nlp, text)
    for claim in doc._.claims:
        assert not _text(doc, claim["content"]).startswith(("That night", "Back at"))


def test_attribution_as_clause_without_object_frames_its_sentence(nlp):
    # PolNeAR train
    text = "As first reported by Politico, the campaign will spend $20 million on ads in Ohio."
    doc = make_doc(nlp, text)
    claim = _claim_with(doc, "the campaign will spend", "indirect")
    assert _text(doc, claim["source_mention"]) == "Politico"


def test_attribution_speech_noun_with_a_preposition_is_a_model_candidate(nlp):
    from claimledger.nlp.attribution.according import find_noun_frames

    lex = nlp.get_pipe("claimledger_attribution").cues
    doc = make_doc(nlp, "The Kremlin voiced criticism of the sanctions on Monday.")
    skip = [False] * len(doc)
    seen: list[tuple[str, str, str | None]] = []

    def collect(tok, frame, how) -> bool:
        source = doc[frame.source[0] : frame.source[1]].text if frame.source else None
        seen.append((doc[frame.cue[0] : frame.cue[1]].text, doc[frame.content[0] : frame.content[1]].text, source))
        return False

    assert find_noun_frames(doc, lex, skip, None, collect) == []  # the model said no
    assert seen == [("criticism of", "the sanctions", "The Kremlin")]
    assert find_noun_frames(doc, lex, skip, None, None) == []  # rules alone never take it


@pytest.mark.parametrize(
    "text,content",
    [
        (
            "At least 40 people are believed to have died in the strike on the prison.",
            "At least 40 people are believed to have died in the strike on the prison",
        ),
        (  # PolNeAR train
            "Trump is also expected to unveil on Monday his second ad of the general election.",
            "Trump is also expected to unveil on Monday his second ad of the general election",
        ),
    ],
)
def test_attribution_passive_raising_verb_keeps_its_subject_in_the_content(nlp, text, content):
    doc = make_doc(nlp, text)
    claim = _claim_with(doc, content[:20], "indirect")
    assert _text(doc, claim["content"]) == content
    assert claim["source_mention"] is None


def test_attribution_quote_joined_to_the_previous_by_a_conjunction_keeps_its_speaker(nlp):
    # PolNeAR dev shape: two quoted stretches of one reported clause
    text = (
        "He is claiming voting fraud is “a big, big problem in this country” but “nobody has "
        "the guts to talk about it.”"
    )
    doc = make_doc(nlp, text)
    first = _claim_with(doc, "a big, big problem", "direct_quote")
    second = _claim_with(doc, "nobody has the guts", "direct_quote")
    assert second["source_mention"] == first["source_mention"] is not None
    assert second["cue"] == first["cue"]


def test_cue_model_threshold_families_split_noun_phrase_contents_by_lexicon_group():
    from claimledger.nlp.attribution.cue_model import CueModel, all_families, family_of

    assert family_of("clause", ["group=other"]) == "clause"
    assert family_of("object", ["group=weak"]) == "object:weak"
    assert family_of("noun_prep", ["group=other"]) == "noun"
    assert "prep:other" in all_families()
    model = CueModel(weights={"bias": 0.0}, threshold=0.4, by_family={"object:other": 0.6})
    assert model.accepts(["bias", "group=other"], "clause")  # p = 0.5 ≥ 0.4
    assert not model.accepts(["bias", "group=other"], "object")  # p = 0.5 < 0.6


def test_nested_rows_are_those_inside_another_different_content():
    rows = [
        {"content": [0, 50], "cue": [51, 55]},
        {"content": [10, 20], "cue": [5, 9]},  # cue and content inside [0, 50]
        {"content": [10, 20], "cue": [21, 25]},
        {"content": [0, 50], "cue": [60, 64]},  # its cue is outside every other content
        {"content": [0, 50], "cue": [10, 14]},  # only the same content covers it
    ]
    assert nested_rows(rows) == {1, 2}


def test_attribution_a_count_confirmed_by_an_agent_is_the_agents_claim(shared, nlp):
    # a passive speech verb with an agent states its subject when the subject is a count
    text = _dev_paragraph(shared, "kakhovka", "kh-praguemonitor-2023-06-07",
                          "missing persons have been confirmed by")
    doc_text = make_doc(nlp, text, "2023-06-07")
    claim = _claim_with(doc_text, "seven missing persons")
    assert _text(doc_text, claim["content"]) == "seven missing persons"
    assert _text(doc_text, claim["source_mention"]) == "the local administration"


def test_attribution_a_passive_without_a_count_states_no_subject(nlp):
    # PolNeAR train: what was confirmed is an event the sentence reports, not a figure
    doc = make_doc(nlp, "Her death was confirmed by the Eagle Forum, the conservative "
                        "organization she founded in 1975.")
    assert not [c for c in _claims(doc) if _text(doc, c["content"]).startswith("Her death")]


def test_attribution_data_of_no_one_under_a_source_line_are_the_lines_source(shared, nlp):
    # Ukrainska Pravda's layout: the lead, "Source: X, title, …", then "Details: According to
    # confirmed data, …": the data are X's, for the lead and the details alike
    data = json.loads((shared / "gold" / "dev" / "kakhovka.json").read_text(encoding="utf-8"))
    text = next(a["text"] for a in data["articles"] if a["id"] == "kh-pravda-2023-06-12")
    doc = make_doc(nlp, text, "2023-06-12")
    for content in ("10 people have died", "on the right bank of the Dnipro River"):
        claim = _claim_with(doc, content, "according_to")
        assert _text(doc, claim["source_mention"]) == "Ihor Klymenko, Interior Minister of Ukraine"
    assert len([c for c in _claims(doc) if _text(doc, c["content"]).startswith(
        ("10 people have died", "According to preliminary reports"))]) == 1


@pytest.mark.parametrize(
    "words,bare",
    [
        ("preliminary reports", True),
        ("confirmed data", True),
        ("preliminary exit polling reported by CNN and The New York Times", False),  # PolNeAR
        ("health officials", False),  # people, not a document
        ("the latest figures from Kyiv", False),  # a document with its author
    ],
)
def test_attribution_only_a_document_of_no_one_takes_the_source_line(words, bare):
    from claimledger.nlp.attribution.finder import _bare_document

    report = load_lexicon("sources")["report_nouns"]
    got = _bare_document(words.split(), frozenset(report["words"]), frozenset(report["agent_preps"]))
    assert got is bare


def test_attribution_figure_in_a_partitive_before_a_relative_cue_is_the_sources(extractor):
    """"…, a third of whom the UN says are children": the fraction is the UN's figure (its
    words, cut off by the source and cue), not the outlet's own statement."""
    text = "The siege has cut off 40,000 people in the old town, a third of whom the UN says are children."
    ex = extractor.extract(text, published="2024-03-01")
    names = {s.id: s.name for s in ex.sources}
    claims = {c.id: c for c in ex.claims}
    (third,) = [f for f in ex.figures if f.span.text == "a third"]
    claim = claims[third.claim_id]
    assert claim.kind != "narrative" and names[claim.source_id] in {"UN", "United Nations"}


@pytest.mark.parametrize("relay", ["according to Reuters", "as per AFP"])
def test_attribution_relay_after_a_reported_clause_is_cut_from_the_speakers_content(extractor, relay):
    """"The governor said 24 villages had been flooded, as per AFP": the agency relays the
    governor's figure, so the governor's content stops before the relay and the figure, in
    the innermost content, is the governor's."""
    text = f"The regional governor, Ivan Petrov, said that 24 villages had been flooded, {relay}."
    ex = extractor.extract(text, published="2023-06-07")
    names = {s.id: s.name for s in ex.sources}
    claims = {c.id: c for c in ex.claims}
    said = next(c for c in ex.claims if c.cue is not None and c.cue.text == "said")
    assert said.content.text == "24 villages had been flooded"
    (figure,) = [f for f in ex.figures if f.span.text == "24"]
    assert names[claims[figure.claim_id].source_id] == "Ivan Petrov"
