"""The benchmark scripts still run, and their own checks hold, on a small dataset.

No timing is asserted here (ratios are for ``benchmarks/run``, on a quiet machine):
what is checked is that the generated YAML and JSON give the same records, and that
the indexed filters return exactly what a list comprehension returns.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import cisai

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"cisai_bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    saved = list(sys.path)
    try:
        return module("bench")
    finally:
        sys.path[:] = saved


def test_generated_yaml_and_json_are_the_same_dataset(tmp_path: Path, bench: ModuleType) -> None:
    bench.generate(300, tmp_path)
    from_yaml = cisai.load(extra=[tmp_path / "yaml"], bundled=False)
    from_json = cisai.load(extra=[tmp_path / "dataset.json"], bundled=False)
    assert len(from_yaml.instruments) == 300
    assert list(from_yaml) == list(from_json)


def test_every_figure_is_measured(
    tmp_path: Path, bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    bench.generate(300, tmp_path)
    rows, figures = bench.large(tmp_path, 300, 1)  # asserts equal loads and equal filters
    targets = [target for _, _, target, _ in rows if target != "-"]
    assert targets == ["<= 1.5x", ">= 8x", "<= 2.5x", "<= 3x", ">= 20x", ">= 20x", "<= 2 KB"]
    assert all(value > 0 for _, value, _, _ in rows)
    assert figures["bytes per instrument"] > 0
    assert "build typed records" in capsys.readouterr().out
