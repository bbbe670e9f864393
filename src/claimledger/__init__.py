"""claimledger: who said what, which figures, about which event, where and when.

The public API is small: `extract` for one article, `Extractor` to reuse a loaded pipeline,
and the pydantic models of the JSON contract.
"""

from __future__ import annotations

from claimledger.extract import PIPELINE_VERSION, DocumentInput, Extractor, extract
from claimledger.model import Claim, Document, Extraction, Figure, Source, Span, Time, When

__version__ = "0.1.0"

__all__ = [
    "PIPELINE_VERSION",
    "Claim",
    "Document",
    "DocumentInput",
    "Extraction",
    "Extractor",
    "Figure",
    "Source",
    "Span",
    "Time",
    "When",
    "extract",
]
