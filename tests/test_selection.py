"""``cisai._selection``: the immutable, ordered Selection with ``sorted``, ``ids`` and ``first``.

The direct tests use the small data of :mod:`small_data` with three instruments whose
order is known; the tests on the bundled data check the same on real records.
"""

from __future__ import annotations

import pytest

import cisai
from cisai import QueryError, Selection
from small_data import BASE, write

MORE = """\
  - id: by-ai-decree
    kind: decree
    titles: [{text: decree on AI, lang: en}]
    jurisdiction: BY
    status: draft
    summary: An undated decree.
    attestation: secondary_report
    confidence: medium
    sources: [src-one]
    added_in: "2026.11.0"
  - id: by-ai-concept
    kind: concept
    titles: [{text: Concept of AI, lang: en}]
    jurisdiction: BY
    date: 2024
    status: adopted
    summary: An earlier concept.
    attestation: secondary_report
    confidence: medium
    sources: [src-one]
    added_in: "2026.11.0"
"""


@pytest.fixture(scope="module")
def instruments(tmp_path_factory: pytest.TempPathFactory) -> Selection[cisai.Instrument]:
    path = write(tmp_path_factory.mktemp("sel"), BASE + MORE)
    return cisai.load(extra=[path], bundled=False).instruments


def test_undated_records_go_last_whatever_the_direction(
    instruments: Selection[cisai.Instrument],
) -> None:
    assert instruments.sorted("date").ids() == ("by-ai-concept", "by-ai-law", "by-ai-decree")
    assert instruments.sorted("date", reverse=True).ids() == (
        "by-ai-law",
        "by-ai-concept",
        "by-ai-decree",
    )


def test_text_sorts_without_regard_to_case(instruments: Selection[cisai.Instrument]) -> None:
    # "Concept ...", "decree ...", "Law ...": case-folded, not "C" < "L" < "d".
    assert instruments.sorted("title").ids() == ("by-ai-concept", "by-ai-decree", "by-ai-law")


def test_enums_sort_by_their_value(instruments: Selection[cisai.Instrument]) -> None:
    assert [i.status.value for i in instruments.sorted("status")] == [
        "adopted",
        "adopted",
        "draft",
    ]
    # Ties are broken by id, so the order is the same on every run.
    assert instruments.sorted("status").ids()[:2] == ("by-ai-concept", "by-ai-law")


def test_a_field_name_may_use_hyphens(instruments: Selection[cisai.Instrument]) -> None:
    assert instruments.sorted("added-in") == instruments.sorted("added_in")


def test_sorting_by_a_missing_field_suggests_one(instruments: Selection[cisai.Instrument]) -> None:
    with pytest.raises(QueryError, match="did you mean 'status'"):
        instruments.sorted("statsu")


def test_slices_are_selections_and_equal_tuples(instruments: Selection[cisai.Instrument]) -> None:
    head = instruments[:2]
    assert isinstance(head, Selection)
    assert head == tuple(instruments)[:2]
    assert head == Selection(tuple(instruments)[:2])
    assert hash(head) == hash(Selection(tuple(instruments)[:2]))
    assert head != list(head)  # a Selection equals a tuple of its records, not a list
    assert head.ids() == ("by-ai-concept", "by-ai-law")


def test_an_empty_selection(instruments: Selection[cisai.Instrument]) -> None:
    empty = Selection[cisai.Instrument]()
    assert len(empty) == 0
    assert empty.first() is None
    assert empty.ids() == ()
    assert empty.sorted("date") == empty
    assert repr(empty) == "<Selection of 0 records: >"


def test_a_detached_selection_cannot_be_filtered(
    instruments: Selection[cisai.Instrument],
) -> None:
    detached = Selection(tuple(instruments))
    assert detached.filter() == detached
    with pytest.raises(QueryError, match="not attached to a dataset"):
        detached.filter(jurisdiction="BY")


def test_repr_names_the_first_ids_and_how_many_more() -> None:
    sel = cisai.load().instruments
    text = repr(sel)
    assert text.startswith(f"<Selection of {len(sel)} Instruments: {sel[0].id}, ")
    assert text.endswith(f"... {len(sel) - 5} more>")


# -- moved from test_query.py ---------------------------------------------------------------------


def test_selection_is_an_immutable_sequence() -> None:
    sel = cisai.load().instruments
    assert isinstance(sel, Selection)
    assert len(sel) == len(list(sel)) > 0
    assert sel[0] in sel
    assert sel[:2] == Selection(tuple(sel)[:2])
    with pytest.raises(AttributeError):
        sel._items = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        sel[0] = sel[1]  # type: ignore[index]
    assert sel.first() is sel[0]
    assert sel.filter(text="zzzz-nothing-zzzz").first() is None
    assert "Selection of" in repr(sel)


def test_sorted_by_date_and_by_function() -> None:
    sel = cisai.load().instruments
    dated = [i for i in sel.sorted("date") if i.date is not None]
    assert [i.date for i in dated] == sorted(i.date for i in dated)
    newest_first = sel.sorted("date", reverse=True)
    assert newest_first.first() == max(dated, key=lambda i: (i.date, i.id))
    assert sel.sorted(key=lambda i: i.id).ids() == tuple(sorted(sel.ids()))
    with pytest.raises(QueryError, match="no such field"):
        sel.sorted("colour")
