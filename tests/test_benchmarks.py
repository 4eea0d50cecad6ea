"""The benchmark scripts still run, and their own checks hold, on a small dataset.

No timing is asserted here (ratios are for ``benchmarks/run``, on a quiet machine):
what is checked is that the generated YAML and JSON give the same records, and that
the indexed filters return exactly what a list comprehension returns.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

import cisai


@pytest.fixture(scope="module")
def bench(load_script: Callable[[str], ModuleType]) -> ModuleType:
    saved = list(sys.path)
    try:
        return load_script("benchmarks/bench.py")
    finally:
        sys.path[:] = saved  # bench.py puts its folder first, to import generate.py


@pytest.fixture(scope="module")
def generated(bench: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench")
    bench.generate(300, folder)
    return folder


def test_generated_yaml_and_json_are_the_same_dataset(generated: Path) -> None:
    from_yaml = cisai.load(extra=[generated / "yaml"], bundled=False)
    from_json = cisai.load(extra=[generated / "dataset.json"], bundled=False)
    assert len(from_yaml.instruments) == 300
    assert list(from_yaml) == list(from_json)


def test_every_figure_is_measured(
    generated: Path, bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    rows, figures = bench.large(generated, 300, 1)  # asserts equal loads and equal filters
    targets = [target for _, _, target, _ in rows if target != "-"]
    assert targets == ["<= 1.5x", "<= 2.5x", "<= 2.5x", "<= 3x", ">= 20x", ">= 20x", "<= 2 KB"]
    assert all(value > 0 for _, value, _, _ in rows)
    assert figures["bytes per instrument"] > 0
    assert "build typed records" in capsys.readouterr().out


def test_the_floor_pays_the_collection_the_load_pays_when_the_collector_resumes(
    generated: Path, bench: ModuleType
) -> None:
    """Both sides of the JSON pair resume the collector inside their timing, alike."""
    dataset = cisai.load(extra=[generated / "dataset.json"], bundled=False)
    _, construct = bench.json_floor(generated / "dataset.json", dataset)
    load = lambda: cisai.load(extra=[generated / "dataset.json"], bundled=False)  # noqa: E731
    assert [young_scans_inside(side) for side in (construct, load)] == [1, 1]


def young_scans_inside(func: Callable[[], object]) -> int:
    """How many times the collector scans the young generation while ``func`` runs."""
    scans = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 0:
            scans.append(1)

    threshold = gc.get_threshold()
    gc.collect()
    gc.set_threshold(1000, 10**6, 10**6)  # a young scan must be one the resume triggers
    gc.callbacks.append(count)
    try:
        result = func()
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*threshold)
    del result
    return len(scans)


@pytest.mark.parametrize(
    ("value", "target", "met"),
    [
        (1.5, "<= 1.5x", True),
        (1.51, "<= 1.5x", False),
        (8.0, ">= 8x", True),
        (7.99, ">= 8x", False),
        (2.0, "<= 2 KB", True),
        (2.01, "<= 2 KB", False),
        (123.0, "-", None),
    ],
)
def test_a_row_is_met_as_its_target_reads(
    bench: ModuleType, value: float, target: str, met: bool | None
) -> None:
    assert bench.row("figure", value, target) == ("figure", value, target, met)


def test_hostile_input_rows_are_ratios_of_refusals(bench: ModuleType, tmp_path: Path) -> None:
    rows = bench.edges(tmp_path, small=400, large=800)  # 400 chained merges: over the budget
    assert [target for _, _, target, _ in rows] == ["<= 3x", "<= 3x"]
    assert "misspelt references" in rows[0][0]
    assert "merge-chain lines" in rows[1][0]
    assert all(value > 0 for _, value, _, _ in rows)


def test_every_startup_target_compares_two_measured_commands(bench: ModuleType) -> None:
    targets = {(ours, base): target for ours, base, _, target in bench.STARTUP_TARGETS}
    assert targets == {
        ("cisai", "attrs"): "<= 1.25x",
        ("load", "attrs, yaml"): "<= 1.5x",
        ("first answer", "pycountry"): "<= 1.0x",
        ("record classes", "pycountry"): "-",  # shown beside it: the floor, no target
    }
    assert {name for pair in targets for name in pair} <= set(bench.STARTUP_COMMANDS)
    assert "cisai.get('cis-model-law-ai-2025')" in bench.STARTUP_COMMANDS["first answer"]
    assert bench.STARTUP_COMMANDS["record classes"] == "import cisai._model"
