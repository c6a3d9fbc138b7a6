"""Fewer bytes for the same screen: a filter on what Textual writes to the terminal.

Textual draws each run of text as ``ESC[<full style>m text ESC[0m`` and starts
every changed line with a cursor move, even where the terminal is already in
that style or at that place.  Over SSH those escape sequences are most of the
traffic.  ``squeeze`` rewrites one frame so the terminal ends up with exactly
the same cells:

- a reset followed by a style becomes the change from the style in force (only
  the colours that differ, or nothing when it is the same style);
- a newline or cursor move followed by another cursor move is dropped;
- on a terminal that erases in the current background colour (terminfo
  ``bce``), a long run of blanks becomes an erase plus a cursor step;
- the frame still ends with the terminal's style reset, as Textual leaves it.

Anything it does not understand (another escape sequence, a style it cannot
parse) is passed through after a plain reset, so the worst case is Textual's
own output.  Pure string work, no Textual: tested against a small terminal model.
"""

from __future__ import annotations

import re

RESET = ""  # the style in force after ESC[0m

# One token of Textual's output: an SGR, a cursor move, another escape
# sequence, a newline, or a run of text.
_TOKEN = re.compile(
    r"\x1b\[(?P<sgr>[0-9;:]*)m"
    r"|(?P<cup>\x1b\[[0-9]*;?[0-9]*H)"
    r"|(?P<esc>\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|.))"
    r"|(?P<nl>\r?\n)"
    r"|(?P<text>[^\x1b\r\n]+|\r)",
    re.S,
)


class Style:
    """An SGR style as attributes and colours, enough to write the change between two."""

    __slots__ = ("attrs", "fg", "bg")

    def __init__(self, attrs: frozenset[str], fg: str, bg: str) -> None:
        self.attrs, self.fg, self.bg = attrs, fg, bg

    @classmethod
    def parse(cls, params: str) -> Style | None:
        """The style ``ESC[<params>m`` sets from a reset, or None if not understood."""
        if params in ("", "0"):
            return cls(frozenset(), "", "")
        parts = params.split(";")
        attrs: set[str] = set()
        fg = bg = ""
        i = 0
        while i < len(parts):
            part = parts[i]
            if part in ("38", "48"):
                if i + 1 < len(parts) and parts[i + 1] == "5" and i + 2 < len(parts):
                    colour, i = ";".join(parts[i:i + 3]), i + 3
                elif i + 1 < len(parts) and parts[i + 1] == "2" and i + 4 < len(parts):
                    colour, i = ";".join(parts[i:i + 5]), i + 5
                else:
                    return None
                if part == "38":
                    fg = colour
                else:
                    bg = colour
                continue
            if not part.isdigit() or part == "0":
                return None
            number = int(part)
            if 30 <= number <= 37 or 90 <= number <= 97:
                fg = part
            elif 40 <= number <= 47 or 100 <= number <= 107:
                bg = part
            elif number in (39, 49) or 22 <= number <= 29:
                return None  # an "off" code: not what Textual writes after a reset
            else:
                attrs.add(part)
            i += 1
        return cls(frozenset(attrs), fg, bg)

    def change_from(self, current: Style) -> str:
        """The SGR parameters that turn ``current`` into this style ("" if none are needed)."""
        if current.attrs - self.attrs:
            # An attribute must go: say it from a reset (shorter than the "off" codes).
            return ";".join(["0", *self.codes()])
        codes = sorted(self.attrs - current.attrs)
        if self.fg != current.fg:
            codes.append(self.fg or "39")
        if self.bg != current.bg:
            codes.append(self.bg or "49")
        return ";".join(codes)

    def codes(self) -> list[str]:
        return [*sorted(self.attrs), *(c for c in (self.fg, self.bg) if c)]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Style) and (self.attrs, self.fg, self.bg) == (other.attrs, other.fg, other.bg)

    def __hash__(self) -> int:
        return hash((self.attrs, self.fg, self.bg))


