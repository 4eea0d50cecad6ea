"""Measure cisai against its speed and memory targets, side by side in one run.

Every figure is a ratio between cisai and a baseline measured in the same run on the
same machine, so a busy machine slows both sides alike. Each pair is measured
alternately, repeated, and the best time of each side is kept.

    python benchmarks/bench.py                 # all targets at 100,000 instruments
    python benchmarks/bench.py --sizes 1000,10000,100000 --markdown table.md

Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import venv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

import cisai
from cisai import Dataset

MODEL_LAW = "cis-model-law-ai-2025"
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

Row = tuple[str, float, str, bool | None]
"""figure, value, target, met (``None``: shown for comparison, no target)."""


def best(func: Callable[[], Any], repeat: int) -> float:
    """The best wall time of ``repeat`` runs, each started from a collected heap."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
        del result
    return min(times)


def alternately(funcs: list[Callable[[], Any]], repeat: int) -> list[float]:
    """The best time of each of ``funcs``, run in turn ``repeat`` times (so drift hits all)."""
    times: list[list[float]] = [[] for _ in funcs]
    for _ in range(repeat):
        for func, samples in zip(funcs, times, strict=True):
            samples.append(best(func, 1))
    return [min(samples) for samples in times]


def pair(ours: Callable[[], Any], base: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Best times of ``ours`` and ``base``, measured alternately."""
    base_time, ours_time = alternately([base, ours], repeat)
    return ours_time, base_time


def row(figure: str, value: float, target: str = "-") -> Row:
    """A row of the table; whether ``value`` meets ``target`` ("<= 1.5x") follows from it."""
    if target == "-":
        return (figure, value, target, None)
    operator, limit = target.split()[:2]
    bound = float(limit.rstrip("x"))
    return (figure, value, target, value <= bound if operator == "<=" else value >= bound)


# -- 1, 2: start-up, with the wheel installed in a fresh virtual environment -------------------


def wheel_python(work: Path) -> str:
    """A fresh virtual environment with the wheel and the benchmark's peer (the bench extra)."""
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    env = work / "venv"
    venv.create(env, with_pip=True)
    python = str(env / "bin" / "python")
    wheel = next(dist.glob("cisai-*.whl"))
    subprocess.run([python, "-m", "pip", "install", "--quiet", f"{wheel}[bench]"], check=True)
    return python


def command_time(python: str, code: str, runs: int) -> list[float]:
    """Wall times of ``python -c code``, with no PYTHONPATH: the installed wheel is measured."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([python, "-c", code], check=True, cwd=tempfile.gettempdir(), env=env)
        times.append(time.perf_counter() - start)
    return times


STARTUP_COMMANDS = {
    "attrs": "import attrs",
    "cisai": "import cisai",
    "attrs, yaml": "import attrs, yaml",
    "load": "import cisai; cisai.load()",
    "first answer": f"import cisai; cisai.get({MODEL_LAW!r})",
    "pycountry": "import pycountry; pycountry.countries.get(alpha_2='BY')",
    "record classes": "import cisai._model",
}
"""Each a fresh ``python -c``: what a user's script pays before its first line of work."""

STARTUP_TARGETS = (
    ("cisai", "attrs", "import cisai vs import attrs", "<= 1.25x"),
    ("load", "attrs, yaml", "import cisai; load() vs import attrs, yaml", "<= 1.5x"),
    (
        "first answer",
        "pycountry",
        f"first answer, cisai.get({MODEL_LAW!r}) vs pycountry.countries.get(alpha_2='BY')",
        "<= 1.0x",
    ),
    (
        "record classes",
        "pycountry",
        "  the floor of any first answer: attrs and the record classes alone, no data",
        "-",
    ),
)
"""(ours, baseline, figure, target): pycountry is the most used bundled-data library."""


def startup(python: str, runs: int) -> list[Row]:
    samples: dict[str, list[float]] = {name: [] for name in STARTUP_COMMANDS}
    for _ in range(runs):  # interleaved, so drift hits every command alike
        for name, code in STARTUP_COMMANDS.items():
            samples[name].extend(command_time(python, code, 1))
    median = {name: statistics.median(values) for name, values in samples.items()}
    return [
        row(
            f"{figure} ({median[ours] * 1000:.0f} / {median[base] * 1000:.0f} ms)",
            median[ours] / median[base],
            target,
        )
        for ours, base, figure, target in STARTUP_TARGETS
    ]


# -- 3-6: the large generated dataset ----------------------------------------------------------


def yaml_texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((folder / "yaml").glob("*.yaml"))]


