"""The ``cisai`` command line: ``info``, ``list``, ``search``, ``show``, ``export``, ``schema``,
``validate``, ``compare``, ``principles``, ``competencies``.

Run ``cisai --help`` (or ``python -m cisai --help``) for the commands, and
``cisai COMMAND --help`` for each command's options and examples. The entry point
is :func:`main`, which returns the exit code:

- ``0``: done;
- ``1``: the data: a record was not found, or a data file is invalid or unreadable;
- ``2``: a usage error: an unknown option, record type, column or filter value, a
  reversed date range, or a path (``--data``, ``validate``) that does not exist.

A user's mistake prints one line to stderr, starting with ``cisai: error:``.
This module uses only the public API of :mod:`cisai` and the standard library.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import difflib
import enum
import io
import json
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any, NoReturn

import attrs

import cisai

__all__ = ["main"]

PROG = "cisai"

# -- record types ----------------------------------------------------------------------

_RECORD_CLASSES: tuple[type[Any], ...] = cisai.RECORD_TYPES

COLLECTIONS: dict[str, type[Any]] = {cls.collection: cls for cls in _RECORD_CLASSES}
"""Collection name (as in ``Dataset.collections()``) -> record class."""


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


SINGULAR: dict[str, str] = {name: _snake(cls.__name__) for name, cls in COLLECTIONS.items()}
"""Collection name -> the singular type name used in JSON Lines (``"instrument"``)."""


def _type_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for name, singular in SINGULAR.items():
        for alias in (name, singular):
            aliases[alias] = name
            aliases[alias.replace("_", "-")] = name
    return aliases


_TYPE_ALIASES = _type_aliases()


def resolve_type(value: str) -> str:
    """The collection name for a TYPE argument (plural or singular, ``-`` or ``_``)."""
    key = value.strip().lower()
    name = _TYPE_ALIASES.get(key) or _TYPE_ALIASES.get(key.replace("-", "_"))
    if name is None:
        close = difflib.get_close_matches(key, list(_TYPE_ALIASES), n=1, cutoff=0.6)
        hint = f"did you mean {_TYPE_ALIASES[close[0]]!r}? " if close else ""
        raise _UsageError(f"unknown record type {value!r}; {hint}types: {', '.join(COLLECTIONS)}")
    return name


class _UsageError(Exception):
    """A usage mistake found after parsing (reported like an argparse error, exit 2)."""


class _OutputError(Exception):
    """Output that cannot be written: a closed stream, a bad ``-o`` target (exit 1)."""


class _Terminated(BaseException):
    """SIGTERM arrived while a file was being written: clean up, then exit 143."""


_PROVENANCE = (
    "attestation",
    "confidence",
    "sources",
    "notes",
    "unknowns",
    "added_in",
    "changed_in",
)


def field_names(cls: type[Any]) -> list[str]:
    """A record class's fields in serialisation order: id, its own fields, provenance."""
    names = [a.name for a in attrs.fields(cls)]
    own = [n for n in names if n != "id" and n not in _PROVENANCE]
    tail = [n for n in _PROVENANCE if n in names]
    return ["id", *own, *tail]


# -- argument parsing ------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line: ``cisai: error: ...`` (exit 2)."""

    def error(self, message: str) -> NoReturn:
        hint = f" (see '{self.prog} --help')"
        self.exit(2, f"{PROG}: error: {_one_line(message)}{hint}\n")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, not {value!r}")
    return number


_FORMATTER = argparse.RawDescriptionHelpFormatter

_MAIN_EPILOG = """\
examples:
  cisai info
  cisai list --jurisdiction BY --since 2025
  cisai list bodies --format csv > bodies.csv
  cisai search "personal data"
  cisai show cis-model-law-ai-2025
  cisai show BY
  python -m cisai show cis-model-law-ai-2025 --format json

exit status (the same for every command):
  0  done (an empty list is not an error)
  1  the data: a record not found, or a data file that is invalid or cannot be read
  2  usage: an unknown command, option, record type or column, a filter value that is
     not understood, a reversed date range, or a path that does not exist
"""

_INFO_EPILOG = """\
examples:
  cisai info
  cisai info --format json
"""

_LIST_EPILOG = """\
filters are ANDed; repeating an option or giving a comma list means any of them:
  --topic data-protection,ai-regulation   is the same as
  --topic data-protection --topic ai-regulation

examples:
  cisai list                                   # every instrument, in date order
  cisai list --jurisdiction BY --kind decree,law
  cisai list --since 2025-04-01 --until 2025-05-31
  cisai list --topic data-protection --format json
  cisai list --text "искусственного" --sort title
  cisai list --in-force-on 2025-06-01 --status in_force
  cisai list bodies --jurisdiction BY
  cisai list principles --instrument cis-model-law-ai-2025 --format jsonl
  cisai list topics --format csv > topics.csv
  cisai list --sort date --reverse --limit 5
"""

_EXPORT_EPILOG = """\
examples:
  cisai export -o cisai.json                   # the whole dataset, a versioned document
  cisai export --format jsonl -o cisai.jsonl   # one record per line, each with its "type"
  cisai export --format csv -o instruments.csv instruments
  cisai export --format jsonld --jurisdiction BY
  cisai export bodies --format csv
"""

_SHOW_EPILOG = """\
examples:
  cisai show cis-model-law-ai-2025
  cisai show cis-model-law-ai-2025 --format json
  cisai show by-president                      # a body (any record id works)
  cisai show BY                                # a jurisdiction, by its code or name
"""

# (option, criterion, multiple values allowed, comma-separated lists split, help)
_FILTERS: tuple[tuple[str, str, bool, bool, str], ...] = (
    (
        "--since",
        "since",
        False,
        False,
        "dated on or after DATE (2025, 2025-03, 2025-03-26, 'March 2025')",
    ),
    ("--until", "until", False, False, "dated on or before DATE (inclusive)"),
    ("--topic", "topic", True, True, "a topic id or alias; its sub-topics are included"),
    (
        "--kind",
        "kind",
        True,
        True,
        "the record's kind, e.g. decree, law, concept (bodies: ministry, ...)",
    ),
    (
        "--jurisdiction",
        "jurisdiction",
        True,
        True,
        "a jurisdiction code or name: BY, KZ, CIS, Belarus, Беларусь, ...",
    ),
    ("--issuer", "issuer", True, True, "the id of a body among an instrument's issuers"),
    ("--status", "status", True, True, "an instrument status: adopted, in_force, draft, ..."),
    (
        "--text",
        "text",
        True,
        False,
        "words or word starts in titles, names, id, number, summary, notes (any case)",
    ),
    (
        "--in-force-on",
        "in_force_on",
        False,
        False,
        "in force on that day (YYYY-MM-DD), as dated events show",
    ),
    (
        "--changed-since",
        "changed_since",
        False,
        False,
        "added or changed after that data VERSION, e.g. 2026.11.0",
    ),
    ("--instrument", "instrument", True, True, "the id of the instrument a part belongs to"),
    ("--body", "body", True, True, "the body holding a competency, or a body's parent body"),
    (
        "--attestation",
        "attestation",
        True,
        True,
        "official_text, official_report or secondary_report",
    ),
    ("--confidence", "confidence", True, True, "high, medium or low"),
    ("--part", "part", True, True, "a provision part, e.g. principles, prohibitions"),
    ("--concept", "concept", True, True, "a principle concept id or alias, e.g. transparency"),
    ("--holder", "holder", True, True, "the id of the body holding a competency"),
)

_METAVARS = {
    "since": "DATE",
    "until": "DATE",
    "in_force_on": "DAY",
    "changed_since": "VERSION",
    "text": "TEXT",
}


