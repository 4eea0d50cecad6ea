"""Principles and competencies side by side: concepts (or power kinds) x jurisdictions.

:func:`compare_principles` puts each principle concept in a row and each jurisdiction in
a column - the CIS model law first, as a column of its own, then the states that took
part in it, then any other jurisdiction whose instruments have principles. A cell holds
the principle records of that column's instruments that map to the concept, each with
its instrument, locators and attestation. :func:`compare_competencies` does the same
with the kinds of power (``CompetencyKind``) as rows, each cell naming the bodies (or
roles) that hold that kind of power.

An empty cell means that the sources consulted name no such principle or power: it says
:data:`NOT_FOUND` ("not found in the sources"), never "absent" - the act's text was
mostly not read, so silence in the data is not silence in the law. The mapping of a
principle to concepts is cisai's editorial judgement (see :data:`MAPPING_NOTE`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from cisai._dataset import MODEL_LAW_ID, Dataset
from cisai._errors import QueryError, suggest
from cisai._model import (
    Attestation,
    Body,
    Competency,
    CompetencyKind,
    Instrument,
    Jurisdiction,
    Locator,
    Principle,
)
from cisai._query import enum_values

__all__ = [
    "NOT_FOUND",
    "CompetencyComparison",
    "MatrixCell",
    "MatrixColumn",
    "MatrixEntry",
    "MatrixRow",
    "PrincipleComparison",
]
"""What ``cisai`` exports from this module: each public name is listed only here."""

NOT_FOUND = "not found in the sources"
"""What an empty cell says: the sources consulted name nothing there (not: it is absent)."""

MODEL_LAW_COLUMN = "model-law"
"""The key of the model law's own column."""

MAPPING_NOTE = (
    "Which principle concepts a principle maps to is cisai's editorial judgement, "
    "not a claim of its sources."
)
"""How the rows of a principles comparison were made."""


@attrs.frozen(kw_only=True)
class MatrixColumn:
    """A column: the model law, or one jurisdiction's instruments."""

    key: str
    """``"model-law"``, or a jurisdiction code (``"KZ"``)."""
    label: str
    """A short heading: ``"Model law"`` or the code."""
    name: str
    """The full name: the model law's title, or the jurisdiction's name."""
    jurisdiction: Jurisdiction | None
    """The jurisdiction (that of the model law, for its column)."""


@attrs.frozen(kw_only=True)
class MatrixEntry:
    """One record in a cell: a principle or a competency, with its instrument (and holder)."""

    record: Principle | Competency
    """The principle or competency."""
    instrument: Instrument
    """The instrument it belongs to (that confers the power, for a competency)."""
    holder: Body | None = None
    """For a competency: the body that holds it (``None`` when only a role is known)."""

    @property
    def attestation(self) -> Attestation:
        """How we know the record: official text, official report or secondary report."""
        return self.record.attestation

    @property
    def locators(self) -> tuple[Locator, ...]:
        """Where sources place it in the act (empty when no source says)."""
        return self.record.locators

    @property
    def holder_name(self) -> str | None:
        """The holding body's name, or the role, for a competency; ``None`` for a principle."""
        if self.holder is not None:
            return self.holder.name
        return getattr(self.record, "holder_role", None)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: ids, names, attestation, confidence and locators."""
        data: dict[str, Any] = {
            "id": self.record.id,
            "name": self.record.name,
            "instrument": self.instrument.id,
            "instrument_title": self.instrument.title,
            "attestation": self.attestation.value,
            "confidence": self.record.confidence.value,
            "locators": [
                {
                    "text": loc.text,
                    "source": loc.source.url,
                    "confidence": loc.confidence.value,
                }
                for loc in self.locators
            ],
        }
        if isinstance(self.record, Competency):
            data["holder"] = self.record.holder
            data["holder_name"] = self.holder_name
            data["gist"] = self.record.gist
        return data


@attrs.frozen(kw_only=True)
class MatrixCell:
    """What the sources say for one row (a concept or a kind) in one column."""

    row: str
    """The row's key: a principle concept id, or a competency kind value."""
    column: str
    """The column's key (``"model-law"`` or a jurisdiction code)."""
    entries: tuple[MatrixEntry, ...]
    """The records found, in data order (empty: :data:`NOT_FOUND`)."""

    @property
    def found(self) -> bool:
        """Whether the sources name anything here."""
        return bool(self.entries)

    @property
    def text(self) -> str | None:
        """:data:`NOT_FOUND` for an empty cell, else ``None``."""
        return None if self.entries else NOT_FOUND

    def to_dict(self) -> dict[str, Any]:
        """The entries, or ``{"entries": [], "note": "not found in the sources"}``."""
        data: dict[str, Any] = {"entries": [e.to_dict() for e in self.entries]}
        if not self.entries:
            data["note"] = NOT_FOUND
        return data


