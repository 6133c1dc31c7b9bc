"""The time of day flares begin: what share fell at night, said with what it rests on.

Flares known only to the day (daily ratings brought from another app) have no hour: they
are left out of every hour-of-day figure, and the text says how many were left out."""

from __future__ import annotations

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
        return "" if short else (f"the time of day is not known for any of the {flares} "
                                 "flares (each is known only to the day)")
    text = f"{night_share(hours):.0%} began between midnight and 8 am"
    if untimed and short:
        text += f" ({untimed} without a time left out)"
    elif untimed:
        text += (f" (of the {known} flare{'s' if known != 1 else ''} whose time is known; "
                 f"{untimed} known only to the day left out)")
    return text
