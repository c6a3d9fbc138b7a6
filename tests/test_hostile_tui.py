"""The app over the hostile corpus, driven through Textual's Pilot.

Stepping through every hostile document with ``n``: the app keeps running,
each document shows (or a one-line reason why it cannot), markup in titles
and bodies shows as the literal text it is, ``[@click=app.quit]`` quits
nothing, links are listed but never opened, no control character reaches
the screen, and the corpus on disk is unchanged afterwards.
"""

from __future__ import annotations

import os
import webbrowser
from pathlib import Path

import pytest

from reader.corpus.safety import has_controls
from reader.tui.app import ReaderApp
from reader.tui.screens.main import ReaderScreen
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.doc_list import DocList

from .hostile import HOSTILE_NAMES, TITLES, untouched_corpus

from .pilot import ready as pilot_ready
from .pilot import settle as pilot_settle

SIZE = (100, 30)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile-tui") / "corpus"
    with untouched_corpus(root):
        yield root


async def ready(pilot) -> ReaderScreen:
    return await pilot_ready(pilot, document=False)


async def settle(pilot) -> None:
    await pilot_settle(pilot, 0)
    await pilot_settle(pilot, 0)


def screen_lines(app) -> list[str]:
    """The painted screen, line by line (Textual's compositor: a private API, kept here)."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def find_on_screen(app, word: str) -> list[tuple[int, int]]:
    """Screen cells (x, y) where ``word`` is drawn (the middle of it), for clicking."""
    from rich.cells import cell_len

    spots = []
    for y, line in enumerate(screen_lines(app)):
        start = line.find(word)
        while start >= 0:
            spots.append((cell_len(line[:start]) + len(word) // 2, y))
            start = line.find(word, start + 1)
    return spots


def assert_screen_safe(app, context: str) -> None:
    for y, line in enumerate(screen_lines(app)):
        assert not has_controls(line), f"{context}: control character on screen line {y}: {line!r}"


def article_lines(screen: ReaderScreen) -> list[str]:
    view = screen.query_one(ArticleView)
    if view.layout_ is None:
        return [view._placeholder]
    return [block.text for block in view.layout_.blocks]


async def test_step_through_every_hostile_document(corpus: Path) -> None:
    app = ReaderApp(str(corpus))
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        docs = screen.query_one(DocList)
        total = len(docs.shown)
        assert total >= len(TITLES) + len(HOSTILE_NAMES)
        await pilot.press("g")
        await settle(pilot)
        seen: dict[str, list[str]] = {}
        for step in range(total):
            entry = docs.current
            assert entry is not None
            name = os.path.relpath(entry.path, corpus)
            assert app.is_running and isinstance(app.screen, ReaderScreen), f"app stopped at {name}"
            lines = article_lines(screen)
            if entry.error:
                assert lines == [f"Cannot show this file: {entry.error}"] and "\n" not in entry.error, name
                assert screen.document is None
            else:
                assert screen.document is not None and screen.document.path == entry.path, name
                assert lines[0].strip(), f"{name}: empty title line"
            assert_screen_safe(app, name)
            seen[name] = lines
            await pilot.press("n")
            await settle(pilot)
        assert app.is_running
        assert docs.cursor == total - 1
    for name, title in TITLES.items():
        assert seen[name][0].startswith(title.split("\n")[0][:40]) or title.startswith(seen[name][0][:40]), (
            name, seen[name][0])
    assert seen["binary.txt"][0].startswith("Cannot show this file: binary file")
    # Markup is text: the literal brackets are what the user reads.
    assert seen["markup.md"][0] == "[/] [@click=app.quit]Stop[/] [link=file:///etc/passwd]wachtwoorden[/link]"
    body = "\n".join(seen["markup.md"])
    assert "[@click=app.quit]klik om te stoppen[/]" in body and "a[b]c" in body


async def test_markup_titles_show_literally_and_clicks_do_not_act(corpus: Path) -> None:
    app = ReaderApp(str(corpus))
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        docs = screen.query_one(DocList)
        titles = [docs.entry_at(row).title for row in range(len(docs.shown))]
        assert "[bold red]Rood[/] [@click=app.quit]Stop[/] [/]" in titles
        for name in ("markup-seed.txt", "markup.md"):
            screen.open_path(str(corpus / name))
            await settle(pilot)
            painted = "\n".join(screen_lines(app))
            assert "[@click=app.quit]Stop[/]" in painted, f"{name}: markup not shown literally"
            # Click on every place the words of the would-be action are drawn
            # (list row and article): were the title markup, a click would quit.
            spots = find_on_screen(app, "Stop")
            assert len(spots) >= 2, spots
            for spot in spots:
                await pilot.click(offset=spot)
            await pilot.pause()
            assert app.is_running and app.return_code is None, f"a click in {name} quit the app"


async def test_links_are_shown_never_opened(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url))
    app = ReaderApp(str(corpus))
    monkeypatch.setattr(app, "open_url", lambda url, *a, **k: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.open_path(str(corpus / "links.md"))
        await settle(pilot)
        text = "\n".join(article_lines(screen))
        for url in ("https://evil.example/x", "file:///etc/passwd", "mailto:a@b.c"):
            assert url in text, f"{url} is not shown for the user to copy"
        spots = [spot for word in ("het bericht", "wachtwoorden", "script", "evil.example", "file:///etc", "mailto")
                 for spot in find_on_screen(app, word)]
        assert len(spots) >= 6, spots
        for spot in spots:
            await pilot.click(offset=spot)
            await pilot.click(offset=spot, times=2)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
    assert opened == [], f"the app opened {opened} on the host"


async def test_no_control_character_reaches_the_screen_through_names(corpus: Path) -> None:
    app = ReaderApp(str(corpus))
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await ready(pilot)
        for name, title in HOSTILE_NAMES.items():
            screen.open_path(str(corpus / name))
            await settle(pilot)
            assert article_lines(screen)[0] == title
            assert_screen_safe(app, repr(name))
        for name in ("ansi.txt", "osc52.md", "c1.txt", "bidi.txt", "nul-late.txt"):
            screen.open_path(str(corpus / name))
            await settle(pilot)
            await pilot.press("G")
            assert_screen_safe(app, name)
        assert app.is_running


async def test_files_deleted_or_truncated_after_listing(tmp_path: Path) -> None:
    """The list was read, then the files changed: the app says so, in one line, and goes on."""
    root = tmp_path / "docs"
    root.mkdir()
    (root / "a-gone.txt").write_text("Verdwenen stuk\n\nTekst.\n")
    (root / "a-cut.txt").write_text("Ingekort stuk\n\n" + "Lange tekst. " * 2000)
    (root / "a-binary.txt").write_text("Wordt binair\n\nTekst.\n")
    for i in range(80):  # more than the library caches, so the victims are read again
        (root / f"z{i:02d}.txt").write_text(f"Vulling {i}\n\nTekst.\n")
    app = ReaderApp(str(root))
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        (root / "a-gone.txt").unlink()
        with open(root / "a-cut.txt", "r+b") as handle:
            handle.truncate(8)
        (root / "a-binary.txt").write_bytes(b"\x00\x01\x02" * 100)
        expected = {
            "a-gone.txt": "Cannot show this file: file not found",
            "a-cut.txt": "Ingekort",
            "a-binary.txt": "Cannot show this file: binary file",
        }
        for name, shown in expected.items():
            screen.open_path(str(root / name))
            await settle(pilot)
            assert app.is_running
            assert article_lines(screen)[0].startswith(shown), (name, article_lines(screen))
        await pilot.press("n", "p", "G", "g")
        await settle(pilot)
        assert app.is_running


async def test_too_small_says_so(corpus: Path) -> None:
    app = ReaderApp(str(corpus))
    async with app.run_test(size=(60, 20)) as pilot:
        await ready(pilot)
        painted = "\n".join(screen_lines(app))
        assert "too small" in painted and "60x20" in painted
        await pilot.press("n", "j", "f", "tab")
        assert app.is_running


async def test_20_mb_on_one_line_opens_and_scrolls(tmp_path: Path) -> None:
    root = tmp_path / "big"
    root.mkdir()
    line = "Een zeer lange regel zonder einde over 12 fregatten en 300 militairen. " * 8
    (root / "huge-one-line.txt").write_bytes((line * (20 * 1024 * 1024 // len(line) + 1)).encode()[: 20 * 1024 * 1024])
    (root / "klein.txt").write_text("Klein stuk\n\nTekst.\n")
    app = ReaderApp(str(root))
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.open_path(str(root / "huge-one-line.txt"))
        await settle(pilot)
        assert screen.document is not None and screen.document.title.startswith("Een zeer lange regel")
        assert "note: file is larger than 2 MB: only the start is read" in article_lines(screen)
        await pilot.press("G", "space", "b", "g", "n", "p")
        await settle(pilot)
        assert app.is_running
        assert "Een zeer lange regel" in "\n".join(screen_lines(app))