def large(folder: Path, count: int, repeat: int) -> tuple[list[Row], dict[str, float]]:
    """Every row measured on ``count`` generated instruments, and the figures for scaling."""
    figures: dict[str, float] = {}
    dataset, rows = yaml_rows(folder, count, repeat, figures)
    document = cisai.to_json(dataset)
    rows.extend(json_load_rows(folder, dataset, document, repeat, figures))
    rows.extend(serialise_rows(dataset, document, repeat, figures))
    rows.extend(queries(dataset, repeat, figures))
    rows.append(memory(document, count, figures))
    print(f"where the JSON load of {count:,} instruments spends its time:")
    print(json_breakdown(folder, dataset), flush=True)
    return rows, figures


def yaml_rows(
    folder: Path, count: int, repeat: int, figures: dict[str, float]
) -> tuple[Dataset, list[Row]]:
    """The YAML load, every check included, against PyYAML's C safe loader parsing alone."""
    texts = yaml_texts(folder)

    def parse_only() -> list[Any]:
        return [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts]

    def load_yaml() -> Dataset:
        return cisai.load(extra=[folder / "yaml"], bundled=False)

    ours, base = pair(load_yaml, parse_only, 1 if count >= 50_000 else repeat)
    figures["yaml load s"] = ours
    figures["yaml parse s"] = base
    figure = (
        f"load(extra=YAML) vs CSafeLoader parse, {count:,} instruments ({ours:.2f} / {base:.2f} s)"
    )
    return load_yaml(), [row(figure, ours / base, "<= 1.5x")]


def json_load_rows(
    folder: Path, dataset: Dataset, document: str, repeat: int, figures: dict[str, float]
) -> list[Row]:
    """The JSON user-data load against its floor, and against the other loads for comparison."""
    same_path = folder / "dataset.json"  # the same keys and values as the YAML files
    exported_path = folder / "exported.json"  # as `cisai export` writes it: every field
    exported_path.write_text(document, encoding="utf-8")
    for path in (same_path, exported_path):
        again = cisai.load(extra=[path], bundled=False)
        assert list(again) == list(dataset), f"{path.name}: not the same dataset as the YAML"
        del again

    parse, construct, json_time = alternately(
        [*json_floor(same_path, dataset), lambda: cisai.load(extra=[same_path], bundled=False)],
        repeat,
    )
    figures["json load s"] = json_time
    floor = parse + construct
    figures["json floor s"] = floor
    exported = best(lambda: cisai.load(extra=[exported_path], bundled=False), repeat)
    figures["exported json load s"] = exported
    yaml_parse = figures["yaml parse s"]
    return [
        row(
            f"load(extra=JSON) vs its floor: parse + record classes, no checks ({json_time:.2f}"
            f" / {parse:.2f} + {construct:.2f} s)",
            json_time / floor,
            "<= 2.5x",
        ),
        row(
            f"  load(extra=JSON) faster than load(extra=YAML) ({json_time:.2f} / "
            f"{figures['yaml load s']:.2f} s)",
            figures["yaml load s"] / json_time,
        ),
        row(
            f"  the same, JSON as `cisai export` writes it ({exported:.2f} / "
            f"{figures['yaml load s']:.2f} s)",
            figures["yaml load s"] / exported,
        ),
        row(
            f"  load(extra=JSON) faster than PyYAML's C parse alone ({json_time:.2f} / "
            f"{yaml_parse:.2f} s)",
            yaml_parse / json_time,
        ),
    ]


