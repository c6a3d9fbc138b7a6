#!/usr/bin/env python3
"""Index rate of the store: documents per second, extraction included.

    python benchmarks/bench_index.py [N ...] [--corpus DIR] [--keep DIR] [--seed S] [--split]
                                     [--synthetic-facts | --replay-facts]

For each N a synthetic corpus is generated (benchmarks/gen_corpus.py) into a
temporary folder (or DIR/N with --keep, reused when present), then indexed
from scratch into a fresh index on one thread.  Printed per N: the rate of
loading alone, loading + extraction, and the whole index (load, extract,
SQLite and FTS5 writes); then the time of a refresh with nothing changed and
of one after touching 1% of the files.  Goal: >= 1,000 docs/s on one core.

``--split`` also indexes the corpus once more with a timer around each step
(file read, decoding, front matter, language; each extractor module; fact
encoding; the SQLite writes and commits) and prints the milliseconds per
document of each.  The timers cost a little (about 1 us a call), so the
split adds up to slightly more than the plain run.

``--replay-facts`` extracts every document first and then indexes with those
very facts handed over at no cost: the rate it prints is what the rest of the
pipeline (loading, SQLite, FTS5) allows, the ceiling any extractor could
reach on one core.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import generate  # noqa: E402

from gen_corpus import MONTHS_EN, MONTHS_NL, PLACES_EN, PLACES_NL, THREAT_EN, THREAT_NL, UNITS_EN, UNITS_NL  # noqa: E402

from reader.corpus import iter_documents, load_document  # noqa: E402
from reader.extract import VERSION, extract_document  # noqa: E402
from reader.model import Document, Fact  # noqa: E402
from reader.store import Store  # noqa: E402


_PLACE = re.compile(r"\b(" + "|".join(map(re.escape, sorted(set(PLACES_NL + PLACES_EN), key=len, reverse=True))) + r")\b")
_UNIT = re.compile(r"\b(\d+) (" + "|".join(re.escape(u) for u, _, _ in UNITS_NL + UNITS_EN) + r")")
_THREAT = re.compile(r"(?:blijft|is|remains|naar|to) (" + "|".join(set(THREAT_NL + THREAT_EN)) + r")\b")
_MONTHS = {m: i + 1 for i, m in enumerate(MONTHS_NL)} | {m: i + 1 for i, m in enumerate(MONTHS_EN)}
_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r") (\d{4})\b")


def synthetic_facts(doc: Document) -> list[Fact]:
    """Facts of a generated document by a few regular expressions: a stand-in for
    the real extractor that gives the store a realistic number of facts to write."""
    text = doc.text
    facts = [Fact("place", m[0], m.start(), m.end(), m[1]) for m in _PLACE.finditer(text)]
    facts += [Fact("unit", m[0], m.start(), m.end(), None,
                   {"count": int(m[1]), "what": m[2], "category": "personnel"}) for m in _UNIT.finditer(text)]
    facts += [Fact("threat", m[0], m.start(), m.end(), None, {"level": m[1].lower()}) for m in _THREAT.finditer(text)]
    facts += [Fact("date", m[0], m.start(), m.end(), f"{m[3]}-{_MONTHS[m[2]]:02d}-{int(m[1]):02d}")
              for m in _DATE.finditer(text)]
    return sorted(facts, key=lambda f: f.start)


def corpus_for(n: int, keep: str | None, seed: int, tmp: str) -> str:
    folder = os.path.join(keep or tmp, f"corpus-{n}-{seed}")
    if not os.path.exists(os.path.join(folder, "planted.json")):
        t = time.perf_counter()
        generate(n, folder, seed) if os.makedirs(folder, exist_ok=True) is None else None
        print(f"  generated {n} documents in {time.perf_counter() - t:.1f} s -> {folder}")
    return folder


def replayed_facts(root: str):
    """An extractor that gives each document the facts reader.extract found in
    it beforehand, at no cost: the index rate it allows is the ceiling of the
    rest of the pipeline (loading, the store) for these very facts."""
    found = {}
    for p in iter_documents(root):
        doc = load_document(p)
        found[doc.path] = extract_document(doc)
    return lambda doc: found[doc.path]


def bench(root: str, tmp: str, synthetic: bool = False, replay: bool = False) -> None:
    if replay:
        extractor, label = replayed_facts(root), f"reader.extract VERSION {VERSION}, found beforehand"
    else:
        extractor = synthetic_facts if synthetic else extract_document
        label = "synthetic regex facts" if synthetic else f"reader.extract VERSION {VERSION}"
    paths = list(iter_documents(root))
    n = len(paths)
    size = sum(os.path.getsize(p) for p in paths)
    print(f"corpus {root}: {n} documents, {size / 1e6:.0f} MB")

    load_s = extract_s = 0.0
    facts = 0
    for p in paths:  # one at a time: a big corpus need not fit in memory
        t = time.perf_counter()
        doc = load_document(p)
        t2 = time.perf_counter()
        facts += len(extractor(doc))
        load_s += t2 - t
        extract_s += time.perf_counter() - t2
    print(f"  load only            {n / load_s:9.0f} docs/s  ({load_s:.2f} s)")
    print(f"  load + extract       {n / (load_s + extract_s):9.0f} docs/s  "
          f"(extract {extract_s:.2f} s, {facts} facts, {label})")

    index = os.path.join(tmp, f"index-{n}-{time.time_ns()}.sqlite3")
    with Store.open(index, extractor=extractor, version="bench") as store:
        t = time.perf_counter()
        stats = store.refresh(root)
        full_s = time.perf_counter() - t
        print(f"  index from scratch   {n / full_s:9.0f} docs/s  ({full_s:.2f} s; {stats.summary()})")
        t = time.perf_counter()
        stats = store.refresh(root)
        print(f"  refresh, no change   {time.perf_counter() - t:9.3f} s     ({stats.summary()})")
        for p in paths[:: 100]:
            os.utime(p, ns=(time.time_ns(), time.time_ns()))
        t = time.perf_counter()
        stats = store.refresh(root)
        print(f"  refresh, 1% touched  {time.perf_counter() - t:9.3f} s     ({stats.summary()})")
    db_size = sum(os.path.getsize(index + s) for s in ("", "-wal") if os.path.exists(index + s))
    print(f"  index file           {db_size / 1e6:9.0f} MB")


#: (module, function, label) timed by --split; generators are run to the end
#: inside the timer (their callers consume them whole anyway).
_SPLIT = [
    ("reader.corpus.loader", "read_bytes", "load: open + read"),
    ("reader.corpus.loader", "decode", "load: decode (binary sniff, UTF-8)"),
    ("reader.corpus.loader", "has_controls", "load: sanitize"),
    ("reader.corpus.loader", "sanitize", "load: sanitize"),
    ("reader.corpus.loader", "parse", "load: format + front matter"),
    ("reader.corpus.loader", "detect_language", "load: language"),
    ("reader.extract", "lowered", "extract: lower case"),
    ("reader.extract.compiled.CompiledRules", "shared_matches", "extract: trigger words (one scan)"),
    ("reader.extract.compiled.CompiledRules", "capital_matches", "extract: capitals scan"),
    ("reader.extract.compiled.CompiledRules", "num_hits", "extract: number triggers"),
    ("reader.extract", "find_dates", "extract: dates"),
    ("reader.extract", "find_durations", "extract: durations"),
    ("reader.extract", "find_bare_durations", "extract: durations"),
    ("reader.extract", "_shift_starts", "extract: durations"),
    ("reader.extract", "find_units", "extract: units"),
    ("reader.extract", "find_quantities", "extract: quantities"),
    ("reader.extract", "find_threats", "extract: threats"),
    ("reader.extract", "find_entities", "extract: places, people, organizations"),
    ("reader.extract", "_fact", "extract: Fact objects + overlaps"),
    ("reader.extract", "_resolve_overlaps", "extract: Fact objects + overlaps"),
    ("reader.store.core", "fact_index", "store: filter keys + date rows"),
    ("reader.store.core", "_facts_json", "store: facts JSON"),
    ("reader.store.core", "_insert", "store: SQLite inserts (documents, FTS5, facts)"),
]


def split(root: str, tmp: str) -> None:
    """Index ``root`` once more with a timer around each step; print ms per document."""
    import importlib
    from collections import Counter

    spent: Counter[str] = Counter()
    saved = []

    def timed(fn, label):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                out = fn(*args, **kwargs)
                return list(out) if hasattr(out, "__next__") else out
            finally:
                spent[label] += time.perf_counter() - t
        return wrapper

    for where, name, label in _SPLIT:
        module, _, cls = where.partition(".CompiledRules")
        owner = importlib.import_module(module)
        owner = getattr(owner, "CompiledRules") if cls or where.endswith("CompiledRules") else owner
        saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, timed(getattr(owner, name), label))
    import reader.store.core as core
    import reader.store.db as db
    saved.append((db, "write", db.write))
    db.write = timed(db.write, "store: SQLite inserts + commits")
    saved.append((core, "encode", core.encode))
    core.encode = timed(core.encode, "(load + extract + encode)")

    def extractor(doc: Document) -> list[Fact]:
        t = time.perf_counter()
        try:
            return extract_document(doc)
        finally:
            spent["(extract)"] += time.perf_counter() - t

    try:
        index = os.path.join(tmp, f"split-{time.time_ns()}.sqlite3")
        with Store.open(index, extractor=extractor, version="bench") as store:
            t = time.perf_counter()
            stats = store.refresh(root)
            whole = time.perf_counter() - t
    finally:
        for owner, name, fn in reversed(saved):
            setattr(owner, name, fn)
    n = stats.indexed + stats.failed
    ms = {k: 1000 * v / n for k, v in spent.items()}
    load = sum(v for k, v in ms.items() if k.startswith("load:"))
    ext = sum(v for k, v in ms.items() if k.startswith("extract:"))
    ms["extract: the rest (calls, sorting, region set-up)"] = ms["(extract)"] - ext
    ms["load: the rest (Document, row dict, timers)"] = ms["(load + extract + encode)"] - ms["(extract)"] - load \
        - ms["store: filter keys + date rows"] - ms["store: facts JSON"]
    ms["store: commits (write minus inserts)"] = ms.pop("store: SQLite inserts + commits") \
        - ms["store: SQLite inserts (documents, FTS5, facts)"]
    ms["walk, stat, batching"] = 1000 * whole / n - ms["(load + extract + encode)"] \
        - ms["store: SQLite inserts (documents, FTS5, facts)"] - ms["store: commits (write minus inserts)"]
    print(f"  split, timed run: {1000 * whole / n:.3f} ms/doc ({n / whole:.0f} docs/s)")
    for group in ("load", "extract", "store", "walk"):
        rows = sorted((k, v) for k, v in ms.items() if k.startswith(group))
        print(f"    {group:8s} {sum(v for _, v in rows):6.3f} ms")
        for k, v in rows:
            print(f"      {v:6.3f}  {k.partition(': ')[2] or k}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[5000])
    parser.add_argument("--corpus", help="index this folder instead of generating one")
    parser.add_argument("--keep", help="generate corpora under this folder and keep them")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--split", action="store_true",
                        help="also print where the milliseconds of a document go (a timed run)")
    parser.add_argument("--synthetic-facts", action="store_true",
                        help="use a regex stand-in extractor (realistic fact volume) instead of reader.extract")
    parser.add_argument("--replay-facts", action="store_true",
                        help="extract every document first, then index with those facts handed over at no "
                             "cost: the ceiling of loading + the store for the real facts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        roots = [args.corpus] if args.corpus else [corpus_for(n, args.keep, args.seed, tmp) for n in args.sizes]
        for root in roots:
            bench(root, tmp, args.synthetic_facts, args.replay_facts)
            if args.split and not (args.synthetic_facts or args.replay_facts):
                split(root, tmp)


if __name__ == "__main__":
    main()
