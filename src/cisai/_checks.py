"""Checks across records that no single record can make on its own.

Each check returns :class:`~cisai._errors.Problem` s instead of raising, so that a
user sees every problem of a data folder at once. The loader gives each record its
:class:`Origin` (file, and the parsed mapping it came from) so a problem can name
the line of the offending field.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeAlias

import attrs

from cisai._criteria import field_types
from cisai._dates import PartialDate
from cisai._errors import format_path, suggest
from cisai._ids import CODE_PATTERN, FIELD_PATTERNS, ID_PATTERN, URL_PATTERN, version_key
from cisai._model import (
    RECORD_TYPES,
    REFERS_TO,
    TYPE_NAMES,
    AnyRecord,
    Attestation,
    Body,
    Competency,
    Event,
    EventKind,
    Instrument,
    Jurisdiction,
    LifecycleStage,
    Objective,
    Principle,
    PrincipleConcept,
    Prohibition,
    Provision,
    Record,
    ReviewProcess,
    Source,
    Topic,
)
from cisai._origin import Origin
from cisai._problems import Problem

__all__ = ["RULES", "UNKNOWN_FACETS", "Context", "Located", "check"]

UNKNOWN_FACETS = frozenset(
    {
        "text",
        "articles",
        "definitions",
        "in_force_date",
        "model_law_link",
        "adoption_act",
        "publication_date",
        "content",
    }
)
"""Facets an ``unknowns`` entry may name besides the record's own fields."""

# Events that make an act exist; entry into force cannot come before the first of them.
_ENACTING = frozenset({EventKind.ADOPTED, EventKind.SIGNED, EventKind.APPROVED})


@attrs.frozen
class Located:
    record: AnyRecord
    origin: Origin


def namespace(record: Any) -> str:
    """The id space of a record: principle concepts have their own, all others share one.

    A concept may so share its id with a topic (``transparency`` is both).
    """
    return PrincipleConcept.collection if isinstance(record, PrincipleConcept) else ""


def _problem(item: Located, field: Sequence[str | int], message: str) -> Problem:
    return Problem(
        message=message,
        file=item.origin.file,
        line=item.origin.line(*field),
        record_id=item.record.id,
        field=format_path(field),
    )


def schema_problems(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[Any, str]]:
    """What the JSON Schema would refuse in one record, that its types alone allow.

    The patterns of ``id``, ``added_in``, ``changed_in``, ``code`` and ``url`` fields
    wherever they are, and a record's required ``sources`` being empty: ``from_json``
    of a single record checks these, so it accepts no more than the schema does.
    """
    found: list[tuple[Any, str]] = []
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            found.extend(schema_problems(item, (*path, index)))
        return found
    if not attrs.has(type(value)) or isinstance(value, PartialDate):
        return found
    for attribute in attrs.fields(type(value)):
        field = getattr(value, attribute.name)
        where = (*path, attribute.name)
        pattern = FIELD_PATTERNS.get(attribute.name)
        if isinstance(field, str) and pattern is not None and not pattern.fullmatch(field):
            found.append((where, _mismatch(attribute.name, field, pattern)))
        elif attribute.name == "sources" and not path and field == ():
            if attribute.default is attrs.NOTHING:
                found.append((where, "at least one source is required"))
        else:
            found.extend(schema_problems(field, where))
    return found


def _mismatch(name: str, value: str, pattern: re.Pattern[str]) -> str:
    if name == "url":
        return f"not an http(s) URL: {value!r}"
    return f"{value!r} does not match the pattern {pattern.pattern!r}"


@attrs.frozen
class Context:
    """What the rules of one check look records up in, built once before any rule runs.

    ``seen`` holds every record of the shared id space, to name a wrong type in a
    reference; ``cyclic`` the bodies whose parent chain comes back to them.
    """

    seen: Mapping[str, Located]
    topics: Mapping[str, Located]
    topic_names: Mapping[str, list[tuple[str, str]]]
    concepts: Mapping[str, Located]
    bodies: Mapping[str, Located]
    instruments: Mapping[str, Located]
    codes: Collection[str]
    cyclic: frozenset[str]
    good_urls: set[str] = attrs.field(factory=set)
    """The source URLs found good so far: records share sources, each is checked once."""


