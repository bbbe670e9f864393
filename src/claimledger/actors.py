"""The actor registry as data: reading `data/actors.toml` (or the user's file), no spaCy.

Why apart from `nlp.sources.actors`: the ledger canonicalises claimants with the same
registry the sources stage resolves mentions with, and `import claimledger.ledger` must
never load spaCy (the nlp package imports its pipeline components).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from claimledger import settings
from claimledger.data import actors_path
from claimledger.errors import LexiconError
from claimledger.model import SourceKind

#: the `kind` values the schema allows
SOURCE_KINDS: frozenset[str] = frozenset(get_args(SourceKind))


@dataclass(frozen=True)
class Actor:
    """One registry entry; `installed_by` names the state an installed administration
    speaks for ("Russia" for the Russian-installed administrations of occupied regions)."""

    name: str
    kind: str
    affiliation: str | None
    aliases: tuple[str, ...]
    installed_by: str | None = None


def default_registry_path() -> Path:
    """The registry shipped with the package."""
    return actors_path()


def registry_path(configured: str | os.PathLike[str] | None = None) -> Path:
    """Which registry file to use: the pipeline setting, then CLAIMLEDGER_ACTORS, then the default."""
    if configured:
        return Path(configured)
    return settings.actors_file() or default_registry_path()


def _read_actors(path: Path) -> tuple[list[Actor], bool]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"cannot read actor registry {path.name}: {exc}") from exc
    actors: list[Actor] = []
    for n, entry in enumerate(data.get("actor", []), 1):
        name = entry.get("name")
        kind = entry.get("kind", "unknown")
        if not isinstance(name, str) or not name.strip():
            raise LexiconError(f"actor #{n} in {path.name} has no name")
        if kind not in SOURCE_KINDS:
            raise LexiconError(f"actor {name!r} in {path.name} has unknown kind {kind!r}")
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise LexiconError(f"actor {name!r} in {path.name}: aliases must be a list of strings")
        installed_by = entry.get("installed_by")
        if installed_by is not None and not isinstance(installed_by, str):
            raise LexiconError(f"actor {name!r} in {path.name}: installed_by must be a string")
        actors.append(Actor(name=name, kind=kind, affiliation=entry.get("affiliation"),
                            aliases=tuple(aliases), installed_by=installed_by))
    return actors, bool(data.get("include_default", False))


def load_actors(configured: str | os.PathLike[str] | None = None) -> list[Actor]:
    """Read the registry; a user file with `include_default = true` extends the default."""
    path = registry_path(configured)
    actors, include_default = _read_actors(path)
    if include_default and path != default_registry_path():
        actors = actors + _read_actors(default_registry_path())[0]
    return actors
