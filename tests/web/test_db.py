"""The server's database access: read-only connections, a time limit, and the serve command."""

from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from claimledger.cli import app as cli_app
from claimledger.errors import StoreError
from claimledger.web.db import Database, QueryTimeout

#: a query that runs for as long as SQLite lets it (a billion-row recursive count)
SLOW = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000)"
    " SELECT count(*) FROM n"
)


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM documents",
        "UPDATE claims SET kind = 'x'",
        "INSERT INTO reviews (target_type, target_id, verdict, created_at)"
        " VALUES ('claim', 'x', 'confirm', 'now')",
        "DROP TABLE figures",
    ],
)
def test_db_reader_cannot_write(ledger_db, sql):
    with Database(ledger_db).reader() as db, pytest.raises(sqlite3.OperationalError):
        db.all(sql)


@pytest.mark.parametrize("limit_ms", [50, 200])
def test_db_query_past_time_limit_is_stopped(ledger_db, limit_ms):
    import time

    started = time.monotonic()
    with Database(ledger_db, time_limit_ms=limit_ms).reader() as db, pytest.raises(QueryTimeout):
        db.all(SLOW)
    assert time.monotonic() - started < limit_ms / 1000 + 1.0


def test_db_fast_query_within_limit_answers(ledger_db):
    with Database(ledger_db, time_limit_ms=200).reader() as db:
        assert db.scalar("SELECT count(*) FROM documents") > 10


@pytest.mark.parametrize("name", ["missing.db", "not-a-ledger.db"])
def test_db_refuses_what_is_not_a_ledger(tmp_path, name):
    path = tmp_path / name
    if name == "not-a-ledger.db":
        sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreError):
        Database(path)


def test_db_slow_page_is_503_not_a_hang(ledger_db, monkeypatch):
    from fastapi.testclient import TestClient

    from claimledger.web.app import create_app
    from claimledger.web.routes import documents

    real = documents._counts

    def slow_counts(db, table, ids):
        db.all(SLOW)
        return real(db, table, ids)

    monkeypatch.setattr(documents, "_counts", slow_counts)
    client = TestClient(create_app(ledger_db, time_limit_ms=50))
    for url in ("/documents.json", "/documents"):
        response = client.get(url)
        assert response.status_code == 503
        assert "stopped" in response.text


@pytest.mark.parametrize(
    "args,message",
    [
        (["serve", "--db", "no-such-ledger.db"], "no such ledger"),
        (["serve", "--db", "LEDGER", "--review-token", "short"], "at least 8"),
    ],
)
def test_serve_command_refuses_bad_arguments(ledger_db, args, message):
    args = [str(ledger_db) if a == "LEDGER" else a for a in args]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code != 0
    assert message in str(result.exception) + result.output


def test_serve_command_help_names_the_env_var():
    result = CliRunner().invoke(cli_app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "CLAIMLEDGER_REVIEW_TOKEN" in result.output and "127.0.0.1" in result.output


def test_db_cache_recomputes_only_after_a_write(writable_db):
    from claimledger.ledger.reviews import add_review, undo_review

    db = Database(writable_db)
    calls = []

    def count_reviews(reader):
        calls.append(1)
        return reader.scalar("SELECT count(*) FROM reviews WHERE undone_at IS NULL")

    assert db.cached("n", count_reviews, 1000) == 0
    assert db.cached("n", count_reviews, 1000) == 0
    assert len(calls) == 1
    with db.writer() as store:
        review = add_review(store.conn, "figure", "kr-rt-2022-04-08:f3", "confirm")
    assert db.cached("n", count_reviews, 1000) == 1
    with db.writer() as store:
        undo_review(store.conn, review["id"])
    assert db.cached("n", count_reviews, 1000) == 0
    assert len(calls) == 3


def _wait_until(predicate, seconds: float = 20.0) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_serve_warm_app_computes_summaries_at_start_and_after_a_review(writable_db):
    from fastapi.testclient import TestClient

    from claimledger.web.app import create_app

    app = create_app(writable_db, review_token="warm-token-123", warm=True)
    db = app.state.db
    assert _wait_until(lambda: all(db.fresh(n) for n in ("claimants", "series", "disputes")))
    response = TestClient(app).post(
        "/figures/kr-rt-2022-04-08:f3/review", json={"verdict": "reject"},
        headers={"Authorization": "Bearer warm-token-123"},
    )
    assert response.status_code == 201
    assert _wait_until(lambda: db.fresh("series") and db.fresh("disputes"))
