"""What the fuzz tests share: fixed, derandomized settings and arbitrary JSON values."""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

import cisai
from cisai.model import RECORD_TYPES

FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(
        ["2025", "2025-07", "2025-02-30", "2026.11.0", "law", "en", "https://example.org/x", ""]
    ),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
RECORD_CLASSES = [*RECORD_TYPES, cisai.Source, cisai.Event, cisai.Title]


def record_like(cls: type[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Mappings with (some of) ``cls``'s field names and arbitrary JSON values."""
    names = [a.name for a in attrs.fields(cls)]
    return st.dictionaries(st.sampled_from(names), JSON_VALUES, max_size=len(names))
