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


def test_duplicate_ids_in_one_file(tmp_path: Path) -> None:
    second = """\
  - id: nasb
    name: Another body
    kind: academy
    attestation: official_report
    confidence: high
    sources: [src-one]
    added_in: "2026.11.0"
"""
    text = variant(("instruments:\n", second + "instruments:\n"))
    err, file = load_error(tmp_path, text)
    first_line = line_no(text, "- id: nasb")
    assert_first(
        err,
        file=file,
        line=line_no(text, "- id: nasb", nth=2),
        record_id="nasb",
        field="id",
        message=f"duplicate id 'nasb' (first defined in {file}:{first_line})",
    )
    assert len(err.problems) == 1


def test_duplicate_ids_across_two_files(tmp_path: Path) -> None:
    other = """\
instruments:
  - id: by-ai-law
    kind: decree
    titles:
      - text: Another act
        lang: en
    jurisdiction: BY
    status: adopted
    summary: Another act.
    attestation: secondary_report
    confidence: low
    sources: [src-one]
    added_in: "2026.11.0"
"""
    first = write(tmp_path, BASE, "a.yaml")
    second = write(tmp_path, other, "b.yaml")
    with pytest.raises(DataError) as info:
        cisai.load(extra=[first, second], bundled=False)
    err = info.value
    first_line = line_no(BASE, "- id: by-ai-law")
    assert_first(
        err,
        file=str(second),
        line=line_no(other, "- id: by-ai-law"),
        record_id="by-ai-law",
        field="id",
        message=f"duplicate id 'by-ai-law' (first defined in {first}:{first_line})",
    )
    assert len(err.problems) == 1


def test_duplicate_ids_across_files_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    write(folder, BASE, "a.yaml")
    write(folder, PRINCIPLE, "b.yml")
    write(folder, PRINCIPLE, "c.yaml")
    write(folder, "ignored: [", "notes.txt")
    with pytest.raises(DataError) as info:
        cisai.load(extra=[folder], bundled=False)
    err = info.value
    assert err.file == str(folder / "c.yaml")
    assert err.record_id == "by-ai-law-human-oversight"
    assert err.field == "id"
    assert err.line == 2
    assert "duplicate id" in err.problems[0].message


def test_invalid_id_slug(tmp_path: Path) -> None:
    text = variant(("  - id: by-ai-law\n", "  - id: Bad_ID\n"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "id: Bad_ID"),
        record_id="Bad_ID",
        field="id",
        message="invalid id 'Bad_ID'",
    )
    assert len(err.problems) == 1


# -- references --------------------------------------------------------------------------------


def test_unknown_issuer(tmp_path: Path) -> None:
    text = variant(("issuers: [nasb]", "issuers: [nasbb]"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "issuers:"),
        record_id="by-ai-law",
        field="issuers[0]",
        message="unknown body 'nasbb'; did you mean 'nasb'?",
    )
    assert len(err.problems) == 1


def test_unknown_issuer_in_block_list_names_its_own_line(tmp_path: Path) -> None:
    text = variant(("    issuers: [nasb]\n", "    issuers:\n      - nasb\n      - nasbb\n"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "- nasbb"),
        record_id="by-ai-law",
        field="issuers[1]",
        message="unknown body 'nasbb'",
    )


def test_unknown_event_body(tmp_path: Path) -> None:
    text = variant(("        body: nasb\n", "        body: nas\n"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "body: nas"),
        record_id="by-ai-law",
        field="events[0].body",
        message="unknown body 'nas'; did you mean 'nasb'?",
    )
    assert len(err.problems) == 1


def test_unknown_body_parent(tmp_path: Path) -> None:
    text = variant(
        (
            "    jurisdiction: BY\n    attestation",
            "    jurisdiction: BY\n    parent: nasbx\n    attestation",
        )
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "parent: nasbx"),
        record_id="nasb",
        field="parent",
        message="unknown body 'nasbx'",
    )
    assert len(err.problems) == 1


def test_unknown_relation_target(tmp_path: Path) -> None:
    text = BASE + "    relations:\n      - kind: implements\n        target: by-ai-lawx\n"
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "target: by-ai-lawx"),
        record_id="by-ai-law",
        field="relations[0].target",
        message="unknown instrument 'by-ai-lawx'; did you mean 'by-ai-law'?",
    )
    assert len(err.problems) == 1


def test_topic_not_in_taxonomy(tmp_path: Path) -> None:
    text = variant(("topics: [ai]", "topics: [ia]"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "topics: [ia]"),
        record_id="by-ai-law",
        field="topics[0]",
        message="unknown topic 'ia'",
    )
    assert len(err.problems) == 1


def test_unknown_instrument_of_a_part(tmp_path: Path) -> None:
    text = BASE + variant(("instrument: by-ai-law", "instrument: by-ai-lax"), text=PRINCIPLE)
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "instrument: by-ai-lax"),
        record_id="by-ai-law-human-oversight",
        field="instrument",
        message="unknown instrument 'by-ai-lax'; did you mean 'by-ai-law'?",
    )


