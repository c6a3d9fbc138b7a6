"""The base of the main screen's helper objects."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..main import ReaderScreen


class ScreenPart:
    """A job of the main screen with state of its own, owned by the screen."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen

    @property
    def is_attached(self) -> bool:
        """Whether the screen is still on the app (``from_worker`` asks)."""
        return self.screen.is_attached
