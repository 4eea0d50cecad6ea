"""Users' own data: files and folders joined to the bundled data, overrides, JSON documents.

The sample folder ``tests/data/user`` holds a Kazakh ministry and an instrument that
refer to bundled records (the KZ jurisdiction, the ``regulators`` and ``ai`` topics,
the CIS model law).
"""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

import cisai
from cisai import DataError
from small_data import (
    BASE,
    PRINCIPLE,
    REVIEW,
    assert_first,
    find_problem,
    line_no,
    load_error,
    variant,
    write,
)

USER = Path(__file__).resolve().parent / "data" / "user"
HOSTILE = Path(__file__).resolve().parent / "hostile"
SAMPLE = USER / "kz-sample.yaml"
SAMPLE_IDS = {"sample-kz-ministry-ai", "sample-kz-ministry-ai-2025"}

OVERRIDE = """\
sources:
  my-source:
    url: https://example.org/my-president-page
bodies:
  - id: by-president
    name: The President (my own wording)
    kind: head_of_state
    jurisdiction: BY
    attestation: secondary_report
    confidence: low
    sources: [my-source]
    added_in: "2026.11.0"
"""

TOPIC = """\
topics:
  - id: {id}
    label: {label}
    added_in: "{added_in}"
"""


def write_file(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- joining the bundled data ------------------------------------------------------------


def test_user_folder_joins_the_bundled_data() -> None:
    bundled = cisai.load()
    ds = cisai.load(extra=[USER])
    assert ds is not bundled
    assert len(ds) == len(bundled) + len(SAMPLE_IDS)
    assert {r.id for r in ds} >= SAMPLE_IDS
    assert set(bundled.instruments.ids()) <= set(ds.instruments.ids())
    instrument = ds.get("sample-kz-ministry-ai-2025")
    assert isinstance(instrument, cisai.Instrument)
    # references into the bundled data resolve
    assert instrument.jurisdiction == "KZ"
    assert "KZ" in {j.code for j in ds.jurisdictions}
    assert set(instrument.topics) <= set(ds.topics.ids())
    assert instrument.relations[0].target == cisai.MODEL_LAW_ID
    assert ds.get(cisai.MODEL_LAW_ID) == bundled.model_law
    # and queries see the user's records
    assert ds.referring_to(cisai.MODEL_LAW_ID)
    assert "sample-kz-ministry-ai-2025" in ds.instruments.filter(jurisdiction="KZ").ids()
    assert "sample-kz-ministry-ai-2025" in ds.instruments.filter(topic="regulators").ids()
    # catalogue sources are expanded
    assert instrument.sources[0].publisher == "The Astana Times"
    assert instrument.events[0].sources == instrument.sources


def test_the_cached_bundled_dataset_is_untouched() -> None:
    before = cisai.load()
    cisai.load(extra=[USER])
    assert cisai.load() is before
    assert not SAMPLE_IDS & {r.id for r in cisai.load()}


def test_user_data_alone_misses_the_bundled_references() -> None:
    with pytest.raises(DataError) as info:
        cisai.load(extra=[USER], bundled=False)
    messages = [str(p) for p in info.value.problems]
    text = "\n".join(messages)
    assert "unknown jurisdiction 'KZ'" in text
    assert "unknown topic 'regulators'" in text
    assert "unknown topic 'ai'" in text
    assert "unknown instrument 'cis-model-law-ai-2025'" in text
    assert all(p.file == str(SAMPLE) and p.line for p in info.value.problems), messages


@pytest.mark.parametrize("given", [str(USER), USER, str(SAMPLE), SAMPLE, [SAMPLE], (str(USER),)])
def test_extra_accepts_str_paths_and_iterables(given: object) -> None:
    ds = cisai.load(extra=given)  # type: ignore[arg-type]
    assert {r.id for r in ds} >= SAMPLE_IDS


def test_a_folder_is_read_recursively(tmp_path: Path) -> None:
    write_file(tmp_path / "a.yaml", TOPIC.format(id="my-a", label="A", added_in="2026.11.0"))
    write_file(tmp_path / "sub" / "b.yml", TOPIC.format(id="my-b", label="B", added_in="2026.11.0"))
    document = {
        "schema_version": cisai.SCHEMA_VERSION,
        "topics": [{"id": "my-c", "label": "C", "added_in": "2026.11.0"}],
    }
    write_file(tmp_path / "sub" / "deeper" / "c.json", json.dumps(document))
    # other files are ignored, however broken
    write_file(tmp_path / "README.md", "not: [data")
    write_file(tmp_path / "notes.txt", "\x00\x01")
    write_file(tmp_path / "sub" / "d.yaml.bak", "garbage: [")
    ds = cisai.load(extra=[tmp_path], bundled=False)
    assert set(ds.topics.ids()) == {"my-a", "my-b", "my-c"}


def test_user_added_in_may_be_any_valid_version(tmp_path: Path) -> None:
    path = write_file(
        tmp_path / "t.yaml", TOPIC.format(id="my-later", label="L", added_in="2099.12.7")
    )
    assert cisai.load(extra=[path]).get("my-later").added_in == "2099.12.7"
    bad = write_file(
        tmp_path / "t.yaml", TOPIC.format(id="my-later", label="L", added_in="2099.13.0")
    )
    with pytest.raises(DataError, match="invalid data version"):
        cisai.load(extra=[bad])


# -- ids and overrides --------------------------------------------------------------------


def test_colliding_id_needs_override(tmp_path: Path) -> None:
    path = write_file(tmp_path / "mine.yaml", OVERRIDE)
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path])
    (problem,) = info.value.problems
    assert problem.file == str(path)
    assert problem.line == 5
    assert problem.record_id == "by-president"
    assert "duplicate id 'by-president'" in problem.message
    assert "override: true" in problem.message


