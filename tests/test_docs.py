"""The documentation's Python examples run, in order, as a reader would run them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "README.md",
    "docs/index.md",
    "docs/tutorial.md",
    "docs/querying.md",
    "docs/citing.md",
    "docs/reference/schema.md",
    "docs/data-releases.md",
]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


@pytest.mark.parametrize("page", PAGES)
def test_examples_run(page: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert blocks, f"{page} has no Python examples"
    namespace: dict[str, object] = {"__name__": f"docs:{page}"}
    for number, block in enumerate(blocks, start=1):
        code = compile(block, f"{page} (example {number})", "exec")
        exec(code, namespace)
    assert capsys.readouterr().out, f"{page}'s examples print nothing"


def _blocks(page: str, language: str) -> list[str]:
    pattern = re.compile(rf"^```{language}\n(.*?)^```", re.DOTALL | re.MULTILINE)
    return pattern.findall((ROOT / page).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import json

    import cisai

    folder = tmp_path_factory.mktemp("exports")
    (folder / "cisai.json").write_text(cisai.to_json(cisai.load(), indent=2), encoding="utf-8")
    (folder / "cisai.jsonl").write_text(cisai.to_jsonl(cisai.load()), encoding="utf-8")
    (folder / "dataset.schema.json").write_text(json.dumps(cisai.json_schema()), encoding="utf-8")
    return folder


def test_other_languages_sql_runs(exports: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    (sql,) = _blocks("docs/other-languages.md", "sql")
    connection = duckdb.connect()
    rows = connection.execute(
        sql.replace("'cisai.jsonl'", f"'{exports / 'cisai.jsonl'}'")
    ).fetchall()
    assert rows
    assert sum(count for _year, count in rows) == sum(
        1 for i in __import__("cisai").load().instruments if i.date is not None
    )


def test_other_languages_jq_runs(exports: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    (block,) = [b for b in _blocks("docs/other-languages.md", "sh") if b.startswith("jq")]
    for command in block.strip().splitlines():
        result = subprocess.run(
            command, shell=True, cwd=exports, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip()


def test_other_languages_javascript_runs(exports: Path) -> None:
    import shutil
    import subprocess

    modules = ROOT / "ci-node" / "node_modules" / "ajv"
    if shutil.which("node") is None or not modules.exists():
        pytest.skip("node with ajv (ci-node/node_modules) is not installed")
    (code,) = _blocks("docs/other-languages.md", "js")
    script = ROOT / "ci-node" / "doc-example.test.mjs"
    script.write_text(code, encoding="utf-8")
    try:
        result = subprocess.run(
            ["node", str(script)], cwd=exports, capture_output=True, text=True, check=False
        )
    finally:
        script.unlink()
    assert result.returncode == 0, result.stderr
    assert "2025" in result.stdout
