"""Records to plain JSON-ready data and back, through the one cattrs converter.

Output is deterministic: keys in a fixed order (``id`` first, the record's own
fields, then its provenance), dates as reduced ISO strings, enums as their values,
``ensure_ascii=False`` so Russian and Belarusian titles stay readable. The same
data always gives the same bytes, so exports diff cleanly in git.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Iterable
from typing import Any, TypeVar, overload

import attrs

from cisai._arguments import kind_of, require
from cisai._checks import schema_problems
from cisai._converter import (
    bulk,
    converter,
    json_rules,
    problems_of,
    shared_output,
    structure,
)
from cisai._comparison import Comparison
from cisai._dataset import Dataset
from cisai._errors import ArgumentError, DataError, Problem, QueryError, format_path
from cisai._gc import paused
from cisai._jsonio import parse_json
from cisai._matrix import MatrixCell, MatrixEntry, _Matrix
from cisai._model import PROVENANCE_FIELDS, RECORD_TYPES
from cisai._selection import Selection
from cisai._version import SCHEMA_VERSION, __version__, check_schema_version

__all__ = ["from_json", "to_dict", "to_json"]

T = TypeVar("T")

_PROVENANCE = PROVENANCE_FIELDS


_KEY_ORDER: dict[type, tuple[str, ...]] = {}


def _key_order(cls: type) -> tuple[str, ...]:
    """``id`` first, then the record's own fields, then its provenance."""
    order = _KEY_ORDER.get(cls)
    if order is None:
        names = [a.name for a in attrs.fields(cls)]
        own = [n for n in names if n != "id" and n not in _PROVENANCE]
        tail = [n for n in _PROVENANCE if n in names]
        order = ("id", *own, *tail) if "id" in names else tuple(names)
        _KEY_ORDER[cls] = order
    return order


def _record_dict(record: Any) -> dict[str, Any]:
    raw = converter.unstructure(record)
    return {key: raw[key] for key in _key_order(type(record))}


def dataset_document(dataset: Dataset) -> dict[str, Any]:
    """The whole dataset as one JSON-ready document."""
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "data_version": dataset.data_version,
        "sources_read_until": dataset.sources_read_until,
        "generated_by": f"cisai {__version__}",
    }
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


def from_json(text: str | bytes, cls: Any = Dataset) -> Any:
    """Typed objects back from :func:`to_json` output (by default a whole :class:`Dataset`).

    ``cls`` is :class:`Dataset` (the default), a record class (``cisai.Instrument``),
    ``Selection`` (each record's type recognised by its keys) or ``Selection[T]``,
    ``list[T]`` or ``tuple[T, ...]`` of a record class. A Dataset document of another
    schema major raises :class:`~cisai.SchemaError`; an invalid document raises
    :class:`~cisai.DataError` with the JSON path of the bad field; any other ``cls``
    raises :class:`TypeError` naming what is accepted.
    """
    require(text, (str, bytes, bytearray), "text", "JSON text (str or bytes)")
    shape = _shape_of(cls)
    data = parse_json(text, "<json>")
    with json_rules():
        return _structured(data, shape)


def _structured(data: Any, shape: tuple[type | None, type | None] | None) -> Any:
    """``data`` as the Dataset, record or container of records that ``shape`` names."""
    if shape is None:
        return _dataset_from(data)
    container, item_cls = shape
    if container is None:
        assert item_cls is not None  # a record class alone always names its class
        return _structure_json(data, item_cls, "$", alone=True)
    if not isinstance(data, list):
        raise DataError(
            f"expected a JSON array of records, got {_json_kind(data)}", file="<json>", field="$"
        )
    items = _structure_items(data, item_cls)
    if container is Selection:
        from cisai._index import Index

        return Selection(items, Index(items))
    return container(items)


_ACCEPTED = (
    "cisai.Dataset, a record class such as cisai.Instrument, cisai.Selection, "
    "or Selection[T], list[T] or tuple[T, ...] of a record class"
)


def _shape_of(cls: Any) -> tuple[type | None, type | None] | None:
    """``None`` for a Dataset, else (container or None, record class or None for any)."""
    if cls is Dataset:
        return None
    if cls is Selection:
        return (Selection, None)
    if _is_record_class(cls):
        return (None, cls)
    origin, args = typing.get_origin(cls), typing.get_args(cls)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        args = args[:1]
    if origin in (list, tuple, Selection) and len(args) == 1 and _is_record_class(args[0]):
        return (origin, args[0])
    raise ArgumentError(f"cls: from_json cannot read {cls!r}; accepted: {_ACCEPTED}")


