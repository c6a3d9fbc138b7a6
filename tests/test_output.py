"""``reader facts --format csv|markdown``: what a spreadsheet and a Markdown reader get."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from reader.model import Document, Fact
from reader.output import (
    CSV_COLUMNS,
    FACT_FORMATS,
    document_record,
    md_escape,
    render_csv,
    render_facts,
    render_markdown,
)

TEXT = (
    "=HYPERLINK(\"http://evil\") *Breaking* news\n\n"
    "Op 1 januari volgend jaar gaan 145 Nederlandse militairen naar Irak. "
    "Het niveau is verhoogd van significant naar hoog. Irak, Irak.\n"
    "- 3 graden, @home, +31 \"quoted\"\n"
)


def _span(words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


def _fact(kind: str, words: str, value=None, nth: int = 0, **attrs) -> Fact:
    start, end = _span(words, nth)
    return Fact(kind, words, start, end, value, attrs)


DOC = Document(
    path="corpus/=evil.txt",
    title="=HYPERLINK(\"http://evil\") *Breaking* news",
    date="2023-11",
    language="nl",
    format="text",
    text=TEXT,
    title_span=(0, 41),
    body_span=(43, len(TEXT)),
)
FACTS = [
    _fact("date", "1 januari volgend jaar", "2024-01-01"),
    _fact("unit", "145 Nederlandse militairen", count=145, category="personnel", what="militairen", approx=False,
          place="Irak"),
    _fact("place", "Irak", "Irak", 0),
    _fact("threat", "verhoogd van significant naar hoog", level="hoog", previous="significant", change="raised",
          subject="drones"),
    _fact("place", "Irak", "Irak", 1),
    _fact("place", "Irak", "Irak", 2),
    _fact("quantity", "- 3 graden", -3, unit="°C"),
    _fact("organization", "@home", "@home"),
    _fact("date", "1 januari", "2024-01-01", range=("2024-01-01", "2024-01-03"), mod="approx"),
    _fact("person", "+31 \"quoted\"", "Quoted", role="minister", extra_field="x"),
]
RECORD = document_record(DOC, FACTS)
EMPTY = document_record(
    Document("corpus/empty.txt", "Leeg", None, "en", "text", "Leeg\n", (0, 4), (4, 5)), []
)


def test_the_new_formats_are_offered_by_reader_facts() -> None:
    assert {"json", "yaml", "text", "csv", "markdown"} <= set(FACT_FORMATS)
    assert render_facts([RECORD], "csv") == render_csv([RECORD])
    assert render_facts([RECORD], "markdown") == render_markdown([RECORD])


def test_the_test_facts_point_at_their_words() -> None:
    for fact in FACTS:  # the test data itself keeps the contract
        assert TEXT[fact.start : fact.end] == fact.text


# -- CSV -------------------------------------------------------------------


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_a_header_and_one_row_per_fact() -> None:
    out = render_csv([RECORD, EMPTY])
    header = next(csv.reader(io.StringIO(out)))
    for column in ("document", "title", "kind", "text", "value", "start", "end", "count", "category", "what",
                   "approx", "place", "level", "previous", "change", "subject", "role", "unit", "mod", "range"):
        assert column in header
    assert header[: len(CSV_COLUMNS)] == list(CSV_COLUMNS)
    assert header[-1] == "extra_field"  # a field the columns do not name still comes out
    rows = _rows(out)
    assert len(rows) == len(FACTS)  # the document without facts has no row
    assert [r["kind"] for r in rows] == [f.kind for f in FACTS]


def test_csv_fields_flattened() -> None:
    rows = _rows(render_csv([RECORD]))
    unit = rows[1]
    assert (unit["count"], unit["category"], unit["what"], unit["approx"]) == ("145", "personnel", "militairen", "false")
    assert (int(unit["start"]), int(unit["end"])) == _span("145 Nederlandse militairen")
    threat = rows[3]
    assert (threat["level"], threat["previous"], threat["change"], threat["subject"]) == (
        "hoog", "significant", "raised", "drones")
    ranged = rows[8]
    assert ranged["range"] == "2024-01-01/2024-01-03" and ranged["mod"] == "approx"
    assert rows[9]["role"] == "minister" and rows[9]["extra_field"] == "x"
    assert rows[0]["value"] == "2024-01-01" and rows[0]["date"] == "2023-11" and rows[0]["language"] == "nl"


def test_csv_guards_against_formula_injection_in_document_text_only() -> None:
    rows = _rows(render_csv([RECORD]))
    # Cells from the documents that a spreadsheet would evaluate get an apostrophe ...
    assert rows[0]["title"] == "'=HYPERLINK(\"http://evil\") *Breaking* news"
    assert rows[0]["document"] == "corpus/=evil.txt"  # '=' not first: harmless
    assert rows[6]["text"] == "'- 3 graden"
    assert rows[7]["text"] == "'@home" and rows[7]["value"] == "'@home"
    assert rows[9]["text"] == "'+31 \"quoted\""  # quotes survive the round trip
    # ... numbers stay numbers, and text that is harmless is untouched.
    assert rows[6]["value"] == "-3"
    assert rows[2]["text"] == "Irak"
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or cell == "-3"


def test_csv_keeps_commas_newlines_and_quotes_inside_cells() -> None:
    text = 'Zei "nee", toen\nweer'
    doc = Document("/c/a.txt", "Titel, met komma", None, "nl", "text", text, (0, 3), (0, len(text)))
    out = render_csv([document_record(doc, [Fact("person", text, 0, len(text), "X")])])
    rows = _rows(out)
    assert len(rows) == 1
    assert rows[0]["text"] == text and rows[0]["title"] == "Titel, met komma"


def test_csv_of_nothing_is_just_the_header() -> None:
    assert render_csv([]).splitlines() == [",".join(CSV_COLUMNS)]


# -- Markdown ----------------------------------------------------------------


def test_markdown_is_a_brief_per_document_with_facts_by_kind() -> None:
    out = render_markdown([RECORD, EMPTY])
    lines = out.splitlines()
    assert lines[0] == "## \\=HYPERLINK(\"http://evil\") \\*Breaking\\* news"
    assert lines[2] == "2023-11 · nl · corpus/=evil.txt"
    headings = [line for line in lines if line.startswith("### ")]
    # In the panel's order of kinds, each once.
    assert headings == ["### Dates", "### Units", "### Quantities", "### Threat levels", "### Places",
                        "### People", "### Organizations"]
    section = out.split("### Dates\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert section == [  # in document order
        "- 2024-01-01/2024-01-03 approx — “1 januari”",
        "- 2024-01-01 — “1 januari volgend jaar”",
    ]
    places = out.split("### Places\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert places == ["- “Irak” (3×)"]  # three mentions, one bullet
    assert "- significant -\\> hoog — “verhoogd van significant naar hoog”" in lines
    assert "- \\-3 °C — “\\- 3 graden”" in lines
    assert "- 145 militairen · Irak — “145 Nederlandse militairen”" in lines  # where the unit is
    assert "- Quoted (minister) — “\\+31 \"quoted\"”" in lines
    # A document without facts says so under its own heading.
    assert out.split("## Leeg\n", 1)[1].strip().splitlines() == ["no date · en · corpus/empty.txt", "",
                                                                  "_No facts found._"]


@pytest.mark.parametrize(
    "text, shown",
    [
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("[link](http://x) ![img](y)", "\\[link\\](http://x) !\\[img\\](y)"),
        ("<script>alert(1)</script> &amp;", "\\<script\\>alert(1)\\</script\\> \\&amp;"),
        ("a | b ~~c~~ # d \\ e", "a \\| b \\~\\~c\\~\\~ \\# d \\\\ e"),
        ("- not a list", "\\- not a list"),
        ("+ not a list", "\\+ not a list"),
        ("12. not a list", "12\\. not a list"),
        ("> not a quote", "\\> not a quote"),
        ("two\nlines\r\n  and\tspace", "two lines and space"),
        ("esc \x1b[31m red", "esc \u241b\\[31m red"),
        ("gewoon 3.5 km (ongeveer)", "gewoon 3.5 km (ongeveer)"),
    ],
)
def test_md_escape_shows_exactly_the_words(text: str, shown: str) -> None:
    assert md_escape(text) == shown


def test_markdown_from_hostile_text_has_no_live_markup() -> None:
    nasty = "# Kop\n- [klik](javascript:alert(1)) <img src=x onerror=alert(1)> **vet** `code`"
    doc = Document("/c/n.md", nasty, "2024", "en", "markdown", nasty, (0, len(nasty)), (0, len(nasty)))
    out = render_markdown([document_record(doc, [Fact("organization", nasty, 0, len(nasty), "Org")])])
    # Every markup character from the document is escaped; the only live
    # markup is reader's own: headings, bullets and the brief's punctuation.
    unescaped = re.findall(r"(?<!\\)[*_`\[\]<>|~]", out)
    assert unescaped == []
    assert out.count("\n## ") == 0 and out.startswith("## \\# Kop - \\[klik\\]")
    assert all(line.startswith(("## ", "### ", "- ", "_No", "2024")) or line == "" for line in out.splitlines())


def test_json_output_is_unchanged_by_the_new_formats() -> None:
    data = json.loads(render_facts([RECORD], "json"))
    assert data[0]["facts"][0] == {"kind": "date", "text": "1 januari volgend jaar", "start": _span("1 januari volgend jaar")[0],
                                   "end": _span("1 januari volgend jaar")[1], "value": "2024-01-01"}


def test_facts_are_written_a_document_at_a_time_as_the_whole_would_be() -> None:
    import copy
    import json

    import yaml

    from reader.output import stream_facts

    records = [RECORD, EMPTY, copy.deepcopy(RECORD)]  # each document its own record, as reader facts makes them
    assert "".join(stream_facts(iter(records), "json")) == json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    assert "".join(stream_facts(iter(records), "yaml")) == yaml.safe_dump(
        records, allow_unicode=True, sort_keys=False, width=1000)
    assert "".join(stream_facts(iter(records), "markdown")) == render_markdown(records)
    for fmt in ("json", "yaml"):  # no document: still a valid, empty list
        assert "".join(stream_facts(iter([]), fmt)) == "[]\n"

    def two_then_fail():
        yield RECORD
        yield EMPTY
        raise AssertionError("read past what was asked for")

    for fmt in ("json", "yaml", "text", "markdown"):  # the first document is out before the rest is read
        chunks = stream_facts(two_then_fail(), fmt)
        assert "Irak" in next(chunks) and "Leeg" in next(chunks)