Rule: TypeAlias = Callable[[Located, Context], list[Problem]]
"""A rule: the problems of one record, given the check's :class:`Context`."""


def check(items: Sequence[Located], *, data_version: str | None) -> list[Problem]:
    """Every cross-record problem of ``items``: ids first, then each type's :data:`RULES`."""
    problems: list[Problem] = []
    firsts, seen, by_type = _first_of_each_id(items, problems)
    bodies = by_type.get(Body, {})
    context = Context(
        seen=seen,
        topics=by_type.get(Topic, {}),
        topic_names=_topic_names(by_type.get(Topic, {})),
        concepts=by_type.get(PrincipleConcept, {}),
        bodies=bodies,
        instruments=by_type.get(Instrument, {}),
        codes=_unique_codes(by_type.get(Jurisdiction, {}).values(), problems),
        cyclic=_in_cycles(bodies),
    )
    for item in firsts:  # a duplicate is already reported
        problems.extend(_check_versions(item, data_version if item.origin.bundled else None))
        for rule in RULES[type(item.record)]:
            problems.extend(rule(item, context))
    return problems


def _first_of_each_id(
    items: Sequence[Located], problems: list[Problem]
) -> tuple[list[Located], dict[str, Located], dict[type, dict[str, Located]]]:
    """The first record of each id, the shared id space, and the records by type.

    A malformed or repeated id is a problem; a repeated one is not checked further.
    """
    firsts: list[Located] = []
    seen: dict[str, Located] = {}
    seen_concepts: dict[str, Located] = {}
    by_type: dict[type, dict[str, Located]] = {}
    for item in items:
        rid = item.record.id
        if not ID_PATTERN.fullmatch(rid):
            problems.append(
                _problem(item, ("id",), f"invalid id {rid!r}: use lowercase a-z, 0-9 and hyphens")
            )
        space = seen_concepts if namespace(item.record) else seen
        other = space.get(rid)
        if other is not None:
            problems.append(_duplicate(item, other))
            continue
        space[rid] = item
        firsts.append(item)
        by_type.setdefault(type(item.record), {})[rid] = item
    return firsts, seen, by_type


def _duplicate(item: Located, other: Located) -> Problem:
    where = f" (first defined in {other.origin.file}:{other.origin.line()})"
    if other.origin.bundled and not item.origin.bundled:
        where += "; to replace the bundled record, mark yours with override: true"
    return _problem(item, ("id",), f"duplicate id {item.record.id!r}{where}")


def _unique_codes(jurisdictions: Iterable[Located], problems: list[Problem]) -> set[str]:
    """The jurisdiction codes; a code given to two records is a problem (whichever file).

    Queries, ``compare`` and the CLI find a jurisdiction by its code: two records with
    one code would show a state twice, or under another's name. A user changes a
    bundled jurisdiction only by overriding its record (``override: true``).
    """
    first: dict[str, Located] = {}
    for item in jurisdictions:
        record = item.record
        assert isinstance(record, Jurisdiction)
        key = record.code.casefold()
        other = first.setdefault(key, item)
        if other is item:
            continue
        hint = ""
        if other.origin.bundled and not item.origin.bundled:
            hint = f"; to change it, override the record {other.record.id!r} (override: true)"
        problems.append(
            _problem(
                item,
                ("code",),
                f"jurisdiction code {record.code!r} is already used by {other.record.id!r} "
                f"({other.origin.file}:{other.origin.line()}){hint}",
            )
        )
    return {item.record.code for item in first.values() if isinstance(item.record, Jurisdiction)}


