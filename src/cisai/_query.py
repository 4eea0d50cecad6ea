"""Query criteria over records, and the indexes a dataset builds once to answer them.

Every criterion checks its value first: an unknown topic, kind, status, jurisdiction,
body or an unparseable date raises :class:`~cisai.QueryError` naming the bad value and
the closest accepted ones - never an empty result that hides a typo.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias, TypedDict

from cisai._arguments import kind_of, require_text
from cisai._dates import PartialDate, Precision
from cisai._errors import ArgumentError, QueryError, closest, suggest
from cisai._model import (
    AnyRecord,
    Body,
    BodyKind,
    CompetencyKind,
    EventKind,
    Instrument,
    InstrumentKind,
    InstrumentStatus,
    Jurisdiction,
    JurisdictionKind,
    PrincipleConcept,
    Record,
    Relation,
    Topic,
)

__all__ = ["CRITERIA", "Criteria", "Index", "in_force_on"]

Predicate = Callable[[Any], bool]

_ENDING = frozenset({EventKind.REPEALED, EventKind.EXPIRED, EventKind.SUPERSEDED})

CRITERIA: Mapping[str, str] = {
    "since": "dated on or after this date (inclusive; partial dates overlap)",
    "until": "dated on or before this date (inclusive; partial dates overlap)",
    "topic": "a topic id or alias, sub-topics included; a list means any",
    "kind": "the record's kind (an enum value); a list means any",
    "jurisdiction": "a jurisdiction code such as 'BY' or 'CIS' (for a principle, competency, "
    "... that of its instrument); a list means any",
    "issuer": "the id of a body among the instrument's issuers; a list means any",
    "status": "an InstrumentStatus value; a list means any",
    "text": "words or word prefixes, each found in titles (every language), names, id, "
    "number, summary or notes; case and diacritics ignored; a list means any",
    "in_force_on": "in force on that day (a day, not a month or year), as dated events show",
    "include_unknown": "with in_force_on=True: also keep instruments whose being in force on "
    "that day is unknown (see cisai.in_force)",
    "changed_since": "added or changed in a data version after this one, e.g. '2026.11.0'",
    "instrument": "the id of the instrument a part belongs to; a list means any",
    "body": "the id of the body that holds a competency or is a body's parent; a list means any",
    "holder": "the id of the body that holds a competency (or the Body); a list means any",
    "concept": "a principle concept id or alias (e.g. 'transparency', 'explainability'); "
    "a list means any",
    "attestation": "official_text, official_report or secondary_report; a list means any",
    "confidence": "high, medium or low; a list means any",
    "part": "a ProvisionPart value; a list means any",
}
"""Every criterion ``filter()`` understands, with what it means."""

DateLike: TypeAlias = str | _dt.date | PartialDate
"""A date: ``"2025"``, ``"2025-03"``, ``"2025-03-26"``, ``"March 2025"``, a date, a PartialDate."""
OneOrMore: TypeAlias = str | enum.Enum | Any | Sequence[str | enum.Enum | Any]
"""A value, or a list (tuple, set) of values meaning any of them."""


class Criteria(TypedDict, total=False):
    """The keyword arguments of ``Selection.filter()``: one per entry of :data:`CRITERIA`.

    A test keeps the two in step, so an editor or mypy knows every criterion.
    """

    since: DateLike | None
    until: DateLike | None
    topic: OneOrMore | None
    kind: OneOrMore | None
    jurisdiction: OneOrMore | None
    issuer: OneOrMore | None
    status: OneOrMore | None
    text: str | Sequence[str] | None
    in_force_on: DateLike | None
    include_unknown: bool | None
    changed_since: str | None
    instrument: OneOrMore | None
    body: OneOrMore | None
    holder: OneOrMore | None
    concept: OneOrMore | None
    attestation: OneOrMore | None
    confidence: OneOrMore | None
    part: OneOrMore | None


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list | tuple | set | frozenset):
        return list(value)
    return [value]


_RECORD = (Record, Topic)


def _texts(value: Any, name: str, record_type: type | tuple[type, ...] | None = None) -> list[str]:
    """The strings of a criterion (one, or a list); a record of ``record_type`` gives its id."""
    found = []
    for item in _as_list(value):
        if record_type is not None and isinstance(item, record_type):
            item = getattr(item, "id", item)
        if not isinstance(item, str):
            what = "strings" if record_type is None else "ids (strings) or records"
            raise ArgumentError(f"{name}: expected {what}, or a list of them, not {kind_of(item)}")
        found.append(item)
    return found


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
        self.jurisdiction_keys, self.jurisdiction_names = _jurisdiction_keys(records)
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
        for item in _texts(value, "topic", Topic):
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
        return self.jurisdiction_keys.get(_folded(str(value)))

    def jurisdictions(self, value: Any) -> frozenset[str]:
        """Jurisdiction codes for codes, ids or names (any case, any language given)."""
        found = set()
        for item in _as_list(value):
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
        found = set()
        for item_id in _texts(value, name, _RECORD):
            if item_id not in known:
                raise QueryError(f"unknown {what} {item_id!r}; " + suggest(str(item_id), known))
            found.add(item_id)
        return frozenset(found)

    def concept_ids(self, value: Any) -> frozenset[str]:
        """Principle concept ids for a concept id, alias, PrincipleConcept or a list of them."""
        found = set()
        for item in _as_list(value):
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

    # -- filtering ----------------------------------------------------------------------

    def filter(
        self, items: Sequence[Any], criteria: Mapping[str, Any], record_type: type | None = None
    ) -> tuple[Any, ...]:
        """The items that meet every criterion.

        Criteria are checked against ``record_type`` (the type of the collection), so a
        criterion valid for bodies stays valid on an empty selection of bodies.
        """
        if record_type is None and items:
            record_type = type(items[0])  # a mixed selection (parts_of): its first record
        predicates = self._predicates(record_type, criteria)
        if not items:
            return ()
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

    def _predicates(
        self, sample: type | None, criteria: Mapping[str, Any]
    ) -> list[tuple[str, Predicate]]:
        predicates: list[tuple[str, Predicate]] = []
        criteria = _checked_combinations(criteria)
        for name, value in criteria.items():
            if name not in CRITERIA:
                raise QueryError(f"unknown criterion {name!r}; " + suggest(name, CRITERIA))
            if value is None:
                continue
            field = _FIELD_OF.get(name, name)
            if sample is not None and not _applies(sample, name, field):
                kind = sample.__name__
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
            return _in_force_predicate(value, include_unknown=False)
        if name == "topic":
            wanted = self.topics(value)
            return lambda r: not wanted.isdisjoint(r.topics)
        if name == "jurisdiction":
            codes = self.jurisdictions(value)
            if sample is not None and _has(sample, "instrument"):  # a part: its instrument's
                return lambda r: self.jurisdiction_of(r) in codes
            return lambda r: r.jurisdiction in codes
        if name == "concept":
            concepts = self.concept_ids(value)
            return lambda r: not concepts.isdisjoint(r.concepts)
        if name == "holder":
            holders = self.ids(value, self.body_ids, "body", name)
            return lambda r: r.holder in holders
        if name == "issuer":
            issuers = self.ids(value, self.body_ids, "body", name)
            return lambda r: not issuers.isdisjoint(r.issuers)
        if name == "body":
            bodies = self.ids(value, self.body_ids, "body", name)
            field = "holder" if sample is not None and _has(sample, "holder") else "parent"
            return lambda r: getattr(r, field) in bodies
        if name == "instrument":
            wanted_ids = self.ids(value, self.instrument_ids, "instrument", name)
            return lambda r: r.instrument in wanted_ids
        if name == "text":
            return _text_predicate(_texts(value, name))
        if name == "changed_since":
            from cisai._ids import version_key

            version = version_key(require_text(value, name, "a data version such as '2026.11.0'"))
            if version is None:
                raise QueryError(
                    f"changed_since: invalid data version {value!r}; expected e.g. '2026.11.0'"
                )
            return lambda r: _changed_after(r, version)
        if sample is None and name == "kind":
            # An empty selection does not know its record type: accept a kind of any type
            # (so a valid kind is never an error), still refusing a typo.
            _any_kind(value)
            return lambda r: False
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
    "concept": "concepts",
}


@functools.cache
def _field_types(cls: type) -> dict[str, Any]:
    """A record class's field types (``X | None`` read as ``X``)."""
    hints = typing.get_type_hints(cls)
    found = {}
    for name, hint in hints.items():
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        is_union = typing.get_origin(hint) in (typing.Union, types.UnionType)
        found[name] = args[0] if is_union and len(args) == 1 else hint
    return found


