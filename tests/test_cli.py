"""The ``cisai`` command line, run for real in a subprocess against the bundled data."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import cisai
from cisai.cli import main

MODEL_LAW = "cis-model-law-ai-2025"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["COLUMNS"] = "120"
    env["PYTHONUTF8"] = "1"
    env.pop("PYTHONWARNINGS", None)
    return env


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m cisai ARGS``: the exit code, stdout and stderr (UTF-8 text)."""
    return subprocess.run(
        [sys.executable, "-m", "cisai", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        timeout=120,
        check=False,
    )


def ok(*args: str) -> str:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.fixture(scope="module")
def ds() -> cisai.Dataset:
    return cisai.load()


# -- versions and help ---------------------------------------------------------------


def test_version() -> None:
    out = ok("--version")
    expected = (
        f"cisai {cisai.__version__} (data {cisai.DATA_VERSION}, schema {cisai.SCHEMA_VERSION})"
    )
    assert out.strip() == expected


def test_console_script_next_to_python() -> None:
    folder = Path(sys.executable).parent
    script = next((p for p in (folder / "cisai", folder / "cisai.exe") if p.exists()), None)
    if script is None:
        pytest.skip("the cisai console script is not installed next to this Python")
    result = subprocess.run(
        [str(script), "--version"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"cisai {cisai.__version__} ")
    shown = subprocess.run(
        [str(script), "show", MODEL_LAW, "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        timeout=120,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["id"] == MODEL_LAW


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), ["info", "list", "show", "examples:"]),
        (("info",), ["--format", "examples:", "cisai info --format json"]),
        (("list",), ["--since", "--topic", "--in-force-on", "--sort", "--limit", "examples:"]),
        (("show",), ["ID", "--format", "examples:"]),
    ],
)
def test_help(args: tuple[str, ...], expected: list[str]) -> None:
    out = ok(*args, "--help")
    assert out.startswith("usage: cisai")
    for text in expected:
        assert text in out


# -- info ----------------------------------------------------------------------------


def test_info_json_matches_the_api(ds: cisai.Dataset) -> None:
    facts = json.loads(ok("info", "--format", "json"))
    assert facts["cisai_version"] == cisai.__version__
    assert facts["data_version"] == cisai.DATA_VERSION
    assert facts["schema_version"] == cisai.SCHEMA_VERSION
    assert facts["sources_read_until"] == ds.sources_read_until == cisai.SOURCES_READ_UNTIL
    assert facts["records"] == {name: len(sel) for name, sel in ds.collections().items()}
    assert facts["total"] == len(ds)
    dated = sorted(i.date for i in ds.instruments if i.date is not None)
    assert facts["instrument_dates"]["earliest"] == str(dated[0])
    assert facts["instrument_dates"]["latest"] == str(dated[-1])
    attested = [r for r in ds if hasattr(r, "attestation")]
    assert sum(facts["attestation"].values()) == len(attested)
    assert set(facts["attestation"]) == {a.value for a in cisai.Attestation}
    per = facts["instruments_per_jurisdiction"]
    assert sum(per.values()) == len(ds.instruments)
    assert per["BY"] == len(ds.instruments.filter(jurisdiction="BY"))


def test_info_text(ds: cisai.Dataset) -> None:
    out = ok("info")
    assert cisai.DATA_VERSION in out
    assert f"sources read up to {cisai.SOURCES_READ_UNTIL}\n" in out
    assert re.search(rf"^  instruments +{len(ds.instruments)}$", out, re.MULTILINE)
    for name in ds.collections():
        assert name.replace("_", " ") in out
    assert "official report" in out
    assert "secondary report" in out
    assert "Belarus" in out


# -- list ----------------------------------------------------------------------------


def _table_ids(out: str) -> list[str]:
    lines = out.splitlines()
    header = lines[0]
    start = header.index(" id ") + 1
    return [line[start:].split()[0] for line in lines[2:]]


def _unwrapped(card: str) -> str:
    """A card's text with wrapped lines joined, so a wrapped URL reads whole again."""
    return "".join(line.strip() for line in card.splitlines())


