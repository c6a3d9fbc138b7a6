"""Bytes to text: decide the encoding of a file and say what was odd."""

from __future__ import annotations

from dataclasses import dataclass

from .safety import normalize_newlines

#: Bytes of a file that are read at most; the rest is cut off with a note.
#: A news document is rarely above 100 KB; past this size a file is most
#: likely a dump or a log, and reading, laying out and extracting facts from
#: all of it would keep the reader busy for minutes (about 2 s a MB).
MAX_BYTES = 2 * 1024 * 1024
_SNIFF = 8192
#: The control bytes that make a file look binary (tab, newlines, form feed
#: and ESC are text); ``bytes.translate`` deletes all others, in C.
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32 and b != 27))


class NotText(ValueError):
    """The bytes are not a text document (binary data)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def looks_binary(head: bytes) -> bool:
    """NUL bytes or many non-text control bytes in the first bytes of a file."""
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a BOM is full of NULs but is text
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))
    return controls > len(head) // 10


def _drop_cut_character(data: bytes) -> bytes:
    """Bytes cut at MAX_BYTES may end inside a UTF-8 character: drop that part."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data[: len(data) - len(data) % 2]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.start >= len(data) - 3 and err.reason == "unexpected end of data":
            return data[: err.start]
    return data


def decode(data: bytes, truncated: bool = False) -> Decoded:
    """Decode ``data`` as UTF-8, UTF-16 (with a BOM) or Windows-1252.

    Raises :class:`NotText` for binary data.  Newlines come out as ``\\n``.
    """
    notes: list[str] = []
    if truncated:
        notes.append(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB: only the start is read")
    if looks_binary(data[:_SNIFF]):
        raise NotText("binary file (NUL or control bytes), not a text document")
    if truncated:
        data = _drop_cut_character(data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        notes.append("UTF-16 text (byte order mark)")
        return Decoded(normalize_newlines(text), "utf-16", tuple(notes))
    try:
        text = data.decode("utf-8")
        return Decoded(normalize_newlines(text), "utf-8", tuple(notes))
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if good == 0:
        # No valid multi-byte sequence at all: an 8-bit encoding, most often
        # Windows-1252 (a superset of Latin-1 for printable characters).
        text = data.decode("cp1252", errors="replace")
        notes.append("not UTF-8: read as Windows-1252")
        return Decoded(normalize_newlines(text), "cp1252", tuple(notes))
    notes.append(f"invalid UTF-8: {bad} byte sequence(s) shown as \ufffd")
    return Decoded(normalize_newlines(text), "utf-8", tuple(notes))
