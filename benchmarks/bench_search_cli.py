#!/usr/bin/env python3
"""Wall-clock time of the whole ``reader search`` command, as a subprocess.

    python benchmarks/bench_search_cli.py --corpus DIR --index FILE [--repeat R]
                                          [--query Q ...] [--format F ...] [--no-refresh-too]
                                          [--bytecode] [--restamp]

Runs ``python -m reader search --index FILE --format F QUERY DIR`` (this
checkout's ``src`` first on PYTHONPATH) R times per query and format, once
with stdout to a file and once into a pipe that is read as it comes, and
prints the median and range of the wall time, the time to the first byte
(pipe) and the number of documents printed.  Goal of issue #4: < 1 s.

The index should be up to date (build it with ``reader index DIR --index
FILE``, or with ``bench_search.py --synthetic-facts --index FILE``); the
command refreshes it first, and that refresh is part of what is timed.  An
index built by another checkout carries another rules fingerprint (the
bundled rules' path is part of it) and would be re-extracted in full by the
first run: the benchmark refuses it, unless ``--restamp`` marks its rows with
this checkout's version (only for timing: the facts are not re-extracted).
No figure here is checked by the test suite; the machine's load shows in them.
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

SRC = Path(__file__).resolve().parent.parent / "src"

#: Query classes: selective ones print a few hundred to a few thousand
#: documents; broad ones tens of thousands (on gen_corpus.py's 100k corpus).
QUERIES = {
    "selective": ["zorblax quuxfen", "zorblax", '"blauwe ooievaar"', "published:2024-01"],
    "broad": ["place:Bagdad", "Chinook place:Irak", "dreiging"],
}


BYTECODE = {"allowed": False}


def env() -> dict[str, str]:
    extra = os.environ.get("PYTHONPATH")
    out = dict(os.environ, PYTHONPATH=str(SRC) + (os.pathsep + extra if extra else ""))
    if BYTECODE["allowed"]:
        out.pop("PYTHONDONTWRITEBYTECODE", None)
    return out


def command(index: str, fmt: str, query: str, root: str, no_refresh: bool) -> list[str]:
    cmd = [sys.executable, "-m", "reader", "search", "--index", index, "--format", fmt]
    if no_refresh:
        cmd.append("--no-refresh")
    return cmd + ["--", query, root]


def count(out: bytes, fmt: str) -> int:
    if fmt == "json":
        return len(json.loads(out))
    lines = out.decode("utf-8", "replace").splitlines()
    if fmt == "jsonl":
        return len(lines)
    return sum(1 for line in lines if line and not line.startswith("    "))


def run_to_file(cmd: list[str], tmp: str) -> tuple[float, bytes, str]:
    target = os.path.join(tmp, "out")
    with open(target, "wb") as sink:
        t = time.perf_counter()
        proc = subprocess.run(cmd, stdout=sink, stderr=subprocess.PIPE, env=env())
        wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode(errors='replace')}")
    return wall, Path(target).read_bytes(), proc.stderr.decode(errors="replace")


def run_to_pipe(cmd: list[str]) -> tuple[float, float, bytes, str]:
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env())
    assert proc.stdout is not None and proc.stderr is not None
    first = os.read(proc.stdout.fileno(), 65536)
    first_at = time.perf_counter() - t
    rest = proc.stdout.read()
    err = proc.stderr.read()
    proc.wait()
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {err.decode(errors='replace')}")
    return wall, first_at if first else wall, first + rest, err.decode(errors="replace")


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s [{min(values):.2f}-{max(values):.2f}]"


def check_version(index: str, restamp: bool) -> None:
    import sqlite3

    sys.path.insert(0, str(SRC))
    from reader.store import default_version

    version = default_version()
    con = sqlite3.connect(index)
    try:
        stale = con.execute("SELECT count(*) FROM documents WHERE version != ?", (version,)).fetchone()[0]
        if stale and not restamp:
            raise SystemExit(f"{stale} documents of {index} were indexed with another extractor version than "
                             f"{version!r}: the first run would re-extract them. Refresh the index, or pass "
                             f"--restamp (timing only).")
        if stale:
            con.execute("UPDATE documents SET version = ? WHERE version != ?", (version, version))
            con.commit()
            print(f"restamped {stale} documents with {version}")
    finally:
        con.close()


def startup(repeat: int) -> None:
    for label, code in [("python -c pass", "pass"),
                        ("python -c 'import reader.cli_store'", "import reader.cli_store")]:
        walls = []
        for _ in range(repeat):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], env=env(), check=True)
            walls.append(time.perf_counter() - t)
        print(f"  {label:<44} {spread(walls)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, help="the corpus folder (e.g. made by gen_corpus.py)")
    parser.add_argument("--index", required=True, metavar="FILE", help="an up-to-date index of the corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--query", action="append", help="a query to time (repeatable; default: a mixed set)")
    parser.add_argument("--format", action="append", choices=("json", "jsonl", "text"),
                        help="output formats to time (repeatable; default: json and text)")
    parser.add_argument("--no-refresh-too", action="store_true", help="also time each query with --no-refresh")
    parser.add_argument("--bytecode", action="store_true",
                        help="let Python write and use .pyc files even if PYTHONDONTWRITEBYTECODE is set "
                        "(an installed reader has them; without them every run compiles reader's modules)")
    parser.add_argument("--restamp", action="store_true",
                        help="mark the index's rows with this checkout's extractor version (see above)")
    args = parser.parse_args()
    BYTECODE["allowed"] = args.bytecode
    check_version(args.index, args.restamp)
    queries = {"given": args.query} if args.query else QUERIES
    formats = args.format or ["json", "text"]
    compiled = args.bytecode or not os.environ.get("PYTHONDONTWRITEBYTECODE")
    print(f"reader search on {args.corpus} (index {args.index}), {args.repeat} runs each: "
          f"median [min-max] wall; 'first' is the time to the first byte in the pipe; "
          f"{'with' if compiled else 'without'} .pyc files")
    if compiled:  # the first run writes them
        subprocess.run(command(args.index, "json", "x", args.corpus, True), env=env(), capture_output=True)
    startup(args.repeat)
    with tempfile.TemporaryDirectory(prefix="reader-bench-cli-") as tmp:
        for kind, qs in queries.items():
            for query in qs:
                for fmt in formats:
                    for no_refresh in ([False, True] if args.no_refresh_too else [False]):
                        cmd = command(args.index, fmt, query, args.corpus, no_refresh)
                        files, pipes, firsts = [], [], []
                        n, note = -1, ""
                        for _ in range(args.repeat):
                            wall, out, err = run_to_file(cmd, tmp)
                            files.append(wall)
                            n = count(out, fmt)
                            wall, first, out, err = run_to_pipe(cmd)
                            pipes.append(wall)
                            firsts.append(first)
                            note = err.strip().splitlines()[-1] if err.strip() else ""
                        label = f"{kind:<9} {query!r:<22} {fmt:<5}{' no-refresh' if no_refresh else ''}"
                        print(f"  {label:<50} file {spread(files)}  pipe {spread(pipes)}"
                              f"  first {statistics.median(firsts):5.2f} s  {n:6d} docs"
                              + (f"  (stderr: {note})" if note else ""), flush=True)


if __name__ == "__main__":
    main()