def test_list_default_table(ds: cisai.Dataset) -> None:
    out = ok("list", "--wide")
    lines = out.splitlines()
    assert lines[0].split() == ["date", "jur", "kind", "status", "id", "title"]
    assert set(lines[1]) <= {"-", " "}
    assert len(lines) == 2 + len(ds.instruments)
    assert _table_ids(out) == list(ds.instruments.ids())
    law_line = next(line for line in lines if f" {MODEL_LAW} " in line)
    assert law_line.startswith("2025-04-18")


def test_list_table_wraps_long_titles_to_the_terminal(ds: cisai.Dataset) -> None:
    env = _env()
    env["COLUMNS"] = "90"
    result = subprocess.run(
        [sys.executable, "-m", "cisai", "list"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert len(lines) > 2 + len(ds.instruments)  # some titles wrap onto a second line
    assert all(len(line) < 90 for line in lines)
    assert not any("…" in line for line in lines)


@pytest.mark.parametrize(
    ("args", "criteria"),
    [
        (["--jurisdiction", "BY"], {"jurisdiction": "BY"}),
        (["--topic", "data-protection"], {"topic": "data-protection"}),
        (
            ["--since", "2025-04-01", "--until", "2025-05-31"],
            {"since": "2025-04-01", "until": "2025-05-31"},
        ),
        (["--kind", "decree"], {"kind": "decree"}),
        (["--text", "искусственного"], {"text": "искусственного"}),
        (["--status", "in_force"], {"status": "in_force"}),
        (["--issuer", "by-president"], {"issuer": "by-president"}),
        (["--in-force-on", "2025-06-01"], {"in_force_on": "2025-06-01"}),
        (["--attestation", "official_report"], {"attestation": "official_report"}),
        (["--confidence", "high"], {"confidence": "high"}),
        (["--changed-since", "2026.10.0"], {"changed_since": "2026.10.0"}),
        (["--kind", "decree,law"], {"kind": ["decree", "law"]}),
        (["--kind", "decree", "--kind", "law"], {"kind": ["decree", "law"]}),
        (["--jurisdiction", "BY", "--kind", "decree"], {"jurisdiction": "BY", "kind": "decree"}),
    ],
)
def test_list_filters_match_the_api(
    ds: cisai.Dataset, args: list[str], criteria: dict[str, Any]
) -> None:
    expected = ds.instruments.filter(**criteria).ids()
    as_json = json.loads(ok("list", *args, "--format", "json"))
    assert tuple(r["id"] for r in as_json) == expected
    table = ok("list", *args, "--wide")  # one line per record
    assert tuple(_table_ids(table)) == expected


@pytest.mark.parametrize(
    ("args", "minimum"),
    [
        (["--jurisdiction", "BY"], 10),
        (["--topic", "data-protection"], 1),
        (["--since", "2025-04-01", "--until", "2025-05-31"], 2),
        (["--kind", "decree"], 2),
        (["--text", "искусственного"], 1),
    ],
)
def test_list_filters_find_real_records(args: list[str], minimum: int) -> None:
    assert len(json.loads(ok("list", *args, "--format", "json"))) >= minimum


def test_list_json_is_to_json_of_the_selection(ds: cisai.Dataset) -> None:
    out = ok("list", "--jurisdiction", "BY", "--format", "json")
    assert out == cisai.to_json(ds.instruments.filter(jurisdiction="BY"), indent=2) + "\n"


def test_list_jsonl_has_a_type_on_every_line(ds: cisai.Dataset) -> None:
    lines = ok("list", "--format", "jsonl").splitlines()
    assert len(lines) == len(ds.instruments)
    for line, record in zip(lines, ds.instruments, strict=True):
        data = json.loads(line)
        assert next(iter(data)) == "type"
        assert data["type"] == "instrument"
        assert data["id"] == record.id
        assert {k: v for k, v in data.items() if k != "type"} == cisai.to_dict(record)


@pytest.mark.parametrize(
    ("type_arg", "collection", "singular"),
    [
        ("bodies", "bodies", "body"),
        ("body", "bodies", "body"),
        ("topics", "topics", "topic"),
        ("principle", "principles", "principle"),
        ("lifecycle-stages", "lifecycle_stages", "lifecycle_stage"),
        ("review_process", "review_processes", "review_process"),
        ("jurisdictions", "jurisdictions", "jurisdiction"),
    ],
)
def test_list_other_types(ds: cisai.Dataset, type_arg: str, collection: str, singular: str) -> None:
    records = ds.collections()[collection]
    lines = ok("list", type_arg, "--format", "jsonl").splitlines()
    assert [json.loads(line)["id"] for line in lines] == list(records.ids())
    assert all(json.loads(line)["type"] == singular for line in lines)
    table = ok("list", type_arg, "--wide")
    if records:
        assert "id" in table.splitlines()[0].split()
        assert len(table.splitlines()) == 2 + len(records)


def test_list_parts_of_one_instrument(ds: cisai.Dataset) -> None:
    out = json.loads(ok("list", "principles", "--instrument", MODEL_LAW, "--format", "json"))
    assert [r["id"] for r in out] == list(ds.principles.filter(instrument=MODEL_LAW).ids())
    assert out


def test_list_bodies_filtered(ds: cisai.Dataset) -> None:
    out = json.loads(ok("list", "bodies", "--jurisdiction", "BY", "--format", "json"))
    assert [r["id"] for r in out] == list(ds.bodies.filter(jurisdiction="BY").ids())


def test_list_csv(ds: cisai.Dataset) -> None:
    out = ok("list", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert len(rows) == len(ds.instruments)
    assert [row["id"] for row in rows] == list(ds.instruments.ids())
    assert list(rows[0])[:3] == ["type", "id", "title"]
    law = next(row for row in rows if row["id"] == MODEL_LAW)
    assert law["date"] == "2025-04-18"
    assert law["status"] == "adopted"
    assert law["title"] == ds.model_law.title
    assert law["topics"] == "; ".join(ds.model_law.topics)
    assert ds.model_law.sources[0].url in law["source_urls"].split("; ")


def test_list_csv_other_type(ds: cisai.Dataset) -> None:
    rows = list(csv.DictReader(io.StringIO(ok("list", "topics", "--format", "csv"), newline="")))
    assert [row["id"] for row in rows] == list(ds.topics.ids())
    assert "label" in rows[0]


def test_list_sort_reverse_limit(ds: cisai.Dataset) -> None:
    out = json.loads(ok("list", "--sort", "id", "--reverse", "--limit", "3", "--format", "json"))
    assert [r["id"] for r in out] == sorted(ds.instruments.ids(), reverse=True)[:3]
    by_kind = json.loads(ok("list", "--sort", "kind", "--format", "json"))
    kinds = [r["kind"] for r in by_kind]
    assert kinds == sorted(kinds)


def test_list_empty_result_is_not_an_error() -> None:
    result = run("list", "--since", "2999")
    assert result.returncode == 0
    assert result.stdout == ""
    assert json.loads(ok("list", "--since", "2999", "--format", "json")) == []


def test_broken_pipe_exits_quietly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "cisai", "list", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.read(1)
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=120) == 0
    assert b"Traceback" not in stderr
    assert stderr == b""


# -- show ----------------------------------------------------------------------------


def test_show_model_law(ds: cisai.Dataset) -> None:
    out = ok("show", MODEL_LAW)
    law = ds.model_law
    assert out.startswith(law.title + "\n")
    assert "2025-04-18" in out
    assert "adopted" in out
    assert law.sources[0].url in _unwrapped(out)
    for title in law.titles[1:]:
        assert title.text in out
    assert "Timeline" in out
    assert "Not known: " in out
    for other, _relation in ds.referring_to(MODEL_LAW):
        assert other.id in out
    for part in ds.parts_of(MODEL_LAW):
        assert part.id in out


def test_show_model_law_json(ds: cisai.Dataset) -> None:
    out = ok("show", MODEL_LAW, "--format", "json")
    assert json.loads(out) == cisai.to_dict(ds.model_law)
    assert out == cisai.to_json(ds.model_law, indent=2) + "\n"


def test_show_body(ds: cisai.Dataset) -> None:
    body = ds.bodies[0]
    out = ok("show", body.id)
    assert body.name in out
    assert body.id in out
    assert body.kind.value in out
    assert body.sources[0].url in _unwrapped(out)
    assert json.loads(ok("show", body.id, "--format", "json"))["id"] == body.id


@pytest.mark.parametrize("collection", ["topics", "jurisdictions", "principles", "provisions"])
def test_show_any_record_type(ds: cisai.Dataset, collection: str) -> None:
    record = ds.collections()[collection].first()
    if record is None:
        pytest.skip(f"no {collection} in the data")
    out = ok("show", record.id)
    assert record.id in out


# -- errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["show", "no-such-record"], 1, "no-such-record"),
        (["list", "--since", "yesterday-ish"], 2, "yesterday-ish"),
        (["list", "--topic", "data-protecton"], 2, "did you mean 'data-protection'"),
        (["list", "--kind", "decre"], 2, "decre"),
        (["list", "--jurisdiction", "XX"], 2, "XX"),
        (["list", "widgets"], 2, "unknown record type 'widgets'"),
        (["list", "--bogus"], 2, "--bogus"),
        (["list", "--format", "xml"], 2, "xml"),
        (["list", "--limit", "many"], 2, "many"),
        (["list", "--sort", "colour"], 2, "colour"),
        (["list", "topics", "--jurisdiction", "BY"], 2, "jurisdiction"),
        (["frobnicate"], 2, "frobnicate"),
        (["show"], 2, "ID"),
    ],
)
def test_errors_are_one_clear_line(args: list[str], code: int, expected: str) -> None:
    result = run(*args)
    assert result.returncode == code
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cisai: error: ")
    assert expected in lines[0]


