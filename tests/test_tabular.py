"""``cisai._tabular``: JSON Lines and CSV, one typed row per record, for tools beyond Python.

The rows must read back with the standard ``csv`` module, a spreadsheet and DuckDB.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import cisai
from cisai import Dataset


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return cisai.load()


def test_jsonl_has_one_typed_record_per_line(ds: Dataset) -> None:
    lines = cisai.to_jsonl(ds).splitlines()
    assert len(lines) == len(ds)
    first = json.loads(lines[0])
    assert list(first)[:2] == ["type", "id"]
    types = {json.loads(line)["type"] for line in lines}
    assert {"instrument", "body", "topic", "lifecycle_stage"} <= types


def test_duckdb_reads_the_jsonl_export(ds: Dataset, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "cisai.jsonl"
    path.write_text(cisai.to_jsonl(ds.instruments), encoding="utf-8")
    rows = duckdb.sql(
        f"""
        SELECT substr(date, 1, 4) AS year, count(*) AS instruments
        FROM read_json_auto('{path}', format='newline_delimited')
        WHERE date IS NOT NULL GROUP BY year ORDER BY year
        """
    ).fetchall()
    expected: dict[str, int] = {}
    for instrument in ds.instruments:
        if instrument.date is not None:
            key = f"{instrument.date.year:04d}"
            expected[key] = expected.get(key, 0) + 1
    assert dict(rows) == expected


def test_csv_has_a_row_per_record_and_reads_back(ds: Dataset) -> None:
    text = cisai.to_csv(ds.instruments)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == list(ds.instruments.ids())
    law = next(r for r in rows if r["id"] == "cis-model-law-ai-2025")
    assert law["title"] == "Model law on Artificial Intelligence Technologies"
    assert law["date"] == "2025-04-18"
    assert "О технологиях искусственного интеллекта" in law["titles"]
    assert json.loads(law["events"])[0]["kind"]
    assert law["source_urls"].startswith("http")
    assert "; " in law["topics"]


def test_csv_bom_for_spreadsheets(ds: Dataset) -> None:
    text = cisai.to_csv(ds.bodies, bom=True)
    assert text.startswith("\ufeff")
    assert next(csv.reader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"))))[0] == "type"


def test_whole_dataset_csv_mixes_types(ds: Dataset) -> None:
    rows = list(csv.DictReader(io.StringIO(cisai.to_csv(ds))))
    assert len(rows) == len(ds)
    assert {r["type"] for r in rows} >= {"instrument", "body", "topic"}


def test_the_type_column_is_the_model_s_one_snake_case_name() -> None:
    from cisai._model import RECORD_TYPES, TYPE_NAMES
    from cisai._tabular import record_type

    assert TYPE_NAMES[cisai.LifecycleStage] == "lifecycle_stage"
    assert len(set(TYPE_NAMES.values())) == len(RECORD_TYPES)
    for record in cisai.load():
        assert record_type(record) == TYPE_NAMES[type(record)]
