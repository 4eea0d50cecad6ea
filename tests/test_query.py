"""Queries: the criteria of the API contract, on generated records and on the real data."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cisai
from cisai import (
    Attestation,
    Confidence,
    Dataset,
    Event,
    EventKind,
    Instrument,
    InstrumentKind,
    InstrumentStatus,
    Jurisdiction,
    JurisdictionKind,
    PartialDate,
    QueryError,
    Source,
    Title,
    Topic,
)

SOURCE = Source(url="https://example.org/source")


# -- generated records ---------------------------------------------------------------


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(2015, 2030))
    month = draw(st.none() | st.integers(1, 12))
    if month is None:
        return PartialDate(year)
    day = draw(st.none() | st.integers(1, 28))
    return PartialDate(year, month, day)


TOPICS = [
    Topic(id="data", label="Data", added_in="2026.11.0"),
    Topic(
        id="data-protection", label="DP", parent="data", aliases=("privacy",), added_in="2026.11.0"
    ),
    Topic(id="ai", label="AI", added_in="2026.11.0"),
]
JURISDICTIONS = [
    Jurisdiction(
        id=code.lower(),
        code=code,
        name=code,
        kind=JurisdictionKind.STATE,
        attestation=Attestation.OFFICIAL_REPORT,
        confidence=Confidence.HIGH,
        sources=(SOURCE,),
        added_in="2026.11.0",
    )
    for code in ("BY", "KZ")
]


@st.composite
def instruments(draw: st.DrawFn, index: int) -> Instrument:
    date = draw(st.none() | partial_dates())
    in_force = draw(st.none() | partial_dates())
    events = ()
    if in_force is not None:
        events = (Event(kind=EventKind.IN_FORCE, date=in_force, sources=(SOURCE,)),)
    return Instrument(
        id=f"i-{index}",
        kind=draw(st.sampled_from([InstrumentKind.LAW, InstrumentKind.DECREE])),
        titles=(Title(text=f"Instrument {index}", lang="en"),),
        jurisdiction=draw(st.sampled_from(["BY", "KZ"])),
        date=date,
        status=draw(st.sampled_from([InstrumentStatus.IN_FORCE, InstrumentStatus.DRAFT])),
        topics=tuple(
            draw(st.lists(st.sampled_from(["data", "data-protection", "ai"]), max_size=2))
        ),
        summary="generated",
        events=events,
        attestation=Attestation.SECONDARY_REPORT,
        confidence=Confidence.LOW,
        sources=(SOURCE,),
        added_in=draw(st.sampled_from(["2026.11.0", "2026.12.0", "2027.1.0"])),
    )


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    count = draw(st.integers(0, 25))
    records = [draw(instruments(i)) for i in range(count)]
    return Dataset([*TOPICS, *JURISDICTIONS, *records], None)


def overlaps(
    date: PartialDate | None, since: PartialDate | None, until: PartialDate | None
) -> bool:
    """The plain-Python reference of the date filter."""
    if date is None:
        return False
    lower = since.start if since else dt.date.min
    upper = until.end if until else dt.date.max
    return date.start <= upper and lower <= date.end


@settings(max_examples=150)
@given(datasets(), st.none() | partial_dates(), st.none() | partial_dates())
def test_date_filter_equals_reference(
    ds: Dataset, since: PartialDate | None, until: PartialDate | None
) -> None:
    if since is not None and until is not None and since.start > until.end:
        with pytest.raises(QueryError, match="is after until"):  # a reversed range
            ds.instruments.filter(since=since, until=until)
        return
    got = ds.instruments.filter(since=since, until=until).ids()
    expected = tuple(i.id for i in ds.instruments if overlaps(i.date, since, until))
    if since is None and until is None:
        expected = ds.instruments.ids()
    assert got == expected


@settings(max_examples=100)
@given(datasets(), partial_dates(), partial_dates(), st.sampled_from(["data", "ai", "privacy"]))
def test_narrowing_never_adds(ds: Dataset, a: PartialDate, b: PartialDate, topic: str) -> None:
    wide = ds.instruments.filter(since=a)
    narrow = wide.filter(until=b, topic=topic)
    assert set(narrow.ids()) <= set(wide.ids()) <= set(ds.instruments.ids())
    # ANDed criteria equal successive filtering (a reversed range is refused, not empty).
    if a.start > b.end:
        assert not narrow
        return
    assert ds.instruments.filter(since=a, until=b, topic=topic) == narrow


@settings(max_examples=100)
@given(datasets())
def test_topic_includes_subtopics_and_aliases(ds: Dataset) -> None:
    by_parent = set(ds.instruments.filter(topic="data").ids())
    expected = {i.id for i in ds.instruments if {"data", "data-protection"} & set(i.topics)}
    assert by_parent == expected
    assert ds.instruments.filter(topic="privacy") == ds.instruments.filter(topic="data-protection")
    assert set(ds.instruments.filter(topic=["ai", "privacy"]).ids()) == {
        i.id for i in ds.instruments if {"ai", "data-protection"} & set(i.topics)
    }


@settings(max_examples=100)
@given(datasets(), partial_dates())
def test_in_force_on_reference(ds: Dataset, day: PartialDate) -> None:
    got = set(ds.instruments.filter(in_force_on=day.start).ids())
    expected = {
        i.id
        for i in ds.instruments
        if any(
            e.kind is EventKind.IN_FORCE and e.date and e.date.end <= day.start for e in i.events
        )
    }
    assert got == expected


@settings(max_examples=50)
@given(datasets())
def test_changed_since(ds: Dataset) -> None:
    got = set(ds.instruments.filter(changed_since="2026.11.0").ids())
    assert got == {i.id for i in ds.instruments if i.added_in != "2026.11.0"}
    assert ds.instruments.filter(changed_since="2027.1.0") == ()


# -- bad criteria: a QueryError naming the value, never an empty result ---------------------


@pytest.mark.parametrize(
    ("criteria", "named", "suggested"),
    [
        ({"topic": "data-protectoin"}, "data-protectoin", "data-protection"),
        ({"kind": "decre"}, "decre", "decree"),
        ({"status": "inforce"}, "inforce", "in_force"),
        ({"jurisdiction": "BYE"}, "BYE", "BY"),
        ({"issuer": "by-presdent"}, "by-presdent", "by-president"),
        ({"since": "yesterday-ish"}, "yesterday-ish", None),
        ({"until": "2025-13"}, "2025-13", None),
        ({"in_force_on": ""}, "''", None),
        ({"changed_since": "next"}, "next", None),
        ({"topc": "ai"}, "topc", "topic"),
    ],
)
def test_bad_criteria_name_the_value(
    criteria: dict[str, str], named: str, suggested: str | None
) -> None:
    with pytest.raises(QueryError) as info:
        cisai.instruments(**criteria)
    assert named in str(info.value)
    if suggested:
        assert repr(suggested) in str(info.value)


def test_query_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown topic"):
        cisai.instruments(topic="no-such-topic")


def test_criterion_that_does_not_apply_is_refused() -> None:
    with pytest.raises(QueryError, match="does not apply"):
        cisai.load().bodies.filter(status="in_force")


# -- real questions on the bundled data ----------------------------------------------------


def test_instruments_between_april_and_may_2025() -> None:
    ids = cisai.instruments(since="2025-04-01", until="2025-05-31").ids()
    assert {
        "by-decree-135-2025-st-priorities",
        "cis-model-law-ai-2025",
        "by-decree-200-2025-digital-gov",
    } <= set(ids)
    for instrument in map(cisai.get, ids):
        assert isinstance(instrument, Instrument)
        assert instrument.date is not None
        assert instrument.date.overlaps(PartialDate(2025, 4)) or instrument.date.overlaps(
            PartialDate(2025, 5)
        )


def test_until_a_month_keeps_that_month_and_its_days() -> None:
    ids = cisai.instruments(until="2025-04", since="2025-04").ids()
    assert "cis-model-law-ai-2025" in ids  # dated 2025-04-18
    year_only = cisai.instruments(since="2025", until="2025").ids()
    assert set(ids) <= set(year_only)


def test_everything_on_data_protection() -> None:
    ids = set(cisai.instruments(topic="data-protection").ids())
    assert {"by-law-99z-2021-personal-data", "by-decree-422-2021-ncpdp"} <= ids
    assert set(cisai.instruments(topic="privacy").ids()) == ids
    assert ids <= set(cisai.instruments(topic="data").ids())


def test_what_was_in_force_on_1_june_2025() -> None:
    ids = set(cisai.instruments(in_force_on="2025-06-01").ids())
    assert "by-law-99z-2021-personal-data" in ids  # in force since 15 November 2021
    assert "by-decree-8-2017-digital-economy" in ids  # in force since 28 March 2018
    assert "cis-model-law-ai-2025" not in ids  # a model law is adopted, not in force
    before = set(cisai.instruments(in_force_on="2021-11-14").ids())
    assert "by-law-99z-2021-personal-data" not in before


def test_issued_by_a_body() -> None:
    president = cisai.instruments(issuer="by-president")
    assert "by-decree-135-2025-st-priorities" in president.ids()
    assert all("by-president" in i.issuers for i in president)


def test_text_search_in_every_language() -> None:
    assert "cis-model-law-ai-2025" in cisai.instruments(text="технологиях искусственного").ids()
    assert "cis-model-law-ai-2025" in cisai.instruments(text="MODEL LAW ON ARTIFICIAL").ids()
    assert "by-law-99z-2021-personal-data" in cisai.instruments(text="99-З").ids()


def test_relations_both_ways() -> None:
    ds = cisai.load()
    decree_200 = ds["by-decree-200-2025-digital-gov"]
    assert isinstance(decree_200, Instrument)
    assert any(
        r.target == "by-decree-136-2022-mincom" and r.kind.value == "amends"
        for r in decree_200.relations
    )
    incoming = ds.referring_to("by-decree-136-2022-mincom")
    assert any(source.id == decree_200.id for source, _ in incoming)


def test_list_values_mean_any_of() -> None:
    both = set(cisai.instruments(kind=["decree", "law"]).ids())
    assert both == set(cisai.instruments(kind="decree").ids()) | set(
        cisai.instruments(kind="law").ids()
    )
    assert set(cisai.instruments(jurisdiction=["by", "CIS"]).ids()) == set(
        cisai.instruments(jurisdiction="BY").ids()
    ) | set(cisai.instruments(jurisdiction="CIS").ids())


def test_parts_filter_by_instrument_and_topic() -> None:
    ds = cisai.load()
    parts = ds.principles.filter(instrument="cis-model-law-ai-2025")
    assert len(parts) == len(ds.principles.filter(instrument=ds.model_law))
    assert all(p.instrument == "cis-model-law-ai-2025" for p in parts)
    with pytest.raises(QueryError, match="unknown instrument"):
        ds.principles.filter(instrument="cis-model-law")


def test_get_unknown_id() -> None:
    with pytest.raises(cisai.NotFoundError) as info:
        cisai.get("cis-model-law-ai-2024")
    assert isinstance(info.value, KeyError)
    assert "cis-model-law-ai-2025" in str(info.value)
