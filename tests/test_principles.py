"""Principles, competencies and prohibitions: the new shape loads, and every mistake in it
is a DataError naming file, line, record and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cisai
from cisai import DataError
from cisai._loading import build_bundled

BASE = """\
sources:
  src-one:
    url: https://example.org/one
    kind: official
  src-two:
    url: https://example.org/two
topics:
  - id: ai
    label: Artificial intelligence
    added_in: "2026.11.0"
principle_concepts:
  - id: transparency
    label: Transparency and explainability
    label_ru: Прозрачность и объяснимость
    definition: Open and understandable AI.
    aliases: [explainability]
    added_in: "2026.12.0"
  - id: human-oversight
    label: Human decision and oversight
    definition: People keep the decision.
    added_in: "2026.12.0"
jurisdictions:
  - id: kazakhstan
    code: KZ
    name: Kazakhstan
    kind: state
    model_law_participant: true
    attestation: official_report
    confidence: high
    sources: [src-one]
    added_in: "2026.11.0"
bodies:
  - id: kz-ministry
    name: Ministry of AI
    kind: ministry
    jurisdiction: KZ
    attestation: official_report
    confidence: high
    sources: [src-one]
    added_in: "2026.11.0"
instruments:
  - id: kz-ai-law
    kind: law
    titles:
      - {text: Law on artificial intelligence, lang: en}
    jurisdiction: KZ
    status: adopted
    topics: [ai]
    summary: A law about AI.
    attestation: official_report
    confidence: high
    sources: [src-one]
    added_in: "2026.11.0"
principles:
  - id: kz-ai-law-principle-transparency
    instrument: kz-ai-law
    name: Transparency and explainability
    names:
      - {text: "прозрачность и объяснимость", lang: ru, kind: official}
    concepts: [transparency]
    locators:
      - {text: "Art. 7", source: src-two, confidence: low, note: From a compilation.}
    gist: Users learn what a system can do.
    attestation: official_report
    confidence: high
    sources: [src-one]
    unknowns:
      - {field: wording, note: The text was not read.}
    added_in: "2026.12.0"
competencies:
  - id: kz-ai-law-competency-kz-ministry-criteria
    instrument: kz-ai-law
    holder: kz-ministry
    kind: rule_making
    name: Approves the criteria
    names:
      - {text: "утверждает критерии", lang: ru, kind: official}
    locators:
      - {text: "Art. 13(1)(6)", source: src-one, confidence: medium}
    gist: Approves criteria for AI systems.
    attestation: official_report
    confidence: high
    sources: [src-one]
    added_in: "2026.12.0"
prohibitions:
  - id: kz-ai-law-prohibition-manipulation
    instrument: kz-ai-law
    name: Manipulation
    locators:
      - {text: "Art. 17(3)", source: "https://example.org/one", confidence: high}
    gist: AI may not be used to manipulate people.
    topics: [ai]
    attestation: official_report
    confidence: high
    sources: [src-one]
    added_in: "2026.12.0"
