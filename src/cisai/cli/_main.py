"""The entry point: parse, run the command, turn every failure into its exit status."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

import cisai
from cisai.cli._commands import (
    cmd_compare,
    cmd_competencies,
    cmd_export,
    cmd_info,
    cmd_list,
    cmd_principles,
    cmd_schema,
    cmd_search,
    cmd_show,
    cmd_validate,
)
from cisai.cli._errors import PROG, OutputError, Terminated, UsageError
from cisai.cli._output import silence_stdout, stderr_or_sink
from cisai.cli._parser import build_parser
from cisai.cli._tables import one_line

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


def _fail(message: str, code: int) -> int:
    err = stderr_or_sink()
    try:
        err.write(f"{PROG}: error: {one_line(message)}\n")
        err.flush()
    except (OSError, ValueError):  # stderr itself cannot be written: the exit code says it
        pass
    return code


def main(argv: list[str] | None = None) -> int:
    """Run the ``cisai`` command with ``argv`` (default: ``sys.argv[1:]``); the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return _exit_status(exc)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        code = _COMMANDS[args.command](args)
        sys.stdout.flush()
        return code
    except SystemExit as exc:
        return _exit_status(exc)
    except BrokenPipeError:
        silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    except Terminated:
        return 143
    except OSError as exc:  # stdout on a full disk, a closed descriptor, ...
        silence_stdout()
        return _fail(f"cannot write output: {exc.strerror or exc}", 1)
    except (OutputError, UsageError, cisai.CisaiError) as exc:
        return _fail(*_report(exc, args.command))


def _exit_status(exc: SystemExit) -> int:
    """The exit status argparse asked for (``--help`` and ``--version``: 0, a mistake: 2)."""
    return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)


def _report(exc: Exception, command: str) -> tuple[str, int]:
    """The message and exit status of a failure: 2 for the user's usage, 1 for the data."""
    if isinstance(exc, UsageError):
        return f"{exc} (see '{PROG} {command} --help')", 2
    if isinstance(exc, cisai.QueryError):
        return str(exc), 2
    if isinstance(exc, cisai.DataError):
        return f"invalid data: {exc}", 1
    return str(exc), 1
