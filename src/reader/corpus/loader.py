"""One file to one Document: read (never write), decode, sanitize, parse."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..model import Document
from .decode import MAX_BYTES, NotText, decode
from .formats import parse
from .language import detect_language
from .safety import display_path, has_controls, one_line, sanitize


class LoadError(Exception):
    """A file that cannot be shown as a document; ``reason`` is one line."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{display_path(path)}: {reason}")
        self.path = path
        self.reason = one_line(reason, 200)


def read_bytes(path: str) -> tuple[bytes, os.stat_result, bool]:
    """The file's bytes (at most MAX_BYTES), its stat, and whether it was cut."""
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer.  The
        # flag does not change how a regular file reads.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        with open(os.open(path, flags), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise LoadError(path, "not a regular file (a pipe, device or socket)")
            data = handle.read(MAX_BYTES + 1)
    except LoadError:
        raise
    except FileNotFoundError:
        raise LoadError(path, "file not found (deleted, or a dangling link)") from None
    except PermissionError:
        raise LoadError(path, "permission denied") from None
    except IsADirectoryError:
        raise LoadError(path, "is a folder") from None
    except OSError as err:
        raise LoadError(path, f"cannot read: {err.strerror or type(err).__name__}") from None
    truncated = len(data) > MAX_BYTES
    return data[:MAX_BYTES], info, truncated


def document_from_bytes(path: str, data: bytes, *, truncated: bool = False,
                        size: int | None = None, mtime: float = 0.0) -> Document:
    """Build a Document from a file's bytes; :class:`LoadError` if it is not text."""
    try:
        decoded = decode(data, truncated)
    except NotText as err:
        raise LoadError(path, str(err)) from None
    raw = decoded.text
    notes = list(decoded.notes)
    if has_controls(raw):
        notes.append("control characters (escape sequences) shown as symbols")
    text = sanitize(raw)
    parsed = parse(text, Path(path).suffix.lower())
    notes.extend(parsed.notes)
    body = text[parsed.body_span[0] : parsed.body_span[1]]
    language = parsed.language or detect_language(body or parsed.title)
    title = parsed.title or one_line(display_path(Path(path).name), 300)
    return Document(
        path=path,
        title=title,
        date=parsed.date,
        language=language,
        format=parsed.format,
        text=text,
        title_span=parsed.title_span,
        body_span=parsed.body_span,
        source=parsed.source,
        url=parsed.url,
        tags=parsed.tags,
        notes=tuple(notes),
        size=len(data) if size is None else size,
        mtime=mtime,
    )


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read and parse one document; :class:`LoadError` says why it cannot be."""
    path = os.fspath(path)
    data, info, truncated = read_bytes(path)
    return document_from_bytes(path, data, truncated=truncated, size=info.st_size, mtime=info.st_mtime)
