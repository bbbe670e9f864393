"""Claimant entities: every mention of one speaker merged, with kind, title and affiliation.

Attribution leaves each claim with a `source_mention` span ("he", "Shoigu", "Russia’s
Defense Ministry", "a statement by the country’s military"). This stage finds who that is:
it gathers the claimants' possible mentions (claim spans, PERSON/ORG entities, nouns headed by
a source-kind word, subject pronouns), merges them with the sieve in `coref.py`, and writes
one `doc._.sources` row per claimant, ordered by first mention. Each claim's `source` becomes
an index into that list.

Choices worth knowing:
- a pronoun with no agreeing antecedent (or an expletive "it", or "I"/"we") is resolved to
  nothing: the claim keeps its `source_mention` but gets `source = None`, so no claimant
  called "he" is ever invented, and the ledger never merges two unknown speakers;
- only claimants are written: entities that never speak are not sources, though their
  mentions that merge with a claimant ("the ministry", "he appears") are recorded;
- before any of this, `choice.SourceChooser` may replace a claim's `source_mention` with
  another candidate mention, where its learned model is confident the rules chose wrong
  (config `choice`: packaged weights, or None for the rules alone). With `explain` set
  (`claimledger extract --explain`), each decision is kept in
  `doc.user_data[EXPLAIN_KEY]`; the output never holds it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc

from claimledger.data import load_lexicon
from claimledger.nlp.sources.actors import NameKeys, Registry, load_actors
from claimledger.nlp.sources.choice import SourceChooser, load_choice_model
from claimledger.nlp.sources.context import DocContext, Vocabulary, strip_det
from claimledger.nlp.sources.coref import Coreferer
from claimledger.nlp.sources.mentions import Mention, MentionFinder

_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
_SKIP_ENT_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
#: where the source choices of a document are kept when `SourceResolver.explain` is set
EXPLAIN_KEY = "claimledger_source_choice"


class SourceResolver(Pipe):
    """Claimant entities: mentions merged, kind, title and affiliation."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        lexicon: str,
        registry: str | None = None,
        choice: str | None = "source_choice",
    ) -> None:
        """Config: `lexicon` the sources lexicon, `registry` an actor registry file (None:
        the packaged one), `choice` the packaged source-choice weights (None: keep every
        source mention the attribution rules chose)."""
        self.name = name
        self.choice = choice
        self.lexicon = lexicon
        lex = load_lexicon(lexicon)
        self.keys = NameKeys(lex)
        self.vocab = Vocabulary(lex)
        tokenizer = nlp.tokenizer
        self.registry = Registry(load_actors(registry), self.keys,
                                 lambda text: [t.text for t in tokenizer(text)])
        self.finder = MentionFinder(self.vocab, self.keys, self.registry)
        self.coref = Coreferer(self.vocab, self.keys.stopwords)
        self.chooser = SourceChooser(self.vocab, load_choice_model(choice) if choice else None)
        #: keep each claim's candidates and scores in `doc.user_data[EXPLAIN_KEY]` (debug only)
        self.explain = False

    def __call__(self, doc: Doc) -> Doc:
        claims = doc._.claims or []
        if not claims:
            doc._.sources = []
            return doc
        explained = self.chooser.choose(doc, claims, explain=self.explain)
        if self.explain:
            doc.user_data[EXPLAIN_KEY] = explained
        mentions, claim_mention = self.find(doc, claims)
        cluster_of = self.coref.cluster(doc, mentions)
        owners = self.coref.owners(doc, mentions, cluster_of)
        self.set_annotations(doc, claims, mentions, claim_mention, cluster_of, owners)
        return doc

    # -- finding ---------------------------------------------------------------------------
    def find(self, doc: Doc, claims: list[dict]) -> tuple[list[Mention], dict[int, int]]:
        """All candidate mentions in document order, and which one each claim names."""
        ctx = DocContext(doc, self.keys)
        found: list[Mention] = []
        claim_of: dict[int, int] = {}
        taken: set[int] = set()
        by_span: dict[tuple[int, int], int] = {}
        for ci, claim in enumerate(claims):
            pair = claim.get("source_mention")
            if not pair:
                continue
            span = doc.char_span(int(pair[0]), int(pair[1]), alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            m = self.finder.from_span(ctx, span, is_claim=True)
            if m is None:
                continue
            key = (m.start, m.end)
            if key not in by_span:
                by_span[key] = len(found)
                found.append(m)
                taken.update(range(span.start, span.end))
                agent = doc.char_span(m.start, m.end, alignment_mode="expand")
                if agent is not None:
                    taken.update(range(agent.start, agent.end))
            claim_of[ci] = by_span[key]
            content = claim.get("content")
            if content:
                found[by_span[key]].exclude.append((int(content[0]), int(content[1])))
        for ent in ctx.ents:
            if ent.label_ not in ("PERSON", "ORG") or any(i in taken for i in range(ent.start, ent.end)):
                continue
            root = ent.root
            if ent.label_ == "ORG":
                if root.dep_ in _MODIFIER_DEPS:
                    continue
                a, b = self.finder.nominal_extent(doc, root)
                a, b = min(a, ent.start), max(b, ent.end)
                span = doc[a:b]
            else:
                if root.dep_ == "compound":
                    continue
                span = ent
            if any(i in taken for i in range(span.start, span.end)):
                span = ent
            m = self.finder.from_span(ctx, span, is_claim=False)
            if m is not None:
                found.append(m)
                taken.update(range(span.start, span.end))
        heads = self.vocab.nominal_heads
        subject_pronouns = self.vocab.subject_pronouns
        for tok in doc:
            if tok.i in taken:
                continue
            low = tok.lower_
            if low in subject_pronouns:
                if tok.dep_ in ("nsubj", "nsubjpass"):
                    m = self.finder.from_span(ctx, doc[tok.i : tok.i + 1], is_claim=False)
                    if m is not None:
                        found.append(m)
                continue
            if tok.pos_ not in ("NOUN", "PROPN") or (low not in heads and tok.lemma_.lower() not in heads):
                continue
            if tok.dep_ in _MODIFIER_DEPS or tok.ent_type_ in _SKIP_ENT_LABELS:
                continue
            if tok.dep_ == "appos" and tok.head.ent_type_ == "PERSON":
                continue  # the person's title, read with the name
            a, b = self.finder.nominal_extent(doc, tok)
            if b <= a or any(i in taken for i in range(a, b)):
                continue
            m = self.finder.from_span(ctx, doc[a:b], is_claim=False)
            if m is not None:
                found.append(m)
                taken.update(range(a, b))
        quotes = sorted(tuple(c["content"]) for c in claims if c.get("kind") == "direct_quote" and c.get("content"))
        if quotes:
            for m in found:
                m.quoted = any(a <= m.start < b for a, b in quotes)
        order = sorted(range(len(found)), key=lambda k: (found[k].start, found[k].end, k))
        rank = {old: new for new, old in enumerate(order)}
        return [found[k] for k in order], {ci: rank[k] for ci, k in claim_of.items()}

    # -- writing ---------------------------------------------------------------------------
    def set_annotations(self, doc: Doc, claims: list[dict], mentions: list[Mention],
                        claim_mention: dict[int, int], cluster_of: list[int | None],
                        owners: dict[int, int] | None = None) -> None:
        """One row per cluster that makes a claim, by first mention; claims point at their row."""
        members: dict[int, list[int]] = {}
        for i, c in enumerate(cluster_of):
            if c is not None:
                members.setdefault(c, []).append(i)
        speaking = sorted(
            {cluster_of[k] for k in claim_mention.values() if cluster_of[k] is not None},
            key=lambda c: min(mentions[i].start for i in members[c]),  # type: ignore[index]
        )
        row_of: dict[int, int] = {}
        rows: list[dict] = []
        for c in speaking:
            assert c is not None
            row_of[c] = len(rows)
            row = self.source_row([mentions[i] for i in members[c]])
            if row["affiliation"] is None and owners:
                # "its journalists": they speak for whoever "its" is (the claimant's name)
                owner = next((owners[i] for i in members[c] if i in owners), None)
                oc = cluster_of[owner] if owner is not None else None
                if oc is not None:
                    row["affiliation"] = self.source_row([mentions[i] for i in members[oc]])["name"]
            rows.append(row)
        for ci, claim in enumerate(claims):
            k = claim_mention.get(ci)
            c = cluster_of[k] if k is not None else None
            claim["source"] = row_of.get(c) if c is not None else None
        doc._.sources = rows

    def source_row(self, cluster: list[Mention]) -> dict:
        """Name, kind, title, affiliation and mentions of one claimant."""
        named = [m for m in cluster if m.form != "pronoun"] or list(cluster)
        person = any(m.person for m in named) and not any(m.plural for m in named)
        actor = next((m.actor for m in named if m.actor is not None), None)
        entry = self.registry.actors[actor] if actor is not None else None
        if person:
            names = [m for m in named if m.label == "PERSON" and m.name]
            if names:
                best = max(names, key=lambda m: (len(m.name_key), -m.start))
                name = best.name or best.display
            else:
                best = max(named, key=lambda m: (len(m.display.split()), -m.start))
                name = strip_det(best.display)
            kind = "person"
            titles = [t for m in named for t in (m.title, *m.other_titles) if t]
            title = max(titles, key=len) if titles else None
        else:
            best = max(named, key=lambda m: (m.form == "name", len(m.sig[1]) + (m.sig[0] is not None),
                                             len(m.display), -m.start))
            name = strip_det(best.display)
            kind = entry.kind if entry else next(
                (m.kind for m in sorted(named, key=lambda m: (m.form != "name", m.start))
                 if m.kind != "unknown"), "unknown")
            title = None
        own = next((m.affiliation for m in named if m.affiliation), None)
        if entry is not None and not person:  # the registry knows better than "of the Red Cross"
            affiliation = entry.affiliation
        else:
            affiliation = own or (entry.affiliation if entry else None)
        spans = sorted({(m.start, m.end) for m in cluster})
        return {
            "name": name,
            "kind": kind,
            "title": title,
            "affiliation": affiliation,
            "mentions": [[s, e] for s, e in spans],
        }
