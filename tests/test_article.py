"""The reading layout's header: what the meta line under the title says."""

from __future__ import annotations

from reader.article import layout
from reader.corpus import load_document

from .conftest import CORPUS


def meta_line(name: str) -> str:
    blocks = layout(load_document(CORPUS / name)).blocks
    return blocks[1].text


def test_the_meta_line_names_the_source_or_else_the_format_in_words() -> None:
    assert meta_line("2024-05-iraq-chinooks.md").split("  \u00b7  ")[:3] == ["2024-05-23", "en", "sample"]
    seed_format = meta_line("2023-12-irak-update.txt")
    assert seed_format.startswith("2023-12-14  \u00b7  nl  \u00b7  dated text")
    assert "seed" not in seed_format, "a sample in the seed's format is not the seed"
    assert meta_line("uk-threat-level-briefing.txt").startswith("no date  \u00b7  en  \u00b7  plain text")
