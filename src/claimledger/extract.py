"""From text to an `Extraction`: run the pipeline once, then assemble the JSON contract.

The spaCy stages write plain rows on the Doc (see `nlp/extensions.py`); this module turns
them into the pydantic models, gives everything stable ids, attaches each figure to the claim
whose content holds it (or to a `narrative` claim of the outlet), and fills the dates a
reader would infer: a claim's `stated_on` defaults to an earlier dated claim of the same
source, then to the publication day; a figure's `as_of` to its claim's date.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from claimledger import settings
from claimledger.data import load_lexicon
from claimledger.documents import (
    DocumentInput,
    anchor_date,
    document_id,
    lone_surrogate,
    parse_published,
)
from claimledger.errors import InputError
from claimledger.model import (
    Claim,
    Document,
    Extraction,
    Figure,
    Source,
    Span,
    Time,
    Verification,
    When,
    plain_number,
)
from claimledger.nlp.attribution.rows import writers_gloss
from claimledger.nlp.tokens import tokenize


#: a lone surrogate: not a character, so no UTF-8 output could hold it
def _span(text: str, pair: list[int] | tuple[int, int] | None) -> Span | None:
    if pair is None:
        return None
    return Span.of(text, int(pair[0]), int(pair[1]))


def _when(row: dict | None) -> When | None:
    if not row:
        return None
    return When(date=row["date"], precision=row["precision"], text=row.get("text"))


def _contains(outer: list[int], inner: list[int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _sentence_bounds(doc: Doc, text: str, start: int, end: int) -> tuple[int, int]:
    """Character bounds of the sentence holding [start, end), trailing space left out.

    `text` is `doc.text`, passed in because `Doc.text` joins every token on each call.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start, end
    sent = span[0].sent
    s, e = sent.start_char, sent.end_char
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def dated_by_publication(doc: Doc, row: dict) -> bool:
    """Whether an undated claim may take the publication day as its date.

    True for a speech event in the simple past or present ("said", "told", "says"); false for
    a perfect ("has said": some time before), a state of mind ("believe"), a headline, or a
    claim with no cue to judge by. The vocabulary is in lexicons/dating.toml.
    """
    lex = load_lexicon("dating")
    if row["kind"] in lex["undated_kinds"]["kinds"]:
        return False
    cue = row.get("cue")
    if not cue:
        return row["kind"] in ("according_to", "direct_quote", "narrative")
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None:
        return True
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")]
    if any(t.lemma_.lower() in lex["undated_cues"]["stative"] for t in verbs):
        return False
    perfect = lex["undated_cues"]["perfect_auxiliaries"]
    if any(t.lemma_.lower() in perfect and t.dep_ == "aux" for t in span) and any(
        t.tag_ == "VBN" for t in span
    ):
        return False
    return True


#: when one statement is framed twice ("X said …, according to a statement by X"), the
#: frame kept: the one that dates it, then this order of kinds
_KIND_ORDER = ("direct_quote", "indirect", "according_to", "headline")


def _frame_rank(row: dict) -> tuple[bool, int]:
    kind = row["kind"]
    return row.get("stated_on") is None, _KIND_ORDER.index(kind) if kind in _KIND_ORDER else 9


def _row_order(row: dict) -> tuple[int, int, str]:
    """Claims in reading order; an outer claim before the claims nested in it."""
    return row["content"][0], -row["content"][1], row["kind"]


def merge_same_claims(rows: list[dict]) -> list[dict]:
    """One claim per (content, source): two frames of one statement are one claim.

    "the Ukrainian military said [X], according to a statement by the country’s military"
    attributes X twice to the same (resolved) source; counting it twice would double the
    claim in the ledger. The row kept is the one that dates the statement, else the more
    specific kind; hedges and verification of the other are kept with it.
    """
    kept: dict[tuple, dict] = {}
    unresolved: list[dict] = []
    for row in rows:
        if row.get("source") is None:
            unresolved.append(row)
            continue
        key = (tuple(row["content"]), row["source"])
        if key not in kept:
            kept[key] = row
            continue
        best, rest = sorted((kept[key], row), key=_frame_rank)
        merged = dict(best)
        hedges = {tuple(h) for h in best.get("hedges", []) + rest.get("hedges", [])}
        merged["hedges"] = [list(h) for h in sorted(hedges)]
        merged["verification"] = best.get("verification") or rest.get("verification")
        kept[key] = merged
    return sorted([*kept.values(), *unresolved], key=_row_order)


