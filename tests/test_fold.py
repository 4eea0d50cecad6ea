"""``cisai._fold``: the one rule by which word search and the lookups match text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

import cisai
from cisai._fold import fold


def test_case_and_diacritics_are_ignored_in_latin_and_cyrillic() -> None:
    assert fold("Ёлка, Café, NAÏVE, Қазақстан") == "елка, cafe, naive, қазақстан"


_KINDS = ("L", "M", "Zs", "P")
LATIN_AND_CYRILLIC = st.characters(categories=_KINDS, max_codepoint=0x36F) | st.characters(
    categories=_KINDS, min_codepoint=0x400, max_codepoint=0x52F
)
"""Latin with its extensions and diacritics, and Cyrillic: the scripts of the data."""


@given(st.text(LATIN_AND_CYRILLIC, max_size=40))
def test_folding_is_idempotent_and_leaves_no_mark(text: str) -> None:
    """(Not in every script: a few Greek and phonetic letters fold in two steps.)"""
    folded = fold(text)
    assert fold(folded) == folded
    assert not any(unicodedata.combining(c) for c in folded)


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяABCé -", max_size=30))
def test_folding_is_blind_to_case(text: str) -> None:
    assert fold(text.upper()) == fold(text.lower())


def test_a_jurisdiction_is_found_by_its_name_folded() -> None:
    """The dataset's lookups fold by the same rule as word search."""
    ds = cisai.load()
    name = ds.jurisdiction("BY").name
    assert ds.jurisdiction(name.upper()).code == ds.jurisdiction(fold(name)).code == "BY"
