"""One function per command, each calling only the public ``cisai`` API."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from typing import IO, Any

import cisai
from cisai.cli._cards import concept_card, full_name, render_card
from cisai.cli._errors import PROG, UsageError
from cisai.cli._filters import criteria_from, option_values
from cisai.cli._matrices import (
    compare_csv,
    compare_table,
    competency_text,
    matrix_csv,
    matrix_markdown,
    principle_text,
)
from cisai.cli._output import prepared_stdout, stderr_or_sink, terminal_width, write_output
from cisai.cli._records import SINGULAR, resolve_type
from cisai.cli._tables import table_columns, write_rows, write_table


def cmd_search(args: argparse.Namespace) -> int:
    """``cisai search``: ranked hits, with the field each matched in."""
    hits = cisai.search(args.query, dataset=load_data(args))
    types = option_values(args.type, "--type")
    if types is not None:
        wanted = {resolve_type(t) for t in ([types] if isinstance(types, str) else types)}
        hits = tuple(h for h in hits if type(h.record).collection in wanted)
    if args.limit is not None:
        hits = hits[: args.limit]
    if args.format == "json":
        found = [{"field": h.field, "record": cisai.to_dict(h.record)} for h in hits]
        prepared_stdout(utf8=True).write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "jsonl":
        prepared_stdout(utf8=True).write(cisai.to_jsonl([h.record for h in hits]))
    elif not hits:
        print(f"{PROG}: nothing matches {args.query!r}", file=sys.stderr)
    else:
        rows = [
            [SINGULAR[type(h.record).collection], h.record.id, h.field, full_name(h.record)]
            for h in hits
        ]
        width = None if args.wide else terminal_width() - 1
        write_rows(["type", "id", "field", "title"], rows, prepared_stdout(utf8=False), width)
    return 0


def selected(args: argparse.Namespace) -> tuple[str, cisai.Selection[Any]]:
    """The collection name and the records that ``list``/``export`` arguments select."""
    # An absent TYPE means instruments; an empty one is refused by resolve_type.
    collection = resolve_type("instruments" if args.type is None else args.type)
    records = load_data(args).collections()[collection].filter(**criteria_from(args))
    if args.sort is not None:
        records = records.sorted(args.sort, reverse=args.reverse)
    elif args.reverse:
        records = records[::-1]
    if args.limit is not None:
        records = records[: args.limit]
    return collection, records


def cmd_list(args: argparse.Namespace) -> int:
    collection, records = selected(args)
    fmt = args.format
    if fmt == "json":
        out = prepared_stdout(utf8=True)
        out.write(cisai.to_json(records, indent=2) + "\n")
    elif fmt == "jsonl":
        prepared_stdout(utf8=True).write(cisai.to_jsonl(records))
    elif fmt == "csv":
        prepared_stdout(utf8=True, csv_newlines=True).write(cisai.to_csv(records))
    elif not records:
        print(f"{PROG}: no {collection.replace('_', ' ')} match", file=sys.stderr)
    else:
        columns = table_columns(collection, getattr(args, "columns", None))
        width = None if getattr(args, "wide", False) else terminal_width() - 1
        write_table(records, collection, prepared_stdout(utf8=False), width, columns)
    return 0


# -- info ------------------------------------------------------------------------------


def summary(ds: cisai.Dataset) -> dict[str, Any]:
    """The facts ``cisai info`` reports, as JSON-ready data."""
    collections = ds.collections()
    dated = [i.date for i in ds.instruments if i.date is not None]
    attestation: Counter[str] = Counter()
    for record in ds:
        value = getattr(record, "attestation", None)
        if isinstance(value, cisai.Attestation):
            attestation[value.value] += 1
    per_jurisdiction = Counter(i.jurisdiction for i in ds.instruments)
    return {
        "cisai_version": cisai.__version__,
        "data_version": ds.data_version,
        "sources_read_until": ds.sources_read_until,
        "schema_version": cisai.SCHEMA_VERSION,
        "records": {name: len(sel) for name, sel in collections.items()},
        "total": len(ds),
        "instrument_dates": {
            "earliest": str(min(dated)) if dated else None,
            "latest": str(max(dated)) if dated else None,
            "undated": len(ds.instruments) - len(dated),
        },
        "attestation": {a.value: attestation.get(a.value, 0) for a in cisai.Attestation},
        "instruments_per_jurisdiction": dict(
            sorted(per_jurisdiction.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
    }


def cmd_info(args: argparse.Namespace) -> int:
    ds = load_data(args)
    facts = summary(ds)
    if args.format == "json":
        prepared_stdout(utf8=True).write(json.dumps(facts, ensure_ascii=False, indent=2) + "\n")
    else:
        names = {j.code: j.name for j in ds.jurisdictions}
        prepared_stdout(utf8=False).write(_info_text(facts, names))
    return 0


def _info_text(facts: dict[str, Any], names: dict[str, str]) -> str:
    """The text of ``cisai info``: ``facts`` from :func:`summary`, jurisdiction ``names``."""
    lines = [
        f"cisai {facts['cisai_version']}",
        f"data version:   {facts['data_version'] or '(user data)'}",
        f"sources read up to {facts['sources_read_until']}"
        if facts["sources_read_until"]
        else "sources read up to: (not stated for user data)",
        f"schema version: {facts['schema_version']}",
        "",
        f"Records ({facts['total']}):",
    ]
    width = max(len(n) for n in facts["records"])
    for name, count in facts["records"].items():
        lines.append(f"  {name.replace('_', ' ').ljust(width)}  {count:>5}")
    span = facts["instrument_dates"]
    lines += ["", "Instrument dates:"]
    if span["earliest"]:
        lines.append(f"  {span['earliest']} to {span['latest']}")
    else:
        lines.append("  (no dated instruments)")
    if span["undated"]:
        lines.append(f"  {span['undated']} undated")
    lines += ["", "Records resting on:"]
    for value, count in facts["attestation"].items():
        lines.append(f"  {value.replace('_', ' ').ljust(17)} {count:>5}")
    lines += ["", "Instruments per jurisdiction:"]
    per = facts["instruments_per_jurisdiction"]
    code_width = max((len(c) for c in per), default=0)
    for code, count in per.items():
        name = names.get(code, "")
        lines.append(f"  {code.ljust(code_width)}  {count:>5}  {name}".rstrip())
    return "\n".join(lines) + "\n"


def shown_record(ds: cisai.Dataset, value: str) -> Any:
    """The record ``show`` means: by id (or a principle concept's id), else the
    jurisdiction of that code or name (``BY``)."""
    try:
        return _record_or_concept(ds, value)
    except cisai.NotFoundError as not_an_id:
        try:
            return ds.jurisdiction(value)
        except cisai.NotFoundError:
            raise not_an_id from None


def cmd_show(args: argparse.Namespace) -> int:
    ds = load_data(args)
    record = shown_record(ds, args.id.strip())
    if args.format == "json":
        prepared_stdout(utf8=True).write(cisai.to_json(record, indent=2) + "\n")
    elif isinstance(record, cisai.PrincipleConcept):
        prepared_stdout(utf8=False).write(concept_card(ds, record, min(terminal_width(), 100) - 1))
    else:
        prepared_stdout(utf8=False).write(render_card(ds, record, min(terminal_width(), 100) - 1))
    return 0


def _record_or_concept(ds: cisai.Dataset, record_id: str) -> Any:
    """A record by its id, else a principle concept (concepts have ids of their own; where
    a topic shares the id, the topic is shown)."""
    try:
        return ds.get(record_id)
    except cisai.NotFoundError:
        if record_id in ds.principle_concepts.ids():
            return ds.principle_concept(record_id)
        raise


# -- export, schema, validate -------------------------------------------------------------


def load_data(args: argparse.Namespace) -> cisai.Dataset:
    """The dataset the command works on: bundled, plus any ``--data`` given."""
    extra = getattr(args, "data", None) or []
    bundled = getattr(args, "bundled", True)
    if not bundled and not extra:
        raise UsageError("--no-bundled needs at least one --data PATH")
    _check_paths_exist(extra, "--data ")
    return cisai.load(extra=extra, bundled=bundled)


def _check_paths_exist(paths: Iterable[str], option: str = "") -> None:
    """A path on the command line that does not exist is a usage error (exit 2), for
    every command alike; a file that exists but is invalid is a data error (exit 1)."""
    for path in paths:
        _require_path(path, option)


def cmd_export(args: argparse.Namespace) -> int:
    whole = args.type is None and not criteria_from(args) and args.sort is None
    whole = whole and args.limit is None and not args.reverse
    if whole:
        ds = load_data(args)
        target: Any = ds
    else:
        collection, target = selected(args)
        if args.format == "jsonld" and collection != "instruments":
            raise UsageError(
                f"--format jsonld: JSON-LD describes instruments (their principles, competencies "
                f"and prohibitions as hasPart), not {collection}; export instruments or everything"
            )
    fmt = args.format
    if fmt == "json":
        text = cisai.to_json(target, indent=2) + "\n"
    elif fmt == "jsonl":
        text = cisai.to_jsonl(target)
    elif fmt == "csv":
        bom = args.bom if args.bom is not None else args.output not in (None, "-")
        text = cisai.to_csv(target, bom=bom)
    else:
        dataset = target if whole else load_data(args)
        text = json.dumps(cisai.to_jsonld(target, dataset), ensure_ascii=False, indent=2) + "\n"
    write_output(text, args.output, csv_newlines=fmt == "csv")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(cisai.json_schema(), ensure_ascii=False, indent=2) + "\n"
    write_output(text, args.output)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    _check_paths_exist(args.paths)
    try:
        ds = cisai.load(extra=args.paths, bundled=args.bundled)
    except cisai.DataError as exc:
        problems = exc.problems
    else:
        problems = ()
        own = _own_records(ds, args.bundled)
    out = prepared_stdout(utf8=args.format == "json")
    if args.format == "json":
        report = {
            "valid": not problems,
            "problems": [
                {
                    "file": p.file,
                    "line": p.line,
                    "record_id": p.record_id,
                    "field": p.field,
                    "message": p.message,
                }
                for p in problems
            ],
        }
        out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    elif problems:
        for problem in problems:
            out.write(f"{problem}\n")
        count = len(problems)
        stderr_or_sink().write(f"{PROG}: {count} problem{'s' if count != 1 else ''} found\n")
    else:
        noun = "record" if own == 1 else "records"
        out.write(f"ok: {own} {noun} in {len(args.paths)} path(s) valid\n")
    return 1 if problems else 0


def _require_path(path: str, option: str) -> None:
    """A usage error unless ``path`` can be looked at (naming why: missing, too long, ...)."""
    if path == "":
        raise UsageError(f"{option}an empty path names no file or folder")
    try:
        os.stat(path)
    except FileNotFoundError:
        raise UsageError(f"{option}{path}: no such file or folder") from None
    except OSError as exc:
        raise UsageError(f"{option}cannot read {path!r}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise UsageError(f"{option}cannot read {path!r}: {exc}") from None


def _own_records(ds: cisai.Dataset, bundled: bool) -> int:
    """How many records the user's files gave: new ids, and overrides of bundled ones."""
    if not bundled:
        return len(ds)
    known = {(type(r), r.id) for r in cisai.load()}  # ids are unique per record type's space
    return sum(1 for r in ds if (type(r), r.id) not in known or getattr(r, "override", False))


def cmd_compare(args: argparse.Namespace) -> int:
    ds = load_data(args)
    comparison = cisai.compare(on=args.on, topic=option_values(args.topic, "--topic"), dataset=ds)
    data = comparison.to_dict()
    if args.format == "json":
        prepared_stdout(utf8=True).write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        prepared_stdout(utf8=True, csv_newlines=True).write(compare_csv(data))
    else:
        width = None if args.wide else terminal_width() - 1
        compare_table(data, ds.sources_read_until, prepared_stdout(utf8=False), width)
    return 0


def cmd_principles(args: argparse.Namespace) -> int:
    matrix = cisai.compare_principles(
        concept=option_values(args.concept, "--concept"),
        jurisdiction=option_values(args.jurisdiction, "--jurisdiction"),
        attestation=option_values(args.attestation, "--attestation"),
        dataset=load_data(args),
    )
    return _write_matrix(args.format, matrix, "concept", principle_text)


def cmd_competencies(args: argparse.Namespace) -> int:
    matrix = cisai.compare_competencies(
        kind=option_values(args.kind, "--kind"),
        jurisdiction=option_values(args.jurisdiction, "--jurisdiction"),
        holder=option_values(args.holder, "--holder"),
        attestation=option_values(args.attestation, "--attestation"),
        dataset=load_data(args),
    )
    return _write_matrix(args.format, matrix, "kind", competency_text)


def _write_matrix(
    form: str,
    matrix: cisai.PrincipleComparison | cisai.CompetencyComparison,
    row_name: str,
    text: Callable[[Any, IO[str], int], None],
) -> int:
    if form == "json":
        data = json.dumps(matrix.to_dict(), ensure_ascii=False, indent=2)
        prepared_stdout(utf8=True).write(data + "\n")
    elif form == "csv":
        prepared_stdout(utf8=True, csv_newlines=True).write(matrix_csv(matrix, row_name))
    elif form == "markdown":
        prepared_stdout(utf8=True).write(matrix_markdown(matrix, row_name))
    else:
        text(matrix, prepared_stdout(utf8=False), terminal_width())
    return 0
