"""The reader's own marks on the corpus: which documents are read, what is pinned.

Kept in ``paths.data_dir() / "state.json"`` (``READER_HOME`` moves it), one
JSON object written whole and atomically (:mod:`reader.atomic`)::

    {"format": "reader-state", "version": 1, "saved": "2026-11-28T02:40:00Z",
     "read": ["/abs/path/a.txt", ...],
     "pins": {"documents": ["/abs/path/b.md"],
              "facts": {"/abs/path/a.txt": [["unit", 1454, 1480, "145 Nederlandse militairen"]]}}}

Why one JSON file and not SQLite: replacing the whole file atomically gives
the all-or-nothing guarantee for free (no journal, no half-applied change),
the file is readable and portable, and it stays cheap: 100,000 read marks
are a few megabytes that load and save in well under half a second.  The
cost is that every save rewrites the file, so the app should save on a
pause (a timer or on quit), not on every keystroke.

Documents are named by absolute path (``os.path.abspath``, no symlink
resolution).  A fact is named by ``(kind, start, end, text)``, so a pin
survives re-extraction as long as the words and their place are unchanged.

Loading never fails: a file that is not JSON, or not reader's, is renamed
aside to ``state.json.corrupt-<timestamp>`` (never deleted) and a one-line
notice says so in :attr:`State.notices`.  A file written by a newer reader,
or one that cannot be read at all, is left alone and this session does not
save over it.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Union

from .atomic import atomic_write, remove_stale_temps, set_aside

if TYPE_CHECKING:
    from .model import Fact

STATE_FORMAT = "reader-state"
STATE_VERSION = 1
STATE_FILE = "state.json"
#: A state file larger than this is not loaded (set aside with a notice).
MAX_STATE_BYTES = 256 * 1024 * 1024

#: A pinned fact: (kind, start, end, text).
FactKey = tuple[str, int, int, str]
FactLike = Union["Fact", Mapping[str, Any], Iterable[Any]]

PathLike = Union[str, "os.PathLike[str]"]


def default_path() -> Path:
    """Where the state lives: ``<data dir>/state.json``."""
    from .paths import data_dir

    return data_dir() / STATE_FILE


def doc_key(doc_path: PathLike) -> str:
    """The name a document is stored under: its absolute path."""
    return os.path.abspath(os.fspath(doc_path))


def fact_key(fact: FactLike) -> FactKey:
    """``(kind, start, end, text)`` of a :class:`reader.model.Fact`, of a fact
    as the JSON contract spells it, or of such a 4-tuple."""
    if hasattr(fact, "kind") and hasattr(fact, "start"):
        kind, start, end, text = fact.kind, fact.start, fact.end, fact.text  # type: ignore[union-attr]
    elif isinstance(fact, Mapping):
        kind, start, end, text = fact["kind"], fact["start"], fact["end"], fact["text"]
    else:
        kind, start, end, text = fact  # type: ignore[misc]
    key = (kind, start, end, text)
    if not _valid_fact_key(key):
        raise ValueError(f"not a fact (kind, start, end, text): {key!r}")
    return key  # type: ignore[return-value]


def _valid_fact_key(item: Any) -> bool:
    return (
        isinstance(item, (list, tuple))
        and len(item) == 4
        and isinstance(item[0], str)
        and type(item[1]) is int
        and type(item[2]) is int
        and isinstance(item[3], str)
        and 0 <= item[1] <= item[2]
    )


class State:
    """Read marks and pins, thread-safe.  Change it, then :meth:`save`."""

    def __init__(self, path: PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        #: One line each: what was odd when loading or saving.
        self.notices: list[str] = []
        #: False when saving would overwrite a file this session could not read.
        self.writable = True
        self._lock = threading.RLock()
        self._save_lock = threading.Lock()
        self._read: set[str] = set()
        self._pinned_docs: dict[str, None] = {}
        self._pinned_facts: dict[str, dict[FactKey, None]] = {}
        self._changes = 0
        self._saved_changes = 0

    # -- loading ---------------------------------------------------------

    @classmethod
    def load(cls, path: PathLike | None = None) -> "State":
        """The state at ``path`` (default: :func:`default_path`); never raises."""
        state = cls(path)
        state._load()
        return state

    def _notice(self, text: str) -> None:
        if not self.notices or self.notices[-1] != text:
            self.notices.append(text)

    def _load(self) -> None:
        path = self.path
        remove_stale_temps(path)
        try:
            size = os.stat(path).st_size
        except FileNotFoundError:
            return
        except OSError as err:
            self._refuse(f"cannot be read ({err.strerror or err})")
            return
        if not path.is_file():
            self._refuse("is not a regular file")
            return
        if size > MAX_STATE_BYTES:
            self._set_aside(f"is larger than {MAX_STATE_BYTES // (1024 * 1024)} MB")
            return
        try:
            raw = path.read_bytes()
        except OSError as err:
            self._refuse(f"cannot be read ({err.strerror or err})")
            return
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            self._set_aside("is not valid JSON" if raw.strip() else "is empty")
            return
        if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
            self._set_aside("is not a reader state file")
            return
        version = data.get("version")
        if type(version) is not int or version < 1:
            self._set_aside("has no valid version")
            return
        bad = self._take(data)
        if version > STATE_VERSION:
            self.writable = False
            self._notice(
                f"{path.name} was written by a newer reader (format version {version}); "
                "marks and pins are shown but not saved this session"
            )
            return
        if bad:
            aside = self._set_aside(f"had {bad} entr{'y' if bad == 1 else 'ies'} reader could not understand",
                                    keep=True)
            if aside is not None:
                self._changes += 1  # the good part is written back on the next save

    def _take(self, data: Mapping[str, Any]) -> int:
        """Fill in from ``data``; return how many entries were not understood."""
        bad = 0
        read = data.get("read", [])
        if isinstance(read, list):
            good = [item for item in read if isinstance(item, str)]
            bad += len(read) - len(good)
            self._read = set(good)
        else:
            bad += 1
        pins = data.get("pins", {})
        if not isinstance(pins, dict):
            return bad + 1
        docs = pins.get("documents", [])
        if isinstance(docs, list):
            for item in docs:
                if isinstance(item, str):
                    self._pinned_docs[item] = None
                else:
                    bad += 1
        else:
            bad += 1
        facts = pins.get("facts", {})
        if isinstance(facts, dict):
            for doc, keys in facts.items():
                if not isinstance(keys, list):
                    bad += 1
                    continue
                kept: dict[FactKey, None] = {}
                for item in keys:
                    if _valid_fact_key(item):
                        kept[(item[0], item[1], item[2], item[3])] = None
                    else:
                        bad += 1
                if kept:
                    self._pinned_facts[doc] = kept
        else:
            bad += 1
        return bad

    def _set_aside(self, why: str, keep: bool = False) -> Path | None:
        name = self.path.name
        try:
            aside = set_aside(self.path)
        except OSError as err:
            self._refuse(f"{why}, and could not be set aside ({err.strerror or err})")
            return None
        rest = "the rest is kept" if keep else "starting with no read marks or pins"
        self._notice(f"{name} {why}; it was kept as {aside.name} and {rest}")
        return aside

    def _refuse(self, why: str) -> None:
        self.writable = False
        self._notice(f"{self.path.name} {why}; read marks and pins are not saved this session")

    # -- read marks --------------------------------------------------------

    def is_read(self, doc_path: PathLike) -> bool:
        key = doc_key(doc_path)
        with self._lock:
            return key in self._read

    def mark_read(self, doc_path: PathLike, read: bool = True) -> None:
        key = doc_key(doc_path)
        with self._lock:
            if read and key not in self._read:
                self._read.add(key)
                self._changes += 1
            elif not read and key in self._read:
                self._read.discard(key)
                self._changes += 1

    def toggle_read(self, doc_path: PathLike) -> bool:
        """Flip the read mark; return whether the document is now read."""
        key = doc_key(doc_path)
        with self._lock:
            now = key not in self._read
            self.mark_read(key, now)
            return now

    def read_documents(self) -> frozenset[str]:
        """Every document marked read (absolute paths)."""
        with self._lock:
            return frozenset(self._read)

    # -- pins --------------------------------------------------------------

    def is_pinned(self, doc_path: PathLike, fact: FactLike | None = None) -> bool:
        key = doc_key(doc_path)
        with self._lock:
            if fact is None:
                return key in self._pinned_docs
            return fact_key(fact) in self._pinned_facts.get(key, {})

    def pin(self, doc_path: PathLike, fact: FactLike | None = None, pinned: bool = True) -> None:
        """Pin (or with ``pinned=False`` unpin) a document, or one of its facts."""
        key = doc_key(doc_path)
        fkey = None if fact is None else fact_key(fact)
        with self._lock:
            if fkey is None:
                if pinned and key not in self._pinned_docs:
                    self._pinned_docs[key] = None
                elif not pinned and key in self._pinned_docs:
                    del self._pinned_docs[key]
                else:
                    return
            else:
                facts = self._pinned_facts.get(key, {})
                if pinned and fkey not in facts:
                    self._pinned_facts.setdefault(key, {})[fkey] = None
                elif not pinned and fkey in facts:
                    del facts[fkey]
                    if not facts:
                        del self._pinned_facts[key]
                else:
                    return
            self._changes += 1

    def toggle_pin(self, doc_path: PathLike, fact: FactLike | None = None) -> bool:
        """Flip a pin on a document (or on ``fact`` of it); return whether it is now pinned."""
        with self._lock:
            now = not self.is_pinned(doc_path, fact)
            self.pin(doc_path, fact, now)
            return now

    def pinned_documents(self) -> list[str]:
        """Pinned documents, in the order they were pinned."""
        with self._lock:
            return list(self._pinned_docs)

    def pinned_facts(self, doc_path: PathLike) -> list[FactKey]:
        """The pinned facts of a document, as ``(kind, start, end, text)``, in pin order.

        Match them to freshly extracted facts with :func:`fact_key`.
        """
        key = doc_key(doc_path)
        with self._lock:
            return list(self._pinned_facts.get(key, {}))

    def documents_with_pinned_facts(self) -> list[str]:
        with self._lock:
            return list(self._pinned_facts)

    # -- saving ------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """True when there are changes not yet saved."""
        with self._lock:
            return self._changes != self._saved_changes

    def to_json(self) -> dict[str, Any]:
        """The state as it is written to the file."""
        with self._lock:
            return {
                "format": STATE_FORMAT,
                "version": STATE_VERSION,
                "saved": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "read": sorted(self._read),
                "pins": {
                    "documents": list(self._pinned_docs),
                    "facts": {doc: [list(k) for k in keys] for doc, keys in self._pinned_facts.items()},
                },
            }

    def save(self, force: bool = False) -> bool:
        """Write the state atomically if it changed (or ``force``); True when written.

        Never raises for the file system: a failure (disk full, read-only
        folder) becomes a notice and False, and the changes stay unsaved.
        """
        with self._save_lock:
            with self._lock:
                if not self.writable:
                    return False
                if not force and self._changes == self._saved_changes:
                    return False
                changes = self._changes
                snapshot = self.to_json()
            # ensure_ascii keeps paths with undecodable bytes (lone surrogates) intact
            data = json.dumps(snapshot, ensure_ascii=True, separators=(",", ":")).encode("ascii")
            try:
                atomic_write(self.path, data + b"\n", mode=0o600)
            except OSError as err:
                self._notice(f"{self.path.name} could not be saved ({err.strerror or err})")
                return False
            with self._lock:
                self._saved_changes = changes
            return True
