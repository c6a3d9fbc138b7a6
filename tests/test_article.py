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


def test_list_lines_in_plain_text_stay_items_and_keep_their_place_in_the_file(tmp_path) -> None:
    path = tmp_path / "lijst.txt"
    path.write_text("Niveaus van dreiging\n\nEr zijn vijf niveaus:\n1 - minimaal: geen aanwijzingen;\n"
                    "2 - beperkt: klein,\n  maar niet uit te sluiten.\n- hoog in Irak\n\nGewone tekst\nloopt door.\n",
                    encoding="utf-8")
    doc = load_document(path)
    body = [b for b in layout(doc).blocks[2:]]
    assert [(b.kind, b.prefix + b.text) for b in body] == [
        ("paragraph", "Er zijn vijf niveaus:"),
        ("item", "1 - minimaal: geen aanwijzingen;"),
        ("item", "2 - beperkt: klein, maar niet uit te sluiten."),
        ("item", "\u2022 hoog in Irak"),
        ("paragraph", "Gewone tekst loopt door."),
    ]
    start = doc.text.index("Irak")
    item = body[3]
    a, b = item.to_display_span(start, start + 4)
    assert item.text[a:b] == "Irak"
