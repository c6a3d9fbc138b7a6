"""Dates and durations, resolved against the document's date.

Values are TIMEX3-like at the precision the text supports: ``2024-01-01``,
``2023-10``, ``2023-W45``, ``2024-Q1``, ``2024-H2``, ``2024-SU``, ``2023``.
A relative expression ("gisteren", "vorige week") is resolved against the
document date and never gets more precision than that date has: with only
``2023-11`` known, "gisteren" is ``2023-11``.  Without a document date,
unknown parts are written ``X`` ("XXXX-12").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterator

from bisect import bisect_left

from .patterns import core_hits, core_regex, lowered, norm, scan_hits, trie, words_of

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class Anchor:
    """The document date: its parts and the precision it is known to."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> "Anchor":
        if not value:
            return cls()
        m = re.match(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(value).strip())
        if not m:
            return cls()
        y, mo, d = (int(g) if g else None for g in m.groups())
        if mo is not None and not 1 <= mo <= 12:
            return cls(y)
        if d is not None:
            try:
                dt.date(y, mo, d)
            except ValueError:
                d = None
        return cls(y, mo, d)

    @property
    def precision(self) -> str | None:
        if self.year is None:
            return None
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    @property
    def ref(self) -> dt.date | None:
        """The document date, or the middle of the period it names."""
        if self.year is None:
            return None
        if self.month is None:
            return dt.date(self.year, 7, 1)
        return dt.date(self.year, self.month, self.day or 15)


# -- value formatting ------------------------------------------------------

def _ymd(d: dt.date) -> str:
    return d.isoformat()


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def relative_day(anchor: Anchor, d: dt.date | None) -> str:
    """A day computed from the document date, at the precision that date has."""
    prec = anchor.precision
    if d is None or prec is None:
        return "XXXX-XX-XX"
    if prec == "day":
        return _ymd(d)
    if prec == "month":
        return _ym(d.year, d.month)
    return f"{d.year:04d}"


def relative_week(anchor: Anchor, d: dt.date | None) -> str:
    prec = anchor.precision
    if d is None or prec is None:
        return "XXXX-WXX"
    if prec == "day":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if prec == "month":
        return _ym(d.year, d.month)
    return f"{d.year:04d}"


def relative_month(anchor: Anchor, y: int, m: int) -> str:
    if anchor.precision is None:
        return "XXXX-XX"
    if anchor.precision == "year":
        return f"{y:04d}"
    return _ym(y, m)


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + n
    return total // 12, total % 12 + 1


def easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian), by the anonymous Gregorian algorithm."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def holiday_date(rule: str, year: int) -> dt.date | None:
    rule = rule.strip()
    if "!" in rule:
        # "04-27!sun-1": on a Sunday the day moves one back (Koningsdag)
        base, _, shift = rule.partition("!")
        d = holiday_date(base, year)
        m = re.fullmatch(r"(mon|tue|wed|thu|fri|sat|sun)([+-]\d+)", shift)
        if d is not None and m and d.weekday() == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(m.group(1)):
            d = d + dt.timedelta(days=int(m.group(2)))
        return d
    try:
        m = re.fullmatch(r"easter([+-]\d+)?", rule)
        if m:
            return easter(year) + dt.timedelta(days=int(m.group(1) or 0))
        m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", rule)
        if m:
            return dt.date(year, int(m.group(1)), int(m.group(2)))
        m = re.fullmatch(r"(\d{1,2})-(\d)-(\d)", rule)  # month, nth, weekday
        if m:
            month, nth, wd = (int(g) for g in m.groups())
            first = dt.date(year, month, 1)
            offset = (wd - first.weekday()) % 7
            return first + dt.timedelta(days=offset + 7 * (nth - 1))
        m = re.fullmatch(r"(\d{1,2})-last(mon|tue|wed|thu|fri|sat|sun)", rule)
        if m:
            month = int(m.group(1))
            wd = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(m.group(2))
            nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
            last = nxt - dt.timedelta(days=1)
            return last - dt.timedelta(days=(last.weekday() - wd) % 7)
    except ValueError:
        return None
    return None


# -- building the pattern ----------------------------------------------------

