"""Exports the app writes on ``e``: files under the data folder, never the corpus."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

from .atomic import atomic_write
from .output import md_escape, render_csv, render_markdown
from .paths import data_dir


def exports_dir() -> Path:
    return data_dir() / "exports"


def write_export(stem: str, extension: str, text: str) -> Path:
    """Write ``text`` to a new file named after ``stem`` and the time; its path."""
    safe = re.sub(r"[^\w.-]+", "-", stem, flags=re.ASCII).strip("-.")[:60] or "export"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folder = exports_dir()
    path = folder / f"{safe}-{stamp}.{extension}"
    counter = 1
    while path.exists():
        counter += 1
        path = folder / f"{safe}-{stamp}-{counter}.{extension}"
    return atomic_write(path, text.encode("utf-8"), mode=0o644)


def _record(entry: Any, facts: Sequence[Any]) -> dict[str, Any]:
    return {
        "path": entry.path,
        "title": entry.title,
        "date": entry.date,
        "language": entry.language,
        "facts": [fact.to_dict() for fact in facts],
    }


def document_brief(entry: Any, facts: Sequence[Any]) -> str:
    """One document's facts as a Markdown brief."""
    return render_markdown([_record(entry, facts)])


def timeline_csv(items: Iterable[Any]) -> str:
    """Timeline rows (reader.analysis.Dated) as CSV, in time order: one row a fact."""
    return render_csv([_record(item.entry, [item.fact]) for item in items])


def hits_markdown(query: str, hits: Sequence[Any]) -> str:
    """Search results as a Markdown list with their snippets."""
    lines = [f"# Search: {md_escape(query) or '(everything)'}", "", f"{len(hits)} documents", ""]
    for hit in hits:
        lines.append(f"- **{md_escape(hit.title)}** ({hit.date or 'no date'}) \u2014 "
                     f"{md_escape(' '.join(hit.snippet.split()))}")
    return "\n".join(lines) + "\n"
