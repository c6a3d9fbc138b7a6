"""reader: a terminal reader for news and briefing documents, with their key facts."""

__version__ = "0.1.0"
