"""The time of day flares begin: what share fell at night, said with what it rests on.

Flares known only to the day (daily ratings brought from another app) have no hour: they
are left out of every hour-of-day figure, and the text says how many were left out."""

from __future__ import annotations

from fibromap.i18n import _, formats, ngettext

NIGHT_HOURS = range(0, 8)  # midnight to 8 am


def timed(hours: list[int]) -> int:
    """How many flares have a known hour."""
    return sum(hours)


def night_share(hours: list[int]) -> float | None:
    """The share of the flares with a known hour that began between midnight and 8 am."""
    known = timed(hours)
    return sum(hours[h] for h in NIGHT_HOURS) / known if known else None


def night_text(hours: list[int], flares: int, short: bool = False) -> str:
    """E.g. "31% began between midnight and 8 am (of 40 flares whose time is known; 12 known
    only to the day are left out)"; empty when there is no flare. ``short`` for a chart's
    title: empty when no flare has a time."""
    known = timed(hours)
    untimed = flares - known
    if not flares:
        return ""
    if not known:
        return "" if short else ngettext(
            "the time of day is not known for any of the {count} flares (each is known only "
            "to the day)",
            "the time of day is not known for any of the {count} flares (each is known only "
            "to the day)", flares).format(count=formats.whole(flares))
    share = formats.percent(night_share(hours) or 0.0)
    if untimed and short:
        return _("{share} began between midnight and 8 am ({untimed} without a time left "
                 "out)").format(share=share, untimed=formats.whole(untimed))
    if untimed:
        return ngettext("{share} began between midnight and 8 am (of the {known} flare whose "
                        "time is known; {untimed} known only to the day left out)",
                        "{share} began between midnight and 8 am (of the {known} flares whose "
                        "time is known; {untimed} known only to the day left out)",
                        known).format(share=share, known=formats.whole(known),
                                      untimed=formats.whole(untimed))
    return _("{share} began between midnight and 8 am").format(share=share)
