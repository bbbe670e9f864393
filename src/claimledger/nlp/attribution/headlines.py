"""Headline attributions, found on the raw text of one-line paragraphs.

Why not the parse: headlines are not sentences. "Nearly 2,000 Ukrainian soldiers have
surrendered at Azovstal – Russia" has its source after a dash, and the small English parser
reads a Title Case line ("Russia Says 50 Killed, 73 Injured …") as one long proper name. Both
are recognised from the line's words instead, with the punctuation and vocabularies passed in
from attribution.toml.

Each function yields character offsets: (content, cue, source[, line]).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from claimledger.nlp.attribution.quotes import paragraphs

_WORD = re.compile(r"\S+")
_EDGE_PUNCT = ":,;!?.'\"“”‘’"
# a sentence end inside a line: "… the war. He said …" is body text, not a headline
# a word of a transcript's speaker label: capitals, with apostrophes, hyphens, full stops
_CAPS_WORD = re.compile(r"[A-Z][A-Z'’.\-]*[A-Z]\.?")
_INNER_STOP = re.compile(r"[.!?][\"”’']?\s+[A-Z“\"‘]")

Pair = list[int]


def present_forms(lemmas: frozenset[str]) -> frozenset[str]:
    """Third-person present forms of verb lemmas (says, denies, pushes): headline tense."""
    forms = set()
    for lemma in lemmas:
        if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
            forms.add(lemma[:-1] + "ies")
        elif lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
            forms.add(lemma + "es")
        else:
            forms.add(lemma + "s")
    return frozenset(forms)


def dash_headlines(text: str, dashes: frozenset[str], max_source_words: int) -> Iterator[tuple[Pair, Pair, Pair]]:
    """A one-line paragraph "<claim> – <Source>" with no final full stop."""
    for start, end in paragraphs(text):
        line = text[start:end].rstrip()
        if not line or line[-1] in ".:;,?!":
            continue
        for k in range(len(line) - 2, 0, -1):
            if line[k] in dashes and line[k - 1] == " " and line[k + 1] == " ":
                source = line[k + 1 :].strip()
                claim = line[:k].strip()
                words = source.split()
                if (
                    0 < len(words) <= max_source_words
                    and source[0].isupper()
                    and not any(ch.isdigit() for ch in source)
                    and len(claim.split()) >= 3
                ):
                    s_off = start + k + 1 + (len(line[k + 1 :]) - len(line[k + 1 :].lstrip()))
                    c_off = start + (len(line) - len(line.lstrip()))
                    yield (
                        [c_off, c_off + len(claim)],
                        [start + k, start + k + 1],
                        [s_off, s_off + len(source)],
                    )
                break


def title_frames(
    text: str,
    cues: frozenset[str],
    max_source_words: int,
    max_words: int,
    capitalised: float,
    final: frozenset[str],
) -> Iterator[tuple[Pair, Pair, Pair, tuple[int, int]]]:
    """"Russia Says 50 Killed …": in a Title Case line without final punctuation, a word that
    is a present-tense form of a speech cue (within `max_source_words` of the start) splits
    source from content."""
    for start, end in paragraphs(text):
        line = text[start:end]
        if line.rstrip()[-1:] in final:
            continue
        words = [(m.start() + start, m.group()) for m in _WORD.finditer(line)]
        if len(words) < 4 or len(words) > max_words:
            continue
        alpha = [w for _s, w in words if w[:1].isalpha()]
        if sum(w[0].isupper() for w in alpha) < capitalised * len(alpha):
            continue
        for k, (ws, word) in enumerate(words[1 : 1 + max_source_words + 2], 1):
            if word.strip(_EDGE_PUNCT).lower() not in cues:
                continue
            if len(words) - k - 1 < 2:
                break
            last_start, last = words[-1]
            content = [words[k + 1][0], last_start + len(last)]
            while content[1] > content[0] and text[content[1] - 1] in _EDGE_PUNCT:
                content[1] -= 1
            # a kicker before the headline proper ("HIMARS HAVOC! Russia Says …") is not source
            first = max((j + 1 for j in range(k) if words[j][1][-1:] in "!?:"), default=0)
            if first >= k:
                break
            prev_start, prev = words[k - 1]
            yield (
                content,
                [ws, ws + len(word.rstrip(_EDGE_PUNCT))],
                [words[first][0], prev_start + len(prev.rstrip(_EDGE_PUNCT))],
                (start, end),
            )
            break


def _colon_split(line: str, colons: frozenset[str]) -> tuple[int, int, str, str, int] | None:
    """A line opened by a label and a colon ("Kyiv: …", "TAPPER: …"): the label's indent, the
    colon's index, the label, the rest of the line, and where the rest starts; None when the
    first colon is not followed by a space or has nothing before or after it."""
    lead = len(line) - len(line.lstrip())
    k = next((i for i, ch in enumerate(line) if ch in colons), -1)
    if k <= lead or k + 1 >= len(line) or not line[k + 1].isspace():
        return None
    rest = line[k + 1 :]
    return lead, k, line[lead:k].strip(), rest.strip(), k + 1 + len(rest) - len(rest.lstrip())


def _line_ok(line: str) -> bool:
    return bool(line) and line[-1] not in ".;,?!"


def trailing_frames(
    text: str, cues: frozenset[str], max_source_words: int
) -> Iterator[tuple[Pair, Pair, Pair, tuple[int, int]]]:
    """"At least 112 killed waiting for aid, Palestinian health ministry says", "…, Palestinians
    Say": a one-line paragraph without final full stop that ends with ", <Source> <cue>",
    the cue a present-tense speech form; the words before the comma are the content."""
    for start, end in paragraphs(text):
        line = text[start:end].rstrip()
        if not _line_ok(line):
            continue
        comma = line.rfind(", ")
        if comma < 0:
            continue
        tail = [(m.start() + comma + 2, m.group()) for m in _WORD.finditer(line[comma + 2 :])]
        if not 2 <= len(tail) <= max_source_words + 1:
            continue
        cue_at, cue = tail[-1]
        source_words = [w for _s, w in tail[:-1]]
        if cue.lower() not in cues or any(ch.isdigit() for w in source_words for ch in w):
            continue
        if not any(w[:1].isupper() for w in source_words):
            continue
        claim = line[:comma].rstrip()
        if len(claim.split()) < 3:
            continue
        lead = len(line) - len(line.lstrip())
        last_start, last = tail[-2]
        yield (
            [start + lead, start + len(claim)],
            [start + cue_at, start + cue_at + len(cue)],
            [start + tail[0][0], start + last_start + len(last)],
            (start, end),
        )


def colon_headlines(
    text: str,
    colons: frozenset[str],
    labels: frozenset[str],
    single_words: frozenset[str],
    max_source_words: int,
    is_speaker: Callable[[int, int], bool] | None = None,
    is_place: Callable[[int, int], bool] | None = None,
) -> Iterator[tuple[Pair, Pair, Pair]]:
    """"Russian administration: 8 dead in occupied flooded areas", "UN: ‘…’ among injured": a
    one-line paragraph of one sentence opened by a short capitalised source and a colon (on
    the first line, the title, a final full stop that some feeds add to every title is not
    part of the claim; further down, a line that ends in one is body text: "JERUSALEM: …",
    "In short: …"). Labels ("Live updates:", "Exclusive:", "Quote:") are not sources, and a
    one-word source must be a country or capital ("Kyiv:"), or else no place `is_place`
    knows ("Kherson:", a dateline "JERUSALEM:") and an acronym ("UN:") or a name
    `is_speaker` says is a person or organisation ("Zelensky:")."""
    for para, (start, end) in enumerate(paragraphs(text)):
        line = text[start:end].rstrip()
        stopped_title = para == 0 and line.endswith(".") and not _INNER_STOP.search(line[:-1])
        if stopped_title:
            line = line[:-1].rstrip()
        if not _line_ok(line):
            continue
        split = _colon_split(line, colons)
        if split is None:
            continue
        lead, k, source, claim, claim_at = split
        words = source.split()
        if not 0 < len(words) <= max_source_words or len(claim.split()) < 3:
            continue
        if not source[0].isupper() or any(ch.isdigit() or ch in ",;()" for ch in source):
            continue
        if any(w.strip(_EDGE_PUNCT).lower() in labels for w in words):
            continue
        if len(words) == 1 and stopped_title and source.isupper():
            continue  # "JERUSALEM: Israel's army said Friday … ." is a dateline
        if len(words) == 1 and source.lower() not in single_words:
            s0, e0 = start + lead, start + lead + len(source)
            if is_place is not None and is_place(s0, e0):
                continue
            if not (source.isupper() and len(source.strip(".")) >= 2) and not (
                is_speaker is not None and is_speaker(s0, e0)
            ):
                continue
        c_off = start + claim_at
        yield (
            [c_off, c_off + len(claim)],
            [start + k, start + k + 1],
            [start + lead, start + lead + len(source)],
        )


def transcript_lines(
    text: str,
    colons: frozenset[str],
    labels: frozenset[str],
    max_source_words: int,
    is_place: Callable[[int, int], bool] | None = None,
) -> Iterator[tuple[Pair, Pair, Pair]]:
    """"TAPPER: And obviously, you're supporting …", "MR PRICE: We have seen …": the turns
    of a broadcast or briefing transcript. Each is a paragraph opened by a speaker label in
    capitals (one to `max_source_words` words) and a colon, and its whole text is that
    speaker's verbatim words. Only in a transcript: at least two such paragraphs, one
    speaker having two turns or three turns in all, so that a lone dateline ("JERUSALEM: …")
    or a kicker is never a speaker. Labels ("UPDATE:", "QUESTION:") and places are not
    speakers; a turn's label is the source mention, the colon its cue."""
    turns = []
    for start, end in paragraphs(text):
        line = text[start:end].rstrip()
        split = _colon_split(line, colons)
        if split is None:
            continue
        lead, k, label, said, said_at = split
        words = label.split()
        if not 0 < len(words) <= max_source_words or len(said.split()) < 2:
            continue
        if not all(_CAPS_WORD.fullmatch(w) for w in words):
            continue
        if any(w.strip(_EDGE_PUNCT).lower() in labels for w in words):
            continue
        s0 = start + lead
        if is_place is not None and is_place(s0, s0 + len(label)):
            continue
        c_off = start + said_at
        turns.append((words[-1], ([c_off, c_off + len(said)], [start + k, start + k + 1], [s0, s0 + len(label)])))
    surnames = [w for w, _ in turns]
    if len(turns) >= 3 or len(set(surnames)) < len(surnames):
        yield from (t for _, t in turns)


