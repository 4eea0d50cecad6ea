"""Checking the types of public arguments, so a wrong one is a cisai error that names it.

Python would otherwise answer a wrong type with whatever the code underneath happens
to raise (``AttributeError``, ``KeyError``, an unhashable ``TypeError``) - or worse,
with an empty answer. :class:`~cisai.ArgumentError` is both a ``QueryError`` and a
``TypeError``.
"""

from __future__ import annotations

from typing import Any

from cisai._errors import ArgumentError

__all__ = ["kind_of", "require", "require_bool", "require_ordered", "require_text"]


def require_ordered(value: Any) -> None:
    """Raise :class:`ArgumentError` for a set: the outputs are repeatable byte for byte,
    and a set's order changes from run to run (with ``PYTHONHASHSEED``)."""
    if isinstance(value, set | frozenset):  # a dict's keys view keeps its order: accepted
        raise ArgumentError(
            f"a {type(value).__name__} has no order, so the output would differ from run to run; "
            "give a list, a tuple or a Selection (e.g. sorted(records, key=lambda r: r.id))"
        )


def kind_of(value: Any) -> str:
    """What a value is, for a message: ``"None"``, ``"int 3"``, ``"dict"``."""
    if value is None:
        return "None"
    name = type(value).__name__
    if isinstance(value, bool | int | float):
        return f"{name} {value!r}"
    if isinstance(value, str | bytes):
        shown = repr(value)
        return f"{name} {shown if len(shown) <= 40 else shown[:37] + '...'}"
    return name


def require(value: Any, types: type | tuple[type, ...], name: str, accepted: str) -> None:
    """Raise :class:`ArgumentError` unless ``value`` is one of ``types`` (never a bool
    where a number is asked)."""
    wanted = types if isinstance(types, tuple) else (types,)
    if isinstance(value, bool) and bool not in wanted:
        raise ArgumentError(f"{name}: expected {accepted}, not {kind_of(value)}")
    if not isinstance(value, wanted):
        raise ArgumentError(f"{name}: expected {accepted}, not {kind_of(value)}")


def require_bool(value: Any, name: str) -> None:
    require(value, bool, name, "True or False")


def require_text(value: Any, name: str, accepted: str = "a string") -> str:
    require(value, str, name, accepted)
    text: str = value
    return text
