"""Dates known to the year, the month or the day - and no more precisely than that.

Sources often give only "July 2025" or "2024". A :class:`PartialDate` keeps exactly
that precision: it stands for the interval it covers (``2025-07`` is 1-31 July 2025),
orders chronologically, and prints as reduced ISO 8601 ("2025", "2025-07",
"2025-07-11").
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from typing import Any

import attrs

from cisai._errors import ArgumentError, QueryError

__all__ = ["PartialDate", "Precision"]
"""What ``cisai`` exports from this module: each public name is listed only here."""

# The date patterns are compiled on their first use (``re`` keeps them), not at import:
# the bundled load never parses a date's text, and compiling both cost 0.2 ms.
_ISO = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"
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


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _last_day(year: int, month: int) -> int:
    """The last day of a month of the Gregorian calendar (the rule of ``calendar.isleap``,
    written here: importing :mod:`calendar` cost a millisecond of every start-up)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


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
        for name in ("year", "month", "day"):
            part = getattr(self, name)
            if (part is not None or name == "year") and (
                isinstance(part, bool) or not isinstance(part, int)
            ):
                raise ArgumentError(
                    f"PartialDate {name}: expected an int, not {type(part).__name__} {part!r}; "
                    "to read text, use PartialDate.parse"
                )
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
        if not isinstance(other, PartialDate):
            raise ArgumentError(f"other: expected a PartialDate, not {type(other).__name__}")
        return self.start <= other.end and other.start <= self.end

    def contains(self, day: _dt.date | PartialDate) -> bool:
        """Whether ``day`` (or the whole of another partial date) lies inside this one."""
        if isinstance(day, PartialDate):
            return self.start <= day.start and day.end <= self.end
        if not isinstance(day, _dt.date):
            raise ArgumentError(
                f"day: expected a datetime.date or a PartialDate, not {type(day).__name__}"
            )
        if isinstance(day, _dt.datetime):
            day = day.date()
        return self.start <= day <= self.end

    # -- order: by start, then coarser before finer (a total order) ----------------

    def sort_key(self) -> tuple[_dt.date, int]:
        """The key of the chronological order: ``(start, precision rank)``."""
        # Written out (not self.start, self.precision.rank): sorting and indexing a large
        # dataset calls this once per record, and the properties cost three times as much.
        rank = 2 if self.day is not None else 1 if self.month is not None else 0
        return (_dt.date(self.year, self.month or 1, self.day or 1), rank)

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
        string in one of the forms of :data:`ACCEPTED`: reduced ISO (``"2025"``,
        ``"2025-03"``, ``"2025-03-26"``) or a month name with a four-digit year
        (``"March 2025"``, ``"26 March 2025"``, ``"March 26, 2025"``). Anything else
        raises :class:`~cisai.QueryError` naming the value and the accepted forms;
        nothing is guessed (``"20250403"``, ``"2025/04/03"`` and ``"99"`` are refused).
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, _dt.datetime):
            return cls(value.year, value.month, value.day)
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool):
            raise ArgumentError(f"invalid date {value!r}: expected a date, not a boolean")
        if isinstance(value, int):
            return cls(value)
        if not isinstance(value, str):
            raise ArgumentError(
                f"invalid date {value!r}: expected a string such as '2025', '2025-07' "
                f"or '2025-07-11', a datetime.date or a PartialDate, not {type(value).__name__}"
            )
        return parse_text(value)


ACCEPTED = (
    "reduced ISO 8601 ('2025', '2025-07', '2025-07-11') or a month name with a four-digit "
    "year ('July 2025', '11 July 2025', 'July 11, 2025')"
)
"""The date forms every date field and every date criterion accepts, for error messages."""


def original_text(value: str) -> str:
    """A user's value quoted for an error message (shortened if very long)."""
    return repr(value if len(value) <= 80 else value[:77] + "...")


def parse_text(value: str, *, iso_only: bool = False) -> PartialDate:
    """The one rule for a date written as text: reduced ISO, or a month name and a year.

    Nothing is guessed: ``20250403``, ``2025/04/03``, ``04/03/2025``, ``-2025`` and
    ``99`` are refused, not read as some date. ``iso_only`` (JSON data, whose schema
    allows only ISO) refuses the month-name forms too.
    """
    text = value.strip()
    match = re.fullmatch(_ISO, text, re.ASCII)
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        try:
            _check(year, month, day)
        except ValueError as exc:
            raise QueryError(f"invalid date {original_text(value)}: {exc}") from None
        return PartialDate(year, month, day)
    if iso_only:
        raise QueryError(
            f"invalid date {original_text(value)}: expected reduced ISO 8601 "
            "('2025', '2025-07' or '2025-07-11')"
        )
    return _parse_month_name(text, value)


_TOKEN = r"[^\W\d_]+\.?|\d+(?:st|nd|rd|th)?|,|\S"


def _month_number(word: str) -> int | None:
    from dateutil import parser  # imported on first use: keeps `import cisai` light

    month: int | None = parser.parserinfo().month(word.rstrip("."))
    return month


def _parse_month_name(text: str, original: str) -> PartialDate:
    """``July 2025``, ``11 July 2025``, ``July 11, 2025``: a month name, 4-digit year, a day."""
    invalid = f"invalid date {original_text(original)}: expected {ACCEPTED}"
    tokens = re.findall(_TOKEN, text, re.ASCII) if len(text) <= 64 else []
    months = [t for t in tokens if t[0].isalpha()]
    numbers = [t for t in tokens if t[0].isdigit()]
    rest = [t for t in tokens if not t[0].isalnum() and t != ","]
    if len(months) != 1 or rest or not 1 <= len(numbers) <= 2:
        raise QueryError(invalid)
    month = _month_number(months[0])
    years = [n for n in numbers if len(n) == 4 and n.isdigit()]
    days = [n.rstrip("stndrh") for n in numbers if n not in years]
    if month is None or len(years) != 1 or any(len(d) > 2 for d in days):
        raise QueryError(invalid)
    if tokens.index(years[0]) != len(tokens) - 1:
        raise QueryError(invalid)  # the year comes last: '2025 July 11' is not a form we read
    day = int(days[0]) if days else None
    try:
        _check(int(years[0]), month, day)
    except ValueError as exc:
        raise QueryError(f"invalid date {original_text(original)}: {exc}") from None
    return PartialDate(int(years[0]), month, day)
