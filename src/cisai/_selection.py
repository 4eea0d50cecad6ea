"""``Selection[T]``: an immutable, ordered sequence of records that can be narrowed."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from cisai._arguments import kind_of, require_bool, require_text
from cisai._errors import ArgumentError, CisaiError, QueryError, suggest

if TYPE_CHECKING:
    from typing import Unpack

    from cisai._index import Index
    from cisai._query import Criteria

__all__ = ["Selection"]
"""What ``cisai`` exports from this module: each public name is listed only here."""


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

    __slots__ = ("_index", "_items", "_type")

    _items: tuple[T, ...]
    _index: Index | None
    _type: type | None

    def __init__(
        self, items: Iterable[T] = (), index: Index | None = None, record_type: type | None = None
    ) -> None:
        object.__setattr__(self, "_items", items if type(items) is tuple else tuple(items))
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_type", record_type)

    def _like(self, items: Iterable[T]) -> Selection[T]:
        """A Selection of the same dataset and record type."""
        return Selection(items, self._index, self._type)

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
            return self._like(self._items[index])
        if isinstance(index, bool) or not isinstance(index, int):
            if hasattr(index, "__index__") and not isinstance(index, bool):
                return self._items[index.__index__()]
            raise ArgumentError(f"index: expected an int or a slice, not {kind_of(index)}")
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
        """``<Selection of 52 Instruments: id, id, ... 47 more>``: its length and first ids."""
        ids = [str(getattr(r, "id", r)) for r in self._items[:5]]
        more = f", ... {len(self._items) - 5} more" if len(self._items) > 5 else ""
        kind = type(self._items[0]).__name__ if self._items else "record"
        if len(self._items) != 1:
            kind = kind[:-1] + "ies" if kind.endswith("y") else kind + "s"
        return f"<Selection of {len(self._items)} {kind}: {', '.join(ids)}{more}>"

    # -- narrowing and ordering --------------------------------------------------------

    def filter(self, **criteria: Unpack[Criteria]) -> Selection[T]:
        """The records that meet every criterion given (ANDed; a list means any of them).

        Criteria (each one checked: an unknown value raises :class:`~cisai.QueryError`
        naming the closest accepted ones; ``None`` means "not given"):

        - ``since``, ``until``: dated on or after / on or before this date (inclusive; a
          partial date such as ``"2025"`` covers its whole interval, and overlaps count);
        - ``topic``: a topic id or alias, its sub-topics included;
        - ``kind``: the record's kind (an enum value, e.g. ``"decree"``, ``"ministry"``);
        - ``jurisdiction``: a jurisdiction code, id or name (``"BY"``, ``"Belarus"``);
        - ``issuer``: the id of a body among an instrument's issuers;
        - ``status``: an :class:`~cisai.InstrumentStatus` value;
        - ``text``: words or word starts in the fields of :data:`~cisai.SEARCHED_FIELDS`;
        - ``in_force_on``: in force on that day, as dated events show (a day);
        - ``include_unknown``: with ``in_force_on``, also keep the unknowns;
        - ``changed_since``: added or changed after that data version (``"2026.11.0"``);
        - ``instrument``: the id of the instrument a part belongs to;
        - ``body``: the body holding a competency, or a body's parent body;
        - ``holder``: the body that holds a competency (or the Body);
        - ``concept``: a principle concept id or alias (``"transparency"``);
        - ``attestation``: ``official_text``, ``official_report`` or ``secondary_report``;
        - ``confidence``: ``high``, ``medium`` or ``low``;
        - ``part``: a :class:`~cisai.ProvisionPart` value.

        >>> import cisai
        >>> cisai.load().instruments.filter(jurisdiction="CIS", kind="model_law").ids()
        ('cis-model-law-ai-2025',)
        """
        if not criteria:
            return self
        if self._index is None:
            raise QueryError("this Selection is not attached to a dataset and cannot be filtered")
        from cisai._query import filter_records

        return self._like(filter_records(self._index, self._items, criteria, self._type))

    def sorted(self, key: str | Callable[[T], Any] = "date", reverse: bool = False) -> Selection[T]:
        """A copy in another order: by a field name (``"date"``, ``"kind"``, ``"title"``, ...)
        or by a function of the record.

        Dates sort chronologically, enums by their value, text case-insensitively, ties
        by id; records without a value for the field (e.g. no date) go last, whatever
        ``reverse``.
        """
        require_bool(reverse, "reverse")
        if callable(key):
            try:
                return self._like(sorted(self._items, key=key, reverse=reverse))
            except CisaiError:
                raise
            except Exception as exc:  # the caller's function failed on a record
                raise QueryError(f"cannot sort by {key!r}: {type(exc).__name__}: {exc}") from None
        require_text(key, "key", "a field name such as 'date', or a function of the record")
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
        return self._like([*ordered, *missing])

    def ids(self) -> tuple[str, ...]:
        """The ids of the records, in order."""
        return tuple(str(getattr(r, "id")) for r in self._items)  # noqa: B009

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` of the records: :func:`cisai.to_frame` of this selection."""
        from cisai._frame import to_frame

        return to_frame(self)

    def first(self) -> T | None:
        """The first record, or ``None`` when the selection is empty."""
        return self._items[0] if self._items else None
