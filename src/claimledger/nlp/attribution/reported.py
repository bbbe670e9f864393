"""Reported speech headed by a verb: its cue, its source and (through `complements`) its content.

The rules read the parse only through a handful of relations named in attribution.toml
([frame]), which is where they are tuned; nothing here names a word.

What a frame's parts are, following the PolNeAR and claimledger gold conventions:

* cue: the cue verb with its adjacent auxiliaries/negation ("has said", "did not deny") and
  particle ("pointed out"); "according to" as a whole;
* source mention: the full subject noun phrase ("Russia’s Defence Minister, Sergei Shoigu");
  a verb without subject in an adverbial or coordinated clause ("…, saying …", "… and added
  …") borrows its head's; a passive takes its agent ("as reported by X");
* content: the clausal complement without its complementiser ("said [that] X" → X), or for
  verbs that take a noun phrase, the object and what continues it ("put [the toll at 53]");
  an according-to frame nested inside a content is cut off it (it is a claim of its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from claimledger.nlp.attribution.complements import (
    adjunct_that_clause,
    clause_content,
    cut_content,
    for_to_mark,
    object_content,
    prep_content,
    prep_then_infinitive,
)
from claimledger.nlp.attribution.frames import (
    Acceptor,
    CueLexicon,
    Frame,
    Scan,
    overlaps,
    scan,
    subtree,
    trim,
)


def frame_range(verb: Token) -> tuple[int, int]:
    """The cue verb's subtree up to its first coordinated clause (which is another event)."""
    start, end = subtree(verb)
    for child in verb.rights:
        if child.dep_ in {"conj", "cc"}:
            return start, child.left_edge.i
    return start, end


def cue_range(verb: Token, lex: CueLexicon, content: tuple[int, int] | None = None) -> tuple[int, int]:
    """The cue as PolNeAR and our gold write it: the verb with its adjacent auxiliaries,
    negation and adverbs ("has also said"), its particle ("pointed out"), the modifiers that
    stand between it and a content on its right ("said [in a statement Tuesday] that …"), and
    a governing verb it is the infinitive of ("went on to say")."""
    start = verb.i
    for child in sorted(verb.lefts, key=lambda c: -c.i):
        if child.i == start - 1 and child.dep_ in lex.cue_modifiers:
            if child.tag_ in lex.cue_excluded_tags:
                head = verb.head
                if verb.dep_ in {"xcomp", "advcl"} and head.i < verb.i and head.pos_ == "VERB":
                    start = cue_range(head, lex)[0]
                break
            start = child.i
    end = verb.i + 1
    limit = content[0] if content is not None and content[0] > verb.i else None
    for child in verb.rights:
        lo, hi = subtree(child)
        if lo != end:
            break
        if child.dep_ == "prt" or (
            child.dep_ in lex.cue_right_deps and (limit is None or hi <= limit)
        ):
            end = hi
        else:
            break
    return start, end


def subject_range(verb: Token, lex: CueLexicon, depth: int = 3) -> tuple[int, int] | None:
    """Subject NP of `verb`, the agent of a passive, or the subject borrowed from its head."""
    subjects = [
        c for c in verb.children if c.dep_ in lex.subject_deps and c.lower_ not in lex.complementizers
    ]
    if subjects and all(c.pos_ == "NOUN" and c.lemma_.lower() in lex.non_speakers for c in subjects):
        # "A UN team that visited the hospital the day after [the incident] reported …": the
        # parser gave the verb an event for subject; the noun its clause hangs on speaks
        holder = _clause_holder(verb, lex)
        if holder is not None:
            return trim(verb.doc, holder.left_edge.i, _np_end(holder, lex))
    if subjects:
        if subjects[0].dep_ == "nsubjpass":
            agent = agent_range(verb)
            if agent is not None:
                return agent
        # a name the tagger split into two subjects ("said Army Capt. Christian Pardo")
        i = min(c.left_edge.i for c in subjects)
        j = max(_np_end(c, lex) for c in subjects)
        if j > verb.i >= i:  # inverted order swallowed the verb: keep the nearest subject
            near = min(subjects, key=lambda c: abs(c.i - verb.i))
            i, j = near.left_edge.i, _np_end(near, lex)
        return trim(verb.doc, i, j)
    agent = agent_range(verb)
    if agent is not None:
        return agent
    if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return trim(verb.doc, verb.head.left_edge.i, verb.head.i + 1)
    if depth > 0 and verb.dep_ in lex.inherit_deps and verb.head is not verb:
        head = verb.head
        # "X said [more than 50 died …], calling it “…”": the parser hangs the participle on
        # the reported clause, whose subject is a count; a count never speaks, so the subject
        # is borrowed from the verb that reports that clause
        if (
            _counted_subject(head, lex)
            and head.dep_ in lex.clause_deps
            and head.head is not head
        ):
            return subject_range(head.head, lex, depth - 1)
        return subject_range(head, lex, depth - 1)
    return None


