"""The person's word lists: built-in terms plus their own."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fibromap.domain.vocabulary import BUILTIN_TERMS, Term, TermKind, builtin_label, key_for_label
from fibromap.errors import ValidationError
from fibromap.i18n import N_, _
from fibromap.store.connections import hold_first_open_lock
from fibromap.store.database import Database
from fibromap.store.schema import TermRow

# Each kind of word's sentences, whole (what agrees with the noun differs by language).
ALREADY_LISTED = {TermKind.TRIGGER: N_("{label} is already in your trigger list"),
                  TermKind.QUALITY: N_("{label} is already in your pain quality list"),
                  TermKind.TREATMENT: N_("{label} is already in your treatment list"),
                  TermKind.CONTEXT: N_("{label} is already in your activity list")}
NOT_LISTED = {TermKind.TRIGGER: N_("there is no trigger {key}"),
              TermKind.QUALITY: N_("there is no pain quality {key}"),
              TermKind.TREATMENT: N_("there is no treatment {key}"),
              TermKind.CONTEXT: N_("there is no activity {key}")}
UNKNOWN_WORD = {TermKind.TRIGGER: N_("unknown trigger {key}; add it to your list first"),
                TermKind.QUALITY: N_("unknown pain quality {key}; add it to your list first"),
                TermKind.TREATMENT: N_("unknown treatment {key}; add it to your list first"),
                TermKind.CONTEXT: N_("unknown activity {key}; add it to your list first")}

NOT_RENAMED = ""
"""The stored label of a built-in word the person has not renamed: shown by its key, in
the language of the moment (domain.vocabulary.shown_word)."""


def label_of(kind: TermKind | str, key: str, stored: str) -> str:
    """A word's label from its stored one: a built-in word not renamed has its English
    label (the catalogue's message id), any other word the label the person gave it."""
    if stored == NOT_RENAMED:
        return builtin_label(TermKind(kind), key) or key.replace("_", " ").capitalize()
    return stored


def label_to_store(kind: TermKind | str, key: str, label: str) -> str:
    """What is stored for ``label``: nothing of its own for a built-in word's English label."""
    return NOT_RENAMED if label == builtin_label(TermKind(kind), key) else label


def _term(row: TermRow) -> Term:
    return Term(TermKind(row.kind), row.key, label_of(row.kind, row.key, row.label),
                builtin=row.builtin)


def seed_builtin_terms(session: Session) -> int:
    """Add the built-in terms a database lacks (a newer FibroMap may bring more)."""
    hold_first_open_lock(session.connection())
    existing = {tuple(row) for row in session.execute(select(TermRow.kind, TermRow.key))}
    missing = [term for term in BUILTIN_TERMS if (term.kind.value, term.key) not in existing]
    session.add_all(TermRow(kind=term.kind.value, key=term.key, label=NOT_RENAMED, builtin=True,
                            hidden=False) for term in missing)
    return len(missing)


def term_ids(session: Session, kind: TermKind) -> dict[str, int]:
    rows = session.execute(select(TermRow.key, TermRow.id).where(TermRow.kind == kind.value))
    return {key: term_id for key, term_id in rows}


class VocabularyRepository:
    def __init__(self, database: Database):
        self._db = database

    def terms(self, kind: TermKind, *, include_hidden: bool = False) -> list[Term]:
        """Terms of one kind: built-in ones first in their usual order, then the person's own."""
        query = select(TermRow).where(TermRow.kind == kind.value)
        if not include_hidden:
            query = query.where(TermRow.hidden.is_(False))
        with self._db.reading() as session:
            rows = session.scalars(query.order_by(TermRow.builtin.desc(), TermRow.id)).all()
            return [_term(row) for row in rows]

    def add(self, kind: TermKind, label: str) -> Term:
        """Add the person's own word, or bring back a hidden one with the same key. A word
        already on the list, by its key or as it is shown ("Kälte" in German), is refused."""
        term = Term(kind, key_for_label(label), label.strip())
        with self._db.transaction() as session:
            row = session.scalar(select(TermRow).where(TermRow.kind == kind.value,
                                                       TermRow.key == term.key))
            listed = [_term(r) for r in session.scalars(select(TermRow).where(
                TermRow.kind == kind.value, TermRow.hidden.is_(False)))]
            same = next((t for t in listed if t.key == term.key
                         or t.name.casefold() == term.label.casefold()), None)
            if same is not None:
                raise ValidationError(_(ALREADY_LISTED[kind]).format(label=repr(same.name)),
                                      "label")
            if row is not None:
                row.hidden = False
                row.label = label_to_store(kind, term.key, term.label)
                return _term(row)
            session.add(TermRow(kind=kind.value, key=term.key, label=term.label, builtin=False,
                                hidden=False))
        return term

    def rename(self, kind: TermKind, key: str, label: str) -> Term:
        renamed = Term(kind, key, label.strip())
        with self._db.transaction() as session:
            row = self._row(session, kind, key)
            row.label = label_to_store(kind, key, renamed.label)
            return _term(row)

    def hide(self, kind: TermKind, key: str) -> None:
        """Take a word off the list; flares that used it keep it."""
        with self._db.transaction() as session:
            self._row(session, kind, key).hidden = True

    def count(self) -> int:
        with self._db.reading() as session:
            return session.scalars(select(func.count()).select_from(TermRow)).one()

    @staticmethod
    def _row(session: Session, kind: TermKind, key: str) -> TermRow:
        row = session.scalar(select(TermRow).where(TermRow.kind == kind.value, TermRow.key == key))
        if row is None:
            raise ValidationError(_(NOT_LISTED[kind]).format(key=repr(key)), "key")
        return row
