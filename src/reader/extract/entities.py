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
from bisect import bisect_left, insort
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
    # Fast path: names that begin with a capital letter, found where a capital
    # is (re skips to those); the few others ("al-Qaida", "'s-Hertogenbosch").
    upper = [n for n in cr.gazetteer if n[:1].isupper()]
    # names with a lower-case start ("al-Qaida", "ministerie van Defensie") are
    # found from their first capital and checked for the words before it
    cr.gazetteer_tails: dict[str, list[tuple[str, str]]] = {}
    for name in cr.gazetteer:
        if name[:1].isupper():
            continue
        i = next((k for k, ch in enumerate(name) if ch.isupper()), None)
        if i is None:
            continue
        cr.gazetteer_tails.setdefault(name[i:], []).append((name[:i], name))
    cr.re_gazetteer_upper = re.compile(rf"(?P<name>{trie(upper + list(cr.gazetteer_tails))})(?![\w])")
    cr.re_compass_before = re.compile(rf"(?<![\w-]){_COMPASS}-$")
    particle_cap = rf"(?:(?:al|el|ad|as|an|ar|ash|ibn|bin)[-‐])?{_CAP}"
    cr.place_prefix_lower = frozenset(w for w in cr.place_prefix_words if w == w.lower())
    cr.place_suffix_set = frozenset(norm(w) for w in cr.place_suffix_words)
    cr.re_place_before = re.compile(rf"(?<![\w-]){particle_cap}(?:\s+{particle_cap}){{0,3}}\s+$")
    cr.re_place_after = re.compile(rf"\s+(?P<pname>{_CAP}(?:[-\s]{_CAP}){{0,2}})(?![\w])")
    cr.departments = frozenset(cr.data.get("departments") or [])
    cr.not_places = frozenset(cr.data.get("not_places") or [])
    # These patterns are searched for in the words before a trigger: each
    # begins with its capital and checks the character before it after
    # that, so that re skips ahead to the capitals.
    cr.re_name_comma_before = re.compile(
        r"(?P<name>[A-Z](?<![\w].)[\w'’]+(?:-[A-Z][\w'’]+)?(?:\s+(?:(?:van|de|der|den|ter|ten|von)\s+)*[A-Z][\w'’-]+){1,2}),"
        r"\s+(?:(?:de|het|the|a|an|een|onze|our)\s+)?$")
    cr.surname_particles = frozenset("van de der den ter ten von al el bin ibn da di du le la of".split())
    cr.locative_words = frozenset(norm(w) for w in cr.data.get("locative_prepositions") or [])
    # where a locative word begins (when the caller has not found them with its own trigger words)
    cr.locative_core = Core(cr.locative_words, digits=False)
    locs = sorted(cr.locative_words)
    locs += [w[:1].upper() + w[1:] for w in locs]  # "In Arras ..." at the start of a sentence
    demonym = r"(?:[A-Z][\w-]*(?:se|sche|ische|ish|ian|ese|ic|an|i))"
    cr.re_loc_place = re.compile(
        rf"(?:{trie(locs) if locs else '(?!x)x'})\s+(?:(?P<det>het|de|the)\s+)?(?:(?P<dem>{demonym})\s+)?"
        rf"(?P<pname>(?:(?:al|el|ad|as|an|ar)[-‐])?[A-ZÀ-ÖØ-ÞŠŽČŁŚŻ][\w'’]*(?:[-‐][A-Z][\w'’]*)*"
        rf"(?:\s+(?:(?:al|el|de|la|le)[-‐\s])?[A-ZÀ-ÖØ-ÞŠŽČŁŚŻ][\w'’]*){{0,2}})(?![\w-])", re.I if False else 0)
    endings = [norm(w) for w in cr.data.get("place_name_endings") or []]
    #: a place name with a place ending, after its capital
    cr.place_ending_after_capital = rf"[a-zà-ÿ]+(?:{trie(endings)})(?![\w-])" if endings else None
    cr.re_place_ending = re.compile("[A-Z]" + cr.place_ending_after_capital) if endings else None
    cr.re_demonym = re.compile(demonym + "$")
    cr.re_and_name = re.compile(r"\s+(?:en|and|or|of|&)\s+(?P<name>[A-ZÀ-ÖØ-ÞŠŽČŁŚŻ][\w'’-]+)(?![\w-])(?!\s+[A-Z])")
    heads = [str(w) for w in cr.data.get("organization_heads") or []]
    cr.org_heads = tuple(h.lower() for h in heads)
    cr.re_acronym_org = re.compile(
        r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’-]*|en|and|of|for|van|voor|de|der|het|the|tegen|op)){1,7})"
        r"\s+\((?:\*\*)?(?P<acr>[A-Z][A-Za-z]{1,7})(?:\*\*)?\)")
    cr.re_acronym_paren = re.compile(r"\((?:\*\*)?[A-Z][A-Za-z]{1,7}(?:\*\*)?\)")
    cr.re_apposition = re.compile(
        r",\s+(?P<name>[A-Z][\w'’]+(?:-[A-Z][\w'’]+)?(?:\s+(?:(?:van|de|der|den|ter|ten|von)\s+)*[A-Z][\w'’-]+){1,2})(?=,|\.|\s+\()")
    two_names = r"[A-Z](?<![\w].)[\w'’]+(?:-[A-Z][\w'’]+)?(?:\s+(?:(?:van|de|der|den|ter|ten|von)\s+)*[A-Z][\w'’-]+){1,2}"
    cr.re_name_after = re.compile(rf"\s+(?P<n1>{two_names})(?![\w])")
    cr.re_name_before = re.compile(rf"(?P<n2>{two_names})(?:,\s+[^,]{{1,60}},)?\s+$")
    roles = trie(cr.roles) if cr.roles else r"(?!x)x"
    cr.re_role_only = re.compile(rf"(?:{roles})(?:\s+(?:van|of)\s+(?:de\s+|het\s+|the\s+)?[\w-]+)?(?![\w])", re.I)
    cr.re_role_at_end = re.compile(rf"(?<![\w-])(?:{roles})(?:\s+(?:van|of)\s+[A-Z][\w-]+(?:\s+Zaken)?)?$", re.I)
    comp = trie(cr.role_complements) if cr.role_complements else r"(?!x)x"
    token = rf"(?:(?:al|el|bin|ibn|abu|ben|ould)[-‐])?{_CAP}"
    name = rf"(?-i:{_CAP}(?:\s+(?:{_PARTICLES}\s+)?{token}){{0,3}})"
    # one pass for every trigger word of this module (roles, place words, speech verbs)
    cr.entity_core = Core(list(cr.roles) + list(cr.place_suffix_words) + list(cr.place_prefix_words)
                          + list(cr.speech_verbs), digits=False)
    cr.role_words = frozenset(norm(r) for r in cr.roles)
    cr.speech_words = frozenset(norm(v) for v in cr.speech_verbs)
    cr.place_words = frozenset(norm(w) for w in list(cr.place_suffix_words) + list(cr.place_prefix_words))
    cr.re_person = re.compile(
        rf"(?<![\w])(?P<role>{roles}(?:\s+{comp}\s+(?-i:(?:(?:Buitenlandse|Binnenlandse|Economische|Algemene)\s+Zaken|Foreign\s+Affairs|{_CAP})))?)"
        rf"\s+(?P<name>{name})(?![\w])",
        re.I)


