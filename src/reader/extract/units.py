"""Units: head counts, formations and equipment with their counts.

``145 Nederlandse militairen``, ``120-koppig detachement``, ``a 300-strong
battlegroup``, ``3 Chinook-transporthelikopters``, ``vier F-35's``,
``one frigate``, ``twee bataljons``.  Type names are not counts: the 16 of
``F-16`` or the 90 of ``NH90`` never start a count, nor does the number after
``artikel`` or ``Resolutie``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any, Iterator

from .patterns import lowered, norm, trie

STOP = ("de het een en of van in op met voor naar uit aan bij per om te is zijn was waren wordt worden werd "
        "die dat deze dit er al nog ook niet meer dan als tot door over zo wel geen hun hij zij ze we wij "
        "the a an and or of in on at to for with from by is are was were be been that this these those "
        "there which who than as into their its his her our not no also but so")
#: Words before a number that make it a name or reference, not a count.
NOT_A_COUNT = {"artikel", "art", "resolutie", "paragraaf", "hoofdstuk", "pagina", "nummer", "nr", "no",
               "versie", "version", "article", "resolution", "chapter", "page", "number", "model", "type",
               "serie", "series", "figuur", "tabel", "figure", "table", "bijlage", "annex", "lid", "week",
               "jaar", "year", "route", "snelweg", "kamer", "room", "flight", "vlucht", "code", "postbus",
               "telefoon", "tel", "phone", "bus", "lijn", "line", "sectie", "section", "fase", "phase",
               "niveau", "level", "stap", "step"}
TYPE_NAME = r"(?-i:[A-Z][A-Za-z]{0,3}[-‐]?\d{1,3}[A-Za-z]?)(?:['’]s|s)?"
#: A type name after its capital (possessive: letters, then a hyphen or
#: digits, never give back what they took).  Not when a compound goes on:
#: "NH90-helikopters" ends in "helikopters".
TYPE_NAME_AFTER_CAPITAL = r"[A-Za-z]{0,3}+[-‐]?\d{1,3}+[A-Za-z]?(?![\w]|[-‐][^\W\d_])"


@dataclass
class UnitHit:
    start: int
    end: int
    count: int | None
    category: str
    what: str
    approx: bool


def build(cr: Any) -> None:
    nouns_all = list(cr.unit_categories) + list(cr.unit_exact) + list(cr.personnel_markers)
    stop = trie(STOP.split())
    adj = rf"(?!(?:{stop})\b)(?!\d)[\w'’.‐-]+"
    marker = trie(cr.personnel_markers) if cr.personnel_markers else r"(?!x)x"
    # Any unit noun or marker (compounds too): a number is worth trying as a
    # count only if one of these follows it closely.  They are found on the
    # reversed text: a noun that ends a word (compounds too:
    # "transporthelikopters") begins a reversed word, so re can skip ahead to
    # word boundaries instead of trying the vocabulary at every character.
    rev = trie(n[::-1] for n in nouns_all)
    cr.re_unit_noun_rev = re.compile(rf"[^\w'’‐-](?P<core>{rev})")
    cr.re_unit_noun_rev_first = re.compile(rf"(?P<core>{rev})")
    cr.re_shared_noun = re.compile(
        rf"(?P<adj>(?:\s+(?:{adj})){{0,2}})\s+(?:en|and|of|or|naar|tot|to)\s+(?:(?:{cr.re_approx})\s+)?(?:\d|{cr.re_wordnum})[^\n,;.]*$",
        re.I)
    cr.re_approx_prefix = re.compile(rf"(?:{cr.re_approx})\s+", re.I)
    # F-35, NH90, CV90
    cr.re_type_name = re.compile("[A-Z]" + TYPE_NAME_AFTER_CAPITAL)
    cr.unit_stop = frozenset(STOP.split())
    heads = sorted({m.split()[0][:4] for m in cr.personnel_markers})
    #: the first letters of a personnel marker ("kopp", "stro"), anywhere
    cr.re_marker_head = re.compile("|".join(map(re.escape, heads))) if heads else None
    vague_t = trie(cr.vague_numbers) if cr.vague_numbers else r"(?!x)x"
    cr.re_count = re.compile(rf"(?:{cr.re_number_scaled}|{vague_t})(?![\w])", re.I)
    cr.re_marker_after = re.compile(
        rf"\s*(?:[-‐]\s*|\s+)(?:{marker})(?![\w])\s+(?:(?:{adj})\s+){{0,2}}?(?P<knoun>(?!(?:{stop})\b)[^\W\d][\w'’‐-]*)",
        re.I)
    formations = [n for n, c in cr.unit_categories.items() if c == "formation"]
    cr.formation_words = frozenset(norm(f) for f in formations)
    cr.formation_suffixes = tuple(sorted(cr.formation_words, key=len, reverse=True)) or ("\x00",)


_PUNCT_STOP = re.compile(r"[,;:.!?()\[\]{}\"“”]")


def find_units(cr: Any, text: str, start: int, end: int, low: str | None = None,
               num_hits: list | None = None, type_names: list | None = None) -> Iterator[UnitHit]:
    """Unit hits in ``text[start:end]``; ``type_names``: the matches of
    ``cr.re_type_name`` there, when the caller has them."""
    low = lowered(text) if low is None else low
    if num_hits is None:
        num_hits = cr.num_hits(low, start, end)
    if type_names is None:
        type_names = list(cr.re_type_name.finditer(text, start, end))
    ends = sorted(_noun_ends(cr, text, low, start, end) + [_noun_end(text, m.end(), end) for m in type_names])
    if not ends:
        return
    stop = cr.unit_stop
    last_end = -1
    for cands, t_end in num_hits:
        i = bisect_left(ends, t_end)
        if i == len(ends) or ends[i] - t_end > 90 or low.count(" ", t_end, ends[i]) > 5:
            continue  # no unit noun within a few words
        core = cands[-1]
        if core < last_end:
            continue
        nm = cr.re_count.match(text, core, end)
        if nm is None:
            continue
        ntext = nm.group()
        ne = nm.end()
        s = core
        for q in cands[:-1]:
            a = cr.re_approx_prefix.match(text, q, core)
            if a is not None and a.end() == core:
                s = q
                break
        approx = s != core
        if _not_a_count(cr, text, start, s):
            continue
        # "120-koppig detachement", "a 300-strong battlegroup"
        km = cr.re_marker_after.match(text, ne, end) if _marker_near(cr, low, ne) else None
        if km is not None:
            count = cr.number(ntext, integer=True)
            if count is None or not float(count).is_integer():
                continue
            last_end = km.end()
            yield UnitHit(s, km.end(), int(count), "personnel", km.group("knoun"), approx)
            continue
        j = bisect_left(ends, ne + 1)
        if j == len(ends) or ends[j] - ne > 90:
            continue
        noun_end = ends[j]
        noun_start = noun_end
        while noun_start > ne and not text[noun_start - 1].isspace():
            noun_start -= 1
        middle = text[ne:noun_start]
        if noun_start == ne or not middle[:1].isspace() or _PUNCT_STOP.search(middle):
            continue
        words = middle.split()
        if len(words) > 3 or any(w.lower() in stop or w[:1].isdigit() for w in words):
            # "1200 Amerikaanse en 150 Nederlandse militairen": the first count shares the noun
            shared = cr.re_shared_noun.match(text, ne, noun_start)
            if shared is None:
                continue
            what = text[noun_start:noun_end]
            category = _category(cr, what)
            count = cr.number(ntext, integer=True) if norm(ntext) not in cr.vague_numbers else None
            if category is None or (count is not None and not float(count).is_integer()):
                continue
            yield UnitHit(s, shared.end("adj") if shared.group("adj") else ne, None if count is None else int(count),
                          category, what, approx)
            continue
        # "two F-35 squadrons": the count belongs to the last noun of a run
        while j + 1 < len(ends) and _TYPE_RE.fullmatch(text, noun_start, noun_end) \
                and _one_word_between(text, noun_end, ends[j + 1]):
            j += 1
            noun_start = noun_end + 1
            while not text[noun_start].strip():
                noun_start += 1
            noun_end = ends[j]
        what = text[noun_start:noun_end]
        while cr.language == "en" and j + 1 < len(ends) and what[:1].islower() and _singular(cr, what) and \
                ntext.lower() not in ("one", "1", "a", "an") and _few_words_between(cr, text, noun_end, ends[j + 1]):
            # "40 missile and drone attacks": a singular noun after a count is a modifier
            j += 1
            noun_end = ends[j]
            noun_start = noun_end
            while noun_start > ne and not text[noun_start - 1].isspace():
                noun_start -= 1
            what = text[noun_start:noun_end]
        category = _category(cr, what)
        if category is None:
            continue
        if category == "formation" and what[:1].isupper() and what not in ("Task Force", "Battlegroup"):
            continue  # "11 Luchtmobiele Brigade", "298 Squadron": a name, not a count
        if category == "event" and norm(what) in _TIMES and _NOT_EVENTS.match(text, noun_end):
            continue  # "drie keer zo groot", "three times as many"
        key = norm(ntext)
        if key in cr.vague_numbers:
            count: Any = None
            approx = True
        else:
            count = cr.number(ntext, integer=True)
            if count is None or not float(count).is_integer() or count <= 0:
                continue
            count = int(count)
            if ntext.lower().endswith("tal"):
                approx = True  # "een twintigtal militairen"
            if len(ntext) == 4 and ntext.isdigit() and 1900 <= count <= 2099:
                continue  # a year, not a count ("in 2024 militairen")
        last_end = noun_end
        yield UnitHit(s, noun_end, count, category, what, approx)


_TYPE_RE = re.compile(TYPE_NAME)
_TYPE_ANY = re.compile(TYPE_NAME.replace("(?-i:", "(?:"))
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?\s*$")
_TIMES = {"keer", "keren", "times", "maal"}
_NOT_EVENTS = re.compile(r"\s+(?:zo|as|meer|more|minder|less|fewer|groter|bigger|larger|hoger|higher|zoveel|so|"
                         r"sneller|faster|kleiner|smaller|lager|lower|duurder|goedkoper|per|a|an|een|daags|"
                         r"per|over|zoals)\b", re.I)


def _singular(cr: Any, what: str) -> bool:
    key = norm(what)
    return (key + "s") in cr.unit_categories or (key + "es") in cr.unit_categories


def _few_words_between(cr: Any, text: str, a: int, b: int) -> bool:
    gap = text[a:b]
    words = gap.split()
    return bool(gap[:1].isspace()) and len(words) <= 3 and not _PUNCT_STOP.search(gap) \
        and not any(ch.isdigit() for ch in gap) \
        and not any(w.lower() in cr.number_words.words or w.lower() in cr.count_one for w in words[:-1])


def _one_word_between(text: str, a: int, b: int) -> bool:
    gap = text[a:b]
    return bool(gap[:1].isspace()) and len(gap.split()) == 1 and not _PUNCT_STOP.search(gap)


def _not_a_count(cr: Any, text: str, start: int, s: int) -> bool:
    """A number after "artikel", or after a formation's name ("tankbataljon 414")."""
    if s <= start:
        return False
    chunk = text[max(start, s - 40):s]
    prev = chunk.rstrip()
    if not prev:
        return False
    word = prev.rsplit(None, 1)[-1].rstrip(".").lower()
    if not word.isalpha():
        return False
    return word in NOT_A_COUNT or (len(prev) < len(chunk) and word.endswith(cr.formation_suffixes))


