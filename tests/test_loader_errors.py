"""The loader with bad files: every problem names its file, line, record id and field.

Each test writes a small data file to ``tmp_path`` - the valid :data:`BASE` with one
thing changed - and loads it with ``cisai.load(extra=[path], bundled=False)``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cisai
from cisai import DataError
from small_data import (
    BASE,
    PRINCIPLE,
    REVIEW,
    assert_first,
    find_problem,
    line_no,
    load_error,
    variant,
    write,
)

# -- the base is valid -------------------------------------------------------------------------


def test_base_is_valid(tmp_path: Path) -> None:
    ds = cisai.load(extra=[write(tmp_path, BASE + PRINCIPLE + REVIEW)], bundled=False)
    law = ds.get("by-ai-law")
    assert isinstance(law, cisai.Instrument)
    assert str(law.date) == "2025-04-18"
    assert law.sources[0].url == "https://example.org/one"
    assert law.events[0].sources[0].url == "https://example.org/two"
    assert ds.data_version is None
    assert len(ds.principles) == 1
    assert ds.review_processes[0].stage_count == 5


def test_single_path_argument_is_accepted(tmp_path: Path) -> None:
    ds = cisai.load(write(tmp_path, BASE), bundled=False)
    assert "by-ai-law" in ds


# -- wrong types -------------------------------------------------------------------------------


# -- keys --------------------------------------------------------------------------------------


# -- ids ---------------------------------------------------------------------------------------


# -- references --------------------------------------------------------------------------------


# -- events and dates --------------------------------------------------------------------------


# -- sources -----------------------------------------------------------------------------------


def test_catalogued_source_url_written_as_a_number(tmp_path: Path) -> None:
    text = variant(("    url: https://example.org/one\n", "    url: 12345\n"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "url: 12345"),
        record_id="src-one",
        field="url",
        message="not an http(s) URL: '12345'",
    )


def test_unknown_source_id(tmp_path: Path) -> None:
    text = variant(
        (
            '    sources: [src-one]\n    added_in: "2026.11.0"\n    events:',
            '    sources: [src-onr]\n    added_in: "2026.11.0"\n    events:',
        )
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "[src-onr]"),
        record_id="by-ai-law",
        field="sources[0]",
        message="unknown source 'src-onr'; did you mean 'src-one'",
    )


def test_source_referenced_by_url(tmp_path: Path) -> None:
    text = variant(("        sources: [src-two]\n", "        sources: [https://example.org/two]\n"))
    ds = cisai.load(extra=[write(tmp_path, text)], bundled=False)
    assert ds.get("by-ai-law").events[0].sources[0].url == "https://example.org/two"


def test_bad_catalogue_source(tmp_path: Path) -> None:
    text = variant(("    kind: official\n", "    kind: oficial\n"))
    err, file = load_error(tmp_path, text)
    problem = find_problem(err, "'oficial' is not a valid SourceKind")
    assert (problem.file, problem.line, problem.record_id, problem.field) == (
        file,
        line_no(text, "kind: oficial"),
        "src-one",
        "kind",
    )
    assert "did you mean 'official'?" in problem.message


# -- vocabulary, wording, versions -------------------------------------------------------------


# -- many problems at once ---------------------------------------------------------------------


def test_all_problems_are_reported_sorted_by_line(tmp_path: Path) -> None:
    text = variant(
        ("    kind: academy\n", "    kind: academy\n    parent: nowhere\n"),  # body parent
        ("  - id: by-ai-law\n", "  - id: Bad_ID\n"),  # instruments: slug
        ("topics: [ai]", "topics: [ia]"),  # unknown topic
        ("        body: nasb\n", "        body: nas\n"),  # unknown event body
        ("        date: 2025-03-26\n", "        date: 2025-05-26\n"),  # out of order
    )
    err, file = load_error(tmp_path, text)
    lines = [p.line for p in err.problems]
    assert len(err.problems) == 5, [str(p) for p in err.problems]
    assert lines == sorted(lines)
    assert lines == [
        line_no(text, "parent: nowhere"),
        line_no(text, "id: Bad_ID"),
        line_no(text, "topics: [ia]"),
        line_no(text, "body: nas"),
        line_no(text, "date: 2025-04-18", nth=2),
    ]
    assert all(p.file == file for p in err.problems)
    assert str(err).endswith("(and 4 more problems)")
    assert str(err).startswith(str(err.problems[0]))


def test_problems_across_files_are_sorted_by_file_then_line(tmp_path: Path) -> None:
    a = write(tmp_path, variant(("status: adopted", "status: adoptd")), "a.yaml")
    b = write(tmp_path, PRINCIPLE.replace("[src-one]", "[src-nope]"), "b.yaml")
    with pytest.raises(DataError) as info:
        cisai.load(extra=[b, a], bundled=False)
    files = [p.file for p in info.value.problems]
    assert files == sorted(files)
    assert str(a) in files
    assert str(b) in files


def test_problem_str_format() -> None:
    problem = cisai.Problem(
        message="unknown body 'x'", file="f.yaml", line=7, record_id="rid", field="events[0].body"
    )
    assert str(problem) == "f.yaml:7: rid: events[0].body: unknown body 'x'"
    assert str(cisai.Problem(message="bad")) == "<data>: bad"
    assert str(cisai.Problem(message="bad", file="f.yaml")) == "f.yaml: bad"


def test_data_error_with_two_problems() -> None:
    err = DataError(
        [
            cisai.Problem(message="one", file="f", line=1),
            cisai.Problem(message="two", file="f", line=2),
        ]
    )
    assert str(err) == "f:1: one (and 1 more problem)"
    assert err.line == 1
    assert isinstance(err, cisai.CisaiError)


# -- PyYAML implicit typing of dates -----------------------------------------------------------


# -- unsafe and broken files -------------------------------------------------------------------


def test_non_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(BASE.replace("Belarus", "Bélarus").encode("latin-1"))
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path], bundled=False)
    assert info.value.file == str(path)
    assert str(path) in str(info.value)
    assert "UTF-8" in str(info.value)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    assert "by-ai-law" in cisai.load(extra=[path], bundled=False)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path], bundled=False)
    assert info.value.file == str(path)


def test_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    err, file = load_error(tmp_path, "- a\n- b\n")
    assert (err.file, err.line) == (file, 1)
    assert "mapping of collection names" in str(err)


def test_unknown_collection(tmp_path: Path) -> None:
    text = BASE + "principals: []\n"
    err, file = load_error(tmp_path, text)
    assert (err.file, err.line, err.field) == (file, line_no(text, "principals:"), "principals")
    assert "did you mean 'principles'" in str(err)


def test_empty_file_is_no_records(tmp_path: Path) -> None:
    empty = write(tmp_path, "", "empty.yaml")
    ds = cisai.load(extra=[write(tmp_path, BASE), empty], bundled=False)
    assert "by-ai-law" in ds
