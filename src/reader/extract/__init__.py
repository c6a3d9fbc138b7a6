"""Document -> facts: pure functions, no I/O, no Textual.

The entry points other layers use:

- ``extract_document(doc)``: the facts of a Document (title and body), sorted
  by ``start``.
- ``extract(text, spans=..., doc_date=..., language=...)``: the same over any
  text, for the regions ``spans`` of it.
- ``VERSION``: changes whenever the rules or the code change what is found,
  so caches of facts know to refresh.  ``rules_fingerprint()`` also changes
  when a user's own rules files change.
- ``rule_problems()``: what was wrong with the rules files (a user's file
  that is not valid YAML, an unknown key...), one line each.  Such a file is
  skipped; extraction goes on with the rest.

The vocabularies, scales and gazetteers live in YAML (``rules/*.yaml`` here,
plus the user's ``*.yaml`` in ``$READER_RULES`` or ``config_dir()/rules``),
read once with ``yaml.safe_load`` and compiled once per language.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, Iterable

from ..model import Document, Fact
from .dates import Anchor, find_bare_durations, find_dates, find_durations
from .entities import find_entities
from .located import with_places
from .patterns import lowered
from .quantities import find_quantities
from .ruleset import Rules, get_rules, load_rules, reload_rules, rule_problems
from .threats import find_threats
from .units import find_units

VERSION = "1.5"

__all__ = ["VERSION", "extract", "extract_document", "load_rules", "reload_rules", "rule_problems",
           "rules_fingerprint", "warm_up", "Rules"]

#: Facts of these kinds compete for the same words: where two overlap, the
#: longer one (then the earlier kind here) is kept, so a compound such as
#: "1 januari volgend jaar" is one date and "twee weken geleden" is not also
#: a duration.
_NUMERIC = ("date", "duration", "unit", "quantity")


def warm_up(languages: Iterable[str] = ("nl", "en"), rules: Rules | None = None) -> None:
    """Read and compile the rules now (about 0.1 s a language) rather than on the first document.

    The app can call this in a worker at start, so opening the first article
    does not wait for it.
    """
    for language in languages:
        (rules or get_rules()).for_language(language)


def rules_fingerprint() -> str:
    """VERSION plus a digest of the rules files in use (bundled and user's)."""
    return f"{VERSION}+{get_rules().fingerprint}"


def extract(text: str, *, spans: Iterable[tuple[int, int]] | None = None,
            doc_date: str | None = None, language: str = "nl",
            rules: Rules | None = None) -> list[Fact]:
    """The facts in ``text[a:b]`` for each (a, b) in ``spans`` (default: all).

    ``doc_date`` is the publication date at the precision known ('2023',
    '2023-11', '2023-11-07') or None; ``rules`` a :func:`load_rules` result
    (default: the bundled rules plus the user's folder).
    """
    cr = (rules or get_rules()).for_language(language or "nl")
    anchor = Anchor.parse(doc_date)
    regions = [(0, len(text))] if spans is None else sorted(
        (max(0, a), min(len(text), b)) for a, b in spans if b > a)
    facts: list[Fact] = []
    low = lowered(text) if regions else text
    for a, b in regions:
        facts.extend(_extract_region(cr, text, low, a, b, anchor))
    if language in _OTHER and sum(b - a for a, b in regions) <= SHORT_TEXT:
        # A sentence or two says too little for its language to be sure
        # ("Troops left on 12 June" has no Dutch or English function word):
        # the other language's rules may add what this language's missed.
        other = (rules or get_rules()).for_language(_OTHER[language])
        taken = [(f.start, f.end) for f in facts]
        for a, b in regions:
            for fact in _extract_region(other, text, low, a, b, anchor):
                if not any(fact.start < e and s < fact.end for s, e in taken):
                    facts.append(fact)
                    taken.append((fact.start, fact.end))
    facts.sort(key=_BY_PLACE)
    return facts


#: Texts up to this many characters are also read with the other language's rules.
SHORT_TEXT = 400
_OTHER = {"nl": "en", "en": "nl"}


def _extract_region(cr: Any, text: str, low: str, a: int, b: int, anchor: Anchor) -> list[Fact]:
    numeric: list[Fact] = []
    shared = cr.shared_matches(low, a, b)
    capitals = cr.capital_matches(text, a, b)
    units_of_time = shared["time_unit"]  # "jaar", "weeks": words for units of time
    num_hits = cr.num_hits(low, a, b, units_of_time)
    for hit in find_dates(cr, text, a, b, anchor, low, shared["date"]):
        numeric.append(_fact(text, "date", hit.start, hit.end, hit.value, hit.attrs))
    unit_ends = [m.end("core") for m in units_of_time]
    for hit in find_bare_durations(cr, text, low, a, b, _shift_starts(cr, low, a, units_of_time)):
        numeric.append(_fact(text, "duration", hit.start, hit.end, hit.value, hit.attrs))
    for hit in find_durations(cr, text, a, b, num_hits, unit_ends):
        numeric.append(_fact(text, "duration", hit.start, hit.end, hit.value, hit.attrs))
    for hit in find_units(cr, text, a, b, low, num_hits, capitals["type"]):
        attrs = {"count": hit.count, "category": hit.category, "what": hit.what}
        if hit.approx:
            attrs["approx"] = True
        numeric.append(_fact(text, "unit", hit.start, hit.end, None, attrs))
    for hit in find_quantities(cr, text, a, b, num_hits, low):
        attrs = {"unit": hit.unit, "approx": True} if hit.approx else {"unit": hit.unit}
        numeric.append(_fact(text, "quantity", hit.start, hit.end, hit.value, attrs))
    out = _resolve_overlaps(numeric)
    threats = [
        _fact(text, "threat", h.start, h.end, None, {
            "level": h.level, "scale": h.scale, "previous": h.previous, "change": h.change,
            "subject": h.subject})
        for h in find_threats(cr, text, a, b, low, shared["level"])]
    out.extend(_resolve_overlaps(threats))
    entities = [_fact(text, h.kind, h.start, h.end, h.value, {"role": h.role} if h.role is not None else {})
                for h in find_entities(cr, text, a, b, low, shared["entity"], shared["locative"],
                                            capitals["place"])]
    out.extend(_resolve_overlaps(entities))
    return with_places(cr, text, low, a, b, out)


def _shift_starts(cr: Any, low: str, a: int, units_of_time: list) -> list[int]:
    """"the past fortnight": where a shift word stands just before a unit of time."""
    starts = []
    shifts = cr.bare_duration_shifts
    for m in units_of_time:
        lo = max(a, m.start("core") - 12)
        before = low[lo:m.start("core")].rstrip()
        if before.endswith(shifts):
            word = next(w for w in shifts if before.endswith(w))
            starts.append(lo + len(before) - len(word))
    return starts


def _fact(text: str, kind: str, start: int, end: int, value: Any, attrs: dict[str, Any]) -> Fact:
    """A Fact of ``text[start:end]``, spaces at the edges trimmed, attributes
    that are None left out (callers leave out what they know is None)."""
    fact_text = text[start:end]
    if fact_text[-1:].isspace() or fact_text[:1].isspace():
        # trim spaces the patterns may have taken at the edges
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        fact_text = text[start:end]
    if attrs and None in attrs.values():
        attrs = {k: v for k, v in attrs.items() if v is not None}
    return Fact(kind, fact_text, start, end, value, attrs)


_ORDER = {k: i for i, k in enumerate(_NUMERIC)}
_BY_PLACE = attrgetter("start", "end", "kind")
_BY_START = attrgetter("start")


def _resolve_overlaps(facts: list[Fact]) -> list[Fact]:
    """Longest first; a fact overlapping one already kept is dropped."""
    if len(facts) < 2:
        return facts
    facts.sort(key=_BY_START)
    # most facts touch no other: keep those without ranking
    clusters: list[list[Fact]] = []
    reach = -1
    for fact in facts:
        if fact.start < reach:
            clusters[-1].append(fact)
        else:
            clusters.append([fact])
        reach = max(reach, fact.end) if fact.start < reach else fact.end
    kept: list[Fact] = []
    for group in clusters:
        if len(group) == 1:
            kept.append(group[0])
            continue
        ranked = sorted(group, key=lambda f: (-(f.end - f.start), _ORDER.get(f.kind, 9), f.start))
        taken: list[tuple[int, int]] = []
        for fact in ranked:
            if any(fact.start < b and a < fact.end for a, b in taken):
                continue
            kept.append(fact)
            taken.append((fact.start, fact.end))
    return kept


def extract_document(doc: Document, *, rules: Rules | None = None) -> list[Fact]:
    """The facts of a document's title and body."""
    spans = [s for s in (doc.title_span, doc.body_span) if s[1] > s[0]]
    return extract(doc.text, spans=spans, doc_date=doc.date, language=doc.language, rules=rules)
