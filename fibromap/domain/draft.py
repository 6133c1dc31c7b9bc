"""A flare being written: anything may still be missing or unrated.

The Log view keeps its state in a FlareDraft, saves it to disk as JSON so nothing
typed is lost, and turns it into a validated Flare when the person saves.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from fibromap.domain.atlas import Atlas
from fibromap.domain.clock_time import ClockTime
from fibromap.domain.flare import (
    DURATION_MAX_SECONDS,
    Flare,
    ImpactArea,
    Referral,
    SiteRole,
    SpasmSite,
    TreatmentUse,
)
from fibromap.errors import ValidationError
from fibromap.i18n import N_, _

DRAFT_FORMAT = 1


@dataclass
class DraftSite:
    region: str
    intensity: int | None
    role: str = SiteRole.SPASM.value


@dataclass
class DraftLink:
    source: str
    target: str
    intensity: int | None


@dataclass
class DraftTreatment:
    treatment: str
    relief: int | None = None
    medication: str = ""
    dose: str = ""


@dataclass
class FlareDraft:
    onset: datetime
    duration_seconds: int | None = None  # None: no length (still going, or not given)
    still_going: bool = False            # the person said it has not ended
    sites: list[DraftSite] = field(default_factory=list)
    links: list[DraftLink] = field(default_factory=list)
    context: str | None = None
    qualities: list[str] = field(default_factory=list)
    triggers: list[str] = field(default_factory=list)
    treatments: list[DraftTreatment] = field(default_factory=list)
    impacts: dict[str, int] = field(default_factory=dict)
    notes: str = ""
    day_only: bool = False         # a flare known only to the day, until a time is given
    # The clock time given came twice (the clocks went back) or never (they went forward),
    # and which instant was meant is not said yet: ``onset`` only shows the clock time.
    onset_open: bool = False
    editing_id: int | None = None  # the saved flare this draft changes, if any
    # When that flare was last changed, as it was opened: saving over a newer change made
    # in another window is refused rather than overwriting it.
    editing_modified: datetime | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.sites or self.qualities or self.triggers or self.treatments
                    or self.impacts or self.notes.strip() or self.context)

    def to_flare(self, atlas: Atlas) -> Flare:
        """The flare to save, or a ValidationError saying what is still missing."""
        self._require_complete(atlas)
        if self.onset_open:
            raise ValidationError(ClockTime.of(self.onset).problem() or (
                _("say again when the flare began: the time given was not on this clock")), "onset")
        return Flare(
            id=self.editing_id,
            onset=self.onset,
            duration_seconds=self.duration_seconds,
            still_going=self.still_going and self.duration_seconds is None,
            # Each source has its intensity (_require_complete says so); a referred zone
            # not rated is kept as such.
            sites=tuple(SpasmSite(s.region, s.intensity, SiteRole(s.role)) for s in self.sites),
            referrals=tuple(Referral(link.source, link.target, link.intensity)
                            for link in self.links),
            context=self.context,
            qualities=frozenset(self.qualities),
            triggers=frozenset(self.triggers),
            treatments=tuple(TreatmentUse(t.treatment, t.relief, t.medication.strip(), t.dose.strip())
                             for t in self.treatments),
            impacts={ImpactArea(area): level for area, level in self.impacts.items()},
            notes=self.notes,
            day_only=self.day_only,
            modified=self.editing_modified if self.editing_id is not None else None,
        )

    def _require_complete(self, atlas: Atlas) -> None:
        """A ValidationError for the first thing the person must still give or fix."""
        if not self.sites:
            raise ValidationError(_("mark at least one region on the body map"), "sites")
        for site in self.sites:  # a referred zone may stay unrated: "referred, not rated"
            if site.intensity is None and site.role != SiteRole.REFERRED.value:
                raise ValidationError(
                    _("give an intensity (0–10) for {region}").format(
                        region=atlas.name(site.region).lower()), "sites")
        if self.duration_seconds is not None and self.duration_seconds > DURATION_MAX_SECONDS:
            raise ValidationError(_("a flare can last at most 7 days (168 hours); tick "
                                    "“Still going” if it has not ended"), "duration")
        for use in self.treatments:
            if use.treatment == "medication" and not use.medication.strip():
                raise ValidationError(_("name the medication you took"), "treatments")

    @classmethod
    def from_flare(cls, flare: Flare, *, keep_identity: bool = True) -> FlareDraft:
        return cls(
            onset=flare.onset,
            duration_seconds=flare.duration_seconds,
            still_going=flare.still_going,
            sites=[DraftSite(s.region, s.intensity, s.role.value) for s in flare.sites],
            links=[DraftLink(r.source, r.target, r.intensity) for r in flare.referrals],
            context=flare.context,
            qualities=sorted(flare.qualities),
            triggers=sorted(flare.triggers),
            treatments=[DraftTreatment(t.treatment, t.relief, t.medication, t.dose)
                        for t in flare.treatments],
            impacts={area.value: level for area, level in flare.impacts.items()},
            notes=flare.notes,
            day_only=flare.day_only,
            editing_id=flare.id if keep_identity else None,
            editing_modified=flare.modified if keep_identity else None,
        )

    def check(self, atlas: Atlas) -> FlareDraft:
        """Refuse, as an import would, what the form could never have held: an unknown
        region, a role that does not exist, an intensity that is not 0–10 or empty."""
        self._check_kinds()
        self._check_times()
        self._check_sites(atlas)
        self._check_links()
        self._check_ratings()
        return self

    def _check_kinds(self) -> None:
        """Every word is text and every identity a whole number, as the form writes them
        (a file changed by hand or damaged holds anything)."""
        words = [self.notes, *self.qualities, *self.triggers,
                 *(site.region for site in self.sites), *(site.role for site in self.sites),
                 *(end for link in self.links for end in (link.source, link.target)),
                 *(getattr(use, name) for use in self.treatments
                   for name in ("treatment", "medication", "dose")),
                 *self.impacts, *([self.context] if self.context is not None else [])]
        if not all(isinstance(word, str) for word in words):
            raise ValidationError(_("a word of the unsaved flare is not text"))
        if self.editing_id is not None and (isinstance(self.editing_id, bool)
                                            or not isinstance(self.editing_id, int)):
            raise ValidationError(_("the flare being changed, {value}, is not a number").format(
                value=repr(self.editing_id)))

    def _check_times(self) -> None:
        if self.onset.tzinfo is None:
            raise ValidationError(_("the time of the flare has no UTC offset"))
        if self.editing_modified is not None and self.editing_modified.tzinfo is None:
            raise ValidationError(_("the time the flare was last changed has no UTC offset"))
        if self.duration_seconds is not None and (
                not isinstance(self.duration_seconds, int)
                or not 0 < self.duration_seconds <= DURATION_MAX_SECONDS):
            raise ValidationError(_("the length {value} is not a number of seconds a flare can "
                                    "last").format(value=repr(str(self.duration_seconds)[:20])))

    def _check_sites(self, atlas: Atlas) -> None:
        roles = {role.value for role in SiteRole}
        for site in self.sites:
            if site.region not in atlas:
                raise ValidationError(_("unknown body region {region}").format(
                    region=repr(site.region)))
            if site.role not in roles:
                raise ValidationError(_("unknown kind of mark {value}").format(
                    value=repr(site.role)))
            _check_level(N_("the intensity of {what} must be empty or a whole number from 0 to "
                            "{high}, not {value}"), site.region, site.intensity, 10)

    def _check_links(self) -> None:
        marked = {site.region for site in self.sites}
        for link in self.links:
            if link.source not in marked or link.target not in marked:
                raise ValidationError(_("a referral from {source} to {zone} joins regions that "
                                        "are not marked").format(source=repr(link.source),
                                                                 zone=repr(link.target)))
            _check_level(N_("a referral's intensity must be empty or a whole number from 0 to "
                            "{high}, not {value}"), "", link.intensity, 10)

    def _check_ratings(self) -> None:
        """The reliefs of the treatments and the impacts (each area one the form has)."""
        for use in self.treatments:
            _check_level(N_("the relief of {what} must be empty or a whole number from 0 to "
                            "{high}, not {value}"), repr(use.treatment), use.relief, 10)
        areas = {area.value for area in ImpactArea}
        for area, value in self.impacts.items():
            if area not in areas:
                raise ValidationError(_("unknown impact {value}").format(value=repr(area)))
            _check_level(N_("the impact on {what} must be empty or a whole number from 0 to "
                            "{high}, not {value}"), area, value, 3)

    # -- on disk -----------------------------------------------------------------------
    def to_json(self) -> str:
        data = asdict(self)
        data["onset"] = self.onset.isoformat()
        data["editing_modified"] = (self.editing_modified.isoformat()
                                    if self.editing_modified else None)
        return json.dumps({"format": DRAFT_FORMAT, "draft": data}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> FlareDraft:
        """Read a draft back; a damaged or foreign file is a ValidationError."""
        try:
            document = json.loads(text)
            if document.get("format") != DRAFT_FORMAT:
                raise ValueError(_("unknown draft format {value}").format(
                    value=repr(document.get("format"))))
            data: dict[str, Any] = document["draft"]
            return cls(
                onset=datetime.fromisoformat(data["onset"]),
                duration_seconds=data["duration_seconds"],
                still_going=bool(data.get("still_going", False)),  # drafts from before it
                sites=[DraftSite(**s) for s in data["sites"]],
                links=[DraftLink(**link) for link in data["links"]],
                context=data["context"],
                qualities=list(data["qualities"]),
                triggers=list(data["triggers"]),
                treatments=[DraftTreatment(**t) for t in data["treatments"]],
                impacts=dict(data["impacts"]),
                notes=data["notes"],
                day_only=bool(data.get("day_only", False)),  # drafts from before it
                onset_open=bool(data.get("onset_open", False)),  # drafts from before it
                editing_id=data["editing_id"],
                editing_modified=_moment(data.get("editing_modified")),  # drafts from before it
            )
        except RecursionError:
            raise ValidationError(_("the unsaved flare could not be read back (it is nested "
                                    "deeper than any draft)")) from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValidationError(_("the unsaved flare could not be read back ({reason})").format(
                reason=exc)) from exc


def _check_level(sentence: str, what: str, value: object, high: int) -> None:
    """Refuse a rating that is neither empty nor a whole number from 0 to ``high``, in
    ``sentence`` (marked N_) about ``what``."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                              or not 0 <= value <= high):
        raise ValidationError(_(sentence).format(what=what, high=high, value=repr(value)))


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None
