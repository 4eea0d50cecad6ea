"""Regenerate the committed files that are derived from the code and the data.

Run after changing the data or the record classes, then review the diff (it also
rewrites the Belarus coverage sentence of README.md and docs/index.md):

    python scripts/update_generated.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import cisai
from cisai._compile import golden_json

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "snapshots" / "dataset.json"
SCHEMA = ROOT / "src" / "cisai" / "schema" / "dataset.schema.json"


def schema_text() -> str:
    return json.dumps(cisai.json_schema(), indent=2, ensure_ascii=False) + "\n"


def snapshot_text() -> str:
    return golden_json(cisai.load())  # the same text the wheel carries as its compiled data


COVERAGE_PAGES = (ROOT / "README.md", ROOT / "docs" / "index.md")
COVERAGE = re.compile(r"(<!-- belarus-coverage -->)(.*?)(<!-- /belarus-coverage -->)", re.DOTALL)

_PLURALS = {"strategy": "strategies", "draft_law": "draft laws"}
_MONTHS = "January February March April May June July August September October November December"


def _kind_count(kind: str, count: int) -> str:
    word = kind.replace("_", " ")
    return f"{count} {word if count == 1 else _PLURALS.get(kind, word + 's')}"


def _month(date: cisai.PartialDate) -> str:
    if date.month is None:
        return str(date.year)
    return f"{_MONTHS.split()[date.month - 1]} {date.year}"


def coverage_text(ds: cisai.Dataset | None = None) -> str:
    """What the data holds for Belarus, in a reader's words: kinds, counts and date span."""
    ds = ds or cisai.load()
    instruments = ds.instruments.filter(jurisdiction="BY")
    counts: dict[str, int] = {}
    for instrument in instruments:
        counts[instrument.kind.value] = counts.get(instrument.kind.value, 0) + 1
    kinds = [_kind_count(k, n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    dates = [i.date for i in instruments if i.date is not None]
    undated = len(instruments) - len(dates)
    span = f"dated from {_month(min(dates))} to {_month(max(dates))}" if dates else "undated"
    if dates and undated:
        span += f" ({undated} undated)"
    bodies = len(ds.bodies.filter(jurisdiction="BY"))
    return (
        f"{len(instruments)} instruments {span}: {', '.join(kinds[:-1])} and {kinds[-1]}; "
        f"and {bodies} Belarusian bodies"
    )


def with_coverage(text: str, coverage: str) -> str:
    """``text`` with the generated coverage between its markers."""
    return COVERAGE.sub(lambda m: m.group(1) + coverage + m.group(3), text)


def main() -> None:
    coverage = coverage_text()
    for page in COVERAGE_PAGES:
        old = page.read_text(encoding="utf-8")
        new = with_coverage(old, coverage)
        if new != old:
            page.write_text(new, encoding="utf-8")
            print(f"updated {page.relative_to(ROOT)}")
    for path, text in ((SCHEMA, schema_text()), (SNAPSHOT, snapshot_text())):
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            path.write_text(text, encoding="utf-8")
            print(f"updated {path.relative_to(ROOT)}")
        else:
            print(f"unchanged {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
