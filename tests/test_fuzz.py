"""Fuzzing: whatever the input, cisai returns a result or raises a CisaiError - nothing else.

Every test runs a FIXED number of derandomized examples, so CI is deterministic
and the whole file stays well under a minute. A mutated input that made the loader
hang would fail the example (an alarm turns it into an error) instead of hanging CI.
"""

from __future__ import annotations

import contextlib
import io
import json
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cisai
from cisai._model import RECORD_TYPES
from cisai.cli import main

T = TypeVar("T")

SAMPLE = Path(__file__).resolve().parent / "data" / "user" / "kz-sample.yaml"

# The sample user file, made self-contained (the bundled records it refers to are
# stubbed here), so that ``bundled=False`` loads it and mutations explore both
# the success and the failure paths.
STUBS = """\
topics:
  - {id: ai, label: Artificial intelligence, added_in: "2026.11.0"}
  - {id: regulators, label: Regulators, parent: ai, added_in: "2026.11.0"}
jurisdictions:
  - id: kazakhstan
    code: KZ
    name: Kazakhstan
    kind: state
    attestation: official_report
    confidence: high
    sources: [sample-astanatimes-2025-09]
    added_in: "2026.11.0"
  - id: cis
    code: CIS
    name: Commonwealth of Independent States
    kind: international_organisation
    attestation: official_report
    confidence: high
    sources: [sample-astanatimes-2025-09]
    added_in: "2026.11.0"
"""
MODEL_LAW = """\
  - id: cis-model-law-ai-2025
    kind: model_law
    titles:
      - {text: Model law on Artificial Intelligence Technologies, lang: en}
    jurisdiction: CIS
    date: 2025-04-18
    status: adopted
    summary: A stub of the model law.
    events:
      - {kind: adopted, date: 2025-04-18, sources: [sample-astanatimes-2025-09]}
    attestation: official_report
    confidence: high
    sources: [sample-astanatimes-2025-09]
    added_in: "2026.11.0"
"""
BASE = SAMPLE.read_text(encoding="utf-8").replace("instruments:\n", "instruments:\n" + MODEL_LAW)
BASE = BASE.replace("bodies:\n", STUBS + "bodies:\n")

YAML_CHARS = ":-[]{}&*!|>'\"#\n\t ,?%@`<=~0123456789.eE+"
TEXT_CHARS = st.one_of(
    st.sampled_from(YAML_CHARS),
    st.characters(blacklist_categories=("Cs",)),
    st.sampled_from(["\ufeff", "\x00", "\u2028", "\x85", "\r", "\u00b2"]),
)

FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail (rather than hang) when the body runs longer than ``seconds``."""
    if sys.platform == "win32" or not hasattr(signal, "SIGALRM"):
        yield
        return

    def alarm(_signum: int, _frame: Any) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def only_cisai_errors(call: Callable[[], T]) -> T | None:
    """``call()``'s result, or None when it raised a CisaiError; anything else propagates."""
    with time_limit(10):
        try:
            return call()
        except cisai.CisaiError as exc:
            assert str(exc), "an error always says something"  # noqa: PT017
            for problem in getattr(exc, "problems", ()):
                assert "\n" not in str(problem), f"a problem is one line: {str(problem)!r}"
            return None


# -- mutations ------------------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few random edits: delete, insert, replace, duplicate a line, truncate."""
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "insert", "replace", "line", "truncate", "swap"]))
        if not text:
            text = draw(st.text(TEXT_CHARS, max_size=5))
            continue
        at = draw(st.integers(0, len(text) - 1))
        if kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 8)) :]
        elif kind == "insert":
            text = text[:at] + draw(st.text(TEXT_CHARS, min_size=1, max_size=4)) + text[at:]
        elif kind == "replace":
            text = text[:at] + draw(TEXT_CHARS) + text[at + 1 :]
        elif kind == "line":
            lines = text.splitlines(keepends=True)
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(index, lines[index])
            text = "".join(lines)
        elif kind == "truncate":
            text = text[:at]
        else:
            lines = text.splitlines(keepends=True)
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
    return text


