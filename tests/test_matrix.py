"""Asking about principles and competencies, and comparing them across the states."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cisai
from cisai import NOT_FOUND, Dataset, QueryError

HERE = Path(__file__).resolve().parent
BASE = (HERE / "test_principles.py").read_text(encoding="utf-8")
BASE = BASE[BASE.index('BASE = """\\\n') + len('BASE = """\\\n') :]
BASE = BASE[: BASE.index('"""')]

SECOND_STATE = """\
  - id: uzbekistan
    code: UZ
    name: Uzbekistan
    kind: state
    model_law_participant: true
    attestation: official_report
    confidence: high
    sources: [src-one]
    added_in: "2026.11.0"
bodies:"""


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The test file's data, plus a second state with no principles or competencies."""
    path = tmp_path_factory.mktemp("matrix") / "data.yaml"
    path.write_text(BASE.replace("bodies:", SECOND_STATE, 1), encoding="utf-8")
    return cisai.load(extra=[path], bundled=False)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return cisai.load()


# -- filters and relations -----------------------------------------------------------------


def test_principles_by_concept_id_or_alias(small: Dataset) -> None:
    wanted = ("kz-ai-law-principle-transparency",)
    assert small.principles.filter(concept="transparency").ids() == wanted
    assert small.principles.filter(concept="Explainability").ids() == wanted
    assert small.principles.filter(concept=["human-oversight", "transparency"]).ids() == wanted
    assert small.principles.filter(concept="human-oversight").ids() == ()
    concept = small.principle_concept("transparency")
    assert small.principles.filter(concept=concept).ids() == wanted


def test_parts_by_the_jurisdiction_of_their_instrument(small: Dataset) -> None:
    assert len(small.principles.filter(jurisdiction="kz")) == 1
    assert small.principles.filter(jurisdiction="UZ").ids() == ()
    assert len(small.prohibitions.filter(jurisdiction="KZ", instrument="kz-ai-law")) == 1
    assert len(small.principles.filter(attestation="official_report", jurisdiction="KZ")) == 1
    assert small.principles.filter(attestation="secondary_report").ids() == ()


def test_competencies_by_holder_kind_and_jurisdiction(small: Dataset) -> None:
    wanted = ("kz-ai-law-competency-kz-ministry-criteria",)
    assert small.competencies.filter(holder="kz-ministry").ids() == wanted
    assert small.competencies.filter(holder=small.get("kz-ministry")).ids() == wanted
    assert small.competencies.filter(kind="rule_making", jurisdiction="KZ").ids() == wanted
    assert small.competencies.filter(kind="supervision").ids() == ()
    # an empty selection still accepts a valid kind, and still refuses a typo
    assert small.competencies.filter(jurisdiction="UZ").filter(kind="supervision").ids() == ()
    with pytest.raises(QueryError, match="did you mean 'supervision'"):
        small.competencies.filter(jurisdiction="UZ").filter(kind="supervison")


