"""Tables that fit: every table-printing command, at 80 and 100 columns, cuts nothing."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest

import cisai
from cisai.cli import main
from cisai.cli._records import COLLECTIONS
from cisai.cli._tables import fit_widths, write_rows

DS = cisai.load()
WIDTHS = (80, 100)


def output(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


@pytest.fixture(params=WIDTHS)
def columns(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("COLUMNS", str(request.param))
    return int(request.param)


def table_commands() -> Iterator[list[str]]:
    for collection in COLLECTIONS:
        yield ["list", collection]
    yield ["list", "--jurisdiction", "BY"]
    yield ["list", "--columns", "id,title,date,summary"]
    yield ["info"]
    yield ["compare"]
    yield ["compare", "--on", "2026-02-01"]
    yield ["principles"]
    yield ["competencies"]
    yield ["search", "artificial intelligence"]
    yield ["search", "ai"]


@pytest.mark.parametrize("argv", list(table_commands()), ids=" ".join)
def test_no_line_is_longer_than_the_terminal(
    argv: list[str], columns: int, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = output(capsys, *argv).splitlines()
    assert lines
    too_long = [line for line in lines if len(line) >= columns]
    assert not too_long, f"{len(too_long)} lines of {columns}+ characters: {too_long[:2]}"
    if argv[0] in ("list", "search", "compare"):  # these wrap long cells: nothing is cut off
        assert not any("…" in line for line in lines)


def test_every_record_card_fits(columns: int, capsys: pytest.CaptureFixture[str]) -> None:
    for record in DS:
        lines = output(capsys, "show", record.id).splitlines()
        assert max(map(len, lines)) < columns, record.id


def test_dates_kinds_and_statuses_are_never_cut(
    columns: int, capsys: pytest.CaptureFixture[str]
) -> None:
    text = output(capsys, "list")
    for instrument in DS.instruments:
        if instrument.date is not None:
            assert re.search(rf"^{re.escape(str(instrument.date))}\s", text, re.MULTILINE)
    if columns >= 100:
        for instrument in DS.instruments:
            assert f"  {instrument.kind.value}  " in text
            assert f"  {instrument.status.value}  " in text


def test_the_title_gets_the_room_and_the_header_is_short(
    columns: int, capsys: pytest.CaptureFixture[str]
) -> None:
    header, rule = output(capsys, "list").splitlines()[:2]
    assert header.split() == ["date", "jur", "kind", "status", "id", "title"]
    title_width = len(rule.split()[-1])
    assert title_width >= 16
    assert title_width >= max(len(w) for w in rule.split()[:-1]) or columns < 100


def test_wide_cuts_and_wraps_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    lines = output(capsys, "list", "--wide").splitlines()
    assert len(lines) == len(DS.instruments) + 2
    assert any(DS.instruments[0].title in line for line in lines)


def test_columns_chooses_and_orders(capsys: pytest.CaptureFixture[str]) -> None:
    lines = output(capsys, "list", "--columns", "id,date", "--wide").splitlines()
    assert lines[0].split() == ["id", "date"]
    assert lines[2].split() == [DS.instruments[0].id, str(DS.instruments[0].date)]
    bodies = output(capsys, "list", "bodies", "--columns", "name,kind", "--wide").splitlines()
    assert bodies[0].split() == ["name", "kind"]


def test_an_unknown_column_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--columns", "id,titel"]) == 2
    assert "did you mean 'title'" in capsys.readouterr().err


def test_compare_rows_are_aligned(capsys: pytest.CaptureFixture[str]) -> None:
    lines = output(capsys, "compare", "--wide").splitlines()
    header = next(line for line in lines if line.startswith("code  group"))
    start = lines.index(header)
    title_at = header.index("title")
    for line in lines[start + 2 :]:
        assert line[title_at - 2 : title_at] == "  "
        assert line[title_at] != " "


@pytest.mark.parametrize("width", [40, 60, 80, 100, 140])
def test_fitted_widths_never_exceed_the_width(width: int) -> None:
    rows = [["2025-01-01", "in_force", "x" * 50, "a long title " * 10]]
    columns = ["date", "status", "id", "title"]
    widths = fit_widths(columns, rows, width)
    assert sum(widths) + 2 * (len(widths) - 1) <= width
    out = io.StringIO()
    write_rows(columns, rows, out, width)
    assert max(len(line) for line in out.getvalue().splitlines()) <= width
    assert "2025-01-01" in out.getvalue()


def test_every_record_type_has_table_columns_it_knows() -> None:
    """A new record type gets its own table (not a lone id column): the columns are
    fields of its class (instruments also have their display title)."""
    from cisai.cli._tables import TABLE_COLUMNS

    assert set(TABLE_COLUMNS) == set(COLLECTIONS)
    for collection, columns in TABLE_COLUMNS.items():
        known = {*cisai.field_order(COLLECTIONS[collection]), "title"}
        assert set(columns) <= known, collection


def test_every_attestation_has_its_letter_in_the_matrices() -> None:
    import cisai
    from cisai.cli._matrices import LETTERS

    assert set(LETTERS) == {a.value for a in cisai.Attestation}
    assert len(set(LETTERS.values())) == len(LETTERS)
