"""``cisai._dataset``: the Dataset of one load - its collections, lookups and counts.

Built here from the small data of :mod:`small_data` (plus a few records added to it),
so each assertion can be checked by reading the file: which record ``get`` returns,
in what order ``instruments`` come, what ``parts_of`` and ``referring_to`` find.
"""

from __future__ import annotations

import pytest

import cisai
from cisai import Dataset, NotFoundError
from small_data import BASE, PRINCIPLE, REVIEW, variant, write

# Two more instruments: one undated, one dated before the base law and amending it.
MORE = """\
  - id: by-ai-decree
    kind: decree
    titles: [{text: Decree on AI, lang: en}]
    jurisdiction: BY
    status: adopted
    summary: An undated decree.
    attestation: secondary_report
    confidence: medium
    sources: [src-one]
    added_in: "2026.11.0"
  - id: by-ai-concept
    kind: concept
    titles: [{text: Concept of AI, lang: en}]
    jurisdiction: BY
    date: 2024-12
    status: adopted
    summary: An earlier concept.
    relations: [{kind: related_to, target: by-ai-law}]
    attestation: secondary_report
    confidence: medium
    sources: [src-one]
    added_in: "2026.11.0"
"""

CONCEPTS = """\
principle_concepts:
  - id: human-oversight
    label: Human oversight
    definition: People stay in control.
    aliases: [Human Control]
    added_in: "2026.11.0"
"""


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    text = variant(("principles:\n", CONCEPTS + "principles:\n"), text=PRINCIPLE)
    path = write(tmp_path_factory.mktemp("ds"), BASE + MORE + text + REVIEW)
    return cisai.load(extra=[path], bundled=False)


def test_instruments_are_in_date_order_with_undated_last(ds: Dataset) -> None:
    assert ds.instruments.ids() == ("by-ai-concept", "by-ai-law", "by-ai-decree")


def test_other_collections_keep_the_order_of_the_files(ds: Dataset) -> None:
    assert ds.principles.ids() == ("by-ai-law-human-oversight",)
    assert ds.review_processes.ids() == ("by-ai-law-review",)
    assert ds.jurisdictions.ids() == ("belarus",)


def test_get_returns_the_record_of_that_id(ds: Dataset) -> None:
    law = ds.get("by-ai-law")
    assert isinstance(law, cisai.Instrument)
    assert law.id == "by-ai-law"
    assert ds["nasb"] is ds.get("nasb")


@pytest.mark.parametrize("wrong", ["by-ai-lw", "", 12, None])
def test_an_unknown_id_is_not_found_with_a_suggestion(ds: Dataset, wrong: object) -> None:
    with pytest.raises(NotFoundError) as info:
        ds.get(wrong)  # type: ignore[arg-type]
    assert isinstance(info.value, KeyError)
    assert f"no record with id {wrong!r}" in str(info.value)
    assert wrong not in ds


def test_the_suggestion_names_the_closest_id(ds: Dataset) -> None:
    with pytest.raises(NotFoundError, match="did you mean 'by-ai-law'"):
        ds.get("by-ai-lw")


def test_len_and_iteration_count_every_record_once(ds: Dataset) -> None:
    records = list(ds)
    # 1 topic, 1 concept, 1 jurisdiction, 1 body, 3 instruments, 1 principle, 1 review
    assert len(ds) == len(records) == 9
    assert len({id(r) for r in records}) == 9
    assert sum(len(group) for group in ds.collections().values()) == 9


def test_principle_concepts_have_their_own_lookup(ds: Dataset) -> None:
    concept = ds.principle_concept("human-oversight")
    assert ds.principle_concept("human control") is concept
    assert ds.principle_concept("HUMAN CONTROL") is concept
    assert "human-oversight" not in ds  # ids of concepts are not record ids
    with pytest.raises(NotFoundError, match="did you mean 'human-oversight'"):
        ds.principle_concept("human-oversite")


def test_parts_of_an_instrument(ds: Dataset) -> None:
    assert set(ds.parts_of("by-ai-law").ids()) == {"by-ai-law-human-oversight", "by-ai-law-review"}
    assert ds.parts_of("by-ai-decree").ids() == ()
    with pytest.raises(NotFoundError):
        ds.parts_of("by-ai-lw")


def test_referring_to_finds_the_relations_pointing_at_a_record(ds: Dataset) -> None:
    ((instrument, relation),) = ds.referring_to("by-ai-law")
    assert instrument.id == "by-ai-concept"
    assert relation.target == "by-ai-law"
    assert ds.referring_to("by-ai-concept") == ()
    with pytest.raises(NotFoundError):
        ds.referring_to("by-ai-lw")


def test_user_data_has_no_data_version_and_says_so(ds: Dataset) -> None:
    assert ds.data_version is None
    assert "(user data)" in repr(ds)
    assert "3 instruments" in repr(ds)


def test_model_law_is_the_bundled_model_law() -> None:
    assert cisai.load().model_law.id == "cis-model-law-ai-2025"


def test_a_dataset_without_the_model_law_says_it_is_missing(ds: Dataset) -> None:
    with pytest.raises(NotFoundError, match="cis-model-law-ai-2025"):
        _ = ds.model_law
