"""Merged rules of one language, compiled once into lookups and regexes."""

from __future__ import annotations

import re
from typing import Any

from .numbers import WordNumbers, parse_number
from .patterns import Core, core_hits, core_matches, core_regex, norm, step_back, trie, words_of

_NL_UNITS = {1: "een", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht", 9: "negen"}
_EN_UNIT_ORD = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh",
                8: "eighth", 9: "ninth"}


def _nmap(data: dict[str, Any] | None) -> dict[str, Any]:
    return {norm(str(k)): v for k, v in (data or {}).items()}


def _nlist(data: list[str] | None) -> list[str]:
    return [norm(str(v)) for v in (data or [])]


class CompiledRules:
    """Everything the extractors look up, for one language ('*' = nl and en)."""

    def __init__(self, language: str, data: dict[str, Any]) -> None:
        self.language = language
        self.numlang = "en" if language == "en" else "nl"
        self.data = data
        self.number_words = WordNumbers(data.get("number_words", {}), self.numlang)
        self.scales = {k: int(v) for k, v in _nmap(data.get("number_scales")).items()}
        self.months_full = {k: int(v) for k, v in _nmap(data.get("months")).items()}
        self.months = {**{k: int(v) for k, v in _nmap(data.get("month_abbreviations")).items()}, **self.months_full}
        self.weekdays = {k: int(v) for k, v in _nmap(data.get("weekdays")).items()}
        self.ordinals = self._day_ordinals(_nmap(data.get("ordinal_words")))
        self.approximators = _nlist(data.get("approximators"))
        self.vague_numbers = _nlist(data.get("vague_numbers"))
        self.relative_days = {k: int(v) for k, v in _nmap(data.get("relative_days")).items()}
        self.shifts = {k: int(v) for k, v in _nmap(data.get("relative_shifts")).items()}
        self.periods = {k: str(v) for k, v in _nmap(data.get("periods")).items()}
        self.modifiers = _nmap(data.get("date_modifiers"))
        self.seasons = {k: str(v) for k, v in _nmap(data.get("seasons")).items()}
        self.quarter_words = _nlist(data.get("quarters"))
        self.half_words = _nlist(data.get("halves"))
        self.holidays = {k: str(v) for k, v in _nmap(data.get("holidays")).items()}
        self.duration_units = {k: str(v) for k, v in _nmap(data.get("duration_units")).items()}
        self.halves = {k: float(v) for k, v in _nmap(data.get("number_halves")).items()}
        self.ago_words = _nlist(data.get("ago_words"))
        self.in_words = _nlist(data.get("in_words"))
        self.past_cues = set(_nlist(data.get("past_cues")))
        self.future_cues = set(_nlist(data.get("future_cues")))
        self.count_one = _nlist(data.get("count_one_words"))
        self.personnel_markers = _nlist(data.get("personnel_markers"))
        self.unit_categories: dict[str, str] = {}
        self.unit_exact: dict[str, str] = {}
        for cat, nouns in (data.get("unit_nouns") or {}).items():
            for noun in nouns:
                noun = norm(str(noun))
                if cat.endswith("_exact"):
                    self.unit_exact[noun] = cat[: -len("_exact")]
                else:
                    self.unit_categories[noun] = cat
        self.measure_units = {norm(k): str(v) for k, v in (data.get("measure_units") or {}).items()}
        self.currency_signs = {k.strip(): str(v) for k, v in (data.get("currency_signs") or {}).items()}
        self.threat_levels: dict[str, tuple[str, int]] = {}
        for scale, levels in (data.get("threat_scales") or {}).items():
            for i, level in enumerate(levels):
                self.threat_levels.setdefault(norm(str(level)), (str(scale), i))
        self.threat_scales = {str(k): [norm(str(x)) for x in v] for k, v in (data.get("threat_scales") or {}).items()}
        self.threat_cues = _nlist(data.get("threat_cues"))
        self.threat_change = {norm(w): change for change, words in (data.get("threat_change") or {}).items()
                              for w in words}
        self.threat_from = _nlist(data.get("threat_from"))
        self.threat_to = _nlist(data.get("threat_to"))
        self.threat_state_verbs = _nlist(data.get("threat_state_verbs"))
        self.threat_subject_preps = _nlist(data.get("threat_subject_prepositions"))
        self.place_preps = set(_nlist(data.get("place_prepositions")))
        self.unit_place_preps = frozenset(_nlist(data.get("unit_place_prepositions")))
        self.roles = [str(r) for r in data.get("roles") or []]
        self.role_complements = _nlist(data.get("role_complements"))
        self.speech_verbs = _nlist(data.get("speech_verbs"))
        self.places_data = data.get("places") or {}
        self.place_suffix_words = [str(w) for w in data.get("place_suffix_words") or []]
        self.place_prefix_words = [str(w) for w in data.get("place_prefix_words") or []]
        self.organizations = data.get("organizations") or []

        # Shared regex fragments.
        self.re_digits = r"(?<![\w.,/+-])\d+(?:[.,]\d+)*"
        word_nums = [w for w in self.number_words.words]
        if self.numlang == "nl":
            morph = trie(word_nums + ["en", "ën", "een", "miljoen", "tal"])
            self.re_wordnum = r"\b(?!(?:en|ën|een)\b)" + f"(?:{morph})+" + r"\b"
            first = trie([w for w in word_nums if w not in ("een",)] + ["eenen", "eenhonderd", "eenduizend"])
            self.re_wordnum_core = rf"{first}(?:{morph})*\b"
        else:
            word = trie(word_nums)
            # "and" joins only after hundred/thousand/million: "three hundred and twelve",
            # not "between two and six"
            joined = rf"(?:(?:\s+|[-‐‑]){word}|(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+{word})"
            self.re_wordnum = rf"\b{word}{joined}*\b"
            self.re_wordnum_core = rf"{word}{joined}*\b"
        self.re_scale = trie(self.scales)
        self.re_number = rf"(?:{self.re_digits}|{self.re_wordnum})"
        self.re_number_scaled = rf"{self.re_number}(?:\s*{self.re_scale}\b)?"
        self.re_approx = trie(self.approximators) if self.approximators else r"(?!x)x"

        one = trie(self.count_one) if self.count_one else r"(?!x)x"
        #: Where a count, a quantity or a duration may start: a number, a
        #: number word, a vague number or a currency sign, with the
        #: approximators that may stand before it.
        self.re_num_core = core_regex(
            [s.lower() for s in self.currency_signs] + list(self.number_words.words) + self.vague_numbers
            + list(self.halves), whole=False)
        self.num_prefix_words = words_of(self.approximators)
        self._re_one_before = re.compile(rf"(?<![\w'’])(?:{one})\s+$")

        from . import dates, entities, quantities, threats, units

        dates.build(self)
        units.build(self)
        quantities.build(self)
        threats.build(self)
        entities.build(self)
        # One pass over the lower-cased text finds the trigger words of the
        # dates, the entities and the threat levels, and the locative words
        # ("in", "naar") before place names (each module keeps its own Core
        # for use on its own).
        self.shared_words = {
            "date": self.date_core_words,
            "entity": frozenset(self.role_words | self.speech_words | self.place_words),
            "level": frozenset(self.threat_levels),
            "locative": self.locative_words,
        }
        self.shared_core = Core(set().union(*self.shared_words.values()), digits=True)
        # One pass over the capitals finds the type names ("F-35", for the
        # units) and the names with a place ending ("Suezkanaal", for the
        # entities); re skips ahead to the capitals.  The two never overlap.
        after = [rf"(?P<type>{units.TYPE_NAME_AFTER_CAPITAL})"]
        if self.place_ending_after_capital is not None:
            after.append(rf"(?P<place>{self.place_ending_after_capital})")
        self._re_capitals = re.compile(r"[A-Z](?:" + "|".join(after) + ")")
        self._shared_kinds = self._kinds_of_shared_words()
        #: a locative word inside a longer trigger word ("ergens in"), after a space
        self._re_inner_locative = re.compile(rf"\s(?P<core>{trie(self.locative_words)})(?![\w])")

    def capital_matches(self, text: str, start: int, end: int) -> dict[str, list]:
        """"type": the matches of ``re_type_name`` in ``text[start:end]``,
        "place": those of ``re_place_ending`` (the same spans), in one pass."""
        out: dict[str, list] = {"type": [], "place": []}
        for m in self._re_capitals.finditer(text, start, end):
            out[m.lastgroup].append(m)
        return out

    def _kinds_of_shared_words(self) -> dict[str, tuple[str, ...]]:
        """Each shared trigger word and the lists it goes to (one look-up per match).

        A phrase that begins with a locative word counts as one; one with a
        locative word further on ("ergens in") is looked into.
        """
        kinds: dict[str, tuple[str, ...]] = {}
        for word in set().union(*self.shared_words.values()):
            names = [k for k in ("date", "entity", "level") if word in self.shared_words[k]]
            if word in self.duration_units:
                names.append("time_unit")
            words = word.split()
            if words[0] in self.locative_words:
                names.append("locative")
            if any(w in self.locative_words for w in words[1:]):
                names.append("locative_inside")
            kinds[word] = tuple(names)
        return kinds

    def shared_matches(self, low: str, start: int, end: int) -> dict[str, list]:
        """The shared trigger words of ``low[start:end]``, by the module they are for.

        "date", "entity" and "level" hold the matches (group "core" is the
        word), "time_unit" the words for units of time among the date words;
        "locative" holds where the locative words begin, sorted.
        """
        out: dict[str, list] = {"date": [], "entity": [], "level": [], "time_unit": [], "locative": [],
                                "locative_inside": []}
        kinds = self._shared_kinds
        digits, small_digits = out["date"], (out["date"], out["level"])
        for m in core_matches(self.shared_core, low, start, end):
            word = m.group("core")
            if word[0].isdigit():
                if len(word) == 1 and word in "12345":
                    for found in small_digits:
                        found.append(m)
                else:
                    digits.append(m)
                continue
            names = kinds.get(word)
            if names is None:
                names = kinds.get(word.replace("’", "'"), ())
            for name in names:
                out[name].append(m)
        starts = [m.start("core") for m in out["locative"]]
        inside = out.pop("locative_inside")
        if inside:
            starts += [w.start("core") for m in inside
                       for w in self._re_inner_locative.finditer(low, m.start("core"), m.end("core"))]
            starts.sort()
        out["locative"] = starts
        return out

    def _day_ordinals(self, words: dict[str, Any]) -> dict[str, int]:
        out = {k: int(v) for k, v in words.items()}
        if self.numlang == "nl":
            for tens_word, tens in (("twintigste", 20), ("dertigste", 30)):
                for unit, uw in _NL_UNITS.items():
                    if tens + unit > 31:
                        continue
                    link = "ën" if uw.endswith("e") else "en"
                    out[uw + link + tens_word] = tens + unit
        else:
            for tens_word, tens in (("twenty", 20), ("thirty", 30)):
                for unit, uw in _EN_UNIT_ORD.items():
                    if tens + unit > 31:
                        continue
                    out[f"{tens_word}-{uw}"] = tens + unit
                    out[f"{tens_word} {uw}"] = tens + unit
        return out

    def num_hits(self, low: str, start: int, end: int, time_units: list | None = None
                 ) -> list[tuple[list[int], int]]:
        """Where a count, quantity or duration may start (see patterns.core_hits).

        "een jaar", "a year": an article counts only before a unit of time,
        so those are found from the words for units of time (``time_units``,
        from :meth:`shared_matches`, when the caller has them) looking back.
        """
        hits = core_hits(self.re_num_core, low, start, end, self.num_prefix_words)
        if time_units is None:
            time_units = [m for m in core_matches(self.re_date_core, low, start, end)
                          if m.group("core") in self.duration_units]
        ones = []
        for m in time_units:
            unit_start = m.start("core")
            b = self._re_one_before.search(low, max(start, unit_start - 12), unit_start)
            if b is not None:
                # "almost a year": the approximator before the article counts
                ones.append((step_back(low, start, b.start(), self.num_prefix_words), b.end()))
        if ones:
            hits = sorted(hits + ones, key=lambda h: h[0][-1])
        return hits

    def number(self, text: str, *, integer: bool = False) -> float | int | None:
        return parse_number(text, self.numlang, self.number_words, self.scales, integer=integer)
