"""The pipeline version changes with what the output depends on, so `reextract` (without
`--all`) redoes documents after a lexicon, weight, registry, stage config or model change."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from claimledger import documents
from claimledger.data import data_path


@pytest.fixture()
def data_copy(tmp_path, monkeypatch):
    """The packaged data folder copied to tmp_path, and the version computed from the copy."""
    copy = tmp_path / "data"
    shutil.copytree(data_path(), copy)
    monkeypatch.setattr(documents, "data_path", lambda *parts: copy.joinpath(*parts))
    monkeypatch.setattr(documents, "actors_path", lambda: copy / "actors.toml")
    documents._pipeline_version.cache_clear()
    yield copy
    documents._pipeline_version.cache_clear()


def test_pipeline_version_is_short_deterministic_and_from_the_packaged_data(data_copy):
    version = documents.pipeline_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+\+[0-9a-f]{12}", version)
    documents._pipeline_version.cache_clear()
    assert documents.pipeline_version() == version == documents.PIPELINE_VERSION


@pytest.mark.parametrize("changed", ["lexicons/attribution.toml", "weights/attribution_cues.json",
                                     "actors.toml"])
def test_changing_a_data_file_changes_the_pipeline_version(data_copy, changed):
    before = documents.pipeline_version()
    with (data_copy / changed).open("a", encoding="utf-8") as f:
        f.write("\n")
    documents._pipeline_version.cache_clear()
    assert documents.pipeline_version() != before


def test_another_model_or_actor_registry_is_another_pipeline_version(tmp_path, monkeypatch):
    registry = tmp_path / "actors.toml"
    registry.write_text(data_path("actors.toml").read_text(encoding="utf-8") + "\n")
    default = documents.pipeline_version()
    assert documents.pipeline_version("xx_other_model") != default
    monkeypatch.setenv("CLAIMLEDGER_ACTORS", str(registry))
    assert documents.pipeline_version() != default


def test_the_pipeline_version_never_loads_spacy():
    code = ("import sys; from claimledger.documents import PIPELINE_VERSION; "
            "print(PIPELINE_VERSION, 'spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [documents.pipeline_version(), "False"]


def test_reextract_redoes_the_documents_after_a_lexicon_changes(tmp_path, data_copy, extractor):
    from claimledger.ledger.ingest import ingest, reextract

    path = tmp_path / "b.jsonl"
    path.write_text('{"text": "The governor said 12 people were killed in the shelling."}\n'
                    '{"text": "Officials said 40 civilians had been evacuated on Tuesday."}\n')
    db = tmp_path / "l.db"
    assert ingest([str(path)], db, extractor=extractor).new == 2
    assert reextract(db, extractor=extractor).new == 0  # same pipeline: nothing to do
    with (data_copy / "lexicons" / "attribution.toml").open("a", encoding="utf-8") as f:
        f.write("\n# a new cue verb would go here\n")
    documents._pipeline_version.cache_clear()
    report = reextract(db, extractor=extractor)
    assert (report.new, report.known) == (2, 0)
    assert documents.pipeline_version() in report.summary()
