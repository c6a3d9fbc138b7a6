"""Time to the first screen: reader against a minimal Textual app, in tmux.

Both start in a real terminal (a tmux pane of 120x40); the clock stops when
the first words of the first article are on screen (for reader: with the
document list drawn as well).  Runs alternate between the two so that a busy
machine slows both alike.  Prints both medians and the ratio (goal <= 1.5).

    python benchmarks/bench_startup.py [--runs 7] [--corpus PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))


def first_article(corpus: Path) -> tuple[Path, str]:
    """The document reader shows first, and a line of its body to wait for."""
    from reader.cli import expand_paths
    from reader.corpus import load_document
    from reader.library import sort_newest_first

    paths, _ = expand_paths([str(corpus)])
    doc = sort_newest_first([load_document(p) for p in paths])[0]
    words = doc.body.split()[:4]
    return Path(doc.path), " ".join(words)


#: A tmux server of the benchmark's own, kept alive by an idle session, so that
#: killing a measured session never races with starting the next one.
TMUX = ["tmux", "-L", f"reader-bench-{os.getpid()}"]


def start_tmux() -> None:
    subprocess.run([*TMUX, "new-session", "-d", "-s", "keep", "sleep", "86400"], check=True)


def stop_tmux() -> None:
    subprocess.run([*TMUX, "kill-server"], capture_output=True)


def screen(session: str) -> str:
    return subprocess.run([*TMUX, "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout


def time_to(command: list[str], markers: list[str], timeout: float = 20.0) -> float:
    session = f"run{time.monotonic_ns()}"
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none", TERM="xterm-256color")
    start = time.perf_counter()
    subprocess.run([*TMUX, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", *command], env=env, check=True)
    try:
        while time.perf_counter() - start < timeout:
            shown = screen(session)
            if all(marker in shown for marker in markers):
                return time.perf_counter() - start
            time.sleep(0.005)
        raise RuntimeError(f"timed out waiting for {markers!r}; screen:\n{screen(session)}")
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)


def byte_compile_reader() -> None:
    """Compile reader's modules as pip does at install: from a checkout (with
    PYTHONDONTWRITEBYTECODE set, as on some machines) every start would
    otherwise compile the modules changed since their last .pyc."""
    import compileall

    import reader

    compileall.compile_dir(str(Path(reader.__file__).parent), quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--corpus", default=str(HERE.parent / "corpus"))
    args = parser.parse_args()
    if not shutil.which("tmux"):
        print("tmux is needed for this benchmark")
        return 2
    reader = shutil.which("reader") or str(Path(sys.executable).with_name("reader"))
    byte_compile_reader()
    path, words = first_article(Path(args.corpus))
    minimal = [sys.executable, str(HERE / "minimal_app.py"), str(path)]
    full = [reader, args.corpus]
    floor, ours = [], []
    start_tmux()
    try:
        for _ in range(args.runs):
            floor.append(time_to(minimal, [words]))
            ours.append(time_to(full, [words, "1 Documents ("]))
    finally:
        stop_tmux()
    a, b = statistics.median(floor), statistics.median(ours)
    print(f"first article: {path.name}")
    print(f"minimal Textual app (one Static): median {a * 1000:.0f} ms over {args.runs} runs")
    print(f"reader (list + first article):  median {b * 1000:.0f} ms over {args.runs} runs")
    print(f"ratio {b / a:.2f} (goal <= 1.50): {'met' if b / a <= 1.5 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
