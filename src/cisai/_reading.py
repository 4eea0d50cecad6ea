"""Reading Dataset documents, records and lists of records back from JSON: ``from_json``.

It sits with the loader: a whole Dataset document is built by the loader's
:func:`~cisai._loading.build_from_records`, with the document keys the loader knows
(:data:`~cisai._version.DOCUMENT_KEYS`), so the two readers of Dataset documents
accept the same documents. The output modules (``_serialize`` and the others) only write.
"""

from __future__ import annotations

import typing
from typing import Any, TypeVar

import attrs

from cisai._arguments import require
from cisai._checks import schema_problems
from cisai._converter import bulk, json_rules, problems_of, structure
from cisai._dataset import Dataset
from cisai._errors import ArgumentError, format_path
from cisai._index import Index
from cisai._jsonio import parse_json
from cisai._loading import build_from_records
from cisai._model import RECORD_TYPES
from cisai._problems import DataError, Problem
from cisai._selection import Selection
from cisai._version import DOCUMENT_KEYS, check_schema_version

__all__ = ["from_json"]

T = TypeVar("T")


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
    known = {*DOCUMENT_KEYS, *(c.collection for c in RECORD_TYPES)}
    extra = sorted(set(data) - known, key=str)
    if extra:
        raise DataError(
            f"unknown key {extra[0]!r} in a Dataset document", file="<json>", field=f"$.{extra[0]}"
        )
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
