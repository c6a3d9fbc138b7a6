"""Compare two documents (``c`` twice in the list): their facts side by side,
aligned by subject, shared ones together and conflicts flagged first."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...analysis import Aligned, compare
from ...library import Entry
from ...model import FACT_KINDS, Fact
from ..widgets.grouped_list import GroupedList
from .list_modal import ListModal


def _side(facts: tuple[Fact, ...]) -> str:
    """A side's values, each once, counted where said again: "Bagdad \u00d74; Erbil"."""
    if not facts:
        return "\u2014"
    counts = Counter(f.display_value for f in facts)
    return "; ".join(f"{value} \u00d7{n}" if n > 1 else value for value, n in counts.items())


_KIND_WIDTH = max(len(kind) for kind in FACT_KINDS) + 1  # "organization "


def draw_aligned(widget: GroupedList, row: Aligned, width: int) -> Text:
    column = max(10, (width - 12 - _KIND_WIDTH) // 2)
    flag = "\u2260 conflict" if row.conflict else ("= shared" if row.shared else "  only one")
    line = Text(no_wrap=True)
    line.append(f" {flag:<10} ", "bold" if row.conflict else "")
    line.append(f"{row.kind:<{_KIND_WIDTH}}", widget.get_component_rich_style("virtual-list--dim"))
    line.append(f"{_side(row.left)[:column - 1]:<{column}}")
    line.append(f"{_side(row.right)[:column - 1]}")
    return line


class CompareScreen(ListModal):
    def __init__(self, left: tuple[Entry, list[Fact]], right: tuple[Entry, list[Fact]]) -> None:
        super().__init__()
        self.left, self.right = left, right

    def compose(self) -> ComposeResult:
        rows = compare(self.left[1], self.right[1])
        conflicts = sum(1 for r in rows if r.conflict)
        shared = sum(1 for r in rows if r.shared)
        with Vertical(id="compare-box"):
            yield Static(Text(f" Compare: {shared} shared subjects, {conflicts} in conflict", style="bold"),
                         id="compare-title")
            yield Static(Text(f" left:  {self.left[0].date or 'no date'}  {self.left[0].title}\n"
                              f" right: {self.right[0].date or 'no date'}  {self.right[0].title}",
                              no_wrap=True, overflow="ellipsis"),
                         id="compare-docs")
            grouped = GroupedList(draw_aligned, id="aligned")
            grouped.rows = list(rows)
            yield grouped
            yield Static(Text(" \u2260 the same subject with different values \u00b7 Esc close"), id="compare-keys")

    def on_mount(self) -> None:
        grouped = self.query_one(GroupedList)
        grouped.set_rows(grouped.rows, "Neither document has facts.")
        grouped.focus()

