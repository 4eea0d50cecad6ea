"""Docs that stand alone: every public name documented with an example, versions current,
Belarus's coverage in the reader's terms and generated from the data."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

import cisai

ROOT = Path(__file__).resolve().parent.parent
API = (ROOT / "docs" / "reference" / "api.md").read_text(encoding="utf-8")
PYTHON = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


@pytest.mark.parametrize("name", cisai.__all__)
def test_every_public_name_is_documented_with_an_example(name: str) -> None:
    examples = "\n".join(PYTHON.findall(API))
    assert re.search(rf"\bcisai\.{re.escape(name)}\b", examples), f"no example uses {name}"
    documented = f"::: cisai.{name}\n" in API or f"`cisai.{name}`" in API
    assert documented, f"docs/reference/api.md does not document cisai.{name}"


def test_the_api_examples_run(capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, object] = {}
    for number, block in enumerate(PYTHON.findall(API), start=1):
        exec(compile(block, f"docs/reference/api.md (example {number})", "exec"), namespace)
    assert capsys.readouterr().out


# A line that names an earlier release on purpose: "changed since 2026.11.0", ...
PAST_RELEASE = re.compile(r"changed.since|changed_in|added_in|after data release|look like")
CALVER = re.compile(r"\b20\d\d\.\d{1,2}\.\d+\b")
SEMVER = re.compile(r"(?<![\d.])0\.\d+\.\d+(?![\d.])")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_version_numbers_in_the_docs_are_current(page: Path) -> None:
    if page.name in ("changelog.md", "performance.md"):  # history, and a dated measurement
        return
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        if PAST_RELEASE.search(line):
            continue
        for version in CALVER.findall(line):
            assert version == cisai.DATA_VERSION, f"{page.name}:{number}: {line.strip()}"
        for version in SEMVER.findall(line):
            assert version == cisai.__version__, f"{page.name}:{number}: {line.strip()}"


def test_the_cli_version_line_in_the_docs_is_the_real_one() -> None:
    from cisai.cli._parser import version_string

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"$ cisai --version\n{version_string()}\n" in text


def test_the_javascript_example_says_how_to_run_it() -> None:
    text = (ROOT / "docs" / "other-languages.md").read_text(encoding="utf-8")
    assert "save it as `validate.mjs`" in text
    assert '"type": "module"' in text


def test_the_readme_says_how_to_build_the_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "mkdocs serve" in readme
    assert "http://127.0.0.1:8000" in readme


def test_belarus_coverage_is_generated_from_the_data(
    load_script: Callable[[str], ModuleType],
) -> None:
    script = load_script("scripts/update_generated.py")
    coverage = script.coverage_text()
    ds = cisai.load()
    by = ds.instruments.filter(jurisdiction="BY")
    assert coverage.startswith(f"{len(by)} instruments dated from ")
    assert "decrees" in coverage
    for page in script.COVERAGE_PAGES:
        text = page.read_text(encoding="utf-8")
        assert script.with_coverage(text, coverage) == text, (
            f"{page.name}: the Belarus coverage is out of date; "
            "run python scripts/update_generated.py"
        )
        assert f"<!-- belarus-coverage -->{coverage}<!-- /belarus-coverage -->" in text


@pytest.mark.parametrize("page", [ROOT / "README.md", ROOT / "docs" / "index.md"])
def test_no_page_speaks_of_how_the_data_was_gathered(page: Path) -> None:
    text = page.read_text(encoding="utf-8").casefold()
    for word in ("seed document", "dossier"):
        assert word not in text
