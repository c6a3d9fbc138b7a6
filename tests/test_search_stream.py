"""Store.search_stream (what ``reader search`` prints): the same documents in
the same order as Store.search, in batches, with snippets that show and mark
the words; and the command's output contract on top of it."""

from __future__ import annotations

import json
import os

import pytest

from reader.store import Store
from reader.store import core

from .test_cli_store import run
from .test_store import DOCS, FakeExtractor, write_corpus

QUERIES = ["Irak", "irak", "SYRIË", "Syrie", "dreiging*", "Chin*", '"blauwe ooievaar"', "ooievaar blauwe",
           "Irak OR Bagdad", "Irak -Chinook", "place:Irak", "place:Bagdad", "threat:hoog", "unit:militairen",
           "date:2024-01", "kind:unit", "Chinook place:Irak", "lang:en", "", "nothingatall", "place:Nergens"]


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "index.sqlite3", extractor=FakeExtractor(), version="t1")
    many = {f"m/doc{i:03d}.txt": f"Bericht {i}\n\nDe dreiging in Irak is hoog. Zo'n {i} militairen in Bagdad.\n"
            for i in range(40)}
    s.refresh(write_corpus(tmp_path / "corpus", {**DOCS, **many}))
    yield s
    s.close()


def flat(stream):
    return [hit for batch in stream for hit in batch]


@pytest.mark.parametrize("query", QUERIES)
def test_stream_has_the_documents_of_search_in_its_order(store, query):
    want = store.search(query, limit=None)
    stream = store.search_stream(query, first=3, batch=7)
    got = flat(stream)
    assert [h.path for h in got] == [h.path for h in want]
    assert [h.score for h in got] == [h.score for h in want]
    assert not stream.cut and stream.matched in (None, len(want))
    for hit in got:
        assert all(0 <= a < b <= len(hit.snippet) for a, b in hit.marks)
        assert "\n" not in hit.snippet and core.MARK_OPEN not in hit.snippet


def test_batches_are_the_first_then_full_ones(store):
    sizes = [len(batch) for batch in store.search_stream("Irak", first=3, batch=10)]
    assert sizes[0] == 3 and all(n == 10 for n in sizes[1:-1]) and sum(sizes) == len(store.search("Irak", limit=None))


def test_word_snippets_mark_the_words_as_the_index_folds_them(store):
    for query, words in [("syrie", {"syrië", "syrie"}), ("SYRIË", {"syrië", "syrie"}),
                         ('"blauwe ooievaar"', {"blauwe ooievaar"}), ("Chin*", {"chinook", "chinooks"}),
                         ("dreiging*", {"dreiging", "dreigingsniveau"})]:
        hits = flat(store.search_stream(query))
        assert hits, query
        for hit in hits:
            marked = {hit.snippet[a:b].casefold() for a, b in hit.marks}
            assert marked and marked <= words, (query, hit.snippet, marked)


def test_words_only_in_the_title_show_the_title(store):
    hits = flat(store.search_stream("Overleg"))
    assert [os.path.basename(h.path) for h in hits] == ["haag.md"]
    assert hits[0].snippet == "Overleg in Den Haag" and hits[0].marks == ((0, 7),)


def test_what_the_expression_misses_gets_the_index_snippet(store, monkeypatch):
    import re

    monkeypatch.setattr(core, "_words_pattern", lambda q: re.compile("(?!x)x"))
    hits = flat(store.search_stream("Irak"))
    assert len(hits) == len(store.search("Irak", limit=None)) > 10
    for hit in hits:  # FTS5's own snippet, its words marked
        assert hit.marks and {hit.snippet[a:b].casefold() for a, b in hit.marks} == {"irak"}, hit.snippet


