"""The main screen: document list | article | facts.

At 120 columns and wider the three panes sit side by side; narrower, the
facts panel is an overlay that ``f`` opens and closes.  Every key comes from
``actions.MAIN_ACTIONS``; the actions here dispatch to the focused pane.

This module composes the screen, fits it to the terminal, and shows the
document chosen in the list with its facts.  The screen's other jobs are in
``main_parts/``, one module each: listing the corpus (``loading``), read
marks and pins (``read_marks``), focus and movement (``panes``), the filter
and find bars (``bars``), walking the facts (``fact_walk``), the screens
that open over this one (``overlays``), export and copy (``export_copy``).
"""

from __future__ import annotations

import functools

from rich.text import Text
from textual import events, on
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
from ...library import Entry, Library
from ...model import Document, Fact
from ..actions import MAIN_ACTIONS, bindings
from ..from_worker import from_worker
from ..list_filter import split_filter  # noqa: F401  (re-exported: the tests import it from here)
from ..widgets.article import ArticleView
from ..widgets.doc_list import DocList
from ..widgets.facts_panel import FactsPanel
from ..widgets.key_bar import KeyBar
from ..widgets.one_line import OneLine, PaneTitle
from .main_parts.bars import FilterAndFindBars
from .main_parts.export_copy import ExportAndCopy
from .main_parts.fact_walk import FactWalk
from .main_parts.loading import CorpusLoader
from .main_parts.overlays import OverlayActions
from .main_parts.panes import PaneActions
from .main_parts.read_marks import ReadMarks

WIDE = 120  # columns from which the facts panel sits beside the article
ROOMY = 150  # columns from which the facts panel gets wider
MIN_WIDTH, MIN_HEIGHT = 64, 16
PREVIEW_DELAY = 0.08  # seconds the list cursor rests before the article follows
READ_AFTER_SECONDS = 2.0  # a document shown this long counts as read (not while skimming the list)
FACTS_WITH_TEXT_BELOW = 64_000  # characters: an article this short is shown together with its facts


