"""The one cattrs converter that turns plain data into records and back.

The loader (YAML) and ``from_json`` (JSON) both go through :data:`converter`, so the
two can never accept different things. It is strict where cattrs is lenient by
default: unknown keys are errors, a string is never taken for a list, ``str(None)``
never becomes a title, and an enum value that is not in the vocabulary names the
accepted ones. :func:`problems_of` flattens a cattrs error into ``(path, message)``
pairs that the loader turns into file:line messages.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import enum
import operator
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from cisai._dates import PartialDate, parse_text
from cisai._errors import QueryError, suggest
from cisai._gc import paused
from cisai._model import Source

__all__ = [
    "bulk",
    "converter",
    "json_rules",
    "problems_of",
    "shared_output",
    "structure",
]

FieldPath = tuple[str | int, ...]
"""Where a value sits in a record: the keys and list indexes from the record down to it."""

converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    for kind, name in (
        (bool, "a boolean"),
        (int | float, "a number"),
        (str, "a string"),
        (list | tuple, "a list"),
        (dict, "a mapping"),
        (_dt.datetime, "a date and time"),
        (_dt.date, "a date"),
    ):
        if isinstance(value, kind):
            return name
    return type(value).__name__


_SHORT = 40
"""Strings up to this length (ids, codes, versions, languages) are interned: they repeat."""
_intern = sys.intern


_json: ContextVar[bool] = ContextVar("cisai_json_rules", default=False)


@contextlib.contextmanager
def json_rules(enabled: bool = True) -> Iterator[None]:
    """Within the block, data is held to the shipped JSON Schema: text fields take only
    JSON strings, and dates only reduced ISO 8601 strings (the schema's pattern)."""
    token = _json.set(enabled)
    try:
        yield
    finally:
        _json.reset(token)


_QUOTE = "quote the value to keep it as text"


def _encodable(value: str) -> str:
    """``value``, if it can be written as UTF-8; a lone surrogate (``\\ud800``) cannot."""
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            code = ord(value[exc.start])
            raise ValueError(
                f"text holds a lone surrogate (U+{code:04X}) at character {exc.start}, "
                "which no output can write: use the character itself, or a valid pair"
            ) from None
    return value


def _structure_str(value: Any, _: type) -> str:
    if value.__class__ is str:
        if value.isascii():  # the common case, first: ASCII always encodes
            return _intern(value) if len(value) <= _SHORT else value
        return _intern(_encodable(value)) if len(value) <= _SHORT else _encodable(value)
    if isinstance(value, str):
        return _encodable(str(value))
    text = getattr(value, "text", None)
    if isinstance(text, str):
        return text  # an unquoted YAML number or date: the author's text, exactly as written
    if isinstance(value, bool):
        raise TypeError(
            f"expected a string, got a boolean (YAML reads unquoted yes, no, on, off, true "
            f"and false as booleans): {_QUOTE}"
        )
    if isinstance(value, int) and not _json.get():
        return str(value)  # a number built in Python: lossless
    raise TypeError(f"expected a string, got {_type_name(value)}")


_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)", re.ASCII)


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        text = getattr(value, "text", None)
        if isinstance(text, str) and not _DECIMAL.fullmatch(text.replace("_", "")):
            raise ValueError(
                f"{text!r} is read by YAML as {int(value)}: write the number in decimal digits"
            )
        return int(value)
    raise TypeError(f"expected a whole number, got {_type_name(value)}")


