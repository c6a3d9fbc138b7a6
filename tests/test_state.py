"""Read marks and pins: round trips, atomic saves under SIGKILL, bad files set aside."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader import paths
from reader.model import Fact
from reader.state import State, default_path, fact_key

FACT = Fact("unit", "145 Nederlandse militairen", 1454, 1480, None, {"count": 145, "category": "personnel"})


def _files_under(root: Path) -> set[Path]:
    return {Path(d) / f for d, _, files in os.walk(root) for f in files}


# -- round trips ---------------------------------------------------------------


def test_state_lives_in_the_data_dir() -> None:
    assert default_path() == paths.data_dir() / "state.json"
    assert State.load().path == paths.data_dir() / "state.json"


def test_read_marks_round_trip_as_absolute_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    state = State.load()
    assert not state.is_read("docs/a.txt")
    state.mark_read("docs/a.txt")
    assert state.toggle_read(tmp_path / "docs" / "b.txt") is True
    assert state.toggle_read("docs/b.txt") is False  # relative and absolute are the same document
    state.mark_read("docs/c.txt")
    state.mark_read("docs/c.txt", read=False)
    assert state.save() is True

    stored = json.loads(state.path.read_text(encoding="utf-8"))
    assert stored["read"] == [str(tmp_path / "docs" / "a.txt")]

    monkeypatch.chdir("/")
    again = State.load()
    assert again.notices == []
    assert again.is_read(tmp_path / "docs" / "a.txt")
    assert not again.is_read(tmp_path / "docs" / "b.txt")
    assert not again.is_read(tmp_path / "docs" / "c.txt")
    assert again.read_documents() == {str(tmp_path / "docs" / "a.txt")}


def test_pins_of_documents_and_facts_round_trip() -> None:
    state = State.load()
    assert state.toggle_pin("/c/z.txt") is True
    assert state.toggle_pin("/c/a.txt") is True
    assert state.toggle_pin("/c/a.txt", FACT) is True
    assert state.toggle_pin("/c/a.txt", ("date", 10, 20, "1 januari")) is True
    assert state.toggle_pin("/c/b.txt", FACT.to_dict()) is True
    assert state.toggle_pin("/c/b.txt", FACT) is False  # the same fact, given as an object
    state.save()

    again = State.load()
    assert again.pinned_documents() == ["/c/z.txt", "/c/a.txt"]  # pin order, not sorted
    assert again.pinned_facts("/c/a.txt") == [
        ("unit", 1454, 1480, "145 Nederlandse militairen"),
        ("date", 10, 20, "1 januari"),
    ]
    assert again.pinned_facts("/c/b.txt") == []
    assert again.documents_with_pinned_facts() == ["/c/a.txt"]
    assert again.is_pinned("/c/a.txt")
    assert not again.is_pinned("/c/a.txt", ("date", 10, 21, "1 januari"))


def test_a_pinned_fact_survives_re_extraction_with_other_fields() -> None:
    state = State.load()
    state.toggle_pin("/c/a.txt", FACT)
    state.save()
    # Re-extraction may normalize differently; the words and their place are what count.
    re_extracted = Fact("unit", "145 Nederlandse militairen", 1454, 1480, None, {"count": 145, "what": "militairen"})
    assert State.load().is_pinned("/c/a.txt", re_extracted)
    moved = Fact("unit", "145 Nederlandse militairen", 1460, 1486)
    assert not State.load().is_pinned("/c/a.txt", moved)


def test_odd_paths_round_trip(tmp_path: Path) -> None:
    undecodable = os.fsdecode(b"/corpus/caf\xe9.txt")  # a Latin-1 file name: a lone surrogate
    names = [undecodable, "/corpus/ré sumé\u202e.md", "/corpus/new\nline.txt"]
    state = State.load()
    for name in names:
        state.mark_read(name)
        state.toggle_pin(name, ("place", 0, 4, "Irak\u0000"))
    state.save()
    again = State.load()
    assert again.notices == []
    assert again.read_documents() == set(names)
    for name in names:
        assert again.pinned_facts(name) == [("place", 0, 4, "Irak\u0000")]


def test_save_only_writes_when_something_changed() -> None:
    state = State.load()
    assert state.save() is False
    assert not state.path.exists()
    state.mark_read("/a")
    assert state.dirty
    assert state.save() is True
    assert not state.dirty
    mtime = state.path.stat().st_mtime_ns
    state.mark_read("/a")  # already read: no change
    assert state.save() is False
    assert state.path.stat().st_mtime_ns == mtime
    assert state.save(force=True) is True


def test_bad_fact_keys_are_refused() -> None:
    state = State.load()
    with pytest.raises(ValueError):
        state.toggle_pin("/a", ("unit", 5, 2, "x"))  # end before start
    with pytest.raises(ValueError):
        fact_key(("unit", "5", 7, "x"))
    assert state.pinned_facts("/a") == []


def test_state_file_is_private() -> None:
    state = State.load()
    state.mark_read("/a")
    state.save()
    assert state.path.stat().st_mode & 0o077 == 0


# -- cheap at 100,000 marks ----------------------------------------------------


def test_100000_read_marks_load_and_save_well_under_half_a_second() -> None:
    state = State.load()
    for i in range(100_000):
        state.mark_read(f"/home/analyst/corpora/nieuws/2024/maand-{i % 12:02d}/artikel-{i:06d}.txt")
    for i in range(500):
        state.toggle_pin(f"/home/analyst/corpora/pinned-{i}.txt", ("unit", i, i + 10, "drie Chinooks"))
    saves, loads = [], []
    for _ in range(3):
        state.mark_read("/x", not state.is_read("/x"))
        t0 = time.perf_counter()
        assert state.save()
        saves.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        loaded = State.load()
        loads.append(time.perf_counter() - t0)
        assert len(loaded.read_documents()) == len(state.read_documents())
    assert min(saves) < 0.5, saves
    assert min(loads) < 0.5, loads


# -- threads -------------------------------------------------------------------


def test_marks_from_many_threads_while_saving_are_all_kept() -> None:
    state = State.load()
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(500):
                state.mark_read(f"/t{n}/{i}")
                state.toggle_pin(f"/t{n}/{i}", ("date", i, i, ""))
                if i % 100 == 0:
                    state.save()
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    state.save()
    again = State.load()
    assert len(again.read_documents()) == 3000
    assert len(again.documents_with_pinned_facts()) == 3000
    assert again.notices == []


# -- bad files are set aside, never lost -------------------------------------


def _aside_files(state_path: Path) -> list[Path]:
    return sorted(state_path.parent.glob("state.json.corrupt-*"))


@pytest.mark.parametrize(
    "content, why",
    [
        (b"{\"format\": \"reader-state\", \"version\": 1, \"read\": [\"/a\"", "not valid JSON"),
        (b"\x00\x01\x02garbage\xff", "not valid JSON"),
        (b"", "empty"),
        (b"{\"read\": [\"/a\"]}", "not a reader state file"),
        (b"[1, 2, 3]", "not a reader state file"),
        (b"{\"format\": \"reader-state\", \"version\": \"one\"}", "no valid version"),
        (b"[" * 100_000, "not valid JSON"),
    ],
)
def test_a_corrupt_or_foreign_file_is_set_aside_with_a_notice(content: bytes, why: str) -> None:
    path = default_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    state = State.load()
    asides = _aside_files(path)
    assert len(asides) == 1
    assert asides[0].read_bytes() == content  # the user's bytes, untouched
    assert len(state.notices) == 1 and "\n" not in state.notices[0]
    assert why in state.notices[0] and asides[0].name in state.notices[0]
    assert state.read_documents() == frozenset()
    assert not path.exists()
    # The session goes on and saves; the set-aside file stays.
    state.mark_read("/b")
    assert state.save()
    assert State.load().is_read("/b")
    assert _aside_files(path) == asides


def test_setting_aside_twice_never_overwrites_the_first() -> None:
    path = default_path()
    path.parent.mkdir(parents=True)
    path.write_text("first", encoding="utf-8")
    State.load()
    path.write_text("second", encoding="utf-8")
    State.load()
    assert sorted(p.read_text() for p in _aside_files(path)) == ["first", "second"]


def test_entries_not_understood_keep_the_rest_and_the_original() -> None:
    path = default_path()
    path.parent.mkdir(parents=True)
    original = {
        "format": "reader-state",
        "version": 1,
        "read": ["/a", 17, "/b"],
        "pins": {"documents": ["/p"], "facts": {"/a": [["unit", 1, 5, "drie"], ["bad"]]}},
    }
    path.write_text(json.dumps(original), encoding="utf-8")
    state = State.load()
    assert state.read_documents() == {"/a", "/b"}
    assert state.pinned_documents() == ["/p"]
    assert state.pinned_facts("/a") == [("unit", 1, 5, "drie")]
    assert len(state.notices) == 1 and "2 entries" in state.notices[0]
    assert json.loads(_aside_files(path)[0].read_text()) == original
    assert state.save()  # the good part is written back at once
    assert State.load().notices == []


def test_a_newer_format_is_shown_but_never_overwritten() -> None:
    path = default_path()
    path.parent.mkdir(parents=True)
    newer = json.dumps({"format": "reader-state", "version": 99, "read": ["/a"], "extra": {"x": 1}})
    path.write_text(newer, encoding="utf-8")
    state = State.load()
    assert state.is_read("/a")
    assert not state.writable and "newer" in state.notices[0]
    state.mark_read("/b")
    assert state.save() is False
    assert path.read_text(encoding="utf-8") == newer
    assert _aside_files(path) == []


def test_an_unreadable_state_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.mkdir()  # a folder where the file should be
    state = State.load(path)
    assert not state.writable and len(state.notices) == 1
    state.mark_read("/a")
    assert state.save() is False
    assert path.is_dir() and list(path.iterdir()) == []


def test_a_failed_save_is_a_notice_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    state = State.load(folder / "state.json")
    assert state.notices == []
    folder.rmdir()
    folder.write_text("x")  # now a file where the folder should be: the save cannot happen
    state.mark_read("/a")
    assert state.save() is False
    assert state.dirty and len(state.notices) == 1 and "could not be saved" in state.notices[0]


# -- nothing outside the data dir ----------------------------------------------


def test_nothing_is_written_outside_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("home", "cwd", "xdg-data", "xdg-config", "xdg-cache", "reader-home"):
        (tmp_path / name).mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("READER_HOME", str(tmp_path / "reader-home"))
    monkeypatch.chdir(tmp_path / "cwd")
    data = paths.data_dir()

    state = State.load()
    state.mark_read("corpus/a.txt")
    state.toggle_pin("corpus/a.txt", FACT)
    state.save()
    state.path.write_bytes(b"broken")
    state = State.load()  # sets the broken file aside
    state.mark_read("corpus/b.txt")
    state.save()

    written = _files_under(tmp_path)
    assert written, "nothing was written at all"
    assert all(data in f.parents for f in written), written
    assert {f.name for f in written} >= {"state.json"}

    monkeypatch.delenv("READER_HOME")  # the XDG variable is honoured as well
    state = State.load()
    state.mark_read("/x")
    state.save()
    assert state.path == tmp_path / "xdg-data" / "reader" / "state.json" and state.path.exists()
    assert all(f.is_relative_to(data) or f.is_relative_to(tmp_path / "xdg-data" / "reader")
               for f in _files_under(tmp_path))


# -- a save killed at any moment ------------------------------------------------

_SAVER = r"""
import sys
from reader.state import State

