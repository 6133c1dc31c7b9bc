"""The report's first section: the answers to the questions a clinician asks, a line each —
how often, how strong, the same spot or moving around, what makes it worse or better, and
what it felt like — with the figures they rest on. The sections after it give the detail."""

from __future__ import annotations

from fibromap.analysis.answers import FEWEST, Places
from fibromap.analysis.hours import night_text, timed
from fibromap.analysis.report_data import ReportData
from fibromap.domain.atlas import Atlas
from fibromap.domain.flare import IMPACT_LEVELS
from fibromap.domain.wording import STILL_GOING_TEXT, counted, duration_text
from fibromap.report.layout import Section, text_section
from fibromap.report.scores import short_scores

NAMED = 3    # triggers and treatments named in a line, for a period of a week or more
IMPACT_NAMES = {"walking": "Walking", "fine_motor": "Fine motor tasks (buttons, writing)",
                "sleep": "Sleep", "work": "Work"}
SHORT = 7    # days: a shorter period has no weekly chart and names the hours here


def summary(data: ReportData, atlas: Atlas) -> Section:
    s = data.summary
    if not s.flares:
        lines = ["No flares were recorded in this period."
                 + ("" if data.checkin_days else " Nor any check-in: no records is not the same "
                    "as no flares.")]
        if data.checkin_days:
            lines.append(f"Daily check-ins on {counted(data.checkin_days, 'days')}: see below.")
        if short(data):
            lines += [short_scores(data),
                      f"Compared with the previous period: {data.comparison.refused}"]
        return text_section("Summary", [line for line in lines if line])
    impacts = impact_lines(data)
    lines = [_how_often(data), _how_strong(data), _duration_line(data),
             "" if hours_named(data) else f"Time of day: {night_text(data.hours, s.flares)}.",
             _where(data, atlas), _worse_or_better(data), _felt(data),
             "" if impacts and not short(data) else
             "Impact on daily life: " + (" ".join(impacts) if impacts else
                                         "not rated (walking, fine motor tasks, sleep, work).")]
    if short(data):  # said here rather than under headings of their own
        lines += [short_scores(data),
                  f"Compared with the previous period: {data.comparison.refused}"]
    return text_section("Summary", [line for line in lines if line])


def short(data: ReportData) -> bool:
    """A period shorter than a week: its few figures go in the summary, for one page."""
    return data.period.days < SHORT


def named(data: ReportData) -> int:
    """How many triggers and treatments the summary names: all of a short period's."""
    return max(len(data.triggers), len(data.treatments)) if short(data) else NAMED


def impact_lines(data: ReportData) -> list[str]:
    """What flares got in the way of, a line for each area rated."""
    lines = []
    for figure in data.impacts:
        if figure.rated:
            levels = ", ".join(f"{IMPACT_LEVELS[i]} {n}" for i, n in enumerate(figure.levels) if n)
            lines.append(f"{IMPACT_NAMES[figure.area]}: rated in {figure.rated} of "
                         f"{counted(data.summary.flares, 'flares')} ({levels}).")
    return lines


def _how_often(data: ReportData) -> str:
    s, days = data.summary, data.period.days
    line = (f"How often: {counted(s.flares, 'flares')} on {s.days_with_flares} of "
            f"{counted(days, 'days')}")
    if days < SHORT:  # a weekly rate from less than a week would be a guess
        hours = [f"{h:02d}:00 ({n})" for h, n in enumerate(data.hours) if n]
        return (line + " (shorter than a week: no weekly rate or chart)."
                + (f" Hours they began in: {', '.join(hours)}." if hours else ""))
    return line + f": {s.rate.words()}."


def _how_strong(data: ReportData) -> str:
    s = data.summary
    if not s.sites:
        return "How strong: every region marked was rated 0 (no pain)."
    unrated = (f"; {counted(s.unrated_zones, 'referred zones')} not rated are left out"
               if s.unrated_zones else "")
    return (f"How strong (0–10): mean {s.mean_intensity:.1f}, highest {s.max_intensity}, over "
            f"{counted(s.sites, 'marks')} in pain on {counted(data.regions_in_pain, 'different regions')} "
            f"(a mark: one region in one flare; 0 is not pain{unrated}).")


