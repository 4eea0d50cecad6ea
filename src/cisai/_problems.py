"""What is wrong with data files: :class:`Problem`, and the :class:`DataError` carrying them.

Only reading and checking data can find a problem, so this module is imported by the
loader and the parsers, not by the bundled load: the compiled data was checked when
the wheel was built (and ``Problem``, an attrs class, costs start-up time to create).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from cisai._errors import CisaiError

__all__ = ["DataError", "Problem"]
"""What ``cisai`` exports from this module: each public name is listed only here."""


def _writable(text: str | None) -> str | None:
    """Text any output can write: a lone surrogate from bad data shows as ``\\ud800``."""
    if text is None or text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _writable_message(text: str) -> str:
    return _writable(text) or ""


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a data file: where it is and what it is.

    ``str(problem)`` gives ``file:line: record-id: field.path: message``,
    leaving out the parts that are not known.
    """

    message: str = attrs.field(converter=_writable_message)
    file: str | None = attrs.field(default=None, converter=_writable)
    line: int | None = None
    record_id: str | None = attrs.field(default=None, converter=_writable)
    field: str | None = attrs.field(default=None, converter=_writable)

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
