"""The converter's fast path accepts exactly what cattrs' own generated function accepts.

Records are structured by a loop over the keys a mapping has, calling the same hooks
as the function cattrs generates; on any failure the mapping goes to that function,
whose error names every problem. These tests hold the two to the same answers: the
same record for a valid mapping, an error from both for an invalid one.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from cattrs.gen import make_dict_structure_fn
from hypothesis import given
from hypothesis import strategies as st

import cisai
from cisai.converter import converter, problems_of, structure
from cisai.model import RECORD_TYPES, Event, Instrument, Source, Title
from fuzzing import FUZZ, JSON_VALUES, record_like

CLASSES = [*RECORD_TYPES, Source, Event, Title]
REFERENCE = {
    cls: make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True) for cls in CLASSES
}


def outcome(call: Any) -> tuple[str, Any]:
    try:
        return "ok", call()
    except Exception as exc:
        return "error", sorted(problems_of(exc), key=repr)


def both(value: Any, cls: type[Any]) -> tuple[tuple[str, Any], tuple[str, Any]]:
    return outcome(lambda: structure(value, cls)), outcome(lambda: REFERENCE[cls](value, cls))


def test_every_bundled_record_gives_the_same_record() -> None:
    for record in cisai.load():
        value = cisai.to_dict(record)
        ours, reference = both(value, type(record))
        assert ours == reference == ("ok", record)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"colour": "red"}, ((("colour",), "unknown field"))),
        ({"kind": "statute"}, ((("kind",), "'statute' is not a valid InstrumentKind"))),
        ({"titles": "A title"}, ((("titles",), "expected a list, got a string"))),
    ],
)
def test_an_invalid_mapping_gets_cattrs_own_error(
    change: dict[str, Any], problem: tuple[tuple[str, ...], str]
) -> None:
    value = {**cisai.to_dict(cisai.load().model_law), **change}
    ours, reference = both(value, Instrument)
    assert ours == reference
    kind, problems = ours
    assert kind == "error"
    assert any(path == problem[0] and message.startswith(problem[1]) for path, message in problems)


def test_a_missing_required_field_is_named() -> None:
    value = cisai.to_dict(cisai.load().model_law)
    del value["titles"]
    ours, reference = both(value, Instrument)
    assert ours == reference == ("error", [(("titles",), "required field missing")])


@FUZZ
@given(st.sampled_from(CLASSES), st.data())
def test_arbitrary_mappings_get_the_same_answer(cls: type[Any], data: st.DataObject) -> None:
    value = json.loads(json.dumps(data.draw(st.one_of(JSON_VALUES, record_like(cls)))))
    if not isinstance(value, dict):  # refused before either function is reached
        assert outcome(lambda: structure(value, cls))[0] == "error"
        return
    ours, reference = both(value, cls)
    assert ours == reference


@FUZZ
@given(st.data())
def test_bundled_records_with_a_field_replaced_get_the_same_answer(data: st.DataObject) -> None:
    record = data.draw(st.sampled_from(list(cisai.load().instruments)))
    value = cisai.to_dict(record)
    key = data.draw(st.sampled_from(sorted(value)))
    value[key] = data.draw(JSON_VALUES)
    ours, reference = both(value, Instrument)
    assert ours == reference
