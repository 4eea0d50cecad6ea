"""A pandas DataFrame of records: the CSV's flat table, with date intervals added.

pandas is optional (``pip install "cisai[pandas]"``) and imported only here, on use.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cisai._dataset import Dataset
from cisai._tabular import columns_of, csv_row, records_of

__all__ = ["to_frame"]

_DATE_FIELDS = ("date",)


def _pandas() -> Any:
    import importlib

    try:
        pandas = importlib.import_module("pandas")  # optional: no stubs needed
    except ImportError:
        raise ImportError(
            "cisai.to_frame needs pandas, which cisai does not install by itself; "
            'install it with: pip install "cisai[pandas]"'
        ) from None
    return pandas


def _row(record: Any) -> dict[str, Any]:
    """The CSV row, with empty cells as missing values and each date's start and end."""
    row: dict[str, Any] = {k: (v if v != "" else None) for k, v in csv_row(record).items()}
    for field in _DATE_FIELDS:
        if field in row:
            value = getattr(record, field, None)
            row[f"{field}_start"] = value.start if value is not None else None
            row[f"{field}_end"] = value.end if value is not None else None
    return row


def to_frame(obj: Dataset | Iterable[Any]) -> Any:
    """A ``pandas.DataFrame`` with one row per record, the columns of :func:`cisai.to_csv`.

    Dates stay strings of their own precision (``"2025"``, ``"2025-07"``,
    ``"2025-07-11"``), and each gets ``<field>_start`` and ``<field>_end`` columns
    (``datetime64``): the first and last day it may be. Empty cells are missing values.
    """
    pandas = _pandas()
    rows = [_row(record) for record in records_of(obj)]
    frame = pandas.DataFrame(rows, columns=columns_of(rows))
    for field in _DATE_FIELDS:
        for edge in ("start", "end"):
            name = f"{field}_{edge}"
            if name in frame:
                frame[name] = pandas.to_datetime(frame[name])
    return frame
