"""The compiled form of the bundled data, written when the wheel is built.

``hatch_build.py`` loads the bundled YAML with every check, then writes what
:mod:`cisai._bundle` reads at run time: the dataset's golden JSON (the content of
``snapshots/dataset.json``, written without indentation, which makes it a third
faster to parse at every start; ``python -m json.tool`` shows the two are the same)
and a digest file (the digest of the YAML and versions it was made from, and of the
JSON).
It sits above the outputs it uses; nothing at run time imports it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from cisai._bundle import COMPILED_NAME, DIGEST_NAME, content_digest, data_digest
from cisai._dataset import Dataset
from cisai._serialize import to_json

__all__ = ["compile_dataset", "golden_json"]


def golden_json(dataset: Dataset) -> str:
    """The reviewed JSON form of a dataset: ``snapshots/dataset.json`` and the compiled data."""
    return to_json(dataset, indent=2) + "\n"


def compile_dataset(dataset: Dataset, files: Sequence[tuple[str, bytes]]) -> dict[str, bytes]:
    """The compiled form of the dataset checked from ``files``: each file name, its bytes."""
    text = (to_json(dataset) + "\n").encode("utf-8")  # golden_json's content, unindented
    stamp = {"yaml": data_digest(files), "json": content_digest(text)}
    return {COMPILED_NAME: text, DIGEST_NAME: (json.dumps(stamp, indent=2) + "\n").encode()}
