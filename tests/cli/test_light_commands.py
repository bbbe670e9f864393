"""`claims`, `series` and `export` read a ledger without loading spaCy (about 1 s a run).

The ledger is built with the store API from a hand-made extraction of the founding article's
first sentence, so no parser runs anywhere in this file; each command then runs in a fresh
interpreter, which reports whether `spacy` was imported.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimledger.documents import PIPELINE_VERSION
from claimledger.ledger.store import Store
from claimledger.model import Claim, Document, Extraction, Figure, Source, Span, When

# ../shared/gold/dev/seed.txt, first sentence
TEXT = (
    "Russia’s Defense Ministry has said that almost 2000 Ukranian soldiers have surrendered at "
    "Azovstal, the last stronghold of Ukranian forces in the Mariupol region."
)


def _span(text: str) -> Span:
    start = TEXT.index(text)
    return Span(text=text, start=start, end=start + len(text))


def _extraction() -> Extraction:
    return Extraction(
        document=Document(id="seed-azovstal", outlet="Seed Outlet", published="2022-05-20", text=TEXT),
        sources=[Source(id="s1", name="Russia’s Defense Ministry", kind="military",
                        affiliation="Russia", mentions=[_span("Russia’s Defense Ministry")])],
        claims=[Claim(id="c1", kind="indirect", source_id="s1",
                      content=_span("almost 2000 Ukranian soldiers have surrendered at Azovstal"),
                      source_mention=_span("Russia’s Defense Ministry"), cue=_span("has said"),
                      stated_on=When(date="2022-05-20", precision="day"), figure_ids=["f1"])],
        figures=[Figure(id="f1", claim_id="c1", span=_span("almost 2000"), value=2000, low=None,
                        high=2000, qualifier="nearly", unit="soldiers", event="surrender",
                        location="Azovstal", as_of=When(date="2022-05-20", precision="day"),
                        cumulative=True)],
    )


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("light") / "ledger.db"
    with Store(path) as store:
        store.add_extraction(_extraction(), PIPELINE_VERSION)
    return path


RUN = """
import sys
from typer.testing import CliRunner
from claimledger.cli import app
result = CliRunner().invoke(app, sys.argv[1:])
sys.stdout.write(result.output)
sys.stderr.write("spacy loaded\\n" if "spacy" in sys.modules else "spacy not loaded\\n")
sys.exit(result.exit_code)
"""


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, timeout=120)


def test_claims_reads_the_ledger_without_spacy(ledger):
    proc = _run("claims", "--db", str(ledger), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["content_text"] for r in rows] == ["almost 2000 Ukranian soldiers have surrendered at Azovstal"]
    assert proc.stderr.strip() == "spacy not loaded"


def test_series_reads_the_ledger_without_spacy(ledger):
    proc = _run("series", "--db", str(ledger), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    series = json.loads(proc.stdout)
    assert [(s["event"], s["location"], [p["value"] for p in s["points"]]) for s in series] == [
        ("surrender", "Azovstal", [2000])
    ]
    assert proc.stderr.strip() == "spacy not loaded"


def test_export_writes_without_spacy(ledger, tmp_path):
    out = tmp_path / "figures.csv"
    proc = _run("export", "--db", str(ledger), "--format", "csv", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "2000" in out.read_text(encoding="utf-8")
    assert proc.stderr.strip() == "spacy not loaded"


@pytest.mark.parametrize("command", ["series", "claims", "export", "serve"])
def test_help_never_loads_spacy(command):
    proc = _run(command, "--help")
    assert proc.returncode == 0 and "Usage" in proc.stdout
    assert proc.stderr.strip() == "spacy not loaded"
