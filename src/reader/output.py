"""Facts and listings as text for the command line: json, yaml, text."""

from __future__ import annotations

import json
from typing import Any, Iterable

from .corpus.safety import display_path, one_line
from .model import Document, Fact

FACT_FORMATS = ("json", "yaml", "text")


def document_record(doc: Document, facts: Iterable[Fact]) -> dict[str, Any]:
    """One document's entry of the ``reader facts`` contract."""
    return {
        "path": doc.path,
        "title": doc.title,
        "date": doc.date,
        "language": doc.language,
        "format": doc.format,
        "source": doc.source,
        "notes": list(doc.notes),
        "facts": [fact.to_dict() for fact in facts],
    }


def render_facts(records: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    if fmt == "yaml":
        import yaml

        return yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=1000)
    return "".join(_text_record(rec) for rec in records)


def _text_record(rec: dict[str, Any]) -> str:
    lines = [f"{display_path(rec['path'])}", f"  {rec['title']}  ({rec['date'] or 'no date'}, {rec['language']})"]
    for fact in rec["facts"]:
        shown = {k: v for k, v in fact.items() if k not in ("kind", "text", "start", "end")}
        detail = ", ".join(f"{k}={v}" for k, v in shown.items())
        lines.append(f"  {fact['kind']:<12} {one_line(fact['text'], 60)!s:<40} {detail}")
    return "\n".join(lines) + "\n\n"


def listing_line(doc: Document) -> str:
    """One document on one line, for ``reader`` writing into a pipe."""
    return f"{doc.date or '-':<10}  {doc.language:<2}  {doc.title}  [{display_path(doc.path)}]"