def serialise_rows(
    dataset: Dataset, document: str, repeat: int, figures: dict[str, float]
) -> list[Row]:
    """``from_json`` against ``json.loads``, ``to_json`` against ``json.dumps`` of plain data."""
    ours, base = pair(
        lambda: cisai.from_json(document, Dataset), lambda: json.loads(document), repeat
    )
    figures["from_json s"] = ours
    rows = [row(f"from_json vs json.loads ({ours:.2f} / {base:.2f} s)", ours / base, "<= 2.5x")]
    plain = json.loads(document)
    ours, base = pair(
        lambda: cisai.to_json(dataset),
        lambda: json.dumps(plain, ensure_ascii=False, separators=(",", ":")),
        repeat,
    )
    figures["to_json s"] = ours
    figure = f"to_json vs json.dumps of plain dicts ({ours:.2f} / {base:.2f} s)"
    rows.append(row(figure, ours / base, "<= 3x"))
    return rows


def json_floor(path: Path, dataset: Dataset) -> tuple[Callable[[], Any], Callable[[], Any]]:
    """The least a JSON load can cost: its parse, and calling the record classes alone.

    The parse is the loader's own (``json.loads``, refusing repeated keys); the classes
    are called with values already typed and no checks, for the same instruments,
    titles, events and relations, with the garbage collector paused by the loader's own
    :func:`cisai._gc.paused`. So the floor pays what the load pays when the collector
    resumes: the first allocation after it scans the young objects made meanwhile once
    (at 100,000 instruments about a quarter of a second); a bare ``gc.enable()`` would
    leave that scan to fall after the timer stops.
    """
    from cisai import _loading as loading
    from cisai._gc import paused

    construct = construct_records(dataset)

    def construct_paused() -> list[Any]:
        with paused():
            return construct()

    return (lambda: loading._read_paths([path], [])), construct_paused


def construct_records(dataset: Dataset) -> Callable[[], list[Any]]:
    """A function calling the record classes for the dataset's instruments, no checks."""
    import attrs

    from cisai._model import Event, Instrument, Relation, Title

    def fields(record: Any) -> dict[str, Any]:
        return {a.name: getattr(record, a.name) for a in attrs.fields(type(record))}

    plain = [
        (
            fields(r),
            [fields(t) for t in r.titles],
            [fields(e) for e in r.events],
            [fields(x) for x in r.relations],
        )
        for r in dataset.instruments
    ]

    def construct() -> list[Instrument]:
        return [
            Instrument(
                **{
                    **values,
                    "titles": tuple([Title(**t) for t in titles]),
                    "events": tuple([Event(**e) for e in events]),
                    "relations": tuple([Relation(**x) for x in relations]),
                }
            )
            for values, titles, events, relations in plain
        ]

    return construct


def json_breakdown(folder: Path, dataset: Dataset) -> str:
    """Where the JSON load's time goes, step by step (uses the loader's internals).

    The last line is the floor's second half: the record classes called alone.
    """
    from cisai import _loading as loading
    from cisai._checks import check
    from cisai._converter import bulk

    steps: list[tuple[str, float]] = []

    def step(name: str, func: Callable[[], Any]) -> Any:
        gc.collect()
        start = time.perf_counter()
        result = func()
        steps.append((name, time.perf_counter() - start))
        return result

    documents = step(
        "read and parse the JSON", lambda: loading._read_paths([folder / "dataset.json"], [])
    )
    with bulk():
        located = step("build typed records", lambda: loading._structure_documents(documents, []))
        step("check across records", lambda: check(located, data_version=None))
        step("index (Dataset)", lambda: Dataset([item.record for item in located], None))
    step("floor: the record classes called alone", json_floor(folder / "dataset.json", dataset)[1])
    width = max(len(name) for name, _ in steps)
    return "\n".join(f"  {name:<{width}}  {seconds:6.2f} s" for name, seconds in steps)


