"""A realistic synthetic history for trying FibroMap and for its screenshots.

One imaginary person: a few muscles that flare again and again (plus random
ones), many spasms at night or just before waking, worse in winter and early in
the week, worse after a poor night, referral patterns that follow the
trigger-point table, treatments that help some more than others, a daily
check-in most days, and a muscle relaxant started part-way through.
The same seed, day count and end date always give the same history.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

from fibromap.demo_devices import device_history
from fibromap.domain.atlas import Atlas, Side, load_atlas
from fibromap.domain.daily import CheckIn, Medication
from fibromap.domain.device_data import DeviceSleep, DeviceSteps
from fibromap.domain.flare import Flare, ImpactArea, Referral, SiteRole, SpasmSite, TreatmentUse
from fibromap.domain.questionnaires import (
    FIQR_FUNCTION,
    FIQR_ITEMS,
    Appointment,
    Questionnaire,
    QuestionnaireKind,
)

MAX_DAYS = 20 * 366

# Muscles people with fibromyalgia most often report as recurring hot spots.
HOT_SPOT_STEMS = ("upper_trapezius", "levator_scapulae", "quadratus_lumborum", "gastrocnemius",
                  "masseter", "gluteus_medius", "rhomboid", "suboccipital", "piriformis",
                  "erector_lower", "soleus", "forearm_extensors")
FOODS = ("coffee", "dairy", "bread", "sugar", "alcohol", "red meat", "leafy greens", "bananas",
         "takeaway", "chocolate", "fish", "nuts")
# Treatment: (mean relief, spread). Stretching and water help calves more.
RELIEF = {"heat": (5.5, 1.8), "ice": (3.0, 2.0), "stretching": (4.0, 2.0), "massage": (5.0, 1.8),
          "epsom_bath": (5.0, 1.5), "topical_cream": (3.5, 1.8), "water": (2.5, 1.5),
          "walk": (4.0, 2.0), "medication": (6.0, 1.5)}
NOTES = ("Woke me up, had to stand on the floor to release it.",
         "Came on while reaching for the top shelf.",
         "Jaw clenched all night again.",
         "Lasted through the whole meeting.",
         "Felt it twitching for an hour before it locked.",
         "Heat pad helped within ten minutes.")


@dataclass(frozen=True)
class DemoHistory:
    flares: list[Flare]
    checkins: list[CheckIn]
    medications: list[Medication]
    questionnaires: Sequence[Questionnaire] = ()
    appointments: Sequence[Appointment] = ()
    device_sleeps: Sequence[DeviceSleep] = ()   # a watch's nights and naps (demo_devices.py)
    device_steps: Sequence[DeviceSteps] = ()    # a phone's steps


def central_european_offset(day: date) -> timezone:
    """UTC+1, or UTC+2 from the last Sunday of March to the last Sunday of October."""
    def last_sunday(month: int) -> date:
        last = date(day.year, month, 31)
        return last - timedelta(days=(last.weekday() + 1) % 7)
    summer = last_sunday(3) <= day < last_sunday(10)
    return timezone(timedelta(hours=2 if summer else 1))


def _clip(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def poisson(rng: random.Random, mean: float) -> int:
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


# Stems added to the atlas after the seeded demo histories were fixed (the bony points and
# deep muscles of issue 32): left out of the random sites, so a seed still gives the same
# history (tests and the README's pictures are drawn from it); referrals still reach them.
LATER_STEMS = frozenset({
    "lateral_epicondyle", "medial_epicondyle", "costochondral", "pectoralis_minor",
    "subscapularis", "intercostals", "coccyx", "pelvic_floor", "lateral_malleolus",
    "tibialis_posterior", "multifidus", "serratus_posterior_superior",
    "serratus_posterior_inferior"})


class _Person:
    def __init__(self, rng: random.Random, atlas: Atlas, spread: random.Random):
        self.rng = rng
        self.atlas = atlas
        self.spread = spread  # which zones of a pattern the pain reached (_referrals)
        stems = rng.sample(HOT_SPOT_STEMS, 5)
        spots = [f"{stem}.{rng.choice((Side.LEFT, Side.RIGHT)).value}" for stem in stems]
        weights = sorted((rng.uniform(0.5, 1.0) for _ in spots), reverse=True)
        weights[0] *= 2.2  # one muscle that is almost always involved
        self.hot_spots = dict(zip(spots, weights, strict=True))
        self.baseline = {spot: rng.uniform(4.0, 6.5) for spot in spots}
        self.anywhere = sorted(r.id for r in atlas if r.area not in {"head", "feet"}
                               and r.stem not in LATER_STEMS)
        self.stress = 4.5
        self.pain = 4.5

    def region(self) -> str:
        if self.rng.random() < 0.78:
            spots = list(self.hot_spots)
            return self.rng.choices(spots, weights=[self.hot_spots[s] for s in spots])[0]
        return self.rng.choice(self.anywhere)


def generate(days: int = 365, seed: int = 1, end: date | None = None) -> DemoHistory:
    """``days`` days of history ending on ``end`` (by default yesterday, so that
    nothing lies in the future and a day's runs all give the same history)."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_DAYS}, got {days}")
    end = end or date.today() - timedelta(days=1)
    rng = random.Random(seed)
    # How the day felt (overall pain, stiffness, fog, waking unrefreshed) draws from its own
    # generator, so the flares and the rest of a seed's history stay as they were.
    felt = random.Random(f"felt-{seed}")
    atlas = load_atlas()
    # So do the zones a flare's pain spread to: a pattern's zones may change (the atlas is
    # corrected now and then) without changing the rest of the history.
    person = _Person(rng, atlas, random.Random(f"spread-{seed}"))
    start = end - timedelta(days=days - 1)
    relaxant_start = start + timedelta(days=int(days * 0.55))
    medications = [Medication("Magnesium glycinate", "300 mg at night", start - timedelta(days=40))]
    if days >= 30:
        medications.append(Medication("Cyclobenzaprine", "5 mg at night", relaxant_start))
    if days >= 120:
        pregabalin = start + timedelta(days=int(days * 0.2))
        medications.append(Medication("Pregabalin", "75 mg twice daily", pregabalin,
                                      pregabalin + timedelta(days=int(days * 0.12))))

    flares: list[Flare] = []
    checkins: list[CheckIn] = []
    for index in range(days):
        day = start + timedelta(days=index)
        on_relaxant = days >= 30 and day >= relaxant_start
        day_flares, checkin = _one_day(rng, person, day, on_relaxant)
        flares += day_flares
        if checkin is not None:
            checkins.append(_how_it_felt(felt, person, checkin, day_flares, on_relaxant))
    questionnaires, appointments = _visits(rng, start, end, flares)
    sleeps, steps = device_history(start, days, seed, checkins, flares, central_european_offset)
    return DemoHistory(flares, checkins, sorted(medications, key=lambda m: m.start),
                       questionnaires, appointments, sleeps, steps)


def _visits(rng: random.Random, start: date, end: date,
            flares: list[Flare]) -> tuple[list[Questionnaire], list[Appointment]]:
    """An SSS and an FIQR every two weeks, and an appointment every three months,
    worse when the fortnight before had many flares."""
    per_day: dict[date, int] = {}
    for flare in flares:
        per_day[flare.onset.date()] = per_day.get(flare.onset.date(), 0) + 1
    questionnaires, appointments = [], []
    day = start + timedelta(days=13)
    while day <= end:
        recent = sum(per_day.get(day - timedelta(days=i), 0) for i in range(14)) / 14
        load = min(1.0, recent / 4)

        def level(spread: float = 1.0, load: float = load) -> float:
            return _clip(3 * load + rng.gauss(0, 0.6 * spread), 0, 3)

        questionnaires.append(Questionnaire(QuestionnaireKind.SSS, day, {
            "fatigue": level(), "waking_unrefreshed": level(), "cognitive": level(1.3),
            "headaches": rng.random() < 0.3 + 0.3 * load,
            "lower_abdominal_pain": rng.random() < 0.2,
            "depression": rng.random() < 0.15 + 0.2 * load}))
        answers: dict[str, int | None] = {
            item: _clip(2 + 6 * load + rng.gauss(0, 1.5), 0, 10) for item in FIQR_ITEMS}
        answers[rng.choice(FIQR_FUNCTION)] = None  # people skip a question now and then
        questionnaires.append(Questionnaire(QuestionnaireKind.FIQR, day, answers))
        day += timedelta(days=14)
    visit = start + timedelta(days=45)
    while visit <= end:
        appointments.append(Appointment(visit, rng.choice(("Rheumatology", "GP review",
                                                            "Physiotherapy"))))
        visit += timedelta(days=91)
    return questionnaires, appointments


def _one_day(rng: random.Random, person: _Person, day: date,
             on_relaxant: bool) -> tuple[list[Flare], CheckIn | None]:
    season = 1 + 0.25 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / 365.25)
    weekday = (1.15, 1.05, 1.05, 1.05, 1.0, 0.85, 0.85)[day.weekday()]
    sleep_hours = min(10.0, max(3.0, rng.gauss(6.6, 1.1)))
    sleep_quality = _clip(sleep_hours - 1.5 + rng.gauss(0, 1.3), 0, 10)
    poor_sleep = sleep_hours < 5.5 or sleep_quality <= 3
    person.stress = min(10.0, max(0.0, 0.7 * person.stress + 0.3 * (4.5 + 2 * (weekday - 1) * 5)
                                  + rng.gauss(0, 1.2)))
    stress = _clip(person.stress, 0, 10)
    water = _clip(rng.gauss(6.5, 2), 1, 14)
    activity = _clip(rng.gauss(4.5, 2), 0, 10)
    winter = season > 1.12

    rate = 2.1 * season * weekday * (1.5 if poor_sleep else 1.0) * (1 + 0.06 * (stress - 5))
    count = poisson(rng, rate)
    flares = []
    night_flares = 0
    for _ in range(count):
        moment, period = _onset(rng, day, on_relaxant)
        if period != "day":
            night_flares += 1
        flares.append(_flare(rng, person, moment, period, poor_sleep=poor_sleep, stress=stress,
                             water=water, activity=activity, winter=winter))
    flares.sort(key=lambda f: f.onset)

    if rng.random() > 0.88:  # a day without a check-in
        return flares, None
    fatigue = _clip(4.5 + (2 if poor_sleep else 0) + 0.3 * len(flares) + rng.gauss(0, 1.2), 0, 10)
    mood = _clip(6.5 - 0.3 * stress - (1.5 if poor_sleep else 0) + rng.gauss(0, 1.2), 0, 10)
    foods = frozenset(rng.sample(FOODS, rng.randint(1, 4)))
    checkin = CheckIn(day=day, sleep_hours=round(sleep_hours * 4) / 4, sleep_quality=sleep_quality,
                      woken_by_spasms=night_flares, water_glasses=water, stress=stress,
                      fatigue=fatigue, mood=mood, activity_level=activity, foods=foods,
                      notes="Bad night." if poor_sleep and rng.random() < 0.2 else "")
    return flares, checkin


