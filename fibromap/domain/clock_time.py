"""A time on the person's own clock and the instants it names.

A time on the clock names one instant, except where the clocks change: in the hour they
go back it names two (the first before the change, the second after it), and in the hour
they go forward it names none. The clock is the system's local time (the TZ variable or
the system's own setting), as datetime.astimezone() reads it everywhere in FibroMap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from fibromap.domain.wording import duration_text
from fibromap.i18n import _, formats


@dataclass(frozen=True, slots=True)
class ClockTime:
    """``wall``, a time on the local clock (naive), and the instants it names, earliest
    first: one; two in the hour that came twice; none in the hour that was skipped."""

    wall: datetime
    instants: tuple[datetime, ...]
    # Where the clock stood on either side of the change: its offset before, and after.
    offsets: tuple[timedelta, timedelta]

    @classmethod
    def of(cls, wall: datetime) -> ClockTime:
        """The instants of ``wall`` on the local clock (an offset it carries is ignored)."""
        wall = wall.replace(tzinfo=None, fold=0)
        # fold=0 and fold=1 are the two readings Python gives a wall time (PEP 495): the
        # same instant once, two instants in the repeated hour, and in the skipped hour
        # two instants whose own clock times are not ``wall``.
        readings = [wall.replace(fold=fold).astimezone() for fold in (0, 1)]
        found: list[datetime] = []
        for reading in readings:
            if reading.replace(tzinfo=None) == wall and reading not in found:
                found.append(reading)
        before, after = sorted(readings)  # earliest instant: the offset before the change
        return cls(wall, tuple(sorted(found)), (_offset(before), _offset(after)))

    @property
    def repeated(self) -> bool:
        return len(self.instants) == 2

    @property
    def skipped(self) -> bool:
        return not self.instants

    @property
    def needs_an_answer(self) -> bool:
        """Whether the clock time alone does not say which instant was meant."""
        return len(self.instants) != 1

    def index(self, moment: datetime | None) -> int | None:
        """Which of the instants ``moment`` is (0 the first), or None."""
        if moment is None or moment.tzinfo is None:
            return None
        # Compared in UTC: Python never finds the second reading of a repeated time equal
        # to a time with another kind of zone (PEP 495).
        found = [i for i, instant in enumerate(self.instants)
                 if instant.astimezone(UTC) == moment.astimezone(UTC)]
        return found[0] if found else None

    def moved(self) -> datetime:
        """For a skipped time, the instant the clock showed after the change: 02:30 on a
        clock that went from 02:00 to 03:00 was 03:30 on the new one; else the first."""
        if self.instants:
            return self.instants[0]
        return (self.wall - self.offsets[0]).replace(tzinfo=UTC).astimezone()

    def stand_in(self) -> datetime:
        """An aware time that shows ``wall`` (a draft keeps it while the person has not
        said which instant was meant): the first instant, or the clock before a skip."""
        if self.instants:
            return self.instants[0]
        return self.wall.replace(tzinfo=timezone(self.offsets[0]))

    # -- words -------------------------------------------------------------------------
    def _day(self) -> str:
        # "Sun 8 Mar", as "When" shows it
        return formats.dated(self.wall, f"%a {self.wall.day} %b", "MMMEd")

    def _change(self) -> str:
        jump = abs(self.offsets[1] - self.offsets[0])
        return _("an hour") if jump == timedelta(hours=1) else duration_text(int(jump.total_seconds()))

    def question(self) -> str:
        """What is asked under the time (empty when nothing need be asked)."""
        if self.repeated:
            return _("The clocks went back {change} that night, so {time} came twice. Which one "
                     "was it?").format(change=self._change(), time=formats.clock(self.wall))
        if self.skipped:
            return _("There was no {time} on {day}: the clocks went forward {change} that "
                     "night.").format(time=formats.clock(self.wall), day=self._day(),
                                      change=self._change())
        return ""

    def option(self, index: int) -> str:
        """The words of the first (0) or second (1) of a repeated time."""
        moment = self.instants[index]
        name = moment.tzname() or ""
        zone = f"{name}, " if name[:1].isalpha() else ""  # "+0530" is no name
        words = (_("The first ({zone}{offset})"), _("The second ({zone}{offset})"))[index]
        return words.format(zone=zone, offset=offset_text(_offset(moment)))

    def problem(self) -> str:
        """Why a flare at this time cannot be saved yet, as a clause after "Not saved:"."""
        if self.repeated:
            return _("{time} came twice on {day} (the clocks went back): choose the first or "
                     "the second under “When”").format(time=formats.clock(self.wall),
                                                        day=self._day())
        if self.skipped:
            return _("there was no {time} on {day} (the clocks went forward {change}): give a "
                     "time that happened, such as {moved}").format(
                time=formats.clock(self.wall), day=self._day(), change=self._change(),
                moved=formats.clock(self.moved()))
        return ""


def offset_text(offset: timedelta) -> str:
    """"UTC+02:00", "UTC−05:00" (a true minus sign), "UTC+05:30"."""
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def _offset(moment: datetime) -> timedelta:
    offset = moment.utcoffset()
    assert offset is not None, "astimezone() gives an aware time"
    return offset
