"""A flare: one episode of spasms, where it hurt, how much, and what helped."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import StrEnum
from functools import cache
from typing import TypeVar

from fibromap.domain.validation import aware, optional_whole_number, text, whole_number_in_range
from fibromap.domain.vocabulary import KEY_PATTERN
from fibromap.errors import ValidationError
from fibromap.i18n import N_, _

INTENSITY_MAX = 10
RELIEF_MAX = 10
IMPACT_MAX = 3  # none, a little, a lot, could not
# Longer than a week is not one flare; "still going" covers a flare that has not ended.
DURATION_MAX_SECONDS = 7 * 24 * 3600
REGION_ID_MAX = 64
MEDICATION_TEXT_MAX = 120
T = TypeVar("T", bound=Hashable)  # a frozen dataclass


class SiteRole(StrEnum):
    """Why a region is part of a flare."""

    SPASM = "spasm"
    TRIGGER_POINT = "trigger_point"
    REFERRED = "referred"

    @property
    def is_source(self) -> bool:
        return self is not SiteRole.REFERRED


class ImpactArea(StrEnum):
    WALKING = "walking"
    FINE_MOTOR = "fine_motor"
    SLEEP = "sleep"
    WORK = "work"


IMPACT_LEVELS = ("none", "a little", "a lot", "could not")


def _region(field_name: str, value: object) -> str:
    return text(field_name, value, max_length=REGION_ID_MAX, required=True)


@dataclass(frozen=True, slots=True)
class SpasmSite:
    """One body region in a flare with its intensity (0 none – 10 worst imaginable).

    A referred zone may be left unrated (``intensity`` None): the pain was felt there,
    but how strongly was not said, so it is left out of every intensity figure. A spasm
    or trigger point always has its intensity."""

    region: str
    intensity: int | None
    role: SiteRole = SiteRole.SPASM

    def __post_init__(self) -> None:
        _region("region", self.region)
        try:
            object.__setattr__(self, "role", SiteRole(self.role))
        except ValueError:
            raise ValidationError(
                _("role must be spasm, trigger_point or referred, got {value}").format(
                    value=repr(self.role)), "role") from None
        if self.intensity is None and self.role.is_source:
            raise ValidationError(_("give an intensity (0–10) for {region}: only a referred "
                                    "zone may be left unrated").format(region=self.region),
                                  "intensity")
        object.__setattr__(self, "intensity", optional_whole_number(
            "intensity", self.intensity, 0, INTENSITY_MAX))

    @property
    def rated(self) -> bool:
        return self.intensity is not None


@dataclass(frozen=True, slots=True)
class Referral:
    """Pain spreading from a source site to a referred zone, with its own intensity (None:
    the zone was not rated)."""

    source: str
    target: str
    intensity: int | None

    def __post_init__(self) -> None:
        _region("referral source", self.source)
        _region("referral zone", self.target)
        if self.source == self.target:
            raise ValidationError(_("a referral must lead to another region, not back to "
                                    "{region}").format(region=self.source), "referral")
        object.__setattr__(self, "intensity", optional_whole_number(
            "referral intensity", self.intensity, 0, INTENSITY_MAX))


@dataclass(frozen=True, slots=True)
class TreatmentUse:
    """A treatment tried during a flare and how much relief it gave (0 none – 10 complete)."""

    treatment: str
    relief: int | None = None
    medication: str = ""
    dose: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.treatment, str) or not KEY_PATTERN.match(self.treatment):
            raise ValidationError(_("unknown treatment {key}").format(key=repr(self.treatment)),
                                  "treatment")
        object.__setattr__(self, "relief",
                           optional_whole_number("relief", self.relief, 0, RELIEF_MAX))
        text("medication name", self.medication, max_length=MEDICATION_TEXT_MAX)
        text("dose", self.dose, max_length=MEDICATION_TEXT_MAX)


# What a list of words may be told, each list's own sentences (keys of _keys).
KEY_SENTENCES = {
    "qualities": (N_("qualities must be a list of words, got {value}"),
                  N_("unknown pain quality {key}")),
    "triggers": (N_("triggers must be a list of words, got {value}"), N_("unknown trigger {key}")),
}


def _keys(field_name: str, values: Iterable[str]) -> frozenset[str]:
    not_a_list, unknown = KEY_SENTENCES[field_name]
    if isinstance(values, str):
        raise ValidationError(_(not_a_list).format(value=repr(values)), field_name)
    keys = frozenset(values)
    for key in keys:
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            raise ValidationError(_(unknown).format(key=repr(key)), field_name)
    return keys


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Flare:
    """One flare of spasms.

    ``onset`` is an aware datetime: it is stored as UTC plus the local offset at
    that moment, so a night-time spasm stays at night after travel or a DST change.
    Its length is one of three things: ``duration_seconds`` given; still going
    (``still_going``: the person said it had not ended when they recorded it); or not
    given (neither). "Not given" is never read as "still going", nor the other way round.

    ``day_only`` marks a flare known only to the day (a daily rating brought from
    another app): its onset is kept as noon UTC of that day, so its identity is the
    same under any time zone, and it is left out of every hour-of-day figure.
    """

    onset: datetime
    sites: tuple[SpasmSite, ...]
    duration_seconds: int | None = None
    referrals: tuple[Referral, ...] = ()
    context: str | None = None
    qualities: frozenset[str] = frozenset()
    triggers: frozenset[str] = frozenset()
    treatments: tuple[TreatmentUse, ...] = ()
    impacts: Mapping[ImpactArea, int] = field(default_factory=dict)
    notes: str = ""
    day_only: bool = False
    still_going: bool = False
    id: int | None = None
    created: datetime | None = None
    modified: datetime | None = None
    # records.flare_fingerprint, kept once worked out: a flare never changes.
    known_fingerprint: str | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        aware("onset", self.onset)
        if not isinstance(self.day_only, bool):
            raise ValidationError(_("day_only must be true or false, got {value}").format(
                value=repr(self.day_only)), "day_only")
        if self.day_only:
            object.__setattr__(self, "onset", day_only_onset(self.onset_local.date()))
        object.__setattr__(self, "sites", tuple(self.sites))
        object.__setattr__(self, "referrals", tuple(self.referrals))
        object.__setattr__(self, "treatments", tuple(self.treatments))
        if not self.sites:
            raise ValidationError(_("a flare needs at least one body region"), "sites")
        self._check_sites()
        object.__setattr__(self, "duration_seconds", optional_whole_number(
            "duration in seconds", self.duration_seconds, 1, DURATION_MAX_SECONDS))
        if not isinstance(self.still_going, bool):
            raise ValidationError(_("still_going must be true or false, got {value}").format(
                value=repr(self.still_going)), "still_going")
        if self.still_going and self.duration_seconds is not None:
            raise ValidationError(_("a flare still going has no length yet: give its length "
                                    "or say it is still going, not both"), "still_going")
        if self.context is not None and (not isinstance(self.context, str)
                                         or not KEY_PATTERN.match(self.context)):
            raise ValidationError(_("unknown activity {key}").format(key=repr(self.context)),
                                  "context")
        object.__setattr__(self, "qualities", _keys("qualities", self.qualities))
        object.__setattr__(self, "triggers", _keys("triggers", self.triggers))
        object.__setattr__(self, "impacts", self._checked_impacts(self.impacts))
        text("notes", self.notes)
        for name in ("created", "modified"):
            if getattr(self, name) is not None:
                aware(name, getattr(self, name))

    def _check_sites(self) -> None:
        roles: dict[str, SiteRole] = {}
        for site in self.sites:
            if not isinstance(site, SpasmSite):
                raise ValidationError(_("a body region must be a SpasmSite, got {value}").format(
                    value=repr(site)), "sites")
            if site.region in roles:
                raise ValidationError(_("{region} is marked twice in one flare").format(
                    region=site.region), "sites")
            roles[site.region] = site.role
        if all(site.intensity is None for site in self.sites):
            raise ValidationError(_("give an intensity (0–10) for at least one region"), "sites")
        seen: set[tuple[str, str]] = set()
        for referral in self.referrals:
            if not isinstance(referral, Referral):
                raise ValidationError(_("a referral must be a Referral, got {value}").format(
                    value=repr(referral)), "referrals")
            if referral.source not in roles or not roles[referral.source].is_source:
                raise ValidationError(
                    _("referral source {region} must be a spasm or trigger point in this "
                      "flare").format(region=referral.source), "referrals")
            if roles.get(referral.target) is not SiteRole.REFERRED:
                raise ValidationError(
                    _("referral zone {region} must be marked as referred pain in this "
                      "flare").format(region=referral.target), "referrals")
            if (referral.source, referral.target) in seen:
                raise ValidationError(
                    _("the referral from {source} to {zone} is given twice").format(
                        source=referral.source, zone=referral.target), "referrals")
            seen.add((referral.source, referral.target))
        for use in self.treatments:
            if not isinstance(use, TreatmentUse):
                raise ValidationError(_("a treatment must be a TreatmentUse, got {value}").format(
                    value=repr(use)), "treatments")

    @staticmethod
    def _checked_impacts(impacts: Mapping) -> dict[ImpactArea, int]:
        checked: dict[ImpactArea, int] = {}
        for area, level in dict(impacts).items():
            try:
                area = ImpactArea(area)
            except ValueError:
                raise ValidationError(
                    _("impact must be on walking, fine_motor, sleep or work, got {value}").format(
                        value=repr(area)), "impacts") from None
            checked[area] = whole_number_in_range(f"impact on {area.value.replace('_', ' ')}",
                                                  level, 0, IMPACT_MAX)
        return checked

    # -- time ------------------------------------------------------------------
    @property
    def onset_utc(self) -> datetime:
        return self.onset.astimezone(UTC)

    @property
    def utc_offset_minutes(self) -> int:
        offset = self.onset.utcoffset()
        assert offset is not None  # the onset is checked to be aware
        return int(offset.total_seconds() // 60)

    @property
    def onset_local(self) -> datetime:
        """The wall-clock time the person saw when the flare began (naive)."""
        return self.onset.replace(tzinfo=None)

    @property
    def length_given(self) -> bool:
        """Neither a length nor "still going": the length was not given."""
        return self.duration_seconds is not None or self.still_going

    @property
    def max_intensity(self) -> int:
        """The highest rated intensity (a spasm or trigger point is always rated)."""
        return max(site.intensity for site in self.sites if site.intensity is not None)

    @property
    def unrated_zones(self) -> tuple[str, ...]:
        """The referred zones left unrated: in no intensity figure."""
        return tuple(site.region for site in self.sites if site.intensity is None)

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(site.region for site in self.sites)


def stored(cls: type[T], *values) -> T:
    """A ``cls`` (SpasmSite, Referral, TreatmentUse or Flare) from ``values`` in field order,
    as read back from the store: checked when written, and kept in range since by the
    database's own constraints, so not checked again. Reading 100,000 flares for an
    export otherwise spends most of its time re-checking them."""
    made = object.__new__(cls)
    for put, value in zip(_setters(cls), values, strict=True):
        put(made, value)
    return made


@cache
def _setters(cls: type) -> tuple:
    """How to fill each of a frozen dataclass's slots, in field order."""
    return tuple(getattr(cls, each.name).__set__ for each in fields(cls))


def day_only_onset(day: date) -> datetime:
    """Where a flare known only to ``day`` is kept: noon UTC, the same under any time zone."""
    return datetime.combine(day, time(12), UTC)


def aware_from_utc(utc: datetime, offset_minutes: int) -> datetime:
    """Rebuild the person's local aware time from stored UTC and offset."""
    if utc.tzinfo is None:
        utc = utc.replace(tzinfo=UTC)
    return utc.astimezone(_zone(offset_minutes))


@cache
def _zone(offset_minutes: int) -> timezone:
    """The fixed offset, made once: an export rebuilds 100,000 onsets."""
    return timezone(timedelta(minutes=offset_minutes))