def build(cr: Any) -> None:
    """Compile the date and duration patterns of a language into ``cr``."""
    MON = trie(cr.months)
    MONF = trie(cr.months_full)
    WD = trie(cr.weekdays)
    ORD = trie(cr.ordinals)
    DAY = r"(?<![\w.,/-])(?:3[01]|[12]\d|0?[1-9])(?:ste|de|st|nd|rd|th|e)?(?![\w])"
    YEAR = r"(?<![\w.,/-])(?:1[89]\d\d|20\d\d)(?![\w])"
    YEAR_NB = r"(?:1[89]\d\d|20\d\d)(?![\w])"  # after a prefix that already ends a word
    DAY_NB = r"(?:3[01]|[12]\d|0?[1-9])(?:ste|de|st|nd|rd|th|e)?(?![\w])"
    SHIFT = trie(cr.shifts)
    PER = trie(cr.periods)
    YEARW = trie([k for k, v in cr.periods.items() if v == "year"])
    WEEKW = trie([k for k, v in cr.periods.items() if v == "week"])
    MOD = trie(cr.modifiers)
    SEAS = trie(cr.seasons)
    HOL = trie(cr.holidays)
    RDAY = trie(cr.relative_days)
    DURU = trie(cr.duration_units)
    HALF = trie(cr.halves) if cr.halves else r"(?!x)x"
    AGO = trie(cr.ago_words) if cr.ago_words else r"(?!x)x"
    INW = trie(cr.in_words) if cr.in_words else r"(?!x)x"
    YCUE = trie(norm(w) for w in cr.data.get("year_cues", []))
    QW = trie(cr.quarter_words) if cr.quarter_words else r"(?!x)x"
    HW = trie(cr.half_words) if cr.half_words else r"(?!x)x"
    RW = trie(norm(w) for w in cr.data.get("range_words", [])) or r"(?!x)x"
    ROPEN = trie(norm(w) for w in cr.data.get("range_openers", [])) or r"(?!x)x"
    DET = r"(?:het|de|the)"
    ONE = trie(cr.count_one)
    NUM = rf"(?:{cr.re_number}|{ONE}|{HALF})"
    Q_ORD = trie([k for k, v in cr.ordinals.items() if v <= 4] + ["laatste", "last", "final"]) + r"|[1-4](?:e|ste|de|st|nd|rd|th)"
    H_ORD = trie([k for k, v in cr.ordinals.items() if v <= 2]) + r"|[12](?:e|ste|de|st|nd|th)"
    RELYEAR = rf"(?:(?:van|of)\s+)?{SHIFT}\s+{YEARW}"

    branches = [
        # 3 tot en met 7 april 2024 / between 5 and 9 May
        rf"(?P<rng1>(?:(?P<r1o>{ROPEN})\s+)?(?P<r1a>{DAY})(?:\s*,\s*{DAY_NB})*\s*{RW}\s*(?P<r1b>{DAY_NB})\s+(?P<r1m>{MON})\b\.?(?:,?\s+(?P<r1y>{YEAR})|\s+(?P<r1r>{RELYEAR})\b)?)",
        # May 5-9, 2024
        rf"(?P<rng2>(?P<r2m>{MON})\b\.?\s+(?P<r2a>{DAY})\s*(?:-|–|to|through|until)\s*(?P<r2b>{DAY_NB})(?:,?\s+(?P<r2y>{YEAR}))?)",
        # 2024-03-14
        r"(?P<iso>(?<![\w.-])(?P<isoy>(?:1[89]|20)\d\d)-(?P<isom>0[1-9]|1[0-2])-(?P<isod>0[1-9]|[12]\d|3[01])(?![\w-]))",
        # 14-02-2025, 3/7/27
        r"(?P<num>(?<![\w.,/-])(?P<nd>\d{1,2})(?P<ns>[-/.])(?P<nm>\d{1,2})(?P=ns)(?P<ny>(?:1[89]|20)\d\d|\d\d)(?![\w]|[.,/-]\d))",
        # 22/4 (only after "op", "vanaf", "on"...: a fraction otherwise)
        r"(?P<dmn>(?<![\w.,/-])(?P<dmnd>3[01]|[12]\d|0?[1-9])/(?P<dmnm>3[01]|[12]\d|0?[1-9])(?![\w/]|[.,]\d)(?!\s+(?:van|of)\s))",
        # (dinsdag) 3 maart (2024 | volgend jaar), the 3rd of March
        rf"(?P<dm>(?:(?P<dmwd>{WD}),?\s+)?(?:(?:de|the)\s+)?(?P<dmd>{DAY}|{ORD})(?:\s+(?:van|of))?\s+(?P<dmm>{MON})\b\.?(?:,?\s+(?P<dmy>{YEAR})|\s+(?P<dmyy>['’]\d\d)\b|\s+(?P<dmr>{RELYEAR})\b)?)",
    ]
    if cr.language != "nl":
        # March 3rd, 2024 (English order)
        branches.append(
            rf"(?P<md>(?:(?P<mdwd>{WD}),?\s+)?(?P<mdm>{MON})\b\.?\s+(?P<mdd>{DAY})(?:,?\s+(?P<mdy>{YEAR}))?)")
    branches += [
        # mei 2024, March last year, begin maart 2024
        rf"(?P<my>(?:(?P<mymod>{MOD})(?:\s+|-))?(?P<mym>{MON})\b\.?\s+(?:(?:van|of)\s+)?(?:(?P<myy>{YEAR})|(?P<myyy>['’]\d\d)\b|(?P<myr>{SHIFT}\s+{YEARW})\b))",
        # vorige week zondag, afgelopen dinsdag, maandagavond, last Thursday
        rf"(?P<wd>(?:(?P<wdsh>{SHIFT})\s+(?:(?P<wdwk>{WEEKW})\s+)?)?(?P<wdn>{WD})(?:avond|ochtend|middag|morgen|nacht|\s+(?:night|morning|afternoon|evening))?\b(?:\s+(?P<wdsh2>{SHIFT})\s+{WEEKW}\b)?)",
        # gisteren, yesterday, the day before yesterday
        rf"(?P<rday>{RDAY})\b",
        # twee weken geleden, three days ago
        rf"(?P<ago>(?P<agon>{NUM})\s+(?P<agou>{DURU})\s+(?P<agow>{AGO})\b)",
        # over twee weken / in two weeks
        rf"(?P<inw>\b{INW}\s+(?P<inn>{NUM})\s+(?P<inu>{DURU})\b(?:['’]s?\s+time)?)",
        # begin vorige maand, eind dit jaar, earlier this year, deze zomer
        rf"(?P<rp>(?:(?P<rpmod>{MOD})\s+)?(?:{DET}\s+)?(?P<rpsh>{SHIFT})\s+(?P<rpp>{PER}|{SEAS})\b)",
        # eind van het jaar, the end of the month
        rf"(?P<mp>(?P<mpmod>{MOD})\s+{DET}\s+(?P<mpp>{PER})\b)",
        # week 45 (van 2023)
        rf"(?P<wk>\b(?:{WEEKW}|wk\.?)\s+(?P<wkn>[1-4]\d|5[0-3]|0?[1-9])(?![\w])(?:\s+(?:(?:van|of)\s+)?(?P<wky>{YEAR}))?)",
        # het eerste kwartaal (van 2024), Q3 2024, K4 2016
        rf"(?P<q>(?:{DET}\s+)?(?P<qo>{Q_ORD})\s+(?:{QW})\b(?:\s+(?:van|of)\s+(?:(?P<qy>{YEAR})|{DET}\s+{YEARW}\b|(?P<qr>{SHIFT})\s+{YEARW}\b))?)",
        r"(?P<qq>(?<![\w-])(?P<qql>[qk])(?P<qqn>[1-4])(?![\w])(?:\s*['’]?(?P<qqy>(?:19|20)\d\d|\d\d)(?![\w]))?)",
        # de tweede helft van 2024, the first half of next year, H1 2024
        rf"(?P<h>(?:{DET}\s+)?(?P<ho>{H_ORD})\s+(?:{HW})\s+(?:van|of)\s+(?:(?P<hy>{YEAR})|{DET}\s+{YEARW}\b|(?P<hr>{SHIFT})\s+{YEARW}\b|(?P<hm>{MONF})\b))",
        rf"(?P<hh>(?<![\w-])h(?P<hhn>[12])\s+(?P<hhy>{YEAR}))",
        # mid-2024, sinds 2014, in 2024, 2023-2024
        rf"(?P<yr>(?:(?P<yrmod>{MOD})(?:\s+|-)|(?P<yrcue>{YCUE})\s+(?:(?:het|the)\s+)?(?:{YEARW}\s+)?)(?P<yry>{YEAR_NB})(?![-/.]\d{{1,2}}[-/.]\d)(?:\s*[-–/]\s*(?P<yry2>{YEAR}|\d\d(?![\w]))|\s+(?:{RW})\s+(?P<yry3>{YEAR}))?)",
        rf"(?P<yrr>(?P<yrr1>{YEAR})\s*[-–/]\s*(?P<yrr2>(?:19|20)\d\d|\d\d)(?![\w.,/-]))",
        # de zomer van 2024, in de winter, zomer 2024
        rf"(?P<seas>(?:(?P<smod>{MOD})\s+)?(?:(?P<sin>(?:in|na|voor|tijdens|rond|sinds|vanaf|tot|after|before|during|since|until|by|over|through|throughout)\s+{DET}|{DET})\s+)?(?P<ss>{SEAS})\b(?:\s+(?:(?:van|of)\s+)?(?:(?P<sy>{YEAR})|(?P<sr>{SHIFT})\s+{YEARW}\b))?)",
        # Koningsdag, met kerst, Pasen 2024
        rf"(?P<hol>(?:(?P<holmod>{MOD})\s+)?(?:(?P<holsh>{SHIFT})\s+)?(?:(?:de|het|the)\s+)?(?P<holn>{HOL})\b(?:\s+(?:van\s+)?(?P<holy>{YEAR}))?)",
        # de tweeëntwintigste, on the 22nd
        rf"(?P<ordd>(?P<ordpre>op\s+de|on\s+the|de|the)\s+(?P<ordn>{ORD}|\d{{1,2}}(?:ste|de|e|st|nd|rd|th))(?=\s*(?:[,.;:!?)]|$)|\s+(?:van|of)\s+(?:deze|this|the)\s+(?:maand|month)))",
        # that September, dat jaar, later that year: the year last named in the text
        rf"(?P<ana>(?:(?P<anamod>{MOD})\s+)?(?:that|die|dat|diezelfde|datzelfde|dezelfde|hetzelfde|the\s+same)\s+(?:(?P<anam>{MONF})|(?P<anay>{YEARW}))\b)",
        # begin oktober, in december, early March
        rf"(?P<mon>(?:(?P<mmod>{MOD})(?:\s+|-))?(?P<mm>{MONF})\b)",
    ]
    # matched on the lower-cased text (no re.I, which is slow); capitals are
    # checked on the original text where they matter ("Q1", "Mei")
    cr.re_date = re.compile(r"(?<![\w])(?:" + "|".join(branches) + ")")
    # Python's re tries the branches one by one, and cannot reject a branch by
    # its first character when it begins with a group: a candidate that
    # starts with a digit or a month name gets a pattern of only the branches
    # that can start that way.
    def subset(names: tuple[str, ...]) -> "re.Pattern[str]":
        chosen = [b for b in branches if re.match(r"\(\?P<(\w+)>", b).group(1) in names]
        return re.compile(r"(?<![\w])(?:" + "|".join(chosen) + ")")

    cr.re_date_digit = subset(("rng1", "iso", "num", "dmn", "dm", "ago", "yrr"))
    cr.re_date_month = subset(("rng2", "md", "my", "mon"))
    by_word: dict[str, "re.Pattern[str]"] = {}
    for words_, names in ((cr.weekdays, ("dm", "md", "wd")), (cr.relative_days, ("rday",)),
                          (cr.holidays, ("hol",)), (cr.seasons, ("seas",)),
                          (cr.ordinals, ("rng1", "dm", "q", "h", "ordd"))):
        pattern = subset(names)
        for w in words_:
            by_word.setdefault(norm(w), pattern)
    for w in cr.months:
        by_word[norm(w)] = cr.re_date_month
    for code in ("q1", "q2", "q3", "q4", "k1", "k2", "k3", "k4", "h1", "h2"):
        by_word[code] = subset(("qq", "hh"))
    cr.date_pattern_by_word = by_word
    # the same for the words that may stand before the distinctive one
    classes: list[tuple[Any, tuple[str, ...]]] = [
        (cr.shifts, ("wd", "rp", "hol", "seas")),
        (cr.modifiers, ("my", "rp", "mp", "yr", "seas", "hol", "ana", "mon")),
        (["de", "het", "the"], ("dm", "q", "h", "seas", "hol", "ordd", "rp")),
        (["op", "on"], ("ordd",)),
        (cr.data.get("year_cues", []), ("yr", "seas")),
        (cr.data.get("range_openers", []), ("rng1", "yr")),
        (list(cr.number_words.words) + list(cr.count_one) + list(cr.halves), ("ago",)),
        (cr.in_words, ("inw", "yr", "seas")),
        (cr.weekdays, ("dm", "md", "wd")),
        (["that", "die", "dat", "diezelfde", "datzelfde", "dezelfde", "hetzelfde", "the"], ("ana",)),
    ]
    names_by_word: dict[str, set[str]] = {}
    for words_, names in classes:
        for w in words_:
            for part in norm(w).split():
                names_by_word.setdefault(part, set()).update(names)
    cache: dict[frozenset[str], "re.Pattern[str]"] = {}
    cr.date_pattern_by_prefix = {}
    for w, names in names_by_word.items():
        key = frozenset(names)
        if key not in cache:
            cache[key] = subset(tuple(key))
        cr.date_pattern_by_prefix[w] = cache[key]
    cr.date_branches = [name for name in ("rng1", "rng2", "iso", "num", "dm", "md", "my", "wd", "rday", "ago",
                                          "inw", "rp", "mp", "wk", "q", "qq", "h", "hh", "yr", "yrr", "seas", "dmn",
                                          "hol", "ordd", "ana", "mon") if name in cr.re_date.groupindex]
    cr.date_branch_names = frozenset(cr.date_branches)
    cr.date_prefix_words = words_of(
        list(cr.modifiers) + list(cr.shifts) + list(cr.count_one) + list(cr.halves) + list(cr.in_words)
        + list(cr.data.get("year_cues", [])) + list(cr.data.get("range_openers", []))
        + list(cr.number_words.words) + ["de", "het", "the", "op", "on", "in", "of", "van", "tussen"]
        + list(cr.weekdays) + ["that", "die", "dat", "diezelfde", "datzelfde", "dezelfde", "hetzelfde", "same"])
    cr.date_needs_prefix = frozenset(
        (set(cr.duration_units) | set(cr.periods)) - {"week", "wk", "weken"} - set(cr.months) - set(cr.weekdays))
    cr.date_next_words = frozenset(
        list(cr.months) + list(cr.duration_units) + [norm(w) for w in cr.data.get("range_words", [])]
        + ["of", "van", "t/m", "tot", "en", "and", "to", "until", "through", "till", "thru"])
    words = (list(cr.months) + list(cr.weekdays) + list(cr.relative_days) + list(cr.seasons)
             + list(cr.holidays) + list(cr.periods) + list(cr.ordinals) + list(cr.duration_units)
             + list(cr.modifiers) + ["wk"] + [f"{c}{n}" for c in "qkh" for n in "1234"]
             + [f"{d}{part}" for d in cr.weekdays for part in ("avond", "ochtend", "middag", "morgen", "nacht")])
    cr.date_core_words = frozenset(norm(w) for w in words)
    cr.re_date_core = core_regex(words)
    # The other trigger words ("begin", "jaar", "weken") get the branches that
    # can begin where they stand; a word that begins none ("weken" in "twee
    # weken") is not tried on its own.
    first = _first_words(cr, cr.date_branch_names)
    for w in cr.date_core_words - set(by_word):
        if w[0].isdigit():
            continue
        names = frozenset(b for b, vocab in first.items()
                          if any(v.startswith(w) or w.startswith(v) for v in vocab))
        if names and names not in cache:
            cache[names] = subset(tuple(names))
        by_word[w] = cache[names] if names else None
    cr.re_duration = re.compile(
        rf"(?<![\w])(?:(?P<apx>{cr.re_approx})\s+)?(?P<n>{NUM}|{cr.re_digits})(?:\s+|[-‐](?=\w+[-‐\s]))(?:(?:extra|lange?|more|additional|further|volle?|full)\s+)?"
        rf"(?P<u>{DURU})\b(?P<half>\s+(?:en\s+een\s+half|and\s+a\s+half)(?!\s+(?:{DURU})\b))?",
        re.I)
    singular = [k for k, v in cr.duration_units.items() if not k.endswith(("s", "en", "n")) or k in ("jaar",)]
    cr.re_bare_duration = re.compile(
        rf"(?:past|last|next|coming|afgelopen|komende|voorbije|volgende)\s+(?P<u>{trie(singular)})(?![\w])")
    cr.bare_duration_shifts = ("past", "last", "next", "coming", "afgelopen", "komende", "voorbije", "volgende")
    cr.re_det_before = re.compile(r"(?:the|de|het)\s+$")
    cr.re_range_join = re.compile(rf"\s*(?:{RW})\s*$", re.I)
    cr.re_range_open = re.compile(rf"(?:^|\s)(?:{ROPEN})\s+$", re.I)


