"""The shapes of identifiers: record ids, jurisdiction codes and data versions.

The loader's checks, the queries and the JSON Schema all read these, so they live below
all three.
"""

from __future__ import annotations

import re

__all__ = ["CODE_PATTERN", "ID_PATTERN", "VERSION_PATTERN", "version_key"]

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
VERSION_PATTERN = re.compile(r"(\d{4})\.(\d{1,2})\.(\d+)")
CODE_PATTERN = re.compile(r"[A-Z][A-Z0-9-]{1,15}")


def version_key(version: str) -> tuple[int, int, int] | None:
    """``"2026.11.0"`` -> ``(2026, 11, 0)``; ``None`` for anything else."""
    match = VERSION_PATTERN.fullmatch(version)
    if not match:
        return None
    year, month, serial = (int(g) for g in match.groups())
    return (year, month, serial) if 1 <= month <= 12 else None
