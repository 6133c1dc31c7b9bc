"""One device's record of a night or a day met again in another import: what is kept.

Importing again changes nothing, whatever the order of a fuller export and a partial one
(a single Fitbit file, an export made before the night was over): a record is replaced only
by a fuller one (longer in bed; then knowing, and more, minutes asleep; then stages), and
what the kept one leaves unknown (the UTC offset, a stage) is taken from the other. A day's
steps only ever go up: a partial file holds part of a day, a later export all of it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from fibromap.domain.device_data import DeviceSleep, DeviceSource, Moment

UNNAMED = ""  # a time zone whose name is not known (stored so, too, by migration 0013)
MINUTES = ("asleep_minutes", "awake_minutes", "awakenings", "light_minutes", "deep_minutes",
           "rem_minutes")


@dataclass(frozen=True, slots=True)
class Placement:
    """How an export placed one device's times: the time zone it read them in (None: it
    named none, so clock times stay as written and steps fall on UTC days; UNNAMED: a zone
    whose name is not known, this computer's where it has none FibroMap can find), and the
    UTC instants of the first and last step it counted (None without steps)."""

    zone: str | None
    first_step: datetime | None = None
    last_step: datetime | None = None


@dataclass(frozen=True, slots=True)
class DeviceZone:
    """The time zone a device's times were placed in where its export named none, kept for
    its next import (UNNAMED: a zone whose name is not known)."""

    source: DeviceSource
    zone: str


def _fullness(sleep: DeviceSleep) -> tuple:
    return (sleep.in_bed_minutes, sleep.asleep_minutes is not None, sleep.asleep_minutes or 0,
            sleep.has_stages, sleep.awakenings is not None, sleep.start.offset is not None)


def _placed(moment: Moment, offset: int | None) -> Moment:
    """A clock time with no offset given ``offset`` (the one the other record knew)."""
    if moment.offset is not None or offset is None:
        return moment
    return Moment(moment.utc - timedelta(minutes=offset), offset)


def combine(stored: DeviceSleep, incoming: DeviceSleep) -> DeviceSleep:
    """The record to keep of one night that ``stored`` and ``incoming`` both hold: the
    fuller one (``stored`` when neither is), completed from the other where it does not
    know."""
    kept, other = (incoming, stored) if _fullness(incoming) > _fullness(stored) else (stored, incoming)
    known = {name: getattr(other, name) for name in MINUTES
             if getattr(kept, name) is None and getattr(other, name) is not None}
    return replace(kept, start=_placed(kept.start, other.start.offset),
                   end=_placed(kept.end, other.end.offset), **known)


def combine_steps(stored: int, incoming: int) -> int:
    """A day's steps met again: the higher count (a partial file never lowers a day)."""
    return max(stored, incoming)