def test_override_replaces_the_bundled_record(tmp_path: Path) -> None:
    bundled_before = cisai.load()
    original = bundled_before.get("by-president")
    path = write_file(tmp_path / "mine.yaml", OVERRIDE + "    override: true\n")
    ds = cisai.load(extra=[path])
    record = ds.get("by-president")
    assert isinstance(record, cisai.Body)
    assert record.override is True
    assert record.name == "The President (my own wording)"
    assert record.confidence is cisai.Confidence.LOW
    assert record.sources[0].url == "https://example.org/my-president-page"
    assert len(ds) == len(bundled_before)
    assert [r.id for r in ds.bodies].count("by-president") == 1
    # instruments issued by it still resolve, to the new record
    assert any("by-president" in i.issuers for i in ds.instruments)
    # the cached bundled dataset is unchanged
    assert cisai.load() is bundled_before
    assert cisai.load().get("by-president") is original
    assert original.override is False
    assert original.name == "President of the Republic of Belarus"


def test_override_of_an_unknown_id_is_an_error(tmp_path: Path) -> None:
    text = (OVERRIDE + "    override: true\n").replace("by-president", "my-president")
    path = write_file(tmp_path / "mine.yaml", text)
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path])
    (problem,) = info.value.problems
    assert (problem.file, problem.record_id, problem.field) == (
        str(path),
        "my-president",
        "override",
    )
    assert problem.line == 13
    assert "no bundled record" in problem.message


def test_override_without_bundled_data_is_an_error(tmp_path: Path) -> None:
    path = write_file(tmp_path / "mine.yaml", OVERRIDE + "    override: true\n")
    with pytest.raises(DataError, match="override"):
        cisai.load(extra=[path], bundled=False)


def test_duplicate_ids_among_user_files(tmp_path: Path) -> None:
    write_file(tmp_path / "a.yaml", TOPIC.format(id="my-topic", label="A", added_in="2026.11.0"))
    write_file(tmp_path / "b.yaml", TOPIC.format(id="my-topic", label="B", added_in="2026.11.0"))
    with pytest.raises(DataError) as info:
        cisai.load(extra=[tmp_path], bundled=False)
    assert "duplicate id 'my-topic'" in str(info.value)
    assert str(tmp_path / "a.yaml") in str(info.value)


