"""Files -> checked records -> a :class:`~cisai.Dataset`.

The bundled data is read with :mod:`importlib.resources` (so it works from a wheel
or a zip), parsed by :mod:`cisai._yamlio`, structured by the one cattrs converter and
checked by :mod:`cisai._checks`. Every problem found is collected and raised
together as one :class:`~cisai.DataError`. The bundled dataset is loaded once and
cached; ``import cisai`` alone reads nothing.
"""

from __future__ import annotations

import contextlib
import difflib  # noqa: F401 - imported with the loader, so that no fork splits its import
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import dateutil.parser  # noqa: F401 - imported with the loader (see difflib above)

from cisai._bundle import bundled_files, load_bundled
from cisai._checks import (
    Located,
    Unstructured,
    check,
    is_url,
    namespace,
    reference_problems,
)
from cisai._converter import bulk, catalogued, first_try, json_rules, problems_of, structure
from cisai._dataset import Dataset
from cisai._errors import (
    ArgumentError,
    QueryError,
    SchemaError,
    clear_suggestion_cache,
    format_path,
    suggest,
)
from cisai._gc import paused
from cisai._jsonio import parse_json
from cisai._model import RECORD_TYPES, AnyRecord, Source
from cisai._origin import Origin
from cisai._problems import DataError, Problem
from cisai._version import DATA_VERSION, DOCUMENT_KEYS, check_schema_version
from cisai._yamlio import LineMap, duplicate_keys, line_of, parse_yaml_document

__all__ = ["MAX_FILE_BYTES", "load"]

MAX_FILE_BYTES = 512 * 1024 * 1024
"""Data files larger than this are refused (512 MiB)."""

COLLECTIONS = {cls.collection: cls for cls in RECORD_TYPES}
_DATA_SUFFIXES = (".yaml", ".yml", ".json")


def load(
    extra: Iterable[str | os.PathLike[str]] | str | os.PathLike[str] | None = None,
    *,
    bundled: bool = True,
) -> Dataset:
    """Load the dataset: the bundled data, plus the user's YAML files or folders in ``extra``.

    With no ``extra``, the bundled dataset is read once and the same object is
    returned on every call. User data is checked by exactly the same rules;
    ``bundled=False`` loads the user's data alone. Invalid data raises a
    :class:`~cisai.DataError` listing every problem with its file, line, record id
    and field.

    >>> ds = load()
    >>> ds is load()
    True
    >>> ds.model_law.date
    PartialDate('2025-04-18')
    """
    if not isinstance(bundled, bool):
        raise ArgumentError(f"bundled: expected True or False, not {type(bundled).__name__}")
    paths = _given_paths(extra)
    if not paths and bundled:
        return load_bundled(build_bundled)
    # One pause of the collector for the whole load. The parsed documents die with the
    # frame of _load_files, before the collector resumes: resuming earlier, it would scan
    # every parsed object once more (at 100,000 records, half a second).
    with paused():
        return _load_files(paths, bundled=bundled)


def _load_files(paths: list[Path], *, bundled: bool) -> Dataset:
    """The Dataset of the user's files (and the bundled YAML, unless ``bundled`` is false)."""
    problems: list[Problem] = []
    documents = _read_bundled() if bundled else []
    schema_problems: list[Problem] = []
    documents.extend(_read_paths(paths, problems, schema_problems))
    try:
        return _build(documents, problems, DATA_VERSION if bundled else None, bundled=bundled)
    except DataError as exc:
        if schema_problems and len(exc.problems) == len(schema_problems):
            # Only a document of another schema version is wrong: say so as a SchemaError.
            raise SchemaError(f"{schema_problems[0].file}: {schema_problems[0].message}") from None
        raise


@contextlib.contextmanager
def _forgetting_suggestions() -> Iterator[None]:
    """The cache that makes suggestions linear lives as long as one load."""
    try:
        yield
    finally:
        clear_suggestion_cache()


# -- reading -------------------------------------------------------------------------


@attrs.frozen
class Document:
    """One parsed data file: YAML (with line numbers) or a JSON Dataset document."""

    file: str
    root: Any
    bundled: bool = False
    has_duplicates: bool = False
    """Whether some mapping repeats a key (then the loader looks for where)."""
    json: bool = False
    """A JSON document: held to the JSON Schema (ISO dates, strings for text)."""


def _yaml_document(text: str, file: str, *, bundled: bool = False) -> Document:
    root, has_duplicates = parse_yaml_document(text, file)
    return Document(file, root, bundled, has_duplicates)


