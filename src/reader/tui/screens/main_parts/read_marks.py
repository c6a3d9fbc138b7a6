"""The reader's own marks on the main screen: documents read (after being
shown a while), documents and facts pinned, saved off the UI thread; and the
keys that change them (``u`` next unread, ``m`` read or unread, ``*`` pin)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from textual.timer import Timer

from ...from_worker import from_worker
from ...widgets.doc_list import DocList
from ...widgets.facts_panel import FactsPanel
from .part import ScreenPart

if TYPE_CHECKING:
    from ..main import ReaderScreen


class ReadMarks(ScreenPart):
    """The saved state (reader.state.State), read when the corpus is first listed."""

    def __init__(self, screen: ReaderScreen) -> None:
        super().__init__(screen)
        self.state = None  # reader.state.State, once read
        self._read_timer: Timer | None = None

    # -- reading and saving ------------------------------------------------
    def load(self) -> None:
        """On the UI thread: read the saved marks and show them."""
        self._set_state(self._read_state())

    def load_in_worker(self) -> None:
        """From a worker thread: read the saved marks, unless they are read
        already, and hand them to the UI."""
        if self.state is None:
            state = self._read_state()
            self.screen.app.call_from_thread(self._set_state, state)

    @staticmethod
    def _read_state():
        from ....state import State

        return State.load()

    @from_worker
    def _set_state(self, state) -> None:
        self.state = state
        docs = self.screen.query_one(DocList)
        docs.read = state.read_documents()
        docs.pinned = set(state.pinned_documents())
        docs.marks_changed()
        for notice in state.notices:
            self.screen.notify(notice, markup=False, severity="warning")

    def save(self) -> None:
        """Write read marks and pins (atomically) off the UI thread."""
        self.screen.run_worker(self._save, name="save_state", group="state", exclusive=True, thread=True)

    def _save(self) -> None:
        if self.state is not None:
            self.state.save()

    def _changed(self, path: str | None = None, facts: bool = False) -> None:
        """Read marks or pins changed (of ``path``, or of any document): redraw and save."""
        screen = self.screen
        docs = screen.query_one(DocList)
        if self.state is not None:
            docs.read = self.state.read_documents()
            docs.pinned = set(self.state.pinned_documents())
            if facts and screen.document is not None:
                panel = screen.query_one(FactsPanel)
                panel.pinned = set(self.state.pinned_facts(screen.document.path))
                panel.refresh_rows(panel.cursor)
        docs.marks_changed({path} if path else None)
        self.save()

    # -- a document on screen ----------------------------------------------
    def shown(self, path: str, read_after: float) -> None:
        """The document ``path`` is on screen: its pinned facts are marked in
        the facts panel, and after ``read_after`` seconds it counts as read."""
        if self._read_timer is not None:
            self._read_timer.stop()
        self._read_timer = self.screen.set_timer(read_after, functools.partial(self._mark_read, path))
        if self.state is not None:
            self.screen.query_one(FactsPanel).pinned = set(self.state.pinned_facts(path))

    def _mark_read(self, path: str) -> None:
        """A document shown for a while is read."""
        document = self.screen.document
        if document is None or document.path != path:
            return
        if self.state is not None and not self.state.is_read(path):
            self.state.mark_read(path)
            self._changed(path)

    # -- the keys ------------------------------------------------------------
    def next_unread(self) -> None:
        """``u``: open the next unread document of the list."""
        docs = self.screen.query_one(DocList)
        count = docs.row_count()
        for step in range(1, count + 1):
            row = (docs.cursor + step) % count
            entry = docs.entry_at(row)
            if not entry.error and entry.path not in docs.read:
                docs.cursor = row
                self.screen.open_now(entry)
                return
        self.screen.notify("No unread documents left in this list.", markup=False)

    def toggle_read(self) -> None:
        """``m``: the selected document read, or unread again."""
        entry = self.screen.query_one(DocList).current
        if entry is not None and self.state is not None:
            read = self.state.toggle_read(entry.path)
            self._changed(entry.path)
            self.screen.set_status(f"{'Read' if read else 'Unread'}: {entry.title}")

    def pin(self) -> None:
        """``*``: pin or unpin the selected document, or in the facts panel the selected fact."""
        if self.state is None:
            return
        screen = self.screen
        facts = screen.query_one(FactsPanel)
        if facts.has_focus and facts.current is not None and screen.document is not None:
            pinned = self.state.toggle_pin(screen.document.path, facts.current)
            screen.set_status(f"{'Pinned' if pinned else 'Unpinned'} fact: {facts.current.text}")
            self._changed(screen.document.path, facts=True)
            return
        entry = screen.query_one(DocList).current
        if entry is None:
            return
        pinned = self.state.toggle_pin(entry.path)
        screen.set_status(f"{'Pinned' if pinned else 'Unpinned'}: {entry.title}")
        self._changed(entry.path)
