"""Every public name resolves, lazily, to the object its module defines."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import cisai


def test_every_public_name_resolves() -> None:
    for name in cisai.__all__:
        assert getattr(cisai, name) is not None, name
    for module, names in cisai._LAZY.items():
        for name in names:
            assert getattr(cisai, name) is getattr(importlib.import_module(module), name)


def test_from_import_works_in_a_fresh_interpreter() -> None:
    code = (
        "import sys; from cisai import Instrument, Dataset, QueryError, compare; "
        "assert 'yaml' not in sys.modules and 'cattrs' not in sys.modules; "
        "print(Instrument.__module__, Dataset.__module__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["cisai._model", "cisai._dataset"]


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NoSuchName"):
        cisai.NoSuchName  # noqa: B018
