"""Numbers as Dutch and English write them: digits with separators, words.

``190.000`` (Dutch thousands), ``2,5 miljoen`` (Dutch decimal comma),
``1,200`` (English thousands), ``twee``, ``tweehonderdvijftig``,
``three hundred and twelve``, ``twenty-five``.
"""

from __future__ import annotations

import re
from typing import Mapping

from .patterns import norm

_SEP = re.compile(r"[.,]")


def parse_digits(text: str, language: str = "nl", *, integer: bool = False) -> float | int | None:
    """The value of a digit group such as ``190.000``, ``2,5`` or ``1,200``.

    A single separator followed by exactly three digits is a thousands
    separator when it is the language's own (``.`` in Dutch, ``,`` in
    English), else a decimal mark.  With ``integer`` (a head count), a
    three-digit group is read as thousands whichever the mark.
    """
    text = text.strip().replace(" ", "").replace("\u202f", "").replace("\u00a0", "")
    if not text:
        return None
    if text.isdigit():
        return int(text)
    seps = _SEP.findall(text)
    groups = _SEP.split(text)
    if not all(g.isdigit() for g in groups):
        return None
    kinds = set(seps)
    if len(kinds) == 2:
        dec = seps[-1]
        if seps.count(dec) != 1:
            return None
        thousands, _, frac = text.rpartition(dec)
        whole = thousands.replace("." if dec == "," else ",", "")
        if not all(len(g) == 3 for g in _SEP.split(thousands)[1:]):
            return None
        return float(f"{whole}.{frac}")
    if len(seps) > 1:
        if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
            return int("".join(groups))
        return None
    sep = seps[0]
    head, tail = groups
    own_thousands = "." if language == "nl" else ","
    if len(tail) == 3 and len(head) <= 3 and (sep == own_thousands or integer):
        return int(head + tail)
    value = float(f"{head}.{tail}")
    return value


def as_number(value: float | int) -> float | int:
    """Whole floats as ints (2500000.0 -> 2500000)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class WordNumbers:
    """Number words of one language, compounds included."""

    def __init__(self, words: Mapping[str, int], language: str) -> None:
        self.words = {norm(k): int(v) for k, v in words.items()}
        self.language = language
        self.units = {k: v for k, v in self.words.items() if 1 <= v <= 9}
        self.tens = {k: v for k, v in self.words.items() if v in (20, 30, 40, 50, 60, 70, 80, 90)}

    # -- Dutch: one written word -------------------------------------------
    def _nl(self, word: str) -> int | None:
        if not word:
            return None
        if word in self.words:
            return self.words[word]
        if word.endswith("tal") and len(word) > 5:
            return self._nl(word[:-3])  # "twintigtal": about twenty
        for mult_word, mult in (("miljoen", 1_000_000), ("duizend", 1000), ("honderd", 100)):
            i = word.find(mult_word)
            if i >= 0:
                left, right = word[:i], word[i + len(mult_word):]
                lval = 1 if left in ("", "een", "één") else self._nl(left)
                if lval is None or lval >= mult or lval == 0:
                    return None
                rval = 0
                if right:
                    if right.startswith("en") and self._nl(right[2:]) is not None and right[2:] not in self.tens:
                        right = right[2:]  # "honderdenvijf"
                    rval = self._nl(right)
                    if rval is None or rval >= mult:
                        return None
                return lval * mult + rval
        m = re.fullmatch(r"(.+?)(?:en|ën)(.+)", word)
        if m and m.group(1) in self.units and m.group(2) in self.tens:
            return self.units[m.group(1)] + self.tens[m.group(2)]
        if m and m.group(1) in ("een", "één") and m.group(2) in self.tens:
            return 1 + self.tens[m.group(2)]
        return None

    # -- English: words joined by spaces, hyphens and "and" ------------------
    def _en(self, phrase: str) -> int | None:
        tokens = [t for t in re.split(r"[\s\-‐‑]+", phrase) if t and t != "and"]
        if not tokens:
            return None
        total = current = 0
        seen = False
        for tok in tokens:
            val = self.words.get(tok)
            if tok in ("a", "an") and not seen:
                val = 1
            if val is None:
                return None
            if val == 100:
                current = (current or 1) * 100
            elif val >= 1000:
                total += (current or 1) * val
                current = 0
            else:
                current += val
            seen = True
        return total + current

    def parse(self, text: str) -> int | None:
        key = norm(text)
        if key in self.words:
            return self.words[key]
        if self.language == "nl" and " " not in key:
            return self._nl(key.replace("-", ""))
        if self.language == "en" or " " in key or "-" in key:
            return self._en(key)
        return None


_SCALED = re.compile(r"(.*?)(?:\s+|(?<=\d))([^\W\d][\w.]*)$")


def parse_number(text: str, language: str, words: WordNumbers, scales: Mapping[str, int],
                 *, integer: bool = False) -> float | int | None:
    """Digits or words, with an optional scale word after them (``2,5 miljoen``)."""
    text = text.strip()
    m = _SCALED.match(text) if not text.isdigit() else None
    scale = 1
    if m and norm(m.group(2)) in scales:
        scale = int(scales[norm(m.group(2))])
        text = m.group(1)
    if text and text[0].isdigit():
        value = parse_digits(text, language, integer=integer and scale == 1)
    else:
        value = words.parse(text)
    if value is None:
        return None
    return as_number(value * scale)
