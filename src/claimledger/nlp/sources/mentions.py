"""Finding the mentions of possible claimants in a parsed Doc, with what each one says about them.

A *mention* is a stretch of text that names or points at a speaker: a person's name, an
organisation's name, a description ("the ministry", "A spokesman for the separatists") or a
pronoun. Claim rows bring the mentions attribution found; the rest come from the entities and
from nouns whose head is a source-kind word, so that later mentions ("the ministry") and the
web page's highlights can join a claimant. Each mention carries the features coreference
needs: person or body, kind, title, affiliation, number, gender, and a name signature.

Work is one pass over the tokens with set lookups, plus per-mention work on a few tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimledger.nlp.sources.actors import NameKeys, Registry, Signature, straighten
from claimledger.nlp.sources.context import (
    DETERMINERS,
    DocContext,
    Vocabulary,
    name_form,
    trim,
)

_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NUMERIC_LABELS = frozenset({"CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL"})
_TIME_LABELS = frozenset({"DATE", "TIME"})


@dataclass
class Mention:
    """One mention and the features coreference uses; never stored on the Doc."""

    start: int
    end: int
    head: int  # token index of the head
    form: str  # "name" | "nominal" | "pronoun"
    person: bool
    kind: str
    sent: int  # sentence number
    is_claim: bool = False
    label: str = ""  # entity label of the head, if any
    name: str | None = None  # proper name as written (persons and named bodies)
    name_key: tuple[str, ...] = ()  # folded name words, for persons
    title: str | None = None
    other_titles: tuple[str, ...] = ()  # more titles from context ("…, the ministry spokesman")
    affiliation: str | None = None
    sig: Signature = (None, frozenset())
    head_lemma: str = ""
    head_word: str = ""  # the head as written, folded ("occupiers")
    definite: bool = False
    plural: bool = False
    gender: str | None = None
    actor: int | None = None
    subject: bool = False
    pronoun: str | None = None  # lower-cased pronoun, for pronoun mentions
    expletive: bool = False
    links: set[int] = field(default_factory=set)  # head tokens of structurally linked mentions
    weak_kind: bool = False  # kind guessed from the entity label alone (often wrong for names)
    report: bool = False  # a message standing for its unnamed author ("the statement")
    joint: bool = False  # coordinated speakers ("Moscow and Kyiv")
    exclude: list[tuple[int, int]] = field(default_factory=list)  # the claim's own content
    quoted: bool = False  # inside a direct quote: another voice, not the narrator's
    owner_pronoun: str | None = None  # "its journalists": the pronoun "its" agrees like ("it")
    owner_head: int | None = None  # token index of that possessive
    display: str = ""  # the text a name is chosen from

    @property
    def title_only(self) -> bool:
        """A person known by role alone: "the minister", "The Foreign Secretary"."""
        return self.person and self.label != "PERSON" and self.title is not None


class MentionFinder:
    """Builds `Mention`s from claim rows, entities, source-kind nouns and subject pronouns."""

    def __init__(self, vocab: Vocabulary, keys: NameKeys, registry: Registry) -> None:
        self.v = vocab
        self.keys = keys
        self.registry = registry

    # -- affiliation -----------------------------------------------------------------------
    def affiliation(self, ctx: DocContext, start: int, end: int, skip: tuple[int, int] = (0, 0),
                    proper: bool = False) -> str | None:
        """Who the words doc[start:end] speak for: possessive, then adjective, then of/for-object.

        `skip` is a token range to ignore (the person's own name). In a proper name
        ("International Committee of the Red Cross") an of-object is part of the name, so
        only a country there counts ("Ministry of Defense of Russia").
        """
        doc = ctx.doc
        found: dict[int, str] = {}
        for i in range(start, end):
            if skip[0] <= i < skip[1]:
                continue
            tok = doc[i]
            country = ctx.country_at.get(i)
            if tok.dep_ == "poss":
                if country:
                    found.setdefault(0, country)
                elif tok.lemma_.lower() in self.v.country_nouns:
                    near = ctx.country_before(tok.i)
                    if near:
                        found.setdefault(0, near)
                else:
                    party = self._party(ctx, tok, common=False)
                    if party:
                        found.setdefault(0, party)
            elif country and tok.dep_ != "pobj":
                found.setdefault(1, country)
            elif tok.dep_ == "pobj" and tok.head.lower_ in self.v.np_preps:
                if country:
                    found.setdefault(2, country)
                elif not proper:
                    party = self._party(ctx, tok, common=self.v.is_title(tok.head.head))
                    if party:
                        found.setdefault(2, party)
            elif tok.dep_ in ("compound", "nmod") and tok.pos_ == "PROPN":
                actor = self._actor_of_tokens(ctx, tok)
                if actor is not None and self.registry.actors[actor].affiliation:
                    found.setdefault(3, self.registry.actors[actor].affiliation)  # type: ignore[arg-type]
        return found[min(found)] if found else None

    def _party(self, ctx: DocContext, tok: Token, common: bool = True) -> str | None:
        """The party a possessive or of/for-object names: a registry actor, a body, a group.

        A possessive common noun ("the prosecutor's office") names no party (`common=False`).
        """
        doc = ctx.doc
        actor = self._actor_of_tokens(ctx, tok)
        if actor is not None:
            entry = self.registry.actors[actor]
            return entry.affiliation or entry.name
        if tok.pos_ == "PRON":
            return None
        if tok.ent_type_ in ("ORG", "GPE", "NORP") or common and (
                tok.lower_ in self.v.plural_kind or tok.lower_ in self.v.head_kind):
            a, b = trim(doc, tok.left_edge.i, tok.i + 1)
            return doc[a:b].text if b > a else None
        return None

    def _actor_of_tokens(self, ctx: DocContext, tok: Token) -> int | None:
        ent = ctx.ent_at.get(tok.i)
        words = [t.text for t in ent] if ent is not None else [tok.text]
        return self.registry.lookup(words, self.keys.signature(words))

    # -- kind ------------------------------------------------------------------------------
    def body_kind(self, doc: Doc, start: int, head: Token) -> str:
        """Kind of a body from its head noun; an ambiguous head lets its modifiers decide."""
        h_lower, h_lemma = head.lower_, head.lemma_.lower()
        if h_lower in self.v.plural_kind:
            return self.v.plural_kind[h_lower]
        head_kind = self.v.head_kind.get(h_lower) or self.v.head_kind.get(h_lemma)
        if head_kind is None or h_lower in self.v.ambiguous or h_lemma in self.v.ambiguous:
            for i in range(head.i - 1, start - 1, -1):
                mod = self.v.modifier_kind.get(doc[i].lower_) or self.v.head_kind.get(doc[i].lower_)
                if mod and doc[i].lower_ not in self.v.ambiguous:
                    return mod
        if head_kind:
            return head_kind
        if head.ent_type_ == "ORG":
            return "organization"
        if head.ent_type_ == "GPE":
            return "government"
        if head.ent_type_ == "NORP":
            return "group"
        return "unknown"

    # -- spans -----------------------------------------------------------------------------
    def nominal_extent(self, doc: Doc, head: Token) -> tuple[int, int]:
        """Token range of the NP headed by `head`: its premodifiers and an of/for phrase."""
        start = head.left_edge.i
        end = head.i + 1
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in self.v.np_preps and child.i == end:
                right = child.right_edge.i + 1
                if right - start <= 10 and not any(t.text in (",", ";") for t in doc[child.i : right]):
                    end = right
                break
        return trim(doc, start, end)

    def report_agent(self, doc: Doc, head: Token) -> Token | None:
        """The agent of a report noun: "a statement by X", "X's statement", "a Donald Trump tweet".

        An "of" object is the agent only when it could speak ("a statement of the ministry");
        "an initial probe of the crush" is about the crush (see `compound_author`)."""
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ != "PRON":
                return child
            if child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG"):
                return child
            if child.dep_ in ("prep", "agent") and child.lower_ in self.v.agent_preps:
                for obj in child.children:
                    if obj.dep_ == "pobj" and (child.lower_ != "of" or self._could_speak(obj)):
                        return obj
        return None

    def _could_speak(self, tok: Token) -> bool:
        """A named body or person, a source-kind head or a title."""
        return (
            tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            or tok.lower_ in self.v.head_kind
            or tok.lemma_.lower() in self.v.head_kind
            or self.v.is_title(tok)
        )

    def compound_author(self, doc: Doc, head: Token) -> tuple[int, int] | None:
        """The author named inside a report noun's own words: "an [AP] investigation", "an
        initial [IDF] probe", "an unclassified [U.S. intelligence] report": the run of
        premodifiers before the noun that are names, countries or source-kind words."""
        words = [c for c in head.lefts if c.dep_ in _MODIFIER_DEPS and c.i < head.i]
        run: list[Token] = []
        for c in sorted(words, key=lambda t: -t.i):
            if c.i != (run[-1].i if run else head.i) - 1:
                break
            if not (c.pos_ == "PROPN" or self._could_speak(c) or c.lower_ in self.v.modifier_kind):
                break
            run.append(c)
        if not run:
            return None
        start = min(c.left_edge.i for c in run)  # "[Drevnian] army" hangs on "army"
        if not any(t.pos_ == "PROPN" or t.ent_type_ or self._could_speak(t) for t in doc[start : run[0].i + 1]):
            return None
        return start, run[0].i + 1

    def person_title(self, doc: Doc, ctx: DocContext, name: Span) -> tuple[str | None, str | None, set[int]]:
        """Title, affiliation and linked head tokens of a person's name from its context.

        Premodifiers ("Foreign Minister Dmytro Kuleba") and appositions on either side
        ("Russia’s Defence Minister, Sergei Shoigu"; "Farhan Haq, deputy spokesman for ...")
        give the title; the title's possessives and demonyms give the affiliation.
        """
        root = name.root
        candidates: list[tuple[int, int]] = []
        links: set[int] = set()
        pre = [c for c in root.lefts if c.i < name.start and c.dep_ in _MODIFIER_DEPS]
        if pre:
            candidates.append((min(c.left_edge.i for c in pre), name.start))
        if root.dep_ == "appos" and root.head.i < name.start and self.v.is_title(root.head):
            head = root.head
            candidates.append((head.left_edge.i, head.i + 1))
            links.add(head.i)
        for child in root.rights:
            if child.dep_ == "appos" and self.v.is_title(child):
                candidates.append((child.left_edge.i, child.right_edge.i + 1))
                links.add(child.i)
        title = affiliation = None
        for a, b in candidates:
            a, b = trim(doc, a, b)
            if b <= a:
                continue
            if affiliation is None:
                affiliation = self.affiliation(ctx, a, b)
            if title is None and any(self.v.is_title(t) for t in doc[a:b]):
                title = doc[a:b].text
        if affiliation is None:
            affiliation = self.affiliation(ctx, name.start, name.end)
        return title, affiliation, links

    # -- building one mention --------------------------------------------------------------
    def from_span(self, ctx: DocContext, span: Span, is_claim: bool, hop: bool = True) -> Mention | None:
        """A mention for a token span (a claim's source mention, an entity or a noun phrase).

        A report noun ("a statement by X") stands for its agent: one hop only, so a parse
        that makes the agent's phrase contain the noun again cannot loop.
        """
        doc = ctx.doc
        span = self._one_paragraph(span)
        root = span.root
        if hop and (root.lemma_.lower() in self.v.report_nouns or root.lower_ in self.v.report_nouns):
            agent = self.report_agent(doc, root)
            if agent is not None:
                a, b = self._agent_extent(ctx, agent)
                if b > a and not a <= root.i < b:
                    return self.from_span(ctx, doc[a:b], is_claim, hop=False)
            author = self.compound_author(doc, root) if agent is None else None
            if author is not None:
                return self.from_span(ctx, doc[author[0] : author[1]], is_claim, hop=False)
        if root.like_num or root.ent_type_ in _NUMERIC_LABELS or (
            root.ent_type_ in _TIME_LABELS and root.pos_ != "PROPN"  # not "Last week Stumpf"
        ):
            return None  # "more than 50 said": a figure is never a claimant
        low = root.lower_
        sent = ctx.sent_of(root.i)
        subject = root.dep_ in _SUBJECT_DEPS
        if len(span) == 1 and (low in self.v.pronoun_class or low in self.v.deictic):
            m = Mention(span.start_char, span.end_char, root.i, "pronoun", False, "unknown", sent,
                        is_claim=is_claim, pronoun=low, subject=subject)
            cls = self.v.pronoun_class.get(low)
            m.gender = cls if cls in ("male", "female") else None
            m.plural = cls == "plural"
            m.person = cls in ("male", "female")
            m.expletive = cls == "neuter" and self.is_expletive(root)
            return m
        person = self._person_in(ctx, span)
        if person is not None:
            return self._person_mention(ctx, span, person, is_claim)
        return self._body_mention(ctx, span, is_claim)

    @staticmethod
    def _one_paragraph(span: Span) -> Span:
        """The part of `span` in its head's paragraph: a name never runs across a line break."""
        root = span.root
        start, end = span.start, span.end
        for tok in span:
            if tok.is_space and "\n" in tok.text:
                if tok.i < root.i:
                    start = tok.i + 1
                elif tok.i > root.i:
                    end = tok.i
                    break
        return span if (start, end) == (span.start, span.end) else span.doc[start:end]

    def _agent_extent(self, ctx: DocContext, agent: Token) -> tuple[int, int]:
        ent = ctx.ent_at.get(agent.i)
        if ent is not None and ent.label_ == "PERSON":
            return ent.start, ent.end
        return self.nominal_extent(ctx.doc, agent)

    def _person_in(self, ctx: DocContext, span: Span) -> Span | None:
        """The person's name inside `span`: a PERSON entity, or a proper-noun run after a title."""
        doc = ctx.doc
        root = span.root
        inside = {id(e): e for i in range(span.start, span.end) if (e := ctx.ent_at.get(i)) is not None
                  and e.start >= span.start and e.end <= span.end}
        for ent in sorted(inside.values(), key=lambda e: e.start):
            if all(i in ctx.country_at for i in range(ent.start, ent.end)):
                continue  # "Kyiv" tagged PERSON is the capital, not a person
            if ent.label_ == "PERSON" and (
                ent.root.i == root.i
                or ent.root.head.i == root.i and ent.root.dep_ == "appos"
                or root.head.i == ent.root.i and root.dep_ == "appos"
                or ent.root.dep_ == "appos" and self.v.is_title(root)  # "the leader of X, Pushilin"
            ):
                return ent
        if root.pos_ == "PROPN" and root.ent_type_ not in ("GPE", "NORP", "ORG") and not self.v.is_title(root) \
                and root.lower_ not in self.v.head_kind and root.lower_ not in self.v.ambiguous:
            # an untagged name after a title: "Kramatorsk Mayor Oleksandr Goncharenko"
            first = root.i
            while first - 1 >= span.start and doc[first - 1].pos_ == "PROPN" \
                    and doc[first - 1].dep_ == "compound" and not self.v.is_title(doc[first - 1]):
                first -= 1
            if first > span.start and self.v.is_title(doc[first - 1]):
                return doc[first : root.i + 1]
        if self.v.is_title(root):
            return self._trailing_name(doc, span, root)
        return None

    def _trailing_name(self, doc: Doc, span: Span, root: Token) -> Span | None:
        """A name closing a long title: "the spokeswoman of the head of ... Tetyana Ignatchenko".

        The parser often hangs such a name inside the title's of-phrase (and the tagger may
        call it ORG), so it is read from the end: two or more proper nouns that are no body
        word ("Service") and no place.
        """
        end = span.end
        while end > span.start and doc[end - 1].is_punct:
            end -= 1
        first = end
        while first - 1 > root.i:
            tok = doc[first - 1]
            if tok.pos_ != "PROPN" or tok.ent_type_ in ("GPE", "NORP") or self.v.is_title(tok) \
                    or tok.lower_ in self.v.head_kind or tok.lower_ in self.v.ambiguous:
                break
            first -= 1
        return doc[first:end] if end - first >= 2 else None

    def _person_mention(self, ctx: DocContext, span: Span, name: Span, is_claim: bool) -> Mention:
        doc = ctx.doc
        while len(name) > 1 and straighten(name[-1].text) in ("'s", "'"):
            name = name[:-1]  # "Donald Trump’s" is Donald Trump
        root = name.root
        context_title, affiliation, links = self.person_title(doc, ctx, name)
        # title words inside the mention itself ("Foreign Minister Dmytro Kuleba") come first:
        # the claim's own span says how the article introduces the speaker
        title = None
        a, b = trim(doc, span.start, name.start)
        if b > a and any(self.v.is_title(t) for t in doc[a:b]):
            title = doc[a:b].text
        c, d = trim(doc, name.end, span.end)
        if title is None and d > c and any(self.v.is_title(t) for t in doc[c:d]):
            title = doc[c:d].text
        others = (context_title,) if context_title and title and context_title != title else ()
        title = title or context_title
        if affiliation is None:
            affiliation = self.affiliation(ctx, span.start, span.end, skip=(name.start, name.end))
        gender = None
        for t in doc[min(span.start, name.start) : name.start]:
            gender = gender or self.v.gender.get(t.lower_)
        if title:
            for w in title.lower().split():
                gender = gender or self.v.gender.get(w)
        key = tuple(name_form(t.text) for t in name if not t.is_punct)
        m = Mention(span.start_char, span.end_char, root.i, "name", True, "person",
                    ctx.sent_of(root.i), is_claim=is_claim, label="PERSON", name=name.text,
                    name_key=key, title=title, affiliation=affiliation,
                    head_lemma=root.lemma_.lower(), gender=gender,
                    subject=root.dep_ in _SUBJECT_DEPS or span.root.dep_ in _SUBJECT_DEPS,
                    links=links, display=name.text, other_titles=others)
        words = [t.text for t in name]
        m.actor = self.registry.lookup(words, self.keys.signature(words))
        return m

    def _body_mention(self, ctx: DocContext, span: Span, is_claim: bool) -> Mention:
        doc = ctx.doc
        root = span.root
        low_root = root.lower_
        a, b = trim(doc, span.start, self._cut_right(doc, span))
        if b <= a:
            a, b = span.start, span.end
        joint = any(t.dep_ == "cc" and t.head.i == root.i for t in doc[a:b])
        # possessives ("Russia's", "the Kremlin's") say whom the body speaks for, not its name
        owned = {t.i for c in root.lefts if c.dep_ == "poss" or c.dep_ == "nmod" and straighten(c.text).endswith("'s")
                 for t in c.subtree}
        words = [t.text for t in doc[a:b] if t.i not in owned and not self._country_noun_poss(t)]
        proper = root.pos_ == "PROPN" or root.ent_type_ in ("ORG", "GPE", "NORP") or (
            # a headline's "Sanders Says ...": tagged NOUN, but a capitalised unknown word
            is_claim and (root.is_title or root.is_upper) and len(root) > 1
            and low_root not in self.v.nominal_heads and low_root not in self.v.report_nouns
        )
        affiliation = None if joint else self.affiliation(ctx, a, b, proper=proper)
        if affiliation is None and not joint and root.ent_type_ in ("GPE", "NORP"):
            affiliation = ctx.country_at.get(root.i)
        sig = self.keys.signature(words, affiliation)
        if joint:
            sig = (None, frozenset(self.keys.fold(t.text) for t in doc[a:b]))
        actor = None if joint else self._registry_actor(ctx, root, words, sig)
        low, lemma = root.lower_, root.lemma_.lower()
        plural = joint or root.tag_ in ("NNS", "NNPS") or low in self.v.plural_kind
        is_title_head = (low in self.v.titles or lemma in self.v.titles) and not plural
        person = is_title_head and root.ent_type_ not in ("ORG", "GPE", "NORP")
        weak = False
        if person:
            kind = "person"
        elif actor is not None:
            kind = self.registry.actors[actor].kind
        elif not sig[1] and affiliation and not plural and root.ent_type_ != "NORP":
            kind = "government"  # a state named alone speaks through its government: "– Russia"
        else:
            kind = self.body_kind(doc, a, root)
            # a short proper name with no body word and no country: "Trump" or "De Blasio"
            # tagged ORG or GPE may well be a person
            weak = proper and not joint and b - a <= 4 and sig[0] is None and \
                not any(t.lower_ in self.v.head_kind or t.lemma_.lower() in self.v.head_kind
                        or t.lower_ in self.v.ambiguous for t in doc[a:b])
        definite = any(
            c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
            for c in root.lefts
        )
        gender = None
        for t in doc[a:b]:
            gender = gender or self.v.gender.get(t.lower_)
        text = doc[a:b].text
        owner = next((c for c in root.lefts if c.dep_ == "poss" and c.lower_ in self.v.possessive_as), None)
        report = not proper and (lemma in self.v.report_nouns or low in self.v.report_nouns)
        key = tuple(name_form(t.text) for t in doc[a:b] if not t.is_punct and straighten(t.text) not in ("'s", "'")) \
            if proper else ()
        return Mention(
            doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), root.i, "name" if proper else "nominal", person, kind,
            ctx.sent_of(root.i), is_claim=is_claim, label=root.ent_type_,
            name=text if proper else None, name_key=key, title=text if person else None,
            affiliation=affiliation, sig=sig, head_lemma=lemma, head_word=self.keys.fold(root.text),
            definite=definite or proper, plural=plural, gender=gender if person else None,
            actor=actor, subject=root.dep_ in _SUBJECT_DEPS, display=text, weak_kind=weak,
            report=report, joint=joint,
            owner_pronoun=self.v.possessive_as[owner.lower_] if owner is not None else None,
            owner_head=owner.i if owner is not None else None,
        )

    def _cut_right(self, doc: Doc, span: Span) -> int:
        """End of a body's name: before a comma or relative clause after its head (and
        before the clause's own first words: "the head of a hospital [that treated …]")."""
        root = span.root
        for i in range(root.i + 1, span.end):
            tok = doc[i]
            if tok.text in (",", ";", "("):
                return i
            if tok.dep_ in ("relcl", "acl", "appos"):
                return max(min(i, tok.left_edge.i), root.i + 1)
            if tok.dep_ == "prep" and tok.head.i == root.i and tok.lower_ not in self.v.np_preps:
                return i
        return span.end

    def _registry_actor(self, ctx: DocContext, root: Token, words: list[str], sig: Signature) -> int | None:
        """The registry actor a body names: its whole wording, else the proper name at its head."""
        actor = self.registry.lookup(words, self.keys.signature(words))
        if actor is None and sig[0] is not None:
            actor = self.registry.lookup(words, sig)
        if actor is None and root.ent_type_ == "ORG":
            ent = ctx.ent_at.get(root.i)
            if ent is not None:
                ew = [t.text for t in ent if t.lower_ not in DETERMINERS]
                if ew != words:
                    actor = self.registry.lookup(ew, self.keys.signature(ew))
        if actor is None and root.pos_ == "PROPN":
            run = [c.text for c in root.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [root.text]
            for cand in (run, [root.text]):
                if actor is None and cand != words:
                    actor = self.registry.lookup(cand, self.keys.signature(cand))
        return actor

    def _country_noun_poss(self, tok: Token) -> bool:
        """"country" in "the country's military" (and its "'s"): it stands for the affiliation."""
        if tok.dep_ == "case":
            tok = tok.head
        return tok.dep_ == "poss" and tok.lemma_.lower() in self.v.country_nouns

    def is_expletive(self, tok: Token) -> bool:
        """"it" that points at nothing: "it's unclear whether", "it seems that", "it is said that"."""
        if tok.dep_ == "expl":
            return True
        head = tok.head
        lemma = straighten(head.lemma_.lower())
        if lemma not in self.v.expletive_copulas and lemma not in self.v.expletive_passives:
            lemma = straighten(head.lower_)  # the lemmatizer leaves "’s" as "’"
        deps = {c.dep_ for c in head.children}
        clausal = bool(deps & {"ccomp", "advcl", "xcomp", "csubj", "mark"})
        if tok.dep_ == "nsubjpass":
            return lemma in self.v.expletive_passives and "ccomp" in deps
        if tok.dep_ != "nsubj" or lemma not in self.v.expletive_copulas:
            return False
        predicative = bool(deps & {"acomp", "attr", "oprd"})
        return clausal and (predicative or lemma not in ("be", "'s"))
