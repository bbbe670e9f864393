"""Canonical claimants: who a source row speaks for, across the whole ledger.

The extractor names a source as one article words it: "Russian Defense Ministry spokesman
Lt. Gen. Igor Konashenkov", "Moscow-appointed regional governor Vladimir Saldo", "Gaza's
health ministry", sometimes with a dateline glued on ("MOSCOW: Russia's defence ministry")
or a pronoun among its mentions ("he", "it"). A claimant is a canonical actor (an
institution, or a person where no institution speaks) with a side (the party it speaks for):

- *names are names*: a dateline is cut, a leading article or possessive pronoun dropped;
  pronouns, bare role nouns ("Ministry", "official"), clauses and over-long phrases are never
  a name or an alias (`clean_name`, `is_name`, `clean_aliases`);
- *registry actors*: a name that is a wording of an actor of the registry (`data/actors.toml`)
  is that actor, with the actor's affiliation as its side;
- *roles link people to institutions*: a person named with a role of an institution the
  registry knows ("spokesman", "head", "governor" of it), or affiliated to one, speaks for
  that institution;
  "<Russian|Moscow|Kremlin>-installed/appointed" and "<Russian> occupation" officials speak
  for the administration that state installed, whose side is that state;
- a source of unknown kind whose name is not a name ("confirmed data", "Deaths") is no
  claimant: its figures are the outlet's own;
- a source of a kind that speaks for itself (media: "the Kremlin media", TASS) is its own
  side, whatever state its affiliation names: it reports a figure, it is not the state's
  statement of it.

The vocabulary is the `claimants` lexicon; nothing here names a story. Pure functions over
strings, cached, so the series and the web UI canonicalise a large ledger cheaply.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from claimledger.actors import Actor, load_actors
from claimledger.data import load_lexicon

#: a word of a name, dots and hyphens kept ("Lt.", "Russian-installed")
WORD = re.compile(r"[\w.\-]+")

#: a dateline before a name: "MOSCOW: ", "KYIV, Ukraine (AP) — ", "KYIV, June 8 (Reuters) - "
DATELINE = re.compile(
    r"^\s*[A-Z][A-Z'.\-]{2,}(?:\s+[A-Z][A-Z'.\-]+)*"  # the place, in capitals
    r"(?:,[^:\n\u2013\u2014]{0,40}?)?"  # ", Ukraine", ", June 8"
    r"(?:\s*\([^)\n]{1,40}\))?"  # "(Reuters)"
    r"\s*(?::|\s[\u2013\u2014-])\s+"
)


def fold(text: str) -> str:
    """NFKC, case-folded, typographic apostrophes made plain."""
    return unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'").replace("`", "'")


# -- claimant keys (the series group on these) ----------------------------------------------


@cache
def _claimant_maps() -> tuple[frozenset[str], dict[str, str]]:
    lex = load_lexicon("series")["claimants"]
    drop = frozenset(fold(w) for w in lex["function_words"])
    canon: dict[str, str] = {}
    for group in lex["spelling"] + lex["demonyms"]:
        for word in group:
            canon[fold(word)] = fold(group[0])
    return drop, canon


@lru_cache(maxsize=65536)
def claimant_key(name: str | None) -> str | None:
    """A claimant name normalised for grouping.

    "Russia's defence ministry", "The Russian Defense Ministry" and "Ministry of Defence of
    Russia" all become "defense ministry russia": possessives, articles and titles dropped,
    spelling and nationality adjectives mapped to one form (lexicon `series.claimants`), the
    words sorted, as word order does not change who speaks.
    """
    if not name or not name.strip():
        return None
    drop, canon = _claimant_maps()
    text = fold(name).replace("'s ", " ").replace("'s", "")
    if text.endswith("'"):
        text = text[:-1]
    words = [canon.get(w, w) for w in (w.strip(".-'") for w in WORD.findall(text))]
    kept = sorted({w for w in words if w and w not in drop})
    # a bag of words: "Ministry of Defense of Russia" ~ "Russia's Defence Ministry"
    return " ".join(kept) or fold(name).strip()


@cache
def country_words() -> frozenset[str]:
    """The canonical words of countries in claimant keys ("russia", "ukraine")."""
    lex = load_lexicon("series")["claimants"]
    return frozenset(fold(group[0]) for group in lex["demonyms"])


def is_function_word(word: str) -> bool:
    """An article, preposition or title word of the claimant lexicon ("The", "of", "officials")."""
    drop, _ = _claimant_maps()
    return fold(word).strip(".,'") in drop


@lru_cache(maxsize=65536)
def is_proper_name(name: str | None) -> bool:
    """A name with a capitalised word that is not a function word ("the ministry" no;
    "Kyrylenko", "Russia's defence ministry" yes): it names one source, not a kind of one."""
    if not name:
        return False
    return any(w[:1].isupper() and not is_function_word(w) for w in name.split())


# -- names ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Vocab:
    pronouns: frozenset[str]
    leading: frozenset[str]
    clause: frozenset[str]
    roles: frozenset[str]
    max_words: int
    link: tuple[tuple[str, ...], ...]
    titles: frozenset[str]
    installed: frozenset[str]
    occupation: frozenset[str]
    own_side: frozenset[str]
    place_kinds: frozenset[str]


@cache
def _vocab() -> _Vocab:
    lex = load_lexicon("claimants")
    names, roles, installed = lex["names"], lex["roles"], lex["installed"]

    def words(group: Iterable[str]) -> frozenset[str]:
        return frozenset(fold(w) for w in group)

    return _Vocab(
        pronouns=words(names["pronouns"]), leading=words(names["leading"]),
        clause=words(names["clause_words"]), roles=words(names["role_nouns"]),
        max_words=int(names["max_words"][0]),
        link=tuple(sorted({tuple(fold(r).split()) for r in roles["link"]}, key=lambda r: -len(r))),
        titles=words(roles["titles"]), installed=words(installed["markers"]),
        occupation=words(installed["occupation"]), own_side=words(lex["sides"]["own_side_kinds"]),
        place_kinds=words(names["place_kinds"]),
    )


def _plain(word: str) -> str:
    """A word folded, without possessive or surrounding punctuation: "Russia's" -> "russia"."""
    w = fold(word).strip(".,;:\"'()[]")
    if w.endswith("'s"):
        w = w[:-2]
    return w.rstrip("'")


@lru_cache(maxsize=65536)
def clean_name(text: str | None) -> str | None:
    """A source name without its dateline and leading article, or None when it is not a
    name at all: a pronoun, a clause, an over-long phrase, no letters."""
    if not text:
        return None
    v = _vocab()
    text = text.replace("\u2019", "'").replace("\u02bc", "'").strip()
    text = DATELINE.sub("", text, count=1).strip(" \t\n\"'“”‘’,;:-–—")
    words = text.split()
    while words and fold(words[0]) in v.leading and len(words) > 1:
        words = words[1:]
    if not words or not any(c.isalpha() for c in text):
        return None
    if len(words) > v.max_words:
        return None
    plain = [_plain(w) for w in words]
    if len(words) == 1 and plain[0] in v.pronouns:
        return None
    if any(w in v.clause for w in plain):
        return None
    return " ".join(words)


def is_bare_role(text: str) -> bool:
    """Only role nouns, titles and function words: "Ministry", "official", "acting governor"."""
    v = _vocab()
    words = [_plain(w) for w in text.split()]
    return all(not w or w in v.roles or w in v.titles or w in v.leading or is_function_word(w)
               for w in words)


@lru_cache(maxsize=65536)
def is_name(text: str | None) -> bool:
    """A name of one claimant: clean, proper, not a bare role ("Konashenkov", "Russia's
    defence ministry" yes; "He", "it", "whose department", "the ministry", "Ministry" no)."""
    cleaned = clean_name(text)
    return bool(cleaned) and is_proper_name(cleaned) and not is_bare_role(cleaned)


def _has_role(text: str) -> bool:
    v = _vocab()
    folded = [_plain(w) for w in text.split()]
    return any(tuple(folded[i : i + len(r)]) == r for i in range(len(folded)) for r in v.link)


def clean_aliases(names: Iterable[str | None]) -> tuple[str, ...]:
    """The names among a source's name and mentions, cleaned, first seen first; a mention
    with a role or an apposition ("Kremlin spokesman Dmitry Peskov", "Fares Afana, the head
    of ...") describes its source rather than naming it, so only the first given is kept."""
    out: dict[str, None] = {}
    for i, n in enumerate(names):
        if not n or not is_name(n):
            continue
        cleaned = clean_name(n)
        if i and ("," in cleaned or _has_role(cleaned)):  # type: ignore[operator]
            continue
        out.setdefault(cleaned)  # type: ignore[arg-type]
    return tuple(out)


@cache
def _institution_heads() -> frozenset[str]:
    """Head nouns of institutions ("ministry", "army", "police"), from the sources lexicon."""
    heads = load_lexicon("sources")["org_heads"]
    return frozenset(w.casefold() for words in heads.values() for w in words)


def _known_word(text: str) -> bool:
    """A name of unknown kind that is still a name: every word capitalised (or a function
    word), and one word only when the demonyms know it ("Kyiv", not "Deaths", "RAFAH"); or
    a capitalised phrase headed by an institution noun ("Drevnia's health ministry")."""
    words = text.split()
    if (len(words) > 1 and words[0][:1].isupper()
            and _plain(words[-1]).casefold() in _institution_heads()):
        return True
    if not words or not all(w[:1].isupper() or is_function_word(w) or not w[:1].isalpha()
                            for w in words):
        return False
    if len(words) > 1:
        return True
    _, canon = _claimant_maps()
    return _plain(words[0]) in canon


# -- the registry ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Index:
    by_key: dict[str, Actor]
    installed: dict[str, Actor]
    longest: int


def _index_of(actors: Sequence[Actor]) -> _Index:
    by_key: dict[str, Actor] = {}
    clash: set[str] = set()
    installed: dict[str, Actor] = {}
    longest = 1
    for actor in actors:
        for alias in (actor.name, *actor.aliases):
            key = claimant_key(alias)
            if not key:
                continue
            longest = max(longest, len(alias.split()))
            if by_key.setdefault(key, actor) is not actor and by_key[key].name != actor.name:
                clash.add(key)
        if actor.installed_by and (k := claimant_key(actor.installed_by)):
            installed.setdefault(k, actor)
    for key in clash:
        del by_key[key]
    return _Index(by_key, installed, longest)


@cache
def _index() -> _Index:
    return _index_of(load_actors())


def reset_registry() -> None:
    """Forget the cached registry and every cached canonical form (a test, or a new
    CLAIMLEDGER_ACTORS)."""
    _index.cache_clear()
    canonical.cache_clear()


def actor_named(text: str | None) -> Actor | None:
    """The registry actor a whole name is a wording of, or None."""
    key = claimant_key(clean_name(text) or "")
    return _index().by_key.get(key) if key else None


def _actor_within(words: Sequence[str]) -> Actor | None:
    """The registry actor named by the longest run of words in a phrase (first on a tie)."""
    index = _index()
    for size in range(min(len(words), index.longest + 2), 0, -1):
        for i in range(len(words) - size + 1):
            run = " ".join(words[i : i + size])
            key = claimant_key(run)
            if key and (actor := index.by_key.get(key)) is not None:
                return actor
    return None


def installed_actor(text: str | None) -> Actor | None:
    """The installed administration a wording names: "Russian-installed official",
    "Moscow-appointed governor", "Russian occupation authorities" -> the administration
    Russia installed (registry `installed_by`)."""
    if not text:
        return None
    v = _vocab()
    index = _index()
    words = [w for w in WORD.findall(fold(text).replace("'s ", " "))]
    for i, w in enumerate(words):
        state = None
        if "-" in w:
            head, _, tail = w.rpartition("-")
            if tail in v.installed:
                state = claimant_key(head)
        elif w in v.occupation and i > 0:
            state = claimant_key(words[i - 1])
        if state and (actor := index.installed.get(state)) is not None:
            return actor
    return None


def _linked_actor(person: str, mention: str) -> Actor | None:
    """The institution a mention gives a person a role in: the words left when the person's
    own name, role and title words are taken out ("Russian Defense Ministry spokesman Lt.
    Gen. Igor Konashenkov" -> "Russian Defense Ministry")."""
    v = _vocab()
    folded = [_plain(w) for w in mention.split()]
    roles_at = [i for i in range(len(folded))
                for role in v.link if tuple(folded[i : i + len(role)]) == role]
    if not roles_at:
        return None
    own = {_plain(w) for w in person.split()} if person != mention else set()
    kept = [w for w, f in zip(mention.split(), folded, strict=True)
            if f and f not in own and f not in v.titles
            and not any(f == r[0] or f in r for r in v.link)]
    return _actor_within(kept) if kept else None


def _of_place(name: str, affiliation: str | None) -> Actor | None:
    """The registry institution of the place an affiliation names, for a name that names
    its place by kind ("territory's health ministry" of Gaza -> "Gaza health ministry")."""
    words = name.split()
    if not affiliation or len(words) < 2 or not words[0].endswith(("'s", "’s")):
        return None
    if _plain(words[0]) not in _vocab().place_kinds:
        return None
    place = clean_name(affiliation)
    return actor_named(f"{place} {' '.join(words[1:])}") if place else None


@dataclass(frozen=True)
class Canon:
    """A source row as a claimant: its canonical name (None: not a claimant, the outlet
    speaks), its side (a name, None when it is the claimant itself), its clean aliases."""

    name: str | None
    side: str | None
    aliases: tuple[str, ...]
    actor: str | None = None


def _side_of_actor(actor: Actor) -> str:
    if actor.kind in _vocab().own_side:
        return actor.name
    return actor.affiliation or actor.installed_by or actor.name


@lru_cache(maxsize=65536)
def canonical(name: str | None, affiliation: str | None = None, kind: str | None = None,
              mentions: tuple[str, ...] = ()) -> Canon:
    """The claimant a source row (name, affiliation, kind, mention texts) speaks for."""
    aliases = clean_aliases((name, *mentions))
    cleaned = clean_name(name)
    if cleaned is None:
        # a pronoun or clause as the name: its mentions may still name it
        cleaned = aliases[0] if aliases else None
    if cleaned is None:
        return Canon(None, None, ())
    actor = actor_named(cleaned) or installed_actor(cleaned) or _of_place(cleaned, affiliation)
    if actor is None and kind in (None, "person", "unknown"):
        for mention in (cleaned, *mentions):
            m = clean_name(mention)
            if m and (actor := installed_actor(m) or _linked_actor(cleaned, m)):
                break
        if actor is None and affiliation:
            # a person affiliated to an institution the registry knows speaks for it
            # ("Farhan Haq" of the United Nations); a country alone is a side, no actor
            actor = actor_named(affiliation) or installed_actor(affiliation)
    if actor is not None:
        names = tuple(dict.fromkeys((*aliases, actor.name)))
        return Canon(actor.name, _side_of_actor(actor), names, actor.name)
    side = None
    if kind in _vocab().own_side:
        # a media source speaks for itself, not for the state it belongs to
        affiliation = None
    if affiliation and (a := clean_name(affiliation)):
        by_affiliation = actor_named(a) or installed_actor(a)
        side = _side_of_actor(by_affiliation) if by_affiliation else a
    if is_bare_role(cleaned):
        # "official", "Ministry": a role, no name; it speaks for its side if it has one; a
        # description of a group ("local officials", "acting governor") stays one claimant
        # of its own, never an alias of another
        if side:
            return Canon(side, side, ())
        if len(cleaned.split()) == 1 and not _plain(cleaned).endswith("s"):
            return Canon(None, None, ())
        return Canon(cleaned, None, ())
    if kind in (None, "unknown") and not side and not _known_word(cleaned):
        return Canon(None, None, ())
    return Canon(cleaned, side, aliases)
