"""Aligned text tables fitting the terminal: cell texts, column widths, wrapping."""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Sequence
from typing import IO, Any

import cisai
from cisai.cli._errors import UsageError
from cisai.cli._records import COLLECTIONS


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, cisai.Locator):
        return locator_text(value)
    return str(value)


def locator_text(locator: cisai.Locator) -> str:
    """``Art. 7 (per example.org, low confidence)``: the place, who says so, how surely."""
    host = locator.source.url.split("/")[2] if "//" in locator.source.url else locator.source.url
    return f"{locator.text} (per {host}, {locator.confidence.value} confidence)"


def clip(text: str, width: int) -> str:
    text = one_line(text)
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    return text[: width - 1].rstrip() + "…"


# -- list ----------------------------------------------------------------------------

# Columns of the table per collection, in order. Vocabulary and date columns are never
# cut; the text column (title, name, gist) gets the room, ids and references what is left.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "instruments": ("date", "jurisdiction", "kind", "status", "id", "title"),
    "topics": ("id", "parent", "label"),
    "jurisdictions": ("code", "kind", "id", "name"),
    "bodies": ("jurisdiction", "kind", "id", "name"),
    "principle_concepts": ("id", "label"),
    "principles": ("instrument", "id", "name"),
    "competencies": ("instrument", "kind", "holder", "id", "gist"),
    "prohibitions": ("instrument", "id", "name"),
    "objectives": ("instrument", "date", "id", "gist"),
    "provisions": ("instrument", "part", "id", "gist"),
    "lifecycle_stages": ("instrument", "id", "name"),
    "review_processes": ("instrument", "stage_count", "id", "gist"),
}

# Short headers for columns whose values are short.
_HEADERS = {"jurisdiction": "jur", "stage_count": "stages", "attestation": "attest."}
# Columns whose values are short and meaningful whole: never cut.
_WHOLE = frozenset(
    {"date", "jurisdiction", "kind", "status", "part", "code", "stage_count", "type", "field"}
    | {"group", "law", "strategy", "regulator", "other"}
)
# Long text columns: they get the room first, and are cut last.
_TEXT = frozenset({"title", "name", "label", "gist", "summary", "description", "wording"})
# Never wrapped at all: a date or a number split over lines misreads.
_UNBROKEN = frozenset({"date", "stage_count"})
_MIN_WIDTH = 16


