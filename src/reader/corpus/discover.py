"""Find the documents under a path: folders recursively, safely.

Symbolic links to folders are not followed (no loops); links to files are
taken when they resolve.  Unreadable folders are reported, not fatal.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from typing import Callable, Iterator

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


@dataclass
class Discovery:
    """Collects what a walk could not enter, one line each."""

    problems: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False  # stat_documents stopped early: what it found is partial


#: A folder's README describes the folder; it is not one of its documents.
NOT_DOCUMENTS = ("readme.md", "readme.txt", "readme.markdown")


_SUFFIXES_B = tuple(s.encode() for s in DOCUMENT_SUFFIXES)
_NOT_DOCUMENTS_B = tuple(n.encode() for n in NOT_DOCUMENTS)
_SEP = os.sep.encode()


def is_document_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(DOCUMENT_SUFFIXES) and not name.startswith(".") and lower not in NOT_DOCUMENTS


def _broken_link(path: str) -> str:
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop"
    return "dangling link"


def iter_documents(root: str | os.PathLike[str], discovery: Discovery | None = None) -> Iterator[str]:
    """Paths of the documents under ``root`` (or ``root`` itself), sorted.

    A folder is walked with an explicit stack, so depth is no problem; each
    folder's entries are yielded in name order, folders after files.
    """
    root = os.fspath(root)
    found = discovery or Discovery()
    if not os.path.isdir(root):
        yield root
        return
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                items = sorted(entries, key=lambda e: e.name)
        except OSError as err:
            found.problems.append((folder, err.strerror or "cannot open folder"))
            continue
        subfolders = []
        for entry in items:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(entry.path)
                elif is_document_name(entry.name):
                    if entry.is_symlink() and not os.path.exists(entry.path):
                        found.problems.append((entry.path, _broken_link(entry.path)))
                        continue
                    if entry.is_file(follow_symlinks=True):
                        yield entry.path
                    elif not entry.is_dir(follow_symlinks=True):
                        found.problems.append((entry.path, "not a regular file (a pipe, device or socket)"))
            except OSError as err:
                found.problems.append((entry.path, err.strerror or "cannot stat"))
        stack.extend(reversed(subfolders))


def stat_documents(root: str | os.PathLike[str], discovery: Discovery | None = None,
                   cancelled: Callable[[], bool] | None = None) -> list[tuple[bytes, int, int]]:
    """``(os.fsencode(path), size, mtime_ns)`` of each document under ``root``
    (or of ``root`` itself), in no particular order (:func:`walk_order` sorts
    them as :func:`iter_documents` yields them).

    The same documents as :func:`iter_documents`, with what an index needs to
    tell a changed file, in one pass: bytes paths (no decoding, the index keys
    them so), the folder entry's type (no system call for a folder or a plain
    file's type) and one ``stat`` per document.  A file that vanishes during
    the walk is left out (as removed); links to files are followed.
    ``cancelled()`` is polled once a folder; when it says yes the walk stops
    and ``discovery.cancelled`` is set (the list is then incomplete).
    """
    found = discovery or Discovery()
    top = os.fsencode(root)
    out: list[tuple[bytes, int, int]] = []
    if not os.path.isdir(top):
        try:
            info = os.stat(top)
        except OSError:
            return out
        return [(top, info.st_size, info.st_mtime_ns)]
    add = out.append
    regular = stat.S_ISREG
    stack = [top]
    while stack:
        if cancelled is not None and cancelled():
            found.cancelled = True
            break
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                items = list(entries)
        except OSError as err:
            found.problems.append((os.fsdecode(folder), err.strerror or "cannot open folder"))
            continue
        for entry in items:
            name = entry.name
            if name[:1] == b".":
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                    continue
                lower = name.lower()
                if not lower.endswith(_SUFFIXES_B) or lower in _NOT_DOCUMENTS_B:
                    continue
                try:
                    info = entry.stat()  # follows a link: what the document is
                except FileNotFoundError:
                    if entry.is_symlink():
                        found.problems.append((os.fsdecode(entry.path), _broken_link(entry.path)))
                    continue  # else: gone since the folder was read
                except OSError as err:
                    if entry.is_symlink() and err.errno == errno.ELOOP:
                        found.problems.append((os.fsdecode(entry.path), "symbolic link loop"))
                        continue
                    raise
                if regular(info.st_mode):
                    add((entry.path, info.st_size, info.st_mtime_ns))
                elif not stat.S_ISDIR(info.st_mode):
                    found.problems.append((os.fsdecode(entry.path), "not a regular file (a pipe, device or socket)"))
            except OSError as err:
                found.problems.append((os.fsdecode(entry.path), err.strerror or "cannot stat"))
    found.problems.sort(key=lambda problem: walk_order(os.fsencode(problem[0])))
    return out


def walk_order(path: bytes) -> tuple[tuple[int, bytes], ...]:
    """Sort key of a path in :func:`iter_documents` order: in each folder its
    files by name, then its subfolders by name, each in full."""
    parts = path.split(_SEP)
    return tuple((1, part) for part in parts[:-1]) + ((0, parts[-1]),)
