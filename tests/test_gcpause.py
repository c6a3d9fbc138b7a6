"""The garbage collector is off during start-up only: the first paint switches it back on."""

from __future__ import annotations

import gc

from reader import gcpause
from reader.tui.app import ReaderApp

from .conftest import CORPUS
from .pilot import NARROW, ready


async def test_the_first_paint_switches_the_collector_back_on() -> None:
    assert gc.isenabled()
    gcpause.hold()
    assert not gc.isenabled()
    try:
        app = ReaderApp(str(CORPUS))
        async with app.run_test(size=NARROW) as pilot:
            await ready(pilot)
            assert gc.isenabled(), "the collector must run again once the screen is up"
    finally:
        gcpause.release()
        gc.unfreeze()
    assert gc.isenabled()


def test_release_leaves_a_collector_alone_that_hold_did_not_switch_off() -> None:
    gc.disable()
    try:
        gcpause.hold()
        gcpause.release()
        assert not gc.isenabled(), "someone else switched it off: not ours to switch on"
    finally:
        gc.enable()
