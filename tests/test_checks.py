"""``cisai._checks``: the rules across records, each rejecting bad data with the right field.

The rules run on records that are well typed (the converter saw to that) and check
what no type can say: references resolve, events are in order, every fact has a
source, a value means what the vocabulary says. Each test breaks one rule in the
valid :data:`small_data.BASE` and asserts the problem names the record, the field and
its line - the fix a user needs.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import cisai
from cisai import DataError
from cisai._checks import references
from cisai._loading import build_bundled
from cisai._model import RECORD_TYPES
from small_data import (
    BASE,
    PRINCIPLE,
    assert_first,
    find_problem,
    line_no,
    load_error,
    rejected,
    variant,
    write,
)

LAW_SOURCES = '    sources: [src-one]\n    added_in: "2026.11.0"\n    events:'

COMPETENCY = """\
competencies:
  - id: by-ai-law-competency-nasb-research
    instrument: by-ai-law
    holder: nasb
    kind: research_support
    gist: Supports research.
    attestation: secondary_report
    confidence: medium
    sources: [src-one]
    added_in: "2026.11.0"
"""


# -- jurisdictions, topics, bodies --------------------------------------------------------------


def test_jurisdiction_code_must_be_upper_case_letters(tmp_path: Path) -> None:
    text = variant(
        ("    code: BY\n", "    code: by\n"),
        ("    jurisdiction: BY\n    attestation", "    jurisdiction: by\n    attestation"),
        ("    jurisdiction: BY\n    issuers", "    jurisdiction: by\n    issuers"),
    )
    rejected(
        tmp_path,
        text,
        line_of="code: by",
        record_id="belarus",
        field="code",
        message="invalid code 'by': use e.g. 'BY' or 'CIS'",
    )


def test_topic_parents_may_not_form_a_cycle(tmp_path: Path) -> None:
    text = variant(
        (
            "    aliases: [artificial-intelligence]\n",
            "    aliases: [artificial-intelligence]\n    parent: ml\n",
        ),
        (
            "jurisdictions:\n",
            '  - id: ml\n    label: Machine learning\n    parent: ai\n    added_in: "2026.11.0"\n'
            "jurisdictions:\n",
        ),
    )
    err, _ = load_error(tmp_path, text)
    assert {(p.record_id, p.field) for p in err.problems} == {("ai", "parent"), ("ml", "parent")}
    assert all(p.message == "topic parents form a cycle" for p in err.problems)


def test_topic_parent_must_exist(tmp_path: Path) -> None:
    text = variant(
        (
            "    aliases: [artificial-intelligence]\n",
            "    aliases: [artificial-intelligence]\n    parent: tech\n",
        )
    )
    rejected(
        tmp_path,
        text,
        line_of="parent: tech",
        record_id="ai",
        field="parent",
        message="unknown topic 'tech'",
    )


def test_topic_label_must_say_something(tmp_path: Path) -> None:
    text = variant(("    label: Artificial intelligence\n", '    label: "  "\n'))
    rejected(
        tmp_path,
        text,
        line_of='label: "  "',
        record_id="ai",
        field="label",
        message="must not be empty",
    )


def test_body_cannot_be_its_own_parent(tmp_path: Path) -> None:
    text = variant(("    kind: academy\n", "    kind: academy\n    parent: nasb\n"))
    rejected(
        tmp_path,
        text,
        line_of="parent: nasb",
        record_id="nasb",
        field="parent",
        message="a body cannot be its own parent",
    )


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        (
            "    established_by: by-ai-lw\n",
            "established_by",
            "unknown instrument 'by-ai-lw'; did you mean 'by-ai-law'?",
        ),
        ("    jurisdiction: RU\n", "jurisdiction", "unknown jurisdiction 'RU'; accepted: 'BY'"),
    ],
)
def test_body_references_must_resolve(tmp_path: Path, line: str, field: str, message: str) -> None:
    text = variant(("    kind: academy\n    jurisdiction: BY\n", "    kind: academy\n" + line))
    rejected(tmp_path, text, line_of=line.strip(), record_id="nasb", field=field, message=message)


# -- instruments --------------------------------------------------------------------------------


def test_the_first_title_is_the_english_one(tmp_path: Path) -> None:
    text = variant(("        lang: en\n", "        lang: ru\n"))
    rejected(
        tmp_path,
        text,
        line_of="lang: ru",
        record_id="by-ai-law",
        field="titles[0].lang",
        message="the first title must be the English one (lang: en)",
    )


def test_an_instrument_needs_a_title(tmp_path: Path) -> None:
    text = variant(
        (
            "    titles:\n      - text: Law on artificial intelligence\n        lang: en\n",
            "    titles: []\n",
        )
    )
    rejected(
        tmp_path,
        text,
        line_of="titles: []",
        record_id="by-ai-law",
        field="titles",
        message="at least one title is required",
    )


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("      - text: Law on artificial intelligence\n", '      - text: " "\n', "titles[0].text"),
        ("    summary: A law about AI.\n", '    summary: ""\n', "summary"),
    ],
)
def test_texts_must_say_something(tmp_path: Path, old: str, new: str, field: str) -> None:
    text = variant((old, new))
    rejected(
        tmp_path,
        text,
        line_of=new.strip(),
        record_id="by-ai-law",
        field=field,
        message="must not be empty",
    )


def test_an_instrument_of_an_unknown_jurisdiction(tmp_path: Path) -> None:
    text = variant(("    jurisdiction: BY\n    issuers", "    jurisdiction: BU\n    issuers"))
    rejected(
        tmp_path,
        text,
        line_of="jurisdiction: BU",
        record_id="by-ai-law",
        field="jurisdiction",
        message="unknown jurisdiction 'BU'; accepted: 'BY'",
    )


def test_a_reference_of_the_wrong_type_says_what_it_is(tmp_path: Path) -> None:
    text = BASE + variant(("    instrument: by-ai-law\n", "    instrument: nasb\n"), text=PRINCIPLE)
    rejected(
        tmp_path,
        text,
        line_of="instrument: nasb",
        record_id="by-ai-law-human-oversight",
        field="instrument",
        message="'nasb' is a body, not an instrument; accepted: 'by-ai-law'",
    )


def test_an_instrument_cannot_relate_to_itself(tmp_path: Path) -> None:
    text = BASE + "    relations:\n      - kind: amends\n        target: by-ai-law\n"
    rejected(
        tmp_path,
        text,
        line_of="target: by-ai-law",
        record_id="by-ai-law",
        field="relations[0].target",
        message="an instrument cannot relate to itself",
    )


@pytest.mark.parametrize("url", ["https://example.org/a b", "https://example.org/\u00a0x"])
def test_a_source_url_may_not_hold_whitespace(tmp_path: Path, url: str) -> None:
    text = BASE.replace("url: https://example.org/two", f'url: "{url}"')
    err, file = load_error(tmp_path, text)
    problem = find_problem(err, "not an http(s) URL")
    assert problem.file == file
    assert problem.line == line_no(text, 'url: "https://example.org/')


def test_a_relation_source_must_be_a_web_address(tmp_path: Path) -> None:
    text = BASE + (
        "    relations:\n      - kind: related_to\n        target: by-ai-law\n"
        "        sources: [{url: file:///etc/passwd}]\n"
    )
    err, file = load_error(tmp_path, text)
    problem = find_problem(err, "not an http(s) URL: 'file:///etc/passwd'")
    assert (problem.file, problem.line, problem.record_id, problem.field) == (
        file,
        line_no(text, "file:///etc/passwd"),
        "by-ai-law",
        "relations[0].sources[0].url",
    )


# -- provenance ---------------------------------------------------------------------------------


def test_unknowns_name_a_field_or_a_known_facet(tmp_path: Path) -> None:
    text = variant(
        (
            LAW_SOURCES,
            LAW_SOURCES.replace(
                "    events:",
                "    unknowns:\n      - field: titel\n        note: x\n"
                "      - field: model_law_link\n        note: y\n    events:",
            ),
        )
    )
    rejected(
        tmp_path,
        text,
        line_of="field: titel",
        record_id="by-ai-law",
        field="unknowns[0].field",
        message="'titel' is not a field of Instrument; did you mean 'titles'?",
    )


def test_changed_in_cannot_be_older_than_added_in(tmp_path: Path) -> None:
    text = variant(
        (
            LAW_SOURCES,
            LAW_SOURCES.replace("    events:", '    changed_in: "2026.10.0"\n    events:'),
        )
    )
    rejected(
        tmp_path,
        text,
        line_of="changed_in:",
        record_id="by-ai-law",
        field="changed_in",
        message="changed_in is older than added_in",
    )


def test_changed_in_must_be_a_version(tmp_path: Path) -> None:
    text = variant(
        (LAW_SOURCES, LAW_SOURCES.replace("    events:", '    changed_in: "soon"\n    events:'))
    )
    rejected(
        tmp_path,
        text,
        line_of="changed_in:",
        record_id="by-ai-law",
        field="changed_in",
        message="invalid data version 'soon'",
    )


@pytest.mark.parametrize(
    ("field", "versions"),
    [
        ("added_in", '    added_in: "2099.1.0"\n'),
        ("changed_in", '    added_in: "2026.11.0"\n    changed_in: "2099.2.0"\n'),
    ],
)
def test_bundled_data_cannot_be_newer_than_the_data_version(field: str, versions: str) -> None:
    """A record of the package may not claim a data version that is not released yet."""
    text = variant((LAW_SOURCES, "    sources: [src-one]\n" + versions + "    events:"))
    with pytest.raises(DataError) as info:
        build_bundled([("cisai/data/test.yaml", text.encode())])
    (problem,) = info.value.problems
    assert (problem.record_id, problem.field) == ("by-ai-law", field)
    assert problem.line == line_no(text, f'{field}: "2099')
    assert f"is newer than '{cisai.DATA_VERSION}'" in problem.message


# -- principles and competencies ----------------------------------------------------------------


def test_a_competency_needs_a_holder_or_a_role(tmp_path: Path) -> None:
    text = BASE + variant(("    holder: nasb\n", ""), text=COMPETENCY)
    rejected(
        tmp_path,
        text,
        line_of="- id: by-ai-law-competency",
        record_id="by-ai-law-competency-nasb-research",
        field="holder",
        message="give a holder (body id) or a holder_role",
    )


def test_a_competency_may_name_a_role_instead_of_a_body(tmp_path: Path) -> None:
    text = BASE + variant(
        ("    holder: nasb\n", "    holder_role: the authorized body\n"), text=COMPETENCY
    )
    ds = cisai.load(extra=[write(tmp_path, text)], bundled=False)
    assert ds.competencies[0].holder_role == "the authorized body"


def test_a_principle_of_an_unknown_instrument(tmp_path: Path) -> None:
    text = BASE + variant(
        ("    instrument: by-ai-law\n", "    instrument: by-ai-lav\n"), text=PRINCIPLE
    )
    rejected(
        tmp_path,
        text,
        line_of="instrument: by-ai-lav",
        record_id="by-ai-law-human-oversight",
        field="instrument",
        message="unknown instrument 'by-ai-lav'; did you mean 'by-ai-law'?",
    )


def test_rules_report_every_broken_record_not_only_the_first(tmp_path: Path) -> None:
    text = variant(
        ("    code: BY\n", "    code: by\n"),
        ("    kind: academy\n", "    kind: academy\n    parent: nasb\n"),
    )
    err, _ = load_error(tmp_path, text)
    assert {(p.record_id, p.field) for p in err.problems} >= {
        ("belarus", "code"),
        ("nasb", "parent"),
    }
    assert isinstance(err, DataError)


# -- moved from test_loader_errors: ids, references, events, sources, wording, versions ----------


BROKEN_RULES = [
    pytest.param(
        variant(("  - id: by-ai-law\n", "  - id: Bad_ID\n")),
        "id: Bad_ID",
        "Bad_ID",
        "id",
        "invalid id 'Bad_ID'",
        id="invalid_id_slug",
    ),
    pytest.param(
        variant(("issuers: [nasb]", "issuers: [nasbb]")),
        "issuers:",
        "by-ai-law",
        "issuers[0]",
        "unknown body 'nasbb'; did you mean 'nasb'?",
        id="unknown_issuer",
    ),
    pytest.param(
        variant(("        body: nasb\n", "        body: nas\n")),
        "body: nas",
        "by-ai-law",
        "events[0].body",
        "unknown body 'nas'; did you mean 'nasb'?",
        id="unknown_event_body",
    ),
    pytest.param(
        variant(
            (
                "    jurisdiction: BY\n    attestation",
                "    jurisdiction: BY\n    parent: nasbx\n    attestation",
            )
        ),
        "parent: nasbx",
        "nasb",
        "parent",
        "unknown body 'nasbx'",
        id="unknown_body_parent",
    ),
    pytest.param(
        BASE + "    relations:\n      - kind: implements\n        target: by-ai-lawx\n",
        "target: by-ai-lawx",
        "by-ai-law",
        "relations[0].target",
        "unknown instrument 'by-ai-lawx'; did you mean 'by-ai-law'?",
        id="unknown_relation_target",
    ),
    pytest.param(
        variant(("topics: [ai]", "topics: [ia]")),
        "topics: [ia]",
        "by-ai-law",
        "topics[0]",
        "unknown topic 'ia'",
        id="topic_not_in_taxonomy",
    ),
    pytest.param(
        BASE
        + (
            "      - kind: reported\n        date: 2025\n        sources: [src-one]\n"
            "      - kind: in_force\n        date: 2025-04-01\n        sources: [src-one]\n"
        ),
        "date: 2025-04-01",
        "by-ai-law",
        "events[3].date",
        "before it was adopted or signed",
        id="in_force_before_signing_alone",
    ),
    pytest.param(
        variant(
            (
                "    issuers: [nasb]\n    date: 2025-04-18\n",
                "    issuers: [nasb]\n" + "    date: 2025-04-19\n",
            )
        ),
        "    date: 2025-04-19",
        "by-ai-law",
        "date",
        "date 2025-04-19 is not the date of any of its events (2025-03-26, 2025-04-18)",
        id="date_not_among_event_dates",
    ),
    pytest.param(
        variant(
            (
                '    sources: [src-one]\n    added_in: "2026.11.0"\n    events:',
                '    sources: []\n    added_in: "2026.11.0"\n    events:',
            )
        ),
        "sources: []",
        "by-ai-law",
        "sources",
        "at least one source is required",
        id="record_with_no_sources",
    ),
    pytest.param(
        variant(
            (
                '    sources: [src-one]\n    added_in: "2026.11.0"\n    events:',
                "    sources:\n      - url: ftp://example.org/file\n"
                '    added_in: "2026.11.0"\n    events:',
            )
        ),
        "url: ftp://",
        "by-ai-law",
        "sources[0].url",
        "not an http(s) URL: 'ftp://example.org/file'",
        id="non_http_source_url_in_place",
    ),
]
"""Each a data file that breaks one rule across records: the file, a piece of the line
the problem is named at, and the record, field and message named there."""


@pytest.mark.parametrize(("text", "line_of", "record_id", "field", "message"), BROKEN_RULES)
def test_a_broken_rule_is_named_on_its_line(
    tmp_path: Path, text: str, line_of: str, record_id: str, field: str, message: str
) -> None:
    rejected(tmp_path, text, line_of=line_of, record_id=record_id, field=field, message=message)


def test_duplicate_ids_in_one_file(tmp_path: Path) -> None:
    second = """\
  - id: nasb
    name: Another body
    kind: academy
    attestation: official_report
    confidence: high
    sources: [src-one]
    added_in: "2026.11.0"