def _check_versions(item: Located, data_version: str | None) -> list[Problem]:
    problems: list[Problem] = []
    record = item.record
    newest = version_key(data_version) if data_version else None
    added = _version_of(item, "added_in", record.added_in, newest, data_version, problems)
    if record.changed_in is not None:
        changed = version_key(record.changed_in)
        if changed is not None and added is not None and changed < added:
            problems.append(_problem(item, ("changed_in",), "changed_in is older than added_in"))
        else:
            _version_of(item, "changed_in", record.changed_in, newest, data_version, problems)
    return problems


def _version_of(
    item: Located,
    field: str,
    value: str,
    newest: tuple[int, int, int] | None,
    data_version: str | None,
    problems: list[Problem],
) -> tuple[int, int, int] | None:
    """The version ``value`` of ``field`` as a key, reporting it if invalid or too new."""
    key = version_key(value)
    if key is None:
        message = f"invalid data version {value!r}: use e.g. '2026.11.0'"
    elif newest is not None and key > newest:
        message = f"data version {value!r} is newer than {data_version!r}"
    else:
        return key
    problems.append(_problem(item, (field,), message))
    return key


def _check_sources(
    item: Located,
    path: tuple[str | int, ...],
    sources: Sequence[Source],
    context: Context,
    *,
    required: bool,
) -> list[Problem]:
    problems = []
    if required and not sources:
        problems.append(_problem(item, path, "at least one source is required"))
    good = context.good_urls
    for index, source in enumerate(sources):
        url = source.url
        if url in good:
            continue
        if is_url(url):
            good.add(url)
        else:
            problems.append(_problem(item, (*path, index, "url"), f"not an http(s) URL: {url!r}"))
    return problems


def is_url(url: str) -> bool:
    """An http(s) URL without whitespace or control characters (which no browser keeps)."""
    return URL_PATTERN.fullmatch(url) is not None


def _check_provenance(item: Located, context: Context) -> list[Problem]:
    """Sources, unknowns, non-empty texts, names and locators of a sourced record."""
    record = item.record
    assert isinstance(record, Record)
    problems = _check_sources(item, ("sources",), record.sources, context, required=True)
    fields = {a.name for a in attrs.fields(type(record))} if record.unknowns else set()
    for index, unknown in enumerate(record.unknowns):
        if unknown.field not in fields and unknown.field not in UNKNOWN_FACETS:
            accepted = sorted(fields | UNKNOWN_FACETS)
            problems.append(
                _problem(
                    item,
                    ("unknowns", index, "field"),
                    f"{unknown.field!r} is not a field of {type(record).__name__}; "
                    + suggest(unknown.field, accepted),
                )
            )
    for name in ("summary", "gist", "name"):
        value = getattr(record, name, None)
        if isinstance(value, str) and not value.strip():
            problems.append(_problem(item, (name,), "must not be empty"))
    problems.extend(_check_parts(item))
    return problems


_LIST_FIELDS = frozenset({"topics", "issuers", "concepts"})
"""Reference fields that are lists: a problem names the item (``topics[1]``)."""


def _check_refs(
    item: Located,
    path: tuple[str | int, ...],
    ids: Sequence[str],
    known: Collection[str],
    what: str,
    everything: Mapping[str, Located] | None = None,
) -> list[Problem]:
    """A problem for each of ``ids`` not in ``known`` (``everything``: to name a wrong type)."""
    problems = []
    for index, ref in enumerate(ids):
        if ref not in known:
            where = (*path, index) if len(ids) > 1 or path[-1] in _LIST_FIELDS else path
            other = everything.get(ref) if everything is not None else None
            if other is not None:
                kind = _TYPE_WORDS.get(type(other.record), type(other.record).__name__)
                message = f"{ref!r} is {kind}, not {_article(what)} {what}; "
            else:
                message = f"unknown {what} {ref!r}; "
            problems.append(_problem(item, where, message + suggest(ref, known)))
    return problems