def _duration_line(data: ReportData) -> str:
    """The median length of the flares with one, and how many had none, and why: still going
    (as the person said) or not given. The two are never merged."""
    line = ("Typical duration: " + duration_text(round(data.median_duration_s))
            + f" (median of {counted(data.lengths_known, 'flares')} with a length)"
            if data.median_duration_s else "Typical duration: no flare has a length given")
    without = [f"{counted(n, 'flares')} {words}" for n, words in (
        (data.still_going, f"{STILL_GOING_TEXT} when recorded"),
        (data.length_not_given, "with no length given"))
        if n]
    return line + ("; " + ", ".join(without) if without else "") + "."


def places_text(now: Places, before: Places | None, atlas: Atlas, days: int) -> str:
    """One sentence with its numbers: how many flares touched the most frequent regions."""
    share = now.share
    if share is None:
        return "The same spot or moving around: no region was felt (every mark was 0)."
    names = ", ".join(atlas.name(r).lower() for r in now.top)
    if now.flares < FEWEST:
        where = (f"{counted(now.flares, 'flares')} touched {counted(now.regions, 'regions')}"
                 + (f" ({names})" if now.regions <= len(now.top) else ""))
    elif now.regions <= len(now.top):  # every region is among the most frequent
        where = (f"{'both' if now.flares == 2 else 'all'} {counted(now.flares, 'flares')} "
                 f"touched only {counted(now.regions, 'regions')} ({names})"
                 if now.flares > 1 else f"1 flare, touching {counted(now.regions, 'regions')} ({names})")
    else:
        where = (f"{share:.0%} of the {counted(now.flares, 'flares')} touched one of the "
                 f"{len(now.top)} most frequent regions ({names}); "
                 f"{counted(now.regions, 'different regions')} in all")
    text = f"The same spot or moving around: {now.verdict.lower()} — {where}"
    if before is not None and before.share is not None:
        text += (f"; in the previous {counted(days, 'days')}, {before.share:.0%} of "
                 f"{counted(before.flares, 'flares')} in its {len(before.top)} most frequent, "
                 f"{counted(before.regions, 'regions')} in all")
    elif before is not None:
        text += f"; no flares in the previous {counted(days, 'days')}"
    return text + "."


def _where(data: ReportData, atlas: Atlas) -> str:
    return places_text(data.places, data.places_before, atlas, data.period.days)


def _worse_or_better(data: ReportData) -> str:
    total = data.summary.flares
    shown = named(data)
    triggers = [f"{label} ({n} of {total})" for _k, label, n in data.triggers[:shown]]
    rated = [(label, n, mean) for _k, label, n, mean in data.treatments if n and mean is not None]
    helped = [f"{label} {mean:.1f} of 10 ({n}×)" for label, n, mean in rated[:shown]]
    worse = ("logged most often with flares: " + ", ".join(triggers)
             + _more(len(data.triggers), shown) if triggers else "no trigger logged")
    better = ("most relief: " + ", ".join(helped) + _more(len(rated), shown) if helped
              else "no relief rated")
    return f"Worse or better: {worse}; {better}."


def _more(count: int, shown: int) -> str:
    return f" and {count - shown} more (listed below)" if count > shown else ""


def _felt(data: ReportData) -> str:
    if not data.qualities:
        return "What it felt like: no words chosen for the feeling."
    felt = [f"{label} {n}" for _k, label, n in data.qualities]
    return (f"What it felt like: {', '.join(felt)} (of {counted(data.summary.flares, 'flares')}; "
            "one may have several words).")


def hours_named(data: ReportData) -> bool:
    """Whether the summary names the hours (a short period) instead of a chart."""
    return data.period.days < SHORT and timed(data.hours) > 0
