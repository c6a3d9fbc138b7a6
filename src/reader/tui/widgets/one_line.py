"""One line of plain text: the status line, and the titles above the panes."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


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
