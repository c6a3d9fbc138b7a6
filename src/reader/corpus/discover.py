"""Find the documents under a path: folders recursively, safely.

Symbolic links to folders are not followed (no loops); links to files are
taken when they resolve.  Unreadable folders are reported, not fatal.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from typing import Iterator

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


@dataclass
class Discovery:
    """Collects what a walk could not enter, one line each."""

    problems: list[tuple[str, str]] = field(default_factory=list)


#: A folder's README describes the folder; it is not one of its documents.
NOT_DOCUMENTS = ("readme.md", "readme.txt", "readme.markdown")


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
