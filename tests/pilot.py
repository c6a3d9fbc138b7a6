"""Helpers for driving the app with Textual's Pilot, shared by the TUI tests."""

from __future__ import annotations

import io

from rich.console import Console

from textual.worker import WorkerCancelled

from reader.tui.screens.main import ReaderScreen

WIDE, NARROW = (160, 50), (80, 24)


async def workers_done(app) -> None:
    """Wait for the app's workers; one cancelled on the way (superseded by a newer one) is not a failure."""
    for _ in range(20):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            continue


async def ready(pilot, document: bool = True) -> ReaderScreen:
    """Wait until the corpus is listed (and, with ``document``, the first one shown)."""
    app = pilot.app
    for _ in range(200):
        await workers_done(app)
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, ReaderScreen) and screen.loader.loaded and (screen.document is not None or not document):
            return screen
    raise AssertionError("the corpus never finished loading")


async def settle(pilot, seconds: float = 0.3) -> None:
    """Let timers fire and workers finish."""
    await pilot.pause(seconds)
    await workers_done(pilot.app)
    await pilot.pause()


def plain_screen(app) -> str:
    """What is on the terminal, as plain text."""
    console = Console(width=app.size.width, record=True, file=io.StringIO(), color_system=None)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()