def _how_it_felt(rng: random.Random, person: _Person, checkin: CheckIn, flares: list[Flare],
                 on_relaxant: bool) -> CheckIn:
    """Overall pain, stiffness, fibro fog and waking unrefreshed for a day's check-in:
    pain is a slow level (worse in winter, a little better on the relaxant) plus what the
    day adds (a poor night, its flares); now and then a question is skipped."""
    season = math.cos(2 * math.pi * (checkin.day.timetuple().tm_yday - 15) / 365.25)
    poor = (checkin.sleep_hours or 7) < 5.5 or (checkin.sleep_quality or 5) <= 3
    peak = max((s.intensity for f in flares for s in f.sites if s.intensity is not None), default=0)
    # A slow level (weeks, seasons, the relaxant) and what the day adds to it.
    aim = 4.4 + 0.6 * season - (0.6 if on_relaxant else 0)
    person.pain = 0.8 * person.pain + 0.2 * aim + rng.gauss(0, 0.4)
    pain = _clip(person.pain + (1.1 if poor else 0) + 0.15 * len(flares) + 0.1 * (peak - 5)
                 + rng.gauss(0, 0.8), 0, 10)
    stiffness = _clip(pain - 0.5 + 0.8 * season + (0.8 if poor else 0) + rng.gauss(0, 1.1), 0, 10)
    fog = _clip(0.6 + (0.9 if poor else 0) + 0.12 * ((checkin.fatigue or 5) - 5)
                + rng.gauss(0, 0.6), 0, 3)
    unrefreshed = _clip(0.9 + (1.3 if poor else 0) + rng.gauss(0, 0.6), 0, 3)

    def given(value: int) -> int | None:
        return None if rng.random() < 0.04 else value  # now and then left unanswered

    return replace(checkin, pain=given(pain), stiffness=given(stiffness), fibro_fog=given(fog),
                   waking_unrefreshed=given(unrefreshed))


