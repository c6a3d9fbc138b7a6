"""The ``s`` search screen: the whole corpus, answers as you type.

Words, "phrases", prefix*, and fact filters (``place:Irak threat:hoog
date:2024-01``) in one query language (reader.query).  Results show the
title, date and a snippet with the matched words marked; Enter opens the
document at the hit.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...library import Library
from ...wording import counted
from ..from_worker import from_worker
from ..widgets.virtual_list import VirtualList
from .overlay import Overlay

TYPING_PAUSE = 0.12  # seconds after the last key before the query runs
LIMIT = 500


class HitList(VirtualList):
    """Search results, two lines each: date, language and title, then the snippet."""

    ROW_HEIGHT = 2
    COMPONENT_CLASSES = VirtualList.COMPONENT_CLASSES | {"hit-list--title", "hit-list--snippet", "hit-list--mark"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list = []

    def set_hits(self, hits: list) -> None:
        self.hits = hits
        self.rows_changed(keep_cursor=False)

    def row_count(self) -> int:
        return len(self.hits)

    @property
    def current(self):
        return self.hits[self.cursor] if 0 <= self.cursor < len(self.hits) else None

    def row_lines(self, index: int, width: int) -> list[Text]:
        hit = self.hits[index]
        # the date first, as `reader search` prints it: a long title is cut, not the date
        title = Text(f" {hit.date or 'no date':<10}  {hit.language or '':<2}  ", no_wrap=True)
        title.append(hit.title, self.get_component_rich_style("hit-list--title"))
        snippet = Text("   " + " ".join(hit.snippet.split("\n")), style=self.get_component_rich_style("hit-list--snippet"),
                       no_wrap=True)
        mark = self.get_component_rich_style("hit-list--mark")
        for start, end in hit.marks:
            snippet.stylize(mark, start + 3, end + 3)
        return [title, snippet]


def first_marked_words(hit) -> str:
    """The words a hit matched on, to find them in the article."""
    for start, end in hit.marks:
        words = hit.snippet[start:end].strip()
        if words:
            return words
    return ""


class SearchScreen(Overlay):
    """Type a query; Enter or a click opens the selected result."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("ctrl+e", "export", "Export"),
    ]

    def __init__(self, library: Library, query: str = "") -> None:
        super().__init__()
        self.library = library
        self.initial = query
        self._typing: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Static(Text("Search the corpus  (words, \"phrases\", prefix*, place: threat: unit: date: lang:)"
                              "  ctrl+e export"),
                         id="search-help")
            yield Input(value=self.initial, placeholder="e.g. Chinook place:Irak", id="search-input")
            yield Static(id="search-count")
            yield HitList(id="hits")

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        self.run_query(self.initial)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(TYPING_PAUSE, lambda: self.run_query(event.value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        hits = self.query_one(HitList)
        if hits.current is not None:
            self.dismiss(hits.current)

    @on(HitList.Chosen)
    def _chosen(self, event: HitList.Chosen) -> None:
        self.dismiss(self.query_one(HitList).current)

    @work(thread=True, exclusive=True, group="search")
    def run_query(self, query: str) -> None:
        worker = get_current_worker()
        hits = self.library.search(query, limit=LIMIT)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, query, hits)

    @from_worker
    def _show(self, query: str, hits: list) -> None:
        self.query_one(HitList).set_hits(hits)
        more = "+" if len(hits) >= LIMIT else ""
        if not query.strip():
            label = f"all documents ({len(hits)}{more})"
        else:
            label = f"{len(hits)}+ documents" if more else counted(len(hits), "document")
        self.query_one("#search-count", Static).update(Text(label))

    def action_export(self) -> None:
        from ...export import hits_markdown, write_export

        query = self.query_one("#search-input", Input).value
        hits = self.query_one(HitList).hits
        try:
            path = write_export("search", "md", hits_markdown(query, hits))
        except OSError as err:
            self.notify(f"Export failed: {err}", markup=False, severity="error")
            return
        self.notify(f"{len(hits)} results exported to {path}", markup=False)

    def action_move(self, step: int) -> None:
        hits = self.query_one(HitList)
        hits.cursor_down() if step > 0 else hits.cursor_up()

    def action_page(self, step: int) -> None:
        hits = self.query_one(HitList)
        hits.page_down() if step > 0 else hits.page_up()
