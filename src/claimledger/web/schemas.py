"""Response models of the JSON twins: the OpenAPI schema that scripts (and tests) rely on.

Rows keep the store's column names (`Store.documents()`, `.claims()`, `.figures()`), so a
script can move between the JSON API and a `datasette ledger.db` session without a mapping.
Extra columns are allowed: the store may grow a column without breaking the API.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model, model_validator

from claimledger.ledger.reviews import EDITABLE
from claimledger.ledger.schema import FIGURE_COLUMNS, Column

Number = int | float | None


class _Row(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorOut(BaseModel):
    """Every error of the JSON API: the HTTP status and one line saying what went wrong."""

    error: str
    status: int


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route that can fail with these statuses."""
    return {code: {"model": ErrorOut} for code in codes}


class Paging(BaseModel):
    page: int
    size: int
    has_next: bool
    has_prev: bool


class ReviewState(BaseModel):
    status: str
    review_ids: list[int]
    original: dict[str, Any]


class ReviewRow(BaseModel):
    id: int
    target_type: str
    target_id: str
    verdict: str
    changes: dict[str, Any]
    note: str | None
    reviewer: str | None
    created_at: str
    undone_at: str | None


class DocumentRow(_Row):
    id: str
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    copy_of: str | None
    claims: int = 0
    figures: int = 0


class OutletCount(BaseModel):
    outlet: str | None
    documents: int


class DocumentList(BaseModel):
    documents: list[DocumentRow]
    outlets: list[OutletCount]
    filters: dict[str, str | None]
    paging: Paging


class SourceRow(_Row):
    id: str
    name: str
    kind: str
    title: str | None = None
    affiliation: str | None = None
    mentions: list[list[Any]] = []


class ClaimRow(_Row):
    id: str
    document_id: str
    kind: str
    source_id: str | None
    source_name: str | None = None
    source_kind: str | None = None
    content_text: str
    content_start: int
    content_end: int
    cue_text: str | None = None
    stated_on: str | None = None
    verification_status: str | None = None
    hedges: list[list[Any]] = []
    review: ReviewState | None = None


#: columns of the figures table that figure rows carry as extras, outside their schema
_FIGURE_EXTRAS = ("predicate", "as_of_precision", "period_start")


def _figure_field(column: Column) -> tuple[Any, Any]:
    kind = column.python | None if column.nullable else column.python
    return (kind, ... if column.required else None)


#: a row of `Store.figures()`: the store's figure columns (one list, `FIGURE_COLUMNS`)
FigureRow = create_model(
    "FigureRow",
    __base__=_Row,
    **{c.name: _figure_field(c) for c in FIGURE_COLUMNS if c.name not in _FIGURE_EXTRAS},
    review=(ReviewState | None, None),
)


