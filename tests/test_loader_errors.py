"""The loader with bad files: every problem names its file, line, record id and field.

Each test writes a small data file to ``tmp_path`` - the valid :data:`BASE` with one
thing changed - and loads it with ``cisai.load(extra=[path], bundled=False)``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import cisai
from cisai import DataError, Precision

BASE = """\
sources:
  src-one:
    url: https://example.org/one
    title: Source one
    kind: official
  src-two:
    url: https://example.org/two
topics:
  - id: ai
    label: Artificial intelligence
    aliases: [artificial-intelligence]
    added_in: "2026.11.0"
jurisdictions:
  - id: belarus
    code: BY
    name: Belarus
    kind: state
    model_law_participant: true
    attestation: official_report
    confidence: high
    sources: [src-one]
    added_in: "2026.11.0"
bodies:
  - id: nasb
    name: National Academy of Sciences of Belarus
    kind: academy
    jurisdiction: BY
    attestation: official_report
    confidence: high
    sources: [src-one]
    added_in: "2026.11.0"
instruments:
  - id: by-ai-law
    kind: law
    titles:
      - text: Law on artificial intelligence
        lang: en
    jurisdiction: BY
    issuers: [nasb]
    date: 2025-04-18
    status: adopted
    topics: [ai]
    summary: A law about AI.
    attestation: official_report
    confidence: high
    sources: [src-one]
    added_in: "2026.11.0"
    events:
      - kind: presented
        date: 2025-03-26
        body: nasb
        sources: [src-two]
      - kind: adopted
        date: 2025-04-18
        sources: [src-one]
"""

PRINCIPLE = """\
principles:
  - id: by-ai-law-human-oversight
    instrument: by-ai-law
    name: Human oversight
    gist: People stay in control.
    attestation: secondary_report
    confidence: medium
    sources: [src-one]
    added_in: "2026.11.0"
"""

REVIEW = """\
review_processes:
  - id: by-ai-law-review
    instrument: by-ai-law
    gist: Reviewed in stages.
    stage_count: 5
    attestation: secondary_report
    confidence: medium
    sources: [src-one]
    added_in: "2026.11.0"
"""


# -- helpers -----------------------------------------------------------------------------------


def variant(*replacements: tuple[str, str], text: str = BASE) -> str:
    """``text`` with each ``(old, new)`` replaced; ``old`` must occur exactly once."""
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def line_no(text: str, needle: str, nth: int = 1, *, exact: bool = False) -> int:
    """The 1-based number of the ``nth`` line of ``text`` containing (or equal to) ``needle``."""
    found = [
        i
        for i, line in enumerate(text.splitlines(), start=1)
        if (line == needle if exact else needle in line)
    ]
    assert len(found) >= nth, f"{needle!r} not found {nth} time(s)"
    return found[nth - 1]


def write(tmp_path: Path, text: str, name: str = "data.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str, name: str = "data.yaml") -> tuple[DataError, str]:
    path = write(tmp_path, text, name)
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path], bundled=False)
    return info.value, str(path)


def assert_first(
    err: DataError,
    *,
    file: str,
    line: int,
    record_id: str,
    field: str,
    message: str,
) -> None:
    """The error's first problem is exactly where expected, and the message says so."""
    first = err.problems[0]
    assert (first.file, first.line, first.record_id, first.field) == (file, line, record_id, field)
    assert (err.file, err.line, err.record_id, err.field) == (file, line, record_id, field)
    assert message in first.message
    assert str(first) == f"{file}:{line}: {record_id}: {field}: {first.message}"
    assert str(err).startswith(f"{file}:{line}: {record_id}: {field}: ")
    assert message in str(err)


def find_problem(err: DataError, message: str) -> cisai.Problem:
    matching = [p for p in err.problems if message in p.message]
    assert matching, f"no problem says {message!r}: {[str(p) for p in err.problems]}"
    return matching[0]


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


def test_wrong_type_titles_string(tmp_path: Path) -> None:
    text = variant(
        (
            "    titles:\n      - text: Law on artificial intelligence\n        lang: en\n",
            '    titles: "A"\n',
        )
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, 'titles: "A"'),
        record_id="by-ai-law",
        field="titles",
        message="expected a list, got a string",
    )
    assert len(err.problems) == 1


def test_wrong_type_stage_count(tmp_path: Path) -> None:
    text = BASE + variant(("stage_count: 5", 'stage_count: "five"'), text=REVIEW)
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "stage_count:"),
        record_id="by-ai-law-review",
        field="stage_count",
        message="expected a whole number, got a string",
    )
    assert len(err.problems) == 1