"""
    text = variant(("instruments:\n", second + "instruments:\n"))
    err, file = load_error(tmp_path, text)
    first_line = line_no(text, "- id: nasb")
    assert_first(
        err,
        file=file,
        line=line_no(text, "- id: nasb", nth=2),
        record_id="nasb",
        field="id",
        message=f"duplicate id 'nasb' (first defined in {file}:{first_line})",
    )
    assert len(err.problems) == 1


def test_duplicate_ids_across_two_files(tmp_path: Path) -> None:
    other = """\
instruments:
  - id: by-ai-law
    kind: decree
    titles:
      - text: Another act
        lang: en
    jurisdiction: BY
    status: adopted
    summary: Another act.
    attestation: secondary_report
    confidence: low
    sources: [src-one]
    added_in: "2026.11.0"
"""
    first = write(tmp_path, BASE, "a.yaml")
    second = write(tmp_path, other, "b.yaml")
    with pytest.raises(DataError) as info:
        cisai.load(extra=[first, second], bundled=False)
    err = info.value
    first_line = line_no(BASE, "- id: by-ai-law")
    assert_first(
        err,
        file=str(second),
        line=line_no(other, "- id: by-ai-law"),
        record_id="by-ai-law",
        field="id",
        message=f"duplicate id 'by-ai-law' (first defined in {first}:{first_line})",
    )
    assert len(err.problems) == 1


def test_duplicate_ids_across_files_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    write(folder, BASE, "a.yaml")
    write(folder, PRINCIPLE, "b.yml")
    write(folder, PRINCIPLE, "c.yaml")
    write(folder, "ignored: [", "notes.txt")
    with pytest.raises(DataError) as info:
        cisai.load(extra=[folder], bundled=False)
    err = info.value
    assert err.file == str(folder / "c.yaml")
    assert err.record_id == "by-ai-law-human-oversight"
    assert err.field == "id"
    assert err.line == 2
    assert "duplicate id" in err.problems[0].message


def test_unknown_issuer_in_block_list_names_its_own_line(tmp_path: Path) -> None:
    text = variant(("    issuers: [nasb]\n", "    issuers:\n      - nasb\n      - nasbb\n"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "- nasbb"),
        record_id="by-ai-law",
        field="issuers[1]",
        message="unknown body 'nasbb'",
    )


def test_unknown_instrument_of_a_part(tmp_path: Path) -> None:
    text = BASE + variant(("instrument: by-ai-law", "instrument: by-ai-lax"), text=PRINCIPLE)
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "instrument: by-ai-lax"),
        record_id="by-ai-law-human-oversight",
        field="instrument",
        message="unknown instrument 'by-ai-lax'; did you mean 'by-ai-law'?",
    )


def test_events_out_of_order(tmp_path: Path) -> None:
    text = variant(("        date: 2025-03-26\n", "        date: 2025-05-26\n"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "date: 2025-04-18", nth=2),
        record_id="by-ai-law",
        field="events[1].date",
        message="events out of order: 2025-04-18 comes after events[0] dated 2025-05-26",
    )
    assert len(err.problems) == 1


def test_in_force_before_signing(tmp_path: Path) -> None:
    text = BASE + "      - kind: in_force\n        date: 2025-04-01\n        sources: [src-one]\n"
    err, file = load_error(tmp_path, text)
    problem = find_problem(
        err, "in force (2025-04-01) before it was adopted or signed (2025-04-18)"
    )
    assert (problem.file, problem.line, problem.record_id, problem.field) == (
        file,
        line_no(text, "date: 2025-04-01"),
        "by-ai-law",
        "events[2].date",
    )
    assert str(problem).startswith(f"{file}:{problem.line}: by-ai-law: events[2].date: in force")


def test_event_with_no_sources(tmp_path: Path) -> None:
    text = variant(("        sources: [src-two]\n", "        sources: []\n"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "sources: []"),
        record_id="by-ai-law",
        field="events[0].sources",
        message="at least one source is required",
    )


def test_non_http_source_url_in_event(tmp_path: Path) -> None:
    text = variant(
        ("        sources: [src-two]\n", "        sources:\n          - url: example.org/page\n")
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "url: example.org/page"),
        record_id="by-ai-law",
        field="events[0].sources[0].url",
        message="not an http(s) URL",
    )


def test_wording_without_official_text(tmp_path: Path) -> None:
    principle = PRINCIPLE + "    wording: The exact words of the act.\n"
    text = BASE + principle
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "wording:"),
        record_id="by-ai-law-human-oversight",
        field="wording",
        message="wording may only be given from the official text",
    )
    assert len(err.problems) == 1


def test_wording_with_official_text_is_accepted(tmp_path: Path) -> None:
    principle = PRINCIPLE.replace("secondary_report", "official_text") + "    wording: Words.\n"
    ds = cisai.load(extra=[write(tmp_path, BASE + principle)], bundled=False)
    assert ds.principles[0].wording == "Words."


@pytest.mark.parametrize("value", ['"2026-11-0"', '"2026.13.0"', '"v1"'])
def test_added_in_malformed(tmp_path: Path, value: str) -> None:
    text = variant(
        (
            '    sources: [src-one]\n    added_in: "2026.11.0"\n    events:',
            f"    sources: [src-one]\n    added_in: {value}\n    events:",
        )
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, f"added_in: {value}"),
        record_id="by-ai-law",
        field="added_in",
        message=f"invalid data version {value.strip(chr(34))!r}",
    )
    assert len(err.problems) == 1


# -- every declared reference is checked, whether or not its record structures ---------

SNAPSHOT = json.loads((Path(__file__).parent.parent / "snapshots" / "dataset.json").read_bytes())
REFERENCES = [(cls, path, target) for cls in RECORD_TYPES for path, target in references(cls)]


def _misspell(
    document: dict[str, Any], cls: type, path: tuple[str, ...], target: str
) -> tuple[str, str]:
    """Misspell the first reference at ``path`` among ``cls``'s records: (record id, field)."""
    wrong = "ZZ" if target == "jurisdictions" else "zz-misspelt"
    for record in document[cls.collection]:  # type: ignore[attr-defined]
        value = record.get(path[0])
        if len(path) == 2:
            entries = [e for e in value or () if e.get(path[1])]
            if entries:
                index = value.index(entries[0])
                entries[0][path[1]] = wrong
                return record["id"], f"{path[0]}[{index}].{path[1]}"
        elif isinstance(value, list) and value:
            value[0] = wrong
            return record["id"], f"{path[0]}[0]"
        elif isinstance(value, str):
            record[path[0]] = wrong
            return record["id"], path[0]
    pytest.skip(f"no {cls.__name__} in the bundled data sets {'.'.join(path)}")


