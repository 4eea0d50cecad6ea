"""Side by side: each participating state's AI instruments, by kind, with their status on a day.

The rows are the states whose deputies took part in the model law; the columns are
four plain groups - laws, strategies, regulators, other - so a reader sees at a
glance who has an AI law, a strategy and a dedicated regulator:

- **law**: laws and codes, drafts included (``law``, ``code``, ``draft_law``);
- **strategy**: strategies, concepts and programmes, and any act tagged
  ``ai-strategy`` (e.g. a decree that approves a national strategy);
- **regulator**: institutions tagged ``regulators`` (a dedicated AI regulator);
- **other**: every other instrument.

Without a day, each entry's ``status`` is the status recorded in the data (an
:class:`~cisai.InstrumentStatus` value, as of the data version). On a given day (a
day, not a month or year) an instrument that did not exist yet is left out, and the
status is read from the events: ``in_force`` when a dated event shows it in force,
otherwise the kind of the latest dated event on or before that day (``signed``,
``adopted``, ``announced``, ``discussed``; ``reported`` means only a report of it is
dated by then), ``undated`` when none of its events is dated, ``unknown`` when none is
dated by then. Each entry also carries the three-valued :func:`cisai.in_force` answer.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

import attrs

from cisai._arguments import require, require_text
from cisai._dataset import Dataset
from cisai._dates import PartialDate
from cisai._errors import QueryError
from cisai._inforce import ENDING_KINDS, InForce, day_of, in_force, in_force_on
from cisai._model import EventKind, Instrument, InstrumentKind, Jurisdiction

__all__ = ["Comparison", "ComparisonEntry", "ComparisonRow"]
"""What ``cisai`` exports from this module: each public name is listed only here."""

GROUPS = ("law", "strategy", "regulator", "other")
"""The columns of a comparison, in order."""

_LAWS = frozenset({InstrumentKind.LAW, InstrumentKind.CODE, InstrumentKind.DRAFT_LAW})
_STRATEGIES = frozenset({InstrumentKind.STRATEGY, InstrumentKind.CONCEPT, InstrumentKind.PROGRAMME})


def group_of(instrument: Instrument) -> str:
    """The comparison column of an instrument: law, strategy, regulator or other."""
    if instrument.kind in _LAWS:
        return "law"
    if instrument.kind in _STRATEGIES or "ai-strategy" in instrument.topics:
        return "strategy"
    if instrument.kind is InstrumentKind.INSTITUTION and "regulators" in instrument.topics:
        return "regulator"
    return "other"


def status_on(instrument: Instrument, day: _dt.date | None) -> str | None:
    """The instrument's status on ``day`` from its events (None: it did not exist yet)."""
    if day is None:
        return instrument.status.value
    if instrument.date is not None and instrument.date.start > day:
        return None
    if in_force_on(instrument, day):
        return "in_force"
    latest: str | None = None
    for event in instrument.events:
        if event.date is None or event.date.end > day:
            continue
        if event.kind in ENDING_KINDS:
            return event.kind.value
        if event.kind is not EventKind.IN_FORCE:
            latest = event.kind.value
    if latest is None and instrument.date is None:
        dated = [e for e in instrument.events if e.date is not None]
        if dated and all(e.date is not None and e.date.start > day for e in dated):
            return None
        return "undated"
    return latest or "unknown"


def latest_event(dataset: Dataset, code: str) -> PartialDate | None:
    """The latest event date of the instruments of one jurisdiction (None: no dated event)."""
    dates = [
        event.date
        for instrument in dataset.instruments
        if instrument.jurisdiction == code
        for event in instrument.events
        if event.date is not None
    ]
    return max(dates) if dates else None


@attrs.frozen(kw_only=True, repr=False)
class ComparisonEntry:
    """One instrument in a cell, with its status on the comparison's day."""

    instrument: Instrument
    status: str
    in_force: InForce | None = None
    """On the comparison's day: in force, not in force or unknown, and why (None: no day)."""

    def __repr__(self) -> str:
        return f"<ComparisonEntry {self.instrument.id!r}: {self.status}>"


