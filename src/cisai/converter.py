"""The one cattrs converter that turns plain data into records and back.

The loader (YAML) and ``from_json`` (JSON) both go through :data:`converter`, so the
two can never accept different things. It is strict where cattrs is lenient by
default: unknown keys are errors, a string is never taken for a list, ``str(None)``
never becomes a title, and an enum value that is not in the vocabulary names the
accepted ones. :func:`problems_of` flattens a cattrs error into ``(path, message)``
pairs that the loader turns into file:line messages.
"""

from __future__ import annotations

import datetime as _dt
import enum
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from cisai.dates import PartialDate
from cisai.errors import QueryError, suggest

__all__ = ["converter", "problems_of", "structure"]

Path = tuple[str | int, ...]

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


def _structure_str(value: Any, _: type) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # e.g. an unquoted decree number: lossless
    raise TypeError(f"expected a string, got {_type_name(value)}")


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise TypeError(f"expected a whole number, got {_type_name(value)}")


def _structure_bool(value: Any, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected true or false, got {_type_name(value)}")


def _structure_date(value: Any, _: type) -> PartialDate:
    if isinstance(value, _dt.datetime) and value.time() != _dt.time(0):
        raise ValueError(f"a date was expected, not a date and time: {value.isoformat(' ')}")
    if isinstance(value, bool | float) or not isinstance(value, str | int | _dt.date | PartialDate):
        raise TypeError(
            f"expected a date such as '2025', '2025-07' or '2025-07-11', got {_type_name(value)}"
        )
    try:
        return PartialDate.parse(value)
    except QueryError as exc:
        raise ValueError(str(exc)) from None


converter.register_structure_hook(str, _structure_str)
converter.register_structure_hook(int, _structure_int)
converter.register_structure_hook(bool, _structure_bool)
converter.register_structure_hook(PartialDate, _structure_date)
converter.register_unstructure_hook(PartialDate, PartialDate.isoformat)


def _is_enum(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, enum.Enum)


def _enum_hook(cls: type[enum.Enum]) -> Callable[[Any, type], enum.Enum]:
    by_value = {member.value: member for member in cls}

    def structure_enum(value: Any, _: type) -> enum.Enum:
        if isinstance(value, cls):
            return value
        if isinstance(value, str) and value in by_value:
            return by_value[value]
        raise ValueError(
            f"{value!r} is not a valid {cls.__name__}; " + suggest(str(value), by_value)
        )

    return structure_enum


converter.register_structure_hook_factory(_is_enum, _enum_hook)


def _is_var_tuple(cls: Any) -> bool:
    args = typing.get_args(cls)
    return typing.get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(cls: Any) -> Callable[[Any, type], tuple[Any, ...]]:
    item_type = typing.get_args(cls)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure_tuple(value: Any, _: type) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, got {_type_name(value)}")
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as exc:
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring item @ index {index}", index, item_type),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
        return tuple(items)

    return structure_tuple


converter.register_structure_hook_factory(_is_var_tuple, _tuple_hook)


def _unstructure_tuple(value: tuple[Any, ...]) -> list[Any]:
    return [converter.unstructure(v) for v in value]


converter.register_unstructure_hook_func(lambda cls: _is_var_tuple(cls), _unstructure_tuple)


def _record_hook(cls: type) -> Callable[[Any, type], Any]:
    """cattrs' generated function for an attrs class, refusing anything but a mapping."""
    generated: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True
    )

    def structure_record(value: Any, _: type) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected a mapping, got {_type_name(value)}")
        return generated(value, cls)

    return structure_record


converter.register_structure_hook_factory(
    lambda cls: attrs.has(cls) and cls is not PartialDate, _record_hook
)

T = typing.TypeVar("T")


def structure(data: Any, cls: type[T]) -> T:
    """Structure ``data`` into ``cls`` (cattrs errors pass through: see :func:`problems_of`)."""
    return converter.structure(data, cls)


def _message(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return "unknown field"
    text = str(exc) if not isinstance(exc, cattrs.errors.BaseValidationError) else exc.message
    return text or type(exc).__name__


def problems_of(exc: BaseException, path: Path = ()) -> list[tuple[Path, str]]:
    """Flatten a cattrs structuring error into ``(path, message)`` pairs."""
    found: list[tuple[Path, str]] = []
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
    if isinstance(exc, KeyError) and exc.args:
        # cattrs reports a missing required field as KeyError(field name).
        return [((*path,), "required field missing")]
    return [(path, _message(exc))]