def version_string() -> str:
    """``cisai <version> (data <DATA_VERSION>, schema <SCHEMA_VERSION>)``."""
    data, schema = cisai.DATA_VERSION, cisai.SCHEMA_VERSION
    return f"{PROG} {cisai.__version__} (data {data}, schema {schema})"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cisai`` command."""
    parser = _Parser(
        prog=PROG,
        description="Typed, versioned, sourced data about AI law in the CIS.",
        epilog=_MAIN_EPILOG,
        formatter_class=_FORMATTER,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=version_string(),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    data = _Parser(add_help=False)
    source = data.add_argument_group("data")
    source.add_argument(
        "--data",
        action="append",
        metavar="PATH",
        help="also load your own YAML (or JSON Dataset) file or folder; repeatable",
    )
    source.add_argument(
        "--no-bundled",
        dest="bundled",
        action="store_false",
        help="use only the --data given, not the bundled data",
    )

    info = commands.add_parser(
        "info",
        parents=[data],
        help="versions, record counts, date span, attestation and jurisdictions",
        description="Show the versions and a summary of the bundled data: counts per record "
        "type, the date span of the instruments, how the records are attested, and the "
        "instruments per jurisdiction.",
        epilog=_INFO_EPILOG,
        formatter_class=_FORMATTER,
    )
    info.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )

    lister = commands.add_parser(
        "list",
        parents=[data],
        help="list records (instruments by default), filtered and sorted",
        description="List the records of one type, narrowed by filters. TYPE is one of: "
        + ", ".join(COLLECTIONS)
        + " (singular forms and '-' for '_' are accepted; default: instruments).",
        epilog=_LIST_EPILOG,
        formatter_class=_FORMATTER,
    )
    lister.add_argument(
        "type", nargs="?", default="instruments", metavar="TYPE", help="record type"
    )
    _add_selection_arguments(lister)
    lister.add_argument(
        "--format",
        choices=("table", "json", "jsonl", "csv"),
        default="table",
        help="output format (default: table)",
    )
    _add_table_arguments(lister)

    show = commands.add_parser(
        "show",
        parents=[data],
        help="show one record (any type) by its id",
        description="Show one record by its id: an instrument, body, topic, principle, ...",
        epilog=_SHOW_EPILOG,
        formatter_class=_FORMATTER,
    )
    show.add_argument("id", metavar="ID", help="the record's id")
    show.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    _add_export_commands(commands, data)
    _add_compare_command(commands, data)
    _add_search_command(commands, data)
    _add_matrix_commands(commands, data)
    return parser


def _add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    """The filter, sort and limit options shared by ``list`` and ``export``."""
    group = parser.add_argument_group("filters")
    for option, dest, multiple, _split, text in _FILTERS:
        metavar = _METAVARS.get(dest, "VALUE")
        if multiple:
            group.add_argument(option, dest=dest, action="append", metavar=metavar, help=text)
        else:
            group.add_argument(option, dest=dest, metavar=metavar, help=text)
    group.add_argument(
        "--include-unknown",
        dest="include_unknown",
        action="store_const",
        const=True,
        help="with --in-force-on: also list instruments whose being in force that day is "
        "unknown (e.g. in force by status, entry into force undated)",
    )
    out = parser.add_argument_group("order")
    out.add_argument("--sort", metavar="FIELD", help="sort by a field (date, id, title, kind, ...)")
    out.add_argument("--reverse", action="store_true", help="reverse the order")
    out.add_argument("--limit", type=_non_negative, metavar="N", help="at most N records")


def _add_table_arguments(parser: argparse.ArgumentParser) -> None:
    """``--columns`` and ``--wide``, for commands that print a table."""
    table = parser.add_argument_group("table")
    table.add_argument(
        "--columns",
        metavar="COLS",
        help="the table's columns, in order, comma-separated: any field of the record "
        "type (and 'title' for instruments), e.g. date,id,title",
    )
    table.add_argument(
        "--wide",
        action="store_true",
        help="cut nothing: every cell whole, even if lines get longer than the terminal",
    )


def _add_export_commands(commands: Any, data: argparse.ArgumentParser) -> None:
    exporter = commands.add_parser(
        "export",
        parents=[data],
        help="write the data (or a filtered part of it) as JSON, JSON Lines, CSV or JSON-LD",
        description="Write the whole dataset - or, given a TYPE or filters, the selected records "
        "- to stdout or to a file. Without TYPE and filters, json is the versioned Dataset "
        "document that `cisai schema` describes; with them, a JSON array of records. A file is "
        "written atomically: an existing file is only ever replaced by a complete new one.",
        epilog=_EXPORT_EPILOG,
        formatter_class=_FORMATTER,
    )
    exporter.add_argument("type", nargs="?", metavar="TYPE", help="record type (default: all)")
    _add_selection_arguments(exporter)
    exporter.add_argument(
        "--format",
        choices=("json", "jsonl", "csv", "jsonld"),
        default="json",
        help="output format (default: json)",
    )
    exporter.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    exporter.add_argument(
        "--bom",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="start CSV with a UTF-8 byte-order mark for spreadsheets "
        "(default: on for -o FILE, off for stdout)",
    )

    schema = commands.add_parser(
        "schema",
        help="write the JSON Schema of the Dataset document",
        description="Write the JSON Schema (draft 2020-12) that the `export --format json` "
        "document follows.",
        epilog="examples:\n  cisai schema\n  cisai schema -o dataset.schema.json\n",
        formatter_class=_FORMATTER,
    )
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")

    validate = commands.add_parser(
        "validate",
        help="check your own YAML data files and folders; report every problem",
        description="Check YAML data files and folders exactly like the bundled data (their "
        "references may point at bundled records). Every problem is reported, one per line, "
        "as FILE:LINE: RECORD-ID: FIELD: MESSAGE. Exit status 1 when there is any problem.",
        epilog="examples:\n  cisai validate my-data/\n  cisai validate a.yaml b.yaml "
        "--format json\n  cisai validate --no-bundled standalone/\n",
        formatter_class=_FORMATTER,
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a YAML file or folder")
    validate.add_argument(
        "--no-bundled",
        dest="bundled",
        action="store_false",
        help="check the files on their own, without the bundled data",
    )
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )


def _add_compare_command(commands: Any, data: argparse.ArgumentParser) -> None:
    comparer = commands.add_parser(
        "compare",
        parents=[data],
        help="the participating states side by side: laws, strategies, regulators, other",
        description="Each state that took part in the CIS model law, with its instruments in "
        "four groups - law, strategy, regulator, other - and each one's status on a day "
        "(read from its events; instruments that did not exist yet are left out).",
        epilog="examples:\n  cisai compare\n  cisai compare --on 2026-02-01\n"
        "  cisai compare --topic ai-regulation --format json\n"
        "  cisai compare --on 2025-12-01 --format csv > states.csv\n",
        formatter_class=_FORMATTER,
    )
    comparer.add_argument(
        "--on",
        metavar="DAY",
        help="each instrument's status on this day, from its events (YYYY-MM-DD; "
        "default: the status recorded in the data)",
    )
    comparer.add_argument("--topic", action="append", metavar="TOPIC", help="only this topic")
    comparer.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="output format (default: table)",
    )
    comparer.add_argument(
        "--wide", action="store_true", help="cut nothing, even if lines get longer"
    )


_SEARCH_EPILOG = """\
examples:
  cisai search "artificial intelligence"
  cisai search искусств                        # a word's start finds its forms
  cisai search "персональных данных" --type instruments
  cisai search ministry --type bodies --format json
