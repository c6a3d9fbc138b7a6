"""Across documents: a timeline of dated facts, following a subject, and
comparing two documents.  Pure functions over (entry, facts) pairs; no I/O,
no Textual.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Sequence

from .extract.place_names import place_key
from .library import Entry
from .model import Fact
from .store.normalize import date_interval, fact_interval, fold

Pair = tuple[Entry, Sequence[Fact]]
BARS = " \u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"


@dataclass(frozen=True, slots=True)
class Dated:
    """A fact placed in time: a date fact at its own value, any other fact at
    its document's publication date."""

    start: str  # first day covered, ISO
    end: str  # last day covered, ISO
    label: str  # the value as written in the contract (2024-01-01, 2023-W45...)
    fact: Fact
    entry: Entry

    @property
    def month(self) -> str:
        return self.start[:7]

    @property
    def week(self) -> str:
        year, week, _ = dt.date.fromisoformat(self.start).isocalendar()
        return f"{year}-W{week:02d}"


def _placed(fact: Fact, entry: Entry) -> Dated | None:
    if fact.kind == "date":
        span = fact_interval(fact.value, fact.attrs.get("range"))
        label = fact.display_value
    else:
        span = date_interval(entry.date)
        label = entry.date or ""
    if span is None:
        return None
    return Dated(span[0], span[1], label, fact, entry)


class Bounded:
    """(entry, facts) pairs, in their order, until ``max_facts`` facts have
    come: a timeline or a story over 100,000 documents (some 15 dates and 30
    places each) stays within memory and time.  After iterating, ``documents``
    says how many documents came and ``cut`` whether some were left out;
    ``progress(documents)`` is called every ``every`` documents."""

    def __init__(self, pairs: Iterable[Pair], max_facts: int,
                 progress: Callable[[int], Any] | None = None, every: int = 500) -> None:
        self._pairs = pairs
        self.max_facts = max_facts
        self.progress = progress
        self.every = every
        self.documents = 0
        self.facts = 0
        self.cut = False

    def __iter__(self) -> Iterator[Pair]:
        for entry, facts in self._pairs:
            if self.facts >= self.max_facts:
                self.cut = True
                return
            self.documents += 1
            self.facts += len(facts)
            if self.progress is not None and self.documents % self.every == 0:
                self.progress(self.documents)
            yield entry, facts


def timeline(pairs: Iterable[Pair], kinds: Sequence[str] = ("date",)) -> list[Dated]:
    """Every fact of ``kinds`` that can be placed in time, in date order."""
    wanted = set(kinds)
    items = []
    for entry, facts in pairs:
        for fact in facts:
            if fact.kind in wanted:
                placed = _placed(fact, entry)
                if placed is not None:
                    items.append(placed)
    items.sort(key=lambda d: (d.start, d.end, d.entry.date or "", d.fact.start))
    return items