def _first_words(cr: Any, names: set[str]) -> dict[str, list[str]]:
    """For each branch of ``cr.re_date`` (of ``names``), the words it can begin
    with (lower case; one that starts with a digit is left out).  Keep in step
    with the branches in :func:`build`."""
    det = ["het", "de", "the"]
    mod, shift, wd = list(cr.modifiers), list(cr.shifts), list(cr.weekdays)
    months, ordinals = list(cr.months), list(cr.ordinals)
    numbers = list(cr.number_words.words) + list(cr.count_one) + list(cr.halves) + ["en", "ën", "een", "miljoen", "tal"]
    first = {
        "rng1": [norm(w) for w in cr.data.get("range_openers", [])],
        "rng2": months,
        "dm": wd + ["de", "the"] + ordinals,
        "md": wd + months,
        "my": mod + months,
        "wd": shift + wd,
        "rday": list(cr.relative_days),
        "ago": numbers,
        "inw": list(cr.in_words),
        "rp": mod + det + shift,
        "mp": mod,
        "wk": [k for k, v in cr.periods.items() if v == "week"] + ["wk"],
        "q": det + [k for k, v in cr.ordinals.items() if v <= 4] + ["laatste", "last", "final"],
        "qq": ["q", "k"],
        "h": det + [k for k, v in cr.ordinals.items() if v <= 2],
        "hh": ["h"],
        "yr": mod + [norm(w) for w in cr.data.get("year_cues", [])],
        "seas": mod + det + list(cr.seasons) + ["in", "na", "voor", "tijdens", "rond", "sinds", "vanaf", "tot",
                                                 "after", "before", "during", "since", "until", "by", "over",
                                                 "through", "throughout"],
        "hol": mod + shift + det + list(cr.holidays),
        "ordd": ["op", "on", "de", "the"],
        "ana": mod + ["that", "die", "dat", "diezelfde", "datzelfde", "dezelfde", "hetzelfde", "the"],
        "mon": mod + list(cr.months_full),
    }
    return {name: [norm(w) for w in words if w] for name, words in first.items() if name in names}


