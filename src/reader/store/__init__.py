"""The index of reader: parsed documents, their facts and their text in SQLite.

    from reader.store import Store
    store = Store.open()                       # paths.cache_dir()/index.sqlite3
    stats = store.refresh("corpus", progress=lambda done, total: ...)
    rows = store.documents("corpus", query="place:Irak")   # newest first
    facts = store.document_facts(rows[0].path)
    hits = store.search("Syrie threat:hoog", limit=20)      # snippets with marks

No Textual here; the TUI calls this from a worker thread.
"""

from .core import DocumentRow, Hit, RefreshStats, Store, default_version, unmark, window
from .db import SCHEMA_VERSION, StoreError, fts5_available

__all__ = [
    "DocumentRow",
    "Hit",
    "RefreshStats",
    "SCHEMA_VERSION",
    "Store",
    "default_version",
    "StoreError",
    "fts5_available",
    "unmark",
    "window",
]
