"""The shapes of identifiers: record ids, jurisdiction codes, data versions and URLs.

The loader's checks, the queries and the JSON Schema all read these, so they live below
all three.
"""

from __future__ import annotations

import re
import types
from collections.abc import Mapping

__all__ = [
    "CODE_PATTERN",
    "FIELD_PATTERNS",
    "ID_PATTERN",
    "URL_PATTERN",
    "VERSION_PATTERN",
    "version_key",
]

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
VERSION_PATTERN = re.compile(r"(\d{4})\.(\d{1,2})\.(\d+)", re.ASCII)
CODE_PATTERN = re.compile(r"[A-Z][A-Z0-9-]{1,15}")
URL_PATTERN = re.compile(
    r"https?://[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]{4,}"
)
"""An http(s) URL without controls or whitespace, which no browser keeps in a URL.

The characters are named, not written ``\\s``: Python's ``\\s`` and JavaScript's differ
(NEL, the byte-order mark), and the JSON Schema must refuse what the loader refuses.
"""

FIELD_PATTERNS: Mapping[str, re.Pattern[str]] = types.MappingProxyType(
    {
        "id": ID_PATTERN,
        "added_in": VERSION_PATTERN,
        "changed_in": VERSION_PATTERN,
        "code": CODE_PATTERN,
        "url": URL_PATTERN,
    }
)
"""The shape of a string field by its name, wherever it appears: what the loader's
checks and the JSON Schema both require (the schema anchors each with ``^...$``)."""


def version_key(version: str) -> tuple[int, int, int] | None:
    """``"2026.11.0"`` -> ``(2026, 11, 0)``; ``None`` for anything else."""
    match = VERSION_PATTERN.fullmatch(version)
    if not match:
        return None
    year, month, serial = (int(g) for g in match.groups())
    return (year, month, serial) if 1 <= month <= 12 else None