def queries(dataset: Dataset, repeat: int, figures: dict[str, float]) -> list[Row]:
    records = list(dataset.instruments)
    since, until = cisai.PartialDate(2020, 3), cisai.PartialDate(2020, 4)

    def by_date_comprehension() -> list[Any]:
        return [
            r
            for r in records
            if r.date is not None and r.date.start <= until.end and since.start <= r.date.end
        ]

    subtopics = {"data-protection"}

    def by_topic_comprehension() -> list[Any]:
        return [r for r in records if not subtopics.isdisjoint(r.topics)]

    rows: list[Row] = []
    for name, ours_fn, base_fn in (
        (
            "date-range filter",
            lambda: dataset.instruments.filter(since=since, until=until),
            by_date_comprehension,
        ),
        (
            "topic filter",
            lambda: dataset.instruments.filter(topic="data-protection"),
            by_topic_comprehension,
        ),
    ):
        assert list(ours_fn()) == base_fn(), f"{name}: results differ from the comprehension"
        ours, base = pair(ours_fn, base_fn, max(repeat, 5))
        figures[f"{name} ms"] = ours * 1000
        speedup = base / ours
        rows.append(
            row(
                f"{name} faster than a list comprehension ({ours * 1000:.2f} / "
                f"{base * 1000:.2f} ms, same {len(base_fn())} results)",
                speedup,
                ">= 20x",
            )
        )
    return rows


def memory(document: str, count: int, figures: dict[str, float]) -> Row:
    gc.collect()
    tracemalloc.start()
    start = tracemalloc.get_traced_memory()[0]
    dataset = cisai.from_json(document, Dataset)
    gc.collect()
    kept = tracemalloc.get_traced_memory()[0] - start
    del dataset
    gc.collect()
    start = tracemalloc.get_traced_memory()[0]
    plain = json.loads(document)
    gc.collect()
    dicts = tracemalloc.get_traced_memory()[0] - start
    del plain
    tracemalloc.stop()
    per_record = kept / count
    figures["bytes per instrument"] = per_record
    figures["bytes per instrument as dicts"] = dicts / count
    return row(
        f"memory per instrument ({per_record:,.0f} B; "
        f"the parsed dicts take {dicts / count:,.0f} B)",
        per_record / 1024,
        "<= 2 KB",
    )


# -- report -----------------------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else "pass" if ok else "FAIL"


def table(rows: list[Row]) -> str:
    width = max(len(r[0]) for r in rows)
    lines = [f"{'figure':<{width}}  {'value':>8}  {'target':>8}  result"]
    lines.append("-" * len(lines[0]))
    for figure, value, target, ok in rows:
        unit = " KB" if target.endswith("KB") else "x"
        shown = f"{value:.2f}{unit}"
        lines.append(f"{figure:<{width}}  {shown:>8}  {target:>8}  {verdict(ok)}")
    return "\n".join(lines)


# -- issue 13: hostile inputs cost time in proportion to their size ----------------------------


def misspelt_parents(count: int) -> str:
    """``count`` bodies, each naming a misspelt parent: every one needs a suggestion."""
    head = "sources:\n  s1:\n    url: https://example.org/a-page\nbodies:\n"
    body = (
        "- id: body-{i:05d}\n  name: B\n  kind: ministry\n  parent: bodx-{i:05d}\n"
        "  attestation: secondary_report\n  confidence: low\n  sources: [s1]\n"
        "  added_in: '2026.11.0'\n"
    )
    return head + "".join(body.format(i=i) for i in range(count))


def merge_chain(lines: int) -> str:
    """A chain of YAML merge keys, each mapping merging the one before (a merge-key bomb)."""
    chain = [f"l{i}: &l{i} {{<<: *l{i - 1}, k{i}: 0}}\n" for i in range(2, lines + 1)]
    return "l1: &l1 {k1: 0}\n" + "".join(chain)


