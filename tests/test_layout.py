"""The tests mirror the code: every module of ``src/cisai`` with logic has its test file.

A newcomer changing ``cisai/_converter.py`` looks for ``tests/test_converter.py``; this
test keeps that true. The expected name drops the leading underscore of a private
module. The few modules without a file of their own are listed below, each with the
reason and the files that test it, so the table cannot go stale either.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
PACKAGE = TESTS.parent / "src" / "cisai"

NAMED_OTHERWISE: dict[str, str] = {
    # module: its test file, where the module's name would read worse than the format's
    "_yamlio": "test_yaml.py",
    "_jsonio": "test_json.py",
}
"""Modules whose test file is named after what they read, not after the module."""

TESTED_ELSEWHERE: dict[str, tuple[str, tuple[str, ...]]] = {
    "_fork": (
        "the lock a fork waits for; a test forks during the first load and the child finishes",
        ("test_reliability.py",),
    ),
    "_reading": (
        "from_json: every shape it reads back, the documents and records it refuses, and "
        "its agreement with the JSON Schema, are the tests of from_json",
        ("test_from_json.py", "test_serialize.py", "test_schema.py"),
    ),
    "_compile": (
        "writes the wheel's compiled JSON and digests at build time; the bundle's tests "
        "compile, damage and read it back, and a real wheel build is compared with the snapshot",
        ("test_bundle.py", "test_wheel.py"),
    ),
    "_trusted": (
        "builds records from the compiled JSON without checks; tested equal to the YAML load",
        ("test_bundle.py",),
    ),
    "_arguments": (
        "the argument checks behind every public function: a hypothesis test drives each "
        "public function and Selection method with wrong-typed arguments",
        ("test_reliability.py",),
    ),
    "__init__": (
        "the public names, lazily imported: each one resolves, and the API reference's "
        "examples run",
        ("test_lazy_names.py", "test_docs.py"),
    ),
    "__main__": (
        "two lines handing over to cli.main; run by every `python -m cisai` of the CLI tests",
        ("test_cli.py",),
    ),
    "_model": (
        "declarations of the record classes, without logic: frozen and free of mutable "
        "containers, round-tripped through JSON, their new shapes loaded",
        ("test_immutability.py", "test_serialize.py", "test_principles.py"),
    ),
    "_origin": (
        "a file name and a path into the parsed data; every line number the loader "
        "tests assert is found through it",
        ("test_checks.py", "test_converter.py"),
    ),
    "_ids": (
        "three patterns and version_key; the rules that use them reject bad ids, codes "
        "and versions",
        ("test_checks.py",),
    ),
    "_version": (
        "the version constants and the schema-major check, refusing newer JSON documents",
        ("test_loading.py", "test_serialize.py"),
    ),
    "_gc": (
        "pauses the garbage collector while many objects are made: no behaviour to "
        "assert beyond speed, which the benchmarks measure",
        ("test_benchmarks.py",),
    ),
}
"""Modules without a test file of their own: why, and which files test them."""


def modules() -> list[str]:
    """The modules of the package: its ``.py`` files and its sub-packages."""
    found = [p.stem for p in PACKAGE.glob("*.py")]
    found += [p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()]
    return sorted(found)


def expected_test_file(module: str) -> str:
    return NAMED_OTHERWISE.get(module, f"test_{module.lstrip('_')}.py")


def test_the_package_is_where_the_layout_test_looks() -> None:
    assert (PACKAGE / "__init__.py").is_file()
    assert {"_loading", "_converter", "cli"} <= set(modules())


@pytest.mark.parametrize("module", [m for m in modules() if m not in TESTED_ELSEWHERE])
def test_every_module_with_logic_has_its_test_file(module: str) -> None:
    name = expected_test_file(module)
    assert (TESTS / name).is_file(), (
        f"src/cisai/{module} has no tests/{name}: add it, or list the module in "
        "TESTED_ELSEWHERE with the reason and the files that test it"
    )


def test_the_exceptions_name_modules_that_exist() -> None:
    stale = (set(TESTED_ELSEWHERE) | set(NAMED_OTHERWISE)) - set(modules())
    assert not stale, f"listed in tests/test_layout.py but gone from src/cisai: {sorted(stale)}"


@pytest.mark.parametrize("module", sorted(TESTED_ELSEWHERE))
def test_a_module_tested_elsewhere_names_files_that_exist(module: str) -> None:
    reason, files = TESTED_ELSEWHERE[module]
    assert reason
    assert files
    missing = [name for name in files if not (TESTS / name).is_file()]
    assert not missing, f"{module} is said to be tested in {missing}, which do not exist"


def test_a_module_with_its_own_file_is_not_also_an_exception() -> None:
    """An exception left behind after the module gained its file would hide nothing, but
    would mislead: the table says which modules lack a file, and only those."""
    both = [m for m in TESTED_ELSEWHERE if (TESTS / expected_test_file(m)).is_file()]
    assert both == []


def test_the_docs_cite_test_files_and_tests_that_exist() -> None:
    """docs/reliability.md names the test behind each promise: moving a test must not
    leave it pointing at nothing."""
    text = (TESTS.parent / "docs" / "reliability.md").read_text(encoding="utf-8")
    cited = re.findall(r"tests/(test_\w+\.py)(?:::(test_\w+\*?))?", text)
    assert cited
    for name, test in cited:
        path = TESTS / name
        assert path.is_file(), f"docs/reliability.md cites tests/{name}, which does not exist"
        if test:
            # "test_fifo_*" stands for every test of that prefix.
            wanted = f"def {test[:-1]}" if test.endswith("*") else f"def {test}("
            assert wanted in path.read_text(encoding="utf-8"), (
                f"docs/reliability.md cites tests/{name}::{test}, which does not exist"
            )
