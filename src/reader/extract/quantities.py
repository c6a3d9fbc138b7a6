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
    signs = "|".join(re.escape(s) for s in sorted(cr.currency_signs, key=len, reverse=True)) or r"(?!x)x"
    # The digits of a number with a unit are taken whole (atomic): fewer
    # digits would leave a digit or a separator where the unit must begin, so
    # trying them is wasted (most numbers tried here have no unit).
    number = rf"(?:(?>{cr.re_digits})|{cr.re_wordnum})(?:\s*{cr.re_scale}\b)?"
    cr.re_quantity = re.compile(
        rf"(?:(?P<apx>{cr.re_approx})\s+)?"
        rf"(?:(?P<cur>{signs})\s?(?P<cn>{cr.re_digits}(?:\s*{cr.re_scale}\b)?)(?P<short>(?<=\d)[mk]\b)?"
        rf"|(?P<n>{number})(?:\s*|[-‐])(?:(?P<pct>%)|(?P<u>{units})(?![\w²])))",
        re.I)


def find_quantities(cr: Any, text: str, start: int, end: int, num_hits: list | None = None
                    ) -> Iterator[QuantityHit]:
    if num_hits is None:
        num_hits = cr.num_hits(lowered(text), start, end)
    for m in scan_hits(num_hits, cr.re_quantity, text, end):
        if m.group("cur"):
            value = cr.number(m.group("cn"))
            if value is not None and m.group("short"):
                value *= 1_000_000 if m.group("short").lower() == "m" else 1000  # "£27m", "$500k"
            unit = cr.currency_signs.get(m.group("cur"))
            s = m.start("cur")
        else:
            value = cr.number(m.group("n"))
            unit = "%" if m.group("pct") else cr.measure_units.get(norm(m.group("u")))
            s = m.start("n")
            if m.group("u") and m.group("u")[0].isupper() and m.group("u") not in ("MW", "EUR", "USD"):
                unit = unit if m.group("u").lower() in cr.measure_units else None
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
