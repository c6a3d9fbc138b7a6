"""Bytes reader sends to the terminal: start-up plus 20 navigation keys.

Runs the installed ``reader`` on the bundled corpus in a pseudo-terminal of
120x40 (TIOCSWINSZ), counts every byte it writes, and prints the start-up,
each key, and the total against the goal (<= 200 KB, so that it stays quick
over a slow SSH link: 200 KB is about 3 s at 512 kbit/s).  Quitting is
measured too but not counted in the total.

    python benchmarks/bench_bandwidth.py [--corpus PATH] [--term xterm-256color]
                                         [--colorterm truecolor] [--size 120x40] [--json]

Exit status 0 when the goal is met, 1 when it is not.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOAL = 200 * 1000  # bytes
KEYS: list[tuple[str, bytes]] = [
    ("j", b"j"), ("j", b"j"), ("k", b"k"), ("n", b"n"), ("n", b"n"), ("p", b"p"),
    ("Tab", b"\t"), ("space", b" "), ("space", b" "), ("b", b"b"), ("Tab", b"\t"),
    ("f", b"f"), ("f", b"f"), ("G", b"G"), ("g", b"g"), ("down", b"\x1b[B"),
    ("up", b"\x1b[A"), ("n", b"n"), ("Tab", b"\t"), ("j", b"j"),
]


class Pty:
    """A child process on a pseudo-terminal; a thread counts what it writes."""

    def __init__(self, command: list[str], env: dict[str, str], width: int, height: int) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env,
                                        start_new_session=True, close_fds=True)
        os.close(slave)
        self.total = 0
        self.output = bytearray()
        self.last = time.monotonic()
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if not ready:
                if self.process.poll() is not None:
                    return
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the child closed the terminal
                return
            if not chunk:
                return
            with self.lock:
                self.total += len(chunk)
                self.output += chunk
                self.last = time.monotonic()

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def count(self) -> int:
        with self.lock:
            return self.total

    def settle(self, quiet: float, limit: float, until: bytes | None = None) -> None:
        """Wait until nothing was written for ``quiet`` seconds (and ``until`` was seen)."""
        start = time.monotonic()
        while time.monotonic() - start < limit:
            time.sleep(0.02)
            with self.lock:
                idle = time.monotonic() - max(self.last, start)
                seen = until is None or until in self.output
            if idle >= quiet and seen and self.total:
                return

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.reader.join(2)
        os.close(self.master)


def reader_command() -> Path:
    return Path(sys.executable).with_name("reader")


def measure(corpus: Path, term: str, colorterm: str | None, width: int, height: int) -> dict:
    home = tempfile.mkdtemp(prefix="reader-bench-home-")
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR", "TMUX")}
    env.update(TERM=term, TEXTUAL_ANIMATIONS="none", READER_HOME=home, LC_ALL="C.UTF-8",
               COLUMNS=str(width), LINES=str(height))
    if colorterm:
        env["COLORTERM"] = colorterm
    pty = Pty([str(reader_command()), str(corpus)], env, width, height)
    try:
        pty.settle(quiet=0.8, limit=20, until=b"documents")
        startup = pty.count()
        keys = []
        for name, data in KEYS:
            before = pty.count()
            pty.send(data)
            pty.settle(quiet=0.6, limit=5)
            keys.append((name, pty.count() - before))
        before = pty.count()
        pty.send(b"q")
        pty.process.wait(10)
        pty.reader.join(2)
        quit_bytes = pty.count() - before
    finally:
        pty.close()
        shutil.rmtree(home, ignore_errors=True)
    total = startup + sum(n for _, n in keys)
    return {"term": term, "colorterm": colorterm, "size": f"{width}x{height}", "startup": startup,
            "keys": keys, "quit": quit_bytes, "total": total, "goal": GOAL, "ok": total <= GOAL,
            "exit": pty.process.returncode}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parent / "corpus")
    parser.add_argument("--term", default="xterm-256color")
    parser.add_argument("--colorterm", default=None, help="e.g. truecolor (ssh does not forward it by default)")
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    if not reader_command().exists():
        print(f"no reader console script at {reader_command()}", file=sys.stderr)
        return 2
    result = measure(args.corpus, args.term, args.colorterm, width, height)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"reader at {result['size']}, TERM={args.term}" + (f", COLORTERM={args.colorterm}" if args.colorterm else ""))
        print(f"  start-up (first screen, corpus listed): {result['startup']:>8,} bytes")
        for name, n in result["keys"]:
            print(f"  key {name:<6} {n:>8,} bytes")
        keys = sum(n for _, n in result["keys"])
        print(f"  20 keys together:                        {keys:>8,} bytes")
        print(f"  total (start-up + 20 keys):              {result['total']:>8,} bytes"
              f"  goal <= {GOAL:,}: {'met' if result['ok'] else 'NOT met'}")
        print(f"  (quitting: {result['quit']:,} bytes, not counted; exit status {result['exit']})")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
