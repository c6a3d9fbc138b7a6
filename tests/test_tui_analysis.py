"""Timeline, follow and compare, driven as a user drives them."""

from __future__ import annotations

from reader.tui.app import ReaderApp
from reader.tui.screens.main import ReaderScreen
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.doc_list import DocList
from reader.tui.widgets.facts_panel import FactsPanel
from reader.tui.widgets.grouped_list import GroupedList

from .conftest import CORPUS
from .pilot import NARROW, WIDE, ready, settle
from .pilot import plain_screen as _plain_screen


async def test_t_shows_every_dated_fact_in_date_order_and_enter_opens_at_it() -> None:
    from reader.tui.screens.timeline import TimelineScreen

    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        items = app.screen.items
        assert len(items) >= 20
        starts = [item.start for item in items]
        assert starts == sorted(starts)
        assert len({item.entry.path for item in items}) >= 10
        shown = _plain_screen(app)
        assert "Timeline of dates" in shown and "busiest month:" in shown
        first, last = items[0].month, max(item.month for item in items)
        chart_line = next(line for line in shown.splitlines() if "busiest month:" in line)
        assert f" {first} " in chart_line and f" {last} " in chart_line  # the chart spans every dated fact
        assert any(ch in shown for ch in "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588")  # the chart
        grouped = app.screen.query_one(GroupedList)
        await pilot.press("G")
        chosen = grouped.current
        await pilot.press("enter")
        await settle(pilot)
        await ready(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert screen.document.path == chosen.entry.path
        current = screen.query_one(ArticleView).current_fact
        assert current is not None and (current.start, current.end) == (chosen.fact.start, chosen.fact.end)


async def test_timeline_narrows_by_query_and_changes_kind() -> None:
    from reader.tui.screens.timeline import TimelineScreen

    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await settle(pilot)
        everything = len(app.screen.items)
        await pilot.press("slash", *"lang:en", "enter")
        await settle(pilot)
        narrowed = app.screen.items
        assert 0 < len(narrowed) < everything
        assert all(item.entry.language == "en" for item in narrowed)
        await pilot.press("K")  # threat levels
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert all(item.fact.kind == "threat" for item in app.screen.items)


async def test_o_follows_the_iraq_threat_level_across_documents() -> None:
    from reader.tui.screens.follow import FollowScreen

    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        docs = screen.query_one(DocList)
        seed = next(e for e in docs.entries if e.path.endswith("2023-11-irak-inzet.txt"))
        screen.open_path(seed.path)
        await settle(pilot)
        threat = next(f for f in screen.facts if f.kind == "threat" and f.attrs.get("level") == "hoog")
        screen.query_one(FactsPanel).select_fact(threat)
        await pilot.press("3", "o")
        await settle(pilot)
        assert isinstance(app.screen, FollowScreen)
        mentions = app.screen.query_one(GroupedList).rows
        documents = {m.entry.path for m in mentions}
        assert len(documents) >= 3, "the Iraq storyline mentions this threat in several documents"
        dates = [m.entry.date for m in mentions]
        assert dates == sorted(dates)
        levels = {m.fact.attrs.get("level") for m in mentions}
        assert {"hoog", "significant"} <= levels
        assert "mentions in" in _plain_screen(app)


async def test_o_on_a_unit_groups_its_mentions_by_place_with_a_story_each() -> None:
    from reader.tui.screens.follow import FollowScreen

    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        seed = next(e for e in screen.query_one(DocList).entries if e.path.endswith("2023-11-irak-inzet.txt"))
        screen.open_path(seed.path)
        await settle(pilot)
        unit = next(f for f in screen.facts if f.kind == "unit" and f.attrs.get("count") == 145)
        assert "145 militairen · Irak" in _plain_screen(app)  # the panel says where the unit is
        screen.query_one(FactsPanel).select_fact(unit)
        await pilot.press("3", "o")
        await settle(pilot)
        assert isinstance(app.screen, FollowScreen)
        mentions = app.screen.query_one(GroupedList)
        assert mentions.current.fact == unit  # the cursor starts on the mention followed from
        rows = mentions.rows
        headings = [r for r in rows if isinstance(r, str)]
        assert headings[-1].startswith("no place named in the sentence")
        text = _plain_screen(app)
        # the force protection unit in Bagdad: 145 from December 2023, 150 from the June 2024 rotation
        assert any(h.startswith("Bagdad (") and "145 (2023-12-14) → 150 (2024-06-20)" in h for h in headings)
        assert "Bagdad (" in text and "Gao (1): 450 (2023-12-21)" in text
        for i, row in enumerate(rows):  # every mention sits under the heading of its place
            if not isinstance(row, str):
                heading = next(r for r in reversed(rows[:i]) if isinstance(r, str))
                place = row.fact.attrs.get("place")
                assert heading.startswith(f"{place} (" if place else "no place named"), (heading, row)


async def _compare(app: ReaderApp, pilot, first: str, second: str):
    """Press c on the document named ``first``, then on ``second``: the compare screen."""
    from reader.tui.screens.compare import CompareScreen

    screen = await ready(pilot)
    docs = screen.query_one(DocList)
    paths = [e.path for e in docs.entries]
    for name in (first, second):
        docs.move_to(paths.index(next(p for p in paths if p.endswith(name))))
        await pilot.press("c")
        if name == first:
            assert "Compare:" in _plain_screen(app)  # says what the first c did
    await settle(pilot)
    assert isinstance(app.screen, CompareScreen)
    return app.screen


async def test_c_twice_compares_two_documents() -> None:
    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=WIDE) as pilot:
        compare = await _compare(app, pilot, "2024-06-irak-rotatie.txt", "2024-05-iraq-chinooks.md")
        rows = compare.query_one(GroupedList).rows
        assert any(row.shared for row in rows)
        assert "shared subjects" in _plain_screen(app)


