"""The errors cisai raises: every one derives from :class:`CisaiError`.

A user's mistake (a bad data file, a typo in a query) is always one of these,
with a message that names what was wrong and where - never a bare traceback
from a library underneath.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "CisaiError",
    "DataError",
    "NotFoundError",
    "Problem",
    "QueryError",
    "SchemaError",
    "format_path",
    "suggest",
]


class CisaiError(Exception):
    """Base class of every error raised by cisai."""


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a data file: where it is and what it is.

    ``str(problem)`` gives ``file:line: record-id: field.path: message``,
    leaving out the parts that are not known.
    """

    message: str
    file: str | None = None
    line: int | None = None
    record_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file or "<data>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        parts = [where]
        if self.record_id:
            parts.append(self.record_id)
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


class DataError(CisaiError):
    """Invalid data: names the file, the line, the record id and the field path.

    A ``DataError`` may carry several :class:`Problem` s (``problems``); its
    ``file``, ``line``, ``record_id`` and ``field`` are those of the first.
    """

    problems: tuple[Problem, ...]

    def __init__(
        self,
        message: str | Sequence[Problem],
        *,
        file: str | None = None,
        line: int | None = None,
        record_id: str | None = None,
        field: str | None = None,
    ) -> None:
        if isinstance(message, str):
            problems: tuple[Problem, ...] = (
                Problem(message=message, file=file, line=line, record_id=record_id, field=field),
            )
        else:
            problems = tuple(message)
            if not problems:
                raise ValueError("a DataError needs at least one problem")
        self.problems = problems
        first = problems[0]
        self.file = first.file
        self.line = first.line
        self.record_id = first.record_id
        self.field = first.field
        text = str(first)
        if len(problems) > 1:
            text += f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})"
        super().__init__(text)


class QueryError(CisaiError, ValueError):
    """A query argument that cannot be understood: names the value and what is accepted."""


class NotFoundError(CisaiError, KeyError):
    """No record has the id asked for."""

    def __str__(self) -> str:
        # KeyError's str() would quote the message; show it as written.
        return str(self.args[0]) if self.args else ""


class SchemaError(CisaiError):
    """A JSON document of a schema version this library does not understand."""


def suggest(value: str, accepted: Iterable[str], *, limit: int = 3) -> str:
    """Phrase "did you mean ...?" for ``value`` among ``accepted`` (or name them all)."""
    import difflib

    options = sorted(set(accepted))
    if not options:
        return "none are defined"
    close = difflib.get_close_matches(value.lower(), options, n=limit, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    if len(options) <= 30:
        return "accepted: " + ", ".join(repr(o) for o in options)
    return f"accepted: {len(options)} values, e.g. " + ", ".join(repr(o) for o in options[:8])


def format_path(path: Sequence[str | int]) -> str:
    """``("events", 2, "date")`` -> ``events[2].date``."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
            continue
        name = str(step)
        if not name.isidentifier():
            name = repr(name)  # a key with spaces, newlines or symbols stays one readable token
        text += f".{name}" if text else name
    return text
