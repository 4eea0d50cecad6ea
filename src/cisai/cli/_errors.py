"""The CLI's failures that are not cisai errors, and the program name its messages start with."""

from __future__ import annotations

PROG = "cisai"


class UsageError(Exception):
    """A usage mistake found after parsing (reported like an argparse error, exit 2)."""


class OutputError(Exception):
    """Output that cannot be written: a closed stream, a bad ``-o`` target (exit 1)."""


class Terminated(BaseException):
    """SIGTERM arrived while a file was being written: clean up, then exit 143."""