def _times(doc: Doc) -> list[Time]:
    text = doc.text
    rows = sorted(doc._.times or [], key=lambda r: (r["start"], r["end"]))
    return [
        Time(
            id=f"t{i}",
            span=Span.of(text, row["start"], row["end"]),
            type=row["type"],
            value=row.get("value"),
            mod=row.get("mod"),
        )
        for i, row in enumerate(rows, 1)
    ]


def _sources(doc: Doc) -> list[Source]:
    text = doc.text
    return [
        Source(
            id=f"s{i}",
            name=row["name"],
            kind=row.get("kind") or "unknown",
            title=row.get("title"),
            affiliation=row.get("affiliation"),
            mentions=[Span.of(text, s, e) for s, e in sorted(row.get("mentions", []))],
        )
        for i, row in enumerate(doc._.sources or [], 1)
    ]


def figure_owners(doc: Doc, claim_rows: list[dict], figure_rows: list[dict]) -> dict[int, int | None]:
    """Which claim each figure belongs to: the innermost claim whose content holds it.

    A figure in the writer's own gloss inside a reported claim ("…, which killed 40") is
    not the source's, so it belongs to no claim of the source (only quotes are exempt: the
    words inside them are the speaker's).

    The figures are swept in text order against the claims that have begun and not yet
    ended, so the work is the number of figures times the claims open at one point (a few),
    not figures times claims.
    """
    owner: dict[int, int | None] = {}
    by_start = sorted(range(len(claim_rows)), key=lambda ci: claim_rows[ci]["content"][0])
    opened = 0
    open_claims: list[int] = []
    for fi in sorted(range(len(figure_rows)), key=lambda k: figure_rows[k]["start"]):
        frow = figure_rows[fi]
        while opened < len(by_start) and claim_rows[by_start[opened]]["content"][0] <= frow["start"]:
            open_claims.append(by_start[opened])
            opened += 1
        open_claims = sorted(ci for ci in open_claims if claim_rows[ci]["content"][1] >= frow["start"])
        best: int | None = None
        for ci in open_claims:
            crow = claim_rows[ci]
            if _contains(crow["content"], [frow["start"], frow["end"]]) and not (
                crow["kind"] != "direct_quote"
                and writers_gloss(doc, crow["content"], frow["start"], frow["end"])
            ):
                if best is None or (
                    crow["content"][1] - crow["content"][0]
                    < claim_rows[best]["content"][1] - claim_rows[best]["content"][0]
                ):
                    best = ci
        owner[fi] = best
    return {fi: owner[fi] for fi in range(len(figure_rows))}


def _openers() -> tuple[str, ...]:
    return tuple(load_lexicon("sources")["continuation_openers"]["words"])


