"""``cisai._converter``: YAML/JSON values to records, strictly, with errors in the data's terms.

cattrs' defaults are lenient where data must not be: ``str(None)`` would make the title
"None", a string would be read as a list of its characters, ``bool("no")`` is true.
The direct tests call :func:`structure` and :func:`problems_of`; the file tests check
that the user sees each problem with its file, line, record and field.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cisai
from cisai import Precision
from cisai._converter import catalogued, first_try, problems_of, structure
from cisai._model import Event, EventKind, Source, Title, Topic
from small_data import (
    BASE,
    REVIEW,
    assert_first,
    find_problem,
    line_no,
    load_error,
    rejected,
    variant,
    write,
)

TOPIC = {"id": "ai", "label": "AI", "added_in": "2026.11.0"}
EVENT = {"kind": "adopted", "sources": [{"url": "https://example.org/one"}]}


def problems(data: Any, cls: type) -> list[tuple[tuple[str | int, ...], str]]:
    """What the loader would report for ``data``: ``(path, message)`` pairs."""
    with pytest.raises(Exception) as info:  # noqa: PT011 - cattrs' error classes vary
        structure(data, cls)
    return problems_of(info.value)


# -- strictness: no value is coerced into another kind ------------------------------------------


def test_a_string_is_never_taken_as_a_list() -> None:
    assert problems({**TOPIC, "aliases": "ai"}, Topic) == [
        (("aliases",), "expected a list, got a string")
    ]


def test_null_is_never_taken_as_a_string() -> None:
    assert problems({**TOPIC, "label": None}, Topic) == [
        (("label",), "expected a string, got null")
    ]


@pytest.mark.parametrize(
    ("value", "kind"),
    [(True, "a boolean"), (1.5, "a number"), ([], "a list"), ({}, "a mapping")],
)
def test_only_text_and_whole_numbers_are_strings(value: object, kind: str) -> None:
    [(path, message)] = problems({**TOPIC, "label": value}, Topic)
    assert path == ("label",)
    assert message.startswith(f"expected a string, got {kind}")


def test_a_whole_number_is_kept_as_its_text() -> None:
    """An unquoted decree number (``number: 123``) loses nothing as text."""
    assert structure({**TOPIC, "label": 123}, Topic).label == "123"


@pytest.mark.parametrize("value", ["yes", 1, 0, "true", None])
def test_only_true_and_false_are_booleans(value: object) -> None:
    found = problems({**TOPIC, "override": value}, Topic)
    assert [path for path, _ in found] == [("override",)]
    assert found[0][1].startswith("expected true or false, got ")


@given(st.text())
def test_any_string_for_a_list_is_refused(text: str) -> None:
    assert problems({**TOPIC, "aliases": text}, Topic) == [
        (("aliases",), "expected a list, got a string")
    ]


def test_a_record_must_be_a_mapping() -> None:
    assert problems(["ai"], Topic) == [((), "expected a mapping, got a list")]


# -- enums: the accepted values, or the closest ---------------------------------------------------


def test_enum_value_is_exact() -> None:
    assert structure(EVENT, Event).kind is EventKind.ADOPTED
    assert problems({**EVENT, "kind": "Adopted"}, Event) == [
        (("kind",), "'Adopted' is not a valid EventKind; did you mean 'adopted'?")
    ]


def test_enum_value_far_from_any_lists_what_is_accepted() -> None:
    ((path, message),) = problems({"text": "x", "lang": "en", "kind": "zzz"}, Title)
    assert path == ("kind",)
    assert message.startswith("'zzz' is not a valid TitleKind; accepted: ")
    assert "'official'" in message
    assert "'translation'" in message


# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "precision"),
    [
        ("2025", Precision.YEAR),
        ("2025-07", Precision.MONTH),
        ("2025-07-11", Precision.DAY),
        (dt.date(2025, 7, 11), Precision.DAY),
        (dt.datetime(2025, 7, 11), Precision.DAY),  # midnight: a YAML date read as a datetime
    ],
)
def test_dates_keep_their_precision(value: object, precision: Precision) -> None:
    date = structure({**EVENT, "date": value}, Event).date
    assert date is not None
    assert date.precision is precision


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (dt.datetime(2025, 7, 11, 9, 30), "a date was expected, not a date and time"),
        (2025.5, "expected a date such as '2025', '2025-07' or '2025-07-11', got a number"),
        (True, "got a boolean"),
        ("2025-02-30", "invalid date '2025-02-30'"),
    ],
)
def test_what_is_not_a_date(value: object, message: str) -> None:
    ((path, text),) = problems({**EVENT, "date": value}, Event)
    assert path == ("date",)
    assert message in text


# -- problems: every one, each with its path ------------------------------------------------------


def test_every_bad_field_is_reported_with_its_path() -> None:
    data = {
        "url": "https://example.org/x",
        "kind": "officail",
        "published": "2025-13",
        "retrieved": "no",
    }
    found = dict(problems(data, Source))
    assert set(found) == {("kind",), ("published",), ("retrieved",)}
    assert "did you mean 'official'" in found["kind",]


def test_bad_items_of_a_list_are_each_named_by_index() -> None:
    found = problems({**TOPIC, "aliases": ["ok", None, "ok", 2.5]}, Topic)
    assert found == [
        (("aliases", 1), "expected a string, got null"),
        (("aliases", 3), "expected a string, got a number"),
    ]


def test_unknown_keys_are_each_named_with_a_suggestion() -> None:
    found = problems({**TOPIC, "lable": "x", "zzz": 1}, Topic)
    assert (("lable",), "unknown field; did you mean 'label'?") in found
    assert any(
        path == ("zzz",) and msg.startswith("unknown field; accepted: ") for path, msg in found
    )


def test_a_missing_required_field_is_named() -> None:
    assert problems({"id": "ai", "added_in": "2026.11.0"}, Topic) == [
        (("label",), "required field missing")
    ]


def test_a_valid_record_structures_to_the_record() -> None:
    topic = structure({**TOPIC, "aliases": ["a", "b"], "parent": None}, Topic)
    assert topic == Topic(id="ai", label="AI", aliases=("a", "b"), added_in="2026.11.0")


def test_a_catalogued_reference_is_the_catalogue_s_own_source() -> None:
    one = Source(url="https://example.org/one", title="One")
    with catalogued({"src-one": one, one.url: one}):
        event = structure({**EVENT, "sources": ["src-one", one.url]}, Event)
        assert [s is one for s in event.sources] == [True, True]
        # Anything not catalogued is refused as it always was: the loader then names it.
        assert problems({**EVENT, "sources": ["src-onr"]}, Event) == [
            (("sources", 0), "expected a mapping, got a string")
        ]


def test_outside_a_catalogue_a_reference_is_not_a_source() -> None:
    assert problems({**EVENT, "sources": ["src-one"]}, Event) == [
        (("sources", 0), "expected a mapping, got a string")
    ]


def test_a_first_try_stops_at_the_first_problem_and_a_retry_names_them_all() -> None:
    """The loader's first try costs one fast pass; its retry reports what it always did."""
    bad = {**EVENT, "kind": "Adopted", "date": "2025-13"}
    named = problems(bad, Event)  # no first try in effect: every field's problem
    assert [path for path, _ in named] == [("kind",), ("date",)]
    with first_try():
        with pytest.raises(Exception) as info:  # noqa: PT011 - the fast pass's own error
            structure(bad, Event)
        assert len(problems_of(info.value)) == 1  # no field names: only what it met first
        with first_try(False):
            assert problems(bad, Event) == named


