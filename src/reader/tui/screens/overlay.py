"""The screens that open over the main one (help, search, timeline, follow,
compare): their look is in ``styles/screens.tcss``, read when the first of
them opens, and ``close`` puts the main screen back."""

from __future__ import annotations

from textual.screen import ModalScreen

from ...resources import stylesheet


class Overlay(ModalScreen):
    CSS_PATH = str(stylesheet("screens.tcss"))

    def action_close(self) -> None:
        self.dismiss(None)
