"""The bundled data itself: it loads, and it says what the sources say.

The loader's rules (ids, sources, versions, timelines, topics, titles, ...) are not
re-checked here on data ``load()`` has already accepted: ``test_checks.py`` and
``test_loader_errors.py`` show that they reject data breaking them. What is here can
fail on the data alone.
"""

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
    Dataset,
    EventKind,
    Instrument,
    InstrumentKind,
    PartialDate,
    Source,
    TitleKind,
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


def test_principle_concepts_have_an_id_space_of_their_own(ds: Dataset) -> None:
    concept_ids = ds.principle_concepts.ids()
    assert len(set(concept_ids)) == len(concept_ids)
    for concept in ds.principle_concepts:
        assert ds.principle_concept(concept.id) is concept
        for alias in concept.aliases:
            assert ds.principle_concept(alias.upper()) is concept
    # "transparency" names a topic and a concept; each lookup finds its own
    assert isinstance(ds.get("transparency"), cisai.Topic)
    assert ds.principle_concept("transparency").label.startswith("Transparency")
    with pytest.raises(cisai.NotFoundError, match="did you mean 'transparency'"):
        ds.principle_concept("transparancy")


# -- provenance --------------------------------------------------------------------------------


# -- order -------------------------------------------------------------------------------------


def test_instruments_come_in_date_order_whatever_order_they_are_given(ds: Dataset) -> None:
    """The rule the loader's checks do not make: a Dataset orders its instruments itself."""
    given = list(reversed(list(ds)))
    again = Dataset(given, ds.data_version)
    dated = [i for i in again.instruments if i.date is not None]
    undated = [i for i in again.instruments if i.date is None]
    assert list(again.instruments) == dated + undated  # undated ones last
    keys = [(i.date.sort_key(), i.id) for i in dated if i.date is not None]
    assert keys == sorted(keys)
    assert [i.id for i in undated] == sorted(i.id for i in undated)
    assert list(again.instruments) == list(ds.instruments)


# -- topics ------------------------------------------------------------------------------------


def test_taxonomy_size_and_aliases(ds: Dataset) -> None:
    assert len(ds.topics) >= 12
    assert any(t.aliases for t in ds.topics)


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
