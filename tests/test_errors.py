"""``cisai._errors``: what a problem says to the user, and the "did you mean" hint.

Every cisai error a user sees is built here: a :class:`cisai.Problem` renders as
``file:line: record: field: message`` (the format editors and CI annotate), a
:class:`cisai.DataError` carries all problems and leads with the first.
"""

from __future__ import annotations

import cisai
from cisai import DataError
from cisai._errors import format_path, suggest


def test_suggestion_names_the_closest_values() -> None:
    assert suggest("adoptd", ["adopted", "signed", "draft"]) == "did you mean 'adopted'?"
    assert suggest("sign", ["signed", "sighed", "draft"]) == "did you mean 'signed' or 'sighed'?"


def test_suggestion_without_a_close_value_lists_what_is_accepted() -> None:
    assert suggest("zzz", ["b", "a", "a"]) == "accepted: 'a', 'b'"
    many = [f"value-{i:02}" for i in range(40)]
    assert suggest("zzz", many) == (
        "accepted: 40 values, e.g. " + ", ".join(repr(v) for v in many[:8])
    )
    assert suggest("x", []) == "none are defined"


def test_suggestion_ignores_case_of_the_value() -> None:
    assert suggest("ADOPTED", ["adopted"]) == "did you mean 'adopted'?"


def test_path_reads_like_the_data() -> None:
    assert format_path(("events", 2, "date")) == "events[2].date"
    assert format_path(("titles", 0)) == "titles[0]"
    assert format_path(()) == ""
    # A key that is no identifier stays one readable token.
    assert format_path(("sources", 0, "my key")) == "sources[0].'my key'"


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
