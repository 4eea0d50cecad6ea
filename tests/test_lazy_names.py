"""Every public name resolves, lazily, to the object its module defines."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import cisai


def test_every_public_name_resolves() -> None:
    """Each name of ``__all__`` is a lazy name, a function of the package or a version."""
    from cisai import _version

    public = set(cisai.__all__)
    assert len(public) == len(cisai.__all__), "a name is listed twice in __all__"
    lazy = {name for names in cisai._LAZY.values() for name in names}
    assert lazy <= public, f"lazy names missing from __all__: {sorted(lazy - public)}"
    for name in sorted(public - lazy):
        value = getattr(cisai, name)
        if callable(value):
            assert value.__module__ == "cisai", f"{name} comes from {value.__module__}"
        else:
            assert value == getattr(_version, name), name
    assert set(dir(cisai)) >= public
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
