"""``reader index`` and ``reader search`` as a user runs them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from reader.cli import main
from reader.paths import cache_dir

from .hostile import make_hostile_corpus, restore_permissions

ESCAPES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def docs(tmp_path, monkeypatch):
    root = tmp_path / "docs"
    root.mkdir()
    (root / "a.txt").write_text(" date 2024-02 Dreiging in Syrië blijft hoog\n\nDe blauwe ooievaar vloog over "
                                "Syrië en Irak. Het dreigingsniveau blijft hoog.\n", encoding="utf-8")
    (root / "b.md").write_text("---\ntitle: Chinooks over Iraq\ndate: 2024-05-23\nlanguage: en\n---\n\n"
                               "Three Chinook helicopters flew over Iraq and SYRIË.\n", encoding="utf-8")
    (root / "c.txt").write_text("Notitie zonder datum\n\nEen korte tekst over Den Haag.\n", encoding="utf-8")
    (root / "bad.txt").write_bytes(b"\x00\x00\x00binary\x00")
    monkeypatch.chdir(tmp_path)
    return root


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_index_summary_then_unchanged(docs, capsys):
    code, out, err = run(capsys, "index", "docs")
    assert code == 1  # one file could not be read: said on stderr
    assert out == out.strip() + "\n" and len(out.splitlines()) == 1
    assert re.fullmatch(r"4 documents in docs: 3 indexed, 0 unchanged, 0 removed, 1 failed in \d+\.\d s\n", out)
    assert "docs/bad.txt" in err and "binary" in err
    assert (cache_dir() / "index.sqlite3").exists()

    code, out, err = run(capsys, "index", "docs")
    assert code == 0 and err == ""
    assert "0 indexed, 4 unchanged, 0 removed, 0 failed" in out

    (docs / "c.txt").unlink()
    code, out, _ = run(capsys, "index", "docs")
    assert "0 indexed, 3 unchanged, 1 removed, 0 failed" in out

    code, out, _ = run(capsys, "index", "docs", "--rebuild", "--jobs", "2")
    assert "2 indexed, 0 unchanged, 0 removed, 1 failed" in out


def test_index_default_is_the_bundled_corpus(capsys):
    from reader.resources import bundled_corpus

    from reader.corpus import iter_documents

    n = len(list(iter_documents(bundled_corpus())))
    code, out, _ = run(capsys, "index")
    assert code == 0 and out.startswith(f"{n} documents in ") and f"{n} indexed" in out


def test_missing_path(capsys, tmp_path):
    code, out, err = run(capsys, "index", str(tmp_path / "nowhere"))
    assert code == 2 and out == "" and "no such file or folder" in err
    # A last word that is not an existing path is part of the query (in the bundled corpus).
    code, out, err = run(capsys, "search", "Irak", str(tmp_path / "nowhere"))
    assert code == 0 and out == ""


def test_search_json(docs, capsys):
    code, out, err = run(capsys, "search", "Syrie", "docs", "--format", "json")
    assert code == 0
    hits = json.loads(out)
    assert sorted(h["path"] for h in hits) == ["docs/a.txt", "docs/b.md"]
    a = next(h for h in hits if h["path"] == "docs/a.txt")
    assert a["title"] == "Dreiging in Syrië blijft hoog" and a["date"] == "2024-02" and a["language"] == "nl"
    assert [a["snippet"][s:e] for s, e in a["marks"]] == ["Syrië"]
    assert "docs/bad.txt" in err  # indexed (and found unreadable) by this search's refresh
    code, out, err = run(capsys, "search", "Syrie", "docs", "--format", "json")
    assert err == ""  # ... and not reported again


def test_search_query_in_several_words_and_filters(docs, capsys):
    code, out, _ = run(capsys, "search", "chinook*", "lang:en", "docs", "--format", "jsonl")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 1 and json.loads(lines[0])["path"] == "docs/b.md"
    code, out, _ = run(capsys, "search", '"blauwe ooievaar" published:2024-02', "docs", "--format", "json")
    assert [h["path"] for h in json.loads(out)] == ["docs/a.txt"]
    code, out, _ = run(capsys, "search", "zebra", "docs", "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_search_text_is_plain_when_not_a_terminal(docs, capsys):
    code, out, _ = run(capsys, "search", "Irak OR Iraq", "docs")
    assert code == 0 and not ESCAPES.search(out.replace("\n", ""))
    lines = out.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith(("2024-02     nl  Dreiging in Syrië blijft hoog  [docs/a.txt]",
                                "2024-05-23  en  Chinooks over Iraq  [docs/b.md]"))
    assert lines[1].startswith("    ")


def test_search_limit_and_empty_query(docs, capsys):
    code, out, _ = run(capsys, "search", "", "docs", "--format", "json", "--limit", "2")
    hits = json.loads(out)
    assert [h["date"] for h in hits] == ["2024-05-23", "2024-02"]  # newest first without words


def test_search_refreshes_first(docs, capsys):
    run(capsys, "index", "docs")
    (docs / "d.txt").write_text("Nieuw\n\nOver de zebrafinch.\n", encoding="utf-8")
    code, out, _ = run(capsys, "search", "zebrafinch", "docs", "--format", "json")
    assert [h["path"] for h in json.loads(out)] == ["docs/d.txt"]
    code, out, _ = run(capsys, "search", "zebrafinch", "docs", "--format", "json", "--no-refresh")
    assert len(json.loads(out)) == 1


def test_bad_date_filter_is_explained(docs, capsys):
    code, out, err = run(capsys, "search", "date:gisteren", "docs", "--format", "json")
    assert json.loads(out) == [] and "not a date" in err


def test_corrupt_index_is_set_aside_with_a_message(docs, capsys):
    index = cache_dir() / "index.sqlite3"
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_bytes(b"\x89PNG not an index" * 100)
    code, out, err = run(capsys, "search", "Irak", "docs", "--format", "json")
    assert "set aside" in err and len(json.loads(out)) == 1
    assert list(index.parent.glob("index.sqlite3.corrupt-*"))


def test_index_option_and_hostile_corpus(tmp_path, capsys):
    root = tmp_path / "hostile"
    make_hostile_corpus(root)
    try:
        index = tmp_path / "h.sqlite3"
        code, out, err = run(capsys, "index", str(root), "--index", str(index))
        assert index.exists() and "documents in" in out
        for query in ("", "PWNED", "title", "a*"):
            for fmt in ("text", "json"):
                code, out, err = run(capsys, "search", query, str(root), "--index", str(index), "--format", fmt)
                assert code == 0
                assert not ESCAPES.search(out.replace("\n", "")), (query, fmt)
                assert not ESCAPES.search(err.replace("\n", "")), (query, fmt)
    finally:
        restore_permissions(root)


def test_real_process_no_escape_codes_in_a_pipe(docs, tmp_path):
    env = dict(os.environ, READER_HOME=str(tmp_path / "home"), TERM="xterm-256color", FORCE_COLOR="")
    env.pop("FORCE_COLOR")
    result = subprocess.run([sys.executable, "-m", "reader", "search", "Syrie", "docs"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Dreiging in Syrië blijft hoog" in result.stdout
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr


def test_index_damaged_while_in_use_is_set_aside(docs, capsys, monkeypatch):
    import sqlite3

    from reader.store import Store

    run(capsys, "index", "docs")
    calls = {"n": 0}
    search = Store.search_stream

    def failing_once(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise sqlite3.DatabaseError("database disk image is malformed")
        return search(self, *args, **kwargs)

    monkeypatch.setattr(Store, "search_stream", failing_once)
    code, out, err = run(capsys, "search", "Irak", "docs", "--format", "json")
    assert code == 0 and [h["path"] for h in json.loads(out)] == ["docs/a.txt"]
    assert "damaged" in err and "set aside" in err
    assert list(cache_dir().glob("index.sqlite3.corrupt-*"))


def test_index_failing_while_results_are_printed_is_not_printed_twice(docs, capsys, monkeypatch):
    import sqlite3

    from reader.store import HitStream, Store

    run(capsys, "index", "docs")
    search = Store.search_stream

    def breaks_after_one_batch(self, *args, **kwargs):
        stream = search(self, *args, **kwargs)

        def batches():
            yield from stream
            raise sqlite3.DatabaseError("database disk image is malformed")

        return HitStream(batches(), matched=stream.matched, cut=stream.cut)

    monkeypatch.setattr(Store, "search_stream", breaks_after_one_batch)
    code, out, err = run(capsys, "search", "Irak", "docs", "--format", "jsonl")
    assert code == 1 and [json.loads(line)["path"] for line in out.splitlines()] == ["docs/a.txt"]
    assert "failed while the results were printed" in err
    assert not list(cache_dir().glob("index.sqlite3.corrupt-*"))


def test_index_with_damaged_pages(docs, capsys):
    run(capsys, "index", "docs")
    index = cache_dir() / "index.sqlite3"
    data = bytearray(index.read_bytes())
    assert len(data) > 3 * 4096
    data[2 * 4096 :] = b"\xde\xad" * ((len(data) - 2 * 4096) // 2)
    index.write_bytes(bytes(data))
    for side in ("-wal", "-shm"):
        (cache_dir() / f"index.sqlite3{side}").unlink(missing_ok=True)
    code, out, err = run(capsys, "search", "Irak", "docs", "--format", "json")
    assert code == 0 and [h["path"] for h in json.loads(out)] == ["docs/a.txt"]
    assert "set aside" in err


def test_reader_facts_takes_unchanged_files_facts_from_the_index(docs, capsys, monkeypatch):
    import reader.extract

    code, fresh, _ = run(capsys, "facts", "docs")  # no index yet: extracted
    assert not (cache_dir() / "index.sqlite3").exists()  # and none is built by reader facts
    run(capsys, "index", "docs")
    calls = []
    real = reader.extract.extract_document
    monkeypatch.setattr(reader.extract, "extract_document", lambda doc: calls.append(doc.path) or real(doc))
    _, from_index, _ = run(capsys, "facts", "docs")
    assert from_index == fresh and calls == []  # the same facts, none extracted again
    (docs / "c.txt").write_text("Notitie zonder datum\n\nNu over Bagdad.\n", encoding="utf-8")
    _, changed, _ = run(capsys, "facts", "docs")
    assert [os.path.basename(p) for p in calls] == ["c.txt"]  # a changed file is read afresh
    assert json.loads(changed)[-1]["facts"][0]["text"] == "Bagdad"


def test_reader_facts_leaves_an_index_of_another_version_alone(docs, capsys):
    import sqlite3

    run(capsys, "index", "docs")
    index = cache_dir() / "index.sqlite3"
    con = sqlite3.connect(index)
    con.execute("PRAGMA user_version = 999")
    con.commit()
    con.close()
    before = index.read_bytes()
    code, out, _ = run(capsys, "facts", "docs")
    assert json.loads(out) and index.read_bytes() == before  # facts extracted; the index untouched
