"""Small pure helpers shared by the store and the query language.

- :func:`fold`: case- and diacritic-insensitive form of a name (``Syrië`` ->
  ``syrie``), used to compare places, levels and unit nouns.
- :func:`date_interval`: a TIMEX3-style value (``2024``, ``2024-01``,
  ``2024-01-15``, ``2023-W45``, ``2024-Q1``, ``2024-SU``...) as the first and
  last day it covers, ISO strings, so overlaps are string comparisons.
- :func:`threat_rank`: how grave a threat level is, 0 (unknown) to 5.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Any, Sequence

from ..folding import fold

#: The index files each date fact by how many days it spans: at most 31 (a
#: day, a week, a month), 92 (a quarter), 184, 366 (a year) or 400 days, or
#: more ("wide").  A date filter then looks back from its first day only as
#: far as each class can reach (a month's facts: 31 days, not 400), and finds
#: the wide ones by a short scan of their own.
SPAN_CLASSES = (31, 92, 184, 366, 400)
WIDE_DAYS = SPAN_CLASSES[-1]
WIDE = len(SPAN_CLASSES)  # the class of the facts that span more than WIDE_DAYS

__all__ = ["SPAN_CLASSES", "WIDE", "WIDE_DAYS", "fold", "date_interval", "query_interval", "span_class",
           "threat_rank", "fact_interval"]


def span_class(days: int) -> int:
    """The class of a date fact that spans ``days`` days (last day minus first)."""
    for index, limit in enumerate(SPAN_CLASSES):
        if days <= limit:
            return index
    return WIDE


_YEAR = re.compile(r"(\d{4})$")
_MONTH = re.compile(r"(\d{4})-(\d{2})$")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])$")
_HALF = re.compile(r"(\d{4})-H([12])$")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|AU|WI)$")
_DECADE = re.compile(r"(\d{3})X?$")
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}


def _month_end(year: int, month: int) -> dt.date:
    while month > 12:
        year, month = year + 1, month - 12
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, last: int) -> tuple[str, str]:
    return dt.date(year, first, 1).isoformat(), _month_end(year, last).isoformat()


def date_interval(value: Any) -> tuple[str, str] | None:
    """First and last day covered by a TIMEX3-style date value, or None."""
    if not isinstance(value, str):
        return None
    return _date_interval(value)


@functools.lru_cache(maxsize=1 << 14)
def _date_interval(value: str) -> tuple[str, str] | None:
    v = value.strip().upper()
    try:
        m = _DAY.match(v)
        if m and (len(v) == 10 or v[10] in "T "):
            day = dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            return day, day
        if m := _MONTH.match(v):
            month = int(m[2])
            return _months(int(m[1]), month, month) if 1 <= month <= 12 else None
        if m := _YEAR.match(v):
            return _months(int(m[1]), 1, 12)
        if m := _WEEK.match(v):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
        if m := _QUARTER.match(v):
            q = int(m[2])
            return _months(int(m[1]), 3 * q - 2, 3 * q)
        if m := _HALF.match(v):
            h = int(m[2])
            return _months(int(m[1]), 6 * h - 5, 6 * h)
        if m := _SEASON.match(v):
            first, last = _SEASONS[m[2]]
            return _months(int(m[1]), first, last)
        if m := _DECADE.match(v):
            decade = int(m[1]) * 10
            return f"{decade:04d}-01-01", f"{decade + 9:04d}-12-31"
    except ValueError:
        return None
    return None


def fact_interval(value: Any, rng: Sequence[Any] | None = None) -> tuple[str, str] | None:
    """The interval of a date fact: its ``range`` when it has one, else its value."""
    if rng and len(rng) == 2:
        first, last = date_interval(rng[0]), date_interval(rng[1])
        if first and last:
            lo, hi = first[0], last[1]
            return (lo, hi) if lo <= hi else (last[0], first[1])
    return date_interval(value)


def query_interval(text: str) -> tuple[str, str] | None:
    """A date as a user writes it in a query: a value, ``A..B``, ``A..``, ``..B``."""
    text = text.strip()
    if ".." in text:
        a, _, b = text.partition("..")
        first = date_interval(a) if a.strip() else ("0000-01-01", "0000-01-01")
        last = date_interval(b) if b.strip() else ("9999-12-31", "9999-12-31")
        if not first or not last:
            return None
        return first[0], last[1]
    return date_interval(text)


#: Threat levels as written (Dutch and English, folded) and how grave they are.
#: The NCTV scale (minimaal .. kritiek), the UK scale (low .. critical) and the
#: words of military briefings (laag, verhoogd, significant, hoog).
THREAT_RANKS: dict[str, int] = {
    "geen": 0, "none": 0,
    "minimaal": 1, "minimal": 1, "laag": 1, "low": 1, "gering": 1,
    "beperkt": 2, "limited": 2, "moderate": 2, "matig": 2, "gemiddeld": 2, "medium": 2,
    "aanzienlijk": 3, "significant": 3, "considerable": 3, "verhoogd": 3, "elevated": 3,
    "substantial": 3,
    "substantieel": 4, "hoog": 4, "high": 4, "severe": 4, "ernstig": 4, "ernstige": 4,
    "kritiek": 5, "critical": 5, "zeer hoog": 5, "very high": 5, "extreme": 5, "extreem": 5,
}


def threat_rank(level: Any, rank: Any = None) -> int:
    """0 (unknown) to 5 (critical); an integer ``rank`` from the extractor wins."""
    if isinstance(rank, int) and not isinstance(rank, bool):
        return max(0, min(5, rank))
    key = fold(level)
    if key in THREAT_RANKS:
        return THREAT_RANKS[key]
    # "zeer hoge dreiging", "high threat": the last known word decides.
    best = 0
    for word in key.replace("-", " ").split():
        best = max(best, THREAT_RANKS.get(word, 0))
        if word in ("hoge",):
            best = max(best, 4)
    return best
