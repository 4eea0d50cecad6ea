"""JSON, JSON Lines, CSV, JSON-LD and the JSON Schema: lossless, stable, valid."""

from __future__ import annotations

import csv
import enum
import importlib.resources
import io
import json
import re
import types
import typing
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cisai
from cisai import DataError, Dataset, PartialDate, SchemaError
from cisai._model import RECORD_TYPES, Event, Instrument, Source

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return cisai.load()


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return cisai.json_schema()


# -- JSON ------------------------------------------------------------------------------


def test_to_json_is_byte_for_byte_stable(ds: Dataset) -> None:
    first = cisai.to_json(ds, indent=2)
    assert first == cisai.to_json(ds, indent=2)
    assert first == cisai.to_json(cisai.from_json(first, Dataset), indent=2)


def test_dates_and_enums_are_plain_strings(ds: Dataset) -> None:
    data = cisai.to_dict(ds.model_law)
    assert data["date"] == "2025-04-18"
    assert data["kind"] == "model_law"
    assert next(iter(data)) == "id"
    assert list(data)[-3:] == ["added_in", "changed_in", "override"]
    json.dumps(data)  # nothing Python-only


def test_dataset_document_has_everything(ds: Dataset) -> None:
    document = cisai.to_dict(ds)
    assert document["schema_version"] == cisai.SCHEMA_VERSION
    assert document["data_version"] == cisai.DATA_VERSION
    assert document["generated_by"].startswith("cisai ")
    for cls in RECORD_TYPES:
        assert len(document[cls.collection]) == len(getattr(ds, cls.collection))


def test_every_bundled_record_round_trips(ds: Dataset) -> None:
    for record in ds:
        assert cisai.from_json(cisai.to_json(record), type(record)) == record


def test_selection_and_list_serialise_as_arrays(ds: Dataset) -> None:
    assert cisai.to_dict(ds.instruments[:2]) == [cisai.to_dict(r) for r in ds.instruments[:2]]
    assert json.loads(cisai.to_json(list(ds.bodies[:3])))[2]["id"] == ds.bodies[2].id


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1, 9999))
    month = draw(st.none() | st.integers(1, 12))
    day = draw(st.none() | st.integers(1, 28)) if month else None
    return PartialDate(year, month, day)


