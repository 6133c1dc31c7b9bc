"""The person's own words (a trigger, a treatment…): asking for one and adding it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QWidget

from fibromap.domain.vocabulary import Term
from fibromap.errors import FibroMapError


def ask_for_word(parent: QWidget, noun: str) -> str | None:
    label, ok = QInputDialog.getText(parent, f"Add a {noun}", f"New {noun}:")
    return label if ok and label.strip() else None


def add_word(add_term: Callable[[str], Term], label: str, tell: Callable[[str], None]) -> Term | None:
    """Add the word, or tell the person why not (already there, no letters…)."""
    try:
        return add_term(label)
    except FibroMapError as exc:
        tell(str(exc))
        return None
