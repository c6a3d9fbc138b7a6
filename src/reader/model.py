"""The shared words of reader: a Document and the Facts found in it.

Plain frozen dataclasses, no behaviour beyond small conveniences, no I/O.
Everything else (the corpus loader, the extractor, the store, the TUI and
the CLI) speaks in these terms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

#: The fact kinds of the contract (../shared/facts-schema.md), in the order
#: the facts panel groups them.
FACT_KINDS: tuple[str, ...] = (
    "date",
    "duration",
    "unit",
    "quantity",
    "threat",
    "place",
    "person",
    "organization",
)

#: How each kind is named as a group heading (facts panel, Markdown briefs).
KIND_TITLES: dict[str, str] = {
    "date": "Dates",
    "duration": "Durations",
    "unit": "Units",
    "quantity": "Quantities",
    "threat": "Threat levels",
    "place": "Places",
    "person": "People",
    "organization": "Organizations",
}


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact and the words it came from.

    ``start``/``end`` are offsets into the document's text (``Document.text``)
    so that ``text == document.text[start:end]`` always holds.  ``value`` is
    the normalized value where the kind has one (a TIMEX3 date, an ISO
    duration, a number, a canonical name); every other field of the contract
    (``mod``, ``range``, ``count``, ``category``, ``what``, ``approx``,
    ``level``, ``scale``, ``previous``, ``change``, ``subject``, ``role``,
    ``unit``) lives in ``attrs``.
    """

    kind: str
    text: str
    start: int
    end: int
    value: Any = None
    attrs: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        """A field of the contract by name, wherever it is kept."""
        if name == "value":
            return self.value if self.value is not None else default
        return self.attrs.get(name, default)

    def to_dict(self) -> dict[str, Any]:
        """The fact as the JSON contract spells it."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }
        if self.value is not None:
            out["value"] = self.value
        for key, val in self.attrs.items():
            if val is not None:
                out[key] = list(val) if isinstance(val, tuple) else val
        return out

    @property
    def display_value(self) -> str:
        """The normalized value in a few words, for lists and panels."""
        if self.kind == "unit":
            count = self.attrs.get("count")
            approx = "~" if self.attrs.get("approx") else ""
            what = self.attrs.get("what") or ""
            return f"{approx}{count} {what}".strip() if count is not None else str(what)
        if self.kind == "threat":
            level = self.attrs.get("level") or ""
            previous = self.attrs.get("previous")
            change = self.attrs.get("change")
            if previous:
                return f"{previous} -> {level}"
            if change == "unchanged":
                return f"{level} (unchanged)"
            return str(level)
        if self.kind == "quantity":
            approx = "~" if self.attrs.get("approx") else ""
            unit = self.attrs.get("unit") or ""
            return f"{approx}{_number(self.value)} {unit}".strip()
        if self.kind == "date":
            rng = self.attrs.get("range")
            text = f"{rng[0]}/{rng[1]}" if rng else str(self.value)
            mod = self.attrs.get("mod")
            return f"{text} {mod}" if mod else text
        if self.kind == "person" and self.attrs.get("role"):
            return f"{self.value} ({self.attrs['role']})"
        return "" if self.value is None else str(self.value)

    @property
    def described(self) -> str:
        """:attr:`display_value` and, for a unit placed by its sentence, where:
        "145 militairen · Bagdad"."""
        place = self.attrs.get("place") if self.kind == "unit" else None
        return f"{self.display_value} \u00b7 {place}" if place else self.display_value


def _number(value: Any) -> str:
    """A number for reading: whole numbers grouped by thousands (1,200,000)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


@dataclass(frozen=True, slots=True)
class Document:
    """A document of the corpus, decoded and made safe to show.

    ``text`` is the whole decoded file text, newlines normalized and control
    characters made harmless one character for one (so offsets survive).
    ``title_span`` and ``body_span`` say where in ``text`` the title and the
    body are; the header syntax around them (the seed's `` date`` line, YAML
    front matter) lies outside both.
    """

    path: str
    title: str
    date: str | None
    language: str
    format: str  # "seed", "markdown" or "text"
    text: str
    title_span: tuple[int, int]
    body_span: tuple[int, int]
    source: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what was odd about the file, one line each
    size: int = 0
    mtime: float = 0.0

    @property
    def body(self) -> str:
        return self.text[self.body_span[0] : self.body_span[1]]

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class DocumentError:
    """A file that could not be read as a document, and why in one line."""

    path: str
    reason: str
