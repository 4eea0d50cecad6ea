"""Criteria an editor can complete: filter()'s keywords are typed and documented."""

from __future__ import annotations

import inspect
import typing

import cisai
from cisai._query import CRITERIA, Criteria
from cisai._selection import Selection


def test_the_typed_keywords_are_exactly_the_criteria_table() -> None:
    assert list(Criteria.__annotations__) == list(CRITERIA)
    assert Criteria.__total__ is False
    assert set(typing.get_type_hints(Criteria)) == set(CRITERIA)


def test_filter_and_instruments_are_annotated_with_the_typed_dict() -> None:
    for function in (Selection.filter, cisai.instruments):
        annotation = inspect.signature(function).parameters["criteria"].annotation
        assert annotation == "Unpack[Criteria]"


def test_the_docstring_lists_every_criterion() -> None:
    doc = Selection.filter.__doc__ or ""
    for name in CRITERIA:
        assert f"``{name}``" in doc, name


def test_every_criterion_is_accepted_by_filter() -> None:
    ds = cisai.load()
    samples = {
        "since": "2025",
        "until": "2026",
        "topic": "ai",
        "kind": "law",
        "jurisdiction": "BY",
        "issuer": "by-president",
        "status": "in_force",
        "text": "law",
        "in_force_on": "2025-06-01",
        "include_unknown": True,
        "changed_since": "2026.11.0",
        "attestation": "official_report",
        "confidence": "high",
    }
    for name, value in samples.items():
        criteria = {name: value}
        if name == "include_unknown":
            criteria["in_force_on"] = "2025-06-01"
        ds.instruments.filter(**criteria)  # type: ignore[arg-type]
    assert ds.principles.filter(instrument=ds.model_law.id)
    assert ds.provisions.filter(part="principles") is not None
    assert ds.competencies.filter(body="by-ministry-communications") is not None


def test_mypy_catches_a_misspelt_criterion(tmp_path: typing.Any) -> None:
    import pytest

    api = pytest.importorskip("mypy.api")
    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        "import cisai\n"
        "cisai.instruments(topic='ai', since='2025')\n"
        "cisai.load().instruments.filter(topik='ai')\n",
        encoding="utf-8",
    )
    out, _err, status = api.run(
        ["--strict", "--no-incremental", "--cache-dir=/dev/null", str(snippet)]
    )
    assert status == 1
    assert 'Unexpected keyword argument "topik"' in out
    assert out.count("error:") == 1
