"""Where reader keeps its own state: XDG cache, data and config folders.

The corpus is never written to; everything reader writes lives here.
Each folder can be moved with the usual XDG variables, and all of them at
once with READER_HOME (handy for tests and for portable setups).
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "reader"


def _base(xdg_var: str, fallback: str) -> Path:
    home = os.environ.get("READER_HOME")
    if home:
        return Path(home) / fallback.rsplit("/", 1)[-1]
    value = os.environ.get(xdg_var)
    if value and os.path.isabs(value):
        return Path(value) / APP
    return Path.home() / fallback / APP


def cache_dir() -> Path:
    """The index and other things that can be rebuilt."""
    return _base("XDG_CACHE_HOME", ".cache")


def data_dir() -> Path:
    """Read marks, pins: the user's own data."""
    return _base("XDG_DATA_HOME", ".local/share")


def config_dir() -> Path:
    """config.yaml and the user's extra extraction rules."""
    return _base("XDG_CONFIG_HOME", ".config")
