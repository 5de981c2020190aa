"""One error type with a code, what went wrong, and how to fix it (spaCy's errors.py habit)."""
from __future__ import annotations

__all__ = ["DetenteError"]


class DetenteError(Exception):
    """An error a user can act on: ``code`` is stable, ``message`` names the input, ``fix`` says what to do."""

    def __init__(self, code: str, message: str, fix: str | None = None):
        self.code = code
        self.message = message
        self.fix = fix
        super().__init__(f"[{code}] {message}" + (f" — {fix}" if fix else ""))
