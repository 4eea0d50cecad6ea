"""The compiled form of the bundled data: equal to the YAML, and used only when current."""

from __future__ import annotations

import pytest

import cisai
from cisai import _bundle as bundle
from cisai._loading import build_bundled


def _files() -> list[tuple[str, bytes]]:
    return [(name, entry.read_bytes()) for name, entry in bundle.bundled_files()]


@pytest.fixture
def compiled(tmp_path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A data folder holding the YAML and a compiled form of it, with an empty cache."""
    files = _files()
    folder = tmp_path / "data"
    for name, content in files:
        target = folder / name.removeprefix("cisai/data/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    records = list(build_bundled(files))
    (folder / bundle.COMPILED_NAME).write_bytes(bundle.compile_records(records, files))
    monkeypatch.setattr(bundle, "_data_folder", lambda: folder)
    monkeypatch.setattr(bundle, "_cache", None)
    return folder


def test_compiled_form_equals_the_yaml(compiled, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from_yaml = build_bundled(_files())

    def no_yaml(files: object) -> None:
        raise AssertionError("the YAML was parsed although the compiled form is current")

    monkeypatch.setattr("cisai._loading.build_bundled", no_yaml)
    from_compiled = bundle.load_bundled()
    assert list(from_compiled) == list(from_yaml)
    assert cisai.to_json(from_compiled) == cisai.to_json(from_yaml)
    assert bundle.load_bundled() is from_compiled


def test_stale_compiled_form_is_not_used(compiled, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    topics = compiled / "topics.yaml"
    topics.write_text(
        topics.read_text(encoding="utf-8").replace(
            "label: Standards and standardisation", "label: Standards!"
        ),
        encoding="utf-8",
    )
    ds = bundle.load_bundled()
    topic = ds.get("standards")
    assert isinstance(topic, cisai.Topic)
    assert topic.label == "Standards!"  # read from the edited YAML, not the stale pickle


def test_corrupt_compiled_form_is_not_used(compiled) -> None:  # type: ignore[no-untyped-def]
    (compiled / bundle.COMPILED_NAME).write_bytes(b"not a pickle")
    assert bundle.load_bundled().model_law.id == cisai.MODEL_LAW_ID
