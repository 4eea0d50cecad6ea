"""User data as the docs show it: every YAML example of the data guide validates as written;
and one run of ``cisai validate`` reports every problem of a file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cisai
from cisai.cli import main

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.DOTALL | re.MULTILINE)
EXAMPLES = BLOCK.findall((ROOT / "docs" / "adding-data.md").read_text(encoding="utf-8"))


def test_the_guide_has_yaml_examples() -> None:
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("number", range(len(EXAMPLES)))
def test_each_yaml_example_validates(
    number: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"example-{number + 1}.yaml"
    path.write_text(EXAMPLES[number], encoding="utf-8")
    status = main(["validate", str(path)])
    out = capsys.readouterr()
    assert status == 0, out.out + out.err
    assert out.out.startswith("ok: ")
    assert cisai.load(extra=[path])


def test_a_bare_url_is_an_inline_source(tmp_path: Path) -> None:
    override = next(e for e in EXAMPLES if "override: true" in e)
    path = tmp_path / "override.yaml"
    path.write_text(override, encoding="utf-8")
    ds = cisai.load(extra=[path])
    president = ds.get("by-president")
    assert president.override
    (source,) = president.sources
    assert source.url == "https://example.org/my-president-page"
    assert source.kind is cisai.SourceKind.SECONDARY


BROKEN = """\
instruments:
  - id: my-kz-thing
    kind: lawz
    titles:
      - {text: A thing, lang: en}
    jurisdiction: Kazakstan
    status: adopted
    topics: [ai-regulaton]
    issuers: [kz-no-such-body]
    summary: A thing.
    attestation: secondary_report
    confidence: medium
    sources: [no-such-source]
    added_in: "2026.12.0"
"""


def test_validate_reports_every_problem_in_one_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    fields = [line.split(": ")[2] for line in lines]
    assert fields == ["kind", "jurisdiction", "topics[0]", "issuers[0]", "sources[0]"]
    assert "did you mean 'law'" in lines[0]
    assert "unknown jurisdiction 'Kazakstan'" in lines[1]
    assert "did you mean 'ai-regulation'" in lines[2]
    assert "an http(s) URL" in lines[4]
    assert not any("at least one source is required" in line for line in lines)
    with pytest.raises(cisai.DataError) as info:
        cisai.load(extra=[path])
    assert len(info.value.problems) == len(lines)
