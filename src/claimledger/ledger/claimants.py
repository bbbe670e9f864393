"""Which source rows are one claimant: "Shoigu" and "Sergei Shoigu", "Russia's Defense
Ministry" and "Russian Defense Ministry".

The ledger stores one source row per document; a reader thinks of one claimant across
documents. Rows are grouped with the claimant keys the series use (`series.keys.claimant_key`:
possessives, articles and titles dropped, spellings and nationality adjectives mapped by the
`series.claimants` lexicon, the words taken as a bag), and joined further by what the ledger
itself says, never by a guess about a story:

- an *alias*: a proper-name mention of a source in its document whose words are a part or a
  fuller form of the source's name ("Konashenkov", "Lt. Gen. Igor Konashenkov" for "Igor
  Konashenkov"); a mention with other words ("Russian Defense Ministry spokesman") is an
  apposition or a coreference slip, not a name of the source, and joins nothing;
- a *surname*: a one-word name that is the last word of exactly one personal name (two to
  four capitalised words, none a function word) of a person or unknown-kind source;
- a *canonical actor* (`ledger.canon`): rows that speak for one registry actor, by its name
  or through a role ("the ministry's spokesperson, Gen. Igor Konashenkov"), are that actor,
  named by its canonical name; aliases are names only (never "he", "it", a clause);
- a *reviewer's decision* (`ledger.reviews`): a merge joins two claimants, a split makes a
  name a claimant of its own, whatever the rules above say.

Pure functions over plain rows, so the grouping is testable without a database.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from claimledger.ledger.canon import (
    canonical,
    claimant_key,
    clean_name,
    is_function_word,
    is_name,
    is_proper_name,
)

#: source kinds whose one-word name may be a surname (the oracle and old ledgers say unknown)
_PERSON_KINDS = ("person", "unknown")
#: how many words a personal name has, at most (given names, patronymic, surname)
_MAX_NAME_WORDS = 4


@dataclass
class Claimant:
    """One claimant: its source rows (ids in order) and every name it goes by."""

    key: str
    source_ids: list[str] = field(default_factory=list)
    names: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    #: the registry actor its rows speak for, when they speak for one
    actors: Counter[str] = field(default_factory=Counter)
    #: whether any of its rows names a claimant at all (not "confirmed data", "Its")
    speaks: bool = False

    @property
    def name(self) -> str:
        """Its registry actor's name, else the name the ledger gives it most often (a name
        before a pronoun or role noun); ties: the fuller, then alphabetical."""
        if self.actors:
            return min(self.actors, key=lambda n: (-self.actors[n], n))
        return min(self.names, key=lambda n: (not is_name(n), -self.names[n], -len(n), n))


def mention_texts(mentions: Any) -> list[str]:
    """The texts of a source's stored mentions (`mentions_json` or its parsed list)."""
    if isinstance(mentions, str):
        mentions = json.loads(mentions or "[]")
    out = []
    for m in mentions or ():
        text = m[0] if isinstance(m, list) else (m.get("text") if isinstance(m, dict) else m)
        if isinstance(text, str) and text.strip():
            out.append(text.strip())
    return out


def name_aliases(name: str, mentions: Iterable[str]) -> list[str]:
    """The mentions that are a form of `name` itself: proper, and one's words within the
    other's (see the module docstring); in first-seen order, without `name`."""
    own = set((claimant_key(name) or "").split())
    out: dict[str, None] = {}
    for text in mentions:
        if text == name or not is_proper_name(text) or not is_name(text):
            continue
        text = clean_name(text) or text
        words = set((claimant_key(text) or "").split())
        if words and own and (words <= own or own <= words):
            out.setdefault(text)
    return list(out)


def _surname(name: str) -> str | None:
    """The surname of a personal name ("Sergei Shoigu" -> "shoigu"), else None."""
    words = name.split()
    if not 2 <= len(words) <= _MAX_NAME_WORDS:
        return None
    if not all(w[:1].isupper() and not is_function_word(w) for w in words):
        return None
    return claimant_key(words[-1])


