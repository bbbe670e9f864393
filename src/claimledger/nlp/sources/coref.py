"""Merging the mentions of one claimant: a small deterministic sieve, most precise rule first.

Like the multi-pass sieve of Lee et al. (2013), each mention in document order is linked to
the nearest earlier mention that a rule accepts, trying rules from the most to the least
reliable: apposition and premodifier links; the same name (person names by surname, bodies
by signature or registry actor); acronyms; definite descriptions ("the ministry") by head
word; and last, pronouns by agreement with the nearest earlier subject or speaker.

The policy functions are plain methods so each can be tested alone; nothing here reads the
Doc beyond what `Mention` carries, except the heads' governors for the binding check.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from claimledger.nlp.sources.context import Vocabulary
from claimledger.nlp.sources.mentions import Mention

#: how many sentences back a pronoun looks for its antecedent
PRONOUN_WINDOW = 3

#: how many sentences back a pronoun looks at most, counting those inside quotes
QUOTED_PRONOUN_WINDOW = 8

#: how many mentions back a name or description looks for its antecedent: far more than
#: any article holds between two mentions of one claimant, and what keeps the search linear
#: in a document of thousands of mentions
ANTECEDENT_WINDOW = 1000

#: how many sentences after an indefinite title-only claimant ("an official said") a named
#: person with that title may still be the one meant
INTRODUCTION_WINDOW = 3

_BODY_KINDS = frozenset(
    {"government", "military", "intelligence", "media", "international_organization", "ngo",
     "organization", "group"}
)


def same_person_name(a: Sequence[str], b: Sequence[str]) -> bool:
    """"Shoigu" and "Sergei Shoigu" are one name: the shorter's words are in the longer, surname last.

    Words come folded by `mentions.name_form`, so "Zelenskiy" and "Zelenskyy" are one word.
    """
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return short[-1] == long_[-1] and set(short) <= set(long_)


def initials(words: Sequence[str], stopwords: frozenset[str]) -> str:
    """"Prosecutor General's Office" -> "PGO": the acronym a name would be abbreviated to."""
    return "".join(w[0].upper() for w in words if w and w[0].isalpha() and w.lower() not in stopwords)


class _Clusters:
    """Union-find over mentions, with the member lists the agreement checks need."""

    def __init__(self, n: int, mentions: Sequence[Mention] = ()) -> None:
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}
        self.mentions = mentions
        self._lists: dict[int, list[Mention]] = {}

    def mentions_of(self, root: int) -> list[Mention]:
        """The mentions of the cluster `root` (cached until the next union)."""
        got = self._lists.get(root)
        if got is None:
            got = self._lists[root] = [self.mentions[k] for k in self.members[root]]
        return got

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        keep, drop = (ra, rb) if ra < rb else (rb, ra)
        self.parent[drop] = keep
        moved, kept = self.members.pop(drop), self.members[keep]
        self._lists.pop(drop, None)
        if kept[-1] < moved[0]:
            # the usual case, a later mention joining: append, so that a claimant named in
            # every paragraph of a long document costs linear work, not a re-sort per mention
            kept.extend(moved)
            cached = self._lists.get(keep)
            if cached is not None:
                cached.extend(self.mentions[k] for k in moved)
        else:
            self.members[keep] = sorted(kept + moved)
            self._lists.pop(keep, None)


class Coreferer:
    """Links mentions of one claimant; returns a cluster id per mention (None: no referent)."""

    def __init__(self, vocab: Vocabulary, stopwords: frozenset[str]) -> None:
        self.v = vocab
        self.stopwords = stopwords

    def cluster(self, doc: Doc, mentions: Sequence[Mention]) -> list[int | None]:
        n = len(mentions)
        cl = _Clusters(n, mentions)
        by_head = {m.head: i for i, m in enumerate(mentions)}
        for i, m in enumerate(mentions):
            for h in sorted(m.links):
                if h in by_head:
                    cl.union(i, by_head[h])
        dropped: set[int] = set()
        rules: list[Callable[[Mention, Mention, list[Mention]], bool]] = [
            self.same_actor,
            self.same_name,
            self.title_then_name,
            self.acronym,
            self.definite_description,
            self.generic_description,
        ]
        for i, m in enumerate(mentions):
            if m.form == "pronoun":
                # "he" inside a quote is someone the speaker talks about, never a claimant here
                if m.expletive or m.pronoun in self.v.deictic or (m.quoted and not m.is_claim):
                    dropped.add(i)
                    continue
                j = self.pronoun_antecedent(doc, mentions, cl, i, dropped)
                if j is None:
                    dropped.add(i)
                else:
                    cl.union(i, j)
                continue
            applicable = [r for r in rules if self._applies(r, m)]
            j = self._nearest(mentions, cl, i, dropped, applicable) if applicable else None
            if j is not None:
                cl.union(i, j)
            else:
                if m.report and m.definite and m.is_claim:
                    j = self.report_author(mentions, i, dropped)
                    if j is not None:
                        cl.union(i, j)
        return [None if i in dropped else cl.find(i) for i in range(n)]

    def owners(self, doc: Doc, mentions: Sequence[Mention], cluster_of: Sequence[int | None]) -> dict[int, int]:
        """Mention index -> the mention its possessive points at ("its journalists" -> AFP).

        The possessive is resolved like the pronoun it agrees with, from the possessive's own
        position, never into the owning mention's cluster.
        """
        cl = _Clusters(len(mentions), mentions)
        for i, c in enumerate(cluster_of):
            if c is not None and c != i:
                cl.union(i, c)
        dropped = {i for i, c in enumerate(cluster_of) if c is None}
        found: dict[int, int] = {}
        for i, m in enumerate(mentions):
            if m.owner_pronoun is None or m.owner_head is None or i in dropped:
                continue
            probe = replace(m, pronoun=m.owner_pronoun, head=m.owner_head, form="pronoun", exclude=[])
            own = cl.find(i)
            j = self.pronoun_antecedent(doc, mentions, cl, i, dropped | set(cl.members[own]), probe)
            if j is not None:
                found[i] = j
        return found

    def _applies(self, rule: Callable[..., bool], m: Mention) -> bool:
        """Cheap test of whether `rule` can ever accept an antecedent for `m`."""
        if rule == self.same_actor:
            return m.actor is not None
        if rule == self.definite_description:
            return (m.form == "nominal" or m.title_only) and m.definite and not m.report
        if rule == self.generic_description:
            return m.form == "nominal" and m.definite and not m.report
        if rule == self.acronym:
            return not m.person
        return True

    def _nearest(self, mentions: Sequence[Mention], cl: _Clusters, i: int, dropped: set[int],
                 rules: Sequence[Callable[[Mention, Mention, list[Mention]], bool]]) -> int | None:
        """The antecedent the most reliable rule finds; among its candidates, the nearest.

        One backward pass over at most ANTECEDENT_WINDOW mentions: each rule keeps its
        nearest hit; the pass stops once the first (most reliable) rule has one.
        """
        m = mentions[i]
        root = cl.find(i)
        best: list[int | None] = [None] * len(rules)
        for j in range(i - 1, max(i - 1 - ANTECEDENT_WINDOW, -1), -1):
            if j in dropped or mentions[j].form == "pronoun":
                continue
            rj = cl.find(j)
            if rj == root:
                continue
            cluster = cl.mentions_of(rj)
            for t, rule in enumerate(rules):
                if best[t] is None and rule(m, mentions[j], cluster):
                    best[t] = j
            if best[0] is not None:
                break
        return next((j for j in best if j is not None), None)

    # -- rules: (mention, candidate antecedent, the candidate's cluster) -> same claimant? --
    @staticmethod
    def _aff_ok(a: str | None, b: str | None) -> bool:
        return a is None or b is None or a == b

    def same_actor(self, m: Mention, c: Mention, cluster: list[Mention]) -> bool:
        """Both name the same registry actor (any of its aliases)."""
        return m.actor is not None and m.actor == c.actor

    def same_name(self, m: Mention, c: Mention, cluster: list[Mention]) -> bool:
        """Person names by surname; bodies by signature with compatible affiliation."""
        if m.person or c.person:
            # an entity tagger's ORG "Zelenskiy" beside the PERSON "Volodymyr Zelenskiy"
            ok_m = m.person or (m.weak_kind and 1 <= len(m.name_key) <= 3)
            ok_c = c.person or (c.weak_kind and 1 <= len(c.name_key) <= 3)
            return (m.form == "name" and c.form == "name" and ok_m and ok_c
                    and same_person_name(m.name_key, c.name_key))
        if m.joint or c.joint:
            return m.joint and c.joint and m.sig == c.sig
        if m.form != "name" and not (m.sig[1] and (len(m.sig[1]) >= 2 or m.plural)):
            return False  # a bare "the ministry" is a description, handled below
        if m.form != "name" and m.plural != c.plural:
            return False
        (ma, mw), (ca, cw) = m.sig, c.sig
        if not mw and not cw:  # a country named alone: "Kiev" and "Ukraine"
            return ma is not None and ma == ca and m.label == c.label
        return bool(mw) and mw == cw and self._aff_ok(ma, ca)

    def title_then_name(self, m: Mention, c: Mention, cluster: list[Mention]) -> bool:
        """"The Foreign Secretary said …" (or, a few sentences before, "an official said")
        then "Foreign Secretary Boris Johnson": one person.

        A named person joins an earlier definite title-only mention whose words all appear
        in one of the name's titles (and that no other name has claimed).
        """
        # "…, an official said Wednesday." then "“…,” said Andrei Alekseyenko, a senior
        # official with …": a wire lede names its unnamed speaker in the next sentences
        introduced = c.definite or (c.is_claim and 0 < m.sent - c.sent <= INTRODUCTION_WINDOW)
        if not (m.person and m.label == "PERSON" and c.title_only and introduced):
            return False
        if any(x.label == "PERSON" for x in cluster) or not c.title:
            return False
        wanted = self.v.title_words(c.title)
        return any(wanted <= self.v.title_words(t) for t in (m.title, *m.other_titles) if t)

    def acronym(self, m: Mention, c: Mention, cluster: list[Mention]) -> bool:
        """"PGO" after "the Prosecutor General's Office"."""
        if m.person or c.person:
            return False
        for short, long_ in ((m, c), (c, m)):
            text = short.display
            if 2 <= len(text) <= 6 and text.isupper() and text.isalpha():
                words = long_.display.split()
                if len(words) >= 2 and initials(words, self.stopwords) == text:
                    return True
        return False

    def definite_description(self, m: Mention, c: Mention, cluster: list[Mention]) -> bool:
        """"the ministry", "The Russian ministry", "the minister", "the organization"."""
        if not m.definite or m.report or c.report:
            return False
        if m.title_only:
            if not c.person or c.plural:
                return False
            titles = [self.v.title_words(t) for x in cluster for t in (x.title, *x.other_titles) if t]
            return any(m.head_lemma in t for t in titles) and \
                self._aff_ok(m.affiliation, self._cluster_aff(cluster))
        if m.form != "nominal" or m.person or c.person:
            return False
        if not self._aff_ok(m.affiliation, self._cluster_aff(cluster)):
            return False
        return (m.head_word in c.sig[1] or m.head_lemma in c.sig[1]) and m.sig[1] <= c.sig[1]

    def generic_description(self, m: Mention, c: Mention, cluster: list[Mention]) -> bool:
        """"the organization" / "the department": the nearest earlier named body of a fitting kind."""
        if m.form != "nominal" or not m.definite or m.person or m.report or m.plural or len(m.sig[1]) > 1:
            return False
        if c.weak_kind:
            return False
        kinds = self.v.generic_heads.get(m.head_lemma)
        return (kinds is not None and c.form == "name" and not c.person and not c.plural
                and c.kind in kinds and self._aff_ok(m.affiliation, self._cluster_aff(cluster)))

    @staticmethod
    def report_author(mentions: Sequence[Mention], i: int, dropped: set[int]) -> int | None:
        """"the statement said": the nearest earlier named speaker that is a body, if close."""
        m = mentions[i]
        told: set[int] = set()  # sentences passed that the narrator tells (not only quotes)
        for j in range(i - 1, -1, -1):
            c = mentions[j]
            if not c.quoted:
                told.add(c.sent)
            # a quote's own sentences ("“… Our UAVs were there.” / “…,” he said") do not
            # put the speaker out of reach; the narrator's sentences do
            if c.sent < m.sent - QUOTED_PRONOUN_WINDOW or len(told - {m.sent, c.sent}) >= PRONOUN_WINDOW:
                break
            if j in dropped or not c.is_claim or c.form == "pronoun" or c.report or c.person \
                    or c.kind == "unknown":
                continue
            return j
        return None

    @staticmethod
    def _cluster_aff(cluster: list[Mention]) -> str | None:
        return next((x.affiliation for x in cluster if x.affiliation), None)

    # -- pronouns --------------------------------------------------------------------------
    def agrees(self, m: Mention, cluster: list[Mention]) -> bool:
        """Gender and number agreement of a pronoun with a cluster, where they are known."""
        cls = self.v.pronoun_class.get(m.pronoun or "")
        person = any(x.person for x in cluster)
        plural = any(x.plural for x in cluster if x.form != "pronoun")
        gender = next((x.gender for x in cluster if x.gender), None)
        if cls in ("male", "female"):
            return person and not plural and gender in (None, cls)
        if person:
            return False
        kind = next((x.kind for x in cluster if x.kind in _BODY_KINDS), None)
        if cls == "plural":
            return plural or kind is not None
        if cls == "neuter":
            return not plural and kind is not None
        return False

    def pronoun_antecedent(self, doc: Doc, mentions: Sequence[Mention], cl: _Clusters, i: int,
                           dropped: set[int], probe: Mention | None = None) -> int | None:
        """The first agreeing subject or speaker of the nearest sentence that has one (within a
        few sentences), else the nearest agreeing mention of this or the previous sentence.

        `probe` stands in for mention `i` when a possessive inside it is resolved.
        """
        m = probe or mentions[i]
        governor = doc[m.head].head.i
        fallback: int | None = None
        best: int | None = None  # any subject or speaker: fixes the sentence searched
        best_subject: int | None = None
        best_claim: int | None = None
        told: set[int] = set()  # sentences passed that the narrator tells (not only quotes)
        for j in range(i - 1, -1, -1):
            c = mentions[j]
            if not c.quoted:
                told.add(c.sent)
            # a quote's own sentences ("“… Our UAVs were there.” / “…,” he said") do not
            # put the speaker out of reach; the narrator's sentences do
            if c.sent < m.sent - QUOTED_PRONOUN_WINDOW or len(told - {m.sent, c.sent}) >= PRONOUN_WINDOW:
                break
            if j in dropped or c.form == "pronoun" and not c.is_claim and c.subject is False:
                continue
            if c.form == "pronoun" and j in dropped:
                continue
            if doc[c.head].head.i == governor and c.sent == m.sent:
                continue  # "Shoigu told him": not the same person
            if any(a <= c.start < b for a, b in m.exclude):
                continue  # inside what the pronoun's own claim reports
            if c.quoted and not m.quoted:
                continue  # "People have been hurt," inside a quote, is not who "they" are outside it
            cluster = cl.mentions_of(cl.find(j))
            if best is not None and c.sent < mentions[best].sent:
                break
            if not self.agrees(m, cluster):
                continue
            if c.subject:
                best = best_subject = j  # keep going left: the sentence's first subject is its centre
            elif c.is_claim:
                best = j if best_subject is None else best
                best_claim = j if best_claim is None else best_claim
            elif fallback is None and c.sent >= m.sent - 1:
                fallback = j
        if best_subject is not None:
            return best_subject
        if best_claim is not None:  # "according to X" in that sentence: a speaker, not a subject
            return best_claim
        return fallback
