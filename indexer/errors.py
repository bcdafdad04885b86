"""The library's errors: one base class, so a caller can catch everything imr-search raises on purpose.

The CLI turns them into `click.ClickException`s and the web front end into HTTP answers, each in one
place. Imports nothing: every layer may raise these.
"""
from __future__ import annotations


class ImrSearchError(Exception):
    """Anything imr-search refuses or cannot do, with a message meant for the person who asked."""


class ParseError(ImrSearchError):
    """A file that yields no usable determination; carries the path and a plain reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class BuildError(ImrSearchError):
    """The build could not produce an index; the previous one stays live."""


class BuildLocked(ImrSearchError):
    """Another build holds the index directory."""


class IndexMissing(ImrSearchError):
    """No built index at the given directory (or one built by another version)."""


class QueryError(ImrSearchError):
    """A query that cannot be run; the message says what is wrong, `fields` what can be searched."""

    def __init__(self, message: str, fields: tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.fields = fields

    def __str__(self) -> str:
        if not self.fields:
            return self.message
        return f"{self.message}. Searchable fields: {', '.join(self.fields)}"


class SearchTimeout(ImrSearchError):
    """The query needed more time than a search may take."""
