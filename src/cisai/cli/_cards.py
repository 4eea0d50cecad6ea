"""The readable cards of ``cisai show``: one record (or a principle concept) with its
references resolved to names, what points at it, and how we know it."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

import cisai
from cisai.cli._records import SINGULAR
from cisai.cli._tables import cell_text, clip, one_line, wrap_cell

# -- show ------------------------------------------------------------------------------


class _Card:
    """A text card built line by line, wrapped to the terminal width."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[str] = []

    def title(self, text: str) -> None:
        """The card's title, wrapped, underlined as wide as its longest line."""
        lines = textwrap.wrap(one_line(text), self.width) or [""]
        self.lines.extend(lines)
        self.lines.append("=" * max(len(line) for line in lines))

    def heading(self, text: str) -> None:
        if self.lines:
            self.lines.append("")
        self.lines.append(text)

    def field(self, label: str, value: str | None) -> None:
        if value is None or value == "":
            return
        prefix = f"{label + ':':<14}" if len(label) < 13 else f"{label}: "
        self.lines.extend(
            textwrap.wrap(
                value,
                self.width,
                initial_indent=prefix,
                subsequent_indent=" " * len(prefix),
                break_long_words=True,  # a long URL wraps rather than overflows
                break_on_hyphens=False,
            )
            or [prefix.rstrip()]
        )

    def para(self, text: str, indent: int = 2, first: str | None = None) -> None:
        lead = " " * indent if first is None else first
        self.lines.extend(
            textwrap.wrap(
                one_line(text),
                self.width,
                initial_indent=lead,
                subsequent_indent=" " * max(indent, len(lead) if first is not None else 0),
                break_long_words=True,  # a long URL wraps rather than overflows
                break_on_hyphens=False,
            )
            or [lead.rstrip()]
        )

    def url(self, url: str, indent: int = 2, first: str | None = None) -> None:
        """A URL on its own lines: a long one wraps after a ``/``, ``-``, ``?``, ``&`` or ``=``."""
        lead = " " * indent if first is None else first
        lines = wrap_cell(url, max(self.width - len(lead), 10), after=r"[-/_?&=.]")
        self.lines.append(lead + lines[0])
        self.lines.extend(" " * len(lead) + line for line in lines[1:])

    def render(self) -> str:
        return "\n".join(line.rstrip() for line in self.lines) + "\n"


def _name_of(ds: cisai.Dataset, record_id: str | None) -> str:
    """``Name (id)`` for a body, instrument, ... id, or the id alone if unknown."""
    if record_id is None:
        return ""
    if record_id not in ds:
        return record_id
    record = ds.get(record_id)
    name = _display_name(record)
    return record_id if name == record_id else f"{name} ({record_id})"


def _display_name(record: Any) -> str:
    if isinstance(record, cisai.Instrument):
        return record.title
    for field in ("name", "label"):
        value = getattr(record, field, None)
        if isinstance(value, str) and value:
            return value
    gist = getattr(record, "gist", None)
    if isinstance(gist, str) and gist:
        return clip(gist, 80)
    return str(record.id)


def full_name(record: Any) -> str:
    """A record's title, name, label or (uncut) gist, for a table cell that wraps."""
    gist = getattr(record, "gist", None)
    name = _display_name(record)
    return gist if isinstance(gist, str) and name.endswith("…") else name


def _jurisdiction(ds: cisai.Dataset, code: str) -> str:
    """``BY (Belarus)`` for a jurisdiction code."""
    names = {j.code: j.name for j in ds.jurisdictions}
    return f"{code} ({names[code]})" if code in names else code


def _source_lines(card: _Card, sources: Iterable[Any], indent: int) -> None:
    for source in sources:
        card.url(source.url, indent=indent + 2, first=" " * indent + "- ")
        details = [
            d
            for d in (
                source.title,
                source.publisher,
                source.kind.value,
                source.language,
                str(source.published) if source.published else None,
                None if source.retrieved else "not read",
            )
            if d
        ]
        card.para(", ".join(details), indent=indent + 2)
        if source.note:
            card.para(source.note, indent=indent + 2)


