"""Choosing series by event, place and claimant, as `claimledger series` filters them.

Why a step of its own: filters apply after grouping, so a filter never changes how figures
are grouped; the commands and any other reader get the same choice from the same words.
"""

from __future__ import annotations

from claimledger.ledger.places import name_words
from claimledger.ledger.series.keys import claimant_key, place_key, same_place


def _place_matches(want: str | None, words: set[str], location: str | None) -> bool:
    """The same canonical place, or one's name words within the other's ("Azovstal" finds
    "Azovstal steel plant"; "Donetsk" finds "Donetsk region")."""
    if not location:
        return False
    if same_place(want, place_key(location)):
        return True
    have = set(name_words(location))
    return bool(words and have) and (words <= have or have <= words)


def select_series(series: list, event: str | None, place: str | None, source: str | None) -> list:
    """Filter series by event, place (normalised, either contains the other) and claimant.

    Filters apply after grouping, so a filter never changes how figures are grouped.
    """
    out = []
    want_place = place_key(place) if place else None
    want_words = set(name_words(place)) if place else set()
    want_source = claimant_key(source) if source else None
    for s in series:
        if event and s.event != event.strip().lower():
            continue
        if place and not _place_matches(want_place, want_words, s.location):
            continue
        if want_source:
            names = [s.side, s.claimant.get("name"), s.claimant.get("affiliation"),
                     *s.claimant.get("aliases", [])]
            keys = {claimant_key(n) for n in names if n}
            if not any(want_source in k or k in want_source for k in keys if k):
                continue
        out.append(s)
    return out
