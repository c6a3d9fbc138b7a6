"""Threat levels: the state and its changes.

``Het dreigingsniveau voor drones en indirect vuur ... is verhoogd van
significant naar hoog`` -> level ``hoog``, previous ``significant``, change
``raised``, subject ``drones en indirect vuur``.  Level words come from the
scales in the rules; a level word counts only near a threat word or in a
change "from X to Y" of one scale.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any, Iterator

from .patterns import Core, core_matches, lowered, norm, trie, words_of

_SENTENCE_END = re.compile(r"[.!?;\n]")


@dataclass
class ThreatHit:
    start: int
    end: int
    level: str | None
    scale: str | None
    previous: str | None
    change: str | None
    subject: str | None


def build(cr: Any) -> None:
    words = trie(cr.threat_levels) if cr.threat_levels else r"(?!x)x"

    def level(name: str) -> str:
        return (rf"(?:(?:dreigings)?(?:niveau|level)\s+)?[*_'‘’\"“”]{{0,2}}(?P<{name}>{words}|[1-5](?:\s+(?:van|of|op|out\s+of)\s+5)?"
                rf"(?:\s*\(\s*{words}\s*\)|,\s*{words}(?![\w]))?)"
                r"(?![\w])")

    def verbs(kind: str) -> str:
        ws = [w for w, c in cr.threat_change.items() if c == kind]
        return trie(ws) if ws else r"(?!x)x"

    changed = trie([w for w, c in cr.threat_change.items() if c in ("raised", "lowered")]) or r"(?!x)x"
    unchanged = verbs("unchanged")
    frm = trie(cr.threat_from) or r"(?!x)x"
    to = trie(cr.threat_to) or r"(?!x)x"
    state = trie(cr.threat_state_verbs) or r"(?!x)x"
    cue = trie(cr.threat_cues) or r"(?!x)x"
    filler = (r"(?:(?:nog|steeds|nu|momenteel|al|nog\s+steeds|officieel|staan|liggen|still|now|currently|officially|steady|"
              r"already|ongewijzigd|unchanged|onverminderd|onveranderd|altijd|nog\s+altijd|al\s+jaren|al\s+maanden|"
              r"for\s+years|still|sinds\s+\S+(?:\s+\S+)?|vastgesteld|set|gesteld|"
              r"been|has\s+been|is|at|on|op|als|as|het|the|niveau|level)\s+)*")
    obj = (r"(?:(?:it|this|them|het|dat|deze|hem)\s+|(?:the|het|de)\s+(?:[\w'’-]+\s+){0,2}?[\w-]*(?:level|niveau)\s+"
           r"(?:(?:for|voor)\s+[^.;:,]{1,40}?\s+)?)?")
    again = r"(?:(?:back|again|terug|weer|opnieuw|verder|further|once\s+more|nog\s+verder)\s+)?"
    cr.re_threat_change = re.compile(
        rf"(?<![\w])(?:"
        rf"(?P<v1>{changed})\s+{obj}{again}(?:{frm})\s+{level('f1')}\s+(?:{to})\s+{level('t1')}"
        rf"|(?:{frm})\s+{level('f2')}\s+(?:{to})\s+{level('t2')}(?:\s+(?:(?:is|zijn|wordt|werd|worden|werden)\s+)?(?P<v2>{changed}))?"
        rf"|(?P<v3>{changed})\s+{obj}{again}(?:{to})\s+{level('t3')}"
        rf"|(?:{to})\s+{level('t4')}\s+(?P<v4>{changed})"
        rf"|(?P<v5>{unchanged})\s+{filler}{level('t5')}"
        rf"|(?P<v6>{changed})\s+{obj}{again}(?:{frm})\s+{level('f6')}"
        rf")",
        re.I)
    # every change begins with one of these words: the pattern is tried only there
    cr.threat_change_core = Core(words_of(
        [w for w, c in cr.threat_change.items() if c in ("raised", "lowered", "unchanged")]
        + list(cr.threat_from) + list(cr.threat_to)), digits=False)
    cr.re_threat_verb = re.compile(rf"(?<![\w])(?:{changed})(?![\w])", re.I)
    cr.re_threat_cue = re.compile(rf"(?<![\w])[\w-]*?(?:{cue})(?![\w])", re.I)
    cr.re_threat_cue_low = re.compile(rf"(?:{cue})(?![\w])")
    cr.threat_cue_anchors, cr.threat_cue_words = _anchors(cr.threat_cues)
    cr.threat_level_core = Core(list(cr.threat_levels) + ["1", "2", "3", "4", "5"], digits=False)
    cr.re_threat_state = re.compile(
        rf"(?P<cue>(?<![\w])[\w-]*?(?:{cue}))(?![\w])(?P<mid>[^.!?;\n]{{0,120}}?)\s(?P<sv>{state})\s+{filler}{level('t6')}"
        rf"|(?P<cue2>(?<![\w])[\w-]*?(?:dreigingsniveau|threat\s+level))\s+(?P<t7>[1-5])(?![\w])"
        # "In juni bleef het dreigingsniveau op 4": the verb before the threat word
        rf"|(?P<sv2>{state})\s+(?:(?:het|de|the)\s+)?(?P<cue3>[\w-]*?(?:{cue}))\s+{filler}{level('t8')}",
        re.I)
    cr.re_state_before = re.compile(rf"(?<![\w])(?:{state})\s+(?:(?:het|de|the)\s+)?$", re.I)
    preps = trie(cr.threat_subject_preps) or r"(?!x)x"
    cr.re_threat_subject = re.compile(rf"\s+(?:{preps})\s+(?P<subj>[^.,;:!?\n()]+)", re.I)
    stops = ("op in bij is was zijn wordt werd blijft bleef staat stond ligt sinds al nu momenteel aan naar "
             "tegen heeft hebben geldt door met vanaf verhoogd verlaagd "
             "on at is was are were has have had remains remained stays stands since in across to now "
             "raised lowered been by with from van")
    cr.re_threat_subject_stop = re.compile(r"\s(?:" + "|".join(stops.split()) + r")\b", re.I)


def _anchors(cues: list[str]) -> tuple[list[str] | None, int]:
    """Letters every threat word contains one of ("dreiging", "niveau"), and
    the most words a threat word has.  (None: a threat word without letters.)"""
    pieces = [re.findall(r"[^\W\d_]+", c) for c in cues]
    if not all(pieces):
        return None, 1
    anchors = {p[0] for p in pieces if len(p) == 1}
    for p in pieces:
        if not any(a in w for w in p for a in anchors):
            anchors.add(max(p, key=len))
    anchors = {a for a in anchors if not any(b != a and b in a for b in anchors)}
    return sorted(anchors), max(len(c.split()) for c in cues)


def _cue_matches(cr: Any, low: str, start: int, end: int) -> list[re.Match[str]]:
    """``re_threat_cue_low.finditer(low, start, end)``, run only around the
    places where an anchor of a threat word is (found with str.find)."""
    if cr.threat_cue_anchors is None:
        return list(cr.re_threat_cue_low.finditer(low, start, end))
    spans: list[list[int]] = []
    for a in cr.threat_cue_anchors:
        pos = low.find(a, start, end)
        while pos >= 0:
            spans.append([_tokens_back(low, pos, start, cr.threat_cue_words),
                          _tokens_ahead(low, pos + len(a), end, cr.threat_cue_words)])
            pos = low.find(a, pos + 1, end)
    if not spans:
        return []
    spans.sort()
    merged = [spans[0]]
    for a, b in spans[1:]:
        if a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    # A threat word has no more than `threat_cue_words` words, so it lies
    # within a window: between windows there is none, and each window
    # starts and ends between words, so the matches are the same.
    return [c for a, b in merged for c in cr.re_threat_cue_low.finditer(low, a, b)]


def _tokens_back(low: str, pos: int, lo: int, n: int) -> int:
    """The start of the n-th whitespace-separated token back from the one at ``pos``."""
    for i in range(n):
        if i:
            while pos > lo and low[pos - 1].isspace():
                pos -= 1
        while pos > lo and not low[pos - 1].isspace():
            pos -= 1
    return pos


def _tokens_ahead(low: str, pos: int, hi: int, n: int) -> int:
    """The end of the n-th whitespace-separated token on from the one ending at or after ``pos``."""
    for i in range(n):
        if i:
            while pos < hi and low[pos].isspace():
                pos += 1
        while pos < hi and not low[pos].isspace():
            pos += 1
    return pos


def _level_text(raw: str) -> tuple[str, str]:
    """("4 (substantieel)" -> "substantieel", key) ; the level as written, lower case."""
    inner = re.search(r"(?:\(|,)\s*([^\W\d_][\w-]*)\s*\)?$", raw)
    if inner:
        raw = inner.group(1)
    raw = raw.strip().lower()
    return raw, norm(raw)


def _subject(cr: Any, text: str, cue_end: int, limit: int) -> str | None:
    m = cr.re_threat_subject.match(text, cue_end, limit)
    if not m:
        return None
    subj = m.group("subj")
    stop = cr.re_threat_subject_stop.search(" " + subj)
    if stop:
        subj = subj[: max(0, stop.start() - 0)]
    subj = subj.strip()
    first = subj.lower().split()[0].strip("*_'‘’\"“”") if subj else ""
    if not subj or subj[0].isdigit() or first in cr.threat_levels or first in ("niveau", "level"):
        return None  # "op 4", "op niveau 4": the level, not what the threat is about
    return subj


def find_threats(cr: Any, text: str, start: int, end: int, low: str | None = None,
                 levels: list | None = None) -> Iterator[ThreatHit]:
    """Threat facts, looked for only in sentences with a threat word."""
    low = lowered(text) if low is None else low
    regions: list[list[int]] = []
    for c in _cue_matches(cr, low, start, end):
        a = max(start, _sentence_start(text, c.start()))
        para = text.find("\n\n", c.end(), min(end, c.end() + 500))
        b = min(end if para < 0 else para, _sentence_end(text, c.end() + 400, end))
        if regions and a <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], b)
        else:
            regions.append([a, b])
    level_starts = [lv.start("core") for lv in levels] if levels is not None else []
    for a, b in regions:
        # the patterns all name a level: look only around the level words
        windows: list[list[int]] = []
        if levels is None:
            found = list(core_matches(cr.threat_level_core, low, a, b))
        else:
            i = bisect_left(level_starts, a)
            found = []
            while i < len(levels) and levels[i].end() <= b:
                found.append(levels[i])
                i += 1
        for lv in found:
            w0 = max(a, _sentence_start(text, lv.start("core")))
            w1 = min(b, lv.end() + 60)
            if windows and w0 <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], w1)
            else:
                windows.append([w0, w1])
        for w0, w1 in windows:
            yield from _find_in(cr, text, low, w0, w1, a)


def _change_matches(cr: Any, text: str, low: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The change pattern in ``text[start:end]``, tried only where a word it begins with is."""
    pos = start
    match = cr.re_threat_change.match
    for t in core_matches(cr.threat_change_core, low, start, end):
        p = t.start("core")
        if p < pos:
            continue
        m = match(text, p, end)
        if m is not None:
            pos = m.end()
            yield m


