"""Counts in words: ``1 document``, ``2 documents``."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` followed by ``noun``, in the plural unless it is exactly one."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
