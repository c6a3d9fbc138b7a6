"""The index (reader.store): refresh, listing, facts, search, robustness."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from reader.model import Document, Fact
from reader.paths import cache_dir
from reader.store import Store, fts5_available, unmark, window

# --------------------------------------------------------------- helpers

PLACES = {"Irak": "Irak", "Syrië": "Syrië", "Syrie": "Syrië", "Den Haag": "Den Haag", "Bagdad": "Bagdad",
          "Iraq": "Irak"}
_UNIT = re.compile(r"(\d+) (militairen|Chinooks|troops)")
_THREAT = re.compile(r"dreiging(?:sniveau)? (?:is|blijft) (\w+)|threat level is (\w+)")
_RAISED = re.compile(r"verhoogd van (\w+) naar (\w+)")
_DATE = re.compile(r"\b(\d{4}-\d{2}(?:-\d{2})?)\b")
_RANGE = re.compile(r"van (\d{4}-\d{2}-\d{2}) tot (\d{4}-\d{2}-\d{2})")


class FakeExtractor:
    """A small deterministic extractor that counts the documents it sees."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, doc: Document) -> list[Fact]:
        with self.lock:
            self.seen.append(os.path.basename(doc.path))
        text = doc.text
        facts: list[Fact] = []
        for name, canonical in PLACES.items():
            for m in re.finditer(rf"\b{re.escape(name)}\b", text):
                facts.append(Fact("place", m.group(), m.start(), m.end(), canonical))
        for m in _UNIT.finditer(text):
            facts.append(Fact("unit", m.group(), m.start(), m.end(), None,
                              {"count": int(m[1]), "category": "personnel" if m[2] != "Chinooks" else "equipment",
                               "what": m[2]}))
        for m in _THREAT.finditer(text):
            facts.append(Fact("threat", m.group(), m.start(), m.end(), None, {"level": (m[1] or m[2]).lower()}))
        for m in _RAISED.finditer(text):
            facts.append(Fact("threat", m.group(), m.start(), m.end(), None,
                              {"level": m[2], "previous": m[1], "change": "raised"}))
        for m in _RANGE.finditer(text):
            facts.append(Fact("date", m.group(), m.start(), m.end(), m[1], {"range": (m[1], m[2])}))
        for m in _DATE.finditer(text):
            if not any(f.kind == "date" and f.start <= m.start() < f.end for f in facts):
                facts.append(Fact("date", m.group(), m.start(), m.end(), m[1]))
        return sorted(facts, key=lambda f: f.start)

    def reset(self) -> list[str]:
        with self.lock:
            seen, self.seen = sorted(self.seen), []
        return seen


DOCS = {
    "a/irak.txt": " date 2023-11 Inzet in Irak gaat door\n\nHet dreigingsniveau is hoog. Vanaf 2024-01-15 zijn "
                  "145 militairen actief in Irak en Syrië. De Chinook-helikopters vliegen.\n",
    "a/haag.md": "---\ntitle: Overleg in Den Haag\ndate: 2024-02-07\nlanguage: nl\nsource: Sample\n---\n\n"
                 "In Den Haag sprak de minister over de inzet. De dreiging blijft beperkt. Het oefenterrein "
                 "is open van 2023-12-20 tot 2024-01-10.\n",
    "b/iraq.txt": "Dutch Chinooks fly in Iraq\n\nAll 3 Chinooks and 120 troops are deployed. The threat level is "
                  "substantial since 2024-03. They flew over Syrie (sic) and Bagdad.\n",
    "b/nctv.txt": " date 2023-12-12 NCTV verhoogt dreigingsniveau\n\nHet dreigingsniveau is verhoogd van "
                  "aanzienlijk naar substantieel. Zo'n blauwe ooievaar is zeldzaam; een ooievaar is blauwe "
                  "noch wit.\n",
    "b/binary.txt": b"\x00\x01\x02binary\x00data\x00".decode("latin-1"),
}


def write_corpus(root: Path, docs: dict[str, str] = DOCS) -> Path:
    for rel, text in docs.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith("binary.txt"):
            path.write_bytes(text.encode("latin-1"))
        else:
            path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def fake():
    return FakeExtractor()


@pytest.fixture
def store(home, fake):
    s = Store.open(extractor=fake, version="t1")
    yield s
    s.close()


def names(rows) -> list[str]:
    return [os.path.basename(r.path) for r in rows]


def bump(path: Path, seconds: int = 10) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + seconds * 1_000_000_000))


# ---------------------------------------------------------------- basics


def test_fts5_is_available():
    assert fts5_available()