def _is_record_class(cls: Any) -> bool:
    """A record class, or a value class of the model (``Source``, ``Event``, ``Title``, ...)."""
    return isinstance(cls, type) and attrs.has(cls) and cls.__module__ == "cisai._model"


def _json_kind(data: Any) -> str:
    kinds = {dict: "an object", str: "a string", bool: "true or false", type(None): "null"}
    return kinds.get(type(data), "a number")


def _structure_items(data: list[Any], item_cls: type | None) -> list[Any]:
    """Each item of a JSON array as a record: of ``item_cls``, or recognised by its keys."""
    items: list[Any] = []
    problems: list[Problem] = []
    with bulk():
        for index, item in enumerate(data):
            try:
                cls = item_cls or _record_class_of(item, f"$[{index}]")
                items.append(_structure_json(item, cls, f"$[{index}]", alone=True))
            except DataError as exc:
                problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    return items


def _record_class_of(item: Any, where: str) -> type:
    """The record class whose fields are exactly (or, failing that, include) ``item``'s keys."""
    if not isinstance(item, dict):
        raise DataError(
            f"expected a record object, got {_json_kind(item)}", file="<json>", field=where
        )
    keys = set(item)
    exact = [c for c in RECORD_TYPES if keys == _field_names(c)]
    close = exact or [c for c in RECORD_TYPES if keys <= _field_names(c)]
    if len(close) == 1:
        return close[0]
    names = ", ".join(c.__name__ for c in close) or "none"
    raise DataError(
        f"cannot tell which record type this is (its keys fit: {names}); "
        "read it with Selection[cisai.Instrument] (or another record class)",
        file="<json>",
        record_id=item.get("id") if isinstance(item.get("id"), str) else None,
        field=where,
    )


def _field_names(cls: type) -> set[str]:
    return {a.name for a in attrs.fields(cls)}


def _structure_json(data: Any, cls: type[T], root: str, *, alone: bool = False) -> T:
    try:
        record = structure(data, cls)
        found = schema_problems(record) if alone else []
        if found:
            raise _SchemaRefusal(found)
        return record
    except Exception as exc:
        problems = [
            Problem(
                message=message,
                file="<json>",
                record_id=data.get("id")
                if isinstance(data, dict) and isinstance(data.get("id"), str)
                else None,
                field=root + ("." if path and isinstance(path[0], str) else "") + format_path(path),
            )
            for path, message in (
                exc.found if isinstance(exc, _SchemaRefusal) else problems_of(exc)
            )
        ]
        raise DataError(problems) from None


class _SchemaRefusal(Exception):
    """A record whose types are right but that the JSON Schema refuses (patterns, sources)."""

    def __init__(self, found: list[tuple[Any, str]]) -> None:
        super().__init__(found)
        self.found = found


def _dataset_from(data: Any) -> Dataset:
    if not isinstance(data, dict):
        raise DataError("a Dataset document must be a JSON object", file="<json>", field="$")
    check_schema_version(data.get("schema_version"))
    known = {"schema_version", "data_version", "sources_read_until", "generated_by"} | {
        c.collection for c in RECORD_TYPES
    }
    extra = sorted(set(data) - known, key=str)
    if extra:
        raise DataError(
            f"unknown key {extra[0]!r} in a Dataset document", file="<json>", field=f"$.{extra[0]}"
        )
    from cisai._loading import build_from_records

    records: list[Any] = []
    problems: list[Problem] = []
    with bulk():
        _structure_collections(data, records, problems)
        if problems:
            raise DataError(problems)
        data_version = data.get("data_version")
        return build_from_records(records, data_version if isinstance(data_version, str) else None)


def _structure_collections(
    data: dict[str, Any], records: list[Any], problems: list[Problem]
) -> None:
    for cls in RECORD_TYPES:
        items = data.get(cls.collection, [])
        if not isinstance(items, list):
            raise DataError(
                f"{cls.collection} must be a list", file="<json>", field=f"$.{cls.collection}"
            )
        for index, item in enumerate(items):
            try:
                records.append(_structure_json(item, cls, f"$.{cls.collection}[{index}]"))
            except DataError as exc:
                problems.extend(exc.problems)
