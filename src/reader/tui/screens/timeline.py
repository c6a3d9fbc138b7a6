"""The ``t`` timeline: every dated fact of the corpus in date order, grouped by
month or week, with a bar chart of the counts over time.

``k`` changes the kind shown (dates, threat levels, units, all: facts other
than dates are placed at their document's date), ``w`` groups by week or
month, ``/`` narrows by a query (words and fact filters), Enter opens the
document at the fact.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...analysis import Bounded, Dated, counts_by, fit_months, sparkline, timeline
from ...library import Entry, Library
from ...model import FACT_KINDS
from ...wording import counted
from ..from_worker import from_worker
from ..widgets.grouped_list import GroupedList
from .list_modal import ListModal

#: Facts a timeline holds at most, from the newest documents on (about 55 MB
#: of items): at 100,000 generated documents, the dates of the newest 2,700.
MAX_FACTS = 100_000

KIND_CHOICES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("dates", ("date",)),
    ("threat levels", ("threat",)),
    ("units", ("unit",)),
    ("all facts", FACT_KINDS),
)


def draw_dated(widget: GroupedList, item: Dated, width: int) -> Text:
    line = Text(no_wrap=True)
    line.append(f"  {item.label[:22]:<22} ", widget.get_component_rich_style("grouped-list--heading"))
    words = " ".join(item.fact.text.split())
    if item.fact.kind != "date":
        words = f"{item.fact.kind}: {item.fact.described}  \u201c{words}\u201d"
    line.append(words)
    line.append(f"  \u2014 {item.entry.title}", widget.get_component_rich_style("virtual-list--dim"))
    return line


_BAR_NAMES = {3: "a quarter", 6: "half a year", 12: "a year"}


def chart(items: list[Dated], width: int) -> Text:
    """Counts over the whole span as bars, a month each, or a quarter, a year...
    when the months would not fit, with the first and last period beside them."""
    months = counts_by(items)
    if not months:
        return Text("")
    peak = max(months, key=lambda c: c[1])
    busiest = f"   busiest month: {peak[0]} ({peak[1]})"
    # the room left by the labels (the longest name of a bar) and the box's edges
    room = width - 6 - len(f" {months[0][0]}  {months[-1][0]} (half a year a bar)") - len(busiest)
    counts, step = fit_months(months, max(10, room))
    text = Text(f" {months[0][0]} ", no_wrap=True)  # the first and the last month, whatever a bar holds
    text.append(sparkline(counts), "bold")
    text.append(f" {months[-1][0]}")
    if step > 1:
        text.append(f" ({_BAR_NAMES.get(step) or f'{step // 12} years'} a bar)")
    text.append(busiest)
    return text


class TimelineScreen(ListModal):
    BINDINGS = [
        Binding("enter", "open", "Open"),
        Binding("K", "kind", "Kind"),
        Binding("w", "period", "Week/month"),
        Binding("slash", "narrow", "Narrow"),
        Binding("e", "export", "Export"),
    ]

    def __init__(self, library: Library, entries: list[Entry]) -> None:
        super().__init__()
        self.library = library
        self.entries = entries
        self.kind_index = 0
        self.period = "month"
        self.query_text = ""
        self.items: list[Dated] = []
        self._cut: tuple[int, int] | None = None  # (documents read, documents in all) when cut

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-box"):
            yield Static(id="timeline-title")
            yield Static(id="timeline-chart")
            yield Input(placeholder="narrow: words and filters, e.g. place:Irak threat:hoog", id="timeline-query")
            yield GroupedList(draw_dated, id="timeline")
            yield Static(Text(" Enter open \u00b7 K kind \u00b7 w week/month \u00b7 / narrow \u00b7 e export CSV \u00b7 Esc close"),
                         id="timeline-keys")

    def on_mount(self) -> None:
        self.query_one(GroupedList).focus()
        self.refresh_items()

    @work(thread=True, exclusive=True, group="timeline")
    def refresh_items(self) -> None:
        worker = get_current_worker()
        entries = self.entries  # newest first: what a cut leaves out is the oldest
        if self.query_text.strip():
            allowed = self.library.matching_paths(self.query_text)
            entries = [e for e in entries if e.path in allowed]
        kinds = KIND_CHOICES[self.kind_index][1]
        total = len(entries)
        read = Bounded(self.library.fact_pairs(entries, lambda: worker.is_cancelled, kinds), MAX_FACTS,
                       progress=lambda done: self.app.call_from_thread(self._reading, done, total))
        items = timeline(read, kinds)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, items, (read.documents, total) if read.cut else None)

    @from_worker
    def _reading(self, done: int, total: int) -> None:
        self.query_one("#timeline-title", Static).update(
            Text(f" Reading the facts of {done:,} of {total:,} documents\u2026", style="bold", no_wrap=True))

    @from_worker
    def _show(self, items: list[Dated], cut: tuple[int, int] | None = None) -> None:
        self.items = items
        self._cut = cut
        rows: list = []
        group = None
        for item in items:
            key = item.month if self.period == "month" else item.week
            if key != group:
                group = key
                rows.append(key)
            rows.append(item)
        # headings with their counts
        counts: dict[str, int] = {}
        for row in rows:
            if isinstance(row, str):
                counts[row] = 0
                last = row
            else:
                counts[last] += 1
        rows = [f"{row}  ({counts[row]})" if isinstance(row, str) else row for row in rows]
        self.query_one(GroupedList).set_rows(rows, "No dated facts here.")
        kind = KIND_CHOICES[self.kind_index][0]
        narrowed = f"  narrowed by: {self.query_text}" if self.query_text.strip() else ""
        if self._cut is not None:  # too many facts to hold: the newest documents' only
            read, total = self._cut
            where = f"the newest {read:,} of {total:,} documents (/ narrows)"
        else:
            where = counted(len({i.entry.path for i in items}), "document")
        self.query_one("#timeline-title", Static).update(
            Text(f" Timeline of {kind}: {len(items):,} in {where}, by {self.period}{narrowed}",
                 style="bold", no_wrap=True))
        self.query_one("#timeline-chart", Static).update(chart(items, self.size.width))

    def action_open(self) -> None:
        item = self.query_one(GroupedList).current
        if item is not None:
            self.dismiss((item.entry.path, item.fact))

    @on(GroupedList.Chosen)
    def _chosen(self, event: GroupedList.Chosen) -> None:
        self.action_open()

    def action_export(self) -> None:
        from ...export import timeline_csv, write_export

        try:
            path = write_export("timeline", "csv", timeline_csv(self.items))
        except OSError as err:
            self.notify(f"Export failed: {err}", markup=False, severity="error")
            return
        self.notify(f"{len(self.items)} timeline rows exported to {path}", markup=False)

    def action_kind(self) -> None:
        self.kind_index = (self.kind_index + 1) % len(KIND_CHOICES)
        self.refresh_items()

    def action_period(self) -> None:
        self.period = "week" if self.period == "month" else "month"
        self._show(self.items, self._cut)

    def action_narrow(self) -> None:
        self.add_class("-narrowing")
        self.query_one("#timeline-query", Input).focus()

    @on(Input.Submitted, "#timeline-query")
    def _narrowed(self, event: Input.Submitted) -> None:
        self.query_text = event.value
        self.query_one(GroupedList).focus()
        self.refresh_items()
