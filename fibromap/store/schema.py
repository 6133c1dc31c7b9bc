"""The tables. Alembic migrations in store/migrations are what create them;
a test checks that these models and the migrated schema never drift apart."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Marks a database as FibroMap's, so a foreign file is never mistaken for ours.
APPLICATION_MARK = "fibromap"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class MetaRow(Base):
    __tablename__ = "fibromap_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class TermRow(Base):
    __tablename__ = "term"
    __table_args__ = (
        UniqueConstraint("kind", "key", name="uq_term_kind_key"),
        CheckConstraint("kind IN ('trigger', 'quality', 'treatment', 'context')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(80))
    # The person's name for the word; '' for a built-in word not renamed, which is shown
    # by its key in the person's language (domain.vocabulary; migration 0014).
    label: Mapped[str] = mapped_column(String(80))
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)


class FlareRow(Base):
    __tablename__ = "flare"
    __table_args__ = (
        CheckConstraint("duration_s IS NULL OR duration_s > 0", name="duration"),
        CheckConstraint("utc_offset_min BETWEEN -1080 AND 1080", name="utc_offset"),
        *(CheckConstraint(f"impact_{area} IS NULL OR impact_{area} BETWEEN 0 AND 3",
                          name=f"impact_{area}")
          for area in ("walking", "fine_motor", "sleep", "work")),
        # An index, not a constraint: SQLite can add one to a table that has rows.
        Index("uq_flare_fingerprint", "fingerprint", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    onset_utc: Mapped[datetime] = mapped_column(DateTime, index=True)
    utc_offset_min: Mapped[int] = mapped_column(Integer)
    # The person's wall-clock onset, derived from the two above. Kept so that SQL can
    # filter and group by local day and hour identically on SQLite and PostgreSQL.
    onset_local: Mapped[datetime] = mapped_column(DateTime, index=True)
    duration_s: Mapped[int | None] = mapped_column(Integer)
    context_id: Mapped[int | None] = mapped_column(ForeignKey("term.id", ondelete="RESTRICT"))
    impact_walking: Mapped[int | None] = mapped_column(SmallInteger)
    impact_fine_motor: Mapped[int | None] = mapped_column(SmallInteger)
    impact_sleep: Mapped[int | None] = mapped_column(SmallInteger)
    impact_work: Mapped[int | None] = mapped_column(SmallInteger)
    notes: Mapped[str] = mapped_column(Text, default="")
    # The flare's identity (domain.records.flare_fingerprint): the same flare is stored
    # once, even from two imports at the same moment; `check` recomputes it to find data
    # changed on disk. Kept up to date by every write (nullable only because SQLite cannot
    # add a NOT NULL column to a table that has rows).
    fingerprint: Mapped[str | None] = mapped_column(String(20))
    # Known only to the day (domain.flare.Flare.day_only): left out of hour-of-day figures.
    day_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The person said the flare had not ended (domain.flare.Flare.still_going); with no
    # duration and not still going, the length was not given.
    still_going: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_utc: Mapped[datetime] = mapped_column(DateTime)
    modified_utc: Mapped[datetime] = mapped_column(DateTime)

    sites: Mapped[list[SiteRow]] = relationship(
        back_populates="flare", cascade="all, delete-orphan", passive_deletes=True,
        order_by="SiteRow.position")
    referrals: Mapped[list[ReferralRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ReferralRow.position")
    context: Mapped[TermRow | None] = relationship()
    terms: Mapped[list[TermRow]] = relationship(secondary="flare_term", order_by="TermRow.id")
    treatments: Mapped[list[TreatmentUseRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="TreatmentUseRow.position")


# A CHECK passes when its expression is NULL: hence the IS NOT NULL and IS NULL.
SITE_INTENSITY = ("(intensity IS NOT NULL AND intensity BETWEEN 0 AND 10) "
                  "OR (intensity IS NULL AND role = 'referred')")


class SiteRow(Base):
    __tablename__ = "site"
    __table_args__ = (
        UniqueConstraint("flare_id", "region", name="uq_site_flare_region"),
        # Only a referred zone may be left unrated (NULL): out of every intensity figure.
        CheckConstraint(SITE_INTENSITY, name="intensity"),
        CheckConstraint("role IN ('spasm', 'trigger_point', 'referred')", name="role"),
        Index("ix_site_region", "region"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    flare_id: Mapped[int] = mapped_column(ForeignKey("flare.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(SmallInteger)
    region: Mapped[str] = mapped_column(String(64))
    intensity: Mapped[int | None] = mapped_column(SmallInteger)
    role: Mapped[str] = mapped_column(String(16))

    flare: Mapped[FlareRow] = relationship(back_populates="sites")


class ReferralRow(Base):
    __tablename__ = "referral"
    __table_args__ = (
        UniqueConstraint("source_site_id", "target_site_id", name="uq_referral_link"),
        CheckConstraint("intensity IS NULL OR intensity BETWEEN 0 AND 10", name="intensity"),
        CheckConstraint("source_site_id <> target_site_id", name="distinct_sites"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    flare_id: Mapped[int] = mapped_column(ForeignKey("flare.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(SmallInteger)
    source_site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="CASCADE"))
    target_site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="CASCADE"),
                                                index=True)
    intensity: Mapped[int | None] = mapped_column(SmallInteger)  # NULL: its zone not rated

    source: Mapped[SiteRow] = relationship(foreign_keys=[source_site_id])
    target: Mapped[SiteRow] = relationship(foreign_keys=[target_site_id])


class FlareTermRow(Base):
    """Pain qualities and triggers of a flare (the term's kind tells which)."""

    __tablename__ = "flare_term"

    flare_id: Mapped[int] = mapped_column(ForeignKey("flare.id", ondelete="CASCADE"),
                                          primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id", ondelete="RESTRICT"),
                                         primary_key=True, index=True)


class TreatmentUseRow(Base):
    __tablename__ = "treatment_use"
    __table_args__ = (
        CheckConstraint("relief IS NULL OR relief BETWEEN 0 AND 10", name="relief"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    flare_id: Mapped[int] = mapped_column(ForeignKey("flare.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(SmallInteger)
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id", ondelete="RESTRICT"), index=True)
    relief: Mapped[int | None] = mapped_column(SmallInteger)
    medication: Mapped[str] = mapped_column(String(120), default="")
    dose: Mapped[str] = mapped_column(String(120), default="")

    term: Mapped[TermRow] = relationship()


class CheckInRow(Base):
    __tablename__ = "checkin"
    __table_args__ = (
        CheckConstraint("sleep_hours IS NULL OR sleep_hours BETWEEN 0 AND 24", name="sleep_hours"),
        *(CheckConstraint(f"{column} IS NULL OR {column} BETWEEN 0 AND {high}", name=column)
          for column, high in (("sleep_quality", 10), ("woken_by_spasms", 50),
                               ("water_glasses", 50), ("stress", 10), ("fatigue", 10),
                               ("mood", 10), ("activity_level", 10), ("pain", 10),
                               ("stiffness", 10), ("fibro_fog", 3), ("waking_unrefreshed", 3))),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    sleep_hours: Mapped[float | None] = mapped_column(Float)
    sleep_quality: Mapped[int | None] = mapped_column(SmallInteger)
    woken_by_spasms: Mapped[int | None] = mapped_column(SmallInteger)
    water_glasses: Mapped[int | None] = mapped_column(SmallInteger)
    stress: Mapped[int | None] = mapped_column(SmallInteger)
    fatigue: Mapped[int | None] = mapped_column(SmallInteger)
    mood: Mapped[int | None] = mapped_column(SmallInteger)
    activity_level: Mapped[int | None] = mapped_column(SmallInteger)
    notes: Mapped[str] = mapped_column(Text, default="")
    pain: Mapped[int | None] = mapped_column(SmallInteger)          # overall, 0–10
    stiffness: Mapped[int | None] = mapped_column(SmallInteger)     # 0–10
    fibro_fog: Mapped[int | None] = mapped_column(SmallInteger)     # 0–3 (ACR 2016 levels)
    waking_unrefreshed: Mapped[int | None] = mapped_column(SmallInteger)  # 0–3

    foods: Mapped[list[CheckInFoodRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="CheckInFoodRow.food")


class CheckInFoodRow(Base):
    __tablename__ = "checkin_food"

    checkin_id: Mapped[int] = mapped_column(ForeignKey("checkin.id", ondelete="CASCADE"),
                                            primary_key=True)
    food: Mapped[str] = mapped_column(String(60), primary_key=True)


class MedicationRow(Base):
    __tablename__ = "medication"
    __table_args__ = (
        CheckConstraint("stop IS NULL OR stop >= start", name="stop_after_start"),
        # The same medication once (migration 0008 merged the copies stored before).
        Index("uq_medication_name_dose_start", "name", "dose", "start", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    dose: Mapped[str] = mapped_column(String(120), default="")
    start: Mapped[date] = mapped_column(Date)
    stop: Mapped[date | None] = mapped_column(Date)


class SymptomRatingRow(Base):
    """A day's rating of a symptom with no body part (domain.daily.SymptomRating)."""

    __tablename__ = "symptom_rating"
    __table_args__ = (
        UniqueConstraint("day", "symptom", name="uq_symptom_rating_day_symptom"),
        CheckConstraint("rating BETWEEN 0 AND 10", name="rating"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    symptom: Mapped[str] = mapped_column(String(80))
    rating: Mapped[int] = mapped_column(SmallInteger)
    source: Mapped[str] = mapped_column(String(80), default="")


class NoSpasmDayRow(Base):
    """A day the person said, in one click, had no spasms: a day observed, with none."""

    __tablename__ = "no_spasm_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)


class AppointmentRow(Base):
    """A visit to a clinician: "since last appointment" starts here."""

    __tablename__ = "appointment"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    note: Mapped[str] = mapped_column(Text, default="")


class QuestionnaireRow(Base):
    """An SSS or FIQR questionnaire as answered on a day (answers as JSON, scored on reading)."""

    __tablename__ = "questionnaire"
    __table_args__ = (
        UniqueConstraint("kind", "day", name="uq_questionnaire_kind_day"),
        CheckConstraint("kind IN ('sss', 'fiqr')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    day: Mapped[date] = mapped_column(Date, index=True)
    answers: Mapped[str] = mapped_column(Text)


class NoteRow(Base):
    """Free text the app keeps for the person, such as their questions for the doctor."""

    __tablename__ = "note"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    modified_utc: Mapped[datetime] = mapped_column(DateTime)


class DeviceSleepRow(Base):
    """A period of sleep a device measured (domain.device_data.DeviceSleep): the instant
    in UTC with the offset where the person was, or the wall-clock time with the offset
    unknown (NULL)."""

    __tablename__ = "device_sleep"
    __table_args__ = (
        UniqueConstraint("app", "device", "start_utc", name="uq_device_sleep_start"),
        CheckConstraint("end_utc > start_utc", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    app: Mapped[str] = mapped_column(String(40))
    device: Mapped[str] = mapped_column(String(120))
    start_utc: Mapped[datetime] = mapped_column(DateTime)
    start_offset: Mapped[int | None] = mapped_column(SmallInteger)
    end_utc: Mapped[datetime] = mapped_column(DateTime)
    end_offset: Mapped[int | None] = mapped_column(SmallInteger)
    day: Mapped[date] = mapped_column(Date, index=True)
    in_bed_minutes: Mapped[int] = mapped_column(SmallInteger)
    asleep_minutes: Mapped[int | None] = mapped_column(SmallInteger)
    awake_minutes: Mapped[int | None] = mapped_column(SmallInteger)
    awakenings: Mapped[int | None] = mapped_column(SmallInteger)
    light_minutes: Mapped[int | None] = mapped_column(SmallInteger)
    deep_minutes: Mapped[int | None] = mapped_column(SmallInteger)
    rem_minutes: Mapped[int | None] = mapped_column(SmallInteger)
    nap: Mapped[bool] = mapped_column(Boolean, default=False)
    # domain.device_data.device_fingerprint of SLEEP_MARKED: changes on disk show (check).
    fingerprint: Mapped[str | None] = mapped_column(String(20))


class DeviceStepsRow(Base):
    """Steps a device counted in a day (domain.device_data.DeviceSteps)."""

    __tablename__ = "device_steps"
    __table_args__ = (
        UniqueConstraint("app", "device", "day", name="uq_device_steps_day"),
        CheckConstraint("steps >= 0", name="steps"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    app: Mapped[str] = mapped_column(String(40))
    device: Mapped[str] = mapped_column(String(120))
    day: Mapped[date] = mapped_column(Date, index=True)
    steps: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str | None] = mapped_column(String(20))  # of STEPS_MARKED


class DeviceZoneRow(Base):
    """The time zone one device's times and days were placed in, where its export names
    none of its own (Gadgetbridge: this computer's zone at its first import; a single
    Fitbit file: the zone an earlier import's profile named). A later import places them
    the same, so importing again under another zone changes nothing."""

    __tablename__ = "device_zone"
    __table_args__ = (UniqueConstraint("app", "device", name="uq_device_zone_source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    app: Mapped[str] = mapped_column(String(40))
    device: Mapped[str] = mapped_column(String(120))
    zone: Mapped[str] = mapped_column(String(64))  # an IANA name: "Europe/Berlin"
