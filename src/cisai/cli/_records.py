"""The record types as the CLI names them: collections, singular names, TYPE arguments, fields.

Everything here is derived from the public model (``cisai.RECORD_TYPES`` and the attrs
fields of the record classes), so a new record type needs no change in the CLI."""

from __future__ import annotations

import difflib
from typing import Any

import cisai
from cisai.cli._errors import UsageError

# -- record types ----------------------------------------------------------------------


COLLECTIONS: dict[str, type[Any]] = {cls.collection: cls for cls in cisai.RECORD_TYPES}
"""Collection name (as in ``Dataset.collections()``) -> record class."""


SINGULAR: dict[str, str] = {cls.collection: cisai.TYPE_NAMES[cls] for cls in cisai.RECORD_TYPES}
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
