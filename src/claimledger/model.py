"""The JSON contract of `claimledger extract` as pydantic models.

These classes *are* ../shared/schema/extraction.schema.json: field names, optionality and
enumerations follow it one to one, so that `Extraction.model_dump(mode="json")` validates
against the schema. Fields may be added (the schema allows it); none may be renamed.
"""

from __future__ import annotations

import json
import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

SourceKind = Literal[
    "person",
    "government",
    "military",
    "intelligence",
    "media",
    "international_organization",
    "ngo",
    "organization",
    "group",
    "unknown",
]
ClaimKind = Literal["direct_quote", "indirect", "according_to", "headline", "narrative"]
Qualifier = Literal[
    "exact",
    "approximately",
    "nearly",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
    "range",
    "vague",
]
EventType = Literal[
    "surrender",
    "evacuation",
    "detention",
    "killed",
    "wounded",
    "missing",
    "attack",
    "capture",
    "displacement",
    "prisoner_exchange",
    "aid",
    "other",
]
Precision = Literal["day", "week", "month", "year"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
VerificationStatus = Literal["unverified", "disputed", "denied", "confirmed"]



def plain_number(x: Any) -> Any:
    """A number as written: integral floats as ints (1908.0 -> 1908), anything else as is.

    Why: the extractor's arithmetic and SQLite's REAL column turn "1,908 soldiers" into
    1908.0; the contract, every listing, JSON answer and series key wants 1908.
    """
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x

#: the largest magnitude a figure's value, low or high may have: 2**53, beyond which a float
#: no longer holds every whole number (and JSON readers in JavaScript lose digits). No count
#: of people, money or things in the news comes near it; "1" followed by 500 zeros or
#: "trillion" 28 times is not a count, and infinity is not JSON.
MAX_FIGURE = float(2**53)


def countable(x: float | None) -> bool:
    """Whether a figure's value/low/high can be stored: absent, or finite within MAX_FIGURE.

    The figure finder drops a figure that is not (its words stay in the claim's content), so
    `figures` never holds a number that SQLite, JSON or a chart could not hold.
    """
    return x is None or (math.isfinite(x) and abs(x) <= MAX_FIGURE)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Character offsets into `document.text` (end exclusive) plus the text they cover."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Build a span from the analysed text, so `text[start:end]` always equals `.text`."""
        return cls(text=text[start:end], start=start, end=end)


class When(_Model):
    """A resolved date with its precision and the words it came from."""

    date: str
    precision: Precision
    text: str | None = None


class Document(_Model):
    id: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = "en"
    text: str


class Source(_Model):
    id: str
    name: str
    kind: SourceKind
    title: str | None = None
    affiliation: str | None = None
    mentions: list[Span] = Field(default_factory=list)


class Verification(_Model):
    status: VerificationStatus
    evidence: Span | None = None


class Claim(_Model):
    id: str
    kind: ClaimKind
    content: Span
    source_id: str | None
    source_mention: Span | None = None
    cue: Span | None = None
    stated_on: When | None = None
    verification: Verification | None = None
    hedges: list[Span] = Field(default_factory=list)
    insertions: list[Span] = Field(default_factory=list)
    figure_ids: list[str] = Field(default_factory=list)


class Figure(_Model):
    id: str
    claim_id: str | None
    span: Span
    value: float | int | None
    low: float | int | None
    high: float | int | None
    qualifier: Qualifier
    unit: str | None = None
    event: EventType | None = None
    predicate: str | None = None
    location: str | None = None
    as_of: When | None = None
    period_start: str | None = None
    cumulative: bool | None = None


class Time(_Model):
    id: str | None = None
    span: Span
    type: TimexType
    value: str | None
    mod: str | None = None


class Extraction(_Model):
    """One analysed document: its sources, claims, figures and time expressions."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    document: Document
    sources: list[Source] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)

    def to_json(self, indent: int | None = 2) -> str:
        """Serialise deterministically: same extraction, same bytes.

        `allow_nan=False` is the last guard of the contract: a non-finite number raises
        here rather than being written as `Infinity`, which is not JSON.
        """
        return json.dumps(
            self.model_dump(mode="json"), ensure_ascii=False, indent=indent, sort_keys=False,
            allow_nan=False,
        )
