"""Every key of the main screen, driven through Textual's Pilot.

Each test asserts what a user would see: which document is open, which pane
has focus, what the list shows, whether the facts panel is on screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.tui.actions import MAIN_ACTIONS
from reader.tui.app import ReaderApp
from reader.tui.screens.main import ReaderScreen
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.doc_list import DocList
from reader.tui.widgets.facts_panel import FactsPanel

from .conftest import CORPUS
from .pilot import NARROW, WIDE, ready, settle
from .pilot import plain_screen as _plain_screen

def article_text(screen: ReaderScreen) -> str:
    view = screen.query_one(ArticleView)
    assert view.layout_ is not None
    return "\n".join(block.text for block in view.layout_.blocks)


async def test_first_screen_lists_newest_first_and_opens_the_top_document(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        docs = screen.query_one(DocList)
        titles = [entry.title for entry in docs.entries]
        assert titles == ["Patrouille bij Bagdad", "Briefing on exercise Nordic Shield", "Notitie zonder datum"]
        assert screen.document is not None and screen.document.title == "Patrouille bij Bagdad"
        assert docs.has_focus
        shown = _plain_screen(app)
        assert "1 Documents (3)" in shown
        assert "Patrouille bij Bagdad" in shown
        assert "Tussenkop" in shown  # the standalone short line, shown as a subheading


async def test_down_up_j_k_move_the_list_and_the_article_follows(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        docs = screen.query_one(DocList)
        await pilot.press("j")
        await pilot.pause(0.2)
        await ready(pilot)
        assert docs.cursor == 1
        assert screen.document.title == "Briefing on exercise Nordic Shield"
        await pilot.press("down")
        assert docs.cursor == 2
        await pilot.press("k")
        assert docs.cursor == 1
        await pilot.press("up")
        assert docs.cursor == 0
        await pilot.press("up")  # already at the top: stays
        assert docs.cursor == 0


async def test_enter_opens_and_focuses_the_article(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("down", "down", "enter")
        await ready(pilot)
        assert screen.document.title == "Notitie zonder datum"
        assert screen.query_one(ArticleView).has_focus


async def test_tab_and_shift_tab_cycle_the_panes(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        order = []
        for _ in range(3):
            await pilot.press("tab")
            order.append(type(app.focused).__name__)
        assert order == ["ArticleView", "FactsPanel", "DocList"]
        await pilot.press("shift+tab")
        assert isinstance(app.focused, FactsPanel)
        assert screen  # still the main screen


async def test_number_keys_focus_the_panes(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        await pilot.press("2")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("3")  # narrow: opens the facts overlay to focus it
        assert isinstance(app.focused, FactsPanel)
        assert screen.query_one("#facts-pane").display
        await pilot.press("1")
        assert isinstance(app.focused, DocList)


async def test_wide_layout_shows_three_panes_and_f_hides_facts(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        pane = screen.query_one("#facts-pane")
        article = screen.query_one("#article-pane")
        assert pane.display and pane.region.width > 0
        assert pane.region.x >= article.region.right  # beside the article, not over it
        assert "3 Facts (" in _plain_screen(app)
        width = article.region.width
        await pilot.press("f")
        assert "3 Facts (" not in _plain_screen(app)
        assert article.region.right == WIDE[0] and article.region.width > width  # the article takes the room
        await pilot.press("2")
        for _ in range(3):  # hidden, the facts panel is not in the Tab cycle
            await pilot.press("tab")
            assert not isinstance(app.focused, FactsPanel)
        await pilot.press("f")
        assert "3 Facts (" in _plain_screen(app)
        assert pane.region.x >= article.region.right and article.region.width == width


async def test_narrow_layout_facts_is_an_overlay_toggled_by_f(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        pane = screen.query_one("#facts-pane")
        assert not pane.display
        assert "3 Facts (" not in _plain_screen(app)
        await pilot.press("f")
        assert pane.display and isinstance(app.focused, FactsPanel)
        assert "3 Facts (" in _plain_screen(app)
        article = screen.query_one("#article-pane")
        assert pane.region.overlaps(article.region)  # drawn over the article
        await pilot.press("f")
        assert not pane.display
        assert not isinstance(app.focused, FactsPanel)
        await pilot.press("f", "escape")  # Esc closes the overlay as well
        assert not pane.display


async def test_slash_in_the_list_filters_titles_as_you_type(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        docs = screen.query_one(DocList)
        await pilot.press("slash", *"nordic")
        assert [docs.entry_at(i).title for i in range(docs.row_count())] == ["Briefing on exercise Nordic Shield"]
        assert "1 Documents (1 of 3)" in _plain_screen(app)
        await pilot.press("enter")  # back to the list, filter kept
        assert docs.has_focus and docs.row_count() == 1
        await pilot.press("escape")  # Esc clears it
        assert docs.row_count() == 3


async def test_filter_folds_diacritics_and_case(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Terugkeer uit Syrië\n\nTekst.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Iets anders\n\nTekst.\n", encoding="utf-8")
    app = ReaderApp(str(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"SYRIE")
        docs = screen.query_one(DocList)
        assert [docs.entry_at(i).title for i in range(docs.row_count())] == ["Terugkeer uit Syrië"]


async def test_n_and_p_open_next_and_previous_documents(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n")
        await ready(pilot)
        assert screen.document.title == "Briefing on exercise Nordic Shield"
        await pilot.press("n")
        await ready(pilot)
        assert screen.document.title == "Notitie zonder datum"
        await pilot.press("p")
        await ready(pilot)
        assert screen.document.title == "Briefing on exercise Nordic Shield"


async def test_g_and_G_go_to_top_and_bottom_of_the_list() -> None:
    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        docs = screen.query_one(DocList)
        await pilot.press("G")
        assert docs.cursor == docs.row_count() - 1
        await pilot.press("g")
        assert docs.cursor == 0


async def test_space_and_b_page_the_article_from_any_pane() -> None:
    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        assert view.max_scroll_y > 0, "the first article must be longer than one screen"
        assert view.scroll_y == 0
        await pilot.press("space")
        assert view.scroll_y > 0
        first_page = view.scroll_y
        await pilot.press("space")
        assert view.scroll_y > first_page
        await pilot.press("b")
        assert view.scroll_y == first_page
        await pilot.press("2", "G")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("g")
        assert view.scroll_y == 0
        await pilot.press("j")
        assert view.scroll_y == 1


async def test_slash_in_the_article_finds_with_a_counter_and_n_steps_matches() -> None:
    app = ReaderApp(str(CORPUS / "2023-11-irak-inzet.txt"))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("2", "slash", *"militairen", "enter")
        expected = article_text(screen).lower().count("militairen")
        assert expected >= 3
        assert len(view.matches) == expected
        assert f"find: 1/{expected}" in _plain_screen(app)
        await pilot.press("n")
        assert view.match_index == 1
        assert f"find: 2/{expected}" in _plain_screen(app)
        await pilot.press("N", "N")
        assert view.match_index == expected - 1  # wraps round to the last
        assert f"find: {expected}/{expected}" in _plain_screen(app)
        await pilot.press("escape")
        assert view.matches == []


async def test_question_mark_shows_every_action_in_help() -> None:
    from rich.console import Console

    from reader.tui.screens.help import HelpScreen

    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "reader: keys" in _plain_screen(app)
        console = Console(width=400, record=True, file=open("/dev/null", "w"), color_system=None)
        for static in app.screen.query("Static"):
            console.print(static.content)
        listed = console.export_text()
        for action in MAIN_ACTIONS:
            assert action.help in listed, action.id
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_footer_lists_the_actions() -> None:
    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=(400, 30)) as pilot:  # wide enough for the whole key bar
        await ready(pilot)
        bottom = _plain_screen(app).splitlines()[-1]
        for action in MAIN_ACTIONS:
            assert f"{action.key_text} {action.label}" in bottom, action.id


async def test_command_palette_offers_the_actions_and_runs_them(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+p", *"next document")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await ready(pilot)
        assert screen.document.title == "Briefing on exercise Nordic Shield"


async def test_command_palette_opens_a_document_by_title(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+p", *"notitie")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await ready(pilot)
        assert screen.document.title == "Notitie zonder datum"


async def test_q_quits() -> None:
    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_facts_panel_shows_value_beside_the_words_and_brackets_walk_them() -> None:
    app = ReaderApp(str(CORPUS / "2023-11-irak-inzet.txt"))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        facts = screen.query_one(FactsPanel)
        assert facts.facts, "the seed article must have facts"
        shown = _plain_screen(app)
        assert "2024-01-01" in shown and "1 januari volgend jaar" in shown
        assert "Dates (" in shown and "Threat levels (" in shown
        await pilot.press("right_square_bracket")
        first = min(screen.facts, key=lambda f: f.start)
        view = screen.query_one(ArticleView)
        assert view.current_fact == first
        assert facts.current == first
        await pilot.press("right_square_bracket")
        assert view.current_fact.start >= first.start and view.current_fact != first
        await pilot.press("left_square_bracket")
        assert view.current_fact == first


async def test_moving_in_the_facts_panel_scrolls_the_article_to_the_words() -> None:
    app = ReaderApp(str(CORPUS / "2023-11-irak-inzet.txt"))
    async with app.run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        await pilot.press("3", "G")
        view = screen.query_one(ArticleView)
        fact = screen.query_one(FactsPanel).current
        assert fact is not None and view.current_fact == fact
        block, (offset, _) = view.layout_.blocks_for_span(fact.start, fact.end)[0]
        line = view._line_of(block, offset)
        height = view.scrollable_content_region.height
        assert line >= height, "at 80x24 the last fact is below the first screen of the article"
        assert view.scroll_y <= line < view.scroll_y + height, "the article scrolled to show its words"


async def test_h_marks_facts_and_shows_the_legend() -> None:
    app = ReaderApp(str(CORPUS / "2023-11-irak-inzet.txt"))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        assert "underlined" not in _plain_screen(app)
        await pilot.press("h")
        await pilot.pause()
        assert screen.query_one(ArticleView).mark_all
        assert "underlined" in _plain_screen(app)
        await pilot.press("h")
        await pilot.pause()
        assert "underlined" not in _plain_screen(app)


@pytest.mark.parametrize("size", [NARROW, WIDE, (60, 20)])
async def test_the_screen_fits_and_says_when_it_is_too_small(size: tuple[int, int]) -> None:
    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        shown = _plain_screen(app)
        if size == (60, 20):
            assert "too small" in shown
        else:
            assert "too small" not in shown
            assert "1 Documents" in shown and "2 Article" in shown


async def test_a_name_mentioned_often_is_one_row_and_enter_walks_its_mentions() -> None:
    app = ReaderApp(str(CORPUS / "2023-11-irak-inzet.txt"))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        panel = screen.query_one(FactsPanel)
        iraq = [f for f in screen.facts if f.kind == "place" and f.value == "Irak"]
        assert len(iraq) >= 3
        rows = [i for i, run in panel.mentions.items() if run[0].value == "Irak"]
        assert len(rows) == 1, "one row for Irak"
        assert f"Irak \u00d7{len(iraq)}" in _plain_screen(app)
        panel.select_fact(iraq[0])
        await pilot.press("3")
        view = screen.query_one(ArticleView)
        seen = []
        for _ in range(len(iraq)):
            await pilot.press("enter")
            seen.append(view.current_fact.start)
        assert sorted(seen) == sorted(f.start for f in iraq)  # every mention, in turn
        await pilot.press("right_square_bracket")  # ] still walks every fact in text order
        assert view.current_fact is not None


async def test_brackets_in_the_narrow_layout_keep_the_words_in_view_and_name_the_fact() -> None:
    app = ReaderApp(str(CORPUS / "2023-11-irak-inzet.txt"))
    async with app.run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        second = sorted(screen.facts, key=lambda f: (f.start, f.end))[1]
        assert screen.query_one(ArticleView).current_fact == second
        assert screen.query_one(FactsPanel).current == second
        assert not screen.has_class("-facts-open"), "the overlay would hide the words"
        shown = _plain_screen(app)
        assert f"fact 2/{len(screen.facts)}" in shown
        assert " ".join(second.text.split()[:2]) in shown


async def test_one_document_is_counted_in_the_singular() -> None:
    app = ReaderApp(str(CORPUS / "2023-11-irak-inzet.txt"))
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot)
        await settle(pilot)
        shown = _plain_screen(app)
        assert " 1 document" in shown and "1 documents" not in shown


async def test_walking_to_a_unit_names_where_it_is_in_the_title() -> None:
    app = ReaderApp(str(CORPUS / "2023-11-irak-inzet.txt"))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        ordered = sorted(screen.facts, key=lambda f: (f.start, f.end))
        placed = next(i for i, f in enumerate(ordered) if f.kind == "unit" and f.attrs.get("place"))
        await pilot.press(*["right_square_bracket"] * (placed + 1))
        unit = ordered[placed]
        assert screen.query_one(ArticleView).current_fact == unit
        assert f"unit {unit.display_value} \u00b7 {unit.attrs['place']}" in _plain_screen(app)


async def test_the_next_page_is_drawn_ahead_while_the_reader_reads(monkeypatch) -> None:
    """PgDn in the article shows lines made while the screen was quiet, not
    made while the key waits."""
    app = ReaderApp(str(CORPUS / "2023-11-irak-inzet.txt"))
    async with app.run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        article = screen.query_one(ArticleView)
        article.focus()
        drawn = []
        real = ArticleView._draw
        monkeypatch.setattr(ArticleView, "_draw", lambda self, line, width: drawn.append(line) or real(self, line, width))
        await pilot.pause(0.4)  # reading the first page
        drawn.clear()
        top = int(article.scroll_y)
        await pilot.press("pagedown")
        assert int(article.scroll_y) > top and drawn == []  # the page was there already
        await pilot.pause(0.4)
        drawn.clear()
        await pilot.press("pagedown")
        assert drawn == [] or int(article.scroll_y) == article.max_scroll_y
