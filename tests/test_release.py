"""The CHANGELOG's data section names exactly the records its release added and changed."""

from __future__ import annotations

import re
from pathlib import Path

import cisai

ROOT = Path(__file__).resolve().parent.parent
_LINE = re.compile(r"^- (Added|Changed) (\w+) \((\d+)\): (.*)$")


def listed_in_changelog(version: str) -> dict[tuple[str, str], set[str]]:
    """The ``(how, collection) -> ids`` lines under the release's data heading."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    section = text.split(f"### Data {version}", 1)[1].split("\n## ", 1)[0]
    found: dict[tuple[str, str], set[str]] = {}
    for line in section.splitlines():
        match = _LINE.match(line)
        if match:
            how, name, count, ids = match.groups()
            found[(how.lower(), name)] = set(re.findall(r"`([^`]+)`", ids))
            assert len(found[(how.lower(), name)]) == int(count), line[:80]
    return found


def test_changed_since_returns_exactly_what_the_changelog_lists(load_script) -> None:  # type: ignore[no-untyped-def]
    script = load_script("scripts/release_records.py")
    expected = {
        (how, name): set(ids)
        for how, collections in script.release_records("2026.11.1").items()
        for name, ids in collections.items()
    }
    assert listed_in_changelog(cisai.DATA_VERSION) == expected


def test_every_record_of_the_release_is_found_by_changed_since() -> None:
    ds = cisai.load()
    for selection in ds.collections().values():
        touched = {r.id for r in selection if cisai.DATA_VERSION in (r.added_in, r.changed_in)}
        assert {r.id for r in selection.filter(changed_since="2026.11.1")} == touched
