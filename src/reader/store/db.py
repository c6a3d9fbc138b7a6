"""The SQLite file of the index: connect, create the schema, set aside a bad file.

One connection per thread (see :class:`reader.store.Store`); WAL journal so
readers never wait for the writer; ``busy_timeout`` plus a retry loop so two
processes on one index never fail with "database is locked".
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")

#: "RDR1": marks the file as a reader index (PRAGMA application_id).
APPLICATION_ID = 0x52445231
#: Bumped whenever the tables change; an index of another version is set aside.
SCHEMA_VERSION = 5
BUSY_TIMEOUT_MS = 10_000
#: How long a write waits, in total, for another process's write to end.
WRITE_PATIENCE_S = 120.0

SCHEMA = """
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    path        BLOB NOT NULL UNIQUE,     -- os.fsencode(path): any file name
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    version     TEXT NOT NULL,            -- the extractor's VERSION when parsed
    title       TEXT NOT NULL,
    title_key   TEXT NOT NULL,            -- casefolded, for sorting
    date        TEXT,                     -- ISO at its precision, or NULL
    date_lo     TEXT,                     -- first and last day of date
    date_hi     TEXT,
    language    TEXT,
    format      TEXT,
    source      TEXT,
    source_key  TEXT,
    url         TEXT,
    tags        TEXT NOT NULL DEFAULT '[]',   -- JSON list
    notes       TEXT NOT NULL DEFAULT '[]',   -- JSON list, one line each
    error       TEXT,                     -- why the file could not be loaded
    fact_count  INTEGER NOT NULL DEFAULT 0,
    threat      TEXT,                     -- the gravest threat level in it
    threat_rank INTEGER NOT NULL DEFAULT 0,
    title_start INTEGER NOT NULL DEFAULT 0,
    body_start  INTEGER NOT NULL DEFAULT 0,
    indexed_at  REAL NOT NULL
);
CREATE INDEX documents_order ON documents (date DESC, title_key, path);
CREATE INDEX documents_date ON documents (date_lo, date_hi);
-- The facts of a document, all in one JSON list (read whole by the facts panel),
-- with the filter keys and date intervals written for it (so exactly these
-- are deleted when the document is parsed again).
CREATE TABLE doc_facts (
    doc_id  INTEGER PRIMARY KEY,
    facts   TEXT NOT NULL,   -- [[kind, text, start, end, value, attrs], ...]
    keys    TEXT NOT NULL,   -- JSON list of the fact_keys rows
    dates   TEXT NOT NULL    -- JSON list of the fact_dates rows [lo, hi, span]
);
-- One row per distinct (filter key, document): "place:irak", "threat:hoog",
-- "change:raised", "unit:militairen", "category:personnel", "kind:unit" ...
CREATE TABLE fact_keys (
    key     TEXT NOT NULL,
    doc_id  INTEGER NOT NULL,
    PRIMARY KEY (key, doc_id)
) WITHOUT ROWID;
-- One row per distinct date interval of a document's date facts.
CREATE TABLE fact_dates (
    span    INTEGER NOT NULL,   -- its class: normalize.span_class of the days it spans
    lo      TEXT NOT NULL,      -- first and last day covered
    hi      TEXT NOT NULL,
    doc_id  INTEGER NOT NULL,
    PRIMARY KEY (span, lo, hi, doc_id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE docs_fts USING fts5 (
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO docs_fts (docs_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
"""


class StoreError(Exception):
    """The index cannot be used (and could not be rebuilt); one line for the user."""


def is_busy(err: BaseException) -> bool:
    text = str(err).lower()
    return isinstance(err, sqlite3.OperationalError) and (
        "locked" in text or "busy" in text
    )


def fts5_available() -> bool:
    try:
        con = sqlite3.connect(":memory:")
        try:
            con.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return True


def connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(
        os.fspath(path),
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,  # autocommit; transactions are explicit BEGIN/COMMIT
        check_same_thread=False,  # each thread gets its own; close() may come from another
    )
    try:
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.execute("PRAGMA synchronous = NORMAL")
        con.execute("PRAGMA temp_store = MEMORY")
        con.execute("PRAGMA cache_size = -32000")
    except BaseException:
        con.close()
        raise
    return con


def retry(fn: Callable[[], T], patience: float = WRITE_PATIENCE_S) -> T:
    """Run ``fn``; when SQLite says busy/locked, wait a little and run it again."""
    deadline = time.monotonic() + patience
    delay = 0.02
    while True:
        try:
            return fn()
        except sqlite3.OperationalError as err:
            if not is_busy(err) or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.5)


def write(con: sqlite3.Connection, fn: Callable[[sqlite3.Connection], T],
          patience: float = WRITE_PATIENCE_S) -> T:
    """``fn(con)`` inside one short ``BEGIN IMMEDIATE`` transaction, retried when busy."""

    def attempt() -> T:
        con.execute("BEGIN IMMEDIATE")
        try:
            result = fn(con)
            con.execute("COMMIT")
            return result
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise

    return retry(attempt, patience)


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An advisory lock (POSIX flock) around opening: check, set aside, create."""
    try:
        import fcntl
    except ImportError:  # not POSIX: SQLite's own locking has to do
        yield
        return
    try:
        handle = open(path, "a+b")
    except OSError:
        yield
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        finally:
            handle.close()


def check(con: sqlite3.Connection) -> tuple[str, str]:
    """("ok"|"empty"|"other"|"bad", why) for the database behind ``con``:
    "other" is a reader index of another schema (another version of reader)."""
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as err:
        if is_busy(err):
            raise
        return "bad", f"not an SQLite database ({err})"
    if app_id == 0 and version == 0 and tables == 0:
        return "empty", ""
    if app_id != APPLICATION_ID:
        return "bad", "an SQLite database, but not a reader index"
    if version != SCHEMA_VERSION:
        return "other", f"made by another version of reader (index schema {version}, this one uses {SCHEMA_VERSION})"
    try:
        con.execute("SELECT count(*) FROM documents").fetchone()
        con.execute("SELECT count(*) FROM fact_keys WHERE key = ''").fetchone()
        con.execute("SELECT count(*) FROM doc_facts WHERE doc_id = -1").fetchone()
        con.execute("SELECT rowid FROM docs_fts WHERE docs_fts MATCH 'x' LIMIT 1").fetchall()
    except sqlite3.DatabaseError as err:
        if is_busy(err):
            raise
        return "bad", f"damaged ({err})"
    return "ok", ""


def create(con: sqlite3.Connection) -> None:
    """Make an empty database an index (WAL mode, tables, version marks)."""
    con.execute("PRAGMA journal_mode = WAL")

    def build(c: sqlite3.Connection) -> None:
        if c.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            return  # someone else built it meanwhile
        for statement in SCHEMA.split(";"):
            if statement.strip():
                c.execute(statement)
        c.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    write(con, build)


def set_aside(path: Path) -> Path:
    """Rename a bad index (and its -wal) to ``*.corrupt-<timestamp>``; drop its -shm."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, target)
    for suffix in ("-wal", "-journal"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            with contextlib.suppress(OSError):
                os.replace(side, Path(f"{target}{suffix}"))
    with contextlib.suppress(OSError):
        os.unlink(f"{path}-shm")
    return target


def remove(path: Path) -> None:
    """Delete an index and the files SQLite keeps beside it."""
    for name in (str(path), f"{path}-wal", f"{path}-shm", f"{path}-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


def open_index(path: Path, notice: Callable[[str], None]) -> sqlite3.Connection:
    """A connection to a usable index at ``path``: checked, created or rebuilt."""
    if not fts5_available():
        raise StoreError("this Python's SQLite has no FTS5 full-text search; the index needs it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(f"cannot create the folder {path.parent}: {err.strerror or err}") from None
    with file_lock(Path(f"{path}.lock")):
        for _ in range(3):
            con = None
            try:
                con = connect(path)
                state, why = retry(lambda: check(con))
            except sqlite3.DatabaseError as err:
                if is_busy(err):
                    raise StoreError(f"the index {path} stays locked by another process") from None
                state, why = "bad", f"cannot be opened ({err})"
            if state == "ok":
                return con
            if state == "empty":
                create(con)
                return con
            if con is not None:
                con.close()
            if state == "other":  # a cache of the files, nothing to look into: replaced, not kept
                remove(path)
                notice(f"index {path}: {why}; building it again from the files")
                continue
            try:
                target = set_aside(path)
            except FileNotFoundError:
                continue
            except OSError as err:
                raise StoreError(f"the index {path} is unusable ({why}) and cannot be moved: "
                                 f"{err.strerror or err}") from None
            notice(f"index {path}: {why}; set aside as {target.name}, building a new one")
        raise StoreError(f"cannot make a usable index at {path}")
