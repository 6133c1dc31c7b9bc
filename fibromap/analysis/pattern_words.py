"""Patterns in plain words: one first sentence for each pattern a person can read in a fog,
then its figures (as insight_words.py does for the insights).

Sentences are whole templates with named fields; counts are said by ``ngettext``.
"""

from __future__ import annotations

from collections.abc import Callable

from fibromap.analysis.comparison_words import association_words
from fibromap.analysis.device_insights import Rhythm
from fibromap.analysis.insight_words import lead
from fibromap.analysis.patterns import Spread
from fibromap.i18n import N_, _, formats, ngettext

# The same bounds as patterns.spread's summary: the share of the marks on the top regions.
SAME_SPOTS = 0.6
MOVING = 0.35

NO_FLARES = N_("No flares in this period.")
SAME = N_("Your spasms mostly came back to the same few spots.")
MOVED = N_("Your spasms moved around, with no spot standing out.")
MIXED = N_("Your spasms had a few regular spots and moved around too.")
RHYTHM = N_("You usually went to bed around {bed} and woke around {wake}.")
ROUND_MINUTES = 5


def spread_lead(spread: Spread) -> str:
    """Same spot or moving around, in one sentence (the regions follow in its figures)."""
    if not spread.weeks_with_flares:
        return _(NO_FLARES)
    if spread.top_share >= SAME_SPOTS:
        return _(SAME)
    return _(MOVED if spread.top_share <= MOVING else MIXED)


def spread_figures(spread: Spread, name: Callable[[str], str]) -> str:
    """The figures under it: the regions marked most, their share, how many in all and a
    week ("" with no week of flares)."""
    if not spread.weeks_with_flares:
        return ""
    regions, weeks = spread.distinct_regions, spread.weeks_with_flares
    return _("{share} of the marks were on the {names}. {regions} in all, on average "
             "{per_week} different regions a week, over {weeks} with flares.").format(
        names=_(", ").join(formats.in_sentence(name(region)) for region in spread.top_regions),
        share=formats.percent(spread.top_share),
        regions=ngettext("{count} region", "{count} regions", regions).format(
            count=formats.whole(regions)),
        per_week=formats.decimal(spread.regions_per_week, 1),
        weeks=ngettext("{count} week", "{count} weeks", weeks).format(count=formats.whole(weeks)))


def rounded_clock(text: str) -> str:
    """"22:49" to the nearest 5 minutes, "22:50", for the first sentence."""
    hours, minutes = (int(part) for part in text.split(":"))
    total = round((hours * 60 + minutes) / ROUND_MINUTES) * ROUND_MINUTES % 1440
    return f"{total // 60:02d}:{total % 60:02d}"


def rhythm_leads(rhythm: Rhythm) -> tuple[str, str]:
    """Bedtime and waking, and irregular bedtimes against that night's spasms: a first
    sentence for each."""
    return (_(RHYTHM).format(bed=rounded_clock(rhythm.bedtime[1]),
                          wake=rounded_clock(rhythm.wake_time[1])),
            lead(rhythm.comparison))


def rhythm_figures(rhythm: Rhythm) -> str:
    """The exact times and, once it has enough nights, the comparison's figures."""
    bed_low, bed, bed_high = rhythm.bedtime
    wake_low, wake, wake_high = rhythm.wake_time
    times = _("Half the nights began {bed_low}–{bed_high} (middle {bed}) and ended "
              "{wake_low}–{wake_high} (middle {wake}); {nights}.").format(
        bed=bed, bed_low=bed_low, bed_high=bed_high, wake=wake, wake_low=wake_low,
        wake_high=wake_high, nights=ngettext("{count} measured night", "{count} measured nights",
                                             rhythm.nights).format(count=formats.whole(rhythm.nights)))
    c = rhythm.comparison
    if not c.enough:
        return times  # its first sentence says how many more nights it needs
    return "\n".join((times, _(
        "{exposed} night-time flares after an irregular bedtime, {other} after others; "
        "{n_exposed} + {n_other} = {nights}. {association}.").format(
        exposed=formats.decimal(c.mean_exposed or 0.0, 2),
        other=formats.decimal(c.mean_other or 0.0, 2), n_exposed=c.n_exposed, n_other=c.n_other,
        nights=ngettext("{count} night", "{count} nights", c.days).format(
            count=formats.whole(c.days)), association=association_words())))
