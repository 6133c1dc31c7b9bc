"""Everything a person has recorded, as plain objects: what export writes and import reads."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from fibromap.domain.daily import CheckIn, Medication, SymptomRating
from fibromap.domain.device_data import DeviceSleep, DeviceSteps
from fibromap.domain.device_merge import DeviceZone
from fibromap.domain.flare import Flare
from fibromap.domain.questionnaires import Appointment, Questionnaire
from fibromap.domain.vocabulary import Term


@dataclass
class Records:
    terms: list[Term] = field(default_factory=list)          # the person's own words
    hidden_terms: list[Term] = field(default_factory=list)   # words taken off the lists
    flares: list[Flare] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    medications: list[Medication] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    questionnaires: list[Questionnaire] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    symptom_ratings: list[SymptomRating] = field(default_factory=list)
    no_spasm_days: list[date] = field(default_factory=list)  # days marked "no spasms today"
    # What a watch, ring or phone measured (imported from its app's export).
    device_sleeps: list[DeviceSleep] = field(default_factory=list)
    device_steps: list[DeviceSteps] = field(default_factory=list)
    # The zone each such device was placed in where its export named none.
    device_zones: list[DeviceZone] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"flares": len(self.flares), "check-ins": len(self.checkins),
                "medications": len(self.medications), "appointments": len(self.appointments),
                "questionnaires": len(self.questionnaires),
                "symptom ratings": len(self.symptom_ratings),
                "no-spasm days": len(self.no_spasm_days),
                "device nights": len(self.device_sleeps),
                "daily step counts": len(self.device_steps),
                "words": len(self.terms) + len(self.hidden_terms)}


def in_export_order(flares: Iterable[Flare]) -> list[Flare]:
    """Oldest first; flares at the same instant by their regions."""
    return sorted(flares, key=lambda f: (f.onset_utc, f.regions))


def flare_fingerprint(flare: Flare) -> str:
    """The same flare recorded twice has the same fingerprint, whatever its id or save time."""
    fingerprint = flare.known_fingerprint
    if fingerprint is None:
        fingerprint = _worked_out(flare)
        object.__setattr__(flare, "known_fingerprint", fingerprint)
    return fingerprint


def _worked_out(flare: Flare) -> str:
    return fingerprint(
        onset_utc=flare.onset_utc, offset=flare.utc_offset_minutes,
        duration=flare.duration_seconds,
        sites=[(s.region, s.intensity, s.role.value) for s in flare.sites],
        referrals=[(r.source, r.target, r.intensity) for r in flare.referrals],
        context=flare.context, qualities=flare.qualities, triggers=flare.triggers,
        treatments=[(t.treatment, t.relief, t.medication, t.dose) for t in flare.treatments],
        impacts=[(a.value, v) for a, v in flare.impacts.items()], notes=flare.notes,
        day_only=flare.day_only, still_going=flare.still_going)


def fingerprint(*, onset_utc: datetime, offset: int, duration: int | None, sites, referrals,
                context: str | None, qualities, triggers, treatments, impacts, notes: str,
                day_only: bool = False, still_going: bool = False) -> str:
    """A flare's fingerprint from its plain parts (a migration has no Flare objects):
    ``onset_utc`` aware, sites (region, intensity, role), referrals (source, target,
    intensity), treatments (key, relief or None, medication, dose), impacts (area, level);
    an unrated referred zone's intensity is None."""
    content = {
        "onset": onset_utc.astimezone(UTC).isoformat(), "offset": offset, "duration": duration,
        "sites": sorted(tuple(s) for s in sites),
        "referrals": sorted(tuple(r) for r in referrals),
        "context": context, "qualities": sorted(qualities), "triggers": sorted(triggers),
        "treatments": sorted((key, -1 if relief is None else relief, medication, dose)
                             for key, relief, medication, dose in treatments),
        "impacts": sorted(tuple(i) for i in impacts),
        "notes": notes,
    }
    if day_only:  # only then, so every earlier fingerprint stays as it was
        content["day_only"] = True
    if still_going:  # likewise
        content["still_going"] = True
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:20]