def _structure_bool(value: Any, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected true or false, got {_type_name(value)}")


def _structure_date(value: Any, _: type) -> PartialDate:
    """A date; within :func:`bulk`, one object per distinct text (a dataset repeats its
    dates: sharing them keeps a fifth of a load's memory, see docs/performance.md)."""
    table = _shared.get()
    if table is None or value.__class__ is not str:
        return _parse_date(value)
    key = (PartialDate, _json.get(), value)
    found: PartialDate | None = table.get(key)
    if found is None:
        found = table[key] = _parse_date(value)
    return found


def _structure_optional_str(value: Any, cls: type) -> str | None:
    return None if value is None else _structure_str(value, cls)


def _structure_optional_date(value: Any, cls: type) -> PartialDate | None:
    return None if value is None else _structure_date(value, cls)


def _parse_date(value: Any) -> PartialDate:
    """The one date rule of :mod:`cisai._dates`, applied to data: YAML text as written."""
    json_only = _json.get()
    if isinstance(value, _dt.datetime) and value.time() != _dt.time(0):
        raise ValueError(f"a date was expected, not a date and time: {value.isoformat(' ')}")
    text = getattr(value, "text", None)
    if isinstance(text, str):
        value = text  # an unquoted YAML date or number: the rule applies to what was written
    if not isinstance(value, str) and (json_only or not isinstance(value, _dt.date)):
        raise TypeError(
            f"expected a date such as '2025', '2025-07' or '2025-07-11', got {_type_name(value)}"
        )
    try:
        if isinstance(value, str):
            return parse_text(value, iso_only=json_only)
        return PartialDate.parse(value)
    except QueryError as exc:
        raise ValueError(str(exc)) from None


converter.register_structure_hook(str, _structure_str)
converter.register_structure_hook(int, _structure_int)
converter.register_structure_hook(bool, _structure_bool)
converter.register_structure_hook(PartialDate, _structure_date)
converter.register_structure_hook(str | None, _structure_optional_str)
converter.register_structure_hook(PartialDate | None, _structure_optional_date)
converter.register_unstructure_hook(PartialDate, PartialDate.isoformat)


def _is_enum(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, enum.Enum)


class _NotAMember(ValueError):
    """A value that is none of an enumeration's members.

    Its "did you mean" is phrased when the message is read, not when it is raised: a
    failed fast pass raises errors only to throw them away, and phrasing a suggestion
    costs more than structuring the whole record.
    """

    def __init__(self, value: Any, cls: type[enum.Enum], accepted: Iterable[str]) -> None:
        super().__init__(value)
        self.value, self.cls, self.accepted = value, cls, accepted

    def __str__(self) -> str:
        return f"{self.value!r} is not a valid {self.cls.__name__}; " + suggest(
            str(self.value), self.accepted
        )


def _enum_hook(cls: type[enum.Enum]) -> Callable[[Any, type], enum.Enum]:
    by_value = {member.value: member for member in cls}

    def structure_enum(value: Any, _: type) -> enum.Enum:
        if value.__class__ is str:
            member = by_value.get(value)
            if member is not None:
                return member
        elif isinstance(value, cls):
            return value
        raise _NotAMember(value, cls, by_value)

    return structure_enum


converter.register_structure_hook_factory(_is_enum, _enum_hook)


def _is_optional(cls: Any) -> bool:
    """``X | None`` for one type X."""
    args = typing.get_args(cls)
    return (
        typing.get_origin(cls) in (typing.Union, types.UnionType)
        and len(args) == 2
        and args[1] is type(None)
    )


def _is_optional_enum(cls: Any) -> bool:
    return _is_optional(cls) and _is_enum(typing.get_args(cls)[0])


def _optional_enum_hook(cls: Any) -> Callable[[Any, type], Any]:
    hook = _enum_hook(typing.get_args(cls)[0])
    return lambda value, _: None if value is None else hook(value, cls)


converter.register_structure_hook_factory(_is_optional_enum, _optional_enum_hook)


def _is_var_tuple(cls: Any) -> bool:
    args = typing.get_args(cls)
    return typing.get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


_TUPLE_MARKERS = {Source: object(), str: object()}
"""The tuples shared within :func:`bulk`, by item type: a key starts with the marker."""


def _tuple_hook(cls: Any) -> Callable[[Any, type], tuple[Any, ...]]:
    item_type = typing.get_args(cls)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure_tuple(value: Any, _: type) -> tuple[Any, ...]:
        if value.__class__ is not list and not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, got {_type_name(value)}")
        if not value:
            return ()
        try:  # the common case, fast; on any failure, redo item by item to name each one
            items = tuple([item_hook(item, item_type) for item in value])
        except Exception:
            _raise_item_errors(value)
        table = _shared.get() if share else None
        if table is None:
            return items
        # Sources are shared already, so a tuple of them is known by their identities
        # (cheaper than hashing each source); the stored tuple keeps them alive. The key
        # starts with its item type's marker, not ``cls``: hashing a generic alias is slow.
        key = (marker, *map(id, items)) if by_identity else (marker, *items)
        return table.setdefault(key, items)  # type: ignore[no-any-return]

    def _raise_item_errors(value: Any) -> typing.NoReturn:
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                item_hook(item, item_type)
            except Exception as exc:
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring item @ index {index}", index, item_type),
                ]
                errors.append(exc)
        raise IterableValidationError(f"While structuring {cls!r}", errors, cls)

    share = item_type in _TUPLE_MARKERS
    by_identity = item_type is Source
    marker = _TUPLE_MARKERS.get(item_type)
    return structure_tuple


