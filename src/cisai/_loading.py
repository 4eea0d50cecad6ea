"""Files -> checked records -> a :class:`~cisai.Dataset`.

The bundled data is read with :mod:`importlib.resources` (so it works from a wheel
or a zip), parsed by :mod:`cisai._yamlio`, structured by the one cattrs converter and
checked by :mod:`cisai._checks`. Every problem found is collected and raised
together as one :class:`~cisai.DataError`. The bundled dataset is loaded once and
cached; ``import cisai`` alone reads nothing.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from cisai._bundle import bundled_files, load_bundled
from cisai._checks import Located, check, namespace
from cisai._converter import bulk, problems_of, structure
from cisai._dataset import Dataset
from cisai._errors import DataError, Problem, SchemaError, format_path, suggest
from cisai._jsonio import parse_json
from cisai._model import RECORD_TYPES, AnyRecord, Source
from cisai._origin import Origin
from cisai._version import DATA_VERSION, check_schema_version
from cisai._yamlio import LineMap, duplicate_keys, line_of, parse_yaml_document

__all__ = ["MAX_FILE_BYTES", "load"]

MAX_FILE_BYTES = 512 * 1024 * 1024
"""Data files larger than this are refused (512 MiB)."""

COLLECTIONS = {cls.collection: cls for cls in RECORD_TYPES}
_DATA_SUFFIXES = (".yaml", ".yml", ".json")
_DOCUMENT_KEYS = frozenset({"schema_version", "data_version", "sources_read_until", "generated_by"})


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
    paths = [extra] if isinstance(extra, str | os.PathLike) else list(extra or ())
    if not paths and bundled:
        return load_bundled(build_bundled)
    problems: list[Problem] = []
    documents = _read_bundled() if bundled else []
    documents.extend(_read_paths(paths, problems))
    return _build(documents, problems, DATA_VERSION if bundled else None)


# -- reading -------------------------------------------------------------------------


@attrs.frozen
class Document:
    """One parsed data file: YAML (with line numbers) or a JSON Dataset document."""

    file: str
    root: Any
    bundled: bool = False
    has_duplicates: bool = False
    """Whether some mapping repeats a key (then the loader looks for where)."""


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


def _data_files(folder: Path) -> list[Path]:
    """The data files under a folder; symbolic links to folders are not followed (no loops)."""
    found: list[Path] = []
    for top, folders, files in os.walk(folder, followlinks=False):
        folders.sort()
        found.extend(Path(top, name) for name in files if name.endswith(_DATA_SUFFIXES))
    return sorted(found)


def _read_paths(paths: Sequence[str | os.PathLike[str]], problems: list[Problem]) -> list[Document]:
    """Parse every file under ``paths``; a file that cannot be read or parsed is a problem."""
    documents = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = _data_files(path)
        elif path.exists() or path.is_symlink():
            files = [path]
        else:
            problems.append(Problem(message="no such file or folder", file=str(path)))
            continue
        for file in files:
            try:
                text = _read_text(file)
                if file.suffix == ".json":
                    document = Document(str(file), _parse_json(text, str(file)))
                else:
                    document = _yaml_document(text, str(file))
            except DataError as exc:
                problems.extend(exc.problems)
                continue
            except SchemaError as exc:
                raise SchemaError(f"{file}: {exc}") from None
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
    return {k: v for k, v in data.items() if k not in _DOCUMENT_KEYS}


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


def _catalogue(documents: Sequence[Document], problems: list[Problem]) -> dict[str, Source]:
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
        for source_id, entry in sources.items():
            origin = Origin(file, root, ("sources", source_id), document.bundled)
            found: list[tuple[tuple[str | int, ...], str]] = []
            try:
                source = structure(entry, Source)
            except Exception as exc:
                problems.extend(_problems_at(problems_of(exc), origin, str(source_id)))
                continue
            url = source.url  # checked: a string, even where the file wrote a number
            if not url.startswith(("https://", "http://")):
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
    return by_key


def _expand_sources(
    value: Any,
    catalogue: dict[str, Source],
    path: tuple[str | int, ...],
    report: list[tuple[tuple[str | int, ...], str]],
) -> Any:
    """Replace source references (ids or URLs) by the catalogue's (checked) sources."""
    if not isinstance(value, list):
        return value
    expanded = []
    for index, item in enumerate(value):
        if isinstance(item, str):
            if item in catalogue:
                expanded.append(catalogue[item])
                continue
            report.append(
                (
                    (*path, index),
                    f"unknown source {item!r}; "
                    + suggest(item, [k for k in catalogue if not k.startswith("http")]),
                )
            )
            continue
        expanded.append(item)
    return expanded


