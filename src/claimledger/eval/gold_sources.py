"""Does an extracted claim name the claimant the gold annotation names?

Gold annotations list a claimant's aliases ("Sergei Shoigu", "Shoigu", "Russian Defence
Minister"); the extractor gives one resolved source with a name, a title, mentions and an
affiliation. A match on any of these is a match, after folding the differences that do not
change who is meant: case, curly apostrophes, a leading "the", British "Defence".

Kept fair on purpose: a pronoun mention ("he") never matches on its own, since any speaker
has one; and an affiliation ("Russia") counts only when the gold list itself names it, so the
Russian Defence Ministry matches a claim the gold gives to "Russia" but not one it gives to
Shoigu alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from claimledger.model import Claim, Extraction, Figure

_SPACES = re.compile(r"\s+")
_EDGE = " \t\n\"'“”‘’«»()[],.;:–—-"


def normalise_alias(text: str) -> str:
    """Fold a claimant's name for comparison: case, apostrophes, "the", Defence/Defense."""
    t = text.replace("’", "'").replace("‘", "'").replace("ʼ", "'").casefold()
    t = _SPACES.sub(" ", t).strip(_EDGE)
    if t.startswith("the "):
        t = t[4:]
    t = re.sub(r"\bdefence\b", "defense", t)
    return t.strip(_EDGE)


# Frozen (issue 9): the scorer's own copy of the pronouns that never name a claimant on their
# own, as the sources lexicon listed them (male, female, plural, neuter, deictic, possessive)
# when the scorer stopped reading it: a lexicon edit must not move the gold score.
PRONOUNS = frozenset(
    "he him himself she her herself they them themselves it itself "
    "i we me us you one this that these those which who whom what its their his".split()
)


def _claim_of(extraction: Extraction, item: Claim | Figure | None) -> Claim | None:
    if item is None or isinstance(item, Claim):
        return item
    return next((c for c in extraction.claims if c.id == item.claim_id), None)


def candidate_names(extraction: Extraction, claim: Claim) -> tuple[set[str], str | None]:
    """Normalised names the claim's source goes by (no pronouns), and its affiliation."""
    pronouns = PRONOUNS
    names: set[str] = set()
    affiliation: str | None = None

    def add(text: str | None) -> None:
        if text:
            n = normalise_alias(text)
            if n and n not in pronouns:
                names.add(n)

    if claim.source_mention is not None:
        add(claim.source_mention.text)
    source = next((s for s in extraction.sources if s.id == claim.source_id), None)
    if source is not None:
        add(source.name)
        add(source.title)
        for m in source.mentions:
            add(m.text)
        affiliation = normalise_alias(source.affiliation) if source.affiliation else None
    return names, affiliation


def source_matches(
    extraction: Extraction, claim_or_figure: Claim | Figure | None, gold_aliases: Sequence[str] | None
) -> bool:
    """True when the claim (or the figure's claim) is attributed to the gold claimant.

    `gold_aliases` None or empty means the gold says the outlet itself states it: then the
    claim must have no source.
    """
    claim = _claim_of(extraction, claim_or_figure)
    if not gold_aliases:
        return claim is None or claim.source_id is None
    if claim is None:
        return False
    gold = {normalise_alias(a) for a in _nonempty(gold_aliases)}
    names, affiliation = candidate_names(extraction, claim)
    if names & gold:
        return True
    return affiliation is not None and affiliation in gold


def _nonempty(items: Iterable[str]) -> Iterable[str]:
    return (a for a in items if a and a.strip())