def _clause_holder(verb: Token, lex: CueLexicon, depth: int = 3) -> Token | None:
    """The noun before `verb` that its clause hangs on, through relative, adnominal and
    adverbial clauses ("[team] that visited … after the incident reported"), if it can speak."""
    tok = verb
    for _ in range(depth):
        if tok.dep_ not in {"acl", "relcl", "advcl"} or tok.head is tok:
            return None
        tok = tok.head
        if tok.pos_ in {"NOUN", "PROPN"}:
            ok = tok.i < verb.i and tok.lemma_.lower() not in lex.non_speakers
            return tok if ok else None
    return None


def _counted_subject(verb: Token, lex: CueLexicon) -> bool:
    """Whether every subject of `verb` is a bare number ("more than 50 died")."""
    subjects = [c for c in verb.children if c.dep_ in lex.subject_deps]
    return bool(subjects) and all(c.like_num or c.pos_ == "NUM" for c in subjects)


def _np_end(head: Token, lex: CueLexicon) -> int:
    """End of a noun phrase before its relative clause ("Sanders[, who had said …]")."""
    for child in head.rights:
        if child.dep_ in lex.cut_source_deps:
            return child.left_edge.i
    return head.right_edge.i + 1


def agent_range(verb: Token) -> tuple[int, int] | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return trim(verb.doc, *subtree(obj))
    return None


def find_verb_frames(
    doc: Doc,
    lex: CueLexicon,
    skip: Sequence[bool],
    accept: Acceptor | None = None,
    scanned: Scan | None = None,
) -> list[Frame]:
    """Frames headed by a verb; tokens flagged in `skip` (inside quotes) head none.

    Without `accept`, a frame needs a cue lemma of the lexicon (a `weak` one, a clausal
    complement). With it, every verb that is not a deed and has a content is a candidate and
    `accept` (the cue model) decides.
    """
    scanned = scanned or scan(doc, lex)
    according = set(scanned.according)
    frames: list[Frame] = []
    for tok in scanned.verbs:
        if skip[tok.i]:
            continue
        lemma = tok.lemma_.lower()
        if accept is None and not lex.is_cue_lemma(lemma):
            continue
        if lemma in lex.deeds:
            continue
        if tok.i in according:
            continue  # "according to" is a frame of its own
        if lemma in lex.naming_verbs and _names_noun(tok):
            continue  # "a group called Ginbot 7", "a book titled …": a name, not a claim
        tail = tail_frame(tok, lex)
        if tail is not None:
            if lemma in lex.speech:
                frames.append(tail)
            continue
        found = verb_frame(tok, lex, broad=accept is not None)
        if found is None:
            continue
        frame, how = found
        if lemma in lex.light_verbs and how != "clause" and not _gives_figure(doc, frame, lex):
            continue  # "took the stage", "delivered a speech": a deed, whatever the model says
        if lemma in lex.addressee_verbs and how == "object" and not _has_verb(doc, frame.content):
            continue  # "told reporters", "told MSNBC": the hearer, not what was said
        if accept is None or accept(tok, frame, how) or _gives_figure(doc, frame, lex):
            frames.append(frame)
            front = relative_front(tok, frame, lex)
            if front is not None:
                frames.append(replace(frame, content=front))
    return frames


