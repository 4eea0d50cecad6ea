"""Word search over records: the ``text`` criterion and :func:`cisai.search`.

A query is split into words; a record matches when every query word is a word, or (for
query words of three letters or more) the start of a word, of the record's text.
Matching ignores case and diacritics, in Latin and Cyrillic alike (``ё`` is ``е``,
``é`` is ``e``), so ``ai`` finds "AI" but not "said", and ``искусств`` finds "искусственного".

Hits are ranked by the field that matched: a title or name first, then an id, number
or code, then a summary, gist or description, then notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from cisai._errors import QueryError
from cisai._fold import fold
from cisai._model import SEARCHED_FIELDS

__all__ = ["SearchHit"]
"""What ``cisai`` exports from this module: each public name is listed only here."""

_WORD = re.compile(r"\w+")

_RANK_OF = {field: rank for rank, group in enumerate(SEARCHED_FIELDS) for field in group}
"""Each searched field's rank: a hit in a lower rank comes first."""


def words(text: str) -> tuple[str, ...]:
    """The folded words of ``text``, in order."""
    return tuple(_WORD.findall(fold(text)))


def query_words(value: Any) -> tuple[str, ...]:
    """The distinct words of a query, in order; a query with none raises
    :class:`~cisai.QueryError`. A word said twice asks nothing more, and would cost a
    pass over every record each time."""
    found = tuple(dict.fromkeys(words(str(value))))
    if not found:
        raise QueryError(
            f"text: {value!r} has no words to search for (letters or digits); give some text"
        )
    return found


def _field_texts(record: Any) -> Iterator[tuple[str, str]]:
    """``(field, text)`` for every searched field of ``record`` that has text."""
    for field in _RANK_OF:
        value = getattr(record, field, None)
        if isinstance(value, str):
            yield field, value
        elif isinstance(value, tuple):
            for item in value:
                text = getattr(item, "text", item)
                if isinstance(text, str):
                    yield field, text


def _field_words(record: Any) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for field, text in _field_texts(record):
        found.setdefault(field, set()).update(words(text))
    return found


PREFIX_FROM = 3
"""Query words this long or longer also match longer words they start; shorter ones
(``ai``, ``by``, ``eu``) only match themselves, so ``ai`` does not find "aims"."""


def _has(vocabulary: Iterable[str], needle: str) -> bool:
    if len(needle) < PREFIX_FROM:
        return needle in vocabulary
    return any(word.startswith(needle) for word in vocabulary)


def matches(record: Any, needles: Sequence[str]) -> bool:
    """Whether every word of ``needles`` starts a word somewhere in the record's fields."""
    vocabulary = set().union(*_field_words(record).values())
    return all(_has(vocabulary, needle) for needle in needles)


@attrs.frozen(kw_only=True, repr=False)
class SearchHit:
    """One record found by :func:`cisai.search`, and where the words were found."""

    record: Any
    """The record found."""
    field: str
    """The best-ranked field that matched (``titles``, ``number``, ``summary``, ``notes``...)."""
    fields: tuple[str, ...]
    """Every field in which a query word was found, best-ranked first."""
    rank: int
    """0 for a title or name, 1 for an id, number or code, 2 for a summary, 3 for notes."""

    def __repr__(self) -> str:
        return f"<SearchHit {type(self.record).__name__} {self.record.id!r} in {self.field}>"


def _hit(record: Any, needles: Sequence[str]) -> SearchHit | None:
    by_field = _field_words(record)
    if not matches(record, needles):
        return None
    fields = sorted(
        (f for f, vocabulary in by_field.items() if any(_has(vocabulary, n) for n in needles)),
        key=_RANK_OF.__getitem__,
    )
    complete = [f for f in fields if all(_has(by_field[f], n) for n in needles)]
    # The field holding every word ranks the hit; words spread over fields rank by the worst.
    best = complete[0] if complete else fields[-1]
    return SearchHit(record=record, field=best, fields=tuple(fields), rank=_RANK_OF[best])


def search_records(records: Iterable[Any], query: Any) -> tuple[SearchHit, ...]:
    """The hits for ``query`` among ``records``, best first (ties keep the records' order)."""
    needles = query_words(query)
    hits = [hit for hit in (_hit(r, needles) for r in records) if hit is not None]
    return tuple(sorted(hits, key=lambda hit: hit.rank))