# -- JSON Dataset documents ---------------------------------------------------------------


def test_a_catalogued_source_is_one_object_for_every_citation() -> None:
    ds = cisai.load(extra=[SAMPLE])
    ministry = ds.get("sample-kz-ministry-ai")
    instrument = ds.get("sample-kz-ministry-ai-2025")
    cited = [*ministry.sources, *instrument.sources, *instrument.events[0].sources]
    assert cited[0].url.startswith("https://")
    assert cited[0].title  # the catalogue's fields, not just the URL
    assert all(source is cited[0] for source in cited)  # checked once, shared, not copied
    assert ministry.sources is instrument.sources  # equal lists of sources: one tuple


def test_json_document_loads_like_the_bundled_data(tmp_path: Path) -> None:
    bundled = cisai.load()
    path = write_file(tmp_path / "cisai.json", cisai.to_json(bundled, indent=2))
    ds = cisai.load(extra=[path], bundled=False)
    assert len(ds) == len(bundled)
    for name, selection in bundled.collections().items():
        assert ds.collections()[name].ids() == selection.ids(), name
    for record in bundled:
        if isinstance(record, cisai.PrincipleConcept):
            assert ds.principle_concept(record.id) == record
        else:
            assert ds.get(record.id) == record


def test_json_document_with_user_records(tmp_path: Path) -> None:
    joined = cisai.load(extra=[USER])
    user_only = [r for r in joined if r.id in SAMPLE_IDS]
    document = json.loads(cisai.to_json(cisai.load()))
    for name in document:
        if isinstance(document[name], list):
            document[name] = []
    document["bodies"] = [cisai.to_dict(r) for r in user_only if isinstance(r, cisai.Body)]
    document["instruments"] = [
        cisai.to_dict(r) for r in user_only if isinstance(r, cisai.Instrument)
    ]
    path = write_file(tmp_path / "mine.json", json.dumps(document))
    ds = cisai.load(extra=[path])
    for record in user_only:
        assert ds.get(record.id) == record


def test_json_document_of_a_newer_schema_major(tmp_path: Path) -> None:
    document = json.loads(cisai.to_json(cisai.load()))
    document["schema_version"] = "2.0"
    path = write_file(tmp_path / "future.json", json.dumps(document))
    with pytest.raises(cisai.SchemaError, match=r"2\.0"):
        cisai.load(extra=[path], bundled=False)


def test_json_file_that_is_not_a_dataset_document(tmp_path: Path) -> None:
    path = write_file(tmp_path / "records.json", cisai.to_json(cisai.load().topics))
    with pytest.raises(DataError, match="Dataset document") as info:
        cisai.load(extra=[path], bundled=False)
    assert info.value.file == str(path)
    bad = write_file(tmp_path / "bad.json", '{"schema_version": "1.0",\n "topics": [}')
    with pytest.raises(DataError, match="invalid JSON") as info:
        cisai.load(extra=[bad], bundled=False)
    assert (info.value.file, info.value.line) == (str(bad), 2)


# -- reading files: encodings, paths, collections, the source catalogue ------------------------


def test_base_is_valid(tmp_path: Path) -> None:
    ds = cisai.load(extra=[write(tmp_path, BASE + PRINCIPLE + REVIEW)], bundled=False)
    law = ds.get("by-ai-law")
    assert isinstance(law, cisai.Instrument)
    assert str(law.date) == "2025-04-18"
    assert law.sources[0].url == "https://example.org/one"
    assert law.events[0].sources[0].url == "https://example.org/two"
    assert ds.data_version is None
    assert len(ds.principles) == 1
    assert ds.review_processes[0].stage_count == 5


def test_single_path_argument_is_accepted(tmp_path: Path) -> None:
    ds = cisai.load(write(tmp_path, BASE), bundled=False)
    assert "by-ai-law" in ds


