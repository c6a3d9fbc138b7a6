"""The corpus as the app and the listing see it: entries in reading order,
and documents with their facts on demand.

Textual-free: the TUI drives it from worker threads.
"""

from __future__ import annotations

import functools
import os
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as WaitedTooLong
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Protocol, TypeVar

from . import gcpause
from .folding import fold
from .model import Document, Fact

def severity(level: str | None) -> int:
    """How grave a threat level is, 0 (unknown) to 5 (critical)."""
    from .store.normalize import threat_rank

    return threat_rank(level)


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the document list."""

    path: str
    title: str
    date: str | None
    language: str
    threat: str | None = None  # the worst threat level the document states
    facts: int = 0
    error: str | None = None  # why the file cannot be shown, in one line

    @property
    def severity(self) -> int:
        return severity(self.threat)


def worst_threat(facts: Iterable[Fact]) -> str | None:
    best: tuple[int, str] | None = None
    for fact in facts:
        if fact.kind != "threat":
            continue
        level = str(fact.attrs.get("level") or "")
        rank = severity(level)
        if level and (best is None or rank > best[0]):
            best = (rank, level)
    return best[1] if best else None


def entry_for(doc: Document, facts: list[Fact]) -> Entry:
    return Entry(doc.path, doc.title, doc.date, doc.language, worst_threat(facts), len(facts))


class Listed(Protocol):
    """Anything listed newest first: a Document, an Entry, a line of ``reader PATH | ...``."""

    @property
    def date(self) -> str | None: ...

    @property
    def title(self) -> str: ...


D = TypeVar("D", bound=Listed)


def sort_newest_first(docs: Iterable[D]) -> list[D]:
    """Newest first; undated documents last; then by title."""
    by_title = sorted(docs, key=lambda d: d.title.casefold())
    return sorted(by_title, key=lambda d: d.date or "", reverse=True)


@functools.lru_cache(maxsize=None)
def folded_title(title: str) -> str:
    """A title as the list filter compares it; kept, since the filter runs on
    every key over every title (100,000 of them in a large archive)."""
    return fold(title)


class TitleFilter:
    """The list's title filter over one list of entries, and where each
    entry's path is in that list.

    Titles are folded once (:meth:`prepare`, which the app calls in the
    thread that lists the corpus, or on the first query); a query that
    extends the last one (the next key typed) is tried only on the last
    one's matches.  At 100,000 titles a key costs a few milliseconds, not 60.
    """

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._folded: list[str] = []
        self._positions: dict[str, int] = {}
        self._prepared = False
        self._last: tuple[str, list[int]] | None = None  # (folded query, its matches)

    def prepare(self) -> "TitleFilter":
        """Fold the titles and note the paths now (about 35 ms at 100,000)."""
        if not self._prepared:
            self._folded = [folded_title(entry.title) for entry in self.entries]
            self._positions = {entry.path: i for i, entry in enumerate(self.entries)}
            self._prepared = True
        return self

    def position(self, path: str) -> int | None:
        """The index of the entry with this path."""
        return self.prepare()._positions.get(path)

    def matches(self, query: str) -> list[int]:
        """Indexes of the entries whose title holds every word of ``query``."""
        folded_query = fold(query)
        words = folded_query.split()
        if not words:
            return list(range(len(self.entries)))
        titles = self.prepare()._folded
        rows: Iterable[int] = range(len(titles))
        if self._last is not None and folded_query.startswith(self._last[0]):
            rows = self._last[1]  # every title the longer query matches, the shorter one did
        for word in words:
            rows = [i for i in rows if word in titles[i]]
        found = list(rows)
        self._last = (folded_query, found)
        return found


#: The first screen lists this many documents from the index at once; the
#: rest follow a moment later (listing 100,000 rows takes most of a second).
FIRST_VIEW_ROWS = 1000


@dataclass(frozen=True, slots=True)
class FirstView:
    """The first screen's content: entries, and the top document opened
    (Document, its reading layout, its facts) when there is one."""

    entries: list[Entry]
    opened: tuple | None
    total: int  # documents in the index: more than ``entries`` when only the newest came


def entry_from_row(row) -> Entry:
    """An index row (reader.store.DocumentRow) as a list entry."""
    return Entry(row.path, row.title, row.date, row.language or "", row.threat, row.fact_count, row.error)


class Library:
    """Documents under one path: listed from the index (refreshed in the
    background), opened on demand, cached.  Safe to call from worker threads.

    Without a usable index (no SQLite file can be made) it scans the files
    directly, which gives the same entries, only slower on a large corpus.
    """

    def __init__(self, root: str, cache_size: int = 64, use_index: bool = True,
                 index_workers: int | None = None) -> None:
        self.root = os.path.abspath(root)
        self.use_index = use_index
        # Processes that read and extract when many files are new or changed
        # (a first look at an archive): one per CPU unless told otherwise.
        self.index_workers = index_workers or os.cpu_count() or 1
        self.notices: list[str] = []
        self._store = None
        self._store_failed = False
        self._docs: OrderedDict[str, Document] = OrderedDict()
        self._facts: dict[str, list[Fact]] = {}
        self._extracting: dict[str, threading.Lock] = {}
        self._first: Future | None = None
        self._cache_size = cache_size
        self._lock = threading.Lock()

    # -- the first screen ---------------------------------------------------
    def start_first_view(self) -> None:
        """Begin, in a thread of its own, what the first screen shows: the
        indexed entries, newest first, and the top document laid out with its
        facts.  Started before the UI so the two start up side by side."""
        future: Future = Future()

        def run() -> None:
            try:
                future.set_result(self._first_view())
            except Exception as err:  # the UI falls back to a scan; never lost silently
                future.set_exception(err)

        self._first = future
        threading.Thread(target=run, name="reader-first-view", daemon=True).start()

    def first_view(self, wait: float | None = None) -> "FirstView | None":
        """What :meth:`start_first_view` found, or None.  ``wait``: give up
        after that many seconds and leave it for a later call (None: wait)."""
        future = self._first
        if future is None:
            return None
        try:
            result = future.result(timeout=wait)
        except WaitedTooLong:
            return None
        except Exception:
            result = None
        self._first = None
        return result

    def _first_view(self) -> "FirstView":
        from .article import layout
        from .corpus import LoadError

        # the newest from the index, in the list's own order (ties by title)
        entries = sort_newest_first(self.indexed_entries(limit=FIRST_VIEW_ROWS))
        total = len(entries)
        store = self.index()
        if total >= FIRST_VIEW_ROWS and store is not None:
            total = max(total, store.count(root=self.root))
        for entry in entries[:50]:
            if entry.error:
                continue
            try:
                doc = self.document(entry.path)
            except LoadError:
                continue
            return FirstView(entries, (doc, layout(doc), self.facts(doc)), total)
        return FirstView(entries, None, total)

    # -- the index ---------------------------------------------------------
    def index(self):
        """The store (opened on first use), or None when there can be none."""
        if not self.use_index or self._store_failed:
            return None
        with self._lock:
            if self._store is None:
                from .store import Store, StoreError

                try:
                    self._store = Store.open(on_notice=self.notices.append)
                except (StoreError, OSError) as err:
                    self.notices.append(f"no index, reading files directly: {err}")
                    self._store_failed = True
                    return None
            return self._store

    def indexed_entries(self, limit: int | None = None) -> list[Entry]:
        """What the index holds for the root, newest first (may be stale);
        the first ``limit`` only, when given."""
        store = self.index()
        if store is None:
            return []
        with gcpause.paused():  # 100,000 entries: no collection rescans them while they are made
            return [entry_from_row(row) for row in store.iter_documents(self.root, limit=limit)]

    def refresh(self, progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] = lambda: False):
        """Bring the index up to date with the files (RefreshStats), or None without one."""
        store = self.index()
        if store is None:
            return None
        stats = store.refresh(self.root, progress=progress, cancelled=cancelled, workers=self.index_workers)
        if stats.indexed or stats.removed:
            self.clear_cache()  # documents and facts read before the refresh may be stale
        return stats

    def search(self, query: str, limit: int = 200) -> list:
        """Hits (reader.store.Hit) for a query in the query language."""
        store = self.index()
        return [] if store is None else store.search(query, root=self.root, limit=limit)

    def matching_paths(self, query: str) -> set[str]:
        """Paths of the documents matching ``query`` (facts filters and words)."""
        store = self.index()
        if store is None:
            return set()
        return set(store.paths(self.root, query))

    def fact_pairs(self, entries: Iterable[Entry], cancelled: Callable[[], bool] = lambda: False,
                   kinds: Iterable[str] | None = None) -> Iterator[tuple[Entry, list[Fact]]]:
        """Each readable entry with its facts (only those of ``kinds`` when
        given): from the index, else extracted."""
        from .corpus import LoadError

        store = self.index()
        wanted = None if kinds is None else frozenset(kinds)
        for entry in entries:
            if cancelled():
                return
            if entry.error:
                continue
            if store is not None:
                yield entry, store.document_facts(entry.path, wanted)
                continue
            try:
                facts = self.facts(self.document(entry.path))
            except LoadError:
                continue
            yield entry, facts if wanted is None else [f for f in facts if f.kind in wanted]

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    # -- without an index ----------------------------------------------
    def scan(self, cancelled: Callable[[], bool] = lambda: False) -> Iterator[Entry]:
        """Every document under the root as an Entry, read from the files."""
        from .corpus import Discovery, LoadError, display_path, iter_documents

        found = Discovery()
        for path in iter_documents(self.root, found):
            if cancelled():
                return
            try:
                doc = self.document(path)
            except LoadError as err:
                yield Entry(path, display_path(path.rsplit("/", 1)[-1]), None, "", error=err.reason)
                continue
            yield entry_for(doc, self.facts(doc))
        for path, reason in found.problems:
            yield Entry(path, display_path(path.rsplit("/", 1)[-1]), None, "", error=reason)

    # -- documents -------------------------------------------------------
    def document(self, path: str) -> Document:
        """The document at ``path`` (LoadError if it cannot be read)."""
        with self._lock:
            doc = self._docs.get(path)
            if doc is not None:
                self._docs.move_to_end(path)
                return doc
        from .corpus import load_document

        doc = load_document(path)
        with self._lock:
            self._docs[path] = doc
            while len(self._docs) > self._cache_size:
                old, _ = self._docs.popitem(last=False)
                self._facts.pop(old, None)
        return doc

    def facts(self, doc: Document) -> list[Fact]:
        """The facts of ``doc``: from the index when it holds this very file
        (same size and time), else extracted; once, however many threads ask."""
        with self._lock:
            facts = self._facts.get(doc.path)
            busy = self._extracting.setdefault(doc.path, threading.Lock())
        if facts is not None:
            return facts
        with busy:  # a second thread asking for the same document waits for the first
            with self._lock:
                facts = self._facts.get(doc.path)
            if facts is None:
                facts = self._indexed_facts(doc)
                if facts is None:
                    from .extract import extract_document

                    facts = extract_document(doc)
                with self._lock:
                    if doc.path in self._docs:
                        self._facts[doc.path] = facts
        with self._lock:
            self._extracting.pop(doc.path, None)
        return facts

    def _indexed_facts(self, doc: Document) -> list[Fact] | None:
        store = self._store  # only an index already open: never open one for this
        if store is None:
            return None
        # this very file (size, time), parsed by this extractor and rules once
        # their version is known: the refresh after the first paint works it
        # out (it reads the rules files, which the first screen does not wait
        # for), and replaces what an older extractor found
        return store.current_facts(doc, check_version=store.version_known)

    def clear_cache(self) -> None:
        with self._lock:
            self._docs.clear()
            self._facts.clear()

    def forget(self, path: str) -> None:
        with self._lock:
            self._docs.pop(path, None)
            self._facts.pop(path, None)
