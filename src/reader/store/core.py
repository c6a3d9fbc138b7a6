"""The index: documents, their facts and their text, kept in SQLite with FTS5."""

from __future__ import annotations

import functools
import json
import os
import re
import sqlite3
import sys
import threading
import time
import weakref
from datetime import date as _date
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..model import Document, Fact
from . import db
from .normalize import WIDE, fact_interval, fold, span_class, threat_rank

MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # never in stored text: the loader replaced controls
SNIPPET_TOKENS = 14
#: See Store.rank_candidates.
RANK_CANDIDATES = 5_000
#: Rows taken from SQLite at a time when a listing is read row by row.
ROWS_PER_FETCH = 1_000
#: What a search hit is made from (with its rank and, for words, its snippet).
_HIT_COLUMNS = ("d.id, d.path, d.title, d.date, d.language, d.threat, d.threat_rank, d.fact_count,"
                " d.title_start, d.body_start")
ELLIPSIS = "\u2026"

Progress = Callable[[int, int], Any]
Cancelled = Callable[[], bool]
Extractor = Callable[[Document], Sequence[Fact]]


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A document as the list shows it, without its text or facts."""

    path: str
    title: str
    date: str | None
    language: str | None
    format: str | None = None
    source: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    error: str | None = None  # the file could not be loaded: why, in one line
    fact_count: int = 0
    threat: str | None = None  # the gravest threat level in the document
    threat_rank: int = 0  # 0 (none/unknown) .. 5 (critical)
    size: int = 0
    mtime: float = 0.0


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result: a document and a one-line snippet of where it matched.

    ``snippet`` is plain text; ``marks`` are (start, end) offsets into it of
    the matched words, for the UI to highlight (never markup).
    """

    path: str
    title: str
    date: str | None
    language: str | None
    snippet: str
    marks: tuple[tuple[int, int], ...] = ()
    score: float = 0.0  # higher is better (negated bm25); 0 without words
    threat: str | None = None
    threat_rank: int = 0
    fact_count: int = 0


class Hits(list):
    """What :meth:`Store.search` gives: a list of :class:`Hit`, best first.

    ``capped`` is True when the words matched more documents than were
    ranked: then the hits are the best of the ``ranked`` most recently indexed
    matching documents, and at least that many documents match.  ``ranked``
    is None without words (filters only: newest first, nothing is ranked).
    ``total`` is the number of matching documents when the search learned it
    (words, not capped), else None.
    """

    def __init__(self, hits: Any = (), *, capped: bool = False, ranked: int | None = None) -> None:
        super().__init__(hits)
        self.capped = capped
        self.ranked = ranked

    @property
    def total(self) -> int | None:
        return None if self.capped or self.ranked is None else self.ranked

    @property
    def at_least(self) -> int:
        """A lower bound of the number of matching documents."""
        return max(len(self), self.ranked or 0)


@dataclass
class RefreshStats:
    """What a refresh did."""

    root: str
    found: int = 0  # documents under root
    indexed: int = 0  # parsed (again) and stored
    unchanged: int = 0
    removed: int = 0
    failed: int = 0  # parsed this time, but could not be loaded (kept with the reason)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    problems: list[tuple[str, str]] = field(default_factory=list)  # folders not walked
    cancelled: bool = False
    seconds: float = 0.0

    def summary(self) -> str:
        text = (f"{self.indexed} indexed, {self.unchanged} unchanged, {self.removed} removed, "
                f"{self.failed} failed in {self.seconds:.1f} s")
        return text + (" (cancelled)" if self.cancelled else "")


_FS_ENCODING, _FS_ERRORS = sys.getfilesystemencoding(), sys.getfilesystemencodeerrors()


def _key(path: str) -> bytes:
    if isinstance(path, bytes):
        return path
    return path.encode(_FS_ENCODING, _FS_ERRORS)  # os.fsencode


def _unkey(key: bytes) -> str:
    return key.decode(_FS_ENCODING, _FS_ERRORS)  # os.fsdecode


def _root_range(root: str) -> tuple[bytes, bytes]:
    prefix = _key(root.rstrip(os.sep) + os.sep)
    return prefix, prefix[:-1] + bytes([prefix[-1] + 1])