@pytest.mark.parametrize("query", QUERIES)
def test_the_app_and_the_command_show_the_same_snippets(store, query):
    """The search screen (search) and ``reader search`` (search_stream) show
    the same window of each document with the same words marked."""
    want = [(h.path, h.snippet, h.marks) for h in store.search(query, limit=None)]
    assert [(h.path, h.snippet, h.marks) for h in flat(store.search_stream(query))] == want
    limited = [(h.path, h.snippet, h.marks) for h in store.search(query, limit=5)]
    assert all(hit in want for hit in limited)


def test_named_fact_expression_finds_folded_names():
    from reader.query import parse

    pattern = core._named_fact_pattern(tuple(parse('place:"den haag"').filters))
    facts = core._JSON.encode([["place", "Den  Haag", 1, 10, None, {}], ["place", "x", 1, 2, "DEN HAAG", {}],
                               ["place", "Den Haagse", 1, 2, None, {}], ["person", "Den Haag", 1, 2, None, {}]])
    assert [facts[m.start():m.start() + 20] for m in pattern.finditer(facts)] == [
        '["place","Den  Haag"', '["place","x",1,2,"DE']
    assert core._named_fact_pattern(tuple(parse("place:Irak threat:hoog").filters)) is None
    assert core._named_fact_pattern(tuple(parse("place:Ir*").filters)) is None


def test_limit_cuts_and_says_so(store):
    stream = store.search_stream("Irak", limit=2)
    assert len(flat(stream)) == 2 and stream.cut
    stream = store.search_stream("place:Bagdad", limit=1)
    assert len(flat(stream)) == 1 and stream.cut and stream.matched is None
    stream = store.search_stream("zeldzaam", limit=5)
    assert len(flat(stream)) == 1 and not stream.cut and stream.matched == 1


# ---------------------------------------------------------------- the command


@pytest.fixture
def docs(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))
    root = write_corpus(tmp_path / "docs", {f"d{i:03d}.txt": f"Titel {i}\n\nDe dreiging in Irak, deel {i}.\n"
                                            for i in range(250)})
    monkeypatch.chdir(tmp_path)
    return root


def test_every_match_is_printed_once_in_each_format(docs, capsys):
    code, out, err = run(capsys, "search", "dreiging", "docs", "--format", "json")
    hits = json.loads(out)
    assert code == 0 and len(hits) == 250 and len({h["path"] for h in hits}) == 250
    assert all(set(h) >= {"path", "title", "date", "snippet", "marks"} for h in hits)
    assert all(h["snippet"][a:b] == "dreiging" for h in hits for a, b in h["marks"])
    assert out.startswith("[\n{") and out.endswith("}\n]\n") and len(out.splitlines()) == 252  # one a line

    code, out, err = run(capsys, "search", "dreiging", "docs", "--format", "jsonl")
    assert [json.loads(line)["path"] for line in out.splitlines()] == [h["path"] for h in hits]

    code, out, err = run(capsys, "search", "dreiging", "docs", "--format", "text")
    lines = out.splitlines()
    assert len(lines) == 500 and lines[0].endswith(f"[{hits[0]['path']}]") and lines[1].startswith("    ")
    assert err == ""


def test_no_match_is_an_empty_array(docs, capsys):
    assert run(capsys, "search", "nergens", "docs", "--format", "json")[:2] == (0, "[]\n")
    assert run(capsys, "search", "nergens", "docs", "--format", "jsonl")[:2] == (0, "")


def test_limit_says_on_stderr_that_it_cut(docs, capsys):
    code, out, err = run(capsys, "search", "place:Nergens", "docs", "--format", "jsonl", "--limit", "3")
    assert (code, out, err) == (0, "", "")
    code, out, err = run(capsys, "search", "dreiging", "docs", "--format", "jsonl", "--limit", "3")
    assert len(out.splitlines()) == 3 and err == "reader: 3 of 250 matching documents shown (--limit 3)\n"
    code, out, err = run(capsys, "search", "dreiging", "docs", "--format", "jsonl", "--limit", "300")
    assert len(out.splitlines()) == 250 and err == ""