async def test_compare_at_80_columns_names_both_documents_and_counts_repeats() -> None:
    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=NARROW) as pilot:
        await _compare(app, pilot, "2024-04-irak-chinooks.md", "2024-02-irak-dreiging.txt")
        lines = _plain_screen(app).splitlines()
        left = next(i for i, line in enumerate(lines) if "left:  2024-04-18" in line)
        assert "right: 2024-02-08" in lines[left + 1]  # a long title is cut, not wrapped over the other
        assert any("organization Defensie" in line for line in lines)  # the kind and the value apart
        assert any("Bagdad \u00d74" in line for line in lines)  # a name said four times, once


async def test_a_units_place_gives_way_when_the_facts_panel_is_narrow() -> None:
    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        seed = next(e for e in screen.query_one(DocList).entries if e.path.endswith("2023-11-irak-inzet.txt"))
        screen.open_path(seed.path)
        await settle(pilot)
        row = next(line for line in _plain_screen(app).splitlines() if "145 Nederlandse" in line)
        value = row.split("\u258f", 1)[1]  # the facts panel's part of the line
        assert "145 militairen " in value and "militairen \u2026" not in value  # the count whole, not cut


async def test_a_timeline_too_big_to_hold_is_of_the_newest_documents_and_says_so(monkeypatch) -> None:
    from reader.tui.screens import timeline as timeline_screen

    monkeypatch.setattr(timeline_screen, "MAX_FACTS", 30)
    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("t")
        await settle(pilot)
        items = app.screen.items
        read = int(_plain_screen(app).split("in the newest ", 1)[1].split(" ", 1)[0])
        assert read < len(screen.entries)
        assert f"in the newest {read} of {len(screen.entries)} documents (/ narrows)" in _plain_screen(app)
        newest = {e.path for e in screen.entries[:read]}
        assert 30 <= len(items) and {i.entry.path for i in items} <= newest  # the newest documents' dates


async def test_closing_the_timeline_while_it_reads_is_safe(monkeypatch) -> None:
    import threading

    from reader.library import Library
    from reader.tui.screens import timeline as timeline_screen

    go_on = threading.Event()
    real = Library.fact_pairs

    def slow_pairs(self, entries, cancelled=lambda: False, kinds=None):
        for pair in real(self, entries, cancelled, kinds):
            go_on.wait(2)  # every document waits until the screen is closed
            yield pair

    monkeypatch.setattr(Library, "fact_pairs", slow_pairs)
    real_bounded = timeline_screen.Bounded
    monkeypatch.setattr(timeline_screen, "Bounded", lambda *a, **k: real_bounded(*a, **{**k, "every": 1}))
    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("t")
        await pilot.pause(0.2)
        await pilot.press("escape")  # while it reads, its progress on the way to a closed screen
        go_on.set()
        await settle(pilot, 0.5)
        assert app.screen is screen and app.is_running
        await pilot.press("j")  # still answering
        await settle(pilot)
        assert app.is_running
