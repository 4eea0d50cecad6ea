"""``cisai._jsonld``: instruments as schema.org ``Legislation`` nodes, for linked-data tools."""

from __future__ import annotations

import pytest

import cisai
from cisai import Dataset


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return cisai.load()


def test_jsonld_maps_instruments_to_legislation(ds: Dataset) -> None:
    node = cisai.to_jsonld(ds.model_law)
    assert node["@context"] == "https://schema.org"
    assert node["@type"] == "Legislation"
    assert node["legislationDate"] == "2025-04-18"
    assert node["legislationJurisdiction"] == "CIS"
    assert node["legislationPassedBy"][0]["name"]
    assert any(t["@language"] == "ru" for t in node["alternateName"])
    assert all(url.startswith("http") for url in node["sameAs"])
    graph = cisai.to_jsonld(ds)["@graph"]
    assert len(graph) == len(ds.instruments)
    in_force = [n for n in graph if n.get("legislationLegalForce") == "InForce"]
    assert {n["identifier"] for n in in_force} == set(
        ds.instruments.filter(status="in_force").ids()
    )


def test_names_come_from_the_dataset_given() -> None:
    """The output takes its dataset from the caller; a dataset of its own is used as is."""
    ds = cisai.load()
    instrument = ds.model_law
    assert cisai.to_jsonld(instrument, ds) == cisai.to_jsonld(instrument)
    single = cisai.to_jsonld(ds.instruments[0], ds)
    del single["@context"]
    assert cisai.to_jsonld(ds)["@graph"][0] == single


@pytest.mark.parametrize("collection", ["topics", "bodies", "principles", "jurisdictions"])
def test_a_record_that_is_not_an_instrument_is_refused_not_an_empty_graph(collection: str) -> None:
    record = cisai.load().collections()[collection][0]
    with pytest.raises(cisai.ArgumentError, match="describes instruments"):
        cisai.to_jsonld(record)


def test_the_cli_refuses_json_ld_of_other_record_types() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "cisai", "export", "--format", "jsonld", "bodies"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "JSON-LD describes instruments" in result.stderr
    assert result.stdout == ""
