"""Fixtures of the web tests: the test ledger (see `ledger_fixture.py`) and apps over it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ledger_fixture import TOKEN, build_ledger  # noqa: E402


@pytest.fixture(scope="session")
def ledger_db(tmp_path_factory, shared, extractor) -> Path:
    """The session's ledger file (do not write to it: use `writable_db`)."""
    return build_ledger(tmp_path_factory.mktemp("web") / "ledger.db", shared, extractor)


@pytest.fixture
def writable_db(ledger_db, tmp_path) -> Path:
    """A private copy of the ledger for a test that stores reviews."""
    copy = tmp_path / "ledger.db"
    shutil.copy(ledger_db, copy)
    return copy


@pytest.fixture(scope="session")
def client(ledger_db):
    """A read-only app over the session ledger."""
    from fastapi.testclient import TestClient

    from claimledger.web.app import create_app

    return TestClient(create_app(ledger_db))


@pytest.fixture
def review_client(writable_db):
    """An app that accepts reviews with `TOKEN`, over a private copy of the ledger."""
    from fastapi.testclient import TestClient

    from claimledger.web.app import create_app

    return TestClient(create_app(writable_db, review_token=TOKEN))


@pytest.fixture(scope="session")
def auth() -> dict[str, str]:
    """The header a script sends to review."""
    return {"Authorization": f"Bearer {TOKEN}"}
