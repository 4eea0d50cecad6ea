"""Records to plain JSON-ready data and back, through the one cattrs converter.

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

from cisai._converter import bulk, converter, problems_of, shared_output, structure
from cisai._dataset import Dataset
from cisai._errors import DataError, Problem, format_path
from cisai._gc import paused
from cisai._jsonio import parse_json
from cisai._model import RECORD_TYPES, Record
from cisai._version import SCHEMA_VERSION, __version__, check_schema_version

__all__ = ["from_json", "to_dict", "to_json"]

T = TypeVar("T")

_PROVENANCE = [a.name for a in attrs.fields(Record) if a.name != "id"]


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

    >>> import cisai
    >>> to_dict(cisai.get("cis-model-law-ai-2025"))["date"]
    '2025-04-18'
    """
    if isinstance(obj, Dataset):
        return dataset_document(obj)
    if attrs.has(type(obj)):
        return _record_dict(obj)
    if isinstance(obj, Iterable) and not isinstance(obj, str | bytes | dict):
        return [to_dict(item) for item in obj]
    raise TypeError(
        f"cannot serialise {type(obj).__name__}: expected a record, records or a Dataset"
    )


def to_json(obj: Any, indent: int | None = None) -> str:
    """JSON text for a record, records or a Dataset: stable key order, UTF-8 friendly."""
    separators = (",", ": ") if indent is not None else (",", ":")
    with shared_output(), paused():
        data = to_dict(obj)
        return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Typed objects back from :func:`to_json` output: a record class, or :class:`Dataset`.

    A Dataset document of another schema major raises :class:`~cisai.SchemaError`;
    an invalid document raises :class:`~cisai.DataError` with the JSON path of the
    bad field.
    """
    data = parse_json(text, "<json>")
    if cls is Dataset:
        return _dataset_from(data)  # type: ignore[return-value]
    return _structure_json(data, cls, "$")


def _structure_json(data: Any, cls: type[T], root: str) -> T:
    try:
        return structure(data, cls)
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
            for path, message in problems_of(exc)
        ]
        raise DataError(problems) from None


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
