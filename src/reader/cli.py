"""The command line: ``reader [PATH]`` opens the TUI; subcommands work headless.

    reader [PATH]                      read the corpus at PATH (default: bundled)
    reader facts PATH... [--format F]  facts of documents as json, yaml or text

Writing into a pipe, ``reader`` prints a plain listing instead of starting
the full-screen app: it never hangs and never writes escape codes there.
"""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING, Callable, NamedTuple, Sequence

if TYPE_CHECKING:
    import argparse

from . import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _version_action(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"reader {__version__}")


def _tui_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="reader",
        description="A terminal reader for news and briefing documents, with their key facts "
        "(dates, units, threat levels, places, people, organizations) in a side panel.",
        epilog="commands: 'reader facts PATH...' prints the facts of documents; 'reader search QUERY' "
        "searches the corpus; 'reader index PATH' builds the index; 'reader config' shows the settings. "
        "'reader COMMAND --help' tells more. Keys inside the app: press ? for help.",
    )
    _version_action(parser)
    parser.add_argument("path", nargs="?", help="a folder (read recursively) or one file; default: the bundled corpus")
    parser.add_argument("--no-mouse", action="store_true", help="leave the mouse to the terminal (its own text selection)")
    return parser


def _facts_parser() -> argparse.ArgumentParser:
    import argparse

    from .output import FACT_FORMATS

    parser = argparse.ArgumentParser(
        prog="reader facts",
        description="Print the key facts of documents. Folders expand to their documents, sorted by path. "
        "Each fact's start/end are offsets into the file's text.",
    )
    _version_action(parser)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="documents or folders")
    parser.add_argument("--format", choices=FACT_FORMATS, default="json", help="output format (default: json)")
    return parser


def expand_paths(paths: Sequence[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Documents named or under the folders named, and what could not be walked."""
    from .corpus import Discovery, iter_documents

    found = Discovery()
    docs: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            docs.extend(sorted(iter_documents(path, found)))
        elif os.path.lexists(path):
            docs.append(path)
        else:
            found.problems.append((path, "no such file or folder"))
    return docs, found.problems


def _report(problems: Sequence[tuple[str, str]]) -> None:
    from .corpus import display_path

    for path, reason in problems:
        print(f"reader: {display_path(path)}: {reason}", file=sys.stderr)


def run_facts(argv: Sequence[str]) -> int:
    args = _facts_parser().parse_args(argv)
    from .extract import extract_document
    from .output import document_record, stream_facts, write_stdout

    paths, problems = expand_paths(args.paths)
    index = _index_if_built()

    def records():
        for doc in _loaded(paths, problems):
            facts = index.current_facts(doc) if index is not None else None  # what the index found in this very file
            yield document_record(doc, extract_document(doc) if facts is None else facts)

    try:
        for chunk in stream_facts(records(), args.format):  # written as read: a big folder is never held whole
            if not write_stdout(chunk):
                break  # the reader of the pipe has gone (| head)
    finally:
        if index is not None:
            index.close()
    _report(problems)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _loaded(paths: Sequence[str], problems: list[tuple[str, str]]):
    """The documents at ``paths``, one at a time; what cannot be read goes to
    ``problems`` with its reason."""
    from .corpus import LoadError, load_document

    for path in paths:
        try:
            yield load_document(path)
        except LoadError as err:
            problems.append((path, err.reason))


def _index_if_built():
    """The index, when one has been built (``reader`` or ``reader index``), to
    take the facts of files it holds unchanged instead of extracting them
    again; None when there is none or it cannot be opened.  Never built here."""
    import sqlite3

    from .paths import cache_dir
    from .store import Store, StoreError, db

    path = cache_dir() / "index.sqlite3"
    if not path.is_file():
        return None
    try:  # looked at read-only first: an index of another version is left as it is, not rebuilt
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            state, _ = db.check(con)
        finally:
            con.close()
        return Store.open(path) if state == "ok" else None
    except (sqlite3.Error, StoreError):
        return None


def _write(text: str) -> None:
    from .output import write_stdout  # imported when output is written, not at start-up

    write_stdout(text)


def print_listing(path: str) -> int:
    """``reader`` into a pipe: one line a document, newest first."""
    from .library import sort_newest_first
    from .output import listing_line

    paths, problems = expand_paths([path])
    # what sorting needs and the line, not the documents' texts
    lines = [_Listed(doc.date, doc.title, listing_line(doc) + "\n") for doc in _loaded(paths, problems)]
    _write("".join(listed.line for listed in sort_newest_first(lines)))
    _report(problems)
    return EXIT_PROBLEMS if problems else EXIT_OK


class _Listed(NamedTuple):
    """A document as the listing sorts and prints it."""

    date: str | None
    title: str
    line: str


def run_tui(argv: Sequence[str]) -> int:
    from . import gcpause

    gcpause.hold()  # until the first screen is painted (ReaderApp.on_ready)
    try:
        return _run_tui(argv)
    finally:
        gcpause.release()


def _tui_args(argv: Sequence[str]):
    """``reader`` and ``reader PATH`` need no argument parser (importing
    argparse costs the first screen a few milliseconds); any option does."""
    if len(argv) <= 1 and not any(arg.startswith("-") for arg in argv):
        return SimpleNamespace(path=argv[0] if argv else None, no_mouse=False)
    return _tui_parser().parse_args(argv)


def _run_tui(argv: Sequence[str]) -> int:
    args = _tui_args(argv)
    from .config import Config

    config = Config.load()
    path = args.path or str(config.default_corpus)
    if not os.path.exists(path):
        print(f"reader: {path}: no such file or folder", file=sys.stderr)
        return EXIT_USAGE
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        return print_listing(path)
    from .library import Library

    library = Library(path)
    library.start_first_view()  # reads the index while Textual is imported and starts
    from .tui.app import ReaderApp

    app = ReaderApp(path, config, library=library)
    app.run(mouse=config.mouse and not args.no_mouse)
    return app.return_code or EXIT_OK


COMMANDS: dict[str, Callable[[Sequence[str]], int] | str] = {
    "facts": run_facts,
    # "module:function" entries are imported only when their command runs.
    "config": "reader.cli_config:run_config",
    "index": "reader.cli_store:run_index",
    "search": "reader.cli_store:run_search",
}


def _command(name: str) -> Callable[[Sequence[str]], int] | None:
    entry = COMMANDS.get(name)
    if isinstance(entry, str):
        import importlib

        module, _, func = entry.partition(":")
        return getattr(importlib.import_module(module), func)
    return entry


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = _command(argv[0]) if argv and argv[0] in COMMANDS else None
    try:
        if command is not None and not os.path.exists(argv[0]):
            return command(argv[1:])
        return run_tui(argv)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
