"""Make untrusted text harmless to show in a terminal.

Every string that comes from a document (its text, title, source, path) goes
through :func:`sanitize` once, when it is loaded.  Each character maps to
exactly one character, so offsets computed on the sanitized text are offsets
into the decoded file text as well: facts keep pointing at their words.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 block: these can start
# or end terminal escape sequences (ESC, CSI 0x9b, OSC 0x9d, ST 0x9c...).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates: they cannot drive the terminal, but
# they can make text read as something other than what it is.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_HARMFUL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␛ ␀ ␇ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def sanitize(text: str) -> str:
    """Replace every control character (but tab and newline) one for one."""
    if not _HARMFUL.search(text):
        return text
    return _HARMFUL.sub(_visible, text)


def has_controls(text: str) -> bool:
    """True when ``text`` holds a character :func:`sanitize` would replace."""
    return _HARMFUL.search(text) is not None


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF, as Python's text mode reads them."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def display_path(path: str) -> str:
    """A path as it may be shown: undecodable bytes and controls made visible."""
    safe = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return sanitize(safe.replace("\n", "\u2424"))


def one_line(text: str, limit: int = 300) -> str:
    """Sanitized, on one line, and at most ``limit`` characters."""
    flat = " ".join(sanitize(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"