_TYPE_WORDS = {Instrument: "an instrument", Body: "a body", Jurisdiction: "a jurisdiction"}


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _check_concept(item: Located, context: Context) -> list[Problem]:
    """A concept needs a label and a definition; an alias may not name another concept."""
    record = item.record
    assert isinstance(record, PrincipleConcept)
    problems = []
    for name in ("label", "definition"):
        if not getattr(record, name).strip():
            problems.append(_problem(item, (name,), "must not be empty"))
    for index, alias in enumerate(record.aliases):
        for other_id, other in context.concepts.items():
            other_record = other.record
            assert isinstance(other_record, PrincipleConcept)
            if other_id != record.id and (
                alias == other_id or alias.casefold() in map(str.casefold, other_record.aliases)
            ):
                problems.append(
                    _problem(
                        item,
                        ("aliases", index),
                        f"alias {alias!r} also names the principle concept {other_id!r}",
                    )
                )
                break
    return problems


def _check_principle(item: Located, context: Context) -> list[Problem]:
    """Its concepts exist; a bundled principle maps to at least one (our editorial mapping)."""
    record = item.record
    assert isinstance(record, Principle)
    problems = _check_refs(
        item, ("concepts",), record.concepts, context.concepts, "principle concept", context.seen
    )
    if item.origin.packaged and not record.concepts:
        problems.append(
            _problem(
                item,
                ("concepts",),
                "a bundled principle maps to at least one principle concept "
                "(see principle-concepts.yaml); give concepts: [...]",
            )
        )
    return problems


def _check_parts(item: Located) -> list[Problem]:
    """Names (as the sources give them) and locators must say something."""
    problems = []
    for index, title in enumerate(getattr(item.record, "names", ())):
        if not title.text.strip():
            problems.append(_problem(item, ("names", index, "text"), "must not be empty"))
    for index, locator in enumerate(getattr(item.record, "locators", ())):
        path: tuple[str | int, ...] = ("locators", index)
        if not locator.text.strip():
            problems.append(_problem(item, (*path, "text"), "must not be empty"))
        url = locator.source.url
        if not is_url(url):
            problems.append(
                _problem(item, (*path, "source", "url"), f"not an http(s) URL: {url!r}")
            )
    return problems


def _check_topic(item: Located, context: Context) -> list[Problem]:
    """A topic has a label, a known parent outside any cycle, and aliases of its own."""
    topics = context.topics
    record = item.record
    assert isinstance(record, Topic)
    problems = []
    if record.parent is not None:
        problems.extend(_check_refs(item, ("parent",), [record.parent], topics, "topic"))
        # Walk up: a parent chain that comes back to the topic is a cycle.
        node: str | None = record.parent
        steps = 0
        while node is not None and node in topics and steps <= len(topics):
            if node == record.id:
                problems.append(_problem(item, ("parent",), "topic parents form a cycle"))
                break
            parent_record = topics[node].record
            node = parent_record.parent if isinstance(parent_record, Topic) else None
            steps += 1
    if not record.label.strip():
        problems.append(_problem(item, ("label",), "must not be empty"))
    for index, alias in enumerate(record.aliases):
        problems.extend(_check_alias(item, index, alias, context.topic_names))
    return problems


def _topic_names(topics: Mapping[str, Located]) -> dict[str, list[tuple[str, str]]]:
    """Every topic id and alias, casefolded, with whose it is (``(topic id, "id"|"alias")``)."""
    names: dict[str, list[tuple[str, str]]] = {}
    for topic_id, item in topics.items():
        names.setdefault(topic_id.casefold(), []).append((topic_id, "id"))
        record = item.record
        assert isinstance(record, Topic)
        for alias in {a.strip().casefold() for a in record.aliases}:
            names.setdefault(alias, []).append((topic_id, "alias"))
    return names


def _check_alias(
    item: Located, index: int, alias: str, names: Mapping[str, list[tuple[str, str]]]
) -> list[Problem]:
    """A topic alias names one topic: not empty, not another topic's id or alias."""
    if not alias.strip():
        return [_problem(item, ("aliases", index), "an alias must not be empty")]
    for owner, kind in names.get(alias.strip().casefold(), ()):
        if owner == item.record.id:
            continue
        what = "the id of the topic" if kind == "id" else "also an alias of"
        return [_problem(item, ("aliases", index), f"alias {alias!r} is {what} {owner!r}")]
    return []


