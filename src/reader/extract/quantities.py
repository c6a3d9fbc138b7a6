"""Quantities with a measurement unit: 30 km, 2,5 miljoen euro, $1.2bn, 12%."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from .numbers import as_number
from .patterns import lowered, norm, scan_hits, trie


@dataclass
class QuantityHit:
    start: int
    end: int
    value: float | int
    unit: str
    approx: bool


def build(cr: Any) -> None:
    units = trie(k for k in cr.measure_units if k != "%")
    signs = "|".join(re.escape(s.lower()) for s in sorted(cr.currency_signs, key=len, reverse=True)) or r"(?!x)x"
    # The digits of a number with a unit are taken whole (atomic): fewer
    # digits would leave a digit or a separator where the unit must begin, so
    # trying them is wasted (most numbers tried here have no unit).
    number = rf"(?:(?>{cr.re_digits})|{cr.re_wordnum})(?:\s*{cr.re_scale}\b)?"
    # Matched on the lower-cased text, not with re.I (which makes re try
    # every branch of the word lists); the groups are read from the text.
    cr.re_quantity = re.compile(
        rf"(?:(?P<apx>{cr.re_approx})\s+)?"
        rf"(?:(?P<cur>{signs})\s?(?P<cn>{cr.re_digits}(?:\s*{cr.re_scale}\b)?)(?P<short>(?<=\d)[mk]\b)?"
        rf"|(?P<n>{number})(?:\s*|[-‐])(?:(?P<pct>%)|(?P<u>{units})(?![\w²])))")


def find_quantities(cr: Any, text: str, start: int, end: int, num_hits: list | None = None,
                    low: str | None = None) -> Iterator[QuantityHit]:
    low = lowered(text) if low is None else low
    if num_hits is None:
        num_hits = cr.num_hits(low, start, end)
    for m in scan_hits(num_hits, cr.re_quantity, low, end):
        if m.group("cur"):
            value = cr.number(_written(text, m, "cn"))
            if value is not None and m.group("short"):
                value *= 1_000_000 if m.group("short") == "m" else 1000  # "£27m", "$500k"
            unit = cr.currency_signs.get(_written(text, m, "cur"))
            s = m.start("cur")
        else:
            value = cr.number(_written(text, m, "n"))
            u = _written(text, m, "u")
            unit = "%" if m.group("pct") else cr.measure_units.get(norm(u))
            s = m.start("n")
            if u and u[0].isupper() and u not in ("MW", "EUR", "USD"):
                unit = unit if u.lower() in cr.measure_units else None
        if value is None or unit is None:
            continue
        approx = bool(m.group("apx"))
        if approx:
            s = m.start()
        elif unit == "°C":
            neg = re.search(r"(?:minus|min|-|−)\s*$", text[max(start, s - 7):s], re.I)
            if neg:
                value, s = -value, s - len(neg.group())
        yield QuantityHit(s, m.end(), as_number(value), unit, approx)


def _written(text: str, m: re.Match[str], name: str) -> str | None:
    """Group ``name`` of a match on the lower-cased text, as the text writes it."""
    s = m.start(name)
    return text[s:m.end(name)] if s >= 0 else None