@pytest.mark.parametrize(
    ("collection", "criteria", "message"),
    [
        ("principles", {"concept": "transparancy"}, "did you mean 'transparency'"),
        ("competencies", {"holder": "kz-ministri"}, "did you mean 'kz-ministry'"),
        ("principles", {"jurisdiction": "KX"}, "unknown jurisdiction 'KX'"),
        ("instruments", {"concept": "transparency"}, "does not apply to Instrument"),
        ("principles", {"holder": "kz-ministry"}, "does not apply to Principle"),
    ],
)
def test_bad_criteria_are_named(
    small: Dataset, collection: str, criteria: dict[str, str], message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        small.collections()[collection].filter(**criteria)


def test_from_a_body_to_its_competencies_and_back(small: Dataset, ds: Dataset) -> None:
    held = small.competencies_of("kz-ministry")
    assert held.ids() == ("kz-ai-law-competency-kz-ministry-criteria",)
    assert small.holder_of(held[0]) is small.get("kz-ministry")
    assert small.holder_of(held[0].id) is small.get("kz-ministry")
    for body in ds.bodies:
        for competency in ds.competencies_of(body):
            assert ds.holder_of(competency) is body
    with pytest.raises(cisai.NotFoundError, match="not a body"):
        small.competencies_of("kz-ai-law")
    with pytest.raises(cisai.NotFoundError, match="not a competency"):
        small.holder_of("kz-ai-law")


# -- the principles matrix -------------------------------------------------------------------


def test_principle_matrix_cells(small: Dataset) -> None:
    matrix = cisai.compare_principles(dataset=small)
    assert [c.key for c in matrix.columns] == ["model-law", "KZ", "UZ"]
    assert [r.key for r in matrix.rows] == ["transparency", "human-oversight"]
    cell = matrix.cell("transparency", "kz")
    assert cell.found
    assert cell.text is None
    (entry,) = cell.entries
    assert entry.record.id == "kz-ai-law-principle-transparency"
    assert entry.instrument.id == "kz-ai-law"
    assert entry.attestation is cisai.Attestation.OFFICIAL_REPORT
    assert entry.locators[0].text == "Art. 7"
    for key in ("model-law", "UZ"):
        empty = matrix.cell("transparency", key)
        assert not empty.found
        assert empty.text == NOT_FOUND == "not found in the sources"
        assert empty.to_dict() == {"entries": [], "note": NOT_FOUND}
    data = matrix.to_dict()
    assert "editorial judgement" in data["note"]
    assert data["rows"][0]["cells"]["KZ"]["entries"][0]["locators"][0]["text"] == "Art. 7"
    json.dumps(data)


def test_principle_matrix_narrowing(small: Dataset) -> None:
    matrix = cisai.compare_principles(concept="explainability", jurisdiction="UZ", dataset=small)
    assert [r.key for r in matrix.rows] == ["transparency"]
    assert [c.key for c in matrix.columns] == ["model-law", "UZ"]  # the model law stays
    secondary = cisai.compare_principles(attestation="secondary_report", dataset=small)
    assert not any(cell.found for row in secondary.rows for cell in row.cells)
    with pytest.raises(QueryError, match="did you mean 'transparency'"):
        cisai.compare_principles(concept="transparancy", dataset=small)
    with pytest.raises(QueryError, match="no column 'XX'"):
        secondary.column("XX")
    with pytest.raises(QueryError, match="no row 'privacy'"):
        secondary.row("privacy")


def test_bundled_matrix_places_every_principle_once_per_concept(ds: Dataset) -> None:
    matrix = cisai.compare_principles()
    placed: dict[str, list[str]] = {}
    for row in matrix.rows:
        for cell in row.cells:
            assert cell.found is bool(cell.entries)
            assert (cell.text == NOT_FOUND) is not cell.found
            for entry in cell.entries:
                placed.setdefault(entry.record.id, []).append(row.key)
                if cell.column == "model-law":
                    assert entry.instrument.id == cisai.MODEL_LAW_ID
                else:
                    assert entry.instrument.jurisdiction == cell.column
    for principle in ds.principles:
        assert sorted(placed[principle.id]) == sorted(principle.concepts)
    assert matrix.columns[0].key == "model-law"
    participants = [j.code for j in ds.jurisdictions if j.model_law_participant]
    assert [c.key for c in matrix.columns[1 : len(participants) + 1]] == participants


# -- the competencies matrix -----------------------------------------------------------------


def test_competency_matrix(small: Dataset, ds: Dataset) -> None:
    matrix = cisai.compare_competencies(dataset=small)
    assert [r.key for r in matrix.rows] == [k.value for k in cisai.CompetencyKind]
    cell = matrix.cell("rule_making", "KZ")
    assert cell.entries[0].holder is small.get("kz-ministry")
    assert cell.entries[0].holder_name == "Ministry of AI"
    assert matrix.cell("rule_making", "UZ").text == NOT_FOUND
    assert list(matrix.holders("KZ")) == ["Ministry of AI"]
    assert matrix.holders("UZ") == {}
    narrowed = cisai.compare_competencies(kind="rule-making", holder="kz-ministry", dataset=small)
    assert [r.key for r in narrowed.rows] == ["rule_making"]
    with pytest.raises(QueryError, match="did you mean 'supervision'"):
        cisai.compare_competencies(kind="supervison", dataset=small)
    bundled = cisai.compare_competencies()
    total = sum(len(cell.entries) for row in bundled.rows for cell in row.cells)
    assert total == len(ds.competencies)
    for column in bundled.columns:
        for holder, entries in bundled.holders(column.key).items():
            assert all(entry.holder_name == holder for entry in entries)


# -- the command line ----------------------------------------------------------------------------


def run(*args: str, columns: int = 100) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns), "PYTHONUTF8": "1"}
    env.pop("PYTHONWARNINGS", None)
    return subprocess.run(
        [sys.executable, "-m", "cisai", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("command", [["principles"], ["competencies"]])
def test_text_fits_the_terminal(command: list[str], columns: int) -> None:
    result = run(*command, columns=columns)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) < columns
    assert NOT_FOUND in result.stdout
    assert "absent" not in result.stdout


def test_principles_text_shows_every_concept() -> None:
    out = run("principles").stdout
    for concept in cisai.load().principle_concepts:
        assert concept.label[:12] in out
    assert "Model law" in out


def test_principles_json_csv_and_markdown_agree() -> None:
    data = json.loads(run("principles", "--format", "json").stdout)
    assert data == cisai.compare_principles().to_dict()
    rows = list(csv.DictReader(io.StringIO(run("principles", "--format", "csv").stdout)))
    cells = {(r["concept"], r["column"]) for r in rows}
    assert len(cells) == len(data["rows"]) * len(data["columns"])  # every cell, empty or not
    assert {r["found"] for r in rows} <= {"found", NOT_FOUND}
    found = [r for r in rows if r["found"] == "found"]
    assert len(found) == sum(len(c["entries"]) for r in data["rows"] for c in r["cells"].values())
    markdown = run("principles", "--format", "markdown").stdout
    table = [line for line in markdown.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(data["rows"])
    assert all(line.count(" | ") == len(data["columns"]) for line in table[2:])
    assert f"*{NOT_FOUND}*" in markdown


def test_competencies_command_filters(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(BASE, encoding="utf-8")
    user = ("--no-bundled", "--data", str(path))
    out = run("competencies", *user, "--jurisdiction", "KZ").stdout
    assert "Ministry of AI" in out
    assert "rule_making" in out
    assert "kz-ai-law-competency-kz-ministry-criteria" in out
    assert "at Art. 13(1)(6) (per example.org, medium confidence)" in out
    assert "Approves criteria for AI systems." in out
    assert NOT_FOUND in out  # the model law's column: nothing found
    data = json.loads(
        run("competencies", *user, "--holder", "kz-ministry", "--format", "json").stdout
    )
    entries = [e for r in data["rows"] for c in r["cells"].values() for e in c["entries"]]
    assert [e["holder"] for e in entries] == ["kz-ministry"]
    markdown = run("competencies", *user, "--kind", "rule_making", "--format", "markdown").stdout
    assert "Ministry of AI (R)" in markdown
    bad = run("competencies", *user, "--kind", "supervison")
    assert bad.returncode == 2
    assert "did you mean 'supervision'" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_list_filters_by_concept_and_holder() -> None:
    result = run("list", "principles", "--concept", "ethics", "--format", "json")
    assert result.returncode == 0, result.stderr
    ids = [r["id"] for r in json.loads(result.stdout)]
    assert ids == list(cisai.load().principles.filter(concept="ethics").ids())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["principles", "--concept", "transparancy"], "did you mean 'transparency'"),
        (["principles", "--jurisdiction", "KX"], "unknown jurisdiction 'KX'"),
        (["competencies", "--holder", "no-such-body"], "unknown body 'no-such-body'"),
        (["principles", "--attestation", "rumour"], "unknown attestation 'rumour'"),
    ],
)
def test_matrix_commands_name_a_bad_value(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.startswith("cisai: error: ")
    assert "Traceback" not in result.stderr


_BUNDLED = cisai.load()
_CONCEPTS = list(_BUNDLED.principle_concepts.ids())
_STATES = [j.code for j in _BUNDLED.jurisdictions if j.model_law_participant]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(_CONCEPTS), min_size=1, max_size=4, unique=True),
    st.lists(st.sampled_from(_STATES), min_size=1, max_size=3, unique=True),
)
def test_every_cell_is_the_matching_query(concepts: list[str], states: list[str]) -> None:
    """A cell holds exactly what filter() finds for its concept and column, in data order."""
    matrix = cisai.compare_principles(concept=concepts, jurisdiction=states)
    assert [r.key for r in matrix.rows] == [c for c in _CONCEPTS if c in concepts]
    assert [c.key for c in matrix.columns] == ["model-law", *[s for s in _STATES if s in states]]
    for row in matrix.rows:
        for cell in row.cells:
            if cell.column == "model-law":
                found = _BUNDLED.principles.filter(concept=row.key, instrument=cisai.MODEL_LAW_ID)
            else:
                found = _BUNDLED.principles.filter(concept=row.key, jurisdiction=cell.column)
            assert tuple(e.record for e in cell.entries) == tuple(found)
            assert cell.found == bool(found)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.sampled_from(list(cisai.CompetencyKind)), min_size=1, max_size=3, unique=True),
    st.lists(st.sampled_from(_STATES), min_size=1, max_size=3, unique=True),
)
def test_every_competency_cell_is_the_matching_query(
    kinds: list[cisai.CompetencyKind], states: list[str]
) -> None:
    matrix = cisai.compare_competencies(kind=kinds, jurisdiction=states)
    for row in matrix.rows:
        for cell in row.cells[1:]:
            found = _BUNDLED.competencies.filter(kind=row.key, jurisdiction=cell.column)
            assert tuple(e.record for e in cell.entries) == tuple(found)
            for entry in cell.entries:
                assert entry.holder is _BUNDLED.holder_of(entry.record)


def test_show_a_principle_concept() -> None:
    result = run("show", "sovereignty")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Technological sovereignty\n")
    assert "Технологический суверенитет" in result.stdout
    for principle in cisai.load().principles.filter(concept="sovereignty"):
        assert principle.id in result.stdout
    data = json.loads(run("show", "sovereignty", "--format", "json").stdout)
    assert data["label_ru"] == "Технологический суверенитет"
    topic = run("show", "transparency")  # a topic shares this id: the topic is shown
    assert "Type:         topic" in topic.stdout