def continued_claim(doc: Doc, text: str, bounds: tuple[int, int], claim_rows: list[dict]) -> int | None:
    """The claim a sentence of unowned figures goes on with, if it opens on a part of the
    figures just stated ("Salha said 176 wounded were brought in, 142 with gunshot wounds.
    The other 34 showed injuries from a stampede."; "Of those, 33 settlements …"): the
    attributed claim (with a resolved source) that ends in the sentence right before.

    Only such openers: a sentence merely following a statement is the outlet's own as often
    as not ("Another 109 people were wounded", background tolls).
    """
    head = text[bounds[0] : bounds[1]].lower()
    if not any(head.startswith(o) and not head[len(o) : len(o) + 1].isalnum() for o in _openers()):
        return None
    span = doc.char_span(bounds[0], bounds[1], alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    k = span.start - 1
    while k > 0 and doc[k].is_space:
        k -= 1
    prev = doc[k].sent
    lo, hi = prev.start_char, prev.end_char
    best: int | None = None
    for ci, row in enumerate(claim_rows):
        c0, c1 = row["content"]
        if row.get("source") is None or row["kind"] == "narrative" or not (lo <= c1 <= hi + 1 and c0 < hi):
            continue
        if best is None or c1 > claim_rows[best]["content"][1]:
            best = ci
    return best


def add_narrative_claims(
    doc: Doc, claim_rows: list[dict], figure_rows: list[dict], owner: dict[int, int | None]
) -> list[dict]:
    """All claim rows, with one narrative claim (the outlet's) per sentence of unowned figures.

    Every figure must belong to a claim so the ledger can say who states it; a figure no
    source states is the outlet's own statement, unless its sentence goes on with the
    statement before it (`continued_claim`): then it is a claim of that statement's source.
    `owner` is updated in place.
    """
    narrative: dict[tuple[int, int], list[int]] = {}
    text = doc.text
    for fi, ci in owner.items():
        if ci is None:
            bounds = _sentence_bounds(doc, text, figure_rows[fi]["start"], figure_rows[fi]["end"])
            narrative.setdefault(bounds, []).append(fi)
    all_claims: list[dict] = [dict(row) for row in claim_rows]
    for bounds in sorted(narrative):
        prev = continued_claim(doc, text, bounds, claim_rows)
        if prev is None:
            all_claims.append({"kind": "narrative", "content": list(bounds), "source": None})
        else:
            row = claim_rows[prev]
            all_claims.append({
                "kind": "indirect", "content": list(bounds), "source": row["source"],
                "source_mention": row.get("source_mention"), "cue": row.get("cue"),
                "stated_on": row.get("stated_on"), "verification": None, "hedges": [], "insertions": [],
            })
        for fi in narrative[bounds]:
            owner[fi] = len(all_claims) - 1
    return all_claims


def claim_dates(doc: Doc, all_claims: list[dict], order: list[int], pub_when: When | None) -> dict[int, When | None]:
    """Each claim's `stated_on`: explicit, else an earlier dated claim of the same source,
    else the publication day when the cue is a dated speech event (`dated_by_publication`)."""
    stated: dict[int, When | None] = {}
    last_by_source: dict[int, When] = {}
    for old in order:
        row = all_claims[old]
        when = _when(row.get("stated_on"))
        src = row.get("source")
        if when is None and src is not None and src in last_by_source:
            when = last_by_source[src]
        if when is None and dated_by_publication(doc, row):
            when = pub_when
        if src is not None and row.get("stated_on"):
            last_by_source[src] = _when(row["stated_on"])  # type: ignore[assignment]
        stated[old] = when
    return stated


def _figure(text: str, fid: str, claim_id: str | None, frow: dict, as_of: When | None) -> Figure:
    return Figure(
        id=fid,
        claim_id=claim_id,
        span=Span.of(text, frow["start"], frow["end"]),
        value=plain_number(frow.get("value")),
        low=plain_number(frow.get("low")),
        high=plain_number(frow.get("high")),
        qualifier=frow["qualifier"],
        unit=frow.get("unit"),
        event=frow.get("event"),
        predicate=frow.get("predicate"),
        location=frow.get("location"),
        as_of=as_of,
        period_start=frow.get("period_start"),
        cumulative=frow.get("cumulative"),
    )


def _claim(text: str, cid: str, row: dict, n_sources: int, stated_on: When | None, figure_ids: list[str]) -> Claim:
    ver = row.get("verification")
    src = row.get("source")
    return Claim(
        id=cid,
        kind=row["kind"],
        content=Span.of(text, *row["content"]),
        source_id=f"s{src + 1}" if src is not None and src < n_sources else None,
        source_mention=_span(text, row.get("source_mention")),
        cue=_span(text, row.get("cue")),
        stated_on=stated_on,
        verification=Verification(status=ver["status"], evidence=_span(text, ver.get("evidence")))
        if ver
        else None,
        hedges=[Span.of(text, s, e) for s, e in row.get("hedges", [])],
        insertions=[Span.of(text, s, e) for s, e in row.get("insertions", [])],
        figure_ids=figure_ids,
    )


def assemble(doc: Doc, meta: DocumentInput) -> Extraction:
    """Turn a processed Doc into the JSON contract: ids in reading order, every figure in a claim."""
    text = doc.text
    published = anchor_date(doc._.published)
    pub_when = When(date=published, precision="day", text=None) if published else None
    document = Document(
        id=meta.id or document_id(text, meta.url),
        url=meta.url,
        title=meta.title,
        outlet=meta.outlet,
        published=doc._.published,
        text=text,
    )
    sources = _sources(doc)

    claim_rows = merge_same_claims(sorted(doc._.claims or [], key=_row_order))
    figure_rows = sorted(doc._.figures or [], key=lambda r: (r["start"], r["end"]))
    owner = figure_owners(doc, claim_rows, figure_rows)
    all_claims = add_narrative_claims(doc, claim_rows, figure_rows, owner)
    order = sorted(range(len(all_claims)), key=lambda i: _row_order(all_claims[i]))
    rank = {old: new for new, old in enumerate(order)}
    stated = claim_dates(doc, all_claims, order, pub_when)

    figures: list[Figure] = []
    fig_ids_by_claim: dict[int, list[str]] = {}
    for fi, frow in enumerate(figure_rows):
        fid = f"f{fi + 1}"
        ci = owner[fi]
        if ci is not None:
            fig_ids_by_claim.setdefault(ci, []).append(fid)
        as_of = _when(frow.get("as_of")) or (stated.get(ci) if ci is not None else pub_when)
        figures.append(_figure(text, fid, f"c{rank[ci] + 1}" if ci is not None else None, frow, as_of))

    claims = [
        _claim(text, f"c{new}", all_claims[old], len(sources), stated[old], fig_ids_by_claim.get(old, []))
        for new, old in enumerate(order, 1)
    ]
    return Extraction(document=document, sources=sources, claims=claims, figures=figures, times=_times(doc))


def check_input(item: DocumentInput) -> None:
    """Refuse, with one line, a document the pipeline cannot analyse or the output cannot hold.

    A lone surrogate (half of a UTF-16 pair, e.g. from a bad `\\ud800` escape) in any
    field cannot be written as UTF-8; a text over `CLAIMLEDGER_MAX_CHARS` characters would
    exceed spaCy's memory estimate (its error E088) and the work budget.
    """
    limit = settings.max_chars()
    if len(item.text) > limit:
        raise InputError(
            f"text has {len(item.text):,} characters, more than the limit of {limit:,} "
            f"({settings.MAX_CHARS_VAR})"
        )
    if problem := lone_surrogate({name: getattr(item, name) for name in ("text", "url", "title", "outlet", "id")}):
        raise InputError(problem)


class Extractor:
    """Loads the pipeline once and extracts any number of documents with it.

    >>> ex = Extractor()
    >>> ex.extract("Shoigu said 1,908 soldiers surrendered.", published="2022-05-20")
    """

    def __init__(self, nlp: Language | None = None, model: str | None = None) -> None:
        if nlp is None:
            from claimledger.nlp.pipeline import build_pipeline

            nlp = build_pipeline(model)
        self.nlp = nlp
        self._warned_undated = False

    def _make_doc(self, item: DocumentInput) -> Doc:
        check_input(item)
        doc = tokenize(self.nlp, item.text)
        budget = settings.max_tokens()
        if len(doc) > budget:
            raise InputError(
                f"text has {len(doc):,} tokens, more than the work budget of {budget:,} per "
                f"document ({settings.MAX_TOKENS_VAR})"
            )
        doc._.published = parse_published(item.published)
        if doc._.published is None and item.text.strip() and not self._warned_undated:
            print(
                "warning: no published date; relative dates (Thursday, last week) stay unresolved",
                file=sys.stderr,
            )
            self._warned_undated = True
        return doc

    def extract(
        self,
        text: str,
        published: str | date | None = None,
        url: str | None = None,
        title: str | None = None,
        outlet: str | None = None,
        id: str | None = None,
    ) -> Extraction:
        """Extract one document."""
        item = DocumentInput(
            text=text,
            published=parse_published(published),
            url=url,
            title=title,
            outlet=outlet,
            id=id,
        )
        return next(iter(self.extract_many([item])))

    def extract_many(self, items: Iterable[DocumentInput], batch_size: int = 16) -> Iterator[Extraction]:
        """Extract a stream of documents lazily, in order; memory stays flat."""
        metas: deque[DocumentInput] = deque()  # inputs in flight inside nlp.pipe, in order

        def docs() -> Iterator[Doc]:
            for item in items:
                metas.append(item)
                yield self._make_doc(item)

        for doc in self.nlp.pipe(docs(), batch_size=batch_size):
            meta = metas.popleft()
            yield assemble(doc, meta)

    def extract_each(
        self, items: Iterable[DocumentInput], batch_size: int = 16
    ) -> Iterator[Extraction | Exception]:
        """Like `extract_many`, but a document the pipeline fails on fails alone.

        Why: `nlp.pipe` stops at the first document a stage raises on (a work budget, a
        text no stage can read), which would take every later document of a batch with it.
        Each chunk of `batch_size` is tried whole; when it fails, its documents are tried one
        by one and the bad one yields its exception in its place, in input order.
        """
        chunk: list[DocumentInput] = []
        for item in items:
            chunk.append(item)
            if len(chunk) == batch_size:
                yield from self._extract_chunk(chunk, batch_size)
                chunk = []
        if chunk:
            yield from self._extract_chunk(chunk, batch_size)

    def _extract_chunk(self, chunk: list[DocumentInput], batch_size: int) -> list[Extraction | Exception]:
        """The chunk's results; after a failure, what was already yielded is kept and only
        the rest is tried one by one."""
        done: list[Extraction | Exception] = []
        try:
            done.extend(self.extract_many(chunk, batch_size))
            return done
        except Exception as exc:  # the pipeline's failure on this one text, reported in its place
            if len(chunk) == 1:
                return [exc]
        return done + [got for item in chunk[len(done) :] for got in self._extract_chunk([item], 1)]


_default: Extractor | None = None


def extract(
    text: str,
    published: str | date | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
) -> Extraction:
    """Extract one article with a shared, lazily loaded `Extractor`."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default.extract(text, published=published, url=url, title=title, outlet=outlet)
