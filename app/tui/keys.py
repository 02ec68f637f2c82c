"""Bindings shared by screens."""

from __future__ import annotations

from textual.binding import Binding

from app.config import DEFAULT_VERDICTS


def verdict_bindings(id_prefix: str, label_prefix: str = "") -> list[Binding]:
    """1-5: the verdicts in settings order (labelled with the default vocabulary)."""
    return [
        Binding(str(i + 1), f"verdict({i})", f"{label_prefix}{v}", id=f"{id_prefix}-{i + 1}", show=False)
        for i, v in enumerate(DEFAULT_VERDICTS)
    ]
