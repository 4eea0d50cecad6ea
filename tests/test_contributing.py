"""CONTRIBUTING.md's map of the code names every module, and only modules that exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "cisai"
MAP = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def modules() -> set[str]:
    found = {p.stem for p in PACKAGE.glob("*.py")}
    return found | {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}


def named_in_the_map() -> set[str]:
    """Words of the map that look like module names: ``_name`` or a known package name."""
    words = set(re.findall(r"(?<![\w.])(_[a-z][a-z_]*|__init__|__main__|cli)\b", MAP))
    return {w for w in words if w.startswith("__") or not w.endswith("_")}


def test_every_module_is_on_the_map() -> None:
    missing = modules() - named_in_the_map()
    assert not missing, f"CONTRIBUTING.md does not place these modules: {sorted(missing)}"


def test_every_module_on_the_map_exists() -> None:
    stale = named_in_the_map() - modules()
    assert not stale, f"CONTRIBUTING.md names modules that do not exist: {sorted(stale)}"
