"""The document list: two lines a document, only the visible ones drawn."""

from __future__ import annotations

from bisect import bisect_left

from rich.text import Text

from ...library import Entry, TitleFilter
from .virtual_list import VirtualList

#: Severity (1-5) to the glyph shown before the threat word; the word is
#: always there too, so it reads right without colour.
THREAT_GLYPHS = {1: "\u25bd", 2: "\u25b3", 3: "\u25b2", 4: "\u25b2", 5: "\u2716"}


class DocList(VirtualList):
    """Entries newest first, filtered by a title query."""

    ROW_HEIGHT = 2
    COMPONENT_CLASSES = VirtualList.COMPONENT_CLASSES | {
        "doc-list--title",
        "doc-list--unread",
        "doc-list--meta",
        "doc-list--error",
        "doc-list--threat-1",
        "doc-list--threat-2",
        "doc-list--threat-3",
        "doc-list--threat-4",
        "doc-list--threat-5",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Entry] = []
        self._titles = TitleFilter(self.entries)
        self.shown: list[int] = []  # indexes into entries, after the filter
        self.query = ""
        self.allowed: set[str] | None = None  # paths a fact filter lets through
        self.read: frozenset[str] | set[str] = frozenset()  # paths marked read
        self.pinned: set[str] = set()  # pinned documents

    def row_count(self) -> int:
        return len(self.shown)

    def set_entries(self, entries: list[Entry], keep: str | None = None, titles: TitleFilter | None = None) -> None:
        """Replace the entries; keep the cursor on the path ``keep`` if given.
        ``titles``: their filter, prepared where the entries were made (a
        thread), so the first key typed in the filter does not fold them."""
        self.entries = entries
        self._titles = titles if titles is not None and titles.entries is entries else TitleFilter(entries)
        self._apply_filter(keep)

    def set_filter(self, query: str, allowed: set[str] | None = None) -> None:
        """Show entries whose title holds every word of ``query`` (and, with
        ``allowed``, whose path is in it: the result of a fact filter)."""
        self.query = query
        self.allowed = allowed
        current = self.current
        self._apply_filter(current.path if current else None)

    def _apply_filter(self, keep: str | None) -> None:
        self.shown = self._titles.matches(self.query)
        if self.allowed is not None:
            self.shown = [i for i in self.shown if self.entries[i].path in self.allowed]
        self.rows_changed(keep_cursor=False)
        if (keep is None or not self.select_path(keep)) and self.cursor >= 0:
            # the document that was selected is gone from the list: the first one is now
            self.post_message(self.CursorMoved(self, self.cursor))

    @property
    def filtered(self) -> bool:
        """Whether a filter (title words or facts) is narrowing the list."""
        return bool(self.query) or self.allowed is not None

    def marks_changed(self, paths: set[str] | None = None) -> None:
        """Read marks or pins changed: redraw those rows (all when not said)."""
        if paths is None:
            self._strips.clear()
            self.refresh()
            return
        rows = [row for row, index in enumerate(self.shown) if self.entries[index].path in paths]
        self.refresh_rows(*rows)

    def select_path(self, path: str) -> bool:
        index = self._titles.position(path)
        if index is None:
            return False
        row = bisect_left(self.shown, index)  # shown keeps the entries' order
        if row == len(self.shown) or self.shown[row] != index:
            return False
        if row != self.cursor:
            self.cursor = row
        return True

    @property
    def current(self) -> Entry | None:
        if 0 <= self.cursor < len(self.shown):
            return self.entries[self.shown[self.cursor]]
        return None

    def entry_at(self, row: int) -> Entry:
        return self.entries[self.shown[row]]

    def row_lines(self, index: int, width: int) -> list[Text]:
        entry = self.entry_at(index)
        unread = entry.path not in self.read
        marker = "\u2605" if entry.path in self.pinned else ("\u25cf" if unread else " ")
        style = self.get_component_rich_style("doc-list--unread" if unread else "doc-list--title")
        title = Text(marker, no_wrap=True)
        title.append(entry.title, style)
        meta = Text(" ", no_wrap=True)
        meta_style = self.get_component_rich_style("doc-list--meta")
        if entry.error:
            meta.append("unreadable: " + entry.error, self.get_component_rich_style("doc-list--error"))
            return [title, meta]
        meta.append(f"{entry.date or 'no date':<10} {entry.language:<2}", meta_style)
        if entry.threat:
            rank = max(1, min(5, entry.severity or 3))
            glyph = THREAT_GLYPHS[rank]
            meta.append(" ")
            meta.append(f"{glyph} {entry.threat}", self.get_component_rich_style(f"doc-list--threat-{rank}"))
        return [title, meta]
