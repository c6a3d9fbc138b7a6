"""Where the bundled corpus and styles are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name  # src/reader -> the checkout's top


def bundled_corpus() -> Path:
    return _find("corpus")


def stylesheet(name: str = "reader.tcss") -> Path:
    """``reader.tcss``: the main screen; ``screens.tcss``: the screens over it."""
    return _find("styles") / name
