"""`claimledger incidents` lists the ledger's incidents (JSON and table) without spaCy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.documents import PIPELINE_VERSION
from claimledger.ledger.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from test_light_commands import _extraction, _run  # noqa: E402


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("incidents") / "ledger.db"
    with Store(path) as store:
        store.add_extraction(_extraction(), PIPELINE_VERSION)
    return path


def test_incidents_json_lists_the_surrender_with_its_series_without_spacy(ledger):
    proc = _run("incidents", "--db", str(ledger), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    (incident,) = json.loads(proc.stdout)
    assert (incident["event"], incident["place"]["name"], incident["start"]) == (
        "surrender", "Azovstal", "2022-05-20")
    assert incident["documents"] == ["seed-azovstal"] and len(incident["series"]) == 1
    assert proc.stderr.strip() == "spacy not loaded"


def test_incidents_table_names_the_incident_and_refuses_unknown_format(ledger):
    proc = _run("incidents", "--db", str(ledger))
    assert proc.returncode == 0 and "Azovstal" in proc.stdout and "surrender" in proc.stdout
    bad = subprocess.run([sys.executable, "-m", "claimledger.cli", "incidents", "--db",
                          str(ledger), "--format", "xml"], capture_output=True, text=True,
                         timeout=120)
    assert bad.returncode == 2 and "unknown --format 'xml'" in bad.stderr
