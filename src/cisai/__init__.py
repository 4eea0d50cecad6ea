"""cisai: typed, versioned, sourced data about AI law in the CIS.

>>> import cisai
>>> ds = cisai.load()
>>> ds.model_law.title
'Model law on Artificial Intelligence Technologies'
>>> str(ds.model_law.date)
'2025-04-18'

``import cisai`` reads no data and imports only the version numbers: every other
name is imported on first use, and cattrs and PyYAML only when data must be parsed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from cisai._version import DATA_VERSION, SCHEMA_VERSION, SOURCES_READ_UNTIL, __version__

if TYPE_CHECKING:  # the names below are imported on first use (PEP 562), for a fast import
    from cisai._comparison import Comparison, ComparisonEntry, ComparisonRow
    from cisai._dataset import MODEL_LAW_ID, Dataset
    from cisai._dates import PartialDate, Precision
    from cisai._errors import (
        CisaiError,
        DataError,
        NotFoundError,
        Problem,
        QueryError,
        SchemaError,
    )
    from cisai._model import (
        RECORD_TYPES,
        AnyRecord,
        Attestation,
        Body,
        BodyKind,
        Competency,
        CompetencyKind,
        Confidence,
        Event,
        EventKind,
        Instrument,
        InstrumentKind,
        InstrumentStatus,
        Jurisdiction,
        JurisdictionKind,
        LifecycleStage,
        Locator,
        Objective,
        Principle,
        PrincipleConcept,
        Prohibition,
        Provision,
        ProvisionPart,
        Relation,
        RelationKind,
        ReviewProcess,
        Source,
        SourceKind,
        Title,
        TitleKind,
        Topic,
        Unknown,
    )
    from cisai._selection import Selection

_LAZY = {
    "cisai._comparison": ("Comparison", "ComparisonEntry", "ComparisonRow"),
    "cisai._dataset": ("MODEL_LAW_ID", "Dataset"),
    "cisai._dates": ("PartialDate", "Precision"),
    "cisai._errors": (
        "CisaiError",
        "DataError",
        "NotFoundError",
        "Problem",
        "QueryError",
        "SchemaError",
    ),
    "cisai._model": (
        "RECORD_TYPES",
        "AnyRecord",
        "Attestation",
        "Body",
        "BodyKind",
        "Competency",
        "CompetencyKind",
        "Confidence",
        "Event",
        "EventKind",
        "Instrument",
        "InstrumentKind",
        "InstrumentStatus",
        "Jurisdiction",
        "JurisdictionKind",
        "LifecycleStage",
        "Locator",
        "Objective",
        "Principle",
        "PrincipleConcept",
        "Prohibition",
        "Provision",
        "ProvisionPart",
        "Relation",
        "RelationKind",
        "ReviewProcess",
        "Source",
        "SourceKind",
        "Title",
        "TitleKind",
        "Topic",
        "Unknown",
    ),
    "cisai._selection": ("Selection",),
}
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str) -> Any:
    """Import a public name on first use, so that ``import cisai`` stays fast."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'cisai' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "DATA_VERSION",
    "MODEL_LAW_ID",
    "RECORD_TYPES",
    "SCHEMA_VERSION",
    "SOURCES_READ_UNTIL",
    "AnyRecord",
    "Attestation",
    "Body",
    "BodyKind",
    "CisaiError",
    "Comparison",
    "ComparisonEntry",
    "ComparisonRow",
    "Competency",
    "CompetencyKind",
    "Confidence",
    "DataError",
    "Dataset",
    "Event",
    "EventKind",
    "Instrument",
    "InstrumentKind",
    "InstrumentStatus",
    "Jurisdiction",
    "JurisdictionKind",
    "LifecycleStage",
    "Locator",
    "NotFoundError",
    "Objective",
    "PartialDate",
    "Precision",
    "Principle",
    "PrincipleConcept",
    "Problem",
    "Prohibition",
    "Provision",
    "ProvisionPart",
    "QueryError",
    "Relation",
    "RelationKind",
    "ReviewProcess",
    "SchemaError",
    "Selection",
    "Source",
    "SourceKind",
    "Title",
    "TitleKind",
    "Topic",
    "Unknown",
    "__version__",
    "compare",
    "from_json",
    "get",
    "instruments",
    "json_schema",
    "load",
    "to_csv",
    "to_dict",
    "to_json",
    "to_jsonl",
    "to_jsonld",
]