def _instrument_card(ds: cisai.Dataset, inst: Any, card: _Card) -> None:
    card.title(inst.title)
    for title in inst.titles[1:]:
        label = f"{title.lang}, {title.kind.value}"
        card.para(title.text, indent=4, first=f"  [{label}] ")
    card.lines.append("")
    card.field("Id", inst.id)
    card.field("Kind", inst.kind.value)
    card.field("Number", inst.number)
    card.field("Jurisdiction", _jurisdiction(ds, inst.jurisdiction))
    card.field("Issuers", "; ".join(_name_of(ds, b) for b in inst.issuers))
    card.field("Date", str(inst.date) if inst.date else "undated")
    card.field("Status", inst.status.value)
    card.field("Topics", ", ".join(inst.topics))
    _how_we_know(inst, card)
    card.heading("Summary")
    for paragraph in inst.summary.split("\n\n"):
        card.para(paragraph)
    _timeline(ds, inst, card)
    _relations(ds, inst, card)
    _parts(ds, inst, card)


def _timeline(ds: cisai.Dataset, inst: cisai.Instrument, card: _Card) -> None:
    """Each event: its date, kind, acting body, place and confidence, note and sources."""
    if inst.events:
        card.heading("Timeline")
    for event in inst.events:
        when = str(event.date) if event.date else "undated"
        head = event.kind.value
        if event.body:
            head += f" - {_name_of(ds, event.body)}"
        if event.place:
            head += f", {event.place}"
        if event.confidence is not None:
            head += f" (confidence {event.confidence.value})"
        card.para(head, indent=14, first=f"  {when:<10}  ")
        if event.note:
            card.para(event.note, indent=14)
        for source in event.sources:
            card.url(source.url, indent=14)


def _relations(ds: cisai.Dataset, inst: cisai.Instrument, card: _Card) -> None:
    """The instrument's relations both ways: ``->`` its own, ``<-`` those pointing at it."""
    incoming = ds.referring_to(inst.id)
    if inst.relations or incoming:
        card.heading("Relations")
    for relation in inst.relations:
        text = f"{relation.kind.value} {_name_of(ds, relation.target)}"
        card.para(_with_note(text, relation.note), indent=4, first="  -> ")
    for other, relation in incoming:
        text = f"{_name_of(ds, other.id)} {relation.kind.value} this"
        card.para(_with_note(text, relation.note), indent=4, first="  <- ")


def _with_note(text: str, note: str | None) -> str:
    return f"{text} - {note}" if note else text


def _parts(ds: cisai.Dataset, inst: cisai.Instrument, card: _Card) -> None:
    """The principles, competencies, ... recorded for the instrument."""
    parts = ds.parts_of(inst.id)
    if parts:
        card.heading("Parts")
    for part in parts:
        kind = SINGULAR[type(part).collection].replace("_", " ")
        card.para(f"{part.id}: {_display_name(part)}", indent=4, first=f"  [{kind}] ")


# Fields rendered as wrapped paragraphs rather than one-line fields.
_LONG_FIELDS = ("description", "gist", "wording", "summary", "comments_per_stage")
# Fields whose value is the id of another record.
_REFERENCE_FIELDS = ("instrument", "holder", "parent", "established_by")


def _generic_card(ds: cisai.Dataset, record: Any, card: _Card) -> None:
    kind = SINGULAR[type(record).collection].replace("_", " ")
    named = any(isinstance(getattr(record, f, None), str) for f in ("name", "label"))
    title = _display_name(record) if named else f"{kind.capitalize()} {record.id}"
    card.title(title)
    for name in getattr(record, "names", ()):
        card.para(name.text, indent=4, first=f"  [{name.lang}, {name.kind.value}] ")
    card.lines.append("")
    card.field("Type", kind)
    long: list[tuple[str, str]] = []
    for field in cisai.field_order(type(record)):
        value = getattr(record, field)
        if field in cisai.PROVENANCE_FIELDS or field == "names" or value is None or value == ():
            continue
        label = field.replace("_", " ").capitalize()
        if field in _LONG_FIELDS:
            long.append((label, cell_text(value)))
        else:
            card.field(label, _field_text(ds, field, value))
    _how_we_know(record, card)
    for label, text in long:
        card.heading(label)
        card.para(text)
    _related(ds, record, card)


def _field_text(ds: cisai.Dataset, field: str, value: Any) -> str:
    """A field's value on one line: references by name, a jurisdiction with its name."""
    if field in _REFERENCE_FIELDS and isinstance(value, str):
        return _name_of(ds, value)
    if field == "jurisdiction" and isinstance(value, str):
        return _jurisdiction(ds, value)
    if isinstance(value, tuple):
        return ", ".join(cell_text(v) for v in value)
    return cell_text(value)


