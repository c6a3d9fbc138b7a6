"""Property-based tests (hypothesis) over the loader and the extractor.

For any bytes, the loader gives a Document or a LoadError, nothing else, and
a Document has nothing in it that could drive a terminal.  For any text, the
extractor raises nothing, and every fact's text is exactly the slice of the
input it points at.
"""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.corpus import LoadError, document_from_bytes
from reader.corpus.safety import has_controls, sanitize
from reader.extract import extract, extract_document
from reader.model import Document

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Pieces that make the interesting inputs likely: headers of each format,
#: broken front matter, line ends, BOMs, escape sequences, markup, and the
#: words, numbers and dates the extractor looks for.
FRAGMENTS = [
    " date 2023-11 ", " date 2024-13-45 ", "---\n", "title: ", "date: 2023-02-29\n", "date: 2024-05-01\n",
    "tags: [a, b]\n", "!!python/object/apply:os.system ['true']\n", "&a [1]\n", "*a\n", "...\n",
    "# ", "## Kop\n", "- ", "> ", "```\n", "[link](https://x.example)", "**vet**", "_schuin_",
    "\n", "\r\n", "\r", "\t", " ", "\n\n", "\ufeff", "\x00", "\x1b]2;T\x07", "\x1b[2J", "\x9b", "\x9d52;c;QQ==\x9c",
    "\u202e", "\u200b", "[/]", "[@click=app.quit]x[/]", "é", "ë", "€", "全角", "🚀",
    "Het kabinet", "stuurt", "150 militairen", "zo'n 10", "ruim 800 agenten", "twee F-35's",
    "1 januari volgend jaar", "vorige maand", "in maart 2024", "2023-11-07", "gisteren", "half mei",
    "het dreigingsniveau is verhoogd van 3 naar 4", "substantieel", "niveau 4", "threat level severe",
    "Minister Kajsa Ollongren", "NAVO", "Irak", "Bagdad", "the UK", "three Chinooks", "12 months",
    "Nederland", "Defensie", "Rode Zee", "1.000", "2,5 miljoen", "5%", "KMar", "MIVD",
]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60).map("".join),
)
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "cp1252", "latin-1", "utf-8-sig"]


@st.composite
def file_bytes(draw) -> bytes:
    kind = draw(st.integers(0, 2))
    if kind == 0:
        return draw(st.binary(max_size=2000))
    text = draw(texts)
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace")
    if kind == 2 and data:  # damage it: cut, flip or splice bytes
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=8)) + data[cut + draw(st.integers(0, 4)):]
    if draw(st.booleans()) and encoding.startswith("utf-16") and not data.startswith((codecs.BOM_LE, codecs.BOM_BE)):
        data = codecs.BOM_LE + data
    return data


SUFFIXES = st.sampled_from(["a.txt", "b.md", "c.markdown", "d.text", "e", "f.MD", "name\x1b[2J.txt"])


def _one_line_safe(value: str | None) -> bool:
    return value is None or (not has_controls(value) and "\n" not in value)


@SETTINGS
@given(data=file_bytes(), name=SUFFIXES)
def test_any_bytes_give_a_document_or_a_load_error(data: bytes, name: str) -> None:
    try:
        doc = document_from_bytes(f"/corpus/{name}", data)
    except LoadError as err:
        assert _one_line_safe(err.reason)
        return
    assert isinstance(doc, Document)
    assert not has_controls(doc.text) and "\r" not in doc.text
    for field in ("title", "date", "language", "format", "source", "url"):
        assert _one_line_safe(getattr(doc, field)), (field, getattr(doc, field))
    assert doc.title, "a document always has a title to show"
    assert all(_one_line_safe(note) for note in doc.notes)
    assert all(_one_line_safe(tag) for tag in doc.tags)
    n = len(doc.text)
    for a, b in (doc.title_span, doc.body_span):
        assert 0 <= a <= b <= n, (doc.title_span, doc.body_span, n)
    if doc.date is not None:
        assert doc.date[:4].isdigit()
    for fact in extract_document(doc):
        assert fact.text == doc.text[fact.start : fact.end]


@SETTINGS
@given(text=texts)
def test_sanitize_is_one_for_one_and_complete(text: str) -> None:
    clean = sanitize(text)
    assert len(clean) == len(text)
    assert not has_controls(clean)
    assert all(a == b for a, b in zip(text, clean) if not has_controls(a))


@SETTINGS
@given(
    text=texts,
    language=st.sampled_from(["nl", "en", "de", ""]),
    doc_date=st.sampled_from([None, "2023", "2023-11", "2023-11-07", "2024-02-29", "9999-12", "x"]),
    cuts=st.lists(st.integers(0, 400), max_size=4),
)
def test_extract_never_raises_and_facts_point_at_their_words(text: str, language: str, doc_date: str | None,
                                                             cuts: list[int]) -> None:
    facts = extract(text, doc_date=doc_date, language=language)
    for fact in facts:
        assert 0 <= fact.start < fact.end <= len(text), fact
        assert fact.text == text[fact.start : fact.end], fact
    # Over regions of the text: facts only inside them, still pointing at their words.
    points = sorted({min(c, len(text)) for c in cuts})
    spans = list(zip(points[::2], points[1::2]))
    for fact in extract(text, spans=spans, doc_date=doc_date, language=language):
        assert fact.text == text[fact.start : fact.end], fact
        assert any(a <= fact.start and fact.end <= b for a, b in spans), (fact, spans)


def test_the_fragments_do_hold_facts() -> None:
    """The property above is not vacuous: the fragments it mixes are facts."""
    text = " ".join(FRAGMENTS[FRAGMENTS.index("Het kabinet"):])
    facts = extract(text, doc_date="2023-11", language="nl")
    assert len({fact.kind for fact in facts}) >= 3, facts