def strategy_for(tp: Any) -> st.SearchStrategy[Any]:
    """Values of a record field's type, built from the same annotations the converter uses."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(strategy_for(a) for a in typing.get_args(tp)))
    if origin is tuple:
        return st.lists(strategy_for(typing.get_args(tp)[0]), max_size=3).map(tuple)
    if tp is type(None):
        return st.none()
    if tp is str:
        return st.text(max_size=20)
    if tp is int:
        return st.integers(-(2**40), 2**40)
    if tp is bool:
        return st.booleans()
    if tp is PartialDate:
        return partial_dates()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    assert attrs.has(tp), tp
    hints = typing.get_type_hints(tp)
    fields = {a.name: strategy_for(hints[a.name]) for a in attrs.fields(tp)}
    return st.fixed_dictionaries(fields).map(lambda kwargs: tp(**kwargs))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([*RECORD_TYPES, Event, Source]).flatmap(strategy_for))
def test_generated_records_round_trip(record: Any) -> None:
    assert cisai.from_json(cisai.to_json(record), type(record)) == record
    assert cisai.from_json(cisai.to_json(record, indent=2), type(record)) == record


def test_other_schema_major_is_refused(ds: Dataset) -> None:
    document = cisai.to_dict(ds)
    document["schema_version"] = "2.0"
    with pytest.raises(SchemaError, match=r"'2\.0'.*schema 1\.x"):
        cisai.from_json(json.dumps(document), Dataset)


def test_invalid_document_names_the_json_path(ds: Dataset) -> None:
    document = cisai.to_dict(ds)
    document["instruments"][3]["date"] = "2025-13"
    with pytest.raises(DataError) as info:
        cisai.from_json(json.dumps(document), Dataset)
    assert info.value.field == "$.instruments[3].date"
    assert "2025-13" in str(info.value)


def test_invalid_record_json(ds: Dataset) -> None:
    with pytest.raises(DataError) as info:
        cisai.from_json('{"id": "x", "kind": "lawz"}', Instrument)
    fields = {p.field: p.message for p in info.value.problems}
    assert "'lawz' is not a valid InstrumentKind" in fields["$.kind"]
    assert fields["$.summary"] == "required field missing"
    with pytest.raises(DataError, match="invalid JSON"):
        cisai.from_json("{not json", Instrument)


# -- JSON Schema -------------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"].endswith(f"/{cisai.SCHEMA_VERSION}/dataset.schema.json")
    assert schema["additionalProperties"] is False
    for definition in schema["$defs"].values():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False


def test_schema_is_derived_from_the_classes(schema: dict[str, Any]) -> None:
    for cls in RECORD_TYPES:
        properties = schema["$defs"][cls.__name__]["properties"]
        assert set(properties) == {a.name for a in attrs.fields(cls)}
    assert schema["$defs"]["InstrumentKind"]["enum"] == [k.value for k in cisai.InstrumentKind]
    assert schema["$defs"]["PartialDate"]["pattern"] == "^[0-9]{4}(-[0-9]{2}){0,2}$"


def test_shipped_schema_file_equals_the_generated_one(schema: dict[str, Any]) -> None:
    shipped = importlib.resources.files("cisai") / "schema" / "dataset.schema.json"
    assert json.loads(shipped.read_text("utf-8")) == schema, (
        "run: python scripts/update_generated.py"
    )


def test_export_validates_against_the_schema(ds: Dataset, schema: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    errors = list(validator.iter_errors(cisai.to_dict(ds)))
    assert not errors, errors[0].message


def test_schema_rejects_what_the_loader_rejects(ds: Dataset, schema: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    for mutate in (
        lambda d: d["instruments"][0].__setitem__("colour", "red"),
        lambda d: d["instruments"][0].__setitem__("date", "2025-7"),
        lambda d: d["instruments"][0].__setitem__("kind", "lawz"),
        lambda d: d["bodies"][0].__setitem__("sources", []),
        lambda d: d.__setitem__("schema_version", "2.0"),
    ):
        document = cisai.to_dict(ds)
        mutate(document)
        assert not validator.is_valid(document)


def test_golden_snapshot_is_current(ds: Dataset) -> None:
    snapshot = ROOT / "snapshots" / "dataset.json"
    assert snapshot.read_text(encoding="utf-8") == cisai.to_json(ds, indent=2) + "\n", (
        "the data changed: run `python scripts/update_generated.py` and review the diff"
    )


# -- JSON Lines, CSV, JSON-LD ------------------------------------------------------------


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


def test_jsonld_maps_instruments_to_legislation(ds: Dataset) -> None:
    node = cisai.to_jsonld(ds.model_law)
    assert node["@context"] == "https://schema.org"
    assert node["@type"] == "Legislation"
    assert node["legislationDate"] == "2025-04-18"
    assert node["legislationJurisdiction"] == "CIS"
    assert node["legislationPassedBy"][0]["name"]
    assert any(t["@language"] == "ru" for t in node["alternateName"])
    assert all(url.startswith("http") for url in node["sameAs"])
    graph = cisai.to_jsonld(ds)["@graph"]
    assert len(graph) == len(ds.instruments)
    in_force = [n for n in graph if n.get("legislationLegalForce") == "InForce"]
    assert {n["identifier"] for n in in_force} == set(
        ds.instruments.filter(status="in_force").ids()
    )


# -- how current the data is ----------------------------------------------------------------


def test_the_document_says_up_to_when_the_sources_were_read(
    ds: Dataset, schema: dict[str, Any], tmp_path: Path
) -> None:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cisai.SOURCES_READ_UNTIL)
    document = cisai.to_dict(ds)
    assert list(document)[:3] == ["schema_version", "data_version", "sources_read_until"]
    assert document["sources_read_until"] == cisai.SOURCES_READ_UNTIL
    jsonschema.validate(document, schema)
    again = cisai.from_json(cisai.to_json(ds), Dataset)
    assert again.sources_read_until == cisai.SOURCES_READ_UNTIL
    exported = tmp_path / "export.json"
    exported.write_text(cisai.to_json(ds), encoding="utf-8")
    alone = cisai.load(extra=[exported], bundled=False)  # the key is read, not refused
    assert alone.sources_read_until is None  # user data alone: no release, no reading date
    assert cisai.to_dict(alone)["sources_read_until"] is None
    jsonschema.validate(cisai.to_dict(alone), schema)


def test_a_document_of_another_release_does_not_claim_this_reading_date(ds: Dataset) -> None:
    document = cisai.to_dict(ds)
    document["data_version"] = "2099.1.0"  # a release this cisai does not know
    other = cisai.from_json(json.dumps(document), Dataset)
    assert other.data_version == "2099.1.0"
    assert other.sources_read_until is None
