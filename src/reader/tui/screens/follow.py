"""Follow a subject (``o`` on a fact): every document that mentions it, oldest
first, and how its value changed: a threat level, a unit's count, a name."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static
from textual.worker import get_current_worker

from ...analysis import Bounded, Mention, by_place, changes, follow, subject_of, subject_query
from ...library import Entry, Library
from ...model import Fact
from ...wording import counted
from ..from_worker import from_worker
from ..widgets.grouped_list import GroupedList
from .list_modal import ListModal


#: Facts of the subject's kind read at most, from the newest documents on: a
#: generated document names some 50 places, so at 100,000 documents the story
#: of a place is that of the newest three thousand or so.
MAX_FACTS = 150_000


def draw_mention(widget: GroupedList, mention: Mention, width: int) -> Text:
    line = Text(no_wrap=True)
    changed = getattr(widget, "changed", set())
    marker = "\u25cf" if id(mention) in changed else " "
    line.append(f" {marker} {mention.entry.date or 'no date':<10} ")
    line.append(f"{mention.fact.display_value[:28]:<28} ", "bold")
    line.append(f"\u201c{' '.join(mention.fact.text.split())}\u201d  ")
    line.append(f"\u2014 {mention.entry.title}", widget.get_component_rich_style("virtual-list--dim"))
    return line


def describe(fact: Fact) -> str:
    kind, key = subject_of(fact)
    if kind == "threat":
        return f"threat level for {fact.attrs.get('subject') or 'an unnamed subject'}"
    if kind == "unit":
        return f"unit: {fact.attrs.get('what') or fact.text}"
    return f"{kind}: {fact.value or fact.text}"


def _steps(story: list[Mention]) -> str:
    """How a value went: "145 (2023-12-14) \u2192 150 (2024-06-20)"."""
    return " \u2192 ".join(f"{m.value} ({m.entry.date or '?'})" for m in story if m.value)


class FollowScreen(ListModal):
    BINDINGS = [
        Binding("enter", "open", "Open"),
    ]

    def __init__(self, library: Library, entries: list[Entry], fact: Fact) -> None:
        super().__init__()
        self.library = library
        self.entries = entries
        self.fact = fact

    def compose(self) -> ComposeResult:
        with Vertical(id="follow-box"):
            yield Static(Text(f" Following {describe(self.fact)}", style="bold", no_wrap=True), id="follow-title")
            yield Static(id="follow-story")
            yield GroupedList(draw_mention, id="mentions")
            yield Static(Text(" \u25cf the value changed here \u00b7 Enter open \u00b7 Esc close"), id="follow-keys")

    def on_mount(self) -> None:
        self.query_one(GroupedList).focus()
        self.collect()

    @work(thread=True, exclusive=True, group="follow")
    def collect(self) -> None:
        worker = get_current_worker()
        entries = self.entries  # newest first: what a cut leaves out is the oldest
        if self.library.index() is not None:  # only the documents that may mention it
            allowed = self.library.matching_paths(subject_query(self.fact))
            entries = [e for e in entries if e.path in allowed]
        total = len(entries)
        read = Bounded(self.library.fact_pairs(entries, lambda: worker.is_cancelled, (self.fact.kind,)), MAX_FACTS,
                       progress=lambda done: self.app.call_from_thread(self._reading, done, total))
        mentions = follow(read, subject_of(self.fact))
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, mentions, (read.documents, total) if read.cut else None)

    @from_worker
    def _reading(self, done: int, total: int) -> None:
        self.query_one("#follow-story", Static).update(Text(f" Reading {done:,} of {total:,} documents\u2026"))

    @from_worker
    def _show(self, mentions: list[Mention], cut: tuple[int, int] | None = None) -> None:
        widget = self.query_one(GroupedList)
        documents = len({m.entry.path for m in mentions})
        summary = f" {counted(len(mentions), 'mention')} in {counted(documents, 'document')}"
        if cut is not None:  # too many to hold: the newest documents' only
            summary += f" (of the newest {cut[0]:,} of {cut[1]:,} that may mention it)"
        groups = by_place(mentions) if self.fact.kind == "unit" else []
        if any(place is not None for place, _ in groups):
            # a unit's count tells a story per place: 145 in Bagdad, 450 in Gao
            rows: list[str | Mention] = []
            changed: set[int] = set()
            for place, group in groups:
                if place is None:  # no story: these need not be the same troops
                    rows.append(f"no place named in the sentence ({len(group)})")
                else:
                    story = changes(group)
                    changed.update(id(m) for m in story)
                    steps = _steps(story)
                    rows.append(f"{place} ({len(group)})" + (f": {steps}" if steps else ""))
                rows.extend(group)
            summary += f", {counted(sum(1 for place, _ in groups if place), 'place')}"
        else:
            story = changes(mentions)
            changed = {id(m) for m in story}
            rows = list(mentions)
            steps = _steps(story)
            summary += f": {steps}" if steps else ""
        widget.changed = changed  # type: ignore[attr-defined]
        widget.set_rows(rows, "No mentions found.")
        here = next((i for i, row in enumerate(rows) if isinstance(row, Mention) and row.fact == self.fact), None)
        if here is not None:  # start at the mention followed from
            widget.move_to(here)
        self.query_one("#follow-story", Static).update(Text(summary))

    def action_open(self) -> None:
        mention = self.query_one(GroupedList).current
        if mention is not None:
            self.dismiss((mention.entry.path, mention.fact))

    @on(GroupedList.Chosen)
    def _chosen(self, event: GroupedList.Chosen) -> None:
        self.action_open()
