"""The loader with many bad things at once: every problem is reported, in file and line order.

Each test writes the valid :data:`small_data.BASE` with several things changed - the
problems come from different layers (YAML, converting, checking) - and loads it with
``cisai.load(extra=[path], bundled=False)``. The tests of one layer's problems are in
the file that mirrors it: ``test_yaml``, ``test_converter``, ``test_checks``,
``test_loading``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cisai
from cisai import DataError
from small_data import (
    PRINCIPLE,
    line_no,
    load_error,
    variant,
    write,
)

# -- many problems at once ---------------------------------------------------------------------


def test_all_problems_are_reported_sorted_by_line(tmp_path: Path) -> None:
    text = variant(
        ("    kind: academy\n", "    kind: academy\n    parent: nowhere\n"),  # body parent
        ("  - id: by-ai-law\n", "  - id: Bad_ID\n"),  # instruments: slug
        ("topics: [ai]", "topics: [ia]"),  # unknown topic
        ("        body: nasb\n", "        body: nas\n"),  # unknown event body
        ("        date: 2025-03-26\n", "        date: 2025-05-26\n"),  # out of order
    )
    err, file = load_error(tmp_path, text)
    lines = [p.line for p in err.problems]
    assert len(err.problems) == 5, [str(p) for p in err.problems]
    assert lines == sorted(lines)
    assert lines == [
        line_no(text, "parent: nowhere"),
        line_no(text, "id: Bad_ID"),
        line_no(text, "topics: [ia]"),
        line_no(text, "body: nas"),
        line_no(text, "date: 2025-04-18", nth=2),
    ]
    assert all(p.file == file for p in err.problems)
    assert str(err).endswith("(and 4 more problems)")
    assert str(err).startswith(str(err.problems[0]))


def test_problems_across_files_are_sorted_by_file_then_line(tmp_path: Path) -> None:
    a = write(tmp_path, variant(("status: adopted", "status: adoptd")), "a.yaml")
    b = write(tmp_path, PRINCIPLE.replace("[src-one]", "[src-nope]"), "b.yaml")
    with pytest.raises(DataError) as info:
        cisai.load(extra=[b, a], bundled=False)
    files = [p.file for p in info.value.problems]
    assert files == sorted(files)
    assert str(a) in files
    assert str(b) in files