@attrs.frozen(kw_only=True)
class MatrixRow:
    """A row: one principle concept (or competency kind), with a cell per column."""

    key: str
    """The concept id or the kind value."""
    label: str
    """The concept's label, or the kind in words."""
    cells: tuple[MatrixCell, ...]
    """One cell per column, in the columns' order."""


@attrs.frozen(kw_only=True)
class _Matrix:
    """Rows x columns, with lookups by key and plain-data output."""

    columns: tuple[MatrixColumn, ...]
    """The model law's column, then one per jurisdiction."""
    rows: tuple[MatrixRow, ...]
    """One per concept (or kind), in vocabulary order."""

    def column(self, key: str) -> MatrixColumn:
        """A column by its key: ``"model-law"`` or a jurisdiction code (any case)."""
        for column in self.columns:
            if column.key.casefold() == key.strip().casefold():
                return column
        raise QueryError(
            f"no column {key!r} in this comparison; " + suggest(key, [c.key for c in self.columns])
        )

    def row(self, key: str) -> MatrixRow:
        """A row by its key (a concept id, or a competency kind)."""
        for row in self.rows:
            if row.key == key:
                return row
        raise QueryError(
            f"no row {key!r} in this comparison; " + suggest(key, [r.key for r in self.rows])
        )

    def cell(self, row: str, column: str) -> MatrixCell:
        """The cell of one row and one column."""
        index = self.columns.index(self.column(column))
        return self.row(row).cells[index]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: the columns, then each row with its cells by column key."""
        return {
            "columns": [{"key": c.key, "label": c.label, "name": c.name} for c in self.columns],
            "rows": [
                {
                    "key": row.key,
                    "label": row.label,
                    "cells": {cell.column: cell.to_dict() for cell in row.cells},
                }
                for row in self.rows
            ],
            "empty_cell": NOT_FOUND,
        }


@attrs.frozen(kw_only=True)
class PrincipleComparison(_Matrix):
    """Principle concepts x jurisdictions (the model law a column of its own)."""

    note: str = MAPPING_NOTE
    """How the rows were made: the concept mapping is editorial."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, with the note on the editorial mapping."""
        return {"note": self.note, **super().to_dict()}


@attrs.frozen(kw_only=True)
class CompetencyComparison(_Matrix):
    """Kinds of power x jurisdictions: which bodies hold which kinds of power."""

    def holders(self, column: str) -> dict[str, tuple[MatrixEntry, ...]]:
        """One column's competencies by holder (the body's name, or the role)."""
        index = self.columns.index(self.column(column))
        found: dict[str, list[MatrixEntry]] = {}
        for row in self.rows:
            for entry in row.cells[index].entries:
                found.setdefault(entry.holder_name or "", []).append(entry)
        return {name: tuple(entries) for name, entries in found.items()}


# -- building ------------------------------------------------------------------------------


def _columns(
    dataset: Dataset, records: Iterable[Principle | Competency], jurisdiction: Any
) -> list[MatrixColumn]:
    """The model law, the participating states, then any other jurisdiction with records."""
    model_law = dataset.get(MODEL_LAW_ID) if MODEL_LAW_ID in dataset else None
    codes: list[str] = [j.code for j in dataset.jurisdictions if j.model_law_participant]
    for record in records:
        if record.instrument == MODEL_LAW_ID:
            continue
        instrument = dataset.get(record.instrument)
        if isinstance(instrument, Instrument) and instrument.jurisdiction not in codes:
            codes.append(instrument.jurisdiction)
    if jurisdiction is not None:
        wanted = _codes(dataset, jurisdiction)
        codes = [c for c in codes if c in wanted] + sorted(wanted - set(codes))
    by_code = {j.code: j for j in dataset.jurisdictions}
    columns = [
        MatrixColumn(
            key=MODEL_LAW_COLUMN,
            label="Model law",
            name=model_law.title if isinstance(model_law, Instrument) else "CIS model law on AI",
            jurisdiction=by_code.get(model_law.jurisdiction)
            if isinstance(model_law, Instrument)
            else None,
        )
    ]
    for code in codes:
        state = by_code.get(code)
        columns.append(
            MatrixColumn(
                key=code, label=code, name=state.name if state else code, jurisdiction=state
            )
        )
    return columns


