"""The search language of reader: words and ``key:value`` filters.

    Chinook place:Irak threat:hoog unit:militairen date:2024-01 lang:nl
    "Den Haag" place:"Den Haag" helikopter* -drone threat:>=hoog

- A bare word must occur in the document (title or body), case- and
  diacritic-insensitively (``Syrie`` finds ``Syrië``).  ``word*`` is a
  prefix, ``"a few words"`` a phrase, ``-word`` excludes, ``a OR b`` either.
- ``key:value`` filters on the facts or the document; values may be quoted
  (``place:"Den Haag"``); ``-key:value`` excludes.  Keys (Dutch aliases in
  brackets):

  ``place:`` (plaats) ``person:`` (persoon) ``org:`` (organisatie)
      a fact of that kind whose canonical value is equal, ignoring case and
      diacritics (a place by any of its names: ``place:Iraq`` finds "Irak");
      ``place:Ira*`` is a prefix of the name as written.
  ``threat:`` (dreiging)
      a threat fact whose level (``hoog``) or change (``raised``) is equal;
      ``threat:>=hoog`` / ``threat:>3`` compares the gravity of the worst level.
  ``unit:`` (eenheid)
      a unit fact whose category (``personnel``, ``equipment``...) is equal or
      whose noun starts with the value (``unit:militair`` finds ``militairen``).
  ``date:`` (datum)
      a date fact (a day, month, week, range...) overlapping the period, or a
      publication date in it: ``date:2024``, ``date:2024-01``,
      ``date:2024-01-15``, ``date:2023-W45``, ``date:2024-01..2024-03``,
      ``date:2024..`` (from), ``date:..2023`` (until).
  ``published:`` (pub, gepubliceerd)   the document's own date only.
  ``lang:`` (language, taal)   the document's language (``nl``, ``en``).
  ``kind:`` (soort)   any fact of that kind (``kind:quantity``).
  ``source:`` (bron)   the document's source, folded equality.

- A ``key:`` that is not one of these is searched as words.
- The empty query matches every document.

:func:`parse` gives a :class:`Query`; :func:`compile_sql` turns it into SQL
over the store's tables with parameters only (user text never becomes SQL);
:func:`matches_document` and :func:`fact_matches` do the same in pure Python
for a list already in memory.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from .model import Document, Fact
from .store.normalize import SPAN_CLASSES, WIDE, fact_interval, fold, query_interval, threat_rank

__all__ = [
    "FILTER_KEYS",
    "CompiledQuery",
    "Filter",
    "Query",
    "Term",
    "compile_sql",
    "fact_matches",
    "fts_expression",
    "matches_document",
    "parse",
]

#: The filter keys and their aliases -> the canonical key.
FILTER_KEYS: dict[str, str] = {
    "place": "place", "plaats": "place", "locatie": "place", "location": "place",
    "person": "person", "persoon": "person", "who": "person",
    "org": "organization", "organization": "organization", "organisation": "organization",
    "organisatie": "organization",
    "threat": "threat", "dreiging": "threat", "dreigingsniveau": "threat",
    "unit": "unit", "eenheid": "unit", "eenheden": "unit", "units": "unit",
    "date": "date", "datum": "date", "when": "date",
    "published": "published", "pub": "published", "gepubliceerd": "published",
    "lang": "lang", "language": "lang", "taal": "lang",
    "kind": "kind", "soort": "kind",
    "source": "source", "bron": "source",
}



@dataclass(frozen=True, slots=True)
class Term:
    """Words to find: one word, a phrase, or a prefix (``word*``)."""

    text: str
    phrase: bool = False
    prefix: bool = False
    negated: bool = False

    @property
    def tokens(self) -> list[str]:
        return _tokens(self.text)


@dataclass(frozen=True, slots=True)
class Filter:
    """``key:value``; ``op`` is a comparison for ``threat:>=hoog``."""

    key: str
    value: str
    negated: bool = False
    op: str = ""


@dataclass(frozen=True)
class Query:
    """A parsed query: groups of terms (OR inside a group, AND between) and filters."""

    raw: str = ""
    groups: tuple[tuple[Term, ...], ...] = ()
    negated: tuple[Term, ...] = ()
    filters: tuple[Filter, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(t for g in self.groups for t in g) + self.negated

    @property
    def has_words(self) -> bool:
        return bool(self.groups)

    @property
    def empty(self) -> bool:
        return not (self.groups or self.negated or self.filters)


# --------------------------------------------------------------------- parse

_TOKEN = re.compile(
    r"""(?P<neg>-(?=\S))?
        (?:
          (?P<key>[^\s:"()]+):(?:"(?P<qv>[^"]*)"?|(?P<v>[^\s"]+))
        | "(?P<phrase>[^"]*)"?(?P<pstar>\*)?
        | (?P<word>[^\s"]+)
        )""",
    re.X,
)
_WORDCHARS = re.compile(r"[^\W_]+")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def _tokens(text: str) -> list[str]:
    return _WORDCHARS.findall(fold(text))


def parse(text: str | None) -> Query:
    """Parse the query language (never fails: what is not a filter is words)."""
    raw = text or ""
    # Control characters (NUL ends an FTS5 string) are white space here.
    raw = _CONTROLS.sub(" ", raw)
    groups: list[list[Term]] = []
    negated: list[Term] = []
    filters: list[Filter] = []
    problems: list[str] = []
    pending_or = False
    pos = 0
    while True:
        while pos < len(raw) and raw[pos].isspace():
            pos += 1
        if pos >= len(raw):
            break
        m = _TOKEN.match(raw, pos)
        if not m or m.end() == pos:  # a lone quote or similar: skip one character
            pos += 1
            continue
        pos = m.end()
        neg = bool(m["neg"])
        term: Term | None = None
        if m["key"] is not None:
            key = m["key"]
            value = m["qv"] if m["qv"] is not None else m["v"] or ""
            canonical = FILTER_KEYS.get(key.casefold())
            if canonical and value.strip():
                flt, problem = _make_filter(canonical, value.strip(), neg)
                filters.append(flt)
                if problem:
                    problems.append(problem)
                pending_or = False
                continue
            words = f"{key} {value}".strip()
            term = Term(words, phrase=True, negated=neg)
        elif m["phrase"] is not None:
            term = Term(m["phrase"], phrase=True, prefix=bool(m["pstar"]), negated=neg)
        else:
            word = m["word"]
            if word == "OR" and not neg:
                pending_or = bool(groups)
                continue
            prefix = word.endswith("*")
            term = Term(word.rstrip("*"), phrase=False, prefix=prefix, negated=neg)
        if not term.tokens:
            continue  # punctuation only: nothing a full-text index could find
        if term.negated:
            negated.append(term)
        elif pending_or and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    return Query(
        raw=raw,
        groups=tuple(tuple(g) for g in groups),
        negated=tuple(negated),
        filters=tuple(filters),
        problems=tuple(problems),
    )


def _make_filter(key: str, value: str, negated: bool) -> tuple[Filter, str | None]:
    if key == "threat":
        m = re.match(r"(>=|<=|>|<|=)\s*(.+)", value)
        if m:
            op, level = m.groups()
            if not (level.isdigit() or threat_rank(level)):
                return Filter(key, level, negated, op), f"threat:{value}: unknown threat level"
            return Filter(key, level, negated, op), None
    if key in ("date", "published") and query_interval(value) is None:
        return Filter(key, value, negated), f"{key}:{value}: not a date (try 2024, 2024-01, 2024-01-15, 2023-W45, 2024-01..2024-03)"
    return Filter(key, value, negated), None


# ------------------------------------------------------------------ to SQL


def _fts_term(term: Term) -> str:
    # A quoted FTS5 string: the tokenizer splits it into a phrase; quotes doubled.
    quoted = '"' + term.text.replace('"', '""') + '"'
    return quoted + ("*" if term.prefix else "")


def _fts_or(terms: Sequence[Term]) -> str:
    parts = [_fts_term(t) for t in terms]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def fts_expression(query: Query) -> str | None:
    """The FTS5 MATCH expression of the query's positive words, or None."""
    if not query.groups:
        return None
    expr = " AND ".join(_fts_or(g) for g in query.groups)
    if query.negated:
        expr = f"({expr}) NOT {_fts_or(query.negated)}"
    return expr


@dataclass
class CompiledQuery:
    """SQL for a query over ``documents AS d``.

    ``match`` is the FTS5 expression (None without positive words; the caller
    joins ``docs_fts`` on ``docs_fts.rowid = d.id`` and adds
    ``docs_fts MATCH ?`` with it).  ``where`` is a condition on ``d`` (``1``
    when there is none) with ``params`` for its ``?`` marks, in order.
    """

    match: str | None
    where: str
    params: list[Any] = field(default_factory=list)


def _prefix_range(value: str) -> tuple[str, str]:
    return value, value + "\U0010ffff"


_KEYED = "d.id IN (SELECT doc_id FROM fact_keys WHERE key = ?)"
_KEY_PREFIX = "d.id IN (SELECT doc_id FROM fact_keys WHERE key >= ? AND key < ?)"


def _filter_sql(flt: Filter) -> tuple[str, list[Any]]:
    """SQL over ``documents d`` and the store's ``fact_keys`` ("kind:folded value")
    and ``fact_dates`` (span, lo, hi) tables."""
    key, value = flt.key, flt.value
    folded = fold(value)
    if key == "lang":
        return "d.language = ?", [folded]
    if key == "source":
        return "d.source_key = ?", [folded]
    if key == "kind":
        return _KEYED, ["kind:" + folded]
    if key in ("place", "person", "organization"):
        if folded.endswith("*") and folded.rstrip("*"):
            return _KEY_PREFIX, list(_prefix_range(f"{key}:{folded.rstrip('*')}"))
        if key == "place":
            from .extract.place_names import place_key  # Iraq: the key of Irak

            folded = place_key(folded)
        return _KEYED, [f"{key}:{folded}"]
    if key == "threat":
        if flt.op:
            rank = int(value) if value.isdigit() else threat_rank(value)
            op = "=" if flt.op == "=" else flt.op
            if rank <= 0 and op in (">=", "="):
                return "0", []
            return f"(d.threat_rank > 0 AND d.threat_rank {op} ?)", [rank]
        return "d.id IN (SELECT doc_id FROM fact_keys WHERE key IN (?, ?))", ["threat:" + folded, "change:" + folded]
    if key == "unit":
        lo, hi = _prefix_range("unit:" + folded)
        return (
            "d.id IN (SELECT doc_id FROM fact_keys WHERE key = ?"
            " UNION SELECT doc_id FROM fact_keys WHERE key >= ? AND key < ?)",
            ["category:" + folded, lo, hi],
        )
    if key in ("date", "published"):
        interval = query_interval(value)
        if interval is None:
            return "0", []
        qlo, qhi = interval
        published = "(d.date_lo <= ? AND d.date_hi >= ?)"
        if key == "published":
            return published, [qhi, qlo]
        # each class of span looks back from the first day only as far as it reaches
        parts = ["SELECT doc_id FROM fact_dates WHERE span = ? AND lo BETWEEN ? AND ? AND hi >= ?"] * len(SPAN_CLASSES)
        params: list[Any] = []
        for span, days in enumerate(SPAN_CLASSES):
            params += [span, _days_before(qlo, days), qhi, qlo]
        parts.append("SELECT doc_id FROM fact_dates WHERE span = ? AND lo <= ? AND hi >= ?")
        params += [WIDE, qhi, qlo]
        return f"(d.id IN ({' UNION '.join(parts)}) OR {published})", params + [qhi, qlo]
    raise ValueError(f"unknown filter key {key!r}")


def _days_before(iso: str, days: int) -> str:
    try:
        return (dt.date.fromisoformat(iso) - dt.timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):
        return "0000-01-01"


def compile_sql(query: Query | str | None, *, scan: bool = False) -> CompiledQuery:
    """The query as SQL conditions with parameters (see :class:`CompiledQuery`).

    ``scan=True`` when the caller walks the documents in an order of its own
    (newest first, or the full-text matches) and stops at a limit: a filter's
    set of documents is then only tested (``+d.id IN``), so that SQLite does
    not fetch and sort every document of a common filter (``place:Irak``
    matches half the corpus) to keep the first 50.
    """
    q = query if isinstance(query, Query) else parse(query)
    parts: list[str] = []
    params: list[Any] = []
    for flt in q.filters:
        sql, args = _filter_sql(flt)
        if scan:
            sql = sql.replace("d.id IN (", "+d.id IN (")
        parts.append(f"NOT coalesce(({sql}), 0)" if flt.negated else f"({sql})")
        params.extend(args)
    match = fts_expression(q)
    if q.negated and not q.groups:
        # Only exclusions: documents whose text has none of these words.
        parts.append("d.id NOT IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?)")
        params.append(" OR ".join(_fts_term(t) for t in q.negated))
    return CompiledQuery(match=match, where=" AND ".join(parts) or "1", params=params)


# ------------------------------------------------------- pure-Python matcher


def _has_term(tokens: Sequence[str], joined: str, term: Term) -> bool:
    want = term.tokens
    if not want:
        return True
    if len(want) == 1:
        word = want[0]
        if term.prefix:
            return any(t.startswith(word) for t in tokens)
        return f" {word} " in joined
    if term.prefix:
        head = " " + " ".join(want[:-1]) + " "
        start = joined.find(head)
        while start >= 0:
            rest = joined[start + len(head):].split(" ", 1)[0]
            if rest.startswith(want[-1]):
                return True
            start = joined.find(head, start + 1)
        return False
    return " " + " ".join(want) + " " in joined


def fact_matches(flt: Filter, fact: Fact, doc_date: str | None = None) -> bool:
    """Does this fact satisfy the filter (ignoring its negation)?"""
    key, value = flt.key, flt.value
    folded = fold(value)
    if key == "kind":
        return fact.kind == folded
    if key in ("place", "person", "organization"):
        if fact.kind != key:
            return False
        norm = fold(fact.value if fact.value is not None else fact.text)
        if folded.endswith("*") and folded.rstrip("*"):
            return norm.startswith(folded.rstrip("*"))
        if norm == folded or key != "place":
            return norm == folded
        from .extract.place_names import place_key  # Iraq is Irak

        return place_key(norm) == place_key(folded)
    if key == "threat":
        if fact.kind != "threat":
            return False
        if flt.op:
            rank = int(value) if value.isdigit() else threat_rank(value)
            have = threat_rank(fact.get("level"), fact.get("rank"))
            return have > 0 and _compare(have, flt.op, rank)
        return folded in (fold(fact.get("level")), fold(fact.get("change")))
    if key == "unit":
        if fact.kind != "unit":
            return False
        return fold(fact.get("category")) == folded or fold(fact.get("what")).startswith(folded)
    if key == "date":
        if fact.kind != "date":
            return False
        interval = query_interval(value)
        have = fact_interval(fact.value, fact.get("range"))
        return bool(interval and have and have[0] <= interval[1] and have[1] >= interval[0])
    return False


def _compare(have: int, op: str, want: int) -> bool:
    return {">=": have >= want, ">": have > want, "<=": have <= want, "<": have < want}.get(op, have == want)


def _document_filter(flt: Filter, doc: Any, facts: Sequence[Fact]) -> bool:
    key, value = flt.key, flt.value
    if key == "lang":
        return fold(getattr(doc, "language", "")) == fold(value)
    if key == "source":
        return fold(getattr(doc, "source", None)) == fold(value)
    if key in ("date", "published"):
        interval = query_interval(value)
        if interval is None:
            return False
        own = fact_interval(getattr(doc, "date", None))
        if own and own[0] <= interval[1] and own[1] >= interval[0]:
            return True
        if key == "published":
            return False
    if key == "threat" and flt.op:
        rank = int(value) if value.isdigit() else threat_rank(value)
        ranks = [threat_rank(f.get("level"), f.get("rank")) for f in facts if f.kind == "threat"]
        worst = max(ranks, default=0)
        return worst > 0 and _compare(worst, flt.op, rank)
    return any(fact_matches(flt, f) for f in facts)


def matches_document(query: Query | str | None, doc: Document | Any, facts: Iterable[Fact] = (),
                     text: str | None = None) -> bool:
    """Does a document (and its facts) match the query?  Pure Python.

    ``doc`` is a :class:`~reader.model.Document` or any object with ``title``,
    ``language``, ``date`` and ``source``; words are looked for in ``text``
    (default: ``doc.text`` when it has one, else its title).
    """
    q = query if isinstance(query, Query) else parse(query)
    facts = list(facts)
    for flt in q.filters:
        if _document_filter(flt, doc, facts) == flt.negated:
            return False
    if q.groups or q.negated:
        if text is None:
            body = getattr(doc, "text", None)
            text = body if body is not None else ""
            title = getattr(doc, "title", "")
            text = f"{title}\n{text}" if title and title not in text else text
        tokens = _tokens(text)
        joined = " " + " ".join(tokens) + " "
        for group in q.groups:
            if not any(_has_term(tokens, joined, t) for t in group):
                return False
        if any(_has_term(tokens, joined, t) for t in q.negated):
            return False
    return True
