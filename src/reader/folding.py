"""One way to compare words as people type them: case, diacritics and spacing folded."""

from __future__ import annotations

import functools
import unicodedata
from typing import Any


def fold(text: Any) -> str:
    """Lower case, without diacritics, curly quotes straight, white space collapsed."""
    if text is None:
        return ""
    return _fold(text if isinstance(text, str) else str(text))


@functools.lru_cache(maxsize=1 << 16)
def _fold(s: str) -> str:
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
        s = s.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(s.casefold().split())
