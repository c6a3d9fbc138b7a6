"""The filter bar (``/`` in the list: title words and ``key:value`` fact
filters) and the find bar (``/`` in the article), mounted when first opened
and closed with Esc."""

from __future__ import annotations

from textual import work
from textual.widgets import Input
from textual.worker import get_current_worker

from ...from_worker import from_worker
from ...list_filter import split_filter
from ...widgets.article import ArticleView
from ...widgets.doc_list import DocList


class FilterAndFindBars:
    """A mixin of ReaderScreen: the two bars, and the keys ``/``, ``N`` and Esc.

    Its handlers are named the Textual way (``on_input_changed``): handlers
    made with ``@on`` are only found on the screen's own class."""

    def _bar(self, name: str) -> Input:
        """The filter bar (``filter``, above the list) or the find bar (``find``,
        under the article), mounted the first time it is asked for."""
        bar = self._mounted(name, Input)
        if bar is None:
            if name == "filter":
                bar = Input(placeholder="filter titles\u2026", id="filter")
                self.query_one("#list-pane").mount(bar, before="#docs")
            else:
                bar = Input(placeholder="find in article\u2026", id="find")
                self.query_one("#article-pane").mount(bar, after="#article")
        return bar  # type: ignore[return-value]

    def action_slash(self) -> None:
        if self._pane() is self.query_one(ArticleView):
            self._open_bar("find", "-finding")
        else:
            self._open_bar("filter", "-filtering")

    def _show_bar(self, name: str, state: str) -> Input:
        """Show the filter or find bar now.

        The stylesheet shows the bar for the screen's ``state`` class, but
        styles are applied on the next refresh; keys typed in the same burst
        (a paste, or a fast link) must already go to the bar, so it is made
        visible here.
        """
        self.add_class(state)
        bar = self._bar(name)
        bar.display = True
        return bar

    def _open_bar(self, name: str, state: str) -> None:
        """Show the filter or find bar and give it the keys that follow at once."""
        self._focus(self._show_bar(name, state))

    def _find_words(self, words: str) -> None:
        """Show the find bar holding ``words``, found in the article (the focus stays)."""
        bar = self._show_bar("find", "-finding")
        bar.value = words
        self.query_one(ArticleView).find(words)

    def action_close(self) -> None:
        focused = self.focused
        filter_bar, find_bar = self._mounted("filter", Input), self._mounted("find", Input)
        if filter_bar is not None and (focused is filter_bar or self.has_class("-filtering") and focused is self.query_one(DocList)):
            filter_bar.value = ""
            filter_bar.display = False
            self.remove_class("-filtering")
            self._focus(self.query_one(DocList))
        elif find_bar is not None and (focused is find_bar or self.has_class("-finding")):
            find_bar.value = ""
            self.query_one(ArticleView).clear_find()
            find_bar.display = False
            self.remove_class("-finding")
            self._focus(self.query_one(ArticleView))
            self.update_titles()
        elif self.has_class("-narrow") and self.has_class("-facts-open"):
            self.action_toggle_facts()

    def action_previous_match(self) -> None:
        article = self.query_one(ArticleView)
        if self.has_class("-finding") and article.matches:
            article.next_match(-1)
            self.update_titles()

    # -- typing in the bars ------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            words, filters = split_filter(event.value)
            if filters:
                self.filter_by_facts(words, filters)
            else:
                self.query_one(DocList).set_filter(words)
                self.update_titles()
        elif event.input.id == "find":
            self.query_one(ArticleView).find(event.value)
            self.update_titles()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a bar goes back to its pane."""
        if event.input.id == "filter":
            self._focus(self.query_one(DocList))
        elif event.input.id == "find":
            self._focus(self.query_one(ArticleView))

    @work(thread=True, exclusive=True, group="filter")
    def filter_by_facts(self, words: str, filters: str) -> None:
        """``place:Irak threat:hoog`` in the list filter: ask the index."""
        allowed = self.library.matching_paths(filters)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._apply_fact_filter, words, allowed)

    @from_worker
    def _apply_fact_filter(self, words: str, allowed: set[str]) -> None:
        self.query_one(DocList).set_filter(words, allowed)
        self.update_titles()
