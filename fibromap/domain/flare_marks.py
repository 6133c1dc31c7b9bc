"""The flare being marked on the body map: which regions are marked, how strong and of
what kind each is, where the pain spreads, which region is current, and whether the
person is showing where the pain of a source spreads to (referral mode).

A plain, evented model: the body map (ui/bodymap/body_map_widget.py) draws it and sends
the person's clicks and keys to it; the Log view builds its flare from it; tests use it
without a screen. Each edit emits each of its events at most once, after the whole edit,
and only when something changed. Zoom and which views are shown are not here: they are
how one map looks at the flare, not part of it (another map of the same flare may zoom
elsewhere, and undoing a mark should not move the view).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from fibromap.domain.events import Event
from fibromap.domain.flare import INTENSITY_MAX, Referral, SiteRole, SpasmSite

Link = tuple[str, str]  # (source region, zone region)
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Mark:
    """A marked region: its intensity (None until rated) and its kind."""

    intensity: int | None
    role: SiteRole = SiteRole.SPASM


class Refusal(Enum):
    """Why an edit was not made; the interface says it in words."""

    NO_SOURCE = "no source"            # referral mode starts from a marked spasm or trigger point
    ZONE_IS_SOURCE = "zone is source"  # a spasm or trigger point cannot be a referred zone too
    ZONE_KIND = "zone kind"            # a referred zone is made and unmade by referral mode


class MarkEvents:
    """What a FlareMarks tells the ones who connect to it."""

    def __init__(self) -> None:
        # (regions): marks or referrals changed; the regions whose mark or arrows changed
        self.changed = Event("changed")
        # (previous, current): another region (or none) is current
        self.current = Event("current")
        # (source or None): referral mode started from ``source``, or ended
        self.referral_mode = Event("referral_mode")
        # (Refusal, region or None): an edit was refused, and why
        self.refused = Event("refused")


def _one_change(method: F) -> F:
    """An edit: its events go out once it is whole, even when it is made of other edits."""
    @functools.wraps(method)
    def edit(self: FlareMarks, *args: Any, **kwargs: Any) -> Any:
        if self._depth == 0:
            self._before = self._state()
        self._depth += 1
        try:
            return method(self, *args, **kwargs)
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._announce(self._before)
    return edit  # type: ignore[return-value]


class FlareMarks:
    """The marks of one flare. ``order`` is the order sites are listed in (the map's
    drawing order); regions not in it follow in the order they were marked."""

    def __init__(self, order: Iterable[str] = ()):
        self.events = MarkEvents()
        self._rank = {region: index for index, region in enumerate(order)}
        self._marks: dict[str, Mark] = {}
        self._links: dict[Link, int | None] = {}  # in the order they were drawn
        self._current: str | None = None
        self._source: str | None = None  # referral mode's source
        self._depth = 0
        self._before: tuple = ()

    # -- reading -----------------------------------------------------------------------
    @property
    def current(self) -> str | None:
        """The region the panel and the keys act on."""
        return self._current

    @property
    def referral_source(self) -> str | None:
        """The region whose pain is being linked to its zones (None: not in referral mode)."""
        return self._source

    @property
    def referral_mode(self) -> bool:
        return self._source is not None

    def mark_of(self, region: str) -> Mark | None:
        """The region's mark, None when it is not part of the flare."""
        return self._marks.get(region)

    def is_marked(self, region: str) -> bool:
        return region in self._marks

    def marks(self) -> list[tuple[str, Mark]]:
        """Every marked region with its mark, rated or not, in a stable order."""
        last = len(self._rank)
        return sorted(self._marks.items(), key=lambda pair: self._rank.get(pair[0], last))

    def sites(self) -> list[SpasmSite]:
        """The marked regions that can be saved, in a stable order: each rated, or a
        referred zone (which may stay unrated: "referred, not rated")."""
        return [SpasmSite(region, mark.intensity, mark.role) for region, mark in self.marks()
                if mark.intensity is not None or mark.role is SiteRole.REFERRED]

    def unrated_regions(self) -> list[str]:
        """Every marked region without an intensity, referred zones included."""
        return [region for region, mark in self.marks() if mark.intensity is None]

    def links(self) -> list[Link]:
        """Every referral (source, zone), rated or not, in the order they were made."""
        return list(self._links)

    def link_marks(self) -> list[tuple[str, str, int | None]]:
        """Every referral with its intensity, None where not given yet."""
        return [(source, zone, intensity) for (source, zone), intensity in self._links.items()]

    def referrals(self) -> list[Referral]:
        """Every referral, its intensity None while its zone is not rated."""
        return [Referral(source, zone, intensity) for source, zone, intensity in self.link_marks()]

    # -- marking ---------------------------------------------------------------------------
    @_one_change
    def mark(self, region: str, intensity: int | None = None,
             role: SiteRole = SiteRole.SPASM) -> None:
        """Mark ``region`` as ``role``; without ``intensity`` it keeps the one it has."""
        role = SiteRole(role)
        if intensity is None:
            mark = self._marks.get(region)
            intensity = mark.intensity if mark else None
        else:
            intensity = SpasmSite(region, intensity, role).intensity  # validates
        self._marks[region] = Mark(intensity, role)

    @_one_change
    def unmark(self, region: str) -> None:
        """Take a region out of the flare, with the referrals from and to it."""
        if self._marks.pop(region, None) is None:
            return
        for link in [link for link in self._links if region in link]:
            del self._links[link]
        if self._source == region:
            self.set_referral_mode(False)

    @_one_change
    def set_intensity(self, region: str, value: int) -> None:
        """Rate a region (marking it as a spasm if it is not marked); a referred zone's
        referrals take the same intensity (its own: never the source's)."""
        mark = self._marks.get(region)
        self.mark(region, value, mark.role if mark else SiteRole.SPASM)
        for link in self._links:
            if link[1] == region:
                self._links[link] = self._marks[region].intensity

    @_one_change
    def step_intensity(self, region: str, step: int) -> None:
        """One step stronger or weaker, kept within 0–10 (unrated counts as 0)."""
        mark = self._marks.get(region)
        now = mark.intensity if mark and mark.intensity is not None else 0
        self.set_intensity(region, max(0, min(INTENSITY_MAX, now + step)))

    @_one_change
    def set_role(self, region: str, role: SiteRole) -> None:
        """Make a marked source a spasm or a trigger point (an unmarked region is marked
        so); a referred zone is refused, as referral mode makes and unmakes it."""
        mark = self._marks.get(region)
        if mark is None:
            self.mark(region, role=role)
        elif role is SiteRole.REFERRED or mark.role is SiteRole.REFERRED:
            self.events.refused.emit(Refusal.ZONE_KIND, region)
        else:
            self.mark(region, mark.intensity, role)

    @_one_change
    def set_current(self, region: str | None) -> None:
        self._current = region

    @_one_change
    def activate(self, region: str) -> None:
        """What a click does: in referral mode, link or unlink the region as a zone;
        otherwise mark it (if it is not) and make it current."""
        if self._source is not None:
            self.toggle_referral(region)
            return
        if region not in self._marks:
            self.mark(region)
        self.set_current(region)

    # -- referral mode ------------------------------------------------------------------------
    @_one_change
    def set_referral_mode(self, on: bool) -> bool:
        """Start (from the current region) or end referral mode; False if it cannot start.
        Ending it makes the source current again."""
        if on and self._source is None:
            mark = self._marks.get(self._current) if self._current else None
            if mark is None or mark.role is SiteRole.REFERRED:
                self.events.refused.emit(Refusal.NO_SOURCE, self._current)
                return False
            self._source = self._current
        elif not on and self._source is not None:
            source, self._source = self._source, None
            self.set_current(source)
        return True

    @_one_change
    def toggle_referral(self, zone: str) -> None:
        """In referral mode: link the source to ``zone`` (marked as referred pain, not
        rated until the person rates it, and made current), or unlink it (a zone left with
        no referral is unmarked). A zone already rated keeps its rating for the new link."""
        source = self._source
        if source is None or zone == source:
            return
        link = (source, zone)
        if link in self._links:
            del self._links[link]
            if all(target != zone for _source, target in self._links):
                self.unmark(zone)
            return
        mark = self._marks.get(zone)
        if mark is not None and mark.role is not SiteRole.REFERRED:
            self.events.refused.emit(Refusal.ZONE_IS_SOURCE, zone)
            return
        if mark is None:  # the source's intensity is not the zone's: it waits for its own
            mark = self._marks[zone] = Mark(None, SiteRole.REFERRED)
        self._links[link] = mark.intensity
        self.set_current(zone)

    @_one_change
    def spread_to(self, zone: str) -> None:
        """Shift+click: pain spreads from the current region to ``zone`` (as referral mode
        would link it, in one step, without staying in that mode)."""
        if self._source is not None:
            self.toggle_referral(zone)
            return
        if not self.set_referral_mode(True):
            return
        self.toggle_referral(zone)
        self._source = None  # the zone stays current, for its intensity

    # -- the whole flare ---------------------------------------------------------------------
    @_one_change
    def clear(self) -> None:
        """Nothing marked, nothing current, referral mode ended."""
        self._source = None
        self._links.clear()
        self._marks.clear()
        self._current = None

    @_one_change
    def load(self, sites: Iterable[SpasmSite], referrals: Iterable[Referral] = ()) -> None:
        """Show a flare's sites and referrals (replacing what is marked)."""
        self.load_marks([(s.region, s.intensity, s.role) for s in sites],
                        [(r.source, r.target, r.intensity) for r in referrals])

    @_one_change
    def load_marks(self, marks: Iterable[tuple[str, int | None, SiteRole]],
                   links: Iterable[tuple[str, str, int | None]] = ()) -> None:
        """Like load(), but intensities may still be missing (an unsaved draft)."""
        self.clear()
        for region, intensity, role in marks:
            self._marks[region] = Mark(intensity, SiteRole(role))
        for source, zone, intensity in links:
            self._links[(source, zone)] = intensity

    # -- events ----------------------------------------------------------------------------
    def _state(self) -> tuple:
        return dict(self._marks), dict(self._links), self._current, self._source

    def _announce(self, before: tuple) -> None:
        """Emit what changed since ``before``: the marks first (so that a region is drawn
        right before it is made current), then the current region, then referral mode."""
        marks, links, current, source = before
        regions = self._changed_regions(marks, links)
        if regions:
            self.events.changed.emit(regions)
        if current != self._current:
            self.events.current.emit(current, self._current)
        if source != self._source:
            self.events.referral_mode.emit(self._source)

    def _changed_regions(self, marks: dict[str, Mark],
                         links: dict[Link, int | None]) -> frozenset[str]:
        """The regions whose mark, or a referral from or to them, is not as it was."""
        regions = {region for region in marks.keys() | self._marks.keys()
                   if marks.get(region) != self._marks.get(region)}
        regions.update(end for link in links.keys() ^ self._links.keys() for end in link)
        regions.update(link[1] for link, intensity in links.items()  # a referral re-rated
                       if link in self._links and self._links[link] != intensity)
        return frozenset(regions)
