"""Files to Documents: discover, decode safely, parse the formats."""

from .discover import Discovery, iter_documents
from .loader import LoadError, document_from_bytes, load_document
from .safety import display_path, sanitize

__all__ = [
    "Discovery",
    "LoadError",
    "display_path",
    "document_from_bytes",
    "iter_documents",
    "load_document",
    "sanitize",
]