def test_a_refused_enum_value_is_phrased_when_read() -> None:
    """Raising costs no suggestion (a fast pass throws its errors away); reading gives it."""
    with first_try(), pytest.raises(ValueError, match="did you mean 'adopted'") as info:
        structure({**EVENT, "kind": "adoptd"}, Event)
    assert str(info.value) == "'adoptd' is not a valid EventKind; did you mean 'adopted'?"


# -- what the user sees: the file, the line, the record, the field --------------------------------


WRONG_VALUES = [
    pytest.param(
        variant(
            (
                "    titles:\n      - text: Law on artificial intelligence\n        lang: en\n",
                '    titles: "A"\n',
            )
        ),
        'titles: "A"',
        "by-ai-law",
        "titles",
        "expected a list, got a string",
        id="wrong_type_titles_string",
    ),
    pytest.param(
        BASE + variant(("stage_count: 5", 'stage_count: "five"'), text=REVIEW),
        "stage_count:",
        "by-ai-law-review",
        "stage_count",
        "expected a whole number, got a string",
        id="wrong_type_stage_count",
    ),
    pytest.param(
        variant(
            ("    summary: A law about AI.\n", "    summary: A law about AI.\n    sumary: x\n")
        ),
        "sumary:",
        "by-ai-law",
        "sumary",
        "unknown field; did you mean 'summary'",
        id="unknown_key_with_suggestion",
    ),
    pytest.param(
        variant(("    summary: A law about AI.\n", "")),
        "- id: by-ai-law",
        "by-ai-law",
        "summary",
        "required field missing",
        id="missing_required_field",
    ),
    pytest.param(
        variant(("    status: adopted\n", "    status: adoptd\n")),
        "status: adoptd",
        "by-ai-law",
        "status",
        "'adoptd' is not a valid InstrumentStatus; did you mean 'adopted'?",
        id="invalid_enum_value_with_suggestion",
    ),
]
"""A value of the wrong type, name or spelling, each in a file of its own: the piece of
its line, the record, the field and the message the converter's problem names."""


