"""Facts and listings as text for the command line: json, yaml, text, csv, markdown."""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Iterator

from .corpus.safety import display_path, one_line, sanitize
from .model import KIND_TITLES, Document, Fact

FACT_FORMATS = ("json", "yaml", "text", "csv", "markdown")


def document_record(doc: Document, facts: Iterable[Fact]) -> dict[str, Any]:
    """One document's entry of the ``reader facts`` contract."""
    return {
        "path": printable_path(doc.path),
        "title": doc.title,
        "date": doc.date,
        "language": doc.language,
        "format": doc.format,
        "source": doc.source,
        "notes": list(doc.notes),
        "facts": [fact.to_dict() for fact in facts],
    }


def write_stdout(text: str) -> bool:
    """Print ``text``; a pipe closed early (``| head``) is not an error.

    Returns False once the reader of the pipe has gone (stdout then points
    at the null device, so that Python's exit flush does not complain)."""
    import os
    import sys

    try:
        sys.stdout.write(text)
        sys.stdout.flush()
        return True
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return False


def printable_path(path: str) -> str:
    """A path that any UTF-8 output can carry: a file name's undecodable bytes
    (kept by Python as lone surrogates) are written as \\xNN escapes."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def render_facts(records: list[dict[str, Any]], fmt: str) -> str:
    return "".join(stream_facts(records, fmt))


def stream_facts(records: Iterable[dict[str, Any]], fmt: str) -> Iterator[str]:
    """The output of ``reader facts`` a document at a time, so that a folder of
    100,000 documents is written as it is read, never held whole; the text is
    the same as rendering all records at once.  CSV alone waits for the last
    record: its header names every field that occurs."""
    if fmt == "csv":
        yield render_csv(list(records))
        return
    if fmt == "json":
        opened = False
        for rec in records:
            body = json.dumps(rec, ensure_ascii=False, indent=1).replace("\n", "\n ")  # strings hold no newline
            yield ("[\n " if not opened else ",\n ") + body
            opened = True
        yield "\n]\n" if opened else "[]\n"
        return
    if fmt == "yaml":
        import yaml

        empty = True
        for rec in records:
            yield yaml.safe_dump([rec], allow_unicode=True, sort_keys=False, width=1000)
            empty = False
        if empty:
            yield "[]\n"
        return
    if fmt == "markdown":
        for i, rec in enumerate(records):
            yield ("\n" if i else "") + _markdown_record(rec)
        return
    for rec in records:
        yield _text_record(rec)


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


# -- CSV -------------------------------------------------------------------

#: The columns of ``--format csv``, in order; fields beyond these (added to
#: the contract later) follow, sorted by name.
CSV_COLUMNS: tuple[str, ...] = (
    "document", "title", "date", "language",
    "kind", "text", "value", "start", "end",
    "count", "category", "what", "approx", "place",
    "level", "scale", "previous", "change", "subject",
    "role", "unit", "mod", "range",
)
_CSV_FROM_RECORD = {"document": "path", "title": "title", "date": "date", "language": "language"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: text that a spreadsheet would run as a formula
    (starting with ``= + - @``, tab or CR) gets a leading apostrophe; numbers
    stay numbers, booleans are ``true``/``false``, nothing is empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple)):
        text = "/".join("" if v is None else str(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(records: list[dict[str, Any]]) -> str:
    """One row per fact, with a header; a document without facts has no row.

    Every text cell goes through :func:`csv_cell` (formula injection); the
    text is otherwise as in the document, quoted by the csv module where
    needed (commas, quotes, newlines)."""
    import csv
    import io

    extra = sorted(
        {key for rec in records for fact in rec["facts"] for key in fact}
        - set(CSV_COLUMNS)
        - {"kind", "text", "start", "end"}
    )
    columns = list(CSV_COLUMNS) + extra
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for rec in records:
        for fact in rec["facts"]:
            row = []
            for column in columns:
                if column in _CSV_FROM_RECORD:
                    value = rec.get(_CSV_FROM_RECORD[column])
                    if column == "document" and isinstance(value, str):
                        value = _printable_path(value)
                else:
                    value = fact.get(column)
                row.append(csv_cell(value))
            writer.writerow(row)
    return out.getvalue()


def _printable_path(path: str) -> str:
    """A path that can be written as UTF-8: undecodable bytes become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# -- Markdown -------------------------------------------------------------


# Characters with a meaning anywhere in a line of Markdown (emphasis, code,
# links, HTML, tables, strike-through, entities, headings).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
# At the start of a line's text: list markers, block quotes, ordered lists.
_MD_LEADING = re.compile(r"^([-+=>]|\d{1,9}(?=[.)]))")


def md_escape(text: str) -> str:
    """Document text as Markdown that shows exactly these words, on one line."""
    flat = sanitize(" ".join(text.split()))
    flat = _MD_INLINE.sub(r"\\\1", flat)
    match = _MD_LEADING.match(flat)
    if match:
        end = match.end()
        if match.group(1)[0].isdigit():
            flat = flat[:end] + "\\" + flat[end:]  # "1." -> "1\\."
        else:
            flat = "\\" + flat
    return flat


def _fact_of(fact: dict[str, Any]) -> Fact:
    attrs = {k: v for k, v in fact.items() if k not in ("kind", "text", "start", "end", "value")}
    return Fact(fact["kind"], fact["text"], fact["start"], fact["end"], fact.get("value"), attrs)


def render_markdown(records: list[dict[str, Any]]) -> str:
    """A short brief per document: title, date/language/path, facts by kind.

    Within a kind the facts are in document order; the same words with the
    same value said again are one bullet with a count (``“Irak” (8×)``)."""
    return "\n".join(_markdown_record(rec) for rec in records)


def _markdown_record(rec: dict[str, Any]) -> str:
    """One document's brief (see :func:`render_markdown`)."""
    from .model import FACT_KINDS

    lines = [f"## {md_escape(rec.get('title') or '') or '(untitled)'}", ""]
    meta = [rec.get("date") or "no date", rec.get("language") or "?", _printable_path(rec["path"])]
    lines.append(" · ".join(md_escape(str(m)) for m in meta))
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for fact in rec["facts"]:
        by_kind.setdefault(fact["kind"], []).append(fact)
    order = [k for k in FACT_KINDS if k in by_kind] + [k for k in by_kind if k not in FACT_KINDS]
    if not order:
        lines += ["", "_No facts found._"]
    for kind in order:
        lines += ["", f"### {KIND_TITLES.get(kind) or md_escape(kind)}", ""]
        bullets: dict[str, int] = {}  # a mention repeated is one bullet, counted
        for fact in sorted(by_kind[kind], key=lambda f: (f["start"], f["end"])):
            words = f"\u201c{md_escape(fact['text'])}\u201d"
            value = _fact_of(fact).described
            bullet = f"{md_escape(value)} \u2014 {words}" if value and value != fact["text"] else words
            bullets[bullet] = bullets.get(bullet, 0) + 1
        lines += [f"- {b} ({n}\u00d7)" if n > 1 else f"- {b}" for b, n in bullets.items()]
    return "\n".join(lines) + "\n"