def test_main_returns_the_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    from cisai.cli import main

    assert main(["--version"]) == 0
    assert main(["show", "no-such-record"]) == 1
    assert main(["list", "--since", "yesterday-ish"]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("cisai: error: ") == 2


# -- export, schema, validate ----------------------------------------------------------------

USER_DATA = Path(__file__).parent / "data" / "user"


def test_export_whole_dataset_is_the_versioned_document(ds: cisai.Dataset) -> None:
    document = json.loads(ok("export"))
    assert document["schema_version"] == cisai.SCHEMA_VERSION
    assert document == cisai.to_dict(ds)


def test_export_to_a_file(tmp_path: Path, ds: cisai.Dataset) -> None:
    target = tmp_path / "cisai.jsonl"
    assert ok("export", "--format", "jsonl", "-o", str(target)) == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(ds)
    assert [p.name for p in tmp_path.iterdir()] == ["cisai.jsonl"]  # no temporary left


def test_export_applies_the_list_filters(ds: cisai.Dataset) -> None:
    records = json.loads(ok("export", "--jurisdiction", "BY", "--kind", "decree"))
    assert [r["id"] for r in records] == list(
        ds.instruments.filter(jurisdiction="BY", kind="decree").ids()
    )


def test_export_csv_file_has_a_bom_for_spreadsheets(tmp_path: Path) -> None:
    target = tmp_path / "bodies.csv"
    ok("export", "bodies", "--format", "csv", "-o", str(target))
    raw = target.read_bytes()
    assert raw.startswith("\ufeff".encode())
    assert not ok("export", "bodies", "--format", "csv").startswith("\ufeff")


def test_export_jsonld(ds: cisai.Dataset) -> None:
    graph = json.loads(ok("export", "--format", "jsonld"))["@graph"]
    assert {node["identifier"] for node in graph} == set(ds.instruments.ids())


def test_failed_export_leaves_the_old_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("precious", encoding="utf-8")
    result = run("export", "--topic", "no-such-topic", "-o", str(target))
    assert result.returncode == 2
    assert target.read_text(encoding="utf-8") == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_schema_command_prints_the_schema(tmp_path: Path) -> None:
    assert json.loads(ok("schema")) == cisai.json_schema()
    target = tmp_path / "schema.json"
    ok("schema", "-o", str(target))
    assert json.loads(target.read_text(encoding="utf-8")) == cisai.json_schema()


def test_validate_accepts_the_sample_user_data() -> None:
    out = ok("validate", str(USER_DATA))
    assert out.startswith("ok: 2 records")


def test_validate_reports_every_problem(tmp_path: Path) -> None:
    body = (
        "  - id: {id}\n"
        "    name: X\n"
        "    kind: {kind}\n"
        "    attestation: official_report\n"
        "    confidence: high\n"
        "    sources: [{{url: 'https://example.org/x'}}]\n"
        "    added_in: '2026.11.0'\n"
        "    parent: {parent}\n"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "bodies:\n"
        + body.format(id="x-body", kind="ministri", parent="by-president")
        + body.format(id="y-body", kind="ministry", parent="by-presidnt"),
        encoding="utf-8",
    )
    result = run("validate", str(bad))
    assert result.returncode == 1
    first, second = result.stdout.splitlines()
    assert (
        first
        == f"{bad}:4: x-body: kind: 'ministri' is not a valid BodyKind; did you mean 'ministry'?"
    )
    assert second.startswith(
        f"{bad}:17: y-body: parent: unknown body 'by-presidnt'; did you mean 'by-president'"
    )
    assert result.stderr == "cisai: 2 problems found\n"
    report = json.loads(run("validate", str(bad), "--format", "json").stdout)
    assert report["valid"] is False
    assert report["problems"][0] == {
        "file": str(bad),
        "line": 4,
        "record_id": "x-body",
        "field": "kind",
        "message": "'ministri' is not a valid BodyKind; did you mean 'ministry'?",
    }


def test_list_with_user_data() -> None:
    out = ok("list", "--data", str(USER_DATA), "--jurisdiction", "KZ", "--format", "json")
    ids = [r["id"] for r in json.loads(out)]
    assert "sample-kz-ministry-ai-2025" in ids
    assert set(cisai.instruments(jurisdiction="KZ").ids()) < set(ids)


# -- validate and list with users' data ---------------------------------------------------


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
    folder = tmp_path / "bad"
    folder.mkdir()
    for name, text in BAD_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_cli_validate_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(USER_DATA)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith("ok: ")
    assert "2 records" in out


def test_cli_validate_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cisai", "validate", "tests/data/user"],
        cwd=Path(__file__).resolve().parent.parent,
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
    assert main(["validate", str(USER_DATA), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"valid": True, "problems": []}


def test_cli_validate_no_bundled(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--no-bundled", str(USER_DATA)]) == 1
    out = capsys.readouterr().out
    assert "unknown jurisdiction 'KZ'" in out


def test_cli_validate_missing_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "no/such/path"]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_cli_list_with_user_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--data", str(USER_DATA), "--jurisdiction", "KZ", "--format", "json"]) == 0
    ids = [r["id"] for r in json.loads(capsys.readouterr().out)]
    assert "sample-kz-ministry-ai-2025" in ids
    assert main(["list", "bodies", "--data", str(USER_DATA), "--format", "json"]) == 0
    ids = [r["id"] for r in json.loads(capsys.readouterr().out)]
    assert "sample-kz-ministry-ai" in ids
    assert "by-president" in ids


def test_cli_list_no_bundled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.yaml"
    path.write_text('topics:\n  - id: my-only\n    label: Mine\n    added_in: "2026.11.0"\n')
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


# -- compare -------------------------------------------------------------------------------


def test_compare_kazakhstan_law_in_force_only_after_18_january_2026() -> None:
    after = json.loads(ok("compare", "--on", "2026-02-01", "--format", "json"))
    before = json.loads(ok("compare", "--on", "2025-12-01", "--format", "json"))

    def law_status(document: dict[str, Any], code: str) -> dict[str, str]:
        state = next(s for s in document["states"] if s["code"] == code)
        return {entry["id"]: entry["status"] for entry in state["law"]}

    assert law_status(after, "KZ")["kz-law-ai-2025"] == "in_force"
    # Signed on 17 and published on 18 November 2025; in force only from 18 January 2026.
    assert law_status(before, "KZ")["kz-law-ai-2025"] == "published"
    # The Digital Code of 9 January 2026 was signed and published, but no source read gives
    # its entry into force: it must not show as in force.
    assert law_status(after, "KZ")["kz-digital-code-2026"] == "published"
    assert "kz-digital-code-2026" not in law_status(
        json.loads(ok("compare", "--on", "2025-11-01", "--format", "json")), "KZ"
    )
    # Uzbekistan's law of 21 January 2026 did not exist yet on 1 December 2025.
    assert "uz-zru-1115-2026" not in law_status(before, "UZ")


def test_compare_rows_are_the_participating_states() -> None:
    document = json.loads(ok("compare", "--format", "json"))
    assert [s["code"] for s in document["states"]] == [
        "AM",
        "AZ",
        "BY",
        "KZ",
        "KG",
        "RU",
        "TJ",
        "UZ",
    ]
    assert document["groups"] == ["law", "strategy", "regulator", "other"]
    by = next(s for s in document["states"] if s["code"] == "BY")
    assert by["latest_event"] == str(cisai.compare().row("BY").latest_event)


def test_compare_table_and_csv() -> None:
    table = ok("compare", "--on", "2026-02-01")
    lines = table.splitlines()
    assert lines[2].startswith(f"sources read up to {cisai.SOURCES_READ_UNTIL};")
    assert lines[4].split() == ["code", "law", "strategy", "regulator", "other", "latest"]
    latest = {row.jurisdiction.code: row.latest_event for row in cisai.compare().rows}
    for line in lines[6 : 6 + len(latest)]:
        code, *_, shown = line.split()
        assert shown == str(latest[code])
    rows = list(csv.DictReader(io.StringIO(ok("compare", "--format", "csv"), newline="")))
    assert {"code", "group", "id", "status"} <= set(rows[0])
    assert any(r["code"] == "KZ" and r["group"] == "regulator" for r in rows)


def test_compare_bad_date_is_a_usage_error() -> None:
    result = run("compare", "--on", "soon")
    assert result.returncode == 2
    assert "soon" in result.stderr


# -- provenance and filters: read from the model, the same on every card ------------------


def _one_record_per_type(ds: cisai.Dataset) -> list[Any]:
    """A record of each type that ``cisai show`` finds by its id (a principle concept
    whose id no record has)."""
    return [
        next(r for r in records if r.id not in ds or ds.get(r.id) is r)
        for records in ds.collections().values()
        if records
    ]


def test_no_card_says_override_no(capsys: pytest.CaptureFixture[str]) -> None:
    """The bug of the CLI's own copy of the provenance fields: every card but an
    instrument's printed "Override: no" among the record's own fields."""
    records = _one_record_per_type(cisai.load())
    assert len(records) == len(cisai.RECORD_TYPES)
    for record in records:
        assert main(["show", record.id]) == 0
        out = capsys.readouterr().out
        assert "Data version: added in" in out, record.id
        assert "Override" not in out, record.id


def test_every_card_says_when_a_record_overrides_a_bundled_one() -> None:
    from cisai.cli._cards import concept_card, render_card

    ds = cisai.load()
    for record in _one_record_per_type(ds):
        overriding = attrs.evolve(record, override=True)
        if isinstance(record, cisai.PrincipleConcept):
            card = concept_card(ds, overriding, 100)
        else:
            card = render_card(ds, overriding, 100)
        lines = [line for line in card.splitlines() if line.startswith("Override:")]
        assert len(lines) == 1, (type(record).__name__, card)
        assert "replacing the bundled record" in lines[0]


def test_a_users_override_shows_on_its_card(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "sources:\n  my-source:\n    url: https://example.org/my-president-page\n"
        "bodies:\n  - id: by-president\n    name: The President (my wording)\n"
        "    kind: head_of_state\n    jurisdiction: BY\n    attestation: secondary_report\n"
        "    confidence: low\n    sources: [my-source]\n    added_in: '2026.11.0'\n"
        "    override: true\n",
        encoding="utf-8",
    )
    result = run("show", "by-president", "--data", str(mine))
    assert result.returncode == 0, result.stderr
    assert "Override:     yes: from your data" in result.stdout


def test_the_cards_show_every_provenance_field_of_the_model() -> None:
    """A provenance field added to the model must get its place on the cards."""
    from cisai.cli._cards import SHOWN_PROVENANCE

    assert set(cisai.PROVENANCE_FIELDS) == SHOWN_PROVENANCE
    shared = set.intersection(*({a.name for a in attrs.fields(cls)} for cls in cisai.RECORD_TYPES))
    assert shared - {"id"} <= set(cisai.PROVENANCE_FIELDS)
    assert {"attestation", "sources", "override"} <= set(cisai.PROVENANCE_FIELDS)


def test_every_criterion_is_a_filter_option_with_its_own_help() -> None:
    """The filters are cisai.Criteria, in its order: a new criterion is a new option."""
    import typing

    from cisai.cli._filters import FILTERS, _help

    criteria = list(typing.get_type_hints(cisai.Criteria))
    assert [f.criterion for f in FILTERS] == criteria == list(cisai.CRITERIA)
    help_text = " ".join(run("list", "--help").stdout.split())
    for name in criteria:
        assert "--" + name.replace("_", "-") in help_text
        # the help is the criteria table's description, not a copy of it
        assert " ".join(_help(name).split()[:4]) in help_text
        assert _help(name).split()[-1] in cisai.CRITERIA[name].description


def test_filter_values_split_at_commas_except_free_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["list", "--kind", "law,decree", "--jurisdiction", "BY", "--format", "json"]) == 0
    kinds = {r["kind"] for r in json.loads(capsys.readouterr().out)}
    assert kinds == {"law", "decree"}
    ds = cisai.load()
    expected = [i.id for i in ds.instruments.filter(text="personal data")]
    assert main(["list", "--text", "personal data", "--format", "json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == expected
    assert main(["list", "--include-unknown", "--in-force-on", "2025-06-01"]) == 0


def test_the_cli_uses_only_the_public_api() -> None:
    """The command line holds no logic the Python API lacks: it imports ``cisai`` and its
    own modules, never a private module of the library, and reads no private name."""
    import ast

    package = Path(cisai.__file__).parent / "cli"
    modules = sorted(package.glob("*.py"))
    assert len(modules) > 5
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id == "cisai":
                    assert not node.attr.startswith("_") or node.attr == "__version__", (
                        f"{path.name}:{node.lineno}: cisai.{node.attr}"
                    )
                continue
            else:
                continue
            for name in names:
                inside = name.split(".")[:2]
                assert inside[0] != "cisai" or len(inside) == 1 or inside[1] == "cli", (
                    f"{path.name}:{node.lineno}: imports {name}"
                )


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    """The parser's commands by name, in the order ``cisai --help`` lists them."""
    from cisai.cli._parser import build_parser

    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(commands.choices)


def test_every_option_of_every_command_says_what_it_does() -> None:
    commands = _subcommands()
    assert len(commands) >= 10
    silent = [
        f"{name} {' / '.join(action.option_strings) or action.dest}"
        for name, command in commands.items()
        for action in command._actions
        if not action.help and not isinstance(action, argparse._HelpAction)
    ]
    assert not silent


def test_every_command_the_parser_knows_has_its_handler_and_no_other() -> None:
    from cisai.cli._main import _COMMANDS

    assert list(_subcommands()) == list(_COMMANDS)


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", "--topic", ""],
        ["principles", "--concept", ","],
        ["principles", "--jurisdiction", ""],
        ["principles", "--attestation", " "],
        ["competencies", "--holder", ""],
        ["competencies", "--kind", ","],
        ["search", "law", "--type", ""],
        ["list", ""],
        ["export", ""],
        ["list", "--topic", ""],
    ],
)
def test_an_option_given_empty_is_a_usage_error_not_no_filter(argv: list[str]) -> None:
    """A script passing an empty variable must not get every record as if it had filtered."""
    result = run(*argv)
    assert result.returncode == 2, result.stdout[:200]
    assert result.stdout == ""
    assert "no value given" in result.stderr or "unknown record type ''" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_with_criteria_and_no_type_exports_instruments() -> None:
    result = run("export", "--since", "2026", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines
    assert all('"type":"instrument"' in line for line in lines)