# -- events and dates --------------------------------------------------------------------------


def test_events_out_of_order(tmp_path: Path) -> None:
    text = variant(("        date: 2025-03-26\n", "        date: 2025-05-26\n"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "date: 2025-04-18", nth=2),
        record_id="by-ai-law",
        field="events[1].date",
        message="events out of order: 2025-04-18 comes after events[0] dated 2025-05-26",
    )
    assert len(err.problems) == 1


def test_in_force_before_signing(tmp_path: Path) -> None:
    text = BASE + "      - kind: in_force\n        date: 2025-04-01\n        sources: [src-one]\n"
    err, file = load_error(tmp_path, text)
    problem = find_problem(
        err, "in force (2025-04-01) before it was adopted or signed (2025-04-18)"
    )
    assert (problem.file, problem.line, problem.record_id, problem.field) == (
        file,
        line_no(text, "date: 2025-04-01"),
        "by-ai-law",
        "events[2].date",
    )
    assert str(problem).startswith(f"{file}:{problem.line}: by-ai-law: events[2].date: in force")


def test_in_force_before_signing_alone(tmp_path: Path) -> None:
    # A year-precise event in between keeps the order valid; only entry into force is wrong.
    text = BASE + (
        "      - kind: reported\n        date: 2025\n        sources: [src-one]\n"
        "      - kind: in_force\n        date: 2025-04-01\n        sources: [src-one]\n"
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "date: 2025-04-01"),
        record_id="by-ai-law",
        field="events[3].date",
        message="before it was adopted or signed",
    )
    assert len(err.problems) == 1


def test_date_not_among_event_dates(tmp_path: Path) -> None:
    text = variant(
        (
            "    issuers: [nasb]\n    date: 2025-04-18\n",
            "    issuers: [nasb]\n" + "    date: 2025-04-19\n",
        )
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "    date: 2025-04-19"),
        record_id="by-ai-law",
        field="date",
        message="date 2025-04-19 is not the date of any of its events (2025-03-26, 2025-04-18)",
    )
    assert len(err.problems) == 1


# -- sources -----------------------------------------------------------------------------------


def test_record_with_no_sources(tmp_path: Path) -> None:
    text = variant(
        (
            '    sources: [src-one]\n    added_in: "2026.11.0"\n    events:',
            '    sources: []\n    added_in: "2026.11.0"\n    events:',
        )
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "sources: []"),
        record_id="by-ai-law",
        field="sources",
        message="at least one source is required",
    )
    assert len(err.problems) == 1


def test_event_with_no_sources(tmp_path: Path) -> None:
    text = variant(("        sources: [src-two]\n", "        sources: []\n"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "sources: []"),
        record_id="by-ai-law",
        field="events[0].sources",
        message="at least one source is required",
    )


def test_non_http_source_url_in_place(tmp_path: Path) -> None:
    text = variant(
        (
            '    sources: [src-one]\n    added_in: "2026.11.0"\n    events:',
            "    sources:\n      - url: ftp://example.org/file\n"
            '    added_in: "2026.11.0"\n    events:',
        )
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "url: ftp://"),
        record_id="by-ai-law",
        field="sources[0].url",
        message="not an http(s) URL: 'ftp://example.org/file'",
    )
    assert len(err.problems) == 1


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


def test_non_http_source_url_in_event(tmp_path: Path) -> None:
    text = variant(
        ("        sources: [src-two]\n", "        sources:\n          - url: example.org/page\n")
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "url: example.org/page"),
        record_id="by-ai-law",
        field="events[0].sources[0].url",
        message="not an http(s) URL",
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


def test_wording_without_official_text(tmp_path: Path) -> None:
    principle = PRINCIPLE + "    wording: The exact words of the act.\n"
    text = BASE + principle
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "wording:"),
        record_id="by-ai-law-human-oversight",
        field="wording",
        message="wording may only be given from the official text",
    )
    assert len(err.problems) == 1


def test_wording_with_official_text_is_accepted(tmp_path: Path) -> None:
    principle = PRINCIPLE.replace("secondary_report", "official_text") + "    wording: Words.\n"
    ds = cisai.load(extra=[write(tmp_path, BASE + principle)], bundled=False)
    assert ds.principles[0].wording == "Words."


@pytest.mark.parametrize("value", ['"2026-11-0"', '"2026.13.0"', '"v1"'])
def test_added_in_malformed(tmp_path: Path, value: str) -> None:
    text = variant(
        (
            '    sources: [src-one]\n    added_in: "2026.11.0"\n    events:',
            f"    sources: [src-one]\n    added_in: {value}\n    events:",
        )
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, f"added_in: {value}"),
        record_id="by-ai-law",
        field="added_in",
        message=f"invalid data version {value.strip(chr(34))!r}",
    )
    assert len(err.problems) == 1


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
