"""A hostile corpus, written fresh into a temporary folder for each test run.

Nothing binary is checked in: :func:`make_hostile_corpus` writes every case of
issue 6 (bad bytes, odd encodings, hostile names, YAML that tries to run code,
markup and terminal escape sequences in titles and bodies, links of every
kind) and returns ``{name: what it is}``.

The module constants say what a user should get for the cases where that is
precise: which files ``reader facts`` must report as unreadable, the title a
good document must show, and the markers that must never reach a terminal as
a control sequence (pane title, clipboard).
"""

from __future__ import annotations

import hashlib
import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

#: What must never happen, whatever a document says.  The OSC 52 payload is
#: base64 of "PWNED-CLIPBOARD"; the YAML tags would create pwned_path(root).
PWNED_TITLE = "PWNED-TITLE"
PWNED_CLIP_B64 = "UFdORUQtQ0xJUEJPQVJE"
PWNED_CLIP = "PWNED-CLIPBOARD"

#: Names (relative, as ``os.fsdecode`` gives them) that ``reader facts`` must
#: report on stderr, each with a word that must be in its one-line reason.
BAD = {
    "binary.txt": "binary",
    "png-as-md.md": "binary",
    "dangling.txt": "dangling",
    "loop-a.txt": "loop",
    "loop-b.txt": "loop",
    "fifo.txt": "not a regular file",
    "dev-zero.txt": "not a regular file",
}

#: Names of good documents and (part of) the title each must show.
TITLES = {
    "plain.txt": "Gewone tekst als controle",
    "seed.txt": "Kabinet stuurt fregat",
    "nul-late.txt": "NUL na acht kilobyte",
    "invalid-utf8.txt": "Ongeldige UTF-8",
    "cp1252.txt": "Café België — € 10 miljoen",
    "latin1.txt": "Ærø façade über Curaçao",
    "utf16-le.txt": "UTF-16 LE met BOM: één",
    "utf16-be.txt": "UTF-16 BE met BOM: één",
    "utf8-bom.md": "UTF-8 met BOM",
    "crlf.txt": "Windows regeleinden",
    "lone-cr.txt": "Oude Mac regeleinden",
    "fm-broken.md": "Kop onder kapotte YAML",
    "fm-unterminated.md": "---",
    "fm-huge.md": "---",
    "fm-alias-bomb.md": "Kop onder alias-bom",
    "fm-python-apply.md": "Kop onder python tag",
    "fm-python-name.md": "Kop onder python name",
    "fm-not-mapping.md": "Kop onder een lijst",
    "fm-deep.md": "Kop onder diepe YAML",
    "fm-impossible-date.md": "Schrikkeldag die niet bestaat",
    "fm-bad-timestamp.md": "Tijdstempel buiten bereik",
    "date-impossible.txt": "Onmogelijke datum",
    "markup.md": "[/] [@click=app.quit]Stop[/] [link=file:///etc/passwd]wachtwoorden[/link]",
    "markup-seed.txt": "[bold red]Rood[/] [@click=app.quit]Stop[/] [/]",
    "links.md": "Links die nooit geopend worden",
    "ansi.txt": "Titel met ␛]2;" + PWNED_TITLE,
    "osc52.md": "Klembord ␛]52;c;" + PWNED_CLIP_B64,
    "c1.txt": "C1 \ufffd2J besturing",
    "bidi.txt": "Bidi \ufffdtxt.exe\ufffd",
    "zero-width.txt": "Zero\u200bwidth\u200djoiners\u2060",
    "long-title.txt": "Lange titel",
    "wide.txt": "全角の見出し 🚀 wide",
    os.path.join("deep", *["d"] * 60, "bottom.txt"): "Onderaan de diepe map",
}

#: Files whose TUI entry must say what is odd about them (shown, with a note).
EMPTY = ("empty.txt", "whitespace.txt")

#: Good documents whose *name* is hostile; their titles come from the name.
HOSTILE_NAMES = {
    "name-newline\n.txt": "name-newline␤.txt",
    "name-osc\x1b]2;" + PWNED_TITLE + "-NAME\x07.txt": "name-osc␛]2;" + PWNED_TITLE + "-NAME␇.txt",
    "name-csi\x1b[2J.txt": "name-csi␛[2J.txt",
    os.fsdecode(b"name-latin1-\xe9.txt"): "name-latin1-\ufffd.txt",
}


def _seed(title: str, body: str, date: str = "2024-03") -> str:
    return f" date {date} {title}\n\n{body}\n"


