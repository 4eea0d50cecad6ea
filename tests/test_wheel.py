"""The wheel build hook itself: the wheel it builds carries the snapshot as its compiled data.

Builds a real wheel with ``python -m build`` (a few seconds, so marked ``slow``; it
runs in CI with the rest), and reads what the hook put into it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from cisai import _bundle as bundle

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("dist")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        env=env,
    )
    return zipfile.ZipFile(next(out.glob("cisai-*.whl")))


@pytest.mark.slow
def test_the_wheels_compiled_data_is_the_snapshot(wheel: zipfile.ZipFile) -> None:
    compiled = wheel.read(f"cisai/data/{bundle.COMPILED_NAME}")
    assert json.loads(compiled) == json.loads((ROOT / "snapshots" / "dataset.json").read_bytes())
    stamp = json.loads(wheel.read(f"cisai/data/{bundle.DIGEST_NAME}"))
    assert stamp["json"] == f"{len(compiled)}:{zlib.crc32(compiled):08x}"
    files = [(name, entry.read_bytes()) for name, entry in bundle.bundled_files()]
    assert stamp["yaml"] == bundle.data_digest(files)  # current for the YAML it ships


@pytest.mark.slow
def test_the_wheel_carries_no_pickle_and_every_yaml_file(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert not [n for n in names if n.endswith((".pickle", ".pkl"))]
    assert {name for name, _ in bundle.bundled_files()} <= names
