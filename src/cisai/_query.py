"""Query criteria over records: what each means, and the test it becomes.

Every criterion checks its value first: an unknown topic, kind, status, jurisdiction,
body or an unparseable date raises :class:`~cisai.QueryError` naming the bad value and
the closest accepted ones - never an empty result that hides a typo.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias

from cisai._arguments import kind_of, require_text
from cisai._criteria import CRITERIA, Criteria, field_types
from cisai._dates import PartialDate
from cisai._errors import ArgumentError, QueryError, suggest
from cisai._ids import version_key
from cisai._index import Index, as_list, texts
from cisai._model import (
    BodyKind,
    CompetencyKind,
    InstrumentKind,
    InstrumentStatus,
    JurisdictionKind,
)

__all__ = ["CRITERIA", "Criteria", "filter_records"]

Predicate = Callable[[Any], bool]


def _date(value: Any, name: str) -> PartialDate:
    if isinstance(value, bool) or not isinstance(value, str | int | _dt.date | PartialDate):
        raise ArgumentError(
            f"{name}: expected a date (a string such as '2025-04', a datetime.date or a "
            f"PartialDate), not {kind_of(value)}"
        )
    try:
        return PartialDate.parse(value)
    except QueryError as exc:
        raise QueryError(f"{name}: {exc}") from None


def enum_values(cls: type[enum.Enum], value: Any, name: str) -> frozenset[enum.Enum]:
    """The members of ``cls`` a criterion names (values, members, or a list of them)."""
    by_value = {m.value: m for m in cls}
    found = set()
    for item in as_list(value):
        if not isinstance(item, str | cls):
            raise ArgumentError(
                f"{name}: expected {cls.__name__} values (strings) or members, or a list of "
                f"them, not {kind_of(item)}"
            )
        if isinstance(item, cls):
            found.add(item)
        elif isinstance(item, str) and item.strip().lower().replace("-", "_") in by_value:
            found.add(by_value[item.strip().lower().replace("-", "_")])
        else:
            raise QueryError(f"unknown {name} {item!r}; " + suggest(str(item), by_value))
    return frozenset(found)


def _changed_after(record: Any, version: tuple[int, int, int]) -> bool:
    for value in (record.added_in, record.changed_in):
        key = version_key(value) if value else None
        if key is not None and key > version:
            return True
    return False


def filter_records(
    index: Index, items: Sequence[Any], criteria: Mapping[str, Any], record_type: type | None
) -> tuple[Any, ...]:
    """The items that meet every criterion, values resolved through ``index``.

    Criteria are checked against ``record_type`` (the type of the collection), so a
    criterion valid for bodies stays valid on an empty selection of bodies. On the
    dataset's own instruments (``index.ordered``), dates and topics are answered by
    the index's positions instead of a scan.
    """
    if record_type is None and items:
        record_type = type(items[0])  # a mixed selection (parts_of): its first record
    predicates = _predicates(index, record_type, criteria)
    if not items:
        return ()
    if items is index.ordered and [name for name, _ in predicates] == ["topic"]:
        return index.instruments_on(criteria["topic"])
    if items is index.ordered:
        indexed = _indexed(index, criteria)
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


def _indexed(
    index: Index, criteria: Mapping[str, Any]
) -> tuple[Sequence[int], frozenset[str]] | None:
    """Positions of the instruments matching the indexed criteria, and those criteria."""
    found: Sequence[int] | None = None
    answered: set[str] = set()
    since, until = criteria.get("since"), criteria.get("until")
    if since is not None or until is not None:
        low = _date(since, "since").start if since is not None else None
        high = _date(until, "until").end if until is not None else None
        found = index.date_hits(low, high)
        answered.update(("since", "until"))
    topic = criteria.get("topic")
    if topic is not None:
        topic_hits = index.topic_hits(index.topics(topic))
        if found is None:
            found = topic_hits
        else:
            allowed = set(topic_hits)
            found = [p for p in found if p in allowed]
        answered.add("topic")
    if found is None:
        return None
    return found, frozenset(answered)


def _predicates(
    index: Index, sample: type | None, criteria: Mapping[str, Any]
) -> list[tuple[str, Predicate]]:
    """One test per criterion given (None: not given); an unknown or misapplied one raises."""
    predicates: list[tuple[str, Predicate]] = []
    criteria = _checked_combinations(criteria)
    for name, value in criteria.items():
        if name not in CRITERIA:
            raise QueryError(f"unknown criterion {name!r}; " + suggest(name, CRITERIA))
        if value is None:
            continue
        if sample is not None and not CRITERIA[name].applies_to(sample):
            kind = sample.__name__
            accepted = [c.name for c in CRITERIA.values() if c.applies_to(sample)]
            raise QueryError(
                f"criterion {name!r} does not apply to {kind} records; "
                f"accepted: {', '.join(accepted)}"
            )
        build = _BUILDERS.get(name, _enum_predicate)
        predicates.append((name, build(index, name, value, sample)))
    return predicates


def _since_predicate(index: Index, name: str, value: Any, sample: Any) -> Predicate:
    bound = _date(value, name)
    return lambda r: r.date is not None and r.date.end >= bound.start


def _until_predicate(index: Index, name: str, value: Any, sample: Any) -> Predicate:
    bound = _date(value, name)
    return lambda r: r.date is not None and r.date.start <= bound.end


def _topic_predicate(index: Index, name: str, value: Any, sample: Any) -> Predicate:
    wanted = index.topics(value)
    return lambda r: not wanted.isdisjoint(r.topics)


def _jurisdiction_predicate(index: Index, name: str, value: Any, sample: Any) -> Predicate:
    codes = index.jurisdictions(value)
    if sample is not None and "instrument" in field_types(sample):  # a part: its instrument's
        return lambda r: index.jurisdiction_of(r) in codes
    return lambda r: r.jurisdiction in codes


def _concept_predicate(index: Index, name: str, value: Any, sample: Any) -> Predicate:
    concepts = index.concept_ids(value)
    return lambda r: not concepts.isdisjoint(r.concepts)


def _holder_predicate(index: Index, name: str, value: Any, sample: Any) -> Predicate:
    holders = index.ids(value, index.body_ids, "body", name)
    return lambda r: r.holder in holders


def _issuer_predicate(index: Index, name: str, value: Any, sample: Any) -> Predicate:
    issuers = index.ids(value, index.body_ids, "body", name)
    return lambda r: not issuers.isdisjoint(r.issuers)


def _body_predicate(index: Index, name: str, value: Any, sample: Any) -> Predicate:
    bodies = index.ids(value, index.body_ids, "body", name)
    field = "holder" if sample is not None and "holder" in field_types(sample) else "parent"
    return lambda r: getattr(r, field) in bodies


def _instrument_predicate(index: Index, name: str, value: Any, sample: Any) -> Predicate:
    wanted_ids = index.ids(value, index.instrument_ids, "instrument", name)
    return lambda r: r.instrument in wanted_ids


def _words_predicate(index: Index, name: str, value: Any, sample: Any) -> Predicate:
    return _text_predicate(texts(value, name))


def _changed_since_predicate(index: Index, name: str, value: Any, sample: Any) -> Predicate:
    version = version_key(require_text(value, name, "a data version such as '2026.11.0'"))
    if version is None:
        raise QueryError(
            f"changed_since: invalid data version {value!r}; expected e.g. '2026.11.0'"
        )
    return lambda r: _changed_after(r, version)


def _in_force_on_predicate(index: Index, name: str, value: Any, sample: Any) -> Predicate:
    """A day, or an :class:`_InForceQuery` when ``include_unknown`` was given with it."""
    from cisai._inforce import InForceState, day_of, in_force, in_force_on

    query = value if isinstance(value, _InForceQuery) else _InForceQuery(value, False)
    day = day_of(query.day, "in_force_on")
    if not query.include_unknown:
        return lambda r: in_force_on(r, day)
    kept = (InForceState.IN_FORCE, InForceState.UNKNOWN)
    return lambda r: in_force(r, day).state in kept


def _enum_predicate(index: Index, name: str, value: Any, sample: Any) -> Predicate:
    """``kind``, ``status``, ``attestation``, ``confidence``, ``part``: enum members."""
    if sample is None and name == "kind":
        # An empty selection does not know its record type: accept a kind of any type
        # (so a valid kind is never an error), still refusing a typo.
        _any_kind(value)
        return lambda r: False
    members = enum_values(_enum_for(name, sample), value, name)
    field = CRITERIA[name].field
    return lambda r: getattr(r, field) in members


_Builder: TypeAlias = Callable[[Index, str, Any, Any], Predicate]

_BUILDERS: dict[str, _Builder] = {
    "since": _since_predicate,
    "until": _until_predicate,
    "in_force_on": _in_force_on_predicate,
    "topic": _topic_predicate,
    "jurisdiction": _jurisdiction_predicate,
    "concept": _concept_predicate,
    "holder": _holder_predicate,
    "issuer": _issuer_predicate,
    "body": _body_predicate,
    "instrument": _instrument_predicate,
    "text": _words_predicate,
    "changed_since": _changed_since_predicate,
}
"""How each criterion becomes a test; the others are enum fields (:func:`_enum_predicate`)."""


_KIND_ENUMS = (InstrumentKind, BodyKind, CompetencyKind, JurisdictionKind)


def _any_kind(value: Any) -> None:
    """Raise QueryError unless every item of ``value`` is a kind of some record type."""
    accepted = {m.value: m for cls in _KIND_ENUMS for m in cls}
    for item in as_list(value):
        key = item.value if isinstance(item, enum.Enum) else str(item).strip().lower()
        if key.replace("-", "_") not in accepted:
            raise QueryError(f"unknown kind {item!r}; " + suggest(str(item), accepted))


def _enum_for(name: str, sample: type | None) -> type[enum.Enum]:
    if name == "status":
        return InstrumentStatus
    if sample is None:
        return InstrumentKind
    found: type[enum.Enum] = field_types(sample)[CRITERIA[name].field]
    return found


def _checked_combinations(criteria: Mapping[str, Any]) -> Mapping[str, Any]:
    """Refuse a reversed date range; fold ``include_unknown`` into ``in_force_on``."""
    since, until = criteria.get("since"), criteria.get("until")
    if since is not None and until is not None:
        low, high = _date(since, "since"), _date(until, "until")
        if low.start > high.end:
            raise QueryError(
                f"since {str(low)!r} is after until {str(high)!r}: no date can be in that range"
            )
    include = criteria.get("include_unknown")
    if include is None:
        return criteria
    if not isinstance(include, bool):
        raise QueryError(f"include_unknown: expected True or False, not {include!r}")
    if criteria.get("in_force_on") is None:
        raise QueryError("include_unknown only goes with in_force_on (a day)")
    rest = {k: v for k, v in criteria.items() if k not in ("include_unknown", "in_force_on")}
    return {**rest, "in_force_on": _InForceQuery(criteria["in_force_on"], include)}


class _InForceQuery:
    """``in_force_on`` with its ``include_unknown`` flag, carried as one criterion value."""

    def __init__(self, day: Any, include_unknown: bool) -> None:
        self.day = day
        self.include_unknown = include_unknown


def _text_predicate(value: Any) -> Predicate:
    """Words and word prefixes (see ``cisai._wordsearch``); a list means any of the queries."""
    from cisai._wordsearch import matches, query_words

    queries = [query_words(v) for v in as_list(value)]
    return lambda r: any(matches(r, needles) for needles in queries)
