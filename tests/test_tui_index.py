"""The app on the index: search as you type, fact filters, rescans."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.tui.app import ReaderApp
from reader.tui.screens.main import ReaderScreen, split_filter
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.doc_list import DocList

from .conftest import CORPUS
from .pilot import NARROW, WIDE, ready, settle
from .pilot import plain_screen as _plain_screen


async def test_s_searches_the_corpus_as_you_type_and_opens_at_the_hit() -> None:
    from reader.tui.screens.search import HitList, SearchScreen

    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"Syrie")  # no diacritic typed: Syrië must be found
        await settle(pilot)
        hits = app.screen.query_one(HitList).hits
        assert hits, "Syrie must find the documents that say Syrië"
        expected = {p.name for p in CORPUS.glob("*.*") if "Syrië" in p.read_text(encoding="utf-8")}
        assert {Path(h.path).name for h in hits} == expected
        assert all(any(h.snippet[a:b].lower().startswith("syri") for a, b in h.marks) for h in hits)
        shown = _plain_screen(app)
        assert f"{len(hits)} documents" in shown
        chosen = hits[0]
        await pilot.press("enter")
        await settle(pilot)
        await ready(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert screen.document.path == chosen.path
        view = screen.query_one(ArticleView)
        assert view.matches, "the article opens with the hit found"
        block, start, end = view.matches[view.match_index]
        assert view.layout_.blocks[block].text[start:end] == "Syrië"


async def _search(app: ReaderApp, pilot, query: str) -> list:
    """Press s and type ``query``: the hits shown."""
    from reader.tui.screens.search import HitList

    await ready(pilot)
    await pilot.press("s", *query)
    await settle(pilot)
    return app.screen.query_one(HitList).hits


async def test_at_80_columns_each_hit_shows_its_date_and_a_body_snippet() -> None:
    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=NARROW) as pilot:
        hits = await _search(app, pilot, "place:Iraq threat:hoog")
        assert len(hits) >= 3  # Dutch documents that say Irak
        shown = _plain_screen(app)
        for hit in hits:
            assert f"{hit.date or 'no date'}" in shown  # long titles are cut, the date is not
            assert hit.snippet != hit.title and hit.marks  # the title is shown already: the body's words


async def test_search_by_fact_and_escape_closes() -> None:
    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=WIDE) as pilot:
        hits = await _search(app, pilot, "lang:en")
        assert hits and all(h.language == "en" for h in hits)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)


async def test_list_filter_takes_fact_filters_as_well_as_title_words() -> None:
    app = ReaderApp(str(CORPUS))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        docs = screen.query_one(DocList)
        await pilot.press("slash", *"lang:en")
        await settle(pilot)
        shown = [docs.entry_at(i) for i in range(docs.row_count())]
        assert shown and all(entry.language == "en" for entry in shown)
        assert len(shown) < len(docs.entries)
        assert f"Documents ({len(shown)} of {len(docs.entries)})" in _plain_screen(app)  # the title counts them


def test_split_filter_separates_words_from_fact_filters() -> None:
    assert split_filter("irak place:Bagdad") == ("irak", "place:Bagdad")
    assert split_filter('x place:"Den Haag"') == ("x", 'place:"Den Haag"')
    assert split_filter("half typed place:") == ("half typed", "")


async def test_r_rescans_and_picks_up_added_and_removed_files(small_corpus: Path) -> None:
    app = ReaderApp(str(small_corpus))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        assert len(screen.entries) == 3
        (small_corpus / "d-new.txt").write_text(" date 2025-01-02 Nieuw stuk\n\nTekst.\n", encoding="utf-8")
        (small_corpus / "c-plain.txt").unlink()
        await pilot.press("r")
        await settle(pilot, 0.5)
        titles = [entry.title for entry in screen.entries]
        assert titles[0] == "Nieuw stuk"
        assert "Notitie zonder datum" not in titles
        assert len(titles) == 3
    assert (small_corpus / "d-new.txt").read_text(encoding="utf-8").startswith(" date")  # never written to


async def test_a_second_start_lists_from_the_index(small_corpus: Path) -> None:
    from reader.store import Store

    first = ReaderApp(str(small_corpus))
    async with first.run_test(size=WIDE) as pilot:
        await ready(pilot)
    with Store.open() as store:
        assert len(store.documents(str(small_corpus))) == 3  # the first run built the index
    second = ReaderApp(str(small_corpus))
    async with second.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        assert [e.title for e in screen.entries][0] == "Patrouille bij Bagdad"


@pytest.mark.parametrize("late", [False, True], ids=["ready-at-mount", "late"])
async def test_first_screen_shows_the_newest_and_counts_the_whole_index(tmp_path: Path, monkeypatch, late) -> None:
    """On a big index the first screen comes from its newest rows, at once, with the
    count of all documents in the title; the rest of the list follows.  Also when
    the first view is not ready at mount (a busy machine) and the scan shows it."""
    import threading
    import time

    import reader.library
    from reader.library import Library

    root = tmp_path / "docs"
    root.mkdir()
    for day in range(1, 13):
        (root / f"d{day:02d}.md").write_text(f"---\ntitle: Stuk {day}\ndate: 2024-03-{day:02d}\n---\n\nTekst {day}.\n")
    Library(str(root)).refresh()  # the index is built beforehand, as `reader index` does
    monkeypatch.setattr(reader.library, "FIRST_VIEW_ROWS", 5)

    library = Library(str(root))
    whole_list = threading.Event()
    listing = library.indexed_entries

    def held_back(limit=None):  # listing the whole index waits until the test has looked
        if limit is None:
            whole_list.wait(10)
        return listing(limit)

    monkeypatch.setattr(library, "indexed_entries", held_back)
    if late:
        prepare = library._first_view
        monkeypatch.setattr(library, "_first_view", lambda: (time.sleep(0.5), prepare())[1])
    library.start_first_view()
    app = ReaderApp(str(root), library=library)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        for _ in range(100):  # shown at mount, or by the scan when the view was late (a busy machine)
            if screen.document is not None:
                break
            await pilot.pause(0.05)
        assert [e.title for e in screen.entries] == [f"Stuk {day}" for day in range(12, 7, -1)]
        shown = _plain_screen(app)
        assert "1 Documents (12)" in shown and "Stuk 12" in shown  # all counted, the newest open
        assert screen.document is not None and screen.document.title == "Stuk 12"
        whole_list.set()
        await ready(pilot)
        await settle(pilot)
        assert len(screen.entries) == 12 and "1 Documents (12)" in _plain_screen(app)


async def test_a_folder_of_many_new_files_is_indexed_in_worker_processes_from_the_app(tmp_path: Path) -> None:
    """Hundreds of new files are read and extracted in worker processes, started
    from inside the running app (where sys.stderr is Textual's capture)."""
    from reader.library import Library

    root = tmp_path / "many"
    root.mkdir()
    for i in range(260):
        (root / f"d{i:03d}.txt").write_text(f" date 2024-01-{i % 28 + 1:02d} Bericht {i} over Irak\n\n"
                                            f"Er vertrokken {i + 1} militairen naar Irak.\n", encoding="utf-8")
    app = ReaderApp(str(root), library=Library(str(root), index_workers=2))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        for _ in range(600):
            await pilot.pause(0.05)
            if screen.loader.loaded and len(screen.entries) == 260:
                break
        await settle(pilot)
        shown = _plain_screen(app)
        assert "260 documents (index: 260 indexed" in shown and "0 failed" in shown
        assert "1 Documents (260)" in shown
        assert screen.library.matching_paths("place:Irak") and len(screen.library.matching_paths("place:Irak")) == 260
