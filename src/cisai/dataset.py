"""The immutable ``Dataset``: every record, with its indexes built once."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from cisai._version import DATA_VERSION, SOURCES_READ_UNTIL
from cisai.errors import NotFoundError, suggest
from cisai.model import (
    AnyRecord,
    Body,
    Competency,
    Instrument,
    Jurisdiction,
    LifecycleStage,
    Objective,
    Principle,
    Provision,
    Relation,
    ReviewProcess,
    Topic,
)
from cisai.query import Index
from cisai.selection import Selection

__all__ = ["MODEL_LAW_ID", "Dataset"]

MODEL_LAW_ID = "cis-model-law-ai-2025"
"""The id of the CIS model law on artificial intelligence technologies."""


def _date_order(instrument: Instrument) -> tuple[int, Any, str]:
    if instrument.date is None:
        return (1, None, instrument.id)
    return (0, instrument.date.sort_key(), instrument.id)


class Dataset:
    """Every record of one load: immutable, with lookups by id and by relation.

    Collections are :class:`~cisai.Selection` s; ``instruments`` are in date order
    (undated ones last), the others in the order of the data files.
    """

    __slots__ = (
        "_index",
        "bodies",
        "competencies",
        "data_version",
        "instruments",
        "jurisdictions",
        "lifecycle_stages",
        "objectives",
        "principles",
        "provisions",
        "review_processes",
        "topics",
    )

    _index: Index
    topics: Selection[Topic]
    jurisdictions: Selection[Jurisdiction]
    bodies: Selection[Body]
    instruments: Selection[Instrument]
    principles: Selection[Principle]
    competencies: Selection[Competency]
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

        def of(cls: type[Any]) -> Selection[Any]:
            return Selection([r for r in records if type(r) is cls], index)

        set_(self, "topics", of(Topic))
        set_(self, "jurisdictions", of(Jurisdiction))
        set_(self, "bodies", of(Body))
        instruments = tuple(
            sorted((r for r in records if isinstance(r, Instrument)), key=_date_order)
        )
        index.index_instruments(instruments)
        set_(self, "instruments", Selection(instruments, index))
        set_(self, "principles", of(Principle))
        set_(self, "competencies", of(Competency))
        set_(self, "objectives", of(Objective))
        set_(self, "provisions", of(Provision))
        set_(self, "lifecycle_stages", of(LifecycleStage))
        set_(self, "review_processes", of(ReviewProcess))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Dataset is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Dataset is immutable: cannot delete {name!r}")

    def __repr__(self) -> str:
        return (
            f"<Dataset {self.data_version or '(user data)'}: {len(self.instruments)} instruments, "
            f"{len(self.bodies)} bodies, {len(self.topics)} topics, {len(self)} records>"
        )

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
                f"no record with id {record_id!r}; " + suggest(str(record_id), self._index.by_id)
            ) from None

    def __getitem__(self, record_id: str) -> AnyRecord:
        return self.get(record_id)

    def __contains__(self, record_id: object) -> bool:
        return isinstance(record_id, str) and record_id in self._index.by_id

    def __len__(self) -> int:
        return len(self._index.by_id)

    def __iter__(self) -> Iterator[AnyRecord]:
        """Every record: topics, jurisdictions, bodies, instruments, then their parts."""
        for group in self.collections().values():
            yield from group

    def collections(self) -> Mapping[str, Selection[Any]]:
        """Each record collection by its name, in document order (a read-only mapping)."""
        return MappingProxyType(
            {
                "topics": self.topics,
                "jurisdictions": self.jurisdictions,
                "bodies": self.bodies,
                "instruments": self.instruments,
                "principles": self.principles,
                "competencies": self.competencies,
                "objectives": self.objectives,
                "provisions": self.provisions,
                "lifecycle_stages": self.lifecycle_stages,
                "review_processes": self.review_processes,
            }
        )

    def referring_to(self, record_id: str) -> tuple[tuple[Instrument, Relation], ...]:
        """The instruments whose relations point at ``record_id``, with each relation."""
        self.get(record_id)
        return self._index.referring_to(record_id)

    def parts_of(self, instrument_id: str) -> Selection[Any]:
        """The principles, competencies, objectives, provisions, ... of one instrument."""
        self.get(instrument_id)
        parts = [
            r
            for group in (
                self.principles,
                self.competencies,
                self.objectives,
                self.provisions,
                self.lifecycle_stages,
                self.review_processes,
            )
            for r in group
            if r.instrument == instrument_id
        ]
        return Selection(parts, self._index)
