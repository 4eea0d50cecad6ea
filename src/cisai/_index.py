"""The lookups a dataset builds once, completely, when it is made: the :class:`Index`.

Ids, names and aliases of topics, concepts and jurisdictions; each topic's sub-tree;
reverse relations; and, over the dataset's instruments in date order, the positions
of each topic and the sorted start days of each date precision. The index never
changes after its constructor, so one dataset can be queried from several threads.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import Any

from cisai._arguments import kind_of
from cisai._dates import Precision
from cisai._errors import ArgumentError, QueryError, closest, suggest
from cisai._fold import fold
from cisai._model import (
    AnyRecord,
    Body,
    Instrument,
    Jurisdiction,
    PrincipleConcept,
    Record,
    Relation,
    Topic,
)

__all__ = ["Index", "as_list", "date_order", "folded", "texts"]

_RECORD = (Record, Topic)


def as_list(value: Any) -> list[Any]:
    """A criterion's value as a list: a list, tuple or set means any of its items."""
    if isinstance(value, list | tuple | set | frozenset):
        return list(value)
    return [value]


def texts(value: Any, name: str, record_type: type | tuple[type, ...] | None = None) -> list[str]:
    """The strings of a criterion (one, or a list); a record of ``record_type`` gives its id."""
    found = []
    for item in as_list(value):
        if record_type is not None and isinstance(item, record_type):
            item = getattr(item, "id", item)
        if not isinstance(item, str):
            what = "strings" if record_type is None else "ids (strings) or records"
            raise ArgumentError(f"{name}: expected {what}, or a list of them, not {kind_of(item)}")
        found.append(item)
    return found


def date_order(instrument: Instrument) -> tuple[int, Any, str]:
    """Instruments by date (undated last), then id: the order of ``Dataset.instruments``."""
    if instrument.date is None:
        return (1, None, instrument.id)
    return (0, instrument.date.sort_key(), instrument.id)


