"""The installed ``reader`` in a real terminal (tmux), as a user runs it.

Nothing a document holds may reach the terminal as a control sequence: with
tmux honouring OSC 52 (``set-clipboard on``), the pane title, the paste
buffers and the screen are checked after every hostile document was shown.
The app must also work with TERM=xterm, screen, linux and dumb, NO_COLOR,
at 80x24 and 160x50, say so when the window is too small, follow resizes,
and leave the mouse to the terminal with ``--no-mouse``.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from .conftest import CORPUS
from .hostile import PWNED_CLIP, PWNED_CLIP_B64, PWNED_TITLE, untouched_corpus
from .terminal import Tmux, child_env, page_through, reader_command, require, wait_loaded
from .vt import Terminal

pytestmark = pytest.mark.terminal

TITLE = "reader-test-title"
SEED_TITLE = "Kabinet past huidige"


def reader_in_terminal(*args: str, width: int = 100, height: int = 30, term: str | None = None,
                       **env: str) -> Tmux:
    """Run the installed reader under tmux; the pane title is set to TITLE first."""
    require("tmux")
    script = f"printf '\\033]2;{TITLE}\\033\\\\'; exec \"$0\" \"$@\""
    command = ["sh", "-c", script, str(reader_command()), *args]
    return Tmux.start(command, width=width, height=height, term=term, env=child_env(**env))


def assert_untouched(term: Tmux, where: str) -> None:
    title = term.pane_title()
    assert title == TITLE, f"{where}: the pane title became {title!r}"
    buffers = term.buffers()
    assert buffers == "", f"{where}: something wrote the clipboard: {buffers!r}"


def sgr_codes(screen: str) -> set[str]:
    return set(re.findall(r"\x1b\[([0-9;:]*)m", screen))


def test_the_harness_sees_a_leak() -> None:
    """The checks can fail: a raw OSC 52 and title sequence are caught."""
    require("tmux")
    payload = f"printf '\\033]2;{PWNED_TITLE}\\033\\\\\\033]52;c;{PWNED_CLIP_B64}\\007'; sleep 5"
    with Tmux.start(["sh", "-c", payload], width=60, height=10) as term:
        deadline = time.monotonic() + 10
        while term.pane_title() != PWNED_TITLE or PWNED_CLIP not in term.buffers():
            assert time.monotonic() < deadline, (term.pane_title(), term.buffers())
            time.sleep(0.05)


# -- the hostile corpus --------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile-term") / "corpus"
    with untouched_corpus(root):
        yield root


#: The documents that try hardest, and the title each shows (made harmless).
DANGEROUS = {
    "ansi.txt": "Titel met ␛]2;PWNED-TITLE␇",
    "osc52.md": "Klembord ␛]52;c;" + PWNED_CLIP_B64[:10],  # the list cuts it at 33 columns
    "c1.txt": "C1 \ufffd2J besturing",
    "name-osc\x1b]2;PWNED-TITLE-NAME\x07.txt": "name-osc␛]2;PWNED-TITLE-NAME␇.txt",
    "name-csi\x1b[2J.txt": "name-csi␛[2J.txt",
    "bidi.txt": "Bidi \ufffdtxt.exe\ufffd",
    "nul-late.txt": "NUL na acht kilobyte",
    "markup.md": "[/] [@click=app.quit]Stop[/]",
}


def test_the_worst_documents_one_by_one(corpus: Path, tmp_path: Path) -> None:
    """Each shown in the article (waited for), then scrolled through: nothing leaks."""
    folder = tmp_path / "worst"
    folder.mkdir()
    for name in DANGEROUS:
        shutil.copyfile(corpus / name, folder / name)
    with reader_in_terminal(str(folder), width=120, height=40) as term:
        wait_loaded(term)
        term.keys("g")
        seen: set[str] = set()
        for _ in range(len(DANGEROUS)):
            deadline = time.monotonic() + 10
            while True:
                screen = term.screen()
                shown = {name for name, title in DANGEROUS.items() if screen.count(title) >= 2} - seen
                if shown:  # in the list and in the article
                    break
                assert time.monotonic() < deadline, f"no new document opened; the screen shows:\n{screen}"
                time.sleep(0.05)
            seen |= shown
            term.keys("space", "space", "b", "b")  # page the article down and back up
            term.wait_stable(quiet=0.2)
            term.wait_for("1 Documents", "2 Article", "3 Facts")
            assert_untouched(term, f"{shown}")
            term.keys("n")
        assert seen == set(DANGEROUS)
        term.keys("q")
        term.wait_for("[exited 0]")


def test_hostile_documents_never_drive_the_terminal(corpus: Path) -> None:
    """Every document of the hostile corpus in turn, as a reader paging through would."""
    with reader_in_terminal(str(corpus), width=120, height=40) as term:
        assert "unreadable" in wait_loaded(term)
        assert_untouched(term, "first screen")
        for step in page_through(term, every=8):
            term.wait_for("1 Documents", "2 Article")
            assert_untouched(term, f"document {step + 1}")
        assert_untouched(term, "after every document")
        screen = term.wait_for("1 Documents", "unreadable")
        assert "[exited" not in screen
        term.keys("q")
        term.wait_for("[exited 0]")


# -- terminals, sizes, colours ---------------------------------------------------

def _read_the_seed(term: Tmux) -> str:
    wait_loaded(term)
    term.keys("/")  # filter the list to the seed, then open it
    term.wait_for("filter titles")  # the filter has focus: typing goes there
    term.keys("Kabinet past", literal=True)
    term.wait_for("1 of ")
    term.keys("Enter")  # back to the list ...
    term.wait_stable(quiet=0.3)
    term.keys("Enter")  # ... and open
    deadline = time.monotonic() + 10
    while term.screen().count(SEED_TITLE) < 2:
        assert time.monotonic() < deadline, term.screen()
        time.sleep(0.05)
    return term.screen(colours=True)


@pytest.mark.parametrize(
    "term_name, env, size",
    [
        ("tmux-256color", {}, (80, 24)),
        ("tmux-256color", {}, (160, 50)),
        ("xterm", {}, (100, 30)),
        ("screen", {}, (100, 30)),
        ("linux", {}, (80, 24)),
        ("dumb", {}, (80, 24)),
        ("tmux-256color", {"COLORTERM": "truecolor"}, (100, 30)),
        pytest.param("tmux-256color", {"NO_COLOR": "1"}, (100, 30), id="NO_COLOR"),
    ],
)
def test_reader_works_in_every_terminal(term_name: str, env: dict[str, str], size: tuple[int, int]) -> None:
    width, height = size
    with reader_in_terminal(str(CORPUS), width=width, height=height, term=term_name, **env) as term:
        screen = _read_the_seed(term)
        codes = sgr_codes(screen)
        if term_name in ("xterm", "screen", "linux"):
            assert not any(c.startswith(("38;5", "48;5", "38;2", "48;2")) for c in codes), f"not 16 colours: {codes}"
        if env.get("COLORTERM") == "truecolor":
            assert any(c.startswith(("38;2", "48;2")) for c in codes), f"no 24-bit colour: {codes}"
        text = term.screen()
        lines = text.splitlines()
        assert len(lines) <= height and all(len(line) <= width for line in lines)
        if width >= 120:
            assert "3 Facts" in text
        else:
            assert "3 Facts" not in text
            term.keys("f")
            term.wait_for("3 Facts")
        assert_untouched(term, term_name)
        term.keys("q")
        term.wait_for("[exited 0]")


def test_too_small_says_so_and_recovers() -> None:
    with reader_in_terminal(str(CORPUS), width=60, height=20) as term:
        screen = term.wait_for("too small")
        assert "60x20" in screen and "1 Documents" not in screen
        term.keys("j", "n", "f", "Tab")
        term.resize(100, 30)
        term.wait_for("1 Documents", "2 Article", absent=["too small"])
        term.keys("q")
        term.wait_for("[exited 0]")


def test_the_layout_follows_the_window(tmp_path: Path) -> None:
    with reader_in_terminal(str(CORPUS), width=160, height=50) as term:
        term.wait_for("1 Documents", "2 Article", "3 Facts")
        term.resize(80, 24)
        term.wait_for("1 Documents", "2 Article", absent=["3 Facts"])
        term.wait_stable(quiet=0.3)  # the resize is handled before the key
        term.keys("f")
        term.wait_for("3 Facts")
        term.wait_stable(quiet=0.3)
        term.keys("f")
        term.wait_for("2 Article", absent=["3 Facts"])
        term.resize(60, 20)
        term.wait_for("too small")
        term.resize(160, 50)
        screen = term.wait_for("1 Documents", "2 Article", "3 Facts", absent=["too small"])
        assert len(screen.splitlines()) <= 50
        term.keys("q")
        term.wait_for("[exited 0]")


@pytest.mark.parametrize("no_mouse", [False, True], ids=["mouse", "no-mouse"])
def test_no_mouse_leaves_selection_to_the_terminal(no_mouse: bool) -> None:
    args = [str(CORPUS)] + (["--no-mouse"] if no_mouse else [])
    with reader_in_terminal(*args) as term:
        term.wait_for("1 Documents")
        flags = term._tmux("display-message", "-p", "-t", term.target,
                           "#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}")
        if no_mouse:
            assert flags.strip() == "0000", f"mouse reporting is on: {flags!r}"
        else:
            assert "1" in flags, f"mouse reporting is off: {flags!r}"
        term.keys("j", "q")
        term.wait_for("[exited 0]")


def test_squeezed_output_paints_what_textual_paints(tmp_path: Path) -> None:
    """reader writes fewer bytes than Textual would (see reader.tui.squeeze); the screen, colours
    included, is the same as with READER_PLAIN_OUTPUT=1 (Textual's frames unchanged), also
    with erase-in-colour in use (TERM=xterm-256color has terminfo's bce)."""
    screens = []
    for plain in ("1", "0"):
        home = tmp_path / f"home-{plain}"
        with reader_in_terminal(str(CORPUS), width=120, height=40, term="xterm-256color",
                                READER_PLAIN_OUTPUT=plain, READER_HOME=str(home)) as term:
            wait_loaded(term)
            for key in ("j", "n", "Tab", "space", "f", "f", "3", "j"):
                term.keys(key)
                term.wait_stable(quiet=0.3)
            time.sleep(2.5)  # the shown document is marked read after 2 s: let it be, in both runs
            term.wait_stable(quiet=0.5)
            painted = Terminal(120, 40).play(term.screen(colours=True).replace("\n", "\r\n"))
            # Digits masked: the status line says how long indexing took, which differs by run.
            screens.append([[("#" if cell[0].isdigit() else cell[0], *cell[1:]) for cell in row]
                            for row in painted.seen()])
            term.keys("q")
            term.wait_for("[exited 0]")
    plain_screen, squeezed_screen = screens
    text = ["".join(cell[0] for cell in row) for row in plain_screen]
    assert "# Facts" in text[0] and sum(bool(row.strip()) for row in text) >= 30
    for number, (a, b) in enumerate(zip(plain_screen, squeezed_screen)):
        assert a == b, f"line {number} differs:\n{text[number]}"
