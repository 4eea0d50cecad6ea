"""Checks across records that no single record can make on its own.

Each check returns :class:`~cisai._errors.Problem` s instead of raising, so that a
user sees every problem of a data folder at once. The loader gives each record its
:class:`Origin` (file, and the parsed mapping it came from) so a problem can name
the line of the offending field.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import attrs

from cisai._dates import PartialDate
from cisai._errors import Problem, format_path, suggest
from cisai._ids import CODE_PATTERN, ID_PATTERN, version_key
from cisai._model import (
    AnyRecord,
    Attestation,
    Body,
    Competency,
    EventKind,
    Instrument,
    Jurisdiction,
    Principle,
    PrincipleConcept,
    Prohibition,
    Provision,
    Record,
    Source,
    Topic,
)
from cisai._origin import Origin

__all__ = ["UNKNOWN_FACETS", "Located", "check"]

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
    return "principle_concepts" if isinstance(record, PrincipleConcept) else ""


def _problem(item: Located, field: Sequence[str | int], message: str) -> Problem:
    return Problem(
        message=message,
        file=item.origin.file,
        line=item.origin.line(*field),
        record_id=item.record.id,
        field=format_path(field),
    )


def check(
    items: Sequence[Located], *, data_version: str | None, known_ids: Iterable[str] = ()
) -> list[Problem]:
    """Every cross-record problem of ``items`` (``known_ids``: ids defined elsewhere)."""
    problems: list[Problem] = []
    by_type: dict[type, dict[str, Located]] = {}
    seen: dict[str, Located] = {}
    seen_concepts: dict[str, Located] = {}
    taken = set(known_ids)
    for item in items:
        rid = item.record.id
        if not ID_PATTERN.fullmatch(rid):
            problems.append(
                _problem(item, ("id",), f"invalid id {rid!r}: use lowercase a-z, 0-9 and hyphens")
            )
        space = seen_concepts if namespace(item.record) else seen
        if rid in space or (space is seen and rid in taken):
            other = space.get(rid)
            where = (
                f" (first defined in {other.origin.file}:{other.origin.line()})" if other else ""
            )
            if other is not None and other.origin.bundled and not item.origin.bundled:
                where += "; to replace the bundled record, mark yours with override: true"
            problems.append(_problem(item, ("id",), f"duplicate id {rid!r}{where}"))
            continue
        space[rid] = item
        by_type.setdefault(type(item.record), {})[rid] = item

    topics = by_type.get(Topic, {})
    concepts = by_type.get(PrincipleConcept, {})
    bodies = by_type.get(Body, {})
    instruments = by_type.get(Instrument, {})
    codes = {
        item.record.code
        for item in by_type.get(Jurisdiction, {}).values()
        if isinstance(item.record, Jurisdiction)
    }

    for item in items:
        if (seen_concepts if namespace(item.record) else seen).get(item.record.id) is not item:
            continue  # a duplicate: already reported
        problems.extend(_check_versions(item, data_version if item.origin.bundled else None))
        record = item.record
        if isinstance(record, Topic):
            problems.extend(_check_topic(item, topics))
            continue
        if isinstance(record, PrincipleConcept):
            problems.extend(_check_concept(item, record, concepts))
            continue
        problems.extend(_check_provenance(item))
        if hasattr(record, "topics"):
            problems.extend(_check_refs(item, ("topics",), record.topics, topics, "topic", seen))
        if hasattr(record, "instrument"):
            problems.extend(
                _check_refs(
                    item, ("instrument",), [record.instrument], instruments, "instrument", seen
                )
            )
        if isinstance(record, Principle):
            problems.extend(_check_principle(item, record, concepts, seen))
        if isinstance(record, Jurisdiction) and not CODE_PATTERN.fullmatch(record.code):
            problems.append(
                _problem(item, ("code",), f"invalid code {record.code!r}: use e.g. 'BY' or 'CIS'")
            )
        if isinstance(record, Body):
            problems.extend(_check_body(item, record, bodies, instruments, codes))
        if isinstance(record, Instrument):
            problems.extend(_check_instrument(item, record, bodies, instruments, codes))
        if isinstance(record, Competency):
            if record.holder is None and record.holder_role is None:
                problems.append(
                    _problem(item, ("holder",), "give a holder (body id) or a holder_role")
                )
            if record.holder is not None:
                problems.extend(
                    _check_refs(item, ("holder",), [record.holder], bodies, "body", seen)
                )
        if (
            isinstance(record, Principle | Provision | Prohibition)
            and record.wording is not None
            and record.attestation is not Attestation.OFFICIAL_TEXT
        ):
            problems.append(
                _problem(
                    item,
                    ("wording",),
                    "wording may only be given from the official text "
                    "(attestation: official_text); put reported content in gist",
                )
            )
    return problems


def _check_versions(item: Located, data_version: str | None) -> list[Problem]:
    problems = []
    record = item.record
    newest = version_key(data_version) if data_version else None
    added = version_key(record.added_in)
    if added is None:
        problems.append(
            _problem(
                item,
                ("added_in",),
                f"invalid data version {record.added_in!r}: use e.g. '2026.11.0'",
            )
        )
    elif newest is not None and added > newest:
        problems.append(
            _problem(
                item,
                ("added_in",),
                f"data version {record.added_in!r} is newer than {data_version!r}",
            )
        )
    if record.changed_in is not None:
        changed = version_key(record.changed_in)
        if changed is None:
            problems.append(
                _problem(
                    item,
                    ("changed_in",),
                    f"invalid data version {record.changed_in!r}: use e.g. '2026.11.0'",
                )
            )
        elif added is not None and changed < added:
            problems.append(_problem(item, ("changed_in",), "changed_in is older than added_in"))
        elif newest is not None and changed > newest:
            problems.append(
                _problem(
                    item,
                    ("changed_in",),
                    f"data version {record.changed_in!r} is newer than {data_version!r}",
                )
            )
    return problems


def _check_sources(
    item: Located, path: tuple[str | int, ...], sources: Sequence[Source], *, required: bool
) -> list[Problem]:
    problems = []
    if required and not sources:
        problems.append(_problem(item, path, "at least one source is required"))
    for index, source in enumerate(sources):
        if not source.url.startswith(("https://", "http://")) or len(source.url) < 12:
            problems.append(
                _problem(item, (*path, index, "url"), f"not an http(s) URL: {source.url!r}")
            )
    return problems


def _check_provenance(item: Located) -> list[Problem]:
    record = item.record
    assert isinstance(record, Record)
    problems = _check_sources(item, ("sources",), record.sources, required=True)
    fields = {a.name for a in attrs.fields(type(record))}
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


def _check_concept(
    item: Located, record: PrincipleConcept, concepts: dict[str, Located]
) -> list[Problem]:
    """A concept needs a label and a definition; an alias may not name another concept."""
    problems = []
    for name in ("label", "definition"):
        if not getattr(record, name).strip():
            problems.append(_problem(item, (name,), "must not be empty"))
    for index, alias in enumerate(record.aliases):
        for other_id, other in concepts.items():
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


def _check_principle(
    item: Located,
    record: Principle,
    concepts: dict[str, Located],
    everything: Mapping[str, Located],
) -> list[Problem]:
    """Its concepts exist; a bundled principle maps to at least one (our editorial mapping)."""
    problems = _check_refs(
        item, ("concepts",), record.concepts, concepts, "principle concept", everything
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
        if not url.startswith(("https://", "http://")) or len(url) < 12:
            problems.append(
                _problem(item, (*path, "source", "url"), f"not an http(s) URL: {url!r}")
            )
    return problems


def _check_topic(item: Located, topics: dict[str, Located]) -> list[Problem]:
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
    return problems


def _check_body(
    item: Located,
    record: Body,
    bodies: dict[str, Located],
    instruments: dict[str, Located],
    codes: set[str],
) -> list[Problem]:
    problems = []
    if record.parent is not None:
        problems.extend(_check_refs(item, ("parent",), [record.parent], bodies, "body"))
        if record.parent == record.id:
            problems.append(_problem(item, ("parent",), "a body cannot be its own parent"))
    if record.established_by is not None:
        problems.extend(
            _check_refs(
                item, ("established_by",), [record.established_by], instruments, "instrument"
            )
        )
    if record.jurisdiction is not None:
        problems.extend(
            _check_refs(item, ("jurisdiction",), [record.jurisdiction], codes, "jurisdiction")
        )
    return problems


def _check_instrument(
    item: Located,
    record: Instrument,
    bodies: dict[str, Located],
    instruments: dict[str, Located],
    codes: set[str],
) -> list[Problem]:
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
    problems.extend(
        _check_refs(item, ("jurisdiction",), [record.jurisdiction], codes, "jurisdiction")
    )
    problems.extend(_check_refs(item, ("issuers",), record.issuers, bodies, "body"))
    previous: tuple[int, PartialDate] | None = None
    first_enacted: PartialDate | None = None
    for index, event in enumerate(record.events):
        path: tuple[str | int, ...] = ("events", index)
        problems.extend(_check_sources(item, (*path, "sources"), event.sources, required=True))
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
        if previous is not None and event.date.end < previous[1].start:
            problems.append(
                _problem(
                    item,
                    (*path, "date"),
                    f"events out of order: {event.date} comes after "
                    f"events[{previous[0]}] dated {previous[1]}",
                )
            )
        previous = (index, event.date)
        if event.kind in _ENACTING and first_enacted is None:
            first_enacted = event.date
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
    dated = [e.date for e in record.events if e.date is not None]
    if record.date is not None and dated and record.date not in dated:
        problems.append(
            _problem(
                item,
                ("date",),
                f"date {record.date} is not the date of any of its events "
                f"({', '.join(sorted({str(d) for d in dated}))})",
            )
        )
    for index, relation in enumerate(record.relations):
        path = ("relations", index)
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
        problems.extend(_check_sources(item, (*path, "sources"), relation.sources, required=False))
    return problems
