"""The side-by-side outputs: ``compare`` tables, and the ``principles`` and
``competencies`` matrices as text, Markdown and CSV."""

from __future__ import annotations

import csv
import io
import textwrap
from typing import IO, Any

import cisai
from cisai.cli._tables import clip, locator_text, write_rows


def compare_csv(data: dict[str, Any]) -> str:
    """The ``compare`` CSV: a row per instrument, with its state and group."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["code", "state", "group", "id", "title", "kind", "date", "status"])
    for state in data["states"]:
        for group in data["groups"]:
            for entry in state[group]:
                writer.writerow(
                    [state["code"], state["name"], group, entry["id"], entry["title"],
                     entry["kind"], entry["date"] or "", entry["status"]]
                )  # fmt: skip
    return buffer.getvalue()


def compare_table(
    data: dict[str, Any], sources_read_until: str | None, out: IO[str], width: int | None
) -> None:
    """The matrix of counts and latest events, then each state's instruments in one table."""
    if data["on"]:
        out.write(f"Participating states on {data['on']}; status: on that day, from the events\n")
    else:
        out.write("Participating states; status: as recorded in the data\n")
    out.write("cells: instruments (of them in force)\n")
    if sources_read_until:
        out.write(f"sources read up to {sources_read_until}; latest: the latest dated event\n")
    out.write("\n")
    rows = [
        [state["code"]]
        + [
            f"{len(state[g])} ({sum(e['status'] == 'in_force' for e in state[g])})"
            if state[g]
            else "-"
            for g in data["groups"]
        ]
        + [state["latest_event"] or "-"]
        for state in data["states"]
    ]
    write_rows(["code", *data["groups"], "latest"], rows, out, width)
    entries = [
        [state["code"], group, entry["status"], entry["id"], entry["title"]]
        for state in data["states"]
        for group in data["groups"]
        for entry in state[group]
    ]
    if entries:
        out.write("\n")
        write_rows(["code", "group", "status", "id", "title"], entries, out, width)


LETTERS = {"official_text": "T", "official_report": "R", "secondary_report": "S"}
_LEGEND = "T official text, R official report, S secondary report (one letter per record)"


def _entry_label(entry: cisai.MatrixEntry) -> str:
    """A competency's holder, or a principle's id, with its attestation letter."""
    letter = LETTERS[entry.attestation.value]
    if isinstance(entry.record, cisai.Competency):
        return f"{entry.holder_name} ({letter})"
    return f"{entry.record.id} ({letter})"


def matrix_markdown(matrix: Any, row_name: str) -> str:
    """A Markdown table: a row per concept (or kind), a column per jurisdiction."""
    lines = [
        "| " + " | ".join([row_name, *(c.label for c in matrix.columns)]) + " |",
        "|---" * (len(matrix.columns) + 1) + "|",
    ]
    for row in matrix.rows:
        cells = [
            "<br>".join(_entry_label(e).replace("|", "\\|") for e in cell.entries)
            or f"*{cisai.NOT_FOUND}*"
            for cell in row.cells
        ]
        lines.append("| " + " | ".join([row.label, *cells]) + " |")
    note = getattr(matrix, "note", None)
    tail = [f"*{note}* " if note else "", _LEGEND + "."]
    return "\n".join(lines) + "\n\n" + "".join(tail) + "\n"