def test_wrong_type_nested_title_text(tmp_path: Path) -> None:
    text = variant(("lang: en", "lang: [en]"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "lang: [en]"),
        record_id="by-ai-law",
        field="titles[0].lang",
        message="expected a string, got a list",
    )


def test_wrong_type_boolean(tmp_path: Path) -> None:
    text = variant(("model_law_participant: true", "model_law_participant: yes please"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "model_law_participant:"),
        record_id="belarus",
        field="model_law_participant",
        message="expected true or false, got a string",
    )


def test_record_that_is_not_a_mapping(tmp_path: Path) -> None:
    text = BASE + "principles:\n  - just a string\n"
    err, file = load_error(tmp_path, text)
    problem = err.problems[0]
    assert problem.file == file
    assert problem.line == line_no(text, "- just a string")
    assert problem.field == "principles[0]"
    assert "mapping" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (
            '    sources: [src-one]\n    added_in: "2026.11.0"\n    events:',
            '    sources: [123]\n    added_in: "2026.11.0"\n    events:',
            "sources[0]",
        ),
        (
            "      - kind: adopted\n        date: 2025-04-18\n        sources: [src-one]\n",
            "      - adopted\n",
            "events[1]",
        ),
    ],
    ids=["source-number", "event-string"],
)
def test_nested_value_that_is_not_a_mapping(tmp_path: Path, old: str, new: str, field: str) -> None:
    text = variant((old, new))
    err, file = load_error(tmp_path, text)
    problem = err.problems[0]
    assert (problem.file, problem.record_id, problem.field) == (file, "by-ai-law", field)
    # Said in the data's own terms, not as a Python internal error.
    assert "expected a mapping" in problem.message
    assert "object" not in problem.message
    assert "iterable" not in problem.message


# -- keys --------------------------------------------------------------------------------------


def test_unknown_key_with_suggestion(tmp_path: Path) -> None:
    text = variant(
        ("    summary: A law about AI.\n", "    summary: A law about AI.\n    sumary: x\n")
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "sumary:"),
        record_id="by-ai-law",
        field="sumary",
        message="unknown field; did you mean 'summary'",
    )
    assert len(err.problems) == 1


def test_misspelt_key_reports_unknown_and_missing(tmp_path: Path) -> None:
    text = variant(("    summary: A law", "    sumary: A law"))
    err, file = load_error(tmp_path, text)
    typo = find_problem(err, "unknown field")
    assert (typo.file, typo.line, typo.record_id, typo.field) == (
        file,
        line_no(text, "sumary:"),
        "by-ai-law",
        "sumary",
    )
    assert "did you mean 'summary'" in typo.message
    missing = find_problem(err, "required field missing")
    assert (missing.record_id, missing.field) == ("by-ai-law", "summary")


def test_unknown_key_in_nested_event(tmp_path: Path) -> None:
    text = variant(("        body: nasb\n", "        bodi: nasb\n"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "bodi: nasb"),
        record_id="by-ai-law",
        field="events[0].bodi",
        message="did you mean 'body'?",
    )


def test_missing_required_field(tmp_path: Path) -> None:
    text = variant(("    summary: A law about AI.\n", ""))
    err, file = load_error(tmp_path, text)
    # A missing field has no line of its own: the record's first line stands for it.
    assert_first(
        err,
        file=file,
        line=line_no(text, "- id: by-ai-law"),
        record_id="by-ai-law",
        field="summary",
        message="required field missing",
    )
    assert len(err.problems) == 1


def test_missing_required_field_in_event(tmp_path: Path) -> None:
    text = variant(("      - kind: presented\n", "      - note: presented\n"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "- note: presented"),
        record_id="by-ai-law",
        field="events[0].kind",
        message="required field missing",
    )


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


def test_merge_keys_are_not_duplicates(tmp_path: Path) -> None:
    text = BASE.replace(
        "    summary: A law about AI.\n", "    summary: A law about AI.\n    <<: {number: '1'}\n"
    )
    ds = cisai.load(extra=[write(tmp_path, text)], bundled=False)
    assert ds.get("by-ai-law").number == "1"


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


def test_impossible_date(tmp_path: Path) -> None:
    text = variant(
        (
            "    issuers: [nasb]\n    date: 2025-04-18\n",
            "    issuers: [nasb]\n" + "    date: 2025-02-30\n",
        )
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "date: 2025-02-30"),
        record_id="by-ai-law",
        field="date",
        message="invalid date '2025-02-30'",
    )
    assert "day 30 is out of range 1-28" in err.problems[0].message
    assert len(err.problems) == 1


