"""The sources stage: which claimant each claim's source mention names ("doc._.sources").

`resolver.SourceResolver` is the spaCy component. Its helpers, from the bottom up: `actors`
(the actor registry and name signatures), `context` (the stage's vocabulary and per-document
lookups), `mentions` (candidate mentions and their features), `coref` (merging mentions of
one claimant).
"""

from claimledger.nlp.sources.resolver import SourceResolver

__all__ = ["SourceResolver"]
