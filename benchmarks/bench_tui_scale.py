"""The app on a large corpus: first screen, memory, and keypress to repaint.

    python benchmarks/bench_tui_scale.py N [--corpus DIR] [--runs 5] [--keep DIR] [--jobs J] [--home DIR]

Generates N synthetic documents (benchmarks/gen_corpus.py) unless --corpus
is given, indexes them with ``reader index`` (not timed here: see
bench_index.py), then in a real terminal (tmux, 120x40):

- time to the first screen (the list drawn with its count, and the first
  article) with the index already built, median of --runs starts; beside it
  the floor of bench_startup.py (a minimal Textual app showing one file), and
  the ratio (goal <= 2.0);
- the reader process's peak memory (VmHWM) after the keys below (goal
  <= 300 MB);
- keypress to repaint on the list: for each key (j, k, G, g, PgDn, and
  typing a filter), the time from sending it until the screen changes,
  median and worst (goal < 50 ms a keypress; the figure includes tmux's own
  capture, a few ms).

Prints the figures; it is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_startup import TMUX, byte_compile_reader, first_article, start_tmux, stop_tmux, time_to  # noqa: E402

SESSION = f"scale{os.getpid()}"


def tmux(*args: str) -> str:
    return subprocess.run([*TMUX, *args], capture_output=True, text=True).stdout


def screen() -> str:
    return tmux("capture-pane", "-p", "-e", "-t", SESSION)  # -e: a cursor move changes only colours


def wait_change(before: str, timeout: float = 5.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if screen() != before:
            return time.perf_counter() - start
        time.sleep(0.002)
    return float("nan")


def peak_memory_mb() -> float:
    pane_pid = tmux("display", "-p", "-t", SESSION, "#{pane_pid}").strip()
    pids = [pane_pid] + subprocess.run(["pgrep", "-P", pane_pid], capture_output=True, text=True).stdout.split()
    best = 0.0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    best = max(best, int(line.split()[1]) / 1024)
        except OSError:
            continue
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=20000)
    parser.add_argument("--corpus")
    parser.add_argument("--keep")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1, help="passed to `reader index` (not timed here)")
    parser.add_argument("--home", help="READER_HOME to use and keep (its index is reused by the next run)")
    parser.add_argument("--each", action="store_true", help="also print every keypress's time, in order")
    args = parser.parse_args()
    if not shutil.which("tmux"):
        print("tmux is needed for this benchmark")
        return 2
    reader = shutil.which("reader") or str(Path(sys.executable).with_name("reader"))
    home = args.home or tempfile.mkdtemp(prefix="reader-scale-home-")
    os.environ["READER_HOME"] = home
    if args.corpus:
        corpus = Path(args.corpus)
    else:
        corpus = Path(args.keep or tempfile.mkdtemp(prefix="reader-scale-")) / f"corpus-{args.n}"
        if not corpus.exists():
            print(f"generating {args.n} documents in {corpus} ...", flush=True)
            subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), str(args.n), str(corpus)], check=True,
                           stdout=subprocess.DEVNULL)
    started = time.perf_counter()
    subprocess.run([reader, "index", str(corpus), "--jobs", str(args.jobs)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    count = sum(1 for p in corpus.rglob("*") if p.suffix in (".txt", ".md") and p.name.lower() != "readme.md")
    print(f"indexed {count} documents in {time.perf_counter() - started:.1f} s (reader index)")

    byte_compile_reader()
    start_tmux()
    path, words = first_article(corpus) if count <= 2000 else (None, None)
    minimal_target = path or next(corpus.rglob("*.txt"))
    floor = [time_to([sys.executable, str(HERE / "minimal_app.py"), str(minimal_target)],
                     [minimal_target.read_text(encoding="utf-8").split()[2]]) for _ in range(args.runs)]
    ours = [time_to([reader, str(corpus)], [f"1 Documents ({count})", "2 Article", "\u00b7"])
            for _ in range(args.runs)]
    a, b = statistics.median(floor), statistics.median(ours)
    print(f"first screen with {count} indexed documents: median {b * 1000:.0f} ms "
          f"(minimal Textual app: {a * 1000:.0f} ms; ratio {b / a:.2f}, goal <= 2.0)")

    env = dict(os.environ, TEXTUAL_ANIMATIONS="none", TERM="xterm-256color")
    subprocess.run([*TMUX, "new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", reader, str(corpus)],
                   env=env, check=True)
    try:
        deadline = time.time() + 60
        while f"1 Documents ({count})" not in screen() and time.time() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)
        timings: dict[str, list[float]] = {}
        for key in ["j", "k", "j", "G", "g", "NPage", "NPage", "j", "k", "G", "g"] * 2:
            before = screen()
            tmux("send-keys", "-t", SESSION, key)
            timings.setdefault(key, []).append(wait_change(before))
            time.sleep(0.25)  # let the article preview settle before the next key
        tmux("send-keys", "-t", SESSION, "/")
        time.sleep(0.3)
        for letter in "irak":
            before = screen()
            tmux("send-keys", "-t", SESSION, letter)
            timings.setdefault("filter", []).append(wait_change(before))
        everything = [t for ts in timings.values() for t in ts if t == t]
        for key, ts in timings.items():
            ok = [t for t in ts if t == t]
            print(f"  key {key:<6} median {statistics.median(ok) * 1000:5.0f} ms  worst {max(ok) * 1000:5.0f} ms"
                  + (f"  ({' '.join(f'{t * 1000:.0f}' for t in ts)})" if args.each else ""))
        print(f"keypress to repaint: median {statistics.median(everything) * 1000:.0f} ms, "
              f"worst {max(everything) * 1000:.0f} ms (goal < 50 ms)")
        print(f"peak memory of the app: {peak_memory_mb():.0f} MB (goal <= 300 MB)")
    finally:
        stop_tmux()
        if not args.home:
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
