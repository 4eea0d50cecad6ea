"""Reading JSON as strictly as YAML: a key written twice in an object is an error.

Python's ``json`` keeps the last of two equal keys silently; a data file that says
two things about one field is refused instead, like a YAML mapping with a repeated key.
"""

from __future__ import annotations

import json
from typing import Any

from cisai._gc import paused
from cisai._problems import DataError

__all__ = ["parse_json"]


class _RepeatedKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _RepeatedKey(f"duplicate key {key!r} in a JSON object")
            seen.add(key)
    return data


def parse_json(text: str | bytes, file: str) -> Any:
    """Parse JSON; any problem is a one-line :class:`~cisai.DataError` naming ``file``."""
    try:
        with paused():
            return json.loads(text, object_pairs_hook=_unique_keys)
    except _RepeatedKey as exc:
        raise DataError(str(exc), file=file) from None
    except ValueError as exc:  # json.JSONDecodeError, and bytes that are not UTF-8
        line = getattr(exc, "lineno", None)
        message = " ".join(str(getattr(exc, "msg", exc)).split())
        raise DataError(f"invalid JSON: {message}", file=file, line=line) from None
    except RecursionError:
        raise DataError("invalid JSON: nested too deeply", file=file) from None
