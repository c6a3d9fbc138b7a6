"""Taking things out of reader from the main screen: the document's facts as
a Markdown brief (``e``), and a fact, link or path to the clipboard (``y``)."""

from __future__ import annotations

from ...widgets.article import ArticleView
from ...widgets.doc_list import DocList
from ...widgets.facts_panel import FactsPanel


class ExportAndCopy:
    """A mixin of ReaderScreen: the keys ``e`` and ``y``."""

    def action_export(self) -> None:
        from ....export import document_brief, write_export

        entry = self.query_one(DocList).current
        if self.document is None or entry is None or entry.path != self.document.path:
            self.notify("Open a document first.", markup=False)
            return
        try:
            path = write_export(f"{self.document.name}-facts", "md", document_brief(entry, self.facts))
        except OSError as err:
            self.notify(f"Export failed: {err}", markup=False, severity="error")
            return
        self.set_status(f"Exported {len(self.facts)} facts to {path}")
        self.notify(f"Facts exported to {path}", markup=False)

    def action_copy(self) -> None:
        fact = self.query_one(FactsPanel).current if self.query_one(FactsPanel).has_focus else None
        fact = fact or self.query_one(ArticleView).current_fact
        if fact is not None:
            text = f"{fact.described} \u2014 \u201c{fact.text}\u201d"
            what = "fact"
        elif self.document is not None:
            text = self.document.url or self.document.path
            what = "link" if self.document.url else "path"
        else:
            return
        self.app.copy_to_clipboard(text)
        self.set_status(f"Copied the {what} to the clipboard: {text[:80]}")
