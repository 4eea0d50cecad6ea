"""The errors cisai raises: every one derives from :class:`CisaiError`.

A user's mistake (a bad data file, a typo in a query) is always one of these,
with a message that names what was wrong and where - never a bare traceback
from a library underneath. The errors of data files, :class:`~cisai.DataError` and
the :class:`~cisai.Problem` s it carries, are in :mod:`cisai._problems`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = [
    "ArgumentError",
    "CisaiError",
    "NotFoundError",
    "QueryError",
    "SchemaError",
]
"""What ``cisai`` exports from this module: each public name is listed only here."""


class CisaiError(Exception):
    """Base class of every error raised by cisai."""


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


_SUGGESTED = 3
"""How many close values a "did you mean" names at most."""


def suggest(value: str, accepted: Iterable[str]) -> str:
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
    close = difflib.get_close_matches(needle, candidates, n=_SUGGESTED, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    if len(options) <= 30:
        return "accepted: " + ", ".join(repr(o) for o in options)
    return f"accepted: {len(options)} values, e.g. " + ", ".join(repr(o) for o in options[:8])


def closest(value: str, accepted: Iterable[str]) -> str:
    """Phrase "did you mean ...?" with the few values closest to ``value`` by spelling.

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
    return "did you mean " + " or ".join(repr(o) for o in ranked[:_SUGGESTED]) + "?"


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
