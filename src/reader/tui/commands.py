"""Command palette provider: open a document by its title."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher


def highlight(matcher: Matcher, label: str) -> Content:
    """The label with the matched letters marked; the label is never markup."""
    content = Content(label)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    for offset in offsets:
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class DocumentCommands(Provider):
    """Documents of the list, matched by title."""

    def _screen(self):
        from .screens.main import ReaderScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, ReaderScreen):
                return screen
        return None

    async def discover(self) -> Hits:
        screen = self._screen()
        if screen is None:
            return
        for entry in screen.entries[:20]:
            yield DiscoveryHit(Content(f"Open: {entry.title}"), partial(screen.open_path, entry.path),
                               text=f"Open: {entry.title}", help=entry.date or "no date")

    async def search(self, query: str) -> Hits:
        screen = self._screen()
        if screen is None:
            return
        matcher = self.matcher(query)
        for entry in screen.entries[:5000]:
            label = f"Open: {entry.title}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, highlight(matcher, label), partial(screen.open_path, entry.path),
                          text=label, help=entry.date or "no date")