"""


def variant(*replacements: tuple[str, str], text: str = BASE) -> str:
    """``text`` with each ``(old, new)`` replaced; ``old`` must occur exactly once."""
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def line_of(text: str, needle: str) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(lines) == 1, (needle, lines)
    return lines[0]


def load_text(tmp_path: Path, text: str) -> cisai.Dataset:
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    return cisai.load(extra=[path], bundled=False)


def only_problem(tmp_path: Path, text: str) -> tuple[cisai.Problem, str]:
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path], bundled=False)
    assert len(info.value.problems) == 1, [str(p) for p in info.value.problems]
    return info.value.problems[0], str(path)


# -- the shape loads -----------------------------------------------------------------------


def test_the_new_shape_loads(tmp_path: Path) -> None:
    ds = load_text(tmp_path, BASE)
    principle = ds.principles[0]
    assert principle.concepts == ("transparency",)
    assert principle.names[0] == cisai.Title(text="прозрачность и объяснимость", lang="ru")
    locator = principle.locators[0]
    assert (locator.text, locator.confidence, locator.note) == (
        "Art. 7",
        cisai.Confidence.LOW,
        "From a compilation.",
    )
    assert locator.source.url == "https://example.org/two"  # the catalogued source itself
    competency = ds.competencies[0]
    assert competency.kind is cisai.CompetencyKind.RULE_MAKING
    assert competency.name == "Approves the criteria"
    assert competency.locators[0].source is competency.sources[0]  # one object, shared
    prohibition = ds.prohibitions[0]
    assert isinstance(prohibition, cisai.Prohibition)
    assert prohibition.locators[0].source.url == "https://example.org/one"  # by URL
    assert ds.principle_concept("explainability").id == "transparency"
    assert ds.parts_of("kz-ai-law").ids() == (
        principle.id,
        competency.id,
        prohibition.id,
    )


def test_competency_kinds_are_the_documented_vocabulary() -> None:
    assert [k.value for k in cisai.CompetencyKind] == [
        "coordination",
        "policy_making",
        "rule_making",
        "supervision",
        "enforcement",
        "registers",
        "certification",
        "advisory",
        "funding",
        "standardisation",
        "international_cooperation",
        "administration",
        "implementation",
        "research_support",
    ]


def test_the_new_records_round_trip_through_json(tmp_path: Path) -> None:
    ds = load_text(tmp_path, BASE)
    for record in [*ds.principle_concepts, *ds.principles, *ds.competencies, *ds.prohibitions]:
        assert cisai.from_json(cisai.to_json(record), type(record)) == record
    text = cisai.to_json(ds, indent=1)
    again = cisai.from_json(text, cisai.Dataset)
    assert cisai.to_json(again, indent=1) == text
    document = json.loads(text)
    assert document["principle_concepts"][0]["label_ru"] == "Прозрачность и объяснимость"
    assert document["principles"][0]["locators"][0]["source"]["url"] == "https://example.org/two"


def test_the_new_fields_reach_csv_jsonl_and_the_schema(tmp_path: Path) -> None:
    ds = load_text(tmp_path, BASE)
    lines = [json.loads(line) for line in cisai.to_jsonl(ds).splitlines()]
    assert {"principle_concept", "principle", "competency", "prohibition"} <= {
        line["type"] for line in lines
    }
    csv_text = cisai.to_csv(ds.principles)
    assert "transparency" in csv_text
    assert "Art. 7" in csv_text
    schema = cisai.json_schema()
    assert "prohibitions" in schema["required"]
    concepts = schema["$defs"]["Principle"]["properties"]["concepts"]
    assert "editorial judgement" in concepts["description"]
    assert schema["$defs"]["Locator"]["required"] == ["text", "source", "confidence"]


# -- every mistake is located --------------------------------------------------------------


def test_unknown_concept(tmp_path: Path) -> None:
    text = variant(("concepts: [transparency]", "concepts: [transparancy]"))
    problem, file = only_problem(tmp_path, text)
    assert (problem.file, problem.line, problem.record_id, problem.field) == (
        file,
        line_of(text, "concepts: [transparancy]"),
        "kz-ai-law-principle-transparency",
        "concepts[0]",
    )
    assert "unknown principle concept 'transparancy'; did you mean 'transparency'?" in str(problem)


def test_unknown_locator_source(tmp_path: Path) -> None:
    text = variant(("source: src-two, confidence: low", "source: src-tow, confidence: low"))
    problem, file = only_problem(tmp_path, text)
    assert (problem.file, problem.line, problem.record_id, problem.field) == (
        file,
        line_of(text, "src-tow"),
        "kz-ai-law-principle-transparency",
        "locators[0].source",
    )
    assert "unknown source 'src-tow'; did you mean 'src-two'" in problem.message


def test_locator_without_confidence(tmp_path: Path) -> None:
    text = variant(('{text: "Art. 13(1)(6)", source: src-one, confidence: medium}', "{text: x}"))
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path], bundled=False)
    fields = {p.field: p.message for p in info.value.problems}
    assert fields == {
        "locators[0].source": "required field missing",
        "locators[0].confidence": "required field missing",
    }


def test_holder_that_is_not_a_body(tmp_path: Path) -> None:
    text = variant(("holder: kz-ministry", "holder: kz-ai-law"))
    problem, file = only_problem(tmp_path, text)
    assert (problem.file, problem.line, problem.field) == (
        file,
        line_of(text, "holder: kz-ai-law"),
        "holder",
    )
    assert "'kz-ai-law' is an instrument, not a body; accepted: 'kz-ministry'" in (problem.message)


def test_prohibition_of_an_unknown_instrument(tmp_path: Path) -> None:
    text = variant(
        (
            "    instrument: kz-ai-law\n    name: Manipulation",
            "    instrument: kz-ai-lav\n    name: Manipulation",
        )
    )
    problem, _ = only_problem(tmp_path, text)
    assert (problem.record_id, problem.field) == (
        "kz-ai-law-prohibition-manipulation",
        "instrument",
    )
    assert "did you mean 'kz-ai-law'?" in problem.message


@pytest.mark.parametrize(
    ("anchor", "record_id"),
    [
        ("    gist: Users learn", "kz-ai-law-principle-transparency"),
        ("    gist: AI may not be used", "kz-ai-law-prohibition-manipulation"),
    ],
)
def test_wording_without_the_official_text(tmp_path: Path, anchor: str, record_id: str) -> None:
    text = variant((anchor, "    wording: The words of the act.\n" + anchor))
    problem, file = only_problem(tmp_path, text)
    assert (problem.file, problem.record_id, problem.field) == (file, record_id, "wording")
    assert problem.line is not None
    assert "wording" in text.splitlines()[problem.line - 1]
    assert "attestation: official_text" in problem.message
    official = text.replace("attestation: official_report", "attestation: official_text")
    load_text(tmp_path, official)  # with the official text, wording is allowed


def test_empty_locator_text_and_name(tmp_path: Path) -> None:
    text = variant(('{text: "Art. 7"', '{text: " "'), ('text: "утверждает критерии"', 'text: ""'))
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path], bundled=False)
    assert {(p.record_id, p.field) for p in info.value.problems} == {
        ("kz-ai-law-principle-transparency", "locators[0].text"),
        ("kz-ai-law-competency-kz-ministry-criteria", "names[0].text"),
    }


def test_concept_alias_that_names_another_concept(tmp_path: Path) -> None:
    text = variant(("aliases: [explainability]", "aliases: [explainability, human-oversight]"))
    problem, _ = only_problem(tmp_path, text)
    assert (problem.record_id, problem.field) == ("transparency", "aliases[1]")
    assert "also names the principle concept 'human-oversight'" in problem.message


def test_a_concept_may_share_its_id_with_a_topic(tmp_path: Path) -> None:
    text = variant(
        (
            "topics:\n  - id: ai\n",
            'topics:\n  - id: transparency\n    label: T\n    added_in: "2026.11.0"\n  - id: ai\n',
        )
    )
    ds = load_text(tmp_path, text)
    assert isinstance(ds.get("transparency"), cisai.Topic)
    assert ds.principle_concept("transparency").definition


def test_duplicate_concept(tmp_path: Path) -> None:
    text = variant(("  - id: human-oversight\n", "  - id: transparency\n"))
    problem, _ = only_problem(tmp_path, text)
    assert (problem.record_id, problem.field) == ("transparency", "id")
    assert "duplicate id 'transparency'" in problem.message


def test_a_bundled_principle_needs_a_concept() -> None:
    text = variant(("    concepts: [transparency]\n", ""))
    with pytest.raises(DataError) as info:
        build_bundled([("cisai/data/test.yaml", text.encode())])
    problem = next(p for p in info.value.problems if p.field == "concepts")
    assert problem.file == "cisai/data/test.yaml"
    assert problem.record_id == "kz-ai-law-principle-transparency"
    assert problem.line == line_of(text, "- id: kz-ai-law-principle-transparency")
    assert "maps to at least one principle concept" in problem.message
    assert [p for p in info.value.problems if p.field == "concepts"] == [problem]


def test_a_users_principle_may_have_no_concept(tmp_path: Path) -> None:
    ds = load_text(tmp_path, variant(("    concepts: [transparency]\n", "")))
    assert ds.principles[0].concepts == ()


def test_jsonld_gives_each_instrument_its_principles_competencies_and_prohibitions(
    tmp_path: Path,
) -> None:
    ds = load_text(tmp_path, BASE)
    node = cisai.to_jsonld(ds.get("kz-ai-law"), ds)
    parts = {part["genre"]: part for part in node["hasPart"]}
    assert set(parts) == {"principle", "competency", "prohibition"}
    principle = parts["principle"]
    assert principle["about"][0]["termCode"] == "transparency"
    assert principle["about"][0]["name"] == "Transparency and explainability"
    assert {"@value": "прозрачность и объяснимость", "@language": "ru"} in principle[
        "alternateName"
    ]
    assert {"@type": "CreativeWork", "name": "Art. 7", "url": "https://example.org/two"} in (
        principle["citation"]
    )
    assert parts["competency"]["about"][0]["name"] == "Ministry of AI"
    assert parts["competency"]["additionalType"] == "rule_making"


def test_cli_show_reads_locators(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cisai.cli import main

    path = tmp_path / "data.yaml"
    path.write_text(BASE, encoding="utf-8")
    code = main(["show", "--no-bundled", "--data", str(path), "kz-ai-law-principle-transparency"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Art. 7 (per example.org, low confidence)" in out
    assert "[ru, official] прозрачность и объяснимость" in out
    assert "Locator(" not in out


def test_dataset_has_a_typed_collection_for_every_record_type() -> None:
    import typing

    hints = typing.get_type_hints(cisai.Dataset)
    for cls in cisai.RECORD_TYPES:
        assert hints[cls.collection] == cisai.Selection[cls], cls
    assert list(cisai.load().collections()) == [c.collection for c in cisai.RECORD_TYPES]
