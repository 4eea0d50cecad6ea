"""The immutable ``Dataset``: every record, with its indexes built once."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from cisai._arguments import require
from cisai._errors import NotFoundError, closest, suggest
from cisai._index import Index
from cisai._model import (
    RECORD_TYPES,
    AnyRecord,
    Body,
    Competency,
    Instrument,
    Jurisdiction,
    LifecycleStage,
    Objective,
    Principle,
    PrincipleConcept,
    Prohibition,
    Provision,
    Relation,
    ReviewProcess,
    Topic,
)
from cisai._selection import Selection
from cisai._version import DATA_VERSION, SOURCES_READ_UNTIL

__all__ = ["MODEL_LAW_ID", "Dataset"]
"""What ``cisai`` exports from this module: each public name is listed only here."""

MODEL_LAW_ID = "cis-model-law-ai-2025"
"""The id of the CIS model law on artificial intelligence technologies."""


_PART_TYPES = tuple(cls for cls in RECORD_TYPES if "instrument" in attrs.fields_dict(cls))
"""The record types that are parts of an instrument (they have an ``instrument`` field)."""


class Dataset:
    """Every record of one load: immutable, with lookups by id and by relation.

    Collections are :class:`~cisai.Selection` s; ``instruments`` are in date order
    (undated ones last), the others in the order of the data files.
    """

    # One attribute per record type (RECORD_TYPES is the one list of them); the
    # annotations below are for type checkers and are checked against it by the tests.
    __slots__ = ("_index", "data_version", *(cls.collection for cls in RECORD_TYPES))

    _index: Index
    topics: Selection[Topic]
    principle_concepts: Selection[PrincipleConcept]
    jurisdictions: Selection[Jurisdiction]
    bodies: Selection[Body]
    instruments: Selection[Instrument]
    principles: Selection[Principle]
    competencies: Selection[Competency]
    prohibitions: Selection[Prohibition]
    objectives: Selection[Objective]
    provisions: Selection[Provision]
    lifecycle_stages: Selection[LifecycleStage]
    review_processes: Selection[ReviewProcess]
    data_version: str | None

    def __init__(self, records: Sequence[AnyRecord], data_version: str | None) -> None:
        index = Index(records)
        set_ = object.__setattr__
        set_(self, "_index", index)
        set_(self, "data_version", data_version)

        grouped: dict[type, list[Any]] = {cls: [] for cls in RECORD_TYPES}
        for record in records:
            grouped[type(record)].append(record)
        for cls in RECORD_TYPES:
            # Instruments in date order: the index's own tuple, which its positions refer to.
            items = index.ordered if cls is Instrument else grouped[cls]
            set_(self, cls.collection, Selection(items, index, cls))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Dataset is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Dataset is immutable: cannot delete {name!r}")

    def __repr__(self) -> str:
        return (
            f"<Dataset {self.data_version or '(user data)'}: {len(self.instruments)} instruments, "
            f"{len(self.bodies)} bodies, {len(self.topics)} topics, {len(self)} records>"
        )

    def __eq__(self, other: object) -> bool:
        """Equal when the data version and every collection hold the same records.

        So a Dataset read back with :func:`cisai.from_json` equals the one written.
        """
        if not isinstance(other, Dataset):
            return NotImplemented
        if self.data_version != other.data_version or len(self) != len(other):
            return False
        mine, theirs = self.collections(), other.collections()
        return all(mine[name] == theirs[name] for name in mine)

    def __hash__(self) -> int:
        return hash((self.data_version, len(self)))

    @property
    def sources_read_until(self) -> str | None:
        """The day up to which the bundled data's sources were read (``"2026-11-30"``).

        It belongs to the bundled release, so it is set when the dataset holds this
        cisai's bundled data (its ``data_version`` is :data:`cisai.DATA_VERSION`) and
        ``None`` otherwise (user data alone, or another release's document).

        >>> import cisai
        >>> cisai.load().sources_read_until == cisai.SOURCES_READ_UNTIL
        True
        """
        return SOURCES_READ_UNTIL if self.data_version == DATA_VERSION else None

    # -- lookups --------------------------------------------------------------------

    @property
    def model_law(self) -> Instrument:
        """The CIS model law on artificial intelligence technologies (IPA CIS, 18 April 2025)."""
        record = self.get(MODEL_LAW_ID)
        assert isinstance(record, Instrument)
        return record

    def get(self, record_id: str) -> AnyRecord:
        """Any record by its id; an unknown id raises :class:`~cisai.NotFoundError`."""
        try:
            return self._index.by_id[record_id]
        except (KeyError, TypeError):
            raise NotFoundError(
                f"no record with id {record_id!r}; " + closest(str(record_id), self._index.by_id)
            ) from None

    def jurisdiction(self, value: str) -> Jurisdiction:
        """A jurisdiction by its code, id or name in any language the data gives.

        Case and diacritics are ignored: ``"BY"``, ``"by"``, ``"BLR"``, ``"Belarus"``
        and ``"Беларусь"`` are Belarus. An unknown value raises
        :class:`~cisai.NotFoundError` naming the closest codes and names.
        """
        code = self._index.jurisdiction_code(value)
        if code is None:
            raise NotFoundError(
                f"no jurisdiction {value!r}; "
                + closest(str(value), self._index.jurisdiction_names)
                + " (accepted: the code such as 'BY' or 'BLR', the id, or a name the data gives)"
            )
        return next(j for j in self.jurisdictions if j.code == code)

    def principle_concept(self, name: str) -> PrincipleConcept:
        """A principle concept by its id or one of its aliases (case-insensitive).

        Concepts have an id space of their own (``transparency`` is also a topic), so
        :meth:`get` does not find them. An unknown name raises
        :class:`~cisai.NotFoundError` naming the closest concepts.
        """
        key = str(name).strip()
        names = self._index.concept_names
        concept_id = names.get(key) or names.get(key.casefold())
        if concept_id is None:
            raise NotFoundError(f"no principle concept {name!r}; " + suggest(key, names))
        return self._index.concepts[concept_id]

    def __getitem__(self, record_id: str) -> AnyRecord:
        return self.get(record_id)

    def __contains__(self, record_id: object) -> bool:
        return isinstance(record_id, str) and record_id in self._index.by_id

    def __len__(self) -> int:
        """How many records there are, of every type (principle concepts included)."""
        return len(self._index.by_id) + len(self._index.concepts)

    def __iter__(self) -> Iterator[AnyRecord]:
        """Every record: topics, jurisdictions, bodies, instruments, then their parts."""
        for group in self.collections().values():
            yield from group

    def collections(self) -> Mapping[str, Selection[Any]]:
        """Each record collection by its name, in document order (a read-only mapping)."""
        return MappingProxyType(
            {cls.collection: getattr(self, cls.collection) for cls in RECORD_TYPES}
        )

    def referring_to(self, record_id: str) -> tuple[tuple[Instrument, Relation], ...]:
        """The instruments whose relations point at ``record_id``, with each relation."""
        self.get(record_id)
        return self._index.referring_to(record_id)

    def competencies_of(self, body: str | Body) -> Selection[Competency]:
        """The competencies a body holds (by its id or the Body), in data order.

        The way back is :meth:`holder_of`. Same as ``competencies.filter(holder=body)``.
        """
        body_id = body.id if isinstance(body, Body) else body
        if not isinstance(self.get(body_id), Body):
            raise NotFoundError(
                f"{body_id!r} is not a body; " + suggest(body_id, self._index.body_ids)
            )
        return self.competencies.filter(holder=body_id)

    def holder_of(self, competency: str | Competency) -> Body | None:
        """The body that holds a competency (by its id or the record); ``None`` when the
        sources name only a role (see ``holder_role``)."""
        require(competency, (str, Competency), "competency", "a competency id or a Competency")
        record = self.get(competency) if isinstance(competency, str) else competency
        if not isinstance(record, Competency):
            raise NotFoundError(f"{record.id!r} is not a competency")
        if record.holder is None:
            return None
        holder = self.get(record.holder)
        assert isinstance(holder, Body)  # checked when the data was loaded
        return holder

    def parts_of(self, instrument_id: str) -> Selection[Any]:
        """The principles, competencies, prohibitions, objectives, ... of one instrument."""
        self.get(instrument_id)
        parts = [
            r
            for cls in _PART_TYPES
            for r in getattr(self, cls.collection)
            if r.instrument == instrument_id
        ]
        return Selection(parts, self._index)
