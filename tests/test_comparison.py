"""``cisai._comparison``: each participating state's instruments by group, with their status.

The first tests read the bundled data of every state that took part in the model law;
the direct tests build a small dataset (from :mod:`small_data`) whose instruments and
events are known, so the group of each instrument and its status on each day can be
checked by reading them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cisai
from cisai import Instrument, PartialDate, QueryError
from small_data import variant, write

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
    document = cisai.compare(on="2026-02-01", dataset=ds).to_dict()
    assert json.loads(json.dumps(document)) == document
    assert document["on"] == "2026-02-01"


# -- direct tests on a small dataset -------------------------------------------------------------

# The base law gains an entry into force and a repeal; four more instruments fill the
# other groups (a decree approving a strategy counts as a strategy by its topic).
EVENTS = """\
      - kind: in_force
        date: 2025-07-01
        sources: [src-one]
      - kind: repealed
        date: 2026-01-01
        sources: [src-one]
"""

OTHERS = """\
  - id: by-{id}
    kind: {kind}
    titles: [{{text: {id}, lang: en}}]
    jurisdiction: BY
    date: 2025-05
    status: {status}
    topics: [{topics}]
    summary: A {kind}.
    attestation: secondary_report
    confidence: medium
    sources: [src-one]
    added_in: "2026.11.0"
"""

TOPICS = """\
  - id: ai-strategy
    label: AI strategy
    parent: ai
    added_in: "2026.11.0"
  - id: regulators
    label: Regulators
    added_in: "2026.11.0"
jurisdictions:
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> cisai.Dataset:
    text = variant(
        ("jurisdictions:\n", TOPICS), ("    status: adopted\n", "    status: repealed\n")
    )
    text += EVENTS
    for id_, kind, status, topics in [
        ("strategy", "strategy", "adopted", "ai"),
        ("decree", "decree", "adopted", "ai-strategy"),
        ("agency", "institution", "active", "regulators"),
        ("standard", "standard", "draft", "ai"),
    ]:
        text += OTHERS.format(id=id_, kind=kind, status=status, topics=topics)
    path: Path = write(tmp_path_factory.mktemp("cmp"), text)
    return cisai.load(extra=[path], bundled=False)


def cells(comparison: cisai.Comparison) -> dict[str, list[tuple[str, str]]]:
    return {
        group: [(e.instrument.id, e.status) for e in entries]
        for group, entries in comparison.row("BY").cells.items()
    }


def test_each_instrument_is_in_its_group(small: cisai.Dataset) -> None:
    assert cells(cisai.compare(dataset=small)) == {
        "law": [("by-ai-law", "repealed")],
        # in the Dataset's order of instruments: by date, then id
        "strategy": [("by-decree", "adopted"), ("by-strategy", "adopted")],
        "regulator": [("by-agency", "active")],
        "other": [("by-standard", "draft")],
    }


@pytest.mark.parametrize(
    ("day", "law"),
    [
        ("2025-04-01", []),  # dated 18 April 2025: it did not exist yet
        ("2025-04-18", [("by-ai-law", "adopted")]),
        ("2025-06-30", [("by-ai-law", "adopted")]),
        ("2025-07-01", [("by-ai-law", "in_force")]),
        ("2025-12-31", [("by-ai-law", "in_force")]),
        ("2026-01-01", [("by-ai-law", "repealed")]),
    ],
)
def test_the_status_on_a_day_is_read_from_the_events(
    small: cisai.Dataset, day: str, law: list[tuple[str, str]]
) -> None:
    assert cells(cisai.compare(on=day, dataset=small))["law"] == law


def test_an_instrument_dated_later_than_the_day_is_left_out(small: cisai.Dataset) -> None:
    found = cells(cisai.compare(on="2025-04-30", dataset=small))
    assert found["strategy"] == []  # dated May 2025
    assert found["law"] == [("by-ai-law", "adopted")]


def test_rows_are_the_participating_states_by_code(small: cisai.Dataset) -> None:
    comparison = cisai.compare(dataset=small)
    assert [row.jurisdiction.code for row in comparison.rows] == ["BY"]
    assert comparison.row("by") is comparison.rows[0]
    with pytest.raises(QueryError, match="no row for 'KZ' in this comparison; accepted: BY"):
        comparison.row("KZ")


def test_has_asks_for_any_or_an_in_force_instrument(small: cisai.Dataset) -> None:
    row = cisai.compare(on="2025-08-01", dataset=small).row("BY")
    assert row.has("law", in_force=True)
    assert row.has("strategy")
    assert not row.has("strategy", in_force=True)


def test_to_dict_gives_ids_and_statuses_per_group(small: cisai.Dataset) -> None:
    document = cisai.compare(on="2025-08-01", dataset=small).to_dict()
    assert document["on"] == "2025-08-01"
    assert document["groups"] == ["law", "strategy", "regulator", "other"]
    (state,) = document["states"]
    assert (state["code"], state["name"]) == ("BY", "Belarus")
    assert state["law"] == [
        {
            "id": "by-ai-law",
            "title": "Law on artificial intelligence",
            "kind": "law",
            "date": "2025-04-18",
            "status": "in_force",
            "in_force": "in_force",
            "in_force_reason": "in force since 2025-07-01",
        }
    ]
    assert json.loads(json.dumps(document)) == document


LATER = """\
sources:
  later-page:
    url: https://example.org/a-later-step
instruments:
  - id: user-kz-later-step
    kind: statement
    titles: [{text: A later step, lang: en}]
    jurisdiction: KZ
    status: published
    topics: [ai]
    summary: A user's record of a step after the bundled data's reading date.
    events:
      - {kind: published, date: 2027-03-01, sources: [later-page]}
      - {kind: announced, date: 2027, sources: [later-page]}
    attestation: secondary_report
    confidence: low
    sources: [later-page]
    added_in: "2026.12.0"
"""


def test_each_state_shows_its_latest_event_however_the_comparison_is_narrowed(
    ds: cisai.Dataset, tmp_path: Path
) -> None:
    (tmp_path / "later.yaml").write_text(LATER, encoding="utf-8")
    joined = cisai.load(extra=[tmp_path])
    bundled = {row.jurisdiction.code: row.latest_event for row in cisai.compare(dataset=ds).rows}
    for kwargs in ({}, {"on": "2026-01-01"}, {"topic": "ai-strategy"}):
        rows = cisai.compare(dataset=joined, **kwargs).rows
        latest = {row.jurisdiction.code: row.latest_event for row in rows}
        assert latest["KZ"] == PartialDate(2027, 3, 1)  # the day beats the bare year 2027
        assert {c: d for c, d in latest.items() if c != "KZ"} == {
            c: d for c, d in bundled.items() if c != "KZ"
        }
    assert cisai.compare(dataset=joined).to_dict()["states"][3]["latest_event"] == "2027-03-01"


def test_no_bundled_event_is_later_than_the_day_the_sources_were_read(ds: cisai.Dataset) -> None:
    until = PartialDate.parse(cisai.SOURCES_READ_UNTIL)
    late = [
        (i.id, str(e.date))
        for i in ds.instruments
        for e in i.events
        if e.date is not None and e.date.start > until.start
    ]
    assert late == [], "events after SOURCES_READ_UNTIL: move it on, or fix the dates"
    latest = [row.latest_event for row in cisai.compare(dataset=ds).rows]
    assert all(d is not None and d.start <= until.start for d in latest)
