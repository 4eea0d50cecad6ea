"""The JSON Schema (draft 2020-12) of the Dataset document, derived from the attrs classes.

It is generated from the same classes the data is structured into, so it cannot
drift from them; the copy shipped in the package (``cisai/schema/dataset.schema.json``)
is checked against this code by the test suite.
"""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

import attrs

from cisai._dates import ISO_PATTERN, PartialDate
from cisai._ids import FIELD_PATTERNS
from cisai._model import RECORD_TYPES
from cisai._version import DOCUMENT_KEYS, SCHEMA_VERSION

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = f"https://cisai.readthedocs.io/schema/{SCHEMA_VERSION}/dataset.schema.json"
"""The ``$id`` of the schema: names the schema version it describes."""

_PATTERNS: dict[str, dict[str, Any]] = {
    name: {"type": "string", "pattern": f"^{pattern.pattern}$"}
    for name, pattern in FIELD_PATTERNS.items()
}
"""Fields whose strings follow a pattern (by field name, wherever they appear)."""
_VERSION = _PATTERNS["added_in"]


def _doc(cls: type) -> str:
    return (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")


# The schemas of the scalar field types (copied on use: callers add keys to them).
_SCALARS: dict[Any, dict[str, str]] = {
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    PartialDate: {"$ref": "#/$defs/PartialDate"},
}


def _schema_of(tp: Any, defs: dict[str, Any], field: str | None = None) -> dict[str, Any]:
    """The schema of a field's type, adding the enums and classes it names to ``defs``.

    ``field`` is the field's name, so that ids, versions, codes and URLs get their
    pattern wherever they appear, also inside optional and list types.
    """
    if field in _PATTERNS and tp is str:
        return dict(_PATTERNS[field])
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = [_schema_of(a, defs, field) for a in options]
        return {"anyOf": [*inner, {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _schema_of(typing.get_args(tp)[0], defs, field)}
    if tp in _SCALARS:
        return dict(_SCALARS[tp])
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_ref(tp, defs)
    if attrs.has(tp):
        _define(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - a new field type


def _enum_ref(tp: type[enum.Enum], defs: dict[str, Any]) -> dict[str, Any]:
    """A reference to an enum's definition, defined once in ``defs`` with its values, so
    that every field of that enum shares one list of accepted values."""
    name = tp.__name__
    if name not in defs:
        defs[name] = {
            "description": _doc(tp),
            "type": "string",
            "enum": [m.value for m in tp],
        }
    return {"$ref": f"#/$defs/{name}"}


def _define(cls: type, defs: dict[str, Any]) -> None:
    name = cls.__name__
    if name in defs:
        return
    defs[name] = {}  # reserve first: records refer to each other
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for attribute in attrs.fields(cls):
        properties[attribute.name] = _schema_of(hints[attribute.name], defs, attribute.name)
        if "description" in attribute.metadata:  # a field whose meaning readers must not miss
            properties[attribute.name] = {
                "description": attribute.metadata["description"],
                **properties[attribute.name],
            }
        if attribute.default is attrs.NOTHING:
            required.append(attribute.name)
    if "sources" in properties and "sources" in required:
        properties["sources"]["minItems"] = 1
    defs[name] = {
        "description": _doc(cls),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _document_properties() -> dict[str, Any]:
    """The Dataset document's own keys (its versions and provenance), before the records."""
    described = {
        "schema_version": {
            "description": "The version of this JSON shape, MAJOR.MINOR (this schema: MAJOR "
            + SCHEMA_VERSION.split(".")[0]
            + ").",
            "type": "string",
            "pattern": "^" + SCHEMA_VERSION.split(".")[0] + r"\.[0-9]+$",
        },
        "data_version": {
            "description": "The dataset release (CalVer); null for user data alone.",
            "anyOf": [_VERSION, {"type": "null"}],
        },
        "sources_read_until": {
            "description": "The day up to which the bundled data's sources were read (later "
            "events are not in this release); null for user data alone.",
            "anyOf": [
                {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                {"type": "null"},
            ],
        },
        "generated_by": {"description": "The program that wrote the document.", "type": "string"},
    }
    return {key: described[key] for key in DOCUMENT_KEYS}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the Dataset document that ``to_json`` writes.

    >>> schema = json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> sorted(schema["$defs"]["Instrument"]["required"])[:3]
    ['added_in', 'attestation', 'confidence']
    """
    defs: dict[str, Any] = {
        "PartialDate": {
            "description": "A date known to the year, the month or the day (reduced ISO 8601).",
            "type": "string",
            "pattern": ISO_PATTERN,
        }
    }
    properties = _document_properties()
    for cls in RECORD_TYPES:
        properties[cls.collection] = {"type": "array", "items": _schema_of(cls, defs)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "cisai Dataset document",
        "description": (
            "Typed, sourced data about AI law in the CIS, as written by cisai.to_json(dataset). "
            f"Schema version {SCHEMA_VERSION}."
        ),
        "$comment": f"cisai JSON schema version {SCHEMA_VERSION}",
        "type": "object",
        "properties": properties,
        "required": ["schema_version", "data_version", *(c.collection for c in RECORD_TYPES)],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }
