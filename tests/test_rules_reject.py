"""The loader's rules reject bad data: each case breaks one rule of a valid file.

The bundled data passing ``load()`` shows only that these rules accept it; what a
user relies on is that they refuse what breaks them, with a :class:`~cisai.DataError`
naming the record and the field. (Type errors, references, duplicates, sources and
dates are covered record by record in ``test_loader_errors.py``; the rules here are
the rest.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cisai
from cisai import DataError, Dataset

BASE = """\
sources:
  src-one:
    url: https://example.org/one
topics:
  - id: ai
    label: Artificial intelligence
    added_in: "2026.11.0"
  - id: ai-law
    label: AI law
    parent: ai
    added_in: "2026.11.0"
jurisdictions:
  - id: belarus
    code: BY
    name: Belarus
    kind: state
    attestation: official_report
    confidence: high
    sources: [src-one]
    added_in: "2026.11.0"
bodies:
  - id: nasb
    name: National Academy of Sciences of Belarus
    kind: academy
    jurisdiction: BY
    attestation: official_report
    confidence: high
    sources: [src-one]
    added_in: "2026.11.0"
instruments:
  - id: by-ai-law
    kind: law
    titles:
      - {text: Law on artificial intelligence, lang: en}
      - {text: Закон об искусственном интеллекте, lang: ru}
    jurisdiction: BY
    date: 2025-04-18
    status: in_force
    topics: [ai-law]
    summary: A law about AI.
    attestation: official_report
    confidence: high
    sources: [src-one]
    added_in: "2026.11.0"
    changed_in: "2026.11.1"
    events:
      - {kind: approved, date: 2025-04-18, sources: [src-one]}
      - {kind: in_force, date: 2025-07-01, sources: [src-one]}
competencies:
  - id: by-ai-law-competency-nasb
    instrument: by-ai-law
    holder: nasb
    kind: coordination
    gist: Coordinates research.
    attestation: secondary_report
    confidence: medium
    sources: [src-one]
    added_in: "2026.11.0"
"""


def _load(tmp_path: Path, text: str) -> Dataset:
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    return cisai.load(extra=[path], bundled=False)


def _variant(old: str, new: str) -> str:
    assert BASE.count(old) == 1, f"{old!r} occurs {BASE.count(old)} times"
    return BASE.replace(old, new)


def test_the_base_is_valid(tmp_path: Path) -> None:
    ds = _load(tmp_path, BASE)
    assert [i.id for i in ds.instruments] == ["by-ai-law"]


RULES = [
    (
        "first-title-not-english",
        ("{text: Law on artificial intelligence, lang: en}", "{text: Закон, lang: ru}"),
        ("by-ai-law", "titles[0].lang", "the first title must be the English one"),
    ),
    (
        "empty-title",
        ("{text: Закон об искусственном интеллекте, lang: ru}", '{text: " ", lang: ru}'),
        ("by-ai-law", "titles[1].text", "must not be empty"),
    ),
    (
        "no-title",
        (
            "    titles:\n"
            "      - {text: Law on artificial intelligence, lang: en}\n"
            "      - {text: Закон об искусственном интеллекте, lang: ru}\n",
            "    titles: []\n",
        ),
        ("by-ai-law", "titles", "at least one title is required"),
    ),
    (
        "empty-summary",
        ("summary: A law about AI.", 'summary: "  "'),
        ("by-ai-law", "summary", "must not be empty"),
    ),
    (
        "empty-body-name",
        ("name: National Academy of Sciences of Belarus", 'name: ""'),
        ("nasb", "name", "must not be empty"),
    ),
    (
        "empty-competency-gist",
        ("gist: Coordinates research.", 'gist: "\\t"'),
        ("by-ai-law-competency-nasb", "gist", "must not be empty"),
    ),
    (
        "empty-topic-label",
        ("label: AI law", 'label: " "'),
        ("ai-law", "label", "must not be empty"),
    ),
    (
        "topic-parent-unknown",
        ("parent: ai\n", "parent: a1\n"),
        ("ai-law", "parent", "unknown topic 'a1'"),
    ),
    (
        "topic-parent-cycle",
        (
            "label: Artificial intelligence\n",
            "label: Artificial intelligence\n    parent: ai-law\n",
        ),
        ("ai", "parent", "topic parents form a cycle"),
    ),
    (
        "in-force-before-approved",
        ("{kind: in_force, date: 2025-07-01", "{kind: in_force, date: 2025-03-01"),
        ("by-ai-law", "events[1].date", "in force (2025-03-01) before it was adopted or signed"),
    ),
    (
        "changed-before-added",
        ('changed_in: "2026.11.1"', 'changed_in: "2026.10.0"'),
        ("by-ai-law", "changed_in", "changed_in is older than added_in"),
    ),
    (
        "changed-in-malformed",
        ('changed_in: "2026.11.1"', 'changed_in: "November 2026"'),
        ("by-ai-law", "changed_in", "invalid data version 'November 2026'"),
    ),
    (
        "body-its-own-parent",
        (
            "    jurisdiction: BY\n    attestation: official_report",
            "    jurisdiction: BY\n    parent: nasb\n    attestation: official_report",
        ),
        ("nasb", "parent", "a body cannot be its own parent"),
    ),
    (
        "competency-without-holder",
        ("    holder: nasb\n", ""),
        ("by-ai-law-competency-nasb", "holder", "give a holder (body id) or a holder_role"),
    ),
    (
        "unknown-of-no-field",
        (
            '    changed_in: "2026.11.1"\n',
            '    changed_in: "2026.11.1"\n    unknowns: [{field: nubmer, note: Not given.}]\n',
        ),
        ("by-ai-law", "unknowns[0].field", "'nubmer' is not a field of Instrument"),
    ),
    (
        "jurisdiction-code",
        ("code: BY", "code: by"),
        ("belarus", "code", "invalid code 'by'"),
    ),
]


@pytest.mark.parametrize(
    ("replacement", "expected"), [r[1:] for r in RULES], ids=[r[0] for r in RULES]
)
def test_a_rule_rejects_data_that_breaks_it(
    tmp_path: Path, replacement: tuple[str, str], expected: tuple[str, str, str]
) -> None:
    record_id, field, message = expected
    with pytest.raises(DataError) as info:
        _load(tmp_path, _variant(*replacement))
    matching = [p for p in info.value.problems if message in p.message]
    assert matching, [str(p) for p in info.value.problems]
    problem = matching[0]
    assert (problem.record_id, problem.field) == (record_id, field)
    assert problem.file == str(tmp_path / "data.yaml")
    assert problem.line is not None


def test_a_relation_to_itself_is_rejected(tmp_path: Path) -> None:
    text = _variant(
        "    events:\n",
        "    relations: [{kind: amends, target: by-ai-law}]\n    events:\n",
    )
    with pytest.raises(DataError) as info:
        _load(tmp_path, text)
    assert [(p.record_id, p.field) for p in info.value.problems] == [
        ("by-ai-law", "relations[0].target")
    ]
    assert "cannot relate to itself" in info.value.problems[0].message


@pytest.mark.parametrize("field", ["added_in", "changed_in"])
def test_a_release_rejects_records_newer_than_itself(tmp_path: Path, field: str) -> None:
    """A Dataset document of release 2026.11.1 cannot hold a record of 2026.12.0."""
    document = cisai.to_dict(_load(tmp_path, BASE))
    document["data_version"] = "2026.11.1"
    cisai.from_json(json.dumps(document), Dataset)  # the base is within its release
    record = document["instruments"][0]
    record[field] = "2026.12.0"
    if field == "added_in":
        record["changed_in"] = None
    with pytest.raises(DataError) as info:
        cisai.from_json(json.dumps(document), Dataset)
    assert [(p.record_id, p.field) for p in info.value.problems] == [("by-ai-law", field)]
    assert "'2026.12.0' is newer than '2026.11.1'" in info.value.problems[0].message
