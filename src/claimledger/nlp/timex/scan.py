"""Find time expressions: tokens become one-letter classes, expressions are class patterns.

Why a class string: each token is looked up once in the lexicon (a dict hit), and the few
TIMEX3 shapes ("Friday, May 20", "the past 24 hours", "earlier this week") are then plain
regular expressions over a string as long as the doc has tokens -- one pass per pattern
per doc, never a regex per token. Overlapping matches are settled by `choose_spans`.

Class letters::

    M month  W weekday  w weekdays (plural)  Y year  D number 1-31  N other number
    d numeric date ("20.05.2022", the year of "2022-05-20")  e holiday (each of its tokens)
    a a/an  k vague count  U unit  H quarter/half  Q ordinal  R today/yesterday...
    F now/recently...  T this  L last/past  X next  A ago  J later (after a unit)
    E early  Z late/end  I mid  P part of day  S season  K daily...  V every/each
    C clock digits  O noon/midnight  m a.m./p.m.  G decade  p ' of '80s  h the  o of
    c comma  - hyphen  b long  y old/aged  x anything else
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Token

from claimledger.nlp.timex.vocab import TimexVocab

_YEAR_RE = re.compile(r"^(1[0-9]|20)\d\d$")
_DECADE_RE = re.compile(r"^(?:(1[0-9]|20)(\d)0|'?(\d)0)'?s$")
_CLOCK_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_DAYNUM_RE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
#: a number a quantity of time can be: at most 30 digits before the point (Python refuses
#: int() of more than 4,300 digits, and no text counts days in numbers that long)
_NUM_RE = re.compile(r"^\d{1,30}(?:\.\d+)?$")
_DOTTED_RE = re.compile(r"^(\d{1,2})([./])(\d{1,2})\2(\d{4})$")
_TWO_DIGITS = re.compile(r"^\d\d$")

#: shapes of a time expression over the class string, most specific first
_NUMS = r"[DN]+(?:-[DN]+)*"  # "24", "twenty four", "twenty-four"
_QTY = rf"(?:{_NUMS}|ako|ak|ko|k|a)"
_QTY_HYPHEN = rf"(?:{_NUMS}-?|ako|ak|ko|k|a)"  # "24-hour", never "a-year" (as in "$4-a-year")
_EDGE = r"(?:h?[EZI]o(?:h)?|[EZI]-?)"
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx))
    for name, rx in (
        ("clock", r"(?:[DN]m|Cm?|O)(?:c?(?:W|R|MD|DM))?"),
        ("date", rf"{_EDGE}?(?:Wc?)?(?:MD|DM|h?DoM)(?:c?Y)?(?:c?W)?"),
        ("numeric_date", r"(?:Wc?)?d(?:-D-D)?"),
        ("holiday", r"e+(?:c?Y)?"),
        ("part_of", r"h?Po(?:W|MD|DM|R)(?:c?Y)?"),
        ("month_rel", r"M[TLX]U"),
        ("month", rf"{_EDGE}?[TLX]?M(?:Y)?"),
        ("decade", r"(?:h?[EZI]o)?h?[EZI]?-?p?G"),
        ("year", rf"{_EDGE}?Y"),
        ("quarter", r"h?(?:[TLX]|Y)?Q-?H(?:ohY)?(?:oY)?"),
        ("weekday", rf"{_EDGE}?[TLX]?W(?:P)?"),
        ("relday", r"[EZI]?-?P?R(?:P)?"),
        ("ago", rf"{_QTY_HYPHEN}U[AJ]"),
        ("shift", rf"{_EDGE}?T?[TLX](?:U|S|P|H)"),
        ("edge_unit", r"h?[EZI]ohU"),
        ("season", rf"{_EDGE}?h?S(?:o?Y)"),
        ("duration", rf"h?[LX]?Q?{_QTY_HYPHEN}?U(?:-b)?"),
        ("set", rf"K|V{_QTY}?(?:U|W|M|S|P|H)|w"),
        ("ref", r"h?F"),
    )
)


def _year_ok(tok: Token, vocab: TimexVocab) -> bool:
    """A four-digit number is a year unless it counts something ("2000 soldiers")."""
    if tok.ent_type_ in vocab.non_year_labels:
        return False
    prev_tok = tok.nbor(-1) if tok.i > 0 else None
    if tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS") and tok.head.lower_ not in vocab.units:
        # "almost 2000 soldiers" counts; "the 2022 elections", "Russia's 2014 annexation" date
        return prev_tok is not None and prev_tok.tag_ in ("DT", "PRP$", "POS")
    prev = prev_tok.text if prev_tok is not None else ""
    return prev not in vocab.year_not_after


def _month_ok(tok: Token, vocab: TimexVocab, nxt: Token | None) -> bool:
    """Capitalised, not inside a name; an ambiguous one ("May") also needs a date context."""
    if not tok.text[:1].isupper():
        return False
    if tok.ent_type_ in vocab.non_date_labels:
        return False
    low = tok.lower_.rstrip(".")
    if low not in vocab.ambiguous_months:
        return True
    if nxt is not None and (_DAYNUM_RE.match(nxt.text) or _YEAR_RE.match(nxt.text)):
        return True
    prev = tok.nbor(-1) if tok.i > 0 else None
    if prev is not None and _DAYNUM_RE.match(prev.text) and int(_DAYNUM_RE.match(prev.text).group(1)) <= 31:
        return True  # "16 May", "the 16th May"
    if prev is not None and prev.lower_ in vocab.month_cues:
        return tok.pos_ == "PROPN" or tok.ent_type_ == "DATE"
    return False


def classify(doc: Doc, vocab: TimexVocab) -> tuple[str, list[Any]]:
    """One class letter per token, plus its payload (number, month, offset...)."""
    classes: list[str] = []
    payload: list[Any] = []
    n = len(doc)
    holiday_left = 0
    for tok in doc:
        if holiday_left:
            holiday_left -= 1
            classes.append("e")
            payload.append(None)
            continue
        size, when = _holiday_at(doc, tok.i, vocab)
        if size:
            holiday_left = size - 1
            classes.append("e")
            payload.append(when)
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < n else None
        c, p = _classify_token(tok, nxt, vocab, classes[-1] if classes else "")
        classes.append(c)
        payload.append(p)
    return "".join(classes), payload


def _holiday_at(doc: Doc, i: int, vocab: TimexVocab) -> tuple[int, tuple[int, int] | None]:
    """Length and (month, day) of the longest capitalised holiday name starting at token i."""
    if not doc[i].text[:1].isupper():
        return 0, None
    best: tuple[int, tuple[int, int] | None] = (0, None)
    for words, when in vocab.holidays_by_first.get(doc[i].lower_, ()):
        k = len(words)
        if k > best[0] and i + k <= len(doc):
            if all(doc[i + j].lower_ == words[j] for j in range(1, k)):
                best = (k, when)
    return best


def _classify_token(tok: Token, nxt: Token | None, v: TimexVocab, prev_cls: str) -> tuple[str, Any]:
    text = tok.text
    low = tok.lower_
    nlow = nxt.lower_ if nxt is not None else ""
    if text[:1].isdigit():
        return _classify_digits(tok, text, nxt, v)
    if low in v.months and _month_ok(tok, v, nxt):
        return "M", v.months[low]
    if low in v.weekdays and text[:1].isupper() and tok.ent_type_ not in v.non_date_labels:
        return "W", v.weekdays[low]
    if low in v.weekdays_plural and text[:1].isupper():
        return "w", v.weekdays_plural[low]
    if low in v.relative_days:
        return "R", v.relative_days[low]
    if low in v.units:
        return "U", v.units[low]
    if low in v.period_units:
        return "H", v.period_units[low]
    if low in v.ordinals and (
        nlow in v.period_units or nlow == "-" or nlow in v.numbers or nlow[:1].isdigit()
    ):
        return "Q", v.ordinals[low]
    if prev_cls == "U" and low in v.ago_back:
        if low not in v.ago_need_pause or nxt is None or nxt.is_punct or nxt.is_sent_start:
            return "A", -1
    if prev_cls == "U" and low in v.ago_forward:
        return "J", 1
    if low in v.shifts and _shift_ok(low, nlow, v, tok):
        shift = v.shifts[low]
        return ("T" if shift == 0 else "L" if shift < 0 else "X"), shift
    if low in v.references and _reference_ok(low, tok, nlow, v):
        return "F", v.references[low]
    if "-" in low:
        head, _, tail = low.partition("-")
        if head in v.edges and _YEAR_RE.match(tail):
            return "Y", (int(tail), v.edges[head])
        if head in v.edges and tail in v.months and tok.text.partition("-")[2][:1].isupper():
            return "M", (v.months[tail], v.edges[head])
    if low in v.edges and _edge_ok(low, nlow, v):
        mod = v.edges[low]
        return ("E" if mod == "START" else "Z" if mod == "END" else "I"), mod
    if low in v.parts_of_day:
        return "P", v.parts_of_day[low]
    if low in v.seasons:
        return "S", v.seasons[low]
    if low in v.set_adverbs:
        return "K", v.set_adverbs[low]
    if low in v.set_quantifiers:
        return "V", None
    if low in v.clock_words:
        return "O", v.clock_words[low]
    if low in v.meridiem and prev_cls in ("D", "N", "C"):
        return "m", v.meridiem[low]
    if low in v.numbers or low in v.multipliers:
        return "N", low
    if low in v.vague and (nlow in v.units or nlow in v.of or nlow in v.vague):
        return "k", low
    if low in v.indefinite:
        return "a", 1
    if low in v.the:
        return "h", None
    if low in v.of:
        return "o", None
    if text == ",":
        return "c", None
    if text in v.hyphens:
        return "-", None
    if text in v.apostrophes and nxt is not None and _DECADE_RE.match(nxt.text):
        return "p", None
    if low in v.duration_suffix:
        return "b", None
    if low in v.age_words:
        return "y", None
    return "x", None


def _numeric_date(tok: Token, text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of "20.05.2022", "5/20/2022" or the "2022" of a split "2022-05-20"."""
    m = _DOTTED_RE.match(text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if m.group(2) == "/" and a <= 12:
            a, b = b, a  # slashes: month first (US) unless the first number cannot be a month
        return (y, b, a) if 1 <= b <= 12 and 1 <= a <= 31 else None
    doc = tok.doc
    if _YEAR_RE.match(text) and tok.i + 4 < len(doc):
        parts = [doc[tok.i + k].text for k in range(1, 5)]
        if parts[0] == parts[2] == "-" and _TWO_DIGITS.match(parts[1]) and _TWO_DIGITS.match(parts[3]):
            if not tok.whitespace_ and not doc[tok.i + 3].whitespace_:
                mm, dd = int(parts[1]), int(parts[3])
                if 1 <= mm <= 12 and 1 <= dd <= 31:
                    return int(text), mm, dd
    return None


def _classify_digits(tok: Token, text: str, nxt: Token | None, v: TimexVocab) -> tuple[str, Any]:
    ymd = _numeric_date(tok, text)
    if ymd is not None:
        return "d", ymd
    if _YEAR_RE.match(text) and _year_ok(tok, v) and (text >= "1900" or _old_year_ok(tok)):
        return "Y", int(text)
    m = _DECADE_RE.match(text)
    if m:
        if m.group(1):
            return "G", m.group(1) + m.group(2)
        prev = tok.nbor(-1).text if tok.i > 0 else ""
        if prev in v.apostrophes or (tok.i > 0 and tok.nbor(-1).lower_ in v.the):
            return "G", "19" + m.group(3)
        return "x", None
    m = _CLOCK_RE.match(text)
    if m:
        return "C", (int(m.group(1)), int(m.group(2)))
    m = _DAYNUM_RE.match(text)
    if m and text[-1:].isalpha():  # "20th": a day beside a month, else an ordinal
        prev = tok.nbor(-1).lower_.rstrip(".") if tok.i > 0 else ""
        after = nxt.lower_.rstrip(".") if nxt is not None else ""
        near_month = prev in v.months or after in v.months or after in v.of
        if near_month and 1 <= int(m.group(1)) <= 31:
            return "D", int(m.group(1))
        return "Q", int(m.group(1))
    if nxt is not None and nxt.lower_ in v.numbers:
        # "risen to 17 one week after": digits never join a number word after them into one
        # number ("17 one week" is no 18 weeks); the digits count something else
        return "x", None
    if m and 1 <= int(m.group(1)) <= 31:
        return "D", int(m.group(1))
    plain = text.replace(",", "")
    if _NUM_RE.match(plain):
        return "N", float(plain) if "." in plain else int(plain)
    return "x", None


def _old_year_ok(tok: Token) -> bool:
    """A year before 1900 must be spaCy's DATE and not follow a name ("Point 1709" is a hill)."""
    prev = tok.nbor(-1) if tok.i > 0 else None
    return tok.ent_type_ == "DATE" and (prev is None or prev.pos_ != "PROPN")


def _shift_ok(low: str, nlow: str, v: TimexVocab, tok: Token) -> bool:
    """"past"/"recent"/"current" shift only a unit or number that follows."""
    if low in v.shift_need_following:
        return (
            nlow in v.units
            or nlow in v.numbers
            or nlow in v.vague
            or nlow in v.indefinite
            or nlow[:1].isdigit()
            or nlow in v.period_units
            or nlow in v.seasons
        )
    return True


def _reference_ok(low: str, tok: Token, nlow: str, v: TimexVocab) -> bool:
    if low in v.ref_need_det:
        prev = tok.nbor(-1).lower_ if tok.i > 0 else ""
        return prev in v.ref_dets and tok.pos_ in ("NOUN", "PROPN", "ADJ") and tok.dep_ != "amod"
    if low in v.ref_need_head:
        return nlow in v.current_heads
    return True


def _edge_ok(low: str, nlow: str, v: TimexVocab) -> bool:
    """"end"/"beginning" narrow a date only as "the end of ..."."""
    if low in v.edge_need_of:
        return nlow in v.of
    return True


def choose_spans(classes: str) -> list[tuple[int, int, str]]:
    """All pattern matches; longest first, then leftmost, then pattern order, no overlaps."""
    found: list[tuple[int, int, int, str]] = []
    for rank, (name, rx) in enumerate(PATTERNS):
        pos = 0
        while True:
            m = rx.search(classes, pos)
            if m is None:
                break
            if m.end() > m.start():
                found.append((m.start(), m.end(), rank, name))
                pos = m.start() + 1
            else:
                pos = m.start() + 1
    found.sort(key=lambda f: (f[0] - f[1], f[0], f[2]))
    taken = [False] * (len(classes) + 1)
    chosen: list[tuple[int, int, str]] = []
    for start, end, _rank, name in found:
        if any(taken[start:end]):
            continue
        for i in range(start, end):
            taken[i] = True
        chosen.append((start, end, name))
    chosen.sort()
    return chosen
