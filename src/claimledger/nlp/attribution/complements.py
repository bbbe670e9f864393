"""Where the content of a cue sits in the parse: its clausal complement, its object, or a
complement the parser hung somewhere else.

Kept apart from `reported` (which builds whole frames around a verb) because these are the
rules that repair the parser's attachments ("called for [X to act]", "told reporters on
Friday [that X]") and they grow with error analysis; each takes a cue token and returns
token ranges.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.nlp.attribution.frames import CueLexicon, is_edge_junk, subtree, trim


def cut_content(
    doc: Doc, rng: tuple[int, int], keep: Token, lex: CueLexicon
) -> tuple[int, int] | None:
    """Cut a nested according-to phrase (a claim of its own: "according to X", "…, as per
    AFP") and what follows it out of a content range. (A trailing "but" whose clause hangs
    off the cue verb is trimmed by `trim`.)"""
    i, j = rng
    for k in range(i + 1, j):
        tok = doc[k]
        if keep.i < k and k + 1 < j and lex.according_at(doc, k):
            return trim(doc, i, k)
        if _second_speech_act(tok, keep, lex) and doc[k - 1].dep_ == "cc":
            return trim(doc, i, k - 1)
        if _counter_claim(tok, lex):
            return trim(doc, i, tok.left_edge.i)
    return i, j


def _counter_claim(tok: Token, lex: CueLexicon) -> bool:
    """"Kyiv says [Russia blew up the dam], while Russia accuses Ukraine of …": a contrasting
    clause (`contrast_marks`) headed by a speech cue with a subject of its own is another
    source's claim, not part of this one."""
    return (
        tok.dep_ == "advcl"
        and tok.pos_ == "VERB"
        and tok.lemma_.lower() in lex.speech
        and any(c.dep_ in lex.subject_deps for c in tok.children)
        and any(m.dep_ == "mark" and m.lower_ in lex.contrast_marks for m in tok.children)
    )


def _second_speech_act(tok: Token, keep: Token, lex: CueLexicon) -> bool:
    """"He says [he respects Clinton] and calls her …": a cue verb coordinated to the content's
    head without a subject of its own is the source's second statement, a claim of its own."""
    return (
        tok.dep_ == "conj"
        and tok.head.i == keep.i
        and tok.pos_ == "VERB"
        and lex.is_cue_lemma(tok.lemma_.lower())
        and not any(c.dep_ in lex.subject_deps for c in tok.children)
    )


def clause_content(verb: Token, lex: CueLexicon) -> tuple[Token, tuple[int, int]] | None:
    """The clausal complement of `verb` (either side), without its complementiser, joined
    with a clause coordinated to it by a `content_conjunctions` word ("said X and Y") or
    opened by a complementiser ("said X, but that Y"). Of two clausal complements, one
    after the verb opened by a complementiser wins ("[Sitting down with MSNBC …], Clinton
    remarked [that she was surprised]": the parser also hangs the preposed clause on the
    verb)."""
    found = [
        child
        for child in verb.children
        if child.dep_ in lex.clause_deps
        or (
            child.dep_ == "advcl"
            and child.i > verb.i  # before the verb, "If they do, …" is a condition
            and any(m.dep_ == "mark" and m.lower_ in lex.question_marks for m in child.children)
        )
        or (child.dep_ == "advcl" and for_to_mark(child, lex) is not None)
    ]
    if len(found) > 1:
        found.sort(key=lambda c: not (c.i > verb.i and _opens_with_that(c, lex)))
    if _has_own_object(verb, lex):
        # "[The magnate was expected to …], Trump will accept the nomination"
        found = [c for c in found if c.i > verb.i]
    for child in found:
        rng = trim(verb.doc, *subtree(child), drop=lex.complementizers | lex.for_to_marks)
        if rng is not None and rng[0] <= verb.i < rng[1] and child.i > verb.i:
            # "a toll [which] the ministry said had topped 30,000": the relative pronoun,
            # fronted before the verb, is the clause's subject; what was said follows the verb
            rng = trim(verb.doc, verb.i + 1, rng[1], drop=lex.complementizers)
        if rng is None:
            continue
        end = rng[1]
        if child.i > verb.i:
            end = _abutting_clauses(verb, child, end, lex)
        rights = [c for c in verb.rights if c.i > child.i]
        for k, c in enumerate(rights[:-1]):
            nxt = rights[k + 1]
            if (
                c.dep_ == "cc"
                and nxt.dep_ == "conj"
                and any(g.dep_ in lex.subject_deps for g in nxt.children)
                and (c.lower_ in lex.content_conjunctions or _opens_with_that(nxt, lex))
                and c.i - end <= 2
            ):
                end = subtree(nxt)[1]
                break
        return child, trim(verb.doc, rng[0], end) or rng
    return None


def _abutting_clauses(verb: Token, child: Token, end: int, lex: CueLexicon) -> int:
    """End of the content when the parser split one clause into two complements of the cue
    that abut ("said [crews arriving at the dam] [found 12 survivors]", the participle phrase
    read as a clause of its own): a next clausal complement that starts where this one ends
    is the same content."""
    for nxt in verb.rights:
        if nxt.i > child.i and nxt.dep_ in lex.clause_deps and nxt.left_edge.i == end:
            end = nxt.right_edge.i + 1
    return end


