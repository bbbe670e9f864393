"""The attribution stage: who is said to have said what ("doc._.claims").

`finder.AttributionFinder` is the spaCy component. Its helpers, from the bottom up:
`frames` (the lexicon view, `Frame` and token-range helpers every finder shares),
`complements` (where a cue's content sits in the parse), `reported` (frames headed by a verb),
`according` (according-to, nominal, adverbial and speech-noun frames), `quotes` (quoted
stretches in raw text), `speakers` (who says a quote), `headlines` (headline lines read
without the parse), `cue_model` (which candidate verbs are cues), `rows` (frames to plain
rows), `claim_dates` (when a claim was made).
"""

from claimledger.nlp.attribution.finder import AttributionFinder

__all__ = ["AttributionFinder"]
