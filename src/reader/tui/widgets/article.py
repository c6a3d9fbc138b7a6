"""The article: a document's reading layout, wrapped to the pane and drawn
line by line (Line API), with facts and find matches marked on the words.

Only the lines on screen are turned into segments, so a long document costs
its wrapping (plain string arithmetic) and not a widget per paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.timer import Timer

from .virtual_list import QuietFocusView, set_virtual_height
from ...article import CODE, ITEM, LINKS, QUOTE, RULE, Layout
from ...folding import fold
from ...model import Fact

MEASURE = 88  # the widest a line of prose gets, for easy reading
PREPARE_AFTER = 0.15  # seconds of quiet after a move before the next page is drawn ahead
FACT_MARKS = {
    "date": "underline",
    "duration": "underline",
    "unit": "bold",
    "quantity": "bold",
    "threat": "bold underline",
    "place": "italic",
    "person": "italic",
    "organization": "italic",
}
LEGEND = "date: underlined \u00b7 unit, quantity: bold \u00b7 threat: bold underlined \u00b7 place, person, org: italic"


@dataclass(frozen=True, slots=True)
class Line:
    block: int  # -1 for the blank line between blocks
    start: int
    end: int
    first: bool  # the first line of its block (bullets go there)


def _fits(text: str, width: int) -> bool:
    return len(text) <= width and (text.isascii() or cell_len(text) <= width)


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of one paragraph into (start, end) spans of ``text``."""
    width = max(1, width)
    spans: list[tuple[int, int]] = []
    simple = text.isascii() or cell_len(text) == len(text)
    start, n = 0, len(text)
    while start < n:
        if simple:
            if n - start <= width:
                spans.append((start, n))
                break
            cut = text.rfind(" ", start, start + width + 1)
        else:
            cells, end = 0, start
            while end < n and cells + get_character_cell_size(text[end]) <= width:
                cells += get_character_cell_size(text[end])
                end += 1
            if end >= n:
                spans.append((start, n))
                break
            cut = text.rfind(" ", start, end + 1)
            if cut <= start:
                cut = max(end, start + 1)
                spans.append((start, cut))
                start = cut
                continue
        if cut <= start:
            cut = start + width
            spans.append((start, cut))
            start = cut
        else:
            spans.append((start, cut))
            start = cut + 1
    return spans or [(0, 0)]