def test_base_is_valid() -> None:
    """The fuzzing starts from a valid file (so mutations reach the deep checks)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "base.yaml")
        path.write_text(BASE, encoding="utf-8")
        ds = cisai.load(extra=[path], bundled=False)
    assert "sample-kz-ministry-ai-2025" in ds


# (a) mutated YAML files -------------------------------------------------------------------


@FUZZ
@given(mutated(BASE))
def test_mutated_yaml_loads_or_raises_cisai_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "user.yaml")
        path.write_text(text, encoding="utf-8")
        ds = only_cisai_errors(lambda: cisai.load(extra=[path], bundled=False))
    if ds is not None:  # whatever loaded serialises, and reads back as the same records
        again = cisai.from_json(cisai.to_json(ds), cisai.Dataset)
        assert list(again) == list(ds)


@FUZZ
@given(st.binary(max_size=300))
def test_arbitrary_bytes_load_or_raise_cisai_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "user.yaml")
        path.write_bytes(data)
        only_cisai_errors(lambda: cisai.load(extra=[path], bundled=False))


# (b) arbitrary JSON values as records ---------------------------------------------------------

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(
        ["2025", "2025-07", "2025-02-30", "2026.11.0", "law", "en", "https://example.org/x", ""]
    ),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
RECORD_CLASSES = [*RECORD_TYPES, cisai.Source, cisai.Event, cisai.Title]


def record_like(cls: type[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Mappings with (some of) ``cls``'s field names and arbitrary JSON values."""
    names = [a.name for a in attrs.fields(cls)]
    return st.dictionaries(st.sampled_from(names), JSON_VALUES, max_size=len(names))


@FUZZ
@given(st.sampled_from(RECORD_CLASSES), st.data())
def test_arbitrary_json_records(cls: type[Any], data: st.DataObject) -> None:
    value = data.draw(st.one_of(JSON_VALUES, record_like(cls)))
    record = only_cisai_errors(lambda: cisai.from_json(json.dumps(value), cls))
    if record is not None:  # accepted: then it is a record that survives a round trip
        assert type(record) is cls
        assert cisai.from_json(cisai.to_json(record), cls) == record


# (c) mutated JSON Dataset documents -----------------------------------------------------------


def small_document() -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "base.yaml")
        path.write_text(BASE, encoding="utf-8")
        return cisai.to_json(cisai.load(extra=[path], bundled=False), indent=1)


DOCUMENT = small_document()


def test_small_document_round_trips() -> None:
    ds = cisai.from_json(DOCUMENT, cisai.Dataset)
    assert cisai.to_json(ds, indent=1) == DOCUMENT


@FUZZ
@given(mutated(DOCUMENT))
def test_mutated_json_text(text: str) -> None:
    only_cisai_errors(lambda: cisai.from_json(text, cisai.Dataset))


def _replace_at(node: Any, path: list[int], value: Any) -> Any:
    """``node`` with the ``path``-chosen descendant (indices mod size) replaced by ``value``."""
    if not path or not isinstance(node, dict | list) or not node:
        return value
    if isinstance(node, dict):
        key = list(node)[path[0] % len(node)]
        return {**node, key: _replace_at(node[key], path[1:], value)}
    index = path[0] % len(node)
    return [*node[:index], _replace_at(node[index], path[1:], value), *node[index + 1 :]]


@FUZZ
@given(st.lists(st.integers(0, 50), max_size=6), JSON_VALUES)
def test_mutated_json_structure(path: list[int], value: Any) -> None:
    document = _replace_at(json.loads(DOCUMENT), path, value)
    only_cisai_errors(lambda: cisai.from_json(json.dumps(document), cisai.Dataset))


# (d) the validate command ------------------------------------------------------------------


@settings(FUZZ, max_examples=100)
@given(mutated(BASE))
def test_validate_command_never_raises(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "user.yaml")
        path.write_text(text, encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with time_limit(10), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", "--no-bundled", str(path)])
    assert code in (0, 1), (code, err.getvalue())
    assert "Traceback" not in err.getvalue()
    if code == 0:
        assert out.getvalue().startswith("ok: ")
    else:
        lines = out.getvalue().splitlines()
        assert lines, err.getvalue()
        assert all(line.startswith(str(path)) for line in lines), lines
