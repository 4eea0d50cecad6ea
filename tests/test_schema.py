"""``cisai._schema``: the JSON Schema of the Dataset document, derived from the record classes.

Anyone reading the export without Python validates against this schema, so it must
accept every document cisai writes and refuse what the loader refuses.
"""

from __future__ import annotations

import importlib.resources
import json
import re
from typing import Any

import attrs
import jsonschema
import pytest

import cisai
from cisai import Dataset
from cisai._model import RECORD_TYPES


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return cisai.load()


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return cisai.json_schema()


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"].endswith(f"/{cisai.SCHEMA_VERSION}/dataset.schema.json")
    assert schema["additionalProperties"] is False
    for definition in schema["$defs"].values():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False


def test_schema_is_derived_from_the_classes(schema: dict[str, Any]) -> None:
    for cls in RECORD_TYPES:
        properties = schema["$defs"][cls.__name__]["properties"]
        assert set(properties) == {a.name for a in attrs.fields(cls)}
    assert schema["$defs"]["InstrumentKind"]["enum"] == [k.value for k in cisai.InstrumentKind]
    assert schema["$defs"]["PartialDate"]["pattern"] == "^[0-9]{4}(-[0-9]{2}){0,2}$"


def test_shipped_schema_file_equals_the_generated_one(schema: dict[str, Any]) -> None:
    shipped = importlib.resources.files("cisai") / "schema" / "dataset.schema.json"
    assert json.loads(shipped.read_text("utf-8")) == schema, (
        "run: python scripts/update_generated.py"
    )


def test_export_validates_against_the_schema(ds: Dataset, schema: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    errors = list(validator.iter_errors(cisai.to_dict(ds)))
    assert not errors, errors[0].message


def test_schema_rejects_what_the_loader_rejects(ds: Dataset, schema: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    for mutate in (
        lambda d: d["instruments"][0].__setitem__("colour", "red"),
        lambda d: d["instruments"][0].__setitem__("date", "2025-7"),
        lambda d: d["instruments"][0].__setitem__("kind", "lawz"),
        lambda d: d["bodies"][0].__setitem__("sources", []),
        lambda d: d["bodies"][0]["sources"][0].__setitem__("url", "https://example.org/a b"),
        lambda d: d.__setitem__("schema_version", "2.0"),
    ):
        document = cisai.to_dict(ds)
        mutate(document)
        assert not validator.is_valid(document)
        with pytest.raises((cisai.DataError, cisai.SchemaError)):
            cisai.from_json(json.dumps(document))


def test_the_document_keys_are_written_read_and_described_in_one_order() -> None:
    from cisai._version import DOCUMENT_KEYS

    document = cisai.to_dict(cisai.load())
    assert tuple(document)[: len(DOCUMENT_KEYS)] == DOCUMENT_KEYS
    properties = tuple(cisai.json_schema()["properties"])
    assert properties[: len(DOCUMENT_KEYS)] == DOCUMENT_KEYS


# Every character Python or JavaScript counts as whitespace, the controls, and a few that
# neither does (letters, a zero-width space): a URL holding one is judged the same way by
# the loader, by the schema in Python, and by the schema in JavaScript (what ajv runs).
URL_CHARACTERS = sorted(
    {chr(c) for c in range(0x110000) if chr(c).isspace()}
    | {chr(c) for c in (*range(0x21), *range(0x7F, 0xA1))}
    | set("\u1680\u180e\u200b\u2060\ufeff\u00e9\u0436/?#%~")
)


def _url_cases() -> list[str]:
    return [f"https://example.org/a{c}b" for c in URL_CHARACTERS] + [
        "https://example.org",
        "http://a.b",
        "https://",
        "ftp://example.org/file",
        " https://example.org",
    ]


def test_the_schema_judges_a_url_as_the_loader_does(schema: dict[str, Any]) -> None:
    import shutil
    import subprocess

    from cisai._checks import is_url

    pattern = schema["$defs"]["Source"]["properties"]["url"]["pattern"]
    cases = _url_cases()
    loader = [is_url(url) for url in cases]
    assert [re.search(pattern, url) is not None for url in cases] == loader
    assert True in loader
    assert False in loader
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the JavaScript side was not checked")
    script = (
        "const [p, cases] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const r = new RegExp(p, 'u');"  # ajv compiles patterns with the u flag
        "console.log(JSON.stringify(cases.map((c) => r.test(c))));"
    )
    result = subprocess.run(
        ["node", "-e", script],
        input=json.dumps([pattern, cases]),
        capture_output=True,
        text=True,
        check=True,
    )
    javascript = json.loads(result.stdout)
    differ = [repr(c) for c, js, py in zip(cases, javascript, loader, strict=True) if js != py]
    assert not differ, differ
