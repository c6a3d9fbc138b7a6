"""Document -> facts: pure functions, no I/O, no Textual.

The entry points other layers use:

- ``extract_document(doc)``: the facts of a Document (title and body), sorted
  by ``start``.
- ``extract(text, spans=..., doc_date=..., language=...)``: the same over any
  text, for the regions ``spans`` of it.
- ``VERSION``: changes whenever the rules or the code change what is found,
  so caches of facts know to refresh.
"""

from __future__ import annotations

from typing import Iterable

from ..model import Document, Fact

VERSION = "0"


def extract(text: str, *, spans: Iterable[tuple[int, int]] | None = None,
            doc_date: str | None = None, language: str = "nl") -> list[Fact]:
    """The facts in ``text[a:b]`` for each (a, b) in ``spans`` (default: all)."""
    return []


def extract_document(doc: Document) -> list[Fact]:
    """The facts of a document's title and body."""
    spans = [s for s in (doc.title_span, doc.body_span) if s[1] > s[0]]
    return extract(doc.text, spans=spans, doc_date=doc.date, language=doc.language)