def _onset(rng: random.Random, day: date, on_relaxant: bool) -> tuple[datetime, str]:
    night_share = 0.22 if on_relaxant else 0.32
    draw = rng.random()
    if draw < night_share:
        period, minute = "night", rng.randrange(0, 5 * 60)
    elif draw < night_share + 0.2:
        period, minute = "waking", rng.randrange(5 * 60, 7 * 60 + 30)
    else:
        period, minute = "day", rng.randrange(8 * 60, 24 * 60)
    local = datetime.combine(day, time()) + timedelta(minutes=minute, seconds=rng.randrange(60))
    return local.replace(tzinfo=central_european_offset(day)), period


def _flare(rng: random.Random, person: _Person, onset: datetime, period: str, *, poor_sleep: bool,
           stress: int, water: int, activity: int, winter: bool) -> Flare:
    # Each part draws from ``rng`` in turn: their order is what keeps a seed's history the same.
    atlas = person.atlas
    severity = (1.0 if poor_sleep else 0.0) + rng.gauss(0, 1.3)
    primary = person.region()
    sites, referrals = _sites(rng, person, primary, severity)
    seconds = _clip(math.exp(rng.gauss(math.log(90), 1.3)), 5, 4 * 3600)
    context = _context(rng, period)
    stem = atlas.region(primary).stem
    qualities = _qualities(rng, stem)
    triggers = _triggers(rng, context, poor_sleep=poor_sleep, stress=stress, water=water,
                         activity=activity, winter=winter)
    treatments = _treatments(rng, stem)
    peak = max(s.intensity for s in sites if s.intensity is not None)  # the demo rates all
    impacts = _impacts(rng, atlas.region(primary).area, onset, period) if peak >= 7 else {}

    # Night flares get logged in the morning; day flares a few minutes later.
    delay = (timedelta(hours=rng.uniform(1, 4)) if period == "night"
             else timedelta(minutes=rng.uniform(2, 30)))
    logged = onset + delay
    return Flare(onset=onset, sites=tuple(sites), duration_seconds=seconds,
                 referrals=tuple(referrals), context=context, qualities=frozenset(qualities),
                 triggers=frozenset(triggers), treatments=tuple(treatments), impacts=impacts,
                 notes=rng.choice(NOTES) if rng.random() < 0.05 else "",
                 created=logged, modified=logged)


