"""``Selection[T]``: an immutable, ordered sequence of records that can be narrowed."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from cisai._errors import QueryError, suggest

if TYPE_CHECKING:
    from cisai._query import Index

__all__ = ["Selection"]


def _sortable(value: Any) -> Any:
    """A key that orders values of one field: dates by time, enums by value, text by case."""
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(value, "sort_key"):
        return value.sort_key()
    if isinstance(value, tuple):
        return tuple(_sortable(getattr(v, "text", v)) for v in value)
    if isinstance(value, str):
        return value.casefold()
    return value


T = TypeVar("T")


class Selection(Sequence[T], Generic[T]):
    """An immutable, ordered sequence of records with ``filter``, ``sorted``, ``ids``.

    It behaves like a tuple (``len``, iteration, indexing, slicing, ``in``,
    equality with another Selection or a tuple of the same records) and cannot be
    changed: narrowing returns a new Selection.
    """

    __slots__ = ("_index", "_items")

    _items: tuple[T, ...]
    _index: Index | None

    def __init__(self, items: Iterable[T] = (), index: Index | None = None) -> None:
        object.__setattr__(self, "_items", items if type(items) is tuple else tuple(items))
        object.__setattr__(self, "_index", index)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Selection is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Selection is immutable: cannot delete {name!r}")

    # -- Sequence --------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Selection[T]: ...

    def __getitem__(self, index: int | slice) -> T | Selection[T]:
        if isinstance(index, slice):
            return Selection(self._items[index], self._index)
        return self._items[index]

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __contains__(self, item: object) -> bool:
        return item in self._items

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Selection):
            return self._items == other._items
        if isinstance(other, tuple):
            return self._items == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        ids = [getattr(r, "id", repr(r)) for r in self._items[:5]]
        more = f", ... {len(self._items) - 5} more" if len(self._items) > 5 else ""
        kind = type(self._items[0]).__name__ if self._items else "record"
        plural = "s" if len(self._items) != 1 else ""
        return f"<Selection of {len(self._items)} {kind}{plural}: {', '.join(ids)}{more}>"

    # -- narrowing and ordering --------------------------------------------------------

    def filter(self, **criteria: Any) -> Selection[T]:
        """The records that meet every criterion (see the querying guide for the criteria)."""
        if not criteria:
            return self
        if self._index is None:
            raise QueryError("this Selection is not attached to a dataset and cannot be filtered")
        return Selection(self._index.filter(self._items, criteria), self._index)

    def sorted(self, key: str | Callable[[T], Any] = "date", reverse: bool = False) -> Selection[T]:
        """A copy in another order: by a field name (``"date"``, ``"kind"``, ``"title"``, ...)
        or by a function of the record.

        Dates sort chronologically, enums by their value, text case-insensitively, ties
        by id; records without a value for the field (e.g. no date) go last, whatever
        ``reverse``.
        """
        if callable(key):
            return Selection(sorted(self._items, key=key, reverse=reverse), self._index)
        field = key.strip().replace("-", "_")
        if self._items and not all(hasattr(r, field) for r in self._items):
            names = sorted(a.name for a in getattr(type(self._items[0]), "__attrs_attrs__", ()))
            raise QueryError(
                f"cannot sort by {key!r}: records have no such field; "
                + suggest(field, [*names, "title"] if hasattr(self._items[0], "title") else names)
            )
        present = [r for r in self._items if getattr(r, field) not in (None, ())]
        missing = [r for r in self._items if getattr(r, field) in (None, ())]
        try:
            ordered = sorted(
                present,
                key=lambda r: (_sortable(getattr(r, field)), str(getattr(r, "id", ""))),
                reverse=reverse,
            )
        except TypeError as exc:
            raise QueryError(f"cannot sort by {key!r}: {exc}") from None
        return Selection([*ordered, *missing], self._index)

    def ids(self) -> tuple[str, ...]:
        """The ids of the records, in order."""
        return tuple(str(getattr(r, "id")) for r in self._items)  # noqa: B009

    def first(self) -> T | None:
        """The first record, or ``None`` when the selection is empty."""
        return self._items[0] if self._items else None