_PLAIN = Style(frozenset(), "", "")

# A screen uses a few dozen styles, written thousands of times a frame: each
# is parsed once, and each change between two is worked out once.
_MEMO_LIMIT = 4096
_parsed: dict[str, Style | None] = {}
_changes: dict[tuple[Style, Style], str] = {}


def _parse(params: str) -> Style | None:
    try:
        return _parsed[params]
    except KeyError:
        if len(_parsed) >= _MEMO_LIMIT:
            _parsed.clear()
        style = _parsed[params] = Style.parse(params)
        return style


def _change(current: Style, wanted: Style) -> str:
    try:
        return _changes[current, wanted]
    except KeyError:
        if len(_changes) >= _MEMO_LIMIT:
            _changes.clear()
        change = _changes[current, wanted] = wanted.change_from(current)
        return change


_BLANKS = re.compile(r" {%d,}" % 12)


def _erase_blanks(text: str, last: bool) -> str:
    """Long runs of blanks as ECH (erase, cursor stays) and CUF (cursor forward)."""

    def replace(run: re.Match[str]) -> str:
        n = len(run.group())
        at_end = last and run.end() == len(text)
        return f"\x1b[{n}X" if at_end else f"\x1b[{n}X\x1b[{n}C"

    return _BLANKS.sub(replace, text)


def _moves_next(tokens: list[re.Match[str]], index: int) -> bool:
    """Whether, styles aside, the next thing from ``index`` on is a cursor move or newline."""
    for at in range(index, len(tokens)):
        kind = tokens[at].lastgroup
        if kind != "sgr":
            return kind in ("cup", "nl")
    return False


def squeeze(frame: str, bce: bool = False) -> str:
    """``frame`` (written from a reset style) with the redundant escape sequences left out.

    ``bce``: the terminal erases in the current background colour, so blanks
    may be erased rather than written (only where no attribute would show on them).
    """
    if "\x1b" not in frame:
        return frame
    out: list[str] = []
    emit = out.append
    current: Style | None = _PLAIN  # None: not known (after an escape sequence we pass through)
    wanted: Style | None = _PLAIN
    wanted_raw = ""
    move = ""  # a cursor move (or newline) not written yet

    def settle_style() -> None:
        nonlocal current
        if wanted is None:  # a style we could not parse: written as Textual wrote it
            emit(f"\x1b[0;{wanted_raw}m" if current != _PLAIN else f"\x1b[{wanted_raw}m")
            current = None
            return
        if current == wanted:
            return
        if current is None:
            emit("\x1b[" + ";".join(["0", *wanted.codes()]) + "m")
        else:
            change = _change(current, wanted)
            if change:
                emit(f"\x1b[{change}m")
        current = wanted

    tokens = list(_TOKEN.finditer(frame))
    for index, token in enumerate(tokens):
        kind = token.lastgroup
        if kind == "sgr":
            wanted_raw = token.group("sgr")
            wanted = _parse(wanted_raw)
        elif kind == "cup":
            move = token.group()  # a later move replaces this one, and any newline before it
        elif kind == "nl":
            move = move + token.group() if move else token.group()
        elif kind == "text":
            settle_style()
            if move:
                emit(move)
                move = ""
            text = token.group()
            if bce and current is not None and not current.attrs and "  " in text:
                # Blanks before a cursor move (the end of a line) need no step after the erase.
                text = _erase_blanks(text, last=_moves_next(tokens, index + 1))
            emit(text)
        else:  # another escape sequence: passed through, from a reset style
            if move:
                emit(move)
                move = ""
            if current != _PLAIN:
                emit("\x1b[0m")
            emit(token.group())
            current = None  # it might have changed the style (a cursor restore does)
    if move:
        emit(move)
    if current != _PLAIN:
        emit("\x1b[0m")
    return "".join(out)