def _prepare(
    raw: Any, catalogue: dict[str, Source]
) -> tuple[Any, list[tuple[tuple[str | int, ...], str]]]:
    """A shallow copy of a raw record with its source references expanded."""
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
    catalogue: dict[str, Source],
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


def _structure_documents(documents: Sequence[Document], problems: list[Problem]) -> list[Located]:
    catalogue = _catalogue(documents, problems)
    located: list[Located] = []
    for document in documents:
        file, root = document.file, document.root
        if document.has_duplicates:
            problems.extend(_duplicate_key_problems(file, root))
        if root is None:
            continue  # an empty file holds no records
        if not isinstance(root, dict):
            problems.append(
                Problem(
                    message="a data file must be a mapping of collection names "
                    f"({', '.join(['sources', *COLLECTIONS])}) to records",
                    file=file,
                    line=1,
                )
            )
            continue
        for name, records in root.items():
            if name == "sources":
                continue
            cls = COLLECTIONS.get(name)
            line = root.key_lines.get(name) if isinstance(root, LineMap) else None
            if cls is None:
                problems.append(
                    Problem(
                        message=f"unknown collection {name!r}; "
                        + suggest(str(name), ["sources", *COLLECTIONS]),
                        file=file,
                        line=line,
                        field=str(name),
                    )
                )
                continue
            if not isinstance(records, list):
                problems.append(
                    Problem(
                        message=f"{name} must be a list of records",
                        file=file,
                        line=line,
                        field=str(name),
                    )
                )
                continue
            for index, raw in enumerate(records):
                origin = Origin(
                    file, root, (name, index), document.bundled, packaged=document.bundled
                )
                if not isinstance(raw, dict):
                    problems.append(
                        Problem(
                            message="a record must be a mapping",
                            file=file,
                            line=origin.line() or line,
                            field=f"{name}[{index}]",
                        )
                    )
                    continue
                record_id = raw.get("id") if isinstance(raw.get("id"), str) else None
                prepared, report = _prepare(raw, catalogue)
                problems.extend(_problems_at(report, origin, record_id))
                try:
                    record: AnyRecord = structure(prepared, cls)
                except Exception as exc:
                    problems.extend(_problems_at(problems_of(exc), origin, record_id))
                    continue
                located.append(Located(record, origin))
    return located


def build_from_records(records: Sequence[AnyRecord], data_version: str | None) -> Dataset:
    """A Dataset from records already structured (e.g. from JSON), checked like files are."""
    located = [Located(r, Origin("<json>", None, (), bundled=True)) for r in records]
    problems = check(located, data_version=data_version)
    if problems:
        raise DataError(problems)
    return Dataset(records, data_version)


def _apply_overrides(located: list[Located], problems: list[Problem]) -> list[Located]:
    """User records marked ``override: true`` replace the bundled records with their ids."""
    bundled = {
        (namespace(item.record), item.record.id): item for item in located if item.origin.bundled
    }
    replaced: set[int] = set()
    for item in located:
        if not item.record.override:
            continue
        key = (namespace(item.record), item.record.id)
        if item.origin.bundled:
            message = "override: true is for a user's records, not the bundled data"
        elif key in bundled:
            replaced.add(id(bundled[key]))
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
    return [item for item in located if id(item) not in replaced]


def _build(
    documents: Sequence[Document], problems: list[Problem], data_version: str | None
) -> Dataset:
    with bulk():
        located = _apply_overrides(_structure_documents(documents, problems), problems)
        problems.extend(check(located, data_version=data_version))
        if problems:
            problems.sort(key=lambda p: (p.file or "", p.line or 0))
            raise DataError(problems)
        return Dataset([item.record for item in located], data_version)