def _has(cls: type, field: str) -> bool:
    return field in _field_types(cls)


def _applies(sample: type, name: str, field: str) -> bool:
    if name == "body":
        return _has(sample, "holder") or issubclass(sample, Body)
    if name in ("since", "until"):
        return _has(sample, "date")
    if name in ("in_force_on", "include_unknown", "issuer", "status"):
        return issubclass(sample, Instrument)
    if name == "jurisdiction":
        return _has(sample, "jurisdiction") or _has(sample, "instrument")
    if name == "text":
        return True
    if name == "kind":
        kind = _field_types(sample).get("kind")
        return isinstance(kind, type) and issubclass(kind, enum.Enum)
    return _has(sample, field)


_KIND_ENUMS = (InstrumentKind, BodyKind, CompetencyKind, JurisdictionKind)


def _any_kind(value: Any) -> None:
    """Raise QueryError unless every item of ``value`` is a kind of some record type."""
    accepted = {m.value: m for cls in _KIND_ENUMS for m in cls}
    for item in _as_list(value):
        key = item.value if isinstance(item, enum.Enum) else str(item).strip().lower()
        if key.replace("-", "_") not in accepted:
            raise QueryError(f"unknown kind {item!r}; " + suggest(str(item), accepted))


def _enum_for(name: str, sample: type | None) -> type[enum.Enum]:
    if name == "status":
        return InstrumentStatus
    if sample is None:
        return InstrumentKind
    found: type[enum.Enum] = _field_types(sample)[_FIELD_OF.get(name, name)]
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


