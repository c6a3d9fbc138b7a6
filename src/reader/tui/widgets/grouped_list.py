"""A virtual list of group headings and items, the cursor on items only."""

from __future__ import annotations

from typing import Callable, Generic, TypeVar

from rich.text import Text

from .virtual_list import VirtualList

T = TypeVar("T")


class GroupedList(VirtualList, Generic[T]):
    """Rows are a heading (str) or an item; ``draw_item`` renders an item."""

    COMPONENT_CLASSES = VirtualList.COMPONENT_CLASSES | {"grouped-list--heading", "grouped-list--empty"}

    def __init__(self, draw_item: Callable[["GroupedList[T]", T, int], Text], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[str | T] = []
        self.draw_item = draw_item
        self.empty = "Nothing to show."

    def set_rows(self, rows: list[str | T], empty: str = "Nothing to show.") -> None:
        self.rows = rows
        self.empty = empty
        self.rows_changed(keep_cursor=False)

    @property
    def current(self) -> T | None:
        if 0 <= self.cursor < len(self.rows) and not isinstance(self.rows[self.cursor], str):
            return self.rows[self.cursor]  # type: ignore[return-value]
        return None

    def row_count(self) -> int:
        return len(self.rows) or 1

    def is_selectable(self, index: int) -> bool:
        return bool(self.rows) and not isinstance(self.rows[index], str)

    def row_lines(self, index: int, width: int) -> list[Text]:
        if not self.rows:
            return [Text(" " + self.empty, style=self.get_component_rich_style("grouped-list--empty"))]
        row = self.rows[index]
        if isinstance(row, str):
            return [Text(" " + row, style=self.get_component_rich_style("grouped-list--heading"))]
        return [self.draw_item(self, row, width)]
