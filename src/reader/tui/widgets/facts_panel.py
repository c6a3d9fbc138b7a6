"""The facts panel: the facts of the open article, grouped by kind."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from ...model import FACT_KINDS, KIND_TITLES, Fact
from .virtual_list import VirtualList

VALUE_WIDTH = 18


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
        self.rows: list[str | Fact] = []  # a group title, or a fact
        self.message = "No document open."
        self.pinned: set[tuple] = set()  # (kind, start, end, text) of pinned facts

    def set_facts(self, facts: list[Fact] | None, message: str = "") -> None:
        """Show ``facts`` grouped by kind, in text order within a group."""
        self.rows = []
        if facts:
            for kind in FACT_KINDS + tuple(sorted({f.kind for f in facts} - set(FACT_KINDS))):
                group = [f for f in facts if f.kind == kind]
                if group:
                    self.rows.append(f"{KIND_TITLES.get(kind, kind.title())} ({len(group)})")
                    self.rows.extend(sorted(group, key=lambda f: f.start))
        self.message = message or ("No facts found in this document." if facts is not None else "Reading\u2026")
        self.rows_changed(keep_cursor=False)

    @property
    def facts(self) -> list[Fact]:
        return [row for row in self.rows if isinstance(row, Fact)]

    @property
    def current(self) -> Fact | None:
        if 0 <= self.cursor < len(self.rows):
            row = self.rows[self.cursor]
            return row if isinstance(row, Fact) else None
        return None

    def select_fact(self, fact: Fact) -> None:
        key = (fact.kind, fact.start, fact.end)
        for index, row in enumerate(self.rows):
            if isinstance(row, Fact) and (row.kind, row.start, row.end) == key:
                if index != self.cursor:
                    self.cursor = index
                return

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
        value = row.display_value or "\u2014"
        column = min(VALUE_WIDTH, max(8, width // 2 - 2))
        if cell_len(value) > column:
            value = value[: column - 1] + "\u2026"
        line = Text(no_wrap=True)
        pin = "\u2605" if (row.kind, row.start, row.end, row.text) in self.pinned else " "
        line.append(pin + " " + value.ljust(column) + " ", self.get_component_rich_style("facts-panel--value"))
        line.append(" ".join(row.text.split()), self.get_component_rich_style("facts-panel--text"))
        return [line]