def test_index_lives_in_cache_dir_and_is_wal(home, corpus, fake):
    with Store.open(extractor=fake, version="t1") as s:
        s.refresh(corpus)
        assert s.path == cache_dir() / "index.sqlite3" and str(s.path).startswith(str(home))
        assert s.path.exists()
    con = sqlite3.connect(cache_dir() / "index.sqlite3")
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_refresh_lists_newest_first_with_failed_files_kept(store, corpus):
    stats = store.refresh(corpus)
    assert (stats.found, stats.indexed, stats.failed, stats.unchanged) == (5, 4, 1, 0)
    rows = store.documents(corpus)
    # dated newest first (2024-02-07, 2023-12-12, 2023-11), then the undated ones
    assert names(rows)[:3] == ["haag.md", "nctv.txt", "irak.txt"]
    assert set(names(rows)[3:]) == {"iraq.txt", "binary.txt"}
    failed = [r for r in rows if r.error]
    assert names(failed) == ["binary.txt"]
    assert "binary" in failed[0].error or "text" in failed[0].error
    assert failed[0].title == "binary.txt"
    haag = store.document(corpus / "a" / "haag.md")
    assert haag.title == "Overleg in Den Haag"
    assert (haag.date, haag.language, haag.format, haag.source) == ("2024-02-07", "nl", "markdown", "Sample")
    assert stats.failures and stats.failures[0][0].endswith("binary.txt")


def test_facts_round_trip_and_worst_threat_marker(store, corpus, fake):
    store.refresh(corpus)
    facts = store.document_facts(corpus / "a" / "haag.md")
    from reader.corpus import load_document

    assert facts == FakeExtractor()(load_document(str(corpus / "a" / "haag.md")))
    ranged = [f for f in facts if f.get("range")]
    assert ranged and ranged[0].get("range") == ("2023-12-20", "2024-01-10")
    nctv = store.document(corpus / "b" / "nctv.txt")
    assert nctv.threat == "substantieel" and nctv.threat_rank == 4
    assert store.document(corpus / "a" / "irak.txt").threat == "hoog"
    assert store.document(corpus / "a" / "haag.md").threat == "beperkt"
    assert store.document(corpus / "a" / "irak.txt").fact_count == len(store.document_facts(corpus / "a" / "irak.txt"))
    assert store.document_facts(corpus / "nope.txt") == []


# ----------------------------------------------------- incremental refresh


def test_refresh_parses_only_what_changed(store, corpus, fake):
    store.refresh(corpus)
    assert len(fake.reset()) == 4  # the binary file fails before extraction

    stats = store.refresh(corpus)
    assert (stats.indexed, stats.failed, stats.unchanged, stats.removed) == (0, 0, 5, 0)
    assert fake.reset() == []

    bump(corpus / "a" / "irak.txt")  # touched: same size, new mtime
    (corpus / "b" / "iraq.txt").write_text("Dutch Chinooks leave\n\nThe zebrafinch has landed.\n")
    (corpus / "a" / "haag.md").unlink()
    (corpus / "b" / "new.txt").write_text("A new file\n\nAbout Syrië.\n")
    stats = store.refresh(corpus)
    assert (stats.indexed, stats.removed, stats.unchanged, stats.failed) == (3, 1, 2, 0)
    assert fake.reset() == ["irak.txt", "iraq.txt", "new.txt"]

    assert "haag.md" not in names(store.documents(corpus))
    assert store.search("Overleg") == []
    assert names(store.search("zebrafinch")) == ["iraq.txt"]
    assert store.search("troops") == []  # the old text of iraq.txt is gone
    assert store.document_facts(corpus / "a" / "haag.md") == []


def test_new_extractor_version_reparses_everything(home, corpus, fake):
    with Store.open(extractor=fake, version="t1") as s:
        s.refresh(corpus)
    fake.reset()
    with Store.open(extractor=fake, version="t2") as s:
        stats = s.refresh(corpus)
    assert stats.indexed == 4 and len(fake.reset()) == 4


def test_refresh_of_one_root_leaves_other_roots_alone(store, tmp_path):
    one = write_corpus(tmp_path / "one", {"x.txt": "Eerste\n\nIrak\n"})
    two = write_corpus(tmp_path / "two", {"y.txt": "Tweede\n\nIrak\n"})
    # a sibling whose name starts like the first root must not count as under it
    three = write_corpus(tmp_path / "one-more", {"z.txt": "Derde\n\nIrak\n"})
    for root in (one, two, three):
        store.refresh(root)
    (one / "x.txt").unlink()
    stats = store.refresh(one)
    assert stats.removed == 1
    assert names(store.documents()) == ["z.txt", "y.txt"] or set(names(store.documents())) == {"y.txt", "z.txt"}
    assert names(store.documents(two)) == ["y.txt"]
    assert names(store.search("Irak", root=three)) == ["z.txt"]


