#!/usr/bin/env python3
"""Index rate of the store: documents per second, extraction included.

    python benchmarks/bench_index.py [N ...] [--corpus DIR] [--keep DIR] [--seed S]

For each N a synthetic corpus is generated (benchmarks/gen_corpus.py) into a
temporary folder (or DIR/N with --keep, reused when present), then indexed
from scratch into a fresh index on one thread.  Printed per N: the rate of
loading alone, loading + extraction, and the whole index (load, extract,
SQLite and FTS5 writes); then the time of a refresh with nothing changed and
of one after touching 1% of the files.  Goal: >= 1,000 docs/s on one core.
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


def bench(root: str, tmp: str, synthetic: bool = False) -> None:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[5000])
    parser.add_argument("--corpus", help="index this folder instead of generating one")
    parser.add_argument("--keep", help="generate corpora under this folder and keep them")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--synthetic-facts", action="store_true",
                        help="use a regex stand-in extractor (realistic fact volume) instead of reader.extract")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        if args.corpus:
            bench(args.corpus, tmp, args.synthetic_facts)
            return
        for n in args.sizes:
            bench(corpus_for(n, args.keep, args.seed, tmp), tmp, args.synthetic_facts)


if __name__ == "__main__":
    main()
