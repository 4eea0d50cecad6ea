"""DataFrames: to_frame / to_pandas, and the DataFrame page's examples."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import cisai

pd = pytest.importorskip("pandas")
ROOT = Path(__file__).resolve().parent.parent
DS = cisai.load()


def test_one_row_per_record_with_the_csv_columns() -> None:
    frame = cisai.to_frame(DS.instruments)
    assert len(frame) == len(DS.instruments)
    assert list(frame["id"]) == list(DS.instruments.ids())
    import csv
    import io

    header = next(csv.reader(io.StringIO(cisai.to_csv(DS.instruments))))
    assert list(frame.columns[: len(header)]) == header
    assert list(frame.columns[len(header) :]) == ["date_start", "date_end"]


def test_dates_are_strings_of_their_precision_with_start_and_end() -> None:
    frame = DS.instruments.to_pandas().set_index("id")
    for instrument in DS.instruments:
        row = frame.loc[instrument.id]
        if instrument.date is None:
            assert pd.isna(row["date"])
            assert pd.isna(row["date_start"])
            continue
        assert row["date"] == str(instrument.date)
        assert row["date_start"].date() == instrument.date.start
        assert row["date_end"].date() == instrument.date.end
    assert str(frame["date_start"].dtype).startswith("datetime64")


def test_other_record_types_and_datasets() -> None:
    bodies = cisai.to_frame(DS.bodies)
    assert set(bodies["type"]) == {"body"}
    assert "date_start" not in bodies
    everything = cisai.to_frame(DS)
    assert len(everything) == len(DS)
    assert bodies["parent"].isna().any()  # empty cells are missing values


def test_without_pandas_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r'pip install "cisai\[pandas\]"'):
        cisai.to_frame(DS.instruments)


def test_pandas_is_an_extra_and_in_dev_not_a_dependency() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert not any(d.startswith("pandas") for d in project["dependencies"])
    assert any(d.startswith("pandas") for d in project["optional-dependencies"]["pandas"])
    assert any(d.startswith("pandas") for d in project["optional-dependencies"]["dev"])


def _blocks(language: str) -> list[str]:
    text = (ROOT / "docs" / "dataframes.md").read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.DOTALL | re.MULTILINE)


@pytest.fixture
def jsonl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "cisai.jsonl"
    path.write_text(cisai.to_jsonl(DS), encoding="utf-8")
    return path


def test_the_pages_python_examples_run(jsonl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("duckdb")
    namespace: dict[str, object] = {}
    for block in _blocks("python"):
        exec(compile(block, "docs/dataframes.md", "exec"), namespace)
    out = capsys.readouterr().out
    assert "instruments dated within 2025" in out
    assert "BY" in out


def test_the_polars_example_runs(jsonl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("polars")
    (block,) = _blocks("py")
    exec(compile(block, "docs/dataframes.md (polars)", "exec"), {})
    assert "BY" in capsys.readouterr().out
