"""One exit-code rule for every command: 0 done, 1 the data, 2 usage."""

from __future__ import annotations

from pathlib import Path

import pytest

from cisai.cli import main

COMMANDS = [
    ["info"],
    ["list"],
    ["list", "bodies"],
    ["show", "cis-model-law-ai-2025"],
    ["export"],
    ["compare"],
    ["search", "law"],
]


@pytest.fixture
def invalid(tmp_path: Path) -> Path:
    path = tmp_path / "invalid.yaml"
    path.write_text("bodies:\n  - id: x-body\n    kind: ministri\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_a_missing_path_is_a_usage_error_for_every_command(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "no-such.yaml")
    assert main([*argv, "--data", missing]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_a_missing_path_is_a_usage_error_for_validate_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "no-such.yaml")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_invalid_data_is_status_1_for_every_command(
    argv: list[str], invalid: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--data", str(invalid)]) == 1
    assert "invalid data" in capsys.readouterr().err


def test_invalid_data_is_status_1_for_validate(
    invalid: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(invalid)]) == 1
    capsys.readouterr()


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["show", "no-such-record"], 1),
        (["list", "--topic", "no-such-topic"], 2),
        (["list", "--columns", "nope"], 2),
        (["list", "--since", "2026", "--until", "2025"], 2),
        (["list", "--in-force-on", "2025"], 2),
        (["search", "--"], 2),
        (["no-such-command"], 2),
    ],
)
def test_not_found_is_1_and_usage_is_2(
    argv: list[str], status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == status
    assert capsys.readouterr().err.startswith("cisai: error: ") or argv == ["search", "--"]


def test_the_rule_is_in_the_help_and_the_docs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    help_text = capsys.readouterr().out
    assert "exit status (the same for every command)" in help_text
    assert "a path that does not exist" in " ".join(help_text.split())
    docs = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text("utf-8")
    assert "a path given on the command line (`--data PATH`, `validate PATH`)" in docs
