"""Records from a Dataset document that cisai itself wrote from fully checked data.

The wheel's compiled data (see :mod:`cisai._bundle`) is the golden JSON of the bundled
dataset, written at build time from YAML that passed every check of the loader.
Checking it again on every start would cost what the compiled form exists to save,
so this builder trusts it: it turns each value into the type its field declares
(enums, dates, nested records, tuples) and calls the record classes - no cattrs and
no checks. What it reads is guarded by the build and by the digests next to it: use
it on nothing else (user data goes through the loader and every check).

The field types are read from the record classes themselves, so a new field or
record type needs no change here; a type it cannot build fails the first build,
loudly (the tests build every record type).
"""

from __future__ import annotations

import enum
import functools
import operator
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from cisai import _model as model
from cisai._dates import PartialDate
from cisai._gc import paused
from cisai._model import RECORD_TYPES, AnyRecord, Source

__all__ = ["records_from_document"]

Build = Callable[[Any], Any]
"""Turns one JSON value into the value a field holds."""

_BUILDERS: dict[type, Build] = {}
_SOURCES: dict[tuple[tuple[str, Any], ...], Source] = {}
"""The sources built so far in one :func:`records_from_document` (emptied at its end)."""
_DATES: dict[str, PartialDate] = {}
"""The dates built so far in one :func:`records_from_document` (emptied at its end): the
bundled data writes 700 dates, of which 160 differ."""
_PLAIN: dict[str, type] = {"str": str, "int": int, "bool": bool, "float": float}


def records_from_document(document: dict[str, Any]) -> list[AnyRecord]:
    """Every record of a checked Dataset document, collection by collection.

    The document is used up: its mappings become the records' values in place.
    Each source is built once and shared by every record citing it, as the loader
    shares the sources of its catalogue.
    """
    records: list[AnyRecord] = []
    with paused():  # thousands of small objects and no cycles: the collector would only cost
        try:
            for cls in RECORD_TYPES:
                build = _builder(cls)
                records.extend([build(item) for item in document.get(cls.collection, ())])
        finally:
            _SOURCES.clear()
            _DATES.clear()
    return records


def _builder(cls: type) -> Build:
    """Calls ``cls`` with a mapping's values turned into the types its fields declare."""
    found = _BUILDERS.get(cls)
    if found is not None:
        return found
    typed: list[tuple[str, Build]] = []
    for field in attrs.fields(cls):
        try:
            hint = _resolve(field.type) if isinstance(field.type, str) else field.type
            convert = _value_builder(hint)
        except TypeError as exc:
            raise TypeError(f"{cls.__name__}.{field.name}: {exc}") from None
        if convert is not None:
            typed.append((field.name, convert))

    def build(data: dict[str, Any]) -> Any:
        # In place: the parsed document is the builder's own. Cisai's JSON writes every
        # field, so a missing one is damage (a KeyError, which the loader reports).
        for name, convert in typed:
            data[name] = convert(data[name])
        return cls(**data)

    _BUILDERS[cls] = build
    return build


@functools.cache  # the model's 200 fields have 27 types
def _value_builder(hint: Any) -> Build | None:
    """How to build a value of type ``hint`` from JSON; ``None``: the JSON value as it is."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        rest = [arg for arg in args if arg is not type(None)]
        if len(rest) != 1 or len(args) != 2:
            raise TypeError(f"the trusted builder reads X | None unions only: {hint}")
        inner = _value_builder(rest[0])
        return None if inner is None else functools.partial(_optional, inner)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _value_builder(args[0])
        return tuple if item is None else functools.partial(_tuple_of, item)
    if hint in _PLAIN.values():
        return None
    if hint is PartialDate:
        return _date
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {member.value: member for member in hint}.__getitem__  # cheaper than hint(value)
    if hint is Source:
        return functools.partial(_shared_source, _builder(Source))
    if isinstance(hint, type) and attrs.has(hint):
        return _builder(hint)
    raise TypeError(f"the trusted builder cannot build a {hint!r}")


def _shared_source(build: Build, value: dict[str, Any]) -> Source:
    key = tuple(value.items())  # a source's fields are JSON scalars: hashable
    found = _SOURCES.get(key)
    if found is None:
        found = _SOURCES[key] = build(value)
    return found


def _optional(inner: Build, value: Any) -> Any:
    return None if value is None else inner(value)


def _tuple_of(item: Build, value: Any) -> tuple[Any, ...]:
    return tuple(map(item, value))


def _date(text: str) -> PartialDate:
    """A date as ``to_json`` writes one: ``"2025"``, ``"2025-04"`` or ``"2025-04-18"``."""
    found = _DATES.get(text)
    if found is None:
        found = _DATES[text] = PartialDate(*[int(part) for part in text.split("-")])
    return found


@functools.cache  # the model's 200 annotations are 27 strings
def _resolve(text: str) -> Any:
    """The type an annotation string of the model names (``tuple[Source, ...] | None``).

    The model's annotations stay strings until something resolves them; resolving
    them here, from the names of :mod:`cisai._model`, costs a fraction of what
    :func:`typing.get_type_hints` costs at start-up.
    """
    text = text.strip()
    alternatives = _split(text, "|")
    if len(alternatives) > 1:
        return functools.reduce(operator.or_, [_resolve(part) for part in alternatives])
    if text.endswith("]"):
        name, _, inside = text[:-1].partition("[")
        arguments = tuple(
            Ellipsis if part.strip() == "..." else _resolve(part) for part in _split(inside, ",")
        )
        return _resolve(name)[arguments]
    if text == "None":
        return type(None)
    if text == "tuple":
        return tuple
    found = _PLAIN.get(text, getattr(model, text, None))
    if found is None:
        raise TypeError(f"the trusted builder cannot resolve the annotation {text!r}")
    return found


def _split(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside square brackets."""
    parts, depth, start = [], 0, 0
    for position, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return parts