def _sites(rng: random.Random, person: _Person, primary: str,
           severity: float) -> tuple[list[SpasmSite], list[Referral]]:
    """The muscle that flared, sometimes a second one, and sometimes where it referred to."""
    atlas = person.atlas
    base = person.baseline.get(primary, 4.0)
    role = SiteRole.TRIGGER_POINT if rng.random() < 0.2 else SiteRole.SPASM
    sites = [SpasmSite(primary, _clip(base + severity, 1, 10), role)]
    if rng.random() < 0.35:  # a cluster: another hot spot, or the same muscle on the other side
        second = (atlas.region(primary).mirror_id() if rng.random() < 0.4 else person.region())
        if second not in {s.region for s in sites}:
            intensity = _clip(person.baseline.get(second, 4.0) + severity - 1, 1, 10)
            sites.append(SpasmSite(second, intensity))
    referrals = _referrals(rng, person.spread, atlas, primary, sites)
    return sites, referrals


def _referrals(rng: random.Random, spread: random.Random, atlas: Atlas, primary: str,
               sites: list[SpasmSite]) -> list[Referral]:
    """Half the time, one or two zones of one of the primary's referral patterns (drawn
    with ``spread``); each is also added to ``sites`` as a referred site, milder than the
    primary."""
    referrals: list[Referral] = []
    patterns = atlas.patterns_from(primary)
    if patterns and rng.random() < 0.5:
        pattern = rng.choice(patterns)
        taken = {s.region for s in sites}
        zones = [z for z in pattern.zones if z not in taken]
        source = sites[0].intensity
        assert source is not None, "the primary site is a spasm or trigger point: rated"
        for zone in spread.sample(zones, min(len(zones), spread.choice((1, 1, 2)))):
            intensity = _clip(source - spread.uniform(1, 3), 1, 10)
            sites.append(SpasmSite(zone, intensity, SiteRole.REFERRED))
            referrals.append(Referral(primary, zone, intensity))
    return referrals