def _problems_of(tmp_path: Path, document: dict[str, Any]) -> list[cisai.Problem]:
    file = tmp_path / "dataset.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        cisai.load(extra=[file], bundled=False)
    return list(caught.value.problems)


def test_the_model_declares_references_for_every_kind_of_target() -> None:
    targets = {target for _cls, _path, target in REFERENCES}
    assert targets == {
        "jurisdictions", "bodies", "instruments", "topics", "principle_concepts"
    }  # fmt: skip
    assert len(REFERENCES) >= 20


@pytest.mark.parametrize("broken", [False, True], ids=["record-structures", "record-broken"])
@pytest.mark.parametrize(
    ("cls", "path", "target"),
    REFERENCES,
    ids=[f"{c.__name__}.{'.'.join(p)}" for c, p, _t in REFERENCES],
)
def test_a_misspelt_reference_is_named_at_its_field(
    tmp_path: Path, cls: type, path: tuple[str, ...], target: str, broken: bool
) -> None:
    """The same reference is reported by the checks of a structured record and, when
    another field of the record is wrong, by the reading of its raw mapping."""
    document = copy.deepcopy(SNAPSHOT)
    record_id, field = _misspell(document, cls, path, target)
    if broken:
        record = next(r for r in document[cls.collection] if r["id"] == record_id)  # type: ignore[attr-defined]
        record["added_in"] = 5  # not a version string: the record does not structure
    problems = _problems_of(tmp_path, document)
    named = [p for p in problems if p.record_id == record_id and p.field == field]
    assert named, [str(p) for p in problems]
    assert "unknown" in named[0].message or "not a" in named[0].message
    if broken:
        assert any(p.record_id == record_id and p.field == "added_in" for p in problems)
