"""Small helpers to turn word lists into fast regular expressions."""

from __future__ import annotations

import re
from typing import Iterable

_APOS = "['’]"


def _char(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch in "'’":
        return _APOS
    if ch == "-":
        return r"[-‐‑–]"
    return re.escape(ch)


def trie(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (longest first), built as a trie.

    Python's ``re`` tries alternatives one by one; a trie shares prefixes so
    a large vocabulary costs little more than a small one.  Spaces match any
    run of whitespace, apostrophes match both ' and ’.
    """
    root: dict = {}
    for word in words:
        word = word.strip()
        if not word:
            continue
        word = re.sub(r"\s+", " ", word).replace("’", "'")
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True
    if not root:
        return r"(?!x)x"

    def build(node: dict) -> str:
        end = "" in node
        branches = [_char(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            if len(branches) == 1 and _is_atom(body):
                return body + "?"
            return "(?:" + body + ")?"
        return body

    return "(?:" + build(root) + ")"


def _is_atom(pattern: str) -> bool:
    return len(pattern) == 1 or (len(pattern) == 2 and pattern[0] == "\\")


def norm(word: str) -> str:
    """A key for looking words up: lower case, one space, straight apostrophe."""
    return re.sub(r"\s+", " ", word.strip().lower().replace("’", "'").replace("‐", "-").replace("‑", "-").replace("–", "-"))