def load(
    extra: Iterable[str | os.PathLike[str]] | str | os.PathLike[str] | None = None,
    *,
    bundled: bool = True,
) -> Dataset:
    """Load the dataset: the bundled data, plus the user's YAML files or folders in ``extra``.

    With no ``extra``, the bundled data is read once and the same :class:`Dataset`
    is returned on every call. User data is validated exactly like the bundled data;
    ``bundled=False`` loads the user's data alone. Invalid data raises a
    :class:`DataError` naming the file, line, record id and field of every problem.
    """
    if extra is None and bundled:
        from cisai._bundle import load_bundled

        return load_bundled(_bundled_from_yaml)
    from cisai._loading import load as _load

    return _load(extra, bundled=bundled)


def _bundled_from_yaml(files: Any) -> Dataset:
    """The bundled YAML parsed and checked: only when the package has no current compiled form."""
    from cisai._loading import build_bundled

    return build_bundled(files)


def instruments(**criteria: Any) -> Selection[Instrument]:
    """The bundled instruments that meet ``criteria`` (see :meth:`Selection.filter`).

    >>> [i.id for i in instruments(jurisdiction="CIS", kind="model_law")]
    ['cis-model-law-ai-2025']
    """
    return load().instruments.filter(**criteria)


def compare(on: Any = None, topic: Any = None, *, dataset: Dataset | None = None) -> Comparison:
    """Each participating state's instruments as law / strategy / regulator / other.

    ``on`` (a date) gives each instrument's status on that day, from its events, and
    leaves out what did not exist yet; ``topic`` narrows to one topic (or a list).

    >>> cisai_kz = compare(on="2026-02-01").row("KZ")
    >>> [(e.instrument.id, e.status) for e in cisai_kz.cells["law"]]
    [('kz-law-ai-2025', 'in_force')]
    """
    from cisai._comparison import compare as _compare

    return _compare(dataset if dataset is not None else load(), on=on, topic=topic)


def get(record_id: str) -> AnyRecord:
    """Any bundled record by its id; an unknown id raises :class:`NotFoundError`."""
    return load().get(record_id)


def to_dict(obj: Any) -> Any:
    """Plain JSON-ready data (dicts, lists, strings) for a record, records or a Dataset."""
    from cisai._serialize import to_dict as _to_dict

    return _to_dict(obj)


def to_json(obj: Any, indent: int | None = None) -> str:
    """JSON text for a record, records or a Dataset: stable key order, byte-for-byte repeatable."""
    from cisai._serialize import to_json as _to_json

    return _to_json(obj, indent=indent)


_T = TypeVar("_T")


def from_json(text: str | bytes, cls: type[_T]) -> _T:
    """Typed objects back from JSON: a record class, or :class:`Dataset` for a whole document.

    A Dataset document of another schema major raises :class:`SchemaError`; an invalid
    document raises :class:`DataError` with the JSON path of the bad field.
    """
    from cisai._serialize import from_json as _from_json

    return _from_json(text, cls)


def to_jsonl(obj: Any) -> str:
    """JSON Lines: one record per line, each object with its ``type`` first."""
    from cisai._tabular import to_jsonl as _to_jsonl

    return _to_jsonl(obj)


def to_csv(obj: Any, *, bom: bool = False) -> str:
    """CSV: one row per record; lists flattened predictably (see the format guide)."""
    from cisai._tabular import to_csv as _to_csv

    return _to_csv(obj, bom=bom)


def to_jsonld(obj: Any, dataset: Dataset | None = None) -> dict[str, Any]:
    """schema.org JSON-LD: an instrument, or a ``@graph`` of instruments, as ``Legislation``."""
    from cisai._jsonld import to_jsonld as _to_jsonld

    return _to_jsonld(obj, dataset)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the Dataset document, derived from the record classes.

    The same schema ships inside the package as ``cisai/schema/dataset.schema.json``.
    """
    from cisai._schema import json_schema as _json_schema

    return _json_schema()
