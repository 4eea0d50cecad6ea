"""The bundled data itself: it loads, and it says what the sources say."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest

import cisai
from cisai import (
    Attestation,
    Dataset,
    EventKind,
    Instrument,
    InstrumentKind,
    PartialDate,
    Principle,
    Source,
    TitleKind,
    Topic,
)

VERSION = re.compile(r"(\d{4})\.(\d{1,2})\.(\d+)")


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return cisai.load()


def records(ds: Dataset) -> list[cisai.AnyRecord]:
    return list(ds)


def all_sources(record: object) -> Iterator[tuple[str, Source]]:
    """Every source of a record, its events and its relations, with where it is."""
    for index, source in enumerate(getattr(record, "sources", ())):
        yield f"sources[{index}]", source
    for e, event in enumerate(getattr(record, "events", ())):
        for index, source in enumerate(event.sources):
            yield f"events[{e}].sources[{index}]", source
    for r, relation in enumerate(getattr(record, "relations", ())):
        for index, source in enumerate(relation.sources):
            yield f"relations[{r}].sources[{index}]", source


def cited_urls(instrument: Instrument) -> set[str]:
    """The instrument's own and its events' source URLs."""
    urls = {s.url for s in instrument.sources}
    for event in instrument.events:
        urls.update(s.url for s in event.sources)
    return urls


def normalise(url: str) -> str:
    url = re.sub(r"^https?://", "", url.strip())
    url = re.sub(r"^www\.", "", url)
    return url.rstrip("/").lower()


# -- it loads ----------------------------------------------------------------------------------


def test_bundled_data_loads() -> None:
    ds = cisai.load()
    assert isinstance(ds, Dataset)
    assert ds.data_version == cisai.DATA_VERSION
    assert len(ds.instruments) > 0


def test_load_is_cached() -> None:
    assert cisai.load() is cisai.load()


def test_ids_are_unique(ds: Dataset) -> None:
    ids = [r.id for r in records(ds)]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates
    assert len(ids) == len(ds)
    for record_id in ids:
        assert ds.get(record_id).id == record_id


def test_ids_are_slugs(ds: Dataset) -> None:
    bad = [r.id for r in records(ds) if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.id)]
    assert not bad


# -- provenance --------------------------------------------------------------------------------


def test_every_record_has_a_source(ds: Dataset) -> None:
    unsourced = [r.id for r in records(ds) if not isinstance(r, Topic) and not r.sources]
    assert not unsourced


def test_every_event_has_a_source(ds: Dataset) -> None:
    unsourced = [
        f"{i.id}: events[{n}]"
        for i in ds.instruments
        for n, e in enumerate(i.events)
        if not e.sources
    ]
    assert not unsourced


def test_every_source_url_is_http(ds: Dataset) -> None:
    bad = [
        f"{r.id}: {where}: {source.url}"
        for r in records(ds)
        for where, source in all_sources(r)
        if not source.url.startswith(("http://", "https://"))
    ]
    assert not bad


def test_source_urls_have_no_whitespace(ds: Dataset) -> None:
    bad = [
        f"{r.id}: {where}: {source.url!r}"
        for r in records(ds)
        for where, source in all_sources(r)
        if re.search(r"\s", source.url)
    ]
    assert not bad


def test_wording_only_from_official_text(ds: Dataset) -> None:
    bad = [
        p.id
        for p in [*ds.principles, *ds.provisions]
        if p.wording is not None and p.attestation is not Attestation.OFFICIAL_TEXT
    ]
    assert not bad


def test_principles_never_have_wording_unless_official_text(ds: Dataset) -> None:
    for principle in ds.principles:
        assert isinstance(principle, Principle)
        if principle.attestation is not Attestation.OFFICIAL_TEXT:
            assert principle.wording is None, principle.id


def test_versions(ds: Dataset) -> None:
    newest = tuple(int(g) for g in VERSION.fullmatch(cisai.DATA_VERSION).groups())  # type: ignore[union-attr]
    for record in records(ds):
        match = VERSION.fullmatch(record.added_in)
        assert match, f"{record.id}: added_in {record.added_in!r}"
        added = tuple(int(g) for g in match.groups())
        assert 1 <= added[1] <= 12, record.id
        assert added <= newest, record.id
        if record.changed_in is not None:
            match = VERSION.fullmatch(record.changed_in)
            assert match, f"{record.id}: changed_in {record.changed_in!r}"
            changed = tuple(int(g) for g in match.groups())
            assert added <= changed <= newest, record.id


# -- timelines ---------------------------------------------------------------------------------


def test_events_are_in_chronological_order(ds: Dataset) -> None:
    bad = []
    for instrument in ds.instruments:
        latest_start: tuple[int, PartialDate] | None = None
        for index, event in enumerate(instrument.events):
            if event.date is None:
                continue
            # Non-decreasing, allowing for partial dates: no event may lie wholly
            # before an event listed earlier.
            if latest_start is not None and event.date.end < latest_start[1].start:
                bad.append(
                    f"{instrument.id}: events[{index}] {event.date} "
                    f"before events[{latest_start[0]}] {latest_start[1]}"
                )
            if latest_start is None or event.date.start > latest_start[1].start:
                latest_start = (index, event.date)
    assert not bad


def test_never_in_force_before_signed_or_adopted(ds: Dataset) -> None:
    bad = []
    for instrument in ds.instruments:
        enacted = [
            e.date
            for e in instrument.events
            if e.kind in (EventKind.SIGNED, EventKind.ADOPTED) and e.date is not None
        ]
        if not enacted:
            continue
        first = min(enacted)
        for event in instrument.events:
            if (
                event.kind is EventKind.IN_FORCE
                and event.date is not None
                and event.date.end < first.start
            ):
                bad.append(f"{instrument.id}: in force {event.date} before {first}")
    assert not bad


def test_instrument_date_is_one_of_its_event_dates(ds: Dataset) -> None:
    bad = []
    for instrument in ds.instruments:
        dated = {e.date for e in instrument.events if e.date is not None}
        if instrument.date is not None and dated and instrument.date not in dated:
            bad.append(instrument.id)
    assert not bad


def test_instruments_are_in_date_order(ds: Dataset) -> None:
    dated = [i.date for i in ds.instruments if i.date is not None]
    assert dated == sorted(dated)


# -- topics ------------------------------------------------------------------------------------


def test_record_topics_are_in_the_taxonomy(ds: Dataset) -> None:
    known = set(ds.topics.ids())
    bad = [
        f"{r.id}: {t}"
        for r in records(ds)
        if not isinstance(r, Topic)
        for t in getattr(r, "topics", ())
        if t not in known
    ]
    assert not bad


def test_taxonomy_size_and_aliases(ds: Dataset) -> None:
    assert len(ds.topics) >= 12
    assert any(t.aliases for t in ds.topics)


def test_taxonomy_is_a_tree(ds: Dataset) -> None:
    by_id = {t.id: t for t in ds.topics}
    assert any(t.parent is None for t in ds.topics)
    for topic in ds.topics:
        seen = {topic.id}
        node = topic
        while node.parent is not None:
            assert node.parent in by_id, f"{node.id}: unknown parent {node.parent!r}"
            assert node.parent not in seen, f"{topic.id}: cycle through {node.parent!r}"
            seen.add(node.parent)
            node = by_id[node.parent]


def test_topic_labels_are_not_empty(ds: Dataset) -> None:
    assert all(t.label.strip() for t in ds.topics)


# -- titles ------------------------------------------------------------------------------------


def test_titles_are_not_empty(ds: Dataset) -> None:
    bad = [
        i.id for i in ds.instruments if not i.titles or any(not t.text.strip() for t in i.titles)
    ]
    assert not bad


def test_first_title_is_english(ds: Dataset) -> None:
    bad = [i.id for i in ds.instruments if i.titles[0].lang != "en"]
    assert not bad
    assert all(i.title == i.titles[0].text for i in ds.instruments)


def test_names_are_not_empty(ds: Dataset) -> None:
    bad = [r.id for r in [*ds.bodies, *ds.jurisdictions] if not r.name.strip()]
    assert not bad


# -- the model law -----------------------------------------------------------------------------


def test_model_law_identity(ds: Dataset) -> None:
    law = ds.model_law
    assert law.id == "cis-model-law-ai-2025"
    assert law.id == cisai.MODEL_LAW_ID
    assert str(law.date) == "2025-04-18"
    assert law.kind is InstrumentKind.MODEL_LAW
    assert "ipa-cis" in law.issuers
    assert cisai.get("cis-model-law-ai-2025") is law


def test_model_law_titles(ds: Dataset) -> None:
    law = ds.model_law
    russian = [t.text for t in law.titles_in("ru")]
    assert any("О технологиях искусственного интеллекта" in text for text in russian), russian
    assert any(t.kind is TitleKind.WORKING for t in law.titles)
    assert law.titles[0].lang == "en"


def test_model_law_timeline(ds: Dataset) -> None:
    law = ds.model_law
    assert any(
        e.kind is EventKind.ADOPTED and e.date == PartialDate(2025, 4, 18) for e in law.events
    )
    dated = [e.date for e in law.events if e.date is not None]
    assert any(d.year == 2022 for d in dated)
    assert any(d.start > dt.date(2025, 4, 30) for d in dated)


def test_model_law_records_what_is_unknown(ds: Dataset) -> None:
    fields = {u.field for u in ds.model_law.unknowns}
    assert fields & {"text", "number"}
    assert all(u.note.strip() for u in ds.model_law.unknowns)


def test_model_law_participants(ds: Dataset) -> None:
    participants = {j.code for j in ds.jurisdictions if j.model_law_participant is True}
    assert participants == {"AM", "AZ", "BY", "KZ", "KG", "RU", "TJ", "UZ"}


def test_model_law_is_found_by_query() -> None:
    assert [i.id for i in cisai.instruments(jurisdiction="CIS", kind="model_law")] == [
        "cis-model-law-ai-2025"
    ]


# -- the seed's items --------------------------------------------------------------------------

SEED_URLS = [
    "nasb.gov.by/eng/news/14755",
    "undp.org/belarus/news/how-belarus-improving-quality-ai-services",
    "eng.belta.by/society/view/belarus-sets-up-center-for-artificial-intelligence-165859-2025",
    "eng.belta.by/president/view/lukashenko-approves-priorities-for-scientific-sci-tech-and-"
    "innovative-work-for-2026-2030-166749-2025",
    "news.by/eng/news/obshchestvo/belarus-approves-concept-of-digital-development-sovereignty-"
    "until-2030",
    "themoscowtimes.com/2025/07/11/russia-and-belarus-to-develop-ai-rooted-in-traditional-values",
    "president.gov.by/en/documents/ukaz-no-200",
    "dig.watch/updates/belarus-adopts-data-protection-regulation",
    "news.cgtn.com/news/2025-07-09/brics-leaders-issue-landmark-statement-on-global-ai-governance",
]


@pytest.mark.parametrize("fragment", SEED_URLS)
def test_seed_item_is_cited(ds: Dataset, fragment: str) -> None:
    citing = [
        i.id for i in ds.instruments if any(fragment in normalise(url) for url in cited_urls(i))
    ]
    assert citing, f"no instrument cites {fragment}"


# -- import cost -------------------------------------------------------------------------------

_PROBE = textwrap.dedent(
    """
    import sys

    opened = []

    def hook(event, args):
        if event == "open" and args and isinstance(args[0], (str, bytes)):
            name = args[0] if isinstance(args[0], str) else args[0].decode("utf-8", "replace")
            if name.endswith((".yaml", ".yml")):
                opened.append(name)

    sys.addaudithook(hook)
    import cisai

    heavy = sorted(
        m for m in sys.modules if m.split(".")[0] in {"yaml", "_yaml", "cattrs", "dateutil"}
    )
    print("heavy", heavy)
    print("opened", opened)
    print("loading", "cisai._loading" in sys.modules)
    """
)


def test_import_is_light() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    lines = dict(line.split(" ", 1) for line in result.stdout.strip().splitlines())
    assert lines["heavy"] == "[]"
    assert lines["opened"] == "[]"
    assert lines["loading"] == "False"
