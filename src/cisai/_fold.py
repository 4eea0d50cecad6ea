"""Text as cisai matches it: case and diacritics ignored, in Latin and Cyrillic alike.

Word search and the dataset's own lookups (a jurisdiction by any of its names) fold
text by this one rule. It lives apart from word search so that building a dataset's
index, at every first load, does not import the search as well.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]


def fold(text: str) -> str:
    """Lower case without diacritics: ``Ёлка`` -> ``елка``, ``Café`` -> ``cafe``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
