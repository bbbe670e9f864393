"""The series model: one side's statements of one quantity (`Series`), each a `Point`.

Kept apart from how series are built (`build.py`) and judged (`flags.py`, `estimate.py`),
which all work on these two classes: the imports point one way, from them to this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimledger.ledger.series.intervals import APPROXIMATE, compare_interval, fmt_number, is_round

#: how a qualifier reads before its number in a point's label
_QUALIFIER_WORDS = {"nearly": "almost ", "approximately": "about ", "at_least": "at least ",
                    "more_than": "more than ", "at_most": "up to ", "less_than": "fewer than "}


@dataclass
class Point:
    """One statement of a series: a date, a figure as worded, and every report of it.

    `report_keys` holds one key per independent report (a copy's key is its original's),
    so `independent_reports` counts a wire story once however often it was republished.
    """

    as_of: str | None
    value: float | int | None
    low: float | int | None
    high: float | int | None
    qualifier: str
    text: str | None = None
    reports: list[dict] = field(default_factory=list)
    report_keys: set[str] = field(default_factory=set)
    figure_ids: set[str] = field(default_factory=set, repr=False, compare=False)

    @property
    def independent_reports(self) -> int:
        """K: the reports of this point that are not copies of another of them."""
        return len(self.report_keys)

    @property
    def report_count(self) -> int:
        """N: every document stating this point, copies included."""
        return len({r["document_id"] for r in self.reports})

    def reports_label(self) -> str:
        """How a point's reports read: "3 reports, 2 independent", "1 report"."""
        n, k = self.report_count, self.independent_reports
        text = f"{n} report{'s' if n != 1 else ''}"
        return text if k == n else f"{text}, {k} independent"

    def __post_init__(self) -> None:
        # `bounds` and `label` are asked for many times per point (flags, estimates, notes)
        # and a point's figure never changes once its series has it: each is worked out once,
        # as a plain attribute (not a dataclass field: equality and repr are unchanged)
        #: what the figure allows, round exact numbers read as "about" (for comparisons)
        self.bounds: tuple[float, float] = compare_interval(
            self.value, self.low, self.high, self.qualifier)
        self._label = self._wording()

    @property
    def rounded(self) -> bool:
        """Said as an approximation, or a round number that reads as one."""
        return self.qualifier in APPROXIMATE or is_round(self.value, self.qualifier)

    def label(self) -> str:
        """How the point reads: "1,908", "almost 2,000", "hundreds"."""
        return self._label

    def _wording(self) -> str:
        if self.qualifier == "vague" and self.text:
            return self.text
        if self.qualifier == "range":
            return f"{fmt_number(self.low)}–{fmt_number(self.high)}"
        return _QUALIFIER_WORDS.get(self.qualifier, "") + fmt_number(
            self.value if self.value is not None else self.low
        )

    def to_dict(self) -> dict:
        return {
            "as_of": self.as_of,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "independent_reports": self.independent_reports,
            "reports": self.reports,
        }


@dataclass
class Series:
    """One quantity claimed by one side: its points in date order, flags and estimates.

    `id` hashes the grouping key (event, unit class, place, cumulative, side), `quantity`
    the same key without the side, so the sides' series of one quantity share it.

    `points` are the side's figures of the quantity. A vague wording ("dozens") beside them
    is in `vague`, not among the points: it states no number to plot, to follow from one
    day to the next or to tell an update from, so it is a comment on the figures (the
    `vague` flag says whether it fits them) and, on a day with nothing else, the side's
    estimate. A side that only ever speaks vaguely has its wordings as its points.
    """

    id: str
    quantity: str
    event: str
    unit: str
    location: str | None
    cumulative: bool
    side: str
    claimant: dict
    points: list[Point]
    #: vague wordings beside the figures, in date order (see the class docstring)
    vague: list[Point] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)
    estimates: list[dict] = field(default_factory=list)
    #: the incident the series' figures are about (`ledger.incidents`); series live inside one
    incident: str | None = None
    #: the whole its figures count (`series.scope`): None for its incident's own count,
    #: "campaign" for a war-wide total, "part" for a part of another figure
    scope: str | None = None
    _seen_flags: set[tuple[str, str]] = field(default_factory=set, repr=False, compare=False)

    def flag(self, kind: str, detail: str) -> None:
        """Add a flag once (the same kind and detail twice is one flag)."""
        if (kind, detail) not in self._seen_flags:
            self._seen_flags.add((kind, detail))
            self.flags.append({"kind": kind, "detail": detail})

    def to_dict(self) -> dict:
        """The JSON shape of `claimledger series --format json`."""
        return {
            "id": self.id,
            "quantity": self.quantity,
            "event": self.event,
            "unit": self.unit,
            "location": self.location,
            "cumulative": self.cumulative,
            "incident": self.incident,
            "scope": self.scope,
            "claimant": self.claimant,
            "points": [p.to_dict() for p in self.points],
            "vague": [p.to_dict() for p in self.vague],
            "flags": self.flags,
            "estimates": self.estimates,
        }
