"""The facts of the article on the main screen: walking them in text order
(``]`` and ``[``), going to one, and marking them all in the text (``h``)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ....model import Fact
from ...widgets.article import LEGEND, ArticleView
from ...widgets.facts_panel import FactsPanel


class FactWalk:
    """A mixin of ReaderScreen: the keys ``]``, ``[`` and ``h``."""

    def _facts_in_text_order(self) -> list[Fact]:
        return sorted(self.facts, key=lambda f: (f.start, f.end))

    def _fact_label(self, fact: Fact) -> str:
        """``fact 3/27 · place Doetinchem``: where the walk is, for the article's title."""
        ordered = self._facts_in_text_order()
        value = " ".join((fact.described or fact.text).split())
        return f"fact {ordered.index(fact) + 1}/{len(ordered)} \u00b7 {fact.kind} {value}"

    def _go_to_fact(self, fact: Fact) -> None:
        """Show ``fact``'s words in the article and select it in the facts panel.

        Side by side the facts panel opens to show the selection; in the
        narrow layout its overlay would hide the words, so the article stays
        in view and its title names the fact."""
        if not self.has_class("-narrow"):
            self._show_facts_panel()
        self.query_one(FactsPanel).select_fact(fact)
        self.query_one(ArticleView).highlight_fact(fact)
        self.update_titles()

    def _step_fact(self, step: int) -> None:
        if not self.facts:
            return
        ordered = self._facts_in_text_order()
        current = self.query_one(ArticleView).current_fact
        if current is None or current not in ordered:
            index = 0 if step > 0 else len(ordered) - 1
        else:
            index = (ordered.index(current) + step) % len(ordered)
        self._go_to_fact(ordered[index])

    def action_next_fact(self) -> None:
        self._step_fact(1)

    def action_previous_fact(self) -> None:
        self._step_fact(-1)

    def action_mark_facts(self) -> None:
        marked = self.query_one(ArticleView).toggle_marks()
        if marked and self._mounted("legend", Static) is None:
            self.query_one("#facts-pane").mount(Static(Text(LEGEND), id="legend"))
        self.set_class(marked, "-marking")
