"""Bad items never stop an ingest: each fails alone with one line, the rest is stored.

The audit's poison pills: a figure beyond SQLite's INTEGER (OverflowError), a lone surrogate
in a document's text, id or title (UnicodeEncodeError), a non-finite figure, and a pipeline
that raises on one document. Before, each aborted the whole run (exit 70) and every re-run
died at the same item.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.documents import PIPELINE_VERSION, DocumentInput
from claimledger.errors import InputError
from claimledger.extract import Extractor
from claimledger.ledger.ingest import ingest
from claimledger.ledger.store import Store
from claimledger.model import Extraction

BIG = "The ministry said 18,446,744,073,709,551,616 soldiers were killed."
GOOD = [
    "Officials in Kharkiv said 12 people were killed in the shelling on Tuesday.",
    "The regional governor said 40 civilians had been evacuated from the village.",
]


@pytest.fixture(scope="module")
def big(extractor) -> Extraction:
    """An extraction with one figure, whose value the tests set beyond any count: the
    pipeline itself no longer yields such figures, but the store must survive any it is given."""
    return extractor.extract(BIG.replace("18,446,744,073,709,551,616", "1,908"), published="2022-05-20")


def _with_value(e: Extraction, value: float | int) -> Extraction:
    data = e.model_dump()
    data["figures"][0]["value"] = value
    return Extraction.model_validate(data)


def test_a_figure_beyond_sqlite_integer_is_stored_as_a_real(tmp_path, big):
    with Store(tmp_path / "l.db") as store:
        doc_id, is_new = store.add_extraction(_with_value(big, 2**64), PIPELINE_VERSION)
        assert is_new
        stored = store.conn.execute("SELECT value FROM figures WHERE document_id = ?", (doc_id,))
        assert stored.fetchone()[0] == float(2**64)


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, 10**400,
                                   pytest.param(-(10**4400), id="4401-digits")])
def test_a_non_finite_figure_is_refused_and_leaves_no_row(tmp_path, big, value):
    with Store(tmp_path / "l.db") as store:
        with pytest.raises(InputError, match="not a finite number"):
            store.add_extraction(_with_value(big, value), PIPELINE_VERSION)
        assert store.counts()["documents"] == 0


@settings(max_examples=40, deadline=None, derandomize=True)
@given(value=st.integers(min_value=-(10**5000), max_value=10**5000) | st.floats())
def test_the_store_never_crashes_on_any_figure_value(big, value):
    with Store(":memory:") as store:
        try:
            store.add_extraction(_with_value(big, value), PIPELINE_VERSION)
        except InputError:
            assert store.counts()["documents"] == 0
        else:
            assert store.counts()["figures"] == len(big.figures)


@pytest.mark.parametrize("field", ["text", "id", "title", "url", "outlet"])
def test_a_lone_surrogate_fails_its_document_alone(tmp_path, extractor, field):
    bad = {"text": "The mayor said 7 people were hurt.", "id": "doc-bad", "title": "Shelling",
           "url": "https://example.org/a", "outlet": "Example"}
    bad[field] += "\ud800"
    path = tmp_path / "b.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [{"text": GOOD[0]}, bad, {"text": GOOD[1]}]))
    errors: list[str] = []
    report = ingest([str(path)], tmp_path / "l.db", extractor=extractor, on_error=errors.append)
    assert (report.new, report.failed) == (2, 1)
    assert len(errors) == 1 and errors[0].startswith(f"{path}:2")
    errors[0].encode("utf-8")  # printable: the message itself never carries the surrogate


def test_the_store_refuses_a_lone_surrogate_with_one_error(tmp_path, big):
    data = big.model_dump()
    data["document"]["title"] = "Kharkiv \udc80"
    with Store(tmp_path / "l.db") as store:
        with pytest.raises(InputError, match="\"title\" holds a lone surrogate"):
            store.add_extraction(Extraction.model_validate(data), PIPELINE_VERSION)
        assert store.counts()["documents"] == 0


class _FailsOn(Extractor):
    """The session's extractor, except that one text makes the pipeline raise (a bug)."""

    def __init__(self, extractor: Extractor, poison: str) -> None:
        super().__init__(nlp=extractor.nlp)
        self.extractor, self.poison = extractor, poison

    def extract_many(self, docs: list[DocumentInput], batch_size: int = 16):
        for doc in docs:
            if doc.text == self.poison:
                raise RuntimeError("internal state /home/someone/secret")
            yield from self.extractor.extract_many([doc])


def test_an_exception_in_the_pipeline_fails_only_that_document(tmp_path, extractor):
    path = tmp_path / "b.jsonl"
    texts = [GOOD[0], BIG, GOOD[1]]
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
    errors: list[str] = []
    report = ingest([str(path)], tmp_path / "l.db", extractor=_FailsOn(extractor, BIG),
                    on_error=errors.append)
    assert (report.new, report.failed) == (2, 1)
    assert errors == [f"{path}:2: extraction failed (internal error: RuntimeError)"]


def test_an_exception_in_a_worker_fails_only_that_document(extractor, monkeypatch):
    from claimledger.ledger import parallel

    monkeypatch.setattr(parallel, "_worker_extractor", _FailsOn(extractor, BIG))
    rows = [parallel.to_row(DocumentInput(text=t)) for t in (GOOD[0], BIG, GOOD[1])]
    results = parallel._work(rows)
    assert [ok for ok, _ in results] == [True, False, True]
    assert results[1][1] == "extraction failed (internal error: RuntimeError)"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimledger.cli", *args],
                          capture_output=True, text=True, timeout=300)


def test_ingest_cli_stores_the_good_items_around_a_poison_pill_and_fails_it_again(tmp_path: Path):
    path = tmp_path / "batch.jsonl"
    records = [{"text": GOOD[0]}, {"text": BIG + " \ud800"}, {"text": GOOD[1]}, {"text": BIG}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "l.db"
    first = _cli("ingest", str(path), "--db", str(db), "--no-progress")
    assert first.returncode == 1, first.stderr
    errors = [line for line in first.stderr.splitlines() if line.startswith("error:")]
    assert errors[0].startswith(f"error: {path}:2: ") and len(errors) == 2  # + the summary line
    assert "3 new, 0 already known, 0 copies, 1 failed" in first.stdout
    again = _cli("ingest", str(path), "--db", str(db), "--no-progress")
    assert again.returncode == 1
    assert [line for line in again.stderr.splitlines() if line.startswith("error:")] == errors
    assert "0 new, 3 already known, 0 copies, 1 failed" in again.stdout
    with Store(db, readonly=True) as store:
        assert store.counts()["documents"] == 3
        assert [r["status"] for r in store.runs()] == ["failed", "failed"]
