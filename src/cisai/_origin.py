"""Where a parsed record came from: its file, and the mapping that gives line numbers.

The parsing layer produces origins; the checks and the loader report problems at them.
"""

from __future__ import annotations

from typing import Any

import attrs

from cisai._yamlio import line_of

__all__ = ["Origin"]


@attrs.frozen
class Origin:
    """Where a record came from: its file and the parsed mapping (for line numbers)."""

    file: str
    root: Any
    path: tuple[str | int, ...]
    bundled: bool = False
    """Whether the record comes with the package (checked against ``DATA_VERSION``)."""
    packaged: bool = False
    """Whether it was read from the package's own data files: the house rules of the
    bundled data apply (e.g. every principle maps to a principle concept)."""

    def line(self, *field_path: str | int) -> int | None:
        return line_of(self.root, (*self.path, *field_path))
