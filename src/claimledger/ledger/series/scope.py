"""A figure's scope: the whole it counts, read from the words of its sentence.

A region's count and a town's are different quantities, and so are an incident's count and
the running total of the war it happened in ("104 killed" on the day, "30,000 killed since
October 7"), or a count and a part of it ("176 wounded, of whom 142 had gunshot wounds").
Their event, unit and place are the same, so without a scope they share one series and the
series reads as if the toll jumped from 104 to 30,000. Four scopes:

- None: the figure counts its incident (the default);
- `CAMPAIGN`: a war- or campaign-wide total ("since the start of the war", "the toll from the
  war"); a count "since <date>" is one too when that date lies before its incident began,
  which only the incidents know (`since_date` is returned for them to judge);
- `PART`: a part of another figure ("of whom 142", "the other 34", "another nine", "two
  more", "of the 176 ..., 142", "Twenty-three of the 53");
- `REMAINDER`: the rest of a whole once a part of it is counted ("the other 34", "the
  remaining 12"): a part too, but not the same part as the one it completes ("of whom 142
  had gunshot wounds; the other 34 ..."), so it keys its own series.

A scope phrase qualifies the figure of its sentence nearest to it, so "104 were killed on
the deadliest day, bringing the war's toll to 30,000" scopes 30,000 only. The vocabulary is
the `scope` lexicon; nothing here names a story. Pure functions over text and offsets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from claimledger.data import load_lexicon

CAMPAIGN = "campaign"
PART = "part"
REMAINDER = "remainder"


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class _Patterns:
    since_noun: re.Pattern[str]
    began: re.Pattern[str]
    within: re.Pattern[str]
    ranking: re.Pattern[str]
    any_noun: re.Pattern[str]
    since_date: re.Pattern[str]
    since_word: re.Pattern[str]
    part_before: re.Pattern[str]
    remainder_before: re.Pattern[str]
    added_before: re.Pattern[str]
    added_after: re.Pattern[str]
    added_place: re.Pattern[str]
    own_place: re.Pattern[str]
    not_places: frozenset[str]
    of_the: re.Pattern[str]
    part_of: re.Pattern[str]
    months: dict[str, int]


@cache
def _patterns() -> _Patterns:
    lex = load_lexicon("scope")
    camp, part = lex["campaign"], lex["part"]
    months = {k.rstrip("."): int(v) for k, v in load_lexicon("timex")["months"].items()}
    nouns, mods = _alt(camp["nouns"]), r"(?:[\w'’-]+\s+){0,3}?"
    month = _alt(months)
    return _Patterns(
        since_noun=re.compile(rf"\b(?:{_alt(camp['since'])})\s+{mods}(?:{nouns})\b", re.I),
        began=re.compile(rf"\bsince\s+{mods}(?:{nouns})\s+(?:has\s+|had\s+)?(?:{_alt(camp['began'])})\b",
                         re.I),
        within=re.compile(rf"\b(?:{_alt(camp['within'])})\s+(?:the|this)\s+{mods}"
                          rf"(?:{_alt(camp['within_nouns'])})\b", re.I),
        any_noun=re.compile(rf"\b(?:{nouns})\b", re.I),
        ranking=re.compile(rf"\b(?:{_alt(camp['ranking'])})\b[^,;]{{0,40}}$", re.I),
        since_date=re.compile(
            rf"\b(?:{_alt(camp['since_date'])})\s+(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{month})\.?"
            rf"|(?P<m2>{month})\.?\s+(?P<d2>\d{{1,2}})(?!\d))(?:,?\s+(?P<y>\d{{4}}))?", re.I),
        since_word=re.compile(rf"\b(?:{_alt(camp['since_date'])})\b", re.I),
        part_before=re.compile(rf"\b(?:{_alt(part['before'])})\s+(?:[\w-]+\s+)?$", re.I),
        remainder_before=re.compile(rf"\b(?:{_alt(part['remainder'])})\s+(?:[\w-]+\s+)?$", re.I),
        added_before=re.compile(rf"\b(?:{_alt(part['added_before'])})\s+(?:[\w-]+\s+)?$", re.I),
        added_after=re.compile(rf"^\s+(?:{_alt(part['added_after'])})\b", re.I),
        # the place an added count's clause names: capitalised words after the preposition
        added_place=re.compile(rf"^[^,;.]*?\b(?:{_alt(part['added_place'])})\s+(?:the\s+)?"
                               r"(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"),
        # "8 died in Kherson Oblast and [2 in Mykolaiv Oblast]": a bare count whose very next
        # words are a place preposition and a name states that place's count
        own_place=re.compile(rf"^\s+(?:{_alt(part['added_place'])})\s+(?:the\s+)?"
                             r"(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"),
        not_places=frozenset(
            [*months, *(k.rstrip(".").lower() for k in load_lexicon("timex")["weekdays"])]),
        of_the=re.compile(rf"\b(?:{_alt(part['of_the'])})\s+(?:[\w-]+\s+)?\d[\d,.]*\b[^.;:]{{0,100}},"
                          r"\s*(?:[\w-]+\s+){0,2}$", re.I),
        part_of=re.compile(rf"^\s+(?:{_alt(part['of_the'])})\s+(?:[\w-]+\s+)?\d", re.I),
        months=months,
    )


#: a sentence ends at . ! ? (before a capital or a quote) or a line break; not after a short
#: capitalised abbreviation ("Dr.", "Gen.", "U.N.")
_SENTENCE_END = re.compile(
    r"[.!?](?<![A-Z][a-z.][.!?])(?<![A-Z][.!?])[\"”’]?\s+(?=[\"“A-Z])|\n+")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a text: a light split, enough to bound a phrase."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.start() + 1))
        start = m.end()
    out.append((start, len(text)))
    return out


#: how far from a figure its sentence's ends are looked for (a longer sentence is cut there)
_REACH = 600


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the sentence holding [start, end), as `sentences` splits it.

    Why not `sentences` over the whole text: an article is long and its figures few; the
    ends are looked for near each figure only.
    """
    lo = max(0, start - _REACH)
    s = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        s = m.end()
    m = _SENTENCE_END.search(text, end, min(len(text), end + _REACH))
    return s, (m.start() + 1 if m else min(len(text), end + _REACH))


