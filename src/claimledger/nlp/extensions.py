"""Doc extensions written by the claimledger stages, and the rows they hold.

Every value is plain data (ints, strings, lists, dicts) stored in `doc.user_data`, so a Doc
survives `to_bytes` and `nlp.pipe(n_process=...)` (spaCy#10663). Offsets are *character*
offsets into `doc.text` (end exclusive), written as two-item lists `[start, end]`.

Who writes what (the factories in `factories.py` declare the same with `assigns=`):

``doc._.published``  set by the caller before the pipeline runs: ISO date "YYYY-MM-DD" or None.

``doc._.times``  (timex) list of::
    {"start", "end", "type": "DATE|TIME|DURATION|SET", "value": TIMEX3 value or None,
     "mod": TIMEX3 mod or None,
     "date": ISO date of the day/first day the expression resolves to, or None,
     "precision": "day|week|month|year" or None}

``doc._.figures``  (figures, then events) list of::
    {"start", "end", "value", "low", "high", "qualifier", "unit": str|None,
     "unit_span": [s, e]|None, "predicate": str|None, "event": str|None,
     "location": str|None, "as_of": {"date","precision","text"}|None,
     "period_start": "YYYY-MM-DD"|None, "cumulative": bool|None}

``doc._.claims``  (attribution, then hedges, then sources) list of::
    {"kind": "direct_quote|indirect|according_to|headline", "content": [s, e],
     "cue": [s, e]|None, "source_mention": [s, e]|None,
     "stated_on": {"date","precision","text"}|None,
     "verification": {"status", "evidence": [s, e]|None}|None,
     "hedges": [[s, e], ...], "insertions": [[s, e], ...],
     "source": index into doc._.sources or None}

``doc._.sources``  (sources) list of::
    {"name", "kind", "title": str|None, "affiliation": str|None, "mentions": [[s, e], ...]}
"""

from __future__ import annotations

from spacy.tokens import Doc

EXTENSIONS: dict[str, object] = {
    "published": None,
    "times": None,
    "figures": None,
    "claims": None,
    "sources": None,
}


def register_extensions() -> None:
    """Register the Doc extensions once; safe to call any number of times."""
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
