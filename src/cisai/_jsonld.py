"""schema.org JSON-LD: instruments as ``Legislation``, for trackers and knowledge graphs.

The mapping follows schema.org's Legislation type (derived from ELI): identifier,
date, type, jurisdiction, the bodies that passed it, its legal force, its titles by
language, its summary, its topics, and its sources as ``sameAs``/``citation``. Only
the relations that have a schema.org property are mapped (amends, implements, based
on, part of); the full data is in the JSON document.

An instrument's principles, competencies and prohibitions are its ``hasPart``: each a
``CreativeWork`` whose ``genre`` says what it is, whose ``about`` names its principle
concepts (as ``DefinedTerm`` s of cisai's vocabulary) or the body holding the power, and
whose ``citation`` gives its sources and locators (``name``: the article, ``url``: the
source that places it there).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cisai._arguments import require
from cisai._dataset import Dataset
from cisai._errors import ArgumentError
from cisai._model import (
    RECORD_TYPES,
    TYPE_NAMES,
    Body,
    Competency,
    Instrument,
    InstrumentStatus,
    Principle,
    Prohibition,
    RelationKind,
    Topic,
)

__all__ = ["SCHEMA_ORG_CONTEXT", "to_jsonld"]

SCHEMA_ORG_CONTEXT = "https://schema.org"
_BASE = "https://cisai.readthedocs.io/data/"

_FORCE = {
    InstrumentStatus.IN_FORCE: "InForce",
    InstrumentStatus.PARTIALLY_IN_FORCE: "PartiallyInForce",
    InstrumentStatus.NOT_IN_FORCE: "NotInForce",
    InstrumentStatus.EXPIRED: "NotInForce",
    InstrumentStatus.REPEALED: "NotInForce",
    InstrumentStatus.SUPERSEDED: "NotInForce",
}
_RELATIONS = {
    RelationKind.AMENDS: "legislationAmends",
    RelationKind.IMPLEMENTS: "legislationEnsuresImplementationOf",
    RelationKind.BASED_ON: "isBasedOn",
    RelationKind.PART_OF: "isPartOf",
}


_PARTS = (Principle, Competency, Prohibition)
"""The parts JSON-LD gives as an instrument's ``hasPart``; a part's genre is its type name."""


def _part_node(part: Principle | Competency | Prohibition, dataset: Dataset) -> dict[str, Any]:
    """A principle, competency or prohibition as a schema.org ``CreativeWork``."""
    node: dict[str, Any] = {
        "@type": "CreativeWork",
        "@id": f"{_BASE}{part.id}",
        "identifier": part.id,
        "genre": TYPE_NAMES[type(part)],
        "abstract": part.gist,
        "alternateName": [{"@value": t.text, "@language": t.lang} for t in part.names],
        "citation": [{"@type": "CreativeWork", "url": s.url} for s in part.sources]
        + [
            {"@type": "CreativeWork", "name": loc.text, "url": loc.source.url}
            for loc in part.locators
        ],
    }
    if part.name is not None:
        node["name"] = part.name
    if isinstance(part, Principle):
        node["about"] = [
            {
                "@type": "DefinedTerm",
                "termCode": concept,
                "name": dataset.principle_concept(concept).label,
                "inDefinedTermSet": f"{_BASE}principle-concepts",
            }
            for concept in part.concepts
        ]
    if isinstance(part, Competency):
        node["additionalType"] = part.kind.value
        if part.holder is not None:
            holder = dataset.get(part.holder)
            name = holder.name if isinstance(holder, Body) else part.holder
            node["about"] = [
                {"@type": "Organization", "@id": f"{_BASE}{part.holder}", "name": name}
            ]
    return node


def _name_of(record_id: str, dataset: Dataset) -> str:
    """A body's name or a topic's label, for a reader of the graph who does not know our
    ids; the id itself when ``dataset`` lacks the record (user data may refer beyond it)."""
    if record_id in dataset:
        record = dataset[record_id]
        if isinstance(record, Body):
            return record.name
        if isinstance(record, Topic):
            return record.label
    return record_id


def _node(instrument: Instrument, dataset: Dataset) -> dict[str, Any]:
    """An instrument as a schema.org ``Legislation``: first the properties every instrument
    has, then those it may lack, which are left out rather than given as null."""
    node: dict[str, Any] = {
        "@type": "Legislation",
        "@id": f"{_BASE}{instrument.id}",
        "identifier": instrument.id,
        "name": instrument.title,
        "alternateName": [{"@value": t.text, "@language": t.lang} for t in instrument.titles[1:]],
        "inLanguage": sorted({t.lang for t in instrument.titles}),
        "legislationType": instrument.kind.value,
        "legislationJurisdiction": instrument.jurisdiction,
        "abstract": instrument.summary,
        "creativeWorkStatus": instrument.status.value,
        "about": [_name_of(t, dataset) for t in instrument.topics],
        "sameAs": [s.url for s in instrument.sources],
    }
    node.update(_optional_properties(instrument, dataset))
    node.update(_relation_properties(instrument))
    parts = _has_part(instrument, dataset)
    if parts:
        node["hasPart"] = parts
    return node


def _optional_properties(instrument: Instrument, dataset: Dataset) -> dict[str, Any]:
    """The Legislation properties of facts an instrument may lack (its number, date,
    issuers) or that schema.org cannot say (a status with no legal force value)."""
    properties: dict[str, Any] = {}
    if instrument.number is not None:
        properties["legislationIdentifier"] = instrument.number
    if instrument.date is not None:
        properties["legislationDate"] = str(instrument.date)
    if instrument.issuers:
        properties["legislationPassedBy"] = [
            {"@type": "Organization", "@id": f"{_BASE}{b}", "name": _name_of(b, dataset)}
            for b in instrument.issuers
        ]
    if instrument.status in _FORCE:
        properties["legislationLegalForce"] = _FORCE[instrument.status]
    return properties


def _relation_properties(instrument: Instrument) -> dict[str, list[dict[str, str]]]:
    """The relations that schema.org has a property for, each property listing its targets;
    the other relations are only in the JSON document."""
    properties: dict[str, list[dict[str, str]]] = {}
    for relation in instrument.relations:
        key = _RELATIONS.get(relation.kind)
        if key is not None:
            properties.setdefault(key, []).append({"@id": f"{_BASE}{relation.target}"})
    return properties


def _has_part(instrument: Instrument, dataset: Dataset) -> list[dict[str, Any]]:
    """The instrument's principles, competencies and prohibitions as ``CreativeWork`` s;
    none when ``dataset`` does not hold the instrument (its parts are in the dataset)."""
    if instrument.id not in dataset:
        return []
    parts = [p for p in dataset.parts_of(instrument.id) if isinstance(p, _PARTS)]
    return [_part_node(p, dataset) for p in parts]


def to_jsonld(
    obj: Instrument | Dataset | Iterable[Any], dataset: Dataset | None = None
) -> dict[str, Any]:
    """schema.org JSON-LD for an instrument, or a ``@graph`` of the instruments among ``obj``.

    Body and topic names are taken from ``dataset``, or ``obj`` itself when it is a
    Dataset. The caller resolves the default (``cisai.to_jsonld``: the bundled dataset);
    this module, an output, does not load data.
    """
    if dataset is not None:
        require(dataset, Dataset, "dataset", "a cisai.Dataset or None")
    if isinstance(obj, Dataset):
        dataset = dataset or obj
        instruments: list[Instrument] = list(obj.instruments)
    elif isinstance(obj, Instrument):
        instruments = [obj]
    elif isinstance(obj, RECORD_TYPES):
        raise ArgumentError(
            f"a {type(obj).__name__} has no JSON-LD of its own: JSON-LD describes instruments, "
            "with their principles, competencies and prohibitions as hasPart"
        )
    else:
        from cisai._tabular import records_of

        instruments = [r for r in records_of(obj) if isinstance(r, Instrument)]
    if dataset is None:
        raise ArgumentError("dataset: give the Dataset whose names to use (cisai.to_jsonld does)")
    if isinstance(obj, Instrument):
        return {"@context": SCHEMA_ORG_CONTEXT, **_node(obj, dataset)}
    return {"@context": SCHEMA_ORG_CONTEXT, "@graph": [_node(i, dataset) for i in instruments]}
