"""Sleep and steps from devices in words, beside what the person typed (the Check-in view)
and in the figures of a day: the person's own answer wins where both exist."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime

from fibromap.domain.device_data import DeviceDay, DeviceSleep
from fibromap.domain.wording import duration_text
from fibromap.i18n import _, formats, ngettext


def _sources(sleeps) -> str:
    names = sorted({s.source.label for s in sleeps})
    return _and(names)


def _and(names: list[str]) -> str:
    """"A", "A and B", "A and B and C"."""
    text = names[0] if names else ""
    for name in names[1:]:
        text = _("{first} and {second}").format(first=text, second=name)
    return text


def _clock(when: datetime | None) -> str:
    return "–" if when is None else formats.clock(when)


def night_text(day: DeviceDay, typed_hours: float | None) -> str:
    """The night that ended on ``day`` as the device measured it, and which figure counts."""
    if not day.night:
        return ""
    asleep = day.asleep_minutes
    in_bed = sum(s.in_bed_minutes for s in day.night)
    parts = []
    if asleep is not None:
        parts.append(_("{length} asleep").format(length=duration_text(asleep * 60)))
    parts.append(_("{length} in bed").format(length=duration_text(in_bed * 60)))
    if day.awakenings is not None:
        parts.append(ngettext("{count} awakening", "{count} awakenings", day.awakenings).format(
            count=formats.whole(day.awakenings)))
    text = _("{devices}: {figures}; to bed {bedtime}, up {waking}").format(
        devices=_sources(day.night), figures=_(", ").join(parts), bedtime=_clock(day.bedtime),
        waking=_clock(day.wake_time))
    staged = [s for s in day.night if s.has_stages]
    if staged:
        stages = [(name, sum(getattr(s, f"{key}_minutes") or 0 for s in staged))
                  for name, key in ((_("deep {length}"), "deep"), (_("REM {length}"), "rem"),
                                    (_("light {length}"), "light"))]
        text = _("{night}; {stages}").format(night=text, stages=_(", ").join(
            name.format(length=duration_text(minutes * 60) if minutes else _("{n} min").format(n=0))
            for name, minutes in stages))
    if asleep is None:
        return _("{night}.").format(night=text)
    if typed_hours is None:
        return _("{night}. Counted as this night's sleep while “Slept” is left empty.").format(
            night=text)
    return _("{night}. Your own answer above is the one counted.").format(night=text)


def naps_text(day: DeviceDay) -> str:
    if not day.naps:
        return ""
    naps = [_("{length} from {start}").format(
        length=duration_text((n.asleep_minutes or n.in_bed_minutes) * 60),
        start=formats.clock(n.start.local)) for n in day.naps]
    return ngettext("A nap of {naps}, measured by {devices}.",
                    "Naps of {naps}, measured by {devices}.", len(naps)).format(
        naps=_and(naps), devices=_sources(day.naps))


def steps_text(day: DeviceDay) -> str:
    if day.steps is None:
        return ""
    return _("Steps: {steps}, counted by {device}.").format(
        steps=formats.whole(day.steps.steps), device=day.steps.source.label)


def sleep_hours(typed: float | None, day: DeviceDay | None) -> float | None:
    """The night's hours asleep: the person's own answer, else the device's."""
    if typed is not None:
        return typed
    if day is None or day.asleep_minutes is None:
        return None
    return round(day.asleep_minutes / 60, 2)


# -- a period, for the report ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DeviceSummary:
    """What devices measured over a period (one record a night, naps apart)."""

    nights: int
    mean_asleep_hours: float | None
    mean_in_bed_hours: float
    mean_awakenings: float | None
    bedtime: str          # median, "23:05"
    wake_time: str
    naps: int
    median_nap_minutes: float | None
    step_days: int
    mean_steps: float | None
    sources: list[str]


def clock_minutes(when: datetime, noon_based: bool) -> int:
    """Minutes after midnight, or after noon for bedtimes (23:50 and 00:10 are close)."""
    minutes = when.hour * 60 + when.minute
    return (minutes - 720) % 1440 if noon_based else minutes


def clock_text(minutes: float, noon_based: bool) -> str:
    """The clock time of ``minutes`` as clock_minutes counts them ("23:05")."""
    total = round(minutes + (720 if noon_based else 0)) % 1440
    return f"{total // 60:02d}:{total % 60:02d}"


