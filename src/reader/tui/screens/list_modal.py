"""A modal screen over one GroupedList: the keys to move in it and to close it, declared once."""

from __future__ import annotations

from textual.binding import Binding

from ..widgets.grouped_list import GroupedList
from .overlay import Overlay


class ListModal(Overlay):
    """The timeline, follow and compare screens: Escape or q closes; j/k, pages, g/G move."""

    BINDINGS = [
        Binding("escape,q", "close", "Close"),
        Binding("down,j", "move('cursor_down')", "Down", show=False),
        Binding("up,k", "move('cursor_up')", "Up", show=False),
        Binding("pagedown,space", "move('page_down')", "Page", show=False),
        Binding("pageup,b", "move('page_up')", "Page up", show=False),
        Binding("g,home", "move('go_top')", "Top", show=False),
        Binding("G,end", "move('go_bottom')", "Bottom", show=False),
    ]

    def action_move(self, method: str) -> None:
        getattr(self.query_one(GroupedList), method)()