def test_a_root_scopes_every_kind_of_query_whether_or_not_it_holds_the_whole_index(tmp_path):
    """One root that is the whole index (no path condition is needed) and two
    that share it: the same queries give each only its own documents."""
    one = write_corpus(tmp_path / "one", {"x.txt": "Eerste\n\nDe dreiging is hoog in Irak.\n"})
    two = write_corpus(tmp_path / "two", {"y.txt": "Tweede\n\nDe dreiging is hoog in Irak.\n"})
    with Store.open(tmp_path / "index.sqlite3", extractor=FakeExtractor(), version="t1") as s:
        s.refresh(one)
        queries = ["", "Irak", "place:Irak", "threat:hoog", "Irak place:Irak"]
        for query in queries:  # alone in the index
            assert names(s.search(query, root=one)) == ["x.txt"], query
            assert names(s.documents(one, query)) == ["x.txt"], query
        s.refresh(two)
        for query in queries:  # sharing it
            assert names(s.search(query, root=one)) == ["x.txt"], query
            assert names(s.search(query, root=two)) == ["y.txt"], query
            assert names(s.documents(two, query)) == ["y.txt"], query
            assert s.count(query, root=one) == 1 and s.count(query) == 2, query


def test_document_facts_of_some_kinds_only(store, corpus):
    store.refresh(corpus)
    path = corpus / "a" / "irak.txt"
    every = store.document_facts(path)
    assert {f.kind for f in every} >= {"place", "unit", "date"}
    for kinds in ({"place"}, {"date", "unit"}, {"person"}):
        assert store.document_facts(path, kinds) == [f for f in every if f.kind in kinds]


class DatesAsWritten:
    """A date fact for every "D:<value>" in the text (value as TIMEX3)."""

    def __call__(self, doc: Document) -> list[Fact]:
        return [Fact("date", m.group(), m.start(), m.end(), m[1]) for m in re.finditer(r"D:(\S+)", doc.text)]


def test_date_filters_find_facts_of_every_span_and_no_others(tmp_path):
    """The index files date facts by how long they span and looks back from a
    query's first day as far as each class reaches: the documents it finds
    are exactly those whose facts overlap the query, by the query module's
    own test of a fact."""
    from reader.query import Filter, fact_matches

    values = ["2024-01-15", "2023-12-31", "2024-W01", "2023-12", "2024-02", "2023-Q4", "2024-Q1", "2023-H2",
              "2023", "2024", "2023-WI", "2022", "202", "2019", "2025-06"]
    docs = {f"d{i:02d}.txt": f"Stuk {i}\n\nDatum D:{value} hier.\n" for i, value in enumerate(values)}
    corpus = write_corpus(tmp_path / "corpus", docs)
    with Store.open(tmp_path / "index.sqlite3", extractor=DatesAsWritten(), version="t1") as s:
        s.refresh(corpus)
        for query in ["2024-01", "2024-01-01", "2023-12-31", "2024", "2023-W52", "2024-Q2", "2021", "2025",
                      "2023-06..2023-08", "2026"]:
            want = {name for name, value in zip(docs, values)
                    if fact_matches(Filter("date", query), Fact("date", "x", 0, 1, value))}
            assert want and set(names(s.documents(corpus, f"date:{query}"))) == want, query
        assert len(names(s.documents(corpus, "date:2024-01"))) == 6  # the day, week, quarter, year, winter, decade


def test_single_file_root(store, corpus):
    stats = store.refresh(corpus / "a" / "irak.txt")
    assert stats.found == 1 and stats.indexed == 1
    assert names(store.documents(corpus / "a" / "irak.txt")) == ["irak.txt"]


def test_missing_root_raises(store, tmp_path):
    with pytest.raises(FileNotFoundError):
        store.refresh(tmp_path / "nowhere")


def test_progress_and_cancel(store, tmp_path, fake):
    root = write_corpus(tmp_path / "many", {f"d{i:03d}.txt": f"Titel {i}\n\nTekst {i} over Irak.\n" for i in range(60)})
    seen = []
    stats = store.refresh(root, progress=lambda done, total: seen.append((done, total)), batch_size=7)
    assert seen[0] == (0, 60) and seen[-1] == (60, 60)
    assert all(a <= b for (a, _), (b, _) in zip(seen, seen[1:]))

    store.clear()
    assert store.documents() == []
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 25

    stats = store.refresh(root, cancelled=cancelled, batch_size=10)
    assert stats.cancelled and 0 < stats.indexed < 60
    assert len(store.documents(root)) == stats.indexed  # what was done is kept
    done_before = stats.indexed
    stats = store.refresh(root)
    assert not stats.cancelled and stats.indexed == 60 - done_before and stats.unchanged == done_before
    assert len(store.documents(root)) == 60


def test_extractor_failure_keeps_the_document(home, corpus):
    def broken(doc):
        raise RuntimeError("boom")

    with Store.open(extractor=broken, version="x") as s:
        stats = s.refresh(corpus)
        assert stats.indexed == 4
        row = s.document(corpus / "a" / "irak.txt")
        assert row.fact_count == 0 and any("boom" in n for n in row.notes)
        assert names(s.search("Chinook")) == ["irak.txt"] or "irak.txt" in names(s.search("Chinook*"))


