"""Users' own data: files and folders joined to the bundled data, overrides, JSON documents.

The sample folder ``tests/data/user`` holds a Kazakh ministry and an instrument that
refer to bundled records (the KZ jurisdiction, the ``regulators`` and ``ai`` topics,
the CIS model law).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import cisai
from cisai import DataError
from cisai.cli import main

ROOT = Path(__file__).resolve().parent.parent
USER = Path(__file__).resolve().parent / "data" / "user"
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


def write(path: Path, text: str) -> Path:
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
    write(tmp_path / "a.yaml", TOPIC.format(id="my-a", label="A", added_in="2026.11.0"))
    write(tmp_path / "sub" / "b.yml", TOPIC.format(id="my-b", label="B", added_in="2026.11.0"))
    document = {
        "schema_version": cisai.SCHEMA_VERSION,
        "topics": [{"id": "my-c", "label": "C", "added_in": "2026.11.0"}],
    }
    write(tmp_path / "sub" / "deeper" / "c.json", json.dumps(document))
    # other files are ignored, however broken
    write(tmp_path / "README.md", "not: [data")
    write(tmp_path / "notes.txt", "\x00\x01")
    write(tmp_path / "sub" / "d.yaml.bak", "garbage: [")
    ds = cisai.load(extra=[tmp_path], bundled=False)
    assert set(ds.topics.ids()) == {"my-a", "my-b", "my-c"}


def test_user_added_in_may_be_any_valid_version(tmp_path: Path) -> None:
    path = write(tmp_path / "t.yaml", TOPIC.format(id="my-later", label="L", added_in="2099.12.7"))
    assert cisai.load(extra=[path]).get("my-later").added_in == "2099.12.7"
    bad = write(tmp_path / "t.yaml", TOPIC.format(id="my-later", label="L", added_in="2099.13.0"))
    with pytest.raises(DataError, match="invalid data version"):
        cisai.load(extra=[bad])


# -- ids and overrides --------------------------------------------------------------------


def test_colliding_id_needs_override(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.yaml", OVERRIDE)
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
    path = write(tmp_path / "mine.yaml", OVERRIDE + "    override: true\n")
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
    path = write(tmp_path / "mine.yaml", text)
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
    path = write(tmp_path / "mine.yaml", OVERRIDE + "    override: true\n")
    with pytest.raises(DataError, match="override"):
        cisai.load(extra=[path], bundled=False)


def test_duplicate_ids_among_user_files(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", TOPIC.format(id="my-topic", label="A", added_in="2026.11.0"))
    write(tmp_path / "b.yaml", TOPIC.format(id="my-topic", label="B", added_in="2026.11.0"))
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
    path = write(tmp_path / "cisai.json", cisai.to_json(bundled, indent=2))
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
    path = write(tmp_path / "mine.json", json.dumps(document))
    ds = cisai.load(extra=[path])
    for record in user_only:
        assert ds.get(record.id) == record


def test_json_document_of_a_newer_schema_major(tmp_path: Path) -> None:
    document = json.loads(cisai.to_json(cisai.load()))
    document["schema_version"] = "2.0"
    path = write(tmp_path / "future.json", json.dumps(document))
    with pytest.raises(cisai.SchemaError, match=r"2\.0"):
        cisai.load(extra=[path], bundled=False)


def test_json_file_that_is_not_a_dataset_document(tmp_path: Path) -> None:
    path = write(tmp_path / "records.json", cisai.to_json(cisai.load().topics))
    with pytest.raises(DataError, match="Dataset document") as info:
        cisai.load(extra=[path], bundled=False)
    assert info.value.file == str(path)
    bad = write(tmp_path / "bad.json", '{"schema_version": "1.0",\n "topics": [}')
    with pytest.raises(DataError, match="invalid JSON") as info:
        cisai.load(extra=[bad], bundled=False)
    assert (info.value.file, info.value.line) == (str(bad), 2)


# -- the command line ---------------------------------------------------------------------


BAD_FILES = {
    "one.yaml": (
        "topics:\n"
        "  - id: my-topic\n"
        "    label: A\n"
        "    parent: no-such-topic\n"
        '    added_in: "2026.11.0"\n'
    ),
    "two.yaml": ('topics:\n  - id: Bad_Id\n    label: B\n    added_in: "2026.11.0"\n'),
    "three.yaml": "topics: [\n",
}


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    for name, text in BAD_FILES.items():
        write(tmp_path / "bad" / name, text)
    return tmp_path / "bad"


def test_cli_validate_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(USER)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith("ok: ")
    assert "2 records" in out


def test_cli_validate_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cisai", "validate", "tests/data/user"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
    assert result.stdout.count("\n") == 1
    assert result.stderr == ""


def test_cli_validate_reports_every_problem(
    bad_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(bad_folder)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert f"{bad_folder / 'one.yaml'}:4: my-topic: parent: unknown topic 'no-such-topic'" in (
        captured.out
    )
    assert any(line.startswith(f"{bad_folder / 'two.yaml'}:2: Bad_Id: id: ") for line in lines)
    assert any(line.startswith(f"{bad_folder / 'three.yaml'}:2: invalid YAML") for line in lines)
    assert {line.split(":")[0] for line in lines} == {str(bad_folder / n) for n in BAD_FILES}
    assert "Traceback" not in captured.err
    assert "problem" in captured.err


def test_cli_validate_json(bad_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(bad_folder), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    files = {p["file"] for p in report["problems"]}
    assert files == {str(bad_folder / n) for n in BAD_FILES}
    first = next(p for p in report["problems"] if p["file"].endswith("one.yaml"))
    assert first == {
        "file": str(bad_folder / "one.yaml"),
        "line": 4,
        "record_id": "my-topic",
        "field": "parent",
        "message": first["message"],
    }
    assert main(["validate", str(USER), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"valid": True, "problems": []}


def test_cli_validate_no_bundled(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--no-bundled", str(USER)]) == 1
    out = capsys.readouterr().out
    assert "unknown jurisdiction 'KZ'" in out


def test_cli_validate_missing_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "no/such/path"]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_cli_list_with_user_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--data", str(USER), "--jurisdiction", "KZ", "--format", "json"]) == 0
    ids = [r["id"] for r in json.loads(capsys.readouterr().out)]
    assert "sample-kz-ministry-ai-2025" in ids
    assert main(["list", "bodies", "--data", str(USER), "--format", "json"]) == 0
    ids = [r["id"] for r in json.loads(capsys.readouterr().out)]
    assert "sample-kz-ministry-ai" in ids
    assert "by-president" in ids


def test_cli_list_no_bundled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(
        tmp_path / "t.yaml", TOPIC.format(id="my-only", label="Mine", added_in="2026.11.0")
    )
    assert main(["list", "topics", "--data", str(path), "--no-bundled", "--format", "json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == ["my-only"]
    assert main(["list", "topics", "--no-bundled"]) == 2
    assert "--no-bundled" in capsys.readouterr().err


def test_cli_list_with_bad_user_data(bad_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--data", str(bad_folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cisai: error: invalid data: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
