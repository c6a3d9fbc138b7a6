"""Where a unit is: the place its own sentence puts it in.

"Vanaf mei 2024 draagt Nederland met een 120-koppig detachement bij aan de
NAVO-missie in Irak": the detachment is in Iraq, not in the Netherlands that
sends it.  A unit fact gets a ``place`` (the place's canonical name): the
first place after it in its sentence that stands after one of the rules'
``unit_place_prepositions`` ("in", "naar", "at"), else the last such place
before it in the sentence.  A place after "uit" or "from" is where it comes
from, not where it is, so it does not count.  A unit whose sentence names no
place that way gets none; no place is guessed from further away.

Sentences end at ``. ! ? ; :`` before a space, at a blank line and where a
list item starts.  An end inside the unit's own words ("ca. 200") is not one.
Only the 200 characters either side of a unit are looked at, so that a
document of one endless sentence full of names costs no more than a page.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from operator import attrgetter
from typing import Any

from ..model import Fact

_SENTENCE_END = re.compile(r"[.!?;:](?=\s)|\n[ \t]*\n|\n(?=[ \t]*(?:[-*\u2022]|\d+[.)])\s)")
#: How far back from a place its preposition is looked for (characters).
_REACH = 16
#: How far from a unit, within its sentence, its place is looked for.
_WINDOW = 200


def with_places(cr: Any, text: str, low: str, a: int, b: int, facts: list[Fact]) -> list[Fact]:
    """``facts`` of ``text[a:b]`` with each unit's place added where its sentence gives one."""
    places = sorted((f for f in facts if f.kind == "place"), key=_START)
    if not places or not any(f.kind == "unit" for f in facts):
        return facts
    starts = [f.start for f in places]
    out = []
    for fact in facts:
        if fact.kind == "unit":
            place = _place_of(fact, places, starts, text, low, a, b, cr.unit_place_preps)
            if place is not None:
                fact = Fact(fact.kind, fact.text, fact.start, fact.end, fact.value,
                            {**fact.attrs, "place": place.value or place.text})
        out.append(fact)
    return out


_START = attrgetter("start")


def _place_of(unit: Fact, places: list[Fact], starts: list[int], text: str, low: str, a: int, b: int,
              preps: frozenset[str]) -> Fact | None:
    # the unit's sentence, and no more than _WINDOW characters either side of
    # it: the work a unit costs stays bounded, whatever a document holds
    reach = min(b, unit.end + _WINDOW)
    end = _SENTENCE_END.search(text, unit.end, reach)
    stop = end.start() if end else reach
    k = bisect_left(starts, unit.end)
    while k < len(places) and places[k].start < stop:
        if _after_preposition(low, a, places[k].start, preps):
            return places[k]
        k += 1
    begin = max(a, unit.start - _WINDOW)
    for end in _SENTENCE_END.finditer(text, begin, unit.start):
        begin = end.end()
    k = bisect_left(starts, unit.start) - 1
    while k >= 0 and places[k].end > unit.start:  # a place inside the unit's words
        k -= 1
    while k >= 0 and places[k].start >= begin:
        if _after_preposition(low, a, places[k].start, preps):
            return places[k]
        k -= 1
    return None


def _after_preposition(low: str, a: int, start: int, preps: frozenset[str]) -> bool:
    before = low[max(a, start - _REACH):start].split()
    return bool(before) and before[-1] in preps