def source_line_leads(
    text: str, attributed: list[Pair], labels: frozenset[str]
) -> Iterator[tuple[Pair, Pair, Pair]]:
    """The lead paragraph right above the first "Source: X, title, …" line (the house style
    of Ukrainska Pravda and its copies: "The flood killed 31 people. / Source: Ihor Klymenko,
    Minister of …"): the line names who the lead reports, so the lead is X's claim (X being
    the name and title, up to the second comma). Only right under the lead: further down,
    "Source: NATO." credits a chart, not a statement. Not when a claim with a source already
    starts in the lead (`attributed`: the source mentions' offsets), nor for a one-line
    headline above the line (a headline without a full stop is a title, not the lead).
    """
    paras = paragraphs(text)
    for k, (start, end) in enumerate(paras):
        colon = text.find(":", start, end)
        if colon <= start or text[start:colon].strip().lower() not in labels or " " in text[start:colon].strip():
            continue
        if k == 0 or k > 2 or (k == 2 and text[paras[0][0] : paras[0][1]].rstrip().endswith(".")):
            return  # only under the lead (the first paragraph, or the one under a headline)
        ls, le = paras[k - 1]
        lead = text[ls:le].strip()
        if not lead.endswith((".", "!", "?", "”", '"')) or any(ls <= m[0] < le for m in attributed):
            return
        name_at = colon + 1 + len(text[colon + 1 : end]) - len(text[colon + 1 : end].lstrip())
        line = text[name_at:end].rstrip()
        commas = [i for i, ch in enumerate(line) if ch == ","]
        name = line[: commas[1] if len(commas) >= 2 else len(line)].rstrip()
        if not name:
            return
        cs = ls + len(text[ls:le]) - len(text[ls:le].lstrip())
        yield [cs, cs + len(lead)], [start, colon + 1], [name_at, name_at + len(name)]
        return
