"""``from_worker``: the guard on methods that worker threads hand to the UI thread."""

from __future__ import annotations

import functools

from textual.css.query import NoMatches


def from_worker(method):
    """A method a worker calls through call_from_thread: by the time it runs the
    screen may be closing (the user quit); then there is nothing to update.

    ``self`` is the screen, or a part of it that says whether its screen is
    attached (reader.tui.screens.main_parts.part.ScreenPart)."""

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        if not self.is_attached:
            return None
        try:
            return method(self, *args, **kwargs)
        except NoMatches:
            return None

    return guarded
