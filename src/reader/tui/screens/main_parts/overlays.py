"""The screens that open over the main one (help, search, timeline, follow,
compare), each imported when first opened, and coming back from them: at
the words a search hit matched, or at the fact a timeline or follow row
names."""

from __future__ import annotations

from ....library import Entry
from ....model import Fact
from ...actions import MAIN_ACTIONS
from ...widgets.article import ArticleView
from ...widgets.doc_list import DocList
from ...widgets.facts_panel import FactsPanel


class OverlayActions:
    """A mixin of ReaderScreen: the keys ``?``, ``s``, ``t``, ``o`` and ``c``."""

    # What to show once the document picked in an overlay is open.
    _pending_find = ""  # the words of a search hit, for the find bar
    _pending_fact: Fact | None = None  # the fact of a timeline or follow row
    _compare_with: Entry | None = None  # the first document of a comparison (c pressed once)

    def action_help(self) -> None:
        from ..help import HelpScreen

        self.app.push_screen(HelpScreen(MAIN_ACTIONS))

    # -- search ----------------------------------------------------------------
    def action_search(self) -> None:
        from ..search import SearchScreen

        self.app.push_screen(SearchScreen(self.library), callback=self._open_hit)

    def _open_hit(self, hit) -> None:
        """Open a search result scrolled to the words it matched."""
        if hit is None:
            return
        from ..search import first_marked_words

        self._pending_find = first_marked_words(hit)
        if self._showing(hit.path):
            self._apply_pending_find()
        else:
            self.open_path(hit.path)

    def _apply_pending_find(self) -> None:
        words, self._pending_find = self._pending_find, ""
        if words:
            self._find_words(words)

    # -- timeline and follow: rows that name a fact ------------------------------
    def action_timeline(self) -> None:
        from ..timeline import TimelineScreen

        self.app.push_screen(TimelineScreen(self.library, self.entries), callback=self._open_at_fact)

    def action_follow(self) -> None:
        from ..follow import FollowScreen

        fact = self.query_one(FactsPanel).current if self._facts_visible() else None
        fact = fact or self.query_one(ArticleView).current_fact
        if fact is None:
            self.notify("Select a fact first: ] walks them, 3 focuses the facts panel.", markup=False)
            return
        self.app.push_screen(FollowScreen(self.library, self.entries, fact), callback=self._open_at_fact)

    def _open_at_fact(self, result) -> None:
        """Open the document of a timeline or follow row, at the fact."""
        if result is None:
            return
        path, fact = result
        self._pending_fact = fact
        if self.document is not None and self.document.path == path and self.facts:
            self._show_pending_fact()
        else:
            self.open_path(path)

    def _show_pending_fact(self) -> None:
        wanted, self._pending_fact = self._pending_fact, None
        if wanted is None:
            return
        key = (wanted.kind, wanted.start, wanted.end)
        fact = next((f for f in self.facts if (f.kind, f.start, f.end) == key), None)
        if fact is not None:
            self._go_to_fact(fact)

    # -- compare: c on one document, then on another -----------------------------
    def action_compare(self) -> None:
        from ..compare import CompareScreen

        entry = self.query_one(DocList).current
        if entry is None or entry.error:
            return
        first = self._compare_with
        if first is None or first.path == entry.path:
            self._compare_with = entry
            self.set_status(f"Compare: {entry.title} \u2014 now select another document and press c")
            return
        self._compare_with = None
        pairs = dict((e.path, (e, facts)) for e, facts in self.library.fact_pairs([first, entry]))
        if first.path in pairs and entry.path in pairs:
            self.app.push_screen(CompareScreen(pairs[first.path], pairs[entry.path]))