class ArticleView(QuietFocusView, can_focus=True, inherit_bindings=False):
    """A document laid out for reading."""

    COMPONENT_CLASSES = {
        "article--title",
        "article--meta",
        "article--note",
        "article--heading",
        "article--paragraph",
        "article--item",
        "article--quote",
        "article--code",
        "article--rule",
        "article--links",
        "article--strong",
        "article--em",
        "article--link",
        "article--fact",
        "article--fact-current",
        "article--find",
        "article--find-current",
        "article--legend",
    }

    class FactClicked(Message):
        def __init__(self, fact: Fact) -> None:
            super().__init__()
            self.fact = fact

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.layout_: Layout | None = None
        self.facts: list[Fact] = []
        self.mark_all = False
        self.current_fact: Fact | None = None
        self.find_query = ""
        self.matches: list[tuple[int, int, int]] = []  # (block, start, end) in display offsets
        self.match_index = -1
        self._lines: list[Line] = []
        self._block_lines: dict[int, int] = {}
        self._width = 0
        self._texts: dict[int, list[tuple[int, int, Style]]] = {}
        self._strips: dict[tuple[int, int], Strip] = {}
        self._preparing: Timer | None = None  # the next page, drawn ahead once the screen is quiet
        self._placeholder = "No document open."

    # -- content -------------------------------------------------------------
    def show(self, layout: Layout | None, placeholder: str = "") -> None:
        """Show a new layout from its top (or a one-line placeholder)."""
        self.layout_ = layout
        self.facts = []
        self.current_fact = None
        self.matches, self.match_index = [], -1
        self._placeholder = placeholder or "No document open."
        self._rewrap()
        self.scroll_to(0, 0, animate=False, immediate=True)
        if self.find_query:
            self.find(self.find_query)
        self._prepare_soon()

    def set_facts(self, facts: list[Fact]) -> None:
        self.facts = facts
        if self.mark_all or self.current_fact is not None:  # else the facts change nothing on screen
            self._restyle()

    def toggle_marks(self) -> bool:
        self.mark_all = not self.mark_all
        self._restyle()
        return self.mark_all

    def highlight_fact(self, fact: Fact | None, scroll: bool = True) -> None:
        self.current_fact = fact
        self._restyle()
        if fact is not None and scroll and self.layout_ is not None:
            placed = self.layout_.blocks_for_span(fact.start, fact.end)
            if placed:
                block, (start, _) = placed[0]
                self._scroll_to_offset(block, start)

    # -- find ----------------------------------------------------------------
    def find(self, query: str) -> int:
        """Mark every match of ``query`` (diacritics and case folded); return the count."""
        self.find_query = query
        self.matches, self.match_index = [], -1
        if query.strip() and self.layout_ is not None:
            pattern = re.compile(re.escape(fold(query)))
            for index, block in enumerate(self.layout_.blocks):
                folded = fold(block.text)
                if len(folded) != len(block.text):
                    folded = "".join(fold(ch)[:1] or ch for ch in block.text)
                for match in pattern.finditer(folded):
                    self.matches.append((index, match.start(), match.end()))
        if self.matches:
            self.match_index = self._first_match_below()
            self._scroll_to_offset(*self.matches[self.match_index][:2])
        self._restyle()
        return len(self.matches)

    def _first_match_below(self) -> int:
        top = int(self.scroll_y)
        for i, (block, start, _) in enumerate(self.matches):
            if self._line_of(block, start) >= top:
                return i
        return 0

    def next_match(self, step: int = 1) -> None:
        if not self.matches:
            return
        self.match_index = (self.match_index + step) % len(self.matches)
        self._scroll_to_offset(*self.matches[self.match_index][:2])
        self._restyle()

    def clear_find(self) -> None:
        self.find_query = ""
        self.matches, self.match_index = [], -1
        self._restyle()

    @property
    def match_status(self) -> str:
        if not self.find_query:
            return ""
        if not self.matches:
            return "no match"
        return f"{self.match_index + 1}/{len(self.matches)}"

    # -- movements -------------------------------------------------------
    def cursor_down(self) -> None:
        self.scroll_relative(y=1, animate=False)

    def cursor_up(self) -> None:
        self.scroll_relative(y=-1, animate=False)

    def page_down(self) -> None:
        self.scroll_relative(y=max(1, self.scrollable_content_region.height - 2), animate=False)

    def page_up(self) -> None:
        self.scroll_relative(y=-max(1, self.scrollable_content_region.height - 2), animate=False)

    def go_top(self) -> None:
        self.scroll_to(y=0, animate=False)

    def go_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False)

    # -- layout ------------------------------------------------------------
    @property
    def text_width(self) -> int:
        return max(10, min(MEASURE, self.scrollable_content_region.width - 2))

    def _size_updated(self, size, virtual_size, container_size, layout: bool = True) -> bool:
        # Textual paints right after a layout and sends Resize later: wrapping
        # here, before that paint, draws the article once at its new width
        # instead of twice (old lines first), which halves the bytes of an `f`.
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        if self.layout_ is not None and self.text_width != self._width:
            self._rewrap()
        return changed

    def on_resize(self, event: events.Resize) -> None:
        if self.text_width != self._width:
            self._rewrap()

    def _indent(self, kind: str, level: int) -> int:
        if kind == ITEM:
            return 2 + 2 * min(level, 6)
        if kind in (QUOTE, CODE):
            return 2
        return 0

    def _rewrap(self) -> None:
        self._width = self.text_width
        self._strips.clear()
        self._texts.clear()
        lines: list[Line] = []
        if self.layout_ is not None:
            for index, block in enumerate(self.layout_.blocks):
                previous = self.layout_.blocks[index - 1].kind if index else None
                if previous is not None and block.kind != "meta" and not (block.kind == ITEM == previous):
                    lines.append(Line(-1, 0, 0, False))
                width = self._width - self._indent(block.kind, block.level)
                if block.kind == RULE:
                    lines.append(Line(index, 0, 0, True))
                    continue
                if block.kind in (CODE, LINKS):
                    offset = 0
                    for part in block.text.split("\n"):
                        for a, b in wrap(part, width):
                            lines.append(Line(index, offset + a, offset + b, a == 0 and offset == 0))
                        offset += len(part) + 1
                    continue
                for n, (a, b) in enumerate(wrap(block.text, width)):
                    lines.append(Line(index, a, b, n == 0))
        self._lines = lines
        self._block_lines = {}
        for y, line in enumerate(lines):
            self._block_lines.setdefault(line.block, y)
        set_virtual_height(self, len(lines) + 1)
        self.refresh()

    def _line_of(self, block: int, offset: int) -> int:
        y = self._block_lines.get(block, 0)
        while y + 1 < len(self._lines) and self._lines[y + 1].block == block and self._lines[y + 1].start <= offset:
            y += 1
        return y

    def _scroll_to_offset(self, block: int, offset: int) -> None:
        y = self._line_of(block, offset)
        height = self.scrollable_content_region.height
        if not (self.scroll_y <= y < self.scroll_y + height - 1):
            self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True)

    # -- styling -------------------------------------------------------------
    def _restyle(self) -> None:
        self._texts.clear()
        self._strips.clear()
        self.refresh()

    def _block_spans(self, index: int) -> list[tuple[int, int, Style]]:
        """Style spans of block ``index`` in display offsets, cached."""
        spans = self._texts.get(index)
        if spans is not None:
            return spans
        assert self.layout_ is not None
        block = self.layout_.blocks[index]
        style = self.get_component_rich_style
        spans = [(0, len(block.text), style(f"article--{block.kind}"))]
        spans += [(a, b, style(f"article--{name}")) for a, b, name in block.styles]
        if self.mark_all:
            for fact in self.facts:
                span = block.to_display_span(fact.start, fact.end)
                if span:
                    spans.append((*span, style("article--fact") + Style.parse(FACT_MARKS.get(fact.kind, "underline"))))
        for i, (b, start, end) in enumerate(self.matches):
            if b == index:
                name = "article--find-current" if i == self.match_index else "article--find"
                spans.append((start, end, style(name)))
        if self.current_fact is not None:
            span = block.to_display_span(self.current_fact.start, self.current_fact.end)
            if span:
                spans.append((*span, style("article--fact-current")))
        self._texts[index] = spans
        return spans

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.base_style
        number = y + int(self.scroll_y)
        if self.layout_ is None:
            if y == 1:
                text = Text("  " + self._placeholder, style=self.get_component_rich_style("article--meta"))
                return Strip(list(text.render(self.app.console))).adjust_cell_length(width, base).apply_style(base)
            return Strip.blank(width, base)
        if number >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._strip(number, width, base)
        return strip.crop(int(self.scroll_x), int(self.scroll_x) + width) if self.scroll_x else strip

    def _strip(self, number: int, width: int, base: Style) -> Strip:
        """Line ``number`` drawn at ``width``, made once and kept."""
        key = (number, width)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 2000:
                self._strips.clear()
            strip = self._draw(self._lines[number], width).adjust_cell_length(width, base).apply_style(base)
            strip = strip.simplify()
            self._strips[key] = strip
        return strip

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._prepare_soon()

    def _prepare_soon(self) -> None:
        """Once the screen is quiet, draw the next page ahead (see _prepare_next_page)."""
        if self._preparing is not None:
            self._preparing.stop()
        self._preparing = self.set_timer(PREPARE_AFTER, self._prepare_next_page)

    def _prepare_next_page(self) -> None:
        """Draw the lines of the page below the one in view, while it is read:
        the next PgDn then shows lines already made instead of making a page
        of them while the key waits (some 10 ms on a long article)."""
        self._preparing = None
        if self.layout_ is None or not self.is_attached:
            return
        width = self.scrollable_content_region.width
        height = self.scrollable_content_region.height
        top = int(self.scroll_y)
        base = self.base_style
        for number in range(top + height, min(len(self._lines), top + 2 * height)):
            self._strip(number, width, base)

    def _draw(self, line: Line, width: int) -> Strip:
        if line.block < 0:
            return Strip([])
        assert self.layout_ is not None
        block = self.layout_.blocks[line.block]
        indent = self._indent(block.kind, block.level)
        text = Text(" ", no_wrap=True, end="")
        if block.kind == RULE:
            text.append("\u2500" * self._width, self.get_component_rich_style("article--rule"))
        else:
            if block.kind == QUOTE:
                text.append("\u258c ", self.get_component_rich_style("article--quote"))
            elif block.kind == ITEM and line.first:
                text.append(block.prefix.rjust(indent), self.get_component_rich_style("article--item"))
            else:
                text.append(" " * indent)
            offset = len(text)
            text.append(block.text[line.start : line.end])
            for a, b, style in self._block_spans(line.block):
                lo, hi = max(a, line.start), min(b, line.end)
                if lo < hi:
                    text.stylize(style, offset + lo - line.start, offset + hi - line.start)
        return Strip(list(text.render(self.app.console)))

    async def _on_click(self, event: events.Click) -> None:
        number = event.y + int(self.scroll_y)
        if self.layout_ is None or not 0 <= number < len(self._lines):
            return
        line = self._lines[number]
        if line.block < 0:
            return
        block = self.layout_.blocks[line.block]
        column = event.x - 1 - self._indent(block.kind, block.level)
        offset = line.start + max(0, column)
        for fact in self.facts:
            span = block.to_display_span(fact.start, fact.end)
            if span and span[0] <= offset < span[1]:
                self.post_message(self.FactClicked(fact))
                return
