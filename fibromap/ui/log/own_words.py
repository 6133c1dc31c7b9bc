"""The person's own words (a trigger, a treatment…): asking for one and adding it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QWidget

from fibromap.domain.vocabulary import Term, TermKind
from fibromap.errors import FibroMapError
from fibromap.i18n import N_, _

# Each kind of word: its group's name, the title and the question that ask for a new one.
WORD_TEXTS = {
    TermKind.TRIGGER: (N_("Triggers"), N_("Add a trigger"), N_("New trigger:")),
    TermKind.QUALITY: (N_("Pain qualities"), N_("Add a pain quality"), N_("New pain quality:")),
    TermKind.TREATMENT: (N_("Treatments"), N_("Add a treatment"), N_("New treatment:")),
    TermKind.CONTEXT: (N_("Activities"), N_("Add an activity"), N_("New activity:")),
}


def ask_for_word(parent: QWidget, kind: TermKind) -> str | None:
    _group, title, question = WORD_TEXTS[kind]
    label, ok = QInputDialog.getText(parent, _(title), _(question))
    return label if ok and label.strip() else None


def add_word(add_term: Callable[[str], Term], label: str, tell: Callable[[str], None]) -> Term | None:
    """Add the word, or tell the person why not (already there, no letters…)."""
    try:
        return add_term(label)
    except FibroMapError as exc:
        tell(str(exc))
        return None
