"""The record types as the CLI names them: collections, singular names, TYPE arguments, fields.

Everything here is derived from the public model (``cisai.RECORD_TYPES`` and the attrs
fields of the record classes), so a new record type needs no change in the CLI."""

from __future__ import annotations

import difflib
import re
from typing import Any

import attrs

import cisai
from cisai.cli._errors import UsageError

# -- record types ----------------------------------------------------------------------


COLLECTIONS: dict[str, type[Any]] = {cls.collection: cls for cls in cisai.RECORD_TYPES}
"""Collection name (as in ``Dataset.collections()``) -> record class."""


def snake_case(name: str) -> str:
    """``LifecycleStage`` -> ``lifecycle_stage``: a class name as JSON Lines' ``type``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


SINGULAR: dict[str, str] = {name: snake_case(cls.__name__) for name, cls in COLLECTIONS.items()}
"""Collection name -> the singular type name used in JSON Lines (``"instrument"``)."""


def _type_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for name, singular in SINGULAR.items():
        for alias in (name, singular):
            aliases[alias] = name
            aliases[alias.replace("_", "-")] = name
    return aliases


_TYPE_ALIASES = _type_aliases()


def resolve_type(value: str) -> str:
    """The collection name for a TYPE argument (plural or singular, ``-`` or ``_``)."""
    key = value.strip().lower()
    name = _TYPE_ALIASES.get(key) or _TYPE_ALIASES.get(key.replace("-", "_"))
    if name is None:
        close = difflib.get_close_matches(key, list(_TYPE_ALIASES), n=1, cutoff=0.6)
        hint = f"did you mean {_TYPE_ALIASES[close[0]]!r}? " if close else ""
        raise UsageError(f"unknown record type {value!r}; {hint}types: {', '.join(COLLECTIONS)}")
    return name


def _provenance() -> tuple[str, ...]:
    """The provenance fields, in their order: those of the attrs base class the record
    types share (how we know a record, and when it entered the data), but its id.

    Read from the model, so every card and every field list shows the same provenance
    and a new provenance field needs no change here.
    """
    bases = {base for cls in cisai.RECORD_TYPES for base in cls.__mro__[1:] if attrs.has(base)}
    names: list[str] = []
    for base in sorted(bases, key=lambda base: base.__qualname__):
        names += [a.name for a in attrs.fields(base) if a.name != "id" and a.name not in names]
    return tuple(names)


PROVENANCE: tuple[str, ...] = _provenance()
"""``attestation``, ``confidence``, ``sources``, ... ``override``: how we know a record."""


def field_names(cls: type[Any]) -> list[str]:
    """A record class's fields in serialisation order: id, its own fields, provenance."""
    names = [a.name for a in attrs.fields(cls)]
    own = [n for n in names if n != "id" and n not in PROVENANCE]
    tail = [n for n in PROVENANCE if n in names]
    return ["id", *own, *tail]
