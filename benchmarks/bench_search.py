#!/usr/bin/env python3
"""Search time of the store, in process and as the whole ``reader search`` command.

    python benchmarks/bench_search.py [N ...] [--corpus DIR] [--keep DIR] [--repeat R]
                                      [--synthetic-facts] [--index FILE] [--cli-index]

For each N a synthetic corpus is generated (benchmarks/gen_corpus.py; reused
under --keep) and indexed; then every query of a mixed set (planted words,
common words, phrases, prefixes, fact filters, words + filters) runs R times
with limit 50, and the median and 95th percentile are printed per query kind
(goal: < 100 ms).  The whole ``reader search QUERY PATH --format json``
command (process start, index refresh with nothing changed, search, output)
is timed too (goal: < 1 s).  The planted counts of OUTDIR/planted.json are
checked against store.count() and against the command's output.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_index import corpus_for, synthetic_facts  # noqa: E402

from reader.store import Store, default_version  # noqa: E402

QUERIES = {
    "rare word": ["zorblax", "kwalietor", "KWALIËTOR", "Syrie", "Curacao"],
    "common word": ["dreiging", "threat", "militairen", "the", "de"],
    "phrase": ['"blauwe ooievaar"', '"het dreigingsniveau blijft"', '"the threat level"'],
    "prefix": ["plonkvar*", "helikop*", "dreig*", "Chin*"],
    "fact filter": ["place:Irak", "threat:hoog", "unit:militairen", "date:2024-01", "kind:unit",
                    "threat:>=hoog", "lang:en", "published:2024-01"],
    "words + filters": ["Chinook place:Irak", "dreiging threat:hoog lang:nl", "troops date:2023 lang:en",
                        "quuxfen published:2023", "militairen unit:militairen date:2024-01..2024-03"],
}


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def bench(root: str, tmp: str, repeat: int, synthetic: bool, cli_build: bool = False,
          index: str | None = None) -> bool:
    planted = json.load(open(os.path.join(root, "planted.json"), encoding="utf-8"))
    index = index or os.path.join(tmp, f"index-{time.time_ns()}.sqlite3")
    ok = True
    # With --synthetic-facts the index is stored under the real extractor's
    # version string, so that the ``reader search`` command below finds it up
    # to date (its refresh then only checks the files) instead of re-extracting.
    options = dict(extractor=synthetic_facts, version=default_version()) if synthetic else {}
    with Store.open(index, **options) as store:
        t = time.perf_counter()
        stats = store.refresh(root)
        label = "synthetic regex facts" if synthetic else "reader.extract"
        print(f"corpus {root}: {stats.found} documents, index refreshed in {time.perf_counter() - t:.1f} s"
              f" ({label}; {stats.summary()})")
        every: list[float] = []
        for kind, queries in QUERIES.items():
            times = []
            for query in queries:
                for _ in range(repeat):
                    t = time.perf_counter()
                    store.search(query, limit=50)
                    times.append((time.perf_counter() - t) * 1000)
            every += times
            print(f"  {kind:<16} median {statistics.median(times):7.1f} ms   p95 {pct(times, 95):7.1f} ms"
                  f"   max {max(times):7.1f} ms   ({len(queries)} queries x {repeat})")
        print(f"  {'all':<16} median {statistics.median(every):7.1f} ms   p95 {pct(every, 95):7.1f} ms")
        times = []
        for _ in range(max(1, repeat // 2)):
            t = time.perf_counter()
            rows = store.documents(root)
            times.append((time.perf_counter() - t) * 1000)
        print(f"  {'list all (documents())':<16} median {statistics.median(times):7.1f} ms  ({len(rows)} rows)")
        for query, want in planted["queries"].items():
            got = store.count(query, root=root)
            hits = len(store.search(query, root=root, limit=None))
            good = got == want == hits
            ok &= good
            print(f"  planted {query!r:<26} want {want:6d}  count {got:6d}  search {hits:6d}  {'ok' if good else 'WRONG'}")

    env = dict(os.environ, READER_HOME=os.path.join(tmp, "home"))
    reader = os.path.join(os.path.dirname(sys.executable), "reader")
    cli_index = index
    if cli_build:
        cli_index = os.path.join(tmp, f"cli-{time.time_ns()}.sqlite3")
        t = time.perf_counter()
        out = subprocess.run([reader, "index", root, "--index", cli_index], env=env, capture_output=True,
                             text=True).stdout
        print(f"  reader index (the command, reader.extract): {time.perf_counter() - t:.1f} s wall: {out.strip()}")
    t = time.perf_counter()
    out = subprocess.run([reader, "index", root, "--index", cli_index], env=env, capture_output=True, text=True).stdout
    print(f"  reader index, nothing changed: {time.perf_counter() - t:.2f} s wall: {out.strip()}")
    command = [reader, "search", "--index", cli_index, "--format", "json"]
    for query in ["zorblax", "dreiging threat:hoog", "place:Irak date:2024-01", '"blauwe ooievaar"']:
        walls = []
        out = b""
        for _ in range(3):
            t = time.perf_counter()
            out = subprocess.run(command + [query, root], env=env, capture_output=True, check=True).stdout
            walls.append(time.perf_counter() - t)
        n = len(json.loads(out))
        want = planted["queries"].get(query)
        check = "" if want is None else (" ok" if want == n else f" WRONG (want {want})")
        ok &= want is None or want == n
        print(f"  reader search {query!r:<28} {statistics.median(walls):6.2f} s wall (median of 3), {n} documents{check}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[5000])
    parser.add_argument("--corpus", help="a corpus made by gen_corpus.py (with planted.json)")
    parser.add_argument("--keep", help="generate corpora under this folder and keep them")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--index", metavar="FILE",
                        help="keep the index in FILE (reused, and only refreshed, on the next run)")
    parser.add_argument("--cli-index", action="store_true",
                        help="also time 'reader index' building a fresh index with the real extractor (slow)")
    parser.add_argument("--synthetic-facts", action="store_true",
                        help="index with a regex stand-in extractor (realistic fact volume) for the in-process part")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        roots = [args.corpus] if args.corpus else [corpus_for(n, args.keep, args.seed, tmp) for n in args.sizes]
        for root in roots:
            index = None
            if args.index:
                index = args.index if len(roots) == 1 else f"{args.index}.{os.path.basename(root)}"
            ok &= bench(root, tmp, args.repeat, args.synthetic_facts, args.cli_index, index)
    print("planted counts: all ok" if ok else "planted counts: MISMATCH")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