def counts_by(items: Sequence[Dated], period: str = "month") -> list[tuple[str, int]]:
    """How many items fall in each month (or week), every period in between included."""
    if not items:
        return []
    counted = Counter(d.month if period == "month" else d.week for d in items)
    if period != "month":
        return sorted(counted.items())
    first, last = min(counted), max(counted)
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        out.append((key, counted.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


#: Months a bar may stand for when a chart of every month would not fit.
BAR_MONTHS = (1, 3, 6, 12, 24, 60, 120, 600, 1200)


def fit_months(counts: Sequence[tuple[str, int]], room: int) -> tuple[list[tuple[str, int]], int]:
    """Monthly counts (``counts_by``: every month, "YYYY-MM") as at most
    ``room`` bars: each bar the fewest of ``BAR_MONTHS`` months that fit,
    bars aligned on the calendar (quarters, half years, years...) and named by
    their first month, or their year from a year a bar up.  Returns the bars
    and the months a bar stands for."""
    if not counts:
        return [], 1
    index = [int(key[:4]) * 12 + int(key[5:7]) - 1 for key, _ in counts]
    step = next((m for m in BAR_MONTHS if index[-1] // m - index[0] // m < max(1, room)), BAR_MONTHS[-1])
    if step == 1:
        return list(counts), 1
    bars: dict[int, int] = {}
    for i, (_, n) in zip(index, counts):
        bars[i // step] = bars.get(i // step, 0) + n
    out = []
    for bar in range(index[0] // step, index[-1] // step + 1):
        year, month = divmod(bar * step, 12)
        out.append((f"{year:04d}" if step >= 12 else f"{year:04d}-{month + 1:02d}", bars.get(bar, 0)))
    return out, step


def sparkline(counts: Sequence[tuple[str, int]]) -> str:
    """One bar character a period, scaled to the largest count."""
    top = max((n for _, n in counts), default=0)
    if top == 0:
        return ""
    return "".join(BARS[0 if n == 0 else max(1, round(8 * n / top))] for _, n in counts)


# -- following a subject -----------------------------------------------------

_STOP = frozenset(
    "de het een en van voor op in tegen the a an and of for on in against to at".split()
)


def subject_of(fact: Fact) -> tuple[str, str]:
    """What a fact is about, as (kind, folded key): the thing to follow."""
    if fact.kind == "place":
        return "place", place_key(fact.value or fact.text)  # Iraq and Irak are one subject
    if fact.kind in ("person", "organization"):
        return fact.kind, fold(fact.value or fact.text)
    if fact.kind == "threat":
        return "threat", fold(fact.attrs.get("subject") or "")
    if fact.kind == "unit":
        return "unit", fold(fact.attrs.get("what") or fact.text)[:6]
    return fact.kind, fold(fact.value if fact.value is not None else fact.text)


_FILTER_KEYS = {"place": "place", "person": "person", "organization": "org", "unit": "unit"}


def subject_query(fact: Fact) -> str:
    """A query (reader.query) for the documents that may mention this fact's
    subject, so that following it reads only those: ``place:"Irak"`` (which
    finds Iraq too), ``unit:"milita"``, ``kind:threat``..."""
    kind, key = subject_of(fact)
    if kind == "unit":
        value = key if fact.attrs.get("what") else ""  # unit: is a prefix of the noun
    elif kind in _FILTER_KEYS:
        value = str(fact.value or fact.text)
    else:
        value = ""
    if value and '"' not in value and "\\" not in value:
        return f'{_FILTER_KEYS[kind]}:"{value}"'
    return f"kind:{fact.kind}"


def _content_words(text: str) -> set[str]:
    return {w for w in text.replace(",", " ").split() if w not in _STOP and len(w) > 2}


def same_subject(a: tuple[str, str], fact: Fact) -> bool:
    kind, key = subject_of(fact)
    if kind != a[0]:
        return False
    if kind == "threat":
        if not a[1] or not key:
            return a[1] == key
        return bool(_content_words(a[1]) & _content_words(key))
    return key == a[1]


@dataclass(frozen=True, slots=True)
class Mention:
    entry: Entry
    fact: Fact
    value: str  # what can change: a threat's level, a unit's count, else the value


def _state(fact: Fact) -> str:
    """The part of a fact that can change over time: a level, a count, a value."""
    if fact.kind == "threat":
        return str(fact.attrs.get("level") or "")
    if fact.kind == "unit":
        return str(fact.attrs.get("count", ""))
    return fact.display_value


def follow(pairs: Iterable[Pair], subject: tuple[str, str]) -> list[Mention]:
    """Every mention of ``subject`` across the documents, oldest document first."""
    out = [
        Mention(entry, fact, _state(fact))
        for entry, facts in pairs
        for fact in facts
        if same_subject(subject, fact)
    ]
    out.sort(key=lambda m: (m.entry.date or "9999", m.entry.path, m.fact.start))
    return out


def changes(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions where the value differs from the one before: the story of a subject."""
    out: list[Mention] = []
    for mention in mentions:
        if not out or fold(mention.value) != fold(out[-1].value):
            out.append(mention)
    return out


def by_place(mentions: Sequence[Mention]) -> list[tuple[str | None, list[Mention]]]:
    """Mentions of a unit grouped by the place their sentences put them in
    (the ``place`` of a unit fact; Bagdad and Baghdad are one), most mentioned
    place first, those with no place last; each group keeps the order of
    ``mentions``."""
    groups: dict[str | None, list[Mention]] = {}
    names: dict[str | None, str | None] = {None: None}  # a group is named as its first mention names it
    for mention in mentions:
        place = mention.fact.attrs.get("place")
        key = place_key(place) if place else None
        names.setdefault(key, place)
        groups.setdefault(key, []).append(mention)
    return sorted(((names[key], group) for key, group in groups.items()),
                  key=lambda kv: (kv[0] is None, -len(kv[1]), fold(kv[0] or "")))


# -- comparing two documents ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Aligned:
    """One subject in two documents: its facts in each, and whether they disagree."""

    kind: str
    key: str
    left: tuple[Fact, ...]
    right: tuple[Fact, ...]

    @property
    def shared(self) -> bool:
        return bool(self.left) and bool(self.right)

    @property
    def conflict(self) -> bool:
        """The same subject with different values (e.g. two counts for one unit)."""
        if not self.shared or self.kind in ("place", "person", "organization"):
            return False
        left = {fold(f.display_value) for f in self.left}
        right = {fold(f.display_value) for f in self.right}
        return not (left & right)


def compare(left: Sequence[Fact], right: Sequence[Fact]) -> list[Aligned]:
    """The facts of two documents aligned by subject: shared first, then the rest."""
    keys: dict[tuple[str, str], tuple[list[Fact], list[Fact]]] = {}
    for side, facts in ((0, left), (1, right)):
        for fact in facts:
            if fact.kind in ("date", "duration", "quantity"):
                key = (fact.kind, fold(fact.display_value))
            else:
                key = subject_of(fact)
                place = fact.attrs.get("place") if fact.kind == "unit" else None
                if place:  # 10 militairen in Irak and 145 in Bagdad are not one unit counted twice
                    key = (key[0], f"{key[1]} @ {place_key(place)}")
            keys.setdefault(key, ([], []))[side].append(fact)
    rows = [Aligned(kind, key, tuple(a), tuple(b)) for (kind, key), (a, b) in keys.items()]
    rows.sort(key=lambda r: (not r.conflict, not r.shared, r.kind, r.key))
    return rows
