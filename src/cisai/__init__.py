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
from typing import TYPE_CHECKING, Any, TypeVar, Unpack, overload

from cisai._fork import held as _held
from cisai._version import DATA_VERSION as DATA_VERSION
from cisai._version import SCHEMA_VERSION as SCHEMA_VERSION
from cisai._version import SOURCES_READ_UNTIL as SOURCES_READ_UNTIL
from cisai._version import __version__ as __version__

_PUBLIC_MODULES = (
    "cisai._errors",
    "cisai._problems",
    "cisai._dates",
    "cisai._model",
    "cisai._criteria",
    "cisai._selection",
    "cisai._dataset",
    "cisai._comparison",
    "cisai._matrix",
    "cisai._inforce",
    "cisai._wordsearch",
)
"""The modules whose ``__all__`` cisai exports, cheapest to import first.

Each public name is written once, in its module's ``__all__``: the type checkers read
the star imports below, and ``__getattr__`` imports a module on the first use of one
of its names (PEP 562), so that ``import cisai`` stays fast.
"""

if TYPE_CHECKING:  # the same modules as _PUBLIC_MODULES (tests/test_lazy_names.py checks)
    from cisai._comparison import *  # noqa: F403
    from cisai._criteria import *  # noqa: F403
    from cisai._dataset import *  # noqa: F403
    from cisai._dates import *  # noqa: F403
    from cisai._errors import *  # noqa: F403
    from cisai._inforce import *  # noqa: F403
    from cisai._matrix import *  # noqa: F403
    from cisai._model import *  # noqa: F403
    from cisai._problems import *  # noqa: F403
    from cisai._selection import *  # noqa: F403
    from cisai._wordsearch import *  # noqa: F403


def __getattr__(name: str) -> Any:
    """Import a public name on first use, so that ``import cisai`` stays fast."""
    import importlib

    if name == "__all__":
        return _public_names()
    if name.startswith("_"):
        # No public name starts with "_". Looking one up would import every public
        # module - and ``from cisai import _submodule`` asks here first, before Python
        # imports the submodule itself.
        raise AttributeError(f"module 'cisai' has no attribute {name!r}")
    with _held():
        for module_name in _PUBLIC_MODULES:
            module = importlib.import_module(module_name)
            if name in module.__all__:
                value = getattr(module, name)
                globals()[name] = value
                return value
    raise AttributeError(f"module 'cisai' has no attribute {name!r}")


def _public_names() -> list[str]:
    """Every public name: the versions, the functions below, and the modules' ``__all__``."""
    import importlib

    with _held():
        lazy = [n for m in _PUBLIC_MODULES for n in importlib.import_module(m).__all__]
    here = [
        name
        for name, value in globals().items()
        if not name.startswith("_") and getattr(value, "__module__", None) == __name__
    ]
    return sorted({*_VERSIONS, *here, *lazy})


_VERSIONS = ("DATA_VERSION", "SCHEMA_VERSION", "SOURCES_READ_UNTIL", "__version__")


def __dir__() -> list[str]:
    return sorted({*globals(), *_public_names()})


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
    if extra is None and bundled is True:
        with _held():  # the first load imports the loader: a fork waits for it
            from cisai._bundle import load_bundled

            return load_bundled(_bundled_from_yaml)
    with _held():  # a fork waits until the loader's modules are imported
        from cisai._loading import load as _load

    return _load(extra, bundled=bundled)


def _bundled_from_yaml(files: Any) -> Dataset:
    """The bundled YAML parsed and checked: only when the package has no current compiled form."""
    from cisai._loading import build_bundled

    return build_bundled(files)


def instruments(**criteria: Unpack[Criteria]) -> Selection[Instrument]:
    """The bundled instruments that meet ``criteria``: the keywords of :meth:`Selection.filter`.

    >>> instruments(jurisdiction="CIS", kind="model_law").ids()
    ('cis-model-law-ai-2025',)
    """
    return load().instruments.filter(**criteria)


def compare(on: Any = None, topic: Any = None, *, dataset: Dataset | None = None) -> Comparison:
    """Each participating state's instruments as law / strategy / regulator / other.

    ``on`` (a date) gives each instrument's status on that day, from its events, and
    leaves out what did not exist yet; ``topic`` narrows to one topic (or a list).

    >>> cisai_kz = compare(on="2026-02-01").row("KZ")
    >>> {e.instrument.id: e.status for e in cisai_kz.cells["law"]}["kz-law-ai-2025"]
    'in_force'
    """
    from cisai._comparison import compare as _compare

    return _compare(on, topic, dataset=dataset if dataset is not None else load())


def compare_principles(
    *,
    concept: Any = None,
    jurisdiction: Any = None,
    attestation: Any = None,
    dataset: Dataset | None = None,
) -> PrincipleComparison:
    """Principle concepts x jurisdictions, the model law a column of its own.

    Each cell holds the principles (with instrument, locators, attestation) that map to
    the concept; an empty cell says :data:`NOT_FOUND` ("not found in the sources"), never
    "absent". The mapping to concepts is cisai's editorial judgement. ``concept``,
    ``jurisdiction`` and ``attestation`` narrow the rows, the state columns and the
    principles counted.

    >>> matrix = compare_principles()
    >>> matrix.columns[0].key
    'model-law'
    >>> tuple(e.record.id for e in matrix.cell("human-oversight", "model-law").entries)
    ('cis-model-law-ai-2025-principle-human-decides',)
    """
    from cisai._matrix import compare_principles as _compare

    return _compare(
        dataset if dataset is not None else load(),
        concept=concept,
        jurisdiction=jurisdiction,
        attestation=attestation,
    )