# -- finding -----------------------------------------------------------------

@dataclass
class DateHit:
    kind: str
    start: int
    end: int
    value: Any
    attrs: dict[str, Any]


_SENTENCE_YEAR = re.compile(
    r"(?i:\b(?P<s>vorig|afgelopen|volgend|komend|dit|last|next|this|coming)\s+(?:jaar|year)\b)"
    r"|\b(?i:in|in\s+het\s+jaar|in\s+the\s+year)\s+(?P<y>(?:19|20)\d\d)\b")
#: What _SENTENCE_YEAR needs ("jaar", "year" or a year) and more, found fast
#: (re skips ahead to the first letter): most sentences have none.
_YEARISH = re.compile(r"[jJyY12](?:[aA][aA][rR]|[eE][aA][rR]|\d\d\d)")
_CLAUSE_END = re.compile(r"[.!?;:\n]")
_PERFECT_AUX = {"heeft", "hebben", "is", "zijn", "has", "have"}
_PARTICIPLE = re.compile(r"ge\w{3,}(?:d|t|en)|\w{3,}ed|been|gone|done|seen|begun|taken|given|\w{2,}(?:en|wn)|"
                         r"sent|spent|built|held|kept|left|lost|made|paid|sold|told|found|brought|bought|"
                         r"caught|taught|thought|fought|met|won|hit|struck|shot|sunk|flown")


def _perfect(words: list[str]) -> bool:
    """An auxiliary with a past participle within two words: "has risen", "zijn teruggekeerd"."""
    for i, w in enumerate(words):
        if w in _PERFECT_AUX:
            for nxt in words[i + 1:i + 3]:
                if nxt not in ("been", "not", "also", "already", "now", "ook", "al", "nog", "niet") and \
                        _PARTICIPLE.fullmatch(nxt):
                    return True
            # Dutch puts the participle at the end: "is in december begonnen"
            if any(_NL_PARTICIPLE.fullmatch(nxt) for nxt in words[i + 1:]):
                return True
    return False


_NL_PARTICIPLE = re.compile(r"ge\w{3,}(?:d|t|en)|\w+(?:ge|be|ver|ont|her)\w{2,}(?:d|t|en)")


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\W*$")
_DIGITS = re.compile(r"\d+")
_CLOCK = re.compile(r"\d{1,2}[.:]\d{2}")
_AT_BEFORE = re.compile(r"(?:\bom|\bat|\bvan|\btot)\s+$")
_PER_BEFORE = re.compile(r"(?:per|once|twice|times|keer|maal|elk|elke|ieder|iedere)\s+$")


class _Ctx:
    def __init__(self, cr: Any, text: str, anchor: Anchor) -> None:
        self.cr = cr
        self.text = text
        self.anchor = anchor
        # the same date asks these more than once
        self._word_before: dict[int, str] = {}
        self._tense: dict[tuple[int, int], int] = {}

    # the words of the sentence around a position, for tense cues
    def sentence_words(self, start: int, end: int) -> list[str]:
        text = self.text
        if text[end - 1:end] == ".":
            end -= 1  # "20 april." ends the sentence
        lo, hi = max(0, start - 200), end + 200  # a sentence, or 200 characters either way
        a = max(text.rfind(".", lo, start), text.rfind("\n", lo, start), text.rfind("!", lo, start),
                text.rfind("?", lo, start), start - 200)
        b_candidates = [i for i in (text.find(".", end, hi), text.find("\n", end, hi), text.find("!", end, hi),
                                    text.find("?", end, hi)) if i >= 0]
        b = min(b_candidates + [end + 200, len(text)])
        return [w.lower() for w in _WORD.findall(text, a + 1, start)] + [
            w.lower() for w in _WORD.findall(text, end, b)]

    def word_before(self, start: int) -> str:
        word = self._word_before.get(start)
        if word is None:
            words = _WORD.findall(self.text, max(0, start - 30), start)
            word = self._word_before[start] = words[-1].lower() if words else ""
        return word

    def immediate(self, start: int) -> int:
        """-1/+1 when the word just before says past/future ("sinds", "komende")."""
        before = self.word_before(start)
        if before in ("sinds", "sedert", "since", "afgelopen", "vorige", "vorig", "last", "past", "previous"):
            return -1
        if before in ("komende", "volgende", "aanstaande", "next", "coming", "upcoming"):
            return 1
        return 0

    def tense(self, start: int, end: int) -> int:
        """-1 for a past reading, +1 for a future one, 0 if the sentence does not say."""
        way = self._tense.get((start, end))
        if way is None:
            way = self._tense[start, end] = self._sentence_tense(start, end)
        return way

    def _sentence_tense(self, start: int, end: int) -> int:
        words = self.sentence_words(start, end)
        past = self._past(words)
        if _perfect(words):
            past += 1  # "is begonnen", "has risen": the present perfect tells of the past
        future = sum(1 for w in words if w in self.cr.future_cues)
        return -1 if past > future else 1 if future > past else 0

    def direction(self, start: int, end: int) -> int:
        return self.immediate(start) or self.tense(start, end)

    def _past(self, words: list[str]) -> int:
        past = sum(1 for w in words if w in self.cr.past_cues)
        if self.cr.language == "en":
            # regular English past tense: "returned", "deployed" (not "planned", "expected")
            past += sum(1 for i, w in enumerate(words) if len(w) > 4 and w.endswith("ed")
                        and w not in self.cr.future_cues
                        and (i == 0 or words[i - 1] not in ("be", "been", "being", "is", "are", "to")))
        return past

    def local_tense(self, start: int, end: int, n: int = 5) -> int:
        """Like :meth:`tense`, from the few words on either side only."""
        text = self.text
        if text[end - 1:end] == ".":
            end -= 1
        a = max(0, start - 60)
        cut = _CLAUSE_END.search(text[a:start][::-1])
        if cut:
            a = start - cut.start()
        b = min(len(text), end + 60)
        stop = _CLAUSE_END.search(text, end, b)
        if stop:
            b = stop.start()
        before = [w.lower() for w in _WORD.findall(text, a, start)[-n:]]
        after = [w.lower() for w in _WORD.findall(text, end, b)[:n]]
        words = before + after
        past = self._past(words)
        future = sum(1 for w in words if w in self.cr.future_cues)
        return -1 if past > future else 1 if future > past else 0

    def sentence_year(self, start: int, end: int) -> int | None:
        """A year the sentence names for all its dates: "Vorig jaar vierde ... Koningsdag"."""
        anc = self.anchor
        if anc.year is None:
            return None
        text = self.text
        lo, hi = max(0, start - 200), end + 200
        a = max(text.rfind(".", lo, start), text.rfind("\n", lo, start), start - 200) + 1
        b = [i for i in (text.find(".", end, hi), text.find("\n", end, hi)) if i >= 0]
        b = min(b + [end + 200, len(text)])
        m = _SENTENCE_YEAR.search(text, a, b) if _YEARISH.search(text, a, b) else None
        if m is None:
            return None
        if m.group("y"):
            return int(m.group("y"))
        shift = self.cr.shifts.get(m.group("s").lower())
        return None if shift is None else anc.year + shift

    def year_for_month(self, month: int, day: int | None, start: int, end: int) -> int | None:
        """The year of a month (and day) written without one.

        The nearest such month to the document date, unless the word before
        says otherwise ("sinds oktober"); when the month is more than two
        months away either way, the tense of the sentence decides.
        """
        anc = self.anchor
        if anc.year is None:
            return None
        named = self.sentence_year(start, end)
        if named is not None:
            return named
        if anc.month is None:
            return anc.year
        ref_m = anc.month
        way = self.immediate(start)
        if month == ref_m:
            if day is not None and anc.day is not None:
                if way < 0 and day > anc.day:
                    return anc.year - 1
                if way > 0 and day < anc.day:
                    return anc.year + 1
            return anc.year
        ahead = (month - ref_m) % 12
        behind = 12 - ahead
        if way == 0:
            # the verb next to the date decides; further away, the whole sentence
            way = self.local_tense(start, end, 4)
        if way == 0 and self.word_before(start) in ("in", "per") and self.tense(start, end) >= 0:
            way = 1  # "De minister geeft in december een update": the coming December
        if way == 0 and min(ahead, behind) > 2:
            way = self.tense(start, end)
        if way == 0:
            # near: the nearest; far and the sentence does not say: the coming one
            way = 1 if ahead <= behind or min(ahead, behind) > 2 else -1
        if way > 0:
            return anc.year if month > ref_m else anc.year + 1
        return anc.year if month < ref_m else anc.year - 1


