"""The demo person's watch and phone: sleep and steps as an Apple Health export would give
them, to try the device overlays and insights (fibromap.demo).

The phone counts steps from the first day; the watch is worn from part-way through and
measures each night: asleep about as long as the person says in the check-in (or a night
of its own where there is no check-in), awake more often after nights with spasms, light,
deep and REM sleep, now and then a nap. Days well above the person's usual steps come
before the worse days of flares more often than not, as overexertion does in ME/CFS. A
separate random stream: the rest of the demo is the same with or without it.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from fibromap.domain.daily import CheckIn
from fibromap.domain.device_data import DeviceSleep, DeviceSource, DeviceSteps, Moment
from fibromap.domain.flare import Flare

WATCH = DeviceSource("Apple Health", "Apple Watch")
PHONE = DeviceSource("Apple Health", "iPhone")
WATCH_FROM = 0.3     # share of the period before the watch is worn


def device_history(start: date, days: int, seed: int, checkins: list[CheckIn],
                   flares: list[Flare], offset) -> tuple[list[DeviceSleep], list[DeviceSteps]]:
    """``offset(day)`` is the demo's UTC offset (a tzinfo) on a day."""
    rng = random.Random(seed * 7919 + 17)
    typed = {c.day: c for c in checkins}
    per_day: dict[date, int] = {}
    for flare in flares:
        per_day[flare.onset.date()] = per_day.get(flare.onset.date(), 0) + 1
    sleeps: list[DeviceSleep] = []
    steps: list[DeviceSteps] = []
    watch_from = start + timedelta(days=int(days * WATCH_FROM))
    for index in range(days):
        day = start + timedelta(days=index)
        # Busier days come before the days with most flares (2 days later, mostly).
        ahead = sum(per_day.get(day + timedelta(days=k), 0) for k in (1, 2, 3))
        count = rng.gauss(5200, 1500) + (3500 if ahead >= 9 and rng.random() < 0.7 else 0)
        steps.append(DeviceSteps(PHONE, day, max(300, round(count))))
        if day >= watch_from:
            sleeps.append(_night(rng, day, typed.get(day), offset))
            if rng.random() < 0.08:
                sleeps.append(_nap(rng, day, offset))
    return sleeps, steps


def _moment(local: datetime, offset) -> Moment:
    return Moment.of(local.replace(tzinfo=offset(local.date())))


def _night(rng: random.Random, day: date, checkin: CheckIn | None, offset) -> DeviceSleep:
    hours = checkin.sleep_hours if checkin and checkin.sleep_hours is not None else \
        min(9.5, max(3.5, rng.gauss(6.6, 1.1)))
    asleep = max(150, round(hours * 60 + rng.gauss(0, 15)))
    woken = checkin.woken_by_spasms if checkin and checkin.woken_by_spasms is not None else 0
    awakenings = max(0, round(rng.gauss(1.2 + 0.8 * woken, 0.8)))
    awake = round(12 + 9 * awakenings + abs(rng.gauss(0, 8)))
    bedtime = datetime.combine(day - timedelta(days=1), time(22, 45)) + timedelta(
        minutes=round(rng.gauss(0, 40)))
    end = bedtime + timedelta(minutes=asleep + awake)
    deep = round(asleep * min(0.25, max(0.08, rng.gauss(0.15, 0.03))))
    rem = round(asleep * min(0.3, max(0.1, rng.gauss(0.21, 0.03))))
    return DeviceSleep(WATCH, _moment(bedtime, offset), _moment(end, offset), asleep + awake,
                       asleep, awake, awakenings, asleep - deep - rem, deep, rem)


def _nap(rng: random.Random, day: date, offset) -> DeviceSleep:
    start = datetime.combine(day, time(14)) + timedelta(minutes=rng.randrange(0, 120))
    asleep = rng.randrange(20, 70)
    return DeviceSleep(WATCH, _moment(start, offset),
                       _moment(start + timedelta(minutes=asleep + 4), offset), asleep + 4,
                       asleep, 4, 0, None, None, None, nap=True)
