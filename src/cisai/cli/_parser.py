"""The argument parser: commands, options, help texts and examples."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

import cisai
from cisai.cli._errors import PROG
from cisai.cli._filters import add_selection_arguments, non_negative
from cisai.cli._records import COLLECTIONS
from cisai.cli._tables import one_line

# -- argument parsing ------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line: ``cisai: error: ...`` (exit 2)."""

    def error(self, message: str) -> NoReturn:
        hint = f" (see '{self.prog} --help')"
        self.exit(2, f"{PROG}: error: {one_line(message)}{hint}\n")


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
    parser.add_argument("--version", action="version", version=version_string())
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    data = _data_options()
    for add in (
        _add_info_command,
        _add_list_command,
        _add_show_command,
        _add_export_command,
        _add_schema_command,
        _add_validate_command,
        _add_compare_command,
        _add_search_command,
        _add_matrix_commands,
    ):
        add(commands, data)
    return parser


def _data_options() -> argparse.ArgumentParser:
    """``--data`` and ``--no-bundled``: the options of every command that reads the data."""
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
    return data


def _add_info_command(commands: Any, data: argparse.ArgumentParser) -> None:
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
    _add_format(info, "text", "json")


def _add_list_command(commands: Any, data: argparse.ArgumentParser) -> None:
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
    add_selection_arguments(lister)
    _add_format(lister, "table", "json", "jsonl", "csv")
    _add_table_arguments(lister)


def _add_show_command(commands: Any, data: argparse.ArgumentParser) -> None:
    show = commands.add_parser(
        "show",
        parents=[data],
        help="show one record (any type) by its id",
        description="Show one record by its id: an instrument, body, topic, principle, ...",
        epilog=_SHOW_EPILOG,
        formatter_class=_FORMATTER,
    )
    show.add_argument("id", metavar="ID", help="the record's id")
    _add_format(show, "text", "json")


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


def _add_export_command(commands: Any, data: argparse.ArgumentParser) -> None:
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
    add_selection_arguments(exporter)
    _add_format(exporter, "json", "jsonl", "csv", "jsonld")
    exporter.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    exporter.add_argument(
        "--bom",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="start CSV with a UTF-8 byte-order mark for spreadsheets "
        "(default: on for -o FILE, off for stdout)",
    )


def _add_schema_command(commands: Any, data: argparse.ArgumentParser) -> None:
    """``schema`` reads no data: ``data`` is taken for a uniform signature, and unused."""
    schema = commands.add_parser(
        "schema",
        help="write the JSON Schema of the Dataset document",
        description="Write the JSON Schema (draft 2020-12) that the `export --format json` "
        "document follows.",
        epilog="examples:\n  cisai schema\n  cisai schema -o dataset.schema.json\n",
        formatter_class=_FORMATTER,
    )
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")


def _add_validate_command(commands: Any, data: argparse.ArgumentParser) -> None:
    """``validate`` takes its paths as arguments, not ``--data``: ``data`` is unused."""
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
    _add_format(validate, "text", "json")


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
    _add_format(comparer, "table", "json", "csv")
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


def _ranked_fields() -> str:
    """``"titles, names, ... come first, then in id, number, code, then ..."``."""
    groups = [", ".join(group) for group in cisai.SEARCHED_FIELDS]
    return groups[0] + " come first, then in " + ", then in ".join(groups[1:])


def _add_search_command(commands: Any, data: argparse.ArgumentParser) -> None:
    searcher = commands.add_parser(
        "search",
        parents=[data],
        help="find records of every type by words in their titles, names, summaries, notes",
        description="Find every record whose text holds all the words of QUERY - as words "
        "or, for words of three letters or more, word starts - ignoring case and diacritics "
        f"(ё is е). Hits in {_ranked_fields()}; each hit says which field matched.",
        epilog=_SEARCH_EPILOG,
        formatter_class=_FORMATTER,
    )
    searcher.add_argument("query", metavar="QUERY", help="one or more words")
    searcher.add_argument(
        "--type", action="append", metavar="TYPE", help="only this record type; repeatable"
    )
    searcher.add_argument("--limit", type=non_negative, metavar="N", help="at most N hits")
    _add_format(searcher, "table", "json", "jsonl")
    searcher.add_argument(
        "--wide", action="store_true", help="cut nothing, even if lines get longer"
    )


# -- principles and competencies across the states ---------------------------------------

_MATRIX_FORMATS = ("text", "json", "csv", "markdown")


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
        parser.add_argument(
            "--attestation",
            action="append",
            metavar="ATTESTATION",
            help="only entries known this way: "
            + ", ".join(member.value for member in cisai.Attestation),
        )
        _add_format(parser, *_MATRIX_FORMATS)


def _add_format(parser: argparse.ArgumentParser, default: str, *others: str) -> None:
    """The ``--format`` option of a command: its formats, the first one the default."""
    parser.add_argument(
        "--format",
        choices=(default, *others),
        default=default,
        help=f"output format (default: {default})",
    )