def compare_competencies(
    *,
    kind: Any = None,
    jurisdiction: Any = None,
    holder: Any = None,
    attestation: Any = None,
    dataset: Dataset | None = None,
) -> CompetencyComparison:
    """Kinds of power x jurisdictions: which bodies hold which kinds of power, per state.

    Each cell holds the competencies of that kind conferred by that column's instruments,
    each with its holder; an empty cell says :data:`NOT_FOUND`. ``kind``,
    ``jurisdiction``, ``holder`` and ``attestation`` narrow rows, columns and records.
    """
    from cisai._matrix import compare_competencies as _compare

    return _compare(
        dataset if dataset is not None else load(),
        kind=kind,
        jurisdiction=jurisdiction,
        holder=holder,
        attestation=attestation,
    )


def get(record_id: str) -> AnyRecord:
    """Any bundled record by its id; an unknown id raises :class:`NotFoundError`."""
    return load().get(record_id)


def search(query: str, *, dataset: Dataset | None = None) -> tuple[SearchHit, ...]:
    """Every record (of any type) whose text holds the words of ``query``, best first.

    Words and word prefixes (of three letters or more) match, ignoring case and
    diacritics (``ё`` is ``е``). Hits rank by the group of :data:`SEARCHED_FIELDS` they
    are in (titles and names first, notes last); each :class:`SearchHit` says which
    ``field`` matched. ``dataset`` defaults to the bundled data.

    >>> hit = search("model law artificial")[0]
    >>> hit.record.id, hit.field
    ('cis-model-law-ai-2025', 'titles')
    """
    from cisai._arguments import require as _require
    from cisai._dataset import Dataset as _Dataset
    from cisai._wordsearch import search_records

    if dataset is not None:
        _require(dataset, _Dataset, "dataset", "a cisai.Dataset or None")
    return search_records(dataset if dataset is not None else load(), query)


def in_force(instrument: Instrument | str, day: Any) -> InForce:
    """Whether an instrument (or its id) was in force on ``day``: yes, no or unknown, and why.

    ``day`` is a day (``"2025-06-01"`` or a ``datetime.date``); a month or a year is
    refused. The answer's ``state`` is an :class:`InForceState` and its ``reason`` says
    why, e.g. "in force by its status, date of entry into force unknown".

    >>> answer = in_force("by-law-99z-2021-personal-data", "2025-06-01")
    >>> answer.state.value, answer.reason
    ('in_force', 'in force since 2021-11-15')
    """
    from cisai._arguments import require as _require
    from cisai._inforce import in_force as _in_force
    from cisai._model import Instrument as _Instrument

    _require(instrument, (str, _Instrument), "instrument", "an instrument id or an Instrument")
    if isinstance(instrument, str):
        record = get(instrument)
        if not isinstance(record, _Instrument):
            from cisai._errors import QueryError

            raise QueryError(f"{instrument!r} is a {type(record).__name__}, not an instrument")
        instrument = record
    return _in_force(instrument, day)


def jurisdiction(value: str) -> Jurisdiction:
    """A bundled jurisdiction by its code, id or name, in any case and any language given.

    >>> {jurisdiction(v).code for v in ("Belarus", "Беларусь", "BY", "by")}
    {'BY'}

    An unknown value raises :class:`NotFoundError` naming the closest codes and names.
    """
    return load().jurisdiction(value)


def to_dict(obj: Any) -> Any:
    """Plain JSON-ready data (dicts, lists, strings) for a record, records or a Dataset."""
    from cisai._serialize import to_dict as _to_dict

    return _to_dict(obj)


def to_json(obj: Any, indent: int | None = None) -> str:
    """JSON text for a record, records or a Dataset: stable key order, byte-for-byte repeatable."""
    from cisai._serialize import to_json as _to_json

    return _to_json(obj, indent=indent)


_T = TypeVar("_T")


@overload
def from_json(text: str | bytes) -> Dataset: ...
@overload
def from_json(text: str | bytes, cls: type[_T]) -> _T: ...


def from_json(text: str | bytes, cls: Any = None) -> Any:
    """Typed objects back from JSON: by default a whole :class:`Dataset` document.

    ``cls`` may be :class:`Dataset`, a record class (``cisai.Instrument``),
    :class:`Selection` (each record's type is recognised by its keys), or
    ``Selection[T]``, ``list[T]`` or ``tuple[T, ...]`` of a record class.
    A Dataset document of another schema major raises :class:`SchemaError`; an invalid
    document raises :class:`DataError` with the JSON path of the bad field.

    >>> back = from_json(to_json(load()))
    >>> back == load()
    True
    >>> from_json(to_json(load().instruments[:2]), Selection).ids() == load().instruments[:2].ids()
    True
    """
    from cisai._reading import from_json as _from_json

    if cls is None:
        return _from_json(text)
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
    from cisai._dataset import Dataset as _Dataset
    from cisai._jsonld import to_jsonld as _to_jsonld

    return _to_jsonld(obj, dataset if dataset is not None or isinstance(obj, _Dataset) else load())


def to_frame(obj: Any) -> Any:
    """A ``pandas.DataFrame``: one row per record, the columns of :func:`to_csv`.

    Dates stay strings of their precision (``"2025"``, ``"2025-07"``), with
    ``date_start`` and ``date_end`` columns (``datetime64``) for the interval each
    covers. pandas is an optional extra: ``pip install "cisai[pandas]"``; without it this
    raises :class:`ImportError` saying so. ``Selection.to_pandas()`` is the same.
    """
    from cisai._frame import to_frame as _to_frame

    return _to_frame(obj)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the Dataset document, derived from the record classes.

    The same schema ships inside the package as ``cisai/schema/dataset.schema.json``.
    """
    from cisai._schema import json_schema as _json_schema

    return _json_schema()
