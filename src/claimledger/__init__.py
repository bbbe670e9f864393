"""claimledger: who said what, which figures, about which event, where and when.

The public API is small: `extract` for one article, `Extractor` to reuse a loaded pipeline,
and the pydantic models of the JSON contract. `Extractor` and `extract` are imported on
first use (PEP 562), and `PIPELINE_VERSION` is computed then, so `import claimledger` — and with it the ledger, `serve`, `claims`,
`series` and `export` — never loads spaCy.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from claimledger.documents import DocumentInput
from claimledger.model import Claim, Document, Extraction, Figure, Source, Span, Time, When

if TYPE_CHECKING:
    from claimledger.extract import Extractor, extract

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



class _Package(types.ModuleType):
    """The package module, with `Extractor` and `extract` resolved on first use.

    `extract` is both a submodule and a function of the public API; as a property it stays
    the function even after the import system tries to bind the submodule under that name.
    """

    @property
    def PIPELINE_VERSION(self) -> str:  # noqa: N802 - the public constant's name
        """Computed on first use: it hashes the pipeline's data files (`documents`)."""
        return importlib.import_module("claimledger.documents").pipeline_version()

    @property
    def Extractor(self) -> type[Extractor]:  # noqa: N802 - the public class name
        return importlib.import_module("claimledger.extract").Extractor

    @property
    def extract(self) -> Any:
        return importlib.import_module("claimledger.extract").extract

    @extract.setter
    def extract(self, value: Any) -> None:
        """The import system binds the submodule here; the function keeps the name."""


sys.modules[__name__].__class__ = _Package
