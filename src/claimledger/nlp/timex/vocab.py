"""The timex lexicon compiled once into the lookup tables the scanner and resolver share.

Kept apart from `scan.py` so that the resolver, which needs the number words and shift
rules but not the class patterns, depends on the vocabulary alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TimexVocab:
    """The timex lexicon compiled into the lookup tables the scanner and resolver use."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    month_cues: frozenset[str]
    weekdays: dict[str, int]
    weekdays_plural: dict[str, int]
    numbers: dict[str, int]
    multipliers: dict[str, int]
    vague: frozenset[str]
    couple: frozenset[str]
    units: dict[str, tuple[str, int]]
    period_units: dict[str, str]
    ordinals: dict[str, int]
    relative_days: dict[str, tuple[int, str]]
    references: dict[str, str]
    ref_need_det: frozenset[str]
    ref_dets: frozenset[str]
    current_heads: frozenset[str]
    shifts: dict[str, int]
    vague_shifts: frozenset[str]
    anaphoric_shifts: frozenset[str]
    anaphoric_with_the: frozenset[str]
    ago_back: frozenset[str]
    ago_forward: frozenset[str]
    ago_need_pause: frozenset[str]
    edges: dict[str, str]
    parts_of_day: dict[str, str]
    clock_words: dict[str, str]
    meridiem: dict[str, int]
    seasons: dict[str, str]
    holidays: dict[tuple[str, ...], tuple[int, int]]
    holidays_by_first: dict[str, tuple[tuple[tuple[str, ...], tuple[int, int]], ...]]
    set_adverbs: dict[str, str]
    set_quantifiers: frozenset[str]
    duration_suffix: frozenset[str]
    age_words: frozenset[str]
    modifiers: dict[tuple[str, ...], str]
    approx_suffix: tuple[tuple[str, ...], ...]
    the: frozenset[str]
    indefinite: frozenset[str]
    of: frozenset[str]
    future_aux: frozenset[str]
    non_date_labels: frozenset[str]
    non_year_labels: frozenset[str]
    ref_need_head: frozenset[str]
    shift_need_following: frozenset[str]
    durative_shifts: frozenset[str]
    edge_need_of: frozenset[str]
    quantity_only_mods: frozenset[tuple[str, ...]]
    perfect_aux: frozenset[str]
    clock_links: frozenset[str]
    year_not_after: frozenset[str]
    hyphens: frozenset[str]
    apostrophes: frozenset[str]

    @classmethod
    def from_lexicon(cls, lex: dict[str, Any]) -> TimexVocab:
        """Compile the TOML tables once per pipeline (the lexicon itself is cached)."""
        low = {k.lower(): v for k, v in lex["months"].items()}
        holidays = {tuple(_split_holiday(k)): (v[0], v[1]) for k, v in lex["holidays"].items()}
        by_first: dict[str, list] = {}
        for words, when in holidays.items():
            by_first.setdefault(words[0], []).append((words, when))
        return cls(
            months=low,
            ambiguous_months=frozenset(lex["ambiguous"]["months"]),
            month_cues=frozenset(lex["ambiguous"]["month_cues"]),
            weekdays=dict(lex["weekdays"]),
            weekdays_plural=dict(lex["weekdays_plural"]),
            numbers=dict(lex["numbers"]),
            multipliers=dict(lex["multipliers"]),
            vague=frozenset(lex["vague_counts"]["words"]),
            couple=frozenset(lex["couple"]["words"]),
            units={k: (v[0], int(v[1])) for k, v in lex["units"].items()},
            period_units=dict(lex["period_units"]),
            ordinals=dict(lex["ordinals"]),
            relative_days={k: (int(v[0]), str(v[1])) for k, v in lex["relative_days"].items()},
            references=dict(lex["references"]),
            ref_need_det=frozenset(lex["reference_rules"]["need_determiner"]),
            ref_dets=frozenset(lex["reference_rules"]["determiners"]),
            current_heads=frozenset(lex["reference_rules"]["current_heads"]),
            shifts=dict(lex["shifts"]),
            vague_shifts=frozenset(lex["vague_shifts"]["words"]),
            anaphoric_shifts=frozenset(lex["anaphoric_shifts"]["words"]),
            anaphoric_with_the=frozenset(lex["anaphoric_shifts"]["with_the"]),
            ago_back=frozenset(lex["ago"]["back"]),
            ago_forward=frozenset(lex["ago"]["forward"]),
            ago_need_pause=frozenset(lex["ago"]["need_pause"]),
            edges=dict(lex["edges"]),
            parts_of_day=dict(lex["parts_of_day"]),
            clock_words=dict(lex["clock_words"]),
            meridiem=dict(lex["meridiem"]),
            seasons=dict(lex["seasons"]),
            holidays=holidays,
            holidays_by_first={k: tuple(v) for k, v in by_first.items()},
            set_adverbs=dict(lex["set_adverbs"]),
            set_quantifiers=frozenset(lex["set_quantifiers"]["words"]),
            duration_suffix=frozenset(lex["duration_suffix"]["words"]),
            age_words=frozenset(lex["age_words"]["words"]),
            modifiers={tuple(k.split()): v for k, v in lex["modifiers"].items()},
            approx_suffix=tuple(tuple(p.split()) for p in lex["approx_suffix"]["phrases"]),
            the=frozenset(lex["determiners"]["the"]),
            indefinite=frozenset(lex["determiners"]["indefinite"]),
            of=frozenset(lex["determiners"]["of"]),
            future_aux=frozenset(lex["future_aux"]["words"]),
            non_date_labels=frozenset(lex["non_date_entities"]["labels"]),
            non_year_labels=frozenset(lex["non_date_entities"]["year_labels"]),
            ref_need_head=frozenset(lex["reference_rules"]["need_head"]),
            shift_need_following=frozenset(lex["shift_rules"]["need_following"]),
            durative_shifts=frozenset(lex["shift_rules"]["durative"]),
            edge_need_of=frozenset(lex["edge_rules"]["need_of"]),
            quantity_only_mods=frozenset(
                tuple(w.split()) for w in lex["modifier_rules"]["quantity_only"]
            ),
            perfect_aux=frozenset(lex["perfect_aux"]["lemmas"]),
            clock_links=frozenset(lex["clock_links"]["words"]),
            year_not_after=frozenset(lex["year_rules"]["not_after"]),
            hyphens=frozenset(lex["punctuation"]["hyphens"]),
            apostrophes=frozenset(lex["punctuation"]["apostrophes"]),
        )


def _split_holiday(name: str) -> list[str]:
    """"new year's day" -> ["new", "year", "'s", "day"], as spaCy tokenises it."""
    out: list[str] = []
    for word in name.split():
        if word.endswith("'s"):
            out += [word[:-2], "'s"]
        else:
            out.append(word)
    return out
