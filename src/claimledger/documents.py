"""What goes into the extractor, and the identities of documents: no spaCy here.

Why a module of its own: the ledger, the readers and the web UI need a document's input
shape, its publication day and its content hash, but not the parser. Keeping these here lets
`serve`, `claims`, `series` and `export` open a ledger without loading spaCy (about 1 s).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path

from claimledger import settings
from claimledger.data import actors_path, data_path
from claimledger.errors import DateError


def __getattr__(name: str) -> str:
    """`PIPELINE_VERSION`: the default pipeline's version, computed on first use (PEP 562)."""
    if name == "PIPELINE_VERSION":
        return pipeline_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def pipeline_version(model: str | None = None) -> str:
    """The version stored beside every extraction: `<package version>+<12 hex digits>`.

    Why a hash: `reextract` redoes the documents whose version differs, so the version must
    change whenever the output can, without anyone remembering to bump it. It covers what
    the pipeline reads: the packaged lexicons and weights, the actor registry in use
    (`CLAIMLEDGER_ACTORS` or the packaged one), the stage configs (the `default_config`s in
    `nlp/factories.py`) and the spaCy model's name and version, plus the package version for
    code changes. The model is found as the pipeline loader finds it, but its version comes
    from the package metadata: nothing here imports spaCy. Deterministic, cached per choice.
    """
    name = _model_in_use(model)
    try:
        model_version = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        model_version = "not installed"
    return _pipeline_version(name, model_version, settings.actors_file() or actors_path())


def _model_in_use(model: str | None) -> str:
    """The spaCy pipeline package `nlp.pipeline.load_base` would load (first installed)."""
    names = [model] if model else settings.model_names()
    return next((n for n in names if importlib.util.find_spec(n.replace("-", "_"))), names[0])


def _pipeline_files(actors: Path) -> list[Path]:
    """Every data file the pipeline's output depends on, in a fixed order."""
    return [
        *sorted(data_path("lexicons").glob("*.toml")),
        *sorted(data_path("weights").glob("*.json")),
        actors,
        Path(str(resources.files("claimledger").joinpath("nlp", "factories.py"))),
    ]


@cache
def _pipeline_version(model: str, model_version: str, actors: Path) -> str:
    return version_of(_pipeline_files(actors), f"{model}=={model_version}")


def version_of(files: Iterable[Path], model: str) -> str:
    """`<package version>+<first 12 hex digits of sha256 over the files' bytes and model>`."""
    digest = hashlib.sha256()
    for path in files:
        content = path.read_bytes()
        digest.update(len(content).to_bytes(8, "big") + content)
    digest.update(model.encode("utf-8"))
    try:
        package = importlib.metadata.version("claimledger")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree
        package = "0"
    return f"{package}+{digest.hexdigest()[:12]}"


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


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(fields: Mapping[str, str | None]) -> str | None:
    """Why the first field holding a lone surrogate is not text, or None when all are.

    Checked where input enters, so such a string is refused with its field named instead of
    failing later in SQLite or on stdout.
    """
    for name, value in fields.items():
        if value and (found := _SURROGATE.search(value)):
            return (
                f'"{name}" holds a lone surrogate (U+{ord(found.group()):04X}) at character '
                f"{found.start()}, which is not Unicode text"
            )
    return None
