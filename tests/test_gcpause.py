"""The garbage collector is off during start-up only: the first paint switches it back on."""

from __future__ import annotations

import gc

from reader import gcpause
from reader.tui.app import ReaderApp

from .conftest import CORPUS
from .pilot import NARROW, ready


async def test_the_first_paint_switches_the_collector_back_on(monkeypatch) -> None:
    monkeypatch.setattr(gcpause, "_managed", False)  # restored after the test: hold() sets it
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


def test_release_leaves_a_collector_alone_that_hold_did_not_switch_off(monkeypatch) -> None:
    monkeypatch.setattr(gcpause, "_managed", False)
    gc.disable()
    try:
        gcpause.hold()
        gcpause.release()
        assert not gc.isenabled(), "someone else switched it off: not ours to switch on"
    finally:
        gc.enable()


def test_settle_freezes_only_in_a_process_that_held_the_collector(monkeypatch) -> None:
    monkeypatch.setattr(gcpause, "_managed", False)
    before = gc.get_freeze_count()
    gcpause.settle()
    assert gc.get_freeze_count() == before, "a host embedding the app keeps its collector as it is"
    monkeypatch.setattr(gcpause, "_managed", True)
    try:
        gcpause.settle()
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()


def test_paused_holds_collections_off_only_in_a_managed_process(monkeypatch) -> None:
    monkeypatch.setattr(gcpause, "_managed", False)
    with gcpause.paused():
        assert gc.isenabled(), "outside reader's own process nothing changes"
    monkeypatch.setattr(gcpause, "_managed", True)
    before = gc.get_freeze_count()
    try:
        with gcpause.paused():
            assert not gc.isenabled()
            made = [[i] for i in range(1000)]  # noqa: F841  (long-lived objects a block builds)
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + 1000
    finally:
        gc.unfreeze()
