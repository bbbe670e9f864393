"""What goes into the extractor, and the identities of documents: no spaCy here.

Why a module of its own: the ledger, the readers and the web UI need a document's input
shape, its publication day and its content hash, but not the parser. Keeping these here lets
`serve`, `claims`, `series` and `export` open a ledger without loading spaCy (about 1 s).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from claimledger.errors import DateError

#: the pipeline version stored beside every extraction (bump when output changes)
PIPELINE_VERSION = "0.1.0"


@dataclass(frozen=True)
class DocumentInput:
    """One article to analyse, with the metadata that anchors its dates."""

    text: str
    published: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    id: str | None = None
    meta: dict = field(default_factory=dict, compare=False)


def parse_published(value: str | date | datetime | None) -> str | None:
    """Validate a publication date and return it as given in ISO form (date or date-time).

    Raises `DateError` with a one-line message for anything that is not ISO 8601.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise DateError(
            f"published date {text!r} is not an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
        ) from None


def anchor_date(published: str | None) -> str | None:
    """The calendar day (YYYY-MM-DD) of an ISO date or date-time."""
    return published[:10] if published else None


def normalise_for_hash(text: str) -> str:
    """NFC, whitespace collapsed: copies that differ only in spacing hash alike."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def document_id(text: str, url: str | None = None) -> str:
    """Stable id: the same text (and url) always gives the same id."""
    digest = hashlib.sha256(f"{normalise_for_hash(text)}\n{url or ''}".encode()).hexdigest()
    return f"doc-{digest[:16]}"
