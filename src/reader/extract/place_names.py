"""Names that are one place: "Irak" and "Iraq", "Bagdad" and "Baghdad".

The rules' ``same_places`` maps a canonical name to its other names (in the
other language, or another spelling).  :func:`place_key` gives every name of
a place one key, the folded canonical name; a name the table does not know is
its own key.  The index, the query language, following and comparing all ask
it, so ``place:Iraq`` finds "Irak" and following Bagdad follows Baghdad.  The
facts themselves keep the names as written.
"""

from __future__ import annotations

import functools
from typing import Any

from ..folding import fold
from .ruleset import Rules, get_rules, merge_for


class SamePlaces:
    """The ``same_places`` table of a set of rules, folded both ways."""

    def __init__(self, table: dict[str, list[Any]]) -> None:
        self.key: dict[str, str] = {}
        self.names: dict[str, tuple[str, ...]] = {}
        for canonical, others in table.items():
            key = fold(canonical)
            names = [key] + [fold(name) for name in others if isinstance(name, str)]
            for name in names:
                self.key.setdefault(name, key)
            self.names[key] = tuple(dict.fromkeys(self.names.get(key, ()) + tuple(names)))


def same_places(rules: Rules | None = None) -> SamePlaces:
    """The table of ``rules`` (default: the rules in use)."""
    return _table(rules or get_rules())


@functools.lru_cache(maxsize=4)
def _table(rules: Rules) -> SamePlaces:  # once per Rules (a reload makes a new one)
    return SamePlaces(merge_for("*", rules.sources).get("same_places") or {})


def place_key(name: Any) -> str:
    """The key shared by every name of this place: ``Iraq`` -> ``irak``."""
    folded = fold(name)
    return same_places().key.get(folded, folded)


def place_names(name: Any) -> tuple[str, ...]:
    """Every name (folded) of the place ``name`` names, itself included."""
    key = place_key(name)
    return same_places().names.get(key, (key,))
