"""Places, people and organizations: gazetteers from the rules plus patterns.

Names are matched with their capitals as written ("Irak", "NAVO"); the value
is the gazetteer's name.  A country counts as a place where the words before
it make it a location ("in Irak", "naar Syrië", "de hoofdstad van Irak"),
not where it acts ("Nederland levert ..."); cities and regions always count.
People are found after a role ("minister Kajsa Ollongren", "Defence
Secretary Grant Shapps"); later mentions of the surname are the same person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from .patterns import Core, core_matches, lowered, norm, scan_hits, trie

_PARTICLES = r"(?:van|de|der|den|ter|ten|von|al|el|bin|ibn|da|di|du|le|la|van\s+der|van\s+den|van\s+de)"
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
_COMPASS = r"(?:Noord|Zuid|Oost|West|Noordoost|Noordwest|Zuidoost|Zuidwest|Midden|Centraal|North|South|East|West|Northern|Southern|Eastern|Western|Central)"
_TITLES = {"dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "de heer", "mevrouw", "prof.", "professor"}


@dataclass
class EntityHit:
    kind: str
    start: int
    end: int
    value: str
    role: str | None = None


def _entries(items: Any) -> list[tuple[str, str]]:
    out = []
    for item in items or []:
        if isinstance(item, dict):
            out.append((item["name"], item.get("value", item["name"])))
        else:
            out.append((str(item), str(item)))
    return out


def build(cr: Any) -> None:
    cr.gazetteer = {}
    for group, items in cr.places_data.items():
        kind = "country" if group == "countries" else "place"
        for name, value in _entries(items):
            cr.gazetteer[name] = (kind, value)
    for name, value in _entries(cr.organizations):
        cr.gazetteer.setdefault(name, ("organization", value))
    names = trie(cr.gazetteer)
    cr.re_gazetteer = re.compile(rf"(?<![\w-])(?:(?P<cmp>{_COMPASS})-)?(?P<name>{names})(?![\w])")
    # the same, fast: only at word starts (after a non-word character)
    cr.re_gazetteer_ws = re.compile(rf"[^\w'’](?P<name>{names})(?![\w])")
    cr.re_gazetteer_first = re.compile(rf"(?P<name>{names})(?![\w])")
    cr.re_compass_before = re.compile(rf"(?<![\w-]){_COMPASS}-$")
    particle_cap = rf"(?:(?:al|el|ad|as|an|ar|ash|ibn|bin)[-‐])?{_CAP}"
    suffix = trie(cr.place_suffix_words) if cr.place_suffix_words else r"(?!x)x"
    prefix = trie(cr.place_prefix_words) if cr.place_prefix_words else r"(?!x)x"
    cr.re_place_trigger = re.compile(rf"(?P<sfx>{suffix})(?![\w])|(?P<pw>{prefix})\s")
    cr.re_place_before = re.compile(rf"(?<![\w-]){particle_cap}(?:\s+{particle_cap}){{0,3}}\s+$")
    cr.re_place_after = re.compile(rf"\s+(?P<pname>{_CAP}(?:[-\s]{_CAP}){{0,2}})(?![\w])")
    roles = trie(cr.roles) if cr.roles else r"(?!x)x"
    comp = trie(cr.role_complements) if cr.role_complements else r"(?!x)x"
    name = rf"(?-i:{_CAP}(?:\s+(?:{_PARTICLES}\s+)?{_CAP}){{0,3}})"
    cr.role_core = Core(cr.roles, digits=False) if cr.roles else None
    cr.re_person = re.compile(
        rf"(?<![\w-])(?P<role>{roles}(?:\s+{comp}\s+(?-i:(?:(?:Buitenlandse|Binnenlandse|Economische|Algemene)\s+Zaken|Foreign\s+Affairs|{_CAP})))?)"
        rf"\s+(?P<name>{name})(?![\w])",
        re.I)


def find_entities(cr: Any, text: str, start: int, end: int, low: str | None = None) -> Iterator[EntityHit]:
    low = lowered(text) if low is None else low
    hits: list[EntityHit] = []
    last_country: tuple[int, bool] | None = None  # end, counted as a place
    for m in _gazetteer_matches(cr, text, start, end):
        name = m.group("name")
        kind, value = cr.gazetteer[name]
        s = m.start("name")
        if s > start and text[s - 1] in "-‐":
            cmp = cr.re_compass_before.search(text, max(start, s - 14), s)
            if cmp is None:
                continue
            value = text[cmp.start():m.end("name")]
            kind = "place"
            s = cmp.start()
        if kind == "country":
            keep = _located(cr, text, s, last_country)
            last_country = (m.end("name"), keep)
            if not keep:
                continue
            kind = "place"
        hits.append(EntityHit(kind, s, m.end("name"), value))
    for m in cr.re_place_trigger.finditer(text, start, end):
        if m.start() > start and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-_"):
            continue
        if m.group("sfx"):
            b = cr.re_place_before.search(text, max(start, m.start() - 80), m.start())
            if b is not None:
                hits.append(EntityHit("place", b.start(), m.end("sfx"), text[b.start():m.end("sfx")]))
        else:
            a = cr.re_place_after.match(text, m.end("pw"), end)
            if a is None:
                continue
            pw = m.group("pw")
            if pw[0].isupper():
                hits.append(EntityHit("place", m.start(), a.end(), text[m.start():a.end()]))
            else:
                hits.append(EntityHit("place", a.start("pname"), a.end("pname"), a.group("pname")))
    people: dict[str, str] = {}
    role_hits = ([([t.start("core")], t.end()) for t in core_matches(cr.role_core, low, start, end)]
                 if cr.role_core else [])
    for m in scan_hits(role_hits, cr.re_person, text, end):
        full = m.group("name")
        first = full.split()[0]
        if first in cr.gazetteer or norm(first) in cr.months or norm(first) in cr.weekdays:
            continue
        role = re.sub(r"\s+", " ", m.group("role"))
        role_out = None if norm(role) in _TITLES else role
        hits.append(EntityHit("person", m.start("name"), m.end("name"), full, role_out))
        surname = full.split()[-1]
        if len(full.split()) > 1:
            people.setdefault(surname, full)
    if people:
        pat = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in people) + r")(?![\w])")
        for m in pat.finditer(text, start, end):
            hits.append(EntityHit("person", m.start(), m.end(), people[m.group()]))
    return iter(hits)


def _gazetteer_matches(cr: Any, text: str, start: int, end: int):
    if start < end and (start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_'’")):
        first = cr.re_gazetteer_first.match(text, start, end)
        if first is not None:
            yield first
    yield from cr.re_gazetteer_ws.finditer(text, start, end)


def _located(cr: Any, text: str, pos: int, last: tuple[int, bool] | None) -> bool:
    before = text[max(0, pos - 40):pos]
    if last is not None and re.fullmatch(r"\s*(?:,|en|and|or|of|&)\s*", text[last[0]:pos] if last[0] <= pos else "x"):
        return last[1]
    words = re.findall(r"[\w’']+", before)
    while words and norm(words[-1]) in ("de", "het", "the"):
        words.pop()
    return bool(words) and norm(words[-1]) in cr.place_preps
