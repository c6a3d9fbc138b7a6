"""The squeezed output paints the same screen as Textual's own, in fewer bytes.

A small terminal model (cursor moves, SGR, erase and cursor-forward, newline)
plays both streams; the cells a person sees must be the same.  The streams
are Textual-shaped frames made up by hypothesis, and a real frame of the app.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.tui.squeeze import squeeze

from .vt import Terminal

WIDTH, HEIGHT = 40, 8


STYLES = [
    "38;5;253;48;5;233", "1;38;5;253;48;5;233", "38;5;247;48;5;233", "7;38;5;23;48;5;233",
    "4;38;5;253;48;5;59", "48;5;32", "1;38;5;195;48;5;32", "38;2;10;20;30;48;2;1;2;3",
    "31;40", "1;4;97;44", "3;2;38;5;100", "21;38;5;9",
    "1;22;31",  # not a style Textual writes: squeeze passes it on as it is
]

segment = st.tuples(st.sampled_from(STYLES), st.text(alphabet="ab ", min_size=1, max_size=30))
chop = st.tuples(st.integers(0, HEIGHT - 1), st.integers(0, WIDTH - 1), st.lists(segment, min_size=1, max_size=4))


def textual_frame(chops: list, extra: str = "") -> str:
    """A frame as Textual writes one: per chop a move, styled runs each closed by a reset."""
    parts = []
    for n, (y, x, segments) in enumerate(chops):
        parts.append(f"\x1b[{y + 1};{x + 1}H")
        parts.extend(f"\x1b[{style}m{text}\x1b[0m" for style, text in segments)
        if n == len(chops) // 2:
            parts.append(extra)
        if n + 1 < len(chops):
            parts.append("\n")
    parts.append("\x1b[1;1H")
    return "".join(parts)


def assert_same_screen(frame: str, bce: bool, size: tuple[int, int] = (WIDTH, HEIGHT)) -> str:
    squeezed = squeeze(frame, bce)
    original, shrunk = Terminal(*size, bce).play(frame), Terminal(*size, bce).play(squeezed)
    assert shrunk.seen() == original.seen()
    assert (shrunk.x, shrunk.y) == (original.x, original.y)
    assert shrunk.state() == original.state() == (frozenset(), "", "")  # left reset, as Textual leaves it
    return squeezed


@settings(max_examples=300, deadline=None)
@given(st.lists(chop, min_size=1, max_size=12), st.booleans(),
       st.sampled_from(["", "\x1b[?25l", "\x1b7\x1b8"]))
def test_squeezed_frames_paint_the_same_cells(chops, bce, extra) -> None:
    squeezed = assert_same_screen(textual_frame(chops, extra), bce)
    assert len(squeezed) <= len(textual_frame(chops, extra)) + 8


def test_a_run_of_the_same_style_is_written_once() -> None:
    frame = textual_frame([(0, 0, [("38;5;253;48;5;233", "abc")]), (1, 0, [("38;5;253;48;5;233", "def")])])
    squeezed = assert_same_screen(frame, bce=False)
    assert squeezed.count("38;5;253") == 1
    assert "\n" not in squeezed  # the newline before a cursor move is dropped


def test_only_the_colour_that_changes_is_written() -> None:
    frame = textual_frame([(0, 0, [("38;5;253;48;5;233", "abc"), ("38;5;247;48;5;233", "def")])])
    squeezed = assert_same_screen(frame, bce=False)
    assert "\x1b[38;5;247m" in squeezed and squeezed.count("48;5;233") == 1


def test_blanks_are_erased_only_where_the_terminal_erases_in_colour() -> None:
    frame = textual_frame([(0, 0, [("38;5;253;48;5;233", "a" + " " * 30 + "b")]), (1, 0, [("7;31;40", " " * 20)])])
    with_bce, without = assert_same_screen(frame, bce=True), assert_same_screen(frame, bce=False)
    assert "\x1b[30X\x1b[30C" in with_bce and " " * 30 not in with_bce
    assert " " * 20 in with_bce  # reverse video shows on blanks: written, not erased
    line_end = textual_frame([(0, 0, [("38;5;253;48;5;233", "a" + " " * 25)]), (1, 0, [("31;40", "b")])])
    squeezed = assert_same_screen(line_end, bce=True)
    assert "\x1b[25X" in squeezed and "\x1b[25C" not in squeezed  # the next move makes the step needless
    assert "X" not in without.replace("ab", "")


async def test_a_real_frame_of_the_app_paints_the_same() -> None:
    """The app's whole first screen, as Textual would write it, squeezed: same cells, fewer bytes."""
    from rich.console import Console

    from .pilot import ready
    from reader.tui.app import ReaderApp

    app = ReaderApp("corpus")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        console = Console(width=120, height=40, color_system="256", force_terminal=True, legacy_windows=False)
        frame = app.screen._compositor.render_update(full=True).render_segments(console)
    for bce in (False, True):
        squeezed = assert_same_screen(frame, bce, size=(120, 40))
        assert len(squeezed.encode()) < 0.75 * len(frame.encode())
