"""Topics users can trust: a record about AI carries a topic under ``ai``.

``topic="ai"`` must find every record whose subject is AI. A record whose title, name,
summary or gist speaks of artificial intelligence (in English or Russian) without such a
topic is a tagging mistake, unless a note on it starting "No AI topic:" says why (for
instance a general data law whose summary only says it is not specific to AI).

Principles, competencies and prohibitions are classified by their own vocabularies
(principle concepts, power kinds); for them the check applies to the instrument they
belong to, which is what a topic query finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

import cisai

_SPEAKS_OF_AI = re.compile(r"artificial intelligence|искусственн\w* интеллект|\bИИ\b", re.I)
_AI_WORD = re.compile(r"\bAI\b")
EXCUSE = "No AI topic:"


def _classified_apart(record: Any) -> bool:
    return isinstance(record, cisai.Principle | cisai.Competency | cisai.Prohibition)


def _texts(record: Any) -> Iterator[str]:
    for name in ("summary", "gist", "name"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            yield value
    for title in getattr(record, "titles", ()):
        yield title.text


def speaks_of_ai(record: Any) -> bool:
    return any(_SPEAKS_OF_AI.search(text) or _AI_WORD.search(text) for text in _texts(record))


def _under_ai(ds: cisai.Dataset, topic_id: str) -> bool:
    topics = {topic.id: topic for topic in ds.topics}
    seen: set[str] = set()
    current: str | None = topic_id
    while current is not None and current not in seen:
        if current == "ai":
            return True
        seen.add(current)
        current = topics[current].parent if current in topics else None
    return False


def untagged_ai_records(ds: cisai.Dataset) -> list[str]:
    """Ids of records that speak of AI, carry no topic under ``ai`` and give no reason."""
    found = []
    for selection in ds.collections().values():
        for record in selection:
            if not hasattr(record, "topics") or not speaks_of_ai(record):
                continue
            tagged = ds.get(record.instrument) if _classified_apart(record) else record
            if any(_under_ai(ds, topic) for topic in tagged.topics):
                continue
            if any(note.startswith(EXCUSE) for note in getattr(tagged, "notes", ())):
                continue
            found.append(record.id)
    return found


def test_every_record_about_ai_has_an_ai_topic() -> None:
    missing = untagged_ai_records(cisai.load())
    assert not missing, f"records that speak of AI without a topic under 'ai': {missing}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Law on artificial intelligence", True),
        ("Закон об искусственном интеллекте", True),
        ("развитие технологий ИИ", True),
        ("the AI strategy", True),
        ("He said the law was signed", False),  # "said" holds the letters "ai", not the word
        ("Maintains the register", False),
    ],
)
def test_the_check_finds_ai_in_english_and_russian(text: str, expected: bool) -> None:
    record = attrs.evolve(cisai.load().model_law, summary=text, titles=())
    assert speaks_of_ai(record) is expected


def _with(ds: cisai.Dataset, replaced: Any) -> cisai.Dataset:
    records = [r for sel in ds.collections().values() for r in sel if r.id != replaced.id]
    return cisai.Dataset([*records, replaced], ds.data_version)


def test_an_untagged_record_about_ai_is_flagged_unless_a_note_says_why() -> None:
    ds = cisai.load()
    instrument = next(i for i in ds.instruments if i.id != ds.model_law.id)
    untagged = attrs.evolve(instrument, topics=(), summary="A decree on artificial intelligence.")
    assert untagged_ai_records(_with(ds, untagged)) == [instrument.id]
    excused = attrs.evolve(untagged, notes=(f"{EXCUSE} only its title names AI.",))
    assert untagged_ai_records(_with(ds, excused)) == []