_YEAR_IN_TEXT = re.compile(r"(?<![\w.,])(?:1[89]\d\d|20\d\d)(?![\w])")


def _last_year(text: str, pos: int) -> int | None:
    """The last year written before ``pos`` (for "that September")."""
    found = None
    for m in _YEAR_IN_TEXT.finditer(text, max(0, pos - 4000), pos):
        found = m
    return int(found.group()) if found else None


def _year_of_period(cr: Any, anc: Anchor, written: str | None, shift: str | None) -> int | None:
    """The year of a quarter or half: "van 2024", "of next year", or "of the year" / none named.

    "The year" and "this year" are the document's own, so an undated document
    leaves them unknown; only "that year" looks back to a year in the text.
    """
    if written:
        return int(written)
    if anc.year is None:
        return None
    return anc.year + (cr.shifts.get(norm(shift), 0) if shift else 0)


def _mod(cr: Any, word: str | None) -> str | None:
    if not word:
        return None
    val = cr.modifiers.get(norm(word))
    return None if val in (None, "null", "") else str(val)


def _two_digit_year(yy: str, anc: Anchor) -> int:
    n = int(yy)
    century = 2000 if anc.year is None else (anc.year // 100) * 100
    year = century + n
    if anc.year is not None and year > anc.year + 30:
        year -= 100
    return year


def _day_num(cr: Any, text: str) -> int | None:
    m = _DIGITS.match(text)
    if m:
        return int(m.group())
    return cr.ordinals.get(norm(text))


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_day_value(ctx: _Ctx, month: int, day: int, year: int | None, start: int, end: int) -> str | None:
    if year is None:
        year = ctx.year_for_month(month, day, start, end)
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}" if 1 <= day <= 31 else None
    d = _safe_date(year, month, day)
    return _ymd(d) if d else None


def _period_shift(ctx: _Ctx, period: str, shift: int) -> str | None:
    anc = ctx.anchor
    ref = anc.ref
    if period == "year":
        return f"{anc.year + shift:04d}" if anc.year is not None else "XXXX"
    if period == "month":
        if ref is None:
            return "XXXX-XX"
        y, m = add_months(ref.year, ref.month, shift)
        return relative_month(anc, y, m)
    if period in ("week", "weekend"):
        if ref is None:
            return "XXXX-WXX" + ("-WE" if period == "weekend" else "")
        d = ref + dt.timedelta(weeks=shift)
        val = relative_week(anc, d)
        if period == "weekend" and "-W" in val:
            val += "-WE"
        return val
    if period == "quarter":
        if ref is None or anc.month is None:
            return "XXXX-QX" if ref is None else f"{anc.year:04d}"
        q = (ref.month - 1) // 3 + shift
        y = ref.year + q // 4
        return f"{y:04d}-Q{q % 4 + 1}"
    if period == "decade":
        if anc.year is None:
            return "XXX"
        return f"{(anc.year // 10 + shift):03d}"
    if period == "century":
        if anc.year is None:
            return "XX"
        return f"{(anc.year // 100 + shift):02d}"
    return None


def _season_value(ctx: _Ctx, code: str, year: int | None, shift: int | None, start: int, end: int) -> str:
    anc = ctx.anchor
    if year is not None:
        return f"{year:04d}-{code}"
    if anc.year is None:
        return f"XXXX-{code}"
    mid = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[code]
    if shift is not None and anc.month is not None:
        # this/last/next season relative to the document's month
        current_year = anc.year
        if code == "WI" and anc.month >= 11:
            current_year = anc.year + 1  # winter 2023/24 is mostly 2024
        y = current_year + shift
        if shift < 0 and code != "WI" and mid > anc.month:
            y = anc.year - 1
        if shift > 0 and code != "WI" and mid < anc.month:
            y = anc.year + 1
        if shift == 0 and code != "WI":
            y = anc.year
        if shift < 0 and code != "WI" and mid <= anc.month:
            y = anc.year if shift == -1 and mid < anc.month else y
        return f"{y:04d}-{code}"
    if shift is not None:
        return f"{anc.year + shift:04d}-{code}"
    y = ctx.year_for_month(mid, None, start, end)
    return f"{(y if y is not None else anc.year):04d}-{code}"


def _weekday_value(ctx: _Ctx, wd: int, shift: int | None, week_shift: int | None, start: int, end: int) -> str:
    anc = ctx.anchor
    if anc.precision is None:
        return f"XXXX-WXX-{wd + 1}"
    if anc.precision != "day":
        ref = anc.ref
        if week_shift is not None:
            ref = ref + dt.timedelta(weeks=week_shift)
        elif shift is not None:
            ref = ref + dt.timedelta(days=3 * shift)
        return relative_day(anc, ref)
    ref = anc.ref
    if week_shift is not None:
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=week_shift)
        return _ymd(monday + dt.timedelta(days=wd))
    if shift == 0:
        monday = ref - dt.timedelta(days=ref.weekday())
        return _ymd(monday + dt.timedelta(days=wd))
    if shift is None:
        way = ctx.immediate(start) or ctx.local_tense(start, end)
        if wd == ref.weekday():
            return _ymd(ref)
        shift = 1 if way > 0 else -1
    if shift < 0:
        back = (ref.weekday() - wd) % 7 or 7
        return _ymd(ref - dt.timedelta(days=back))
    ahead = (wd - ref.weekday()) % 7 or 7
    return _ymd(ref + dt.timedelta(days=ahead))


def _count_offset(ctx: _Ctx, n: float, unit: str, sign: int) -> str | None:
    """A date ``n`` units before (sign -1) or after (+1) the document date."""
    anc = ctx.anchor
    ref = anc.ref
    mult = 1
    m = re.fullmatch(r"(\d+)([A-Z]+)", unit)
    if m:
        mult, unit = int(m.group(1)), m.group(2)
    n = n * mult * sign
    if ref is None:
        return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}.get(unit)
    if unit == "D":
        return relative_day(anc, ref + dt.timedelta(days=round(n)))
    if unit == "W":
        return relative_day(anc, ref + dt.timedelta(days=round(7 * n)))
    if unit == "M":
        y, mo = add_months(ref.year, ref.month, round(n))
        return relative_month(anc, y, mo)
    if unit == "Y":
        if not float(n).is_integer() and anc.month is not None:
            y, mo = add_months(ref.year, ref.month, round(12 * n))
            return relative_month(anc, y, mo)  # "anderhalf jaar geleden"
        return f"{anc.year + round(n):04d}"
    if unit in ("H", "MIN", "S"):
        return relative_day(anc, ref)
    return None


