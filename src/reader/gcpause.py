"""Start-up without pauses for Python's cyclic garbage collector.

Importing Textual and building the first screen allocate so many objects
that the collector runs some two hundred times before the first paint,
rescanning everything start-up has built so far: measured at 30 to 45 ms of
reader's start against 13 ms for a one-widget Textual app.  Almost nothing
made during start-up is garbage: it is the app itself.  So ``hold`` switches
the collector off before the heavy imports, and ``release``, once the first
screen is on the terminal, moves everything built so far into the permanent
generation (``gc.freeze``: later collections skip it) and switches the
collector back on.  ``paused`` keeps it off while a block builds many
long-lived objects (100,000 list entries) and freezes them after, and
``settle`` freezes again once the whole list is in, so that a keypress never
waits for a full collection that rescans the corpus (30-40 ms each at 100k).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

_held = False
_managed = False  # hold() was called: this process is reader's own (not a host embedding the app)


def hold() -> None:
    """Switch the collector off until ``release`` (no-op if it is off already)."""
    global _held, _managed
    _managed = True
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Freeze what exists and switch the collector back on, if ``hold`` switched it off."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


def settle() -> None:
    """Freeze everything alive now: long-lived data that collections need not rescan.

    Only in a process that ``hold`` set up: frozen objects are never collected
    as cycles, which a host running many apps (a test suite) could not afford.
    """
    if _managed and not _held:
        gc.freeze()


@contextmanager
def paused() -> Iterator[None]:
    """No collections during the block, and what it built frozen after it.

    Only in a process that ``hold`` set up, and not while start-up holds the
    collector already; elsewhere (a test suite, a host) it changes nothing.
    """
    if not _managed or _held or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