def _marker_near(cr: Any, low: str, ne: int) -> bool:
    """Whether a personnel marker ("-koppig", "-strong") may begin in the 16 characters after ``ne``."""
    return cr.re_marker_head is not None and cr.re_marker_head.search(low, ne, ne + 16) is not None


def _noun_ends(cr: Any, text: str, low: str, start: int, end: int) -> list[int]:
    """Where unit nouns (and compounds ending in one) end, found on the reversed region.

    ``rev[i]`` is ``low[end - 1 - i]``: a match starting at ``i`` ends at ``end - i``.
    """
    rev = low[start:end][::-1]
    out = []
    if rev and (end == len(low) or not (low[end].isalnum() or low[end] in "'’‐-_")):
        first = cr.re_unit_noun_rev_first.match(rev)
        if first is not None:
            out.append(_noun_end(text, end, end))
    for m in cr.re_unit_noun_rev.finditer(rev):
        out.append(_noun_end(text, end - m.start("core"), end))
    return out


def _noun_end(text: str, pos: int, end: int) -> int:
    """The end of a noun, past a plural "'s" (F-35's, commando's)."""
    if pos + 1 < end and text[pos] in "'’" and text[pos + 1] in "sS" and (
            pos + 2 >= end or not text[pos + 2].isalnum()):
        return pos + 2
    return pos


def _category(cr: Any, what: str) -> str | None:
    key = norm(what)
    if key in cr.unit_exact:
        return cr.unit_exact[key]
    if key in cr.unit_categories:
        return cr.unit_categories[key]
    # a compound ends with a known noun: transporthelikopters, Patriot-systemen
    for i in range(1, len(key)):
        tail = key[i:].lstrip("-")
        if tail in cr.unit_categories:
            return cr.unit_categories[tail]
    if _TYPE_ANY.fullmatch(what):
        return "equipment"
    return None
