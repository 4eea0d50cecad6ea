"""The query criteria, written once: what each means, which records it applies to, and
the field it reads. ``filter()``'s checks, the CLI's flags and help, and the record
reference's table of criteria derive from :data:`CRITERIA`. Two texts must be written
out for the tools that read them without running the code, and tests hold both to the
table: the typed keywords (:class:`Criteria`, for type checkers and editors) and the
list in ``Selection.filter``'s docstring (for ``help()`` and the API reference).

To add a criterion: one entry here, one key of :class:`Criteria`, and (unless it
compares an enum field) one predicate builder in ``cisai._query``.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias, TypedDict

import attrs

from cisai._dates import PartialDate
from cisai._model import SEARCHED_FIELDS, Body, Instrument

__all__ = ["CRITERIA", "Criteria", "Criterion"]
"""What ``cisai`` exports from this module: each public name is listed only here."""


@functools.cache
def field_types(cls: type) -> dict[str, Any]:
    """A record class's field types (``X | None`` read as ``X``)."""
    hints = typing.get_type_hints(cls)
    found = {}
    for name, hint in hints.items():
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        is_union = typing.get_origin(hint) in (typing.Union, types.UnionType)
        found[name] = args[0] if is_union and len(args) == 1 else hint
    return found


def _has(field: str) -> Callable[[type], bool]:
    return lambda cls: field in field_types(cls)


def _is_instrument(cls: type) -> bool:
    return issubclass(cls, Instrument)


def _has_kind(cls: type) -> bool:
    kind = field_types(cls).get("kind")
    return isinstance(kind, type) and issubclass(kind, enum.Enum)


@attrs.frozen
class Criterion:
    """One query criterion: its keyword, what it means, what it reads, where it applies."""

    name: str
    """The keyword of ``filter()`` (and, with dashes, the CLI flag)."""
    description: str
    """What it keeps, in words (the docstring and the CLI's help)."""
    field: str
    """The record field it reads."""
    applies_to: Callable[[type], bool]
    """Whether it applies to records of a type (a refused criterion is a QueryError)."""


def _table(*rows: tuple[str, str, str, Callable[[type], bool] | None]) -> Mapping[str, Criterion]:
    """The criteria by name, read-only: the table is public, and ``filter()`` reads it."""
    return types.MappingProxyType(
        {
            name: Criterion(name, description, field, applies or _has(field))
            for name, field, description, applies in rows
        }
    )


CRITERIA: Mapping[str, Criterion] = _table(
    ("since", "date", "dated on or after this date (inclusive; partial dates overlap)", None),
    ("until", "date", "dated on or before this date (inclusive; partial dates overlap)", None),
    ("topic", "topics", "a topic id or alias, sub-topics included; a list means any", None),
    ("kind", "kind", "the record's kind (an enum value); a list means any", _has_kind),
    (
        "jurisdiction",
        "jurisdiction",
        "a jurisdiction code such as 'BY' or 'CIS' (for a principle, competency, "
        "... that of its instrument); a list means any",
        lambda cls: _has("jurisdiction")(cls) or _has("instrument")(cls),
    ),
    (
        "issuer",
        "issuers",
        "the id of a body among the instrument's issuers; a list means any",
        _is_instrument,
    ),
    ("status", "status", "an InstrumentStatus value; a list means any", _is_instrument),
    (
        "text",
        "text",
        "words or word prefixes, each found in one of the searched fields ("
        + ", ".join(field for group in SEARCHED_FIELDS for field in group)
        + "; the titles in every language); case and diacritics ignored; a list means any",
        lambda cls: True,
    ),
    (
        "in_force_on",
        "events",
        "in force on that day (a day, not a month or year), as dated events show",
        _is_instrument,
    ),
    (
        "include_unknown",
        "events",
        "True, with in_force_on: also keep instruments whose being in force on "
        "that day is unknown (see cisai.in_force)",
        _is_instrument,
    ),
    (
        "changed_since",
        "added_in",
        "added or changed in a data version after this one, e.g. '2026.11.0'",
        None,
    ),
    (
        "instrument",
        "instrument",
        "the id of the instrument a part belongs to; a list means any",
        None,
    ),
    (
        "body",
        "holder",
        "the id of the body that holds a competency or is a body's parent; a list means any",
        lambda cls: _has("holder")(cls) or issubclass(cls, Body),
    ),
    (
        "holder",
        "holder",
        "the id of the body that holds a competency (or the Body); a list means any",
        None,
    ),
    (
        "concept",
        "concepts",
        "a principle concept id or alias (e.g. 'transparency', 'explainability'); a list means any",
        None,
    ),
    (
        "attestation",
        "attestation",
        "official_text, official_report or secondary_report; a list means any",
        None,
    ),
    ("confidence", "confidence", "high, medium or low; a list means any", None),
    ("part", "part", "a ProvisionPart value; a list means any", None),
)
"""Every criterion ``filter()`` understands, by its name, in the order the help lists them."""

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