def _bundled_documents(files: Iterable[tuple[str, bytes]]) -> list[Document]:
    return [_yaml_document(content.decode("utf-8"), name, bundled=True) for name, content in files]


def _read_bundled() -> list[Document]:
    return _bundled_documents((name, entry.read_bytes()) for name, entry in bundled_files())


def build_bundled(files: Sequence[tuple[str, bytes]]) -> Dataset:
    """The bundled dataset from its YAML files (given as ``(name, bytes)``), fully checked."""
    return _build(_bundled_documents(files), [], DATA_VERSION)


def _data_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The data files under a folder; symbolic links to folders are not followed (no loops).

    A suffix is matched whatever its case (``A.YAML`` is read), and a sub-folder that
    cannot be listed is a problem, never skipped in silence.
    """
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else folder
        problems.append(
            Problem(message=f"cannot read folder: {exc.strerror or exc}", file=str(where))
        )

    for top, folders, files in os.walk(folder, onerror=unreadable, followlinks=False):
        folders.sort()
        found.extend(Path(top, name) for name in files if name.lower().endswith(_DATA_SUFFIXES))
    return sorted(found)


def _given_paths(extra: Any) -> list[Path]:
    """The paths of ``load(extra=...)``; anything that is not a path is a QueryError."""
    items = [extra] if isinstance(extra, str | os.PathLike) else extra
    if items is None:
        return []
    if isinstance(items, bytes | dict) or not isinstance(items, Iterable):
        raise ArgumentError(
            f"extra: expected a path or a list of paths (str or os.PathLike), "
            f"not {type(extra).__name__}"
        )
    paths = []
    for item in items:
        if not isinstance(item, str | os.PathLike) or isinstance(os.fspath(item), bytes):
            raise ArgumentError(
                f"extra: expected paths (str or os.PathLike), not {type(item).__name__} {item!r}"
            )
        if os.fspath(item) == "":
            raise QueryError("extra: an empty path names no file or folder")
        paths.append(Path(item))
    return paths


def _files_of(path: Path, problems: list[Problem]) -> list[Path]:
    """The data files a given path stands for; a path that cannot be looked at is a problem."""
    try:
        if path.is_dir():
            return _data_files(path, problems)
        if path.exists() or path.is_symlink():
            return [path]
        message = "no such file or folder"
    except OSError as exc:  # e.g. a name too long
        message = f"cannot read: {exc.strerror or exc}"
    except ValueError as exc:  # e.g. a NUL character in the path
        message = f"invalid path: {exc}"
    problems.append(Problem(message=message, file=str(path)))
    return []


def _read_paths(
    paths: Sequence[Path], problems: list[Problem], schema_problems: list[Problem] | None = None
) -> list[Document]:
    """Parse every file under ``paths``; a file that cannot be read or parsed is a problem.

    A JSON document of another schema version is a problem too (also noted in
    ``schema_problems``), so that the other files' problems are still all reported.
    """
    documents = []
    for path in paths:
        for file in _files_of(path, problems):
            try:
                text = _read_text(file)
                if file.suffix.lower() == ".json":
                    document = Document(str(file), _parse_json(text, str(file)), json=True)
                else:
                    document = _yaml_document(text, str(file))
            except DataError as exc:
                problems.extend(exc.problems)
                continue
            except SchemaError as exc:
                problem = Problem(message=str(exc), file=str(file))
                problems.append(problem)
                if schema_problems is not None:
                    schema_problems.append(problem)
                continue
            documents.append(document)
    return documents


def _read_text(file: Path) -> str:
    try:
        info = file.stat()
        if not stat.S_ISREG(info.st_mode):
            raise DataError("not a regular file", file=str(file))
        if info.st_size > MAX_FILE_BYTES:
            raise DataError(
                f"file too large ({info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,})",
                file=str(file),
            )
        data = file.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read file: {exc.strerror or exc}", file=str(file)) from None
    except ValueError as exc:
        raise DataError(f"invalid path: {exc}", file=str(file)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"not UTF-8 text (byte {exc.start} cannot be decoded)", file=str(file)
        ) from None


def _parse_json(text: str, file: str) -> Any:
    """A JSON Dataset document (as written by ``cisai export``), its schema version checked."""
    data = parse_json(text, file)
    if not isinstance(data, dict) or "schema_version" not in data:
        raise DataError(
            "a JSON data file must be a Dataset document (an object with a schema_version)",
            file=file,
        )
    check_schema_version(data["schema_version"])
    return {k: v for k, v in data.items() if k not in DOCUMENT_KEYS}


# -- structuring -----------------------------------------------------------------------


def _problems_at(
    found: Iterable[tuple[tuple[str | int, ...], str]], origin: Origin, record_id: str | None
) -> Iterator[Problem]:
    """A problem for each ``(path, message)`` found in one record, at its path's line."""
    for path, message in found:
        yield Problem(
            message=message,
            file=origin.file,
            line=origin.line(*path),
            record_id=record_id,
            field=format_path(path) or None,
        )