def test_impossible_event_date(tmp_path: Path) -> None:
    text = variant(("        date: 2025-03-26\n", "        date: 2025-13-26\n"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "date: 2025-13-26"),
        record_id="by-ai-law",
        field="events[0].date",
        message="month 13 is out of range",
    )


def test_date_of_wrong_type(tmp_path: Path) -> None:
    text = variant(
        (
            "    issuers: [nasb]\n    date: 2025-04-18\n",
            "    issuers: [nasb]\n" + "    date: 2025.5\n",
        )
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "date: 2025.5"),
        record_id="by-ai-law",
        field="date",
        message="invalid date '2025.5': expected reduced ISO 8601",
    )


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


def test_invalid_enum_value_with_suggestion(tmp_path: Path) -> None:
    text = variant(("    status: adopted\n", "    status: adoptd\n"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "status: adoptd"),
        record_id="by-ai-law",
        field="status",
        message="'adoptd' is not a valid InstrumentStatus; did you mean 'adopted'?",
    )
    assert len(err.problems) == 1


def test_invalid_enum_value_in_event(tmp_path: Path) -> None:
    text = variant(("      - kind: presented\n", "      - kind: presnted\n"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "kind: presnted"),
        record_id="by-ai-law",
        field="events[0].kind",
        message="did you mean 'presented'",
    )


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


def test_added_in_unquoted_float(tmp_path: Path) -> None:
    text = variant(
        (
            '    sources: [src-one]\n    added_in: "2026.11.0"\n    events:',
            "    sources: [src-one]\n    added_in: 2026.11\n    events:",
        )
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "added_in: 2026.11\n".strip()),
        record_id="by-ai-law",
        field="added_in",
        message="invalid data version '2026.11'",
    )


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


def _with_date(value: str) -> str:
    return variant(
        (
            "    issuers: [nasb]\n    date: 2025-04-18\n",
            "    issuers: [nasb]\n" + f"    date: {value}\n",
        ),
        ("        date: 2025-04-18\n", f"        date: {value}\n"),
    )


def test_unquoted_year_is_a_year(tmp_path: Path) -> None:
    ds = cisai.load(extra=[write(tmp_path, _with_date("2025"))], bundled=False)
    law = ds.get("by-ai-law")
    assert law.date == cisai.PartialDate(2025)
    assert law.date.precision is Precision.YEAR
    assert str(law.date) == "2025"


def test_unquoted_full_date_is_a_day(tmp_path: Path) -> None:
    text = _with_date("2025-07-11")
    assert "date: 2025-07-11" in text
    ds = cisai.load(extra=[write(tmp_path, text)], bundled=False)
    law = ds.get("by-ai-law")
    assert law.date.precision is Precision.DAY
    assert law.date.start == dt.date(2025, 7, 11)
    assert str(law.date) == "2025-07-11"


def test_quoted_month_is_a_month(tmp_path: Path) -> None:
    ds = cisai.load(extra=[write(tmp_path, _with_date('"2025-07"'))], bundled=False)
    law = ds.get("by-ai-law")
    assert law.date.precision is Precision.MONTH
    assert str(law.date) == "2025-07"


def test_unquoted_month_is_a_month(tmp_path: Path) -> None:
    ds = cisai.load(extra=[write(tmp_path, _with_date("2025-07"))], bundled=False)
    assert ds.get("by-ai-law").date.precision is Precision.MONTH


def test_unquoted_date_in_source_published(tmp_path: Path) -> None:
    text = variant(
        ("    title: Source one\n", "    title: Source one\n    published: 2025-08-03\n")
    )
    ds = cisai.load(extra=[write(tmp_path, text)], bundled=False)
    published = ds.get("by-ai-law").sources[0].published
    assert published is not None
    assert published.precision is Precision.DAY
    assert str(published) == "2025-08-03"


# -- unsafe and broken files -------------------------------------------------------------------


def test_python_object_tag_is_refused(tmp_path: Path) -> None:
    text = variant(
        ("    summary: A law about AI.\n", "    summary: !!python/object:os.system {}\n")
    )
    err, file = load_error(tmp_path, text)
    assert err.file == file
    assert err.line == line_no(text, "!!python/object")
    assert "invalid YAML" in str(err)
    assert "tag" in str(err)


def test_python_object_apply_tag_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"sources: !!python/object/apply:os.system ['touch {marker}']\n"
    err, file = load_error(tmp_path, text)
    assert err.file == file
    assert err.line == 1
    assert not marker.exists()


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
