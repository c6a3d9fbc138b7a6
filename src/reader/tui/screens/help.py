"""The ``?`` help screen: every key, from the one action list."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..actions import Action, key_text
from .overlay import Overlay


def help_table(actions: tuple[Action, ...], keymap: dict[str, str]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for action in actions:
        table.add_row(Text(key_text(action, keymap)), Text(action.help))
    table.add_row(Text("Ctrl+P"), Text("Command palette: every action, and documents by title"))
    table.add_row(Text("Ctrl+Q"), Text("Quit, from anywhere"))
    return table


class HelpScreen(Overlay):
    """Keys and what they do; Esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close"),
        Binding("down,j", "scroll('down')", "Down", show=False),
        Binding("up,k", "scroll('up')", "Up", show=False),
    ]

    def __init__(self, actions: tuple[Action, ...]) -> None:
        super().__init__()
        self.actions = actions

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("reader: keys", style="bold"), id="help-title")
            yield Static(help_table(self.actions, self.app._keymap))
            yield Static(
                Text(
                    "Threat levels are shown as words (with a glyph), never by colour alone. "
                    "Facts are marked in the text with h: " 
                    "dates underlined, units bold, threats bold underlined, names italic.\n"
                    "Esc, q or ? closes this help."
                ),
                id="help-foot",
            )

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_relative(y=1 if direction == "down" else -1, animate=False)