def _median_clock(times: list[datetime], noon_based: bool) -> str:
    if not times:
        return "–"
    return clock_text(statistics.median(clock_minutes(t, noon_based) for t in times), noon_based)


def summarise(days: dict[date, DeviceDay]) -> DeviceSummary | None:
    """What devices measured over ``days``; None when they measured nothing."""
    nights = [d for d in days.values() if d.night]
    steps = [d.steps.steps for d in days.values() if d.steps is not None]
    naps = [n for d in days.values() for n in d.naps]
    if not nights and not steps and not naps:
        return None
    asleep, in_bed, woken = _night_means(nights)
    bedtime, wake_time = _median_clocks(nights)
    return DeviceSummary(
        nights=len(nights), mean_asleep_hours=asleep, mean_in_bed_hours=in_bed,
        mean_awakenings=woken, bedtime=bedtime, wake_time=wake_time,
        naps=len(naps), median_nap_minutes=_median_nap_minutes(naps),
        step_days=len(steps), mean_steps=statistics.mean(steps) if steps else None,
        sources=_device_names(days))


def _night_means(nights: list[DeviceDay]) -> tuple[float | None, float, float | None]:
    """Hours asleep, hours in bed and awakenings a night, each over the nights that have it."""
    asleep = [d.asleep_minutes for d in nights if d.asleep_minutes is not None]
    woken = [d.awakenings for d in nights if d.awakenings is not None]
    in_bed = [sum(s.in_bed_minutes for s in d.night) for d in nights]
    return (statistics.mean(asleep) / 60 if asleep else None,
            statistics.mean(in_bed) / 60 if in_bed else 0.0,
            statistics.mean(woken) if woken else None)


def _median_clocks(nights: list[DeviceDay]) -> tuple[str, str]:
    """The median bedtime and waking time ("23:05", "06:40"; "–" when none was measured)."""
    return (_median_clock([d.bedtime for d in nights if d.bedtime is not None], noon_based=True),
            _median_clock([d.wake_time for d in nights if d.wake_time is not None],
                          noon_based=False))


def _median_nap_minutes(naps: list[DeviceSleep]) -> float | None:
    """A nap lasts its minutes asleep, or in bed where sleep was not told apart."""
    return statistics.median(n.asleep_minutes or n.in_bed_minutes for n in naps) if naps else None


def _device_names(days: dict[date, DeviceDay]) -> list[str]:
    """Every device that measured a night, a nap or the day's steps, by name."""
    return sorted({s.label for d in days.values() for s in d.sources}
                  | {d.steps.source.label for d in days.values() if d.steps is not None})


def summary_lines(summary: DeviceSummary) -> list[str]:
    lines = []
    if summary.nights:
        in_bed = formats.decimal(summary.mean_in_bed_hours or 0.0, 1)
        lines.append(
            _("Nights: {nights}; {asleep} h asleep a night on average, {in_bed} h in bed.").format(
                nights=summary.nights, asleep=formats.decimal(summary.mean_asleep_hours, 1),
                in_bed=in_bed) if summary.mean_asleep_hours is not None else
            _("Nights: {nights}; {in_bed} h in bed.").format(nights=summary.nights, in_bed=in_bed))
        if summary.mean_awakenings is not None:
            lines.append(_("Awakenings (3 minutes or more): {mean} a night on average.").format(
                mean=formats.decimal(summary.mean_awakenings, 1)))
        lines.append(_("Bedtime: {bedtime}, waking: {waking} (medians).").format(
            bedtime=summary.bedtime, waking=summary.wake_time))
    if summary.naps:
        lines.append(_("Naps: {naps}, a median of {minutes} min.").format(
            naps=summary.naps, minutes=formats.decimal(summary.median_nap_minutes or 0.0, 0)))
    if summary.mean_steps is not None:
        lines.append(ngettext("Steps: {steps} a day on average ({count} day).",
                              "Steps: {steps} a day on average ({count} days).",
                              summary.step_days).format(
            steps=_whole_rounded(summary.mean_steps),
            count=formats.whole(summary.step_days)))
    lines.append(_("Measured by {devices}; where the person typed their own sleep, the check-in "
                   "above counts it.").format(devices=_and(list(summary.sources))))
    return lines


def _whole_rounded(value: float) -> str:
    """``value`` rounded as ``{:,.0f}`` rounds it, with the language's thousands separator."""
    return formats.whole(int(f"{value:.0f}"))