class DocumentRef(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    #: for a copy listed on its original's page: how it copies (copy, edited, mix, rewrite)
    kind: str | None = None


class SharedPassage(BaseModel):
    """A passage a copy shares with its original: offsets in the copy, then the original."""

    start: int
    end: int
    original_start: int
    original_end: int
    text: str


class CopyLink(BaseModel):
    """Why a document counts as a copy: its original, the kind, the share of its own words
    found there (`containment`), and the shared passages (the evidence)."""

    original: DocumentRef
    kind: str | None
    containment: float | None
    passages: list[SharedPassage]


class DocumentPart(BaseModel):
    """Which characters of the text page `page` of the HTML view shows (`[start, end)`);
    the JSON twin always carries the whole document."""

    page: int
    pages: int
    start: int
    end: int


class DocumentPage(BaseModel):
    document: DocumentRow
    part: DocumentPart
    text: str
    sources: list[SourceRow]
    claims: list[ClaimRow]
    figures: list[FigureRow]
    original: DocumentRef | None
    link: CopyLink | None = None
    copies: list[DocumentRef]
    reviews: list[ReviewRow]


class ClaimantRow(BaseModel):
    id: str
    name: str
    #: the other names its source rows and their name-like mentions give it
    aliases: list[str] = []
    kinds: list[str]
    affiliations: list[str]
    documents: int
    claims: int
    first: str | None
    last: str | None


class SourceList(BaseModel):
    sources: list[ClaimantRow]
    filters: dict[str, str | None]
    paging: Paging


class SourcePage(BaseModel):
    source: ClaimantRow
    records: list[SourceRow]
    claims: list[ClaimRow]
    figures: list[FigureRow]
    paging: Paging
    #: the claimant reviews (merges, splits) of its rows, newest first, undone ones included
    reviews: list[ReviewRow] = []
    #: other claimants it may be merged into: {"id": a source id, "name"}
    merge_choices: list[dict[str, str]] = []


class ReviewList(BaseModel):
    reviews: list[ReviewRow]
    paging: Paging


class ReviewResult(BaseModel):
    review: ReviewRow
    target: dict[str, Any] | None


class SeriesSummary(BaseModel):
    id: str
    quantity: str
    event: str | None
    unit: str | None
    location: str | None
    cumulative: bool | None
    claimant: dict[str, Any]
    points: int
    reports: int
    first: str | None
    last: str | None
    flags: list[str]


class SeriesList(BaseModel):
    series: list[SeriesSummary]
    filters: dict[str, str | None]
    paging: Paging


class ChartPoint(BaseModel):
    side: str
    series: str
    as_of: str
    value: Number
    low: Number
    high: Number
    qualifier: str
    reports: int
    outlets: str


class SeriesPage(BaseModel):
    series: dict[str, Any]
    sides: list[SeriesSummary]
    chart: list[ChartPoint]
    estimates: list[dict[str, Any]]
    reports: list[dict[str, Any]]
    reviewed: bool
    paging: Paging


class SideSaid(BaseModel):
    series: str
    claimant: dict[str, Any]
    points: list[dict[str, Any]]


class Discrepancy(BaseModel):
    quantity: str
    event: str | None
    unit: str | None
    location: str | None
    as_of: str
    sides: list[SideSaid]
    estimate: dict[str, Any] | None


class DiscrepancyList(BaseModel):
    discrepancies: list[Discrepancy]
    paging: Paging


# -- review requests -------------------------------------------------------------------------

#: the largest count or bound a review may set (as `ledger.reviews` accepts)
MAX_COUNT = 1e15


def _decimal(value: Any) -> Any:
    """A number typed into a form with thousands separators ("1,908") reads as one."""
    return value.replace(",", "").strip() if isinstance(value, str) else value


#: a figure's value or bound: a finite count, never negative (None clears it)
Count = (
    Annotated[float, BeforeValidator(_decimal), Field(ge=0, le=MAX_COUNT, allow_inf_nan=False)]
    | None
)
#: what a review may put in a text, date, choice or flag field: one short scalar, never a
#: structure (enumerations, dates and flags are checked by `ledger.reviews`)
Scalar = Annotated[str, Field(max_length=500)] | bool | None

_KINDS: dict[str, Any] = {"number": Count}


class _Changes(BaseModel):
    """Fields a review changes: known fields only, scalars, a figure's bounds in order."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="after")
    def _ordered(self) -> _Changes:
        given = [
            (name, v) for name in ("low", "value", "high")
            if (v := getattr(self, name, None)) is not None
        ]
        for (a, x), (b, y) in zip(given, given[1:], strict=False):
            if x > y:
                raise ValueError(f"{a} must not exceed {b}")
        return self


#: the pydantic model of a review's `changes`, per target type, built from the fields that
#: `ledger.reviews.EDITABLE` lets a review change
CHANGES: dict[str, type[_Changes]] = {
    target: create_model(  # type: ignore[call-overload]
        f"{target.title()}Changes",
        __base__=_Changes,
        **{name: (_KINDS.get(kind, Scalar) if isinstance(kind, str) else Scalar, None)
           for name, kind in fields.items()},
    )
    for target, fields in EDITABLE.items()
}


class ReviewIn(BaseModel):
    """The JSON body of a review."""

    verdict: str = Field(max_length=20, description="confirm | reject | correct")
    changes: dict[str, Any] = Field(default_factory=dict, description="field -> new value")
    note: str | None = Field(default=None, max_length=5000)
    reviewer: str | None = Field(default=None, max_length=200)
