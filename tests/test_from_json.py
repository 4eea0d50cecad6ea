"""Reading JSON back: a whole Dataset by default, selections and lists of records too."""

from __future__ import annotations

import json

import pytest

import cisai


def test_from_json_defaults_to_a_dataset_equal_to_the_one_written() -> None:
    ds = cisai.load()
    back = cisai.from_json(cisai.to_json(ds))
    assert isinstance(back, cisai.Dataset)
    assert back is not ds
    assert back == ds
    assert hash(back) == hash(ds)


def test_datasets_differ_by_data_version_or_content() -> None:
    ds = cisai.load()
    document = cisai.to_dict(ds)
    other_version = cisai.from_json(json.dumps({**document, "data_version": "2999.1.0"}))
    assert other_version != ds
    fewer = cisai.from_json(json.dumps({**document, "review_processes": []}))
    assert fewer != ds
    assert ds != "not a dataset"


@pytest.mark.parametrize("container", [list, tuple])
def test_lists_and_tuples_of_records(container: type) -> None:
    principles = cisai.load().principles[:3]
    hint = list[cisai.Principle] if container is list else tuple[cisai.Principle, ...]
    back = cisai.from_json(cisai.to_json(principles), hint)
    assert type(back) is container
    assert tuple(back) == tuple(principles)


def test_a_bare_selection_recognises_each_records_type() -> None:
    ds = cisai.load()
    mixed = [*ds.bodies[:2], *ds.topics[:2], *ds.instruments[:2]]
    back = cisai.from_json(cisai.to_json(mixed), cisai.Selection)
    assert isinstance(back, cisai.Selection)
    assert list(back) == mixed
    assert [type(r) for r in back] == [type(r) for r in mixed]


def test_a_typed_selection_can_be_filtered_by_its_own_fields() -> None:
    instruments = cisai.load().instruments.filter(jurisdiction="BY")
    back = cisai.from_json(cisai.to_json(instruments), cisai.Selection[cisai.Instrument])
    assert back == instruments
    assert back.filter(kind="decree") == instruments.filter(kind="decree")


@pytest.mark.parametrize("cls", [int, dict, list[int], tuple[cisai.Instrument, int]])
def test_an_unsupported_class_names_what_is_accepted(cls: object) -> None:
    with pytest.raises(TypeError, match=r"accepted: cisai\.Dataset, a record class") as info:
        cisai.from_json("[]", cls)  # type: ignore[call-overload]
    assert "hook" not in str(info.value)


def test_errors_never_speak_of_the_library_underneath() -> None:
    with pytest.raises(cisai.DataError) as info:
        cisai.from_json('[{"id": "x"}]', cisai.Selection)
    assert "cannot tell which record type" in str(info.value)
    with pytest.raises(cisai.DataError) as info:
        cisai.from_json('[{"id": "a"}, 3]', list[cisai.Topic])
    fields = [p.field for p in info.value.problems]
    assert "$[0].label" in fields
    assert "$[1]" in fields
    for word in ("structure hook", "Register", "cattrs", "While structuring"):
        assert word not in str(info.value)
    with pytest.raises(cisai.DataError, match="expected a JSON array"):
        cisai.from_json("{}", list[cisai.Topic])