def _catalogue(documents: Sequence[Document], problems: list[Problem]) -> Catalogue:
    """Every ``sources:`` entry of every file, checked once, reachable by id and by URL."""
    by_key: dict[str, Source] = {}
    first_seen: dict[str, tuple[str, bool]] = {}
    for document in documents:
        file, root = document.file, document.root
        sources = root.get("sources") if isinstance(root, dict) else None
        if sources is None:
            continue
        if not isinstance(sources, dict):
            problems.append(
                Problem(
                    message="sources must be a mapping of source id to source",
                    file=file,
                    line=line_of(root, ("sources",)),
                    field="sources",
                )
            )
            continue
        for written_id, entry in sources.items():
            # An unquoted number as a source id is known by its text (``0123``, not 83).
            source_id = getattr(written_id, "text", written_id)
            origin = Origin(file, root, ("sources", written_id), document.bundled)
            found: list[tuple[tuple[str | int, ...], str]] = []
            try:
                with json_rules(document.json):
                    source = structure(entry, Source)
            except Exception as exc:
                problems.extend(_problems_at(problems_of(exc), origin, str(source_id)))
                continue
            url = source.url  # checked: a string, even where the file wrote a number
            if not is_url(url):
                found.append((("url",), f"not an http(s) URL: {url!r}"))
            for key in (str(source_id), url):
                if key not in by_key:
                    by_key[key] = source
                    first_seen[key] = (f"{file}:{origin.line()}", document.bundled)
                    continue
                first, first_bundled = first_seen[key]
                if key == url and first_bundled and not document.bundled:
                    continue  # a user may catalogue a page the bundled data cites too
                found.append(((), f"source {key!r} is defined twice (first in {first})"))
            problems.extend(_problems_at(found, origin, str(source_id)))
    return Catalogue(by_key)


def _inline_source(url: str) -> Source:
    """A source written as its bare URL: nothing else is known about it (kind secondary)."""
    return Source(url=url.strip())


class Catalogue(dict[str, Source]):
    """The sources of one load by id and by URL, with the ids alone (what suggestions name),
    computed once when the catalogue is complete."""

    def __init__(self, by_key: dict[str, Source]) -> None:
        super().__init__(by_key)
        self.ids = frozenset(k for k in by_key if not k.startswith("http"))


def _expand_sources(
    value: Any,
    catalogue: Catalogue,
    path: tuple[str | int, ...],
    report: list[tuple[tuple[str | int, ...], str]],
) -> Any:
    """Replace source references by sources: a catalogue id or URL by the catalogue's
    (checked) source, any other http(s) URL by a source of that URL alone."""
    if not isinstance(value, list):
        return value
    try:  # the common case, fast: every item a catalogued id or URL
        return [catalogue[item] for item in value]
    except (KeyError, TypeError):  # anything else: item by item, each reported at its index
        pass
    expanded = []
    for index, written in enumerate(value):
        item = written if written.__class__ is str else getattr(written, "text", written)
        if isinstance(item, str):  # (an unquoted number's text: the id as written)
            source = catalogue.get(item)
            if source is not None:
                expanded.append(source)
                continue
            if item.startswith(("https://", "http://")):
                expanded.append(_inline_source(item))  # a bare URL is a source of its own
                continue
            report.append(
                (
                    (*path, index),
                    f"unknown source {item!r}; "
                    + suggest(item, catalogue.ids)
                    + " (a source is a catalogue id, an http(s) URL, or a mapping with a url)",
                )
            )
            continue
        expanded.append(item)
    return expanded


