"""A small valid data file that loader tests vary, and helpers to say where a problem is.

Each test writes :data:`BASE` with one thing changed (:func:`variant`) to ``tmp_path``
and loads it with ``cisai.load(extra=[path], bundled=False)``; the helpers then check
that the problem names its file, line, record id and field. Shared by the test files
of the loading modules (``test_yaml``, ``test_converter``, ``test_checks``,
``test_loading``, ...), so the fixture text is written once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cisai
from cisai import DataError

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


def rejected(
    tmp_path: Path, text: str, *, line_of: str, record_id: str, field: str, message: str
) -> None:
    """``text`` loads with exactly one problem, at the line holding ``line_of``."""
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, line_of),
        record_id=record_id,
        field=field,
        message=message,
    )
    assert len(err.problems) == 1, [str(p) for p in err.problems]


def find_problem(err: DataError, message: str) -> cisai.Problem:
    matching = [p for p in err.problems if message in p.message]
    assert matching, f"no problem says {message!r}: {[str(p) for p in err.problems]}"
    return matching[0]