def _in_force_predicate(value: Any, *, include_unknown: bool) -> Predicate:
    from cisai._inforce import InForceState, day_of, in_force

    if isinstance(value, _InForceQuery):
        value, include_unknown = value.day, value.include_unknown
    day = day_of(value, "in_force_on")
    if not include_unknown:
        return lambda r: in_force_on(r, day)
    kept = (InForceState.IN_FORCE, InForceState.UNKNOWN)
    return lambda r: in_force(r, day).state in kept


def _folded(text: str) -> str:
    """A lookup key: case, diacritics and surrounding blanks ignored (``ё`` is ``е``)."""
    from cisai._wordsearch import fold

    return " ".join(fold(text).split())


def _jurisdiction_keys(records: Sequence[AnyRecord]) -> tuple[dict[str, str], dict[str, str]]:
    """Folded code, id and every name -> code; and each code and name as written -> code."""
    keys: dict[str, str] = {}
    names: dict[str, str] = {}
    for record in records:
        if isinstance(record, Jurisdiction):
            spelled = [record.code, record.name, *(n.text for n in record.names)]
            for text in (*spelled, record.id):
                keys.setdefault(_folded(text), record.code)
            for text in spelled:  # what suggestions name: the id repeats the code
                names.setdefault(text, record.code)
    return keys, names


def _text_predicate(value: Any) -> Predicate:
    """Words and word prefixes (see ``cisai._wordsearch``); a list means any of the queries."""
    from cisai._wordsearch import matches, query_words

    queries = [query_words(v) for v in _as_list(value)]
    return lambda r: any(matches(r, needles) for needles in queries)
