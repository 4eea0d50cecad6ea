"""The errors cisai raises: every one derives from :class:`CisaiError`.

A user's mistake (a bad data file, a typo in a query) is always one of these,
with a message that names what was wrong and where - never a bare traceback
from a library underneath.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "ArgumentError",
    "CisaiError",
    "DataError",
    "NotFoundError",
    "Problem",
    "QueryError",
    "SchemaError",
]
"""What ``cisai`` exports from this module: each public name is listed only here."""


class CisaiError(Exception):
    """Base class of every error raised by cisai."""


def _writable(text: str | None) -> str | None:
    """Text any output can write: a lone surrogate from bad data shows as ``\\ud800``."""
    if text is None or text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _writable_message(text: str) -> str:
    return _writable(text) or ""


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a data file: where it is and what it is.

    ``str(problem)`` gives ``file:line: record-id: field.path: message``,
    leaving out the parts that are not known.
    """

    message: str = attrs.field(converter=_writable_message)
    file: str | None = attrs.field(default=None, converter=_writable)
    line: int | None = None
    record_id: str | None = attrs.field(default=None, converter=_writable)
    field: str | None = attrs.field(default=None, converter=_writable)

    def __str__(self) -> str:
        where = self.file or "<data>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        parts = [where]
        if self.record_id:
            parts.append(self.record_id)
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


class DataError(CisaiError):
    """Invalid data: names the file, the line, the record id and the field path.

    A ``DataError`` may carry several :class:`Problem` s (``problems``); its
    ``file``, ``line``, ``record_id`` and ``field`` are those of the first.
    """

    problems: tuple[Problem, ...]

    def __init__(
        self,
        message: str | Sequence[Problem],
        *,
        file: str | None = None,
        line: int | None = None,
        record_id: str | None = None,
        field: str | None = None,
    ) -> None:
        if isinstance(message, str):
            problems: tuple[Problem, ...] = (
                Problem(message=message, file=file, line=line, record_id=record_id, field=field),
            )
        else:
            problems = tuple(message)
            if not problems:
                raise ValueError("a DataError needs at least one problem")
        self.problems = problems
        first = problems[0]
        self.file = first.file
        self.line = first.line
        self.record_id = first.record_id
        self.field = first.field
        text = str(first)
        if len(problems) > 1:
            text += f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})"
        super().__init__(text)


class QueryError(CisaiError, ValueError):
    """A query argument that cannot be understood: names the value and what is accepted."""


class ArgumentError(QueryError, TypeError):
    """An argument of the wrong type: names the argument and what it accepts.

    It is a :class:`QueryError` (so a ``CisaiError``) and also a :class:`TypeError`,
    so code that catches either keeps working.
    """


class NotFoundError(CisaiError, KeyError):
    """No record has the id asked for."""

    def __str__(self) -> str:
        # KeyError's str() would quote the message; show it as written.
        return str(self.args[0]) if self.args else ""


class SchemaError(CisaiError):
    """A JSON document of a schema version this library does not understand."""


_SMALL = 300
"""Up to this many accepted values, every one is compared; above, an index picks candidates."""

_CANDIDATES = 12
_POSTINGS_VISITED = 1024

_cache: dict[int, tuple[object, int, list[str], dict[str, list[int]] | None]] = {}
"""Sorted options (and trigram index) by the identity of the collection they came from."""


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _options(accepted: Iterable[str]) -> tuple[list[str], dict[str, list[int]] | None]:
    """The sorted distinct options, and for many of them a trigram index (cached per object).

    A load that finds 10,000 misspelt references asks for suggestions 10,000 times
    among the same ids: sorting and indexing them once keeps that linear.
    """
    sized = isinstance(accepted, dict | set | frozenset | list | tuple)
    if sized:
        found = _cache.get(id(accepted))
        if found is not None and found[0] is accepted and found[1] == len(accepted):  # type: ignore[arg-type]
            return found[2], found[3]
    options = sorted({str(o) for o in accepted})
    index: dict[str, list[int]] | None = None
    if len(options) > _SMALL:
        index = {}
        for position, option in enumerate(options):
            for gram in _trigrams(option.lower()):
                index.setdefault(gram, []).append(position)
    if sized:
        if len(_cache) >= 16:
            _cache.clear()  # (never iterated: another thread's load may use it meanwhile)
        _cache[id(accepted)] = (accepted, len(accepted), options, index)  # type: ignore[arg-type]
    return options, index


def clear_suggestion_cache() -> None:
    """Forget the options cached by :func:`suggest` (the loader calls it when done)."""
    _cache.clear()


def _candidates(value: str, options: list[str], index: dict[str, list[int]]) -> list[str]:
    """The options sharing the most of ``value``'s rarer trigrams, in bounded time."""
    grams = sorted((len(index[g]), g) for g in _trigrams(value) if g in index)
    shared: dict[int, int] = {}
    visited = 0
    for size, gram in grams:
        if visited + size > _POSTINGS_VISITED and shared:
            break
        visited += size
        for position in index[gram][:_POSTINGS_VISITED]:
            shared[position] = shared.get(position, 0) + 1
    best = sorted(shared, key=lambda p: (-shared[p], p))[:_CANDIDATES]
    return [options[p] for p in sorted(best)]


def suggest(value: str, accepted: Iterable[str], *, limit: int = 3) -> str:
    """Phrase "did you mean ...?" for ``value`` among ``accepted`` (or name them all).

    Among many accepted values, only the few that share the most letter triples with
    ``value`` are compared, so the cost of a suggestion does not grow with their number.
    """
    import difflib

    options, index = _options(accepted)
    if not options:
        return "none are defined"
    needle = str(value).lower()[:200]
    candidates = options if index is None else _candidates(needle, options, index)
    close = difflib.get_close_matches(needle, candidates, n=limit, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    if len(options) <= 30:
        return "accepted: " + ", ".join(repr(o) for o in options)
    return f"accepted: {len(options)} values, e.g. " + ", ".join(repr(o) for o in options[:8])


def closest(value: str, accepted: Iterable[str], *, limit: int = 3) -> str:
    """Phrase "did you mean ...?" with the ``limit`` values closest to ``value`` by spelling.

    Unlike :func:`suggest`, it always names the closest ones, however far, rather than
    the first ones in alphabetical order: for ids, where a list of examples says nothing.
    """
    import difflib

    key = value.casefold()
    options, index = _options(accepted)
    if not options:
        return "none are defined"
    # Among many options, rank only those sharing the most letter triples (as suggest does).
    candidates = (index is not None and _candidates(key[:200], options, index)) or options
    ranked = sorted(
        candidates,
        key=lambda o: (-difflib.SequenceMatcher(None, key, o.casefold()).ratio(), o),
    )
    return "did you mean " + " or ".join(repr(o) for o in ranked[:limit]) + "?"


def format_path(path: Sequence[str | int]) -> str:
    """``("events", 2, "date")`` -> ``events[2].date``."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
            continue
        name = str(step)
        if not name.isidentifier():
            name = repr(name)  # a key with spaces, newlines or symbols stays one readable token
        text += f".{name}" if text else name
    return text
