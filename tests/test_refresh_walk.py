"""The walk that a refresh does (stat_documents) and what a refresh notices.

``reader search`` refreshes the index before every search, so the refresh
check is made cheap (bytes paths, one stat a document, set comparison); these
tests hold it to the same answers as the plain walk (iter_documents) and make
sure that no change slips through: a file added, removed, rewritten in place
with the same size, or only touched.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.corpus import Discovery, iter_documents
from reader.corpus.discover import stat_documents, walk_order
from reader.store import Store

from .hostile import untouched_corpus
from .test_store import FakeExtractor, names, write_corpus


@pytest.fixture
def fake():
    return FakeExtractor()


@pytest.fixture
def store(tmp_path, fake):
    s = Store.open(tmp_path / "index.sqlite3", extractor=fake, version="t1")
    yield s
    s.close()


def test_stat_documents_finds_what_iter_documents_finds(tmp_path):
    """Same documents, same problems, same order once sorted by walk_order,
    on the hostile corpus (links, loops, fifos, odd names, deep folders)."""
    root = tmp_path / "hostile"
    with untouched_corpus(root):
        plain = Discovery()
        want = list(iter_documents(root, plain))
        fast = Discovery()
        got = stat_documents(root, fast)
        got_paths = [os.fsdecode(p) for p, _, _ in sorted(got, key=lambda item: walk_order(item[0]))]
        assert got_paths == want
        assert sorted(fast.problems) == sorted(plain.problems) and fast.problems
        for path, size, mtime_ns in got:
            info = os.stat(path)
            assert (size, mtime_ns) == (info.st_size, info.st_mtime_ns)


def test_walk_order_is_files_first_then_folders_by_name(tmp_path):
    for rel in ("b.txt", "a/z.txt", "a/b/c.txt", "a/a.txt", "c/x.md", "A.txt"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Titel\n\nTekst\n")
    want = list(iter_documents(tmp_path))
    got = sorted(stat_documents(tmp_path), key=lambda item: walk_order(item[0]))
    assert [os.fsdecode(p) for p, _, _ in got] == want
    assert [os.path.relpath(p, tmp_path) for p in want] == ["A.txt", "b.txt", "a/a.txt", "a/z.txt", "a/b/c.txt", "c/x.md"]


def test_single_file_and_undecodable_names(tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("Titel\n\nTekst\n")
    assert stat_documents(one) == [(os.fsencode(one), one.stat().st_size, one.stat().st_mtime_ns)]
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(raw, "wb") as handle:
        handle.write(b"Titel\n\nTekst\n")
    assert raw in [p for p, _, _ in stat_documents(tmp_path)]


def test_refresh_notices_added_removed_rewritten_and_touched_files(store, tmp_path, fake):
    root = write_corpus(tmp_path / "corpus", {
        "same-size.txt": "Titel een\n\nHet woord is kraanvogel.\n",
        "touched.txt": "Titel twee\n\nOngewijzigde tekst.\n",
        "older.txt": "Titel drie\n\nOude tekst hier.\n",
        "gone.txt": "Titel vier\n\nVerdwijnt straks.\n",
        "kept.txt": "Titel vijf\n\nBlijft zoals het is.\n",
    })
    stats = store.refresh(root)
    assert (stats.found, stats.indexed) == (5, 5)
    fake.reset()

    same = root / "same-size.txt"
    before = same.stat()
    same.write_text("Titel een\n\nHet woord is zilverreig.\n")  # same size, other words
    assert same.stat().st_size == before.st_size
    os.utime(same, ns=(before.st_atime_ns, before.st_mtime_ns + 1))  # even on a coarse clock
    touched = root / "touched.txt"
    info = touched.stat()
    os.utime(touched, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))  # touched, not changed
    older = root / "older.txt"
    info = older.stat()
    older.write_text("Titel drie\n\nVerse tekst hier.\n")
    os.utime(older, ns=(info.st_atime_ns, info.st_mtime_ns - 3_600_000_000_000))  # mtime set back an hour
    (root / "gone.txt").unlink()
    write_corpus(root, {"sub/new.txt": "Titel zes\n\nEen nieuwe pimpelmees.\n"})

    stats = store.refresh(root)
    assert (stats.found, stats.indexed, stats.removed, stats.unchanged, stats.failed) == (5, 4, 1, 1, 0)
    assert fake.reset() == ["new.txt", "older.txt", "same-size.txt", "touched.txt"]
    assert names(store.search("zilverreig")) == ["same-size.txt"]
    assert store.search("kraanvogel") == []
    assert names(store.search("Verse")) == ["older.txt"] and store.search("Oude") == []
    assert names(store.search("pimpelmees")) == ["new.txt"]
    assert store.search("Verdwijnt") == []
    assert sorted(names(store.documents(root))) == ["kept.txt", "new.txt", "older.txt", "same-size.txt",
                                                     "touched.txt"]
    stats = store.refresh(root)
    assert (stats.indexed, stats.removed, stats.unchanged) == (0, 0, 5)


def test_refresh_reads_changed_files_in_walk_order(store, tmp_path, fake):
    root = write_corpus(tmp_path / "corpus", {"z.txt": "Z\n\nz\n", "a/b.txt": "B\n\nb\n", "a.txt": "A\n\na\n"})
    seen = []
    store._extract = lambda doc: seen.append(os.path.relpath(doc.path, root)) or []
    store.refresh(root)
    assert seen == ["a.txt", "z.txt", "a/b.txt"]


def test_a_replaced_folder_is_a_removal_and_an_addition(store, tmp_path):
    root = write_corpus(tmp_path / "corpus", {"x/doc.txt": "Eerste\n\nroodborst\n"})
    store.refresh(root)
    os.rename(root / "x", root / "y")
    stats = store.refresh(root)
    assert (stats.indexed, stats.removed) == (1, 1)
    assert [os.path.relpath(r.path, root) for r in store.documents(root)] == ["y/doc.txt"]


def test_a_cancelled_walk_drops_nothing(store, tmp_path):
    root = write_corpus(tmp_path / "corpus", {f"d{i}/doc.txt": f"Titel {i}\n\nTekst\n" for i in range(5)})
    store.refresh(root)
    stats = store.refresh(root, cancelled=lambda: True)
    assert stats.cancelled and stats.removed == 0
    assert len(store.documents(root)) == 5


def test_a_new_version_reparses_files_that_did_not_change(tmp_path, fake):
    root = write_corpus(tmp_path / "corpus", {"a.txt": "A\n\na\n", "b.txt": "B\n\nb\n"})
    index = tmp_path / "v.sqlite3"
    with Store.open(index, extractor=fake, version="v1") as s:
        s.refresh(root)
    fake.reset()
    with Store.open(index, extractor=fake, version="v2") as s:
        stats = s.refresh(root)
    assert (stats.indexed, stats.unchanged) == (2, 0) and fake.reset() == ["a.txt", "b.txt"]


def test_files_outside_the_root_are_left_alone(store, tmp_path):
    one = write_corpus(tmp_path / "one", {"a.txt": "A\n\nmerel\n"})
    two = write_corpus(tmp_path / "one2", {"b.txt": "B\n\nmerel\n"})
    store.refresh(one)
    store.refresh(two)
    stats = store.refresh(one)
    assert (stats.removed, stats.unchanged) == (0, 1)
    assert len(store.search("merel")) == 2
    assert isinstance(Path(two), Path)