def _context(rng: random.Random, period: str) -> str:
    if period == "day":
        return rng.choices(("sitting", "standing", "walking", "driving", "exercising", "lying"),
                           weights=(35, 20, 18, 10, 7, 10))[0]
    return "asleep" if rng.random() < 0.75 else "lying"


def _qualities(rng: random.Random, stem: str) -> set[str]:
    qualities = {"cramping"} if stem in {"gastrocnemius", "soleus"} else set()
    qualities.add(rng.choice(("vice_like", "aching", "stabbing", "throbbing", "shooting",
                              "burning", "cramping")))
    if rng.random() < 0.15:
        qualities.add("twitching")
    return qualities


def _triggers(rng: random.Random, context: str, *, poor_sleep: bool, stress: int, water: int,
              activity: int, winter: bool) -> set[str]:
    """Each trigger present that day is blamed with its own chance."""
    triggers: set[str] = set()
    for present, trigger, chance in (
        (poor_sleep, "poor_sleep", 0.8), (stress >= 7, "stress", 0.7),
        (stress >= 8, "anxiety", 0.4), (activity >= 7, "overexertion", 0.6),
        (winter, "cold", 0.3), (water <= 4, "dehydration", 0.5),
        (context == "sitting", "sitting_long", 0.3), (context == "standing", "standing_long", 0.3),
        (True, "weather_change", 0.08), (True, "caffeine", 0.05), (True, "meal", 0.04),
        (True, "bump", 0.02),
    ):
        if present and rng.random() < chance:
            triggers.add(trigger)
    return triggers


def _treatments(rng: random.Random, stem: str) -> list[TreatmentUse]:
    treatments: list[TreatmentUse] = []
    if rng.random() < 0.6:
        for name in rng.sample(sorted(RELIEF), rng.choice((1, 1, 2))):
            mean, spread = RELIEF[name]
            if name in {"stretching", "water"} and stem in {"gastrocnemius", "soleus"}:
                mean += 2.5
            medication, dose = ("Ibuprofen", "400 mg") if name == "medication" else ("", "")
            treatments.append(TreatmentUse(name, _clip(rng.gauss(mean, spread), 0, 10),
                                           medication, dose))
    return treatments


def _impacts(rng: random.Random, area: str, onset: datetime, period: str) -> dict[ImpactArea, int]:
    """What a strong flare (7 or more) got in the way of, half the time."""
    impacts: dict[ImpactArea, int] = {}
    if rng.random() < 0.5:
        if period != "day":
            impacts[ImpactArea.SLEEP] = rng.choice((2, 3))
        if area in {"legs", "hips", "lower back"}:
            impacts[ImpactArea.WALKING] = rng.choice((1, 2))
        if area in {"arms", "hands"}:
            impacts[ImpactArea.FINE_MOTOR] = rng.choice((1, 2))
        if period == "day" and onset.weekday() < 5:
            impacts[ImpactArea.WORK] = rng.choice((1, 2, 3))
    return impacts
