"""The Textual face of reader: the app, its widgets and screens."""