def test_undecodable_file_name(store, tmp_path):
    root = tmp_path / "odd"
    root.mkdir()
    raw = os.fsencode(str(root)) + b"/caf\xe9.txt"
    with open(raw, "wb") as handle:
        handle.write(b"Titel\n\nOver Irak.\n")
    store.refresh(root)
    rows = store.documents(root)
    assert len(rows) == 1 and os.fsencode(rows[0].path) == raw
    assert store.document_facts(rows[0].path)[0].value == "Irak"


# ---------------------------------------------------------------- search


def test_diacritics_are_folded_both_ways(store, corpus):
    store.refresh(corpus)
    # "Syrië" in irak.txt, "Syrie" in iraq.txt
    for query in ("Syrie", "syrië", "SYRIË"):
        assert set(names(store.search(query))) == {"irak.txt", "iraq.txt"}, query


def test_phrase_prefix_and_words(store, corpus):
    store.refresh(corpus)
    assert names(store.search('"blauwe ooievaar"')) == ["nctv.txt"]
    assert names(store.search('"ooievaar blauwe"')) == []
    assert names(store.search("ooievaar blauwe")) == ["nctv.txt"]  # both words, any order
    assert set(names(store.search("Chinook*"))) == {"irak.txt", "iraq.txt"}
    assert names(store.search("Chinook")) == ["irak.txt"]  # "Chinook-helikopters"; "Chinooks" is another word
    assert set(names(store.search("chinooks OR helikopters"))) == {"irak.txt", "iraq.txt"}
    assert names(store.search("Chinook* -troops")) == ["irak.txt"]
    assert set(names(store.search("-Irak"))) == {"haag.md", "iraq.txt", "nctv.txt"}


def test_title_words_rank_first_and_snippets_are_marked(store, corpus):
    store.refresh(corpus)
    hits = store.search("Irak")
    assert names(hits)[0] == "irak.txt"
    for hit in store.search("Syrie") + store.search('"blauwe ooievaar"') + store.search("dreig*"):
        assert hit.marks, hit
        assert "\n" not in hit.snippet and "\x02" not in hit.snippet and "\x03" not in hit.snippet
        for a, b in hit.marks:
            assert 0 <= a < b <= len(hit.snippet)
    syrie = {names([h])[0]: h for h in store.search("Syrie")}
    h = syrie["irak.txt"]
    assert [h.snippet[a:b] for a, b in h.marks] == ["Syrië"]
    h = store.search('"blauwe ooievaar"')[0]
    assert [h.snippet[a:b] for a, b in h.marks] == ["blauwe ooievaar"]
    h, = store.search("verhoogt")  # only in the title: the title is the snippet
    assert h.snippet == "NCTV verhoogt dreigingsniveau" and [h.snippet[a:b] for a, b in h.marks] == ["verhoogt"]
    h, = store.search("NCTV*")
    assert [h.snippet[a:b] for a, b in h.marks] == ["NCTV"]


class PlacesAsWritten:
    """Places with the value as written, the way the real extractor gives
    "Iraq" in English and "Irak" in Dutch."""

    def __call__(self, doc: Document) -> list[Fact]:
        return [Fact("place", m.group(), m.start(), m.end(), m.group())
                for m in re.finditer(r"\b(?:Irak|Iraq|Bagdad|Baghdad|Syria)\b", doc.text)]


def test_a_place_is_found_by_its_name_in_either_language(tmp_path):
    docs = {"nl.txt": "Inzet\n\nMilitairen in Irak, vooral in Bagdad.\n",
            "en.txt": "Deployment\n\nTroops in Iraq, mostly in Baghdad.\n",
            "syria.txt": "Elders\n\nTroops in Syria.\n"}
    corpus = write_corpus(tmp_path / "corpus", docs)
    with Store.open(tmp_path / "index.sqlite3", extractor=PlacesAsWritten(), version="t1") as s:
        s.refresh(corpus)

        def q(text):
            return set(names(s.documents(corpus, text)))

        for query in ("place:Iraq", "place:irak", "place:IRAQ", "place:Baghdad", "place:bagdad", "place:Ira*"):
            assert q(query) == {"nl.txt", "en.txt"}, query
        assert q("place:Bagh*") == {"en.txt"}  # a prefix is of the name as written
        assert q("-place:Iraq") == {"syria.txt"}
        hits = {h.path.rsplit("/", 1)[-1]: h for h in s.search("place:Iraq")}
        assert {name: [h.snippet[a:b] for a, b in h.marks] for name, h in hits.items()} == {
            "nl.txt": ["Irak"], "en.txt": ["Iraq"]}  # each snippet marks the name its document uses
        assert sorted(h.path for batch in s.search_stream("place:Bagdad") for h in batch) == sorted(
            h.path for h in s.search("place:Baghdad", limit=None))