def _has_own_object(verb: Token, lex: CueLexicon) -> bool:
    """A filled complement slot (`complement_deps`) after the verb, in its paragraph ("told
    [reporters]" names the hearer, so it does not count)."""
    if verb.lemma_.lower() in lex.addressee_verbs:
        return False
    doc = verb.doc
    return any(
        c.dep_ in lex.complement_deps
        and c.i > verb.i
        and not any("\n" in t.text for t in doc[verb.i + 1 : c.left_edge.i])  # a joined paragraph
        for c in verb.children
    )


def _opens_with_that(clause: Token, lex: CueLexicon) -> bool:
    """"said X, but [that Y]": a complementiser makes a coordinated clause a second content
    whatever the conjunction (without it, "but" opens the reporter's own comment)."""
    return any(
        m.dep_ == "mark" and m.lower_ in lex.complementizers and m.i == clause.left_edge.i
        for m in clause.children
    )


def for_to_mark(clause: Token, lex: CueLexicon) -> Token | None:
    """The "for" of a for-to clause with its own subject ("called [for] the UN to act"): the
    mark belongs to the cue, the clause from its subject on is the content."""
    if not any(c.dep_ in lex.subject_deps for c in clause.children):
        return None
    return next(
        (m for m in clause.children if m.dep_ == "mark" and m.lower_ in lex.for_to_marks), None
    )


def prep_then_infinitive(verb: Token, content: tuple[int, int]) -> tuple[int, tuple[int, int]] | None:
    """"called [on] residents to leave", "called [for] a prosecutor to investigate": the parser
    hangs the infinitive off the verb and its subject off a preposition between them. The
    preposition joins the cue; content runs from the preposition's object to the infinitive's
    end (PolNeAR writes it so; otherwise the object is lost and the cue swallows it)."""
    xcomp = next((c for c in verb.rights if c.dep_ == "xcomp" and c.left_edge.i == content[0]), None)
    if xcomp is None:
        return None
    for child in verb.rights:
        if child.dep_ == "prep" and child.i < xcomp.i and child.right_edge.i + 1 == xcomp.left_edge.i:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.left_edge.i == child.i + 1:
                return child.i, (obj.left_edge.i, content[1])
    return None


def that_clause(noun: Token, lex: CueLexicon) -> tuple[int, int] | None:
    """"issued a statement [that X]", "told reporters on Friday [that X]": a complement
    clause (opened by a complementiser, so not a relative clause) hanging off the object is
    what was said; the object is the channel or the hearer."""
    for c in noun.rights:
        if c.dep_ in {"acl", "ccomp"} and any(
            m.dep_ == "mark" and m.lower_ in lex.complementizers and m.i == c.left_edge.i
            for m in c.children
        ):
            return trim(noun.doc, *subtree(c), drop=lex.complementizers)
    return None


def adjunct_that_clause(verb: Token, lex: CueLexicon) -> tuple[int, int] | None:
    """"told reporters during a visit to Scotland on Friday [that X]": the parser hangs the
    that-clause off the last noun of an adjunct ("Friday", "visit"); for a cue verb it is
    the complement of the verb all the same."""
    for child in verb.rights:
        if child.dep_ != "prep":
            continue
        for tok in child.subtree:
            if tok.dep_ == "acl" and tok.i > child.i:
                clause = that_clause(tok.head, lex)
                if clause is not None:
                    return clause
    return None


def object_content(verb: Token, lex: CueLexicon) -> tuple[int, int] | None:
    """Object NP plus its continuation to the right of `verb` ("the toll at 53")."""
    rights = [c for c in verb.rights if not is_edge_junk(c)]
    obj = next((c for c in rights if c.dep_ in lex.object_deps), None)
    if obj is None:
        return None
    clause = that_clause(obj, lex)
    if clause is not None:
        return clause
    start, end = subtree(obj)
    for c in rights:
        if c.i > obj.i and c.dep_ in lex.object_tail_deps and c.left_edge.i <= end + 1:
            if any(g.ent_type_ in lex.adjunct_entities for g in c.children):
                break  # "endorsed X [in November]": when, not what
            end = max(end, subtree(c)[1])
    return trim(verb.doc, start, end)


def prep_content(verb: Token) -> tuple[int, tuple[int, int]] | None:
    """"called [for] X", "disagrees [with] X": the preposition joins the cue, X is content."""
    for child in verb.rights:
        if child.dep_ != "prep":
            continue
        obj = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
        if obj is None:
            return None
        rng = trim(verb.doc, *subtree(obj))
        return (child.i, rng) if rng is not None else None
    return None


def clause_after(doc: Doc, start: int, lex: CueLexicon) -> tuple[int, int] | None:
    """The words from `start` to the end of their sentence or paragraph, without a leading
    complementiser, when they form a clause (a verb among at least three words): the content
    of a cue whose parse went astray ("Ms. Khan said [Mr. Trump was ''ignorant'' of Islam]"
    parsed with the previous paragraph as the verb's complement)."""
    if start >= len(doc) or doc[start].is_punct or "\n" in doc[start].text:
        return None
    end = doc[start].sent.end
    for k in range(start, end):
        if "\n" in doc[k].text:
            end = k
            break
    if start < end and doc[start].lower_ in lex.complementizers:
        start += 1
    rng = trim(doc, start, end)
    if rng is None or rng[1] - rng[0] < 3:
        return None
    if not any(t.pos_ in {"VERB", "AUX"} for t in doc[rng[0] : rng[1]]):
        return None
    return rng