def _codes(dataset: Dataset, jurisdiction: Any) -> frozenset[str]:
    """The codes a ``jurisdiction`` argument names (checked: a typo raises QueryError)."""
    return dataset._index.jurisdictions(jurisdiction)  # the Dataset's own resolver


def _column_of(dataset: Dataset, record: Principle | Competency) -> str:
    if record.instrument == MODEL_LAW_ID:
        return MODEL_LAW_COLUMN
    instrument = dataset.get(record.instrument)
    assert isinstance(instrument, Instrument)
    return instrument.jurisdiction


def _matrix(
    dataset: Dataset,
    records: Sequence[Principle | Competency],
    rows: Sequence[tuple[str, str]],
    row_keys: Callable[[Any], Iterable[str]],
    jurisdiction: Any,
) -> tuple[tuple[MatrixColumn, ...], tuple[MatrixRow, ...]]:
    columns = _columns(dataset, records, jurisdiction)
    grid: dict[tuple[str, str], list[MatrixEntry]] = {}
    keys = {c.key for c in columns}
    for record in records:
        column = _column_of(dataset, record)
        if column not in keys:
            continue
        instrument = dataset.get(record.instrument)
        assert isinstance(instrument, Instrument)
        holder = None
        if isinstance(record, Competency) and record.holder is not None:
            holder = dataset.holder_of(record)
        entry = MatrixEntry(record=record, instrument=instrument, holder=holder)
        for row_key in row_keys(record):
            grid.setdefault((row_key, column), []).append(entry)
    built = tuple(
        MatrixRow(
            key=key,
            label=label,
            cells=tuple(
                MatrixCell(row=key, column=c.key, entries=tuple(grid.get((key, c.key), ())))
                for c in columns
            ),
        )
        for key, label in rows
    )
    return tuple(columns), built


def compare_principles(
    dataset: Dataset,
    *,
    concept: Any = None,
    jurisdiction: Any = None,
    attestation: Any = None,
) -> PrincipleComparison:
    """Principle concepts x jurisdictions; each cell the principles mapping to the concept.

    ``concept`` narrows the rows (ids or aliases), ``jurisdiction`` the state columns
    (the model law's column always stays: it is what the states are compared with),
    ``attestation`` the principles counted. Every value is checked: a typo raises
    :class:`~cisai.QueryError`.
    """
    principles = dataset.principles.filter(attestation=attestation)
    concepts = list(dataset.principle_concepts)
    if concept is not None:
        wanted = dataset._index.concept_ids(concept)  # checked: a typo raises QueryError
        concepts = [c for c in concepts if c.id in wanted]
    columns, rows = _matrix(
        dataset,
        principles,
        [(c.id, c.label) for c in concepts],
        lambda principle: principle.concepts,
        jurisdiction,
    )
    return PrincipleComparison(columns=columns, rows=rows)


def compare_competencies(
    dataset: Dataset,
    *,
    kind: Any = None,
    jurisdiction: Any = None,
    holder: Any = None,
    attestation: Any = None,
) -> CompetencyComparison:
    """Kinds of power x jurisdictions; each cell the competencies of that kind, with holders.

    ``kind`` narrows the rows, ``jurisdiction`` the state columns (the model law's
    column always stays), ``holder`` and ``attestation`` the competencies counted.
    """
    competencies = dataset.competencies.filter(holder=holder, attestation=attestation)
    kinds = list(CompetencyKind)
    if kind is not None:
        wanted = {k.value for k in enum_values(CompetencyKind, kind, "kind")}
        kinds = [k for k in kinds if k.value in wanted]
    columns, rows = _matrix(
        dataset,
        competencies,
        [(k.value, k.value.replace("_", " ")) for k in kinds],
        lambda competency: [competency.kind.value],
        jurisdiction,
    )
    return CompetencyComparison(columns=columns, rows=rows)
