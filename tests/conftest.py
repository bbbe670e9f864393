"""Shared fixtures: one loaded pipeline per test session, and the shared corpora.

A clone on its own has no `../shared`: every test that needs the corpora is then skipped
with one line saying so, and the rest run. With `../shared` beside the checkout (as in CI)
nothing is skipped. Two ways a test needs the corpora, both handled here so test modules
need no marks: it uses the `shared` fixture (directly or through another fixture), or the
library reads them itself (`claimledger.eval` loads its corpora through `shared_dir()`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.errors import InputError
from claimledger.paths import shared_dir

NEEDS_SHARED = "needs ../shared (the gold clusters and corpora); set CLAIMLEDGER_SHARED to run it"


def _find_shared() -> Path | None:
    try:
        return shared_dir()
    except InputError:
        return None


SHARED = _find_shared()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without the corpora, skip every test whose fixtures include `shared` before set-up."""
    if SHARED is not None:
        return
    skip = pytest.mark.skip(reason=NEEDS_SHARED)
    for item in items:
        if "shared" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)


def _skip_when_corpora_missing(item: pytest.Item):
    """Set-up or call of a test: shared_dir()'s own error (no corpora found) becomes a skip."""
    try:
        return (yield)
    except InputError as exc:
        if SHARED is None and "cannot find the shared corpora" in str(exc):
            pytest.skip(NEEDS_SHARED)
        raise


pytest_runtest_setup = pytest_runtest_call = pytest.hookimpl(wrapper=True)(_skip_when_corpora_missing)


@pytest.fixture(scope="session")
def shared() -> Path:
    if SHARED is None:
        pytest.skip(NEEDS_SHARED)
    return SHARED


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
