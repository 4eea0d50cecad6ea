"""The index: built completely by its constructor, and its lookups equal a plain scan."""

from __future__ import annotations

import datetime as dt
import threading

from hypothesis import given, settings
from hypothesis import strategies as st

import cisai
from cisai._dates import PartialDate
from cisai._index import Index, date_order

DS = cisai.load()
RECORDS = list(DS)


def _state(index: Index) -> dict[str, object]:
    """Every attribute of the index, copied deeply enough to see any change."""
    return {name: repr(value) for name, value in sorted(vars(index).items())}


def test_queries_change_nothing_inside_the_index() -> None:
    ds = cisai.from_json(cisai.to_json(DS))  # a dataset of its own, queried only here
    before = _state(ds._index)
    ds.instruments.filter(topic="ai")
    ds.instruments.filter(topic="ai")
    ds.instruments.filter(topic=["ai", "data-protection"], since="2024", until="2025-06")
    ds.principles.filter(jurisdiction="KZ", concept="transparency")
    ds.bodies.filter(jurisdiction="BY")
    assert _state(ds._index) == before


def test_instruments_are_in_date_order_undated_last() -> None:
    index = Index(RECORDS)
    assert list(index.ordered) == sorted(index.ordered, key=date_order)
    dated = [i.date is not None for i in index.ordered]
    assert dated == sorted(dated, reverse=True)
    assert DS.instruments._items is DS._index.ordered  # the positions refer to it


@settings(max_examples=60, deadline=None)
@given(
    st.none() | st.dates(dt.date(2015, 1, 1), dt.date(2027, 12, 31)),
    st.none() | st.dates(dt.date(2015, 1, 1), dt.date(2027, 12, 31)),
)
def test_date_hits_are_the_overlapping_instruments(
    low: dt.date | None, high: dt.date | None
) -> None:
    index = DS._index

    def overlaps(date: PartialDate | None) -> bool:
        if date is None:
            return False
        return (low is None or date.end >= low) and (high is None or date.start <= high)

    expected = [p for p, i in enumerate(index.ordered) if overlaps(i.date)]
    assert index.date_hits(low, high) == expected


@settings(max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(sorted(t.id for t in DS.topics)), min_size=1, max_size=3))
def test_topic_hits_are_the_instruments_on_those_topics(wanted: set[str]) -> None:
    index = DS._index
    expected = [p for p, i in enumerate(index.ordered) if set(i.topics) & wanted]
    assert list(index.topic_hits(frozenset(wanted))) == expected


def test_a_topic_resolves_to_its_subtree_by_id_or_alias() -> None:
    index = DS._index
    parent = next(t for t in DS.topics if any(c.parent == t.id for c in DS.topics))
    children = {c.id for c in DS.topics if c.parent == parent.id}
    assert children | {parent.id} <= index.topics(parent.id)
    for alias in parent.aliases:
        assert index.topics(alias) == index.topics(parent.id)


def test_referring_to_finds_every_relation_pointing_at_a_record() -> None:
    index = DS._index
    for instrument in DS.instruments:
        for relation in instrument.relations:
            assert (instrument, relation) in index.referring_to(relation.target)
    assert index.referring_to("no-such-record") == ()


def test_one_dataset_answers_threads_alike() -> None:
    expected = DS.instruments.filter(topic="ai", since="2024").ids()
    answers: list[tuple[str, ...]] = []

    def ask() -> None:
        for _ in range(20):
            answers.append(DS.instruments.filter(topic="ai", since="2024").ids())

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [expected] * 80


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(sorted(t.id for t in DS.topics)))
def test_a_query_on_one_topic_alone_is_the_scan(topic: str) -> None:
    wanted = DS._index.topics(topic)
    expected = tuple(i for i in DS.instruments if not wanted.isdisjoint(i.topics))
    assert tuple(DS.instruments.filter(topic=topic)) == expected
    assert tuple(DS.instruments.filter(topic=[topic])) == expected