def table_columns(collection: str, requested: str | None) -> tuple[str, ...]:
    """The table's columns: the default for ``collection``, or those ``--columns`` names."""
    if requested is None:
        return TABLE_COLUMNS.get(collection, ("id",))
    cls = COLLECTIONS[collection]
    known = [*cisai.field_order(cls), *(["title"] if collection == "instruments" else [])]
    columns = tuple(c.strip().replace("-", "_") for c in requested.split(",") if c.strip())
    if not columns:
        raise UsageError("--columns: name at least one column, e.g. --columns id,title")
    for column in columns:
        if column not in known:
            close = difflib.get_close_matches(column, known, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise UsageError(
                f"--columns: unknown column {column!r} for {collection}; {hint}"
                f"columns: {', '.join(known)}"
            )
    return columns


def _pieces(text: str, after: str = r"[-_ ]") -> list[str]:
    """The places a cell may wrap: after a space, a hyphen or an underscore."""
    return [p for p in re.split(rf"(?<={after})", text) if p]


def _narrowest(column: str, cells: Sequence[str]) -> int:
    """How narrow a column may get: whole columns to their longest piece, others to 4-16."""
    if column in _UNBROKEN:
        return max([1, *map(len, cells)])
    if column in _WHOLE:
        return max([1, *(len(p.rstrip()) for c in cells for p in _pieces(c))])
    narrowest = _MIN_WIDTH if column in _TEXT else _MIN_WIDTH - 4
    return min(max([1, *map(len, cells)]), narrowest)


def fit_widths(columns: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> list[int]:
    """Column widths whose total (with two-space gaps) fits ``width``; long cells then wrap.

    Every column starts at its narrowest (see :func:`_narrowest`); the room left goes,
    in turn, to the whole columns (dates, codes, kinds, statuses) so they are on one
    line, to the text columns (title, name, gist) up to 30, to ids and references,
    then to the text columns again, each up to its full width. Nothing is cut off.
    """
    headers = [_HEADERS.get(c, c.replace("_", " ")) for c in columns]
    cells = [[row[i] for row in rows] for i in range(len(columns))]
    full = [max([len(h), *map(len, cells[i])]) for i, h in enumerate(headers)]
    widths = [max(len(h), _narrowest(columns[i], cells[i])) for i, h in enumerate(headers)]
    room = width - sum(widths) - 2 * (len(columns) - 1)
    text = [i for i, c in enumerate(columns) if c in _TEXT]
    whole = [i for i, c in enumerate(columns) if c in _WHOLE]
    rest = [i for i in range(len(columns)) if i not in text and i not in whole]
    for group, cap in ((whole, None), (text, 30), (rest, None), (text, None)):
        for i in group:
            target = full[i] if cap is None else min(full[i], max(cap, widths[i]))
            grow = min(max(room, 0), target - widths[i])
            widths[i] += grow
            room -= grow
    while room < 0 and any(widths[i] > 4 for i in text + rest):
        widest = max((i for i in text + rest if widths[i] > 4), key=lambda i: widths[i])
        widths[widest] -= 1
        room += 1
    return widths


def write_rows(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    out: IO[str],
    width: int | None,
) -> None:
    """An aligned table fitting ``width``: long cells wrap; None (``--wide``): one line a row."""
    headers = [_HEADERS.get(c, c.replace("_", " ")) for c in columns]
    rows = [[one_line(cell) for cell in row] for row in rows]
    if width is None:
        widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(headers)]
    else:
        widths = fit_widths(columns, rows, width)

    out.write(_joined(headers, widths) + "\n")
    out.write(_joined(["-" * w for w in widths], widths) + "\n")
    for row in rows:
        for line in _wrapped_row(row, widths):
            out.write(line + "\n")


def _joined(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


def wrap_cell(text: str, width: int, after: str = r"[-_ ]") -> list[str]:
    """``text`` in lines of at most ``width``, broken after spaces, hyphens, underscores."""
    lines: list[str] = []
    line = ""
    for piece in _pieces(text, after):
        while len(piece.rstrip()) > width:  # a piece longer than the column: break it
            if line:
                lines.append(line.rstrip())
                line = ""
            lines.append(piece[:width])
            piece = piece[width:]
        if len((line + piece).rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        line += piece
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _wrapped_row(row: Sequence[str], widths: Sequence[int]) -> list[str]:
    """One row as lines: a cell wider than its column wraps onto the next lines, whole."""
    cells = [wrap_cell(cell, width) for cell, width in zip(row, widths, strict=True)]
    height = max(len(lines) for lines in cells)
    return [
        _joined([lines[n] if n < len(lines) else "" for lines in cells], widths)
        for n in range(height)
    ]


def _cell(record: Any, column: str) -> str:
    if column == "holder" and getattr(record, "holder", None) is None:
        return cell_text(getattr(record, "holder_role", None))
    value = getattr(record, column, None)
    if isinstance(value, tuple):
        return ", ".join(cell_text(getattr(v, "text", v)) for v in value)
    return cell_text(value)


def write_table(
    records: Sequence[Any],
    collection: str,
    out: IO[str],
    width: int | None,
    columns: Sequence[str] | None = None,
) -> None:
    """The ``list`` table of ``records``: aligned columns fitting ``width`` (None: uncut)."""
    columns = columns or TABLE_COLUMNS.get(collection, ("id",))
    rows = [[_cell(r, c) for c in columns] for r in records]
    write_rows(columns, rows, out, width)
