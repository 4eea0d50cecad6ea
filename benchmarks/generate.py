"""Write a synthetic dataset of N instruments: YAML files, and the same as a JSON document.

The records look like real ones: two titles, two or three dated events with sources,
topics, relations, sources from a shared catalogue. Used by the benchmarks; the data
is synthetic and never shipped.

    python benchmarks/generate.py 100000 /tmp/cisai-100k
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

RECORDS_PER_FILE = 5_000
# Thirty topics, drawn unevenly as in real data: a few common, most rare.
TOPICS = [
    "ai",
    "ai-regulation",
    "data",
    "data-protection",
    "research",
    "standards",
    "governance",
    *(f"topic-{n:02d}" for n in range(23)),
]
TOPIC_WEIGHTS = [30, 20, 15, 3, 12, 6, 10, *(2 for _ in range(23))]
TOPIC_PARENTS = {"ai-regulation": "ai", "data-protection": "data"}
CODES = ["BY", "KZ", "RU", "UZ", "TJ", "KG", "AZ", "AM"]
KINDS = ["law", "decree", "resolution", "concept", "strategy", "programme"]
STATUSES = ["in_force", "adopted", "draft", "expired"]


def _date(rng: random.Random) -> str:
    year = rng.randint(2010, 2029)
    precision = rng.random()
    if precision < 0.1:
        return f"{year}"
    if precision < 0.3:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _header(sources: int) -> dict[str, object]:
    provenance = {
        "attestation": "official_report",
        "confidence": "high",
        "sources": ["src-0"],
        "added_in": "2026.11.0",
    }
    return {
        "sources": {
            f"src-{i}": {
                "url": f"https://example.org/source/{i}",
                "title": f"Source number {i}",
                "publisher": "Example",
                "kind": "official",
                "language": "en",
            }
            for i in range(sources)
        },
        "topics": [
            {"id": t, "label": t.title(), "parent": TOPIC_PARENTS.get(t), "added_in": "2026.11.0"}
            for t in TOPICS
        ],
        "jurisdictions": [
            {"id": c.lower(), "code": c, "name": c, "kind": "state", **provenance} for c in CODES
        ],
        "bodies": [
            {
                "id": f"body-{c.lower()}",
                "name": f"Parliament of {c}",
                "kind": "parliament",
                "jurisdiction": c,
                **provenance,
            }
            for c in CODES
        ],
    }


def instrument(i: int, rng: random.Random, sources: int) -> dict[str, object]:
    dates = sorted(
        (_date(rng) for _ in range(rng.randint(2, 3))), key=lambda d: (d + "-00-00")[:10]
    )
    code = rng.choice(CODES)
    refs = [f"src-{rng.randrange(sources)}" for _ in range(2)]
    events = [
        {"kind": kind, "date": d, "body": f"body-{code.lower()}", "sources": [refs[0]]}
        for kind, d in zip(("adopted", "in_force", "amended"), dates, strict=False)
    ]
    record: dict[str, object] = {
        "id": f"inst-{i:06d}",
        "kind": rng.choice(KINDS),
        "titles": [
            {"text": f"Synthetic instrument number {i} on artificial intelligence", "lang": "en"},
            {"text": f"Синтетический акт номер {i} об искусственном интеллекте", "lang": "ru"},
        ],
        "number": str(rng.randint(1, 999)),
        "jurisdiction": code,
        "issuers": [f"body-{code.lower()}"],
        "date": dates[0],
        "status": rng.choice(STATUSES),
        "topics": sorted(set(rng.choices(TOPICS, weights=TOPIC_WEIGHTS, k=2))),
        "summary": "A generated instrument used to measure how cisai scales. " * 2,
        "events": events,
        "attestation": "official_report",
        "confidence": "high",
        "sources": refs,
        "added_in": "2026.11.0",
    }
    if i > 0 and rng.random() < 0.3:
        record["relations"] = [{"kind": "amends", "target": f"inst-{rng.randrange(i):06d}"}]
    return record


def generate(count: int, folder: Path, seed: int = 2026) -> None:
    """Write the YAML files, and ``dataset.json``: the same records as one JSON document.

    Both hold the same keys and values, only the syntax differs, so timing the two
    loads compares parsing YAML with parsing JSON, not more data with less.
    """
    import json

    import yaml

    from cisai import SCHEMA_VERSION

    rng = random.Random(seed)
    sources = max(10, count // 10)
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob("dataset.json"), *folder.glob("yaml/*.yaml")]:
        old.unlink()  # what an earlier run wrote here, and nothing else
    header = _header(sources)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    (folder / "yaml").mkdir(exist_ok=True)
    with open(folder / "yaml" / "000-header.yaml", "w", encoding="utf-8") as out:
        yaml.dump(header, out, Dumper=dumper, allow_unicode=True, sort_keys=False)
    records = [instrument(i, rng, sources) for i in range(count)]
    for start in range(0, count, RECORDS_PER_FILE):
        chunk = records[start : start + RECORDS_PER_FILE]
        path = folder / "yaml" / f"instruments-{start // RECORDS_PER_FILE:03d}.yaml"
        with open(path, "w", encoding="utf-8") as out:
            yaml.dump(
                {"instruments": chunk}, out, Dumper=dumper, allow_unicode=True, sort_keys=False
            )
    document = {"schema_version": SCHEMA_VERSION, **header, "instruments": records}
    with open(folder / "dataset.json", "w", encoding="utf-8") as out:
        json.dump(document, out, ensure_ascii=False, separators=(",", ":"))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    folder = Path(sys.argv[2] if len(sys.argv) > 2 else f"/tmp/cisai-bench-{count}")
    generate(count, folder)
    print(f"wrote {count} instruments to {folder}")


if __name__ == "__main__":
    main()