def matrix_csv(matrix: Any, row_name: str) -> str:
    """CSV: a row per record in a cell, and a row saying so for each empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [row_name, "label", "column", "column_name", "found", "id", "name", "instrument",
         "holder", "attestation", "confidence", "locators"]
    )  # fmt: skip
    columns = {c.key: c for c in matrix.columns}
    for row in matrix.rows:
        for cell in row.cells:
            head = [row.key, row.label, cell.column, columns[cell.column].name]
            if not cell.entries:
                writer.writerow([*head, cisai.NOT_FOUND, *[""] * 7])
            for entry in cell.entries:
                writer.writerow(
                    [
                        *head,
                        "found",
                        entry.record.id,
                        entry.record.name or "",
                        entry.instrument.id,
                        getattr(entry.record, "holder", None) or entry.holder_name or "",
                        entry.attestation.value,
                        entry.record.confidence.value,
                        "; ".join(locator_text(loc) for loc in entry.locators),
                    ]
                )
    return buffer.getvalue()


def _fit(line: str, width: int) -> str:
    """One output line cut to ``width`` (keeping its inner spacing, unlike ``clip``)."""
    line = line.rstrip()
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def _wrap(text: str, width: int) -> str:
    """A paragraph wrapped to ``width`` - 1 columns, ending with a newline."""
    return "\n".join(textwrap.wrap(text, width - 1)) + "\n"


def principle_text(matrix: cisai.PrincipleComparison, out: IO[str], width: int) -> None:
    """The matrix, fitted to ``width`` (the concept labels are cut), then each cell's records."""
    out.write("Principles by concept (rows) and jurisdiction (columns)\n")
    out.write(_wrap(f"cells: {_LEGEND}; · (an empty cell): {cisai.NOT_FOUND}.", width))
    out.write(_wrap(matrix.note, width) + "\n")
    headers = [c.label for c in matrix.columns]
    cells = [
        ["".join(LETTERS[e.attestation.value] for e in cell.entries) or "·" for cell in r.cells]
        for r in matrix.rows
    ]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]
    fixed = sum(widths) + 2 * len(widths)
    label = max(12, min(max((len(r.label) for r in matrix.rows), default=7), width - 1 - fixed))
    for first, rest in [("concept", headers), ("-" * label, ["-" * w for w in widths])] + [
        (r.label, row) for r, row in zip(matrix.rows, cells, strict=True)
    ]:
        parts = [clip(first, label).ljust(label)]
        parts += [clip(c, w).ljust(w) for c, w in zip(rest, widths, strict=True)]
        out.write(_fit("  ".join(parts).rstrip(), width - 1) + "\n")
    for row in matrix.rows:
        found = [(cell.column, e) for cell in row.cells for e in cell.entries]
        if not found:
            continue
        out.write("\n" + _fit(f"{row.label} ({row.key})", width - 1) + "\n")
        for column, entry in found:
            where = "; ".join(locator_text(loc) for loc in entry.locators) or "no locator"
            line = f"  {column:<9}  {LETTERS[entry.attestation.value]}  {entry.record.id}  {where}"
            out.write(_fit(line, width - 1) + "\n")


def competency_text(matrix: cisai.CompetencyComparison, out: IO[str], width: int) -> None:
    """Per column (the model law, then each state): its holders and the kinds of power."""
    out.write("Competencies by jurisdiction, holder and kind of power\n")
    out.write(_wrap(f"{_LEGEND}; none listed: {cisai.NOT_FOUND}.", width))
    for column in matrix.columns:
        out.write("\n" + _fit(f"{column.label}  {column.name}", width - 1) + "\n")
        holders = matrix.holders(column.key)
        if not holders:
            out.write(f"  {cisai.NOT_FOUND}\n")
        for holder, entries in holders.items():
            out.write(_fit(f"  {holder}", width - 1) + "\n")
            for entry in entries:
                assert isinstance(entry.record, cisai.Competency)
                head = f"    {entry.record.kind.value:<25} {LETTERS[entry.attestation.value]}  "
                out.write(_fit(head + entry.record.id, width - 1) + "\n")
                for locator in entry.locators:
                    out.write(_fit("      at " + locator_text(locator), width - 1) + "\n")
                out.write(_wrap_indented(entry.record.gist, " " * 6, width))


def _wrap_indented(text: str, indent: str, width: int) -> str:
    """``text`` wrapped to ``width`` - 1 columns, every line indented."""
    lines = textwrap.wrap(text, width - 1, initial_indent=indent, subsequent_indent=indent)
    return "".join(line + "\n" for line in lines)
