"""The corpus as the app and the listing see it: documents in reading order."""

from __future__ import annotations

from typing import Iterable, TypeVar

from .model import Document

D = TypeVar("D", bound=Document)


def sort_key(doc: Document) -> tuple[str, str]:
    """Newest first: by date descending; undated last; then by title."""
    return (doc.date or "", doc.title.casefold())


def sort_newest_first(docs: Iterable[D]) -> list[D]:
    dated = sorted((d for d in docs), key=lambda d: d.title.casefold())
    return sorted(dated, key=lambda d: d.date or "", reverse=True)