class _Union:
    """Union-find over claimant keys; the smallest key names a set (deterministic)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, k: str) -> str:
        root = k
        while (up := self.parent.setdefault(root, root)) != root:
            root = up
        while (up := self.parent[k]) != root:  # path compression
            self.parent[k] = root
            k = up
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def group_claimants(
    rows: Iterable[dict[str, Any]], reviews: Iterable[dict[str, Any]] = ()
) -> tuple[list[Claimant], dict[str, str]]:
    """Group source rows (`id`, `name`, `kind`, `affiliation`, `mentions` or
    `mentions_json`) into claimants, the reviewers' merges and splits (`reviews`, as
    `Store.reviews()` gives them) applied last.

    Returns the claimants (source ids in the order given) and {source id: claimant key}.
    Deterministic: the key of a claimant is the smallest claimant key among its names.
    """
    from claimledger.ledger.reviews import claimant_merges, claimant_splits

    reviews = list(reviews)
    split_keys = {claimant_key(n) for n in claimant_splits(reviews).values() if n}
    union = _Union()
    parsed: list[tuple[str, str, str, list[str], str | None, bool]] = []
    # a source's name, kind and mentions repeat across its documents: analysed once
    seen: dict[tuple, tuple[str, list[str], str | None, str | None, bool]] = {}
    persons: dict[str, set[str]] = {}  # surname key -> personal-name keys
    single: set[str] = set()  # one-word names
    for r in rows:
        name = r["name"]
        raw = r.get("mentions_json", r.get("mentions"))
        memo = (name, r.get("kind"), r.get("affiliation"),
                raw if isinstance(raw, str) else json.dumps(raw))
        known = seen.get(memo)
        if known is None:
            key = claimant_key(clean_name(name) or name) or name.casefold()
            texts = mention_texts(raw)
            actor = None
            speaks = True
            if key in split_keys:
                # a reviewer split this name out: its own claimant, joined to nothing
                key, aliases, surname = "split: " + key, [], None
            else:
                aliases = name_aliases(name, texts)
                union.find(key)
                for alias in aliases:
                    if alias_key := claimant_key(alias):
                        union.join(key, alias_key)
                canon = canonical(name, r.get("affiliation"), r.get("kind"), tuple(texts))
                actor, speaks = canon.actor, canon.name is not None
                if actor and (actor_key := claimant_key(actor)):
                    union.join(key, actor_key)
                surname = None
                if len(name.split()) == 1:
                    single.add(key)
                elif r.get("kind") in _PERSON_KINDS:
                    surname = _surname(name)
                if surname:
                    persons.setdefault(surname, set()).add(key)
            union.find(key)
            known = seen[memo] = (key, aliases, surname, actor, speaks)
        key, aliases, _, actor, speaks = known
        parsed.append((r["id"], name, key, aliases, actor, speaks))
    for surname, fuller in sorted(persons.items()):
        if surname in single and len({union.find(k) for k in fuller}) == 1:
            union.join(surname, next(iter(fuller)))
    key_of = {sid: key for sid, _, key, _, _, _ in parsed}
    for sid, into in claimant_merges(reviews):
        if sid in key_of and into in key_of:
            union.join(key_of[sid], key_of[into])

    groups: dict[str, Claimant] = {}
    group_of: dict[str, str] = {}
    for sid, name, key, aliases, actor, speaks in parsed:
        root = union.find(key)
        c = groups.get(root)
        if c is None:
            c = groups[root] = Claimant(root)
        c.source_ids.append(sid)
        c.names[name] += 1
        c.aliases.update(aliases)
        if actor:
            c.actors[actor] += 1
        c.speaks = c.speaks or speaks
        group_of[sid] = root
    return list(groups.values()), group_of