class Index:
    """Lookups a dataset builds once: ids, topic trees, codes, reverse relations.

    ``ordered`` holds the instruments in date order; ``topic_positions`` and
    ``by_precision`` index them, so a topic or a date range is answered without a
    scan (:meth:`topic_hits`, :meth:`date_hits`).
    """

    def __init__(self, records: Sequence[AnyRecord]) -> None:
        # Principle concepts are a vocabulary with ids of their own (``transparency`` may
        # be a topic too), so they are looked up apart from the records.
        self.by_id: dict[str, AnyRecord] = {
            r.id: r for r in records if not isinstance(r, PrincipleConcept)
        }
        self.concepts: dict[str, PrincipleConcept] = {
            r.id: r for r in records if isinstance(r, PrincipleConcept)
        }
        self.concept_names = _names(self.concepts.values())
        topics = [r for r in records if isinstance(r, Topic)]
        self.topic_names = _names(topics)
        self.topic_subtree = _subtrees(topics)
        self.codes: dict[str, str] = {
            r.code.casefold(): r.code for r in records if isinstance(r, Jurisdiction)
        }
        self.jurisdiction_keys, self.jurisdiction_names = _jurisdiction_keys(records)
        self.body_ids = frozenset(r.id for r in records if isinstance(r, Body))
        instruments = [r for r in records if isinstance(r, Instrument)]
        self.instrument_ids = frozenset(r.id for r in instruments)
        self.incoming = _incoming(instruments)
        self.ordered: tuple[Instrument, ...] = tuple(sorted(instruments, key=date_order))
        self.by_precision = _by_precision(self.ordered)
        self.topic_positions = _topic_positions(self.ordered)
        # The answer to a query on one topic alone, for each topic: the commonest query,
        # answered without building a tuple (it pays: see docs/performance.md).
        self.on_topic: dict[str, tuple[Instrument, ...]] = {
            topic: tuple(self.ordered[p] for p in self.topic_hits(subtree))
            for topic, subtree in self.topic_subtree.items()
        }

    # -- resolving user values ---------------------------------------------------------

    def topics(self, value: Any) -> frozenset[str]:
        """Topic ids (with their sub-topics) for a topic id, alias or a list of them."""
        found: set[str] = set()
        for item in texts(value, "topic", Topic):
            key = item.strip()
            topic_id = self.topic_names.get(key) or self.topic_names.get(key.casefold())
            if topic_id is None:
                raise QueryError(f"unknown topic {item!r}; " + suggest(key, self.topic_names))
            found |= self.topic_subtree[topic_id]
        return frozenset(found)

    def jurisdiction_code(self, value: Any) -> str | None:
        """The code of the jurisdiction a code, id or name stands for (None: no such one)."""
        code = getattr(value, "code", None)
        if isinstance(code, str) and code.casefold() in self.codes:
            return self.codes[code.casefold()]
        return self.jurisdiction_keys.get(folded(str(value)))

    def jurisdictions(self, value: Any) -> frozenset[str]:
        """Jurisdiction codes for codes, ids or names (any case, any language given)."""
        found = set()
        for item in as_list(value):
            code = self.jurisdiction_code(item)
            if code is None:
                raise QueryError(
                    f"unknown jurisdiction {item!r}; "
                    + closest(str(item), self.jurisdiction_names)
                    + " (a code such as 'BY', or a name such as 'Belarus')"
                )
            found.add(code)
        return frozenset(found)

    def ids(self, value: Any, known: frozenset[str], what: str, name: str) -> frozenset[str]:
        """The ids ``value`` gives (records stand for their ids); each one must be known."""
        found = set()
        for item_id in texts(value, name, _RECORD):
            if item_id not in known:
                raise QueryError(f"unknown {what} {item_id!r}; " + suggest(str(item_id), known))
            found.add(item_id)
        return frozenset(found)

    def concept_ids(self, value: Any) -> frozenset[str]:
        """Principle concept ids for a concept id, alias, PrincipleConcept or a list of them."""
        found = set()
        for item in as_list(value):
            key = str(getattr(item, "id", item)).strip()
            concept_id = self.concept_names.get(key) or self.concept_names.get(key.casefold())
            if concept_id is None:
                raise QueryError(
                    f"unknown principle concept {item!r}; " + suggest(key, self.concept_names)
                )
            found.add(concept_id)
        return frozenset(found)

    def jurisdiction_of(self, record: Any) -> str | None:
        """A record's jurisdiction code: its own, or (for a part) its instrument's."""
        code = getattr(record, "jurisdiction", None)
        if code is None and hasattr(record, "instrument"):
            instrument = self.by_id.get(record.instrument)
            code = getattr(instrument, "jurisdiction", None)
        return code if isinstance(code, str) else None

    def referring_to(self, record_id: str) -> tuple[tuple[Instrument, Relation], ...]:
        """The instruments that name ``record_id`` in a relation, with the relation."""
        return tuple(self.incoming.get(record_id, ()))

    # -- the indexes over ``ordered`` ----------------------------------------------------

    def instruments_on(self, value: Any) -> tuple[Instrument, ...]:
        """The instruments, in order, on the topic (or any of the topics) ``value`` names."""
        wanted = self.topics(value)  # checks the value, and resolves aliases
        if len(texts(value, "topic", Topic)) == 1:
            key = texts(value, "topic", Topic)[0].strip()
            topic_id = self.topic_names.get(key) or self.topic_names[key.casefold()]
            return self.on_topic[topic_id]
        return tuple(self.ordered[p] for p in self.topic_hits(wanted))

    def topic_hits(self, wanted: frozenset[str]) -> Sequence[int]:
        """Positions in ``ordered``, ascending, of the instruments on any ``wanted`` topic."""
        if len(wanted) == 1:
            return self.topic_positions.get(next(iter(wanted)), [])
        return sorted({p for t in wanted for p in self.topic_positions.get(t, ())})

    def date_hits(self, low: _dt.date | None, high: _dt.date | None) -> list[int]:
        """Positions in ``ordered``, ascending, of the instruments whose date overlaps
        ``low``..``high`` (either may be open)."""
        hits: list[int] = []
        high_day = None if high is None else high.toordinal()
        for precision, (starts, where) in self.by_precision.items():
            # A record overlaps from ``low`` on when its end does: for a record dated
            # to the month (year), when it starts in or after low's month (year).
            first = 0
            if low is not None:
                first = bisect.bisect_left(starts, _period_start(low, precision).toordinal())
            last = len(starts) if high_day is None else bisect.bisect_right(starts, high_day)
            hits.extend(where[first:last])
        hits.sort()
        return hits


