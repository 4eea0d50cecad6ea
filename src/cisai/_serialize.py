"""Records to plain JSON-ready data and JSON text, through the one cattrs converter.

Output only: reading JSON back (``from_json``) is :mod:`cisai._reading`, in the loading layer.

Output is deterministic: keys in a fixed order (``id`` first, the record's own
fields, then its provenance), dates as reduced ISO strings, enums as their values,
``ensure_ascii=False`` so Russian and Belarusian titles stay readable. The same
data always gives the same bytes, so exports diff cleanly in git.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TypeVar, overload

import attrs

from cisai._arguments import kind_of, require, require_ordered
from cisai._comparison import Comparison
from cisai._converter import (
    converter,
    shared_output,
)
from cisai._dataset import Dataset
from cisai._errors import ArgumentError, QueryError
from cisai._gc import paused
from cisai._matrix import MatrixCell, MatrixEntry, _Matrix
from cisai._model import field_order
from cisai._version import DOCUMENT_KEYS, SCHEMA_VERSION, __version__

__all__ = ["to_dict", "to_json"]

T = TypeVar("T")


def _record_dict(record: Any) -> dict[str, Any]:
    raw = converter.unstructure(record)
    return {key: raw[key] for key in field_order(type(record))}


def dataset_document(dataset: Dataset) -> dict[str, Any]:
    """The whole dataset as one JSON-ready document."""
    header = (
        SCHEMA_VERSION,
        dataset.data_version,
        dataset.sources_read_until,
        f"cisai {__version__}",
    )
    document: dict[str, Any] = dict(zip(DOCUMENT_KEYS, header, strict=True))
    for name, selection in dataset.collections().items():
        document[name] = [_record_dict(r) for r in selection]
    return document


@overload
def to_dict(obj: Dataset) -> dict[str, Any]: ...
@overload
def to_dict(obj: Iterable[Any]) -> list[Any]: ...
@overload
def to_dict(obj: Any) -> dict[str, Any]: ...


def to_dict(obj: Any) -> dict[str, Any] | list[Any]:
    """Plain, JSON-ready data for a record, a Selection or list of records, or a Dataset.

    A comparison or a matrix (and their rows and cells) gives its own ``to_dict()``, so
    ``cisai.to_dict(result)`` and ``result.to_dict()`` are one shape.

    >>> import cisai
    >>> to_dict(cisai.get("cis-model-law-ai-2025"))["date"]
    '2025-04-18'
    """
    if isinstance(obj, Dataset):
        return dataset_document(obj)
    if _is_model(type(obj)):
        return _record_dict(obj)
    if isinstance(obj, _RESULTS):
        result: dict[str, Any] = obj.to_dict()
        return result
    if isinstance(obj, Iterable) and not isinstance(obj, str | bytes | bytearray | dict):
        require_ordered(obj)
        return [to_dict(item) for item in obj]
    raise ArgumentError(f"cannot serialise {kind_of(obj)}: expected a record, records or a Dataset")


_RESULTS = (Comparison, _Matrix, MatrixEntry, MatrixCell)
"""The results that know their own JSON shape (``to_dict()``)."""


def _is_model(cls: type) -> bool:
    """A record class, or a value class inside records (Title, Event, Source, ...)."""
    return attrs.has(cls) and cls.__module__ == "cisai._model"


def to_json(obj: Any, indent: int | None = None) -> str:
    """JSON text for a record, records or a Dataset: stable key order, UTF-8 friendly."""
    if indent is not None:
        require(indent, int, "indent", "a number of spaces (an int from 0 to 16) or None")
        if not 0 <= indent <= 16:
            raise QueryError(f"indent: expected a number of spaces from 0 to 16, not {indent}")
    separators = (",", ": ") if indent is not None else (",", ":")
    with shared_output(), paused():
        data = to_dict(obj)
        return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
