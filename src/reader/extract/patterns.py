"""Small helpers to turn word lists into fast regular expressions."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain
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


_WS = re.compile(r"\s+")
_ODD = re.compile(r"[’‐‑–]|\s\s|[\t\n\r\u00a0]")
_ODD_MAP = str.maketrans({"’": "'", "‐": "-", "‑": "-", "–": "-"})


@lru_cache(maxsize=4096)
def norm(word: str) -> str:
    """A key for looking words up: lower case, one space, straight apostrophe.

    (Cached: the same few hundred words are looked up again and again.)
    """
    word = word.strip().lower()
    if _ODD.search(word):
        word = _WS.sub(" ", word.translate(_ODD_MAP))
    return word


_WORD_START = re.compile(r"(?<![\w'’])[\w'’]")


def lowered(text: str) -> str:
    """``text`` in lower case with every offset kept (one character for one)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_GAP = frozenset(" \t\n\r-\u00a0‐‑")
_WORDCH = frozenset("'’")


class Core:
    """A fast trigger: a trie of words (and digits) tried only at word starts.

    ``ws`` begins with one non-word character, so ``re`` can skip ahead to
    the next such character instead of trying the trie at every position;
    ``plain`` is the bare trie, for the very start of a region.
    """

    def __init__(self, words: Iterable[str], *, digits: bool = True, whole: bool = True,
                 lower: bool = True) -> None:
        entries = [norm(w) if lower else w.strip() for w in words if w]
        if digits:
            entries += list("0123456789")
        tail = r"(?:(?<=\d)(?:[.,]?\d)*|(?<!\d)(?![\w]))" if whole else r"(?:(?<=\d)(?:[.,]?\d)*)?"
        body = f"{trie(entries)}{tail}"
        self.ws = re.compile(rf"[^\w](?P<core>{body})")
        self.plain = re.compile(rf"(?P<core>{body})")


def core_regex(words: Iterable[str], *, digits: bool = True, whole: bool = True) -> Core:
    return Core(words, digits=digits, whole=whole)


def core_matches(core: Core, low: str, start: int, end: int):
    """The matches of a :class:`Core` in ``low[start:end]`` that begin a word.

    (An iterator over ``finditer`` itself, not a generator of our own: this
    runs for every number and trigger word in the text.)
    """
    found = core.ws.finditer(low, start, end)
    if start < end and (start == 0 or not (low[start - 1].isalnum() or low[start - 1] == "_")):
        first = core.plain.match(low, start, end)
        if first is not None:
            return chain((first,), found)
    return found


def core_hits(core: "Core | Iterable[re.Match[str]]", low: str, start: int, end: int, prefix_words: frozenset[str],
              max_prefix: int = 4) -> list[tuple[list[int], int]]:
    """Like :func:`trigger_hits`, for a :class:`Core` of distinctive words.

    The optional words before a hit (``prefix_words``, such as "begin",
    "vorige", "zo'n") are found by stepping back word by word, and become the
    places where the big pattern is tried first.
    """
    out = []
    matches = core_matches(core, low, start, end) if isinstance(core, Core) else core
    for t in matches:
        out.append((step_back(low, start, t.start("core"), prefix_words, max_prefix), t.end()))
    return out


_LAST_LETTERS: dict[frozenset[str], frozenset[str]] = {}


def _last_letters(words: frozenset[str]) -> frozenset[str]:
    """The characters the prefix words can end with (quotes and apostrophes included)."""
    letters = _LAST_LETTERS.get(words)
    if letters is None:
        letters = frozenset(w[-1] for w in words if w) | frozenset("'\u2019")
        _LAST_LETTERS[words] = letters
    return letters


def step_back(low: str, start: int, p: int, prefix_words: frozenset[str], max_prefix: int = 4) -> list[int]:
    """``p`` and the starts of the prefix words just before it, earliest first.

    A word ends at a space, a newline or a hyphen; quotes and brackets before
    it are not part of it.  (This runs for every trigger word and number.)
    """
    cands = [p]
    q = p
    endings = _LAST_LETTERS.get(prefix_words) or _last_letters(prefix_words)
    for _ in range(max_prefix):
        j = q - 1
        if j < start or low[j] not in _GAP:
            break
        while j >= start and low[j] in _GAP:
            j -= 1
        if j < start or low[j] not in endings:
            break  # the word before cannot be a prefix word: no need to find it
        lo = max(start, j - 40)  # a word is not longer than this; keeps rfind short
        k = low.rfind(" ", lo, j + 1)
        if k < 0:
            k = lo - 1
        word = low[k + 1:j + 1]
        if "\n" in word or "-" in word:
            cut = max(word.rfind("\n"), word.rfind("-")) + 1
            k += cut
            word = word[cut:]
        if word not in prefix_words or word[0] in _OPENERS:
            bare = word.lstrip(_OPENERS)
            if bare not in prefix_words:
                if "’" not in bare:
                    break
                bare = bare.replace("’", "'")
                if bare not in prefix_words:
                    break
            k += len(word) - len(bare)
        q = k + 1
        cands.insert(0, q)
    return cands


_OPENERS = "(\"“‘[*_"


def words_of(phrases) -> frozenset[str]:
    """Every single word of ``phrases`` (lower case), for :func:`core_hits`."""
    out = set()
    for phrase in phrases:
        out.update(w for w in re.split(r"[\s\-‐‑]+", norm(phrase)) if w)
    return frozenset(out)


def scan_hits(hits: list[tuple[list[int], int]], full: "re.Pattern[str]", text: str, end: int):
    """Matches of the big pattern ``full`` tried only where a trigger fired.

    ``full`` is tried at the start of each word of a hit, the first match
    wins, and hits inside a match are skipped.  Running the big pattern only
    there keeps extraction fast: Python's ``re`` would otherwise try every
    branch at every character.
    """
    pos = 0
    match = full.match
    for cands, t_end in hits:
        if t_end <= pos:
            continue
        for q in cands:
            if q < pos:
                continue
            m = match(text, q, end)
            if m is not None and m.end() > q:
                yield m
                pos = m.end()
                break
