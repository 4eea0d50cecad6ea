"""Short reprs: printing a record, a selection or a comparison row stays readable."""

from __future__ import annotations

import attrs
import pytest

import cisai

DS = cisai.load()


@pytest.mark.parametrize("record", list(DS), ids=lambda r: r.id)
def test_every_record_repr_is_short_and_names_type_and_id(record: object) -> None:
    text = repr(record)
    assert len(text) <= 160
    assert text.startswith(f"<{type(record).__name__} {record.id!r}")  # type: ignore[attr-defined]


def test_an_instrument_repr_gives_its_date_and_title() -> None:
    law = DS.model_law
    assert repr(law) == f"<Instrument {law.id!r} 2025-04-18: {law.title}>"


def test_a_long_title_is_clipped() -> None:
    longest = max(DS.instruments, key=lambda i: len(i.title))
    assert len(longest.title) > 60
    assert repr(longest).endswith("…>")


def test_selection_repr_gives_length_and_first_ids() -> None:
    text = repr(DS.instruments)
    assert text.startswith(f"<Selection of {len(DS.instruments)} Instruments: ")
    assert DS.instruments[0].id in text
    assert f"... {len(DS.instruments) - 5} more" in text
    assert repr(DS.bodies[:1]) == f"<Selection of 1 Body: {DS.bodies[0].id}>"
    assert repr(DS.bodies[:2]).startswith("<Selection of 2 Bodies: ")
    assert len(repr(DS.instruments)) < 300


def test_comparison_reprs_are_short() -> None:
    comparison = cisai.compare(on="2026-02-01")
    assert len(repr(comparison)) < 200
    row = comparison.row("KZ")
    assert repr(row).startswith("<ComparisonRow KZ: law ")
    assert len(repr(row)) < 100
    entry = row.cells["law"][0]
    assert repr(entry) == f"<ComparisonEntry {entry.instrument.id!r}: {entry.status}>"
    assert len(repr(DS)) < 120


VALUE_TYPES = (cisai.Source, cisai.Title, cisai.Unknown, cisai.Event, cisai.Relation, cisai.Locator)


def _parts_of(record: object) -> list[object]:
    """Every value-type object a record holds, at any depth."""
    found: list[object] = []
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, VALUE_TYPES):
                found.extend([item, *_parts_of(item)])
    return found


@pytest.mark.parametrize("cls", VALUE_TYPES, ids=lambda c: c.__name__)
def test_a_value_type_repr_is_the_one_attrs_would_generate(cls: type) -> None:
    """The value types share one repr function; it prints exactly what attrs' own would."""
    twin = attrs.make_class(
        cls.__name__, {a.name: attrs.field(default=None) for a in attrs.fields(cls)}
    )
    values = [v for r in DS for v in _parts_of(r) if type(v) is cls]
    assert values, f"the bundled data holds no {cls.__name__}"
    for value in values[:50]:
        copy = twin(**{a.name: getattr(value, a.name) for a in attrs.fields(cls)})
        assert repr(value) == repr(copy)
