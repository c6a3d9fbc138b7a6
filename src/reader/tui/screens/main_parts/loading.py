"""Listing the corpus on the main screen: the first view at mount, the scan
worker that refreshes the index from the files and hands the entries over in
batches, its progress in the status line, and the periodic rescan."""

from __future__ import annotations

import functools
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.worker import get_current_worker

from ....article import layout
from ....corpus import LoadError
from .... import gcpause
from ....library import Entry, TitleFilter, sort_newest_first
from ....wording import counted
from ...from_worker import from_worker
from ...widgets.doc_list import DocList
from .part import ScreenPart

if TYPE_CHECKING:
    from ..main import ReaderScreen

BATCH = 500  # entries handed to the list at a time while scanning
FIRST_BATCH_SECONDS = 0.15  # the first screen waits at most this long for the scan
FILL_SECONDS = 1.5  # while indexing, the list is refilled from the index this often
RESCAN_SECONDS = 10.0  # the files are checked for changes at least this often


class CorpusLoader(ScreenPart):
    """Fills the screen's list (``screen.entries``) from the library."""

    def __init__(self, screen: ReaderScreen) -> None:
        super().__init__(screen)
        self.library = screen.library
        self.loaded = False  # the whole corpus is listed
        self.index_total = 0  # documents in the index, known before all are listed
        self._mounted_view = None  # the first view (reader.library.FirstView), when shown at mount
        self._rescan_timer: Timer | None = None
        self._rescan_after = RESCAN_SECONDS

    def show_first_view(self) -> None:
        """What the index holds, prepared in a thread while Textual started:
        the list and the top document are shown before the first paint, so
        the first screen has no empty frame before it.  The document's facts
        fill their panel just after that paint: the list and the article
        reach the terminal sooner, and the panel follows in one more frame."""
        view = self.library.first_view(wait=FIRST_BATCH_SECONDS)
        if view is None or not view.entries:
            return  # the scan lists the corpus as it reads it
        self.screen.marks.load()
        facts = None
        if view.opened is not None:  # its facts fill their panel just after the first paint
            doc, shaped, facts = view.opened
            view = replace(view, opened=(doc, shaped, None))
        self._show_view(view)
        if facts is not None:
            self.screen.call_after_refresh(self.screen.show_facts, doc, facts)
        self._mounted_view = view

    @from_worker
    def _show_view(self, view) -> None:
        """A first view (reader.library.FirstView): its entries, its top document
        with facts, and in the title the count of the whole index while the
        rest of the list is read."""
        self._set_entries(view.entries, False, view.opened, None)
        self.index_total = view.total
        self.screen.update_titles()

    def scan(self, quiet: bool = False) -> None:
        """Read the corpus in a worker (one at a time: a new scan cancels the last)."""
        self.screen.run_worker(
            functools.partial(self._scan, quiet),
            name="scan", group="scan", exclusive=True, thread=True,
        )

    def rescan(self) -> None:
        """``r``: read the corpus folder again, from the files."""
        self.library.clear_cache()
        self.screen.set_status("Rescanning\u2026")
        self.scan()

    def _scan(self, quiet: bool) -> None:
        """In a thread: list what the index holds at once, then refresh it from
        the files (only changed files are parsed), filling the list as it goes.
        The first delivery brings its top document laid out with its facts, so
        the first screen is drawn once, complete."""
        worker = get_current_worker()
        cancelled = lambda: worker.is_cancelled  # noqa: E731
        app = self.screen.app
        self.screen.marks.load_in_worker()
        if self.library.index() is None:
            self._scan_files(cancelled)
            return
        first = self.screen.document is None
        view, self._mounted_view = self._mounted_view, None  # shown at mount, or None
        if view is None and first and not quiet:
            view = self.library.first_view()  # prepared while the app started, not in time for the mount
            if view is not None and view.entries:
                app.call_from_thread(self._show_view, view)
        if view is not None and view.entries:
            first = False
            if len(view.entries) < view.total and not quiet:  # only the newest: now the whole list
                self._deliver(self.library.indexed_entries(), False, False)
        elif not quiet:
            known = self.library.indexed_entries()
            if known:
                self._deliver(known, False, first)
                first = False
        marks = {"shown": time.monotonic(), "filled": time.monotonic()}

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if not quiet and (now - marks["shown"] >= 0.1 or done == total):
                marks["shown"] = now
                app.call_from_thread(self._set_progress, done, total)
            if not quiet and now - marks["filled"] >= FILL_SECONDS and done < total:
                marks["filled"] = now
                self._deliver(self.library.indexed_entries(), False, False)

        started = time.monotonic()
        stats = self.library.refresh(progress, cancelled)
        if worker.is_cancelled:
            return
        if quiet and stats is not None and not (stats.indexed or stats.removed or stats.failed):
            # the periodic check found nothing new: no need to list the index again
            app.call_from_thread(self._schedule_rescan)
            return
        self._deliver(self.library.indexed_entries(), True, first, stats)
        self._rescan_after = max(RESCAN_SECONDS, 20 * (time.monotonic() - started))
        if not quiet:
            from ....extract import warm_up

            warm_up()  # both languages' rules compiled now, not when the next document opens

    def _scan_files(self, cancelled) -> None:
        """Without an index: read every file, handing over what is read so far."""
        entries: list[Entry] = []
        first = True
        deadline = time.monotonic() + FIRST_BATCH_SECONDS
        for entry in self.library.scan(cancelled):
            entries.append(entry)
            if len(entries) % BATCH == 0 or (first and time.monotonic() > deadline):
                self._deliver(list(entries), False, first)
                first = False
        if not cancelled():
            self._deliver(entries, True, first)

    def _deliver(self, entries: list[Entry], done: bool, first: bool, stats=None) -> None:
        """From a worker thread: hand the sorted entries (and, the first time,
        the top document with its layout and facts) to the UI."""
        entries = sort_newest_first(entries)
        titles = TitleFilter(entries).prepare()  # here, not on the first key typed in the filter
        opened = None
        readable = [e for e in entries[:50] if not e.error]
        if first and readable:
            try:
                doc = self.library.document(readable[0].path)
                opened = (doc, layout(doc), self.library.facts(doc))
            except LoadError:
                opened = None
        self.screen.app.call_from_thread(self._set_entries, entries, done, opened, stats, titles)

    @from_worker
    def _set_entries(self, entries: list[Entry], done: bool, opened=None, stats=None,
                     titles: TitleFilter | None = None) -> None:
        screen = self.screen
        self.index_total = 0  # from now on the list itself is the count
        docs = screen.query_one(DocList)
        current = docs.current
        screen.entries = entries
        keep = current.path if current else (opened[0].path if opened else None)
        docs.set_entries(entries, keep=keep, titles=titles)
        if done:
            self.loaded = True
            bad = sum(1 for e in entries if e.error)
            note = f", {bad} unreadable" if bad else ""
            change = f" (index: {stats.summary()})" if stats is not None and (stats.indexed or stats.removed) else ""
            notices = f"  {self.library.notices[-1]}" if self.library.notices else ""
            screen.set_status(f"{counted(len(entries), 'document')}{note}{change}{notices}")
            self._schedule_rescan()
            gcpause.settle()  # the whole list is here to stay: collections need not rescan it
        else:
            screen.set_status(f"Reading the corpus\u2026 {counted(len(entries), 'document')} so far")
        if screen.document is None and opened is not None:
            doc, shaped, facts = opened
            screen.show_document(doc, shaped, facts)
        elif screen.document is None and docs.current is not None:
            screen.open_entry(docs.current)
        screen.update_titles()

    @from_worker
    def _set_progress(self, done: int, total: int) -> None:
        if total <= 0 or done >= total:
            return
        width = 24
        filled = int(width * done / total)
        bar = "\u2501" * filled + "\u2500" * (width - filled)
        self.screen.set_status(f"Indexing {done:,}/{total:,} {bar} {100 * done // total}%  (the list fills as it goes)")

    def _schedule_rescan(self) -> None:
        """Pick up files added, changed or removed while reader runs."""
        if self._rescan_timer is not None:
            self._rescan_timer.stop()
        self._rescan_timer = self.screen.set_timer(self._rescan_after, lambda: self.scan(quiet=True))