"""


def _add_search_command(commands: Any, data: argparse.ArgumentParser) -> None:
    searcher = commands.add_parser(
        "search",
        parents=[data],
        help="find records of every type by words in their titles, names, summaries, notes",
        description="Find every record whose text holds all the words of QUERY - as words "
        "or, for words of three letters or more, word starts - ignoring case and diacritics "
        "(ё is е). Hits in a title or name come first, then in an id, number or code, then "
        "in a summary or gist, then in notes; each hit says which field matched.",
        epilog=_SEARCH_EPILOG,
        formatter_class=_FORMATTER,
    )
    searcher.add_argument("query", metavar="QUERY", help="one or more words")
    searcher.add_argument(
        "--type", action="append", metavar="TYPE", help="only this record type; repeatable"
    )
    searcher.add_argument("--limit", type=_non_negative, metavar="N", help="at most N hits")
    searcher.add_argument(
        "--format",
        choices=("table", "json", "jsonl"),
        default="table",
        help="output format (default: table)",
    )
    searcher.add_argument(
        "--wide", action="store_true", help="cut nothing, even if lines get longer"
    )


def cmd_search(args: argparse.Namespace) -> int:
    """``cisai search``: ranked hits, with the field each matched in."""
    hits = cisai.search(args.query, dataset=load_data(args))
    if args.type:
        wanted = {resolve_type(t) for item in args.type for t in item.split(",") if t.strip()}
        hits = tuple(h for h in hits if type(h.record).collection in wanted)
    if args.limit is not None:
        hits = hits[: args.limit]
    if args.format == "json":
        found = [{"field": h.field, "record": cisai.to_dict(h.record)} for h in hits]
        _set_stdout(utf8=True).write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "jsonl":
        _set_stdout(utf8=True).write(cisai.to_jsonl([h.record for h in hits]))
    elif not hits:
        print(f"{PROG}: nothing matches {args.query!r}", file=sys.stderr)
    else:
        rows = [
            [SINGULAR[type(h.record).collection], h.record.id, h.field, _full_name(h.record)]
            for h in hits
        ]
        width = None if args.wide else _width() - 1
        write_rows(["type", "id", "field", "title"], rows, _set_stdout(utf8=False), width)
    return 0


def criteria_from(args: argparse.Namespace) -> dict[str, Any]:
    """The ``filter()`` criteria given on the command line (only those given)."""
    criteria: dict[str, Any] = {}
    if getattr(args, "include_unknown", None):
        criteria["include_unknown"] = True
    for _option, dest, multiple, split, _help in _FILTERS:
        value = getattr(args, dest, None)
        if value is None:
            continue
        if multiple:
            values: list[str] = []
            for item in value:
                parts = item.split(",") if split else [item]
                values.extend(p.strip() for p in parts if p.strip())
            if not values:
                raise _UsageError(f"argument --{dest.replace('_', '-')}: no value given")
            criteria[dest] = values[0] if len(values) == 1 else values
        else:
            criteria[dest] = value
    return criteria


# -- output helpers ----------------------------------------------------------------------


def _set_stdout(*, utf8: bool, csv_newlines: bool = False) -> IO[str]:
    """Prepare stdout: UTF-8 for machine formats, no newline translation for CSV."""
    stream = sys.stdout
    if stream is None:  # started with stdout closed (``cisai list >&-``)
        raise _OutputError("standard output is closed: nothing can be written")
    if isinstance(stream, io.TextIOWrapper):
        try:
            if utf8:
                stream.reconfigure(encoding="utf-8")
            else:
                stream.reconfigure(errors="replace")
            if csv_newlines:
                stream.reconfigure(newline="")
        except (ValueError, OSError):  # pragma: no cover - an unusual stream
            pass
    return stream


def _width() -> int:
    return max(40, shutil.get_terminal_size((100, 24)).columns)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, cisai.Locator):
        return locator_text(value)
    return str(value)


def locator_text(locator: cisai.Locator) -> str:
    """``Art. 7 (per example.org, low confidence)``: the place, who says so, how surely."""
    host = locator.source.url.split("/")[2] if "//" in locator.source.url else locator.source.url
    return f"{locator.text} (per {host}, {locator.confidence.value} confidence)"


def _clip(text: str, width: int) -> str:
    text = _one_line(text)
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    return text[: width - 1].rstrip() + "…"


# -- list ----------------------------------------------------------------------------

# Columns of the table per collection, in order. Vocabulary and date columns are never
# cut; the text column (title, name, gist) gets the room, ids and references what is left.
_TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "instruments": ("date", "jurisdiction", "kind", "status", "id", "title"),
    "topics": ("id", "parent", "label"),
    "jurisdictions": ("code", "kind", "id", "name"),
    "bodies": ("jurisdiction", "kind", "id", "name"),
    "principle_concepts": ("id", "label"),
    "principles": ("instrument", "id", "name"),
    "competencies": ("instrument", "kind", "holder", "id", "gist"),
    "prohibitions": ("instrument", "id", "name"),
    "objectives": ("instrument", "date", "id", "gist"),
    "provisions": ("instrument", "part", "id", "gist"),
    "lifecycle_stages": ("instrument", "id", "name"),
    "review_processes": ("instrument", "stage_count", "id", "gist"),
}

# Short headers for columns whose values are short.
_HEADERS = {"jurisdiction": "jur", "stage_count": "stages", "attestation": "attest."}
# Columns whose values are short and meaningful whole: never cut.
_WHOLE = frozenset(
    {"date", "jurisdiction", "kind", "status", "part", "code", "stage_count", "type", "field"}
    | {"group", "law", "strategy", "regulator", "other"}
)
# Long text columns: they get the room first, and are cut last.
_TEXT = frozenset({"title", "name", "label", "gist", "summary", "description", "wording"})
# Never wrapped at all: a date or a number split over lines misreads.
_UNBROKEN = frozenset({"date", "stage_count"})
_MIN_WIDTH = 16


def table_columns(collection: str, requested: str | None) -> tuple[str, ...]:
    """The table's columns: the default for ``collection``, or those ``--columns`` names."""
    if requested is None:
        return _TABLE_COLUMNS.get(collection, ("id",))
    cls = COLLECTIONS[collection]
    known = field_names(cls) + (["title"] if collection == "instruments" else [])
    columns = tuple(c.strip().replace("-", "_") for c in requested.split(",") if c.strip())
    if not columns:
        raise _UsageError("--columns: name at least one column, e.g. --columns id,title")
    for column in columns:
        if column not in known:
            close = difflib.get_close_matches(column, known, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise _UsageError(
                f"--columns: unknown column {column!r} for {collection}; {hint}"
                f"columns: {', '.join(known)}"
            )
    return columns


def _pieces(text: str, after: str = r"[-_ ]") -> list[str]:
    """The places a cell may wrap: after a space, a hyphen or an underscore."""
    return [p for p in re.split(rf"(?<={after})", text) if p]


def _narrowest(column: str, cells: Sequence[str]) -> int:
    """How narrow a column may get: whole columns to their longest piece, others to 4-16."""
    if column in _UNBROKEN:
        return max([1, *map(len, cells)])
    if column in _WHOLE:
        return max([1, *(len(p.rstrip()) for c in cells for p in _pieces(c))])
    narrowest = _MIN_WIDTH if column in _TEXT else _MIN_WIDTH - 4
    return min(max([1, *map(len, cells)]), narrowest)


def fit_widths(columns: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> list[int]:
    """Column widths whose total (with two-space gaps) fits ``width``; long cells then wrap.

    Every column starts at its narrowest (see :func:`_narrowest`); the room left goes,
    in turn, to the whole columns (dates, codes, kinds, statuses) so they are on one
    line, to the text columns (title, name, gist) up to 30, to ids and references,
    then to the text columns again, each up to its full width. Nothing is cut off.
    """
    headers = [_HEADERS.get(c, c.replace("_", " ")) for c in columns]
    cells = [[row[i] for row in rows] for i in range(len(columns))]
    full = [max([len(h), *map(len, cells[i])]) for i, h in enumerate(headers)]
    widths = [max(len(h), _narrowest(columns[i], cells[i])) for i, h in enumerate(headers)]
    room = width - sum(widths) - 2 * (len(columns) - 1)
    text = [i for i, c in enumerate(columns) if c in _TEXT]
    whole = [i for i, c in enumerate(columns) if c in _WHOLE]
    rest = [i for i in range(len(columns)) if i not in text and i not in whole]
    for group, cap in ((whole, None), (text, 30), (rest, None), (text, None)):
        for i in group:
            target = full[i] if cap is None else min(full[i], max(cap, widths[i]))
            grow = min(max(room, 0), target - widths[i])
            widths[i] += grow
            room -= grow
    while room < 0 and any(widths[i] > 4 for i in text + rest):
        widest = max((i for i in text + rest if widths[i] > 4), key=lambda i: widths[i])
        widths[widest] -= 1
        room += 1
    return widths


def write_rows(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    out: IO[str],
    width: int | None,
) -> None:
    """An aligned table fitting ``width``: long cells wrap; None (``--wide``): one line a row."""
    headers = [_HEADERS.get(c, c.replace("_", " ")) for c in columns]
    rows = [[_one_line(cell) for cell in row] for row in rows]
    if width is None:
        widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(headers)]
    else:
        widths = fit_widths(columns, rows, width)

    out.write(_joined(headers, widths) + "\n")
    out.write(_joined(["-" * w for w in widths], widths) + "\n")
    for row in rows:
        for line in _wrapped_row(row, widths):
            out.write(line + "\n")


def _joined(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


def _wrap_cell(text: str, width: int, after: str = r"[-_ ]") -> list[str]:
    """``text`` in lines of at most ``width``, broken after spaces, hyphens, underscores."""
    lines: list[str] = []
    line = ""
    for piece in _pieces(text, after):
        while len(piece.rstrip()) > width:  # a piece longer than the column: break it
            if line:
                lines.append(line.rstrip())
                line = ""
            lines.append(piece[:width])
            piece = piece[width:]
        if len((line + piece).rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        line += piece
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _wrapped_row(row: Sequence[str], widths: Sequence[int]) -> list[str]:
    """One row as lines: a cell wider than its column wraps onto the next lines, whole."""
    cells = [_wrap_cell(cell, width) for cell, width in zip(row, widths, strict=True)]
    height = max(len(lines) for lines in cells)
    return [
        _joined([lines[n] if n < len(lines) else "" for lines in cells], widths)
        for n in range(height)
    ]


def _cell(record: Any, column: str) -> str:
    if column == "holder" and getattr(record, "holder", None) is None:
        return _text(getattr(record, "holder_role", None))
    value = getattr(record, column, None)
    if isinstance(value, tuple):
        return ", ".join(_text(getattr(v, "text", v)) for v in value)
    return _text(value)


def write_table(
    records: Sequence[Any],
    collection: str,
    out: IO[str],
    width: int | None,
    columns: Sequence[str] | None = None,
) -> None:
    """The ``list`` table of ``records``: aligned columns fitting ``width`` (None: uncut)."""
    columns = columns or _TABLE_COLUMNS.get(collection, ("id",))
    rows = [[_cell(r, c) for c in columns] for r in records]
    write_rows(columns, rows, out, width)


def selected(args: argparse.Namespace) -> tuple[str, cisai.Selection[Any]]:
    """The collection name and the records that ``list``/``export`` arguments select."""
    collection = resolve_type(args.type or "instruments")
    records = load_data(args).collections()[collection].filter(**criteria_from(args))
    if args.sort is not None:
        records = records.sorted(args.sort, reverse=args.reverse)
    elif args.reverse:
        records = records[::-1]
    if args.limit is not None:
        records = records[: args.limit]
    return collection, records


def cmd_list(args: argparse.Namespace) -> int:
    collection, records = selected(args)
    fmt = args.format
    if fmt == "json":
        out = _set_stdout(utf8=True)
        out.write(cisai.to_json(records, indent=2) + "\n")
    elif fmt == "jsonl":
        _set_stdout(utf8=True).write(cisai.to_jsonl(records))
    elif fmt == "csv":
        _set_stdout(utf8=True, csv_newlines=True).write(cisai.to_csv(records))
    elif not records:
        print(f"{PROG}: no {collection.replace('_', ' ')} match", file=sys.stderr)
    else:
        columns = table_columns(collection, getattr(args, "columns", None))
        width = None if getattr(args, "wide", False) else _width() - 1
        write_table(records, collection, _set_stdout(utf8=False), width, columns)
    return 0


# -- info ------------------------------------------------------------------------------


def summary(ds: cisai.Dataset) -> dict[str, Any]:
    """The facts ``cisai info`` reports, as JSON-ready data."""
    collections = ds.collections()
    dated = [i.date for i in ds.instruments if i.date is not None]
    attestation: Counter[str] = Counter()
    for record in ds:
        value = getattr(record, "attestation", None)
        if isinstance(value, cisai.Attestation):
            attestation[value.value] += 1
    per_jurisdiction = Counter(i.jurisdiction for i in ds.instruments)
    return {
        "cisai_version": cisai.__version__,
        "data_version": ds.data_version,
        "sources_read_until": ds.sources_read_until,
        "schema_version": cisai.SCHEMA_VERSION,
        "records": {name: len(sel) for name, sel in collections.items()},
        "total": len(ds),
        "instrument_dates": {
            "earliest": str(min(dated)) if dated else None,
            "latest": str(max(dated)) if dated else None,
            "undated": len(ds.instruments) - len(dated),
        },
        "attestation": {a.value: attestation.get(a.value, 0) for a in cisai.Attestation},
        "instruments_per_jurisdiction": dict(
            sorted(per_jurisdiction.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
    }


_ATTESTATION_LABELS = {
    "official_text": "official text",
    "official_report": "official report",
    "secondary_report": "secondary report",
}


def cmd_info(args: argparse.Namespace) -> int:
    ds = load_data(args)
    facts = summary(ds)
    if args.format == "json":
        _set_stdout(utf8=True).write(json.dumps(facts, ensure_ascii=False, indent=2) + "\n")
        return 0
    out = _set_stdout(utf8=False)
    names = {j.code: j.name for j in ds.jurisdictions}
    lines = [
        f"cisai {facts['cisai_version']}",
        f"data version:   {facts['data_version'] or '(user data)'}",
        f"sources read up to {facts['sources_read_until']}"
        if facts["sources_read_until"]
        else "sources read up to: (not stated for user data)",
        f"schema version: {facts['schema_version']}",
        "",
        f"Records ({facts['total']}):",
    ]
    width = max(len(n) for n in facts["records"])
    for name, count in facts["records"].items():
        lines.append(f"  {name.replace('_', ' ').ljust(width)}  {count:>5}")
    span = facts["instrument_dates"]
    lines += ["", "Instrument dates:"]
    if span["earliest"]:
        lines.append(f"  {span['earliest']} to {span['latest']}")
    else:
        lines.append("  (no dated instruments)")
    if span["undated"]:
        lines.append(f"  {span['undated']} undated")
    lines += ["", "Records resting on:"]
    for value, count in facts["attestation"].items():
        lines.append(f"  {_ATTESTATION_LABELS.get(value, value).ljust(17)} {count:>5}")
    lines += ["", "Instruments per jurisdiction:"]
    per = facts["instruments_per_jurisdiction"]
    code_width = max((len(c) for c in per), default=0)
    for code, count in per.items():
        name = names.get(code, "")
        lines.append(f"  {code.ljust(code_width)}  {count:>5}  {name}".rstrip())
    out.write("\n".join(lines) + "\n")
    return 0


# -- show ------------------------------------------------------------------------------


class _Card:
    """A text card built line by line, wrapped to the terminal width."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[str] = []

    def title(self, text: str) -> None:
        """The card's title, wrapped, underlined as wide as its longest line."""
        lines = textwrap.wrap(_one_line(text), self.width) or [""]
        self.lines.extend(lines)
        self.lines.append("=" * max(len(line) for line in lines))

    def heading(self, text: str) -> None:
        if self.lines:
            self.lines.append("")
        self.lines.append(text)

    def field(self, label: str, value: str | None) -> None:
        if value is None or value == "":
            return
        prefix = f"{label + ':':<14}" if len(label) < 13 else f"{label}: "
        self.lines.extend(
            textwrap.wrap(
                value,
                self.width,
                initial_indent=prefix,
                subsequent_indent=" " * len(prefix),
                break_long_words=True,  # a long URL wraps rather than overflows
                break_on_hyphens=False,
            )
            or [prefix.rstrip()]
        )

    def para(self, text: str, indent: int = 2, first: str | None = None) -> None:
        lead = " " * indent if first is None else first
        self.lines.extend(
            textwrap.wrap(
                _one_line(text),
                self.width,
                initial_indent=lead,
                subsequent_indent=" " * max(indent, len(lead) if first is not None else 0),
                break_long_words=True,  # a long URL wraps rather than overflows
                break_on_hyphens=False,
            )
            or [lead.rstrip()]
        )

    def url(self, url: str, indent: int = 2, first: str | None = None) -> None:
        """A URL on its own lines: a long one wraps after a ``/``, ``-``, ``?``, ``&`` or ``=``."""
        lead = " " * indent if first is None else first
        lines = _wrap_cell(url, max(self.width - len(lead), 10), after=r"[-/_?&=.]")
        self.lines.append(lead + lines[0])
        self.lines.extend(" " * len(lead) + line for line in lines[1:])

    def render(self) -> str:
        return "\n".join(line.rstrip() for line in self.lines) + "\n"


def _name_of(ds: cisai.Dataset, record_id: str | None) -> str:
    """``Name (id)`` for a body, instrument, ... id, or the id alone if unknown."""
    if record_id is None:
        return ""
    if record_id not in ds:
        return record_id
    record = ds.get(record_id)
    name = _display_name(record)
    return record_id if name == record_id else f"{name} ({record_id})"


def _display_name(record: Any) -> str:
    if isinstance(record, cisai.Instrument):
        return record.title
    for field in ("name", "label"):
        value = getattr(record, field, None)
        if isinstance(value, str) and value:
            return value
    gist = getattr(record, "gist", None)
    if isinstance(gist, str) and gist:
        return _clip(gist, 80)
    return str(record.id)


def _full_name(record: Any) -> str:
    """A record's title, name, label or (uncut) gist, for a table cell that wraps."""
    gist = getattr(record, "gist", None)
    name = _display_name(record)
    return gist if isinstance(gist, str) and name.endswith("…") else name


def _jurisdiction(ds: cisai.Dataset, code: str) -> str:
    """``BY (Belarus)`` for a jurisdiction code."""
    names = {j.code: j.name for j in ds.jurisdictions}
    return f"{code} ({names[code]})" if code in names else code


def _source_lines(card: _Card, sources: Iterable[Any], indent: int) -> None:
    for source in sources:
        card.url(source.url, indent=indent + 2, first=" " * indent + "- ")
        details = [
            d
            for d in (
                source.title,
                source.publisher,
                source.kind.value,
                source.language,
                str(source.published) if source.published else None,
                None if source.retrieved else "not read",
            )
            if d
        ]
        card.para(", ".join(details), indent=indent + 2)
        if source.note:
            card.para(source.note, indent=indent + 2)


def _instrument_card(ds: cisai.Dataset, inst: Any, card: _Card) -> None:
    card.title(inst.title)
    for title in inst.titles[1:]:
        label = f"{title.lang}, {title.kind.value}"
        card.para(title.text, indent=4, first=f"  [{label}] ")
    card.lines.append("")
    card.field("Id", inst.id)
    card.field("Kind", inst.kind.value)
    card.field("Number", inst.number)
    card.field("Jurisdiction", _jurisdiction(ds, inst.jurisdiction))
    card.field("Issuers", "; ".join(_name_of(ds, b) for b in inst.issuers))
    card.field("Date", str(inst.date) if inst.date else "undated")
    card.field("Status", inst.status.value)
    card.field("Topics", ", ".join(inst.topics))
    _how_we_know(inst, card)
    card.heading("Summary")
    for paragraph in inst.summary.split("\n\n"):
        card.para(paragraph)
    if inst.events:
        card.heading("Timeline")
        for event in inst.events:
            when = str(event.date) if event.date else "undated"
            head = event.kind.value
            if event.body:
                head += f" - {_name_of(ds, event.body)}"
            if event.place:
                head += f", {event.place}"
            if event.confidence is not None:
                head += f" (confidence {event.confidence.value})"
            card.para(head, indent=14, first=f"  {when:<10}  ")
            if event.note:
                card.para(event.note, indent=14)
            for source in event.sources:
                card.url(source.url, indent=14)
    outgoing = inst.relations
    incoming = ds.referring_to(inst.id)
    if outgoing or incoming:
        card.heading("Relations")
        for relation in outgoing:
            text = f"{relation.kind.value} {_name_of(ds, relation.target)}"
            if relation.note:
                text += f" - {relation.note}"
            card.para(text, indent=4, first="  -> ")
        for other, relation in incoming:
            text = f"{_name_of(ds, other.id)} {relation.kind.value} this"
            if relation.note:
                text += f" - {relation.note}"
            card.para(text, indent=4, first="  <- ")
    parts = ds.parts_of(inst.id)
    if parts:
        card.heading("Parts")
        for part in parts:
            kind = _snake(type(part).__name__).replace("_", " ")
            card.para(f"{part.id}: {_display_name(part)}", indent=4, first=f"  [{kind}] ")


# Fields rendered as wrapped paragraphs rather than one-line fields.
_LONG_FIELDS = ("description", "gist", "wording", "summary", "comments_per_stage")
# Fields whose value is the id of another record.
_REFERENCE_FIELDS = ("instrument", "holder", "parent", "established_by")


def _generic_card(ds: cisai.Dataset, record: Any, card: _Card) -> None:
    kind = _snake(type(record).__name__).replace("_", " ")
    named = any(isinstance(getattr(record, f, None), str) for f in ("name", "label"))
    title = _display_name(record) if named else f"{kind.capitalize()} {record.id}"
    card.title(title)
    for name in getattr(record, "names", ()):
        card.para(name.text, indent=4, first=f"  [{name.lang}, {name.kind.value}] ")
    card.lines.append("")
    card.field("Type", kind)
    long: list[tuple[str, str]] = []
    for field in field_names(type(record)):
        if field in _PROVENANCE or field == "names":
            continue
        value = getattr(record, field)
        if value is None or value == ():
            continue
        label = field.replace("_", " ").capitalize()
        if field in _LONG_FIELDS:
            long.append((label, _text(value)))
        elif field in _REFERENCE_FIELDS and isinstance(value, str):
            card.field(label, _name_of(ds, value))
        elif field == "jurisdiction" and isinstance(value, str):
            card.field(label, _jurisdiction(ds, value))
        elif isinstance(value, tuple):
            card.field(label, ", ".join(_text(v) for v in value))
        else:
            card.field(label, _text(value))
    _how_we_know(record, card)
    for label, text in long:
        card.heading(label)
        card.para(text)
    _related(ds, record, card)


def _related(ds: cisai.Dataset, record: Any, card: _Card) -> None:
    """Records that point at this one: issued instruments, sub-bodies, tagged records."""
    listings: list[tuple[str, Sequence[Any]]] = []
    if isinstance(record, cisai.Body):
        issued = [i for i in ds.instruments if record.id in i.issuers]
        acting = [
            i
            for i in ds.instruments
            if record.id not in i.issuers and any(e.body == record.id for e in i.events)
        ]
        listings += [
            ("Issued", issued),
            ("Acted in", acting),
            ("Bodies under it", [b for b in ds.bodies if b.parent == record.id]),
            ("Competencies held", [c for c in ds.competencies if c.holder == record.id]),
        ]
    elif isinstance(record, cisai.Topic):
        listings += [
            ("Sub-topics", [t for t in ds.topics if t.parent == record.id]),
            ("Instruments", [i for i in ds.instruments if record.id in i.topics]),
        ]
    elif isinstance(record, cisai.Jurisdiction):
        listings += [
            ("Instruments", [i for i in ds.instruments if i.jurisdiction == record.code]),
            ("Bodies", [b for b in ds.bodies if b.jurisdiction == record.code]),
        ]
    for label, records in listings:
        if records:
            card.heading(f"{label} ({len(records)})")
            for other in records:
                card.para(_name_of(ds, other.id), indent=4, first="  - ")


def _how_we_know(record: Any, card: _Card) -> None:
    attestation = getattr(record, "attestation", None)
    if attestation is not None:
        card.field("Attestation", f"{attestation.value} (confidence: {record.confidence.value})")
    added = f"added in {record.added_in}"
    if record.changed_in:
        added += f", changed in {record.changed_in}"
    card.field("Data version", added)


def _provenance(record: Any, card: _Card) -> None:
    notes = getattr(record, "notes", ())
    if notes:
        card.heading("Notes")
        for note in notes:
            card.para(note, indent=4, first="  - ")
    unknowns = getattr(record, "unknowns", ())
    if unknowns:
        card.heading("Unknowns")
        for unknown in unknowns:
            card.para(f"Not known: {unknown.field} - {unknown.note}", indent=4, first="  - ")
    sources = getattr(record, "sources", ())
    if sources:
        card.heading("Sources")
        _source_lines(card, sources, indent=2)


def render_card(ds: cisai.Dataset, record: Any, width: int) -> str:
    """The human-readable text of ``cisai show`` for any record."""
    card = _Card(width)
    if isinstance(record, cisai.Instrument):
        _instrument_card(ds, record, card)
    else:
        _generic_card(ds, record, card)
        incoming = ds.referring_to(record.id)
        if incoming:
            card.heading("Referred to by")
            for other, relation in incoming:
                card.para(
                    f"{_name_of(ds, other.id)} ({relation.kind.value})", indent=4, first="  <- "
                )
    _provenance(record, card)
    return card.render()


def shown_record(ds: cisai.Dataset, value: str) -> Any:
    """The record ``show`` means: by id (or a principle concept's id), else the
    jurisdiction of that code or name (``BY``)."""
    try:
        return _record_or_concept(ds, value)
    except cisai.NotFoundError as not_an_id:
        try:
            return ds.jurisdiction(value)
        except cisai.NotFoundError:
            raise not_an_id from None


def cmd_show(args: argparse.Namespace) -> int:
    ds = load_data(args)
    record = shown_record(ds, args.id.strip())
    if args.format == "json":
        _set_stdout(utf8=True).write(cisai.to_json(record, indent=2) + "\n")
    elif isinstance(record, cisai.PrincipleConcept):
        _set_stdout(utf8=False).write(concept_card(ds, record, min(_width(), 100) - 1))
    else:
        _set_stdout(utf8=False).write(render_card(ds, record, min(_width(), 100) - 1))
    return 0


def _record_or_concept(ds: cisai.Dataset, record_id: str) -> Any:
    """A record by its id, else a principle concept (concepts have ids of their own; where
    a topic shares the id, the topic is shown)."""
    try:
        return ds.get(record_id)
    except cisai.NotFoundError:
        if record_id in ds.principle_concepts.ids():
            return ds.principle_concept(record_id)
        raise


def concept_card(ds: cisai.Dataset, concept: cisai.PrincipleConcept, width: int) -> str:
    """The text of ``cisai show`` for a principle concept, with the principles mapped to it."""
    card = _Card(width)
    card.lines += [concept.label, "=" * min(len(concept.label), width)]
    if concept.label_ru:
        card.lines.append(f"  [ru] {concept.label_ru}")
    card.lines.append("")
    card.field("Type", "principle concept (cisai's vocabulary; the mapping is editorial)")
    card.field("Id", concept.id)
    card.field("Aliases", ", ".join(concept.aliases))
    card.heading("Definition")
    card.para(concept.definition)
    card.heading("Principles mapped to it")
    principles = ds.principles.filter(concept=concept.id)
    for principle in principles:
        card.para(f"{principle.name} ({principle.id})", indent=4, first="  - ")
    if not principles:
        card.para(cisai.NOT_FOUND)
    return card.render()


# -- export, schema, validate -------------------------------------------------------------


def load_data(args: argparse.Namespace) -> cisai.Dataset:
    """The dataset the command works on: bundled, plus any ``--data`` given."""
    extra = getattr(args, "data", None) or []
    bundled = getattr(args, "bundled", True)
    if not bundled and not extra:
        raise _UsageError("--no-bundled needs at least one --data PATH")
    _check_paths_exist(extra, "--data ")
    return cisai.load(extra=extra, bundled=bundled)


def _check_paths_exist(paths: Iterable[str], option: str = "") -> None:
    """A path on the command line that does not exist is a usage error (exit 2), for
    every command alike; a file that exists but is invalid is a data error (exit 1)."""
    for path in paths:
        _require_path(path, option)


def write_output(text: str, path: str | None, *, csv_newlines: bool = False) -> None:
    """Write to stdout, or to ``path``: a regular file atomically (complete or untouched);
    a device or FIFO (``/dev/null``, ``/dev/stdout``, a named pipe) is written through,
    never replaced."""
    if path is None or path == "-":
        _set_stdout(utf8=True, csv_newlines=csv_newlines).write(text)
        return
    if path == "":
        raise _OutputError("cannot write '': an empty path names no file")
    try:
        info = _stat_or_none(path)
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise _OutputError(f"cannot write {path!r}: it is a folder")
        if info is not None and not stat.S_ISREG(info.st_mode):
            with open(path, "w", encoding="utf-8", newline="") as out:
                out.write(text)
            return
        # A link to a file: replace the file it points to, and keep the link.
        _write_atomically(text, os.path.realpath(path), path)
    except OSError as exc:
        raise _OutputError(f"cannot write {path!r}: {exc.strerror or exc}") from None
    except ValueError as exc:  # e.g. a NUL character in the path
        raise _OutputError(f"cannot write {path!r}: {exc}") from None


def _stat_or_none(target: str) -> os.stat_result | None:
    try:
        return os.stat(target)
    except FileNotFoundError:
        return None


def _write_atomically(text: str, target: str, path: str) -> None:
    """A temporary file next to ``target``, renamed over it; removed on any failure or SIGTERM.

    The temporary name (``.cisai-*.tmp``) is one the loader never reads. A ``kill -9``
    cannot be caught: then the temporary file stays behind.
    """
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise _OutputError(f"cannot write {path!r}: no such folder {folder!r}")
    handle, temporary = tempfile.mkstemp(prefix=".cisai-", suffix=".tmp", dir=folder)
    try:
        with _terminate_as_exception(), os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
            out.close()
            if os.path.exists(target):
                shutil.copymode(target, temporary)
            else:
                os.chmod(temporary, 0o666 & ~_umask())
            os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def _terminate_as_exception() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`_Terminated` (so ``finally`` blocks run)."""

    def terminated(signum: int, frame: Any) -> None:
        raise _Terminated

    try:
        previous = signal.signal(signal.SIGTERM, terminated)
    except ValueError:  # not the main thread: signals cannot be handled here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def cmd_export(args: argparse.Namespace) -> int:
    whole = args.type is None and not criteria_from(args) and args.sort is None
    whole = whole and args.limit is None and not args.reverse
    if whole:
        ds = load_data(args)
        target: Any = ds
    else:
        _collection, target = selected(args)
    fmt = args.format
    if fmt == "json":
        text = cisai.to_json(target, indent=2) + "\n"
    elif fmt == "jsonl":
        text = cisai.to_jsonl(target)
    elif fmt == "csv":
        bom = args.bom if args.bom is not None else args.output not in (None, "-")
        text = cisai.to_csv(target, bom=bom)
    else:
        dataset = target if whole else load_data(args)
        text = json.dumps(cisai.to_jsonld(target, dataset), ensure_ascii=False, indent=2) + "\n"
    write_output(text, args.output, csv_newlines=fmt == "csv")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(cisai.json_schema(), ensure_ascii=False, indent=2) + "\n"
    write_output(text, args.output)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    _check_paths_exist(args.paths)
    try:
        ds = cisai.load(extra=args.paths, bundled=args.bundled)
    except cisai.DataError as exc:
        problems = exc.problems
    else:
        problems = ()
        own = _own_records(ds, args.bundled)
    out = _set_stdout(utf8=args.format == "json")
    if args.format == "json":
        report = {
            "valid": not problems,
            "problems": [
                {
                    "file": p.file,
                    "line": p.line,
                    "record_id": p.record_id,
                    "field": p.field,
                    "message": p.message,
                }
                for p in problems
            ],
        }
        out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    elif problems:
        for problem in problems:
            out.write(f"{problem}\n")
        count = len(problems)
        _stderr().write(f"{PROG}: {count} problem{'s' if count != 1 else ''} found\n")
    else:
        noun = "record" if own == 1 else "records"
        out.write(f"ok: {own} {noun} in {len(args.paths)} path(s) valid\n")
    return 1 if problems else 0


def _require_path(path: str, option: str = "") -> None:
    """A usage error unless ``path`` can be looked at (naming why: missing, too long, ...)."""
    if path == "":
        raise _UsageError(f"{option}an empty path names no file or folder")
    try:
        os.stat(path)
    except FileNotFoundError:
        raise _UsageError(f"{option}{path}: no such file or folder") from None
    except OSError as exc:
        raise _UsageError(f"{option}cannot read {path!r}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise _UsageError(f"{option}cannot read {path!r}: {exc}") from None


def _own_records(ds: cisai.Dataset, bundled: bool) -> int:
    """How many records the user's files gave: new ids, and overrides of bundled ones."""
    if not bundled:
        return len(ds)
    known = {(type(r), r.id) for r in cisai.load()}  # ids are unique per record type's space
    return sum(1 for r in ds if (type(r), r.id) not in known or getattr(r, "override", False))


def cmd_compare(args: argparse.Namespace) -> int:
    topics = [t.strip() for item in args.topic or [] for t in item.split(",") if t.strip()]
    topic: Any = None if not topics else topics[0] if len(topics) == 1 else topics
    ds = load_data(args)
    comparison = cisai.compare(on=args.on, topic=topic, dataset=ds)
    data = comparison.to_dict()
    if args.format == "json":
        _set_stdout(utf8=True).write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    if args.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(["code", "state", "group", "id", "title", "kind", "date", "status"])
        for state in data["states"]:
            for group in data["groups"]:
                for entry in state[group]:
                    writer.writerow(
                        [
                            state["code"],
                            state["name"],
                            group,
                            entry["id"],
                            entry["title"],
                            entry["kind"],
                            entry["date"] or "",
                            entry["status"],
                        ]
                    )
        _set_stdout(utf8=True, csv_newlines=True).write(buffer.getvalue())
        return 0
    width = None if args.wide else _width() - 1
    _compare_table(data, ds.sources_read_until, _set_stdout(utf8=False), width)
    return 0


def _compare_table(
    data: dict[str, Any], sources_read_until: str | None, out: IO[str], width: int | None
) -> None:
    """The matrix of counts and latest events, then each state's instruments in one table."""
    if data["on"]:
        out.write(f"Participating states on {data['on']}; status: on that day, from the events\n")
    else:
        out.write("Participating states; status: as recorded in the data\n")
    out.write("cells: instruments (of them in force)\n")
    if sources_read_until:
        out.write(f"sources read up to {sources_read_until}; latest: the latest dated event\n")
    out.write("\n")
    rows = [
        [state["code"]]
        + [
            f"{len(state[g])} ({sum(e['status'] == 'in_force' for e in state[g])})"
            if state[g]
            else "-"
            for g in data["groups"]
        ]
        + [state["latest_event"] or "-"]
        for state in data["states"]
    ]
    write_rows(["code", *data["groups"], "latest"], rows, out, width)
    entries = [
        [state["code"], group, entry["status"], entry["id"], entry["title"]]
        for state in data["states"]
        for group in data["groups"]
        for entry in state[group]
    ]
    if entries:
        out.write("\n")
        write_rows(["code", "group", "status", "id", "title"], entries, out, width)


# -- principles and competencies across the states ---------------------------------------

_MATRIX_FORMATS = ("text", "json", "csv", "markdown")
_LETTERS = {"official_text": "T", "official_report": "R", "secondary_report": "S"}
_LEGEND = "T official text, R official report, S secondary report (one letter per record)"


def _add_matrix_commands(commands: Any, data: argparse.ArgumentParser) -> None:
    principles = commands.add_parser(
        "principles",
        parents=[data],
        help="principle concepts x jurisdictions: which instruments state which principles",
        description="The principles of the model law and of each state's instruments, by "
        "principle concept. A cell lists the principles mapping to the concept (the mapping "
        "is cisai's editorial judgement); an empty cell means: not found in the sources.",
        epilog="examples:\n  cisai principles\n  cisai principles --jurisdiction KZ,UZ\n"
        "  cisai principles --concept transparency --format json\n"
        "  cisai principles --format csv > principles.csv\n",
        formatter_class=_FORMATTER,
    )
    principles.add_argument("--concept", action="append", metavar="CONCEPT", help="only these")
    competencies = commands.add_parser(
        "competencies",
        parents=[data],
        help="who holds which kinds of power, state by state",
        description="The competencies (powers) that the model law and each state's "
        "instruments confer, by holder and kind. A state with none: not found in the sources.",
        epilog="examples:\n  cisai competencies --jurisdiction KZ\n"
        "  cisai competencies --kind supervision,rule_making --format markdown\n"
        "  cisai competencies --holder kz-ministry-ai --format json\n",
        formatter_class=_FORMATTER,
    )
    competencies.add_argument("--kind", action="append", metavar="KIND", help="only these kinds")
    competencies.add_argument("--holder", action="append", metavar="ID", help="only these bodies")
    for parser in (principles, competencies):
        parser.add_argument(
            "--jurisdiction", action="append", metavar="CODE", help="only these states"
        )
        parser.add_argument("--attestation", action="append", metavar="ATTESTATION")
        parser.add_argument(
            "--format",
            choices=_MATRIX_FORMATS,
            default="text",
            help="output format (default: text)",
        )


def _values(given: list[str] | None) -> Any:
    """Repeated or comma-separated option values: None, one value, or a list."""
    values = [v.strip() for item in given or [] for v in item.split(",") if v.strip()]
    return None if not values else values[0] if len(values) == 1 else values


def cmd_principles(args: argparse.Namespace) -> int:
    matrix = cisai.compare_principles(
        concept=_values(args.concept),
        jurisdiction=_values(args.jurisdiction),
        attestation=_values(args.attestation),
        dataset=load_data(args),
    )
    return _write_matrix(args.format, matrix, "concept", _principle_text)


def cmd_competencies(args: argparse.Namespace) -> int:
    matrix = cisai.compare_competencies(
        kind=_values(args.kind),
        jurisdiction=_values(args.jurisdiction),
        holder=_values(args.holder),
        attestation=_values(args.attestation),
        dataset=load_data(args),
    )
    return _write_matrix(args.format, matrix, "kind", _competency_text)


def _write_matrix(
    form: str,
    matrix: cisai.PrincipleComparison | cisai.CompetencyComparison,
    row_name: str,
    text: Callable[[Any, IO[str], int], None],
) -> int:
    if form == "json":
        data = json.dumps(matrix.to_dict(), ensure_ascii=False, indent=2)
        _set_stdout(utf8=True).write(data + "\n")
    elif form == "csv":
        _set_stdout(utf8=True, csv_newlines=True).write(matrix_csv(matrix, row_name))
    elif form == "markdown":
        _set_stdout(utf8=True).write(matrix_markdown(matrix, row_name))
    else:
        text(matrix, _set_stdout(utf8=False), _width())
    return 0


def _entry_label(entry: cisai.MatrixEntry) -> str:
    """A competency's holder, or a principle's id, with its attestation letter."""
    letter = _LETTERS[entry.attestation.value]
    if isinstance(entry.record, cisai.Competency):
        return f"{entry.holder_name} ({letter})"
    return f"{entry.record.id} ({letter})"


def matrix_markdown(matrix: Any, row_name: str) -> str:
    """A Markdown table: a row per concept (or kind), a column per jurisdiction."""
    lines = [
        "| " + " | ".join([row_name, *(c.label for c in matrix.columns)]) + " |",
        "|---" * (len(matrix.columns) + 1) + "|",
    ]
    for row in matrix.rows:
        cells = [
            "<br>".join(_entry_label(e).replace("|", "\\|") for e in cell.entries)
            or f"*{cisai.NOT_FOUND}*"
            for cell in row.cells
        ]
        lines.append("| " + " | ".join([row.label, *cells]) + " |")
    note = getattr(matrix, "note", None)
    tail = [f"*{note}* " if note else "", _LEGEND + "."]
    return "\n".join(lines) + "\n\n" + "".join(tail) + "\n"


def matrix_csv(matrix: Any, row_name: str) -> str:
    """CSV: a row per record in a cell, and a row saying so for each empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [row_name, "label", "column", "column_name", "found", "id", "name", "instrument",
         "holder", "attestation", "confidence", "locators"]
    )  # fmt: skip
    columns = {c.key: c for c in matrix.columns}
    for row in matrix.rows:
        for cell in row.cells:
            head = [row.key, row.label, cell.column, columns[cell.column].name]
            if not cell.entries:
                writer.writerow([*head, cisai.NOT_FOUND, *[""] * 7])
            for entry in cell.entries:
                writer.writerow(
                    [
                        *head,
                        "found",
                        entry.record.id,
                        entry.record.name or "",
                        entry.instrument.id,
                        getattr(entry.record, "holder", None) or entry.holder_name or "",
                        entry.attestation.value,
                        entry.record.confidence.value,
                        "; ".join(locator_text(loc) for loc in entry.locators),
                    ]
                )
    return buffer.getvalue()


def _fit(line: str, width: int) -> str:
    """One output line cut to ``width`` (keeping its inner spacing, unlike ``_clip``)."""
    line = line.rstrip()
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def _wrap(text: str, width: int) -> str:
    """A paragraph wrapped to ``width`` - 1 columns, ending with a newline."""
    return "\n".join(textwrap.wrap(text, width - 1)) + "\n"


def _principle_text(matrix: cisai.PrincipleComparison, out: IO[str], width: int) -> None:
    """The matrix, fitted to ``width`` (the concept labels are cut), then each cell's records."""
    out.write("Principles by concept (rows) and jurisdiction (columns)\n")
    out.write(_wrap(f"cells: {_LEGEND}; · (an empty cell): {cisai.NOT_FOUND}.", width))
    out.write(_wrap(matrix.note, width) + "\n")
    headers = [c.label for c in matrix.columns]
    cells = [
        ["".join(_LETTERS[e.attestation.value] for e in cell.entries) or "·" for cell in r.cells]
        for r in matrix.rows
    ]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]
    fixed = sum(widths) + 2 * len(widths)
    label = max(12, min(max((len(r.label) for r in matrix.rows), default=7), width - 1 - fixed))
    for first, rest in [("concept", headers), ("-" * label, ["-" * w for w in widths])] + [
        (r.label, row) for r, row in zip(matrix.rows, cells, strict=True)
    ]:
        parts = [_clip(first, label).ljust(label)]
        parts += [_clip(c, w).ljust(w) for c, w in zip(rest, widths, strict=True)]
        out.write(_fit("  ".join(parts).rstrip(), width - 1) + "\n")
    for row in matrix.rows:
        found = [(cell.column, e) for cell in row.cells for e in cell.entries]
        if not found:
            continue
        out.write("\n" + _fit(f"{row.label} ({row.key})", width - 1) + "\n")
        for column, entry in found:
            where = "; ".join(locator_text(loc) for loc in entry.locators) or "no locator"
            line = f"  {column:<9}  {_LETTERS[entry.attestation.value]}  {entry.record.id}  {where}"
            out.write(_fit(line, width - 1) + "\n")


def _competency_text(matrix: cisai.CompetencyComparison, out: IO[str], width: int) -> None:
    """Per column (the model law, then each state): its holders and the kinds of power."""
    out.write("Competencies by jurisdiction, holder and kind of power\n")
    out.write(_wrap(f"{_LEGEND}; none listed: {cisai.NOT_FOUND}.", width))
    for column in matrix.columns:
        out.write("\n" + _fit(f"{column.label}  {column.name}", width - 1) + "\n")
        holders = matrix.holders(column.key)
        if not holders:
            out.write(f"  {cisai.NOT_FOUND}\n")
        for holder, entries in holders.items():
            out.write(_fit(f"  {holder}", width - 1) + "\n")
            for entry in entries:
                assert isinstance(entry.record, cisai.Competency)
                head = f"    {entry.record.kind.value:<25} {_LETTERS[entry.attestation.value]}  "
                out.write(_fit(head + entry.record.id, width - 1) + "\n")
                for locator in entry.locators:
                    out.write(_fit("      at " + locator_text(locator), width - 1) + "\n")
                out.write(_wrap_indented(entry.record.gist, " " * 6, width))


def _wrap_indented(text: str, indent: str, width: int) -> str:
    """``text`` wrapped to ``width`` - 1 columns, every line indented."""
    lines = textwrap.wrap(text, width - 1, initial_indent=indent, subsequent_indent=indent)
    return "".join(line + "\n" for line in lines)


# -- entry point -----------------------------------------------------------------------

_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "info": cmd_info,
    "list": cmd_list,
    "show": cmd_show,
    "export": cmd_export,
    "schema": cmd_schema,
    "validate": cmd_validate,
    "compare": cmd_compare,
    "search": cmd_search,
    "principles": cmd_principles,
    "competencies": cmd_competencies,
}


def _stderr() -> IO[str]:
    """Standard error, or a sink when it is closed (an error then only sets the exit code)."""
    return sys.stderr if sys.stderr is not None else io.StringIO()


def _fail(message: str, code: int) -> int:
    err = _stderr()
    try:
        err.write(f"{PROG}: error: {_one_line(message)}\n")
        err.flush()
    except (OSError, ValueError):  # stderr itself cannot be written: the exit code says it
        pass
    return code


def _silence_stdout() -> None:
    """After a broken pipe: point stdout at devnull so the final flush stays quiet."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # pragma: no cover
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the ``cisai`` command with ``argv`` (default: ``sys.argv[1:]``); the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help(sys.stderr)
            return 2
        code = _COMMANDS[args.command](args)
        sys.stdout.flush()
        return code
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    except _Terminated:
        return 143
    except _OutputError as exc:
        return _fail(str(exc), 1)
    except OSError as exc:  # stdout on a full disk, a closed descriptor, ...
        _silence_stdout()
        return _fail(f"cannot write output: {exc.strerror or exc}", 1)
    except _UsageError as exc:
        return _fail(f"{exc} (see '{PROG} {getattr(args, 'command', '')} --help')", 2)
    except cisai.QueryError as exc:
        return _fail(str(exc), 2)
    except cisai.NotFoundError as exc:
        return _fail(str(exc), 1)
    except cisai.DataError as exc:
        return _fail(f"invalid data: {exc}", 1)
    except cisai.CisaiError as exc:
        return _fail(str(exc), 1)