def test_fact_filters(store, corpus):
    store.refresh(corpus)

    def q(text):
        return set(names(store.documents(corpus, text)))

    assert q("place:irak") == {"irak.txt", "iraq.txt"}  # canonical value, case ignored
    assert q("place:SYRIE") == {"irak.txt", "iraq.txt"}
    assert q('place:"den haag"') == {"haag.md"}
    assert q("place:Bag*") == {"iraq.txt"}
    assert q("threat:hoog") == {"irak.txt"}
    assert q("threat:raised") == {"nctv.txt"}
    assert q("threat:>=substantieel") == {"irak.txt", "nctv.txt"}  # hoog and substantieel rank 4
    assert q("threat:<3") == {"haag.md"}
    assert q("unit:militair") == {"irak.txt"}  # noun prefix
    assert q("unit:personnel") == {"irak.txt", "iraq.txt"}
    assert q("unit:equipment") == {"iraq.txt"}
    assert q("kind:unit") == {"irak.txt", "iraq.txt"}
    assert q("lang:en") == {"iraq.txt"}
    assert q("source:sample") == {"haag.md"}
    # date facts: 2024-01-15 in irak.txt, the range 2023-12-20..2024-01-10 in haag.md
    assert q("date:2024-01") == {"irak.txt", "haag.md"}
    assert q("date:2024-01-12") == set()
    assert q("date:2024-03") == {"iraq.txt"}
    # the publication date counts for date: too, and alone for published:
    assert q("date:2023-11") == {"irak.txt"}
    assert q("published:2024") == {"haag.md"}
    assert q("published:2023-12..") == {"haag.md", "nctv.txt"}
    assert q("-place:Irak") == {"haag.md", "nctv.txt", "binary.txt"}
    assert q("place:Atlantis") == set()
    assert q("date:gisteren") == set()  # not a date: nothing, and the query says so
    assert q("") == {"irak.txt", "haag.md", "iraq.txt", "nctv.txt", "binary.txt"}


def test_words_and_filters_combined(store, corpus):
    store.refresh(corpus)
    assert names(store.search("Chinooks place:Irak lang:en")) == ["iraq.txt"]
    assert names(store.search("Chinook* threat:hoog date:2024-01")) == ["irak.txt"]
    assert store.search("Chinook* threat:beperkt") == []
    assert names(store.documents(corpus, "dreiging* unit:militairen lang:nl")) == ["irak.txt"]
    assert store.count("Chinook* place:Irak") == 2
    assert store.paths(corpus, "Chinook* place:Irak") == sorted([str(corpus / "a" / "irak.txt"),
                                                                   str(corpus / "b" / "iraq.txt")])
    assert len(store.paths()) == 5


def test_filter_only_search_marks_the_fact(store, corpus):
    store.refresh(corpus)
    hits = store.search("threat:hoog")
    assert names(hits) == ["irak.txt"]
    h = hits[0]
    assert [h.snippet[a:b] for a, b in h.marks] == ["dreigingsniveau is hoog"]
    every = store.search("")
    assert len(every) == 4  # failed files have no text to show in search hits
    assert all(not h.marks for h in every)


def test_search_limit_and_no_match(store, corpus):
    store.refresh(corpus)
    assert len(store.search("Irak OR Iraq OR Haag OR NCTV", limit=2)) == 2
    assert store.search("zzzzqqq") == []
    assert store.search('"') == store.search("")[:50]  # a lone quote is no words
    assert store.search("'; DROP TABLE documents; --") == []
    assert len(store.documents()) == 5


