"""Regenerate the committed files that are derived from the code and the data.

Run after changing the data or the record classes, then review the diff:

    python scripts/update_generated.py
"""

from __future__ import annotations

import json
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


def main() -> None:
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
