"""``cisai._serialize``: JSON of records, selections and datasets - lossless, stable, read back.

JSON Lines and CSV are in test_tabular.py, JSON-LD in test_jsonld.py, the JSON Schema in
test_schema.py.
"""

from __future__ import annotations

import enum
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
    fields = {a.name: field_strategy(a, hints[a.name]) for a in attrs.fields(tp)}
    return st.fixed_dictionaries(fields).map(lambda kwargs: tp(**kwargs))


_VERSIONS = st.builds(
    "{}.{}.{}".format, st.integers(2000, 2099), st.integers(1, 12), st.integers(0, 99)
)
NAMED: dict[str, st.SearchStrategy[str]] = {
    "id": st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,5}){0,2}\Z"),
    "added_in": _VERSIONS,
    "changed_in": _VERSIONS,
    "code": st.from_regex(r"\A[A-Z][A-Z0-9-]{1,15}\Z"),
    "url": st.from_regex(r"\Ahttps?://[a-z0-9./-]{4,30}\Z"),
}
"""Fields whose strings follow a pattern of the JSON Schema (which from_json enforces)."""


def field_strategy(attribute: Any, hint: Any) -> st.SearchStrategy[Any]:
    """Values the JSON Schema allows for one field: its type, and its pattern if it has one."""
    named = NAMED.get(attribute.name)
    if named is not None:
        return named | st.none() if type(None) in typing.get_args(hint) else named
    if attribute.name == "sources" and attribute.default is attrs.NOTHING:
        return st.lists(strategy_for(Source), min_size=1, max_size=3).map(tuple)
    return strategy_for(hint)


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


# -- the golden snapshot -------------------------------------------------------------------------


def test_golden_snapshot_is_current(ds: Dataset) -> None:
    snapshot = ROOT / "snapshots" / "dataset.json"
    assert snapshot.read_text(encoding="utf-8") == cisai.to_json(ds, indent=2) + "\n", (
        "the data changed: run `python scripts/update_generated.py` and review the diff"
    )


# -- how current the data is ----------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return cisai.json_schema()


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


def test_to_dict_of_a_comparison_is_its_own_to_dict() -> None:
    comparison = cisai.compare(on="2026-02-01")
    assert cisai.to_dict(comparison) == comparison.to_dict()
    assert cisai.to_dict(comparison)["states"]  # the states, not a list of rows
    assert json.loads(cisai.to_json(comparison)) == comparison.to_dict()


def test_to_dict_of_a_matrix_and_its_cells_is_their_own_to_dict() -> None:
    for matrix in (cisai.compare_principles(), cisai.compare_competencies()):
        assert cisai.to_dict(matrix) == matrix.to_dict()
        cell = next(c for row in matrix.rows for c in row.cells if c.entries)
        assert cisai.to_dict(cell) == cell.to_dict()
        assert cisai.to_dict(cell.entries[0]) == cell.entries[0].to_dict()


@pytest.mark.parametrize("make", [set, frozenset])
@pytest.mark.parametrize(
    "output", [cisai.to_json, cisai.to_dict, cisai.to_jsonl, cisai.to_csv, cisai.to_jsonld]
)
def test_an_unordered_collection_is_refused_since_the_output_must_repeat(
    output: Any, make: Any
) -> None:
    records = cisai.load().topics[:3]
    with pytest.raises(cisai.ArgumentError, match="has no order"):
        output(make(records))
    assert output(dict.fromkeys(records).keys()) == output(list(records))  # ordered: accepted
