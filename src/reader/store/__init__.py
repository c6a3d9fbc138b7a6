"""The index of reader: parsed documents, their facts and their text in SQLite.

    from reader.store import Store
    store = Store.open()                       # paths.cache_dir()/index.sqlite3
    stats = store.refresh("corpus", progress=lambda done, total: ...)
    rows = store.documents("corpus", query="place:Irak")   # newest first
    facts = store.document_facts(rows[0].path)
    hits = store.search("Syrie threat:hoog", limit=20)      # snippets with marks

- ``Store.open(path=None, *, extractor=None, version=None, on_notice=None)``:
  open, create, or set aside (``*.corrupt-<timestamp>``) and rebuild a bad
  index file; what was set aside is in ``store.notices``.
- ``store.refresh(root, *, progress=None, cancelled=None, batch_size=500,
  workers=1) -> RefreshStats``: parse only files whose size, mtime or
  extractor version changed; drop removed files; keep unreadable files with
  their reason.  Callable from a worker thread; ``progress(done, total)``.
- ``store.documents(root=None, query=None, *, limit=None, offset=0) ->
  list[DocumentRow]``: newest first, failed files included (``row.error``).
- ``store.document(path) -> DocumentRow | None``;
  ``store.document_facts(path) -> list[Fact]``.
- ``store.search(query, *, root=None, limit=50) -> Hits`` (a list of Hit):
  ranked when the query has words; ``hit.snippet`` plain text, ``hit.marks``
  spans in it.  A word found in very many documents: only the most recently
  indexed ``max(limit, store.rank_candidates)`` matches are ranked, and
  ``hits.capped`` says so; ``hits.total`` is the number of matches when known.
- ``store.paths(root=None, query=None) -> list[str]`` (cheap, sorted by path);
  ``store.count(query=None, root=None) -> int``; ``store.clear()``;
  ``store.close()`` (or ``with Store.open() as store``).

Queries are strings of the language in :mod:`reader.query` (or a parsed
``Query``).  Each thread uses its own SQLite connection (WAL, busy timeout,
retried short write transactions), so two processes or a UI thread and a
worker can share one index.  No Textual here.
"""

from .core import DocumentRow, Hit, Hits, HitStream, RefreshStats, Store, default_version, unmark, window
from .db import SCHEMA_VERSION, StoreError, fts5_available

__all__ = [
    "DocumentRow",
    "Hit",
    "Hits",
    "HitStream",
    "RefreshStats",
    "SCHEMA_VERSION",
    "Store",
    "default_version",
    "StoreError",
    "fts5_available",
    "unmark",
    "window",
]