def _period_start(day: _dt.date, precision: Precision) -> _dt.date:
    """The first day of the month (year) of ``day``, for a month (year) precision."""
    if precision is Precision.YEAR:
        return day.replace(month=1, day=1)
    if precision is Precision.MONTH:
        return day.replace(day=1)
    return day


def _names(records: Iterable[Topic | PrincipleConcept]) -> dict[str, str]:
    """Each id, and each alias casefolded, -> id (an alias never hides an earlier name)."""
    names: dict[str, str] = {}
    for record in records:
        names[record.id] = record.id
        for alias in record.aliases:
            names.setdefault(alias.casefold(), record.id)
    return names


def _subtrees(topics: Sequence[Topic]) -> dict[str, frozenset[str]]:
    """Each topic id -> itself and all its descendants."""
    children: dict[str, list[str]] = {}
    for topic in topics:
        if topic.parent is not None:
            children.setdefault(topic.parent, []).append(topic.id)
    subtree: dict[str, frozenset[str]] = {}
    for topic in topics:
        seen: set[str] = set()
        stack = [topic.id]
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(children.get(node, ()))
        subtree[topic.id] = frozenset(seen)
    return subtree


def _incoming(instruments: Iterable[Instrument]) -> dict[str, list[tuple[Instrument, Relation]]]:
    """Target id -> the (instrument, relation) pairs that point at it."""
    incoming: dict[str, list[tuple[Instrument, Relation]]] = {}
    for record in instruments:
        for relation in record.relations:
            incoming.setdefault(relation.target, []).append((record, relation))
    return incoming


def _by_precision(
    ordered: Sequence[Instrument],
) -> dict[Precision, tuple[list[int], list[int]]]:
    """For each precision (day, month, year), the sorted start days of the instruments
    dated that precisely, with their positions: a date range is a few binary searches."""
    by_precision: dict[Precision, tuple[list[int], list[int]]] = {p: ([], []) for p in Precision}
    for position, instrument in enumerate(ordered):
        if instrument.date is not None:
            starts, where = by_precision[instrument.date.precision]
            starts.append(instrument.date.start.toordinal())
            where.append(position)
    return by_precision


def _topic_positions(ordered: Sequence[Instrument]) -> dict[str, list[int]]:
    """Each topic id -> the positions of the instruments on it, ascending."""
    positions: dict[str, list[int]] = {}
    for position, instrument in enumerate(ordered):
        for topic in instrument.topics:
            positions.setdefault(topic, []).append(position)
    return positions


def folded(text: str) -> str:
    """A lookup key: case, diacritics and surrounding blanks ignored (``ё`` is ``е``)."""
    return " ".join(fold(text).split())


def _jurisdiction_keys(records: Sequence[AnyRecord]) -> tuple[dict[str, str], dict[str, str]]:
    """Folded code, alpha-3 code, id and every name -> code; and each as written -> code."""
    keys: dict[str, str] = {}
    names: dict[str, str] = {}
    for record in records:
        if isinstance(record, Jurisdiction):
            alpha_3 = [record.alpha_3] if record.alpha_3 else []
            spelled = [record.code, *alpha_3, record.name, *(n.text for n in record.names)]
            for text in (*spelled, record.id):
                keys.setdefault(folded(text), record.code)
            for text in spelled:  # what suggestions name: the id repeats the code
                names.setdefault(text, record.code)
    return keys, names
