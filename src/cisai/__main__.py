"""``python -m cisai``: the same as the ``cisai`` command."""

from cisai.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