def _tuples(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def _one_line(text: str) -> str:
    """Newlines and tabs to spaces, one for one (offsets hold)."""
    return text.replace("\n", " ").replace("\t", " ")


def unmark(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain text and (start, end) spans of a text with MARK_OPEN/MARK_CLOSE marks."""
    if MARK_OPEN not in text and MARK_CLOSE not in text:
        return text, ()
    plain: list[str] = []
    marks: list[tuple[int, int]] = []
    pos = 0  # length of the plain text so far
    opened: int | None = None
    i = 0
    n = len(text)
    while i < n:
        a = text.find(MARK_OPEN, i)
        b = text.find(MARK_CLOSE, i)
        j = min(a if a >= 0 else n, b if b >= 0 else n)
        plain.append(text[i:j])
        pos += j - i
        if j == n:
            break
        if text[j] == MARK_OPEN:
            opened = pos
        else:
            if opened is not None and pos > opened:
                marks.append((opened, pos))
            opened = None
        i = j + 1
    return "".join(plain), tuple(marks)


def window(text: str, start: int, end: int, before: int = 60, after: int = 100) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line snippet of ``text`` around [start, end) with that span marked."""
    lo = max(0, start - before)
    hi = min(len(text), end + after)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space > end else hi
    head = ELLIPSIS if lo > 0 else ""
    tail = ELLIPSIS if hi < len(text) else ""
    snippet = head + _one_line(text[lo:hi]) + tail
    a = len(head) + start - lo
    b = len(head) + min(end, hi) - lo
    return snippet, ((a, b),) if b > a else ()


def _span_class(lo: str, hi: str) -> int:
    try:
        return span_class((_date.fromisoformat(hi) - _date.fromisoformat(lo)).days)
    except ValueError:
        return WIDE


def fact_index(facts: Sequence[Fact]) -> tuple[list[str], list[tuple[str, str, int]], str | None, int]:
    """The filter keys and date intervals of a document's facts (distinct, sorted),
    and its gravest threat level with its rank."""
    keys: set[str] = set()
    kinds: set[str] = set()
    dates: set[tuple[str, str, int]] = set()
    worst, worst_rank = None, 0
    for fact in facts:
        kind = fact.kind
        kinds.add(kind)
        if kind in _NAMED:
            value = fact.value
            keys.update(_name_keys(kind, value if value is not None else fact.text))
        elif kind == "date":
            row = _date_row(fact.value, fact.attrs.get("range"))
            if row is not None:
                dates.add(row)
        elif kind == "unit":
            what = fold(fact.get("what")) or fold(fact.text)
            keys.add("unit:" + what)
            category = fact.get("category")
            if category:
                keys.add("category:" + fold(category))
        elif kind == "threat":
            level = fact.get("level")
            if level:
                keys.add("threat:" + fold(level))
            if fact.get("change"):
                keys.add("change:" + fold(fact.get("change")))
            rank = threat_rank(level, fact.get("rank"))
            if worst is None or rank > worst_rank:
                worst, worst_rank = (level or fact.text), rank
    keys.update(["kind:" + kind for kind in kinds])
    return sorted(keys), sorted(dates), worst, worst_rank


_NAMED = frozenset(("place", "person", "organization"))


def _recurring(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` remembered for the arguments that recur (the same few names
    and dates in document after document); arguments that cannot be a cache
    key (a list) are worked out each time."""
    cached = functools.lru_cache(maxsize=1 << 14)(function)

    @functools.wraps(function)
    def call(*args: Any) -> Any:
        try:
            return cached(*args)
        except TypeError:
            return function(*args)

    return call


@_recurring
def _name_keys(kind: str, value: Any) -> tuple[str, ...]:
    """"place:syrie": the filter keys of a name; a place known by another name
    as well ("Syria") has two, its own and its place's (``place_key``), so
    that place:Syrië finds it and place:Syri* still does."""
    own = kind + ":" + fold(value)
    if kind != "place":
        return (own,)
    from ..extract.place_names import place_key  # the rules: loaded when indexing anyway

    shared = "place:" + place_key(value)
    return (own,) if shared == own else (own, shared)


@_recurring
def _date_row(value: Any, rng: Any) -> tuple[str, str, int] | None:
    """(first day, last day, span class) of a date fact, or None."""
    interval = fact_interval(value, rng)
    if not interval:
        return None
    lo, hi = interval
    return lo, hi, _span_class(lo, hi)


#: Newest first: date descending (NULL sorts last in DESC), then title; uses documents_order.
_NEWEST_FIRST = "d.date DESC, d.title_key, d.path"
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
def _facts_json(facts: Sequence[Fact]) -> str:
    return _JSON.encode([[f.kind, f.text, f.start, f.end, f.value,
                          f.attrs if type(f.attrs) is dict else dict(f.attrs)] for f in facts])


def _facts_from_json(text: str) -> list[Fact]:
    if text == "[]":
        return []
    return [_fact_of(item) for item in json.loads(text)]


def _fact_of(item: Sequence[Any]) -> Fact:
    """A Fact from its stored form, [kind, text, start, end, value, attrs]."""
    kind, text, start, end, value, attrs = item
    return Fact(kind=kind, text=text, start=start, end=end, value=_tuples(value),
                attrs={key: _tuples(val) for key, val in attrs.items()} if attrs else {})


_ROW_COLUMNS = ("path, title, date, language, format, source, url, tags, notes, error, "
                "fact_count, threat, threat_rank, size, mtime_ns")


def _list(text: str) -> tuple[str, ...]:
    return () if text == "[]" else tuple(json.loads(text))


def _row(r: Sequence[Any]) -> DocumentRow:
    return DocumentRow(
        path=_unkey(r[0]), title=r[1], date=r[2], language=r[3], format=r[4], source=r[5],
        url=r[6], tags=_list(r[7]), notes=_list(r[8]), error=r[9],
        fact_count=r[10], threat=r[11], threat_rank=r[12], size=r[13], mtime=r[14] / 1e9,
    )


class _Handle:
    """One thread's connection; closed when the thread's locals go away."""

    __slots__ = ("con", "__weakref__")

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con: sqlite3.Connection | None = con

    def close(self) -> None:
        con, self.con = self.con, None
        if con is not None:
            try:
                con.close()
            except sqlite3.Error:
                pass

    def __del__(self) -> None:
        self.close()


def extract_on_demand(doc: Document) -> Sequence[Fact]:
    """``reader.extract.extract_document``, imported when first called: a store
    opened only to be read (the first screen) never loads the extractor."""
    from ..extract import extract_document

    return extract_document(doc)


def default_version() -> str:
    """What a stored document's facts depend on: the extractor's VERSION and
    the rules in use (a user's own rules file included), and reader's version."""
    from .. import __version__
    from ..extract import rules_fingerprint

    return f"{rules_fingerprint()}+reader-{__version__}"


class Store:
    """The index of one or more corpora, in one SQLite file.

    Safe to share between threads (each thread uses its own connection) and
    between processes (WAL, busy timeout, retried short write transactions).
    """

    def __init__(self, path: Path, first: sqlite3.Connection, extractor: Extractor,
                 version: str | Callable[[], str], notices: list[str]) -> None:
        self.path = path
        self.notices = notices
        self._extract = extractor
        self._version = version
        self._local = threading.local()
        self._lock = threading.Lock()
        # A thread's connection lives in its thread-local handle: it is closed
        # when the thread ends (a finished worker leaves nothing open) or at close().
        self._handles: "weakref.WeakSet[_Handle]" = weakref.WeakSet()
        self._local.handle = _Handle(first)
        self._handles.add(self._local.handle)
        self._closed = False

    @property
    def version(self) -> str:
        """What stored facts depend on; worked out when first needed (a refresh),
        since it reads the rules files and listing the index does not need it."""
        if callable(self._version):
            self._version = self._version()
        return self._version

    @property
    def version_known(self) -> bool:
        """Whether :attr:`version` has been worked out already."""
        return not callable(self._version)

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *,
             extractor: Extractor | None = None, version: str | None = None,
             on_notice: Callable[[str], Any] | None = None) -> "Store":
        """Open (creating, or setting aside and rebuilding) the index at ``path``.

        Default path: ``paths.cache_dir() / "index.sqlite3"``.  ``extractor``
        and ``version`` default to ``reader.extract.extract_document`` and its
        ``VERSION``.  What was wrong with a file that had to be set aside is in
        ``store.notices`` (and given to ``on_notice``).  Raises
        :class:`StoreError` only when no index can be made at all.
        """
        if path is None:
            from ..paths import cache_dir

            path = cache_dir() / "index.sqlite3"
        if extractor is None:
            extractor = extract_on_demand
            version = version or default_version  # type: ignore[assignment]
        notices: list[str] = []

        def notice(text: str) -> None:
            notices.append(text)
            if on_notice is not None:
                on_notice(text)

        con = db.open_index(Path(path), notice)
        return cls(Path(path), con, extractor, version or "0", notices)

    def _con(self) -> sqlite3.Connection:
        handle = getattr(self._local, "handle", None)
        if handle is None or handle.con is None:
            if self._closed:
                raise db.StoreError("the index is closed")
            handle = _Handle(db.connect(self.path))
            with self._lock:
                self._handles.add(handle)
            self._local.handle = handle
        return handle.con

    def close(self) -> None:
        """Close every thread's connection (call when all work is done)."""
        self._closed = True
        with self._lock:
            handles = list(self._handles)
            self._handles = weakref.WeakSet()
        for handle in handles:
            handle.close()
        self._local = threading.local()

    def set_aside(self, why: str) -> Path:
        """Close the store and rename its (damaged) file to ``*.corrupt-<timestamp>``.

        For a damage found while working (``sqlite3.DatabaseError`` that is not
        "busy"): open the store again to get a new, empty index.
        """
        self.close()
        with db.file_lock(Path(f"{self.path}.lock")):
            target = db.set_aside(self.path)
        self.notices.append(f"index {self.path}: {why}; set aside as {target.name}, building a new one")
        return target

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        con = self._con()
        return db.retry(lambda: con.execute(sql, params).fetchall())

    # ----------------------------------------------------------- refresh

    def refresh(self, root: str | os.PathLike[str], *, progress: Progress | None = None,
                cancelled: Cancelled | None = None, batch_size: int = 500, workers: int = 1) -> RefreshStats:
        """Bring the index up to date with the documents under ``root``.

        Only files whose size, mtime or extractor version changed are loaded
        and extracted again; files gone from ``root`` are dropped; files that
        fail to load are kept with their one-line reason.  Commits every
        ``batch_size`` documents (or every second), so readers see progress
        and a cancelled refresh keeps what it did.  ``progress(done, total)``
        counts the files that need parsing (``(0, total)`` first, ``(total,
        total)`` last).  ``cancelled()`` is polled between files.  Callable
        from any thread.  ``workers`` > 1 loads and extracts in that many
        processes (for large changes; the extractor must be picklable).
        Raises FileNotFoundError when ``root`` does not exist.
        """
        from ..corpus.discover import Discovery, stat_documents, walk_order

        started = time.perf_counter()
        root_path = os.path.abspath(os.fspath(root))
        if not os.path.exists(root_path):
            raise FileNotFoundError(f"no such file or folder: {root_path}")
        stats = RefreshStats(root=root_path)
        stop = cancelled or (lambda: False)

        # What is on disk, (path key, size, mtime_ns) a document, against what
        # is stored: the same triples, mtime_ns NULL for a document parsed with
        # another version.  Compared as sets (loops in C, no decoding of paths):
        # with nothing changed, the usual case, one membership test a file.
        discovery = Discovery()
        found = stat_documents(root_path, discovery, stop)
        stats.problems = list(discovery.problems)
        stats.found = len(found)
        if discovery.cancelled or stop():  # a partial walk must not drop anything
            stats.cancelled = True
            stats.seconds = time.perf_counter() - started
            return stats
        version = self.version
        if os.path.isdir(root_path):
            lo, hi = _root_range(root_path)
            stored = set(self._read(
                "SELECT path, size, CASE WHEN version = ? THEN mtime_ns END FROM documents"
                " WHERE path >= ? AND path < ?", (version, lo, hi)))
        else:
            stored = set(self._read(
                "SELECT path, size, CASE WHEN version = ? THEN mtime_ns END FROM documents WHERE path = ?",
                (version, _key(root_path))))
        changed: list[tuple[bytes, int, int]] = []
        removed: list[bytes] = []
        if not (len(stored) == len(found) and stored.issuperset(found)):  # else: nothing changed
            on_disk = set(found)
            gone = stored - on_disk
            if gone:
                keys = set(map(itemgetter(0), found))
                removed = [row[0] for row in gone if row[0] not in keys]
            changed = sorted(on_disk - stored, key=lambda item: walk_order(item[0]))  # read in walk order
        stats.unchanged = len(found) - len(changed)

        con = self._con()
        removed.sort()
        for i in range(0, len(removed), 2000):
            keys = [(p,) for p in removed[i : i + 2000]]
            db.write(con, lambda c, keys=keys: self._delete(c, keys))
        stats.removed = len(removed)

        total = len(changed)
        if progress:
            progress(0, total)
        batch: list[_Row] = []
        batch_started = time.monotonic()
        last_report = time.monotonic()
        done = 0
        items = [(_unkey(path), size, mtime_ns) for path, size, mtime_ns in changed]
        for row in self._encoded(items, stop, workers):
            batch.append(row)
            error = row[0]["error"]
            if error is not None:
                stats.failed += 1
                stats.failures.append((_unkey(row[0]["path"]), error))
            else:
                stats.indexed += 1
            done += 1
            now = time.monotonic()
            if len(batch) >= batch_size or now - batch_started >= 1.0:
                db.write(con, lambda c, rows=batch: _insert(c, rows))
                batch = []
                batch_started = time.monotonic()
            if progress and (now - last_report >= 0.1 or done == total):
                progress(done, total)
                last_report = now
        stats.cancelled = done < total
        if batch:
            db.write(con, lambda c: _insert(c, batch))
        if progress and not stats.cancelled and total == 0:
            progress(0, 0)
        stats.seconds = time.perf_counter() - started
        return stats

    def _encoded(self, items: list[tuple[str, int, int]], stop: Cancelled, workers: int) -> Iterator[_Row]:
        """Load, extract and encode the files, here or in ``workers`` processes."""
        if workers <= 1 or len(items) < 4 * _CHUNK:
            for item in items:
                if stop():
                    return
                yield encode(*item, extractor=self._extract, version=self.version)
            return
        import concurrent.futures as cf
        import contextlib
        import multiprocessing

        chunks = [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]
        # spawn, not fork: the caller may be a threaded app (Textual).  The
        # pool, its processes and multiprocessing's resource tracker start with
        # a real file as stderr: inside the app sys.stderr is Textual's capture,
        # which has no file descriptor to hand on.
        with open(os.devnull, "w") as quiet, contextlib.redirect_stderr(quiet):
            pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                          initializer=_quiet_worker)
            pending = [pool.submit(encode_many, chunk, self._extract, self.version) for chunk in chunks]
        try:
            for future in pending:
                if stop():
                    return
                yield from future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    @staticmethod
    def _delete(con: sqlite3.Connection, keys: list[tuple[bytes]]) -> None:
        for (key,) in keys:
            row = con.execute("SELECT id FROM documents WHERE path = ?", (key,)).fetchone()
            if row:
                _drop_facts(con, row[0])
                con.execute("DELETE FROM docs_fts WHERE rowid = ?", row)
                con.execute("DELETE FROM documents WHERE id = ?", row)

    def clear(self) -> None:
        """Forget everything (the next refresh parses every file again)."""

        def wipe(c: sqlite3.Connection) -> None:
            c.execute("DELETE FROM doc_facts")
            c.execute("DELETE FROM fact_keys")
            c.execute("DELETE FROM fact_dates")
            c.execute("DELETE FROM docs_fts")
            c.execute("DELETE FROM documents")

        db.write(self._con(), wipe)

    # ------------------------------------------------------------- reading

    def _scope(self, root: str | os.PathLike[str] | None) -> tuple[str, list[Any]]:
        """The condition for the documents under ``root``.  When every document
        in the index is under it (one corpus, the usual case) there is none:
        with a range of paths SQLite would walk the path index and sort all the
        matches, where it can walk the newest-first index and stop at the limit
        (a filter-only search at 100,000 documents: 60-90 ms -> 8-15 ms)."""
        if root is None:
            return "1", []
        root_path = os.path.abspath(os.fspath(root))
        if os.path.isfile(root_path):
            return "d.path = ?", [_key(root_path)]
        lo, hi = _root_range(root_path)
        outside = (self._read("SELECT 1 FROM documents WHERE path < ? LIMIT 1", [lo])
                   or self._read("SELECT 1 FROM documents WHERE path >= ? LIMIT 1", [hi]))
        if not outside:
            return "1", []
        return "(d.path >= ? AND d.path < ?)", [lo, hi]

    def _matching(self, query: Any, root: str | os.PathLike[str] | None, *, scan: bool = False,
                  plain_id: bool = False) -> tuple[str, list[Any]]:
        """The WHERE (over ``documents d``) and its parameters for the documents
        matching ``query`` under ``root``, its words included.  ``plain_id``
        keeps SQLite from using the id index for the word match (``+d.id``), so
        that a listing in newest-first order walks that order's index."""
        where, params, match = self._where(query, root, scan=scan)
        if match is None:
            return where, params
        column = "+d.id" if plain_id else "d.id"
        return f"{column} IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?) AND {where}", [match] + params

    def _where(self, query: Any, root: str | os.PathLike[str] | None,
               scan: bool = False) -> tuple[str, list[Any], str | None]:
        from ..query import compile_sql

        compiled = compile_sql(query, scan=scan)
        scope, scope_params = self._scope(root)
        return f"{scope} AND {compiled.where}", scope_params + compiled.params, compiled.match

    def documents(self, root: str | os.PathLike[str] | None = None, query: Any = None, *,
                  limit: int | None = None, offset: int = 0) -> list[DocumentRow]:
        """The documents (under ``root``) matching ``query``, newest first.

        ``query`` is a string in the query language (reader.query) or a parsed
        Query; None or "" gives every document, failed files included.
        Newest first: by date descending (``2024-01-15`` before ``2024-01``),
        undated last, then by title.  ``limit``/``offset`` page through it.
        """
        return list(self.iter_documents(root, query, limit=limit, offset=offset))

    def iter_documents(self, root: str | os.PathLike[str] | None = None, query: Any = None, *,
                       limit: int | None = None, offset: int = 0) -> Iterator[DocumentRow]:
        """:meth:`documents`, one row at a time from one read of the index, so
        that a caller building its own objects from 100,000 rows never holds
        the rows, the DocumentRows and its own objects all at once."""
        where, params = self._matching(query, root, scan=True, plain_id=True)
        sql = (f"SELECT {_ROW_COLUMNS} FROM documents d WHERE {where}"
               f" ORDER BY {_NEWEST_FIRST} LIMIT ? OFFSET ?")
        params = params + [-1 if limit is None else max(0, int(limit)), max(0, int(offset))]
        con = self._con()
        try:
            cursor = db.retry(lambda: con.execute(sql, params))
            while batch := cursor.fetchmany(ROWS_PER_FETCH):
                for r in batch:
                    yield _row(r)
        except sqlite3.OperationalError as err:
            if not _refused_by_fts5(err):
                raise

    def count(self, query: Any = None, root: str | os.PathLike[str] | None = None) -> int:
        """How many documents (under ``root``) match ``query``."""
        where, params = self._matching(query, root)
        rows = self._safe_read(f"SELECT count(*) FROM documents d WHERE {where}", params)
        return rows[0][0] if rows else 0

    def _safe_read(self, sql: str, params: Sequence[Any]) -> list[Any]:
        try:
            return self._read(sql, params)
        except sqlite3.OperationalError as err:
            if _refused_by_fts5(err):
                return []
            raise

    def document(self, path: str | os.PathLike[str]) -> DocumentRow | None:
        """One document's row, or None when it is not in the index."""
        rows = self._read(f"SELECT {_ROW_COLUMNS} FROM documents WHERE path = ?",
                          (_key(os.path.abspath(os.fspath(path))),))
        return _row(rows[0]) if rows else None

    def current_facts(self, doc: Document, *, check_version: bool = True) -> list[Fact] | None:
        """The stored facts of ``doc`` when the index holds this very file (same
        size and modification time) parsed by this store's extractor version
        (not asked with ``check_version=False``); else None (the caller extracts)."""
        rows = self._read(
            "SELECT f.facts, d.size, d.mtime_ns, d.version FROM doc_facts f JOIN documents d ON d.id = f.doc_id"
            " WHERE d.path = ?", (_key(os.path.abspath(doc.path)),))
        if not rows:
            return None
        facts, size, mtime_ns, version = rows[0]
        if size != doc.size or abs(mtime_ns / 1e9 - doc.mtime) > 1e-6 or (check_version and version != self.version):
            return None
        return _facts_from_json(facts)

    def document_facts(self, path: str | os.PathLike[str], kinds: Iterable[str] | None = None) -> list[Fact]:
        """The stored facts of a document, in text order ([] when unknown);
        with ``kinds``, only those (the others are not even decoded: a timeline
        of dates over many documents reads a tenth of their facts)."""
        rows = self._read(
            "SELECT f.facts FROM doc_facts f JOIN documents d ON d.id = f.doc_id WHERE d.path = ?",
            (_key(os.path.abspath(os.fspath(path))),))
        if not rows:
            return []
        if kinds is None:
            return _facts_from_json(rows[0][0])
        return [_fact_of(item) for item in _facts_of_kinds(rows[0][0], set(kinds))]

    def paths(self, root: str | os.PathLike[str] | None = None, query: Any = None) -> list[str]:
        """The paths of the documents (under ``root``) matching ``query`` (default:
        all), sorted by path; much cheaper than documents() for a big match set."""
        where, params = self._matching(query, root)
        rows = self._safe_read(f"SELECT path FROM documents d WHERE {where}", params)
        return sorted(_unkey(r[0]) for r in rows)

    # -------------------------------------------------------------- search

    #: With words, at most this many matching documents are ranked (bm25) when
    #: a limit is given: the most recently indexed ones.  Ranking costs about
    #: 2-6 us a document, so a word found in half of 100,000 documents would
    #: take 100-300 ms to rank in full; see :class:`Hits`.
    rank_candidates = RANK_CANDIDATES

    def search(self, query: Any, *, root: str | os.PathLike[str] | None = None,
               limit: int | None = 50) -> "Hits":
        """Documents matching ``query`` with a snippet each (a :class:`Hits` list).

        With words: best matches first (bm25, title words weigh more), the
        snippet around the words with the words marked.  When more than
        ``max(limit, rank_candidates)`` documents match, only that many are
        ranked, the most recently indexed matches, and ``hits.capped`` is
        True; ``limit=None`` ranks every match.  With filters only: newest
        first, the snippet around the first fact that satisfied a filter, that
        fact marked.  Empty query: every document, newest first, the snippet
        the start of the body.  ``limit=None``: all.
        """
        from ..query import Query, parse

        q = query if isinstance(query, Query) else parse(query)
        where, params, match = self._where(q, root, scan=True)
        lim = -1 if limit is None else max(0, int(limit))
        if lim == 0:
            return Hits()
        if match is None:
            return Hits(self._filter_hits(q, self._newest(where, params, lim)))
        found, capped = self._ranked(match, where, params, lim)
        top = found if lim < 0 else found[:lim]
        result = Hits(capped=capped, ranked=len(found))
        if not top:
            return result
        result.extend(self._word_hits(q, match, top))
        return result

    def _newest(self, where: str, params: list[Any], lim: int) -> list[Any]:
        """Hit rows of a search without words: readable documents, newest first
        (``lim`` < 0: all), with a rank of 0."""
        return self._safe_read(
            f"SELECT {_HIT_COLUMNS}, 0.0 FROM documents d WHERE {where} AND d.error IS NULL"
            f" ORDER BY {_NEWEST_FIRST} LIMIT ?", params + [lim])

    def _ranked(self, match: str, where: str, params: list[Any], lim: int) -> tuple[list[Any], bool]:
        """The candidates of a word search, best first, and whether they were capped.

        The matches (filters applied) in rowid order, newest first, which FTS5
        gives without sorting, each with its bm25 rank (computed only for the
        rows that pass the filters), at most ``max(lim, rank_candidates)`` of
        them (one more is read, to know whether there were more).  Ranking
        them here avoids FTS5's "ORDER BY rank", which scores every match of
        the words before the filters and the limit apply.
        """
        wanted = -1 if lim < 0 else max(lim, int(self.rank_candidates))
        found = self._safe_read(
            f"SELECT docs_fts.rowid, docs_fts.rank FROM docs_fts JOIN documents d ON d.id = docs_fts.rowid"
            f" WHERE docs_fts MATCH ? AND {where} ORDER BY docs_fts.rowid DESC LIMIT ?",
            [match] + params + [-1 if wanted < 0 else wanted + 1])
        capped = 0 <= wanted < len(found)
        if capped:
            del found[wanted:]
        found.sort(key=lambda r: (r[1], -r[0]))  # rank: lower is better; ties newest first
        return found, capped

    def search_stream(self, query: Any, *, root: str | os.PathLike[str] | None = None,
                      limit: int | None = None, first: int = 100, batch: int = 1000) -> "HitStream":
        """The hits of :meth:`search` (same documents, same order, same cap),
        in batches of ``batch`` (the first of ``first``), for printing many.

        What is cheap is done now (which documents match, their order); the
        snippets are made a batch at a time as the stream is read, so the first
        batch can be shown before the rest is made.  With words, a snippet is
        the body around the first place the query's words occur (found with a
        regular expression that folds case and diacritics as the index does),
        all occurrences in it marked; where that finds nothing the index's
        own snippet is used, as in :meth:`search`.  ``limit=None``: all.
        """
        from ..query import Query, parse

        q = query if isinstance(query, Query) else parse(query)
        where, params, match = self._where(q, root, scan=True)
        lim = -1 if limit is None else max(0, int(limit))
        if lim == 0:
            return HitStream(iter(()), matched=None, cut=True)
        if match is None:
            rows = self._newest(where, params, -1 if lim < 0 else lim + 1)
            cut = 0 <= lim < len(rows)
            del rows[len(rows) if lim < 0 else lim:]
            batches = (self._filter_hits(q, chunk) for chunk in _chunks(rows, first, batch))
            return HitStream(batches, matched=None if cut else len(rows), cut=cut)
        found, capped = self._ranked(match, where, params, lim)
        top = found if lim < 0 else found[:lim]
        batches = (self._word_hits(q, match, chunk) for chunk in _chunks(top, first, batch))
        return HitStream(batches, matched=None if capped else len(found), cut=len(top) < len(found),
                         capped=capped)

    def _rows_by_id(self, ids: list[int]) -> dict[int, Any]:
        """The hit columns (``_HIT_COLUMNS``) of these documents, by id."""
        return {r[0]: r for r in self._read(
            f"SELECT {_HIT_COLUMNS} FROM documents d WHERE d.id IN (SELECT value FROM json_each(?))",
            [_JSON.encode(ids)])}

    def _texts_by_id(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        """The title and body of these documents, by id."""
        return {rowid: (title, body) for rowid, title, body in self._read(
            "SELECT rowid, title, body FROM docs_fts WHERE rowid IN (SELECT value FROM json_each(?))",
            [_JSON.encode(ids)])}

    def _index_snippets(self, match: str, ids: list[int]) -> dict[int, str]:
        """FTS5's own snippets (words marked) of these matching documents, by id.

        One pass over the matches between the lowest and highest of the ids
        ("rowid IN" as FTS5 constraint would evaluate the MATCH again for each
        row: slow for prefixes; the "+" keeps it a plain filter)."""
        return dict(self._safe_read(
            "SELECT rowid, snippet(docs_fts, 1, ?, ?, ?, ?) FROM docs_fts"
            " WHERE docs_fts MATCH ? AND rowid BETWEEN ? AND ?"
            " AND +rowid IN (SELECT value FROM json_each(?))",
            [MARK_OPEN, MARK_CLOSE, ELLIPSIS, SNIPPET_TOKENS, match, min(ids), max(ids), _JSON.encode(ids)]))

    def _word_hits(self, q: Any, match: str, chunk: list[Any]) -> list[Hit]:
        ids = [r[0] for r in chunk]
        info = self._rows_by_id(ids)
        texts = self._texts_by_id(ids)
        pattern = _words_pattern(q)
        snippets: dict[int, tuple[str, tuple[tuple[int, int], ...]]] = {}
        missing = []
        for rowid, _ in chunk:
            title, body = texts.get(rowid, ("", ""))
            found = _word_snippet(pattern, title, body) if pattern is not None else None
            if found is None:
                missing.append(rowid)
            else:
                snippets[rowid] = found
        if missing:  # what the expression did not find: the index's own snippet
            for rowid, snippet in self._index_snippets(match, missing).items():
                text, spans = unmark(_one_line(snippet))
                if not spans:
                    title = texts.get(rowid, ("", ""))[0]
                    text, spans = title, _title_marks(title, q)
                snippets[rowid] = (text, spans)
        hits = []
        for rowid, rank in chunk:
            r = info.get(rowid)
            if r is None:
                continue
            hits.append(_hit(r, *snippets.get(rowid, ("", ())), score=-float(rank or 0.0)))
        return hits

    def _filter_hits(self, q: Any, rows: list[Any]) -> list[Hit]:
        """Hits of a search without words (rows of :meth:`_newest`): each
        snippet around the first fact that satisfied a filter, or the start of
        the body."""
        hits = []
        fact_filters = [f for f in q.filters if not f.negated and f.key not in ("lang", "source", "published")]
        for i in range(0, len(rows), 500):
            chunk = rows[i : i + 500]
            ids = [r[0] for r in chunk]
            bodies = self._texts_by_id(ids)
            facts = dict(self._read(
                "SELECT doc_id, facts FROM doc_facts WHERE doc_id IN (SELECT value FROM json_each(?))",
                [_JSON.encode(ids)])) if fact_filters else {}
            for r in chunk:
                title, body = bodies.get(r[0], ("", ""))
                hits.append(_hit(r, *_fact_snippet(fact_filters, facts.get(r[0]), title, body, r[8], r[9]), score=0.0))
        return hits


def _hit(r: Sequence[Any], snippet: str, marks: tuple[tuple[int, int], ...], *, score: float) -> Hit:
    """A Hit from a row of ``_HIT_COLUMNS`` and its snippet."""
    return Hit(path=_unkey(r[1]), title=r[2], date=r[3], language=r[4], snippet=snippet, marks=marks,
               score=score, threat=r[5], threat_rank=r[6], fact_count=r[7])


class HitStream:
    """What :meth:`Store.search_stream` gives: iterate it for batches (lists)
    of :class:`Hit`.  ``matched`` is the number of matching documents when
    known (else None: a limit cut a filter-only search, or the ranking was
    capped); ``cut`` is True when a limit left matching documents out;
    ``capped`` as :attr:`Hits.capped`."""

    def __init__(self, batches: Iterator[list[Hit]], *, matched: int | None, cut: bool,
                 capped: bool = False) -> None:
        self._batches = batches
        self.matched = matched
        self.cut = cut
        self.capped = capped

    def __iter__(self) -> Iterator[list[Hit]]:
        return self._batches


def _refused_by_fts5(err: sqlite3.OperationalError) -> bool:
    """A MATCH expression FTS5 refuses (a stray quote...): no hits, not a failure."""
    return "fts5" in str(err).lower()


def _chunks(items: list[Any], first: int, size: int) -> Iterator[list[Any]]:
    start, step = 0, max(1, first)
    while start < len(items):
        yield items[start : start + step]
        start += step
        step = max(1, size)


_FOLD_CLASSES: dict[str, str] | None = None


def _fold_class(char: str) -> str:
    """A regular expression for the characters that fold to ``char`` (a folded
    letter or digit): both cases, with and without diacritics (Latin letters)."""
    global _FOLD_CLASSES
    classes = _FOLD_CLASSES
    if classes is None:  # made whole, then published: a thread never sees half of it
        groups: dict[str, set[str]] = {}
        for cp in [*range(0x30, 0x250), *range(0x1E00, 0x1F00)]:
            c = chr(cp)
            folded = fold(c)
            if len(folded) == 1 and folded.isalnum():
                groups.setdefault(folded, set()).add(c)
        classes = {folded: "[" + "".join(re.escape(c) for c in sorted(chars | {folded})) + "]"
                   for folded, chars in groups.items()}
        _FOLD_CLASSES = classes
    found = classes.get(char)
    if found is None:  # not a Latin letter: its case variants (no IGNORECASE: 8 times slower)
        variants = {v for v in (char, char.upper(), char.lower(), char.title()) if len(v) == 1}
        found = "[" + "".join(re.escape(v) for v in sorted(variants)) + "]" if len(variants) > 1 else re.escape(char)
    return found


def _words_pattern(q: Any) -> "re.Pattern[str] | None":
    """An expression that finds the query's (positive) words in a text as the
    index's tokenizer would: whole words (a prefix's last word may go on),
    a phrase's words in a row, case and Latin diacritics folded."""
    return _terms_pattern(tuple((tuple(t.tokens), t.prefix) for g in q.groups for t in g))


@functools.lru_cache(maxsize=256)
def _terms_pattern(terms: tuple[tuple[tuple[str, ...], bool], ...]) -> "re.Pattern[str] | None":
    """:func:`_words_pattern` of terms given as (tokens, prefix)."""
    parts = []
    for tokens, prefix in terms:
        if not tokens:
            continue
        words = [[_fold_class(c) for c in token] for token in tokens]
        # The word boundary is checked after the first character, not before
        # it: an expression that starts with a character set is scanned for fast.
        head = words[0][0] + r"(?<![^\W_].)" + "".join(words[0][1:])
        rest = "".join(r"[\W_]+" + "".join(word) for word in words[1:])
        parts.append(head + rest + (r"[^\W_]*" if prefix else r"(?![^\W_])"))
    return re.compile("|".join(parts)) if parts else None


def _word_snippet(pattern: "re.Pattern[str]", title: str, body: str
                  ) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """The body around the first occurrence of the words, every occurrence in
    it marked; the title, marked, when only it has them; None when neither."""
    m = pattern.search(body)
    if m is not None:
        text, _ = window(body, m.start(), m.end())
    elif pattern.search(title) is not None:
        text = title
    else:
        return None
    return text, tuple(found.span() for found in pattern.finditer(text))


_TOKEN = re.compile(r"[^\W_]+")


def _title_marks(title: str, q: Any) -> tuple[tuple[int, int], ...]:
    """Spans of the title's words that a query word matches (as FTS5 folds them)."""
    words: set[str] = set()
    prefixes: list[str] = []
    for term in q.terms:
        if term.negated:
            continue
        tokens = term.tokens
        words.update(tokens[:-1] if term.prefix else tokens)
        if term.prefix and tokens:
            prefixes.append(tokens[-1])
    marks = []
    for m in _TOKEN.finditer(title):
        word = fold(m.group())
        if word in words or any(word.startswith(p) for p in prefixes):
            marks.append((m.start(), m.end()))
    return tuple(marks)


_FILTER_KINDS = {"place": ("place",), "person": ("person",), "organization": ("organization",),
                 "threat": ("threat",), "unit": ("unit",), "date": ("date",)}


_DECODER = json.JSONDecoder()


@functools.lru_cache(maxsize=64)
def _kinds_pattern(kinds: frozenset[str]) -> "re.Pattern[str]":
    """Where a stored fact of one of these kinds starts: ``["kind",``."""
    alternatives = "|".join(re.escape(_JSON.encode(k)) for k in sorted(kinds))
    return re.compile(rf"\[(?:{alternatives}),")


def _facts_of_kinds(facts_json: str, kinds: set[str]) -> Iterator[list[Any]]:
    """The facts of these kinds in a stored facts list, in order, decoding only
    those (a document has ~100 facts; a filter wants the first of one kind).

    Each fact is a list that starts ``["kind",``; a quote inside a JSON string
    is escaped, so outside the facts' values and attributes that text starts a
    fact.  What is found there is decoded and checked.
    """
    if not kinds:
        return
    for m in _kinds_pattern(frozenset(kinds)).finditer(facts_json):
        try:
            item, _ = _DECODER.raw_decode(facts_json, m.start())
        except ValueError:
            continue
        if (isinstance(item, list) and len(item) == 6 and item[0] in kinds and isinstance(item[1], str)
                and isinstance(item[2], int) and isinstance(item[3], int)):
            yield item


@functools.lru_cache(maxsize=256)
def _named_fact_pattern(filters: tuple[Any, ...]) -> "re.Pattern[str] | None":
    """For filters that all name a place, person or organization exactly: an
    expression for the stored facts (``["place","text",start,end,value,``)
    whose value (or text, when the value is null) may fold to a filter's
    value; each found is still decoded and checked.  None for other filters
    (the caller then decodes every fact of the wanted kinds)."""
    from ..extract.place_names import place_names

    parts = []
    for flt in filters:
        wanted = fold(flt.value)
        if flt.key not in ("place", "person", "organization") or not wanted or wanted.endswith("*"):
            return None
        for each in place_names(wanted) if flt.key == "place" else (wanted,):  # Irak, Iraq
            if any(c in each for c in '"\\') or not each.isprintable():
                return None
            name = "".join(r"\s+" if c == " " else "['\u2018\u2019]" if c == "'" else _fold_class(c)
                           for c in each)
            name = r"\s*" + name + r"\s*"
            kind = re.escape(_JSON.encode(flt.key))
            parts.append(rf'\[{kind},"(?:{name}",-?\d+,-?\d+,null|(?:[^"\\]|\\.)*",-?\d+,-?\d+,"{name}")[,\]]')
    return re.compile("|".join(parts)) if parts else None


def _candidate_facts(fact_filters: list[Any], facts_json: str) -> Iterator[list[Any]]:
    """Stored facts (as [kind, text, start, end, value, attrs]) that may satisfy
    the filters: first those a pattern finds without decoding the others (for
    names), then every fact of the kinds the filters ask about."""
    fast = _named_fact_pattern(tuple(fact_filters))
    if fast is not None:
        for m in fast.finditer(facts_json):
            try:
                item, _ = _DECODER.raw_decode(facts_json, m.start())
                _kind, text, start, end, _value, _attrs = item
            except (ValueError, TypeError):
                continue
            if isinstance(text, str) and isinstance(start, int) and isinstance(end, int):
                yield item
    kinds: set[str] = set()
    for flt in fact_filters:
        kinds.update(_FILTER_KINDS.get(flt.key, ()) or ((fold(flt.value),) if flt.key == "kind" else ()))
    yield from _facts_of_kinds(facts_json, kinds)


def _fact_snippet(fact_filters: list[Any], facts_json: str | None, title: str, body: str, title_start: int,
                  body_start: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet of a filter-only hit: around the first fact in the body that
    satisfies a filter (marked), else such a fact in the title (which the hit
    shows anyway), else the start of the body."""
    from ..query import fact_matches

    in_title = None
    if fact_filters and facts_json:
        for kind, text, start, end, value, attrs in _candidate_facts(fact_filters, facts_json):
            fact = Fact(kind, text, start, end, _tuples(value), attrs or {})
            if any(fact_matches(f, fact) for f in fact_filters):
                if start >= body_start and body[start - body_start : end - body_start] == text:
                    return window(body, start - body_start, end - body_start)
                a = start - title_start
                if in_title is None and title[a : a + len(text)] == text:
                    in_title = window(title, a, a + len(text))
    if in_title is not None:
        return in_title
    cut = body[:160]
    if len(body) > 160:
        space = cut.rfind(" ")
        cut = (cut[:space] if space > 80 else cut) + ELLIPSIS
    return _one_line(cut), ()


# ------------------------------------------------ loading, encoding, writing

_Row = tuple[dict[str, Any], Any, "tuple[str, str] | None"]
_CHUNK = 50  # files a worker process takes at a time


def encode(path: str, size: int, mtime_ns: int, *, extractor: Extractor, version: str) -> _Row:
    """Load and extract one file; its documents row, facts and text, ready to write.

    A file that cannot be loaded gives a row with ``error`` set (and no text);
    an extractor that fails costs the document its facts, noted in ``notes``.
    """
    from ..corpus import LoadError, load_document
    from ..corpus.safety import display_path, one_line

    now = time.time()
    try:
        doc = load_document(path)
    except Exception as err:  # LoadError, or a loader bug: must not stop the whole index
        reason = err.reason if isinstance(err, LoadError) else one_line(
            f"could not be read: {type(err).__name__}: {err}", 200)
        name = one_line(display_path(os.path.basename(path)), 300)
        cols = dict(path=_key(path), size=size, mtime_ns=mtime_ns, version=version,
                    title=name, title_key=name.casefold(), date=None, date_lo=None, date_hi=None,
                    language=None, format=None, source=None, source_key=None, url=None, tags="[]",
                    notes="[]", error=reason, fact_count=0, threat=None, threat_rank=0,
                    title_start=0, body_start=0, indexed_at=now)
        return cols, None, None
    notes = list(doc.notes)
    try:
        facts = list(extractor(doc))
    except Exception as err:  # an extractor bug costs the facts of one document
        facts = []
        notes.append(one_line(f"facts could not be extracted: {type(err).__name__}: {err}", 200))
    keys, dates, worst, worst_rank = fact_index(facts)
    interval = fact_interval(doc.date)
    cols = dict(path=_key(path), size=size, mtime_ns=mtime_ns, version=version,
                title=doc.title, title_key=doc.title.casefold(), date=doc.date,
                date_lo=interval[0] if interval else None, date_hi=interval[1] if interval else None,
                language=doc.language, format=doc.format, source=doc.source,
                source_key=fold(doc.source) or None, url=doc.url,
                tags=_JSON.encode(list(doc.tags)), notes=_JSON.encode(notes), error=None,
                fact_count=len(facts), threat=worst, threat_rank=worst_rank,
                title_start=doc.title_span[0], body_start=doc.body_span[0], indexed_at=now)
    return cols, (_facts_json(facts), keys, dates), (doc.title, doc.body)


def _quiet_worker() -> None:
    """A worker process writes nothing to the terminal it was started from
    (the app's screen): its stdout and stderr go to the null device."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)


def encode_many(items: list[tuple[str, int, int]], extractor: Extractor, version: str) -> list[_Row]:
    """:func:`encode` for a chunk of files (the task of a worker process)."""
    return [encode(*item, extractor=extractor, version=version) for item in items]


def _drop_facts(con: sqlite3.Connection, doc_id: int) -> None:
    row = con.execute("SELECT keys, dates FROM doc_facts WHERE doc_id = ?", (doc_id,)).fetchone()
    if row is None:
        return
    con.executemany("DELETE FROM fact_keys WHERE key = ? AND doc_id = ?",
                    [(key, doc_id) for key in json.loads(row[0])])
    con.executemany("DELETE FROM fact_dates WHERE span = ? AND lo = ? AND hi = ? AND doc_id = ?",
                    [(span, lo, hi, doc_id) for lo, hi, span in json.loads(row[1])])
    con.execute("DELETE FROM doc_facts WHERE doc_id = ?", (doc_id,))


def _insert(con: sqlite3.Connection, rows: list[_Row]) -> None:
    """Write encoded documents (one transaction is the caller's)."""
    for cols, fact_data, text in rows:
        found = con.execute("SELECT id FROM documents WHERE path = ?", (cols["path"],)).fetchone()
        names = list(cols)
        if found:
            doc_id = found[0]
            con.execute(f"UPDATE documents SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
                        [cols[n] for n in names] + [doc_id])
            _drop_facts(con, doc_id)
            con.execute("DELETE FROM docs_fts WHERE rowid = ?", (doc_id,))
        else:
            cur = con.execute(f"INSERT INTO documents ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                              [cols[n] for n in names])
            doc_id = cur.lastrowid
        if text is not None:
            con.execute("INSERT INTO docs_fts (rowid, title, body) VALUES (?, ?, ?)", (doc_id, *text))
        if fact_data is not None:
            facts_json, keys, dates = fact_data
            con.execute("INSERT INTO doc_facts (doc_id, facts, keys, dates) VALUES (?, ?, ?, ?)",
                        (doc_id, facts_json, _JSON.encode(keys), _JSON.encode(dates)))
            con.executemany("INSERT INTO fact_keys (key, doc_id) VALUES (?, ?)", [(k, doc_id) for k in keys])
            con.executemany("INSERT INTO fact_dates (span, lo, hi, doc_id) VALUES (?, ?, ?, ?)",
                            [(span, lo, hi, doc_id) for lo, hi, span in dates])