def test_common_words_rank_a_bounded_set_and_say_so(store, tmp_path):
    """A word found in more documents than store.rank_candidates (and the limit):
    only the most recently indexed matches are ranked and the hits say so
    (capped); with fewer matches, or limit=None, every match is ranked."""
    docs = {f"d{i:02d}.txt": f"Verslag {i}\n\nDe inzet gaat door. {'inzet ' * (i % 7)}"
            f"{'oneven ' if i % 2 else ''}einde.\n" for i in range(30)}
    root = write_corpus(tmp_path / "many", docs)
    store.refresh(root)
    every = store.search("inzet", limit=None)
    assert len(every) == 30 and not every.capped and every.total == 30 == store.count("inzet")
    assert [h.score for h in every] == sorted((h.score for h in every), reverse=True)

    store.rank_candidates = 10
    with sqlite3.connect(store.path) as con:
        newest = {os.fsdecode(r[0]) for r in con.execute("SELECT path FROM documents ORDER BY id DESC LIMIT 10")}
    hits = store.search("inzet", limit=4)
    assert len(hits) == 4 and hits.capped and hits.ranked == 10 and hits.total is None and hits.at_least == 10
    # the best of those ten, in the order a full ranking gives them
    assert [h.path for h in hits] == [h.path for h in every if h.path in newest][:4]
    assert all(h.marks for h in hits)
    # the filters apply before the cap: ten documents with both words are ranked
    hits = store.search("inzet oneven", limit=3)
    assert hits.capped and hits.ranked == 10 and len(hits) == 3
    assert all("oneven" in h.snippet for h in hits)
    # a limit above the cap: that many are ranked; everything that matches: not capped
    hits = store.search("inzet", limit=12)
    assert len(hits) == 12 and hits.capped and hits.ranked == 12
    hits = store.search("inzet", limit=50)
    assert len(hits) == 30 and not hits.capped and hits.total == 30
    assert [h.path for h in hits] == [h.path for h in every]
    hits = store.search("oneven")
    assert not hits.capped and hits.total == 15 == len(hits) == store.count("oneven")
    # filters only: newest first, nothing ranked, no total known
    hits = store.search("lang:nl", limit=3)
    assert not hits.capped and hits.ranked is None and hits.total is None
    assert store.search("inzet", limit=0) == [] and store.search("zzzzqqq").total == 0


def test_filter_snippets_decode_only_the_facts_of_the_wanted_kinds():
    from reader.store.core import _facts_json, _facts_of_kinds

    facts = [Fact("date", 'zie ["place","x",1,2,null,{}]', 0, 5, "2024"),
             Fact("place", "Irak", 10, 14, "Irak", {"near": ["place", "Syrië"]}),
             Fact("unit", "5 man", 20, 25, None, {"what": "man"}),
             Fact("place", "Den Haag", 30, 38, "Den Haag")]
    stored = _facts_json(facts)
    assert [f[1] for f in _facts_of_kinds(stored, {"place"})] == ["Irak", "Den Haag"]
    assert [f[1] for f in _facts_of_kinds(stored, {"unit", "date"})] == [facts[0].text, "5 man"]
    assert list(_facts_of_kinds(stored, {"person"})) == [] == list(_facts_of_kinds(stored, set()))


def test_window_and_unmark():
    text, marks = unmark("a \x02bc\x03 d \x02e\x03")
    assert text == "a bc d e" and marks == ((2, 4), (7, 8))
    body = "word " * 50 + "TARGET" + " more" * 50
    snippet, marks = window(body, 250, 256)
    (a, b), = marks
    assert snippet[a:b] == "TARGET" and snippet.startswith("\u2026") and snippet.endswith("\u2026")


# ---------------------------------------------------------- bad index files


def test_garbage_index_is_set_aside_and_rebuilt(home, corpus, fake):
    index = cache_dir() / "index.sqlite3"
    index.parent.mkdir(parents=True)
    index.write_bytes(b"this is not a database at all\n" * 200)
    said = []
    with Store.open(extractor=fake, version="t1", on_notice=said.append) as s:
        assert s.notices and said == s.notices and "set aside" in said[0]
        s.refresh(corpus)
        assert len(s.documents()) == 5
    aside = list(index.parent.glob("index.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")


def test_a_foreign_database_is_set_aside_and_another_versions_index_replaced(home, corpus, fake):
    index = cache_dir() / "index.sqlite3"
    index.parent.mkdir(parents=True)
    con = sqlite3.connect(index)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    with Store.open(extractor=fake, version="t1") as s:
        assert "not a reader index" in s.notices[0]
        s.refresh(corpus)
    assert len(list(index.parent.glob("index.sqlite3.corrupt-*"))) == 1  # someone's data: kept aside
    con = sqlite3.connect(index)
    con.execute("PRAGMA user_version = 999")
    con.commit()
    con.close()
    with Store.open(extractor=fake, version="t1") as s:
        assert "another version of reader (index schema 999" in s.notices[0]
        assert "building it again" in s.notices[0]
        assert s.documents() == []
    # an index of another version is a cache of the files: replaced, not kept (it may be gigabytes)
    assert len(list(index.parent.glob("index.sqlite3.corrupt-*"))) == 1
    with Store.open(extractor=fake, version="t1") as s:  # a good index is kept
        assert s.notices == []


def test_index_path_that_is_a_folder(tmp_path, fake):
    index = tmp_path / "idx"
    index.mkdir()
    with Store.open(index, extractor=fake, version="t1") as s:
        assert s.notices
        assert s.documents() == []


def test_empty_index_file_is_just_initialized(tmp_path, fake):
    index = tmp_path / "empty.sqlite3"
    index.write_bytes(b"")
    with Store.open(index, extractor=fake, version="t1") as s:
        assert s.notices == []


# -------------------------------------------------------------- concurrency


def test_threads_refresh_while_reading(store, tmp_path):
    root = write_corpus(tmp_path / "t", {f"d{i:03d}.txt": f"Titel {i}\n\nTekst over Irak nummer {i}.\n" for i in range(300)})
    errors = []

    def work():
        try:
            store.refresh(root, batch_size=20)
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)

    worker = threading.Thread(target=work)
    worker.start()
    counts = []
    while worker.is_alive():
        counts.append(store.count("Irak"))
        store.search("Irak place:Irak", limit=5)
    worker.join()
    assert not errors
    assert counts == sorted(counts)
    assert store.count("Irak") == 300
    worker = None
    import gc

    gc.collect()
    assert len(store._handles) == 1  # the worker's connection was closed with its thread