converter.register_structure_hook_factory(_is_var_tuple, _tuple_hook)


def _unstructure_tuple_hook(cls: Any) -> Callable[[tuple[Any, ...]], list[Any]]:
    """Tuples become lists, each item through the hook of the declared item type."""
    item_type = typing.get_args(cls)[0]
    if item_type is str:
        return list
    item_hook = converter.get_unstructure_hook(item_type)
    return lambda value: [item_hook(v) for v in value]


converter.register_unstructure_hook_factory(_is_var_tuple, _unstructure_tuple_hook)


def _unstructure_enum_hook(cls: type[enum.Enum]) -> Callable[[enum.Enum], Any]:
    return operator.attrgetter("_value_")  # the member's value, without the property


def _unstructure_optional_hook(cls: Any) -> Callable[[Any], Any]:
    inner_type = typing.get_args(cls)[0]
    if inner_type in (str, int, bool):
        return _identity
    inner = converter.get_unstructure_hook(inner_type)
    return lambda value: None if value is None else inner(value)


def _identity(value: Any) -> Any:
    return value


converter.register_unstructure_hook_factory(_is_enum, _unstructure_enum_hook)

_memo: ContextVar[dict[int, Any] | None] = ContextVar("cisai_unstructure_memo", default=None)


@contextlib.contextmanager
def shared_output() -> Iterator[None]:
    """Within the block, a source cited many times is turned into plain data once.

    The plain data is then shared between the records citing it, so the block is for
    output that is written out at once (``to_json``), never handed to a caller who
    might change one copy and so all of them.
    """
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _unstructure_source_hook(cls: Any) -> Callable[[Any], Any]:
    generated = make_dict_unstructure_fn(cls, converter)

    def unstructure_source(value: Any) -> Any:
        memo = _memo.get()
        if memo is None:
            return generated(value)
        key = id(value)
        found = memo.get(key)
        if found is None:
            found = memo[key] = generated(value)
        return found

    return unstructure_source


converter.register_unstructure_hook_factory(lambda cls: cls is Source, _unstructure_source_hook)
converter.register_unstructure_hook_factory(_is_optional, _unstructure_optional_hook)


_shared: ContextVar[dict[Any, Any] | None] = ContextVar("cisai_shared", default=None)

_catalogue: ContextVar[Mapping[str, Source] | None] = ContextVar("cisai_catalogue", default=None)


@contextlib.contextmanager
def catalogued(sources: Mapping[str, Source]) -> Iterator[None]:
    """Within the block, a source may be written as a key of ``sources`` (a catalogue id
    or URL): it becomes that (checked) source. Any other string is refused as before, so
    that the loader can fall back to naming each unknown reference where it stands."""
    token = _catalogue.set(sources)
    try:
        yield
    finally:
        _catalogue.reset(token)