def find_entities(cr: Any, text: str, start: int, end: int, low: str | None = None,
                  matches: list | None = None, locatives: list[int] | None = None,
                  place_endings: list | None = None) -> Iterator[EntityHit]:
    """Entity hits in ``text[start:end]``.

    ``matches``: the trigger words of this module (roles, place words, speech
    verbs), ``locatives``: where the locative words begin, sorted, and
    ``place_endings``: the matches of ``cr.re_place_ending``, when the caller
    has found them in its own passes over the text.
    """
    low = lowered(text) if low is None else low
    if locatives is None:
        locatives = [m.start("core") for m in core_matches(cr.locative_core, low, start, end)]
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
            keep = _located(cr, text, s, last_country) if cr.data.get("countries_need_preposition", True) else True
            last_country = (m.end("name"), keep)
            if not keep:
                continue
            kind = "place"
        hits.append(EntityHit(kind, s, m.end("name"), value))
    role_hits, speech_hits, place_hits = [], [], []
    for m in core_matches(cr.entity_core, low, start, end) if matches is None else matches:
        key = norm(m.group("core"))
        if key in cr.role_words:
            role_hits.append(([m.start("core")], m.end()))
        if key in cr.speech_words:
            speech_hits.append(m)
        if key in cr.place_words:
            place_hits.append(m)
    for m in place_hits:
        ms, me = m.start("core"), m.end("core")
        word = text[ms:me]
        if ms > start and text[ms - 1] in "-_":
            continue
        if norm(word) in cr.place_suffix_set and word[0].isupper():
            b = cr.re_place_before.search(text, max(start, ms - 80), ms)
            if b is not None:
                hits.append(EntityHit("place", b.start(), me, text[b.start():me]))
        if word in cr.place_prefix_words or norm(word) in cr.place_prefix_lower:
            a = cr.re_place_after.match(text, me, end)
            if a is None:
                continue
            pw = word
            if pw[0].isupper():
                hits.append(EntityHit("place", ms, a.end(), text[ms:a.end()]))
            else:
                hits.append(EntityHit("place", a.start("pname"), a.end("pname"), a.group("pname")))
    people: dict[str, str] = {}
    person_spans: list[tuple[int, int]] = []

    def add_person(s_: int, name: str, role: str | None) -> None:
        written = name
        name = _cut_name(cr, name)
        s_ += written.find(name) if name in written else 0
        e_ = s_ + len(name)
        first = name.split()[0]
        if first in cr.gazetteer or norm(first) in cr.months_full or norm(first) in cr.weekdays:
            return
        if name in cr.gazetteer or _overlaps_any(person_spans, s_, e_):
            return
        hits.append(EntityHit("person", s_, e_, name, role))
        insort(person_spans, (s_, e_))
        if len(name.split()) > 1:
            people.setdefault(name.split()[-1], name)

    for cands, _ in role_hits:
        # "Jan de Vries, woordvoerder van de landmacht": the role after the name
        q = cands[0]
        if cr.re_person.match(text, q, end):
            continue
        b = cr.re_name_comma_before.search(text, max(start, q - 80), q)
        if b is not None:
            name, ns = b.group("name"), b.start("name")
            while name.split()[0] in _NOT_ROLE_WORDS and len(name.split()) > 2:
                first = name.split()[0]
                cut = name.index(first) + len(first)
                ns += len(name) - len(name[cut:].lstrip())
                name = name[cut:].lstrip()
            if name.split()[0] not in _NOT_ROLE_WORDS:
                rm = cr.re_role_only.match(text, q, end)
                add_person(ns, name, rm.group() if rm else None)
    for m in scan_hits(role_hits, cr.re_person, text, end):
        role = " ".join(m.group("role").split())
        if role[:1].isupper():
            # "Security Minister Dan Jarvis", "Defence Secretary ...": the words before belong to the role
            q = m.start("role")
            while True:
                w = re.search(r"([A-Z][a-z]+)\s+$", text[max(start, q - 30):q])
                if w is None or w.group(1) in _NOT_ROLE_WORDS or norm(w.group(1)) in cr.months \
                        or norm(w.group(1)) in cr.weekdays or norm(w.group(1)) in cr.relative_days:
                    break
                q = q - len(w.group(0))
                role = f"{w.group(1)} {role}"
        role_out = None if norm(role) in _TITLES else role
        add_person(m.start("name"), m.group("name"), role_out)
    for m in cr.re_apposition.finditer(text, start, end):
        before = text[max(start, m.start() - 60):m.start()]
        role = None
        rm = cr.re_role_at_end.search(before) if cr.roles else None
        if rm:
            role = rm.group(0)
        elif not re.search(r"\)$|[A-Z]{2,}$", before):
            continue
        add_person(m.start("name"), m.group("name"), None if role is None or norm(role) in _TITLES else role)
    for v in speech_hits:
        vs, ve = v.start("core"), v.end("core")
        m = cr.re_name_after.match(text, ve, end)
        key = "n1"
        if m is None:
            m = cr.re_name_before.search(text, max(start, vs - 100), vs)
            key = "n2"
        if m is None:
            continue
        name = m.group(key)
        if name.split()[0] in _NOT_ROLE_WORDS:
            continue
        add_person(m.start(key), name, None)
    # organizations named with their acronym: "het Nationaal Cyber Security Centrum (NCSC)"
    acronyms: dict[str, str] = {}
    if cr.re_acronym_paren.search(text, start, end):
        for m in cr.re_acronym_org.finditer(text, start, end):
            name, acr = m.group("name"), m.group("acr")
            words = name.split()
            while words and (words[0] in _NOT_ROLE_WORDS or words[0].lower() in ("de", "het", "the")):
                words = words[1:]
            if len(words) < 2 or not any(w.lower().endswith(cr.org_heads) for w in words):
                continue
            initials = "".join(w[0] for w in words if w[0].isupper())
            if not _initials_fit(acr, initials):
                continue
            full = " ".join(words)
            s_ = m.start("name") + name.index(words[0])
            e_ = s_ + len(" ".join(name[name.index(words[0]):].split()[:len(words)]))
            if text[s_:e_] != full:
                continue
            hits.append(EntityHit("organization", s_, e_, full))
            if acr not in cr.gazetteer:
                acronyms[acr] = acr
    for acr in acronyms:
        pos = text.find(acr, start, end)
        while pos >= 0:
            after = pos + len(acr)
            if (pos == 0 or not text[pos - 1].isalnum()) and (after >= len(text) or not text[after].isalnum()):
                hits.append(EntityHit("organization", pos, after, acr))
            pos = text.find(acr, after, end)
    # places after a locative word: "in Arras", "from Šiauliai", "in het Franse Arras"
    known_people = set(people) | set(people.values())
    for m in _loc_matches(cr, text, start, end, locatives):
        name = m.group("pname")
        first = name.split()[0]
        if name in cr.gazetteer or first in cr.gazetteer or name in known_people or first in known_people:
            continue
        key = norm(first)
        if key in cr.months or key in cr.weekdays or key in cr.relative_days or first in _NOT_ROLE_WORDS:
            continue
        if first.isupper() or cr.re_demonym.search(first) and len(name.split()) == 1 and not m.group("dem"):
            continue
        if key in cr.holidays or key in cr.seasons or key in _NOT_PLACES or first in cr.not_places \
                or key in cr.ordinals or key in cr.number_words.words:
            continue
        if m.group("det") and not m.group("dem"):
            continue  # "uit het Budget Internationale Veiligheid": a name, but not a place
        if _SPACE_DIGIT.match(text, m.end("pname")):
            continue  # "Resolutie 2722", "Artikel 5"
        if _overlaps_any(person_spans, m.start("pname"), m.end("pname")):
            continue
        hits.append(EntityHit("place", m.start("pname"), m.end("pname"), name))
    # "in Brussel en Arras": a name joined to a place by "en"/"and" is a place too
    known_places = [h for h in hits if h.kind == "place"]
    for h in known_places:
        j = cr.re_and_name.match(text, h.end, end)
        if j is None:
            continue
        name = j.group("name")
        if name in cr.gazetteer or name in known_people or norm(name) in cr.months or name in _NOT_ROLE_WORDS:
            continue
        if cr.re_demonym.search(name) or name.isupper():
            continue
        hits.append(EntityHit("place", j.start("name"), j.end("name"), name))
    # "Suezkanaal": a capitalized word with a place ending
    if place_endings is None:
        place_endings = cr.re_place_ending.finditer(text, start, end) if cr.re_place_ending is not None else ()
    for m in place_endings:
        if m.start() > start and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-_"):
            continue
        if m.group() not in cr.gazetteer:
            hits.append(EntityHit("place", m.start(), m.end(), m.group()))
    # later mentions of a surname: the same person (str.find, no regex built per document)
    for surname, full in people.items():
        pos = text.find(surname, start, end)
        while pos >= 0:
            after = pos + len(surname)
            if (pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "-_")) and \
                    (after >= len(text) or not (text[after].isalnum() or text[after] == "_")):
                hits.append(EntityHit("person", pos, after, full))
            pos = text.find(surname, after, end)
    return iter(hits)


