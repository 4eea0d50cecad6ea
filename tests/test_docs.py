"""The documentation's Python examples run, in order, as a reader would run them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["README.md", "docs/index.md", "docs/querying.md"]
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