def refused_in(text: str, folder: Path, name: str) -> float:
    """The time ``cisai.load`` takes to refuse the file (a DataError is expected)."""
    path = folder / name
    path.write_text(text, encoding="utf-8")

    def attempt() -> None:
        try:
            cisai.load(path, bundled=False)
        except cisai.DataError:
            return
        raise AssertionError(f"{name} was not refused")

    return best(attempt, 1)


def edges(folder: Path, small: int = 1_000, large: int = 10_000) -> list[Row]:
    """Validate time for ``small`` and ``large`` misspelt references and merge-chain lines.

    Linear growth makes the ratio about ``large / small``; the target allows 1.5 times
    that, far below the square a quadratic cost would give.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = f"<= {1.5 * large / small:g}x"
    rows = []
    for what, make in (
        ("misspelt references", misspelt_parents),
        ("merge-chain lines", merge_chain),
    ):
        few = refused_in(make(small), folder, f"small-{what[:5]}.yaml")
        many = refused_in(make(large), folder, f"large-{what[:5]}.yaml")
        rows.append(
            row(
                f"validate {large:,} vs {small:,} {what} ({many:.2f} / {few:.2f} s)",
                many / few,
                target,
            )
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="instruments for the targets")
    parser.add_argument("--sizes", default="", help="also measure these sizes, e.g. 1000,10000")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of each measurement")
    parser.add_argument("--startup-runs", type=int, default=15)
    parser.add_argument("--markdown", type=Path, help="also write the tables as Markdown here")
    args = parser.parse_args()

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cisai-bench-") as work:
        root = Path(work)
        print("building the wheel and a fresh virtual environment ...", flush=True)
        rows = startup(wheel_python(root), args.startup_runs)
        print(f"generating {args.count:,} instruments ...", flush=True)
        generate(args.count, root / "data")
        large_rows, main_figures = large(root / "data", args.count, args.repeat)
        rows.extend(large_rows)
        rows.extend(edges(root / "edges"))
        scaling = [(args.count, main_figures)]
        for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
            print(f"scaling: {size:,} instruments ...", flush=True)
            generate(size, root / f"data-{size}")
            _, figures = large(root / f"data-{size}", size, args.repeat)
            scaling.append((size, figures))
    report = table(rows)
    print()
    print(report)
    scaling.sort()
    if len(scaling) > 1:
        print()
        print(scaling_table(scaling))
    print(f"\ntotal time: {time.perf_counter() - started:.0f} s")
    if args.markdown:
        args.markdown.write_text(markdown(rows, scaling), encoding="utf-8")
    return 0 if all(ok is not False for *_, ok in rows) else 1


def scaling_table(scaling: list[tuple[int, dict[str, float]]]) -> str:
    keys = list(scaling[0][1])
    lines = ["instruments  " + "  ".join(f"{k:>14}" for k in keys)]
    for size, figures in scaling:
        lines.append(f"{size:>11,}  " + "  ".join(f"{figures[k]:>14.2f}" for k in keys))
    return "\n".join(lines)


def markdown(rows: list[Row], scaling: list[tuple[int, dict[str, float]]]) -> str:
    out = ["| figure | value | target | result |", "|---|---:|---:|---|"]
    out += [
        f"| {f.strip()} | {v:.2f}{' KB' if t.endswith('KB') else 'x'} | {t} | {verdict(ok)} |"
        for f, v, t, ok in rows
    ]
    if len(scaling) > 1:
        keys = list(scaling[0][1])
        out += ["", "| instruments | " + " | ".join(keys) + " |", "|---:|" + "---:|" * len(keys)]
        out += [
            f"| {size:,} | " + " | ".join(f"{figures[k]:.2f}" for k in keys) + " |"
            for size, figures in scaling
        ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
