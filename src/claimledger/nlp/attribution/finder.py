"""Direct quotes, reported speech, according-to and headline-dash attributions.

The stage finds attribution frames in four independent finders and writes one plain row per
claim on ``doc._.claims`` (contract in `nlp/extensions.py`):

* direct quotes (`quotes.find_stretches`), each given a speaker by `speakers`; a quote of
  at most `scare_max_words` words is a scare quote, not a claim;
* reported speech under a cue verb and nominal frames ("the figure given by X"), see
  `reported` and `according`;
* according-to frames;
* headline dashes ("Nearly 2,000 … at Azovstal – Russia").

The sources stage resolves each `source_mention` to an entity; the hedges stage fills
`verification`, `hedges` and `insertions`. `stated_on` is set only when a dated time
expression (from `doc._.times`) sits in the claim's own frame — the assembler infers the rest.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span, Token

from claimledger.data import load_lexicon
from claimledger.nlp.attribution.according import (
    find_according,
    find_adverbial,
    find_nominal,
    find_noun_frames,
)
from claimledger.nlp.attribution.claim_dates import stated_on
from claimledger.nlp.attribution.complements import clause_after
from claimledger.nlp.attribution.cue_model import CueModel, frame_features, load_cue_model
from claimledger.nlp.attribution.datelines import Datelines
from claimledger.nlp.attribution.edges import Edges, split_around_cue
from claimledger.nlp.attribution.frames import CueLexicon, Frame, Page, scan, subtree, trim
from claimledger.nlp.attribution.headlines import (
    colon_headlines,
    dash_headlines,
    present_forms,
    source_line_leads,
    title_frames,
    trailing_frames,
    transcript_lines,
)
from claimledger.nlp.attribution.quotes import (
    QuoteMarks,
    Stretch,
    find_stretches,
    looks_like_title,
    paragraphs,
)
from claimledger.nlp.attribution.reported import (
    cue_range,
    find_verb_frames,
    frame_range,
    subject_range,
)
from claimledger.nlp.attribution.rows import (
    chars,
    claim_row,
    in_paragraph,
    inside_any,
    own_paragraph,
    paragraph_of,
    token_before,
)
from claimledger.nlp.attribution.speakers import Speakers
from claimledger.nlp.budget import DEFAULT_SENTENCE_WORK, charge_sentence_work, sentence_lengths


def nested_rows(rows: list[dict]) -> set[int]:
    """Indices of the rows whose cue and content both lie inside another (different) content.

    One sweep in order of start: the contents begun so far are summed up by the two that
    reach furthest with different extents, which answers "does any other content cover
    this?" for each row, so the work grows as n log n in the rows, not n squared.
    """
    outers = sorted((tuple(r["content"]) for r in rows), key=lambda o: o[0])
    queries = sorted(
        (min(cue[0], r["content"][0]), max(cue[1], r["content"][1]), i)
        for i, r in enumerate(rows)
        for cue in [r["cue"] or r["content"]]
    )
    best: tuple[int, int] | None = None  # the begun content that ends last
    second: tuple[int, int] | None = None  # the one ending last among the others
    nested: set[int] = set()
    k = 0
    for lo, hi, i in queries:
        while k < len(outers) and outers[k][0] <= lo:
            o = outers[k]
            k += 1
            if best is None or (o != best and o[1] > best[1]):
                second, best = best, o
            elif o != best and (second is None or o[1] > second[1]):
                second = o
        cover = second if best == tuple(rows[i]["content"]) else best
        if cover is not None and cover[1] >= hi:
            nested.add(i)
    return nested


def relayed(doc: Doc, row: dict, rows: list[dict], speech: frozenset[str]) -> bool:
    """Whether a nested frame names a speaker of its own inside an outer claim's content.

    "The ministry said it did not strike the station, which local authorities said had
    killed 39", "Shoigu said 40 died, Russian news agencies reported": the inner speaker
    is who claims the figure, the outer only relays or glosses it, so the inner frame stays
    a claim. A nested cue whose speaker is the outer one's ("Kuleba said … and called for
    …"), that names none ("reportedly") or only points back ("with one saying …") is still
    part of the outer statement; so is a belief ("one saying soldiers thought …"): only a
    speech cue, or according-to, relays. And only a frame whose content holds a figure of
    an event (killed, wounded, …) is kept: who claims a toll is what the ledger needs;
    elsewhere the nested frame is the outer speaker's words as often as not.
    """
    c0, c1 = row["content"]
    if not any(c0 <= f["start"] and f["end"] <= c1 and f.get("event") for f in doc._.figures or []):
        return False
    anchor = row["_anchor"]
    if row["kind"] != "according_to" and (anchor is None or doc[anchor].lemma_.lower() not in speech):
        return False
    src = row["source_mention"]
    root = _root(doc, src)
    if root is None or root.pos_ not in {"NOUN", "PROPN"}:
        return False
    return any(
        o is not row
        and o["content"][0] <= src[0]
        and src[1] <= o["content"][1]
        and o["source_mention"] != src
        for o in rows
    )


def _root(doc: Doc, pair: list[int] | None) -> Token | None:
    span = doc.char_span(pair[0], pair[1], alignment_mode="expand") if pair else None
    return span.root if span is not None and len(span) else None


def continuations(doc: Doc, rows: list[dict], lex: CueLexicon) -> list[dict]:
    """New rows for participle clauses that go on with a statement: '“…,” the spokesman
    said, bringing to 2,439 the total number of …' — the total is the spokesman's too.

    A clause of `continuation_deps` with a `continuation_tags` verb, after a `speech` cue,
    outside its content, with no subject of its own and not itself a cue ("…, saying …"
    and "…, adding …" are frames of their own), and holding a number and a figure noun
    ("the total", "the toll"), becomes a claim of the same source and cue (other
    participles are the writer's gloss as often as not).
    """
    out = []
    seen: set[int] = set()
    for r in rows:
        anchor = r["_anchor"]
        if anchor is None or not r["source_mention"] or anchor in seen:
            continue
        verb = doc[anchor]
        if verb.lemma_.lower() not in lex.speech:
            continue  # "Eastern Ukraine has seen fighting, leading to …": no statement
        for child in verb.rights:
            if (
                child.dep_ not in lex.continuation_deps
                or child.tag_ not in lex.continuation_tags
                or lex.is_cue_lemma(child.lemma_.lower())
                or any(c.dep_ in lex.subject_deps for c in child.children)
            ):
                continue
            rng = trim(doc, *subtree(child))
            words = doc[rng[0] : rng[1]] if rng is not None else []
            if not any(t.like_num for t in words) or not any(
                t.lemma_.lower() in lex.figure_nouns for t in words
            ):
                continue  # "bringing [the total] to 2,439": a running figure, not a gloss
            content = chars(doc, rng)
            if content is None or r["content"][0] <= content[0] < r["content"][1]:
                continue
            seen.add(anchor)
            out.append(claim_row("indirect", content, r["cue"], r["source_mention"], None, r["_frame"]))
    return out


def _label(text: str, start: int, end: int) -> str | None:
    """The label word of a paragraph part "Quote: “" / "Source: " (lower-cased), if any."""
    head = text[start:end].strip().strip("\"“”«„'‘’").strip()
    word, colon, rest = head.partition(":")
    if not colon or rest.strip() or " " in word.strip():
        return None
    return word.strip().lower()


def _source_lines(text: str, paras: list[tuple[int, int]],
                  source_labels: frozenset[str]) -> list[tuple[int, list[int]]]:
    """(paragraph index, name span) of each 'Source: X, title, …' line (the name and title,
    up to the second comma)."""
    named: list[tuple[int, list[int]]] = []
    for k, (s, e) in enumerate(paras):
        colon = text.find(":", s, e)
        if colon > s and _label(text, s, colon + 1) in source_labels:
            start = colon + 1 + len(text[colon + 1 : e]) - len(text[colon + 1 : e].lstrip())
            line = text[start:e].rstrip()
            commas = [i for i, ch in enumerate(line) if ch == ","]
            stop = commas[1] if len(commas) >= 2 else len(line)
            if line[:stop].strip():
                named.append((k, [start, start + len(line[:stop].rstrip())]))
    return named


def _bare_document(words: list[str], report_nouns: frozenset[str], agent_preps: frozenset[str]) -> bool:
    """Whether a source's words are a document of no one ("preliminary reports", "confirmed
    data", "the latest figures"): lower-case words ending in a report noun, with no agent."""
    return (
        0 < len(words) <= 4
        and all(w.isalpha() and w.islower() for w in words)
        and words[-1] in report_nouns
        and not agent_preps & set(words)
    )


def labelled_documents(text: str, rows: list[dict], source_labels: frozenset[str],
                       report_nouns: frozenset[str], agent_preps: frozenset[str]) -> None:
    """'According to confirmed data, …' under a 'Source: X, title, …' line: the data are
    X's, the one the line says the report rests on, so the according-to claim is X's. The
    line above the claim's paragraph counts, or the first one when the claim is in the lead
    right above it; an according-to naming anyone ("figures from Kyiv") keeps its source."""
    paras = paragraphs(text)
    named = _source_lines(text, paras, source_labels)
    if not named:
        return
    for r in rows:
        src = r["source_mention"]
        if r["kind"] != "according_to" or not src:
            continue
        if not _bare_document(text[src[0]:src[1]].split(), report_nouns, agent_preps):
            continue
        p = paragraph_of(paras, src[0])
        above = [n for n in named if n[0] < p]
        if above:
            r["source_mention"] = list(max(above, key=lambda n: n[0])[1])
        elif named[0][0] == p + 1:
            r["source_mention"] = list(named[0][1])


def labelled_quotes(text: str, rows: list[dict], quote_labels: frozenset[str], source_labels: frozenset[str]) -> None:
    """'Quote: “…”' with no speaker of its own: the speaker of the previous paragraph's last
    claim with a source, else the one a 'Source: X, title, …' line above names (the name
    and title, up to the second comma)."""
    paras = paragraphs(text)
    named = _source_lines(text, paras, source_labels)
    for r in rows:
        if r["kind"] != "direct_quote" or r["source_mention"]:
            continue
        p = paragraph_of(paras, r["content"][0])
        if p >= len(paras) or _label(text, paras[p][0], r["content"][0]) not in quote_labels:
            continue
        before = [
            o for o in rows
            if o["source_mention"] and o is not r and paragraph_of(paras, (o["cue"] or o["content"])[0]) == p - 1
        ]
        if before:
            r["source_mention"] = list(max(before, key=lambda o: (o["cue"] or o["content"])[0])["source_mention"])
        elif any(k < p for k, _ in named):
            r["source_mention"] = list(max((n for n in named if n[0] < p), key=lambda n: n[0])[1])


def _has_verb(doc: Doc, pair: list[int]) -> bool:
    span = doc.char_span(pair[0], pair[1], alignment_mode="expand")
    return span is not None and any(t.pos_ in {"VERB", "AUX"} for t in span)


def _other_ents(doc: Doc, start: int) -> Iterator[Span]:
    """The entities of `doc` other than the one holding char `start`."""
    return (ent for ent in doc.ents if not ent.start_char <= start < ent.end_char)


def named_speaker(doc: Doc, start: int, end: int, speakers: frozenset[str]) -> bool:
    """Whether the one word at chars `start:end` names a person or organisation: elsewhere in
    the document it is part of a longer `speakers` entity ("Graham:" and "Sen. Lindsey
    Graham"). (That it is no place, `named_place`, the headline rule asks first.)"""
    word = doc.text[start:end].lower()
    return any(
        ent.label_ in speakers and len(ent) > 1 and any(t.lower_ == word for t in ent)
        for ent in _other_ents(doc, start)
    )


def named_place(doc: Doc, start: int, end: int, places: frozenset[str]) -> bool:
    """Whether the word at chars `start:end` is, anywhere else in the document, a `places`
    entity, in any case ("JERUSALEM:" and "in Jerusalem")."""
    word = doc.text[start:end].lower()
    return any(ent.label_ in places and ent.text.lower() == word for ent in _other_ents(doc, start))


def cannot_speak(doc: Doc, pair: list[int] | None, non_speakers: frozenset[str]) -> bool:
    """Whether a source mention is headed by a thing that cannot speak ("The shooting",
    "Death toll from the attack", "the airstrike"): a common noun of the `non_speakers`
    group, not part of a name."""
    root = _root(doc, pair)
    return (
        root is not None
        and root.pos_ == "NOUN"
        and not root.ent_type_
        and root.lemma_.lower() in non_speakers
    )


def speaking_rows(doc: Doc, rows: list[dict], non_speakers: frozenset[str]) -> list[dict]:
    """Rows whose source can speak (before nested frames are weighed, so that a dropped
    frame does not hide the real claim inside it).

    A reported frame whose subject is an event or a toll ("The shooting adds to a toll
    which the ministry said had topped 30,000", "Flood has claimed lives") attributes
    nothing: it is dropped. A quote whose only speaker is such a thing ('the airstrike
    claimed “between 200 and 300 lives”') loses that speaker (see `quotes_in_claims`).
    The verb a quote hangs its inverted speaker on ('“…,” stated the military') heads no
    second frame whose content is that speaker.
    """
    speakers = {
        (r["_anchor"], tuple(r["source_mention"]))
        for r in rows
        if r["kind"] == "direct_quote" and r["_anchor"] is not None and r["source_mention"]
    }
    kept = []
    for r in rows:
        if r["kind"] != "direct_quote" and (r["_anchor"], tuple(r["content"])) in speakers:
            continue
        if cannot_speak(doc, r["source_mention"], non_speakers):
            if r["kind"] != "direct_quote":
                continue
            r["source_mention"] = None
        kept.append(r)
    return kept


def quotes_in_claims(rows: list[dict]) -> None:
    """A quote without speaker inside the content of a claim with a source ('the ministry
    said the airstrike claimed “…”', a headline 'UN: “…” among injured') is that source's
    words: it takes the source of the innermost such claim."""
    outers = [r for r in rows if r["kind"] != "direct_quote" and r["source_mention"]]
    for r in rows:
        if r["kind"] != "direct_quote" or r["source_mention"]:
            continue
        s, e = r["content"]
        holders = [o for o in outers if o["content"][0] <= s and e <= o["content"][1]]
        if holders:
            inner = min(holders, key=lambda o: o["content"][1] - o["content"][0])
            r["source_mention"] = list(inner["source_mention"])


class AttributionFinder(Pipe):
    """Direct quotes, reported speech, according-to and headline-dash attributions.

    A `Pipe`, so that `nlp.set_error_handler` reaches it and `nlp.pipe` applies the handler
    per document. It keeps configuration only: what one document needs travels in a `Page`.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        lexicon: str,
        scare_max_words: int = 3,
        tail_max_tokens: int = 20,
        headline_max_source_words: int = 5,
        model: str | None = "attribution_cues",
        threshold: float | None = None,
        drop_nested: bool = True,
        title_max_words: int = 20,
        title_capitalised: float = 0.7,
        quoted_title_max_words: int = 8,
        max_sentence_work: int = DEFAULT_SENTENCE_WORK,
    ) -> None:
        """Config (every one a factory key): `model` names packaged cue-model weights (None: lexicon rules only),
        `threshold` overrides the model's own; `scare_max_words` is the longest scare quote;
        `tail_max_tokens` how far after a closing mark a speaker is looked for;
        `headline_max_source_words` the longest headline source; `drop_nested` whether frames
        inside another claim's content are dropped; `title_*` what counts as a Title Case line
        (`title_capitalised` also for a quoted title of at most `quoted_title_max_words` words);
        `max_sentence_work` the document's budget of token visits (see `nlp.budget`).
        """
        self.max_sentence_work = max_sentence_work
        self.name = name
        self.lexicon = lexicon
        lex = load_lexicon(lexicon)
        self.marks = QuoteMarks.from_lexicon(lex["quote_marks"])
        self.cues = CueLexicon.from_lexicon(lex)
        self.dashes = frozenset(lex["headline"]["dashes"])
        self.colons = frozenset(lex["headline"]["colons"])
        self.headline_labels = frozenset(lex["headline"]["labels"])
        self.speaker_entities = frozenset(lex["headline"]["speaker_entities"])
        self.place_entities = frozenset(lex["headline"]["place_entities"])
        sources_lex = load_lexicon("sources")
        self.country_words = frozenset(
            w for forms in sources_lex["countries"].values() for w in forms if " " not in w
        )
        self.quote_labels = frozenset(lex["labels"]["quote"])
        self.source_labels = frozenset(lex["labels"]["source"])
        report_nouns = sources_lex["report_nouns"]
        self.report_nouns = frozenset(report_nouns["words"])
        self.agent_preps = frozenset(report_nouns["agent_preps"])
        self.datelines = Datelines(lex["dateline"]["separators"], lex["dateline"]["max_words"])
        self.edges = Edges.from_lexicon(lex)
        self.alone_final = frozenset(lex["quote_marks"]["said_alone_final"])
        self.scare_max_words = scare_max_words
        self.tail_max_tokens = tail_max_tokens
        self.headline_max_source_words = headline_max_source_words
        self.drop_nested = drop_nested
        self.title_cues = present_forms(self.cues.speech)
        self.title_max_words = title_max_words
        self.title_capitalised = title_capitalised
        self.quoted_title_max_words = quoted_title_max_words
        self.speakers = Speakers(self.marks, self.cues, self.alone_final, tail_max_tokens)
        self.model: CueModel | None = load_cue_model(model) if model else None
        # a configured threshold holds for every family; else the model's own, per family
        self.threshold = threshold

    def __call__(self, doc: Doc) -> Doc:
        rows = self.find(doc)
        self.set_annotations(doc, rows)
        return doc

    # -- finding ---------------------------------------------------------------------------

    def find(self, doc: Doc) -> list[dict]:
        """All claim rows of `doc`, in text order."""
        text = doc.text  # doc.text joins all tokens: build it once
        quotes, in_quote = self.quotes(doc, text)
        page = Page(doc, text, in_quote)
        rows = self.speakers.quote_rows(page, quotes)
        rows += self._reported_rows(page, quotes)
        rows += self._colon_rows(page, {r["_anchor"] for r in rows})
        rows += continuations(doc, rows, self.cues)
        rows = speaking_rows(doc, rows, self.cues.non_speakers)
        turns = self._transcript_rows(doc, text)
        if turns:
            # a turn's label and colon are its source and cue, never another claim's; and a
            # turn is verbatim speech, so, as inside quotation marks, no frame forms within it
            spans = [t["content"] for t in turns]
            heads = {s for s, _ in spans}
            rows = [
                r for r in rows
                if r["kind"] == "direct_quote" and r["content"][0] not in heads
                or not any(s <= (r["cue"] or r["content"])[0] < e for s, e in spans)
            ] + turns
        rows = self._title_policy(self.nested_policy(doc, rows), text)
        rows += [r for r in self._headline_rows(doc, text) if not any(t["content"] == r["content"] for t in turns)]
        for row in rows:
            # "PGO: …" is a source, "MOSCOW: …" a dateline, "TAPPER: …" a transcript's speaker
            if row["kind"] != "headline" and not row.pop("_turn", False):
                row["source_mention"] = self.datelines.cut(text, row["source_mention"])
        quotes_in_claims(rows)
        labelled_quotes(text, rows, self.quote_labels, self.source_labels)
        rows = split_around_cue(text, rows, self.edges.cue_joiners)
        self.edges.cue_tails(doc, rows)
        for row in rows:
            self.edges.apply(text, row)
        # a "Source: X, title, …" label line is no sentence: its source takes no edge
        rows += self._source_line_rows(text, rows)
        labelled_documents(text, rows, self.source_labels, self.report_nouns, self.agent_preps)
        for row in rows:
            row["stated_on"] = self._stated_on(page, row, quotes)
            del row["_anchor"], row["_frame"]
        rows.sort(key=lambda r: (r["content"][0], -r["content"][1], r["kind"]))
        return rows

    def _reported_rows(self, page: Page, quotes: list[Stretch]) -> list[dict]:
        """Rows of the parse-based frames (verbs, according-to, nominal, adverbial, speech
        nouns) outside the direct quotes, one per content and cue."""
        doc, in_quote = page.doc, page.in_quote
        scanned = scan(doc, self.cues)
        charge_sentence_work(
            "speech verbs", sentence_lengths(doc, (t.i for t in scanned.verbs)), self.max_sentence_work
        )
        accept = self._accept if self.model else None
        frames = find_verb_frames(doc, self.cues, in_quote, accept, scanned)
        frames += find_according(doc, self.cues, in_quote, scanned)
        frames += find_nominal(doc, self.cues, in_quote, scanned)
        frames += find_adverbial(doc, self.cues, in_quote, scanned)
        frames += find_noun_frames(doc, self.cues, in_quote, scanned, accept)
        anchors = {f.anchor for f in frames if f.anchor is not None}
        # "was quoted as [saying X]": the inner cue's frame wins over the outer one
        frames = [f for f in frames if f.content[0] not in anchors or f.content[0] == f.anchor]
        rows = []
        seen: set[tuple] = set()
        for frame in frames:
            row = self._frame_row(page, frame)
            if row is None or inside_any(row["content"], quotes):
                continue  # a clause inside quotation marks is the direct quote's claim
            key = (tuple(row["content"]), tuple(row["cue"] or ()))
            if key in seen:
                continue
            seen.add(key)
            rows.append(row)
        return rows

    def _title_policy(self, rows: list[dict], text: str) -> list[dict]:
        """A Title Case headline line with a cue ("Russia Says 50 Killed …") is read from its
        words: its rows replace whatever the parse found in that line."""
        titles = self._title_rows(text)
        if not titles:
            return rows
        lines = [t.pop("_line") for t in titles]
        rows = [r for r in rows if not any(a <= (r["cue"] or r["content"])[0] < b for a, b in lines)]
        return rows + titles

    def nested_policy(self, doc: Doc, rows: list[dict]) -> list[dict]:
        """Drop reported frames that sit, cue and all, inside another claim's content.

        "Kuleba said Russia had committed a war crime and called for condemnation": the inner
        "called for" is part of what Kuleba said, not a claim the outlet attributes. (Frames
        inside quotes never form; see `quotes`.)
        """
        if not self.drop_nested:
            return rows
        nested = nested_rows(rows)
        return [
            r for i, r in enumerate(rows)
            if r["kind"] == "direct_quote" or i not in nested or relayed(doc, r, rows, self.cues.speech)
        ]

    def quotes(self, doc: Doc, text: str | None = None) -> tuple[list[Stretch], list[bool]]:
        """Quoted stretches that are claims, and which tokens they cover.

        A quoted title ('on “Meet the Press”', see `looks_like_title`) is never a claim. A
        stretch of at most `scare_max_words` words is a scare quote ('their “combat
        mission” in Mariupol') unless it is said on its own: it ends with punctuation inside
        the marks and a speaker follows ('“Really?” he asked') or introduces it ('he said, “…”').
        """
        text = doc.text if text is None else text
        stretches = [q for q in find_stretches(text, self.marks) if not self._quoted_title(text, q)]
        long_ = [q for q in stretches if len(text[q.start : q.end].split()) > self.scare_max_words]
        in_quote = self._mask(doc, long_)
        page = Page(doc, text, in_quote)
        quotes = [
            q
            for q in stretches
            if len(text[q.start : q.end].split()) > self.scare_max_words
            or self.speakers.said_alone(page, q)
        ]
        if len(quotes) != len(long_):
            in_quote = self._mask(doc, quotes)
        return quotes, in_quote

    def _quoted_title(self, text: str, q: Stretch) -> bool:
        """A quoted title in a prose paragraph (in a Title Case headline every quote looks
        like one, and there it is what the headline attributes)."""
        if not looks_like_title(
            text[q.start : q.end].split(), self.title_capitalised, self.quoted_title_max_words
        ):
            return False
        start = text.rfind("\n", 0, q.open_at) + 1
        end = text.find("\n", q.open_at)
        line = text[start : end if end >= 0 else len(text)].split()
        return not looks_like_title(line, self.title_capitalised, len(line))

    @staticmethod
    def _mask(doc: Doc, quotes: list[Stretch]) -> list[bool]:
        in_quote = [False] * len(doc)
        for q in quotes:
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is not None:
                for k in range(span.start, span.end):
                    in_quote[k] = True
        return in_quote

    def _accept(self, tok: Token, frame: Frame, how: str) -> bool:
        assert self.model is not None
        features = frame_features(tok, frame, how, self.cues)
        if self.threshold is not None:
            return self.model.score(features) >= self.threshold
        return self.model.accepts(features, how)

    def set_annotations(self, doc: Doc, rows: list[dict]) -> None:
        """Append the rows to ``doc._.claims`` (another stage may have written some)."""
        doc._.claims = list(doc._.claims or []) + rows

    # -- other frames ----------------------------------------------------------------------

    def _colon_rows(self, page: Page, anchors: set) -> list[dict]:
        """"The ministry said in a statement:" closing a paragraph, and the next paragraph
        without quotation marks (statements pasted from Telegram, tweets): that paragraph is
        the content. (With marks, it is a direct quote; see `Speakers`.)"""
        doc, text = page.doc, page.text
        paras = paragraphs(text)
        rows = []
        for (ps, pe), (ns, ne) in zip(paras, paras[1:], strict=False):
            if not text[ps:pe].rstrip().endswith(":"):
                continue
            first = text[ns:ne].lstrip()[:1]
            if first in self.marks.opening or first in self.marks.straight:
                continue
            last = token_before(doc, pe)
            verb = self.speakers.lead_cue(page, last) if last is not None else None
            if verb is None or verb.i in anchors:
                continue
            subj = subject_range(verb, self.cues)
            content = [ns + len(text[ns:ne]) - len(text[ns:ne].lstrip()), ne - (len(text[ns:ne]) - len(text[ns:ne].rstrip()))]
            rows.append(
                claim_row(
                    "indirect",
                    content,
                    chars(doc, cue_range(verb, self.cues)),
                    chars(doc, subj) if subj is not None else None,
                    verb.i,
                    chars(doc, frame_range(verb)),
                )
            )
        return rows

    def _frame_row(self, page: Page, frame: Frame) -> dict | None:
        doc, text = page.doc, page.text
        content = chars(doc, frame.content)
        if content is None:
            return None
        if frame.cue is not None:
            cue = chars(doc, frame.cue)
            gap = (cue[1], content[0]) if cue[1] <= content[0] else (content[1], cue[0])
            if "\n" in text[gap[0] : gap[1]]:
                # the parser joined two paragraphs; the colon rule reads frames ending in ':'
                return self._paragraph_rescue(doc, frame)
            content = own_paragraph(text, content, cue)
            if content is None:
                return None
        return claim_row(
            frame.kind,
            content,
            chars(doc, frame.cue) if frame.cue else None,
            in_paragraph(text, chars(doc, frame.source) if frame.source else None),
            frame.anchor,
            chars(doc, frame.frame) if frame.frame else None,
        )

    def _paragraph_rescue(self, doc: Doc, frame: Frame) -> dict | None:
        """A speech verb whose parsed complement lies in the previous paragraph: its content
        is the clause after it in its own paragraph, its source a subject in that paragraph."""
        verb = doc[frame.anchor] if frame.anchor is not None else None
        if verb is None or frame.content[0] > verb.i or verb.lemma_.lower() not in self.cues.speech:
            return None
        cue = cue_range(verb, self.cues)
        content = clause_after(doc, cue[1], self.cues)
        if content is None:
            return None
        source = frame.source
        if source is not None and any("\n" in t.text for t in doc[source[0] : cue[0]]):
            source = None
        return claim_row("indirect", chars(doc, content), chars(doc, cue), chars(doc, source),
                    frame.anchor, chars(doc, frame_range(verb)))

    def _title_rows(self, text: str) -> list[dict]:
        rows = []
        for content, cue, source, line in title_frames(
            text, self.title_cues, self.headline_max_source_words,
            self.title_max_words, self.title_capitalised, self.alone_final,
        ):
            row = claim_row("indirect", content, cue, source, None, None)
            row["_line"] = line
            rows.append(row)
        titled = {tuple(r["_line"]) for r in rows}
        for content, cue, source, line in trailing_frames(
            text, self.title_cues, self.headline_max_source_words
        ):
            if line not in titled:
                row = claim_row("indirect", content, cue, source, None, None)
                row["_line"] = line
                rows.append(row)
        return rows

    def _source_line_rows(self, text: str, rows: list[dict]) -> list[dict]:
        """The lead a "Source: X, title" line names the source of (`source_line_leads`)."""
        attributed = [r["source_mention"] for r in rows if r["source_mention"]]
        return [
            claim_row("indirect", content, cue, source, None, None)
            for content, cue, source in source_line_leads(text, attributed, self.source_labels)
        ]

    def _headline_rows(self, doc: Doc, text: str) -> list[dict]:
        found = list(dash_headlines(text, self.dashes, self.headline_max_source_words))
        found += [
            (content, cue, source)
            for content, cue, source in colon_headlines(
                text, self.colons, self.headline_labels, self.country_words, self.headline_max_source_words,
                lambda s, e: named_speaker(doc, s, e, self.speaker_entities),
                lambda s, e: named_place(doc, s, e, self.place_entities),
            )
            if not _has_verb(doc, source)  # "He says: “…”" introduces a quote
        ]
        return [
            claim_row("headline", content, cue, source, None, None)
            for content, cue, source in found
            if not cannot_speak(doc, source, self.cues.non_speakers)
        ]

    def _transcript_rows(self, doc: Doc, text: str) -> list[dict]:
        """The turns of a transcript ("TAPPER: …"), each its speaker's verbatim words."""
        return [
            {**claim_row("direct_quote", content, cue, source, None, None), "_turn": True}
            for content, cue, source in transcript_lines(
                text, self.colons, self.headline_labels, self.headline_max_source_words,
                lambda s, e: named_place(doc, s, e, self.place_entities),
            )
        ]

    def _stated_on(self, page: Page, row: dict, quotes: list[Stretch]) -> dict | None:
        blocked = [(q.open_at, (q.close_at or q.end) + 1) for q in quotes]
        return stated_on(page.text, page.doc._.times or [], row, row.get("_frame"), blocked)


__all__ = ["AttributionFinder"]