def _check_body(item: Located, context: Context) -> list[Problem]:
    """A body's parent, founding instrument and jurisdiction exist; no parent cycle."""
    record = item.record
    assert isinstance(record, Body)
    problems = []
    if record.parent is not None:
        problems.extend(_check_refs(item, ("parent",), [record.parent], context.bodies, "body"))
        if record.parent == record.id:
            problems.append(_problem(item, ("parent",), "a body cannot be its own parent"))
        elif record.id in context.cyclic:
            problems.append(_problem(item, ("parent",), "body parents form a cycle"))
    if record.established_by is not None:
        problems.extend(
            _check_refs(
                item,
                ("established_by",),
                [record.established_by],
                context.instruments,
                "instrument",
            )
        )
    if record.jurisdiction is not None:
        problems.extend(
            _check_refs(
                item, ("jurisdiction",), [record.jurisdiction], context.codes, "jurisdiction"
            )
        )
    return problems


def _in_cycles(records: Mapping[str, Located]) -> frozenset[str]:
    """The ids whose ``parent`` chain comes back to them (each chain walked once)."""
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    cyclic: set[str] = set()
    for start in records:
        walk: list[str] = []
        node: str | None = start
        while node is not None and node in records and node not in state:
            state[node] = 1
            walk.append(node)
            node = getattr(records[node].record, "parent", None)
        if node is not None and state.get(node) == 1:  # came back into this walk
            cyclic.update(walk[walk.index(node) :])
        for done in walk:
            state[done] = 2
    return frozenset(cyclic)


def _check_instrument(item: Located, context: Context) -> list[Problem]:
    """An instrument's titles, jurisdiction, issuers, events, date and relations."""
    record = item.record
    assert isinstance(record, Instrument)
    problems = _check_titles(item, record)
    problems.extend(
        _check_refs(item, ("jurisdiction",), [record.jurisdiction], context.codes, "jurisdiction")
    )
    problems.extend(_check_refs(item, ("issuers",), record.issuers, context.bodies, "body"))
    problems.extend(_check_events(item, record, context))
    problems.extend(_check_date(item, record))
    problems.extend(_check_relations(item, record, context))
    return problems


def _check_titles(item: Located, record: Instrument) -> list[Problem]:
    """At least one title, the English one first, none empty."""
    problems = []
    if not record.titles:
        problems.append(_problem(item, ("titles",), "at least one title is required"))
    elif record.titles[0].lang != "en":
        problems.append(
            _problem(
                item, ("titles", 0, "lang"), "the first title must be the English one (lang: en)"
            )
        )
    for index, title in enumerate(record.titles):
        if not title.text.strip():
            problems.append(_problem(item, ("titles", index, "text"), "must not be empty"))
    return problems


def _check_events(item: Located, record: Instrument, context: Context) -> list[Problem]:
    """Each event is sourced, by a known body, in date order, not in force before enacted."""
    bodies = context.bodies
    problems = []
    previous: tuple[int, PartialDate] | None = None
    first_enacted: PartialDate | None = None
    for index, event in enumerate(record.events):
        path: tuple[str | int, ...] = ("events", index)
        problems.extend(
            _check_sources(item, (*path, "sources"), event.sources, context, required=True)
        )
        if event.body is not None and event.body not in bodies:
            problems.append(
                _problem(
                    item,
                    (*path, "body"),
                    f"unknown body {event.body!r}; " + suggest(event.body, bodies),
                )
            )
        if event.date is None:
            continue
        problems.extend(_check_event_date(item, path, event, previous, first_enacted))
        previous = (index, event.date)
        if first_enacted is None and event.kind in _ENACTING:
            first_enacted = event.date
    return problems