N = int(sys.argv[1])
state = State.load()
if state.notices:
    print("NOTICES", state.notices, file=sys.stderr, flush=True)
    sys.exit(3)
gens = [p for p in state.read_documents() if p.startswith("/gen/")]
g = int(gens[0].rsplit("/", 1)[1]) if gens else 0
for i in range(N):
    state.mark_read(f"/corpus/doc-{i:06d}.txt")
print("start", g, flush=True)
while True:
    state.mark_read(f"/gen/{g}", False)
    state.pin(f"/pinned/{g}", pinned=False)
    state.pin("/corpus/doc-000000.txt", ("date", g, g + 1, f"gen {g}"), pinned=False)
    g += 1
    state.mark_read(f"/gen/{g}")
    state.pin(f"/pinned/{g}")
    state.pin("/corpus/doc-000000.txt", ("date", g, g + 1, f"gen {g}"))
    state.save()
    print(g, flush=True)
"""


def _generation(state: State, n: int) -> int:
    """The one generation a complete state holds; fails on anything torn."""
    read = state.read_documents()
    gens = [p for p in read if p.startswith("/gen/")]
    assert len(gens) == 1, gens
    g = int(gens[0].rsplit("/", 1)[1])
    assert len(read) == n + 1
    assert all(f"/corpus/doc-{i:06d}.txt" in read for i in range(n))
    assert state.pinned_documents() == [f"/pinned/{g}"]
    assert state.pinned_facts("/corpus/doc-000000.txt") == [("date", g, g + 1, f"gen {g}")]
    return g


def _wait_for_a_write_in_progress(state_path: Path, timeout: float) -> None:
    """Return as soon as a new temporary file (a save under way) appears."""
    before = set(state_path.parent.glob(".state.json.*.tmp"))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if set(state_path.parent.glob(".state.json.*.tmp")) - before:
            return
        time.sleep(0.0005)


def test_a_save_killed_at_random_moments_leaves_the_old_or_the_new_state(tmp_path: Path) -> None:
    n = 40_000  # about 2 MB a save
    home = tmp_path / "home"
    env = dict(os.environ, READER_HOME=str(home))
    state_path = home / "share" / "state.json"
    rng = random.Random(5)
    previous = 0
    progressed = 0
    for _round in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", _SAVER, str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        start = child.stdout.readline()  # loaded and ready: now saving in a loop
        assert start.startswith("start"), (start, child.stderr.read())
        assert int(start.split()[1]) == previous
        if _round % 2:
            _wait_for_a_write_in_progress(state_path, timeout=5.0)  # aim inside a write
        else:
            time.sleep(rng.uniform(0.05, 0.4))  # anywhere
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate()
        assert child.returncode == -signal.SIGKILL
        assert err == ""
        confirmed = [int(line) for line in out.splitlines() if line.strip().isdigit()]
        last = confirmed[-1] if confirmed else previous

        state = State.load(state_path)
        assert state.notices == []
        g = _generation(state, n)
        # Either the last save that returned, or the one in flight when killed.
        assert g in (last, last + 1), (g, last)
        progressed += g - previous
        previous = g
    assert progressed > 6, "the saver hardly saved; the test proved nothing"
    # Killed writes leave their temporary files (proof that kills landed inside
    # a write), and none of them ever took the place of the state file.
    assert list(state_path.parent.glob(".state.json.*.tmp")), "no kill landed inside a write"
    assert state_path.is_file()
    assert not list(state_path.parent.glob("state.json.corrupt-*"))
