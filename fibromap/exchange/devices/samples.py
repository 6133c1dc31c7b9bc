"""A device database's values as they may be stored (Gadgetbridge's): a number, a number
written as text, a time in seconds or in milliseconds; and the samples left out, counted
by device and reason, each reason said once in the import's "Left out" note."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from fibromap.domain.device_data import DeviceSource
from fibromap.i18n import formats, ngettext

# A time of 10^11 or more is not in seconds (that would be the year 5138) but in
# milliseconds (10^11 ms is March 1973); it is divided by 1,000 until below.
SECONDS_BELOW = 10**11


def number(value: object) -> float | None:
    """A stored number, or one written as text ("12", " 12.0 "); None for anything else
    (other text, bytes, NULL, a number that is not finite)."""
    if type(value) is int:  # nearly every value: read at once
        return float(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, int | float):
        found = float(value)
        return found if math.isfinite(found) else None
    return None


def seconds(value: object) -> float | None:
    """A stored time as seconds since 1970 (UTC): a number of seconds or milliseconds (told
    apart by size), or a date and time written as text (UTC where it names no offset)."""
    if type(value) is int and -SECONDS_BELOW < value < SECONDS_BELOW:
        return value
    found = number(value)
    if found is None and isinstance(value, str):
        try:
            written = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        if written.tzinfo is None:
            written = written.replace(tzinfo=UTC)
        return written.timestamp()
    if found is None:
        return None
    while abs(found) >= SECONDS_BELOW:
        found /= 1000
    return found


def shown(value: object) -> str:
    """A stored value as the note shows it: text in quotes, cut short."""
    text = repr(value) if isinstance(value, str | bytes) else str(value)
    return text if len(text) <= 30 else text[:29] + "…"


class LeftOut:
    """Samples left out, by device and reason: how many, and the first of them."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str], list] = {}

    def add(self, source: DeviceSource, reason: str, first: str, about: str = "") -> None:
        """One more sample left out for ``reason`` (one of REASONS; ``about``, the days
        a record may have or the most steps a minute, where the reason names it)."""
        tally = self._found.setdefault((source.device, reason), [0, first, about])
        tally[0] += 1

    def lines(self) -> list[str]:
        """"3 samples of Mi Band 6 with a time that cannot be read (the first: 'soon')",
        in the person's language."""
        return [said(reason, n).format(n=formats.whole(n), device=device, first=first,
                                       about=about)
                for (device, reason), (n, first, about) in self._found.items()]


# Why a sample was left out.
TIME, OUTSIDE, STEPS, NEGATIVE, TOO_MANY, KIND = (
    "time", "outside", "steps", "negative", "too many", "kind")


def said(reason: str, n: int) -> str:
    """The line of ``n`` samples left out for ``reason`` ({n}, {device}, {first}, {about})."""
    if reason == TIME:
        return ngettext("{n} sample of {device} with a time that cannot be read (the first: "
                        "{first})", "{n} samples of {device} with a time that cannot be read "
                        "(the first: {first})", n)
    if reason == OUTSIDE:
        return ngettext("{n} sample of {device} dated outside {about} (the first: {first})",
                        "{n} samples of {device} dated outside {about} (the first: {first})", n)
    if reason == STEPS:
        return ngettext("{n} sample of {device} with a step count that cannot be read (the "
                        "first: {first})", "{n} samples of {device} with a step count that "
                        "cannot be read (the first: {first})", n)
    if reason == NEGATIVE:
        return ngettext("{n} sample of {device} with a negative step count (the first: "
                        "{first})", "{n} samples of {device} with a negative step count (the "
                        "first: {first})", n)
    if reason == TOO_MANY:
        return ngettext("{n} sample of {device} with more than {about} steps in a minute (the "
                        "first: {first})", "{n} samples of {device} with more than {about} "
                        "steps in a minute (the first: {first})", n)
    return ngettext("{n} sample of {device} with a kind of activity that cannot be read (the "
                    "first: {first})", "{n} samples of {device} with a kind of activity that "
                    "cannot be read (the first: {first})", n)