@attrs.frozen(kw_only=True, repr=False)
class ComparisonRow:
    """One state: its instruments in each group."""

    jurisdiction: Jurisdiction
    cells: Mapping[str, tuple[ComparisonEntry, ...]]
    latest_event: PartialDate | None = None
    """The latest date of any event of the state's instruments in the data, however the
    comparison is narrowed (by day or topic): how current the data on the state is."""

    def __repr__(self) -> str:
        """``<ComparisonRow KZ: law 1, strategy 2, ...>``: the state and its cell sizes."""
        counts = ", ".join(f"{group} {len(self.cells.get(group, ()))}" for group in GROUPS)
        return f"<ComparisonRow {self.jurisdiction.code}: {counts}>"

    def has(self, group: str, *, in_force: bool = False) -> bool:
        """Whether the state has an instrument in ``group`` (in force on the day, if asked)."""
        return any(not in_force or e.status == "in_force" for e in self.cells[group])


@attrs.frozen(kw_only=True, repr=False)
class Comparison:
    """The states x groups matrix of one day (``on``; None: as of the data) and topic."""

    on: PartialDate | None
    topic: str | None
    rows: tuple[ComparisonRow, ...]

    def __repr__(self) -> str:
        when = f"on {self.on}" if self.on is not None else "as of the data"
        topic = f", topic {self.topic!r}" if self.topic else ""
        codes = ", ".join(row.jurisdiction.code for row in self.rows)
        return f"<Comparison {when}{topic}: {len(self.rows)} states ({codes})>"

    def row(self, code: str) -> ComparisonRow:
        """The row of one state by its code (``"KZ"``)."""
        require_text(code, "code", "a jurisdiction code such as 'KZ'")
        for row in self.rows:
            if row.jurisdiction.code == code.upper():
                return row
        accepted = ", ".join(r.jurisdiction.code for r in self.rows)
        raise QueryError(f"no row for {code!r} in this comparison; accepted: {accepted}")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: one object per state, with the ids and statuses per group."""
        return {
            "on": str(self.on) if self.on is not None else None,
            "topic": self.topic,
            "groups": list(GROUPS),
            "states": [
                {
                    "code": row.jurisdiction.code,
                    "name": row.jurisdiction.name,
                    "latest_event": str(row.latest_event) if row.latest_event else None,
                    **{
                        group: [
                            {
                                "id": e.instrument.id,
                                "title": e.instrument.title,
                                "kind": e.instrument.kind.value,
                                "date": str(e.instrument.date) if e.instrument.date else None,
                                "status": e.status,
                                "in_force": e.in_force.state.value
                                if e.in_force is not None
                                else None,
                                "in_force_reason": e.in_force.reason
                                if e.in_force is not None
                                else None,
                            }
                            for e in row.cells[group]
                        ]
                        for group in GROUPS
                    },
                }
                for row in self.rows
            ],
        }


def compare(on: Any = None, topic: Any = None, *, dataset: Dataset) -> Comparison:
    """Each participating state's instruments by group, with their status ``on`` a day.

    ``topic`` narrows to instruments on that topic (sub-topics included).
    """
    require(dataset, Dataset, "dataset", "a cisai.Dataset or None")
    day = PartialDate.parse(day_of(on, "on")) if on is not None else None
    instruments = dataset.instruments
    if topic is not None:
        instruments = instruments.filter(topic=topic)
    states = [j for j in dataset.jurisdictions if j.model_law_participant]
    rows = []
    for state in states:
        cells: dict[str, list[ComparisonEntry]] = {group: [] for group in GROUPS}
        for instrument in instruments:
            if instrument.jurisdiction != state.code:
                continue
            status = status_on(instrument, day.start if day is not None else None)
            if status is not None:
                answer = in_force(instrument, day.start) if day is not None else None
                cells[group_of(instrument)].append(
                    ComparisonEntry(instrument=instrument, status=status, in_force=answer)
                )
        rows.append(
            ComparisonRow(
                jurisdiction=state,
                cells={group: tuple(cells[group]) for group in GROUPS},
                latest_event=latest_event(dataset, state.code),
            )
        )
    return Comparison(on=day, topic=topic if isinstance(topic, str) else None, rows=tuple(rows))
