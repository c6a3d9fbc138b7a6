"""The three document formats: the seed format, Markdown with YAML front
matter, and plain text.  Text in, a Document's parts out; no file access."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .safety import one_line

_SEED_HEADER = re.compile(r"\ufeff?[ \t]*date[ \t]+(\S+)[ \t]+([^\n]*)")
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MD_HEADING = re.compile(r"[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$")
_FRONT_OPEN = re.compile(r"\ufeff?---[ \t]*\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
MARKDOWN_SUFFIXES = (".md", ".markdown")
#: Front matter larger than this is not parsed (a YAML bomb needs room).
MAX_FRONT_MATTER = 64 * 1024
TITLE_LIMIT = 300


@dataclass
class Parsed:
    """What the format says of a document (before language and file facts)."""

    format: str
    title: str
    title_span: tuple[int, int]
    body_span: tuple[int, int]
    date: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)


def normalize_date(raw: Any, notes: list[str]) -> str | None:
    """An ISO date at the precision given (``2023``, ``2023-11``, ``2023-11-07``).

    Impossible dates are refused with a note, never guessed at.
    """
    if raw is None or raw == "":
        return None
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = str(raw).strip()
    match = _ISO_DATE.match(text[:10]) if len(text) >= 4 else None
    if match and (len(text) <= 10 or text[10] in "T "):
        year, month, day = match.groups()
        try:
            if day:
                return dt.date(int(year), int(month), int(day)).isoformat()
            if month:
                if not 1 <= int(month) <= 12:
                    raise ValueError
                return f"{year}-{month}"
            return year
        except ValueError:
            pass
    notes.append(f"impossible or unreadable date {one_line(text, 40)!r} ignored")
    return None


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _skip_blank_lines(text: str, pos: int) -> int:
    while pos < len(text):
        end = _line_end(text, pos)
        if text[pos:end].strip():
            return pos
        pos = end + 1
    return len(text)


def _title_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim white space (and a BOM) from both sides of ``text[start:end]``."""
    while start < end and (text[start].isspace() or text[start] == "\ufeff"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _title_of(text: str, span: tuple[int, int]) -> str:
    return one_line(text[span[0] : span[1]], TITLE_LIMIT)


def parse_seed(text: str) -> Parsed | None:
    """The seed format: `` date YYYY-MM[-DD] Title`` on the first line."""
    match = _SEED_HEADER.match(text)
    if not match or not _ISO_DATE.match(match.group(1)):
        return None
    notes: list[str] = []
    date = normalize_date(match.group(1), notes)
    span = _title_span(text, match.start(2), match.end(2))
    body_start = _skip_blank_lines(text, match.end())
    return Parsed("seed", _title_of(text, span), span, (body_start, len(text)), date=date, notes=notes)


def parse_plain(text: str, fmt: str = "text", offset: int = 0) -> Parsed:
    """Plain text (or Markdown without front matter) from ``offset`` on.

    The title is the first non-empty line (a Markdown heading's text for
    Markdown); the body is what follows it.
    """
    start = _skip_blank_lines(text, offset)
    if start >= len(text):
        return Parsed(fmt, "", (start, start), (start, start), notes=["empty document"])
    end = _line_end(text, start)
    span = (start, end)
    if fmt == "markdown":
        heading = _MD_HEADING.match(text, start, end)
        if heading:
            span = (heading.start(1), heading.end(1))
    span = _title_span(text, *span)
    body_start = _skip_blank_lines(text, end + 1) if end < len(text) else len(text)
    return Parsed(fmt, _title_of(text, span), span, (body_start, len(text)))


def _front_matter(text: str) -> tuple[dict[str, Any] | None, int, list[str]]:
    """Parse YAML front matter; return (mapping or None, body offset, notes)."""
    opened = _FRONT_OPEN.match(text)
    if not opened:
        return None, 0, []
    close = _FRONT_CLOSE.search(text, opened.end(), opened.end() + MAX_FRONT_MATTER + 8)
    if not close:
        more = len(text) - opened.end() > MAX_FRONT_MATTER
        reason = "front matter is larger than 64 KB" if more else "front matter is not closed by ---"
        return None, 0, [f"{reason}: shown as text"]
    raw = text[opened.end() : close.start()]
    body = close.end() + 1 if close.end() < len(text) else len(text)
    from .frontmatter import FrontMatterError, load_front_matter

    try:
        data = load_front_matter(raw)
    except FrontMatterError as err:
        return None, body, [f"front matter refused: {one_line(str(err), 120)}"]
    if data is None:
        return {}, body, []
    if not isinstance(data, dict):
        return None, body, ["front matter is not a mapping: ignored"]
    return data, body, []


def _text_field(data: dict[str, Any], key: str, notes: list[str]) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        notes.append(f"front matter {key!r} is not text: ignored")
        return None
    return one_line(str(value), TITLE_LIMIT) or None


def parse_markdown(text: str) -> Parsed:
    """Markdown, with YAML front matter (title, date, source, language, tags)."""
    data, body_start, notes = _front_matter(text)
    parsed = parse_plain(text, "markdown", body_start)
    parsed.notes = notes + [n for n in parsed.notes if n != "empty document"]
    if not data:
        return parsed
    title = _text_field(data, "title", parsed.notes)
    if title:
        # The title comes from the front matter: the body is all that follows it.
        found = text.find(str(data["title"]).strip(), 0, body_start)
        parsed.title = title
        parsed.title_span = (found, found + len(str(data["title"]).strip())) if found >= 0 else (0, 0)
        parsed.body_span = (_skip_blank_lines(text, body_start), len(text))
    parsed.date = normalize_date(data.get("date"), parsed.notes)
    parsed.source = _text_field(data, "source", parsed.notes)
    parsed.url = _text_field(data, "url", parsed.notes)
    language = _text_field(data, "language", parsed.notes)
    if language and re.fullmatch(r"[a-z]{2}", language.lower()):
        parsed.language = language.lower()
    tags = data.get("tags")
    if isinstance(tags, list):
        parsed.tags = tuple(one_line(str(t), 40) for t in tags[:50] if not isinstance(t, (dict, list)))
    elif isinstance(tags, str):
        parsed.tags = tuple(one_line(t, 40) for t in tags.split(",") if t.strip())
    return parsed


def parse(text: str, suffix: str) -> Parsed:
    """Read ``text`` in the format its first line or its suffix says."""
    seed = parse_seed(text)
    if seed is not None:
        return seed
    if suffix in MARKDOWN_SUFFIXES:
        return parse_markdown(text)
    parsed = parse_plain(text)
    if suffix not in (".txt", ".text", ""):
        parsed.notes.append(f"unknown file type {suffix!r}: read as plain text")
    return parsed
