"""How times and region lists read on screen (lengths: fibromap.domain.wording)."""

from __future__ import annotations

from fibromap.domain.atlas import Atlas
from fibromap.domain.clock_time import ClockTime, offset_text
from fibromap.i18n import _, formats


def regions_text(regions, atlas: Atlas, shown: int = 3) -> str:
    names = [atlas.name(region) for region in regions]
    text = ", ".join(names[:shown])
    more = _(" +{count} more").format(count=len(names) - shown)
    return text + (more if len(names) > shown else "")


def onset_text(flare, year: bool = True) -> str:
    """When a flare began, as shown: "Sun 01 Mar 2026, 14:05", or for a flare known only
    to the day "Sun 01 Mar 2026 (time not known)". In the hour the clocks went back, which
    of the two: "Sun 26 Oct 2025, 02:30 (before the clocks went back)"."""
    day = (formats.dated(flare.onset, "%a %d %b %Y", "yMMMEd") if year
           else formats.day_of_week(flare.onset))
    if flare.day_only:
        return _("{day} (time not known)").format(day=day)
    return _("{day}, {time}").format(day=day, time=formats.clock(flare.onset)) + _which_of_two(
        flare.onset)


def _which_of_two(onset) -> str:
    """Which of a repeated clock time ``onset`` was, on the person's clock; empty for a
    time that came once."""
    if onset.tzinfo is None:
        return ""
    clock = ClockTime.of(onset)
    if not clock.repeated:
        return ""
    which = clock.index(onset)
    if which is None:  # recorded on another clock: its offset tells the two apart
        return f" ({offset_text(onset.utcoffset())})"
    return (_(" (before the clocks went back)"), _(" (after the clocks went back)"))[which]