def test_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    err, file = load_error(tmp_path, "- a\n- b\n")
    assert (err.file, err.line) == (file, 1)
    assert "mapping of collection names" in str(err)


def test_unknown_collection(tmp_path: Path) -> None:
    text = BASE + "principals: []\n"
    err, file = load_error(tmp_path, text)
    assert (err.file, err.line, err.field) == (file, line_no(text, "principals:"), "principals")
    assert "did you mean 'principles'" in str(err)


def test_non_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(BASE.replace("Belarus", "Bélarus").encode("latin-1"))
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path], bundled=False)
    assert info.value.file == str(path)
    assert str(path) in str(info.value)
    assert "UTF-8" in str(info.value)


def test_catalogued_source_url_written_as_a_number(tmp_path: Path) -> None:
    text = variant(("    url: https://example.org/one\n", "    url: 12345\n"))
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "url: 12345"),
        record_id="src-one",
        field="url",
        message="not an http(s) URL: '12345'",
    )


def test_unknown_source_id(tmp_path: Path) -> None:
    text = variant(
        (
            '    sources: [src-one]\n    added_in: "2026.11.0"\n    events:',
            '    sources: [src-onr]\n    added_in: "2026.11.0"\n    events:',
        )
    )
    err, file = load_error(tmp_path, text)
    assert_first(
        err,
        file=file,
        line=line_no(text, "[src-onr]"),
        record_id="by-ai-law",
        field="sources[0]",
        message="unknown source 'src-onr'; did you mean 'src-one'",
    )


def test_source_referenced_by_url(tmp_path: Path) -> None:
    text = variant(("        sources: [src-two]\n", "        sources: [https://example.org/two]\n"))
    ds = cisai.load(extra=[write(tmp_path, text)], bundled=False)
    assert ds.get("by-ai-law").events[0].sources[0].url == "https://example.org/two"


def test_bad_catalogue_source(tmp_path: Path) -> None:
    text = variant(("    kind: official\n", "    kind: oficial\n"))
    err, file = load_error(tmp_path, text)
    problem = find_problem(err, "'oficial' is not a valid SourceKind")
    assert (problem.file, problem.line, problem.record_id, problem.field) == (
        file,
        line_no(text, "kind: oficial"),
        "src-one",
        "kind",
    )
    assert "did you mean 'official'?" in problem.message


def test_bom_is_skipped() -> None:
    ds = cisai.load(extra=[HOSTILE / "bom.yaml"])
    topic = ds.get("hostile-bom")
    assert isinstance(topic, cisai.Topic)
    assert topic.label == "Искусственный интеллект"


@pytest.mark.parametrize("name", ["empty.yaml", "only-comments.yaml"])
def test_empty_files_hold_no_records(name: str) -> None:
    assert len(cisai.load(extra=[HOSTILE / name])) == len(cisai.load())
    assert len(cisai.load(extra=[HOSTILE / name], bundled=False)) == 0


def test_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "folder"
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path], bundled=False)
    assert info.value.file == str(path)
    assert "no such file or folder" in str(info.value)


@pytest.mark.parametrize("collector_on", [True, False])
def test_a_load_leaves_the_garbage_collector_as_it_found_it(
    tmp_path: Path, collector_on: bool
) -> None:
    """The loader pauses the collector for the whole load (the parsed documents die before
    it resumes); afterwards, and after a failed load, it is on or off as the caller had it."""
    bad = write_file(tmp_path / "bad.yaml", "instruments:\n  - id: Not-An-Id\n")
    was = gc.isenabled()
    (gc.enable if collector_on else gc.disable)()
    try:
        cisai.load(extra=[SAMPLE])
        assert gc.isenabled() is collector_on
        with pytest.raises(DataError):
            cisai.load(extra=[bad])
        assert gc.isenabled() is collector_on
    finally:
        (gc.enable if was else gc.disable)()
