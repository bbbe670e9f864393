"""Plain claim rows and the character-offset helpers the attribution stage builds them with.

Frames are token ranges; rows are character offsets into `doc.text` (the contract in
`nlp/extensions.py`). These helpers only convert between the two and test positions against
paragraphs and quotes; `writers_gloss` is the one reading of a row the assembler
(`claimledger.extract`) asks of the parse afterwards.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.nlp.attribution.quotes import Stretch


def claim_row(
    kind: str,
    content: list[int],
    cue: list[int] | tuple[int, int] | None,
    source: list[int] | tuple[int, int] | None,
    anchor: int | None,
    frame: list[int] | None,
) -> dict:
    return {
        "kind": kind,
        "content": list(content),
        "cue": list(cue) if cue else None,
        "source_mention": list(source) if source else None,
        "stated_on": None,
        "verification": None,
        "hedges": [],
        "insertions": [],
        "source": None,
        "_anchor": anchor,
        "_frame": frame,
    }


def chars(doc: Doc, rng: tuple[int, int] | None) -> list[int] | None:
    if rng is None or rng[1] <= rng[0]:
        return None
    last = doc[rng[1] - 1]
    return [doc[rng[0]].idx, last.idx + len(last.text)]


def token_before(doc: Doc, char: int) -> Token | None:
    """The last non-space token ending at or before `char`."""
    span = doc.char_span(0, char, alignment_mode="contract") if char > 0 else None
    if span is None or not len(span):
        return None
    k = span.end - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    return doc[k] if k >= 0 else None


def paragraph_of(paras: list[tuple[int, int]], char: int) -> int:
    for k, (s, e) in enumerate(paras):
        if s <= char < e:
            return k
    return len(paras)


def starts_paragraph(text: str, paras: list[tuple[int, int]], stretch: Stretch) -> bool:
    p = paragraph_of(paras, stretch.open_at)
    return p < len(paras) and text[paras[p][0] : stretch.open_at].strip() == ""


def inside_any(content: list[int], quotes: list[Stretch]) -> bool:
    return any(q.open_at <= content[0] and content[1] <= (q.close_at or q.end) + 1 for q in quotes)


def own_paragraph(text: str, content: list[int], cue: list[int]) -> list[int] | None:
    """The part of a content in its cue's paragraph: a parse that runs a content on into
    the next paragraph (or back into the previous one) has joined two paragraphs."""
    s, e = content
    if "\n" not in text[s:e]:
        return content
    anchor = min(max(cue[0], s), e)
    cut = text.rfind("\n", s, anchor)
    if cut >= 0:
        s = cut + 1
    nxt = text.find("\n", anchor, e)
    if nxt >= 0:
        e = nxt
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return [s, e] if e > s else None


def in_paragraph(text: str, source: list[int] | None) -> list[int] | None:
    """The part of a source mention in the cue's paragraph: a parse that joins a headline to
    the next paragraph's subject must not make the headline a speaker."""
    if source is None:
        return None
    cut = text.rfind("\n", source[0], source[1])
    if cut < 0:
        return source
    start = cut + 1
    while start < source[1] and text[start].isspace():
        start += 1
    return [start, source[1]] if start < source[1] else None


def writers_gloss(doc: Doc, content: list[int], start: int, end: int) -> bool:
    """Whether chars `start:end` sit in a relative clause inside a noun-phrase content:
    "Zelensky addressed [the attack in Olenivka], which killed at least 40 …", "denounced as
    a war crime [a prison attack that killed dozens]" — the clause is the writer's
    description of the thing the source speaks of, not what the source said, so a figure
    there is not the source's claim. (A clausal content — "said the attack, which killed 40,
    was deliberate" — keeps it: there the words are reported.)"""
    whole = doc.char_span(content[0], content[1], alignment_mode="expand")
    part = doc.char_span(start, end, alignment_mode="expand")
    if whole is None or part is None or whole.root.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return False
    tok = part.root
    while tok.i != tok.head.i and whole.start <= tok.i < whole.end:
        if tok.dep_ == "relcl" and tok.left_edge.i > whole.start:
            return whole.start <= tok.head.i < whole.end
        tok = tok.head
    return False
