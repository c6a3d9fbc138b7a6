"""A document laid out for reading: blocks of display text that remember
where each character came from.

The seed format and plain text become paragraphs (a short line standing
alone between paragraphs is a subheading); Markdown becomes headings,
paragraphs, list items, quotes, code and rules, with inline emphasis, code
and links turned into styled runs.  Every block keeps a map from display
offsets back to offsets in ``Document.text``, so a fact (which points into the
text) can be found on screen, and a place on screen can be traced to its words.

Pure: no Textual, no rich; the TUI turns blocks into styled lines.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .model import Document

#: Block kinds, in the words the stylesheet uses (``article--<kind>``).
TITLE, META, NOTE, HEADING, PARAGRAPH, ITEM, QUOTE, CODE, RULE, LINKS = (
    "title", "meta", "note", "heading", "paragraph", "item", "quote", "code", "rule", "links",
)

#: Markdown is laid out as Markdown up to this size; above it, as plain text
#: (the inline rules are linear, but a plain layout is cheaper still).
MARKDOWN_LIMIT = 2 * 1024 * 1024

_SUBHEADING_MAX = 70
_INLINE = re.compile(
    r"(?P<code>`+)(?P<code_text>.+?)(?P=code)"
    r"|!\[(?P<alt>[^\]\n]*)\]\((?P<img>[^)\s]*)(?:\s+\"[^\"]*\")?\)"
    r"|\[(?P<link_text>[^\]\n]+)\]\((?P<url>[^)\s]*)(?:\s+\"[^\"]*\")?\)"
    r"|(?P<strong>\*\*|__)(?P<strong_text>\S(?:.*?\S)?)(?P=strong)"
    r"|(?<![\w*])(?P<em>[*_])(?P<em_text>[^\s*_](?:[^*_\n]*?[^\s*_])?)(?P=em)(?![\w*])"
)
_LIST_ITEM = re.compile(r"([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+")
_PLAIN_ITEM = re.compile(r"[ \t]*([-*+\u2022]|\d{1,3}[.)]|\d{1,3} [-\u2013])[ \t]+(?=\S)")
_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+")
_RULE = re.compile(r"[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r"[ \t]{0,3}>[ \t]?")


@dataclass(frozen=True, slots=True)
class Run:
    """Display characters [start, start+length) came from source [source, source+length).

    ``source`` is None for characters the layout added (list bullets, link
    numbers): they point nowhere.
    """

    start: int
    length: int
    source: int | None


@dataclass(slots=True)
class Block:
    kind: str
    text: str = ""
    runs: list[Run] = field(default_factory=list)
    styles: list[tuple[int, int, str]] = field(default_factory=list)  # display spans: strong, em, code, link
    level: int = 0  # heading level, list depth
    prefix: str = ""  # drawn before the first line (bullets, quote bars)

    def add(self, text: str, source: int | None, style: str | None = None) -> None:
        """Append ``text``; ``source`` is where it starts in the document (or None)."""
        if not text:
            return
        start = len(self.text)
        self.text += text
        last = self.runs[-1] if self.runs else None
        if (
            source is not None
            and last is not None
            and last.source is not None
            and last.start + last.length == start
            and last.source + last.length == source
        ):
            self.runs[-1] = Run(last.start, last.length + len(text), last.source)
        else:
            self.runs.append(Run(start, len(text), source))
        if style:
            self.styles.append((start, start + len(text), style))

    @property
    def source_start(self) -> int | None:
        return next((r.source for r in self.runs if r.source is not None), None)

    @property
    def source_end(self) -> int | None:
        for run in reversed(self.runs):
            if run.source is not None:
                return run.source + run.length
        return None

    def to_display(self, source: int) -> int | None:
        """The display offset of source offset ``source``, if it is shown here."""
        for run in self.runs:
            if run.source is not None and run.source <= source < run.source + run.length:
                return run.start + source - run.source
        return None

    def to_display_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Display span covering the source span [start, end) as far as it is in this block."""
        first = last = None
        for run in self.runs:
            if run.source is None:
                continue
            lo, hi = max(start, run.source), min(end, run.source + run.length)
            if lo < hi:
                a, b = run.start + lo - run.source, run.start + hi - run.source
                first = a if first is None else min(first, a)
                last = b if last is None else max(last, b)
        return None if first is None else (first, last)


