"""Lookups that forgive: jurisdictions by code, id or name; unknown ids get close suggestions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cisai
from cisai.cli import main

DS = cisai.load()


@pytest.mark.parametrize("value", ["Belarus", "Беларусь", "BY", "by", " belarus ", "BELARUS"])
def test_belarus_by_every_spelling(value: str) -> None:
    assert cisai.jurisdiction(value) is DS.get("by")


@given(st.sampled_from(list(DS.jurisdictions)), st.sampled_from([str.upper, str.lower, str.title]))
def test_every_jurisdiction_by_code_id_and_name_in_any_case(jurisdiction, case) -> None:  # type: ignore[no-untyped-def]
    for text in (jurisdiction.code, jurisdiction.id, jurisdiction.name):
        assert DS.jurisdiction(case(text)) is jurisdiction


def test_alpha_3_codes_come_from_the_data() -> None:
    # Every code accepted is one the data gives (sourced): alpha-3 is not derived.
    states = [j for j in DS.jurisdictions if j.alpha_3]
    assert {j.code for j in states} >= {"AM", "AZ", "BY", "KZ", "KG", "RU", "TJ", "UZ"}
    for state in states:
        assert DS.jurisdiction(state.alpha_3.lower()) is state
    assert cisai.jurisdiction("BLR") is DS.get("by")
    assert DS.instruments.filter(jurisdiction="BLR") == DS.instruments.filter(jurisdiction="BY")
    organisations = [j for j in DS.jurisdictions if j.kind is not cisai.JurisdictionKind.STATE]
    assert not any(j.alpha_3 for j in organisations)


def test_names_come_from_the_data_only() -> None:
    with pytest.raises(cisai.NotFoundError, match="'BY' or 'BLR'") as info:
        cisai.jurisdiction("BLRX")
    assert "'Belarus'" in str(info.value) or "'BY'" in str(info.value)
    with pytest.raises(cisai.NotFoundError, match="did you mean 'Kazakhstan'"):
        cisai.jurisdiction("Kazakstan")


def test_the_jurisdiction_filter_takes_names() -> None:
    assert cisai.instruments(jurisdiction="Belarus") == cisai.instruments(jurisdiction="BY")
    assert cisai.instruments(jurisdiction="Беларусь") == cisai.instruments(jurisdiction="by")
    with pytest.raises(cisai.QueryError, match="a name such as 'Belarus'"):
        cisai.instruments(jurisdiction="Narnia")


def test_cli_jurisdiction_by_name_and_show_by_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--jurisdiction", "Belarus", "--format", "json"]) == 0
    by_name = capsys.readouterr().out
    assert main(["list", "--jurisdiction", "BY", "--format", "json"]) == 0
    assert capsys.readouterr().out == by_name
    assert main(["show", "BY"]) == 0
    card = capsys.readouterr().out
    assert card.startswith("Belarus\n")
    assert main(["show", "Беларусь", "--format", "json"]) == 0
    assert '"id": "by"' in capsys.readouterr().out


def test_an_unknown_id_suggests_the_closest_by_spelling(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(cisai.NotFoundError) as info:
        DS.get("by-law-99z-2021-personal")
    assert "did you mean 'by-law-99z-2021-personal-data'" in str(info.value)
    assert main(["show", "no-such-record"]) == 1
    err = capsys.readouterr().err
    assert "did you mean" in err
    assert "e.g. 'ai'" not in err
