"""PartialDate: parsing, the interval it covers, and its order."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cisai import PartialDate, Precision, QueryError

# -- parsing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2025", PartialDate(2025), Precision.YEAR),
        ("2025-03", PartialDate(2025, 3), Precision.MONTH),
        ("2025-03-26", PartialDate(2025, 3, 26), Precision.DAY),
        ("2024-02-29", PartialDate(2024, 2, 29), Precision.DAY),
        ("  2025-07-11 ", PartialDate(2025, 7, 11), Precision.DAY),
        ("0005", PartialDate(5), Precision.YEAR),
        ("9999-12-31", PartialDate(9999, 12, 31), Precision.DAY),
    ],
)
def test_parse_iso(text: str, expected: PartialDate, precision: Precision) -> None:
    parsed = PartialDate.parse(text)
    assert parsed == expected
    assert parsed.precision is precision


@pytest.mark.parametrize("text", ["2025", "2025-03", "2025-03-26"])
def test_iso_round_trip(text: str) -> None:
    parsed = PartialDate.parse(text)
    assert str(parsed) == text
    assert parsed.isoformat() == text
    assert repr(parsed) == f"PartialDate({text!r})"


def test_parse_date_object() -> None:
    parsed = PartialDate.parse(dt.date(2025, 4, 18))
    assert parsed == PartialDate(2025, 4, 18)
    assert parsed.precision is Precision.DAY


def test_parse_datetime_object() -> None:
    parsed = PartialDate.parse(dt.datetime(2025, 4, 18, 12, 30))
    assert parsed == PartialDate(2025, 4, 18)
    assert parsed.precision is Precision.DAY


def test_parse_int_year() -> None:
    parsed = PartialDate.parse(2025)
    assert parsed == PartialDate(2025)
    assert parsed.precision is Precision.YEAR


def test_parse_partial_date_is_identity() -> None:
    d = PartialDate(2025, 7)
    assert PartialDate.parse(d) is d


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("March 2025", "2025-03", Precision.MONTH),
        ("26 March 2025", "2025-03-26", Precision.DAY),
        ("March 26, 2025", "2025-03-26", Precision.DAY),
        ("July 2025", "2025-07", Precision.MONTH),
        ("11 July 2025", "2025-07-11", Precision.DAY),
        ("2 February 2025", "2025-02-02", Precision.DAY),
        ("1 January 2025", "2025-01-01", Precision.DAY),
        ("February 2025", "2025-02", Precision.MONTH),
        ("2025", "2025", Precision.YEAR),
    ],
)
def test_parse_loose(text: str, iso: str, precision: Precision) -> None:
    parsed = PartialDate.parse(text)
    assert str(parsed) == iso
    assert parsed.precision is precision


@pytest.mark.parametrize(
    "value",
    [
        "2025-13",
        "2025-00",
        "2025-02-30",
        "2023-02-29",
        "2025-04-31",
        "0000",
        "yesterday-ish",
        "yesterday",
        "",
        "   ",
        "March",
        "26 March",
        "2025-07-11T10:00",
        "x" * 200,
    ],
)
def test_parse_nonsense_string(value: str) -> None:
    with pytest.raises(QueryError) as info:
        PartialDate.parse(value)
    assert repr(value)[:40] in str(info.value)


@pytest.mark.parametrize("value", [None, True, False, 3.5, [2025], {"year": 2025}, b"2025"])
def test_parse_nonsense_value(value: object) -> None:
    with pytest.raises(QueryError) as info:
        PartialDate.parse(value)
    assert repr(value) in str(info.value)


@pytest.mark.parametrize("year", [0, -1, 10000])
def test_parse_int_out_of_range(year: int) -> None:
    with pytest.raises(QueryError, match=str(year)):
        PartialDate.parse(year)


def test_query_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="2025-13"):
        PartialDate.parse("2025-13")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((2025, 2, 30), "day 30"),
        ((2025, 13), "month 13"),
        ((2025, None, 3), "a day needs a month"),
        ((0,), "year 0"),
    ],
)
def test_constructor_checks(args: tuple[int | None, ...], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        PartialDate(*args)


@given(st.integers(1, 9999), st.integers(1, 12))
@example(1900, 2)  # not a leap year: divisible by 100
@example(2000, 2)  # a leap year: divisible by 400
@example(2024, 2)
@example(2025, 2)
def test_a_month_ends_on_the_gregorian_calendar_s_last_day(year: int, month: int) -> None:
    last = calendar.monthrange(year, month)[1]
    assert PartialDate(year, month).end == dt.date(year, month, last)
    assert PartialDate(year, month, last).end == dt.date(year, month, last)
    with pytest.raises(ValueError, match=f"day {last + 1} is out of range 1-{last}"):
        PartialDate(year, month, last + 1)


def test_is_frozen_and_hashable() -> None:
    d = PartialDate(2025, 7)
    with pytest.raises(AttributeError):
        d.year = 2024  # type: ignore[misc]
    assert {d, PartialDate(2025, 7)} == {d}


# -- the interval ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        (PartialDate(2025), dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        (PartialDate(2025, 2), dt.date(2025, 2, 1), dt.date(2025, 2, 28)),
        (PartialDate(2024, 2), dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        (PartialDate(2025, 4), dt.date(2025, 4, 1), dt.date(2025, 4, 30)),
        (PartialDate(2025, 12), dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
        (PartialDate(2025, 4, 18), dt.date(2025, 4, 18), dt.date(2025, 4, 18)),
    ],
)
def test_start_and_end(value: PartialDate, start: dt.date, end: dt.date) -> None:
    assert value.start == start
    assert value.end == end


def test_contains_and_overlaps_examples() -> None:
    year, month, day = PartialDate(2025), PartialDate(2025, 4), PartialDate(2025, 4, 18)
    assert year.contains(month)
    assert year.contains(day)
    assert month.contains(day)
    assert not day.contains(month)
    assert month.contains(dt.date(2025, 4, 30))
    assert not month.contains(dt.date(2025, 5, 1))
    assert year.overlaps(day)
    assert not PartialDate(2025, 3).overlaps(month)
    assert not PartialDate(2024).overlaps(year)


def test_order_examples() -> None:
    values = [PartialDate(2025, 4, 18), PartialDate(2025), PartialDate(2025, 4), PartialDate(2024)]
    assert sorted(values) == [
        PartialDate(2024),
        PartialDate(2025),
        PartialDate(2025, 4),
        PartialDate(2025, 4, 18),
    ]
    assert PartialDate(2025, 4) < PartialDate(2025, 4, 1)
    assert PartialDate(2025, 4) != PartialDate(2025, 4, 1)
    assert PartialDate(2025, 3, 31) < PartialDate(2025, 4)
    assert PartialDate(2025, 12) < PartialDate(2026)


def test_comparison_with_other_types() -> None:
    d = PartialDate(2025)
    assert d != "2025"
    assert d != 2025
    with pytest.raises(TypeError):
        _ = d < "2025"  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = d >= dt.date(2025, 1, 1)  # type: ignore[operator]


# -- properties --------------------------------------------------------------------------------


@st.composite
def dates_between(draw: st.DrawFn, first: dt.date, last: dt.date) -> PartialDate:
    """A date between ``first`` and ``last``, known to the year, the month or the day."""
    day = draw(st.dates(min_value=first, max_value=last))
    precision = draw(st.sampled_from(list(Precision)))
    if precision is Precision.YEAR:
        return PartialDate(day.year)
    if precision is Precision.MONTH:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


def partial_dates() -> st.SearchStrategy[PartialDate]:
    return dates_between(dt.date(1, 1, 1), dt.date(9999, 12, 31))


def near_dates() -> st.SearchStrategy[PartialDate]:
    """Dates close together, so that equal starts and overlaps are common."""
    return dates_between(dt.date(2024, 11, 1), dt.date(2025, 2, 28))


any_dates = st.one_of(partial_dates(), near_dates())


@given(partial_dates())
def test_parse_str_round_trip(d: PartialDate) -> None:
    assert PartialDate.parse(str(d)) == d
    assert PartialDate.parse(str(d)).precision is d.precision


@given(partial_dates())
def test_start_end_and_precision(d: PartialDate) -> None:
    assert d.start <= d.end
    assert d.contains(d.start)
    assert d.contains(d.end)
    assert d.contains(d)
    if d.precision is Precision.DAY:
        assert d.start == d.end


@given(any_dates, any_dates)
def test_order_is_total(a: PartialDate, b: PartialDate) -> None:
    outcomes = [a < b, a == b, a > b]
    assert outcomes.count(True) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (a > b or a == b)
    assert (a < b) == (b > a)


@given(any_dates, any_dates, any_dates)
def test_order_is_transitive(a: PartialDate, b: PartialDate, c: PartialDate) -> None:
    if a < b and b < c:
        assert a < c


@given(any_dates, any_dates)
def test_order_is_consistent_with_start(a: PartialDate, b: PartialDate) -> None:
    if a.start < b.start:
        assert a < b
    if a < b:
        assert a.start <= b.start


@given(any_dates, any_dates)
def test_equal_means_same_interval_and_precision(a: PartialDate, b: PartialDate) -> None:
    same = a.start == b.start and a.end == b.end and a.precision is b.precision
    assert (a == b) == same
    if a == b:
        assert hash(a) == hash(b)


@given(any_dates, any_dates)
def test_overlaps_is_symmetric(a: PartialDate, b: PartialDate) -> None:
    assert a.overlaps(b) == b.overlaps(a)


@given(any_dates, any_dates)
def test_contains_implies_overlaps(a: PartialDate, b: PartialDate) -> None:
    if a.contains(b):
        assert a.overlaps(b)
        assert b.overlaps(a)


@given(any_dates, st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31)))
def test_contains_a_day_matches_interval(a: PartialDate, day: dt.date) -> None:
    assert a.contains(day) == (a.start <= day <= a.end)
    assert a.contains(day) == a.contains(PartialDate.parse(day))


@given(st.lists(st.tuples(any_dates, st.integers())))
def test_sorting_is_stable_with_sort_key(items: list[tuple[PartialDate, int]]) -> None:
    by_key = sorted(items, key=lambda item: item[0].sort_key())
    by_order = sorted(items, key=lambda item: item[0])
    assert by_key == by_order
    # Stability: items whose dates are equal keep their original relative order.
    for d in {item[0] for item in items}:
        assert [item for item in by_key if item[0] == d] == [item for item in items if item[0] == d]
    # And the result is in order.
    dates = [item[0] for item in by_key]
    assert all(x <= y for x, y in itertools.pairwise(dates))


@given(any_dates, any_dates)
def test_sort_key_agrees_with_operators(a: PartialDate, b: PartialDate) -> None:
    assert (a.sort_key() < b.sort_key()) == (a < b)
    assert (a.sort_key() == b.sort_key()) == (a == b)
