"""Focus and movement on the main screen: which pane has the keys, moving in
it, showing and hiding the facts panel, and stepping through the list."""

from __future__ import annotations

from textual.widget import Widget

from ...widgets.article import ArticleView
from ...widgets.doc_list import DocList
from ...widgets.facts_panel import FactsPanel


class PaneActions:
    """A mixin of ReaderScreen: the keys that go to the focused pane, and the
    focus keys (Tab, 1, 2, 3, f)."""

    # -- which pane ----------------------------------------------------------
    def _focus(self, widget: Widget) -> None:
        """Focus now, not after the next refresh, so keys already on their way
        (``2G`` typed fast) go to the pane they were meant for."""
        if widget.focusable:
            self.set_focus(widget, scroll_visible=False)
        else:  # shown by a class just set: focus once the styles are applied
            widget.focus(scroll_visible=False)

    def _pane(self) -> Widget | None:
        """The focused pane (the filter bar counts as the list, the find bar as the article)."""
        focused = self.focused
        if focused is not None and focused.id == "filter":
            return self.query_one(DocList)
        if focused is not None and focused.id == "find":
            return self.query_one(ArticleView)
        return focused

    def _panes(self) -> list[Widget]:
        panes: list[Widget] = [self.query_one(DocList), self.query_one(ArticleView)]
        if self._facts_visible():
            panes.append(self.query_one(FactsPanel))
        return panes

    def _focus_step(self, step: int) -> None:
        panes = self._panes()
        pane = self._pane()
        index = panes.index(pane) if pane in panes else -1
        self._focus(panes[(index + step) % len(panes)])

    def action_next_pane(self) -> None:
        self._focus_step(1)

    def action_previous_pane(self) -> None:
        self._focus_step(-1)

    def action_focus_list(self) -> None:
        self._focus(self.query_one(DocList))

    def action_focus_article(self) -> None:
        self._focus(self.query_one(ArticleView))

    def action_focus_facts(self) -> None:
        self._show_facts_panel()
        self._focus(self.query_one(FactsPanel))

    # -- the facts panel: beside the article, or over it when narrow ---------
    def _facts_visible(self) -> bool:
        if self.has_class("-narrow"):
            return self.has_class("-facts-open")
        return not self.has_class("-facts-hidden")

    def _show_facts_panel(self) -> None:
        if self.has_class("-narrow"):
            self.add_class("-facts-open")
        else:
            self.remove_class("-facts-hidden")

    def action_toggle_facts(self) -> None:
        facts = self.query_one(FactsPanel)
        if self.has_class("-narrow"):
            self.toggle_class("-facts-open")
            if self.has_class("-facts-open"):
                self._focus(facts)
            elif facts.has_focus:
                self._focus(self.query_one(ArticleView))
        else:
            self.toggle_class("-facts-hidden")
            if self.has_class("-facts-hidden") and facts.has_focus:
                self._focus(self.query_one(ArticleView))

    # -- moving in the focused pane ------------------------------------------
    def _move(self, method: str) -> None:
        pane = self._pane()
        if pane is not None and hasattr(pane, method):
            getattr(pane, method)()

    def action_cursor_down(self) -> None:
        self._move("cursor_down")

    def action_cursor_up(self) -> None:
        self._move("cursor_up")

    def action_top(self) -> None:
        self._move("go_top")

    def action_bottom(self) -> None:
        self._move("go_bottom")

    def action_page_down(self) -> None:
        self.query_one(ArticleView).page_down()

    def action_page_up(self) -> None:
        self.query_one(ArticleView).page_up()

    def action_open(self) -> None:
        pane = self._pane()
        if isinstance(pane, DocList):
            pane.choose()
        elif isinstance(pane, FactsPanel):
            fact = pane.next_mention() if len(pane.mentions.get(pane.cursor, ())) > 1 else pane.current
            if fact is not None:
                self.query_one(ArticleView).highlight_fact(fact)
                self.update_titles()

    # -- the next and previous document of the list --------------------------
    def _step_document(self, step: int) -> None:
        docs = self.query_one(DocList)
        docs.move_to(docs.cursor + step, step)
        entry = docs.current
        if entry is not None and not self._showing(entry.path):
            self.open_now(entry)

    def action_next_document(self) -> None:
        article = self.query_one(ArticleView)
        if self.has_class("-finding") and article.matches and self._pane() is article:
            article.next_match(1)  # n finds the next match while finding in the article
            self.update_titles()
            return
        self._step_document(1)

    def action_previous_document(self) -> None:
        self._step_document(-1)
