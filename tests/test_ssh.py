"""reader over a real SSH connection.

OpenSSH's server runs on 127.0.0.1 as the current user, with a throwaway
host key and user key; ``ssh -tt`` runs inside a local tmux pane (so there is
a terminal at both ends) and starts the installed ``reader`` on the far side.
The test drives it with keys, reads the screen through tmux, resizes the
window and checks that the layout follows across the connection.
"""

from __future__ import annotations

import getpass
import os
import re
import shlex
import socket
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import CORPUS
from .hostile import PWNED_CLIP_B64, untouched_corpus
from .terminal import Tmux, child_env, page_through, reader_command, require, wait_loaded

pytestmark = pytest.mark.terminal

SSHD = "/usr/sbin/sshd"
TITLE = "reader-ssh-title"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SshServer:
    """sshd on 127.0.0.1:port for this user only, keys and config in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = _free_port()
        self.user = getpass.getuser()
        self.user_key = folder / "user_key"
        host_key = folder / "host_key"
        for key in (host_key, self.user_key):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "reader-test", "-f", str(key)],
                           check=True, capture_output=True, timeout=30)
        (folder / "authorized_keys").write_text((folder / "user_key.pub").read_text())
        os.chmod(folder / "authorized_keys", 0o600)
        root = os.geteuid() == 0
        if root:
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation folder
        config = folder / "sshd_config"
        config.write_text(
            "ListenAddress 127.0.0.1\n"
            f"HostKey {host_key}\n"
            f"PidFile {folder / 'sshd.pid'}\n"
            f"AuthorizedKeysFile {folder / 'authorized_keys'}\n"
            f"AllowUsers {self.user}\n"
            "StrictModes no\n"
            "UsePAM no\n"
            "PubkeyAuthentication yes\n"
            "PasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\n"
            f"PermitRootLogin {'prohibit-password' if root else 'no'}\n"
            "PrintMotd no\n"
            "PrintLastLog no\n"
            "UseDNS no\n"
            "X11Forwarding no\n"
            "AllowTcpForwarding no\n"
            "LogLevel ERROR\n"
        )
        self.log = open(folder / "sshd.log", "wb")
        self.process = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(config), "-p", str(self.port), "-h", str(host_key)],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"sshd exited: {(folder / 'sshd.log').read_text(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def ssh_command(self, remote: str) -> list[str]:
        return [
            "ssh", "-tt", "-F", "/dev/null", "-p", str(self.port), "-i", str(self.user_key),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10",
            f"{self.user}@127.0.0.1", remote,
        ]

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.log.close()


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory):
    require("tmux", "ssh", "ssh-keygen", SSHD)
    folder = tmp_path_factory.mktemp("sshd")
    os.chmod(folder, 0o700)
    try:
        server = SshServer(folder)
    except (RuntimeError, OSError) as err:
        pytest.skip(f"cannot start sshd here: {err}")
    yield server
    server.close()


def remote_reader(server: SshServer, path: Path, *, term: str = "xterm-256color", width: int = 160,
                  height: int = 50, **env: str) -> Tmux:
    """``ssh -tt`` in a local tmux pane, running reader on the far side."""
    settings = {"TERM": term, "TEXTUAL_ANIMATIONS": "none", "LC_ALL": "C.UTF-8",
                "READER_HOME": os.environ.get("READER_HOME", str(server.folder / "home")), **env}
    remote = "env " + " ".join(f"{k}={shlex.quote(v)}" for k, v in settings.items())
    remote += f" {shlex.quote(str(reader_command()))} {shlex.quote(str(path))}"
    script = f"printf '\\033]2;{TITLE}\\033\\\\'; exec \"$@\""
    return Tmux.start(["sh", "-c", script, "sh", *server.ssh_command(remote)], width=width, height=height,
                      env=child_env())


def test_reader_over_ssh_follows_keys_and_resizes(sshd: SshServer) -> None:
    with remote_reader(sshd, CORPUS, width=160, height=50) as term:
        screen = wait_loaded(term)
        assert "3 Facts" in screen, "at 160 columns the facts sit beside the article"
        lines = screen.splitlines()
        assert len(lines) <= 50 and max(len(line) for line in lines) <= 160
        # Without COLORTERM (ssh does not send it) the far side draws in 256 colours.
        codes = set(re.findall(r"\x1b\[([0-9;:]*)m", term.screen(colours=True)))
        assert not any(c.startswith(("38;2", "48;2")) for c in codes), codes

        term.keys("/")
        term.wait_for("filter titles")
        term.keys("Kabinet past", literal=True)
        term.wait_for("1 of ")
        term.keys("Enter")
        term.wait_stable(quiet=0.3)
        term.keys("Enter")
        deadline = time.monotonic() + 10
        while term.screen().count("Kabinet past huidige") < 2:
            assert time.monotonic() < deadline, term.screen()
            time.sleep(0.05)

        term.resize(80, 24)
        screen = term.wait_for("1 Documents", "2 Article", absent=["3 Facts"])
        term.wait_stable(quiet=0.3)
        screen = term.screen()
        assert max(len(line) for line in screen.splitlines()) <= 80
        term.keys("f")
        term.wait_for("3 Facts")
        term.resize(60, 20)
        term.wait_for("too small")
        term.resize(160, 50)
        term.wait_for("1 Documents", "2 Article", "3 Facts", absent=["too small"])
        assert term.pane_title() == TITLE and term.buffers() == ""
        term.keys("q")
        term.wait_for("[exited 0]")


def test_truecolor_over_ssh_when_asked(sshd: SshServer) -> None:
    with remote_reader(sshd, CORPUS, width=100, height=30, COLORTERM="truecolor") as term:
        wait_loaded(term)
        codes = set(re.findall(r"\x1b\[([0-9;:]*)m", term.screen(colours=True)))
        assert any(c.startswith(("38;2", "48;2")) for c in codes), codes
        term.keys("q")
        term.wait_for("[exited 0]")


def test_hostile_documents_over_ssh(sshd: SshServer, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    with untouched_corpus(root), remote_reader(sshd, root, term="xterm", width=120, height=40) as term:
        wait_loaded(term)
        for step in page_through(term, every=10):
            assert term.pane_title() == TITLE and term.buffers() == "", step
        assert term.pane_title() == TITLE, f"the title became {term.pane_title()!r}"
        assert term.buffers() == "" and PWNED_CLIP_B64 not in term.buffers()
        term.wait_for("1 Documents", "2 Article")
        term.keys("q")
        term.wait_for("[exited 0]")
