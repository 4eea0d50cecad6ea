"""The docs catalogue is generated from the data: every record has its place in it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

import cisai


@pytest.fixture(scope="module")
def catalogue(load_script: Callable[[str], ModuleType]) -> ModuleType:
    return load_script("hooks/catalogue.py")


@pytest.fixture(scope="module")
def pages(catalogue: ModuleType) -> dict[str, str]:
    return catalogue.generate_pages(cisai.load())  # type: ignore[no-any-return]


def test_every_instrument_has_its_page(pages: dict[str, str]) -> None:
    for instrument in cisai.load().instruments:
        page = pages[f"catalogue/instruments/{instrument.id}.md"]
        assert page.startswith(f"# {instrument.title}\n")
        assert instrument.summary in page
        for source in instrument.sources:
            assert source.url in page
        for event in instrument.events:
            assert f"| {event.date or 'undated'} | {event.kind.value} |" in page


def test_every_record_has_its_place(pages: dict[str, str]) -> None:
    anchors = set()
    for text in pages.values():
        anchors.update(re.findall(r"\{#([a-z0-9-]+)\}", text))
    concept_anchors = set(re.findall(r"\{#([a-z0-9-]+)\}", pages["catalogue/principles.md"]))
    for record in cisai.load():
        if isinstance(record, cisai.Instrument):
            continue
        if isinstance(record, cisai.PrincipleConcept):
            assert f"concept-{record.id}" in concept_anchors, record.id
            continue
        assert record.id in anchors, f"{type(record).__name__} {record.id} has no catalogue anchor"


def test_index_pages_and_timeline(pages: dict[str, str]) -> None:
    ds = cisai.load()
    for name in ("index", "topics", "years", "bodies", "unknowns", "comparison", "timeline"):
        assert f"catalogue/{name}.md" in pages
    svg = pages["catalogue/timeline.svg"]
    assert svg.startswith("<svg")
    assert svg.rstrip().endswith("</svg>")
    assert svg.count("<circle") >= len([i for i in ds.instruments if i.date])
    for unknown in ds.model_law.unknowns:
        assert unknown.field in pages["catalogue/unknowns.md"]
    assert "kz-law-ai-2025" in pages["catalogue/comparison.md"]


def test_record_reference_lists_every_field_with_a_meaning(
    load_script: Callable[[str], ModuleType],
) -> None:
    import attrs

    from cisai import _model as model

    reference = load_script("hooks/records_reference.py")
    page = reference.generate_page()
    for cls in (*model.RECORD_TYPES, *reference.VALUE_TYPES):
        assert f"## {cls.__name__}\n" in page
        for attribute in attrs.fields(cls):
            rows = [
                line for line in page.splitlines() if line.startswith(f"| `{attribute.name}` |")
            ]
            assert rows, f"{cls.__name__}.{attribute.name} is missing"
            assert all(not row.endswith("|  |") for row in rows), f"{attribute.name} has no meaning"
    for member in model.InstrumentKind:
        assert f"`{member.value}`" in page


def test_record_reference_lists_every_criterion_with_the_types_it_applies_to(
    load_script: Callable[[str], ModuleType],
) -> None:
    page = load_script("hooks/records_reference.py").generate_page()
    section = page[page.index("# Query criteria") :]
    for criterion in cisai.CRITERIA.values():
        (row,) = [
            line for line in section.splitlines() if line.startswith(f"| `{criterion.name}` |")
        ]
        applies = row.rstrip(" |").rsplit("| ", 1)[1].split(", ")
        expected = [c.__name__ for c in cisai.RECORD_TYPES if criterion.applies_to(c)]
        assert applies == expected, criterion.name
    status_row = next(line for line in section.splitlines() if line.startswith("| `status` |"))
    assert status_row.endswith("| Instrument |")


def test_principles_page_links_every_principle_and_competency(pages: dict[str, str]) -> None:
    page = pages["catalogue/principles.md"]
    ds = cisai.load()
    for record in (*ds.principles, *ds.competencies, *ds.prohibitions):
        target = f"instruments/{record.instrument}.md#{record.id}"
        assert target in page, record.id
        assert f"{{#{record.id}}}" in pages[f"catalogue/instruments/{record.instrument}.md"]
    assert "editorial judgement" in page
    for concept in ds.principle_concepts:
        assert f"](#concept-{concept.id})" in page


def test_principles_page_cells(catalogue: ModuleType, tmp_path: Path) -> None:
    text = (Path(__file__).parent / "test_principles.py").read_text(encoding="utf-8")
    base = text[text.index('BASE = """\\\n') + len('BASE = """\\\n') :]
    path = tmp_path / "data.yaml"
    path.write_text(base[: base.index('"""')], encoding="utf-8")
    page = catalogue.principles_page(cisai.load(extra=[path], bundled=False))
    table = [line for line in page.splitlines() if line.startswith("| [")]
    transparency, oversight = table[:2]
    assert transparency.startswith("| [Transparency and explainability](#concept-transparency) |")
    cells = transparency.strip("| ").split(" | ")
    assert cells[1] == f"*{cisai.NOT_FOUND}*"  # the model law's column
    assert cells[2] == (
        "[Transparency and explainability](../catalogue/instruments/kz-ai-law.md"
        "#kz-ai-law-principle-transparency) (R)"
    )
    assert oversight.count(f"*{cisai.NOT_FOUND}*") == 2
    assert all("absent" not in line for line in page.splitlines() if line.startswith("|"))
    assert "[Ministry of AI](../catalogue/instruments/kz-ai-law.md#kz-ai-law-competency" in page
    assert "Art. 17(3) (per [example.org](https://example.org/one), high confidence)" in page
    assert "| wording | The text was not read. |" in page
