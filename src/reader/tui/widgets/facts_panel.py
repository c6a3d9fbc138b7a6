"""The facts panel: the facts of the open article, grouped by kind."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from ...folding import fold
from ...model import FACT_KINDS, KIND_TITLES, Fact
from .virtual_list import VirtualList

NAMES = ("place", "person", "organization")  # one row per name, with its mentions


class FactsPanel(VirtualList):
    """Group headers and fact rows; the cursor moves over facts only."""

    COMPONENT_CLASSES = VirtualList.COMPONENT_CLASSES | {
        "facts-panel--group",
        "facts-panel--value",
        "facts-panel--text",
        "facts-panel--empty",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[str | Fact] = []  # a group title, or a fact (a name's first mention)
        self.mentions: dict[int, list[Fact]] = {}  # row -> every mention of that name
        self._row_of: dict[tuple[str, int, int], int] = {}
        self._chosen: Fact | None = None  # the mention picked within a name's row
        self._value_width = 8
        self.message = "No document open."
        self.pinned: set[tuple] = set()  # (kind, start, end, text) of pinned facts

    def set_facts(self, facts: list[Fact] | None, message: str = "") -> None:
        """Show ``facts`` grouped by kind, in text order within a group; a
        place, person or organization named several times is one row."""
        self.rows, self.mentions, self._row_of, self._chosen = [], {}, {}, None
        if facts:
            for kind in FACT_KINDS + tuple(sorted({f.kind for f in facts} - set(FACT_KINDS))):
                group = sorted((f for f in facts if f.kind == kind), key=lambda f: f.start)
                if not group:
                    continue
                self.rows.append(f"{KIND_TITLES.get(kind, kind.title())} ({len(group)})")
                if kind in NAMES:
                    names: dict[str, list[Fact]] = {}
                    for fact in group:
                        names.setdefault(fold(str(fact.value or fact.text)), []).append(fact)
                    runs = list(names.values())
                else:
                    runs = [[fact] for fact in group]
                for run in runs:
                    index = len(self.rows)
                    self.rows.append(run[0])
                    self.mentions[index] = run
                    for fact in run:
                        self._row_of[(fact.kind, fact.start, fact.end)] = index
            widths = [cell_len(self._value(i)) for i in self.mentions]
            self._value_width = max(widths, default=8)
        self.message = message or ("No facts found in this document." if facts is not None else "Reading\u2026")
        self.rows_changed(keep_cursor=False)

    @property
    def facts(self) -> list[Fact]:
        return [fact for run in self.mentions.values() for fact in run]

    @property
    def current(self) -> Fact | None:
        """The fact under the cursor (for a name: the mention picked last)."""
        run = self.mentions.get(self.cursor)
        if not run:
            return None
        return self._chosen if self._chosen in run else run[0]

    def select_fact(self, fact: Fact) -> None:
        index = self._row_of.get((fact.kind, fact.start, fact.end))
        if index is None:
            return
        run = self.mentions[index]
        self._chosen = next((f for f in run if (f.start, f.end) == (fact.start, fact.end)), run[0])
        if index != self.cursor:
            self.cursor = index
        else:
            self.post_message(self.CursorMoved(self, index))

    def next_mention(self) -> Fact | None:
        """Enter on a name's row: its next mention in the text."""
        run = self.mentions.get(self.cursor)
        if not run:
            return None
        current = self.current
        position = run.index(current) if current in run else -1
        self._chosen = run[(position + 1) % len(run)]
        return self._chosen

    def _value(self, index: int, column: int | None = None) -> str:
        """The row's value ("145 militairen \u00b7 Irak", "Irak \u00d710"); where
        that does not fit in ``column`` cells, without the unit's place."""
        run = self.mentions[index]
        count = f" \u00d7{len(run)}" if len(run) > 1 else ""
        value = f"{run[0].described or chr(0x2014)}{count}"
        if column is not None and cell_len(value) > column:
            value = f"{run[0].display_value or chr(0x2014)}{count}"
        return value

    def row_count(self) -> int:
        return len(self.rows) or 1

    def is_selectable(self, index: int) -> bool:
        return bool(self.rows) and isinstance(self.rows[index], Fact)

    def row_lines(self, index: int, width: int) -> list[Text]:
        if not self.rows:
            return [Text(" " + self.message, style=self.get_component_rich_style("facts-panel--empty"))]
        row = self.rows[index]
        if isinstance(row, str):
            return [Text(" " + row, style=self.get_component_rich_style("facts-panel--group"))]
        words = " ".join(row.text.split())
        if row.kind in NAMES and fold(words) == fold(str(row.value or "")):
            words = ""  # the name as written is the value: no need to say it twice
        column = min(self._value_width, max(8, width * 11 // 20 - 3)) if words else width - 3
        value = self._value(index, column)
        if cell_len(value) > column:
            value = value[: column - 1] + "\u2026"
        line = Text(no_wrap=True)
        pin = "\u2605" if (row.kind, row.start, row.end, row.text) in self.pinned else " "
        line.append(pin + " " + value.ljust(column) + " ", self.get_component_rich_style("facts-panel--value"))
        line.append(words, self.get_component_rich_style("facts-panel--text"))
        return [line]
