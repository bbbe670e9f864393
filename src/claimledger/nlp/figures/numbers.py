"""Reading number expressions off spaCy tokens: digits, number words, scales, vague plurals.

Kept apart from `finder.py` because it answers one question only -- "does a number start at
this token, where does it end and what is it worth?" -- and knows nothing about units, dates
or events. All vocabulary comes from the `figures` lexicon; the only pattern in code is the
shape of a digit token ("1,908", "1.37", "25k", "$1.762bn"), which is notation, not language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

#: a digit token: optional glued prefix (currency, "~"), digits with separators, glued suffix
DIGIT_TOKEN = re.compile(
    r"^(?P<pre>[^\d\s]{0,3}?)"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<suf>[^\d\s]{0,12})$"
)


@dataclass(frozen=True)
class DigitToken:
    """The parts of one token such as "25k" or "US$5": prefix, numeric value, suffix."""

    value: float
    prefix: str
    suffix: str
    has_separator: bool
    digits: str


@dataclass
class NumberMatch:
    """A number expression over tokens [start, end): its value, or a vague [low, high]."""

    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    vague: bool = False
    currency_prefix: str | None = None  # glued prefix of the first token, e.g. "US$"
    glued_suffix: str | None = None  # glued suffix of the last token that is not a scale, e.g. "km"
    only_digits: bool = False  # one bare digit token (candidate year / id)
    word: bool = False  # spelled out in words ("two", "a dozen")
    scale: float = 1.0  # product of the scale words applied ("million" -> 1e6)
    approx_prefix: bool = False  # glued "~" or "≈"


class NumberVocab:
    """The number words of the lexicon, as sets and dicts for O(1) lookups per token."""

    def __init__(self, lex: dict[str, Any]) -> None:
        nums = lex["numbers"]
        self.words: dict[str, int] = {k.lower(): int(v) for k, v in nums["words"].items()}
        self.scales: dict[str, int] = {k.lower(): int(v) for k, v in nums["scales"].items()}
        self.abbrev: dict[str, int] = {k.lower(): int(v) for k, v in nums["abbrev_scales"].items()}
        rules = nums["abbrev_rules"]
        self.money_only = {w.lower() for w in rules["money_only"]}
        self.articles = {w.lower() for w in rules["articles"]}
        self.joiners = {w.lower() for w in rules["joiners"]}
        self.fractions: dict[str, float] = {k.lower(): float(v) for k, v in nums["fractions"].items()}
        vague = lex["vague"]
        self.plurals: dict[str, tuple[int, int]] = {
            k.lower(): (int(v[0]), int(v[1])) for k, v in vague["plurals"].items()
        }
        self.multipliers: dict[str, int] = {k.lower(): int(v) for k, v in vague["multipliers"].items()}
        self.vague_prefixes = [tuple(p.lower().split()) for p in vague["prefixes"]["words"]]
        # plural scale word -> scale ("thousands" -> 1000), for "tens of thousands"
        self.plural_scales = {k + "s": v for k, v in self.scales.items()}
        self.currency = {k.lower(): v for k, v in lex["units"]["currency_symbols"].items()}
        self.currency_prefixes = {
            k.lower(): v for k, v in lex["units"]["currency_prefixes"].items()
        }
        self.need_of = {w.lower() for w in vague["need_of"]["words"]}
        self.negative = {w.lower() for w in nums["negative"]["words"]}

    def currency_name(self, prefix: str) -> str | None:
        """The unit name of a glued currency prefix ("US$" -> "US dollars")."""
        low = prefix.lower()
        return self.currency.get(low) or self.currency_prefixes.get(low)

    def starts_number(self, lower: str, like_num: bool) -> bool:
        """Cheap first test on a token: can a number expression begin here?"""
        return (
            like_num
            or lower in self.words
            or lower in self.plurals
            or lower in self.articles
            or lower in self.multipliers
            or lower in self.fractions
            or any(ch.isdigit() for ch in lower[:4])
        )


def parse_digit_token(text: str) -> DigitToken | None:
    """Split a token like "1,908", "1.37", "25k", "US$5" or "10km" into its parts."""
    if not text or not any(ch.isdigit() for ch in text):
        return None
    m = DIGIT_TOKEN.match(text)
    if m is None:
        return None
    num = m.group("num")
    try:
        value = float(num.replace(",", ""))
    except ValueError:
        return None
    return DigitToken(
        value=value,
        prefix=m.group("pre"),
        suffix=m.group("suf"),
        has_separator="," in num,
        digits=num,
    )


def _word_value(doc: Doc, i: int, end_limit: int, vocab: NumberVocab) -> tuple[int, float] | None:
    """Read spelled-out numbers from token i: "two", "twenty - five", "one hundred and fifty".

    Returns (end index, value) or None. Scale words are left to the caller.
    """
    total = 0
    current = 0
    j = i
    seen = False
    while j < end_limit:
        low = doc[j].lower_
        if low in vocab.words:
            current += vocab.words[low]
            seen = True
            j += 1
            continue
        if low == "hundred" and seen:
            current = max(current, 1) * 100
            j += 1
            continue
        if (
            seen
            and low in vocab.joiners
            and j + 1 < end_limit
            and doc[j + 1].lower_ in vocab.words
            and (low != "-" or not doc[j].whitespace_)
            and (low != "and" or (j > 0 and doc[j - 1].lower_ == "hundred"))
        ):
            j += 1
            continue
        break
    if not seen:
        return None
    return j, float(total + current)


def _apply_scales(
    doc: Doc, j: int, value: float, end_limit: int, vocab: NumberVocab
) -> tuple[int, float, float]:
    """Multiply by following scale words: "1.37 million", "two dozen", "a hundred thousand".

    Returns (end index, value, the scale applied).
    """
    scale = 1.0
    while j < end_limit:
        low = doc[j].lower_
        if low in vocab.scales:
            scale *= vocab.scales[low]
            j += 1
            continue
        break
    return j, value * scale, scale


def read_vague(doc: Doc, i: int, end_limit: int, vocab: NumberVocab) -> NumberMatch | None:
    """A vague amount at token i: "hundreds", "tens of thousands", "several hundred"."""
    low = doc[i].lower_
    # "tens of thousands", "hundreds of millions"
    if (
        low in vocab.multipliers
        and i + 2 < end_limit
        and doc[i + 1].lower_ == "of"
        and doc[i + 2].lower_ in vocab.plural_scales
    ):
        m = vocab.multipliers[low]
        s = vocab.plural_scales[doc[i + 2].lower_]
        return NumberMatch(i, i + 3, None, 2 * m * s, 10 * m * s - 1, vague=True)
    if low in vocab.plurals and (
        low not in vocab.need_of or (i + 1 < end_limit and doc[i + 1].lower_ == "of")
    ):
        lo, hi = vocab.plurals[low]
        return NumberMatch(i, i + 1, None, lo, hi, vague=True)
    # "several hundred", "a few thousand"
    for prefix in vocab.vague_prefixes:
        n = len(prefix)
        if i + n < end_limit and tuple(t.lower_ for t in doc[i : i + n]) == prefix:
            scale_word = doc[i + n].lower_
            if scale_word in vocab.scales:
                if scale_word + "s" in vocab.plurals:
                    lo, hi = vocab.plurals[scale_word + "s"]
                else:
                    s = vocab.scales[scale_word]
                    lo, hi = 2 * s, 10 * s - 1
                return NumberMatch(i, i + n + 1, None, lo, hi, vague=True)
    return None


def read_number(doc: Doc, i: int, end_limit: int, vocab: NumberVocab) -> NumberMatch | None:
    """The number expression that starts at token i (and ends before `end_limit`), if any."""
    tok = doc[i]
    low = tok.lower_
    vague = read_vague(doc, i, end_limit, vocab)
    if vague is not None:
        return vague
    # "a million", "a dozen", "an estimated" is not ours (qualifier)
    if low in vocab.articles:
        frac = _fraction(doc, i, end_limit, vocab)
        if frac is not None:
            return frac
        if i + 1 < end_limit and doc[i + 1].lower_ in vocab.scales:
            j, value, scale = _apply_scales(doc, i + 1, 1.0, end_limit, vocab)
            return NumberMatch(i, j, value, word=True, scale=scale)
        return None
    # "half a million"
    if low in vocab.fractions and i + 2 < end_limit and doc[i + 1].lower_ in vocab.articles:
        if doc[i + 2].lower_ in vocab.scales:
            j, value, scale = _apply_scales(doc, i + 2, vocab.fractions[low], end_limit, vocab)
            return NumberMatch(i, j, value, word=True, scale=scale)
    # "half of the condos", "a third of", "one fourth of", "two-thirds"
    frac = _fraction(doc, i, end_limit, vocab)
    if frac is not None:
        return frac
    words = _word_value(doc, i, end_limit, vocab)
    if words is not None:
        j, value = words
        j, value, scale = _apply_scales(doc, j, value, end_limit, vocab)
        return NumberMatch(i, j, value, word=True, scale=scale)
    slash = _digit_fraction(tok.text)
    if slash is not None:
        return NumberMatch(i, i + 1, slash)
    dt = parse_digit_token(tok.text)
    if dt is None:
        return None
    if dt.digits[:1] == "0" and len(dt.digits) > 1 and dt.digits[1:2].isdigit():
        return None  # "09", "007": parts of dates and codes
    value = dt.value
    currency: str | None = None
    approx = False
    prefix = dt.prefix.lower()
    if prefix:
        if prefix in vocab.currency or (
            prefix in vocab.currency_prefixes and (len(prefix) > 1 or _money_before(doc, i, vocab))
        ):
            currency = dt.prefix
        elif prefix in ("~", "≈"):
            approx = True
        elif prefix in ("+", "-", "−") and (i == 0 or doc[i - 1].whitespace_) and (
            # "COVID -19" is a name, not minus nineteen; "FTSE -0.6%" is a change
            i == 0 or not doc[i - 1].is_upper or not dt.digits.isdigit()
        ):
            value = -value if prefix != "+" else value
        else:
            return None  # "F16"/"G7"-like names
    suffix = dt.suffix.lower()
    glued: str | None = None
    scale = 1.0
    if suffix:
        money = currency is not None or _money_before(doc, i, vocab)
        if suffix in vocab.abbrev and (suffix not in vocab.money_only or money):
            scale = vocab.abbrev[suffix]
        elif suffix in vocab.scales:
            scale = vocab.scales[suffix]
        else:
            glued = dt.suffix
    j = i + 1
    # "10 000 people": thousands separated by a single space (European / Ukrainian style)
    if not prefix and not suffix and dt.digits.isdigit() and len(dt.digits) <= 3:
        while (
            j < end_limit and doc[j - 1].whitespace_ == " " and len(doc[j].text) == 3
            and doc[j].text.isdecimal()
        ):
            value = value * 1000 + int(doc[j].text)
            j += 1
    # "13.6 M" as spaCy splits "$13.6M": a scale suffix as the next, unspaced token
    if not suffix and not tok.whitespace_ and j < end_limit:
        nxt = doc[j].text.rstrip(".") or doc[j].text  # "USD10 m." at the end of a sentence
        if nxt.lower() in vocab.abbrev and _abbrev_is_scale(doc, i, j, nxt, currency, vocab):
            scale = vocab.abbrev[nxt.lower()]
            j += 1
    if glued is not None and glued.lower() in vocab.abbrev and _abbrev_is_scale(
        doc, i, i, glued, currency, vocab, digits=dt.digits
    ):
        scale, glued = vocab.abbrev[glued.lower()], None
    if glued is None:
        j, value, more = _apply_scales(doc, j, value * scale, end_limit, vocab)
        scale *= more
    return NumberMatch(
        i,
        j,
        value,
        currency_prefix=currency,
        glued_suffix=glued,
        only_digits=(j == i + 1 and scale == 1 and not dt.has_separator and "." not in dt.digits),
        scale=scale,
        approx_prefix=approx,
    )


def _abbrev_is_scale(
    doc: Doc, i: int, last: int, suffix: str, currency: str | None, vocab: NumberVocab,
    digits: str = "",
) -> bool:
    """Is "m"/"b" after a number a scale ("$5m", "1.2m tons", "4.3M") or a unit ("10m")?"""
    low = suffix.lower()
    if low not in vocab.money_only:
        return True
    if currency is not None or _money_before(doc, i, vocab) or suffix.isupper():
        return True
    if "." in digits or "." in doc[i].text:
        return True
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    return nxt is not None and (nxt.lower_ == "of" or nxt.pos_ in ("NOUN", "PROPN", "ADJ"))


def _digit_fraction(text: str) -> float | None:
    """ "1/2", "1⁄32": a proper fraction written with a slash (not "24/7" or "9/11")."""
    for sep in ("/", "⁄"):
        if sep in text:
            a, _, b = text.partition(sep)
            # lengths first: int() of a digit string past 4,300 digits raises
            if not (a.isdecimal() and b.isdecimal() and len(a.lstrip("0")) <= 3 and len(b.lstrip("0")) <= 3):
                continue
            if 0 < int(a) < int(b) and int(b) in (2, 3, 4, 8, 16, 32, 64, 128):
                return int(a) / int(b)
    return None


def _fraction(doc: Doc, i: int, end_limit: int, vocab: NumberVocab) -> NumberMatch | None:
    """ "half of", "a third of", "one fourth of", "two-thirds": a fraction as a value."""
    low = doc[i].lower_
    if low in vocab.fractions:
        nxt = doc[i + 1] if i + 1 < end_limit else None
        if low == "half" and nxt is not None and (nxt.lower_ == "of" or nxt.pos_ == "DET"):
            return NumberMatch(i, i + 1, vocab.fractions[low], word=True)
        return None
    if low in vocab.articles or low in vocab.words:
        n = 1.0 if low in vocab.articles else float(vocab.words[low])
        j = i + 1
        if j < end_limit and doc[j].text == "-" and not doc[i].whitespace_:
            j += 1
        if j < end_limit and doc[j].lower_ in vocab.fractions:
            after = doc[j + 1].lower_ if j + 1 < end_limit else ""
            hyphenated = j == i + 2
            if hyphenated or after == "of":
                return NumberMatch(i, j + 1, n * vocab.fractions[doc[j].lower_], word=True)
    return None


def _money_before(doc: Doc, i: int, vocab: NumberVocab) -> bool:
    """A currency symbol token right before token i ("$ 10m" as spaCy splits "$10m")."""
    return i > 0 and doc[i - 1].lower_ in vocab.currency and not doc[i - 1].whitespace_
