"""The footer: the keys of the main screen, from the one action list.

One line drawn as a single Text (Textual's Footer builds a widget per key,
which costs a tenth of a second at start-up for our two dozen actions).
Keys come first in the order of the list, so the most used are always seen;
every one of them is also in ``?`` help and the command palette.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..actions import Action, key_text


class KeyBar(Static):
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--label"}

    def __init__(self, actions: tuple[Action, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.actions = actions

    def on_mount(self) -> None:
        self.update(self.line())

    def line(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        label_style = self.get_component_rich_style("key-bar--label")
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for action in self.actions:
            text.append(f" {key_text(action, self.app._keymap)} ", key_style)
            text.append(f"{action.label} ", label_style)
        text.append(" ^p ", key_style)
        text.append("Palette ", label_style)
        return text
