"""Print the records a data release added and changed, for its CHANGELOG section.

    python scripts/release_records.py 2026.11.1

The lists are derived from the records' own ``added_in`` / ``changed_in`` (the query
``changed_since``), so the CHANGELOG cannot name a record the release did not touch or
leave one out: ``tests/test_release.py`` compares the two.
"""

from __future__ import annotations

import sys

import cisai


def release_records(since: str) -> dict[str, dict[str, list[str]]]:
    """``{"added": {collection: [ids]}, "changed": {...}}`` for records after ``since``."""
    ds = cisai.load()
    found: dict[str, dict[str, list[str]]] = {"added": {}, "changed": {}}
    for name, selection in ds.collections().items():
        for record in selection.filter(changed_since=since):
            how = "added" if record.added_in == cisai.DATA_VERSION else "changed"
            found[how].setdefault(name, []).append(record.id)
    return found


def markdown(since: str) -> str:
    lines = [f"#### Records added and changed since {since}", ""]
    for how, collections in release_records(since).items():
        for name, ids in collections.items():
            listed = ", ".join(f"`{i}`" for i in sorted(ids))
            lines.append(f"- {how.capitalize()} {name} ({len(ids)}): {listed}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown(sys.argv[1] if len(sys.argv) > 1 else "2026.11.1"))
