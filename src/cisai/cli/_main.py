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
        if args.command is None:
            parser.print_help(sys.stderr)
            return 2
        code = _COMMANDS[args.command](args)
        sys.stdout.flush()
        return code
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except BrokenPipeError:
        silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    except Terminated:
        return 143
    except OutputError as exc:
        return _fail(str(exc), 1)
    except OSError as exc:  # stdout on a full disk, a closed descriptor, ...
        silence_stdout()
        return _fail(f"cannot write output: {exc.strerror or exc}", 1)
    except UsageError as exc:
        return _fail(f"{exc} (see '{PROG} {getattr(args, 'command', '')} --help')", 2)
    except cisai.QueryError as exc:
        return _fail(str(exc), 2)
    except cisai.NotFoundError as exc:
        return _fail(str(exc), 1)
    except cisai.DataError as exc:
        return _fail(f"invalid data: {exc}", 1)
    except cisai.CisaiError as exc:
        return _fail(str(exc), 1)