def relative_front(verb: Token, frame: Frame, lex: CueLexicon) -> tuple[int, int] | None:
    """The words a relative clause whose verb is the cue opens with, set before its source:
    "300 people, [120 of whom] officials said were children", "Bush, [with whom] he said he
    had clashed".

    They are the claim's own first words, cut off from the rest of its content by the source
    and the cue, so they are a fragment of the content of their own (PolNeAR draws it so),
    and a figure in them ("120", "a quarter of whom") is the source's. Only a phrase that
    ends on the pronoun right before the source and hangs on the noun the clause modifies or
    inside the cue's clause; a bare "which" only points back and makes no claim row.
    """
    if verb.dep_ != "relcl" or frame.source is None or frame.source[0] == 0:
        return None
    doc = verb.doc
    pron = doc[frame.source[0] - 1]
    if pron.lower_ not in lex.relative_pronouns or pron.i >= frame.content[0]:
        return None
    if pron.dep_ != "pobj" or pron.head.dep_ != "prep":
        return None  # a bare "which": a word that only points back, no claim of its own
    prep = pron.head
    owner = prep.head
    # "a quarter of whom": a partitive, pied-piped from the noun the clause hangs on
    # (whether the parser hangs the preposition on that noun or, right after it, on the
    # cue); "an interview, in which he said …", "a campaign in which Trump has said …": a
    # phrase on the cue itself is the setting of the speech, not its content
    holder = verb.head
    partitive = prep.lower_ in lex.partitive_preps
    if partitive and holder.i < prep.i and (owner.i == holder.i or prep.i == holder.i + 1):
        start = holder.left_edge.i
    elif verb.is_ancestor(owner):
        start = prep.i
    else:
        return None
    if pron.i + 1 - start > lex.relative_phrase_max_tokens or any(
        "\n" in t.text or t.is_punct for t in doc[start : pron.i]
    ):
        return None
    return start, pron.i + 1


