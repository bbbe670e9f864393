"""The Ray Data engine builds the same ledger as the local one, on a local 2-CPU Ray.

Few and small on purpose (a local Ray costs seconds to start): one Ray for the module, the
four example reports (no ../shared needed) plus a record that cannot be stored.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.data import data_path
from claimledger.ledger import ray_engine
from claimledger.ledger.ingest import ingest
from claimledger.ledger.ray_engine import RayEngine
from claimledger.ledger.series.build import series_from_store
from claimledger.ledger.store import Store


def _example_records() -> list[dict]:
    folder = data_path("examples")
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    return [
        {
            "text": (folder / r["file"]).read_text(encoding="utf-8"),
            **{k: r.get(k) for k in ("published", "url", "title", "outlet")},
        }
        for r in index["reports"]
    ]


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'claimledger[ray]'")
    pytest.importorskip("pyarrow", reason="the Ray engine needs pyarrow")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    records = _example_records()
    # the same example reports under a second URL: known texts, skipped by both engines;
    # and one record no ledger can store (no text): reported, never stored
    records += [dict(records[0], url="https://example.org/again"), {"text": "", "published": "2024-09-19"}]
    path = tmp_path_factory.mktemp("ray") / "batch.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _tables(db: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%fts%' "
        "AND name NOT IN ('runs', 'sqlite_sequence') ORDER BY name")]
    out = {}
    for name in names:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({name})")]
        keep = ", ".join(c for c in cols if c not in ("first_seen", "created_at", "run_id"))
        out[name] = con.execute(f"SELECT {keep} FROM {name} ORDER BY rowid").fetchall()
    con.close()
    return out


@pytest.fixture(scope="module")
def local_ledger(tmp_path_factory, batch, extractor) -> Path:
    """The batch ingested by the local engine: what the Ray engine must reproduce."""
    db = tmp_path_factory.mktemp("local") / "local.db"
    report = ingest([str(batch)], db, extractor=extractor)
    assert report.new == 4 and report.copies >= 1 and report.failed == 1
    return db


def test_ray_engine_builds_the_same_ledger_as_the_local_engine(tmp_path, batch, local_ledger, local_ray, monkeypatch):
    # two documents per Arrow block: several blocks, so the order of results matters
    monkeypatch.setattr(ray_engine, "BLOCK_DOCUMENTS", 2)
    distributed = tmp_path / "ray.db"
    report = ingest([str(batch)], distributed, engine=lambda: RayEngine(parquet_out=tmp_path / "pq"))
    assert (report.new, report.known, report.failed, report.copies) == (4, 1, 1, 1)
    assert _tables(distributed) == _tables(local_ledger)
    with Store(local_ledger, readonly=True) as a, Store(distributed, readonly=True) as b:
        series = series_from_store(a)
        assert series and series_from_store(b) == series
        figures = a.counts()["figures"]

    import pyarrow.parquet as pq

    shards = {t: pq.read_table(tmp_path / "pq" / t) for t in ("documents", "claims", "figures", "sources")}
    assert shards["documents"].num_rows == 4
    assert shards["figures"].num_rows == figures > 0
    values = {v for v in shards["figures"].column("value").to_pylist() if v is not None}
    assert 40.0 in values  # "at least 40" killed, the main example's headline figure


def test_ray_engine_cli_reads_a_parquet_backfill_into_the_same_ledger(tmp_path, batch, local_ledger, local_ray):
    # the same records as a Parquet file (what a warehouse export gives), through the CLI
    import pyarrow as pa
    import pyarrow.parquet as pq
    from typer.testing import CliRunner

    from claimledger.cli import app

    records = [json.loads(line) for line in batch.read_text(encoding="utf-8").splitlines()]
    fields = ("text", "published", "url", "title", "outlet")
    pq.write_table(pa.Table.from_pylist([{k: r.get(k) for k in fields} for r in records]), tmp_path / "b.parquet")
    db = tmp_path / "cli.db"
    got = CliRunner().invoke(app, ["ingest", str(tmp_path / "b.parquet"), "--db", str(db), "--engine", "ray", "--no-progress"])
    assert got.exit_code == 1, got.output  # the empty record fails; the others are stored
    assert "4 new" in got.output and "b.parquet:6: empty text" in got.output
    assert _tables(db) == _tables(local_ledger)


def test_ray_engine_without_ray_is_a_one_line_error(tmp_path, batch):
    # Ray hidden from the import system: the command says what to install, no traceback
    code = (
        "import sys; sys.modules['ray'] = None\n"
        "from claimledger.cli import main\n"
        f"sys.argv = ['claimledger', 'ingest', {str(batch)!r}, '--db', {str(tmp_path / 'x.db')!r}, '--engine', 'ray']\n"
        "main()\n"
    )
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert got.returncode != 0
    assert "Traceback" not in got.stderr
    assert "claimledger[ray]" in got.stderr
    assert not (tmp_path / "x.db").exists() or sqlite3.connect(tmp_path / "x.db").execute(
        "SELECT count(*) FROM documents").fetchone()[0] == 0


def test_importing_the_ray_engine_does_not_import_ray():
    code = "import sys; import claimledger.ledger.ray_engine; print('ray' in sys.modules)"
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert got.stdout.strip() == "False", got.stderr