_NOT_ROLE_WORDS = {"The", "A", "An", "De", "Het", "Een", "This", "That", "Deze", "Dit", "Die", "Former", "Then",
                   "Ex", "Oud", "New", "Nieuwe", "Our", "Their", "His", "Her", "Zijn", "Haar", "Hun", "In", "On",
                   "At", "By", "For", "From", "With", "Volgens", "According", "Als", "As", "When", "Toen", "En",
                   "And", "But", "Maar", "Ook", "Also", "Of", "Van", "Op", "Bij", "Met", "Na", "After", "Before",
                   "Voor", "Tijdens", "During", "Since", "Sinds", "Nu", "Now", "Dan", "Than", "Zo", "So", "Er",
                   "There", "It", "Het", "We", "Wij", "They", "Zij", "Ze", "He", "She", "Hij", "Ik", "I"}


_SPACE_DIGIT = re.compile(r"\s+\d")
_NOT_PLACES = {"resolutie", "resolution", "artikel", "article", "operatie", "operation", "hoofdstuk", "chapter",
               "kamer", "parliament", "parlement", "brief", "letter", "rapport", "report"}


def _overlaps_any(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether (s, e) overlaps one of the sorted, non-overlapping ``spans``."""
    i = bisect_left(spans, (s, e))
    return any(a < e and s < b for a, b in spans[max(0, i - 1):i + 1])


def _initials_fit(acronym: str, initials: str) -> bool:
    """NCSC ~ Nationaal Cyber Security Centrum; DGLC ~ Defensie Grondgebonden Luchtverdedigingscommando."""
    a = acronym.upper()
    i = j = 0
    while i < len(a) and j < len(initials):
        if a[i] == initials[j]:
            i += 1
        j += 1
    return i >= min(len(a), 2) and a[0] == initials[0]


def _cut_name(cr: Any, name: str) -> str:
    """"Kajsa Ollongren van Defensie" -> "Kajsa Ollongren"; "Sir Patrick Sanders" -> "Patrick Sanders"."""
    words = name.split()
    while len(words) > 2 and words[0] in ("Sir", "Dame", "Lord", "Lady", "Jhr.", "Jonkheer"):
        words = words[1:]
    for i in range(1, len(words) - 1):
        if words[i].lower() in ("van", "of") and (words[i + 1] in cr.departments or words[i + 1] in cr.gazetteer
                                                  or " ".join(words[i + 1:]) in cr.gazetteer):
            return " ".join(words[:i])
    return " ".join(words)


def _loc_matches(cr: Any, text: str, start: int, end: int, locatives: list[int]) -> Iterator[re.Match[str]]:
    """"in Arras": the place pattern tried where a locative word begins.

    Not after an apostrophe or a hyphen, and not inside an earlier match.
    """
    pos = start
    match = cr.re_loc_place.match
    for p in locatives:
        if p < pos or (p > start and text[p - 1] in "'’-"):
            continue
        m = match(text, p, end)
        if m is not None:
            pos = m.end()
            yield m


class _Found:
    """A gazetteer match (the same face as a re.Match for the code that reads it)."""

    __slots__ = ("s", "e", "name")

    def __init__(self, s: int, e: int, name: str) -> None:
        self.s, self.e, self.name = s, e, name

    def start(self, _group: str = "name") -> int:
        return self.s

    def end(self, _group: str = "name") -> int:
        return self.e

    def group(self, _group: str = "name") -> str:
        return self.name


def _gazetteer_matches(cr: Any, text: str, start: int, end: int) -> list["_Found | re.Match[str]"]:
    """The gazetteer names in ``text[start:end]`` (group "name"); a name with a
    lower-case start ("al-Qaida") found from its first capital."""
    found: list[Any] = []
    tails = cr.gazetteer_tails
    for m in cr.re_gazetteer_upper.finditer(text, start, end):
        s, e, name = m.start(), m.end(), m.group()
        for prefix, full in tails.get(name, ()):
            p = s - len(prefix)
            if p >= start and text.startswith(prefix, p) and (p == 0 or not (text[p - 1].isalnum() or text[p - 1] in "_'’-")):
                found.append(_Found(p, e, full))
                break
        else:
            if name not in cr.gazetteer:
                continue
            if s > start and (text[s - 1].isalnum() or text[s - 1] in "_'’"):
                continue
            found.append(m)  # the match itself: group "name" is all of it
    return found


def _located(cr: Any, text: str, pos: int, last: tuple[int, bool] | None) -> bool:
    before = text[max(0, pos - 40):pos]
    if last is not None and re.fullmatch(r"\s*(?:,|en|and|or|of|&)\s*", text[last[0]:pos] if last[0] <= pos else "x"):
        return last[1]
    words = re.findall(r"[\w’']+", before)
    while words and norm(words[-1]) in ("de", "het", "the"):
        words.pop()
    return bool(words) and norm(words[-1]) in cr.place_preps
