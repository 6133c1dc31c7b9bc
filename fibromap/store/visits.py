"""Appointments and the questionnaires brought to them."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import delete, select

from fibromap.domain.questionnaires import Appointment, Questionnaire, QuestionnaireKind
from fibromap.store.database import Database
from fibromap.store.schema import AppointmentRow, QuestionnaireRow


class AppointmentRepository:
    def __init__(self, database: Database):
        self._db = database

    def add(self, appointment: Appointment) -> Appointment:
        """Record a visit (one per day: a second one replaces the note)."""
        with self._db.transaction() as session:
            row = session.scalar(select(AppointmentRow).where(AppointmentRow.day == appointment.day))
            if row is None:
                row = AppointmentRow(day=appointment.day)
                session.add(row)
            row.note = appointment.note
            session.flush()
            return Appointment(row.day, row.note, row.id)

    def remove(self, day: date) -> None:
        with self._db.transaction() as session:
            session.execute(delete(AppointmentRow).where(AppointmentRow.day == day))

    def all(self) -> list[Appointment]:
        with self._db.reading() as session:
            rows = session.scalars(select(AppointmentRow).order_by(AppointmentRow.day))
            return [Appointment(r.day, r.note, r.id) for r in rows]

    def last_before(self, day: date) -> Appointment | None:
        """The most recent appointment on or before ``day``."""
        with self._db.reading() as session:
            row = session.scalars(select(AppointmentRow).where(AppointmentRow.day <= day)
                                  .order_by(AppointmentRow.day.desc()).limit(1)).first()
            return Appointment(row.day, row.note, row.id) if row else None


class QuestionnaireRepository:
    def __init__(self, database: Database):
        self._db = database

    def put(self, questionnaire: Questionnaire) -> Questionnaire:
        """Save one questionnaire per kind and day (a second one that day replaces it)."""
        with self._db.transaction() as session:
            row = session.scalar(select(QuestionnaireRow).where(
                QuestionnaireRow.kind == questionnaire.kind.value,
                QuestionnaireRow.day == questionnaire.day))
            if row is None:
                row = QuestionnaireRow(kind=questionnaire.kind.value, day=questionnaire.day)
                session.add(row)
            row.answers = json.dumps(questionnaire.answers, sort_keys=True)
            session.flush()
            return Questionnaire(questionnaire.kind, row.day, questionnaire.answers, row.id)

    def between(self, kind: QuestionnaireKind, start: date | None = None,
                end: date | None = None) -> list[Questionnaire]:
        query = select(QuestionnaireRow).where(QuestionnaireRow.kind == kind.value)
        if start:
            query = query.where(QuestionnaireRow.day >= start)
        if end:
            query = query.where(QuestionnaireRow.day <= end)
        with self._db.reading() as session:
            return [Questionnaire(kind, row.day, json.loads(row.answers), row.id)
                    for row in session.scalars(query.order_by(QuestionnaireRow.day))]
