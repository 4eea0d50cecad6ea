"""Honest in-force answers: in force, not in force, or unknown with the reason."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cisai
from cisai import InForceState
from cisai.cli import main

DS = cisai.load()
DAYS = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2027, 12, 31))


@given(st.sampled_from(list(DS.instruments)), DAYS)
def test_the_strict_query_is_the_in_force_answer(
    instrument: cisai.Instrument, day: dt.date
) -> None:
    answer = cisai.in_force(instrument, day)
    strict = instrument.id in DS.instruments.filter(in_force_on=day).ids()
    assert strict == (answer.state is InForceState.IN_FORCE) == bool(answer)
    assert answer.reason
    loose = DS.instruments.filter(in_force_on=day, include_unknown=True).ids()
    assert (instrument.id in loose) == (answer.state is not InForceState.NOT_IN_FORCE)


def test_in_force_by_status_without_a_date_is_unknown_with_the_reason() -> None:
    by_status = [
        i
        for i in DS.instruments
        if i.status is cisai.InstrumentStatus.IN_FORCE
        and not any(e.kind is cisai.EventKind.IN_FORCE and e.date for e in i.events)
        and (i.date is None or i.date.end <= dt.date(2025, 6, 1))
    ]
    assert by_status, "the data has instruments in force by status with no dated entry"
    for instrument in by_status:
        answer = cisai.in_force(instrument, "2025-06-01")
        assert answer.state is InForceState.UNKNOWN
        assert answer.reason == "in force by its status, date of entry into force unknown"
    strict = cisai.instruments(in_force_on="2025-06-01")
    loose = cisai.instruments(in_force_on="2025-06-01", include_unknown=True)
    assert set(strict.ids()) < set(loose.ids())
    assert {i.id for i in by_status} <= set(loose.ids())


def test_dated_events_answer_yes_and_no() -> None:
    law = "by-law-99z-2021-personal-data"
    assert cisai.in_force(law, "2025-06-01").reason == "in force since 2021-11-15"
    before = cisai.in_force(law, "2021-11-14")
    assert before.state is InForceState.NOT_IN_FORCE
    assert before.reason == "in force only from 2021-11-15"
    assert cisai.in_force("kz-law-ai-2025", "2025-12-01").state is InForceState.NOT_IN_FORCE


@pytest.mark.parametrize("value", ["2025", "2025-06", "June 2025"])
def test_a_year_or_month_where_a_day_is_meant_is_refused(value: str) -> None:
    with pytest.raises(cisai.QueryError, match="not a day; give a day such as"):
        cisai.instruments(in_force_on=value)
    with pytest.raises(cisai.QueryError, match="not a day"):
        cisai.in_force(DS.model_law, value)
    with pytest.raises(cisai.QueryError, match="not a day"):
        cisai.compare(on=value)


def test_a_reversed_range_is_an_error() -> None:
    with pytest.raises(cisai.QueryError, match="is after until"):
        cisai.instruments(since="2026", until="2025")
    assert cisai.instruments(since="2025-06", until="2025")  # overlapping partial dates are fine


def test_include_unknown_needs_a_day() -> None:
    with pytest.raises(cisai.QueryError, match="only goes with in_force_on"):
        cisai.instruments(include_unknown=True)


def test_cli_refuses_a_year_and_a_reversed_range(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--in-force-on", "2025"]) == 2
    assert "is a year, not a day" in capsys.readouterr().err
    assert main(["list", "--since", "2026", "--until", "2025"]) == 2
    assert "is after until" in capsys.readouterr().err
    assert (
        main(["list", "--in-force-on", "2025-06-01", "--include-unknown", "--format", "json"]) == 0
    )
    import json

    loose = {r["id"] for r in json.loads(capsys.readouterr().out)}
    assert loose == set(cisai.instruments(in_force_on="2025-06-01", include_unknown=True).ids())


def test_compare_words_agree(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "--help"]) == 0
    help_text = capsys.readouterr().out
    assert "as of now" not in help_text
    assert "the status recorded in the data" in " ".join(help_text.split())
    assert main(["compare"]) == 0
    assert "status: as recorded in the data" in capsys.readouterr().out
    assert main(["compare", "--on", "2026-02-01"]) == 0
    assert "status: on that day, from the events" in capsys.readouterr().out
    document = cisai.compare(on="2026-02-01").to_dict()
    entries = [e for state in document["states"] for g in document["groups"] for e in state[g]]
    assert {e["in_force"] for e in entries} <= {"in_force", "not_in_force", "unknown"}
    assert all(e["in_force_reason"] for e in entries)
    assert all((e["status"] == "in_force") == (e["in_force"] == "in_force") for e in entries)