def _write(root: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    path = Path(root) / name  # names are os.fsdecode() strings: any bytes
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


BODY_NL = (
    "Het kabinet stuurt in maart 2024 het fregat Zr.Ms. Tromp naar de Rode Zee. "
    "Aan boord zijn ongeveer 150 militairen. Het dreigingsniveau blijft 4, substantieel."
)


def pwned_path(root: Path) -> Path:
    """The file the YAML tags of the corpus at ``root`` would create if run."""
    root = Path(root)
    return root.with_name(root.name + "-PWNED")


def make_hostile_corpus(root: Path, *, big: bool = False, many: bool = False) -> dict[str, str]:
    """Write every hostile case under ``root``; return ``{name: what it is}``.

    ``big`` adds a 20 MB file on one line; ``many`` adds a folder of 10,000
    tiny files.  Names are relative to ``root`` (``os.fsdecode`` form).
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    cases: dict[str, str] = {}
    pwned = pwned_path(root)

    def add(name: str, what: str, data: bytes | str, encoding: str = "utf-8") -> None:
        _write(root, name, data, encoding)
        cases[name] = what

    # -- controls: a good document ------------------------------------------
    add("plain.txt", "a well-behaved plain text document", "Gewone tekst als controle\n\n" + BODY_NL + "\n")
    add("seed.txt", "a well-behaved seed-format document", _seed("Kabinet stuurt fregat naar Rode Zee", BODY_NL))

    # -- bytes and encodings --------------------------------------------------
    add("binary.txt", "binary data with NUL bytes", bytes(range(256)) * 8 + b"\x00" * 512)
    add("png-as-md.md", "a PNG image named .md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2048))
    add("nul-late.txt", "text with NUL bytes after the first 8 KB",
        ("NUL na acht kilobyte\n\n" + "tekst " * 1500 + "\x00\x00 einde\n").encode())
    add("invalid-utf8.txt", "UTF-8 with invalid byte sequences",
        "Ongeldige UTF-8 in één titel \n\n".encode() + b"bytes \xc3\x28 en \xe2\x82 en \xff hier, ook \xed\xa0\x80.\n")
    add("cp1252.txt", "Windows-1252 Dutch text", "Café België — € 10 miljoen\n\n‘Citaat’ over Curaçao.\n", "cp1252")
    add("latin1.txt", "ISO-8859-1 text", "Ærø façade über Curaçao\n\nDe Ærø-brug, één façade.\n", "latin-1")
    add("utf16-le.txt", "UTF-16 little endian with a BOM",
        "\ufeffUTF-16 LE met BOM: één\n\n" + BODY_NL + "\n", "utf-16-le")
    add("utf16-be.txt", "UTF-16 big endian with a BOM",
        "\ufeffUTF-16 BE met BOM: één\n\n" + BODY_NL + "\n", "utf-16-be")
    add("utf8-bom.md", "UTF-8 with a BOM before the front matter",
        "\ufeff---\ntitle: UTF-8 met BOM\ndate: 2024-02-01\n---\n\n" + BODY_NL + "\n")
    add("crlf.txt", "CRLF line ends", "Windows regeleinden\r\n\r\n" + BODY_NL + "\r\nTweede regel.\r\n")
    add("lone-cr.txt", "lone CR line ends", "Oude Mac regeleinden\r\rEerste alinea.\rTweede regel.\r")
    add("empty.txt", "an empty file", b"")
    add("whitespace.txt", "only white space", " \n\t\n   \r\n\n")
    add("long-title.txt", "a 10,000-character first line", "Lange titel " + "woord " * 2000 + "\n\nKort.\n")
    add("wide.txt", "double-width characters and emoji in the title", "全角の見出し 🚀 wide\n\n中文 テキスト 🚀🚀.\n")

    # -- YAML front matter ------------------------------------------------------
    add("fm-broken.md", "broken YAML front matter", "---\ntitle: [niet gesloten\ndate: {\n---\n# Kop onder kapotte YAML\n\nTekst.\n")
    add("fm-unterminated.md", "front matter that is never closed", "---\ntitle: Nooit gesloten\ndate: 2024-01-01\n\nTekst zonder einde.\n")
    add("fm-huge.md", "front matter of 200 KB",
        "---\n" + "".join(f"k{i}: {'x' * 90}\n" for i in range(2200)) + "---\n\n# Kop onder enorme YAML\n")
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb.append(f"{name}: &{name} [{','.join('*' + prev for _ in range(9))}]")
    add("fm-alias-bomb.md", "a YAML alias bomb (billion laughs)",
        "---\n" + "\n".join(bomb) + "\ntitle: Bom\n---\n# Kop onder alias-bom\n\nTekst.\n")
    add("fm-python-apply.md", "a !!python/object/apply tag that would run a command",
        f"---\ntitle: !!python/object/apply:os.system [\"touch {pwned}\"]\n---\n# Kop onder python tag\n\nTekst.\n")
    add("fm-python-name.md", "a !!python/name tag",
        f"---\ntitle: !!python/name:os.system\nx: !!python/object/new:os.system [\"touch {pwned}\"]\n---\n"
        "# Kop onder python name\n\nTekst.\n")
    add("fm-not-mapping.md", "front matter that is a list", "---\n- een\n- twee\n---\n# Kop onder een lijst\n")
    add("fm-deep.md", "front matter nested 200 deep", "---\nx: " + "[" * 200 + "]" * 200 + "\n---\n# Kop onder diepe YAML\n")
    add("fm-impossible-date.md", "an impossible date in front matter (2023-02-29)",
        "---\ntitle: Schrikkeldag die niet bestaat\ndate: 2023-02-29\nsource: test\n---\n\n" + BODY_NL + "\n")
    add("fm-bad-timestamp.md", "a timestamp YAML cannot build (2024-13-45 25:61:61)",
        "---\ntitle: Tijdstempel buiten bereik\ndate: 2024-13-45 25:61:61\n---\n\nTekst.\n")
    add("date-impossible.txt", "an impossible seed date (2024-13-45)", _seed("Onmogelijke datum", BODY_NL, "2024-13-45"))

    # -- markup and actions -----------------------------------------------------
    add("markup.md", "Rich/Textual markup and actions in the title and body",
        "---\ntitle: \"[/] [@click=app.quit]Stop[/] [link=file:///etc/passwd]wachtwoorden[/link]\"\n---\n\n"
        "Tekst [bold]vet[/bold] [/] [@click=app.quit]klik om te stoppen[/] [link=file:///etc/passwd]pw[/link]"
        " [red on black]x[/] a[b]c \\[escaped\\] [on $accent]thema[/].\n")
    add("markup-seed.txt", "markup in a seed-format title",
        _seed("[bold red]Rood[/] [@click=app.quit]Stop[/] [/]", "[@click=app.bell]bel[/] " + BODY_NL))
    add("links.md", "Markdown links of every scheme (shown, never opened)",
        "# Links die nooit geopend worden\n\n"
        "Zie [het bericht](https://evil.example/x), [wachtwoorden](file:///etc/passwd), "
        "[script](javascript:alert(1)), [mail](mailto:a@b.c) en ![beeld](http://evil.example/p.png).\n")

    # -- terminal control sequences -------------------------------------------
    add("ansi.txt", "ANSI CSI and OSC sequences: clear screen, set title, bell, OSC 8",
        f"Titel met \x1b]2;{PWNED_TITLE}\x07 erin\n\n"
        f"Scherm wissen \x1b[2J\x1b[H hier, cursor \x1b[10;10H, kleur \x1b[31mrood\x1b[0m, bel \x07\x07, "
        f"titel \x1b]0;{PWNED_TITLE}\x1b\\ en \x1b]2;{PWNED_TITLE}\x07, link \x1b]8;;https://evil.example\x1b\\klik\x1b]8;;\x1b\\,"
        f" backspace \x08\x08, alt scherm \x1b[?1049l, muis \x1b[?1000l, DCS \x1bPtmux;\x1b\x1b]2;{PWNED_TITLE}\x07\x1b\\.\n")
    add("osc52.md", "OSC 52 clipboard writes (BEL and ST terminated)",
        f"# Klembord \x1b]52;c;{PWNED_CLIP_B64}\x07\n\n"
        f"Tekst \x1b]52;c;{PWNED_CLIP_B64}\x1b\\ en \x1b]52;p;{PWNED_CLIP_B64}\x07 en tmux "
        f"\x1bPtmux;\x1b\x1b]52;c;{PWNED_CLIP_B64}\x07\x1b\\.\n")
    add("c1.txt", "C1 control characters (CSI U+009B, OSC U+009D, ST U+009C)",
        f"C1 \x9b2J besturing\n\nOSC \x9d2;{PWNED_TITLE}\x9c en \x9d52;c;{PWNED_CLIP_B64}\x9c, NEL \x85 DEL \x7f.\n")
    add("bidi.txt", "bidi overrides and isolates",
        "Bidi \u202etxt.exe\u202c\n\nRechts \u2067naar\u2069 links \u202dLRO\u202c \u2066LRI\u2069 \u200f.\n")
    add("zero-width.txt", "zero-width characters", "Zero\u200bwidth\u200djoiners\u2060\n\nTe\u200bkst\ufeff met \u200czwj.\n")

    # -- hostile names ----------------------------------------------------------
    for name in HOSTILE_NAMES:
        add(name, f"a file named {name!r} (empty: its title comes from the name)", b"")

    # -- links, loops, folders, special files ----------------------------------
    deep = os.path.join("deep", *["d"] * 60, "bottom.txt")
    add(deep, "a document 60 folders deep", "Onderaan de diepe map\n\nTekst.\n")
    os.symlink(".", root / "deep" / "loop")  # a folder link to itself: not followed
    cases["deep/loop"] = "a folder symlink loop"
    os.symlink("nowhere/missing.txt", root / "dangling.txt")
    cases["dangling.txt"] = "a dangling symbolic link"
    os.symlink("loop-b.txt", root / "loop-a.txt")
    os.symlink("loop-a.txt", root / "loop-b.txt")
    cases["loop-a.txt"] = cases["loop-b.txt"] = "a symbolic link cycle"
    os.symlink("plain.txt", root / "link-to-plain.txt")
    cases["link-to-plain.txt"] = "a symbolic link to a good document"
    os.symlink("/dev/zero", root / "dev-zero.txt")
    cases["dev-zero.txt"] = "a link to /dev/zero (endless, not a regular file)"
    os.mkfifo(root / "fifo.txt")
    cases["fifo.txt"] = "a named pipe (opening it for reading would block)"
    (root / "folder.md").mkdir()
    cases["folder.md"] = "a folder named like a document"
    add("unreadable.txt", "a file without read permission", "Onleesbaar\n\nGeheim.\n")
    os.chmod(root / "unreadable.txt", 0)
    locked = root / "locked"
    add("locked/inside.txt", "a document in a folder without permissions", "Binnen\n")
    os.chmod(locked, 0)

    if big:
        line = ("Een zeer lange regel zonder einde over 12 fregatten en 300 militairen. " * 8)
        count = 20 * 1024 * 1024 // len(line) + 1
        add("huge-one-line.txt", "20 MB of text on one line", (line * count).encode()[: 20 * 1024 * 1024])
    if many:
        folder = root / "many"
        folder.mkdir()
        for i in range(10_000):
            (folder / f"n{i:05d}.txt").write_bytes(b"Klein %d\n\nTekst.\n" % i)
        cases["many"] = "a folder of 10,000 tiny documents"
    return cases


def restore_permissions(root: Path) -> None:
    """Give back the permissions the corpus took away, so it can be removed."""
    for folder in (Path(root) / "locked",):
        if folder.exists():
            os.chmod(folder, 0o755)
    target = Path(root) / "unreadable.txt"
    if target.exists():
        os.chmod(target, 0o644)


def snapshot(root: Path) -> dict[bytes, tuple]:
    """Every entry under ``root`` with its type, mode, size, mtime and content hash.

    Links are recorded by their target and never followed; pipes and devices
    are never opened.  Equal snapshots before and after mean byte-for-byte
    unchanged (and untouched: mtimes and modes too).
    """
    out: dict[bytes, tuple] = {}
    base = os.fsencode(root)
    for folder, dirs, files in os.walk(base, followlinks=False):
        for name in dirs + files:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            rel = os.path.relpath(path, base)
            if stat.S_ISLNK(info.st_mode):
                out[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                digest = hashlib.sha256()
                was = info.st_mode
                if not was & stat.S_IRUSR:
                    os.chmod(path, was | stat.S_IRUSR)
                try:
                    with open(path, "rb") as handle:
                        for chunk in iter(lambda: handle.read(1 << 20), b""):
                            digest.update(chunk)
                finally:
                    if not was & stat.S_IRUSR:
                        os.chmod(path, was)
                out[rel] = ("file", stat.S_IMODE(was), info.st_size, info.st_mtime_ns, digest.hexdigest())
            else:
                out[rel] = ("other", stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), info.st_mtime_ns)
    return out


@contextmanager
def untouched_corpus(root: Path, *, big: bool = False, many: bool = False) -> Iterator[dict[str, str]]:
    """Make the hostile corpus at ``root``, hand it over, and afterwards check
    that nothing wrote to it and no YAML tag ran a command."""
    cases = make_hostile_corpus(root, big=big, many=many)
    before = snapshot(root)
    try:
        yield cases
        assert snapshot(root) == before, "the corpus on disk changed"
        assert not pwned_path(root).exists(), "a YAML tag ran a command"
    finally:
        restore_permissions(root)
