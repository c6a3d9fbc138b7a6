"""Read marks and pins in the app, and that they survive a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.state import State
from reader.tui.app import ReaderApp
from reader.tui.screens import main as main_screen
from reader.tui.widgets.doc_list import DocList
from reader.tui.widgets.facts_panel import FactsPanel

from .pilot import WIDE, ready, settle
from .pilot import plain_screen as _plain_screen


@pytest.fixture(autouse=True)
def _read_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(main_screen, "READ_AFTER_SECONDS", 0.05)


async def test_unread_documents_are_marked_and_reading_clears_the_mark(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await settle(pilot, 0.2)
        docs = screen.query_one(DocList)
        top = docs.entries[0]
        assert top.path in docs.read  # shown, so read
        shown = _plain_screen(app)
        assert "\u25cfBriefing on exercise Nordic Shield" in shown  # the others are marked unread
        assert "\u25cfPatrouille bij Bagdad" not in shown
    assert State.load().is_read(top.path)  # saved


async def test_u_goes_to_the_next_unread_and_m_toggles_read(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await settle(pilot, 0.2)
        await pilot.press("u")
        await settle(pilot, 0.2)
        assert screen.document.title == "Briefing on exercise Nordic Shield"
        await pilot.press("u")
        await settle(pilot, 0.2)
        assert screen.document.title == "Notitie zonder datum"
        await pilot.press("m")  # mark the current one unread again
        docs = screen.query_one(DocList)
        assert docs.current.path not in docs.read
        await pilot.press("m")
        assert docs.current.path in docs.read


async def test_pins_of_documents_and_facts_survive_a_restart(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await settle(pilot, 0.2)
        await pilot.press("asterisk")  # pin the document
        docs = screen.query_one(DocList)
        pinned_doc = docs.current.path
        assert pinned_doc in docs.pinned
        panel = screen.query_one(FactsPanel)
        assert panel.facts, "the seed-format sample has facts"
        await pilot.press("3", "asterisk")  # pin the selected fact
        pinned_fact = panel.current
        await settle(pilot, 0.2)
    state = State.load()
    assert pinned_doc in state.pinned_documents()
    assert state.is_pinned(pinned_doc, pinned_fact)
    again = ReaderApp(str(small_corpus))
    async with again.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await settle(pilot, 0.2)
        assert "\u2605Patrouille bij Bagdad" in _plain_screen(again)


async def test_e_exports_a_brief_and_says_where(small_corpus: Path) -> None:
    from reader.export import exports_dir

    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = await ready(pilot)
        await pilot.press("e")
        files = list(exports_dir().glob("*.md"))
        assert len(files) == 1
        brief = files[0].read_text(encoding="utf-8")
        assert "## Patrouille bij Bagdad" in brief
        for fact in screen.facts:
            assert fact.text.split()[0] in brief
        status = str(screen.query_one("#status").content)
        assert f"Exported {len(screen.facts)} facts to {files[0]}" in status
    assert not any(p.name.endswith(".md") and "facts" in p.name for p in small_corpus.iterdir())


async def test_y_copies_the_selected_fact_over_osc52(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        panel = screen.query_one(FactsPanel)
        assert panel.facts, "the seed-format sample has facts"
        await pilot.press("3", "y")
        fact = panel.current
        assert app.clipboard == f"{fact.display_value} \u2014 \u201c{fact.text}\u201d"
        screen.query_one("ArticleView").highlight_fact(None)
        await pilot.press("1", "y")  # no fact selected: the document's path (it has no URL)
        assert app.clipboard == screen.document.path


async def test_timeline_e_exports_its_rows_as_csv() -> None:
    import csv
    import io

    from reader.export import exports_dir

    from .conftest import CORPUS

    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await settle(pilot)
        items = app.screen.items
        await pilot.press("e")
        files = list(exports_dir().glob("timeline-*.csv"))
        assert len(files) == 1
        rows = list(csv.DictReader(io.StringIO(files[0].read_text(encoding="utf-8"))))
        assert len(rows) == len(items)
        assert [r["text"] for r in rows[:3]] == [i.fact.text for i in items[:3]]
