"""The bundled dataset: loaded once, from its compiled form when the package has one.

A wheel carries, next to the YAML, ``data/_compiled.pickle``: the validated records,
written at wheel-build time by ``hatch_build.py``, with a digest of the YAML files it
was made from. When the digest still matches the YAML, ``load()`` unpickles the
records instead of parsing and validating the YAML again - so neither PyYAML nor
cattrs is imported. Anywhere else (a source checkout, edited data, a different
cisai version) the YAML is read and checked as usual. The pickle is made by this
package's own build from its own data, so it is exactly as trusted as the code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cisai._dataset import Dataset
from cisai._version import DATA_VERSION, __version__

if TYPE_CHECKING:  # importing importlib.resources costs more than the whole fast path
    from importlib.resources.abc import Traversable

__all__ = ["COMPILED_NAME", "compile_records", "data_digest", "load_bundled"]

COMPILED_NAME = "_compiled.pickle"
_YAML_SUFFIXES = (".yaml", ".yml")

_cache: Dataset | None = None


def _data_folder() -> Traversable:
    """The package's data folder: a plain path when installed on disk (fast), else a resource."""
    here = Path(__file__).parent / "data"
    if here.is_dir():
        return here  # a Path is a Traversable
    from importlib import resources  # a zip or another loader

    return resources.files("cisai") / "data"


def bundled_files(
    folder: Traversable | None = None, prefix: str = "cisai/data"
) -> Iterator[tuple[str, Traversable]]:
    """Every bundled YAML file as ``(name, resource)``, in a stable order."""
    folder = folder if folder is not None else _data_folder()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        name = f"{prefix}/{entry.name}"
        if entry.is_dir():
            yield from bundled_files(entry, name)
        elif entry.name.endswith(_YAML_SUFFIXES):
            yield name, entry


def data_digest(files: Sequence[tuple[str, bytes]]) -> str:
    """A digest of the YAML files and the versions: what a compiled form must match."""
    digest = hashlib.sha256(f"{__version__}\0{DATA_VERSION}\0".encode())
    for name, content in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


def compile_records(records: Sequence[Any], files: Sequence[tuple[str, bytes]]) -> bytes:
    """The compiled form of validated records made from ``files``."""
    import pickle

    content = {"digest": data_digest(files), "records": list(records)}
    return pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)


def _from_compiled(files: Sequence[tuple[str, bytes]]) -> Dataset | None:
    compiled = _data_folder() / COMPILED_NAME
    if not compiled.is_file():
        return None
    try:
        try:  # the C unpickler alone: importing all of ``pickle`` costs more than the load
            from _pickle import loads
        except ImportError:  # pragma: no cover - not CPython
            from pickle import loads
        content = loads(compiled.read_bytes())
    except Exception:
        return None
    if not isinstance(content, dict) or content.get("digest") != data_digest(files):
        return None
    return Dataset(content["records"], DATA_VERSION)


def load_bundled() -> Dataset:
    """The bundled dataset, loaded once (thread-safe) and then the same object every time."""
    global _cache
    if _cache is None:
        import cisai

        # The package's import lock: a fork waits for the first load to finish.
        with cisai._import_lock:
            if _cache is None:
                files = [(name, entry.read_bytes()) for name, entry in bundled_files()]
                dataset = _from_compiled(files)
                if dataset is None:
                    from cisai._loading import build_bundled

                    dataset = build_bundled(files)
                _cache = dataset
    return _cache
