"""``cisai._problems``: what a problem in a data file says to the user.

A :class:`cisai.Problem` renders as ``file:line: record: field: message`` (the format
editors and CI annotate); a :class:`cisai.DataError` carries all problems and leads
with the first.
"""

from __future__ import annotations

import pytest

import cisai
from cisai import DataError


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


def test_a_data_error_needs_a_problem() -> None:
    with pytest.raises(ValueError, match="at least one problem"):
        DataError([])


def test_a_lone_surrogate_in_a_problem_shows_escaped() -> None:
    """Bad data may hold text no output can write: the problem still prints."""
    problem = cisai.Problem(message="bad \ud800 text", record_id="id-\udfff")
    assert str(problem) == "<data>: id-\\udfff: bad \\ud800 text"
    str(problem).encode("utf-8")  # writable
