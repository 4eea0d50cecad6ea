"""``cisai._jsonio``: JSON read as strictly as YAML, its problems as one-line DataErrors.

Python's ``json`` keeps the last of two equal keys without a word; a data file that
says two things about one field must be refused, as a YAML mapping with a repeated
key is. Every problem names the file (and the line, where the parser knows it).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cisai
from cisai import DataError
from cisai._jsonio import parse_json

HOSTILE = Path(__file__).resolve().parent / "hostile"

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_valid_json_reads_as_the_standard_library_does(value: object) -> None:
    text = json.dumps(value)
    assert parse_json(text, "f.json") == value
    assert parse_json(text.encode("utf-8"), "f.json") == value


@pytest.mark.parametrize(
    "text",
    ['{"a": 1, "a": 1}', '{"a": 1, "b": {"c": 1, "c": 2}}', '[{"id": "x", "id": "y"}]'],
)
def test_a_key_written_twice_is_refused_even_with_the_same_value(text: str) -> None:
    with pytest.raises(DataError) as info:
        parse_json(text, "f.json")
    assert info.value.file == "f.json"
    assert "duplicate key" in str(info.value)
    assert "in a JSON object" in str(info.value)


def test_invalid_json_names_its_line() -> None:
    with pytest.raises(DataError) as info:
        parse_json('{\n  "a": 1,\n  "b": ]\n}', "f.json")
    assert (info.value.file, info.value.line) == ("f.json", 3)
    assert str(info.value).startswith("f.json:3: invalid JSON: Expecting value")


def test_bytes_that_are_not_utf8_are_a_data_error() -> None:
    with pytest.raises(DataError) as info:
        parse_json(b'{"a": "\xff"}', "f.json")
    assert info.value.file == "f.json"
    assert "invalid JSON" in str(info.value)


def test_nesting_too_deep_for_python_is_a_data_error() -> None:
    with pytest.raises(DataError) as info:
        parse_json("[" * 100_000 + "]" * 100_000, "f.json")
    assert info.value.file == "f.json"
    assert "invalid JSON" in str(info.value)


# -- what the user sees -------------------------------------------------------------------------


def test_json_deep_nesting(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"schema_version": "1.0", "topics": ' + "[" * 100_000, encoding="utf-8")
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path], bundled=False)
    assert info.value.file == str(path)
    assert "JSON" in str(info.value)


def test_json_duplicate_keys_are_refused() -> None:
    """Like YAML, a JSON data file may not write a key twice (the last would win silently)."""
    path = HOSTILE / "json-duplicate-keys.json"
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path], bundled=False)
    (problem,) = info.value.problems
    assert problem.file == str(path)
    assert "duplicate key" in problem.message
    assert str(path) in str(info.value)
