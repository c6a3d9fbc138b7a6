"""The loader, discovery and ``reader facts`` over the hostile corpus.

What a user must get: every good document present with its real title,
every bad file named on stderr in one line with its reason, no traceback,
exit code 1 when some files failed (0 when none did), YAML tags never run,
and the corpus byte-for-byte unchanged.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.output import printable_path

from .hostile import (
    BAD,
    EMPTY,
    HOSTILE_NAMES,
    TITLES,
    pwned_path,
    untouched_corpus,
)
from reader.corpus import Discovery, LoadError, iter_documents, load_document
from reader.corpus.decode import MAX_BYTES
from reader.corpus.safety import has_controls

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    with untouched_corpus(root) as cases:
        yield root, cases


def _run(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    full = {**os.environ, "LC_ALL": "C.UTF-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, timeout=timeout,
                          env=full, stdin=subprocess.DEVNULL)


def _by_name(root: Path) -> dict[str, object]:
    """Every discovered path loaded: name -> Document or the LoadError."""
    out: dict[str, object] = {}
    for path in iter_documents(root):
        name = os.path.relpath(path, root)
        try:
            out[name] = load_document(path)
        except LoadError as err:
            out[name] = err
    return out


# -- the loader, in process ----------------------------------------------------

def test_good_documents_show_their_titles(corpus) -> None:
    root, cases = corpus
    loaded = _by_name(root)
    for name, title in TITLES.items():
        doc = loaded.get(name)
        assert doc is not None and not isinstance(doc, LoadError), f"{name} ({cases[name]}): {doc}"
        assert doc.title.startswith(title), f"{name}: title {doc.title!r}"


def test_every_string_of_every_document_is_safe_to_print(corpus) -> None:
    root, _ = corpus
    for name, doc in _by_name(root).items():
        if isinstance(doc, LoadError):
            assert not has_controls(doc.reason) and "\n" not in doc.reason, name
            assert not has_controls(str(doc)), name
            continue
        for field in ("title", "source", "url", "date", "language", "format"):
            value = getattr(doc, field)
            assert value is None or (not has_controls(value) and "\n" not in value), (name, field, value)
        assert not has_controls(doc.text), name
        for note in doc.notes:
            assert not has_controls(note) and "\n" not in note, (name, note)
        for tag in doc.tags:
            assert not has_controls(tag), (name, tag)


def test_odd_files_say_what_was_odd(corpus) -> None:
    root, _ = corpus
    loaded = _by_name(root)
    expected = {
        "cp1252.txt": "Windows-1252",
        "invalid-utf8.txt": "invalid UTF-8",
        "utf16-le.txt": "UTF-16",
        "ansi.txt": "control characters",
        "osc52.md": "control characters",
        "c1.txt": "control characters",
        "bidi.txt": "control characters",
        "nul-late.txt": "control characters",
        "fm-broken.md": "front matter refused",
        "fm-unterminated.md": "not closed",
        "fm-huge.md": "larger than 64 KB",
        "fm-alias-bomb.md": "aliases are not allowed",
        "fm-python-apply.md": "front matter refused",
        "fm-python-name.md": "front matter refused",
        "fm-not-mapping.md": "not a mapping",
        "fm-deep.md": "nested too deeply",
        "fm-impossible-date.md": "impossible or unreadable date '2023-02-29'",
        "fm-bad-timestamp.md": "impossible or unreadable date",
        "date-impossible.txt": "impossible or unreadable date '2024-13-45'",
        "empty.txt": "empty document",
        "whitespace.txt": "empty document",
    }
    for name, words in expected.items():
        doc = loaded[name]
        assert not isinstance(doc, LoadError), name
        assert any(words in note for note in doc.notes), f"{name}: notes {doc.notes!r}"
    # An impossible date is refused, never guessed; the rest of the front matter still counts.
    assert loaded["fm-impossible-date.md"].date is None
    assert loaded["fm-impossible-date.md"].source == "test"
    assert loaded["date-impossible.txt"].date is None
    # Empty files open, with the file name as the title.
    for name in EMPTY:
        assert loaded[name].title == name


def test_text_is_decoded_with_newlines_normalized(corpus) -> None:
    root, _ = corpus
    loaded = _by_name(root)
    for name in ("crlf.txt", "lone-cr.txt", "utf16-le.txt", "utf16-be.txt"):
        assert "\r" not in loaded[name].text, name
    assert loaded["lone-cr.txt"].body == "Eerste alinea.\nTweede regel.\n"
    assert "‘Citaat’ over Curaçao." in loaded["cp1252.txt"].body
    assert "\ufffd" in loaded["invalid-utf8.txt"].body
    assert loaded["utf8-bom.md"].date == "2024-02-01"
    # One character in, one character out: the title span points at the title.
    for name in TITLES:
        doc = loaded[name]
        a, b = doc.title_span
        assert 0 <= a <= b <= len(doc.text) and 0 <= doc.body_span[0] <= doc.body_span[1] <= len(doc.text), name


def test_hostile_names_become_visible_titles(corpus) -> None:
    root, _ = corpus
    loaded = _by_name(root)
    for name, title in HOSTILE_NAMES.items():
        assert loaded[name].title == title


def test_discovery_reports_links_and_special_files(corpus) -> None:
    root, _ = corpus
    found = Discovery()
    paths = [os.path.relpath(p, root) for p in iter_documents(root, found)]
    problems = {os.path.relpath(p, root): reason for p, reason in found.problems}
    for name, word in BAD.items():
        if name in problems:
            assert word in problems[name], (name, problems[name])
        else:
            assert name in paths, f"{name} neither listed nor reported"
    assert "link-to-plain.txt" in paths
    assert os.path.join("deep", *["d"] * 60, "bottom.txt") in paths
    assert not any(p.startswith(os.path.join("deep", "loop")) for p in paths), "followed a folder link loop"
    assert len(paths) == len(set(paths))


def test_yaml_tags_are_refused_never_run(corpus) -> None:
    root, _ = corpus
    for name in ("fm-python-apply.md", "fm-python-name.md"):
        doc = load_document(root / name)
        assert any("could not determine a constructor" in n for n in doc.notes), doc.notes
    assert not pwned_path(root).exists()


def test_a_named_pipe_does_not_hang_the_loader(corpus) -> None:
    root, _ = corpus
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(_load(root / "fifo.txt")), daemon=True)
    worker.start()
    worker.join(5)
    assert not worker.is_alive(), "opening a named pipe blocked"
    assert isinstance(result[0], LoadError) and "not a regular file" in result[0].reason


def _load(path: Path) -> object:
    try:
        return load_document(path)
    except LoadError as err:
        return err


def test_unreadable_and_vanished_files_are_one_line_reasons(tmp_path: Path, monkeypatch) -> None:
    gone = tmp_path / "gone.txt"
    with pytest.raises(LoadError) as err:
        load_document(gone)
    assert "file not found" in err.value.reason
    secret = tmp_path / "secret.txt"
    secret.write_text("Geheim\n")
    real_open = os.open

    def deny(path, flags, *args):
        if os.fspath(path) == str(secret):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", deny)
    with pytest.raises(LoadError) as err:
        load_document(secret)
    assert err.value.reason == "permission denied"


@pytest.mark.skipif(ROOT_USER, reason="root reads files without read permission")
def test_unreadable_file_reported(corpus) -> None:
    root, _ = corpus
    with pytest.raises(LoadError, match="permission denied"):
        load_document(root / "unreadable.txt")


def test_a_long_file_is_cut_between_characters(tmp_path: Path) -> None:
    """Cut at MAX_BYTES inside a two-byte character: no replacement mark, no false note."""
    path = tmp_path / "lang.txt"
    path.write_bytes(b"a" + "é".encode() * (MAX_BYTES // 2))
    doc = load_document(path)
    assert doc.text.endswith("éé") and "\ufffd" not in doc.text
    assert doc.notes == ("file is larger than 2 MB: only the start is read",)


def test_truncated_while_read(tmp_path: Path) -> None:
    """A file cut short between discovery and loading shows what is left."""
    path = tmp_path / "shrinking.txt"
    path.write_text("Krimpende titel\n\n" + "tekst " * 10_000)
    found = list(iter_documents(tmp_path))
    with open(path, "r+b") as handle:
        handle.truncate(10)
    doc = load_document(found[0])
    assert doc.title == "Krimpende" and doc.size == 10


# -- reader facts, as a user runs it ---------------------------------------------

def _check_cli(result: subprocess.CompletedProcess, root: Path) -> tuple[list[dict], list[str]]:
    stderr = result.stderr.decode("utf-8", "replace")
    stdout = result.stdout.decode("utf-8", "surrogateescape")
    assert "Traceback" not in stderr and "Traceback" not in stdout, stderr
    lines = stderr.splitlines()
    assert all(line.startswith("reader: ") for line in lines), lines
    assert "\x1b" not in stderr and "\x07" not in stderr
    return json.loads(stdout), lines


def test_reader_facts_over_the_hostile_corpus(corpus) -> None:
    root, _ = corpus
    result = _run("facts", str(root), "--format", "json")
    records, errors = _check_cli(result, root)
    assert result.returncode == 1, "exit code 1: some files could not be read"
    titles = {os.path.relpath(r["path"], root): r["title"] for r in records}
    for name, title in TITLES.items():
        assert titles.get(name, "").startswith(title), (name, titles.get(name))
    for name in [*EMPTY, *HOSTILE_NAMES]:
        # undecodable bytes of a file name come out as \xNN, so the JSON stays valid UTF-8
        assert printable_path(name) in titles, name
    # Each bad file: exactly one line on stderr that names it and says why.
    for name, word in BAD.items():
        mine = [line for line in errors if line.startswith(f"reader: {root / name}: ")]
        assert len(mine) == 1 and word in mine[0], (name, errors)
        assert name not in titles
    assert len(errors) == len(BAD) + (0 if ROOT_USER else 2)  # unreadable.txt, locked/ as a user


@pytest.mark.parametrize("fmt", ["yaml", "text"])
def test_reader_facts_other_formats(corpus, fmt: str) -> None:
    root, _ = corpus
    result = _run("facts", str(root), "--format", fmt)
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1 and "Traceback" not in stderr, stderr
    assert b"\x1b" not in result.stdout, "an escape sequence reached the output"
    out = result.stdout.decode("utf-8", "replace")
    for title in ("Gewone tekst als controle", "Café België", "UTF-16 LE met BOM"):
        assert title in out


def test_reader_facts_exit_code_is_0_for_good_files(corpus) -> None:
    root, _ = corpus
    result = _run("facts", str(root / "plain.txt"), str(root / "markup.md"), str(root / "ansi.txt"))
    records, errors = _check_cli(result, root)
    assert result.returncode == 0 and errors == []
    assert [r["title"] for r in records][1].startswith("[/] [@click=app.quit]Stop[/]")


def test_reader_facts_on_a_pipe_and_a_device_does_not_hang(corpus) -> None:
    root, _ = corpus
    started = time.monotonic()
    result = _run("facts", str(root / "fifo.txt"), str(root / "dev-zero.txt"), str(root / "plain.txt"), timeout=20)
    records, errors = _check_cli(result, root)
    assert time.monotonic() - started < 20
    assert result.returncode == 1 and len(records) == 1 and len(errors) == 2


def test_reader_listing_into_a_pipe(corpus) -> None:
    """``reader DIR | less``: one line a document, no escape codes, no hang."""
    root, _ = corpus
    result = _run(str(root), timeout=30)
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1 and "Traceback" not in stderr, stderr
    assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout
    assert "Gewone tekst als controle" in result.stdout.decode("utf-8", "replace")


def test_reader_facts_with_a_strict_utf8_locale(corpus) -> None:
    root, _ = corpus
    result = _run("facts", str(root), "--format", "json", env={"PYTHONIOENCODING": "utf-8:strict"})
    assert "Traceback" not in result.stderr.decode("utf-8", "replace")
    _check_cli(result, root)


# -- the slow cases ----------------------------------------------------------------

@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("big") / "corpus"
    with untouched_corpus(root, big=True, many=True):
        yield root


def test_20_mb_on_one_line_and_10000_files(big_corpus: Path) -> None:
    root = big_corpus
    started = time.monotonic()
    doc = load_document(root / "huge-one-line.txt")
    # Only the start is read, and the document says so.
    assert doc.title.startswith("Een zeer lange regel") and len(doc.text) == MAX_BYTES
    assert "file is larger than 2 MB: only the start is read" in doc.notes
    assert doc.size == 20 * 1024 * 1024 and len(doc.title) <= 300
    assert time.monotonic() - started < 10
    started = time.monotonic()
    result = _run("facts", str(root / "many"), "--format", "text", timeout=90)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.decode().count("\n  Klein ") == 10_000
    assert time.monotonic() - started < 60