def _since_day(m: re.Match[str], months: dict[str, int], published: str | None) -> str | None:
    """The date a "since <day month>" names: its year, else the latest not after publication."""
    month = months.get((m["m1"] or m["m2"]).lower().rstrip("."))
    day = int(m["d1"] or m["d2"])
    try:
        pub = date.fromisoformat((published or "")[:10])
    except ValueError:
        pub = None
    year = int(m["y"]) if m["y"] else (pub.year if pub else None)
    if month is None or year is None:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not m["y"] and pub is not None and found > pub:
        found = date(year - 1, month, day)
    return found.isoformat()


#: how many characters either side of a figure its part markers are looked for in
_NEAR = 160


def _nearest(figures: Sequence[tuple[str, int, int]], a: int, b: int) -> str:
    """The figure of a sentence nearest the phrase [a, b); on a tie, the one before it."""
    return min(figures, key=lambda f: (max(a - f[2], f[1] - b, 0), f[1] > a, f[1], f[0]))[0]


@dataclass(frozen=True)
class Scope:
    """A figure's scope (None, `CAMPAIGN`, `PART`, `REMAINDER`), the date of a "since <date>" on it, and
    the place an added count's own words name ("two more in Mykolaiv Oblast")."""

    scope: str | None = None
    since: str | None = None
    place: str | None = None


def figure_scopes(text: str, spans: Sequence[tuple[str, int, int, str | None]],
                  published: str | None = None) -> dict[str, Scope]:
    """Figure id -> its `Scope`, for the figures (id, start, end, event) of one text.

    Figures with no scope words are left out of the answer. The event tells an added count
    ("another 12" after "38 died") from the total of another event ("40 died and another
    130 were injured").
    """
    if not text or not spans:
        return {}
    pat = _patterns()
    ordered = sorted(spans, key=lambda f: (f[1], f[2], f[0]))
    event_before: dict[str, str | None] = {}
    for prev, cur in zip(ordered, ordered[1:], strict=False):
        # the figure an added count adds to: the one before it, in its sentence or the last
        event_before[cur[0]] = prev[3] if cur[1] - prev[2] < 400 else None
    by_sentence: dict[tuple[int, int], list[tuple[str, int, int]]] = {}
    for fid, start, end, _ in spans:
        by_sentence.setdefault(sentence_of(text, start, end), []).append((fid, start, end))
    scope: dict[str, str] = {}
    since: dict[str, str] = {}
    place: dict[str, str] = {}
    event_of = {f[0]: f[3] for f in spans}
    for (s, e), figures in sorted(by_sentence.items()):
        sentence = text[s:e]

        # most sentences name no war and no "since": the cheap tests first
        campaign = (pat.since_noun, pat.began, pat.within) if pat.any_noun.search(sentence) else ()
        for rx in campaign:
            for m in rx.finditer(sentence):
                a, b = s + m.start(), s + m.end()
                if rx is pat.within and pat.ranking.search(text[max(s, a - 60):a]):
                    continue
                scope[_nearest(figures, a, b)] = CAMPAIGN
        for m in pat.since_date.finditer(sentence) if pat.since_word.search(sentence) else ():
            if (day := _since_day(m, pat.months, published)) is not None:
                since.setdefault(_nearest(figures, s + m.start(), s + m.end()), day)
        for fid, start, end in figures:
            if fid in scope:
                continue
            # the words just before and after the figure: a marker is never far from it
            before, after = text[max(s, start - _NEAR):start], text[end:min(e, end + _NEAR)]
            added = pat.added_before.search(before) or pat.added_after.match(after)
            if added and (named := pat.added_place.match(after)):
                # another place's count: that place's, not a part of the one before it
                place[fid] = named["place"]
                continue
            own = pat.own_place.match(after)
            if own and own["place"].split()[0].lower() not in pat.not_places:
                place[fid] = own["place"]
            if pat.remainder_before.search(before):
                scope[fid] = REMAINDER
            elif (pat.part_before.search(before) or pat.of_the.search(before)
                    or pat.part_of.match(after)
                    or (added and event_of[fid] and event_before.get(fid) == event_of[fid])):
                scope[fid] = PART
    return {fid: Scope(scope.get(fid), since.get(fid), place.get(fid))
            for fid in sorted(scope.keys() | since.keys() | place.keys())}