def _names_noun(tok: Token) -> bool:
    """A participle right after a noun, without auxiliaries: "Ethiopians [called] Ginbot 7"."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return (
        tok.tag_ == "VBN"
        and tok.dep_ in {"acl", "advcl"}
        and prev is not None
        and prev.pos_ in {"NOUN", "PROPN"}
    )


def _has_verb(doc: Doc, rng: tuple[int, int]) -> bool:
    return any(t.pos_ in {"VERB", "AUX"} for t in doc[rng[0] : rng[1]])


def _gives_figure(doc: Doc, frame: Frame, lex: CueLexicon) -> bool:
    """"X put the death toll at 53": a verb whose object is a figure noun with a number."""
    content = doc[frame.content[0] : frame.content[1]]
    return (
        frame.source is not None
        and content.root.lemma_.lower() in lex.figure_nouns
        and any(t.like_num for t in content)
    )


def tail_frame(tok: Token, lex: CueLexicon) -> Frame | None:
    """"<content>, Secretary-General Antonio Guterres said on Wednesday." when the parser
    failed to make the name the verb's subject: the noun phrase between the last comma and
    the verb is the source, the sentence before the comma the content."""
    doc = tok.doc
    if any(c.dep_ in lex.subject_deps for c in tok.children) or tok.i == 0:
        return None
    if any(c.dep_ in lex.clause_deps for c in tok.children):
        return None
    sent_start = tok.sent.start
    k = tok.i - 1
    while k > sent_start and doc[k].pos_ in {"PROPN", "NOUN", "PUNCT", "ADJ", "DET"} and doc[k].text != ",":
        k -= 1
    if k <= sent_start or doc[k].text != "," or k == tok.i - 1:
        return None
    names = doc[k + 1 : tok.i]
    if not any(t.pos_ == "PROPN" or t.ent_type_ for t in names):
        return None
    content = trim(doc, sent_start, k)
    source = trim(doc, k + 1, tok.i)
    if content is None or source is None or content[1] - content[0] < 3:
        return None
    return Frame("indirect", content, cue_range(tok, lex), source, tok.i, frame_range(tok))


def verb_frame(tok: Token, lex: CueLexicon, broad: bool = False) -> tuple[Frame, str] | None:
    """The frame of one verb and the rule that found its content, or None without content.

    `broad` lets any verb take a noun-phrase or prepositional content (for the cue model to
    judge); otherwise only `speech` verbs do, and `weak` ones need a clausal complement.
    """
    doc = tok.doc
    lemma = tok.lemma_.lower()
    content: tuple[int, int] | None = None
    how = "clause"
    extra_cue: int | None = None
    found = clause_content(tok, lex)
    if found is not None:
        head, content = found
        content = cut_content(doc, content, head, lex)
        mark = for_to_mark(head, lex) if head.dep_ == "advcl" else None
        if mark is not None:
            extra_cue = mark.i
    elif lemma in lex.speech or broad:
        marks = [c for c in tok.children if c.dep_ == "mark" and c.lower_ in lex.as_markers]
        # "as X noted" leaves its object to the clause it modifies; a filled slot, a hearer
        # or a passive subject ("as the result was announced") makes it a time clause
        gap = not any(
            c.dep_ in lex.complement_deps or c.dep_ in {"dative", "nsubjpass"} for c in tok.children
        )
        if marks and tok.head is not tok and gap:
            # "As reported by X, <content>": the frame modifies its head clause
            content, how = _rest_of(tok.head, tok), "as"
        elif tok.dep_ == "parataxis" and tok.head.pos_ in {"VERB", "AUX"}:
            content, how = _rest_of(tok.head, tok), "parataxis"
        else:
            content, how = object_content(tok, lex), "object"
            if content is not None and lex.is_cue_lemma(lemma):
                split = prep_then_infinitive(tok, content)
                if split is not None:
                    extra_cue, content = split
            if content is None and broad:
                found_prep = prep_content(tok)
                if (
                    found_prep is not None
                    and lemma in lex.channel_verbs
                    and doc[found_prep[0]].lower_ not in lex.topic_preps
                ):
                    found_prep = None  # "spoke [to] the gathering", "wrote [in] his memo"
                if found_prep is not None:
                    extra_cue, content = found_prep
                    how = "prep"
            if content is not None and lex.is_cue_lemma(lemma):
                misplaced = adjunct_that_clause(tok, lex)
                if misplaced is not None:
                    content, extra_cue, how = misplaced, None, "clause"
            if content is None and lemma in lex.speech:
                counted = _counted_passive_subject(tok)
                if counted is not None:
                    content, how = counted, "passive"
    if content is None or (how in {"object", "prep"} and _only_time(doc, content, lex)):
        return None  # "said on [Friday]", "sought on [Wednesday]": when, not what
    source = subject_range(tok, lex)
    cue = cue_range(tok, lex, content)
    if extra_cue is not None and extra_cue >= cue[1] and extra_cue - cue[1] <= 1:
        cue = (cue[0], extra_cue + 1)
    raised = _raised_subject(tok, content)
    if raised is not None:
        # "Trump is expected [to unveil an ad]": what is expected is that Trump will
        content, source = (raised, content[1]), agent_range(tok)
    if source is not None and overlaps(source, content):
        source = None
    if how == "parataxis":
        content = _around(tok.head, tok) or content
    return Frame("indirect", content, cue, source, tok.i, frame_range(tok)), how


def _counted_passive_subject(verb: Token) -> tuple[int, int] | None:
    """"[Seven missing persons] have been confirmed by the local administration": a passive
    speech verb with an agent states its subject; only a subject holding a number is taken
    (a count confirmed or reported by someone is their figure, while "the plan was
    criticized by X" is a reaction to a plan, not a statement of it)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
    if subj is None or agent_range(verb) is None:
        return None
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    start, end = subtree(subj)
    if not any(t.like_num or t.pos_ == "NUM" for t in verb.doc[start:end]):
        return None
    return trim(verb.doc, start, end)


def _raised_subject(verb: Token, content: tuple[int, int]) -> int | None:
    """First token of the subject of a passive raising verb whose infinitive is `content`
    ("[At least 40 people] are believed to have died"): the subject belongs to what is
    said, and a figure in it is part of the claim, not the narrator's."""
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if subj is None or xcomp is None or subj.i > verb.i:
        return None
    if not any(c.dep_ == "auxpass" for c in verb.children) or not content[0] <= xcomp.i < content[1]:
        return None
    return subj.left_edge.i


def _only_time(doc: Doc, rng: tuple[int, int], lex: CueLexicon) -> bool:
    words = [t for t in doc[rng[0] : rng[1]] if not t.is_punct]
    return bool(words) and all(t.ent_type_ in lex.adjunct_entities for t in words)


def _around(head: Token, inner: Token) -> tuple[int, int] | None:
    """"In his state, Christie said, the economy has recovered": a parenthetical cue inside
    the sentence it reports; the content is the whole sentence (one span, as PolNeAR writes
    it), not just the part after the cue. None when the cue stands at either end."""
    hs, he = subtree(head)
    is_, ie = subtree(inner)
    left = [t for t in head.doc[hs:is_] if not t.is_punct]
    if is_ <= hs or ie >= he or len(left) < 2:
        return None
    return trim(head.doc, hs, he)


def _rest_of(head: Token, inner: Token) -> tuple[int, int] | None:
    """`head`'s subtree on the far side of `inner`'s subtree (the clause a frame modifies)."""
    hs, he = subtree(head)
    is_, ie = subtree(inner)
    if is_ <= head.i:
        return trim(head.doc, ie, he)
    return trim(head.doc, hs, is_)
