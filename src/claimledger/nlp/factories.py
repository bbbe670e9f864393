"""All claimledger pipeline factories, registered in one place (as spaCy 3.8 does).

Importing this module registers the factories; `Language.factory` refuses a second
registration of the same name with a different function, so the registration is guarded and
idempotent. Each factory says what it reads (`requires`) and writes (`assigns`), so
`nlp.analyze_pipes()` can answer "who sets doc._.claims?".
"""

from __future__ import annotations

from spacy.language import Language

from claimledger.nlp.attribution import AttributionFinder
from claimledger.nlp.events import EventTyper
from claimledger.nlp.extensions import register_extensions
from claimledger.nlp.figures import FigureFinder
from claimledger.nlp.hedges import HedgeFinder
from claimledger.nlp.sources import SourceResolver
from claimledger.nlp.timex import TimexTagger

register_extensions()

PIPELINE_STAGES: tuple[str, ...] = (
    "claimledger_timex",
    "claimledger_figures",
    "claimledger_events",
    "claimledger_attribution",
    "claimledger_hedges",
    "claimledger_sources",
)


def _register() -> None:
    if Language.has_factory("claimledger_timex"):
        return

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
        default_config={"lexicon": "figures"},
        requires=["doc._.times", "token.dep", "doc.ents"],
        assigns=["doc._.figures"],
    )
    def make_figures(nlp: Language, name: str, lexicon: str) -> FigureFinder:
        return FigureFinder(nlp, name, lexicon=lexicon)

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
        default_config={"lexicon": "attribution", "model": "attribution_cues", "threshold": None},
        requires=["doc._.times", "token.dep", "token.lemma", "doc.ents"],
        assigns=["doc._.claims"],
    )
    def make_attribution(
        nlp: Language, name: str, lexicon: str, model: str | None, threshold: float | None
    ) -> AttributionFinder:
        return AttributionFinder(nlp, name, lexicon=lexicon, model=model, threshold=threshold)

    @Language.factory(
        "claimledger_hedges",
        default_config={"lexicon": "hedges"},
        requires=["doc._.claims"],
        assigns=["doc._.claims"],
    )
    def make_hedges(nlp: Language, name: str, lexicon: str) -> HedgeFinder:
        return HedgeFinder(nlp, name, lexicon=lexicon)

    @Language.factory(
        "claimledger_sources",
        default_config={"lexicon": "sources", "registry": None},
        requires=["doc._.claims", "doc.ents", "token.dep"],
        assigns=["doc._.sources", "doc._.claims"],
    )
    def make_sources(
        nlp: Language, name: str, lexicon: str, registry: str | None
    ) -> SourceResolver:
        return SourceResolver(nlp, name, lexicon=lexicon, registry=registry)


_register()