@dataclass
class Layout:
    blocks: list[Block]
    links: list[str]
    _starts: list[int] = field(default_factory=list, repr=False)
    _indexes: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        located = sorted(
            (b.source_start, i) for i, b in enumerate(self.blocks) if b.source_start is not None
        )
        self._starts = [s for s, _ in located]
        self._indexes = [i for _, i in located]

    def blocks_for_span(self, start: int, end: int) -> list[tuple[int, tuple[int, int]]]:
        """(block index, display span) of every block showing part of [start, end)."""
        out = []
        pos = max(0, bisect.bisect_right(self._starts, start) - 1)
        while pos < len(self._starts) and self._starts[pos] < max(end, start + 1):
            index = self._indexes[pos]
            span = self.blocks[index].to_display_span(start, end)
            if span is not None:
                out.append((index, span))
            pos += 1
        return out

#: The meta line names the source; without one, the file's format in words.
FORMAT_NAMES = {"seed": "dated text", "markdown": "Markdown", "text": "plain text"}


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the blank-line-separated paragraphs of text[start:end]."""
    spans = []
    for match in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", text[start:end]):
        a, b = match.start() + start, match.end() + start
        while b > a and text[b - 1] in "\n \t":
            b -= 1
        while a < b and text[a] in " \t":
            a += 1
        if b > a:
            spans.append((a, b))
    return spans


def _is_subheading(text: str, span: tuple[int, int], before: bool, after: bool) -> bool:
    piece = text[span[0] : span[1]]
    return (
        before
        and after
        and "\n" not in piece
        and len(piece) <= _SUBHEADING_MAX
        and piece[-1] not in ".!?:;,"
        and not piece[0].islower()
    )


def _flat(text: str) -> str:
    """Newlines and tabs inside a paragraph shown as spaces (one for one)."""
    return text.replace("\n", " ").replace("\t", " ")


def _header(doc: Document) -> list[Block]:
    blocks = []
    title = Block(TITLE)
    if doc.title_span[1] > doc.title_span[0]:
        title.add(_flat(doc.text[doc.title_span[0] : doc.title_span[1]]), doc.title_span[0])
    else:
        title.add(doc.title or "(untitled)", None)
    blocks.append(title)
    meta = Block(META)
    parts = [doc.date or "no date", doc.language, doc.source or FORMAT_NAMES.get(doc.format, doc.format)]
    if doc.tags:
        parts.append(", ".join(doc.tags))
    meta.add("  \u00b7  ".join(parts), None)
    blocks.append(meta)
    for note in doc.notes:
        blocks.append(Block(NOTE, f"note: {note}", [Run(0, len(note) + 6, None)]))
    return blocks


def _plain_blocks(text: str, start: int, end: int) -> list[Block]:
    """One paragraph of plain text: its lines joined, except that lines
    starting with a list marker (``- ``, ``* ``, ``• ``, ``1. ``, ``2) ``,
    ``3 - ``) each begin an item of their own, as the writer laid them out."""
    lines, pos = [], start
    for line in text[start:end].split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    if not any(_PLAIN_ITEM.match(line) for _, line in lines):
        block = Block(PARAGRAPH)
        block.add(_flat(text[start:end]), start)
        return [block]
    blocks: list[Block] = []
    for offset, line in lines:
        item = _PLAIN_ITEM.match(line)
        if item:
            marker = item.group(1)
            blocks.append(Block(ITEM, prefix="\u2022 " if marker in "-*+\u2022" else f"{marker} "))
            blocks[-1].add(_flat(line[item.end():]), offset + item.end())
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        if not blocks:
            blocks.append(Block(PARAGRAPH))
        elif line.strip():
            blocks[-1].add(" ", None)
        blocks[-1].add(_flat(line[indent:]), offset + indent)
    return blocks


def layout_plain(doc: Document) -> Layout:
    """Seed format and plain text: paragraphs, list items and standalone-line subheadings."""
    blocks = _header(doc)
    text = doc.text
    spans = _paragraphs(text, *doc.body_span)
    for i, span in enumerate(spans):
        if _is_subheading(text, span, i > 0, i < len(spans) - 1):
            block = Block(HEADING, level=2)
            block.add(_flat(text[span[0] : span[1]]), span[0])
            blocks.append(block)
        else:
            blocks.extend(_plain_blocks(text, *span))
    return Layout(blocks, [])


def _inline(block: Block, text: str, start: int, end: int, links: list[str]) -> None:
    """Add text[start:end] to ``block`` with Markdown inline syntax turned into styles."""
    pos = start
    for match in _INLINE.finditer(text, start, end):
        block.add(_flat(text[pos : match.start()]), pos)
        kind = match.lastgroup
        if match.group("code") is not None:
            block.add(_flat(match.group("code_text")), match.start("code_text"), "code")
        elif match.group("img") is not None:
            block.add("[image: ", None, "em")
            block.add(_flat(match.group("alt")), match.start("alt"), "em")
            block.add("]", None, "em")
        elif match.group("url") is not None:
            block.add(_flat(match.group("link_text")), match.start("link_text"), "link")
            links.append(match.group("url"))
            block.add(f"[{len(links)}]", None, "link")
        elif match.group("strong") is not None:
            block.add(_flat(match.group("strong_text")), match.start("strong_text"), "strong")
        elif kind is not None:
            block.add(_flat(match.group("em_text")), match.start("em_text"), "em")
        pos = match.end()
    block.add(_flat(text[pos:end]), pos)


def layout_markdown(doc: Document) -> Layout:
    """Markdown's block structure, line by line, with inline styles."""
    blocks = _header(doc)
    links: list[str] = []
    text = doc.text
    start, end = doc.body_span
    lines: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        lines.append((pos, stop))
        pos = stop + 1

    paragraph: Block | None = None
    fence: str | None = None
    code: Block | None = None

    def close() -> None:
        nonlocal paragraph
        if paragraph is not None and paragraph.text:
            blocks.append(paragraph)
        paragraph = None

    for a, b in lines:
        line = text[a:b]
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
                if code is not None:
                    blocks.append(code)
                code = None
                continue
            assert code is not None
            if code.text:
                code.add("\n", None)
            code.add(line.replace("\t", " "), a)
            continue
        if not line.strip():
            close()
            continue
        fenced = _FENCE.match(line)
        if fenced:
            close()
            fence = fenced.group(1)[0] * 3
            code = Block(CODE)
            continue
        heading = _HEADING.match(line)
        if heading:
            close()
            block = Block(HEADING, level=len(heading.group(1)))
            content_end = len(line.rstrip(" \t#")) + a
            _inline(block, text, heading.end() + a, max(content_end, heading.end() + a), links)
            blocks.append(block)
            continue
        if _RULE.match(line):
            close()
            blocks.append(Block(RULE))
            continue
        quote = _QUOTE.match(line)
        item = _LIST_ITEM.match(line)
        if quote:
            if paragraph is None or paragraph.kind != QUOTE:
                close()
                paragraph = Block(QUOTE)
            else:
                paragraph.add(" ", None)
            _inline(paragraph, text, a + quote.end(), b, links)
        elif item:
            close()
            marker = item.group(2)
            bullet = "\u2022 " if marker in "-*+" else f"{marker} "
            paragraph = Block(ITEM, level=len(item.group(1).expandtabs(4)) // 2, prefix=bullet)
            _inline(paragraph, text, a + item.end(), b, links)
        else:
            if paragraph is None:
                paragraph = Block(PARAGRAPH)
            else:
                paragraph.add(" ", None)
            offset = len(line) - len(line.lstrip(" \t"))
            _inline(paragraph, text, a + offset, b, links)
    close()
    if code is not None:
        blocks.append(code)
    if links:
        block = Block(LINKS)
        for number, url in enumerate(links, 1):
            block.add(("\n" if number > 1 else "") + f"[{number}] {url}", None)
        blocks.append(Block(HEADING, "Links", [Run(0, 5, None)], level=3))
        blocks.append(block)
    return Layout(blocks, links)


def layout(doc: Document) -> Layout:
    """The reading layout of ``doc`` by its format."""
    if doc.format == "markdown" and doc.body_span[1] - doc.body_span[0] <= MARKDOWN_LIMIT:
        return layout_markdown(doc)
    return layout_plain(doc)
