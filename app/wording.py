"""Small helpers for the words the CLI and the review screen print."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 story", "3 stories", "1 outlet", "2 outlets"."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"
