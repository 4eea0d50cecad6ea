"""The criteria table: typed keywords an editor completes, and what each criterion reads."""

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


def test_the_docstring_lists_every_criterion_and_no_other() -> None:
    import re

    doc = Selection.filter.__doc__ or ""
    bullets = re.findall(r"^\s+- (``.*?``(?:, ``.*?``)*):", doc, re.MULTILINE)
    listed = [name for bullet in bullets for name in re.findall(r"``(\w+)``", bullet)]
    assert listed == list(CRITERIA)


# One sample per criterion: (collection, value) that keeps some records of the bundled
# data and not all. A criterion added to CRITERIA without a sample fails the test below.
SAMPLES: dict[str, tuple[str, object]] = {
    "since": ("instruments", "2025"),
    "until": ("instruments", "2020"),
    "topic": ("instruments", "ai-regulation"),
    "kind": ("instruments", "law"),
    "jurisdiction": ("principles", "KZ"),
    "issuer": ("instruments", "by-president"),
    "status": ("instruments", "in_force"),
    "text": ("instruments", "law"),
    "in_force_on": ("instruments", "2025-06-01"),
    "changed_since": ("instruments", "2026.11.0"),
    "instrument": ("principles", "cis-model-law-ai-2025"),
    "body": ("competencies", "by-ministry-communications"),
    "holder": ("competencies", "by-ministry-communications"),
    "concept": ("principles", "transparency"),
    "attestation": ("instruments", "official_report"),
    "confidence": ("instruments", "high"),
    "part": ("provisions", "principles"),
}


def test_every_criterion_keeps_some_records_and_not_all() -> None:
    ds = cisai.load()
    assert set(SAMPLES) == set(CRITERIA) - {"include_unknown"}
    for name, (collection, value) in SAMPLES.items():
        selection = getattr(ds, collection)
        kept = selection.filter(**{name: value})
        assert 0 < len(kept) < len(selection), (name, value, len(kept))
        assert set(kept) <= set(selection), name


def test_include_unknown_adds_the_instruments_whose_being_in_force_is_unknown() -> None:
    ds = cisai.load()
    known = ds.instruments.filter(in_force_on="2025-06-01")
    widened = ds.instruments.filter(in_force_on="2025-06-01", include_unknown=True)
    assert set(known) < set(widened)
    for instrument in set(widened) - set(known):
        assert cisai.in_force(instrument, "2025-06-01").state is cisai.InForceState.UNKNOWN


def test_the_table_is_read_only() -> None:
    import pytest

    with pytest.raises(TypeError):
        cisai.CRITERIA["since"] = CRITERIA["until"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        cisai.CRITERIA.pop("since")  # type: ignore[attr-defined]
    assert "since" in cisai.CRITERIA


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


def test_each_criterion_reads_a_field_of_the_types_it_applies_to() -> None:
    from cisai._criteria import Criterion, field_types
    from cisai._model import RECORD_TYPES, Body

    for name, criterion in CRITERIA.items():
        assert isinstance(criterion, Criterion)
        assert criterion.name == name
        assert criterion.description.strip()
        for cls in RECORD_TYPES:
            # text reads many fields, body a body's parent, jurisdiction a part's instrument's
            if criterion.applies_to(cls) and name not in ("text", "body", "jurisdiction"):
                assert criterion.field in field_types(cls), (name, cls)
    assert CRITERIA["body"].applies_to(Body)  # a body's parent


def test_a_criterion_refused_for_a_type_names_the_ones_the_table_accepts() -> None:
    import pytest

    from cisai._model import Topic

    accepted = [c.name for c in CRITERIA.values() if c.applies_to(Topic)]
    with pytest.raises(cisai.QueryError, match="accepted: " + ", ".join(accepted) + "$"):
        cisai.load().topics.filter(status="in_force")