REFRESHER = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[3])
    from test_store import FakeExtractor
    from reader.store import Store
    with Store.open(sys.argv[1], extractor=FakeExtractor(), version=sys.argv[4]) as s:
        stats = s.refresh(sys.argv[2], batch_size=25)
    print(stats.indexed, stats.unchanged)
""")


def test_two_processes_one_index(tmp_path, fake):
    n = 400
    root = write_corpus(tmp_path / "c", {f"p{i // 100}/d{i:03d}.txt":
                                          f"Titel {i}\n\nHet dreigingsniveau is hoog in Irak, stuk {i}. " * 3
                                          for i in range(n)})
    index = tmp_path / "shared.sqlite3"
    here = str(Path(__file__).parent)
    procs = [subprocess.Popen([sys.executable, "-c", REFRESHER, str(index), str(root), here, v],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for v in ("v1", "v2")]  # two writers that keep disagreeing about the version
    reads = 0
    deadline = time.monotonic() + 60
    with Store.open(index, extractor=fake, version="v1") as s:
        while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
            found = s.count("dreigingsniveau")
            hits = s.search("Irak threat:hoog", limit=10)
            rows = s.documents(root, "place:Irak")
            assert 0 <= found <= n and len(hits) <= 10 and len(rows) <= n
            reads += 1
        outs = [p.communicate(timeout=60) for p in procs]
        for p, (out, err) in zip(procs, outs):
            assert p.returncode == 0, err
        assert reads > 0
        assert s.count("dreigingsniveau") == n
        assert s.count("threat:hoog place:Irak") == n
        assert len(s.documents(root)) == n
    con = sqlite3.connect(index)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def places_only(doc: Document) -> list[Fact]:
    """A picklable extractor for the worker processes."""
    return [f for f in FakeExtractor()(doc) if f.kind == "place"]


def test_workers_give_the_same_index(home, tmp_path):
    root = write_corpus(tmp_path / "w", {f"d{i:03d}.txt": f"Titel {i}\n\nOver Irak en Den Haag, stuk {i}.\n"
                                         for i in range(260)})
    (root / "bad.txt").write_bytes(DOCS["b/binary.txt"].encode("latin-1"))
    with Store.open(tmp_path / "serial.sqlite3", extractor=places_only, version="p") as serial, \
            Store.open(tmp_path / "parallel.sqlite3", extractor=places_only, version="p") as parallel:
        one = serial.refresh(root)
        two = parallel.refresh(root, workers=2)
        assert (two.indexed, two.failed) == (one.indexed, one.failed) == (260, 1)
        assert [(r.path, r.title, r.fact_count, r.error) for r in parallel.documents()] == \
               [(r.path, r.title, r.fact_count, r.error) for r in serial.documents()]
        assert parallel.count('place:"den haag"') == 260
        assert parallel.document_facts(root / "d007.txt") == serial.document_facts(root / "d007.txt")


def test_generated_corpus_counts_are_what_search_finds(tmp_path):
    """benchmarks/gen_corpus.py plants words in known documents; the index finds exactly those."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        from gen_corpus import generate
    finally:
        sys.path.pop(0)
    planted = generate(400, str(tmp_path / "gen"), seed=7)
    with Store.open(tmp_path / "gen.sqlite3", extractor=lambda doc: [], version="g") as s:
        stats = s.refresh(tmp_path / "gen")
        assert stats.indexed == 400 and stats.failed == 0
        assert {q: s.count(q) for q in planted["queries"]} == planted["queries"]
        assert {r.format for r in s.documents()} == {"seed", "markdown", "text"}
        assert {r.language for r in s.documents()} == {"nl", "en"}


CONSISTENCY_QUERIES = [
    "", "Irak", "syrie", "Chinook*", '"blauwe ooievaar"', "ooievaar blauwe", "chinooks OR helikopters",
    "Chinook* -troops", "-Irak", "place:irak", 'place:"den haag"', "place:Bag*", "-place:Irak", "threat:hoog",
    "threat:raised", "threat:>=substantieel", "threat:<3", "unit:militair", "unit:personnel", "kind:date",
    "date:2024-01", "date:2023-11", "published:2023-12..", "lang:en", "source:sample",
    "dreiging* unit:militairen lang:nl", "Chinooks place:Irak lang:en", "foo:bar", "date:nope",
]