def _check_event_date(
    item: Located,
    path: tuple[str | int, ...],
    event: Event,
    previous: tuple[int, PartialDate] | None,
    first_enacted: PartialDate | None,
) -> list[Problem]:
    """An event's date is not before the previous event's, nor in force before enacted."""
    assert event.date is not None
    problems = []
    if previous is not None and event.date.end < previous[1].start:
        problems.append(
            _problem(
                item,
                (*path, "date"),
                f"events out of order: {event.date} comes after "
                f"events[{previous[0]}] dated {previous[1]}",
            )
        )
    if (
        event.kind is EventKind.IN_FORCE
        and first_enacted is not None
        and event.date.end < first_enacted.start
    ):
        problems.append(
            _problem(
                item,
                (*path, "date"),
                f"in force ({event.date}) before it was adopted or signed ({first_enacted})",
            )
        )
    return problems


def _check_date(item: Located, record: Instrument) -> list[Problem]:
    """The instrument's own date, if given, is the date of one of its events."""
    dated = [e.date for e in record.events if e.date is not None]
    if record.date is None or not dated or record.date in dated:
        return []
    return [
        _problem(
            item,
            ("date",),
            f"date {record.date} is not the date of any of its events "
            f"({', '.join(sorted({str(d) for d in dated}))})",
        )
    ]


def _check_relations(item: Located, record: Instrument, context: Context) -> list[Problem]:
    """Each relation targets another known instrument; its sources are URLs."""
    instruments = context.instruments
    problems = []
    for index, relation in enumerate(record.relations):
        path: tuple[str | int, ...] = ("relations", index)
        if relation.target not in instruments:
            problems.append(
                _problem(
                    item,
                    (*path, "target"),
                    f"unknown instrument {relation.target!r}; "
                    + suggest(relation.target, instruments),
                )
            )
        elif relation.target == record.id:
            problems.append(
                _problem(item, (*path, "target"), "an instrument cannot relate to itself")
            )
        problems.extend(
            _check_sources(item, (*path, "sources"), relation.sources, context, required=False)
        )
    return problems


def _check_topic_refs(item: Located, context: Context) -> list[Problem]:
    """The record's topics exist."""
    topics: Sequence[str] = getattr(item.record, "topics", ())
    return _check_refs(item, ("topics",), topics, context.topics, "topic", context.seen)


def _check_instrument_ref(item: Located, context: Context) -> list[Problem]:
    """The instrument the record belongs to exists."""
    ref: str = getattr(item.record, "instrument", "")
    return _check_refs(
        item, ("instrument",), [ref], context.instruments, "instrument", context.seen
    )


def _check_code(item: Located, context: Context) -> list[Problem]:
    """A jurisdiction's code has the form of one (its uniqueness is checked before)."""
    record = item.record
    assert isinstance(record, Jurisdiction)
    if CODE_PATTERN.fullmatch(record.code):
        return []
    return [_problem(item, ("code",), f"invalid code {record.code!r}: use e.g. 'BY' or 'CIS'")]


def _check_holder(item: Located, context: Context) -> list[Problem]:
    """A competency has a holder: a known body, or at least a holder role."""
    record = item.record
    assert isinstance(record, Competency)
    if record.holder is None:
        if record.holder_role is None:
            return [_problem(item, ("holder",), "give a holder (body id) or a holder_role")]
        return []
    return _check_refs(item, ("holder",), [record.holder], context.bodies, "body", context.seen)


def _check_wording(item: Located, context: Context) -> list[Problem]:
    """Wording is quoted only from a text that was read (attestation ``official_text``)."""
    record = item.record
    if getattr(record, "wording", None) is None or (
        getattr(record, "attestation", None) is Attestation.OFFICIAL_TEXT
    ):
        return []
    return [
        _problem(
            item,
            ("wording",),
            "wording may only be given from the official text "
            "(attestation: official_text); put reported content in gist",
        )
    ]


_PART = (_check_provenance, _check_topic_refs, _check_instrument_ref)
"""The rules of a part of an instrument (principle, provision, ...), in this order."""