def _find_in(cr: Any, text: str, low: str, start: int, end: int, region: int) -> Iterator[ThreatHit]:
    """Threats in ``text[start:end]``, part of a region that begins at ``region``
    with the sentence of a threat word."""
    taken: list[tuple[int, int]] = []
    for m in _change_matches(cr, text, low, start, end):
        g = m.group
        sent_a = max(start, _sentence_start(text, m.start()))
        sent_b = _sentence_end(text, m.end(), end)
        cue = None
        for c in _cues(cr, text, low, region, sent_b):
            if c.start() < m.start():
                cue = c
            elif cue is None:
                cue = c
                break
        if cue is not None and cue.end() <= sent_a:
            # the threat word is in an earlier sentence: no subject from it
            cue_for_subject = None
        else:
            cue_for_subject = cue
        if g("f6"):
            prev, pkey = _level_text(g("f6"))
            if pkey not in cr.threat_levels:
                continue
            yield_hit = ThreatHit(m.start(), m.end(), None, _scale(cr, pkey), prev,
                                  cr.threat_change.get(norm(g("v6"))),
                                  _subject(cr, text, cue_for_subject.end(), sent_b)
                                  if cue_for_subject and cue_for_subject.end() < m.start() else None)
            taken.append((yield_hit.start, yield_hit.end))
            yield yield_hit
            continue
        if g("f1") or g("f2"):
            prev_raw = g("f1") or g("f2")
            new_raw = g("t1") or g("t2")
            prev, pkey = _level_text(prev_raw)
            new, nkey = _level_text(new_raw)
            verb = g("v1") or g("v2")
            if not verb:
                # "lowered the threat level for drones ... from high to significant"
                for v in cr.re_threat_verb.finditer(text, sent_a, m.start()):
                    verb = v.group()
            scale = _common_scale(cr, pkey, nkey)
            if verb:
                change = cr.threat_change.get(norm(verb))
            elif scale:
                order = cr.threat_scales[scale]
                change = "raised" if order.index(nkey) > order.index(pkey) else "lowered"
            else:
                change = None
            if scale is None and not (pkey.isdigit() and nkey.isdigit()):
                continue
            if cue is None and not (verb and scale):
                continue
            if change is None or (scale is None and not (pkey.isdigit() and nkey.isdigit())):
                if cue is None:
                    continue
            if change == "unchanged":
                change = None
            hit_start = m.start("v1") if g("v1") else m.start()
            level_end = m.end()
            yield_hit = ThreatHit(hit_start, level_end, new, scale or _scale(cr, nkey), prev, change,
                                  _subject(cr, text, cue_for_subject.end(), sent_b) if cue_for_subject else None)
        else:
            raw = g("t3") or g("t4") or g("t5")
            new, nkey = _level_text(raw)
            if cue is None:
                continue
            if not nkey.isdigit() and nkey not in cr.threat_levels:
                continue
            verb = g("v3") or g("v4") or g("v5")
            change = cr.threat_change.get(norm(verb))
            yield_hit = ThreatHit(m.start(), m.end(), new, _scale(cr, nkey), None, change,
                                  _subject(cr, text, cue_for_subject.end(), sent_b) if cue_for_subject else None)
        taken.append((yield_hit.start, yield_hit.end))
        yield yield_hit
    for m in _state_matches(cr, text, low, start, end, region):
        if m.group("cue2"):
            raw, cue_end = m.group("t7"), m.end("cue2")
        elif m.group("cue3"):
            raw, cue_end = m.group("t8"), m.end("cue3")
        else:
            raw, cue_end = m.group("t6"), m.end("cue")
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        new, nkey = _level_text(raw)
        sv = norm(m.group("sv") or m.group("sv2") or "")
        change = "unchanged" if cr.threat_change.get(sv) == "unchanged" else None
        sent_b = _sentence_end(text, m.end(), end)
        yield ThreatHit(m.start(), m.end(), new, _scale(cr, nkey), None, change,
                        _subject(cr, text, cue_end, sent_b))


