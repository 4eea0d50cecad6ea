"""The data catalogue of the docs site, generated from the bundled data at build time.

``generate_pages(dataset)`` returns every generated page (path -> Markdown, or SVG for
the timeline); the mkdocs hook ``on_files`` adds them to the site. Nothing in the
catalogue is written by hand: change the YAML and the catalogue follows.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import cisai
from cisai import Dataset, Instrument

ROOT = "catalogue"
GROUP_LABELS = {"law": "Law", "strategy": "Strategy", "regulator": "Regulator", "other": "Other"}


def instrument_path(record_id: str) -> str:
    return f"{ROOT}/instruments/{record_id}.md"


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|") if text is not None else ""


def _link(ds: Dataset, record_id: str, here: str) -> str:
    """A link from page ``here`` to the record's place in the catalogue."""
    depth = here.count("/")
    up = "../" * depth
    if record_id not in ds:
        return f"`{record_id}`"
    record = ds[record_id]
    if isinstance(record, Instrument):
        return f"[{_cell(record.title)}]({up}{instrument_path(record_id)})"
    if isinstance(record, cisai.Body):
        return f"[{_cell(record.name)}]({up}{ROOT}/bodies.md#{record_id})"
    if isinstance(record, cisai.Topic):
        return f"[{_cell(record.label)}]({up}{ROOT}/topics.md#{record_id})"
    if isinstance(record, cisai.Jurisdiction):
        return f"[{_cell(record.name)}]({up}{ROOT}/index.md#{record_id})"
    return f"[{record_id}]({up}{instrument_path(record.instrument)}#{record_id})"  # type: ignore[union-attr]


def _sources(sources: Iterable[cisai.Source]) -> str:
    return "<br>".join(f"[{_cell(s.publisher or s.url.split('/')[2])}]({s.url})" for s in sources)


# -- one page per instrument ---------------------------------------------------------------