RULES: dict[type[AnyRecord], tuple[Rule, ...]] = {
    Topic: (_check_topic,),
    PrincipleConcept: (_check_concept,),
    Jurisdiction: (_check_provenance, _check_code),
    Body: (_check_provenance, _check_body),
    Instrument: (_check_provenance, _check_topic_refs, _check_instrument),
    Principle: (*_PART, _check_principle, _check_wording),
    Competency: (*_PART, _check_holder),
    Prohibition: (*_PART, _check_wording),
    Objective: _PART,
    Provision: (*_PART, _check_wording),
    LifecycleStage: (_check_provenance, _check_instrument_ref),
    ReviewProcess: (_check_provenance, _check_instrument_ref),
}
"""The rules of each record type, run in this order on every record after the id checks.

To add a record type or a rule: one entry or one function here. Every record also has
its ``added_in``/``changed_in`` checked against the data version first.
"""


@attrs.frozen
class Unstructured:
    """A record that could not be structured: its raw mapping, and the problems found."""

    raw: dict[str, Any]
    cls: type
    origin: Origin
    found: Sequence[tuple[tuple[str | int, ...], str]]


@functools.cache
def references(cls: type) -> tuple[tuple[tuple[str, ...], str], ...]:
    """Every reference of ``cls``: (field names from the record down, target collection).

    Read from the fields' :data:`~cisai._model.REFERS_TO` metadata, one level into the
    value types a record holds (an event's ``body``: ``("events", "body")``).
    """
    found: list[tuple[tuple[str, ...], str]] = []
    hints = field_types(cls)
    for field in attrs.fields(cls):
        target = field.metadata.get(REFERS_TO)
        if target is not None:
            found.append(((field.name,), target))
            continue
        for inner in typing.get_args(hints[field.name]):
            if attrs.has(inner):
                found.extend(((field.name, *path), to) for path, to in references(inner))
    return tuple(found)


def _reference_key(record: Any) -> str:
    """What a reference to ``record`` gives: a jurisdiction's code, any other record's id."""
    return str(record.code if isinstance(record, Jurisdiction) else record.id)


def _referred_as(collection: str) -> str:
    """A target collection in messages: ``"principle_concepts"`` -> ``"principle concept"``."""
    return next(TYPE_NAMES[c] for c in RECORD_TYPES if c.collection == collection).replace("_", " ")


def reference_problems(
    unstructured: Sequence[Unstructured], located: Sequence[Located]
) -> list[Problem]:
    """The reference problems of records that could not be structured, read from their raw
    mappings: a record with a bad value in one field still has a misspelt topic or
    jurisdiction reported in the same run. Fields already reported are left alone.
    """
    if not unstructured:
        return []
    known: dict[str, set[str]] = {}
    for found in located:
        known.setdefault(found.record.collection, set()).add(_reference_key(found.record))
    problems: list[Problem] = []
    for item in unstructured:
        reported = {path[:1] for path, _message in item.found}
        record_id = item.raw.get("id") if isinstance(item.raw.get("id"), str) else None
        for path, target, value in _raw_references(item.raw, item.cls):
            ids = known.get(target, set())
            if path[:1] in reported or value in ids:
                continue
            problems.append(
                Problem(
                    message=f"unknown {_referred_as(target)} {value!r}; " + suggest(value, ids),
                    file=item.origin.file,
                    line=item.origin.line(*path),
                    record_id=record_id,
                    field=format_path(path),
                )
            )
    return problems


def _raw_references(
    raw: dict[str, Any], cls: type
) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(path, target collection, id) for every string reference of ``cls`` in ``raw``."""
    for steps, target in references(cls):
        value = raw.get(steps[0])
        if len(steps) == 2:
            for index, entry in enumerate(value if isinstance(value, list) else []):
                inner = entry.get(steps[1]) if isinstance(entry, dict) else None
                if isinstance(inner, str):
                    yield (steps[0], index, steps[1]), target, inner
        elif isinstance(value, str):
            yield steps, target, value
        elif isinstance(value, list):
            for index, entry in enumerate(value):
                if isinstance(entry, str):
                    yield (steps[0], index), target, entry
