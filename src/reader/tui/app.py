"""The reader app: one main screen, help, and the command palette."""

from __future__ import annotations

from typing import Iterable

from textual import work
from textual.app import App, SystemCommand
from textual.markup import escape
from textual.screen import Screen

from .. import gcpause
from ..library import Library
from ..resources import stylesheet
from .actions import MAIN_ACTIONS, key_text
from .screens.main import ReaderScreen

#: Seconds after mount at which the garbage collector is switched back on
#: even if the first paint (Ready) has not come.
START_GC_FALLBACK = 3.0


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

    def get_driver_class(self):
        from .driver import squeezing

        return squeezing(super().get_driver_class())

    def __init__(self, path: str, config=None, library: Library | None = None) -> None:
        super().__init__()
        from ..config import Config

        self.config = config if config is not None else Config.load()
        if library is None:
            library = Library(path)
            library.start_first_view()  # side by side with Textual's own start-up
        self.library = library
        if self.config.keys:
            self.set_keymap(dict(self.config.keys))
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        # The collector is off during start-up (see gcpause); on_ready, after
        # the first paint, switches it back on.  Should that never come, this does.
        self.set_timer(START_GC_FALLBACK, gcpause.release)
        for notice in self.config.notices:
            self.notify(notice, title="config", severity="warning", markup=False)

    def on_ready(self) -> None:
        gcpause.release()

    def _remember_theme(self, theme) -> None:
        """A theme picked in the palette is kept for the next start."""
        if theme.name != self.config.theme:
            self._save_theme(theme.name)

    @work(thread=True, exclusive=True, group="config")
    def _save_theme(self, name: str) -> None:
        from ..config import ConfigError

        try:
            self.config.save_theme(name)
        except (ConfigError, OSError) as err:
            self.call_from_thread(self.notify, f"theme not saved: {err}", markup=False, severity="warning")

    def get_default_screen(self) -> Screen:
        return ReaderScreen(self.library)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            for action in MAIN_ACTIONS:
                if action.palette:
                    yield SystemCommand(
                        f"{action.label}: {action.help}" if action.label not in action.help else action.help,
                        escape(f"key: {key_text(action, self._keymap)}"),
                        lambda name=action.name: screen.run_action(name),
                    )