def instrument_page(ds: Dataset, instrument: Instrument) -> str:
    here = instrument_path(instrument.id)
    lines = [f"# {instrument.title}", ""]
    if len(instrument.titles) > 1:
        lines += ["| language | title | kind |", "|---|---|---|"]
        lines += [f"| {t.lang} | {_cell(t.text)} | {t.kind.value} |" for t in instrument.titles]
        lines.append("")
    facts = [
        ("id", f"`{instrument.id}`"),
        ("kind", instrument.kind.value),
        ("number", _cell(instrument.number) or "not known"),
        ("jurisdiction", instrument.jurisdiction),
        ("issued by", ", ".join(_link(ds, b, here) for b in instrument.issuers) or "not known"),
        ("date", str(instrument.date) if instrument.date else "not known"),
        ("status", instrument.status.value),
        ("topics", ", ".join(_link(ds, t, here) for t in instrument.topics)),
        (
            "attestation",
            f"{instrument.attestation.value}, {instrument.confidence.value} confidence",
        ),
        (
            "data version",
            instrument.added_in
            + (f", changed {instrument.changed_in}" if instrument.changed_in else ""),
        ),
    ]
    lines += ["| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in facts] + [""]
    lines += ["## Summary", "", instrument.summary, ""]
    if instrument.events:
        lines += [
            "## Timeline",
            "",
            "| date | event | by | note | sources |",
            "|---|---|---|---|---|",
        ]
        for event in instrument.events:
            by = _link(ds, event.body, here) if event.body else ""
            note = _cell(event.note)
            if event.confidence is not None:
                note = f"{note} ({event.confidence.value} confidence)".strip()
            lines.append(
                f"| {event.date or 'undated'} | {event.kind.value} | {by} | {note} | "
                f"{_sources(event.sources)} |"
            )
        lines.append("")
    incoming = ds.referring_to(instrument.id)
    if instrument.relations or incoming:
        lines += ["## Relations", ""]
        for relation in instrument.relations:
            note = f" - {_cell(relation.note)}" if relation.note else ""
            kind = relation.kind.value.replace("_", " ")
            lines.append(f"- **{kind}** {_link(ds, relation.target, here)}{note}")
        for source, relation in incoming:
            lines.append(
                f"- {_link(ds, source.id, here)} **{relation.kind.value.replace('_', ' ')}** this"
            )
        lines.append("")
    parts = ds.parts_of(instrument.id)
    if len(parts):
        lines += ["## Parts, as the sources report them", ""]
        for part in parts:
            kind = type(part).__name__
            name = getattr(part, "name", None) or getattr(part, "part", None)
            label = name.value.replace("_", " ") if hasattr(name, "value") else name
            if not label and getattr(part, "gist", None):
                words = part.gist.split()
                label = " ".join(words[:8]) + (" ..." if len(words) > 8 else "")
            lines += [f"### {kind}: {_cell(label or part.id)} {{#{part.id}}}", ""]
            gist = getattr(part, "gist", None)
            if gist:
                lines += [gist, ""]
            lines += [
                f"*{part.attestation.value}, {part.confidence.value} confidence* - "
                f"{_sources(part.sources)}",
                "",
            ]
    if instrument.unknowns:
        lines += (
            ["## Not known", ""]
            + [f"- **{u.field}**: {_cell(u.note)}" for u in instrument.unknowns]
            + [""]
        )
    if instrument.notes:
        lines += ["## Notes", ""] + [f"- {_cell(n)}" for n in instrument.notes] + [""]
    lines += ["## Sources", ""]
    for source in instrument.sources:
        extra = ", ".join(
            x
            for x in (
                source.publisher,
                source.kind.value,
                source.language,
                str(source.published or ""),
            )
            if x
        )
        read = "" if source.retrieved else " (not read: only its address is known)"
        lines.append(f"- [{_cell(source.title or source.url)}]({source.url}) - {extra}{read}")
    return "\n".join(lines) + "\n"


# -- index pages -------------------------------------------------------------------------------


def _instrument_rows(ds: Dataset, instruments: Iterable[Instrument], here: str) -> list[str]:
    rows = ["| date | jurisdiction | kind | status | instrument |", "|---|---|---|---|---|"]
    rows += [
        f"| {i.date or 'undated'} | {i.jurisdiction} | {i.kind.value} | {i.status.value} | "
        f"{_link(ds, i.id, here)} |"
        for i in instruments
    ]
    return rows


def index_page(ds: Dataset) -> str:
    here = f"{ROOT}/index.md"
    lines = [
        "# Catalogue",
        "",
        f"Every record of the bundled data (data version {ds.data_version}), generated from "
        "the data when the site is built.",
        "",
        f"{len(ds.instruments)} instruments, {len(ds.bodies)} bodies, {len(ds.topics)} topics. "
        "Browse [by topic](topics.md), [by year](years.md), [by body](bodies.md); see "
        "[the states side by side](comparison.md), [the timeline](timeline.md) and "
        "[what is known not to be known](unknowns.md).",
        "",
        "![Timeline of the instruments](timeline.svg)",
        "",
        "## Jurisdictions",
        "",
    ]
    for jurisdiction in ds.jurisdictions:
        instruments = ds.instruments.filter(jurisdiction=jurisdiction.code)
        took_part = {True: "took part in the model law", False: "did not take part", None: ""}[
            jurisdiction.model_law_participant
        ]
        lines += [f"### {jurisdiction.name} ({jurisdiction.code}) {{#{jurisdiction.id}}}", ""]
        if took_part:
            lines += [f"*{took_part}*", ""]
        if instruments:
            lines += [*_instrument_rows(ds, instruments, here), ""]
        else:
            lines += ["No instruments in the data.", ""]
    return "\n".join(lines) + "\n"


def topics_page(ds: Dataset) -> str:
    here = f"{ROOT}/topics.md"
    lines = [
        "# Instruments by topic",
        "",
        "Each topic lists the instruments tagged with it or one of its sub-topics.",
        "",
    ]
    for topic in ds.topics:
        parent = f" (under {_link(ds, topic.parent, here)})" if topic.parent else ""
        lines += [f"## {topic.label} {{#{topic.id}}}", "", f"`{topic.id}`{parent}"]
        if topic.aliases:
            lines[-1] += " - also: " + ", ".join(f"`{a}`" for a in topic.aliases)
        lines.append("")
        instruments = ds.instruments.filter(topic=topic.id)
        lines += (
            [*_instrument_rows(ds, instruments, here), ""] if instruments else ["None yet.", ""]
        )
    return "\n".join(lines) + "\n"


def years_page(ds: Dataset) -> str:
    here = f"{ROOT}/years.md"
    by_year: dict[str, list[Instrument]] = defaultdict(list)
    for instrument in ds.instruments:
        by_year[str(instrument.date.year) if instrument.date else "undated"].append(instrument)
    lines = ["# Instruments by year", ""]
    for year in sorted(by_year, key=lambda y: (y == "undated", y)):
        lines += [f"## {year}", "", *_instrument_rows(ds, by_year[year], here), ""]
    return "\n".join(lines) + "\n"


def bodies_page(ds: Dataset) -> str:
    here = f"{ROOT}/bodies.md"
    lines = [
        "# Bodies",
        "",
        "Every body in the data, with what it issued and the competencies it holds.",
        "",
    ]
    for body in ds.bodies:
        lines += [f"## {body.name} {{#{body.id}}}", ""]
        facts = [f"`{body.id}`", body.kind.value.replace("_", " ")]
        if body.jurisdiction:
            facts.append(body.jurisdiction)
        if body.parent:
            facts.append("part of " + _link(ds, body.parent, here))
        if body.established_by:
            facts.append("established by " + _link(ds, body.established_by, here))
        lines += [" - ".join(facts), ""]
        issued = ds.instruments.filter(issuer=body.id)
        if issued:
            lines += ["Issued:", "", *[f"- {_link(ds, i.id, here)}" for i in issued], ""]
        held = ds.competencies.filter(body=body.id)
        if held:
            lines += [
                "Competencies:",
                "",
                *[f"- {_cell(c.gist)} ({_link(ds, c.id, here)})" for c in held],
                "",
            ]
        lines += [f"Sources: {_sources(body.sources)}", ""]
    return "\n".join(lines) + "\n"


def unknowns_page(ds: Dataset) -> str:
    here = f"{ROOT}/unknowns.md"
    lines = [
        "# What is known not to be known",
        "",
        "The sources leave these open. cisai records the gap instead of guessing.",
        "",
        "| record | field | why |",
        "|---|---|---|",
    ]
    for record in ds:
        for unknown in getattr(record, "unknowns", ()):
            lines.append(
                f"| {_link(ds, record.id, here)} | {unknown.field} | {_cell(unknown.note)} |"
            )
    return "\n".join(lines) + "\n"


def comparison_page(ds: Dataset) -> str:
    here = f"{ROOT}/comparison.md"
    comparison = cisai.compare(dataset=ds)
    lines = [
        "# The participating states side by side",
        "",
        "Each state that took part in the CIS model law, with its instruments in four "
        "groups and each one's current status (the same matrix as `cisai compare`).",
        "",
        "| state | " + " | ".join(GROUP_LABELS.values()) + " |",
        "|---|" + "---|" * len(GROUP_LABELS),
    ]
    for row in comparison.rows:
        cells = []
        for group in GROUP_LABELS:
            entries = row.cells[group]
            cells.append(
                "<br>".join(f"{_link(ds, e.instrument.id, here)} ({e.status})" for e in entries)
                or "-"
            )
        lines.append(f"| {row.jurisdiction.name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


PRINCIPLES_PAGE = f"{ROOT}/principles.md"


def concept_anchor(concept_id: str) -> str:
    """The anchor of a principle concept on the principles page (concepts share ids with
    topics, so they get a prefix of their own)."""
    return f"concept-{concept_id}"


def principles_page(ds: Dataset) -> str:
    here = PRINCIPLES_PAGE
    lines = [
        "# Principles and competencies across the CIS",
        "",
        "## The principle concepts {#principle-concepts}",
        "",
        "cisai's own vocabulary for comparing principles. Which concepts a principle maps "
        "to is our editorial judgement, not a claim of its sources.",
        "",
    ]
    for concept in ds.principle_concepts:
        lines += [f"### {_cell(concept.label)} {{#{concept_anchor(concept.id)}}}", ""]
        also = ", ".join(f"`{a}`" for a in concept.aliases)
        russian = f" - {concept.label_ru}" if concept.label_ru else ""
        lines += [f"`{concept.id}`{russian}" + (f" - also: {also}" if also else ""), ""]
        lines += [concept.definition, ""]
        mapped = [p for p in ds.principles if concept.id in p.concepts]
        lines += [f"- {_link(ds, p.id, here)}: {_cell(p.name)}" for p in mapped] or [
            "No principle in the data maps to it yet."
        ]
        lines.append("")
    return "\n".join(lines) + "\n"


def timeline_page(ds: Dataset) -> str:
    here = f"{ROOT}/timeline.md"
    lines = [
        "# Timeline",
        "",
        "![Timeline of the instruments](timeline.svg)",
        "",
        "## The model law, step by step",
        "",
    ]
    lines += ["| date | event | note |", "|---|---|---|"]
    for event in ds.model_law.events:
        lines.append(f"| {event.date or 'undated'} | {event.kind.value} | {_cell(event.note)} |")
    lines += [
        "",
        "## Every dated instrument",
        "",
        *_instrument_rows(ds, [i for i in ds.instruments if i.date], here),
    ]
    return "\n".join(lines) + "\n"


# -- the timeline picture ------------------------------------------------------------------------

_COLOURS = {"law": "#c62828", "strategy": "#1565c0", "regulator": "#2e7d32", "other": "#757575"}


def timeline_svg(ds: Dataset) -> str:
    """An SVG timeline: a row per state, a dot per dated instrument, the model law's steps."""
    from cisai._comparison import group_of

    dated = [i for i in ds.instruments if i.date is not None]
    first = min(i.date.year for i in dated if i.date)  # type: ignore[union-attr]
    last = max(i.date.year for i in dated if i.date) + 1  # type: ignore[union-attr]
    rows = [j.code for j in ds.jurisdictions if any(i.jurisdiction == j.code for i in dated)]
    left, top, width, row_height = 150, 40, 820, 28
    height = top + row_height * len(rows) + 60

    def x(day: dt.date) -> float:
        start, end = dt.date(first, 1, 1), dt.date(last, 1, 1)
        return left + width * (day - start).days / (end - start).days

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {left + width + 30} {height}" '
        'font-family="sans-serif" font-size="12" role="img" '
        'aria-label="Timeline of AI instruments">',
        f"<title>Timeline of the AI instruments in cisai, {first}-{last - 1}</title>",
    ]
    for year in range(first, last + 1):
        px = x(dt.date(year, 1, 1))
        out.append(
            f'<line x1="{px:.1f}" y1="{top - 10}" x2="{px:.1f}" y2="{height - 40}" stroke="#ddd"/>'
        )
        if year < last:
            out.append(f'<text x="{px + 4:.1f}" y="{top - 14}" fill="#555">{year}</text>')
    names = {j.code: j.name if len(j.name) <= 16 else j.code for j in ds.jurisdictions}
    for index, code in enumerate(rows):
        y = top + row_height * index + row_height / 2
        name = html.escape(names[code])
        out.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{name}</text>')
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + width}" y2="{y:.1f}" stroke="#eee"/>'
        )
        for instrument in dated:
            if instrument.jurisdiction != code or instrument.date is None:
                continue
            mid = instrument.date.start + (instrument.date.end - instrument.date.start) / 2
            colour = _COLOURS[group_of(instrument)]
            label = html.escape(f"{instrument.date} {instrument.title} ({instrument.kind.value})")
            out.append(
                f'<circle cx="{x(mid):.1f}" cy="{y:.1f}" r="6" fill="{colour}" fill-opacity="0.8">'
                f"<title>{label}</title></circle>"
            )
        if code == "CIS":
            for event in ds.model_law.events:
                if event.date is None:
                    continue
                mid = event.date.start + (event.date.end - event.date.start) / 2
                px = x(mid)
                label = html.escape(f"{event.date} model law: {event.kind.value}")
                out.append(
                    f'<path d="M{px:.1f},{y - 11:.1f} l4,4 l-4,4 l-4,-4 z" fill="#6a1b9a">'
                    f"<title>{label}</title></path>"
                )
    legend_y = height - 20
    for n, (group, colour) in enumerate(_COLOURS.items()):
        out.append(f'<circle cx="{left + n * 110}" cy="{legend_y}" r="6" fill="{colour}"/>')
        out.append(
            f'<text x="{left + n * 110 + 10}" y="{legend_y + 4}">{GROUP_LABELS[group]}</text>'
        )
    out.append(f'<path d="M{left + 450},{legend_y - 5} l5,5 l-5,5 l-5,-5 z" fill="#6a1b9a"/>')
    out.append(f'<text x="{left + 460}" y="{legend_y + 4}">a step of the model law</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def generate_pages(ds: Dataset) -> dict[str, str]:
    """Every generated page of the catalogue: its path under docs/ and its content."""
    pages = {
        f"{ROOT}/index.md": index_page(ds),
        f"{ROOT}/topics.md": topics_page(ds),
        f"{ROOT}/years.md": years_page(ds),
        f"{ROOT}/bodies.md": bodies_page(ds),
        f"{ROOT}/unknowns.md": unknowns_page(ds),
        f"{ROOT}/comparison.md": comparison_page(ds),
        f"{ROOT}/timeline.md": timeline_page(ds),
        PRINCIPLES_PAGE: principles_page(ds),
        f"{ROOT}/timeline.svg": timeline_svg(ds),
    }
    for instrument in ds.instruments:
        pages[instrument_path(instrument.id)] = instrument_page(ds, instrument)
    return pages


# -- the mkdocs hook -------------------------------------------------------------------------------


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    for path, content in generate_pages(cisai.load()).items():
        files.append(File.generated(config, path, content=content))
    return files
