"""The floor for start-up: the smallest Textual app showing one file."""

import sys

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    def __init__(self, path: str) -> None:
        super().__init__()
        with open(path, encoding="utf-8", errors="replace") as handle:
            self.text = handle.read()

    def compose(self) -> ComposeResult:
        yield Static(Text(self.text))


if __name__ == "__main__":
    Minimal(sys.argv[1]).run()
