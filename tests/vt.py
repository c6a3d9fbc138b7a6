"""Just enough of a VT terminal to compare what two byte streams paint, cell by cell."""

from __future__ import annotations

import re


class Terminal:
    """Just enough of a VT terminal to compare what two byte streams paint."""

    def __init__(self, width: int, height: int, bce: bool = False) -> None:
        self.width, self.height, self.bce = width, height, bce
        self.x = self.y = 0
        self.attrs: set[str] = set()
        self.fg = self.bg = ""
        self.cells = [[(" ", frozenset(), "", "")] * width for _ in range(height)]

    def sgr(self, params: str) -> None:
        parts = params.split(";") if params else ["0"]
        i = 0
        while i < len(parts):
            p = parts[i]
            if p in ("38", "48"):
                size = 3 if parts[i + 1] == "5" else 5
                colour = ";".join(parts[i:i + size])
                if p == "38":
                    self.fg = colour
                else:
                    self.bg = colour
                i += size
                continue
            n = int(p)
            if n == 0:
                self.attrs, self.fg, self.bg = set(), "", ""
            elif 30 <= n <= 37 or 90 <= n <= 97:
                self.fg = p
            elif 40 <= n <= 47 or 100 <= n <= 107:
                self.bg = p
            elif n == 39:
                self.fg = ""
            elif n == 49:
                self.bg = ""
            elif n == 22:
                self.attrs -= {"1", "2"}
            elif 23 <= n <= 29:
                self.attrs.discard(str(n - 20))
            else:
                self.attrs.add(p)
            i += 1

    def play(self, stream: str) -> Terminal:
        for m in re.finditer(r"\x1b\[([0-9;?]*)([A-Za-z])|\x1b[^\[]|(\n)|(\r)|([^\x1b\r\n])", stream):
            params, final, newline, cr, char = m.groups()
            if m.group().startswith("\x1b") and final is None:
                continue  # a two-byte escape (cursor save and restore): paints nothing
            if final == "m":
                self.sgr(params)
            elif final == "H":
                row, _, col = params.partition(";")
                self.y, self.x = int(row or 1) - 1, int(col or 1) - 1
            elif final == "X":
                blank = (" ", frozenset(), "", self.bg if self.bce else "")
                for x in range(self.x, min(self.width, self.x + int(params or 1))):
                    self.cells[self.y][x] = blank
            elif final == "C":
                self.x += int(params or 1)
            elif final is not None:
                pass  # modes and the like: they paint nothing
            elif newline:
                self.y, self.x = self.y + 1, 0
            elif cr:
                self.x = 0
            else:
                if self.x < self.width and self.y < self.height:
                    self.cells[self.y][self.x] = (char, frozenset(self.attrs), self.fg, self.bg)
                self.x += 1
        return self

    def seen(self) -> list[list[tuple]]:
        """The cells as a person sees them: a plain blank shows only its background."""
        return [
            [(" ", frozenset(), "", bg) if ch == " " and not (attrs & {"4", "7", "9", "21", "53"}) else (ch, attrs, fg, bg)
             for ch, attrs, fg, bg in row]
            for row in self.cells
        ]

    def state(self) -> tuple:
        return (frozenset(self.attrs), self.fg, self.bg)
