"""A list that draws only the rows on screen (Textual's Line API).

Cost scales with the height of the terminal, not the length of the list:
100,000 rows mount as fast as ten.  Subclasses say how many rows there are,
which can take the cursor, and how a row looks (as rich ``Text``, never as
markup).  Keys come from the screen's action list; this widget only offers
the movements as methods.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


def set_virtual_height(view: ScrollView, height: int) -> None:
    """Change how tall a line-API view's content is without a screen layout.

    Setting ``virtual_size`` the usual way lays out (and repaints) the whole
    screen; over SSH that is every byte of the screen again, on every new
    document.  The views keep their vertical scrollbar always on
    (``overflow-y: scroll`` in the stylesheet), so their size never depends on
    their content and only the view itself needs drawing.
    """
    size = Size(view.scrollable_content_region.width, height)
    if size == view.virtual_size:
        return
    view.set_reactive(ScrollView.virtual_size, size)
    view._scroll_update(size)
    view.refresh()


class RowMessage(Message):
    """Something happened to row ``index`` of a list."""

    def __init__(self, source: "VirtualList", index: int) -> None:
        super().__init__()
        self.source = source
        self.index = index

    @property
    def control(self) -> "VirtualList":
        return self.source


class QuietFocusView(ScrollView):
    """A line-API view that repaints on focus only what focus changes.

    Textual's own focus handlers (further up the class chain) redraw the
    whole widget: a screenful of bytes over SSH for every Tab.
    """

    def _on_focus(self, event: events.Focus) -> None:
        event.prevent_default()  # Textual's handlers would repaint it all
        self.has_focus = True
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))
        self.focus_changed()

    def _on_blur(self, event: events.Blur) -> None:
        event.prevent_default()
        self.has_focus = False
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))
        self.focus_changed()

    def focus_changed(self) -> None:
        """Repaint what looks different with or without focus (by default nothing)."""

    _base_style: Style | None = None

    @property
    def base_style(self) -> Style:
        """The view's ``rich_style``, kept until its styles change: Textual works
        it out by walking up the DOM on every call, and a repaint draws every
        line.  (Textual keeps its component styles the same way.)"""
        style = self._base_style
        if style is None:
            style = self._base_style = self.rich_style
        return style

    def notify_style_update(self) -> None:
        self._base_style = None
        super().notify_style_update()


class VirtualList(QuietFocusView, can_focus=True, inherit_bindings=False):
    """A cursor over rows of ``ROW_HEIGHT`` lines each."""

    ROW_HEIGHT = 1
    COMPONENT_CLASSES = {"virtual-list--cursor", "virtual-list--cursor-blurred", "virtual-list--dim"}

    cursor: reactive[int] = reactive(-1, always_update=True, init=False, repaint=False)  # watch_cursor repaints the two rows

    class CursorMoved(RowMessage):
        """The cursor went to another row."""

    class Chosen(RowMessage):
        """Enter (or a click) on a row."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._strips: dict[tuple[int, int, int, bool], Strip] = {}

    # -- what subclasses provide ------------------------------------------
    def row_count(self) -> int:
        raise NotImplementedError

    def row_lines(self, index: int, width: int) -> list[Text]:
        """``ROW_HEIGHT`` lines of rich Text for row ``index``."""
        raise NotImplementedError

    def is_selectable(self, index: int) -> bool:
        return True

    # -- state -------------------------------------------------------------
    def rows_changed(self, keep_cursor: bool = True) -> None:
        """The rows are different now: redraw, and keep the cursor in range."""
        self._strips.clear()
        count = self.row_count()
        set_virtual_height(self, count * self.ROW_HEIGHT)
        if not keep_cursor or self.cursor >= count or self.cursor < 0:
            first = self._selectable_from(0, 1)
            self.set_reactive(VirtualList.cursor, first if first is not None else -1)
        self.refresh()

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_rows(old, new)
        if new >= 0:
            self.scroll_to_row(new)
            self.post_message(self.CursorMoved(self, new))

    def refresh_rows(self, *rows: int) -> None:
        """Redraw only these rows (a cursor move repaints two rows, not the pane)."""
        width = self.size.width
        top = int(self.scroll_y)
        for row in rows:
            for part in range(self.ROW_HEIGHT):
                for selected in (False, True):
                    self._strips.pop((row, part, self.scrollable_content_region.width, selected), None)
            y = row * self.ROW_HEIGHT - top
            if 0 <= row and -self.ROW_HEIGHT < y < self.size.height:
                self.refresh(Region(0, y, width, self.ROW_HEIGHT))

    def scroll_to_row(self, index: int) -> None:
        """Bring row ``index`` into view, keeping whole rows at the top edge."""
        height = self.scrollable_content_region.height
        rows_visible = max(1, height // self.ROW_HEIGHT)
        top_row = int(self.scroll_y) // self.ROW_HEIGHT
        if index < top_row:
            top_row = index
        elif index >= top_row + rows_visible:
            top_row = index - rows_visible + 1
        else:
            if int(self.scroll_y) % self.ROW_HEIGHT == 0:
                return
        self.scroll_to(y=top_row * self.ROW_HEIGHT, animate=False, force=True, immediate=True)

    def _selectable_from(self, start: int, step: int) -> int | None:
        index, count = start, self.row_count()
        while 0 <= index < count:
            if self.is_selectable(index):
                return index
            index += step
        return None

    def move_to(self, index: int, step: int = 1) -> None:
        count = self.row_count()
        if count == 0:
            return
        index = max(0, min(count - 1, index))
        found = self._selectable_from(index, step)
        if found is None:
            found = self._selectable_from(index, -step)
        if found is not None:
            self.cursor = found

    # -- movements (called by the screen's actions) -----------------------
    def cursor_down(self) -> None:
        self.move_to(self.cursor + 1, 1)

    def cursor_up(self) -> None:
        self.move_to(self.cursor - 1, -1)

    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height // self.ROW_HEIGHT - 1)

    def page_down(self) -> None:
        self.move_to(self.cursor + self.page_rows(), 1)

    def page_up(self) -> None:
        self.move_to(self.cursor - self.page_rows(), -1)

    def go_top(self) -> None:
        self.move_to(0, 1)

    def go_bottom(self) -> None:
        self.move_to(self.row_count() - 1, -1)

    def choose(self) -> None:
        if 0 <= self.cursor < self.row_count():
            self.post_message(self.Chosen(self, self.cursor))

    async def _on_click(self, event: events.Click) -> None:
        row = (event.y + int(self.scroll_y)) // self.ROW_HEIGHT
        if 0 <= row < self.row_count() and self.is_selectable(row):
            self.cursor = row
            self.choose()

    # -- drawing -----------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        set_virtual_height(self, self.row_count() * self.ROW_HEIGHT)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = y + int(self.scroll_y)
        row, part = divmod(line, self.ROW_HEIGHT)
        if row >= self.row_count():
            return Strip.blank(width, self.base_style)
        focused = row == self.cursor and self.has_focus
        strip = self._strips.get((row, part, width, focused))
        if strip is None:
            # every line of the row at once: a row is made once, not once a line,
            # and the widget's style (a walk up the DOM) is looked up once a row
            if len(self._strips) > 4000:
                self._strips.clear()
            base = self.base_style
            if row == self.cursor:
                name = "virtual-list--cursor" if self.has_focus else "virtual-list--cursor-blurred"
                style = base + self.get_component_rich_style(name)
            else:
                style = base
            lines = self.row_lines(row, width)
            for index in range(self.ROW_HEIGHT):
                text = lines[index] if index < len(lines) else Text()
                text.truncate(width, overflow="ellipsis", pad=True)
                made = Strip(list(text.render(self.app.console))).adjust_cell_length(width, base)
                self._strips[(row, index, width, focused)] = made.apply_style(style).simplify()
            strip = self._strips[(row, part, width, focused)]
        return strip

    def focus_changed(self) -> None:
        self.refresh_rows(self.cursor)  # only the cursor row looks different