def _prepare(raw: Any, catalogue: Catalogue) -> tuple[Any, list[tuple[tuple[str | int, ...], str]]]:
    """A shallow copy of a raw record with its source references expanded (the way for a
    record that did not structure as it was written: each unknown reference is named)."""
    report: list[tuple[tuple[str | int, ...], str]] = []
    record = dict(raw)
    if "sources" in record:
        record["sources"] = _expand_sources(record["sources"], catalogue, ("sources",), report)
    for list_name in ("events", "relations"):
        items = record.get(list_name)
        if isinstance(items, list):
            copied = []
            for index, item in enumerate(items):
                if isinstance(item, dict) and "sources" in item:
                    item = dict(item)
                    item["sources"] = _expand_sources(
                        item["sources"], catalogue, (list_name, index, "sources"), report
                    )
                copied.append(item)
            record[list_name] = copied
    locators = record.get("locators")
    if isinstance(locators, list):
        record["locators"] = [
            _expand_locator(item, catalogue, ("locators", index), report)
            for index, item in enumerate(locators)
        ]
    return record, report


def _expand_locator(
    item: Any,
    catalogue: Catalogue,
    path: tuple[str | int, ...],
    report: list[tuple[tuple[str | int, ...], str]],
) -> Any:
    """A locator with its ``source`` reference (an id or URL) replaced by the source."""
    if not isinstance(item, dict) or not isinstance(item.get("source"), str):
        return item  # anything else is for the converter to accept (a mapping) or refuse
    expanded = _expand_sources([item["source"]], catalogue, (*path, "source"), report)
    if not expanded:
        # Unknown: reported at its own path. A stand-in lets the rest of the locator be
        # checked too; the load fails on the report, so the stand-in never escapes.
        report[-1] = ((*path, "source"), report[-1][1])
        return {**item, "source": _UNKNOWN_SOURCE}
    return {**item, "source": expanded[0]}


_UNKNOWN_SOURCE = Source(url="https://unknown-source.invalid/")


def _duplicate_key_problems(file: str, root: Any) -> Iterator[Problem]:
    """A problem for every key written twice in one mapping, naming its record and field."""
    for path, line in duplicate_keys(root):
        record_id = None
        field = path
        if len(path) >= 3 and isinstance(path[1], int):
            record = root[path[0]][path[1]]
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                record_id = record["id"]
            field = path[2:]
        yield Problem(
            message=f"duplicate key {path[-1]!r}: it is written more than once in this mapping",
            file=file,
            line=line,
            record_id=record_id,
            field=format_path(field),
        )


def _structure_documents(
    documents: Sequence[Document],
    problems: list[Problem],
    unstructured: list[Unstructured] | None = None,
) -> list[Located]:
    """The records of every document, structured; what fails is reported in ``problems``
    (and records that are mappings are kept in ``unstructured``, for the reference checks)."""
    catalogue = _catalogue(documents, problems)
    located: list[Located] = []
    for document in documents:
        if document.has_duplicates:
            problems.extend(_duplicate_key_problems(document.file, document.root))
        if document.root is None:
            continue  # an empty file holds no records
        if not isinstance(document.root, dict):
            problems.append(
                Problem(
                    message="a data file must be a mapping of collection names "
                    f"({', '.join(['sources', *COLLECTIONS])}) to records",
                    file=document.file,
                    line=1,
                )
            )
            continue
        reader = _Reader(document, catalogue, problems, unstructured)
        # JSON documents: the JSON Schema's rules; catalogued sources by id or URL; a
        # record that fails is redone by the reader, so its first try stops at once.
        with json_rules(document.json), catalogued(catalogue), first_try():
            for name, records in document.root.items():
                if name != "sources":
                    located += reader.collection(name, records)
    return located


