"""``cisai._errors``: the "did you mean" hint and the field paths problems name."""

from __future__ import annotations

from cisai._errors import format_path, suggest


def test_suggestion_names_the_closest_values() -> None:
    assert suggest("adoptd", ["adopted", "signed", "draft"]) == "did you mean 'adopted'?"
    assert suggest("sign", ["signed", "sighed", "draft"]) == "did you mean 'signed' or 'sighed'?"


def test_suggestion_without_a_close_value_lists_what_is_accepted() -> None:
    assert suggest("zzz", ["b", "a", "a"]) == "accepted: 'a', 'b'"
    many = [f"value-{i:02}" for i in range(40)]
    assert suggest("zzz", many) == (
        "accepted: 40 values, e.g. " + ", ".join(repr(v) for v in many[:8])
    )
    assert suggest("x", []) == "none are defined"


def test_suggestion_ignores_case_of_the_value() -> None:
    assert suggest("ADOPTED", ["adopted"]) == "did you mean 'adopted'?"


def test_path_reads_like_the_data() -> None:
    assert format_path(("events", 2, "date")) == "events[2].date"
    assert format_path(("titles", 0)) == "titles[0]"
    assert format_path(()) == ""
    # A key that is no identifier stays one readable token.
    assert format_path(("sources", 0, "my key")) == "sources[0].'my key'"
