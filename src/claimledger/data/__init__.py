"""The package's data, and the one loader for all of it.

Heuristics are data: each lexicon (cue verbs, approximators, event words, source-kind words,
and the vocabularies of ingest and the ledger) is a TOML file in `data/lexicons/`, grouped
by concept (one table of named lists, or nested tables). A group that is empty is refused at
load time, so a typo in a data file fails loudly instead of silently disabling a rule.
The actor registry is `data/actors.toml`; trained weights and their cards are in
`data/weights/` (a JSON file and a Markdown card per model).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from claimledger.errors import LexiconError


def data_path(*parts: str) -> Path:
    """Path of a packaged data file, e.g. `data_path("weights", "attribution_cues.json")`."""
    return Path(str(resources.files("claimledger.data").joinpath(*parts)))


def lexicon_path(name: str) -> Path:
    """Path of the packaged lexicon `name` (without extension)."""
    return data_path("lexicons", f"{name}.toml")


def weights_path(name: str) -> Path:
    """Path of the packaged weights `name` (without extension); the card is `name.md` beside it."""
    return data_path("weights", f"{name}.json")


def actors_path() -> Path:
    """The actor registry shipped with the package."""
    return data_path("actors.toml")


def _check(value: Any, where: str) -> None:
    if isinstance(value, dict):
        if not value:
            raise LexiconError(f"lexicon group {where} is empty")
        for key, sub in value.items():
            _check(sub, f"{where}.{key}")
    elif isinstance(value, list) and not value:
        raise LexiconError(f"lexicon group {where} is empty")


def load_lexicon_file(path: str | Path) -> dict[str, Any]:
    """Load and check one TOML lexicon file (used for user-supplied overrides too)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"cannot read lexicon {path.name}: {exc}") from exc
    _check(data, path.stem)
    return data


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """Load the packaged lexicon `name`; cached, so a pipeline reads each file once."""
    return load_lexicon_file(lexicon_path(name))
