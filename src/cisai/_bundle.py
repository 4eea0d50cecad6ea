"""The bundled dataset: loaded once, from its compiled form when the package has one.

A wheel carries, next to the YAML, ``data/_compiled.json``: the golden JSON of the
bundled dataset, the content of the repository's ``snapshots/dataset.json`` without
its indentation (a third faster to parse), written
at wheel-build time by ``hatch_build.py`` from YAML that passed every check. Beside
it, ``data/_compiled.digest`` records the check of the YAML files (and versions) it
was made from and the check of the JSON itself: each a length and a CRC-32, the check
zip (and so every wheel) keeps for its files. They are there to catch damage and
edits, not an attacker: whoever can write into the installed package can change its
code too (pip checks the wheel's SHA-256 hashes at install). When the YAML digest still
matches, ``load()`` reads the JSON with :func:`json.loads` and a trusted builder
(:mod:`cisai._trusted`) instead of parsing and checking the YAML - so neither PyYAML
nor cattrs is imported. Anywhere else (a source checkout, edited data, a different
cisai version) the YAML is read and checked as usual.

A compiled file that does not match its own digest, or cannot be read, is corrupt:
``load()`` says so with a :class:`RuntimeWarning` and reads the YAML, so the answer
is still right and the damage is not hidden.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING
from zlib import crc32  # a fifth of the time BLAKE2b took over the same 1.2 MB

from cisai._dataset import Dataset
from cisai._fork import held
from cisai._version import DATA_VERSION, __version__

if TYPE_CHECKING:  # importing importlib.resources costs more than the whole fast path
    from importlib.resources.abc import Traversable

__all__ = [
    "COMPILED_NAME",
    "DIGEST_NAME",
    "bundled_files",
    "content_digest",
    "data_digest",
    "load_bundled",
]

COMPILED_NAME = "_compiled.json"
DIGEST_NAME = "_compiled.digest"
_YAML_SUFFIXES = (".yaml", ".yml")

_cache: Dataset | None = None


class _File:
    """A data file on disk, read without :mod:`pathlib` (whose import the fast path avoids)."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def read_bytes(self) -> bytes:
        with open(self.path, "rb") as file:
            return file.read()


def _data_folder() -> str | Traversable:
    """The package's data folder: a plain path when installed on disk (fast), else a resource."""
    here = os.path.join(os.path.dirname(__file__), "data")
    if os.path.isdir(here):
        return here
    from importlib import resources  # a zip or another loader

    return resources.files("cisai") / "data"


def bundled_files(
    folder: str | Traversable | None = None, prefix: str = "cisai/data"
) -> Iterator[tuple[str, _File | Traversable]]:
    """Every bundled YAML file as ``(name, file)`` (``file.read_bytes()``), in a stable order."""
    folder = folder if folder is not None else _data_folder()
    entries: list[tuple[str, bool, str | Traversable]]
    if isinstance(folder, str):
        entries = [(e.name, e.is_dir(), e.path) for e in os.scandir(folder)]
    else:
        entries = [(e.name, e.is_dir(), e) for e in folder.iterdir()]
    for entry_name, is_dir, entry in sorted(entries, key=lambda e: e[0]):
        name = f"{prefix}/{entry_name}"
        if is_dir:
            yield from bundled_files(entry, name)
        elif entry_name.endswith(_YAML_SUFFIXES):
            yield name, _File(entry) if isinstance(entry, str) else entry


def _read(folder: str | Traversable, name: str) -> bytes | None:
    """The bytes of a file of the data folder; None if there is no such file."""
    if isinstance(folder, str):
        path = os.path.join(folder, name)
        return _File(path).read_bytes() if os.path.isfile(path) else None
    entry = folder / name
    return entry.read_bytes() if entry.is_file() else None


def content_digest(content: bytes) -> str:
    """The check that marks content as undamaged: its length and CRC-32, ``"727738:1a2b3c4d"``."""
    return f"{len(content)}:{crc32(content):08x}"


def data_digest(files: Sequence[tuple[str, bytes]]) -> list[str]:
    """The versions and each YAML file's name and check: what a compiled form must match.

    A list a reviewer can read in the digest file, one entry per file.
    """
    return [f"cisai {__version__}", f"data {DATA_VERSION}"] + [
        f"{name} {content_digest(content)}" for name, content in files
    ]


class _Corrupt(Exception):
    """The compiled data is present but damaged."""


def _from_compiled(files: Sequence[tuple[str, bytes]]) -> Dataset | None:
    """The dataset from the compiled data; None when there is none, or it is stale or corrupt."""
    folder = _data_folder()
    try:
        text = _read(folder, COMPILED_NAME)
        if text is None:
            return None  # a source checkout: the YAML is the data
        stamp = _read(folder, DIGEST_NAME)
        if stamp is None:
            raise _Corrupt(f"its digest file {DIGEST_NAME} is missing")
        return _read_compiled(text, stamp, files)
    except (_Corrupt, OSError) as exc:
        import warnings

        warnings.warn(
            f"cisai: the compiled data {COMPILED_NAME} in {folder} is corrupt ({exc}); "
            "reading the YAML instead, which is slower (reinstall cisai to restore it)",
            RuntimeWarning,
            stacklevel=4,
        )
        return None


def _read_compiled(
    text: bytes, stamp_text: bytes, files: Sequence[tuple[str, bytes]]
) -> Dataset | None:
    try:
        stamp = json.loads(stamp_text)
        current = isinstance(stamp, dict) and stamp.get("yaml") == data_digest(files)
    except ValueError as exc:
        raise _Corrupt(f"its digest file is not JSON: {exc}") from None
    if not current:
        return None  # stale: made from other YAML or another version, which is now the data
    if stamp.get("json") != content_digest(text):
        raise _Corrupt("its content does not match its digest")
    from cisai._trusted import records_from_document

    try:
        # Decoded first: json.loads of bytes decodes them with "surrogatepass", slower.
        records = records_from_document(json.loads(text.decode("utf-8")))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise _Corrupt(f"it does not hold the records of this cisai: {exc!r}") from None
    return Dataset(records, DATA_VERSION)


def load_bundled(from_yaml: Callable[[Sequence[tuple[str, bytes]]], Dataset]) -> Dataset:
    """The bundled dataset, loaded once (thread-safe) and then the same object every time.

    Without a current compiled form, ``from_yaml`` (the loader's ``build_bundled``)
    parses and checks the YAML files: it is passed in, so that this module, below
    the loader, never imports it.
    """
    global _cache
    if _cache is None:
        # The package's fork lock: a fork waits for the first load to finish.
        with held():
            if _cache is None:
                files = [(name, entry.read_bytes()) for name, entry in bundled_files()]
                dataset = _from_compiled(files)
                _cache = dataset if dataset is not None else from_yaml(files)
    return _cache
