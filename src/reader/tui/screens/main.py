"""The main screen: document list | article | facts.

At 120 columns and wider the three panes sit side by side; narrower, the
facts panel is an overlay that ``f`` opens and closes.  Every key comes from
``actions.MAIN_ACTIONS``; the actions here dispatch to the focused pane.
"""

from __future__ import annotations

import functools
import time
from dataclasses import replace

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.worker import Worker, get_current_worker

from ...article import layout
from ...corpus import LoadError
from ... import gcpause
from ...library import Entry, Library, folded_title, sort_newest_first
from ...model import Document, Fact
from ...wording import counted
from ..actions import MAIN_ACTIONS, bindings
from ..widgets.article import LEGEND, ArticleView
from ..widgets.doc_list import DocList
from ..widgets.facts_panel import FactsPanel
from ..widgets.key_bar import KeyBar

WIDE = 120  # columns from which the facts panel sits beside the article
ROOMY = 150  # columns from which the facts panel gets wider
MIN_WIDTH, MIN_HEIGHT = 64, 16
PREVIEW_DELAY = 0.08  # seconds the list cursor rests before the article follows
BATCH = 500  # entries handed to the list at a time while scanning
FIRST_BATCH_SECONDS = 0.15  # the first screen waits at most this long for the scan
FILL_SECONDS = 1.5  # while indexing, the list is refilled from the index this often
READ_AFTER_SECONDS = 2.0  # a document shown this long counts as read (not while skimming the list)
RESCAN_SECONDS = 10.0  # the files are checked for changes at least this often
FACTS_WITH_TEXT_BELOW = 64_000  # characters: an article this short is shown together with its facts


def split_filter(text: str) -> tuple[str, str]:
    """The list filter's title words, and its ``key:value`` fact filters."""
    import shlex

    try:
        tokens = shlex.split(text)
    except ValueError:
        tokens = text.split()
    words = [t for t in tokens if ":" not in t]
    filters = []
    for token in tokens:
        key, colon, value = token.partition(":")
        if colon and value:
            filters.append(f'{key}:"{value}"' if " " in value else token)
    return " ".join(words), " ".join(filters)


def from_worker(method):
    """A method a worker calls through call_from_thread: by the time it runs the
    screen may be closing (the user quit); then there is nothing to update."""

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        if not self.is_attached:
            return None
        try:
            return method(self, *args, **kwargs)
        except NoMatches:
            return None

    return guarded


