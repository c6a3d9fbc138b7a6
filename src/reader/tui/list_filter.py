"""The text of the list filter (``/`` in the list), split into its two kinds of words."""

from __future__ import annotations


def split_filter(text: str) -> tuple[str, str]:
    """The list filter's title words, and its ``key:value`` fact filters."""
    import shlex

    try:
        tokens = shlex.split(text)
    except ValueError:
        tokens = text.split()
    words = [t for t in tokens if ":" not in t]
    filters = []
    for token in tokens:
        key, colon, value = token.partition(":")
        if colon and value:
            filters.append(f'{key}:"{value}"' if " " in value else token)
    return " ".join(words), " ".join(filters)