@pytest.mark.parametrize(("text", "line_of", "record_id", "field", "message"), WRONG_VALUES)
def test_a_wrong_value_is_named_on_its_line(
    tmp_path: Path, text: str, line_of: str, record_id: str, field: str, message: str
) -> None:
    rejected(tmp_path, text, line_of=line_of, record_id=record_id, field=field, message=message)


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
            '    sources: [true]\n    added_in: "2026.11.0"\n    events:',
            "sources[0]",
        ),
        (
            "      - kind: adopted\n        date: 2025-04-18\n        sources: [src-one]\n",
            "      - adopted\n",
            "events[1]",
        ),
    ],
    ids=["source-boolean", "event-string"],  # an unquoted number is an id: see test_reliability
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


def test_unknown_reference_and_bad_enum_in_one_record_are_both_named(tmp_path: Path) -> None:
    text = variant(
        ("    status: adopted\n", "    status: adoptd\n"),
        (
            '    sources: [src-one]\n    added_in: "2026.11.0"\n    events:',
            '    sources: [src-onr]\n    added_in: "2026.11.0"\n    events:',
        ),
    )
    err, _ = load_error(tmp_path, text)
    assert sorted((p.line, p.field, p.message.split(";")[0]) for p in err.problems) == [
        (line_no(text, "status: adoptd"), "status", "'adoptd' is not a valid InstrumentStatus"),
        (line_no(text, "[src-onr]"), "sources[0]", "unknown source 'src-onr'"),
    ]


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


def test_equal_dates_are_one_object_in_a_load_and_not_kept_after_it() -> None:
    import gc
    import weakref

    text = cisai.to_json(cisai.load().instruments[:40])
    records = cisai.from_json(text, cisai.Selection)
    dated = [event.date for r in records for event in r.events if event.date is not None]
    by_text: dict[str, object] = {}
    for date in dated:
        assert by_text.setdefault(str(date), date) is date  # one object per date in a load
    again = cisai.from_json(text, cisai.Selection)
    first = next(e.date for r in again for e in r.events if e.date is not None)
    assert first is not by_text[str(first)]  # nothing kept from the previous load
    ref = weakref.ref(first)
    del again, first
    gc.collect()
    assert ref() is None
