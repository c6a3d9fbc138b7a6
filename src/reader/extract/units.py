"""Units: head counts, formations and equipment with their counts.

``145 Nederlandse militairen``, ``120-koppig detachement``, ``a 300-strong
battlegroup``, ``3 Chinook-transporthelikopters``, ``vier F-35's``,
``one frigate``, ``twee bataljons``.  Type names are not counts: the 16 of
``F-16`` or the 90 of ``NH90`` never start a count, nor does the number after
``artikel`` or ``Resolutie``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from .patterns import norm, trie

STOP = ("de het een en of van in op met voor naar uit aan bij per om te is zijn was waren wordt worden werd "
        "die dat deze dit er al nog ook niet meer dan als tot door over zo wel geen hun hij zij ze we wij "
        "the a an and or of in on at to for with from by is are was were be been that this these those "
        "there which who than as into their its his her our not no also but so more most")
#: Words before a number that make it a name or reference, not a count.
NOT_A_COUNT = {"artikel", "art", "resolutie", "paragraaf", "hoofdstuk", "pagina", "nummer", "nr", "no",
               "versie", "version", "article", "resolution", "chapter", "page", "number", "model", "type",
               "serie", "series", "figuur", "tabel", "figure", "table", "bijlage", "annex", "lid", "week",
               "jaar", "year", "route", "snelweg", "kamer", "room", "flight", "vlucht", "code", "postbus",
               "telefoon", "tel", "phone", "bus", "lijn", "line", "sectie", "section", "fase", "phase",
               "niveau", "level", "stap", "step"}
TYPE_NAME = r"(?-i:[A-Z][A-Za-z]{0,3}[-‐]?\d{1,3}[A-Za-z]?)(?:['’]s|s)?"


@dataclass
class UnitHit:
    start: int
    end: int
    count: int | None
    category: str
    what: str
    approx: bool


def build(cr: Any) -> None:
    nouns = trie(cr.unit_categories) if cr.unit_categories else r"(?!x)x"
    exact = trie(cr.unit_exact) if cr.unit_exact else r"(?!x)x"
    stop = trie(STOP.split())
    adj = rf"(?!(?:{stop})\b)(?!\d)[\w'’.‐-]+"
    one = trie(cr.count_one) if cr.count_one else r"(?!x)x"
    vague = trie(cr.vague_numbers) if cr.vague_numbers else r"(?!x)x"
    marker = trie(cr.personnel_markers) if cr.personnel_markers else r"(?!x)x"
    noun = rf"(?P<noun>[\w'’‐-]*?(?:{nouns})|(?:{exact})|{TYPE_NAME})(?![\w'’‐-])"
    apx = rf"(?:(?P<apx>{cr.re_approx})\s+)?"
    cr.re_unit = re.compile(
        rf"(?<![\w'’]){apx}(?:"
        # 120-koppig detachement, a 300-strong battlegroup, een 200 man sterke eenheid
        rf"(?P<k>(?P<kn>{cr.re_number})\s*(?:[-‐]\s*|\s+)(?:{marker})(?![\w])\s+(?:(?:{adj})\s+){{0,2}}?(?P<knoun>(?!(?:{stop})\b)[\w'’‐-]+))"
        # 145 Nederlandse militairen, vier F-35's, tientallen militairen, one frigate
        rf"|(?P<c>(?P<cn>{cr.re_number_scaled}|{one}|{vague})\s+(?:(?:{adj})\s+){{0,3}}?{noun})"
        rf")",
        re.I)


def find_units(cr: Any, text: str, start: int, end: int) -> Iterator[UnitHit]:
    for m in cr.re_unit.finditer(text, start, end):
        approx = bool(m.group("apx"))
        before = re.search(r"([^\W\d_]+)\.?\s*$", text[max(0, m.start() - 20):m.start()])
        if before and norm(before.group(1)) in NOT_A_COUNT:
            continue
        if m.group("k"):
            count = cr.number(m.group("kn"), integer=True)
            if count is None or not float(count).is_integer():
                continue
            what = m.group("knoun")
            yield UnitHit(m.start() if approx else m.start("kn"), m.end(), int(count), "personnel", what, approx)
            continue
        ntext = m.group("cn")
        key = norm(ntext)
        what = m.group("noun")
        category = _category(cr, what)
        if category is None:
            continue
        if key in cr.vague_numbers:
            count: Any = None
            approx = True
        elif key in cr.count_one and cr.number_words.parse(ntext) is None:
            if category != "formation":
                continue
            count = 1
        else:
            count = cr.number(ntext, integer=True)
            if count is None or not float(count).is_integer() or count <= 0:
                continue
            count = int(count)
            if ntext[:1].isdigit() and 1900 <= count <= 2099 and re.fullmatch(r"\d{4}", ntext):
                continue  # a year, not a count ("in 2024 militairen")
        s = m.start() if approx else m.start("cn")
        yield UnitHit(s, m.end(), count, category, what, approx)


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
    if re.fullmatch(TYPE_NAME.replace("(?-i:", "(?:"), what):
        return "equipment"
    return None
