"""All claimledger pipeline factories, registered in one place (as spaCy 3.8 does).

Importing this module registers the factories. They are module-level functions, named by
the `spacy_factories` entry points in pyproject.toml, so a pipeline saved with
`nlp.to_disk()` loads with `spacy.load(path)` in a process that never imported claimledger:
spaCy finds the factory by its entry point, which imports this module. `Language.factory`
accepts the same function twice (a reloaded module), so registering is idempotent.

Each factory says what it reads (`requires`) and writes (`assigns`), so `nlp.analyze_pipes()`
can answer "who sets doc._.claims?", and its `default_config` holds every constructor
setting of its stage, so `nlp.config` shows (and a saved pipeline keeps) all of them.
"""

from __future__ import annotations

from spacy.language import Language

from claimledger.nlp.attribution import AttributionFinder
from claimledger.nlp.budget import DEFAULT_SENTENCE_WORK
from claimledger.nlp.events import EventTyper
from claimledger.nlp.extensions import register_extensions
from claimledger.nlp.figures import FigureFinder
from claimledger.nlp.hedges import HedgeFinder
from claimledger.nlp.paragraphs import ParagraphBreaks
from claimledger.nlp.sources import SourceResolver
from claimledger.nlp.timex import TimexTagger

register_extensions()

#: set before the parser (see `nlp.paragraphs`): a line break ends a sentence
PARAGRAPHS = "claimledger_paragraphs"

PIPELINE_STAGES: tuple[str, ...] = (
    "claimledger_timex",
    "claimledger_figures",
    "claimledger_events",
    "claimledger_attribution",
    "claimledger_hedges",
    "claimledger_sources",
)


@Language.factory(PARAGRAPHS, assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks(nlp, name)


@Language.factory(
    "claimledger_timex",
    default_config={"lexicon": "timex"},
    requires=["doc.ents", "token.tag"],  # token.pos comes from the tags (attribute_ruler)
    assigns=["doc._.times"],
)
def make_timex(nlp: Language, name: str, lexicon: str) -> TimexTagger:
    return TimexTagger(nlp, name, lexicon=lexicon)


@Language.factory(
    "claimledger_figures",
    default_config={"lexicon": "figures", "max_sentence_work": DEFAULT_SENTENCE_WORK},
    requires=["doc._.times", "token.dep", "doc.ents"],
    assigns=["doc._.figures"],
)
def make_figures(nlp: Language, name: str, lexicon: str, max_sentence_work: int) -> FigureFinder:
    return FigureFinder(nlp, name, lexicon=lexicon, max_sentence_work=max_sentence_work)


@Language.factory(
    "claimledger_events",
    default_config={"lexicon": "events"},
    requires=["doc._.figures", "token.dep", "token.lemma"],
    assigns=["doc._.figures"],
)
def make_events(nlp: Language, name: str, lexicon: str) -> EventTyper:
    return EventTyper(nlp, name, lexicon=lexicon)


@Language.factory(
    "claimledger_attribution",
    default_config={
        "lexicon": "attribution",
        "model": "attribution_cues",
        "threshold": None,
        "scare_max_words": 3,
        "tail_max_tokens": 20,
        "headline_max_source_words": 5,
        "drop_nested": True,
        "title_max_words": 20,
        "title_capitalised": 0.7,
        "quoted_title_max_words": 8,
        "max_sentence_work": DEFAULT_SENTENCE_WORK,
    },
    requires=["doc._.times", "token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.claims"],
)
def make_attribution(
    nlp: Language,
    name: str,
    lexicon: str,
    model: str | None,
    threshold: float | None,
    scare_max_words: int,
    tail_max_tokens: int,
    headline_max_source_words: int,
    drop_nested: bool,
    title_max_words: int,
    title_capitalised: float,
    quoted_title_max_words: int,
    max_sentence_work: int,
) -> AttributionFinder:
    return AttributionFinder(
        nlp,
        name,
        lexicon=lexicon,
        model=model,
        threshold=threshold,
        scare_max_words=scare_max_words,
        tail_max_tokens=tail_max_tokens,
        headline_max_source_words=headline_max_source_words,
        drop_nested=drop_nested,
        title_max_words=title_max_words,
        title_capitalised=title_capitalised,
        quoted_title_max_words=quoted_title_max_words,
        max_sentence_work=max_sentence_work,
    )


@Language.factory(
    "claimledger_hedges",
    default_config={"lexicon": "hedges", "adjacent_sentences": 1},
    requires=["doc._.claims"],
    assigns=["doc._.claims"],
)
def make_hedges(nlp: Language, name: str, lexicon: str, adjacent_sentences: int) -> HedgeFinder:
    return HedgeFinder(nlp, name, lexicon=lexicon, adjacent_sentences=adjacent_sentences)


@Language.factory(
    "claimledger_sources",
    default_config={"lexicon": "sources", "registry": None, "choice": "source_choice"},
    requires=["doc._.claims", "doc.ents", "token.dep"],
    assigns=["doc._.sources", "doc._.claims"],
)
def make_sources(
    nlp: Language, name: str, lexicon: str, registry: str | None, choice: str | None
) -> SourceResolver:
    return SourceResolver(nlp, name, lexicon=lexicon, registry=registry, choice=choice)