def _related(ds: cisai.Dataset, record: Any, card: _Card) -> None:
    """Records that point at this one: issued instruments, sub-bodies, tagged records."""
    listings: list[tuple[str, Sequence[Any]]] = []
    if isinstance(record, cisai.Body):
        issued = [i for i in ds.instruments if record.id in i.issuers]
        acting = [
            i
            for i in ds.instruments
            if record.id not in i.issuers and any(e.body == record.id for e in i.events)
        ]
        listings += [
            ("Issued", issued),
            ("Acted in", acting),
            ("Bodies under it", [b for b in ds.bodies if b.parent == record.id]),
            ("Competencies held", [c for c in ds.competencies if c.holder == record.id]),
        ]
    elif isinstance(record, cisai.Topic):
        listings += [
            ("Sub-topics", [t for t in ds.topics if t.parent == record.id]),
            ("Instruments", [i for i in ds.instruments if record.id in i.topics]),
        ]
    elif isinstance(record, cisai.Jurisdiction):
        listings += [
            ("Instruments", [i for i in ds.instruments if i.jurisdiction == record.code]),
            ("Bodies", [b for b in ds.bodies if b.jurisdiction == record.code]),
        ]
    for label, records in listings:
        if records:
            card.heading(f"{label} ({len(records)})")
            for other in records:
                card.para(_name_of(ds, other.id), indent=4, first="  - ")


def _how_we_know(record: Any, card: _Card) -> None:
    """The provenance shown among the fields: attestation and confidence, the data
    versions, and (only when true) that the record overrides a bundled one."""
    attestation = getattr(record, "attestation", None)
    if attestation is not None:
        card.field("Attestation", f"{attestation.value} (confidence: {record.confidence.value})")
    added = f"added in {record.added_in}"
    if record.changed_in:
        added += f", changed in {record.changed_in}"
    card.field("Data version", added)
    if record.override:
        card.field("Override", "yes: from your data, replacing the bundled record of this id")


SHOWN_PROVENANCE = frozenset(
    {"attestation", "confidence", "added_in", "changed_in", "override"}  # _how_we_know
    | {"notes", "unknowns", "sources"}  # _provenance, at the end of the card
)
"""The provenance fields every card shows, each in one place for every record type;
tests hold it equal to the model's provenance fields (``cisai.PROVENANCE_FIELDS``)."""


def _provenance(record: Any, card: _Card) -> None:
    notes = getattr(record, "notes", ())
    if notes:
        card.heading("Notes")
        for note in notes:
            card.para(note, indent=4, first="  - ")
    unknowns = getattr(record, "unknowns", ())
    if unknowns:
        card.heading("Unknowns")
        for unknown in unknowns:
            card.para(f"Not known: {unknown.field} - {unknown.note}", indent=4, first="  - ")
    sources = getattr(record, "sources", ())
    if sources:
        card.heading("Sources")
        _source_lines(card, sources, indent=2)


def render_card(ds: cisai.Dataset, record: Any, width: int) -> str:
    """The human-readable text of ``cisai show`` for any record."""
    card = _Card(width)
    if isinstance(record, cisai.Instrument):
        _instrument_card(ds, record, card)
    else:
        _generic_card(ds, record, card)
        incoming = ds.referring_to(record.id)
        if incoming:
            card.heading("Referred to by")
            for other, relation in incoming:
                card.para(
                    f"{_name_of(ds, other.id)} ({relation.kind.value})", indent=4, first="  <- "
                )
    _provenance(record, card)
    return card.render()


def concept_card(ds: cisai.Dataset, concept: cisai.PrincipleConcept, width: int) -> str:
    """The text of ``cisai show`` for a principle concept, with the principles mapped to it."""
    card = _Card(width)
    card.lines += [concept.label, "=" * min(len(concept.label), width)]
    if concept.label_ru:
        card.lines.append(f"  [ru] {concept.label_ru}")
    card.lines.append("")
    card.field("Type", "principle concept (cisai's vocabulary; the mapping is editorial)")
    card.field("Id", concept.id)
    card.field("Aliases", ", ".join(concept.aliases))
    _how_we_know(concept, card)
    card.heading("Definition")
    card.para(concept.definition)
    card.heading("Principles mapped to it")
    principles = ds.principles.filter(concept=concept.id)
    for principle in principles:
        card.para(f"{principle.name} ({principle.id})", indent=4, first="  - ")
    if not principles:
        card.para(cisai.NOT_FOUND)
    return card.render()
