"""``reader index`` and ``reader search``: the index from the command line.

    reader index [PATH] [--rebuild]            build or refresh the index of PATH
    reader search QUERY [PATH] [--format F]    documents matching QUERY (json, jsonl, text),
                                               printed in batches as they are found

PATH defaults to the bundled corpus.  The index lives in the cache folder
(``reader.paths.cache_dir()``; READER_HOME moves it) unless ``--index FILE``.
A progress bar goes to stderr when it is a terminal; otherwise nothing but
one summary line.  Every document-derived string printed was sanitized by
the loader; paths go through ``display_path``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Callable, Sequence

from . import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
SEARCH_FORMATS = ("json", "jsonl", "text")
MAX_FAILURES_SHOWN = 20


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("--index", metavar="FILE", help="the index file (default: index.sqlite3 in the cache folder)")


def _index_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader index",
        description="Build or refresh the search index of a collection. Only files whose size, "
        "modification time or extraction rules changed are read again; removed files are dropped.",
    )
    _common(parser)
    parser.add_argument("path", nargs="?", metavar="PATH", help="a folder or a file; default: the bundled corpus")
    parser.add_argument("--rebuild", action="store_true", help="forget the index and read every file again")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")
    parser.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                        help="read and extract in N processes (default 0: one per CPU; 1: in this process only)")
    return parser


def _search_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader search",
        usage="reader search [options] QUERY... [PATH]",
        description="Search the documents of a collection and print every matching document "
        "(best first; filters only: newest first), in batches as they are found. "
        "QUERY holds words (case and accents ignored), \"phrases\", prefixes (word*), -exclusions "
        "and filters: place: person: org: threat: unit: date: published: lang: kind: source:. "
        "Example: reader search 'Chinook place:Irak threat:hoog date:2024-01' corpus",
        epilog="The index of PATH is refreshed first: every document's size and modification time "
        "are compared with the index (about 0.3-0.5 s for 100,000 files) and files added, changed or "
        "removed are indexed again; --no-refresh skips that. "
        "If the last argument is an existing file or folder, it is PATH; the other arguments "
        "form the query. A query that starts with '-' goes after '--': reader search -- -drone Irak",
    )
    _common(parser)
    parser.add_argument("words", nargs="+", metavar="QUERY... [PATH]",
                        help="the query (one argument or several), then optionally PATH")
    parser.add_argument("--format", choices=SEARCH_FORMATS, default="text",
                        help="json (an array, one object a line), jsonl (one object a line) or text (default)")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="at most N documents (default: all); stderr says when more matched")
    parser.add_argument("--no-refresh", action="store_true",
                        help="search the index as it is, without checking the files for changes")
    return parser


def _err(text: str) -> None:
    print(f"reader: {text}", file=sys.stderr)


def _write(text: str) -> None:
    from .output import write_stdout  # imported when output is written, not at start-up

    write_stdout(text)


def shown_path(path: str) -> str:
    """A stored (absolute) path as printed: relative to the working folder when under it."""
    return _ShownPaths()(path)


def _open_store(index: str | None):
    from .store import Store, StoreError

    try:
        return Store.open(index, on_notice=_err)
    except StoreError as err:
        _err(str(err))
        return None


def _with_store(index: str | None, work: Callable[[Any], Any]) -> tuple[bool, Any]:
    """``(True, work(store))``; an index found damaged on the way is set aside and
    the work done once more on a new one.  ``(False, None)`` with a message when
    there is no index to be had."""
    import sqlite3

    from .store import StoreError
    from .store.db import is_busy

    for attempt in (1, 2):
        store = _open_store(index)
        if store is None:
            return False, None
        try:
            return True, work(store)
        except sqlite3.DatabaseError as err:
            if is_busy(err):
                _err(f"the index {store.path} stays locked by another process; try again")
                return False, None
            if attempt == 2:
                _err(f"the index {store.path} cannot be used: {err}")
                return False, None
            try:
                store.set_aside(f"damaged ({err})")
                _err(store.notices[-1])
            except (OSError, StoreError) as move_err:
                _err(f"the index {store.path} is damaged ({err}) and cannot be moved: {move_err}")
                return False, None
        finally:
            store.close()
    return False, None


def _refresh(store: Any, root: str, show_progress: bool, workers: int = 1):
    """Refresh with a rich progress bar on stderr when wanted."""
    if not show_progress:
        return store.refresh(root, workers=workers)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    bar = Progress(TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=console, transient=True)
    task = None

    def progress(done: int, total: int) -> None:
        nonlocal task
        if total == 0:
            return
        if task is None:
            bar.start()
            task = bar.add_task("index", total=total)
        bar.update(task, completed=done)

    try:
        return store.refresh(root, progress=progress, workers=workers)
    finally:
        if task is not None:
            bar.stop()


def _resolve_root(path: str | None) -> str | None:
    from .resources import bundled_corpus

    root = path or str(bundled_corpus())
    if not os.path.exists(root):
        from .corpus import display_path

        _err(f"{display_path(root)}: no such file or folder")
        return None
    return root


def _report_failures(stats: Any) -> None:
    for path, reason in stats.problems[:MAX_FAILURES_SHOWN]:
        _err(f"{shown_path(path)}: {reason}")
    for path, reason in stats.failures[:MAX_FAILURES_SHOWN]:
        _err(f"{shown_path(path)}: {reason}")
    more = len(stats.failures) - MAX_FAILURES_SHOWN
    if more > 0:
        _err(f"... and {more} more files that could not be read")


def run_index(argv: Sequence[str]) -> int:
    args = _index_parser().parse_args(argv)
    root = _resolve_root(args.path)
    if root is None:
        return EXIT_USAGE
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)

    def work(store: Any) -> Any:
        if args.rebuild:
            store.clear()
        return _refresh(store, root, show_progress=sys.stderr.isatty() and not args.quiet, workers=jobs)

    ok, stats = _with_store(args.index, work)
    if not ok:
        return EXIT_PROBLEMS
    _report_failures(stats)
    if not args.quiet:
        _write(f"{stats.found} documents in {shown_path(stats.root)}: {stats.summary()}\n")
    return EXIT_PROBLEMS if stats.failures else EXIT_OK


def _split_words(words: list[str]) -> tuple[str, str | None]:
    if len(words) > 1 and os.path.exists(words[-1]):
        return " ".join(words[:-1]), words[-1]
    return " ".join(words), None


def hit_record(hit: Any, shown: Callable[[str], str] | None = None) -> dict[str, Any]:
    """One search hit as printed in json/jsonl."""
    return {
        "path": (shown or shown_path)(hit.path),
        "title": hit.title,
        "date": hit.date,
        "language": hit.language,
        "snippet": hit.snippet,
        "marks": [list(m) for m in hit.marks],
        "score": round(hit.score, 4),
        "threat": hit.threat,
        "facts": hit.fact_count,
    }


class _ShownPaths:
    """:func:`shown_path` for many paths: the working folder looked up once."""

    def __init__(self) -> None:
        from .corpus.safety import display_path

        self._display = display_path
        try:
            self._cwd = os.getcwd()
        except OSError:
            self._cwd = ""
        cwd = self._cwd
        self._prefix = cwd if not cwd or cwd.endswith(os.sep) else cwd + os.sep

    def __call__(self, path: str) -> str:
        if path == self._cwd:
            path = "."
        elif self._prefix and path.startswith(self._prefix):
            path = path[len(self._prefix):]
        return self._display(path)


class _Stdout:
    """Writes the output a batch at a time; a pipe closed early (``| head``)
    ends it quietly, and ``open`` turns False so that no more is made."""

    def __init__(self) -> None:
        self.open = True
        self.started = False

    def write(self, text: str) -> bool:
        if self.open and text:
            from .output import write_stdout

            self.started = True
            self.open = write_stdout(text)
        return self.open


def run_search(argv: Sequence[str]) -> int:
    args = _search_parser().parse_args(argv)
    import sqlite3

    from .query import parse

    text, path = _split_words(args.words)
    root = _resolve_root(path)
    if root is None:
        return EXIT_USAGE
    query = parse(text)
    for problem in query.problems:
        _err(problem)
    out = _Stdout()

    def work(store: Any) -> Any:
        if not args.no_refresh:
            stats = _refresh(store, root, show_progress=sys.stderr.isatty())
            _report_failures(stats)
        stream = store.search_stream(query, root=root, limit=args.limit)
        try:
            shown = _print_hits(stream, args.format, out)
        except sqlite3.DatabaseError as err:
            if not out.started:
                raise  # nothing printed yet: _with_store may set the index aside and try again
            _err(f"the index {store.path} failed while the results were printed: {err}")
            return None
        return stream, shown

    ok, result = _with_store(args.index, work)
    if not ok or result is None:
        return EXIT_PROBLEMS
    stream, shown = result
    if stream.cut and out.open:
        if stream.matched is not None:
            _err(f"{shown} of {stream.matched} matching documents shown (--limit {args.limit})")
        else:
            _err(f"{shown} documents shown; more match (--limit {args.limit})")
    return EXIT_OK


_RECORD = json.JSONEncoder(ensure_ascii=False)


def _print_hits(stream: Any, fmt: str, out: _Stdout) -> int:
    """Print the stream's hits a batch at a time; the number printed."""
    shown = _ShownPaths()
    count = 0
    if fmt == "text" and sys.stdout.isatty():
        console = None
        for hits in stream:
            if console is None:
                from rich.console import Console

                console = Console(highlight=False, markup=False, emoji=False, soft_wrap=True)
            _print_rich(console, hits, shown)
            count += len(hits)
        if count == 0 and sys.stderr.isatty():
            _err("no documents match")
        return count
    encode = _RECORD.encode
    for hits in stream:
        if fmt == "text":
            lines = []
            for h in hits:
                lines.append(f"{h.date or '-':<10}  {h.language or '--':<2}  {h.title}  [{shown(h.path)}]\n")
                if h.snippet:
                    lines.append(f"    {h.snippet}\n")
            chunk = "".join(lines)
        elif fmt == "jsonl":
            chunk = "".join(encode(hit_record(h, shown)) + "\n" for h in hits)
        else:  # json: an array, one object a line
            chunk = ("[\n" if count == 0 else ",\n") + ",\n".join(encode(hit_record(h, shown)) for h in hits)
        count += len(hits)
        if hits and not out.write(chunk):
            return count
    if fmt == "json":
        out.write("\n]\n" if count else "[]\n")
    elif fmt == "text" and count == 0 and sys.stderr.isatty():
        _err("no documents match")
    return count


def _print_rich(console: Any, hits: list[Any], shown: Callable[[str], str]) -> None:
    from rich.text import Text

    for h in hits:
        head = Text(f"{h.date or '-':<10}  {h.language or '--':<2}  ")
        head.append(h.title, style="bold")
        head.append(f"  [{shown(h.path)}]", style="dim")
        console.print(head)
        if h.snippet:
            snippet = Text("    " + h.snippet)
            for start, end in h.marks:
                snippet.stylize("bold reverse", start + 4, end + 4)
            console.print(snippet)
