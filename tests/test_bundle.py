"""The compiled bundled data: the golden JSON, equal to the YAML, used only when current.

The wheel carries ``_compiled.json`` (the snapshot's content) and ``_compiled.digest``.
These tests make such a folder from the source tree's YAML; ``test_wheel.py`` builds
a real wheel through the build hook.
"""

from __future__ import annotations

import inspect
import json
import os
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import attrs
import pytest

import cisai
from cisai import _bundle as bundle
from cisai import _model as model
from cisai import _trusted
from cisai._compile import compile_dataset
from cisai._loading import build_bundled
from cisai._model import RECORD_TYPES

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "snapshots" / "dataset.json"


def _files() -> list[tuple[str, bytes]]:
    return [(name, entry.read_bytes()) for name, entry in bundle.bundled_files()]


def _write_compiled(folder: Path) -> None:
    files = _files()
    for name, content in files:
        target = folder / name.removeprefix("cisai/data/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    for name, content in compile_dataset(build_bundled(files), files).items():
        (folder / name).write_bytes(content)


def _from_yaml(files: list[tuple[str, bytes]]) -> cisai.Dataset:
    """The loader's YAML build, looked up when called (so a test can replace it)."""
    from cisai import _loading

    return _loading.build_bundled(files)


@pytest.fixture
def compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder holding the YAML and a compiled form of it, with an empty cache."""
    folder = tmp_path / "data"
    _write_compiled(folder)
    monkeypatch.setattr(bundle, "_data_folder", lambda: folder)
    monkeypatch.setattr(bundle, "_cache", None)
    return folder


def test_compiled_json_is_the_snapshot(compiled: Path) -> None:
    text = (compiled / bundle.COMPILED_NAME).read_text(encoding="utf-8")
    assert json.loads(text) == json.loads(SNAPSHOT.read_bytes())
    assert "\n" not in text.rstrip("\n")  # unindented: faster to parse at every start


def test_compiled_form_equals_the_yaml(compiled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from_yaml = build_bundled(_files())

    def no_yaml(files: object) -> None:
        raise AssertionError("the YAML was parsed although the compiled form is current")

    monkeypatch.setattr("cisai._loading.build_bundled", no_yaml)
    from_compiled = bundle.load_bundled(_from_yaml)
    assert list(from_compiled) == list(from_yaml)
    assert from_compiled.data_version == from_yaml.data_version
    assert cisai.to_json(from_compiled) == cisai.to_json(from_yaml)
    assert bundle.load_bundled(_from_yaml) is from_compiled


def test_trusted_builder_gives_the_records_the_loader_gives() -> None:
    records = _trusted.records_from_document(json.loads(SNAPSHOT.read_bytes()))
    assert records == list(cisai.load())
    assert {type(r) for r in records} == set(RECORD_TYPES)  # every record type is built


MODEL_CLASSES = [v for v in vars(model).values() if isinstance(v, type) and attrs.has(v)]


def _annotation_texts(cls: type) -> dict[str, object]:
    """The annotations as written (attrs or cattrs may have replaced ``field.type`` since)."""
    found: dict[str, object] = {}
    for klass in reversed(cls.__mro__):
        found.update(inspect.get_annotations(klass))
    return found


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_trusted_builder_resolves_every_annotation_of_the_model_as_python_does(cls: type) -> None:
    hints = typing.get_type_hints(cls)
    texts = _annotation_texts(cls)
    for field in attrs.fields(cls):
        text = texts[field.name]
        assert isinstance(text, str)
        assert _trusted._resolve(text) == hints[field.name], field.name
        _trusted._value_builder(hints[field.name])  # every type can be built


def test_trusted_builder_refuses_a_type_it_cannot_build() -> None:
    example = attrs.make_class("Example", {"counts": attrs.field(type=dict[str, int])})
    with pytest.raises(TypeError, match=r"^Example.counts: the trusted builder cannot build"):
        _trusted._builder(example)
    with pytest.raises(TypeError, match="cannot resolve"):
        _trusted._resolve("NoSuchType | None")
    assert _trusted._resolve("tuple[Source, ...] | None") == tuple[cisai.Source, ...] | None


def test_stale_compiled_form_is_not_used(compiled: Path) -> None:
    topics = compiled / "topics.yaml"
    topics.write_text(
        topics.read_text(encoding="utf-8").replace(
            "label: Standards and standardisation", "label: Standards!"
        ),
        encoding="utf-8",
    )
    ds = bundle.load_bundled(_from_yaml)  # no warning: stale compiled data is expected after edits
    topic = ds.get("standards")
    assert isinstance(topic, cisai.Topic)
    assert topic.label == "Standards!"  # read from the edited YAML, not the stale JSON


def _flip_a_label(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace(b"Artificial intelligence", b"Artificial stupidity"))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:1000])


def _drop_a_field_and_restamp(path: Path) -> None:
    """JSON that matches its digest but lacks a field: another build's, or a bad one."""
    document = json.loads(path.read_bytes())
    del document["topics"][0]["label"]
    path.write_bytes(json.dumps(document).encode())
    stamp_path = path.with_name(bundle.DIGEST_NAME)
    stamp = json.loads(stamp_path.read_bytes())
    stamp["json"] = bundle.content_digest(path.read_bytes())
    stamp_path.write_text(json.dumps(stamp), encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "name", "reason"),
    [
        (_flip_a_label, bundle.COMPILED_NAME, "does not match its digest"),
        (_drop_a_field_and_restamp, bundle.COMPILED_NAME, "does not hold the records"),
        (_truncate, bundle.COMPILED_NAME, "does not match its digest"),
        (lambda p: p.write_bytes(b"not json"), bundle.DIGEST_NAME, "digest file is not JSON"),
        (Path.unlink, bundle.DIGEST_NAME, "digest file _compiled.digest is missing"),
    ],
    ids=["edited", "field-missing", "truncated", "bad-digest", "no-digest"],
)
def test_corrupt_compiled_form_is_reported_and_the_yaml_read(
    compiled: Path, damage: object, name: str, reason: str
) -> None:
    damage(compiled / name)  # type: ignore[operator]
    with pytest.warns(RuntimeWarning, match=f"compiled data .* is corrupt .*{reason}"):
        ds = bundle.load_bundled(_from_yaml)
    topic = ds.get("ai")
    assert isinstance(topic, cisai.Topic)
    assert topic.label == "Artificial intelligence"  # the YAML's answer, not the damaged JSON


def test_a_fresh_process_reads_the_compiled_form_without_yaml_or_cattrs(tmp_path: Path) -> None:
    """What the wheel's users get: ``import cisai; cisai.load()`` parses nothing."""
    package = tmp_path / "cisai"
    shutil.copytree(ROOT / "src" / "cisai", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.rmtree(package / "data")
    _write_compiled(package / "data")
    code = (
        "import sys, warnings; warnings.simplefilter('error'); import cisai; ds = cisai.load(); "
        "assert 'yaml' not in sys.modules and 'cattrs' not in sys.modules, 'parsed'; "
        "print(cisai.to_json(ds, indent=2))"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == SNAPSHOT.read_text(encoding="utf-8")