class OneLine(Static):
    """A line of plain text (no markup) that repaints only when its words change."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown_text = ""

    def set_text(self, text: str) -> None:
        if text != self.shown_text:
            self.shown_text = text
            # One row, as wide as its pane: never a new layout (which costs a repaint).
            self.update(Text(text, no_wrap=True, overflow="ellipsis"), layout=False)


class PaneTitle(OneLine):
    """The one-line title above a pane."""


class ReaderScreen(Screen[None]):
    BINDINGS = bindings(MAIN_ACTIONS)

    # Textual's Screen repaints itself, every cell, whenever focus moves; the
    # panes that look different on focus redraw themselves, so a Tab costs a
    # few rows over SSH instead of the whole screen.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.entries: list[Entry] = []
        self.document: Document | None = None
        self.facts: list[Fact] = []
        self._preview: Timer | None = None
        self._opening: Worker | None = None  # the load in flight, for one path
        self._rescan_timer: Timer | None = None
        self._rescan_after = RESCAN_SECONDS
        self._pending_find = ""
        self._pending_fact: Fact | None = None
        self._compare_with: Entry | None = None
        self.state = None  # reader.state.State, loaded by the first scan
        self._read_timer: Timer | None = None
        self._facts_pending: Timer | None = None
        self._loaded = False
        self._mounted_view = None  # the first view (reader.library.FirstView), when shown at mount
        self._index_total = 0  # documents in the index, known before all are listed

    # -- composition ---------------------------------------------------------
    # The filter and find bars, the legend of the marks and the note for a
    # terminal too small are mounted when first needed: the first screen has
    # a quarter fewer widgets to style and lay out.
    def compose(self) -> ComposeResult:
        # Classes for the terminal's size from the start, so the first frame is
        # laid out once (a class change on the first resize restyles everything).
        small = self._fit(*self.app.size, update=False)
        with Horizontal(id="panes"):
            with Vertical(id="list-pane", classes="pane"):
                yield PaneTitle(id="list-title")
                yield DocList(id="docs")
            with Vertical(id="article-pane", classes="pane"):
                yield PaneTitle(id="article-title")
                yield ArticleView(id="article")
            with Vertical(id="facts-pane", classes="pane"):
                yield PaneTitle(id="facts-title")
                yield FactsPanel(id="facts")
        yield OneLine(id="status")
        if small:
            yield Static(self._size_note(*self.app.size), id="too-small")
        yield KeyBar(MAIN_ACTIONS, id="keys")

    def on_mount(self) -> None:
        self._update_titles()
        self._set_status("Reading the corpus\u2026")
        self._focus(self.query_one(DocList))
        self._show_first_view()
        # The refresh from the files runs in a thread but takes its share of the
        # interpreter (reading the rules, comparing the index): it waits until the
        # first screen is on the terminal.
        self.call_after_refresh(self.scan)

    def _show_first_view(self) -> None:
        """What the index holds, prepared in a thread while Textual started:
        the list and the top document are shown before the first paint, so
        the first screen has no empty frame before it.  The document's facts
        fill their panel just after that paint: the list and the article
        reach the terminal sooner, and the panel follows in one more frame."""
        view = self.library.first_view(wait=FIRST_BATCH_SECONDS)
        if view is None or not view.entries:
            return  # the scan lists the corpus as it reads it
        from ...state import State

        self._set_state(State.load())
        facts = None
        if view.opened is not None:  # its facts fill their panel just after the first paint
            doc, shaped, facts = view.opened
            view = replace(view, opened=(doc, shaped, None))
        self._show_view(view)
        if facts is not None:
            self.call_after_refresh(self._show_facts, doc, facts)
        self._mounted_view = view

    @from_worker
    def _show_view(self, view) -> None:
        """A first view (reader.library.FirstView): its entries, its top document
        with facts, and in the title the count of the whole index while the
        rest of the list is read."""
        self._set_entries(view.entries, False, view.opened, None)
        self._index_total = view.total
        self._update_titles()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(*event.size)

    def _fit(self, width: int, height: int, update: bool = True) -> bool:
        """The layout classes for a terminal of this size."""
        self.set_class(width < WIDE, "-narrow", update=update)
        self.set_class(width >= ROOMY, "-roomy", update=update)
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(small, "-too-small", update=update)
        if small and update:
            note = self._mounted("too-small", Static)
            if note is None:
                self.mount(Static(self._size_note(width, height), id="too-small"), after="#status")
            else:
                note.update(self._size_note(width, height))
        return small

    @staticmethod
    def _size_note(width: int, height: int) -> Text:
        return Text(f"The terminal is too small ({width}x{height}).\n"
                    f"reader needs at least {MIN_WIDTH}x{MIN_HEIGHT}: make the window larger.")

    def _mounted(self, name: str, kind: type[Widget]) -> Widget | None:
        """The widget ``#name`` if it was mounted (the bars, the legend and the size note are mounted when first needed)."""
        try:
            return self.query_one(f"#{name}", kind)
        except NoMatches:
            return None

    def _bar(self, name: str) -> Input:
        """The filter bar (``filter``, above the list) or the find bar (``find``,
        under the article), mounted the first time it is asked for."""
        bar = self._mounted(name, Input)
        if bar is None:
            if name == "filter":
                bar = Input(placeholder="filter titles\u2026", id="filter")
                self.query_one("#list-pane").mount(bar, before="#docs")
            else:
                bar = Input(placeholder="find in article\u2026", id="find")
                self.query_one("#article-pane").mount(bar, after="#article")
        return bar  # type: ignore[return-value]

    # -- loading ---------------------------------------------------------
    @work(thread=True, exclusive=True, group="scan")
    def scan(self, quiet: bool = False) -> None:
        """List what the index holds at once, then refresh it from the files
        (only changed files are parsed), filling the list as it goes.  The
        first delivery brings its top document laid out with its facts, so
        the first screen is drawn once, complete."""
        worker = get_current_worker()
        cancelled = lambda: worker.is_cancelled  # noqa: E731
        if self.state is None:
            from ...state import State

            state = State.load()
            self.app.call_from_thread(self._set_state, state)
        if self.library.index() is None:
            self._scan_files(cancelled)
            return
        first = self.document is None
        view, self._mounted_view = self._mounted_view, None  # shown at mount, or None
        if view is None and first and not quiet:
            view = self.library.first_view()  # prepared while the app started, not in time for the mount
            if view is not None and view.entries:
                self.app.call_from_thread(self._show_view, view)
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
                self.app.call_from_thread(self._set_progress, done, total)
            if not quiet and now - marks["filled"] >= FILL_SECONDS and done < total:
                marks["filled"] = now
                self._deliver(self.library.indexed_entries(), False, False)

        started = time.monotonic()
        stats = self.library.refresh(progress, cancelled)
        if worker.is_cancelled:
            return
        if quiet and stats is not None and not (stats.indexed or stats.removed or stats.failed):
            # the periodic check found nothing new: no need to list the index again
            self.app.call_from_thread(self._schedule_rescan)
            return
        self._deliver(self.library.indexed_entries(), True, first, stats)
        self._rescan_after = max(RESCAN_SECONDS, 20 * (time.monotonic() - started))
        if not quiet:
            from ...extract import warm_up

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
        for entry in entries:  # fold the titles here, not on the first key typed in the filter
            folded_title(entry.title)
        opened = None
        readable = [e for e in entries[:50] if not e.error]
        if first and readable:
            try:
                doc = self.library.document(readable[0].path)
                opened = (doc, layout(doc), self.library.facts(doc))
            except LoadError:
                opened = None
        self.app.call_from_thread(self._set_entries, entries, done, opened, stats)

    @from_worker
    def _set_entries(self, entries: list[Entry], done: bool, opened=None, stats=None) -> None:
        self._index_total = 0  # from now on the list itself is the count
        docs = self.query_one(DocList)
        current = docs.current
        self.entries = entries
        keep = current.path if current else (opened[0].path if opened else None)
        docs.set_entries(self.entries, keep=keep)
        if done:
            self._loaded = True
            bad = sum(1 for e in self.entries if e.error)
            note = f", {bad} unreadable" if bad else ""
            change = f" (index: {stats.summary()})" if stats is not None and (stats.indexed or stats.removed) else ""
            notices = f"  {self.library.notices[-1]}" if self.library.notices else ""
            self._set_status(f"{counted(len(self.entries), 'document')}{note}{change}{notices}")
            self._schedule_rescan()
            gcpause.settle()  # the whole list is here to stay: collections need not rescan it
        else:
            self._set_status(f"Reading the corpus\u2026 {counted(len(self.entries), 'document')} so far")
        if self.document is None and opened is not None:
            doc, shaped, facts = opened
            self._show_document(doc, shaped, facts)
        elif self.document is None and docs.current is not None:
            self.open_entry(docs.current)
        self._update_titles()

    @from_worker
    def _set_state(self, state) -> None:
        self.state = state
        docs = self.query_one(DocList)
        docs.read = state.read_documents()
        docs.pinned = set(state.pinned_documents())
        docs.marks_changed()
        for notice in state.notices:
            self.notify(notice, markup=False, severity="warning")

    @work(thread=True, exclusive=True, group="state")
    def save_state(self) -> None:
        """Write read marks and pins (atomically) off the UI thread."""
        if self.state is not None:
            self.state.save()

    def _marks_changed(self, path: str | None = None, facts: bool = False) -> None:
        """Read marks or pins changed (of ``path``, or of any document): redraw and save."""
        docs = self.query_one(DocList)
        if self.state is not None:
            docs.read = self.state.read_documents()
            docs.pinned = set(self.state.pinned_documents())
            if facts and self.document is not None:
                panel = self.query_one(FactsPanel)
                panel.pinned = set(self.state.pinned_facts(self.document.path))
                panel.refresh_rows(panel.cursor)
        docs.marks_changed({path} if path else None)
        self.save_state()

    def _mark_opened(self, path: str) -> None:
        """A document shown for a while is read."""
        if self.document is None or self.document.path != path:
            return
        if self.state is not None and not self.state.is_read(path):
            self.state.mark_read(path)
            self._marks_changed(path)

    @from_worker
    def _set_progress(self, done: int, total: int) -> None:
        if total <= 0 or done >= total:
            return
        width = 24
        filled = int(width * done / total)
        bar = "\u2501" * filled + "\u2500" * (width - filled)
        self._set_status(f"Indexing {done:,}/{total:,} {bar} {100 * done // total}%  (the list fills as it goes)")

    def _schedule_rescan(self) -> None:
        """Pick up files added, changed or removed while reader runs."""
        if self._rescan_timer is not None:
            self._rescan_timer.stop()
        self._rescan_timer = self.set_timer(self._rescan_after, lambda: self.scan(quiet=True))

    def action_search(self) -> None:
        from .search import SearchScreen

        self.app.push_screen(SearchScreen(self.library), callback=self._open_hit)

    def _open_hit(self, hit) -> None:
        """Open a search result scrolled to the words it matched."""
        if hit is None:
            return
        from .search import first_marked_words

        self._pending_find = first_marked_words(hit)
        if self._showing(hit.path):
            self._apply_pending_find()
        else:
            self.open_path(hit.path)

    def _apply_pending_find(self) -> None:
        words, self._pending_find = self._pending_find, ""
        if not words:
            return
        self.add_class("-finding")
        bar = self._bar("find")
        bar.display = True
        bar.value = words
        self.query_one(ArticleView).find(words)

    def action_timeline(self) -> None:
        from .timeline import TimelineScreen

        self.app.push_screen(TimelineScreen(self.library, self.entries), callback=self._open_at_fact)

    def action_follow(self) -> None:
        from .follow import FollowScreen

        fact = self.query_one(FactsPanel).current if self._facts_visible() else None
        fact = fact or self.query_one(ArticleView).current_fact
        if fact is None:
            self.notify("Select a fact first: ] walks them, 3 focuses the facts panel.", markup=False)
            return
        self.app.push_screen(FollowScreen(self.library, self.entries, fact), callback=self._open_at_fact)

    def action_compare(self) -> None:
        from .compare import CompareScreen

        entry = self.query_one(DocList).current
        if entry is None or entry.error:
            return
        first = self._compare_with
        if first is None or first.path == entry.path:
            self._compare_with = entry
            self._set_status(f"Compare: {entry.title} \u2014 now select another document and press c")
            return
        self._compare_with = None
        pairs = dict((e.path, (e, facts)) for e, facts in self.library.fact_pairs([first, entry]))
        if first.path in pairs and entry.path in pairs:
            self.app.push_screen(CompareScreen(pairs[first.path], pairs[entry.path]))

    def _open_at_fact(self, result) -> None:
        """Open the document of a timeline or follow row, at the fact."""
        if result is None:
            return
        path, fact = result
        self._pending_fact = fact
        if self.document is not None and self.document.path == path and self.facts:
            self._show_pending_fact()
        else:
            self.open_path(path)

    def _show_pending_fact(self) -> None:
        wanted, self._pending_fact = self._pending_fact, None
        if wanted is None:
            return
        key = (wanted.kind, wanted.start, wanted.end)
        fact = next((f for f in self.facts if (f.kind, f.start, f.end) == key), None)
        if fact is not None:
            self._go_to_fact(fact)

    def action_next_unread(self) -> None:
        docs = self.query_one(DocList)
        count = docs.row_count()
        for step in range(1, count + 1):
            row = (docs.cursor + step) % count
            entry = docs.entry_at(row)
            if not entry.error and entry.path not in docs.read:
                docs.cursor = row
                if self._preview is not None:
                    self._preview.stop()
                self.open_entry(entry)
                return
        self.notify("No unread documents left in this list.", markup=False)

    def action_toggle_read(self) -> None:
        entry = self.query_one(DocList).current
        if entry is not None and self.state is not None:
            read = self.state.toggle_read(entry.path)
            self._marks_changed(entry.path)
            self._set_status(f"{'Read' if read else 'Unread'}: {entry.title}")

    def action_pin(self) -> None:
        if self.state is None:
            return
        facts = self.query_one(FactsPanel)
        if facts.has_focus and facts.current is not None and self.document is not None:
            pinned = self.state.toggle_pin(self.document.path, facts.current)
            self._set_status(f"{'Pinned' if pinned else 'Unpinned'} fact: {facts.current.text}")
            self._marks_changed(self.document.path, facts=True)
            return
        else:
            entry = self.query_one(DocList).current
            if entry is None:
                return
            pinned = self.state.toggle_pin(entry.path)
            self._set_status(f"{'Pinned' if pinned else 'Unpinned'}: {entry.title}")
        self._marks_changed(entry.path)

    def action_export(self) -> None:
        from ...export import document_brief, write_export

        entry = self.query_one(DocList).current
        if self.document is None or entry is None or entry.path != self.document.path:
            self.notify("Open a document first.", markup=False)
            return
        try:
            path = write_export(f"{self.document.name}-facts", "md", document_brief(entry, self.facts))
        except OSError as err:
            self.notify(f"Export failed: {err}", markup=False, severity="error")
            return
        self._set_status(f"Exported {len(self.facts)} facts to {path}")
        self.notify(f"Facts exported to {path}", markup=False)

    def action_copy(self) -> None:
        fact = self.query_one(FactsPanel).current if self.query_one(FactsPanel).has_focus else None
        fact = fact or self.query_one(ArticleView).current_fact
        if fact is not None:
            text = f"{fact.display_value} \u2014 \u201c{fact.text}\u201d"
            what = "fact"
        elif self.document is not None:
            text = self.document.url or self.document.path
            what = "link" if self.document.url else "path"
        else:
            return
        self.app.copy_to_clipboard(text)
        self._set_status(f"Copied the {what} to the clipboard: {text[:80]}")

    def action_rescan(self) -> None:
        self.library.clear_cache()
        self._set_status("Rescanning\u2026")
        self.scan()

    def _showing(self, path: str) -> bool:
        return self.document is not None and self.document.path == path

    def open_entry(self, entry: Entry) -> None:
        if self._showing(entry.path):
            return  # already on screen: opening it again would only lose the place
        if entry.error:
            self.document, self.facts = None, []
            self.query_one(ArticleView).show(None, f"Cannot show this file: {entry.error}")
            self.query_one(FactsPanel).set_facts([], "No facts: the file cannot be read.")
            self._update_titles()
            return
        loading = self._opening
        if loading is not None and loading.is_running and loading.name == entry.path:
            return  # already on its way (a preview after an explicit open, say)
        self._opening = self.run_worker(
            functools.partial(self._load_document, entry.path),
            name=entry.path, group="open", exclusive=True, thread=True,
        )

    def _load_document(self, path: str) -> None:
        """In a thread: read, lay out and extract ``path``, handing each stage to the screen."""
        worker = get_current_worker()
        try:
            doc = self.library.document(path)
        except LoadError as err:
            self.app.call_from_thread(self._show_error, err.reason)
            return
        shaped = layout(doc)
        if worker.is_cancelled:
            return
        if len(doc.text) <= FACTS_WITH_TEXT_BELOW:
            # Facts of an article this size come in milliseconds: show both in
            # one go, so the article is painted once, not again with its marks.
            facts = self.library.facts(doc)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_document, doc, shaped, facts)
            return
        self.app.call_from_thread(self._show_document, doc, shaped)
        facts = self.library.facts(doc)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_facts, doc, facts)

    @from_worker
    def _show_error(self, reason: str) -> None:
        self.document, self.facts = None, []
        self.query_one(ArticleView).show(None, f"Cannot show this file: {reason}")
        self.query_one(FactsPanel).set_facts([], "No facts.")
        self._update_titles()

    @from_worker
    def _show_document(self, doc: Document, shaped, facts: list[Fact] | None = None) -> None:
        self.document, self.facts = doc, []
        self.query_one(ArticleView).show(shaped)
        if facts is None:
            self._facts_pending = self.set_timer(0.15, self._facts_reading)
        if self._read_timer is not None:
            self._read_timer.stop()
        self._read_timer = self.set_timer(READ_AFTER_SECONDS, lambda: self._mark_opened(doc.path))
        if self.state is not None:
            self.query_one(FactsPanel).pinned = set(self.state.pinned_facts(doc.path))
        if self._pending_find:
            self._apply_pending_find()
        if facts is not None:
            self._show_facts(doc, facts)
        else:
            self._update_titles()

    def _facts_reading(self) -> None:
        """Facts not there yet after a moment (a large document): say so."""
        if not self.facts:
            self.query_one(FactsPanel).set_facts(None)

    @from_worker
    def _show_facts(self, doc: Document, facts: list[Fact]) -> None:
        if self.document is not doc:
            return
        if self._facts_pending is not None:
            self._facts_pending.stop()
        shown = set(self.app.config.fact_kinds)  # the config's facts.kinds
        facts = [fact for fact in facts if fact.kind in shown]
        self.facts = facts
        self.query_one(ArticleView).set_facts(facts)
        self.query_one(FactsPanel).set_facts(facts)
        self._update_titles()
        if self._pending_fact is not None:
            self._show_pending_fact()

    # -- titles and status -------------------------------------------------
    def _set_title(self, selector: str, text: str) -> None:
        self.query_one(selector, PaneTitle).set_text(text)

    def _update_titles(self) -> None:
        docs = self.query_one(DocList)
        total = max(len(self.entries), self._index_total)
        count = f"{len(docs.shown)} of {total}" if docs.query else f"{total}"
        self._set_title("#list-title", f"1 Documents ({count})")
        title = "2 Article"
        article = self.query_one(ArticleView)
        if article.match_status:
            title += f"  find: {article.match_status}"
        elif article.current_fact is not None and article.current_fact in self.facts:
            title += f"  {self._fact_label(article.current_fact)}"
        self._set_title("#article-title", title)
        self._set_title("#facts-title", f"3 Facts ({len(self.facts)})")

    def _set_status(self, message: str) -> None:
        self.query_one("#status", OneLine).set_text(message)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Light the title of the pane that has focus (only the titles repaint)."""
        for pane in self.query(".pane"):
            active = event.widget in pane.query("*")
            pane.query_one(PaneTitle).set_class(active, "-active")

    # -- list and facts events --------------------------------------------
    @on(DocList.CursorMoved, "#docs")
    def _list_moved(self, event: DocList.CursorMoved) -> None:
        entry = self.query_one(DocList).current
        if entry is None or self._showing(entry.path):
            return
        if self._preview is not None:
            self._preview.stop()
        self._preview = self.set_timer(PREVIEW_DELAY, lambda: self._preview_entry(entry))

    def _preview_entry(self, entry: Entry) -> None:
        """The list cursor rested on ``entry``: show it, if it is still the one."""
        current = self.query_one(DocList).current
        if current is not None and current.path == entry.path:
            self.open_entry(entry)

    @on(DocList.Chosen, "#docs")
    def _list_chosen(self, event: DocList.Chosen) -> None:
        entry = self.query_one(DocList).current
        if entry is not None:
            if self.document is None or entry.path != self.document.path:
                if self._preview is not None:
                    self._preview.stop()
                self.open_entry(entry)
            self._focus(self.query_one(ArticleView))

    @on(FactsPanel.CursorMoved, "#facts")
    def _fact_moved(self, event: FactsPanel.CursorMoved) -> None:
        fact = self.query_one(FactsPanel).current
        if fact is not None:
            self.query_one(ArticleView).highlight_fact(fact)
            self._update_titles()

    @on(ArticleView.FactClicked)
    def _fact_clicked(self, event: ArticleView.FactClicked) -> None:
        self._show_facts_panel()
        self.query_one(FactsPanel).select_fact(event.fact)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        words, filters = split_filter(event.value)
        if filters:
            self.filter_by_facts(words, filters)
        else:
            self.query_one(DocList).set_filter(words)
            self._update_titles()

    @work(thread=True, exclusive=True, group="filter")
    def filter_by_facts(self, words: str, filters: str) -> None:
        """``place:Irak threat:hoog`` in the list filter: ask the index."""
        allowed = self.library.matching_paths(filters)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._apply_fact_filter, words, allowed)

    @from_worker
    def _apply_fact_filter(self, words: str, allowed: set[str]) -> None:
        self.query_one(DocList).set_filter(words, allowed)
        self._update_titles()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self._focus(self.query_one(DocList))

    @on(Input.Changed, "#find")
    def _find_changed(self, event: Input.Changed) -> None:
        self.query_one(ArticleView).find(event.value)
        self._update_titles()

    @on(Input.Submitted, "#find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        self._focus(self.query_one(ArticleView))

    # -- focus helpers -----------------------------------------------------
    def _panes(self) -> list[Widget]:
        panes: list[Widget] = [self.query_one(DocList), self.query_one(ArticleView)]
        if self._facts_visible():
            panes.append(self.query_one(FactsPanel))
        return panes

    def _facts_visible(self) -> bool:
        if self.has_class("-narrow"):
            return self.has_class("-facts-open")
        return not self.has_class("-facts-hidden")

    def _show_facts_panel(self) -> None:
        if self.has_class("-narrow"):
            self.add_class("-facts-open")
        else:
            self.remove_class("-facts-hidden")

    def _pane(self) -> Widget | None:
        focused = self.focused
        if focused is not None and focused.id == "filter":
            return self.query_one(DocList)
        if focused is not None and focused.id == "find":
            return self.query_one(ArticleView)
        return focused

    def _move(self, method: str) -> None:
        pane = self._pane()
        if pane is not None and hasattr(pane, method):
            getattr(pane, method)()

    # -- actions (one per entry of MAIN_ACTIONS) ---------------------------
    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(MAIN_ACTIONS))

    def action_quit(self) -> None:
        self.app.exit()

    def action_toggle_facts(self) -> None:
        facts = self.query_one(FactsPanel)
        if self.has_class("-narrow"):
            self.toggle_class("-facts-open")
            if self.has_class("-facts-open"):
                self._focus(facts)
            elif facts.has_focus:
                self._focus(self.query_one(ArticleView))
        else:
            self.toggle_class("-facts-hidden")
            if self.has_class("-facts-hidden") and facts.has_focus:
                self._focus(self.query_one(ArticleView))

    def action_slash(self) -> None:
        if self._pane() is self.query_one(ArticleView):
            self._open_bar("find", "-finding")
        else:
            self._open_bar("filter", "-filtering")

    def _open_bar(self, name: str, state: str) -> None:
        """Show the filter or find bar and give it the keys that follow at once.

        The stylesheet shows the bar for the screen's ``state`` class, but
        styles are applied on the next refresh; keys typed in the same burst
        (a paste, or a fast link) must already go to the bar, so it is made
        visible here and focused without waiting.
        """
        self.add_class(state)
        bar = self._bar(name)
        bar.display = True
        self._focus(bar)

    def action_close(self) -> None:
        focused = self.focused
        filter_bar, find_bar = self._mounted("filter", Input), self._mounted("find", Input)
        if filter_bar is not None and (focused is filter_bar or self.has_class("-filtering") and focused is self.query_one(DocList)):
            filter_bar.value = ""
            filter_bar.display = False
            self.remove_class("-filtering")
            self._focus(self.query_one(DocList))
        elif find_bar is not None and (focused is find_bar or self.has_class("-finding")):
            find_bar.value = ""
            self.query_one(ArticleView).clear_find()
            find_bar.display = False
            self.remove_class("-finding")
            self._focus(self.query_one(ArticleView))
            self._update_titles()
        elif self.has_class("-narrow") and self.has_class("-facts-open"):
            self.action_toggle_facts()

    def _step_document(self, step: int) -> None:
        docs = self.query_one(DocList)
        docs.move_to(docs.cursor + step, step)
        entry = docs.current
        if entry is not None and (self.document is None or entry.path != self.document.path):
            if self._preview is not None:
                self._preview.stop()
            self.open_entry(entry)

    def action_next_document(self) -> None:
        article = self.query_one(ArticleView)
        if self.has_class("-finding") and article.matches and self._pane() is article:
            article.next_match(1)
            self._update_titles()
            return
        self._step_document(1)

    def action_previous_match(self) -> None:
        article = self.query_one(ArticleView)
        if self.has_class("-finding") and article.matches:
            article.next_match(-1)
            self._update_titles()

    def action_previous_document(self) -> None:
        self._step_document(-1)

    def _facts_in_text_order(self) -> list[Fact]:
        return sorted(self.facts, key=lambda f: (f.start, f.end))

    def _fact_label(self, fact: Fact) -> str:
        """``fact 3/27 · place Doetinchem``: where the walk is, for the article's title."""
        ordered = self._facts_in_text_order()
        value = " ".join((fact.display_value or fact.text).split())
        return f"fact {ordered.index(fact) + 1}/{len(ordered)} \u00b7 {fact.kind} {value}"

    def _go_to_fact(self, fact: Fact) -> None:
        """Show ``fact``'s words in the article and select it in the facts panel.

        Side by side the facts panel opens to show the selection; in the
        narrow layout its overlay would hide the words, so the article stays
        in view and its title names the fact."""
        if not self.has_class("-narrow"):
            self._show_facts_panel()
        self.query_one(FactsPanel).select_fact(fact)
        self.query_one(ArticleView).highlight_fact(fact)
        self._update_titles()

    def _step_fact(self, step: int) -> None:
        if not self.facts:
            return
        ordered = self._facts_in_text_order()
        current = self.query_one(ArticleView).current_fact
        if current is None or current not in ordered:
            index = 0 if step > 0 else len(ordered) - 1
        else:
            index = (ordered.index(current) + step) % len(ordered)
        self._go_to_fact(ordered[index])

    def action_next_fact(self) -> None:
        self._step_fact(1)

    def action_previous_fact(self) -> None:
        self._step_fact(-1)

    def action_mark_facts(self) -> None:
        marked = self.query_one(ArticleView).toggle_marks()
        if marked and self._mounted("legend", Static) is None:
            self.query_one("#facts-pane").mount(Static(Text(LEGEND), id="legend"))
        self.set_class(marked, "-marking")

    def action_cursor_down(self) -> None:
        self._move("cursor_down")

    def action_cursor_up(self) -> None:
        self._move("cursor_up")

    def action_open(self) -> None:
        pane = self._pane()
        if isinstance(pane, DocList):
            pane.choose()
        elif isinstance(pane, FactsPanel):
            fact = pane.next_mention() if len(pane.mentions.get(pane.cursor, ())) > 1 else pane.current
            if fact is not None:
                self.query_one(ArticleView).highlight_fact(fact)
                self._update_titles()

    def _focus(self, widget: Widget) -> None:
        """Focus now, not after the next refresh, so keys already on their way
        (``2G`` typed fast) go to the pane they were meant for."""
        if widget.focusable:
            self.set_focus(widget, scroll_visible=False)
        else:  # shown by a class just set: focus once the styles are applied
            widget.focus(scroll_visible=False)

    def _focus_step(self, step: int) -> None:
        panes = self._panes()
        pane = self._pane()
        index = panes.index(pane) if pane in panes else -1
        self._focus(panes[(index + step) % len(panes)])

    def action_next_pane(self) -> None:
        self._focus_step(1)

    def action_previous_pane(self) -> None:
        self._focus_step(-1)

    def action_focus_list(self) -> None:
        self._focus(self.query_one(DocList))

    def action_focus_article(self) -> None:
        self._focus(self.query_one(ArticleView))

    def action_focus_facts(self) -> None:
        self._show_facts_panel()
        self._focus(self.query_one(FactsPanel))

    def action_top(self) -> None:
        self._move("go_top")

    def action_bottom(self) -> None:
        self._move("go_bottom")

    def action_page_down(self) -> None:
        self.query_one(ArticleView).page_down()

    def action_page_up(self) -> None:
        self.query_one(ArticleView).page_up()

    def open_path(self, path: str) -> None:
        """Select ``path`` in the list (clearing a filter that hides it) and open it."""
        docs = self.query_one(DocList)
        if not docs.select_path(path):
            filter_bar = self._mounted("filter", Input)
            if filter_bar is not None:
                filter_bar.value = ""
            docs.set_filter("")
            docs.select_path(path)
        entry = docs.current
        if entry is not None:
            if self._preview is not None:
                self._preview.stop()
            self.open_entry(entry)
            self._focus(self.query_one(ArticleView))
