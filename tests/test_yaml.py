"""``cisai._yamlio``: safe YAML that remembers the line of every mapping, key and item.

The loader names the line of a problem found long after parsing (by cattrs or by a
cross-record check) through :func:`line_of`; it refuses a key written twice through
:func:`duplicate_keys` (PyYAML would let the last one win silently), and alias bombs
through :func:`expanded_size`. The direct tests call these functions; the tests that
load a whole file check that the user sees the result as a :class:`cisai.DataError`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cisai
from cisai import DataError
from cisai._yamlio import (
    LineList,
    LineMap,
    duplicate_keys,
    expanded_size,
    line_of,
    parse_yaml_document,
)
from small_data import BASE, line_no, load_error, variant

HOSTILE = Path(__file__).resolve().parent / "hostile"

NESTED = """\
instruments:
  - id: one
    titles:
      - text: First
        lang: en
      - text: Second
  - id: two
    issuers:
      - nasb
      - mincom
"""


def parse(text: str) -> object:
    data, _ = parse_yaml_document(text, "f.yaml")
    return data


# -- the line map -------------------------------------------------------------------------------


def test_mappings_and_lists_know_their_lines() -> None:
    root = parse(NESTED)
    assert isinstance(root, LineMap)
    assert root.key_lines == {"instruments": 1}
    records = root["instruments"]
    assert isinstance(records, LineList)
    assert records.item_lines == [2, 7]
    assert [record.line for record in records] == [2, 7]
    assert records[0].key_lines == {"id": 2, "titles": 3}


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ((), 1),
        (("instruments",), 1),
        (("instruments", 0), 2),
        (("instruments", 0, "titles", 1), 6),
        (("instruments", 0, "titles", 1, "text"), 6),
        (("instruments", 1, "issuers", 1), 10),
        # A path that leaves the data ends at the deepest part that exists.
        (("instruments", 1, "summary"), 7),
        (("instruments", 5, "id"), 1),
        (("instruments", 0, "titles", 0, "text", "deeper"), 4),
    ],
)
def test_line_of_names_the_deepest_known_line(path: tuple[str | int, ...], line: int) -> None:
    assert line_of(parse(NESTED), path) == line


def test_line_of_data_not_read_from_yaml_is_unknown() -> None:
    assert line_of({"instruments": [{"id": "one"}]}, ("instruments", 0, "id")) is None


@given(st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True), unique=True, min_size=1))
def test_every_key_is_on_the_line_it_was_written(keys: list[str]) -> None:
    # Quoted: unquoted, YAML 1.1 would read "on" or "no" as booleans.
    text = "# a comment\n" + "".join(f'"{key}": {i}\n' for i, key in enumerate(keys))
    root = parse(text)
    assert isinstance(root, LineMap)
    assert root.key_lines == {key: i for i, key in enumerate(keys, start=2)}
    assert all(line_of(root, (key,)) == i for i, key in enumerate(keys, start=2))


# -- duplicate keys -----------------------------------------------------------------------------


def test_a_repeated_key_keeps_the_first_value_and_is_reported() -> None:
    data, found = parse_yaml_document("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n", "f.yaml")
    assert found
    assert data == {"a": 1, "b": {"c": 2}}
    assert sorted(duplicate_keys(data)) == [(("a",), 5), (("b", "c"), 4)]


def test_no_repeated_key_means_no_duplicates() -> None:
    data, found = parse_yaml_document(NESTED, "f.yaml")
    assert not found
    assert list(duplicate_keys(data)) == []


def test_duplicates_inside_lists_name_the_item() -> None:
    data, _ = parse_yaml_document("topics:\n  - id: a\n  - id: b\n    id: c\n", "f.yaml")
    assert list(duplicate_keys(data)) == [(("topics", 1, "id"), 4)]


def test_merged_keys_may_be_overridden_but_explicit_repeats_may_not() -> None:
    text = "base: &b {x: 1, y: 2}\none:\n  <<: *b\n  x: 3\ntwo:\n  <<: *b\n  y: 4\n  y: 5\n"
    data, found = parse_yaml_document(text, "f.yaml")
    assert data["one"] == {"x": 3, "y": 2}
    assert found
    assert list(duplicate_keys(data)) == [(("two", "y"), 8)]


def test_a_mapping_reached_twice_through_aliases_is_reported_once() -> None:
    data, _ = parse_yaml_document("a: &m\n  k: 1\n  k: 2\nb: *m\nc: *m\n", "f.yaml")
    assert len(list(duplicate_keys(data))) == 1


# -- what PyYAML would get wrong ----------------------------------------------------------------


def test_impossible_unquoted_date_stays_text_for_a_clear_error_later() -> None:
    assert parse("date: 2025-02-30\n") == {"date": "2025-02-30"}


def test_control_character_names_its_line() -> None:
    with pytest.raises(DataError) as info:
        parse_yaml_document("a: 1\nb: x\x07y\n", "f.yaml")
    assert info.value.line == 2
    assert "#x0007" in str(info.value)


def test_list_as_a_key_is_refused() -> None:
    with pytest.raises(DataError) as info:
        parse_yaml_document("a: 1\n? [x, y]\n: 2\n", "f.yaml")
    assert "unhashable key" in str(info.value)


# -- aliases ------------------------------------------------------------------------------------


def test_expanded_size_counts_what_aliases_would_expand() -> None:
    data = parse("a: &x [1, 2, 3]\nb: [*x, *x, *x]\n")
    # root 1 + a (1 + 3) + b (1 + 3 * (1 + 3)) = 1 + 4 + 13
    assert expanded_size(data) == 18
    assert expanded_size("scalar") == 1


def test_expanded_size_of_a_structure_that_contains_itself_is_an_error() -> None:
    looped: list[object] = []
    looped.append(looped)
    with pytest.raises(ValueError, match="refers to the structure that contains it"):
        expanded_size(looped)


def test_aliases_within_the_limit_are_fine() -> None:
    data, _ = parse_yaml_document("a: &x [1, 2]\nb: [*x, *x]\n", "f.yaml")
    assert data["b"] == [[1, 2], [1, 2]]


def test_alias_expansion_limit_is_relative_to_the_text() -> None:
    text = "a: &a [" + ", ".join(["x"] * 10) + "]\n"
    for level in "bcdefg":
        text += f"{level}: &{level} [" + ", ".join([f"*{chr(ord(level) - 1)}"] * 10) + "]\n"
    with pytest.raises(DataError) as info:
        parse_yaml_document(text, "f.yaml")
    assert "alias bomb" in str(info.value)
    assert "the limit is 100,000" in str(info.value)


# -- what the user sees: the file, the line, the key ----------------------------------------------


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    text = variant(("    status: adopted\n", "    status: adopted\n    status: draft\n"))
    err, file = load_error(tmp_path, text)
    assert err.file == file
    assert err.line == line_no(text, "status: draft")
    assert "duplicate key 'status'" in str(err)
    assert str(err).startswith(f"{file}:{err.line}: ")
    # Like every other problem, it names the record and the field.
    assert err.record_id == "by-ai-law"
    assert err.field == "status"


def test_duplicate_yaml_key_at_top_level(tmp_path: Path) -> None:
    text = BASE + "topics:\n  - id: other\n    label: Other\n    added_in: '2026.11.0'\n"
    err, file = load_error(tmp_path, text)
    assert err.file == file
    assert err.line == line_no(text, "topics:", nth=2, exact=True)
    assert "duplicate key 'topics'" in str(err)


def test_invalid_yaml_syntax(tmp_path: Path) -> None:
    text = variant(("    status: adopted\n", "    status: [adopted\n"))
    err, file = load_error(tmp_path, text)
    assert err.file == file
    assert isinstance(err.line, int)
    # The parser notices the unclosed bracket at the next line at the latest.
    assert line_no(text, "status: [adopted") <= err.line <= line_no(text, "status: [adopted") + 1
    assert str(err).startswith(f"{file}:{err.line}: invalid YAML")


def test_invalid_yaml_syntax_exact_line(tmp_path: Path) -> None:
    text = variant(("    status: adopted\n", "    status: adopted: yes\n"))
    err, file = load_error(tmp_path, text)
    line = line_no(text, "status: adopted: yes")
    assert (err.file, err.line) == (file, line)
    # libyaml says "... in this context", pure-Python PyYAML "... here".
    assert str(err).startswith(f"{file}:{line}: invalid YAML: mapping values are not allowed")


def test_invalid_yaml_bad_indentation(tmp_path: Path) -> None:
    text = "topics:\n  - id: ai\n    label: AI\n   added_in: x\n"
    err, file = load_error(tmp_path, text)
    assert err.file == file
    assert err.line == 4
    assert "invalid YAML" in str(err)


def test_merge_keys_work() -> None:
    ds = cisai.load(extra=[HOSTILE / "merge-keys.yaml"])
    one, two = ds.get("hostile-merge-one"), ds.get("hostile-merge-two")
    assert isinstance(one, cisai.Principle)
    assert isinstance(two, cisai.Principle)
    assert two.name == "Second merged principle"
    assert (two.gist, two.instrument, two.sources) == (one.gist, one.instrument, one.sources)


def test_big_integer_is_kept_exactly() -> None:
    record = cisai.load(extra=[HOSTILE / "big-integer.yaml"]).get("hostile-big-integer")
    assert isinstance(record, cisai.ReviewProcess)
    assert record.stage_count == 123456789012345678901234567890


def test_huge_integer_names_its_line() -> None:
    """A 5,000-digit number is refused like any bad value: with its line, in plain words."""
    path = HOSTILE / "huge-integer.yaml"
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path])
    problem = info.value.problems[0]
    assert problem.file == str(path)
    assert problem.line == 5, str(problem)
    assert "set_int_max_str_digits" not in problem.message  # a Python internal, not for users


@pytest.mark.parametrize(
    "name",
    [
        "python-object-apply.yaml",
        "python-object-new.yaml",
        "python-name.yaml",
        "python-module.yaml",
    ],
)
def test_python_tags_execute_nothing(
    name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError) as info:
        cisai.load(extra=[HOSTILE / name], bundled=False)
    assert "tag" in str(info.value)
    assert not (tmp_path / "cisai-hostile-pwned").exists()
    assert not Path("cisai-hostile-pwned").exists()
