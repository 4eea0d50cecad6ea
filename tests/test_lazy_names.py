"""Every public name resolves, lazily, to the object its module defines."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import cisai


def test_every_public_name_resolves() -> None:
    """Each name of ``__all__`` is a lazy name, a function of the package or a version."""
    from cisai import _version

    public = set(cisai.__all__)
    assert len(public) == len(cisai.__all__), "a name is listed twice in __all__"
    modules = [importlib.import_module(m) for m in cisai._PUBLIC_MODULES]
    lazy = [name for module in modules for name in module.__all__]
    assert len(lazy) == len(set(lazy)), "a name is exported by two modules"
    assert set(lazy) <= public, f"lazy names missing from __all__: {sorted(set(lazy) - public)}"
    for name in sorted(public - set(lazy)):
        value = getattr(cisai, name)
        if callable(value):
            assert value.__module__ == "cisai", f"{name} comes from {value.__module__}"
        else:
            assert value == getattr(_version, name), name
    assert set(dir(cisai)) >= public
    for module in modules:
        for name in module.__all__:
            assert getattr(cisai, name) is getattr(module, name)


def test_the_type_checkers_see_the_same_modules() -> None:
    """The star imports under TYPE_CHECKING name exactly the modules of _PUBLIC_MODULES."""
    tree = ast.parse(Path(cisai.__file__).read_text(encoding="utf-8"))
    block = next(
        n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"
    )
    starred = [n.module for n in block.body if isinstance(n, ast.ImportFrom)]
    assert sorted(starred) == sorted(cisai._PUBLIC_MODULES)  # ruff sorts the imports
    assert all(a.name == "*" for n in block.body if isinstance(n, ast.ImportFrom) for a in n.names)


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


def _public_modules_imported_by(code: str) -> list[str]:
    check = (
        f"import sys, cisai; {code}; "
        "print(*sorted(m for m in cisai._PUBLIC_MODULES if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_a_private_name_imports_no_public_module() -> None:
    """Asking for a private name (a submodule, a probe) costs no import of the public ones:
    ``from cisai import _trusted`` imports what ``import cisai._trusted`` does, no more."""
    assert _public_modules_imported_by("hasattr(cisai, '_no_such')") == []
    assert _public_modules_imported_by("from cisai import _trusted") == (
        _public_modules_imported_by("import cisai._trusted")
    )
