"""JSON Lines and CSV: one record per line or row, for SQL engines and spreadsheets.

JSON Lines: each line is one record's JSON object with a ``type`` key first
(``"instrument"``, ``"body"``, ...), so mixed streams can be split again.

CSV flattens predictably: scalar fields as text (dates as reduced ISO, enums as their
values, ``true``/``false``, empty for null); a list of plain values joined with
``"; "``; a list of objects (titles, sources, events, relations, unknowns) as compact
JSON in one cell. Instruments get a ``title`` column (the English display title) and
every record with sources a ``source_urls`` column, for reading without parsing JSON.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from cisai._arguments import kind_of, require_bool, require_ordered
from cisai._dataset import Dataset
from cisai._errors import ArgumentError
from cisai._model import RECORD_TYPES, TYPE_NAMES
from cisai._serialize import to_dict

__all__ = ["record_type", "records_of", "to_csv", "to_jsonl"]


def record_type(record: Any) -> str:
    """The snake_case type name of a record: ``Instrument`` -> ``"instrument"``."""
    return TYPE_NAMES[type(record)]


def columns_of(rows: Iterable[dict[str, Any]]) -> list[str]:
    """The columns of a table of rows: ``type`` and ``id``, then every other key, in
    first-seen order (a record type without a field leaves its cell empty)."""
    columns: dict[str, None] = {"type": None, "id": None}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def records_of(obj: Dataset | Iterable[Any]) -> list[Any]:
    """The records of a Dataset, of one record, or of an iterable of records - nothing else."""
    if isinstance(obj, Dataset):
        return list(obj)
    if isinstance(obj, RECORD_TYPES):
        return [obj]
    if not isinstance(obj, Iterable) or isinstance(obj, str | bytes | bytearray | dict):
        raise ArgumentError(f"expected a record, records or a Dataset, not {kind_of(obj)}")
    require_ordered(obj)
    records = list(obj)
    for item in records:
        if not isinstance(item, RECORD_TYPES):
            raise ArgumentError(
                f"expected records (Instrument, Body, ...), found {kind_of(item)} among them"
            )
    return records


def to_jsonl(obj: Dataset | Iterable[Any]) -> str:
    """One JSON object per line (each with its ``type``), ending with a newline."""
    lines = []
    for record in records_of(obj):
        data = {"type": record_type(record), **to_dict(record)}
        lines.append(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return "".join(line + "\n" for line in lines)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return "; ".join(_cell(v) for v in value)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def csv_row(record: Any) -> dict[str, str]:
    """One record as a flat CSV row (see the module docstring for the rules)."""
    data = to_dict(record)
    row: dict[str, str] = {"type": record_type(record), "id": data["id"]}
    if "titles" in data:
        row["title"] = data["titles"][0]["text"] if data["titles"] else ""
    for key, value in data.items():
        if key != "id":
            row[key] = _cell(value)
    if "sources" in data:
        row["source_urls"] = "; ".join(s["url"] for s in data["sources"])
    return row


def to_csv(obj: Dataset | Iterable[Any], *, bom: bool = False) -> str:
    """CSV text: a header, then one row per record (columns: the union, in first-seen order).

    ``bom=True`` starts the text with a UTF-8 byte-order mark, which spreadsheet
    programs need to read Cyrillic titles correctly from a file.
    """
    require_bool(bom, "bom")
    rows = [csv_row(r) for r in records_of(obj)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns_of(rows), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" if bom else "") + buffer.getvalue()