def _cues(cr: Any, text: str, low: str, start: int, end: int):
    """The threat words in ``text[start:end]``, whole words ("terreurdreigingsniveau")."""
    out = []
    for c in cr.re_threat_cue_low.finditer(low, start, end):
        s = c.start()
        while s > start and (low[s - 1].isalnum() or low[s - 1] == "-"):
            s -= 1
        if out and out[-1].start() == s:
            continue
        m = cr.re_threat_cue.match(text, s, c.end())
        if m is not None:
            out.append(m)
    return out


def _state_matches(cr: Any, text: str, low: str, start: int, end: int, region: int):
    """The state pattern, tried only where a threat word begins (not at every character)."""
    pos = start
    for c in _cues(cr, text, low, max(region, start - 130), end):
        if c.start() < pos:
            continue
        m = None
        b = cr.re_state_before.search(text, max(pos, c.start() - 24), c.start())
        if b is not None:
            m = cr.re_threat_state.match(text, b.start(), end)
        if m is None:
            m = cr.re_threat_state.match(text, c.start(), end)
        if m is not None:
            pos = m.end()
            yield m


def _scale(cr: Any, key: str) -> str | None:
    if key.isdigit():
        return None
    hit = cr.threat_levels.get(key)
    return hit[0] if hit else None


def _common_scale(cr: Any, a: str, b: str) -> str | None:
    for name, levels in cr.threat_scales.items():
        if a in levels and b in levels:
            return name
    return None


def _sentence_start(text: str, pos: int) -> int:
    lo = max(0, pos - 400)
    i = max(text.rfind(".", lo, pos), text.rfind("!", lo, pos), text.rfind("?", lo, pos),
            text.rfind(";", lo, pos), text.rfind("\n", lo, pos))
    return i + 1 if i >= 0 else lo


def _sentence_end(text: str, pos: int, limit: int) -> int:
    limit = min(limit, pos + 400)
    m = _SENTENCE_END.search(text, pos, limit)
    return m.start() if m else limit
