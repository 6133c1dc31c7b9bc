"""How times and region lists read on screen (lengths: fibromap.domain.wording)."""

from __future__ import annotations

from fibromap.domain.atlas import Atlas


def regions_text(regions, atlas: Atlas, shown: int = 3) -> str:
    names = [atlas.name(region) for region in regions]
    text = ", ".join(names[:shown])
    return text + (f" +{len(names) - shown} more" if len(names) > shown else "")


def onset_text(flare, year: bool = True) -> str:
    """When a flare began, as shown: "Sun 01 Mar 2026, 14:05", or for a flare known only
    to the day "Sun 01 Mar 2026 (time not known)"."""
    day = f"{flare.onset:%a %d %b}" + (f" {flare.onset:%Y}" if year else "")
    return f"{day} (time not known)" if flare.day_only else f"{day}, {flare.onset:%H:%M}"
