"""Every user action, declared once: id, keys, words.

The screen's key bindings, the footer, the ``?`` help screen and the command
palette are all derived from this list, and a user's key overrides address
actions by ``id`` (see the config).  To add an action, add a line here and a
method ``action_<name>`` on the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class Action:
    id: str  # stable name, for key overrides
    name: str  # the screen's action_<name>
    keys: str  # Textual key names, comma-separated
    label: str  # the footer's word
    help: str  # one sentence for help and the palette
    footer: bool = True
    key_display: str | None = None
    palette: bool = True

    @property
    def key_text(self) -> str:
        """The default keys as a person reads them."""
        return self.key_display or readable_keys(self.keys)


def readable_keys(keys: str) -> str:
    return " ".join(_KEY_NAMES.get(k, k) for k in keys.split(","))


def key_text(action: Action, keymap: dict[str, str]) -> str:
    """The keys in force for ``action``, after the user's overrides by id."""
    override = keymap.get(action.id)
    return readable_keys(override) if override else action.key_text


_KEY_NAMES = {
    "down": "\u2193",
    "up": "\u2191",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "space": "Space",
    "slash": "/",
    "question_mark": "?",
    "escape": "Esc",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "asterisk": "*",
    "f1": "F1",
}

MAIN_ACTIONS: tuple[Action, ...] = (
    Action("help", "help", "question_mark,f1", "Help", "Show every key and what it does"),
    Action("quit", "quit", "q", "Quit", "Leave reader"),
    Action("toggle-facts", "toggle_facts", "f", "Facts", "Show or hide the facts panel"),
    Action("find", "slash", "slash", "Filter/Find",
           "In the list: filter titles as you type; in the article: find in the text"),
    Action("next-document", "next_document", "n", "Next", "Open the next document of the list"),
    Action("previous-document", "previous_document", "p", "Prev", "Open the previous document of the list"),
    Action("previous-match", "previous_match", "N", "Prev match",
           "While finding in the article: go to the previous match (n goes to the next)"),
    Action("next-fact", "next_fact", "right_square_bracket", "Fact\u2192",
           "Go to the next fact of the article: scroll to its words and select it"),
    Action("previous-fact", "previous_fact", "left_square_bracket", "\u2190Fact",
           "Go to the previous fact of the article"),
    Action("mark-facts", "mark_facts", "h", "Marks", "Mark every fact in the article text, by kind"),
    Action("search", "search", "s", "Search",
           "Search the whole corpus: words, phrases, prefixes and facts (place:Irak threat:hoog)"),
    Action("timeline", "timeline", "t", "Timeline",
           "A timeline of the dated facts of the whole corpus, with a chart of counts over time"),
    Action("follow", "follow", "o", "Follow",
           "Follow the selected fact's subject across documents: every mention and how its value changed "
           "(a unit's, place by place)"),
    Action("compare", "compare", "c", "Compare",
           "Compare two documents: press c on one, then on another; shared and conflicting facts aligned"),
    Action("next-unread", "next_unread", "u", "Unread", "Open the next unread document"),
    Action("toggle-read", "toggle_read", "m", "Read", "Mark the selected document read or unread"),
    Action("pin", "pin", "asterisk", "Pin",
           "Pin or unpin the selected document (or, in the facts panel, the selected fact)"),
    Action("export", "export", "e", "Export",
           "Export the document's facts as a Markdown brief (in the timeline: the rows as CSV; in search: the results)"),
    Action("copy", "copy", "y", "Copy",
           "Copy the selected fact, or the document's link or path, to the clipboard (OSC 52: works over SSH)"),
    Action("rescan", "rescan", "r", "Rescan", "Read the corpus folder again for new, changed or removed files"),
    Action("cursor-down", "cursor_down", "down,j", "Down", "Move down in the focused pane", palette=False),
    Action("cursor-up", "cursor_up", "up,k", "Up", "Move up in the focused pane", palette=False),
    Action("open", "open", "enter", "Open",
           "Open the selected document, or go to the selected fact in the article"),
    Action("next-pane", "next_pane", "tab", "Pane", "Focus the next pane"),
    Action("previous-pane", "previous_pane", "shift+tab", "Pane", "Focus the previous pane"),
    Action("focus-list", "focus_list", "1", "List", "Focus the document list"),
    Action("focus-article", "focus_article", "2", "Article", "Focus the article"),
    Action("focus-facts", "focus_facts", "3", "Facts", "Focus the facts panel"),
    Action("top", "top", "g,home", "Top", "Go to the top of the focused pane"),
    Action("bottom", "bottom", "G,end", "Bottom", "Go to the bottom of the focused pane"),
    Action("page-down", "page_down", "space,pagedown", "PgDn", "Page down in the article"),
    Action("page-up", "page_up", "b,pageup", "PgUp", "Page up in the article"),
    Action("close", "close", "escape", "Close", "Close the filter, the find bar or the facts overlay", palette=False),
)


def bindings(actions: tuple[Action, ...]) -> list[Binding]:
    """Textual bindings for ``actions``: one per action, keys comma-separated."""
    return [
        Binding(
            action.keys,
            action.name,
            action.label,
            show=action.footer,
            key_display=action.key_display,
            id=action.id,
        )
        for action in actions
    ]
