"""The instruments of every state that took part in the model law, and the comparison."""

from __future__ import annotations

import pytest

import cisai
from cisai import Instrument

STATES = ["AM", "AZ", "BY", "KZ", "KG", "RU", "TJ", "UZ"]


@pytest.fixture(scope="module")
def ds() -> cisai.Dataset:
    return cisai.load()


@pytest.mark.parametrize("code", STATES)
def test_each_participating_state_has_sourced_instruments(ds: cisai.Dataset, code: str) -> None:
    instruments = ds.instruments.filter(jurisdiction=code)
    assert len(instruments) >= 2
    for instrument in instruments:
        assert instrument.sources
        assert all(s.url.startswith(("http://", "https://")) for s in instrument.sources)


def test_national_acts_say_their_link_to_the_model_law_is_unknown(ds: cisai.Dataset) -> None:
    """No source says a national act of the other states implements the model law."""
    for code in ("KZ", "KG", "RU", "TJ", "UZ", "AZ"):
        for instrument in ds.instruments.filter(jurisdiction=code):
            links = [r for r in instrument.relations if r.target == cisai.MODEL_LAW_ID]
            assert not links, instrument.id
            if instrument.kind in (cisai.InstrumentKind.LAW, cisai.InstrumentKind.CODE):
                assert "model_law_link" in {u.field for u in instrument.unknowns}, instrument.id


def test_several_jurisdictions_at_once(ds: cisai.Dataset) -> None:
    both = ds.instruments.filter(jurisdiction=["KZ", "UZ"])
    assert {i.jurisdiction for i in both} == {"KZ", "UZ"}
    assert len(both) == len(ds.instruments.filter(jurisdiction="KZ")) + len(
        ds.instruments.filter(jurisdiction="UZ")
    )


def test_every_ai_law_in_force_on_1_february_2026(ds: cisai.Dataset) -> None:
    laws = ds.instruments.filter(
        kind=["law", "code"], topic="ai-regulation", in_force_on="2026-02-01"
    )
    assert "kz-law-ai-2025" in laws.ids()  # in force since 18 January 2026
    assert "kz-law-ai-2025" not in ds.instruments.filter(in_force_on="2025-12-01").ids()


def test_every_national_ai_strategy(ds: cisai.Dataset) -> None:
    strategies = {i.jurisdiction for i in ds.instruments.filter(topic="ai-strategy")}
    assert {"KZ", "RU", "TJ", "UZ", "AZ"} <= strategies


def test_which_states_have_a_dedicated_ai_regulator(ds: cisai.Dataset) -> None:
    comparison = cisai.compare(dataset=ds)
    with_regulator = {row.jurisdiction.code for row in comparison.rows if row.has("regulator")}
    assert "KZ" in with_regulator
    assert "AM" not in with_regulator  # no AI regulator, says the Armenian source
    for row in comparison.rows:
        for entry in row.cells["regulator"]:
            assert entry.instrument.kind is cisai.InstrumentKind.INSTITUTION
            assert "regulators" in entry.instrument.topics


def test_comparison_cells_on_fixed_dates(ds: cisai.Dataset) -> None:
    after = cisai.compare(on="2026-02-01", dataset=ds).row("KZ")
    before = cisai.compare(on="2025-12-01", dataset=ds).row("KZ")
    assert after.has("law", in_force=True)
    assert before.has("law")
    assert not before.has("law", in_force=True)
    assert not cisai.compare(on="2025-01-01", dataset=ds).row("KZ").has("law")


def test_comparison_topic_narrows(ds: cisai.Dataset) -> None:
    everything = cisai.compare(dataset=ds)
    regulation = cisai.compare(topic="ai-regulation", dataset=ds)
    for wide, narrow in zip(everything.rows, regulation.rows, strict=True):
        for group, entries in narrow.cells.items():
            assert {e.instrument.id for e in entries} <= {
                e.instrument.id for e in wide.cells[group]
            }
            assert all(isinstance(e.instrument, Instrument) for e in entries)


def test_comparison_to_dict_is_json_ready(ds: cisai.Dataset) -> None:
    import json

    document = cisai.compare(on="2026-02-01", dataset=ds).to_dict()
    assert json.loads(json.dumps(document)) == document
    assert document["on"] == "2026-02-01"
