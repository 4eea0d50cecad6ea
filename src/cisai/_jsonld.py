"""schema.org JSON-LD: instruments as ``Legislation``, for trackers and knowledge graphs.

The mapping follows schema.org's Legislation type (derived from ELI): identifier,
date, type, jurisdiction, the bodies that passed it, its legal force, its titles by
language, its summary, its topics, and its sources as ``sameAs``/``citation``. Only
the relations that have a schema.org property are mapped (amends, implements, based
on, part of); the full data is in the JSON document.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cisai._arguments import kind_of
from cisai._dataset import Dataset
from cisai._errors import ArgumentError
from cisai._model import Body, Instrument, InstrumentStatus, RelationKind, Topic

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


def _node(instrument: Instrument, dataset: Dataset | None) -> dict[str, Any]:
    def name_of(record_id: str) -> str:
        if dataset is not None and record_id in dataset:
            record = dataset[record_id]
            if isinstance(record, Body):
                return record.name
            if isinstance(record, Topic):
                return record.label
        return record_id

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
        "about": [name_of(t) for t in instrument.topics],
        "sameAs": [s.url for s in instrument.sources],
    }
    if instrument.number is not None:
        node["legislationIdentifier"] = instrument.number
    if instrument.date is not None:
        node["legislationDate"] = str(instrument.date)
    if instrument.issuers:
        node["legislationPassedBy"] = [
            {"@type": "Organization", "@id": f"{_BASE}{b}", "name": name_of(b)}
            for b in instrument.issuers
        ]
    if instrument.status in _FORCE:
        node["legislationLegalForce"] = _FORCE[instrument.status]
    for relation in instrument.relations:
        key = _RELATIONS.get(relation.kind)
        if key is not None:
            node.setdefault(key, []).append({"@id": f"{_BASE}{relation.target}"})
    return node


def to_jsonld(
    obj: Instrument | Dataset | Iterable[Any], dataset: Dataset | None = None
) -> dict[str, Any]:
    """schema.org JSON-LD for an instrument, or a ``@graph`` of the instruments among ``obj``.

    Body and topic names are taken from ``dataset`` (by default the bundled dataset,
    or ``obj`` itself when it is a Dataset).
    """
    if dataset is not None and not isinstance(dataset, Dataset):
        raise ArgumentError(f"dataset: expected a cisai.Dataset or None, not {kind_of(dataset)}")
    if isinstance(obj, Dataset):
        dataset = dataset or obj
        instruments: list[Instrument] = list(obj.instruments)
    elif isinstance(obj, Instrument):
        instruments = [obj]
    else:
        from cisai._tabular import records_of

        instruments = [r for r in records_of(obj) if isinstance(r, Instrument)]
    if dataset is None:
        from cisai._loading import load

        dataset = load()
    if isinstance(obj, Instrument):
        return {"@context": SCHEMA_ORG_CONTEXT, **_node(obj, dataset)}
    return {"@context": SCHEMA_ORG_CONTEXT, "@graph": [_node(i, dataset) for i in instruments]}