@pytest.mark.parametrize("query", CONSISTENCY_QUERIES)
def test_python_matcher_agrees_with_the_index(store, corpus, query):
    """reader.query.matches_document (for lists in memory) finds what the index finds."""
    from reader.corpus import LoadError, load_document
    from reader.query import matches_document

    store.refresh(corpus)
    extractor = FakeExtractor()
    expected = set()
    for row in store.documents(corpus):
        try:
            doc = load_document(row.path)
        except LoadError:
            continue
        if matches_document(query, doc, extractor(doc)):
            expected.add(row.path)
    assert {r.path for r in store.documents(corpus, query) if not r.error} == expected


def test_wide_date_ranges_are_found(store, tmp_path):
    root = write_corpus(tmp_path / "wide", {
        "long.txt": "Lange missie\n\nDe missie loopt van 2020-03-01 tot 2024-06-30 in Mali.\n",
        "short.txt": "Korte missie\n\nDe missie loopt van 2023-05-01 tot 2023-05-31.\n",
        "day.txt": "Een dag\n\nOp 2022-12-31 gebeurde het.\n",
    })
    store.refresh(root)

    def q(text):
        return sorted(names(store.documents(root, text)))

    assert q("date:2023-05") == ["long.txt", "short.txt"]
    assert q("date:2020") == ["long.txt"]
    assert q("date:2024-07..") == []
    assert q("date:2022-12-31") == ["day.txt", "long.txt"]
    assert q("date:..2020-02") == []


def test_rows_one_at_a_time_across_fetches_match_the_listing(store, tmp_path, monkeypatch):
    import reader.store.core as core

    for i in range(23):
        (tmp_path / f"doc{i:02}.txt").write_text(f" date 2024-01-{i + 1:02} Bericht {i}\n\nTekst {i}.\n", encoding="utf-8")
    store.refresh(tmp_path)
    monkeypatch.setattr(core, "ROWS_PER_FETCH", 5)  # several fetches, one partial
    streamed = list(store.iter_documents(tmp_path))
    assert [r.path for r in streamed] == [r.path for r in store.documents(tmp_path)]
    assert [r.title for r in streamed[:2]] == ["Bericht 22", "Bericht 21"]
    assert len(list(store.iter_documents(tmp_path, limit=7, offset=20))) == 3
    assert list(store.iter_documents(tmp_path, '"unclosed')) == []  # FTS5 refuses it: no rows, no error


def test_the_library_reads_many_new_files_in_one_process_per_cpu(home, tmp_path, monkeypatch):
    from reader.library import Library
    from reader.store import core

    root = write_corpus(tmp_path / "many", {f"d{i:03d}.txt": f"Titel {i}\n\nOver Irak, stuk {i}.\n" for i in range(260)})
    asked: list[int] = []
    real = core.Store.refresh

    def refresh(self, *args, **kwargs):
        asked.append(kwargs.get("workers", 1))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(core.Store, "refresh", refresh)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    library = Library(str(root))
    stats = library.refresh()
    assert asked == [2] and stats.indexed == 260
    assert len(library.indexed_entries()) == 260
    assert Library(str(root), index_workers=1).index_workers == 1


def test_the_app_shows_indexed_facts_only_of_this_very_extractor(home, tmp_path):
    """Facts in the index are used for a document only when its file and the
    extractor's version are those they were found with.  (Until the version
    is worked out, by the refresh after the first paint, only the file is
    compared: the first screen does not wait for the rules to be read.)"""
    import json

    from reader.corpus import load_document
    from reader.library import Library

    root = write_corpus(tmp_path / "corpus", {"a.txt": "Inzet\n\nEr gaan 145 militairen naar Irak.\n",
                                               "b.txt": "Tweede\n\nEr gaan 20 mariniers naar Erbil.\n"})
    Library(str(root)).refresh()
    marker = json.dumps([["place", "Marker", 0, 6, "Marker", {}]])
    con = sqlite3.connect(cache_dir() / "index.sqlite3")
    con.execute("UPDATE doc_facts SET facts = ?", (marker,))  # what the index holds, recognisably
    con.execute("UPDATE documents SET version = 'an older reader' WHERE CAST(path AS TEXT) LIKE ?", ("%b.txt",))
    con.commit()
    con.close()
    library = Library(str(root))
    assert library.index().version  # worked out by the refresh that follows the first paint
    a, b = (library.facts(load_document(str(root / name))) for name in ("a.txt", "b.txt"))
    assert [f.value for f in a] == ["Marker"]  # this version's: taken from the index
    assert {f.kind for f in b} >= {"unit", "place"} and "Marker" not in {f.value for f in b}  # older: read again
