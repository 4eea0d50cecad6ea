"""Nothing a user gets from cisai can be changed, and the bundled data is loaded once."""

from __future__ import annotations

import enum
import importlib
import threading
from typing import Any

import attrs
import pytest

import cisai
from cisai._dates import PartialDate


def test_records_are_frozen() -> None:
    ds = cisai.load()
    law = ds.model_law
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        law.summary = "changed"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del law.summary  # type: ignore[misc]
    for record in (law.sources[0], law.events[0], law.titles[0]):
        assert isinstance(record, cisai.Source | cisai.Event | cisai.Title)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            record.note = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        law.new_attribute = 1  # type: ignore[attr-defined]
    assert ds.model_law.summary != "changed"


def test_every_record_type_is_frozen() -> None:
    for record in cisai.load():
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            record.id = "changed"  # type: ignore[misc]


def _walk(value: Any, path: str, found: list[str]) -> None:
    if isinstance(value, list | dict | set | bytearray):
        found.append(f"{path}: {type(value).__name__}")
        return
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            _walk(item, f"{path}[{index}]", found)
    elif attrs.has(type(value)) and not isinstance(value, PartialDate):
        for field in attrs.fields(type(value)):
            _walk(getattr(value, field.name), f"{path}.{field.name}", found)
    else:
        assert isinstance(value, str | int | bool | enum.Enum | PartialDate | type(None)), path


def test_no_mutable_containers_anywhere() -> None:
    found: list[str] = []
    for record in cisai.load():
        _walk(record, record.id, found)
    assert found == []


def test_user_records_hold_no_mutable_containers() -> None:
    from pathlib import Path

    user = Path(__file__).resolve().parent / "data" / "user"
    found: list[str] = []
    for record in cisai.load(extra=[user]):
        _walk(record, record.id, found)
    assert found == []


def test_selection_is_immutable() -> None:
    sel = cisai.load().instruments
    first = sel[0]
    with pytest.raises(AttributeError):
        sel._items = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        sel.anything = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        sel[0] = first  # type: ignore[index]
    with pytest.raises(TypeError):
        del sel[0]  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        sel.append(first)  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        sel.sort()  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        del sel._items
    assert sel[0] is first
    narrowed = sel.filter(jurisdiction="BY")
    assert narrowed is not sel
    assert len(sel) == len(cisai.load().instruments)


def test_dataset_is_immutable() -> None:
    ds = cisai.load()
    instruments = ds.instruments
    with pytest.raises(AttributeError):
        ds.instruments = cisai.Selection()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del ds.instruments
    with pytest.raises(AttributeError):
        ds.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        ds.collections()["instruments"] = cisai.Selection()  # type: ignore[index]
    with pytest.raises(TypeError):
        del ds.collections()["instruments"]  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        ds["new-id"] = ds.model_law  # type: ignore[index]
    assert ds.instruments is instruments


def test_serialised_data_is_a_copy() -> None:
    """Changing what to_dict returns changes nothing in the dataset."""
    ds = cisai.load()
    data = cisai.to_dict(ds.model_law)
    data["titles"].clear()
    data["summary"] = "changed"
    assert ds.model_law.titles
    assert ds.model_law.summary != "changed"


def _cache_module() -> Any:
    """The module that holds the bundled dataset's cache (``_cache``)."""
    for name in ("cisai._bundle", "cisai._loading"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "_cache"):
            return module
    raise AssertionError("no module holds the bundled dataset's cache")


def test_bundled_data_is_loaded_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    module = _cache_module()
    monkeypatch.setattr(module, "_cache", None)  # the real cache is restored afterwards
    reader_name = "bundled_files" if hasattr(module, "bundled_files") else "_read_bundled"
    real_reader = getattr(module, reader_name)
    calls: list[int] = []
    calls_lock = threading.Lock()

    def counting(*args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs:  # a top-level call (bundled_files recurses into folders)
            with calls_lock:
                calls.append(1)
        return real_reader(*args, **kwargs)

    monkeypatch.setattr(module, reader_name, counting)
    threads_count = 32
    barrier = threading.Barrier(threads_count)
    results: list[Any] = [None] * threads_count
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            barrier.wait()
            results[index] = cisai.load()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(calls) == 1, f"the bundled data was read {len(calls)} times"
    assert all(r is results[0] for r in results)
    assert isinstance(results[0], cisai.Dataset)
    assert cisai.load() is results[0]
