"""Parquet backfills are read row by row, as JSONL lines are: bad rows and bad files are one
line each, never a traceback."""

from __future__ import annotations

import datetime as dt

import pytest

from claimledger.data import data_path
from claimledger.errors import InputError
from claimledger.ingest.files import parquet_documents
from claimledger.ingest.inputs import InputExpander

pa = pytest.importorskip("pyarrow", reason="Parquet input needs pyarrow (the parquet extra)")
pq = pytest.importorskip("pyarrow.parquet", reason="Parquet input needs pyarrow (the parquet extra)")

REPORT = data_path("examples", "halvek-market-strike.txt").read_text(encoding="utf-8")


def test_parquet_rows_become_documents_with_dates_from_date_columns(tmp_path):
    path = tmp_path / "b.parquet"
    pq.write_table(pa.table({
        "text": [REPORT, "   "],
        "published": [dt.date(2024, 9, 18), None],
        "url": ["https://northbridge-wire.example/a", None],
    }), path)
    got = list(parquet_documents(path))
    assert [label for label, _ in got] == [f"{path}:1", f"{path}:2"]
    first = got[0][1]
    assert first.published == "2024-09-18" and first.text == REPORT
    items = list(InputExpander(fetcher=None).expand([str(path)]))  # type: ignore[arg-type]
    assert items[0].doc is not None and items[1].error is not None and "empty text" in items[1].error


def test_parquet_file_without_text_column_or_not_parquet_is_one_error(tmp_path):
    no_text = tmp_path / "n.parquet"
    pq.write_table(pa.table({"body": [REPORT]}), no_text)
    with pytest.raises(InputError, match='no "text" column'):
        list(parquet_documents(no_text))
    broken = tmp_path / "b.parquet"
    broken.write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(InputError, match="not a readable Parquet file"):
        list(parquet_documents(broken))


def test_parquet_text_of_the_wrong_type_is_an_error_of_its_row(tmp_path):
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"text": [REPORT], "title": [17]}), path)
    (label, got), = parquet_documents(path)
    assert isinstance(got, Exception) and '"title" must be a string' in str(got)
