"""The reader app: one main screen, help, and the command palette."""

from __future__ import annotations

from typing import Iterable

from textual.app import App, SystemCommand
from textual.markup import escape
from textual.screen import Screen

from ..library import Library
from ..resources import stylesheet
from .actions import MAIN_ACTIONS
from .screens.main import ReaderScreen


def _document_commands():
    from .commands import DocumentCommands  # the palette is imported when first opened

    return DocumentCommands


class ReaderApp(App[int]):
    """``reader PATH``: list, article and facts of the documents under PATH."""

    TITLE = "reader"
    CSS_PATH = str(stylesheet())
    COMMANDS = App.COMMANDS | {lambda: _document_commands()}
    # The app quits with q from the main screen; ctrl+q works everywhere.
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, path: str) -> None:
        super().__init__()
        self.library = Library(path)

    def get_default_screen(self) -> Screen:
        return ReaderScreen(self.library)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            for action in MAIN_ACTIONS:
                if action.palette:
                    yield SystemCommand(
                        f"{action.label}: {action.help}" if action.label not in action.help else action.help,
                        escape(f"key: {action.key_text}"),
                        lambda name=action.name: screen.run_action(name),
                    )
