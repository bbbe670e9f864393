"""The figure candidate: what the scanner found, before its context is read.

One floor below the finder, the context reader and the filters, which all take it: keeping
it here is what lets `finder` import `context` and `filters` without either importing back.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Candidate:
    """A figure found in the text, before its context is read."""

    start: int  # first token (qualifier, currency symbol included)
    end: int  # token after the expression
    num_start: int  # first token of the number itself
    num_end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    currency: str | None = None  # unit name when a currency symbol stands before the number
    currency_tok: int | None = None
    percent: tuple[int, int] | None = None  # tokens of "%" / "per cent" after the number
    glued_unit: int | None = None  # a unit token glued to the number ("10 km" from "10km")
    suffix_unit: tuple[int, int] | None = None  # char offsets of a unit inside the token ("6kW")