class ReaderScreen(PaneActions, FilterAndFindBars, FactWalk, OverlayActions, ExportAndCopy, Screen[None]):
    BINDINGS = bindings(MAIN_ACTIONS)

    # Textual's Screen repaints itself, every cell, whenever focus moves; the
    # panes that look different on focus redraw themselves, so a Tab costs a
    # few rows over SSH instead of the whole screen.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.entries: list[Entry] = []  # the list, as the loader has filled it so far
        self.document: Document | None = None
        self.facts: list[Fact] = []
        self._preview: Timer | None = None
        self._opening: Worker | None = None  # the load in flight, for one path
        self._facts_pending: Timer | None = None
        self.loader = CorpusLoader(self)
        self.marks = ReadMarks(self)

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
        self.update_titles()
        self.set_status("Reading the corpus\u2026")
        self._focus(self.query_one(DocList))
        self.loader.show_first_view()
        # The refresh from the files runs in a thread but takes its share of the
        # interpreter (reading the rules, comparing the index): it waits until the
        # first screen is on the terminal.
        self.call_after_refresh(self.loader.scan)

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

    # -- the document and its facts ----------------------------------------
    def _showing(self, path: str) -> bool:
        return self.document is not None and self.document.path == path

    def open_now(self, entry: Entry) -> None:
        """Open ``entry`` without waiting for the list cursor to rest."""
        if self._preview is not None:
            self._preview.stop()
        self.open_entry(entry)

    def open_entry(self, entry: Entry) -> None:
        if self._showing(entry.path):
            return  # already on screen: opening it again would only lose the place
        if entry.error:
            self.document, self.facts = None, []
            self.query_one(ArticleView).show(None, f"Cannot show this file: {entry.error}")
            self.query_one(FactsPanel).set_facts([], "No facts: the file cannot be read.")
            self.update_titles()
            return
        loading = self._opening
        if loading is not None and loading.is_running and loading.name == entry.path:
            return  # already on its way (a preview after an explicit open, say)
        self._opening = self.run_worker(
            functools.partial(self._load_document, entry.path),
            name=entry.path, group="open", exclusive=True, thread=True,
        )

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
            self.open_now(entry)
            self._focus(self.query_one(ArticleView))

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
                self.app.call_from_thread(self.show_document, doc, shaped, facts)
            return
        self.app.call_from_thread(self.show_document, doc, shaped)
        facts = self.library.facts(doc)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_facts, doc, facts)

    @from_worker
    def _show_error(self, reason: str) -> None:
        self.document, self.facts = None, []
        self.query_one(ArticleView).show(None, f"Cannot show this file: {reason}")
        self.query_one(FactsPanel).set_facts([], "No facts.")
        self.update_titles()

    @from_worker
    def show_document(self, doc: Document, shaped, facts: list[Fact] | None = None) -> None:
        self.document, self.facts = doc, []
        self.query_one(ArticleView).show(shaped)
        if facts is None:
            self._facts_pending = self.set_timer(0.15, self._facts_reading)
        self.marks.shown(doc.path, READ_AFTER_SECONDS)
        self._apply_pending_find()
        if facts is not None:
            self.show_facts(doc, facts)
        else:
            self.update_titles()

    def _facts_reading(self) -> None:
        """Facts not there yet after a moment (a large document): say so."""
        if not self.facts:
            self.query_one(FactsPanel).set_facts(None)

    @from_worker
    def show_facts(self, doc: Document, facts: list[Fact]) -> None:
        if self.document is not doc:
            return
        if self._facts_pending is not None:
            self._facts_pending.stop()
        shown = set(self.app.config.fact_kinds)  # the config's facts.kinds
        facts = [fact for fact in facts if fact.kind in shown]
        self.facts = facts
        self.query_one(ArticleView).set_facts(facts)
        self.query_one(FactsPanel).set_facts(facts)
        self.update_titles()
        self._show_pending_fact()

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
            if not self._showing(entry.path):
                self.open_now(entry)
            self._focus(self.query_one(ArticleView))

    @on(FactsPanel.CursorMoved, "#facts")
    def _fact_moved(self, event: FactsPanel.CursorMoved) -> None:
        fact = self.query_one(FactsPanel).current
        if fact is not None:
            self.query_one(ArticleView).highlight_fact(fact)
            self.update_titles()

    @on(ArticleView.FactClicked)
    def _fact_clicked(self, event: ArticleView.FactClicked) -> None:
        self._show_facts_panel()
        self.query_one(FactsPanel).select_fact(event.fact)

    # -- titles and status -------------------------------------------------
    def _set_title(self, selector: str, text: str) -> None:
        self.query_one(selector, PaneTitle).set_text(text)

    def update_titles(self) -> None:
        docs = self.query_one(DocList)
        total = max(len(self.entries), self.loader.index_total)
        count = f"{len(docs.shown)} of {total}" if docs.filtered else f"{total}"
        self._set_title("#list-title", f"1 Documents ({count})")
        title = "2 Article"
        article = self.query_one(ArticleView)
        if article.match_status:
            title += f"  find: {article.match_status}"
        elif article.current_fact is not None and article.current_fact in self.facts:
            title += f"  {self._fact_label(article.current_fact)}"
        self._set_title("#article-title", title)
        self._set_title("#facts-title", f"3 Facts ({len(self.facts)})")

    def set_status(self, message: str) -> None:
        self.query_one("#status", OneLine).set_text(message)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Light the title of the pane that has focus (only the titles repaint)."""
        for pane in self.query(".pane"):
            active = event.widget in pane.query("*")
            pane.query_one(PaneTitle).set_class(active, "-active")

    # -- the actions of the screen's parts with state of their own -----------
    # (the other actions are on the mixin bases: panes, bars, fact_walk,
    # overlays, export_copy)
    def action_quit(self) -> None:
        self.app.exit()

    def action_rescan(self) -> None:
        self.loader.rescan()

    def action_next_unread(self) -> None:
        self.marks.next_unread()

    def action_toggle_read(self) -> None:
        self.marks.toggle_read()

    def action_pin(self) -> None:
        self.marks.pin()
