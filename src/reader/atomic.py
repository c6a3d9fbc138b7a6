"""Write a file so that it is either wholly old or wholly new, never torn.

Every file reader keeps for the user (``state.json``, ``config.yaml``) is
written through :func:`atomic_write`: a temporary file in the same folder,
write, flush, fsync, ``os.replace`` over the target, then fsync the folder so
the rename itself survives a power cut.  A process killed at any moment
leaves the target as it was or as it is meant to be; at worst a temporary
file is left beside it, which :func:`remove_stale_temps` clears later.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

#: Temporary files are named ``.<target name>.<random>.tmp`` in the target's folder.
TEMP_SUFFIX = ".tmp"


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def atomic_write(path: str | os.PathLike[str], data: bytes, *, mode: int = 0o600) -> Path:
    """Replace ``path`` with ``data`` atomically and durably; return the path.

    The folder is created when missing.  The new file keeps the permission
    bits of the file it replaces; a new file gets ``mode``.
    """
    target = Path(path)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    try:
        mode = os.stat(target).st_mode & 0o7777
    except OSError:
        pass
    fd, temp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            try:
                os.fchmod(handle.fileno(), mode)
            except (AttributeError, OSError):  # pragma: no cover - not on POSIX
                pass
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
    fsync_folder(folder)
    return target


def fsync_folder(folder: str | os.PathLike[str]) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse
        pass
    finally:
        os.close(fd)


def remove_stale_temps(path: str | os.PathLike[str], older_than: float = 600.0) -> int:
    """Remove temporary files a killed writer of ``path`` left behind.

    Only files named like :func:`atomic_write`'s temporaries and untouched
    for ``older_than`` seconds go, so a write in progress in another process
    is never disturbed.  Returns how many were removed.
    """
    target = Path(path)
    prefix = _temp_prefix(target)
    removed = 0
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return 0
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX)):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def set_aside(path: str | os.PathLike[str], label: str = "corrupt") -> Path:
    """Rename ``path`` to ``<path>.<label>-<UTC timestamp>`` and return the new name.

    Used for a file reader cannot read: it is kept for the user, never
    overwritten and never deleted.  A name already taken gets ``-2``, ``-3``...
    """
    source = Path(path)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    base = f"{source.name}.{label}-{stamp}"
    n = 1
    while True:
        candidate = source.with_name(base if n == 1 else f"{base}-{n}")
        try:
            os.link(source, candidate)  # fails rather than overwrite a name taken
        except FileExistsError:
            n += 1
            continue
        except OSError:  # no hard links here: the check-then-rename fallback
            if os.path.lexists(candidate):
                n += 1
                continue
            os.replace(source, candidate)
            break
        os.unlink(source)
        break
    fsync_folder(source.parent)
    return candidate