@attrs.define
class _Reader:
    """Structures the records of one document, reporting what fails."""

    document: Document
    catalogue: Catalogue
    problems: list[Problem]
    unstructured: list[Unstructured] | None

    def _line(self, name: Any) -> int | None:
        root = self.document.root
        return root.key_lines.get(name) if isinstance(root, LineMap) else None

    def collection(self, name: Any, records: Any) -> list[Located]:
        """The records of one collection, or none with the reason reported."""
        cls = COLLECTIONS.get(name)
        if cls is None or not isinstance(records, list):
            message = (
                f"unknown collection {name!r}; " + suggest(str(name), ["sources", *COLLECTIONS])
                if cls is None
                else f"{name} must be a list of records"
            )
            self.problems.append(
                Problem(
                    message=message, file=self.document.file, line=self._line(name), field=str(name)
                )
            )
            return []
        located = []
        for index, raw in enumerate(records):
            item = self.record(cls, name, index, raw)
            if item is not None:
                located.append(item)
        return located

    def record(self, cls: Any, name: Any, index: int, raw: Any) -> Located | None:
        """One record, or None with its problems reported (and the raw mapping kept)."""
        document = self.document
        origin = Origin(
            document.file, document.root, (name, index), document.bundled, packaged=document.bundled
        )
        if not isinstance(raw, dict):
            self.problems.append(
                Problem(
                    message="a record must be a mapping",
                    file=document.file,
                    line=origin.line() or self._line(name),
                    field=f"{name}[{index}]",
                )
            )
            return None
        try:  # the common case, fast: every source reference is catalogued, nothing fails
            return Located(structure(raw, cls), origin)
        except Exception:  # anything else: again, naming each problem where it stands
            pass
        record_id = raw.get("id") if isinstance(raw.get("id"), str) else None
        prepared, report = _prepare(raw, self.catalogue)
        if report:
            self.problems.extend(_problems_at(report, origin, record_id))
        try:
            with first_try(False):  # this time, every field's problem named
                record: AnyRecord = structure(prepared, cls)
        except Exception as exc:
            found = problems_of(exc)
            self.problems.extend(_problems_at(found, origin, record_id))
            if self.unstructured is not None:
                self.unstructured.append(Unstructured(raw, cls, origin, found))
            return None
        return Located(record, origin)


def build_from_records(records: Sequence[AnyRecord], data_version: str | None) -> Dataset:
    """A Dataset from records already structured (e.g. from JSON), checked like files are."""
    located = [Located(r, Origin("<json>", None, (), bundled=True)) for r in records]
    problems = check(located, data_version=data_version)
    if problems:
        raise DataError(problems)
    return Dataset(records, data_version)


def _apply_overrides(
    located: list[Located], problems: list[Problem], *, bundled: bool
) -> list[Located]:
    """User records marked ``override: true`` replace the bundled records with their ids.

    An override keeps the record's type (a body replaces a body), or it is refused in the
    user's file. Without the bundled data (``bundled=False``) there is nothing to
    replace: a record marked ``override`` - as ``cisai export`` writes them - is
    taken as it is.
    """
    originals = {_key(item): item for item in located if item.origin.bundled}
    replaced: set[int] = set()
    refused: set[int] = set()
    for item in located:
        if not item.record.override:
            continue
        original = originals.get(_key(item))
        if item.origin.bundled:
            message = "override: true is for a user's records, not the bundled data"
        elif original is not None and type(original.record) is type(item.record):
            replaced.add(id(original))
            continue
        elif original is not None:
            refused.add(id(item))
            message = (
                f"override: true replaces the {type(original.record).__name__} "
                f"{item.record.id!r} with a {type(item.record).__name__}: an override must "
                "keep the record's type"
            )
        elif not bundled:
            continue
        else:
            message = f"override: true, but no bundled record has the id {item.record.id!r}"
        problems.append(
            Problem(
                message=message,
                file=item.origin.file,
                line=item.origin.line("override"),
                record_id=item.record.id,
                field="override",
            )
        )
    return [item for item in located if id(item) not in replaced | refused]


def _key(item: Located) -> tuple[str, str]:
    """A record's id within its id space (principle concepts have their own)."""
    return (namespace(item.record), item.record.id)


def _without_echoes(problems: list[Problem]) -> list[Problem]:
    """Drop "at least one source is required" where the sources given were reported as
    unknown already: one mistake, one message."""
    unknown = {
        (p.file, p.record_id, (p.field or "").rsplit("[", 1)[0])
        for p in problems
        if p.message.startswith("unknown source ")
    }
    return [
        p
        for p in problems
        if p.message != "at least one source is required"
        or (p.file, p.record_id, p.field or "") not in unknown
    ]


def _build(
    documents: Sequence[Document],
    problems: list[Problem],
    data_version: str | None,
    *,
    bundled: bool = True,
) -> Dataset:
    with bulk(), _forgetting_suggestions():
        # Records that could not be structured still get their references checked, so one
        # run reports a misspelt jurisdiction next to a bad enum value of the same record.
        unstructured: list[Unstructured] = []
        located = _structure_documents(documents, problems, unstructured)
        located = _apply_overrides(located, problems, bundled=bundled)
        problems.extend(check(located, data_version=data_version))
        problems.extend(reference_problems(unstructured, located))
        problems[:] = _without_echoes(problems)
        if problems:
            problems.sort(key=lambda p: (p.file or "", p.line or 0))
            raise DataError(problems)
        return Dataset([item.record for item in located], data_version)
