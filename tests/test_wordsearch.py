"""Word search: words and word prefixes, case and diacritics ignored, ranked by field."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cisai
from cisai._wordsearch import words
from cisai.cli import main

DS = cisai.load()


def test_a_short_word_no_longer_matches_inside_other_words() -> None:
    said = [i for i in DS.instruments if "said" in i.summary.casefold() or "said" in str(i.notes)]
    assert said, "the data has instruments whose text says 'said'"
    found = cisai.instruments(text="ai")
    for instrument in found:
        assert "ai" in {
            w for t in (*instrument.titles, *instrument.notes) for w in words(getattr(t, "text", t))
        } | set(words(instrument.id)) | set(words(instrument.summary))
    assert len(cisai.instruments(text="aims")) <= len(cisai.instruments(text="aim"))


def test_prefixes_case_and_cyrillic() -> None:
    full = cisai.instruments(text="искусственного интеллекта")
    assert "cis-model-law-ai-2025" in full.ids()
    assert set(full.ids()) <= set(cisai.instruments(text="ИСКУССТВ").ids())
    assert cisai.instruments(text="Model LAW artif") == cisai.instruments(
        text="model law artificial"
    )


def test_yo_is_e_and_diacritics_are_ignored() -> None:
    assert words("Ёлка, café, NAÏVE") == ("елка", "cafe", "naive")
    with_e = cisai.search("персональных")
    assert with_e
    assert cisai.search("ПЕРСОНАЛЬНЫХ") == with_e


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяABCé -", max_size=30))
def test_folding_is_idempotent_and_case_blind(text: str) -> None:
    assert words(" ".join(words(text))) == words(text)
    assert words(text.upper()) == words(text.lower())


def test_search_covers_every_record_type_and_ranks_titles_first() -> None:
    hits = cisai.search("ministry")
    kinds = {type(h.record).__name__ for h in hits}
    assert "Body" in kinds
    ranks = [h.rank for h in hits]
    assert ranks == sorted(ranks)
    assert hits[0].field in ("titles", "names", "name", "label", "aliases")
    assert all(h.field in h.fields for h in hits)


def test_each_hit_says_which_field_matched() -> None:
    (hit,) = [h for h in cisai.search("99-З") if h.record.id == "by-law-99z-2021-personal-data"]
    assert hit.field == "number"
    assert repr(hit) == "<SearchHit Instrument 'by-law-99z-2021-personal-data' in number>"
    notes_only = [h for h in cisai.search("said") if h.field == "notes"]
    assert notes_only
    assert all(h.rank == 3 for h in notes_only)


def test_an_empty_query_is_an_error() -> None:
    with pytest.raises(cisai.QueryError, match="no words"):
        cisai.search("  -- ")
    with pytest.raises(cisai.QueryError, match="no words"):
        cisai.instruments(text="")


def test_cli_search(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "персональных данных", "--type", "instruments", "--wide"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["type", "id", "field", "title"]
    assert any("by-law-99z-2021-personal-data" in line and " titles " in line for line in lines)
    assert main(["search", "zzzqqq"]) == 0
    assert "nothing matches" in capsys.readouterr().err
    assert main(["search", "ministry", "--type", "bodies", "--format", "json", "--limit", "2"]) == 0
    import json

    found = json.loads(capsys.readouterr().out)
    assert len(found) == 2
    assert all(f["record"]["id"] in DS for f in found)


def test_a_word_said_again_and_again_is_searched_once() -> None:
    from cisai._wordsearch import query_words

    assert query_words("law Law LAW model law") == ("law", "model")
    once = cisai.search("model law")
    assert once
    assert cisai.search("model law " * 2000) == once
