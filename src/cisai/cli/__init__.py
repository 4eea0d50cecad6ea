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
The package uses only the public API of :mod:`cisai` and the standard library.
"""

from cisai.cli._main import main

__all__ = ["main"]