def _count(ctx: _Ctx, text: str) -> float | None:
    key = norm(text)
    if key in ctx.cr.halves:
        return ctx.cr.halves[key]
    if key in ctx.cr.count_one:
        return 1
    return ctx.cr.number(text)


def _resolve(ctx: _Ctx, m: re.Match, name: str) -> DateHit | None:
    cr, anc = ctx.cr, ctx.anchor
    g = m.group
    start, end = m.start(name), m.end(name)

    if name in ("rng1", "rng2"):
        p = "r1" if name == "rng1" else "r2"
        month = cr.months.get(norm(g(p + "m").rstrip(".")))
        da, db = _day_num(cr, g(p + "a")), _day_num(cr, g(p + "b"))
        if month is None or da is None or db is None or da >= db:
            return None
        if g(p + "y"):
            year = int(g(p + "y"))
        elif p == "r1" and g("r1r") and anc.year is not None:
            year = anc.year + cr.shifts.get(norm(g("r1r")).split()[-2], 0)  # "5 to 9 May next year"
        else:
            year = ctx.year_for_month(month, db, start, end)
        a = _month_day_value(ctx, month, da, year, start, end)
        b = _month_day_value(ctx, month, db, year, start, end)
        if a is None or b is None:
            return None
        return DateHit("date", start, end, a, {"range": (a, b)})

    if name == "iso":
        d = _safe_date(int(g("isoy")), int(g("isom")), int(g("isod")))
        return DateHit("date", start, end, _ymd(d), {}) if d else None

    if name == "num":
        day, month = int(g("nd")), int(g("nm"))
        ytxt = g("ny")
        year = int(ytxt) if len(ytxt) == 4 else _two_digit_year(ytxt, anc)
        if month > 12 and day <= 12:
            day, month = month, day  # 02/14/2025 can only be month first
        d = _safe_date(year, month, day) if month <= 12 else None
        return DateHit("date", start, end, _ymd(d), {}) if d else None

    if name == "dmn":
        if ctx.word_before(start) not in ("op", "vanaf", "tot", "sinds", "per", "uiterlijk", "on", "from",
                                          "until", "by", "since", "before", "after", "voor", "na"):
            return None
        day, month = int(g("dmnd")), int(g("dmnm"))
        if month > 12 or (cr.language == "en" and day <= 12):
            day, month = month, day  # 4/22: English writes the month first
        if month > 12:
            return None
        value = _month_day_value(ctx, month, day, None, start, end)
        return DateHit("date", start, end, value, {}) if value else None

    if name in ("dm", "md"):
        p = name
        month = cr.months.get(norm(g(p + "m").rstrip(".")))
        day = _day_num(cr, g(p + "d"))
        if month is None or day is None or not 1 <= day <= 31:
            return None
        if name == "md" and ctx.text[m.start("mdm")].islower() and month in (5,) and not g("mdy"):
            return None
        year = None
        if g(p + "y"):
            year = int(g(p + "y"))
        elif name == "dm" and g("dmyy"):
            year = _two_digit_year(g("dmyy")[1:], anc)
        elif name == "dm" and g("dmr"):
            shift = cr.shifts.get(norm(g("dmr").split()[-2]), 0)
            if anc.year is None:
                return DateHit("date", start, end, f"XXXX-{month:02d}-{day:02d}", {})
            year = anc.year + shift
        value = _month_day_value(ctx, month, day, year, start, end)
        return DateHit("date", start, end, value, {}) if value else None

    if name == "my":
        month = cr.months.get(norm(g("mym").rstrip(".")))
        if month is None:
            return None
        if g("myy"):
            year = int(g("myy"))
        elif g("myyy"):
            year = _two_digit_year(g("myyy")[1:], anc)
        else:
            shift = cr.shifts.get(norm(g("myr").split()[0]), 0)
            if anc.year is None:
                return DateHit("date", start, end, f"XXXX-{month:02d}", {"mod": _mod(cr, g("mymod"))})
            year = anc.year + shift
        return DateHit("date", start, end, _ym(year, month), {"mod": _mod(cr, g("mymod"))})

    if name == "wd":
        wd = cr.weekdays.get(norm(g("wdn")))
        if wd is None:
            return None
        if not g("wdsh") and ctx.word_before(start) in ("een", "a", "elke", "iedere", "every", "each"):
            return None  # "op een zondag", "every Monday": no particular day
        shift = cr.shifts.get(norm(g("wdsh"))) if g("wdsh") else None
        week_shift = None
        if g("wdwk") and shift is not None:
            week_shift, shift = shift, None
        elif g("wdsh2"):
            week_shift = cr.shifts.get(norm(g("wdsh2")))
        return DateHit("date", start, end, _weekday_value(ctx, wd, shift, week_shift, start, end), {})

    if name == "rday":
        word = norm(g("rday"))
        if word.startswith("morgen"):
            before = ctx.word_before(start)
            if before in ("de", "die", "deze", "elke", "iedere", "s", "goede", "hele", "een", "vroeg"):
                return None
        offset = cr.relative_days.get(word)
        if offset is None:
            return None
        ref = anc.ref
        return DateHit("date", start, end,
                       relative_day(anc, ref + dt.timedelta(days=offset) if ref else None), {})

    if name == "inw" and cr.language == "en" and not m.group().lower().endswith("time") \
            and (ctx.immediate(start) or ctx.local_tense(start, end) or ctx.tense(start, end)) < 0:
        return None  # "drove 1,500 km in four days": how long, not when ("will leave in two weeks": when)
    if name in ("ago", "inw"):
        p = "ago" if name == "ago" else "in"
        n = _count(ctx, g(p + "n"))
        unit = cr.duration_units.get(norm(g(p + "u")))
        if n is None or unit is None:
            return None
        value = _count_offset(ctx, n, unit, -1 if name == "ago" else 1)
        return DateHit("date", start, end, value, {}) if value else None

    if name == "rp":
        shift = cr.shifts.get(norm(g("rpsh")))
        word = norm(g("rpp"))
        mod = _mod(cr, g("rpmod"))
        if word in cr.seasons:
            value = _season_value(ctx, cr.seasons[word], None, shift, start, end)
        else:
            period = cr.periods.get(word)
            value = _period_shift(ctx, period, shift or 0) if period else None
        if value is None:
            return None
        return DateHit("date", start, end, value, {"mod": mod})

    if name == "mp":
        period = cr.periods.get(norm(g("mpp")))
        value = _period_shift(ctx, period, 0) if period else None
        if value is None:
            return None
        return DateHit("date", start, end, value, {"mod": _mod(cr, g("mpmod"))})

    if name == "wk":
        week = int(g("wkn"))
        year = int(g("wky")) if g("wky") else anc.year
        return DateHit("date", start, end, f"{year:04d}-W{week:02d}" if year else f"XXXX-W{week:02d}", {})

    if name in ("q", "qq"):
        if name == "q":
            word = norm(g("qo"))
            qn = 4 if word in ("laatste", "last", "final") else _day_num(cr, word)
            year = _year_of_period(cr, anc, g("qy"), g("qr"))
        else:
            qn = int(g("qqn"))
            if ctx.text[m.start("qql"):m.end("qqn")] not in ("Q1", "Q2", "Q3", "Q4", "K1", "K2", "K3", "K4"):
                return None  # "q1" in lower case is no quarter
            if g("qql") == "k" and not g("qqy"):
                return None
            ytxt = g("qqy")
            year = (int(ytxt) if len(ytxt) == 4 else _two_digit_year(ytxt, anc)) if ytxt else anc.year
        if not qn or not 1 <= qn <= 4:
            return None
        return DateHit("date", start, end, f"{year:04d}-Q{qn}" if year else f"XXXX-Q{qn}", {})

    if name in ("h", "hh"):
        if name == "h":
            hn = _day_num(cr, norm(g("ho")))
            if g("hm"):
                month = cr.months_full.get(norm(g("hm")))
                year = ctx.year_for_month(month, None, start, end)
                val = _ym(year, month) if year else f"XXXX-{month:02d}"
                return DateHit("date", start, end, val, {"mod": "start" if hn == 1 else "end"})
            year = _year_of_period(cr, anc, g("hy"), g("hr"))
        else:
            if ctx.text[m.start("hh")] != "H":
                return None
            hn, year = int(g("hhn")), int(g("hhy"))
        if hn not in (1, 2):
            return None
        return DateHit("date", start, end, f"{year:04d}-H{hn}" if year else f"XXXX-H{hn}", {})

    if name == "yr":
        y1 = int(g("yry"))
        mod = _mod(cr, g("yrmod"))
        s = start if g("yrmod") else m.start("yry")
        y2txt = g("yry2") or g("yry3")
        if y2txt:
            y2 = int(y2txt) if len(y2txt) == 4 else (y1 // 100) * 100 + int(y2txt)
            if y1 < y2 <= y1 + 30:
                return DateHit("date", s, end, f"{y1:04d}", {"range": (f"{y1:04d}", f"{y2:04d}"), "mod": mod})
            if y2txt == g("yry2"):
                return None
        return DateHit("date", s, m.end("yry"), f"{y1:04d}", {"mod": mod})

    if name == "yrr":
        y1 = int(g("yrr1"))
        y2txt = g("yrr2")
        y2 = int(y2txt) if len(y2txt) == 4 else (y1 // 100) * 100 + int(y2txt)
        if not y1 < y2 <= y1 + 30:
            return None
        return DateHit("date", start, end, f"{y1:04d}", {"range": (f"{y1:04d}", f"{y2:04d}")})

    if name == "seas":
        code = cr.seasons.get(norm(g("ss")))
        if code is None:
            return None
        mod = _mod(cr, g("smod"))
        prep = g("sin") is not None and norm(g("sin")).split()[0] not in ("de", "het", "the")
        if not (g("sy") or g("sr") or g("smod") or prep):
            return None
        year = int(g("sy")) if g("sy") else None
        shift = cr.shifts.get(norm(g("sr"))) if g("sr") else None
        if shift is not None and anc.year is not None:
            year = anc.year + shift
        value = _season_value(ctx, code, year, None, start, end)
        s = start
        return DateHit("date", s, end, value, {"mod": mod})

    if name == "hol":
        rule = cr.holidays.get(norm(g("holn")))
        if rule is None:
            return None
        mod = _mod(cr, g("holmod"))
        shift = cr.shifts.get(norm(g("holsh"))) if g("holsh") else None
        if g("holy"):
            d = holiday_date(rule, int(g("holy")))
            return DateHit("date", start, end, _ymd(d), {"mod": mod}) if d else None
        if anc.year is None:
            fixed = re.fullmatch(r"(\d{1,2})-(\d{1,2})", rule.split("!")[0])
            val = f"XXXX-{int(fixed.group(1)):02d}-{int(fixed.group(2)):02d}" if fixed else "XXXX-XX-XX"
            return DateHit("date", start, end, val, {"mod": mod})
        ref = anc.ref
        this = holiday_date(rule, anc.year)
        if this is None:
            return None
        if shift is not None and shift != 0:
            if shift < 0:
                year = anc.year if this < ref else anc.year - 1
            else:
                year = anc.year if this > ref else anc.year + 1
        elif shift == 0:
            year = anc.year
        else:
            year = ctx.year_for_month(this.month, this.day, start, end) or anc.year
        d = holiday_date(rule, year)
        return DateHit("date", start, end, _ymd(d), {"mod": mod}) if d else None

    if name == "ordd":
        word = g("ordn")
        day = _day_num(cr, word)
        pre = norm(g("ordpre"))
        if day is None or not 1 <= day <= 31:
            return None
        if not word[0].isdigit() and pre in ("de", "the") and day <= 10:
            return None
        if anc.precision in ("day", "month"):
            d = _safe_date(anc.year, anc.month, day)
            return DateHit("date", start, end, _ymd(d), {}) if d else None
        return DateHit("date", start, end, f"XXXX-XX-{day:02d}", {})

    if name == "ana":
        year = _last_year(ctx.text, start) or anc.year
        mod = _mod(cr, g("anamod"))
        if g("anam"):
            month = cr.months_full.get(norm(g("anam")))
            value = _ym(year, month) if year else f"XXXX-{month:02d}"
        else:
            value = f"{year:04d}" if year else "XXXX"
        return DateHit("date", start, end, value, {"mod": mod})

    if name == "mon":
        word = ctx.text[m.start("mm"):m.end("mm")]
        month = cr.months_full.get(norm(word))
        if month is None:
            return None
        modword = g("mmod")
        if not modword and word[0].isupper():
            # "Mei" mid-sentence is a name; an English month needs a cue ("in May")
            before = ctx.word_before(start)
            if cr.language != "en" or month == 5:
                if before not in ("in", "sinds", "vanaf", "tot", "van", "since", "until", "by", "from", "of",
                                  "during", "before", "after", "early", "late", "mid", "eind", "begin", "medio",
                                  "per", "rond", "around", "through", "this", "last", "next", "uiterlijk", "voor", "na"):
                    return None
        elif cr.language == "en" and word[0].islower() and not modword:
            return None
        year = ctx.year_for_month(month, None, start, end)
        value = _ym(year, month) if year is not None else f"XXXX-{month:02d}"
        return DateHit("date", start, end, value, {"mod": _mod(cr, modword)})
    return None


_YM = re.compile(r"-\d{2}(?:-\d{2})?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LAST_WORD = re.compile(r"\w+$")
_YEAR_ONLY = re.compile(r"\d{4}")
_RELATIVE_AFTER = re.compile(r"\s+(?:later|earlier|eerder|daarna|nadien|afterwards|erna|ervoor)\b", re.I)
_IDIOM_AFTER = re.compile(r"\s+(?:it|we|he|she|they|you|i|zij|hij|we|het|ze)\b", re.I)


_NEXT_WORD = re.compile(r"(?:\s*[-–/.]\s*\d)|(?:st|nd|rd|th|e|ste|de)?[\s,]+(?P<w>[^\W\d_][\w/]*)")


def _worth_trying(cr: Any, low: str, hit: tuple[list[int], int]) -> bool:
    """Whether a number can start a date: a year, a day before a month, 3-7-2024...

    Most numbers in news are counts and amounts; checking the word after
    them here is much cheaper than trying every date pattern at each.
    """
    cands, t_end = hit
    core = cands[-1]
    if not low[core].isdigit():
        # a unit of time alone ("jaar", "weken") starts no date; with a word
        # before it ("vorig jaar", "twee weken geleden") it may
        return len(cands) > 1 or low[core:t_end] not in cr.date_needs_prefix
    if len(cands) > 1:
        return True  # "sinds 2014", "van 3 tot 7 april", "twee weken geleden"
    digits = low[core:t_end]
    if len(digits) == 4 and digits[:2] in ("18", "19", "20"):
        return True
    m = _NEXT_WORD.match(low, t_end)
    if m is None:
        return False
    word = m.group("w")
    if word is None:
        return True  # 14-02-2025, 2023/24
    return word in cr.date_next_words or word.rstrip(".") in cr.date_next_words


def _scan_dates(cr: Any, hits: list, text: str, low: str, end: int):
    """Like patterns.scan_hits, with a smaller pattern where the first word allows."""
    pos = 0
    by_word = cr.date_pattern_by_word
    by_prefix = cr.date_pattern_by_prefix
    for cands, t_end in hits:
        if t_end <= pos:
            continue
        core = cands[-1]
        for q in cands:
            if q < pos:
                continue
            if q != core:
                # a prefix word ("begin", "sinds", "van"): the branches that can start with it
                w = _WORD_AT.match(low, q)
                pattern = by_prefix.get(w.group() if w else "", cr.re_date)
            elif low[q].isdigit():
                pattern = cr.re_date_digit
            else:
                pattern = by_word.get(low[q:t_end].rstrip("."), cr.re_date)
                if pattern is None:
                    continue  # a word no date begins with ("weken" in "twee weken")
            m = pattern.match(text, q, end)
            if m is not None and m.end() > q:
                yield m
                pos = m.end()
                break


_WORD_AT = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def find_dates(cr: Any, text: str, start: int, end: int, anchor: Anchor,
               low: str | None = None, matches: list | None = None) -> Iterator[DateHit]:
    """Date hits in ``text[start:end]``, left to right, ranges joined."""
    ctx = _Ctx(cr, text, anchor)
    hits: list[DateHit] = []
    low = lowered(text) if low is None else low
    source = cr.re_date_core if matches is None else matches
    triggers = [h for h in core_hits(source, low, start, end, cr.date_prefix_words)
                if _worth_trying(cr, low, h)]
    for m in _scan_dates(cr, triggers, low, low, end):
        name = m.lastgroup
        if name not in cr.date_branch_names:
            name = next((b for b in cr.date_branches if m.group(b) is not None), None)
            if name is None:
                continue
        hit = _resolve(ctx, m, name)
        if hit is not None and text[hit.end - 1:hit.end] == "." and \
                norm(_LAST_WORD.search(text, hit.start, hit.end - 1).group()) in cr.months_full:
            hit.end -= 1  # "2 februari." ends the sentence; the period is not an abbreviation's
        if hit is not None and hit.value is not None:
            hit.attrs = {k: v for k, v in hit.attrs.items() if v is not None}
            hits.append(hit)
    return iter(_join_ranges(cr, text, hits))


def _join_ranges(cr: Any, text: str, hits: list[DateHit]) -> list[DateHit]:
    """"van maart tot mei", "from Monday to Friday": two dates joined by a range word."""
    out: list[DateHit] = []
    i = 0
    while i < len(hits):
        a = hits[i]
        if i + 1 < len(hits) and "range" not in a.attrs:
            b = hits[i + 1]
            between = text[a.end:b.start]
            if len(between) <= 14 and "range" not in b.attrs and cr.re_range_join.fullmatch(between):
                word = norm(between)
                opened = cr.re_range_open.search(text[max(0, a.start - 12):a.start] or "")
                if word not in ("en", "and") or opened:
                    va, vb = str(a.value), str(b.value)
                    if va.startswith("XXXX") and vb[:4].isdigit():
                        # "between late January and the end of May 2024": the year is written once
                        yb = int(vb[:4])
                        same = _YM.fullmatch(va[4:]) and _YM.fullmatch(vb[4:])
                        if same and int(va[5:7]) > int(vb[5:7]):
                            yb -= 1
                        a.value = va = f"{yb:04d}{va[4:]}"
                    if _ISO_DAY.fullmatch(va) and _ISO_DAY.fullmatch(vb) and vb < va:
                        # "van maandag tot en met vrijdag": the end follows the start
                        d_a, d_b = dt.date.fromisoformat(va), dt.date.fromisoformat(vb)
                        if (d_a - d_b).days < 7:
                            b.value = (d_b + dt.timedelta(days=7)).isoformat()
                    if len(va) == len(vb) or True:
                        if opened:
                            a_start = max(0, a.start - 12) + opened.start()
                            a_start += len(text[a_start:a.start]) - len(text[a_start:a.start].lstrip())
                        else:
                            a_start = a.start
                        out.append(DateHit("date", a_start, b.end, a.value, {"range": (a.value, b.value)}))
                        i += 2
                        continue
        out.append(a)
        i += 1
    return out


def find_durations(cr: Any, text: str, start: int, end: int, num_hits: list | None = None,
                   unit_ends: list[int] | None = None) -> Iterator[DateHit]:
    """Durations: a number and a unit of time ("drie maanden", "48 uur", "six weeks").

    ``unit_ends``: where the words for units of time end, sorted, when the
    caller has them; a number with no such word within a few words is skipped.
    """
    if num_hits is None:
        num_hits = cr.num_hits(lowered(text), start, end)
    if unit_ends is not None:
        kept = []
        for hit in num_hits:
            i = bisect_left(unit_ends, hit[1])
            if i < len(unit_ends) and unit_ends[i] - hit[1] <= 40:
                kept.append(hit)
        num_hits = kept
    for m in scan_hits(num_hits, cr.re_duration, text, end):
        ntext = m.group("n")
        key = norm(ntext)
        before = text[max(0, m.start() - 12):m.start()].lower()
        unit = cr.duration_units.get(norm(m.group("u")))
        if unit is None:
            continue
        if unit == "H" and (_CLOCK.fullmatch(ntext) or _AT_BEFORE.search(before)):
            continue  # "om 14.00 uur": a time of day
        if key in cr.count_one and unit in ("S",) and not key[0].isdigit():
            continue  # "A second phase"
        if key in ("one", "een", "some") and _IDIOM_AFTER.match(text, m.end()):
            continue  # "one day it won't be"
        if _RELATIVE_AFTER.match(text, m.end()):
            continue  # "almost a year later": a date we cannot place, not a duration
        if key in cr.count_one and _PER_BEFORE.search(before):
            continue
        if key in cr.halves:
            n: float | None = cr.halves[key]
        elif key in cr.count_one:
            n = 1
        else:
            n = cr.number(ntext)
        if n is None or n <= 0:
            continue
        if m.group("half"):
            n += 0.5
        value = duration_value(n, unit)
        if value is None:
            continue
        attrs = {"mod": "approx"} if m.group("apx") else {}
        s = m.start() if m.group("apx") else m.start("n")
        yield DateHit("duration", s, m.end(), value, attrs)


def find_bare_durations(cr: Any, text: str, low: str, start: int, end: int,
                        unit_starts: list[int] | None = None) -> Iterator[DateHit]:
    """"over the past fortnight", "de afgelopen eeuw": one unit, the number left out."""
    if unit_starts is None:
        found = cr.re_bare_duration.finditer(low, start, end)
    else:
        found = [m for m in (cr.re_bare_duration.match(low, q, end) for q in unit_starts) if m]
    for m in found:
        if m.start() > start and low[m.start() - 1].isalnum():
            continue
        det = cr.re_det_before.search(low, max(start, m.start() - 5), m.start())
        if det is None:
            continue
        unit = cr.duration_units.get(norm(m.group("u")))
        if unit is None or unit in ("S",):
            continue
        value = duration_value(1, unit)
        if value:
            yield DateHit("duration", det.start(), m.end(), value, {})


_LOWER = {"Y": ("M", 12), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}


def duration_value(n: float, unit: str) -> str | None:
    """ISO 8601 duration: 3 months -> P3M, 1.5 years -> P18M, 48 hours -> PT48H."""
    m = re.fullmatch(r"(\d+)?([A-Z]+)", unit)
    if not m:
        return None
    mult, unit = int(m.group(1) or 1), m.group(2)
    n = n * mult
    while not float(n).is_integer() and unit in _LOWER and float(n * _LOWER[unit][1]).is_integer():
        unit, factor = _LOWER[unit]
        n = n * factor
    num = str(int(n)) if float(n).is_integer() else f"{n:g}"
    if unit in ("H", "MIN", "S"):
        return f"PT{num}{'M' if unit == 'MIN' else unit}"
    return f"P{num}{unit}"
