"""Dates known to the year, the month or the day - and no more precisely than that.

Sources often give only "July 2025" or "2024". A :class:`PartialDate` keeps exactly
that precision: it stands for the interval it covers (``2025-07`` is 1-31 July 2025),
orders chronologically, and prints as reduced ISO 8601 ("2025", "2025-07",
"2025-07-11").
"""

from __future__ import annotations

import calendar
import datetime as _dt
import enum
import functools
import re
from typing import Any

import attrs

from cisai._errors import QueryError

__all__ = ["PartialDate", "Precision"]

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
ISO_PATTERN = r"^[0-9]{4}(-[0-9]{2}){0,2}$"
"""The regular expression of a partial date's string form (used in the JSON Schema)."""


class Precision(enum.Enum):
    """How much of a date is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"

    @property
    def rank(self) -> int:
        """0 for a year, 1 for a month, 2 for a day: coarser sorts first."""
        return _RANK[self]


_RANK = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}


@functools.cache
def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _check(year: int, month: int | None, day: int | None) -> None:
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is out of range 1-9999")
    if month is None:
        if day is not None:
            raise ValueError("a day needs a month")
        return
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is out of range 1-12")
    if day is not None:
        last = _last_day(year, month)
        if not 1 <= day <= last:
            raise ValueError(f"day {day} is out of range 1-{last} for {year}-{month:02d}")


@attrs.frozen(eq=True, order=False, repr=False)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    >>> d = PartialDate.parse("2025-04")
    >>> d.precision, d.start, d.end
    (<Precision.MONTH: 'month'>, datetime.date(2025, 4, 1), datetime.date(2025, 4, 30))
    >>> str(PartialDate.parse("March 2025")), str(PartialDate.parse("26 March 2025"))
    ('2025-03', '2025-03-26')
    >>> sorted([PartialDate(2025, 4, 18), PartialDate(2025), PartialDate(2025, 4)])
    [PartialDate('2025'), PartialDate('2025-04'), PartialDate('2025-04-18')]
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        try:
            _check(self.year, self.month, self.day)
        except ValueError as exc:
            raise QueryError(f"invalid date {self._raw()!r}: {exc}") from None

    def _raw(self) -> str:
        return "-".join(str(p) for p in (self.year, self.month, self.day) if p is not None)

    # -- what it covers ------------------------------------------------------------

    @property
    def precision(self) -> Precision:
        """The finest part of the date that is known."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def start(self) -> _dt.date:
        """The first day of the interval this date covers."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> _dt.date:
        """The last day of the interval this date covers."""
        if self.day is not None:
            return self.start
        month = self.month or 12
        return _dt.date(self.year, month, _last_day(self.year, month))

    def overlaps(self, other: PartialDate) -> bool:
        """Whether the two intervals share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def contains(self, day: _dt.date | PartialDate) -> bool:
        """Whether ``day`` (or the whole of another partial date) lies inside this one."""
        if isinstance(day, PartialDate):
            return self.start <= day.start and day.end <= self.end
        return self.start <= day <= self.end

    # -- order: by start, then coarser before finer (a total order) ----------------

    def sort_key(self) -> tuple[_dt.date, int]:
        """The key of the chronological order: ``(start, precision rank)``."""
        return (self.start, self.precision.rank)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() >= other.sort_key()

    # -- text ------------------------------------------------------------------------

    def isoformat(self) -> str:
        """Reduced-precision ISO 8601: ``2025``, ``2025-07`` or ``2025-07-11``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Read a date of any accepted form; never invents a day or month not given.

        Accepts a :class:`PartialDate`, a :class:`datetime.date`, an ``int`` year, or a
        string: ISO (``"2025"``, ``"2025-03"``, ``"2025-03-26"``) or a form that
        python-dateutil reads (``"March 2025"``, ``"26 March 2025"``). Anything else
        raises :class:`~cisai.QueryError` naming the value.
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, _dt.datetime):
            return cls(value.year, value.month, value.day)
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool):
            raise QueryError(f"invalid date {value!r}: expected a date, not a boolean")
        if isinstance(value, int):
            return cls(value)
        if not isinstance(value, str):
            raise QueryError(
                f"invalid date {value!r}: expected a string such as '2025', '2025-07' "
                f"or '2025-07-11', a datetime.date or a PartialDate, not {type(value).__name__}"
            )
        text = value.strip()
        match = _ISO.fullmatch(text)
        if match:
            year, month, day = (int(g) if g else None for g in match.groups())
            assert year is not None
            try:
                _check(year, month, day)
            except ValueError as exc:
                raise QueryError(f"invalid date {original_text(value)}: {exc}") from None
            return cls(year, month, day)
        return _parse_loose(text, value)


def original_text(value: str) -> str:
    """A user's value quoted for an error message (shortened if very long)."""
    return repr(value if len(value) <= 80 else value[:77] + "...")


def _parse_loose(text: str, original: str) -> PartialDate:
    """Parse free text through dateutil, keeping only the parts the text really gives."""
    hint = "expected e.g. '2025', '2025-07', '2025-07-11', 'July 2025' or '11 July 2025'"
    if not text or len(text) > 64 or not any(ch.isdigit() for ch in text):
        raise QueryError(f"invalid date {original!r}: {hint}")
    from dateutil import parser  # imported on first use: keeps `import cisai` light

    # Parse twice with different defaults: a part that changes with the default
    # was not in the text, so it is not known.
    first_default = _dt.datetime(1, 1, 1)
    second_default = _dt.datetime(2, 2, 2)
    try:
        first = parser.parse(text, default=first_default, dayfirst=True)
        second = parser.parse(text, default=second_default, dayfirst=True)
    except (ValueError, OverflowError, TypeError) as exc:
        raise QueryError(f"invalid date {original!r}: {hint}") from exc
    if first.year != second.year:
        raise QueryError(f"invalid date {original!r}: no year given; {hint}")
    has_month = first.month == second.month
    has_day = first.day == second.day
    if first.time() != _dt.time(0) or second.time() != _dt.time(0):
        raise QueryError(f"invalid date {original!r}: a time of day is not a date; {hint}")
    if has_day and not has_month:
        raise QueryError(f"invalid date {original!r}: a day without a month; {hint}")
    return PartialDate(
        first.year, first.month if has_month else None, first.day if has_day else None
    )
