"""Query criteria over records, and the indexes a dataset builds once to answer them.

Every criterion checks its value first: an unknown topic, kind, status, jurisdiction,
body or an unparseable date raises :class:`~cisai.QueryError` naming the bad value and
the closest accepted ones - never an empty result that hides a typo.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from cisai._dates import PartialDate, Precision
from cisai._errors import QueryError, suggest
from cisai._model import (
    AnyRecord,
    Body,
    EventKind,
    Instrument,
    InstrumentKind,
    InstrumentStatus,
    Jurisdiction,
    PrincipleConcept,
    Relation,
    Topic,
)

__all__ = ["CRITERIA", "Index", "in_force_on"]

Predicate = Callable[[Any], bool]

_ENDING = frozenset({EventKind.REPEALED, EventKind.EXPIRED, EventKind.SUPERSEDED})

CRITERIA: Mapping[str, str] = {
    "since": "dated on or after this date (inclusive; partial dates overlap)",
    "until": "dated on or before this date (inclusive; partial dates overlap)",
    "topic": "a topic id or alias, sub-topics included; a list means any",
    "kind": "the record's kind (an enum value); a list means any",
    "jurisdiction": "a jurisdiction code such as 'BY' or 'CIS'; a list means any",
    "issuer": "the id of a body among the instrument's issuers; a list means any",
    "status": "an InstrumentStatus value; a list means any",
    "text": "case-insensitive text in titles (every language), number, summary, names; "
    "a list means any",
    "in_force_on": "in force on that day, from its events",
    "changed_since": "added or changed in a data version after this one, e.g. '2026.11.0'",
    "instrument": "the id of the instrument a part belongs to; a list means any",
    "body": "the id of the body that holds a competency or is a body's parent; a list means any",
    "attestation": "official_text, official_report or secondary_report; a list means any",
    "confidence": "high, medium or low; a list means any",
    "part": "a ProvisionPart value; a list means any",
}
"""Every criterion ``filter()`` understands, with what it means."""


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list | tuple | set | frozenset):
        return list(value)
    return [value]


def _date(value: Any, name: str) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except QueryError as exc:
        raise QueryError(f"{name}: {exc}") from None


def in_force_on(instrument: Instrument, day: _dt.date) -> bool:
    """Whether the events show ``instrument`` in force on ``day``.

    In force means: an ``in_force`` event whose date (all of it) is on or before
    ``day``, and no ``repealed``/``expired``/``superseded`` event that may have
    happened by then. An instrument whose entry into force is not dated is not
    reported as in force on any day: cisai does not guess.
    """
    started = False
    for event in instrument.events:
        if event.date is None:
            continue
        if event.kind is EventKind.IN_FORCE and event.date.end <= day:
            started = True
        elif event.kind in _ENDING and event.date.start <= day:
            return False
    return started


def _enum_values(cls: type[enum.Enum], value: Any, name: str) -> frozenset[enum.Enum]:
    by_value = {m.value: m for m in cls}
    found = set()
    for item in _as_list(value):
        if isinstance(item, cls):
            found.add(item)
        elif isinstance(item, str) and item.strip().lower().replace("-", "_") in by_value:
            found.add(by_value[item.strip().lower().replace("-", "_")])
        else:
            raise QueryError(f"unknown {name} {item!r}; " + suggest(str(item), by_value))
    return frozenset(found)


def _changed_after(record: Any, version: tuple[int, int, int]) -> bool:
    from cisai._ids import version_key

    for value in (record.added_in, record.changed_in):
        key = version_key(value) if value else None
        if key is not None and key > version:
            return True
    return False


class Index:
    """Lookups a dataset builds once: ids, topic trees, codes, reverse relations."""

    def __init__(self, records: Sequence[AnyRecord]) -> None:
        # Principle concepts are a vocabulary with ids of their own (``transparency`` may
        # be a topic too), so they are looked up apart from the records.
        self.by_id: dict[str, AnyRecord] = {
            r.id: r for r in records if not isinstance(r, PrincipleConcept)
        }
        self.concepts: dict[str, PrincipleConcept] = {
            r.id: r for r in records if isinstance(r, PrincipleConcept)
        }
        self.concept_names: dict[str, str] = {}
        for concept in self.concepts.values():
            self.concept_names[concept.id] = concept.id
            for alias in concept.aliases:
                self.concept_names.setdefault(alias.casefold(), concept.id)
        topics = [r for r in records if isinstance(r, Topic)]
        self.topic_names: dict[str, str] = {}
        for topic in topics:
            self.topic_names[topic.id] = topic.id
            for alias in topic.aliases:
                self.topic_names.setdefault(alias.casefold(), topic.id)
        children: dict[str, list[str]] = {}
        for topic in topics:
            if topic.parent is not None:
                children.setdefault(topic.parent, []).append(topic.id)
        self.topic_subtree: dict[str, frozenset[str]] = {}
        for topic in topics:
            seen: set[str] = set()
            stack = [topic.id]
            while stack:
                node = stack.pop()
                if node not in seen:
                    seen.add(node)
                    stack.extend(children.get(node, ()))
            self.topic_subtree[topic.id] = frozenset(seen)
        self.codes: dict[str, str] = {
            r.code.casefold(): r.code for r in records if isinstance(r, Jurisdiction)
        }
        self.body_ids = frozenset(r.id for r in records if isinstance(r, Body))
        self.instrument_ids = frozenset(r.id for r in records if isinstance(r, Instrument))
        incoming: dict[str, list[tuple[Instrument, Relation]]] = {}
        for record in records:
            if isinstance(record, Instrument):
                for relation in record.relations:
                    incoming.setdefault(relation.target, []).append((record, relation))
        self.incoming = incoming

    # -- resolving user values ---------------------------------------------------------

    def topics(self, value: Any) -> frozenset[str]:
        """Topic ids (with their sub-topics) for a topic id, alias or a list of them."""
        found: set[str] = set()
        for item in _as_list(value):
            if isinstance(item, Topic):
                item = item.id
            key = str(item).strip()
            topic_id = self.topic_names.get(key) or self.topic_names.get(key.casefold())
            if topic_id is None:
                raise QueryError(f"unknown topic {item!r}; " + suggest(key, self.topic_names))
            found |= self.topic_subtree[topic_id]
        return frozenset(found)

    def jurisdictions(self, value: Any) -> frozenset[str]:
        found = set()
        for item in _as_list(value):
            code = self.codes.get(str(item).strip().casefold())
            if code is None:
                raise QueryError(
                    f"unknown jurisdiction {item!r}; "
                    + suggest(str(item).upper(), self.codes.values())
                )
            found.add(code)
        return frozenset(found)

    def ids(self, value: Any, known: frozenset[str], what: str) -> frozenset[str]:
        found = set()
        for item in _as_list(value):
            item_id = getattr(item, "id", item)
            if item_id not in known:
                raise QueryError(f"unknown {what} {item_id!r}; " + suggest(str(item_id), known))
            found.add(item_id)
        return frozenset(found)

    # -- filtering ----------------------------------------------------------------------

    def filter(self, items: Sequence[Any], criteria: Mapping[str, Any]) -> tuple[Any, ...]:
        """The items that meet every criterion."""
        if not items:
            # Still check the criteria, so a typo is reported even on an empty selection.
            self._predicates(None, criteria)
            return ()
        predicates = self._predicates(items[0], criteria)
        if [n for n, _ in predicates] == ["topic"] and items is getattr(self, "ordered", None):
            return self._with_topics(self.topics(criteria["topic"]))
        indexed = self._indexed(items, criteria)
        if indexed is not None:
            positions, answered = indexed
            items = [items[i] for i in positions]
            predicates = [(name, p) for name, p in predicates if name not in answered]
        tests = [p for _name, p in predicates]
        if not tests:
            return tuple(items)
        if len(tests) == 1:
            return tuple(filter(tests[0], items))
        return tuple(r for r in items if all(test(r) for test in tests))

    # -- indexes over the dataset's own instruments ------------------------------------------

    def index_instruments(self, ordered: tuple[Instrument, ...]) -> None:
        """Build the date and topic indexes over the dataset's instruments, in their order.

        Dates: for each precision (day, month, year) the sorted start days of the
        instruments dated that precisely, with their positions - so a date range is a
        few binary searches away, and exact. Topics: each topic's positions.
        """
        self.ordered = ordered
        self.by_precision: dict[Precision, tuple[list[int], list[int]]] = {
            p: ([], []) for p in Precision
        }
        positions: dict[str, list[int]] = {}
        for position, instrument in enumerate(ordered):
            if instrument.date is not None:
                starts, where = self.by_precision[instrument.date.precision]
                starts.append(instrument.date.start.toordinal())
                where.append(position)
            for topic in instrument.topics:
                positions.setdefault(topic, []).append(position)
        self.topic_positions = positions
        self.topic_records: dict[frozenset[str], tuple[Instrument, ...]] = {}

    def _with_topics(self, wanted: frozenset[str]) -> tuple[Instrument, ...]:
        """The instruments on any of ``wanted`` topics, in order (kept for the next query)."""
        found = self.topic_records.get(wanted)
        if found is None:
            found = tuple(self.ordered[p] for p in self._topic_hits(wanted))
            if len(self.topic_records) < 1024:
                self.topic_records[wanted] = found
        return found

    def _topic_hits(self, wanted: frozenset[str]) -> Sequence[int]:
        """Positions, in order, of the instruments on any of ``wanted`` topics."""
        if len(wanted) == 1:
            return self.topic_positions.get(next(iter(wanted)), [])
        return sorted({p for t in wanted for p in self.topic_positions.get(t, ())})

    def _indexed(
        self, items: Sequence[Any], criteria: Mapping[str, Any]
    ) -> tuple[Sequence[int], frozenset[str]] | None:
        """Positions of the instruments matching the indexed criteria, and those criteria."""
        if items is not getattr(self, "ordered", None):
            return None
        found: list[int] | None = None
        answered: set[str] = set()
        since, until = criteria.get("since"), criteria.get("until")
        if since is not None or until is not None:
            low = _date(since, "since").start if since is not None else None
            high = _date(until, "until").end.toordinal() if until is not None else None
            hits: list[int] = []
            for precision, (starts, where) in self.by_precision.items():
                # A record overlaps from ``low`` on when its end does: for a record dated
                # to the month (year), when it starts in or after low's month (year).
                first = 0
                if low is not None:
                    bound = low
                    if precision is not Precision.DAY:
                        bound = bound.replace(day=1)
                    if precision is Precision.YEAR:
                        bound = bound.replace(month=1)
                    first = bisect.bisect_left(starts, bound.toordinal())
                last = len(starts) if high is None else bisect.bisect_right(starts, high)
                hits.extend(where[first:last])
            hits.sort()
            found = hits
            answered.update(("since", "until"))
        topic = criteria.get("topic")
        if topic is not None:
            topic_hits = self._topic_hits(self.topics(topic))
            if found is None:
                found = list(topic_hits)
            else:
                allowed = set(topic_hits)
                found = [p for p in found if p in allowed]
            answered.add("topic")
        if found is None:
            return None
        return found, frozenset(answered)

    def _predicates(self, sample: Any, criteria: Mapping[str, Any]) -> list[tuple[str, Predicate]]:
        predicates: list[tuple[str, Predicate]] = []
        for name, value in criteria.items():
            if name not in CRITERIA:
                raise QueryError(f"unknown criterion {name!r}; " + suggest(name, CRITERIA))
            if value is None:
                continue
            field = _FIELD_OF.get(name, name)
            if sample is not None and not _applies(sample, name, field):
                kind = type(sample).__name__
                accepted = [c for c in CRITERIA if _applies(sample, c, _FIELD_OF.get(c, c))]
                raise QueryError(
                    f"criterion {name!r} does not apply to {kind} records; "
                    f"accepted: {', '.join(accepted)}"
                )
            predicates.append((name, self._predicate(name, value, sample)))
        return predicates

    def _predicate(self, name: str, value: Any, sample: Any) -> Predicate:
        if name in ("since", "until"):
            bound = _date(value, name)
            if name == "since":
                return lambda r: r.date is not None and r.date.end >= bound.start
            return lambda r: r.date is not None and r.date.start <= bound.end
        if name == "in_force_on":
            day = _date(value, name).start
            return lambda r: in_force_on(r, day)
        if name == "topic":
            wanted = self.topics(value)
            return lambda r: not wanted.isdisjoint(r.topics)
        if name == "jurisdiction":
            codes = self.jurisdictions(value)
            return lambda r: r.jurisdiction in codes
        if name == "issuer":
            issuers = self.ids(value, self.body_ids, "body")
            return lambda r: not issuers.isdisjoint(r.issuers)
        if name == "body":
            bodies = self.ids(value, self.body_ids, "body")
            field = "holder" if hasattr(sample, "holder") else "parent"
            return lambda r: getattr(r, field) in bodies
        if name == "instrument":
            wanted_ids = self.ids(value, self.instrument_ids, "instrument")
            return lambda r: r.instrument in wanted_ids
        if name == "text":
            needles = [str(v).casefold().strip() for v in _as_list(value)]
            if not all(needles):
                raise QueryError("text: an empty search text matches everything; give some text")
            return lambda r: any(needle in _haystack(r) for needle in needles)
        if name == "changed_since":
            from cisai._ids import version_key

            version = version_key(str(value))
            if version is None:
                raise QueryError(
                    f"changed_since: invalid data version {value!r}; expected e.g. '2026.11.0'"
                )
            return lambda r: _changed_after(r, version)
        enum_cls = _enum_for(name, sample)
        members = _enum_values(enum_cls, value, name)
        field = _FIELD_OF.get(name, name)
        return lambda r: getattr(r, field) in members

    def referring_to(self, record_id: str) -> tuple[tuple[Instrument, Relation], ...]:
        """The instruments that name ``record_id`` in a relation, with the relation."""
        return tuple(self.incoming.get(record_id, ()))


_FIELD_OF = {
    "since": "date",
    "until": "date",
    "in_force_on": "events",
    "issuer": "issuers",
    "changed_since": "added_in",
    "body": "holder",
    "topic": "topics",
}


def _applies(sample: Any, name: str, field: str) -> bool:
    if name == "body":
        return hasattr(sample, "holder") or isinstance(sample, Body)
    if name in ("since", "until"):
        return hasattr(sample, "date")
    if name in ("in_force_on", "issuer", "status"):
        return isinstance(sample, Instrument)
    if name == "text":
        return True
    if name == "kind":
        return isinstance(getattr(sample, "kind", None), enum.Enum)
    return hasattr(sample, field)


def _enum_for(name: str, sample: Any) -> type[enum.Enum]:
    if name == "status":
        return InstrumentStatus
    if sample is None:
        return InstrumentKind
    return type(getattr(sample, _FIELD_OF.get(name, name)))


def _haystack(record: Any) -> str:
    parts: list[str] = [record.id]
    for field in ("summary", "gist", "name", "label", "number", "code", "wording", "description"):
        value = getattr(record, field, None)
        if isinstance(value, str):
            parts.append(value)
    for title in getattr(record, "titles", ()) + getattr(record, "names", ()):
        parts.append(title.text)
    parts.extend(getattr(record, "aliases", ()))
    return "\n".join(parts).casefold()
