"""Hostile input: broken, malicious or odd files give a clean DataError - or load.

The hand-made files are in ``tests/hostile/`` (one per case); the few that cannot
be committed (binary bytes, a 5 MB string, an oversized sparse file, a FIFO, a
symbolic-link loop) are made in ``tmp_path``. For every file the loader either
returns a Dataset or raises :class:`cisai.DataError` - never another exception -
whose problem names the file (and the line, where known), quickly, and without
changing the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import cisai
from cisai import DataError
from cisai._loading import MAX_FILE_BYTES

HOSTILE = Path(__file__).resolve().parent / "hostile"

# file name -> (expected substring of the problem's message, its line or None).
# A substring of None means the file must LOAD.
CASES: dict[str, tuple[str | None, int | None]] = {
    "latin1-cyrillic.yaml": ("not UTF-8", None),
    "bom.yaml": (None, None),
    "empty.yaml": (None, None),
    "only-comments.yaml": (None, None),
    "top-level-list.yaml": ("must be a mapping of collection names", 1),
    "top-level-scalar.yaml": ("must be a mapping of collection names", 1),
    "instruments-mapping.yaml": ("instruments must be a list of records", 2),
    "record-is-list.yaml": ("a record must be a mapping", 2),
    "tabs.yaml": ("invalid YAML", 2),
    "duplicate-keys.yaml": ("duplicate key 'label'", 5),
    "python-object-apply.yaml": ("only plain YAML is accepted", 2),
    "python-object-new.yaml": ("only plain YAML is accepted", 3),
    "python-name.yaml": ("only plain YAML is accepted", 2),
    "python-module.yaml": ("only plain YAML is accepted", 2),
    "alias-bomb.yaml": ("alias", None),
    "deep-nesting.yaml": ("invalid YAML", None),
    "date-february-30.yaml": ("day 30 is out of range", 12),
    "date-month-13.yaml": ("month 13 is out of range", 12),
    "datetime.yaml": ("not a date and time", 12),
    "list-key.yaml": ("unhashable key", 1),
    "merge-keys.yaml": (None, None),
    "big-integer.yaml": (None, None),
    "null-required.yaml": ("expected a string, got null", 11),
    "number-for-list.yaml": ("expected a list, got a number", 19),
}

# Cases whose loading could hang the test process if the loader regressed: these run
# in a subprocess with a timeout and a memory limit.
SUBPROCESS_CASES = ["recursive-alias.yaml", "recursive-alias-mapping.yaml"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_user(path: Path | str) -> cisai.Dataset:
    """Bundled data plus one hostile file (references to bundled records resolve)."""
    return cisai.load(extra=[path])


def assert_clean_error(err: DataError, path: Path | str, message: str, line: int | None) -> None:
    """Some problem names ``path``, says ``message`` and, where known, gives ``line``."""
    assert isinstance(err, cisai.CisaiError)
    assert err.problems, "a DataError carries its problems"
    assert all(p.file == str(path) for p in err.problems), [str(p) for p in err.problems]
    matching = [p for p in err.problems if message in p.message]
    assert matching, f"{message!r} not in {[str(p) for p in err.problems]}"
    if line is not None:
        assert matching[0].line == line, str(matching[0])
    assert str(path) in str(err)
    assert "Traceback" not in str(err)


# -- the corpus --------------------------------------------------------------------------


def test_corpus_is_complete() -> None:
    """Every committed hostile file is in the table (or run in a subprocess) and exists."""
    files = {p.name for p in HOSTILE.iterdir()}
    expected = {
        *CASES,
        *SUBPROCESS_CASES,
        "huge-integer.yaml",
        "schema-version-superscript.json",
        "json-duplicate-keys.json",
    }
    assert files == expected


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file(name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # any command a tag might run would write here
    path = HOSTILE / name
    before = digest(path)
    message, line = CASES[name]
    started = time.perf_counter()
    if message is None:
        ds = load_user(path)
        assert isinstance(ds, cisai.Dataset)
    else:
        with pytest.raises(DataError) as info:
            load_user(path)
        assert_clean_error(info.value, path, message, line)
    assert time.perf_counter() - started < 5
    assert digest(path) == before, "loading must never change the user's file"
    assert list(tmp_path.iterdir()) == [], "nothing may be written by loading"


def test_every_problem_of_a_folder_at_once(tmp_path: Path) -> None:
    """A folder of hostile files reports each bad file; nothing is lost."""
    for name in CASES:
        shutil.copy(HOSTILE / name, tmp_path / name)
    with pytest.raises(DataError) as info:
        cisai.load(extra=[tmp_path])
    bad = {str(tmp_path / n) for n, (message, _) in CASES.items() if message is not None}
    assert {p.file for p in info.value.problems} == bad


# -- resource exhaustion -----------------------------------------------------------------


def test_alias_bomb_fails_fast() -> None:
    started = time.perf_counter()
    with pytest.raises(DataError) as info:
        cisai.load(extra=[HOSTILE / "alias-bomb.yaml"], bundled=False)
    assert time.perf_counter() - started < 5
    assert "aliases" in str(info.value)
    assert "alias bomb" in str(info.value)


_RUNNER = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
    import cisai
    try:
        cisai.load(extra=[sys.argv[1]], bundled=False)
    except cisai.DataError as exc:
        print("DataError", exc)
    except BaseException as exc:
        print("OTHER", type(exc).__name__, exc)
    else:
        print("LOADED")
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="uses the resource module")
@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_recursive_alias_is_refused_quickly(name: str) -> None:
    """An alias that refers to its own node (a cycle) is refused, not walked forever."""
    path = HOSTILE / name
    try:
        result = subprocess.run(
            [sys.executable, "-c", _RUNNER, str(path)],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"loading {name} did not finish within 10 s (a self-referencing alias)")
    out = result.stdout.strip()
    assert out.startswith("DataError"), (out, result.stderr[-2000:])
    assert str(path) in out


def test_extreme_nesting(tmp_path: Path) -> None:
    for text in ("[" * 10_000, "{a: " * 10_000, "topics:\n" + "- " * 5_000 + "x\n"):
        path = tmp_path / "nested.yaml"
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        with pytest.raises(DataError) as info:
            cisai.load(extra=[path], bundled=False)
        assert time.perf_counter() - started < 5
        assert info.value.file == str(path)


def test_five_megabyte_title(tmp_path: Path) -> None:
    title = "A" * (5 * 1024 * 1024)
    text = (HOSTILE / "date-february-30.yaml").read_text(encoding="utf-8")
    text = text.replace("A hostile instrument", title).replace("2025-02-30", "2025-02-28")
    text = text.replace("date-february-30", "hostile-long-title")
    path = tmp_path / "long.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    ds = cisai.load(extra=[path])  # a long title is a title: kept whole, and soon
    record = ds.get("hostile-long-title")
    assert isinstance(record, cisai.Instrument)
    assert record.title == title
    assert time.perf_counter() - started < 10


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    started = time.perf_counter()
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path], bundled=False)
    assert time.perf_counter() - started < 2
    assert_clean_error(info.value, path, "too large", None)
    assert path.stat().st_size == MAX_FILE_BYTES + 1


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    before = digest(path)
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path], bundled=False)
    assert_clean_error(info.value, path, "not UTF-8", None)
    assert digest(path) == before


def test_nul_bytes_in_utf8(tmp_path: Path) -> None:
    path = tmp_path / "nul.yaml"
    path.write_bytes(b"topics:\n  - id: a\x00b\n")
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path], bundled=False)
    assert info.value.file == str(path)


# -- files that are not plain files --------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_symlink_loop_is_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(HOSTILE / "bom.yaml", folder / "bom.yaml")
    os.symlink(folder, folder / "loop")
    os.symlink(tmp_path, folder / "up")
    started = time.perf_counter()
    ds = cisai.load(extra=[folder], bundled=False)
    assert time.perf_counter() - started < 5
    assert ds.topics.ids() == ("hostile-bom",)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_dangling_symlink(tmp_path: Path) -> None:
    path = tmp_path / "gone.yaml"
    os.symlink(tmp_path / "nowhere.yaml", path)
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path], bundled=False)
    assert info.value.file == str(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    started = time.perf_counter()
    with pytest.raises(DataError) as info:
        cisai.load(extra=[fifo], bundled=False)
    assert time.perf_counter() - started < 5
    assert_clean_error(info.value, fifo, "not a regular file", None)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_in_a_folder_is_refused_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.yaml")
    with pytest.raises(DataError) as info:
        cisai.load(extra=[tmp_path], bundled=False)
    assert "not a regular file" in str(info.value)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_is_refused() -> None:
    with pytest.raises(DataError) as info:
        cisai.load(extra=["/dev/zero"], bundled=False)
    assert "not a regular file" in str(info.value)


def test_unreadable_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    shutil.copy(HOSTILE / "bom.yaml", path)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(DataError) as info:
        cisai.load(extra=[path], bundled=False)
    assert_clean_error(info.value, path, "Permission denied", None)
    assert "cannot read" in str(info.value)


# -- found bugs: the correct behaviour --------------------------------------------------------


def test_schema_version_with_unicode_digits() -> None:
    """ "².0" passes ``str.isdigit`` but is no number: a SchemaError, not a ValueError."""
    path = HOSTILE / "schema-version-superscript.json"
    with pytest.raises(cisai.CisaiError):
        cisai.load(extra=[path], bundled=False)
    text = path.read_text(encoding="utf-8")
    with pytest.raises(cisai.SchemaError):
        cisai.from_json(text, cisai.Dataset)


def test_schema_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "future.json"
    path.write_text(json.dumps({"schema_version": "2.0", "topics": []}), encoding="utf-8")
    with pytest.raises(cisai.SchemaError) as info:
        cisai.load(extra=[path], bundled=False)
    assert str(path) in str(info.value)
