"""Errors a person can act on, as distinct from bugs (STYLE.md habit 9).

A :class:`UserError` carries its message in Japanese (the app's language) and English; the
CLI prints the Japanese one on a single line, the GUI shows the one for its language.
"""

from __future__ import annotations


class UserError(Exception):
    def __init__(self, ja: str, en: str | None = None):
        super().__init__(ja)
        self.ja = ja
        self.en = en or ja

    def message(self, language: str = "ja") -> str:
        return self.en if language == "en" else self.ja


class StoreError(UserError):
    """The store cannot be opened as asked: missing, locked, corrupt, newer, not ours."""


class StoreLocked(StoreError):
    pass


class ValidationError(UserError):
    """Input that breaks a rule; ``field`` names the field to show the message beside."""

    def __init__(self, ja: str, en: str | None = None, field: str | None = None):
        super().__init__(ja, en)
        self.field = field


class NotFound(UserError):
    pass

