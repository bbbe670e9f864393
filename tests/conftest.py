"""Shared fixtures: one loaded pipeline per test session, and the shared corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.paths import shared_dir


@pytest.fixture(scope="session")
def shared() -> Path:
    return shared_dir()


@pytest.fixture(scope="session")
def extractor():
    from claimledger.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor):
    """The full claimledger pipeline (loaded once)."""
    return extractor.nlp


@pytest.fixture(scope="session")
def schema(shared: Path) -> dict:
    return json.loads((shared / "schema" / "extraction.schema.json").read_text())


@pytest.fixture(scope="session")
def seed_gold(shared: Path) -> dict:
    return json.loads((shared / "gold" / "dev" / "seed.json").read_text())["articles"][0]
