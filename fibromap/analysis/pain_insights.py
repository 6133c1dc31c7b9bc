"""Overall pain (the check-in's 0–10 answer) as an outcome beside flares: after a poor
night against a better one, and in the 30 days before a medication started against after.

A day counts only when its pain was answered: a day without an answer is missing, never
0 (and a day with one was observed: it has a check-in). The comparisons are made only once
some day of the period has an answer, and they go through the same statistics as every
other (shifts.py): the difference in means with its interval from the exposure slid along
the days, adjusted with all the others by Benjamini–Hochberg.
"""

from __future__ import annotations

from datetime import date, timedelta

from fibromap.analysis.insights import (
    Comparison,
    Observed,
    around,
    compare,
    poor_night,
    poor_night_words,
    since,
    window_sides,
)
from fibromap.domain.daily import CheckIn, Medication
from fibromap.i18n import N_, _, formats

OUTCOME = N_("overall pain (0–10)")


def _pain(checkins: list[CheckIn]) -> dict[date, int]:
    return {c.day: c.pain for c in checkins if c.pain is not None}


def pain_after_sleep(checkins: list[CheckIn], observed: Observed) -> list[Comparison]:
    """Pain the day of a poor night's check-in (the night before it) and the day after,
    against after a better night; none when no pain was answered."""
    pain = _pain(checkins)
    if not pain:
        return []
    nights = {c.day: poor_night(c) for c in checkins}
    results = []
    for title, later in ((_("Poor sleep and overall pain the same day"), 0),
                         (_("Poor sleep and overall pain the next day"), 1)):
        # The check-in's day is the day after its night: the next day, then two days later.
        rows = []
        for day, poor in sorted(nights.items()):
            outcome_day = day + timedelta(days=later)
            if poor is None or outcome_day not in pain or outcome_day not in observed:
                continue
            rows.append((day, poor, float(pain[outcome_day])))
        results.append(compare(title, _("after a poor night ({poor_night})").format(
                                   poor_night=poor_night_words()), _("after a better night"), OUTCOME, rows,
                               rating=True,
                               kind=f"sleep.pain.{later + 1}"))
    return results


def pain_after_medication(medications: list[Medication], checkins: list[CheckIn],
                          first_day: date, last_day: date, observed: Observed,
                          window: int = 30) -> list[Comparison]:
    """Pain in the ``window`` days before each medication started against after, on the
    days it was answered; none when no pain was answered."""
    pain = _pain(checkins)
    if not pain:
        return []
    background = {day: float(level) for day, level in pain.items()
                  if first_day <= day <= last_day and day in observed}
    results = []
    for medication in medications:
        start = medication.start
        after = since(start)
        rows = [(day, after(day), float(pain[day]))
                for day in around(start, first_day, last_day, window)
                if day in pain and day in observed]
        results.append(compare(_("{medication} started {day}, and overall pain").format(
                                   medication=f"{medication.name} {medication.dose}".strip(),
                                   day=formats.day(start)),
                               *window_sides(window), OUTCOME, rows, rating=True, background=background,
                               kind="medication.pain", medication=medication.name,
                               window=str(window)))
    return results
