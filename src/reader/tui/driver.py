"""The terminal driver: Textual's own, with each frame squeezed before it is written."""

from __future__ import annotations

import os
import sys

from textual.driver import Driver

from .squeeze import squeeze

PLAIN_OUTPUT = "READER_PLAIN_OUTPUT"  # set to 1: write Textual's frames unchanged (for comparing)


def terminal_erases_in_colour() -> bool:
    """Whether the terminal's terminfo entry has ``bce`` (erase in the current background)."""
    try:
        import curses

        curses.setupterm(os.environ.get("TERM"), sys.__stdout__.fileno())
        return curses.tigetflag("bce") == 1
    except Exception:  # no curses, no terminfo entry, stdout not a terminal: assume not
        return False


def squeezing(base: type[Driver]) -> type[Driver]:
    """``base`` with ``write`` sending fewer bytes for the same screen (see ``squeeze``)."""
    if os.environ.get(PLAIN_OUTPUT, "") not in ("", "0"):
        return base

    class SqueezingDriver(base):  # type: ignore[valid-type, misc]
        _bce: bool | None = None

        def write(self, data: str) -> None:
            if self._bce is None:
                self._bce = terminal_erases_in_colour()
            super().write(squeeze(data, self._bce))

    SqueezingDriver.__name__ = SqueezingDriver.__qualname__ = f"Squeezing{base.__name__}"
    return SqueezingDriver
