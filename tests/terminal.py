"""A real terminal for tests: one tmux server on a private socket.

    with Tmux.start([reader, str(corpus)], width=100, height=30) as term:
        term.wait_for("1 Documents")
        term.keys("j", "Enter")
        assert "Kabinet" in term.screen()

The server reads only its own small config file and uses its own ``-L`` socket, so neither the
user's tmux nor their config takes part; ``set-clipboard on`` makes tmux
honour OSC 52 (a leaked clipboard write shows up in :meth:`buffers`).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Iterator, Sequence

import pytest

WAIT = 10.0  # seconds a wait_for polls before it fails


def reader_command() -> Path:
    """The installed ``reader`` console script of this interpreter's environment."""
    return Path(sys.executable).with_name("reader")


def require(*binaries: str) -> None:
    """Skip the calling test if any of ``binaries`` is not installed."""
    for name in binaries:
        found = shutil.which(name) or (os.access(name, os.X_OK) and name)
        if not found:
            pytest.skip(f"{name} is not installed (CI installs it with apt-get)")
    if not reader_command().exists():
        pytest.skip(f"the reader console script is missing at {reader_command()}")


def child_env(**extra: str) -> dict[str, str]:
    """Environment for a program run in the terminal: no animations, no colour forcing."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "NO_COLOR", "COLORTERM"))}
    env.update(TEXTUAL_ANIMATIONS="none", LC_ALL="C.UTF-8", LANG="C.UTF-8")
    env.update(extra)
    return env


class Tmux:
    """One tmux session running one command in a ``width`` x ``height`` window."""

    def __init__(self, socket: str) -> None:
        self.socket = socket
        self.target = "t"
        self.env: dict[str, str] = dict(os.environ)
        self.config: Path | None = None

    # -- life ----------------------------------------------------------------
    @classmethod
    def start(cls, command: Sequence[str], *, width: int = 100, height: int = 30,
              env: dict[str, str] | None = None, term: str | None = None,
              clipboard: bool = True) -> "Tmux":
        """Start ``command`` in a new detached session.

        ``env`` is the whole environment of the tmux server and so of the
        command; ``term`` sets tmux's ``default-terminal`` (the TERM the
        command sees).  The command runs
        under ``sh -c ...; sleep`` so that its last screen stays readable if it
        exits.
        """
        self = cls(f"reader-test-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        # The server starts with exactly this environment; the command inherits it.
        self.env = {k: v for k, v in (child_env() if env is None else env).items() if k != "TERM"}
        # Options go in a config file read when the server starts: set on an
        # empty server they would be lost (it exits at once), and set later
        # they would miss the pane (default-terminal applies to new panes).
        self.config = Path(tempfile.mkdtemp(prefix="reader-tmux-")) / "tmux.conf"
        self.config.write_text(
            f"set-option -g set-clipboard {'on' if clipboard else 'off'}\n"
            f"set-option -g default-terminal {shlex.quote(term or 'tmux-256color')}\n"
            "set-option -g history-limit 0\n"
            "set-option -sg escape-time 10\n"
            "set-option -g status off\n"
        )
        shell = " ".join(shlex.quote(part) for part in command) + "; echo '[exited '$?']'; sleep 600"
        self._tmux("-f", str(self.config), "new-session", "-d", "-s", self.target, "-x", str(width), "-y", str(height), "sh", "-c", shell)
        self.baseline_title = self.pane_title()
        return self

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)
        if self.config is not None:
            shutil.rmtree(self.config.parent, ignore_errors=True)

    def __enter__(self) -> "Tmux":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              errors="replace", timeout=20, env=self.env)
        if done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args[:3])}... failed: {done.stderr.strip()}")
        return done.stdout

    # -- input ---------------------------------------------------------------
    def keys(self, *keys: str, literal: bool = False) -> None:
        """Send key names (``j``, ``Enter``, ``Tab``, ``Space``, ``C-q``) or, literal, text."""
        self._tmux("send-keys", "-t", self.target, *(["-l"] if literal else []), *keys)

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-t", self.target, "-x", str(width), "-y", str(height))

    # -- output --------------------------------------------------------------
    def screen(self, colours: bool = False) -> str:
        """The visible screen as text (with ``-e``: with its SGR colour codes)."""
        return self._tmux("capture-pane", "-p", "-t", self.target, *(["-e"] if colours else []))

    def pane_title(self) -> str:
        return self._tmux("display-message", "-p", "-t", self.target, "#{pane_title}").rstrip("\n")

    def buffers(self) -> str:
        """tmux's paste buffers: OSC 52 clipboard writes land here."""
        return self._tmux("list-buffers", "-F", "#{buffer_name}: #{buffer_sample}")

    def size(self) -> tuple[int, int]:
        out = self._tmux("display-message", "-p", "-t", self.target, "#{pane_width} #{pane_height}")
        width, height = out.split()
        return int(width), int(height)

    def wait_for(self, *texts: str, timeout: float = WAIT, absent: Sequence[str] = ()) -> str:
        """Poll the screen until every one of ``texts`` is on it (and none of ``absent``).

        Fails at once if the program exited (the ``[exited N]`` line).
        """
        deadline = time.monotonic() + timeout
        screen = ""
        while True:
            screen = self.screen()
            if all(t in screen for t in texts) and not any(t in screen for t in absent):
                return screen
            exited = "[exited" in screen and not any("[exited" in t for t in texts)
            if exited or time.monotonic() > deadline:
                why = "the program exited" if exited else f"waited {timeout:.0f}s for {texts!r}" + (
                    f" without {list(absent)!r}" if absent else "")
                raise AssertionError(f"{why}; the screen shows:\n{screen}")
            time.sleep(0.05)

    def wait_stable(self, quiet: float = 0.3, timeout: float = WAIT) -> str:
        """Poll until the screen has not changed for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        last, since = self.screen(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = self.screen()
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return now
        return last


def wait_loaded(term: Tmux, timeout: float = 20) -> str:
    """Wait until the status line says the whole corpus is listed ("19 documents...")."""
    deadline = time.monotonic() + timeout
    while True:
        screen = term.screen()
        if "1 Documents" in screen and re.search(r"^ ?\d+ documents", screen, re.M):
            return screen
        assert "[exited" not in screen, f"reader exited:\n{screen}"
        assert time.monotonic() < deadline, f"the corpus never finished loading:\n{screen}"
        time.sleep(0.05)


def page_through(term: Tmux, every: int) -> Iterator[int]:
    """Go to the top of the list, then press ``n`` once per document; after
    every ``every`` documents, with the screen settled, yield the step."""
    term.keys("g")
    total = int(re.search(r"1 Documents \((\d+)\)", term.screen()).group(1))
    for step in range(total):
        term.keys("n")
        if step % every == every - 1:
            term.wait_stable(quiet=0.2)
            yield step
    term.wait_stable(quiet=0.3)