_first_try: ContextVar[bool] = ContextVar("cisai_first_try", default=False)


@contextlib.contextmanager
def first_try(enabled: bool = True) -> Iterator[None]:
    """Within the block, a record that fails to structure raises its first error at once.

    Outside it, a failure is structured a second time to name every field's problem. A
    caller that redoes every failure its own way (the loader, which then also names each
    unknown source reference) would only pay that second pass twice over.
    """
    token = _first_try.set(enabled)
    try:
        yield
    finally:
        _first_try.reset(token)


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """Structure many records at once: share equal values, and pause the cyclic GC.

    Within the block, equal sources and equal tuples of sources or strings become one
    object - a dataset cites the same sources over and over, and sharing them saves
    most of the memory they would take (the table lives as long as the block). The
    cyclic garbage collector is paused meanwhile: records hold no cycles, and
    collecting while a hundred thousand are being created only costs time.
    """
    token = _shared.set({})
    try:
        with paused():
            yield
    finally:
        _shared.reset(token)


def _shared_value(key: Any, make: Callable[[], Any]) -> Any:
    table = _shared.get()
    if table is None:
        return make()
    try:
        found = table.get(key)
    except TypeError:  # an unhashable part: nothing to share
        return make()
    if found is None:
        found = table[key] = make()
    return found


def _record_hook(cls: type) -> Callable[[Any, type], Any]:
    """cattrs' generated function for an attrs class, refusing anything but a mapping."""
    fast: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=False
    )
    detailed: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True
    )

    def structure_record(value: Any, _: type) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected a mapping, got {_type_name(value)}")
        try:  # the common case, fast; on any failure, redo with every problem named
            return fast(value, cls)
        except Exception:
            if _first_try.get():
                raise  # the caller redoes it in detail
            return detailed(value, cls)  # raises the error with every field's problem

    if cls is Source:

        def structure_source(value: Any, _: type) -> Any:
            if value.__class__ is Source:
                return value  # from the loader's source catalogue, already checked
            if value.__class__ is str:
                found = (_catalogue.get() or {}).get(value)
                return found if found is not None else structure_record(value, cls)
            if not isinstance(value, dict) or _shared.get() is None:
                return structure_record(value, cls)
            return _shared_value((Source, *value.items()), lambda: structure_record(value, cls))

        return structure_source
    return structure_record


converter.register_structure_hook_factory(
    lambda cls: attrs.has(cls) and cls is not PartialDate, _record_hook
)

T = typing.TypeVar("T")


def structure(data: Any, cls: type[T]) -> T:
    """Structure ``data`` into ``cls`` (cattrs errors pass through: see :func:`problems_of`)."""
    return converter.structure(data, cls)


def _message(exc: BaseException) -> str:
    """The message of one structuring error that is not a group of others."""
    text = str(exc) if not isinstance(exc, cattrs.errors.BaseValidationError) else exc.message
    return text or type(exc).__name__


def problems_of(exc: BaseException, path: FieldPath = ()) -> list[tuple[FieldPath, str]]:
    """Flatten a cattrs structuring error into ``(path, message)`` pairs."""
    found: list[tuple[FieldPath, str]] = []
    if isinstance(exc, ForbiddenExtraKeysError):
        allowed = sorted(a.name for a in attrs.fields(exc.cl)) if attrs.has(exc.cl) else []
        for key in sorted(exc.extra_fields, key=str):
            hint = "; " + suggest(str(key), allowed) if allowed else ""
            found.append(((*path, key), f"unknown field{hint}"))
        return found
    if isinstance(exc, IterableValidationError | ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            step: str | int = note.index if isinstance(note, IterableValidationNote) else note.name
            found.extend(problems_of(sub, (*path, step)))
        for sub in without:
            found.extend(problems_of(sub, path))
        return found
    if isinstance(exc, KeyError):
        # cattrs reports a missing required field as KeyError(field name).
        return [(path, "required field missing")]
    return [(path, _message(exc))]
