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
